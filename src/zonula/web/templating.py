"""Jinja2 templates with gettext from zonula.i18n, and the page renderer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from zonula import i18n
from zonula.cli.labels import bristol_label, kind_label, practice_label, symptom_label
from zonula.web.viewer import Viewer

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def build_environment() -> Environment:
    """The template environment: autoescaping, i18n with zonula's gettext, label helpers."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "svg"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True)
    env.globals.update(
        kind_label=kind_label, symptom_label=symptom_label, bristol_label=bristol_label,
        practice_label=practice_label, pick=i18n.pick, current_language=i18n.current_language,
    )
    env.filters.update(number=_number, hhmm=_hhmm)
    return env


class Renderer:
    """Renders a template to an HTMLResponse with the request's viewer in the context."""

    def __init__(self, env: Environment, *, mode: str) -> None:
        self.env = env
        self.mode = mode

    def page(self, request: Request, name: str, context: Mapping[str, Any] | None = None, *,
             status_code: int = 200) -> HTMLResponse:
        """Render template `name` with the common context (viewer, csrf, language, path)."""
        return HTMLResponse(self.text(request, name, context), status_code=status_code)

    def text(self, request: Request, name: str, context: Mapping[str, Any] | None = None) -> str:
        """Render template `name` to a string."""
        found = request.scope.get("state", {}).get("viewer")
        # An error raised before the viewer was known still renders, anonymously.
        viewer = found if isinstance(found, Viewer) else Viewer(user=None, csrf="", language=i18n.current_language())
        values: dict[str, Any] = {
            "request": request,
            "viewer": viewer,
            "user": viewer.user,
            "csrf": viewer.csrf,
            "lang": viewer.language,
            "mode": self.mode,
            "path": request.url.path,
            "errors": {},
            "form": {},
            "message": None,
        }
        values.update(context or {})
        return self.env.get_template(name).render(values)


def renderer_from(request: Request) -> Renderer:
    """The app's renderer."""
    found = request.app.state.renderer
    assert isinstance(found, Renderer)
    return found


async def renderer_of(request: Request) -> Renderer:
    """The app's renderer, as a dependency (inline, no thread)."""
    return renderer_from(request)
