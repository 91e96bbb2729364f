"""`zonula report` and `zonula export fhir` end to end, with clean errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from fhir.resources.R4B.bundle import Bundle

from zonula.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.usefixtures("cli_env")
def test_a_chinese_pdf_and_an_english_html_report_of_a_demo_diary(tmp_path: Path) -> None:
    assert run("demo", "--days", "30")[0] == 0
    pdf, html = tmp_path / "report.pdf", tmp_path / "report.html"
    code, out = run("report", "--out", str(pdf), "--lang", "zh")
    assert code == 0, out
    assert "report.pdf" in out
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "肠道症状日记报告" in text and "腹胀：每日平均严重程度与 7 日平均" in text
    code, out = run("report", "--out", str(html), "--from", "2000-01-01", "--to", "2000-01-31")
    assert code == 0, out
    page = html.read_text(encoding="utf-8")
    assert "2000-01-01" in page and "Nothing was logged in this period." in page
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize(("args", "message"), [
    (("--out", "report.docx"), "--out must end in .pdf or .html"),
    (("--out", "r.html", "--from", "2026-02-01", "--to", "2026-01-01"), "--from must not be after --to"),
    (("--out", "r.html", "--from", "soon"), "cannot read 'soon' as a date"),
])
def test_bad_report_options_fail_cleanly(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(main, ["report", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.usefixtures("cli_env")
def test_export_fhir_writes_a_valid_bundle(tmp_path: Path) -> None:
    assert run("demo", "--days", "14")[0] == 0
    target = tmp_path / "diary.fhir.json"
    code, out = run("export", "fhir", str(target))
    assert code == 0, out
    bundle = json.loads(target.read_text(encoding="utf-8"))
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection" and len(bundle["entry"]) > 14


def test_report_help_documents_every_option() -> None:
    code, out = run("report", "--help")
    assert code == 0
    for option in ("--from", "--to", "--out", "--lang"):
        assert option in out
