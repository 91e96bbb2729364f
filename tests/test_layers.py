"""STYLE rule 1: the pure layers import no storage, web or CLI libraries."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parent.parent / "src" / "zonula"
PURE = ("domain", "knowledge", "foods", "analysis", "protocol", "simulation")
FORBIDDEN = ("sqlalchemy", "alembic", "fastapi", "starlette", "jinja2", "click", "rich", "uvicorn",
             "psycopg", "zonula.storage", "zonula.web", "zonula.cli", "zonula.service")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_pure_layers_import_no_outer_layer() -> None:
    offenders = []
    for package in PURE:
        for path in (SRC / package).rglob("*.py") if (SRC / package).exists() else []:
            for name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                    offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []


def test_only_storage_imports_sqlalchemy() -> None:
    offenders = [
        f"{path.relative_to(SRC)}"
        for path in SRC.rglob("*.py")
        if "storage" not in path.relative_to(SRC).parts
        and any(n.split(".")[0] in ("sqlalchemy", "alembic") for n in _imports(path))
    ]
    assert offenders == []


def test_the_cli_calls_only_the_facade() -> None:
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in (SRC / "cli").rglob("*.py")
        for name in _imports(path)
        if name.startswith("zonula.storage")
    ]
    assert offenders == []


def test_every_module_has_a_docstring() -> None:
    missing = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
               if "migrations" not in p.parts and ast.get_docstring(ast.parse(p.read_text("utf-8"))) is None]
    assert missing == []
