"""Shared CLI plumbing: the context object, language, error mapping, Rich console."""

from __future__ import annotations

import gc
import importlib
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, cast

import click

from zonula.cli.helptext import (
    LocalisedContext,
    in_english,
    language_in_args,
    localise,
    localised_short_help,
    route_click_messages,
)
from zonula.config import Settings, load_settings
from zonula.errors import (
    ConfigError,
    ConflictError,
    ImportFileError,
    NotFoundError,
    PermissionDeniedError,
    SafetyLockError,
    SchemaVersionError,
    ValidationError,
    ZonulaError,
)
from zonula.i18n import _, language_from_environment, normalise_language, set_language

if TYPE_CHECKING:  # the service (SQLAlchemy) loads when a command first opens the diary; `--help` never does
    from rich.console import Console

    from zonula.service import Diary

# Exit codes, in one place (STYLE rule 5).
EXIT_CODES: dict[type[ZonulaError], int] = {
    ValidationError: 2,
    ImportFileError: 2,
    NotFoundError: 3,
    ConflictError: 4,
    SafetyLockError: 5,
    PermissionDeniedError: 6,
    SchemaVersionError: 7,
    ConfigError: 8,
}


@dataclass
class CliState:
    """What every command gets: settings, the chosen language, and a lazily opened diary."""

    settings: Settings
    language: str
    username: str | None
    _diary: Diary | None = field(default=None, repr=False)

    @property
    def diary(self) -> Diary:
        """The person's diary (opened, and migrated, on first use)."""
        if self._diary is None:
            from zonula.service import open_diary

            self._diary = open_diary(self.settings, self.username)
            _freeze_loaded()
        return self._diary


def _freeze_loaded() -> None:
    """Once per process, move everything loaded so far (modules, SQLAlchemy, the open store) out of the
    garbage collector's sight: they live until exit, and scanning them again and again while a command
    builds its results, then once more at exit, costs a CLI run about a tenth of its time.
    """
    if not gc.get_freeze_count():
        gc.freeze()


def setup_context(ctx: click.Context, *, lang: str | None, username: str | None) -> None:
    """Read settings, pick the language, and attach the state to the click context."""
    settings = load_settings()
    language = lang or settings.language or language_from_environment()
    set_language(language)
    ctx.obj = CliState(settings=settings, language=language, username=username)


def state() -> CliState:
    """The current command's state."""
    obj = click.get_current_context().find_root().obj
    assert isinstance(obj, CliState)
    return obj


class _LazyConsole:
    """A Rich console made (and Rich imported) on first use, so JSON and CSV output never pay for Rich.

    Attributes go to the real console; so does `with console:` (Rich's live displays use it).
    """

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def _real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)

    def __enter__(self) -> Console:
        return self._real().__enter__()

    def __exit__(self, *exc: Any) -> None:
        self._real().__exit__(*exc)


console = cast("Console", _LazyConsole(highlight=False, soft_wrap=True))
err_console = cast("Console", _LazyConsole(stderr=True, highlight=False))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a clean error and exit non-zero."""
    label = _("Error")
    err_console.print(f"[bold red]{label}:[/] ", end="", markup=True)
    err_console.print(message, markup=False, soft_wrap=True)
    sys.exit(code)


def describe(err: ZonulaError) -> str:
    """A user-facing message for an error, listing every problem."""
    problems = getattr(err, "problems", None)
    if problems:
        lines = [str(p) for p in problems[:100]]
        if len(problems) > 100:
            lines.append(_("... and {n} more").format(n=len(problems) - 100))
        head = _("The import was not done; nothing was written:") if isinstance(err, ImportFileError) \
            else _("Invalid input; nothing was written:")
        return head + "\n  " + "\n  ".join(lines)
    return str(err)


class ZonulaGroup(click.Group):
    """A click group that loads its commands lazily and turns zonula errors into clean messages and
    exit codes (no tracebacks). Help, and click's own messages, follow the chosen language."""

    context_class = LocalisedContext

    def __init__(self, *args: Any, lazy_commands: dict[str, tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, loaded or not."""
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, importing its module on first use."""
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            module_name, attr = self.lazy_commands[cmd_name][0].split(":")
            with in_english():
                command = getattr(importlib.import_module(module_name), attr)
            assert isinstance(command, click.Command)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Register a command; its help, and its subcommands', renders in the chosen language."""
        localise(cmd)
        super().add_command(cmd, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their summaries in the chosen language, without importing the modules
        not yet loaded."""
        names = [n for n in self.list_commands(ctx) if n not in self.commands or not self.commands[n].hidden]
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        shown = [self.commands.get(n) or click.Command(n, help=self.lazy_commands[n][1]) for n in names]
        rows = [(n, localised_short_help(command, limit)) for n, command in zip(names, shown, strict=True)]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Pick the language before parsing, so `--help` and usage errors already use it."""
        if ctx.parent is None:
            route_click_messages()
            set_language(normalise_language(language_in_args(args)) or language_from_environment())
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, mapping errors at the edge."""
        try:
            return super().invoke(ctx)
        except ZonulaError as err:
            code = next((c for t, c in EXIT_CODES.items() if isinstance(err, t)), 1)
            fail(describe(err), code)
