"""Medical wording: no "diagnose" or "cure" anywhere; "heal" only when quoting the article's claim."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from zonula.i18n import set_language
from zonula.knowledge.assessment import Caution, Stance, assess
from zonula.knowledge.model import Grade
from zonula.knowledge.wording import (
    because_text,
    caution_text,
    grade_label,
    grade_meaning,
    score_label,
    stance_label,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "zonula" / "knowledge" / "data"
CATALOG = ROOT / "i18n" / "knowledge.zh.po"
PACKAGE = ROOT / "src" / "zonula"
SOURCES = [*sorted((PACKAGE / "knowledge").glob("*.py")), PACKAGE / "cli" / "knowledge.py",
           PACKAGE / "cli" / "assessment_view.py", PACKAGE / "service" / "assessments.py",
           PACKAGE / "storage" / "assessments.py"]

FORBIDDEN = re.compile(r"\bdiagnos|\bcur(e|es|ed|ing)\b|诊断|确诊|治愈|痊愈|根治", re.IGNORECASE)
HEAL = re.compile(r"\bheal(s|ed|ing)?\b|愈合", re.IGNORECASE)


def strings(node: Any, path: str = "") -> list[tuple[str, str]]:
    """Every (path, text) in a YAML tree, skipping citations (their titles are not our words)."""
    if isinstance(node, dict):
        return [pair for k, v in node.items() if k not in ("refs",)
                for pair in strings(v, f"{path}.{k}")]
    if isinstance(node, list):
        return [pair for n, v in enumerate(node) for pair in strings(v, f"{path}[{n}]")]
    return [(path, node)] if isinstance(node, str) else []


@pytest.mark.parametrize("name", ["items.yaml", "questionnaire.yaml", "redflags.yaml"])
def test_data_files_never_say_diagnose_or_cure(name: str) -> None:
    for path, text in strings(yaml.safe_load((DATA / name).read_text(encoding="utf-8"))):
        assert not FORBIDDEN.search(text), f"{name}{path}: {text}"
        if ".claim." not in path:
            assert not HEAL.search(text), f"{name}{path}: 'heal' outside a quoted claim: {text}"


def test_the_catalog_never_says_diagnose_cure_or_heal() -> None:
    text = CATALOG.read_text(encoding="utf-8")
    assert not FORBIDDEN.search(text)
    assert not HEAL.search(text)


def test_the_catalog_translates_every_message_of_the_knowledge_code() -> None:
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh, locale="zh_Hans")
    assert not catalog.fuzzy
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    for source in SOURCES:
        for _line, msgid, _comments, _context in extract_from_file("python", str(source)):
            assert msgid in translated, f"{source.name}: untranslated {msgid!r}"


def test_every_grade_stance_and_caution_has_words_in_both_languages() -> None:
    for lang in ("en", "zh"):
        set_language(lang)
        try:
            texts = [grade_label(g) for g in Grade] + [grade_meaning(g) for g in Grade]
            texts += [stance_label(s) for s in Stance] + [caution_text(c) for c in Caution]
            texts.append(score_label())
        finally:
            set_language("en")
        assert all(t.strip() for t in texts)
        assert not any(FORBIDDEN.search(t) for t in texts)


def test_a_reason_names_the_question_and_the_answer(answers: dict[str, Any]) -> None:
    cause = next(m for m in assess(answers).causes if m.item_id == "cause.nsaids")
    text = because_text(cause.because[0])
    assert "1-3 days a week" in text
    assert "ibuprofen" in text
