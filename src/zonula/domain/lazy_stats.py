"""`scipy.stats`, imported on first use: it costs half a second, and most commands never need it."""

from __future__ import annotations

import importlib
from typing import Any


class _LazyModule:
    """A stand-in that imports the named module when an attribute is first read."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: Any = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


stats: Any = _LazyModule("scipy.stats")
