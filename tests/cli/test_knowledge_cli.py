"""`zonula learn` and `zonula assess` end to end, including the interactive questionnaire."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from zonula.cli import main
from zonula.i18n import set_language
from zonula.knowledge.questionnaire import Answer, AnswerType, questionnaire

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """`--lang zh` sets the language for the whole process: put English back after each test."""
    yield
    set_language("en")


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.output


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def typed(answers: dict[str, Any]) -> list[str]:
    """What a person would type, question by question, to give these answers (choices by number)."""
    lines: list[str] = []
    given: dict[str, Answer] = {}
    for q in questionnaire().questions:
        if not q.is_asked(given):
            continue
        value = answers[q.id]
        given[q.id] = q.parse(value)
        if q.type is AnswerType.YESNO:
            lines.append("y" if value else "n")
        elif q.type is AnswerType.CHOICE:
            lines.append(str([c.value for c in q.choices].index(value) + 1))
        elif isinstance(value, list):
            lines.append(", ".join(value))
        else:
            lines.append(str(value))
    return lines


@pytest.mark.usefixtures("cli_env")
def test_learn_json_dumps_every_item_with_both_languages_grade_and_references() -> None:
    code, out = run("learn", "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 46
    for item in items:
        assert item["name"]["en"] and item["name"]["zh"]
        assert item["grade"] in {"A", "A*", "C", "D", "X"}
        assert item["references"]


@pytest.mark.usefixtures("cli_env")
def test_learn_a_topic_shows_the_claim_the_evidence_and_the_honest_note() -> None:
    code, out = run("learn", "nsaids")
    assert code == 0
    assert "Established" in out
    assert "Do not stop aspirin" in out
    assert "Maiden L" in out


@pytest.mark.usefixtures("cli_env")
def test_learn_finds_a_chinese_name_and_fails_cleanly_on_an_unknown_topic() -> None:
    code, out = run("--lang", "zh", "learn", "益生菌", "--format", "json")
    assert code == 0
    assert {i["id"] for i in json.loads(out)} == {"repair.probiotics", "treatment.probiotics_prebiotics"}
    code, out = run("learn", "moon dust")
    assert code == 3
    assert "nothing found" in out


@pytest.mark.usefixtures("cli_env")
def test_assess_from_a_file_puts_red_flags_first_and_stores_the_result() -> None:
    code, out = run("assess", "--answers", str(EXAMPLE), "--date", "2026-03-01")
    assert code == 0, out
    assert out.index("Please see a doctor") < out.index("zonula symptom burden score")
    assert "possible food allergy" in out
    assert "not a validated instrument" in out
    code, out = run("assess", "history", "--format", "json")
    [entry] = json.loads(out)
    assert entry["taken_on"] == "2026-03-01"
    assert entry["red_flags"] == ["food_allergy_reaction"]


@pytest.mark.usefixtures("cli_env")
def test_assess_json_output_carries_the_result(tmp_path: Path) -> None:
    code, out = run("assess", "--answers", str(EXAMPLE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["result"]["ige_foods"] == ["peanut", "shellfish"]
    assert data["score_name"] == "zonula symptom burden score (not a validated instrument)"
    assert data["red_flag_reasons"]["food_allergy_reaction"]["zh"]


@pytest.mark.usefixtures("cli_env")
def test_a_bad_answers_file_lists_every_bad_field_and_stores_nothing(tmp_path: Path) -> None:
    answers = example()
    answers.update(age=-1, nsaid_use="always", favourite_colour="blue")
    del answers["fever"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(answers), encoding="utf-8")
    code, out = run("assess", "--answers", str(bad))
    assert code == 2
    for field in ("age", "nsaid_use", "favourite_colour", "fever"):
        assert f"{field}:" in out
    assert "Traceback" not in out
    assert json.loads(run("assess", "history", "--format", "json")[1]) == []


@pytest.mark.usefixtures("cli_env")
def test_an_answers_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out = run("assess", "--answers", str(bad))
    assert code == 2
    assert "not valid JSON" in out


@pytest.mark.usefixtures("cli_env")
def test_interactive_assessment_re_asks_an_invalid_answer_and_saves() -> None:
    lines = typed(example())
    # Answer the first question with nonsense, then properly; the severity with 11, then properly.
    lines = ["often-ish", lines[0], "11", *lines[1:]]
    code, out = run("assess", stdin="\n".join(lines) + "\n")
    assert code == 0, out
    assert "Please answer again: must be one of" in out
    assert "Please answer again: must be a whole number from 0 to 10" in out
    assert "Please see a doctor" in out
    [saved] = json.loads(run("assess", "history", "--format", "json")[1])
    assert saved["causes"] == ["cause.chronic_stress", "cause.infections", "cause.nsaids", "cause.antibiotics"]


@pytest.mark.usefixtures("cli_env")
def test_interactive_assessment_stopped_early_saves_nothing() -> None:
    code, out = run("assess", stdin="1\n")
    assert code == 1
    assert "nothing was saved" in out
    assert json.loads(run("assess", "history", "--format", "json")[1]) == []


@pytest.mark.usefixtures("cli_env")
def test_acknowledging_red_flags_asks_for_confirmation_then_records() -> None:
    run("assess", "--answers", str(EXAMPLE))
    code, out = run("assess", "ack-red-flags", stdin="n\n")
    assert code == 1
    assert "Nothing was recorded" in out
    code, out = run("assess", "ack-red-flags", "--date", "2026-03-05", stdin="y\n")
    assert code == 0
    assert "Recorded on 2026-03-05" in out
    code, out = run("assess", "show")
    assert "You recorded on 2026-03-05" in out
    safety = json.loads(run("assess", "show", "--format", "json")[1])["safety"]
    assert safety["diet_tools_locked"] is False
    assert safety["ige_suspected_foods"] == ["peanut", "shellfish"]


@pytest.mark.usefixtures("cli_env")
def test_acknowledging_without_an_assessment_is_a_clean_error() -> None:
    code, out = run("assess", "ack-red-flags", "--yes")
    assert code == 4
    assert "no assessment yet" in out


@pytest.mark.usefixtures("cli_env")
def test_history_shows_the_score_change_and_causes_added_and_removed(tmp_path: Path) -> None:
    run("assess", "--answers", str(EXAMPLE), "--date", "2026-03-01")
    later = example()
    later.update(nsaid_use="never", alcohol_drinks_week=20)
    del later["nsaid_prescribed"]
    path = tmp_path / "later.json"
    path.write_text(json.dumps(later), encoding="utf-8")
    run("assess", "--answers", str(path), "--date", "2026-04-01")
    code, out = run("assess", "history", "--format", "json")
    second = json.loads(out)[1]
    assert second["change"]["causes_added"] == ["cause.toxins"]
    assert second["change"]["causes_removed"] == ["cause.nsaids"]
    code, out = run("assess", "history")
    assert code == 0
    assert "+Toxin exposure" in out


@pytest.mark.usefixtures("cli_env")
def test_show_prints_the_latest_assessment_or_says_there_is_none() -> None:
    code, out = run("assess", "show")
    assert code == 3
    run("assess", "--answers", str(EXAMPLE))
    code, out = run("assess", "show", "--format", "json")
    assert code == 0
    assert json.loads(out)["result"]["red_flags"] == ["food_allergy_reaction"]


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize("args", [("learn",), ("assess",), ("assess", "history"), ("assess", "show"),
                                  ("assess", "ack-red-flags")])
def test_every_command_has_help(args: tuple[str, ...]) -> None:
    code, out = run(*args, "--help")
    assert code == 0
    assert "Usage:" in out


@pytest.mark.usefixtures("cli_env")
def test_the_result_reads_in_chinese() -> None:
    code, out = run("--lang", "zh", "assess", "--answers", str(EXAMPLE))
    assert code == 0
    assert "请先看医生" in out
    assert "可能存在食物过敏" in out
    assert "zonula症状负担评分（非经验证的量表）" in out
    assert "diagnos" not in out.lower()


@pytest.mark.usefixtures("cli_env")
def test_the_interactive_assessment_runs_in_chinese_with_chinese_yes_and_no() -> None:
    lines = [{"y": "是", "n": "否"}.get(line, line) for line in typed(example())]
    code, out = run("--lang", "zh", "assess", stdin="\n".join(lines) + "\n")
    assert code == 0, out
    assert "过去4周内，您出现腹胀的频率是？" in out
    assert "请先看医生" in out
