"""Schemathesis against the OpenAPI document, in-process, authenticated: no input makes the API answer 5xx.

Each API operation gets a bounded number of generated requests (positive and negative data), sent
over ASGI with Alice's bearer token; the operations come from the live OpenAPI document, so new
endpoints are fuzzed without touching this test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.web.conftest import FAST_HASHER, PASSWORD, web_settings
from zonula.domain.entries import Entry, EntryKind
from zonula.service.accounts import Accounts
from zonula.storage import Database
from zonula.web import create_app

EXAMPLES = 30


def test_the_api_never_answers_a_server_error(sqlite_db: Database, tmp_path: Path) -> None:
    accounts = Accounts(sqlite_db, hasher=FAST_HASHER)
    alice = accounts.sign_up("alice", PASSWORD, timezone="Asia/Shanghai")
    diary = accounts.diary_of(alice)
    diary.add_many([Entry(EntryKind.SYMPTOM, diary.now(), name="bloating", value=v) for v in range(3)])
    token = accounts.create_token(alice, "fuzz")[0]
    app = create_app(web_settings(tmp_path, "multi"), accounts=accounts, secure_cookies=False)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7
    seen: dict[str, set[int]] = {}

    for operation in operations:
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def fuzz(case: Any) -> None:
            if case.operation.path == "/me/delete" or case.path.endswith("/me/delete"):
                case.body = {"password": "not the password"}  # keep Alice's account for the other operations
            response = case.call(headers=headers)
            seen.setdefault(f"{case.method} {case.path}", set()).add(response.status_code)
            assert response.status_code < 500, (case.method, case.formatted_path, case.body, response.text[:300])
            case.validate_response(response, checks=[not_a_server_error])

        fuzz()
    assert len(seen) == len(operations)
    assert any(200 <= s < 300 for codes in seen.values() for s in codes)  # real, accepted requests were made
