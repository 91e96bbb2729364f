"""The `zonula` command line: thin commands over the service facade."""

from __future__ import annotations

import click

from zonula.cli.common import ZonulaGroup, setup_context
from zonula.cli.helptext import show_version

# Command name -> "module:attribute". Modules are imported only when their command runs (or for
# `--help`), so `zonula log ...` does not pay for the analysis engine, the simulator or the web stack.
COMMANDS: dict[str, str] = {
    "log": "zonula.cli.diary:log_group",
    "diary": "zonula.cli.diary:diary_cmd",
    "summary": "zonula.cli.diary:summary_cmd",
    "edit": "zonula.cli.diary:edit_cmd",
    "delete": "zonula.cli.diary:delete_cmd",
    "import": "zonula.cli.transfer:import_cmd",
    "export": "zonula.cli.transfer:export_cmd",
    "demo": "zonula.cli.transfer:demo_cmd",
    "protocol": "zonula.cli.protocol:protocol_group",
    "today": "zonula.cli.protocol:today_cmd",
    "plan": "zonula.cli.protocol:plan_group",
    "analyze": "zonula.cli.analysis:analyze_cmd",
    "simulate": "zonula.cli.analysis:simulate_cmd",
    "learn": "zonula.cli.knowledge:learn_cmd",
    "assess": "zonula.cli.knowledge:assess_group",
    "foods": "zonula.cli.foods:foods_group",
    "recipe": "zonula.cli.foods:recipe_group",
    "report": "zonula.cli.report:report_cmd",
    "serve": "zonula.cli.web:serve_cmd",
    "token": "zonula.cli.web:token_group",
    "backup": "zonula.cli.backup:backup_cmd",
    "restore": "zonula.cli.backup:restore_cmd",
}


@click.group(cls=ZonulaGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Output language (default: ZONULA_LANG, then the locale).")
@click.option("--user", "username", default=None, metavar="NAME",
              help="Act for this person (default: ZONULA_USER, else 'local').")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=show_version,
              help="Show the version and exit.")
@click.pass_context
def main(ctx: click.Context, lang: str | None, username: str | None) -> None:
    """zonula: an honest gut-symptom diary and trigger finder (English / 中文)."""
    setup_context(ctx, lang=lang, username=username)


