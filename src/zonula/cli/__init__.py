"""The `zonula` command line: thin commands over the service facade."""

from __future__ import annotations

import click

from zonula.cli.common import ZonulaGroup, setup_context
from zonula.cli.helptext import show_version

# Command name -> ("module:attribute", one-line summary for `zonula --help`). Modules are imported
# only when their command runs or shows its own help, so `zonula log ...` and `zonula --help` do not
# pay for the analysis engine, the simulator or the web stack. A test keeps each summary equal to
# its command's own short help.
COMMANDS: dict[str, tuple[str, str]] = {
    "log": ("zonula.cli.diary:log_group",
            "Log an entry: meal, symptom, stool, stress, sleep, med, supplement, practice, period, note."),
    "diary": ("zonula.cli.diary:diary_cmd", "Show the diary, oldest first."),
    "summary": ("zonula.cli.diary:summary_cmd",
                "Summarise the diary: days logged, entries by kind, average symptoms, stool forms."),
    "edit": ("zonula.cli.diary:edit_cmd",
             "Change fields of entry ENTRY_ID (validated again; nothing changes on error)."),
    "delete": ("zonula.cli.diary:delete_cmd", "Delete entry ENTRY_ID."),
    "import": ("zonula.cli.transfer:import_cmd", "Import FILE of FORMAT (see --list)."),
    "export": ("zonula.cli.transfer:export_cmd",
               "Export the whole diary to FILE as FORMAT (a new file is written atomically)."),
    "demo": ("zonula.cli.transfer:demo_cmd",
             "Fill the diary with a realistic demo (English and Chinese meals, a hidden milk sensitivity)."),
    "protocol": ("zonula.cli.protocol:protocol_group",
                 "Run the elimination protocol: run-in, elimination, reintroduction, confirmation, maintenance."),
    "today": ("zonula.cli.protocol:today_cmd",
              "What to eat or avoid today, the challenge portion, what to log and what comes next."),
    "plan": ("zonula.cli.protocol:plan_group", "Track the article's repair steps as your own measured experiments."),
    "analyze": ("zonula.cli.analysis:analyze_cmd",
                "Screen your diary for suspect foods and food groups, with honest uncertainty."),
    "simulate": ("zonula.cli.analysis:simulate_cmd",
                 "Write a synthetic diary (for trying zonula out, or testing the screen) as zonula CSV."),
    "learn": ("zonula.cli.knowledge:learn_cmd",
              "What the article claims and how well the evidence supports it (grades A, A*, C, D, X)."),
    "assess": ("zonula.cli.knowledge:assess_group",
               "Take the assessment: warning signs first, a symptom score, matched causes and a graded plan."),
    "foods": ("zonula.cli.foods:foods_group", "Foods: parse meal text, search and show foods, manage your own foods."),
    "recipe": ("zonula.cli.foods:recipe_group",
               "Your recipes: named lists of ingredients whose food groups they take."),
    "report": ("zonula.cli.report:report_cmd",
               "Write a report for a clinician: summary, trends, suspects, verdicts, red flags and limits."),
    "serve": ("zonula.cli.web:serve_cmd",
              "Start the web app (local mode: no sign-in, for the ZONULA_USER person; multi: accounts)."),
    "token": ("zonula.cli.web:token_group", "API tokens for the REST API (Authorization: Bearer <token>)."),
    "backup": ("zonula.cli.backup:backup_cmd",
               "Back up the whole store (every person) to FILE, safely while zonula is running."),
    "restore": ("zonula.cli.backup:restore_cmd",
                "Restore the whole store from FILE (made by `zonula backup`), all or nothing."),
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


