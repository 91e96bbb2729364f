"""Rendering libraries stay in their corners: Jinja2 in web/ and reports/render.py, WeasyPrint in the
report renderer, matplotlib in charts/."""

from __future__ import annotations

from pathlib import Path

from tests.test_layers import SRC, _imports

ALLOWED = {
    "jinja2": ("web/", "reports/render.py"),
    "weasyprint": ("reports/render.py",),
    "matplotlib": ("charts/",),
}


def test_rendering_libraries_are_imported_only_where_allowed() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        where = path.relative_to(SRC).as_posix()
        for name in _imports(path):
            top = name.split(".")[0]
            if top in ALLOWED and not where.startswith(ALLOWED[top]):
                offenders.append(f"{where} imports {name}")
    assert offenders == []


def test_the_charts_import_nothing_from_the_web_or_templates() -> None:
    for path in (SRC / "charts").rglob("*.py"):
        names = _imports(path)
        assert not any(n.startswith(("zonula.web", "zonula.reports", "zonula.cli", "zonula.service", "jinja2"))
                       for n in names), Path(path).name
