"""Pages in local mode: every page renders, logging lands in the diary, bad input is named by field."""

from __future__ import annotations

import pytest

from tests.web.conftest import Browser
from tests.web.html import parse

PAGES = ["/", "/log", "/diary", "/insights", "/learn", "/assess", "/plan", "/transfer", "/settings"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_landmarks_and_a_title(local: Browser, path: str) -> None:
    doc = local.page(path)
    assert doc.find("main").attrs["id"] == "main"
    assert doc.find("nav").attrs["aria-label"]
    assert doc.find("title").text.endswith("zonula")
    assert doc.find("h1").text
    assert doc.find("html").attrs["lang"] == "en"


def test_every_input_on_the_log_page_has_a_label(local: Browser) -> None:
    doc = local.page("/log")
    labelled = {label.attrs.get("for") for label in doc.find_all("label")}
    for field in doc.find_all("input") + doc.find_all("textarea") + doc.find_all("select"):
        if field.attrs.get("type") in ("hidden", "radio", "checkbox"):
            continue
        assert field.attrs["id"] in labelled, field.attrs


def test_a_logged_meal_appears_in_the_diary(local: Browser) -> None:
    local.page("/log")
    response = local.submit("/log/meal", {"name": "oatmeal with milk", "at": "2026-11-20T08:10"})
    assert response.status_code == 303
    assert response.headers["location"].startswith("/log?saved=meal")
    doc = local.page("/diary?from=2026-11-20&to=2026-11-20")
    rows = doc.find_all("li", class_="entry")
    assert [r.find("span", class_="what").text for r in rows] == ["oatmeal with milk"]
    assert rows[0].find("time").text == "08:10"
    assert doc.find("h2").text == "2026-11-20"


def test_symptom_sliders_log_each_symptom_above_zero(local: Browser) -> None:
    local.page("/log")
    response = local.submit("/log/symptom", {"symptom_bloating": "6", "symptom_gas": "0", "symptom_nausea": "2",
                                             "at": "2026-11-20T12:00"})
    assert response.status_code == 303
    doc = local.page("/diary?from=2026-11-20&to=2026-11-20&kind=symptom")
    assert sorted(r.find("span", class_="what").text for r in doc.find_all("li", class_="entry")) == [
        "bloating 6/10", "nausea 2/10"]


def test_a_bristol_type_out_of_range_is_refused_next_to_its_field(local: Browser) -> None:
    local.page("/log")
    response = local.submit("/log/stool", {"value": "9"})
    assert response.status_code == 422
    doc = parse(response.text)
    section = doc.find("section", id="stool")
    assert "between 1 and 7" in section.find("p", id="value-error").text
    assert section.find("fieldset").attrs["aria-invalid"] == "true"
    assert local.page("/diary").find_all("li", class_="entry") == []


def test_an_unreadable_time_is_named_and_the_typed_meal_is_kept(local: Browser) -> None:
    local.page("/log")
    response = local.submit("/log/meal", {"name": "牛肉面", "at": "yesterday-ish"})
    assert response.status_code == 422
    section = parse(response.text).find("section", id="meal")
    assert section.find("p", id="at-error").text
    assert section.find("textarea").text == "牛肉面"


def test_an_empty_symptom_form_says_what_to_do(local: Browser) -> None:
    local.page("/log")
    response = local.submit("/log/symptom", {"symptom_bloating": "0"})
    assert response.status_code == 422
    assert parse(response.text).find("p", id="symptoms-error").text


def test_a_form_without_the_csrf_token_is_refused_and_writes_nothing(local: Browser) -> None:
    local.page("/log")
    response = local.client.post("/log/meal", data={"name": "toast"}, follow_redirects=False)
    assert response.status_code == 403
    forged = local.client.post("/log/meal", data={"name": "toast", "csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    assert local.page("/diary").find_all("li", class_="entry") == []


def test_htmx_may_send_the_csrf_token_as_a_header(local: Browser) -> None:
    local.page("/log")
    response = local.client.post("/log/preview", data={"name": "rice"}, headers={"X-CSRF-Token": local.csrf,
                                                                                  "HX-Request": "true"})
    assert response.status_code == 200
    assert parse(response.text).find("p").text


def test_an_entry_can_be_edited_and_a_bad_edit_is_refused(local: Browser) -> None:
    local.page("/log")
    local.submit("/log/stress", {"value": "4", "at": "2026-11-20T09:00"})
    doc = local.page("/diary?from=2026-11-20&to=2026-11-20")
    entry_id = doc.find("li", class_="entry").attrs["id"].removeprefix("entry-")
    form = local.page(f"/diary/{entry_id}/edit")
    assert form.find("input", name="value").attrs["value"] == "4"
    bad = local.submit(f"/diary/{entry_id}/edit", {"value": "11", "at": "2026-11-20T09:00"})
    assert bad.status_code == 422
    assert parse(bad.text).find("input", name="value").attrs["aria-invalid"] == "true"
    good = local.submit(f"/diary/{entry_id}/edit", {"value": "7", "at": "2026-11-20T09:30", "note": "deadline"})
    assert good.status_code == 303
    row = local.page("/diary?from=2026-11-20&to=2026-11-20").find("li", class_="entry")
    assert row.find("span", class_="what").text == "7/10"
    assert row.find("time").text == "09:30"


def test_deleting_by_htmx_returns_nothing_to_swap_in(local: Browser) -> None:
    local.page("/log")
    local.submit("/log/note", {"note": "felt fine", "at": "2026-11-20T10:00"})
    entry_id = local.page("/diary?from=2026-11-20&to=2026-11-20").find("li", class_="entry").attrs["id"][6:]
    response = local.client.post(f"/diary/{entry_id}/delete", headers={"X-CSRF-Token": local.csrf,
                                                                        "HX-Request": "true"})
    assert response.status_code == 200
    assert response.text == ""
    assert local.page("/diary?from=2026-11-20&to=2026-11-20").find_all("li", class_="entry") == []
    assert local.client.get(f"/diary/{entry_id}/edit").status_code == 404


def test_a_bad_diary_filter_is_named_not_a_crash(local: Browser) -> None:
    doc = local.page("/diary?from=last+week", status=422)
    assert doc.find("p", id="from-error").text


def test_the_language_follows_accept_language_then_the_switch(local: Browser) -> None:
    doc = local.page("/log", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
    assert doc.find("html").attrs["lang"] == "zh-Hans"
    assert doc.find("h1").text == "记录"
    response = local.submit("/language", {"lang": "en", "next": "/log"})
    assert response.status_code == 303
    assert response.headers["location"] == "/log"
    doc = local.page("/log", headers={"Accept-Language": "zh-CN"})
    assert doc.find("h1").text == "Log"


def test_the_language_switch_never_redirects_off_site(local: Browser) -> None:
    local.page("/")
    response = local.submit("/language", {"lang": "zh", "next": "https://evil.example/"})
    assert response.headers["location"] == "/"


def test_an_unknown_page_gets_the_404_page(local: Browser) -> None:
    doc = local.page("/no-such-page", status=404)
    assert doc.find("h1").text == "Not found"


def test_an_unexpected_error_shows_a_generic_page_without_a_traceback(local: Browser, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from zonula.service import Diary

    def explode(self: Diary, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Diary, "summary", explode)
    client = TestClient(local.client.app, raise_server_exceptions=False)
    response = client.get("/insights")
    assert response.status_code == 500
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert parse(response.text).find("h1").text == "Something went wrong"
    api = client.get("/api/v1/summary")
    assert api.status_code == 500
    assert "secret internals" not in api.text


def test_responses_carry_security_headers(local: Browser) -> None:
    response = local.client.get("/")
    assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_htmx_is_served_locally(local: Browser) -> None:
    doc = local.page("/")
    sources = [s.attrs["src"] for s in doc.find_all("script")]
    assert "/static/vendor/htmx.min.js" in sources
    assert local.client.get("/static/vendor/htmx.min.js").status_code == 200
