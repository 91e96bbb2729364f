"""`zonula simulate` and `zonula analyze` end to end."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zonula.analysis import ScreeningInput
from zonula.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.usefixtures("cli_env")
def test_simulate_then_import_then_analyze_as_json(tmp_path: Path) -> None:
    out, truth = tmp_path / "diary.csv", tmp_path / "truth.json"
    code, text = run("simulate", "--days", "28", "--seed", "2", "--out", str(out), "--truth", str(truth),
                     "--triggers", "fructans,lactose", "--lang", "zh")
    assert code == 0, text
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["timestamp", "kind", "name", "value", "unit", "note"]
    assert {t["group"] for t in json.loads(truth.read_text("utf-8"))["triggers"]} == {"fructans", "lactose"}
    code, text = run("import", "csv", str(out))
    assert code == 0, text
    code, text = run("analyze", "--symptom", "bloating", "--format", "json")
    assert code == 0, text
    data = json.loads(text)
    assert set(data) == {"data", "results"}
    assert data["data"]["days"] >= 28
    assert {r["status"] for r in data["results"]} <= {"suspect", "no_evidence", "insufficient_data"}
    tested = [r for r in data["results"] if r["status"] != "insufficient_data"]
    assert tested and all(0.0 <= r["p_suspect"] <= 1.0 for r in tested)


@pytest.mark.usefixtures("cli_env")
def test_analyze_prints_a_table_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "diary.csv"
    assert run("simulate", "--days", "21", "--seed", "5", "--out", str(out))[0] == 0
    assert run("import", "csv", str(out))[0] == 0
    code, text = run("--lang", "zh", "analyze", "--from", "2026-01-05", "--to", "2026-01-25")
    assert code == 0, text
    assert "有待验证的可疑食物" in text and "A suspect is a hypothesis" not in text


@pytest.mark.usefixtures("cli_env")
def test_simulate_refuses_an_unknown_trigger(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["simulate", "--out", str(tmp_path / "x.csv"), "--triggers", "bacon"])
    assert result.exit_code == 2
    assert "no lag known" in result.output
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.usefixtures("cli_env")
def test_every_analysis_command_has_help() -> None:
    for command in ("analyze", "simulate"):
        code, text = run(command, "--help")
        assert code == 0 and "Usage" in text


@pytest.mark.usefixtures("cli_env")
def test_analyze_takes_main_symptoms_and_what_you_suspected(screened: list[ScreeningInput]) -> None:
    code, text = run("analyze", "--main", "腹胀", "--main", "abdominal pain", "--suspected", "fructans, lactose,onion",
                     "--format", "json")
    assert code == 0, text
    assert "data" in json.loads(text)
    [data] = screened
    assert data.main_symptoms == ("bloating", "abdominal_pain")
    assert data.believed == {"fructans", "lactose", "dairy", "yangcong"}


@pytest.mark.usefixtures("cli_env")
def test_an_empty_suspect_list_means_nothing_was_suspected(screened: list[ScreeningInput]) -> None:
    assert run("analyze", "--suspected", "")[0] == 0
    assert screened[0].believed == frozenset()


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize(("args", "says"), [
    (["--main", "sneezing"], "unknown symptom 'sneezing'"),
    (["--main", "bloating", "--main", "nausea", "--main", "gas", "--main", "diarrhoea"], "at most 3 main symptoms"),
    (["--suspected", "x" * 81], "at most 80 characters"),
])
def test_analyze_refuses_bad_main_symptoms_or_suspects_cleanly(args: list[str], says: str) -> None:
    result = CliRunner().invoke(main, ["analyze", *args])
    assert result.exit_code == 2
    assert says in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.usefixtures("cli_env")
def test_the_table_says_which_symptom_is_main_and_what_you_suspected_before(tmp_path: Path) -> None:
    out = tmp_path / "diary.csv"
    assert run("simulate", "--days", "28", "--seed", "3", "--out", str(out))[0] == 0
    assert run("import", "csv", str(out))[0] == 0
    code, text = run("analyze", "--main", "bloating", "--suspected", "caffeine")
    assert code == 0, text
    assert "Main symptoms: bloating; the other symptoms" in text
    assert "Suspected before: caffeine; expectation alone" in text
    code, text = run("--lang", "zh", "analyze", "--main", "bloating", "--suspected", "caffeine")
    assert code == 0 and "主要症状：腹胀" in text and "之前就怀疑的：" in text
    code, text = run("analyze", "--suspected", "")
    assert code == 0 and "Suspected before" not in text
