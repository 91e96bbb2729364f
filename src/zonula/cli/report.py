"""`zonula report`: a clinician report (PDF or HTML) of the diary over a period."""

from __future__ import annotations

from pathlib import Path

import click

from zonula.cli.common import console, state
from zonula.domain.timeparse import parse_date
from zonula.i18n import _, set_language


@click.command("report")
@click.option("--from", "date_from", default=None, metavar="DATE",
              help="First day (YYYY-MM-DD; default: 90 days before --to).")
@click.option("--to", "date_to", default=None, metavar="DATE", help="Last day (YYYY-MM-DD; default: today).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file: .pdf for a PDF, .html for a web page.")
@click.option("--lang", "report_lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language of the report (default: the command's language).")
def report_cmd(date_from: str | None, date_to: str | None, out: Path, report_lang: str | None) -> None:
    """Write a report for a clinician: summary, trends, suspects, verdicts, red flags and limits."""
    # Imported here: WeasyPrint is slow to load and only this command needs it.
    from zonula.reports import build_report, render

    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise click.UsageError(_("--out must end in .pdf or .html"))
    first = parse_date(date_from, field="--from") if date_from else None
    last = parse_date(date_to, field="--to") if date_to else None
    if first and last and first > last:
        raise click.UsageError(_("--from must not be after --to"))
    st = state()
    lang = report_lang or st.language
    set_language(lang)  # the areas' own words (step names, notes) are translated while building
    data = build_report(st.diary, first, last)
    body = render(data, "pdf" if suffix == ".pdf" else "html", lang)
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_bytes(body)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    console.print(_("Wrote the report for {start} to {end} to {path}.").format(
        start=data.date_from.isoformat(), end=data.date_to.isoformat(), path=out))
