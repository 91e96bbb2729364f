"""Every route of an app as (method, path), walking included routers, so new routes are always tested."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

IGNORED_METHODS = frozenset({"HEAD", "OPTIONS"})


def _walk(routes: list[Any], prefix: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:  # FastAPI >= 0.16x keeps included routers as nodes
            found += _walk(list(included.routes), prefix + route.include_context.prefix)
        elif getattr(route, "methods", None):
            found += [(m, prefix + route.path) for m in sorted(route.methods) if m not in IGNORED_METHODS]
    return found


def all_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path template) of every HTTP route, static files aside; checked against the OpenAPI paths."""
    found = sorted(set(_walk(list(app.routes), "")))
    documented = set(app.openapi()["paths"])
    assert documented <= {path for _m, path in found}, "the route walker missed documented routes"
    return found
