"""Migration 0002 adds the assessment tables, and removing a person removes their assessments."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select

from tests.conftest import make_diary
from zonula.storage import Database
from zonula.storage.database import _alembic_config
from zonula.storage.tables import AssessmentRow, RedFlagAckRow, UserRow

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"


def test_the_migration_creates_both_tables_and_downgrades_cleanly(sqlite_db: Database) -> None:
    assert {"assessments", "red_flag_acks"} <= set(inspect(sqlite_db.engine).get_table_names())
    cfg = _alembic_config()
    with sqlite_db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001_initial")
    assert "assessments" not in inspect(sqlite_db.engine).get_table_names()
    sqlite_db.migrate()
    assert sqlite_db.schema_revision() == Database.head_revision()


def test_deleting_a_person_deletes_their_assessments_and_acknowledgements(db: Database) -> None:
    diary = make_diary(db, "carol")
    diary.save_assessment(json.loads(EXAMPLE.read_text(encoding="utf-8")), on=date(2026, 3, 1))
    diary.acknowledge_red_flags(on=date(2026, 3, 2))
    with db.transaction() as session:
        session.delete(session.get(UserRow, diary.user.id))
    with db.reading() as session:
        assert session.execute(select(AssessmentRow)).first() is None
        assert session.execute(select(RedFlagAckRow)).first() is None
