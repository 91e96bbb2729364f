"""The web app: server-rendered pages, the REST API, accounts. The only package importing FastAPI."""

from zonula.web.app import create_app

__all__ = ["create_app"]
