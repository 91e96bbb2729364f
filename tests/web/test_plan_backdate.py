"""The Plan page's change forms take an optional past day ("On"), refused in the future or before the plan."""

from __future__ import annotations

from datetime import date, timedelta

from tests.web.conftest import Browser
from tests.web.html import parse
from zonula.protocol.settings import Suspect
from zonula.service import Diary


def _alice(local: Browser) -> Diary:
    accounts = local.client.app.state.accounts  # type: ignore[attr-defined]
    diary: Diary = accounts.diary_of(accounts.local_user("alice"))
    return diary


def _started_days_ago(local: Browser, days: int) -> tuple[Diary, date]:
    diary = _alice(local)
    today = diary.now().date()
    diary.start_plan(suspects=[Suspect("lactose")], main_symptoms=["bloating"], on=today - timedelta(days=days))
    local.page("/plan")
    return diary, today


def _events(local: Browser) -> list[tuple[str, str]]:
    return [(e["kind"], e["on"]) for e in local.client.get("/api/v1/protocol").json()["events"]]


def test_every_change_form_has_an_on_field_that_stops_at_today(local: Browser) -> None:
    _diary, today = _started_days_ago(local, 10)
    doc = local.page("/plan")
    for action in ("pause", "extend", "skip", "restart"):
        field = doc.find("form", action=f"/plan/change/{action}").find("input", name="on")
        assert field.attrs["type"] == "date" and field.attrs["max"] == today.isoformat(), action
        assert field.attrs["value"] == ""
    assert doc.find("label", for_="p-pause-on").text == "On"
    assert local.submit("/plan/change/pause", {"on": (today - timedelta(days=1)).isoformat()}).status_code == 303
    resume = local.page("/plan").find("form", action="/plan/change/resume").find("input", name="on")
    assert resume.attrs["max"] == today.isoformat()


def test_a_back_dated_pause_shows_on_the_plan_page_with_its_day(local: Browser) -> None:
    _diary, today = _started_days_ago(local, 10)
    day = (today - timedelta(days=3)).isoformat()
    assert local.submit("/plan/change/pause", {"reason": "travelling", "on": day}).status_code == 303
    doc = local.page("/plan")
    state = doc.find("div", id="plan-state").text
    assert "Paused" in state and f"since {day}" in state and "travelling" in state
    newest = doc.find("details", class_="plan-log").find("li")
    assert newest.find("time").attrs["datetime"] == day and "paused: travelling" in newest.text
    assert _events(local)[-1] == ("paused", day)
    assert local.submit("/plan/change/resume", {"on": (today - timedelta(days=1)).isoformat()}).status_code == 303
    assert _events(local)[-1] == ("resumed", (today - timedelta(days=1)).isoformat())


def test_a_future_day_is_refused_with_its_reason_and_nothing_is_stored(local: Browser) -> None:
    _diary, today = _started_days_ago(local, 10)
    before = _events(local)
    tomorrow = (today + timedelta(days=1)).isoformat()
    refused = local.submit("/plan/change/pause", {"reason": "later", "on": tomorrow})
    assert refused.status_code == 422
    page = parse(refused.text)
    assert page.find("p", id="pause-on-error").text == "cannot be in the future"
    field = page.find("input", id="p-pause-on")
    assert field.attrs["value"] == tomorrow and field.attrs["aria-describedby"] == "pause-on-error"
    assert page.find("input", id="p-pause-reason").attrs["value"] == "later"
    unreadable = local.submit("/plan/change/extend", {"days": "3", "on": "soon"})
    assert unreadable.status_code == 422
    assert "as a date" in parse(unreadable.text).find("p", id="extend-on-error").text
    assert _events(local) == before


def test_a_day_before_the_plan_started_or_its_last_change_is_refused(local: Browser) -> None:
    _diary, today = _started_days_ago(local, 10)
    start = (today - timedelta(days=10)).isoformat()
    early = local.submit("/plan/change/restart", {"on": (today - timedelta(days=11)).isoformat()})
    assert early.status_code == 422
    assert parse(early.text).find("p", id="restart-on-error").text == f"must not be before the plan started ({start})"
    assert _events(local) == [("started", start)]
    paused = (today - timedelta(days=2)).isoformat()
    assert local.submit("/plan/change/pause", {"on": paused}).status_code == 303
    stale = local.submit("/plan/change/resume", {"on": (today - timedelta(days=4)).isoformat()})
    assert stale.status_code == 422
    assert parse(stale.text).find("p", id="resume-on-error").text == f"must not be before the last change ({paused})"
    assert _events(local) == [("started", start), ("paused", paused)]


def test_without_a_day_a_change_still_applies_today(local: Browser) -> None:
    _diary, today = _started_days_ago(local, 10)
    assert local.submit("/plan/change/extend", {"days": "2", "on": ""}).status_code == 303
    assert local.submit("/plan/change/pause", {"reason": "ill"}).status_code == 303
    assert _events(local)[1:] == [("extended", today.isoformat()), ("paused", today.isoformat())]


def test_the_on_field_and_its_messages_are_in_chinese(local: Browser) -> None:
    _diary, today = _started_days_ago(local, 10)
    zh = {"Accept-Language": "zh-CN"}
    doc = local.page("/plan", headers=zh)
    assert doc.find("label", for_="p-pause-on").text == "日期"
    assert "不能早于计划的上一次更改" in doc.find("p", id="change-hint").text
    early = local.submit("/plan/change/pause", {"on": (today - timedelta(days=11)).isoformat()}, headers=zh)
    assert parse(early.text).find("p", id="pause-on-error").text.startswith("不能早于计划开始的日期")
