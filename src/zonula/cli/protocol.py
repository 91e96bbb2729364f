"""`zonula protocol ...`, `zonula today`, `zonula plan ...`: the elimination protocol and repair steps."""

from __future__ import annotations

import json
from datetime import date

import click
from rich.table import Table

from zonula.cli.common import console, state
from zonula.domain.timeparse import parse_date
from zonula.i18n import _
from zonula.protocol.events import EventKind
from zonula.protocol.groups import group_for
from zonula.protocol.labels import outcome_label, phase_label, stage_label
from zonula.protocol.repair import REPAIR_STEPS, STEPS
from zonula.protocol.sachets import render_sheet
from zonula.protocol.settings import Mode
from zonula.protocol.today import Today
from zonula.service import PlanStatus
from zonula.service.protocol import suspects_from

on_option = click.option(
    "--on", "on", default=None, metavar="DATE", help="The day it applies to (YYYY-MM-DD; default today)."
)


def _day(text: str | None, field: str = "--on") -> date | None:
    return parse_date(text, field=field) if text else None


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]


def show_today(t: Today) -> None:
    """Print a day's guidance."""
    console.print(f"[bold]{t.on.isoformat()}[/] · {t.headline}")
    for line in t.food:
        console.print(f"  • {line}", markup=False)
    if t.day.sachet_code:
        console.print("  " + _("Sachet: {code}").format(code=t.day.sachet_code), markup=False)
    elif t.portion:
        console.print("  " + _("Portion: {portion}").format(portion=t.portion), markup=False)
    if t.log:
        console.print(_("What to log:"))
        for line in t.log:
            console.print(f"  • {line}", markup=False)
    if t.next:
        console.print(_("What comes next:"))
        for line in t.next:
            console.print(f"  • {line}", markup=False)
    for line in t.notices:
        console.print(f"[yellow]! {line}[/]")


def _show_status(status: PlanStatus) -> None:
    tl = status.timeline
    last = tl.last
    phase = last.paused_in or last.phase
    console.print(
        _("Plan #{id}: {phase}, day {n}.").format(
            id=status.plan_id, phase=phase_label(last.phase.value), n=last.day_in_phase or "-"
        )
    )
    if last.paused_in is not None:
        console.print(_("Paused during: {phase}.").format(phase=phase_label(phase.value)))
    if tl.baseline is not None:
        b = tl.baseline
        console.print(
            _(
                "Run-in baseline: mean {mean:.1f}, SD {sd:.1f}, day-to-day correlation {phi:.2f} ({n} rated days)."
            ).format(mean=b.mean, sd=b.sd, phi=b.phi, n=b.n)
        )
    if tl.walker.response is not None:
        console.print(_("Symptoms fell by {pct:.0f} % during the elimination.").format(pct=100 * tl.walker.response))
    console.print(
        _("Reintroduction order (randomised, seed {seed}): {order}").format(
            seed=tl.settings.seed, order=", ".join(group_for(k).name() for k in tl.order) or "-"
        )
    )
    for line in status.notices:
        console.print(f"[yellow]! {line}[/]")
    show_today(status.today)


@click.group("protocol")
def protocol_group() -> None:
    """Run the elimination protocol: run-in, elimination, reintroduction, confirmation, maintenance."""


@protocol_group.command("start")
@click.option(
    "--mode",
    type=click.Choice([m.value for m in Mode]),
    default=Mode.TARGETED.value,
    help="targeted: remove up to 3 suspects; low-fodmap: a dietitian-style low-FODMAP diet.",
)
@click.option("--suspects", default="", metavar="A,B", help="Your suspects (groups or foods), comma-separated.")
@click.option(
    "--igg-suspects",
    default="",
    metavar="A,B",
    help="Suspects from an IgG panel: tested like any other, never believed without a challenge.",
)
@click.option(
    "--symptoms", default="", metavar="A,B", help="1-3 main symptoms to score (default: the one you rate most often)."
)
@click.option("--blinded", is_flag=True, help="Confirm possible triggers with coded sachets a helper prepares.")
@click.option("--supervised", is_flag=True, help="A clinician or dietitian supervises this plan.")
@click.option(
    "--without-coeliac-test", is_flag=True, help="Remove wheat/gluten without a coeliac blood test first (not advised)."
)
@click.option("--run-in", "run_in", type=int, default=14, show_default=True, help="Run-in days (14-28).")
@click.option("--elimination", type=int, default=28, show_default=True, help="Elimination days (14-42).")
@click.option(
    "--rechallenge-months",
    type=int,
    default=3,
    show_default=True,
    help="Months between re-test reminders in maintenance (3-6).",
)
@click.option("--seed", type=int, default=None, help="Seed for the randomised orders (default: random).")
@on_option
def start_cmd(
    mode: str,
    suspects: str,
    igg_suspects: str,
    symptoms: str,
    blinded: bool,
    supervised: bool,
    without_coeliac_test: bool,
    run_in: int,
    elimination: int,
    rechallenge_months: int,
    seed: int | None,
    on: str | None,
) -> None:
    """Start a plan (after the safety checks): the run-in begins today."""
    status = state().diary.start_plan(
        mode=Mode(mode),
        suspects=suspects_from(_split(suspects), _split(igg_suspects)),
        main_symptoms=_split(symptoms),
        blinded=blinded,
        supervised=supervised,
        without_coeliac_test=without_coeliac_test,
        run_in_days=run_in,
        elimination_days=elimination,
        rechallenge_months=rechallenge_months,
        seed=seed,
        on=_day(on),
    )
    console.print(_("Plan #{id} started.").format(id=status.plan_id))
    _show_status(status)


@protocol_group.command("status")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@on_option
def status_cmd(fmt: str, on: str | None) -> None:
    """Show the plan's phase, baseline, order and today's instructions."""
    status = state().diary.plan_status(on=_day(on))
    if fmt == "json":
        click.echo(json.dumps(status.to_dict(), ensure_ascii=False, indent=1))
        return
    _show_status(status)


def _change(kind: EventKind, on: str | None, *, days: int | None = None, reason: str = "") -> None:
    status = state().diary.change_plan(kind, on=_day(on), days=days, reason=reason)
    done = {
        EventKind.PAUSED: _("The plan is paused."),
        EventKind.RESUMED: _("The plan is resumed."),
        EventKind.EXTENDED: _("The current step is extended."),
        EventKind.SKIPPED: _("The current step is skipped; the reason is kept."),
        EventKind.RESTARTED: _("The plan restarts with a new run-in; earlier results are kept."),
    }
    console.print(done.get(kind, ""))
    _show_status(status)


@protocol_group.command("pause")
@click.option("--reason", default="", help="Why the plan is paused (optional; kept in the plan's history).")
@on_option
def pause_cmd(reason: str, on: str | None) -> None:
    """Pause the plan (eat as usual; an interrupted challenge starts again on resume)."""
    _change(EventKind.PAUSED, on, reason=reason)


@protocol_group.command("resume")
@on_option
def resume_cmd(on: str | None) -> None:
    """Resume a paused plan."""
    _change(EventKind.RESUMED, on)


@protocol_group.command("extend")
@click.argument("days", type=int)
@on_option
def extend_cmd(days: int, on: str | None) -> None:
    """Extend the run-in, the elimination or a washout by DAYS."""
    _change(EventKind.EXTENDED, on, days=days)


@protocol_group.command("skip")
@click.option("--reason", required=True, help="Why this step is skipped (kept in the plan's history).")
@on_option
def skip_cmd(reason: str, on: str | None) -> None:
    """Skip the current step (the rest of the run-in or elimination, a challenge, a confirmation)."""
    _change(EventKind.SKIPPED, on, reason=reason)


@protocol_group.command("restart")
@on_option
def restart_cmd(on: str | None) -> None:
    """Start the plan again from a new run-in (earlier results are kept)."""
    _change(EventKind.RESTARTED, on)


@protocol_group.command("verdicts")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="Output format.")
@on_option
def verdicts_cmd(fmt: str, on: str | None) -> None:
    """Show every reintroduction and confirmation verdict with the numbers behind it."""
    rows = state().diary.plan_verdicts(on=_day(on))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        console.print(_("No verdicts yet: they come after each reintroduction and confirmation."))
        return
    table = Table(title=_("Verdicts"))
    for head in (_("Stage"), _("Group"), _("Verdict"), _("Numbers"), _("Source")):
        table.add_column(head)
    for r in rows:
        if r["stage"] == "confirmation":
            numbers = _("P(trigger) {p:.2f}, randomisation p {rp:.3f} (min {mp:.3f}), {k} cycles").format(
                p=r["prob_trigger"], rp=r["randomisation_p"], mp=r["min_p"], k=r["cycles"]
            )
        else:
            delta = "-" if r.get("delta") is None else f"{r['delta']:+.1f}"
            numbers = _("change {delta}, tolerated portion: {dose}").format(
                delta=delta, dose=r.get("highest_tolerated") or "-"
            )
        table.add_row(
            stage_label(r["stage"]),
            group_for(r["group"]).name(),
            outcome_label(r["outcome"]),
            numbers,
            r.get("source", ""),
        )
    console.print(table)
    console.print(_("Verdicts name possible and likely triggers at the tested dose; they are not a diagnosis."))


@protocol_group.command("sachets")
@on_option
def sachets_cmd(on: str | None) -> None:
    """Print the blinded sachet instructions for your helper (keep the key sealed)."""
    click.echo(render_sheet(state().diary.plan_sachets(on=_day(on))))


@click.command("today")
@on_option
def today_cmd(on: str | None) -> None:
    """What to eat or avoid today, the challenge portion, what to log and what comes next."""
    show_today(state().diary.today_guidance(on=_day(on)))


@click.group("plan")
def plan_group() -> None:
    """Track the article's repair steps as your own measured experiments."""


@plan_group.command("add")
@click.argument("step", type=click.Choice(list(STEPS)))
@click.option("--dose", default="", help="Dose or routine, e.g. '1000 IU daily' or '20 min'.")
@click.option("--start", default=None, metavar="DATE", help="First day (YYYY-MM-DD; default today).")
def plan_add_cmd(step: str, dose: str, start: str | None) -> None:
    """Adopt a repair step from a start date."""
    item = state().diary.adopt_step(step, dose=dose, start=_day(start, "--start"))
    console.print(_("Started {step} on {start}.").format(step=STEPS[item.step].name(), start=item.start))


@plan_group.command("stop")
@click.argument("step", type=click.Choice(list(STEPS)))
@on_option
def plan_stop_cmd(step: str, on: str | None) -> None:
    """Stop a running repair step (its history is kept)."""
    item = state().diary.stop_step(step, on=_day(on))
    console.print(_("Stopped {step} on {stop}.").format(step=STEPS[item.step].name(), stop=item.stop))


@plan_group.command("done")
@click.argument("step", type=click.Choice([s.id for s in REPAIR_STEPS if s.loggable]))
@on_option
def plan_done_cmd(step: str, on: str | None) -> None:
    """Log that you did a running supplement or practice step today (or --on a past day)."""
    entry = state().diary.log_step_done(step, on=_day(on))
    console.print(_("Logged {step} on {day}; it counts towards adherence.").format(
        step=STEPS[step].name(), day=entry.at.date().isoformat()))


@plan_group.command("status")
@on_option
def plan_status_cmd(on: str | None) -> None:
    """Adherence and before/after change of the main symptom for each adopted step."""
    reports = state().diary.repair_status(on=_day(on))
    if not reports:
        console.print(_("No repair steps yet: add one with `zonula plan add STEP`."))
        return
    table = Table(title=_("Repair steps"))
    for head in (_("Step"), _("Evidence"), _("Since"), _("Dose"), _("Adherence"),
                 _("Change after vs before (95 % interval)")):
        table.add_column(head)
    for r in reports:
        adh = (
            "-"
            if r.adherence is None
            else _("{pct:.0f} % of {days} days").format(pct=100 * r.adherence.share, days=r.adherence.days)
        )
        ch = "-" if r.change is None else f"{r.change.difference:+.1f} ({r.change.low:+.1f} … {r.change.high:+.1f})"
        since = r.item.start.isoformat() + (f" → {r.item.stop.isoformat()}" if r.item.stop else "")
        table.add_row(r.name, r.grade, since, r.item.dose or "-", adh, ch)
    console.print(table)
    notes = dict.fromkeys(n for r in reports for n in r.notes)
    for note in notes:
        console.print(f"[yellow]! {note}[/]")
