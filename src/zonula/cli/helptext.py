"""CLI help in the chosen language: click help strings and click's own messages through zonula's catalog.

Click evaluates docstrings and `help=` texts when a module is imported, long before the language is
known, so they are kept in English (they are the msgids) and translated when help is rendered:
`LocalisedContext.get_help` swaps each text for its translation just for the rendering. Click's own
words ("Usage:", "Options", "No such option: ...") go through `gettext` in click's modules; those
modules are pointed at zonula's gettext, so they follow `--lang` like the rest of zonula.
"""

from __future__ import annotations

import gettext as _stdlib_gettext
import importlib
import inspect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from zonula import __version__
from zonula.i18n import current_language, gettext, ngettext, set_language

# Click modules whose messages are rendered at run time, when zonula's language is known: their
# `_`/`ngettext` are replaced by zonula's. `click.decorators` is left alone on purpose: it evaluates
# its texts ("Show this message and exit.") once, when a command is built, and stores them as
# option help, which `LocalisedContext` translates at render time like any other help text.
ROUTED_CLICK_MODULES = ("core", "exceptions", "formatting", "parser", "types", "termui", "utils",
                        "_termui_impl")
# Every click module whose messages zonula's catalog carries (see tools/update_catalog.py).
CLICK_MESSAGE_MODULES = (*ROUTED_CLICK_MODULES, "decorators")
# Click messages it translates with `_(variable)`, which extraction cannot see.
CLICK_EXTRA_MSGIDS = ("required",)
# Placeholder words click itself puts in help: usage pieces ("[OPTIONS]", "COMMAND [ARGS]...") and the
# metavars of its parameter types ("INTEGER"); the tree's own metavars are found by `help_msgids`.
CLICK_METAVAR_WORDS = ("OPTIONS", "COMMAND", "COMMAND1", "COMMAND2", "ARGS", "TEXT", "INTEGER", "FLOAT",
                       "BOOLEAN", "PATH", "FILENAME", "INTEGER RANGE", "FLOAT RANGE")
# A limit no summary reaches: `get_short_help_str(SUMMARY_LIMIT)` is a command's whole first sentence,
# its summary in a command list (its own msgid, so a list can show it without the full help).
SUMMARY_LIMIT = 1000

# A placeholder word in a metavar or usage piece: "DATE", "ENTRY_ID", "INTEGER RANGE" (a type's name).
_METAVAR_WORD = re.compile(r"\b[A-Z][A-Z0-9_]*(?: RANGE)?\b")
_SENTENCE = re.compile(r"^(.+?(?:[。！？]|[.!?](?=\s|$)))")
_CLAUSE_MARKS = "，、；：,;:"
# A wrapped line never starts with these (they stay on the line before, as in Chinese typesetting).
_NO_LINE_START = "，。、；：！？）》」』,.;:!?)"
# Wrapping units: a short bracketed note ("[默认：3]"), a run of whitespace, a run of printable ASCII
# (words, options, placeholders), or one other character.
_TOKEN = re.compile(r"\[[^\[\]\s]{1,24}\]|\s+|[\x21-\x7e]+|.", re.S)


def route_click_messages() -> None:
    """Make click's own messages (headings, errors) use zonula's catalog and language."""
    for name in ROUTED_CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) is _stdlib_gettext.gettext:
            module._ = gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is _stdlib_gettext.ngettext:
            module.ngettext = ngettext  # type: ignore[attr-defined]


def click_message_files() -> list[Path]:
    """The click source files whose gettext messages zonula translates."""
    folder = Path(inspect.getfile(click)).parent
    return [folder / f"{name}.py" for name in CLICK_MESSAGE_MODULES]


def help_msgid(text: str | None) -> str:
    """The msgid of a help text: the docstring dedented, cut at click's form feed."""
    if not text:
        return ""
    return inspect.cleandoc(text).partition("\f")[0].strip()


def translate_help(text: str | None) -> str | None:
    """A help text in the current language (unchanged when it has no translation)."""
    msgid = help_msgid(text)
    return gettext(msgid) if msgid else text


def metavar_words(metavar: str | None) -> list[str]:
    """The placeholder words of a metavar or usage piece ("COMMAND [ARGS]..." -> COMMAND, ARGS)."""
    return _METAVAR_WORD.findall(metavar or "")


def translate_metavar(metavar: str) -> str:
    """A metavar or usage piece with each placeholder word in the current language, brackets, dots and
    separators kept ("[OPTIONS]" -> "[选项]")."""
    return _METAVAR_WORD.sub(lambda word: gettext(word.group(0)), metavar)


def param_metavar(param: click.Parameter, ctx: click.Context) -> str | None:
    """The English metavar click shows for `param`, None when it lists literal values (a choice) or
    shows none (a flag)."""
    if isinstance(param, click.Option) and (param.is_flag or param.count):
        return None
    if param.metavar is None and param.type.get_metavar(param=param, ctx=ctx) is not None:
        return None
    return param.make_metavar(ctx)


def display_width(text: str) -> int:
    """Terminal columns taken by `text` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def short_help(text: str, limit: int) -> str:
    """The first sentence of a translated help text, cut to `limit` columns."""
    first = " ".join(text.partition("\n\n")[0].split())
    match = _SENTENCE.match(first)
    sentence = match.group(1) if match else first
    if display_width(sentence) <= limit:
        return sentence
    out = ""
    for ch in sentence:
        if display_width(out + ch) > limit - 2:
            break
        out += ch
    clause = max(out.rfind(mark) for mark in _CLAUSE_MARKS)
    if clause > len(out) // 2:
        out = out[:clause]
    return out + "…"


def command_short_help(command: click.Command, limit: int) -> str | None:
    """The short help of `command` in the current language, None to leave click's own: its summary's
    translation, else the first sentence of its translated help."""
    summary = command.get_short_help_str(SUMMARY_LIMIT)
    translated = gettext(summary) if summary else ""
    if translated == summary and not command.short_help:
        msgid = help_msgid(command.help)
        translated = gettext(msgid) if msgid else ""
        if translated == msgid:
            return None
    return short_help(translated, limit) if translated else None


def localised_short_help(command: click.Command, limit: int) -> str:
    """The short help of `command` for a command list, in the current language when translated."""
    return command_short_help(command, limit) or command.get_short_help_str(limit)


class _Swaps:
    """Attribute values replaced for one rendering, put back afterwards."""

    def __init__(self) -> None:
        self.saved: list[tuple[object, str, object]] = []

    def set(self, obj: object, attr: str, value: object) -> None:
        """Replace `obj.attr` by `value` until `restore`."""
        self.saved.append((obj, attr, getattr(obj, attr)))
        setattr(obj, attr, value)

    def restore(self) -> None:
        """Put every replaced value back, newest first."""
        for obj, attr, value in reversed(self.saved):
            setattr(obj, attr, value)
        self.saved.clear()


@contextmanager
def translated_help(ctx: click.Context) -> Iterator[None]:
    """Within the block, the context's command (its texts, its options' and its subcommands' short
    help) reads in the current language."""
    command = ctx.command
    swaps = _Swaps()
    try:
        for attr in ("help", "short_help", "epilog"):
            if getattr(command, attr, None):
                swaps.set(command, attr, translate_help(getattr(command, attr)))
        for attr in ("options_metavar", "subcommand_metavar"):
            piece = getattr(command, attr, None)
            translated = translate_metavar(piece) if piece else piece
            if translated != piece:
                swaps.set(command, attr, translated)
        for param in command.get_params(ctx):
            text = getattr(param, "help", None)
            if text:
                swaps.set(param, "help", translate_help(text))
            # The whole metavar (brackets and dots included) is set, which click then shows as it is.
            metavar = param_metavar(param, ctx)
            translated = translate_metavar(metavar) if metavar else metavar
            if translated != metavar:
                swaps.set(param, "metavar", translated)
        # Subcommands already loaded (never lazy ones: a group that loads lazily lists them itself).
        subcommands = [c for c in getattr(command, "commands", {}).values() if not c.hidden]
        if subcommands:
            limit = ctx.make_formatter().width - 6 - max(len(c.name or "") for c in subcommands)
            for sub in subcommands:
                text = command_short_help(sub, limit)
                if text is not None:
                    swaps.set(sub, "short_help", text)
        yield
    finally:
        swaps.restore()


def wrap_wide(text: str, width: int) -> list[str]:
    """Wrap text that may have no spaces (Chinese) to `width` terminal columns, paragraph by paragraph;
    ASCII words are never split."""
    lines: list[str] = []
    for number, paragraph in enumerate(re.split(r"\n\s*\n", text.strip())):
        if number:
            lines.append("")
        line = ""
        for token in _TOKEN.findall(paragraph):
            if token.isspace():
                token = " " if line else ""
            fits = display_width(line + token.rstrip()) <= width
            if fits or not line.strip() or token[0] in _NO_LINE_START:
                line += token
            else:
                lines.append(line.rstrip())
                line = token.lstrip()
        lines.append(line.rstrip())
    return lines


class WideTextFormatter(click.HelpFormatter):
    """A help formatter that wraps Chinese by terminal columns (click's wraps only at spaces)."""

    def write_heading(self, heading: str) -> None:
        """Write a heading with a full-width colon."""
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        """Write re-indented text, rewrapped, keeping paragraphs."""
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 11)
        self.write("\n".join(indent + line if line else "" for line in wrap_wide(text, width)) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Write a definition list (options, commands), the second column wrapped by columns."""
        rows = list(rows)
        first_col = min(max((display_width(first) for first, _second in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_wide(second, max(self.width - first_col - 2, 10))
            pad = " " * (first_col + self.current_indent)
            self.write(lines[0] + "\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in lines[1:]))


class LocalisedContext(click.Context):
    """A click context whose help is rendered in zonula's current language."""

    def make_formatter(self) -> click.HelpFormatter:
        """Click's formatter for English; one that wraps Chinese by columns otherwise."""
        if current_language() == "en":
            return super().make_formatter()
        return WideTextFormatter(width=self.terminal_width, max_width=self.max_content_width)

    def get_help(self) -> str:
        """The help page, translated."""
        with translated_help(self):
            return super().get_help()


def command_tree(command: click.Command, ctx: click.Context | None = None) -> Iterator[click.Command]:
    """`command` and every command below it, loading lazy ones when a context is given."""
    yield command
    if isinstance(command, click.Group):
        if ctx is None:
            children = list(command.commands.values())
        else:
            children = [c for c in (command.get_command(ctx, n) for n in command.list_commands(ctx))
                        if c is not None]
        for child in children:
            child_ctx = None if ctx is None else click.Context(child, info_name=child.name, parent=ctx)
            yield from command_tree(child, child_ctx)


@contextmanager
def in_english() -> Iterator[None]:
    """English in force within the block: commands are built in it, as click keeps some texts it
    translates while a command is built, and the msgids must be what it keeps."""
    language = current_language()
    set_language("en")
    try:
        yield
    finally:
        set_language(language)


def localise(command: click.Command) -> None:
    """Render help of `command` and of its subcommands in the current language."""
    for found in command_tree(command):
        found.context_class = LocalisedContext


def help_msgids(root: click.Command) -> dict[str, str]:
    """Every help text and metavar word of the command tree under `root` (msgid -> command name),
    loading lazy commands."""
    found: dict[str, str] = {}
    ctx = click.Context(root, info_name=root.name)
    for command in command_tree(root, ctx):
        texts = [command.help, command.short_help, command.epilog, command.get_short_help_str(SUMMARY_LIMIT)]
        texts += [getattr(p, "help", None) for p in command.params]
        for text in texts:
            msgid = help_msgid(text)
            if msgid:
                found.setdefault(msgid, command.name or "")
        command_ctx = click.Context(command, info_name=command.name)
        pieces = [command.options_metavar, getattr(command, "subcommand_metavar", None)]
        pieces += [param_metavar(p, command_ctx) for p in command.params]
        for piece in pieces:
            for word in metavar_words(piece):
                found.setdefault(word, command.name or "")
    return found


def show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`: print zonula's version in the current language and exit (click's own version
    option fixes its text when the command is built)."""
    if not value or ctx.resilient_parsing:
        return
    click.echo(gettext("%(prog)s, version %(version)s") % {"prog": "zonula", "version": __version__})
    ctx.exit()


def language_in_args(args: list[str]) -> str | None:
    """The value of a root `--lang` among the arguments before the subcommand, if any."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--lang":
            return args[index + 1] if index + 1 < len(args) else None
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--user":
            index += 1
        elif not arg.startswith("-") or arg == "--":
            return None
        index += 1
    return None
