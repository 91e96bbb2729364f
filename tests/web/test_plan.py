"""The Plan page's repair steps and elimination plan, Today's protocol day, and their API routes."""

from __future__ import annotations

from datetime import date, timedelta

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


def _started(local: Browser) -> None:
    local.page("/plan")
    started = local.client.post("/plan/start", data={"csrf_token": local.csrf, "suspects": ["lactose"],
                                                     "main_symptom": "bloating"}, follow_redirects=False)
    assert started.status_code == 303


def _events(local: Browser) -> list[dict[str, object]]:
    events: list[dict[str, object]] = local.client.get("/api/v1/protocol").json()["events"]
    return events


def test_the_plan_is_paused_with_a_reason_and_resumed_on_the_plan_page(local: Browser) -> None:
    _started(local)
    state = local.page("/plan").find("div", id="plan-state")
    assert "run-in" in state.text and "Paused" not in state.text
    assert local.submit("/plan/change/pause", {"reason": "travelling"}).status_code == 303
    doc = local.page("/plan")
    state = doc.find("div", id="plan-state")
    assert "Paused" in state.text and "travelling" in state.text and "run-in" in state.text
    assert doc.find_all("form", action="/plan/change/pause") == []
    assert doc.find("form", action="/plan/change/resume").find("button").text == "Resume the plan"
    assert [e["kind"] for e in _events(local)] == ["started", "paused"]
    assert _events(local)[1]["reason"] == "travelling"
    again = local.submit("/plan/change/pause")
    assert again.status_code == 409
    assert parse(again.text).find("p", id="change-error").text
    assert len(_events(local)) == 2  # nothing written
    assert local.submit("/plan/change/resume").status_code == 303
    assert "Paused" not in local.page("/plan").find("div", id="plan-state").text
    assert [e["kind"] for e in _events(local)] == ["started", "paused", "resumed"]


def test_bad_skips_and_extensions_are_named_next_to_their_field_and_write_nothing(local: Browser) -> None:
    _started(local)
    no_reason = local.submit("/plan/change/skip", {"reason": "  "})
    assert no_reason.status_code == 422
    page = parse(no_reason.text)
    assert page.find("p", id="skip-reason-error").text
    assert page.find("input", id="p-skip-reason").attrs["aria-describedby"] == "skip-reason-error"
    too_early = local.submit("/plan/change/skip", {"reason": "bored"})
    assert too_early.status_code == 409  # the run-in needs 7 rated days first
    assert parse(too_early.text).find("p", id="change-error").text
    for days in ("soon", "", "40"):
        bad = local.submit("/plan/change/extend", {"days": days})
        assert bad.status_code == 422, days
        field = parse(bad.text).find("input", id="p-extend-days")
        assert field.attrs["aria-invalid"] == "true" and field.attrs["value"] == days
    assert [e["kind"] for e in _events(local)] == ["started"]
    assert local.submit("/plan/change/extend", {"days": "3"}).status_code == 303
    assert _events(local)[-1] == {**_events(local)[-1], "kind": "extended", "days": 3}
    log = local.page("/plan").find("details", class_="plan-log")
    assert "extended" in log.text and "started" in log.text


def test_plan_changes_need_a_plan_a_known_action_and_the_form_token(local: Browser) -> None:
    local.page("/plan")
    assert local.submit("/plan/change/pause").status_code == 404
    _started(local)
    assert local.submit("/plan/change/fly").status_code == 404
    forged = local.client.post("/plan/change/pause", data={"reason": "x"}, follow_redirects=False)
    assert forged.status_code == 403
    assert [e["kind"] for e in _events(local)] == ["started"]


def test_the_api_changes_the_plan_with_the_same_rules(local: Browser) -> None:
    client = local.client
    assert client.post("/api/v1/protocol/pause", json={}).status_code == 404
    _started(local)
    paused = client.post("/api/v1/protocol/pause", json={"reason": "ill"})
    assert paused.status_code == 200 and paused.json()["events"][-1] == {**paused.json()["events"][-1],
                                                                          "kind": "paused", "reason": "ill"}
    assert client.post("/api/v1/protocol/pause").status_code == 409
    assert client.post("/api/v1/protocol/resume").status_code == 200
    skip = client.post("/api/v1/protocol/skip", json={"reason": ""})
    assert skip.status_code == 422
    assert skip.json()["detail"][0]["loc"] == ["body", "reason"]
    extend = client.post("/api/v1/protocol/extend", json={"days": 99})
    assert extend.status_code == 422 and extend.json()["detail"][0]["loc"] == ["body", "days"]
    assert client.post("/api/v1/protocol/extend", json={"days": "many"}).status_code == 422
    assert client.post("/api/v1/protocol/fly", json={}).status_code == 422
    assert client.post("/api/v1/protocol/pause", json={"reason": "x" * 1001}).status_code == 422
    assert client.post("/api/v1/protocol/pause", json={"why": "x"}).status_code == 422
    assert [e["kind"] for e in _events(local)] == ["started", "paused", "resumed"]
    assert client.post("/api/v1/protocol/extend", json={"days": 2}).json()["events"][-1]["days"] == 2


def test_the_api_adopts_and_stops_repair_steps(local: Browser) -> None:
    client = local.client
    adopted = client.post("/api/v1/plan", json={"step": "vitamin-d", "dose": "1000 IU", "start": "2026-11-01"})
    assert adopted.status_code == 201
    assert adopted.json() == {**adopted.json(), "step": "vitamin_d", "dose": "1000 IU", "start": "2026-11-01",
                              "stop": None}
    assert client.post("/api/v1/plan", json={"step": "vitamin_d"}).status_code == 409
    unknown = client.post("/api/v1/plan", json={"step": "homeopathy"})
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "step"]
    early = client.post("/api/v1/plan/vitamin_d/stop", json={"on": "2026-10-01"})
    assert early.status_code == 422 and early.json()["detail"][0]["loc"] == ["body", "on"]
    stopped = client.post("/api/v1/plan/vitamin_d/stop", json={"on": "2026-11-20"})
    assert stopped.status_code == 200 and stopped.json()["stop"] == "2026-11-20"
    assert client.post("/api/v1/plan/vitamin_d/stop").status_code == 404
    assert [(s["step"], s["stop"]) for s in client.get("/api/v1/plan").json()] == [("vitamin_d", "2026-11-20")]


def test_implausible_dates_and_doses_are_refused_before_anything_is_written(local: Browser) -> None:
    client = local.client
    for body, field in (({"step": "yoga", "start": "0001-01-01"}, "start"),
                        ({"step": "yoga", "start": "9999-12-31"}, "start"),
                        ({"step": "yoga", "dose": "1\x00"}, "dose")):
        refused = client.post("/api/v1/plan", json=body)
        assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", field]
    assert client.post("/api/v1/plan", json={"step": "yoga"}).status_code == 201
    later = client.post("/api/v1/plan", json={"step": "tai_chi", "start": "2100-01-01"})
    assert later.status_code == 422  # more than a year ahead
    local.page("/plan")
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    assert client.post("/api/v1/plan", json={"step": "tai_chi", "start": tomorrow}).status_code == 201
    not_yet = local.submit("/plan/steps/tai_chi/stop")
    assert not_yet.status_code == 422
    assert tomorrow in parse(not_yet.text).find("p", id="repair-error").text
    assert client.post("/api/v1/plan/yoga/stop", json={"on": "9999-12-31"}).status_code == 422
    assert client.get("/api/v1/plan").json()[0]["stop"] is None
    long_dose = local.submit("/plan/steps", {"step": "omega_3", "dose": "x" * 201})
    assert long_dose.status_code == 422
    assert parse(long_dose.text).find("p", id="dose-error").text
    _started(local)
    far = client.post("/api/v1/protocol/pause", json={"on": "9999-12-31"})
    assert far.status_code == 422 and far.json()["detail"][0]["loc"] == ["body", "on"]
    assert client.post("/api/v1/protocol/pause", json={"reason": "a\x00b"}).status_code == 422
    assert [(s["step"], s["stop"]) for s in client.get("/api/v1/plan").json()] == [("yoga", None), ("tai_chi", None)]
    assert [e["kind"] for e in _events(local)] == ["started"]


def test_the_plan_change_forms_and_their_messages_are_in_chinese(local: Browser) -> None:
    _started(local)
    zh = {"Accept-Language": "zh-CN"}
    doc = local.page("/plan", headers=zh)
    assert doc.find("form", action="/plan/change/pause").find("button").text == "暂停计划"
    assert doc.find("label", for_="p-skip-reason").text.startswith("为什么跳过当前步骤")
    bad = local.submit("/plan/change/skip", {"reason": ""}, headers=zh)
    assert parse(bad.text).find("p", id="skip-reason-error").text == "请说明为什么跳过这一步"


def test_a_running_step_is_ticked_off_on_the_plan_page_and_through_the_api(local: Browser) -> None:
    client = local.client
    start = (date.today() - timedelta(days=3)).isoformat()
    assert client.post("/api/v1/plan", json={"step": "omega_3", "start": start}).status_code == 201
    assert client.post("/api/v1/plan", json={"step": "cut_nsaids"}).status_code == 201
    doc = local.page("/plan")
    assert doc.find("form", action="/plan/steps/omega_3/done").find("button").text.startswith("Done today")
    assert doc.find_all("form", action="/plan/steps/cut_nsaids/done") == []
    assert local.submit("/plan/steps/omega_3/done").status_code == 303
    done = client.post("/api/v1/plan/omega_3/done", json={"on": start})
    assert done.status_code == 201 and done.json()["done"] == 2
    refused = local.submit("/plan/steps/cut_nsaids/done")
    assert refused.status_code == 422
    assert parse(refused.text).find("p", id="repair-error").text
    assert client.post("/api/v1/plan/yoga/done", json={}).status_code == 409
    future = client.post("/api/v1/plan/omega_3/done", json={"on": "2100-01-01"})
    assert future.status_code == 422 and future.json()["detail"][0]["loc"] == ["body", "on"]
    supplements = client.get("/api/v1/entries", params={"kind": "supplement"}).json()["entries"]
    assert [e["name"] for e in supplements] == ["Omega-3 fatty acids"] * 2
