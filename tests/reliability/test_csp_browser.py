"""The strict Content-Security-Policy breaks nothing: no page reports a CSP violation in a real browser."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.test_browser import Served, chromium, local_server, page  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PAGES = ("/", "/log", "/diary", "/insights", "/learn", "/settings", "/transfer")


def test_no_page_violates_the_content_security_policy(page: Any, local_server: Served) -> None:  # noqa: F811
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(msg.text))
    for path in PAGES:
        page.goto(local_server.url + path)
        page.wait_for_load_state("networkidle")
    page.goto(local_server.url + "/log")
    page.get_by_role("button").first.click()  # exercise htmx
    page.wait_for_load_state("networkidle")
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []
