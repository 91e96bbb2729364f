"""`zonula import` for every format: --list, dry-run previews, folders and zips, all-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zonula.cli import main
from zonula.importers import IMPORTERS

DATA = Path(__file__).parent.parent / "data" / "importers"
SAMPLES = {
    "cronometer": DATA / "cronometer" / "servings.csv",
    "bearable": DATA / "bearable" / "bearable_7col.csv",
    "mysymptoms": DATA / "mysymptoms" / "mysymptoms.csv",
    "myfitnesspal": DATA / "myfitnesspal" / "File-Export-2026-01-01-to-2026-01-31.zip",
    "apple_health": DATA / "apple_health" / "export.zip",
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _count() -> int:
    return len(json.loads(run("diary", "--format", "json")[1]))


@pytest.mark.usefixtures("cli_env")
def test_list_names_every_format() -> None:
    code, out = run("import", "--list")
    assert code == 0
    for name in IMPORTERS:
        assert f"  {name}  " in out


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_dry_run_previews_then_import_then_nothing_new(fmt: str) -> None:
    code, out = run("import", fmt, str(SAMPLES[fmt]), "--dry-run")
    assert code == 0, out
    assert "Dry run:" in out and "nothing written" in out
    assert "First " in out  # the preview table
    assert _count() == 0
    code, out = run("import", fmt, str(SAMPLES[fmt]))
    assert code == 0 and "Imported " in out
    added = _count()
    assert added > 0
    code, out = run("import", fmt, str(SAMPLES[fmt]))
    assert code == 0 and "Imported 0 entries" in out
    assert _count() == added


@pytest.mark.usefixtures("cli_env")
def test_dry_run_shows_counts_per_kind_and_the_first_entries() -> None:
    code, out = run("import", "bearable", str(DATA / "bearable" / "bearable_7col.csv"), "--dry-run")
    assert code == 0
    assert "symptom: 5" in out and "medication: 1" in out
    assert "First 10 of 12 entries" in out
    assert "Hydroxyzine" in out


@pytest.mark.usefixtures("cli_env")
def test_a_cronometer_folder_imports_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    for name in ("servings.csv", "notes.csv"):
        (folder / name).write_bytes((DATA / "cronometer" / name).read_bytes())
    code, out = run("import", "cronometer", str(folder))
    assert code == 0 and "Imported 7 entries" in out


@pytest.mark.usefixtures("cli_env")
def test_a_broken_file_exits_2_with_locations_and_writes_nothing() -> None:
    code, out = run("import", "mysymptoms", str(DATA / "mysymptoms" / "mysymptoms_broken.csv"))
    assert code == 2
    assert "mysymptoms_broken.csv:4: time: cannot read '25:99'" in out
    assert "Traceback" not in out
    assert _count() == 0
    code, out = run("import", "mysymptoms", str(DATA / "mysymptoms" / "mysymptoms_broken.csv"), "--skip-bad-rows")
    assert code == 0 and "Skipped 6 bad rows" in out
    assert _count() == 2


@pytest.mark.usefixtures("cli_env")
def test_a_large_file_imports_with_the_progress_bar(tmp_path: Path) -> None:
    big = tmp_path / "servings.csv"
    nutrients = ",".join(f"Nutrient {i} (mg)" for i in range(50))
    values = ",".join("12.34" for _ in range(50))
    lines = [f"Day,Time,Group,Food Name,Amount,{nutrients}"]
    lines += [f"2025-{1 + i // 500 % 12:02d}-{1 + i // 20 % 25:02d},{1 + i % 12}:{i % 60:02d} PM,Lunch,"
              f"Food {i},1.00 cup,{values}" for i in range(6000)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert big.stat().st_size > 2_000_000
    code, out = run("import", "cronometer", str(big))
    assert code == 0, out
    assert "Imported " in out and "meal: " in out


@pytest.mark.usefixtures("cli_env")
def test_problems_are_shown_in_chinese() -> None:
    code, out = run("--lang", "zh", "import", "bearable", str(DATA / "bearable" / "bearable_broken.csv"))
    assert code == 2
    assert "bearable_broken.csv:4: time of day: 无法将 'tea time' 识别为时刻" in out


@pytest.mark.usefixtures("cli_env")
def test_a_json_export_restores_the_other_sections_and_says_so(tmp_path: Path) -> None:
    assert run("--user", "ann", "foods", "add", "Oat bar", "--groups", "gluten:high")[0] == 0
    path = tmp_path / "ann.json"
    assert run("--user", "ann", "export", "json", str(path))[0] == 0
    code, out = run("--user", "ben", "import", "json", str(path))
    assert code == 0
    assert "your foods and recipes: 1" in out
    code, again = run("--user", "ben", "import", "json", str(path))
    assert code == 0 and "your foods and recipes" not in again
