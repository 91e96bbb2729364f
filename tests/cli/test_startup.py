"""Start-up cost: light commands import only what they need (no screening engine, scipy or numpy)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from zonula.cli import COMMANDS, main

# Run one command in a fresh interpreter, then write the names of every imported module to PROBE_OUT.
PROBE = """
import gc, json, os, sys
from zonula.cli import main
sys.argv = ["zonula", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    code = done.code
else:
    code = 0
with open(os.environ["PROBE_OUT"], "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules), "frozen": gc.get_freeze_count()}, out)
"""

# Packages no light command needs: the screening engine and its numerics, the knowledge base (YAML),
# the simulator, reports and charts, the web stack, importers, the protocol engine and Alembic (the store
# is up to date).
HEAVY = ("scipy", "numpy", "yaml", "alembic", "fastapi", "starlette", "jinja2", "matplotlib", "weasyprint",
         "zonula.analysis", "zonula.simulation", "zonula.knowledge", "zonula.reports", "zonula.charts",
         "zonula.web", "zonula.importers", "zonula.demo", "zonula.protocol")


def probe(data_dir: Path, *args: str) -> set[str]:
    """The modules a fresh `zonula ARGS` process, over the store in `data_dir`, imported (it must succeed)."""
    return set(probe_run(data_dir, *args)["modules"])


def probe_run(data_dir: Path, *args: str) -> dict[str, Any]:
    """What the probe wrote for a fresh `zonula ARGS` process: exit code, modules, frozen object count."""
    out = data_dir / "probe.json"
    env = {**os.environ, "ZONULA_DATA_DIR": str(data_dir), "ZONULA_LANG": "en", "ZONULA_TIMEZONE": "Asia/Shanghai",
           "ZONULA_DATABASE_URL": "", "ZONULA_USER": "local", "PROBE_OUT": str(out)}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert found["code"] in (0, None), done.stdout + done.stderr
    return found


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    """The packages of `packages` that appear (themselves or a submodule) in `modules`."""
    return sorted(p for p in packages if any(m == p or m.startswith(p + ".") for m in modules))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose store exists and is migrated, holding two logged meals (entries #1 and #2)."""
    data_dir = tmp_path_factory.mktemp("startup")
    probe(data_dir, "log", "meal", "oatmeal with milk", "--at", "2026-11-20 08:10")
    probe(data_dir, "log", "meal", "rice with tofu", "--at", "2026-11-20 12:10")
    return data_dir


@pytest.mark.parametrize("args", [
    ("diary", "--format", "json"),
    ("diary", "--format", "csv"),
    ("diary",),
    ("summary",),
    ("log", "symptom", "bloating", "6"),
    ("log", "meal", "rice and tofu"),
    ("edit", "1", "--note", "at home"),
])
def test_light_commands_skip_the_engine_and_heavy_packages(store: Path, args: tuple[str, ...]) -> None:
    modules = probe(store, *args)
    assert loaded(modules, HEAVY) == []


def test_diary_json_does_not_import_rich(store: Path) -> None:
    modules = probe(store, "diary", "--format", "json")
    assert loaded(modules, ("rich", "babel")) == []
    assert "sqlalchemy" in modules  # it did read the store


def test_the_loaded_modules_are_frozen_out_of_the_garbage_collector(store: Path) -> None:
    assert probe_run(store, "diary", "--format", "json")["frozen"] > 10_000


def test_delete_skips_the_engine(store: Path) -> None:
    modules = probe(store, "delete", "2")
    assert loaded(modules, HEAVY) == []


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("log", "--help"), ("diary", "--help"),
                                  ("edit", "--help"), ("delete", "--help")])
def test_help_never_opens_the_store(tmp_path: Path, args: tuple[str, ...]) -> None:
    modules = probe(tmp_path, *args)
    assert loaded(modules, (*HEAVY, "sqlalchemy", "zonula.service", "zonula.storage", "rich")) == []
    assert not (tmp_path / "zonula.sqlite3").exists()


def test_every_summary_in_the_command_table_is_its_commands_own_help() -> None:
    ctx = click.Context(main)
    for name, (_target, summary) in COMMANDS.items():
        command = main.get_command(ctx, name)
        assert command is not None
        assert command.get_short_help_str(limit=1000) == summary, name


def test_top_level_help_lists_every_command_with_its_summary(cli_env: dict[str, str]) -> None:
    from click.testing import CliRunner

    out = CliRunner().invoke(main, ["--help"], terminal_width=200).output
    for name, (_target, summary) in COMMANDS.items():
        assert f"{name} " in out and summary in out, name
