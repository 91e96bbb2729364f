"""`zonula analyze` (the suspect screen) and `zonula simulate` (a synthetic diary)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click
from rich.progress import Progress
from rich.table import Table

from zonula.analysis import ScreeningReport, ScreeningResult
from zonula.analysis.labels import believed_labels, exposure_label, status_label
from zonula.cli.common import console, fail, state
from zonula.domain.timeparse import parse_date
from zonula.exporters.zonula_csv import write_csv
from zonula.i18n import _
from zonula.labels import symptom_label
from zonula.service.simulation import simulate_diary
from zonula.simulation.params import SCENARIOS

_SLOW = 1.0


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _effect(r: ScreeningResult) -> str:
    if r.effect is None:
        return "—"
    return f"{r.effect:+.1f} [{r.ci_low:+.1f}, {r.ci_high:+.1f}]"


def _name(r: ScreeningResult) -> str:
    return exposure_label(r.kind, r.exposure, r.label)


def _table(report: ScreeningReport) -> None:
    s = report.summary
    console.print(_("{days} days ({rated} with ratings, {missing} without), {meals} meals, {ratings} ratings.")
                  .format(days=s.days, rated=s.rated_days, missing=s.missing_days, meals=s.meals,
                          ratings=s.ratings))
    for note in report.needed:
        console.print("• " + note.text, markup=False)
    if s.main_symptoms:
        console.print(_("Main symptoms: {names}; the other symptoms you rate count as supporting evidence.")
                      .format(names=", ".join(symptom_label(k) for k in s.main_symptoms)), markup=False)
    if s.believed:
        names = ", ".join(believed_labels(report))
        console.print(_("Suspected before: {names}; expectation alone can raise symptoms after eating them, "
                        "so they need more evidence.").format(names=names), markup=False)
    many = len(s.symptoms) > 1
    table = Table(title=_("Suspects to test (not diagnoses)"), show_lines=False)
    headers = [_("status"), _("food or group"), *([_("symptom")] if many else []), _("effect [95% CI]"),
               _("P(suspect)"), _("P(effect>0.5)"), _("q"), _("periods with / without"), _("notes")]
    for header in headers:
        table.add_column(header)
    shown = [r for r in report.results if r.status.value != "insufficient_data"]
    for r in shown:
        style = "bold" if r.status.value == "suspect" else ""
        table.add_row(status_label(r.status.value), _name(r), *([symptom_label(r.symptom)] if many else []),
                      _effect(r), _fmt(r.p_suspect), _fmt(r.p_effect_gt_0_5), _fmt(r.q_value, 3),
                      f"{r.exposed_periods} / {r.unexposed_periods}", " ".join(n.text for n in r.notes),
                      style=style)
    console.print(table)
    hidden = len(report.results) - len(shown)
    if hidden:
        console.print(_("{n} more foods or groups have too little data to test (use --format json to see them).")
                      .format(n=hidden))
    console.print(_("A suspect is a hypothesis: confirm it with a structured reintroduction before "
                    "avoiding a food long-term."))


@click.command("analyze")
@click.option("--symptom", default=None, metavar="KEY", help="Only this symptom (default: every rated one).")
@click.option("--from", "date_from", default=None, metavar="DATE", help="First date to use (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, metavar="DATE", help="Last date to use (YYYY-MM-DD).")
@click.option("--main", "main", multiple=True, metavar="KEY",
              help="A main symptom (repeat for up to 3); other rated symptoms count as supporting evidence. "
                   "Default: your running plan's main symptoms.")
@click.option("--suspected", default=None, metavar="KEYS",
              help="Comma-separated groups or foods you already suspected (e.g. fructans,lactose,onion); "
                   "they need more evidence. Default: your running plan's own and IgG-panel suspects.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output as a table or as JSON.")
def analyze_cmd(symptom: str | None, date_from: str | None, date_to: str | None, main: tuple[str, ...],
                suspected: str | None, fmt: str) -> None:
    """Screen your diary for suspect foods and food groups, with honest uncertainty."""
    diary = state().diary
    start = parse_date(date_from) if date_from else None
    end = parse_date(date_to) if date_to else None
    began = time.monotonic()
    with Progress(console=console, transient=True, disable=fmt == "json") as bar:
        task = bar.add_task(_("Screening your diary"), total=None, visible=False)

        def progress(done: int, total: int) -> None:
            if time.monotonic() - began > _SLOW:
                bar.update(task, completed=done, total=total, visible=True)

        report = diary.analyze(symptom, start, end, main_symptoms=main or None,
                               suspected=suspected.split(",") if suspected is not None else None,
                               progress=progress)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _table(report)


@click.command("simulate")
@click.option("--days", default=56, show_default=True, type=click.IntRange(1, 3650), help="Diary length.")
@click.option("--seed", default=1, show_default=True, type=int, help="Random seed (same seed, same diary).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write the diary here as zonula CSV.")
@click.option("--truth", "truth_path", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the true triggers as JSON.")
@click.option("--triggers", default=None, metavar="GROUPS",
              help="Comma-separated trigger groups (default: drawn from the evidence-based prior).")
@click.option("--scenario", "scenario_name", type=click.Choice(sorted(SCENARIOS)), default="default",
              show_default=True, help="Simulation scenario.")
@click.option("--lang", "lang", type=click.Choice(["en", "zh", "mixed"]), default="en", show_default=True,
              help="Language of the meal texts.")
def simulate_cmd(days: int, seed: int, out: Path, truth_path: Path | None, triggers: str | None,
                 scenario_name: str, lang: str) -> None:
    """Write a synthetic diary (for trying zonula out, or testing the screen) as zonula CSV."""
    groups = [g.strip() for g in triggers.split(",") if g.strip()] if triggers is not None else None
    try:
        entries, truth = simulate_diary(days=days, seed=seed, scenario_name=scenario_name, triggers=groups,
                                        lang=lang)
    except ValueError as err:
        fail(str(err), 2)
    with out.open("w", encoding="utf-8", newline="") as fh:
        write_csv(entries, fh)
    if truth_path is not None:
        truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    console.print(_("Wrote {n} entries over {days} days to {path}.").format(n=len(entries), days=days,
                                                                             path=out))
