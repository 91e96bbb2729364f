"""The `zonula` command line: thin commands over the service facade."""

from __future__ import annotations

import click

from zonula import __version__
from zonula.cli.analysis import analyze_cmd, simulate_cmd
from zonula.cli.backup import backup_cmd, restore_cmd
from zonula.cli.common import ZonulaGroup, setup_context
from zonula.cli.diary import delete_cmd, diary_cmd, edit_cmd, log_group, summary_cmd
from zonula.cli.knowledge import assess_group, learn_cmd
from zonula.cli.protocol import plan_group, protocol_group, today_cmd
from zonula.cli.transfer import demo_cmd, export_cmd, import_cmd
from zonula.cli.web import serve_cmd, token_group
from zonula.i18n import _


@click.group(cls=ZonulaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Output language (default: ZONULA_LANG, then the locale).")
@click.option("--user", "username", default=None, metavar="NAME",
              help="Act for this person (default: ZONULA_USER, else 'local').")
@click.version_option(__version__, prog_name="zonula")
@click.pass_context
def main(ctx: click.Context, lang: str | None, username: str | None) -> None:
    """zonula: an honest gut-symptom diary and trigger finder (English / 中文)."""
    setup_context(ctx, lang=lang, username=username)


for command in (log_group, diary_cmd, summary_cmd, edit_cmd, delete_cmd, import_cmd, export_cmd, demo_cmd,
                protocol_group, today_cmd, plan_group, analyze_cmd, simulate_cmd, learn_cmd, assess_group,
                backup_cmd, restore_cmd):
    main.add_command(command)
main.add_command(serve_cmd)  # web: own lines, fewer merge conflicts
main.add_command(token_group)

_ = _  # gettext is used by the command modules; keep the import for pybabel's sake
