"""`zonula log ...`, `diary`, `summary`, `edit`, `delete`: the diary itself."""

from __future__ import annotations

import io
from datetime import datetime

import click

from zonula.cli.common import console, state
from zonula.domain.entries import Entry, EntryKind
from zonula.domain.timeparse import parse_date, parse_timestamp
from zonula.exporters.base import entry_json
from zonula.exporters.zonula_csv import format_number, write_csv
from zonula.i18n import _
from zonula.labels import bristol_label, kind_label, practice_label, symptom_label

AT_HELP = "When it happened: 2026-11-20 08:10, 08:10 (today) or ISO 8601 with offset (default: now)."


def _at(text: str | None) -> datetime:
    diary = state().diary
    return parse_timestamp(text, tz=diary.tz) if text else diary.now()


def describe_value(entry: Entry) -> str:
    """A short human description of an entry's name and value."""
    k = entry.kind
    if k is EntryKind.MEAL:
        return entry.name
    if k is EntryKind.SYMPTOM:
        return f"{symptom_label(entry.name)} {format_number(entry.value)}/10"
    if k is EntryKind.STOOL and entry.value is not None:
        return _("Bristol type {n}: {label}").format(n=int(entry.value), label=bristol_label(int(entry.value)))
    if k is EntryKind.STRESS:
        return f"{format_number(entry.value)}/10"
    if k is EntryKind.SLEEP:
        text = _("{hours} h").format(hours=format_number(entry.value))
        if entry.quality is not None:
            text += " · " + _("quality {q}/10").format(q=format_number(entry.quality))
        return text
    if k in (EntryKind.MEDICATION, EntryKind.SUPPLEMENT):
        dose = f" {format_number(entry.value)} {entry.unit}".rstrip() if entry.value is not None else ""
        drug = entry.drug_class
        tag = f" [{drug.value}]" if drug else ""
        return f"{entry.name}{dose}{tag}"
    if k is EntryKind.PRACTICE:
        minutes = _(", {m} min").format(m=format_number(entry.value)) if entry.value is not None else ""
        return practice_label(entry.name) + minutes
    if k is EntryKind.MENSTRUATION:
        return _("period day")
    return entry.note or entry.name


def _logged(entry: Entry) -> None:
    console.print(_("Logged #{id}: {kind} at {at} — {what}").format(
        id=entry.id, kind=kind_label(entry.kind.value), at=entry.at.strftime("%Y-%m-%d %H:%M"),
        what=describe_value(entry)))
    if entry.kind is EntryKind.MEDICATION and entry.drug_class is not None and entry.drug_class.value == "nsaid":
        console.print(_("Note: NSAIDs can irritate the gut. Do not stop a prescribed medicine "
                        "(such as low-dose aspirin) without talking to your doctor."))


def _add(entry: Entry) -> None:
    _logged(state().diary.add(entry))


at_option = click.option("--at", "at", default=None, metavar="TIME", help=AT_HELP)
note_option = click.option("--note", default="", help="A free-text note.")


@click.group("log")
def log_group() -> None:
    """Log an entry: meal, symptom, stool, stress, sleep, med, supplement, practice, period, note."""


@log_group.command("meal")
@click.argument("text")
@at_option
@note_option
def log_meal(text: str, at: str | None, note: str) -> None:
    """Log a meal as you would say it, in English, Chinese or both."""
    _add(Entry(EntryKind.MEAL, _at(at), name=text, note=note))


@log_group.command("symptom")
@click.argument("key")
@click.argument("severity", type=float)
@at_option
@note_option
def log_symptom(key: str, severity: float, at: str | None, note: str) -> None:
    """Log a symptom KEY (bloating, abdominal_pain, 腹胀, ...) with a SEVERITY from 0 to 10."""
    _add(Entry(EntryKind.SYMPTOM, _at(at), name=key, value=severity, note=note))


@log_group.command("stool")
@click.argument("bristol", type=int)
@at_option
@note_option
def log_stool(bristol: int, at: str | None, note: str) -> None:
    """Log a bowel movement by its Bristol stool form type (1-7)."""
    _add(Entry(EntryKind.STOOL, _at(at), value=float(bristol), note=note))


@log_group.command("stress")
@click.argument("level", type=float)
@at_option
@note_option
def log_stress(level: float, at: str | None, note: str) -> None:
    """Log your stress level from 0 (none) to 10 (extreme)."""
    _add(Entry(EntryKind.STRESS, _at(at), value=level, note=note))


@log_group.command("sleep")
@click.argument("hours", type=float)
@click.option("--quality", type=float, default=None, help="Sleep quality 0-10.")
@at_option
@note_option
def log_sleep(hours: float, quality: float | None, at: str | None, note: str) -> None:
    """Log last night's sleep in HOURS, optionally its quality."""
    _add(Entry(EntryKind.SLEEP, _at(at), value=hours, quality=quality, note=note))


@log_group.command("med")
@click.argument("name")
@click.option("--dose", type=float, default=None, help="Dose amount.")
@click.option("--unit", default="", help="Dose unit (mg, ml, tablet...).")
@at_option
@note_option
def log_med(name: str, dose: float | None, unit: str, at: str | None, note: str) -> None:
    """Log a medication (NSAIDs, antibiotics and acid suppressants are recognised)."""
    _add(Entry(EntryKind.MEDICATION, _at(at), name=name, value=dose, unit=unit, note=note))


@log_group.command("supplement")
@click.argument("name")
@click.option("--dose", type=float, default=None, help="Dose amount.")
@click.option("--unit", default="", help="Dose unit (mg, IU, capsule...).")
@at_option
@note_option
def log_supplement(name: str, dose: float | None, unit: str, at: str | None, note: str) -> None:
    """Log a supplement (probiotic, vitamin D, omega-3, L-glutamine...)."""
    _add(Entry(EntryKind.SUPPLEMENT, _at(at), name=name, value=dose, unit=unit, note=note))


@log_group.command("practice")
@click.argument("kind")
@click.option("--minutes", type=float, default=None, help="How long, in minutes.")
@at_option
@note_option
def log_practice(kind: str, minutes: float | None, at: str | None, note: str) -> None:
    """Log a practice: yoga, tai_chi, meditation, breathing, mindful_eating or other."""
    _add(Entry(EntryKind.PRACTICE, _at(at), name=kind, value=minutes, note=note))


@log_group.command("period")
@at_option
@note_option
def log_period(at: str | None, note: str) -> None:
    """Log a menstrual period day (it affects gut symptoms, so the analysis accounts for it)."""
    _add(Entry(EntryKind.MENSTRUATION, _at(at), value=1.0, note=note))


@log_group.command("note")
@click.argument("text")
@at_option
def log_note(text: str, at: str | None) -> None:
    """Log a free-text note (illness, travel, a big change...)."""
    _add(Entry(EntryKind.NOTE, _at(at), note=text))


def _dates(date_from: str | None, date_to: str | None) -> dict[str, object]:
    return {
        "date_from": parse_date(date_from, field="--from") if date_from else None,
        "date_to": parse_date(date_to, field="--to") if date_to else None,
    }


@click.command("diary")
@click.option("--from", "date_from", default=None, metavar="DATE", help="First day (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, metavar="DATE", help="Last day (YYYY-MM-DD).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice([k.value for k in EntryKind]),
              help="Only entries of this kind (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              help="Output format.")
def diary_cmd(date_from: str | None, date_to: str | None, kinds: tuple[str, ...], fmt: str) -> None:
    """Show the diary, oldest first."""
    entries = state().diary.entries(kinds=[EntryKind(k) for k in kinds] or None,
                                    **_dates(date_from, date_to))  # type: ignore[arg-type]
    if fmt == "json":
        import orjson  # C encoder: what the standard json module spends most of this command on

        click.echo(orjson.dumps([entry_json(e) for e in entries]).decode())
        return
    if fmt == "csv":
        buf = io.StringIO()
        write_csv(entries, buf)
        click.echo(buf.getvalue(), nl=False)
        return
    from rich.table import Table  # Rich only for the table: JSON and CSV output start faster

    table = Table(title=_("Diary"), show_lines=False)
    table.add_column(_("ID"), justify="right", style="dim")
    table.add_column(_("When"))
    table.add_column(_("Kind"))
    table.add_column(_("What"))
    table.add_column(_("Note"))
    for e in entries:
        when = e.at.strftime("%Y-%m-%d %H:%M") + (" *" if e.backfilled else "")
        table.add_row(str(e.id), when, kind_label(e.kind.value), describe_value(e),
                      e.note if e.kind is not EntryKind.NOTE else "")
    console.print(table)
    console.print(_("{n} entries. * = logged more than 2 hours later.").format(n=len(entries)))


@click.command("summary")
@click.option("--from", "date_from", default=None, metavar="DATE", help="First day (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, metavar="DATE", help="Last day (YYYY-MM-DD).")
def summary_cmd(date_from: str | None, date_to: str | None) -> None:
    """Summarise the diary: days logged, entries by kind, average symptoms, stool forms."""
    s = state().diary.summary(**_dates(date_from, date_to))  # type: ignore[arg-type]
    if not s.entries:
        console.print(_("The diary is empty. Log something with `zonula log`, or try `zonula demo`."))
        return
    console.print(_("Diary from {first} to {last}: {days} days logged, {n} entries.").format(
        first=s.first_day, last=s.last_day, days=s.days_logged, n=s.entries))
    from rich.table import Table

    kinds = Table(title=_("Entries by kind"))
    kinds.add_column(_("Kind"))
    kinds.add_column(_("Count"), justify="right")
    for kind, count in sorted(s.by_kind.items(), key=lambda kv: -kv[1]):
        kinds.add_row(kind_label(kind), str(count))
    console.print(kinds)
    if s.symptom_means:
        symptoms = Table(title=_("Average symptom severity (0-10)"))
        symptoms.add_column(_("Symptom"))
        symptoms.add_column(_("Average"), justify="right")
        for key, mean in s.symptom_means.items():
            symptoms.add_row(symptom_label(key), f"{mean:.1f}")
        console.print(symptoms)
    if s.stool_types:
        stools = Table(title=_("Bristol stool forms"))
        stools.add_column(_("Type"))
        stools.add_column(_("Count"), justify="right")
        for kind_no, count in s.stool_types.items():
            stools.add_row(f"{kind_no} · {bristol_label(kind_no)}", str(count))
        console.print(stools)


@click.command("edit")
@click.argument("entry_id", type=int)
@click.option("--at", "at", default=None, metavar="TIME", help=AT_HELP)
@click.option("--name", default=None, help="New name (meal text, symptom key, medication...).")
@click.option("--value", type=float, default=None, help="New value (severity, Bristol type, hours...).")
@click.option("--unit", default=None, help="New unit.")
@click.option("--note", default=None, help="New note.")
@click.option("--quality", type=float, default=None, help="New sleep quality 0-10.")
def edit_cmd(entry_id: int, at: str | None, name: str | None, value: float | None, unit: str | None,
             note: str | None, quality: float | None) -> None:
    """Change fields of entry ENTRY_ID (validated again; nothing changes on error)."""
    changes: dict[str, object] = {
        k: v for k, v in {"name": name, "value": value, "unit": unit, "note": note,
                          "quality": quality}.items() if v is not None
    }
    if at is not None:
        changes["at"] = _at(at)
    if not changes:
        raise click.UsageError(_("Nothing to change: give at least one option."))
    entry = state().diary.edit(entry_id, **changes)
    console.print(_("Updated #{id}: {what}").format(id=entry.id, what=describe_value(entry)))


@click.command("delete")
@click.argument("entry_id", type=int)
def delete_cmd(entry_id: int) -> None:
    """Delete entry ENTRY_ID."""
    state().diary.delete(entry_id)
    console.print(_("Deleted #{id}.").format(id=entry_id))
