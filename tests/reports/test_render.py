"""render: HTML checked with a parser, PDFs checked through pdftotext, in English and Chinese."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reports.helpers import Outline, full_report
from zonula.i18n import set_language
from zonula.reports import render, render_html
from zonula.reports.data import ReportData
from zonula.reports.labels import red_flag_label
from zonula.reports.render import _signed, css_counter_text

SECTIONS = ["summary", "trends", "protocol", "suspects", "repair", "red-flags", "methods"]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    yield
    set_language("en")


def empty_report() -> ReportData:
    report = full_report()
    report.entries = report.days_logged = 0
    report.by_kind, report.symptoms, report.trends, report.medications = {}, [], [], []
    report.stool_types = dict.fromkeys(range(1, 8), 0)
    report.phases = report.verdicts = report.suspects = report.repair = report.red_flags = None
    return report


def pdf_text(tmp_path: Path, report: ReportData, lang: str) -> str:
    path = tmp_path / f"report-{lang}.pdf"
    path.write_bytes(render(report, "pdf", lang))
    assert path.read_bytes().startswith(b"%PDF")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_the_html_report_has_every_section_and_its_charts() -> None:
    page = Outline(render_html(full_report(), lang="en"))
    assert page.sections == SECTIONS
    assert page.h2[0] == "1. Summary" and page.h2[-1] == "7. How these results were computed, and their limits"
    assert page.svgs == 4  # trend, Bristol, forest plot, repair before/after
    assert page.rows["suspect-table"] == 3 and page.rows["verdicts"] == 3 and page.rows["phases"] == 4
    text = " ".join(page.text)
    assert "王小明" in text and "likely trigger" in text
    assert red_flag_label("blood_in_stool") in text
    assert "+1.9" in text and "68 % (40/59)" in text and "C: Limited evidence" in text
    assert "Food-symptom pairs screened: 43 (suspects: 1; not named as suspects: 30" in text


def test_an_empty_report_says_what_is_missing_instead_of_leaving_gaps() -> None:
    page = Outline(render_html(empty_report(), lang="en"))
    text = " ".join(page.text)
    for sentence in ("Nothing was logged in this period.", "No symptom ratings in this period.",
                     "No elimination or reintroduction plan recorded in this period.",
                     "No suspect screening available for this period.", "No repair-plan steps recorded.",
                     "No assessment recorded, so red flags were not screened."):
        assert sentence in text
    assert page.svgs == 1  # the Bristol chart, with its zero bars


def test_the_chinese_html_is_marked_and_translated() -> None:
    page = Outline(render_html(full_report(), lang="zh"))
    assert page.lang == "zh-Hans"
    assert page.h2[0] == "1. 概要" and "可疑因素与结论" in page.h2[3]


def test_the_english_pdf_has_titles_numbers_charts_and_page_numbers(tmp_path: Path) -> None:
    text = pdf_text(tmp_path, full_report(), "en")
    for needle in ("Gut-symptom diary report", "1. Summary", "2. Symptom trends and stool form",
                   "3. Protocol timeline", "4. Suspects and verdicts", "6. Red flags",
                   "7. How these results were computed, and their limits", "1234", "84",
                   "Page 1 of", "王小明 · 2026-01-01 – 2026-03-31",
                   "Bloating: daily mean severity and 7-day average",  # chart text, so the SVG is embedded
                   "Bristol stool form: 114 stools", "Suspects for Bloating", "IgG food tests are not used"):
        assert needle in text, needle


def test_the_chinese_pdf_has_chinese_titles_and_chart_text(tmp_path: Path) -> None:
    text = pdf_text(tmp_path, full_report(), "zh")
    for needle in ("肠道症状日记报告", "1. 概要", "2. 症状趋势与大便形态", "5. 修复计划：依从性与前后对比",
                   "7. 这些结果如何计算，以及其局限", "可疑因素不等于诱因", "单病例（N-of-1）统计", "第 1 页，共",
                   "腹胀：每日平均严重程度与 7 日平均", "布里斯托大便分类：114 次", "1234"):
        assert needle in text, needle


def test_page_numbers_become_css_counters() -> None:
    assert css_counter_text("Page {page} of {pages}") == '"Page " counter(page) " of " counter(pages)'
    assert css_counter_text('第 {page} 页"') == '"第 " counter(page) " 页\\""'


def test_signed_numbers_have_a_true_minus_and_no_negative_zero() -> None:
    assert [_signed(v) for v in (1.25, -0.8, -0.04, 0.0, None)] == ["+1.2", "−0.8", "0.0", "0.0", "–"]


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="docx"):
        render(full_report(), "docx", "en")  # type: ignore[arg-type]


def test_an_unknown_red_flag_is_shown_as_its_key_in_words() -> None:
    assert red_flag_label("no_such_flag") == "no such flag"
