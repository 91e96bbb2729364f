"""Insights over the demo diary (a hidden milk sensitivity): suspects with effect and interval."""

from __future__ import annotations

import pytest

from tests.web.conftest import Browser
from zonula.analysis import ScreeningInput
from zonula.demo import demo_entries
from zonula.service import Diary
from zonula.service.protocol import suspects_from


@pytest.fixture
def demo(local: Browser) -> Browser:
    """The local person with the eight-week demo diary."""
    local.page("/")
    accounts = local.client.app.state.accounts  # type: ignore[attr-defined]
    diary: Diary = accounts.diary_of(accounts.local_user("alice"))
    diary.add_many(demo_entries(days=56, seed=7, tz=diary.tz))
    return local


def test_insights_name_lactose_as_a_suspect_with_its_interval(demo: Browser) -> None:
    doc = demo.page("/insights")
    suspects = doc.find("section", aria_labelledby="suspects-h")
    rows = [r for r in suspects.find("tbody").find_all("tr") if "status-suspect" in r.attrs.get("class", "")]
    assert "lactose (FODMAP)" in [r.find("td").text for r in rows]
    cells = rows[0].find_all("td")
    interval = cells[2].find("span", class_="interval").text
    low, high = (float(x) for x in interval.strip("[]").split(", "))
    effect = float(cells[2].text.replace(interval, ""))
    assert low <= effect <= high
    assert 0.5 < float(cells[3].text) <= 1.0  # P(suspect)


def test_insights_speak_chinese(demo: Browser) -> None:
    doc = demo.page("/insights", headers={"Accept-Language": "zh-CN"})
    assert doc.find("h2", id="suspects-h").text == "可疑因素"
    names = [r.find("td").text for r in doc.find("section", aria_labelledby="suspects-h").find("tbody").find_all("tr")]
    assert "乳糖（FODMAP）" in names
    assert not [n for n in names if n.isascii()], f"exposures left in English: {names}"


def test_an_empty_diary_says_what_the_screen_needs(local: Browser) -> None:
    doc = local.page("/insights")
    assert doc.find("section", aria_labelledby="suspects-h").find("p", class_="notice").text


def test_the_screen_through_the_api(demo: Browser) -> None:
    screen = demo.client.get("/api/v1/analysis").json()
    assert any(r["status"] == "suspect" and r["exposure"] == "lactose" for r in screen["results"])
    assert demo.client.get("/api/v1/analysis", params={"from": "soon"}).status_code == 422


def test_insights_draw_the_trend_and_the_suspects_as_svg(demo: Browser) -> None:
    doc = demo.page("/insights")
    assert doc.find("section", aria_labelledby="trend-h").find_all("svg")
    assert doc.find("section", aria_labelledby="suspects-h").find("figure", class_="chart").find_all("svg")
    verdicts = doc.find("section", aria_labelledby="verdicts-h")
    assert verdicts.find("a", href="/plan")


def test_the_clinician_report_downloads_as_pdf(demo: Browser) -> None:
    response = demo.client.get("/insights/report.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_api_screen_takes_main_symptoms_and_what_you_suspected(local: Browser,
                                                                   screened: list[ScreeningInput]) -> None:
    response = local.client.get("/api/v1/analysis", params=[("main", "腹胀"), ("main", "nausea"),
                                                            ("suspected", "fructans_onion,onion")])
    assert response.status_code == 200, response.text
    [data] = screened
    assert data.main_symptoms == ("bloating", "nausea")
    assert data.believed == {"fructans_onion", "fructans", "yangcong"}


@pytest.mark.parametrize(("params", "says"), [
    ([("main", "sneezing")], "unknown symptom 'sneezing'"),
    ([("main", k) for k in ("bloating", "nausea", "gas", "diarrhoea")], "at most 3 main symptoms"),
    ([("suspected", ",".join(f"food {i}" for i in range(21)))], "at most 20 suspected"),
])
def test_the_api_screen_refuses_bad_main_symptoms_or_suspects(local: Browser, params: list[tuple[str, str]],
                                                              says: str) -> None:
    response = local.client.get("/api/v1/analysis", params=params)
    assert response.status_code == 422
    assert says in " ".join(d["msg"] for d in response.json()["detail"])


def test_the_api_screen_refuses_an_overlong_suspect_list(local: Browser) -> None:
    response = local.client.get("/api/v1/analysis", params={"suspected": "x," * 1001})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "suspected"]


def test_insights_say_which_symptom_is_main_and_what_you_suspected_before(demo: Browser) -> None:
    accounts = demo.client.app.state.accounts  # type: ignore[attr-defined]
    diary: Diary = accounts.diary_of(accounts.local_user("alice"))
    diary.start_plan(suspects=suspects_from(["caffeine"], ["lactose"], []), main_symptoms=["bloating"],
                     on=diary.now().date())
    doc = demo.page("/insights")
    assert "Main symptoms: bloating." in doc.find("p", id="screen-main").text
    believed = doc.find("p", id="screen-believed").text
    assert "caffeine" in believed and "lactose (FODMAP)" in believed
    rows = doc.find("section", aria_labelledby="suspects-h").find("tbody").find_all("tr")
    notes = " ".join(r.text for r in rows if r.find("td").text == "lactose (FODMAP)")
    assert "You suspected this before the diary" in notes
    zh = demo.page("/insights", headers={"Accept-Language": "zh-CN"})
    assert "主要症状" in zh.find("p", id="screen-main").text
