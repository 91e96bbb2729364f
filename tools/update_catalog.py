"""Rebuild the gettext catalogs: extract every msgid, then fill Chinese from i18n/*.po (then the catalog).

Each area keeps its Chinese translations in `i18n/<area>.zh.po` (small files that merge without
conflicts); this tool extracts the messages from the source, takes each translation from those
files (the current catalog only fills what no file has; two files that disagree fail the run, so
a word whose translation depends on its use needs a `pgettext` context), and writes
`translations/zh_Hans/LC_MESSAGES/messages.po` (and an English catalog that maps every message to
itself). Run: `python tools/update_catalog.py`.

Besides `_()` calls, the catalog carries the CLI help (every command's docstring/help, short help,
option/argument help and the placeholder words of its metavars and usage, found by walking the click
command tree, lazy commands included) and click's own messages ("Usage:", "No such option: ..."),
extracted from click's source, with the words of its type metavars ("INTEGER"): all are translated
when help is rendered (see `zonula.cli.helptext`).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "zonula"
sys.path.insert(0, str(ROOT / "src"))  # this checkout's zonula, not an installed one
TRANSLATIONS = SRC / "translations"
# Fixed header dates keep the generated files stable, so branches merge without header conflicts.
STAMP = datetime(2026, 1, 1)


def extract_messages() -> Catalog:
    """Every message in the Python sources and the Jinja templates, the CLI help and click's messages."""
    catalog = Catalog(project="zonula", creation_date=STAMP, revision_date=STAMP)
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    for filename, lineno, message, comments, context in extract_from_dir(
            str(SRC), method_map=method_map, options_map=options):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    add_cli_help(catalog)
    return catalog


def add_cli_help(catalog: Catalog) -> None:
    """Add every help text of the `zonula` command tree and every message click itself prints."""
    from zonula.cli import main as cli
    from zonula.cli.helptext import CLICK_EXTRA_MSGIDS, CLICK_METAVAR_WORDS, click_message_files, help_msgids

    for msgid, command in help_msgids(cli).items():
        catalog.add(msgid, None, [(f"zonula {command} --help", 0)])
    for path in click_message_files():
        with path.open("rb") as fh:
            for lineno, message, _comments, context in extract("python", fh):
                catalog.add(message, None, [(f"click/{path.name}", lineno)], context=context)
    for msgid in CLICK_EXTRA_MSGIDS:
        catalog.add(msgid, None, [("click/core.py", 0)])
    for msgid in CLICK_METAVAR_WORDS:
        catalog.add(msgid, None, [("click/core.py (metavar)", 0)])


def known_translations() -> tuple[dict[tuple[str | None, object], object], list[str]]:
    """(context, msgid) -> Chinese msgstr, from i18n/*.po first, then the current catalog; conflicts.

    The i18n fragments are the source: a text changed there reaches the catalog. The generated
    catalog only fills msgids no fragment has. Two fragments that translate the same msgid in
    the same context differently are a conflict (give one of them a `msgctxt` if the meanings
    differ, e.g. a FODMAP level's "high" and a portion's).
    """
    found: dict[tuple[str | None, object], object] = {}
    origin: dict[tuple[str | None, object], str] = {}
    conflicts: list[str] = []
    fragments = sorted((ROOT / "i18n").glob("*.po"))
    for path in [*fragments, TRANSLATIONS / "zh_Hans" / "LC_MESSAGES" / "messages.po"]:
        if not path.exists():
            continue
        with path.open("rb") as fh:
            for message in read_po(fh, locale="zh_Hans"):
                string = message.string
                complete = all(string) if isinstance(string, tuple) else bool(string)
                if not (message.id and complete and not message.fuzzy):
                    continue
                key = (message.context, message.id)
                if key in found and path in fragments and found[key] != string:
                    conflicts.append(f"{message.id!r} (context {message.context!r}): {origin[key]} says "
                                     f"{found[key]!r}, {path.name} says {string!r}")
                if key not in found:
                    found[key] = string
                    origin[key] = path.name
    return found, conflicts


def main() -> int:
    """Write both catalogs; print and fail on untranslated messages."""
    template = extract_messages()
    known, conflicts = known_translations()
    zh = Catalog(locale="zh_Hans", project="zonula", creation_date=STAMP, revision_date=STAMP)
    en = Catalog(locale="en", project="zonula", creation_date=STAMP, revision_date=STAMP)
    missing = []
    for message in template:
        if not message.id:
            continue
        string = known.get((message.context, message.id))
        if string is None:
            missing.append(message.id)
        zh.add(message.id, string or None, locations=(), context=message.context)
        en.add(message.id, message.id, locations=(), context=message.context)
    for lang, catalog in (("zh_Hans", zh), ("en", en)):
        target = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as fh:
            write_po(fh, catalog, omit_header=False, sort_output=True, width=0)
    with (TRANSLATIONS / "messages.pot").open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True, width=0, no_location=True)
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    for conflict in conflicts:
        print(f"conflicting translations: {conflict}", file=sys.stderr)
    return 1 if missing or conflicts else 0


if __name__ == "__main__":
    raise SystemExit(main())
