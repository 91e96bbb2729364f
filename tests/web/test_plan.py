"""The Plan page's repair steps and elimination plan, Today's protocol day, and their API routes."""

from __future__ import annotations

from tests.web.conftest import Browser
from tests.web.html import parse


def test_repair_steps_are_adopted_and_stopped(local: Browser) -> None:
    local.page("/plan")
    assert local.submit("/plan/steps", {"step": "yoga", "dose": "20 min"}).status_code == 303
    doc = local.page("/plan")
    assert "Yoga" in doc.find("ul", class_="repair").text
    again = local.submit("/plan/steps", {"step": "yoga"})
    assert again.status_code in (409, 422)
    assert parse(again.text).find("p", id="step-error").text
    assert local.submit("/plan/steps/yoga/stop").status_code == 303
    bad = local.submit("/plan/steps", {"step": "homeopathy"})
    assert bad.status_code == 422
    assert parse(bad.text).find("p", id="step-error").text
    steps = local.client.get("/api/v1/plan").json()
    assert [s["step"] for s in steps] == ["yoga"] and steps[0]["stop"] is not None


def test_without_a_plan_today_and_plan_say_how_to_start_one(local: Browser) -> None:
    assert local.page("/").find_all("h2", id="protocol-h") == []
    section = local.page("/plan").find("section", aria_labelledby="elim-h")
    assert section.find("form", action="/plan/start").find("button").text == "Start the plan"
    assert local.client.get("/api/v1/protocol").status_code == 404
    assert local.client.get("/api/v1/protocol/today").status_code == 404


def test_a_plan_started_on_the_plan_page_shows_its_day_on_today(local: Browser) -> None:
    local.page("/plan")
    none = local.submit("/plan/start", {"main_symptom": "bloating"})
    assert none.status_code == 422
    assert parse(none.text).find("p", id="suspects-error").text
    started = local.client.post("/plan/start", data={"csrf_token": local.csrf, "suspects": ["lactose"],
                                                     "main_symptom": "bloating"}, follow_redirects=False)
    assert started.status_code == 303
    today = local.page("/").find("section", aria_labelledby="protocol-h")
    assert today.find("p", class_="headline").text
    assert local.client.get("/api/v1/protocol/today").json()["headline"] == today.find("p", class_="headline").text
    assert local.client.get("/api/v1/protocol").json()["plan_id"]
    assert local.client.get("/api/v1/protocol/verdicts").json() == []
    again = local.client.post("/plan/start", data={"csrf_token": local.csrf, "suspects": ["caffeine"]})
    assert again.status_code == 409


def test_unacknowledged_red_flags_lock_the_plan(local: Browser) -> None:
    from tests.web.test_learn import calm_answers

    local.page("/assess")
    local.submit("/assess", calm_answers(rectal_bleeding="yes"))
    locked = local.client.post("/plan/start", data={"csrf_token": local.csrf, "suspects": ["lactose"]})
    assert locked.status_code == 423
    assert parse(locked.text).find("p", id="suspects-error").text
    assert local.client.get("/api/v1/protocol").status_code == 404
