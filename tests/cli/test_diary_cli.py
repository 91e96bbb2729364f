"""The diary CLI end to end: log, list, edit, delete, import/export, clean errors, Chinese output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zonula.cli import main

DATA = Path(__file__).parent.parent / "data"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.usefixtures("cli_env")
def test_log_every_kind_then_list_as_json() -> None:
    commands = [
        ("log", "meal", "oatmeal with milk, banana", "--at", "2026-11-20 08:10"),
        ("log", "symptom", "bloating", "6", "--at", "2026-11-20 10:00"),
        ("log", "stool", "4", "--at", "2026-11-20 09:00"),
        ("log", "stress", "7", "--at", "2026-11-20 21:00"),
        ("log", "sleep", "6.5", "--quality", "7", "--at", "2026-11-20 07:00"),
        ("log", "med", "ibuprofen", "--dose", "400", "--unit", "mg", "--at", "2026-11-20 13:00"),
        ("log", "supplement", "probiotic", "--at", "2026-11-20 08:00"),
        ("log", "practice", "yoga", "--minutes", "30", "--at", "2026-11-20 19:00"),
        ("log", "period", "--at", "2026-11-20 08:00"),
        ("log", "note", "travelled", "--at", "2026-11-20 22:00"),
    ]
    for command in commands:
        code, out = run(*command)
        assert code == 0, out
        assert "Logged #" in out
    code, out = run("diary", "--from", "2026-11-20", "--to", "2026-11-20", "--format", "json")
    items = json.loads(out)
    assert len(items) == 10
    assert {"id", "kind", "timestamp", "name", "value", "unit", "note"} <= set(items[0])
    med = next(i for i in items if i["kind"] == "medication")
    assert (med["name"], med["value"], med["unit"], med["drug_class"]) == ("ibuprofen", 400, "mg", "nsaid")
    assert items[0]["timestamp"] == "2026-11-20T07:00:00+08:00"


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize(("args", "needle"), [
    (("log", "symptom", "bloating", "11"), "value: must be between 0 and 10, got 11"),
    (("log", "stool", "8"), "value: must be between 1 and 7, got 8"),
    (("log", "stress", "3", "--at", "not a time"), "timestamp: cannot read 'not a time'"),
])
def test_bad_input_gives_a_clear_message_and_writes_nothing(args: tuple[str, ...], needle: str) -> None:
    code, out = run(*args)
    assert code == 2
    assert needle in out
    assert "Traceback" not in out
    assert json.loads(run("diary", "--format", "json")[1]) == []


@pytest.mark.usefixtures("cli_env")
def test_import_is_all_or_nothing_and_export_round_trips(tmp_path: Path) -> None:
    code, out = run("import", "csv", str(DATA / "zonula_broken.csv"))
    assert code == 2 and "zonula_broken.csv:3" in out and "nothing was written" in out
    assert json.loads(run("diary", "--format", "json")[1]) == []
    code, out = run("import", "csv", str(DATA / "zonula_broken.csv"), "--skip-bad-rows")
    assert code == 0 and "Imported 2 entries" in out and "Skipped 5 bad rows" in out
    code, out = run("import", "csv", str(DATA / "zonula_sample.csv"))
    assert code == 0 and "Imported 11 entries" in out
    target = tmp_path / "export.csv"
    assert run("export", "csv", str(target))[0] == 0
    assert "早餐:牛奶、包子、豆浆" in target.read_text(encoding="utf-8")
    assert run("export", "json", str(tmp_path / "all.json"))[0] == 0
    doc = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert doc["format"] == "zonula" and len(doc["entries"]) == 13


@pytest.mark.usefixtures("cli_env")
def test_edit_and_delete() -> None:
    run("log", "symptom", "gas", "3", "--at", "2026-11-20 10:00")
    entry_id = json.loads(run("diary", "--format", "json")[1])[0]["id"]
    code, out = run("edit", str(entry_id), "--value", "5")
    assert code == 0 and "5/10" in out
    code, out = run("edit", str(entry_id), "--value", "50")
    assert code == 2 and "between 0 and 10" in out
    assert json.loads(run("diary", "--format", "json")[1])[0]["value"] == 5
    assert run("delete", str(entry_id))[0] == 0
    code, out = run("delete", str(entry_id))
    assert code == 3 and f"no entry {entry_id}" in out


@pytest.mark.usefixtures("cli_env")
def test_chinese_output_is_complete() -> None:
    code, out = run("--lang", "zh", "log", "symptom", "腹胀", "6", "--at", "2026-11-20 10:00")
    assert code == 0 and "已记录" in out and "腹胀" in out
    code, out = run("--lang", "zh", "demo", "--days", "14", "--replace")
    assert code == 0
    code, out = run("--lang", "zh", "summary")
    assert code == 0 and "按类型统计" in out
    code, out = run("--lang", "zh", "log", "stool", "8")
    assert code == 2 and "错误" in out


@pytest.mark.usefixtures("cli_env")
def test_demo_fills_eight_weeks_of_english_and_chinese_meals() -> None:
    code, out = run("demo")
    assert code == 0
    items = json.loads(run("diary", "--format", "json")[1])
    days = {i["timestamp"][:10] for i in items}
    assert len(days) == 56
    meals = [i["name"] for i in items if i["kind"] == "meal"]
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in meals)
    assert any(m.isascii() for m in meals)
    code, out = run("demo")
    assert code != 0 and "--replace" in out


def test_every_command_has_help() -> None:
    def walk(cmd: object, path: list[str]) -> None:
        import click

        assert isinstance(cmd, click.Command)
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert (cmd.help or "").strip(), f"zonula {' '.join(path)} has no help"
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, [*path, name])

    walk(main, [])
