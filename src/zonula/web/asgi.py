"""The ASGI entry point for uvicorn: the app built from the environment's settings."""

from __future__ import annotations

from zonula.config import load_settings
from zonula.web.app import create_app
from zonula.web.heap import tune_collector

app = create_app(load_settings())
tune_collector()
