"""The facade's engines: imported on first use by short commands, all at once by a server at start."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import zonula.web.app as web_app
from tests.web.conftest import web_settings
from zonula.service import ENGINES, load_engines

SRC = Path(__file__).resolve().parents[2] / "src" / "zonula"
LAZY_IMPORT = re.compile(r"^[ \t]+from (zonula\.[\w.]+) import", re.M)


def lazily_imported() -> set[str]:
    """Every zonula module the facade and the storage import inside a function."""
    found: set[str] = set()
    for folder in ("service", "storage"):
        for path in (SRC / folder).glob("*.py"):
            found.update(LAZY_IMPORT.findall(path.read_text(encoding="utf-8")))
    return found


def test_load_engines_imports_everything_the_facade_imports_on_first_use() -> None:
    wanted = lazily_imported()
    assert "zonula.analysis" in wanted and "zonula.protocol.timeline" in wanted
    code = ("import json, sys\nfrom zonula.service import load_engines\n"
            "load_engines()\nprint(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    loaded = set(json.loads(done.stdout))
    assert sorted(wanted - loaded) == []
    assert {"scipy", "numpy"} <= loaded


def test_every_listed_engine_exists() -> None:
    load_engines()
    assert all(name in sys.modules for name in ENGINES)


def test_the_web_app_loads_the_engines_when_it_is_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(web_app, "load_engines", lambda: calls.append(True))
    web_app.create_app(web_settings(tmp_path))
    assert calls == [True]
