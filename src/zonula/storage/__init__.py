"""Storage: the only package that imports SQLAlchemy. SQLite by default, PostgreSQL by one URL."""

from zonula.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
