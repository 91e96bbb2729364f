"""Learn, Assess and Plan pages: graded knowledge, the questionnaire with red flags, the repair plan."""

from __future__ import annotations

from tests.web.conftest import Browser
from tests.web.html import parse
from zonula.service import assessment_questions


def calm_answers(**changes: str) -> dict[str, str]:
    """A complete set of answers with no warning sign, changed as given."""
    answers: dict[str, str] = {}
    for q in assessment_questions():
        if q.type.value == "yesno":
            answers[q.id] = "no"
        elif q.type.value == "choice":
            values = [c.value for c in q.choices]
            answers[q.id] = "no" if "no" in values else values[0]
        elif q.type.value == "int":
            answers[q.id] = "35" if q.id == "age" else "0"
    answers.update(changes)
    return answers


def test_learn_shows_every_item_with_an_evidence_badge(local: Browser) -> None:
    doc = local.page("/learn")
    items = doc.find_all("details", class_="item")
    assert len(items) > 20
    badges = {d.find("span", class_="evidence").text for d in items}
    assert badges <= {"A", "A*", "C", "D", "X"} and len(badges) >= 3


def test_learn_searches_by_topic_in_chinese(local: Browser) -> None:
    doc = local.page("/learn?q=nsaids", headers={"Accept-Language": "zh-CN"})
    items = doc.find_all("details", class_="item")
    assert len(items) >= 1
    assert any("\u4e00" <= ch <= "\u9fff" for ch in items[0].find("strong").text)


def test_a_missing_answer_is_named_next_to_its_question(local: Browser) -> None:
    local.page("/assess")
    answers = calm_answers()
    del answers["rectal_bleeding"]
    response = local.submit("/assess", answers)
    assert response.status_code == 422
    doc = parse(response.text)
    assert doc.find("p", id="rectal_bleeding-error").text
    assert doc.find("fieldset", id="q-rectal_bleeding").attrs["aria-invalid"] == "true"
    kept = doc.find("fieldset", id="q-black_stools").find("input", value="no")
    assert "checked" in kept.attrs
    assert local.page("/plan").find_all("ol", class_="plan") == []


def test_a_red_flag_puts_the_doctor_message_first_and_locks_diet_tools(local: Browser) -> None:
    local.page("/assess")
    response = local.submit("/assess", calm_answers(rectal_bleeding="yes", bloating_frequency="daily",
                                                    bloating_severity="7"))
    assert response.status_code == 303
    doc = local.page(response.headers["location"])
    first = doc.find("main").find("section")
    assert "redflag" in first.attrs["class"]
    assert first.find("p", class_="doctor").text.startswith("Please see a doctor")
    assert "Blood" in first.find("li").text
    assert local.page("/plan").find("p", class_="redflag").text
    ack = local.submit("/assess/acknowledge")
    assert ack.status_code == 303
    after = local.page(ack.headers["location"])
    assert "You recorded on" in after.find("section", class_="redflag").text
    assert local.page("/plan").find_all("p", class_="redflag") == []


def test_without_red_flags_the_plan_lists_graded_steps(local: Browser) -> None:
    local.page("/assess")
    response = local.submit("/assess", calm_answers(stress_level="most_of_the_time"))
    doc = local.page(response.headers["location"])
    assert doc.find_all("section", class_="redflag") == []
    steps = local.page("/plan").find("ol", class_="plan").find_all("li")
    assert steps and all(s.find("span", class_="evidence").text for s in steps)


def test_acknowledging_without_red_flags_is_refused_politely(local: Browser) -> None:
    local.page("/assess")
    local.submit("/assess", calm_answers())
    response = local.submit("/assess/acknowledge")
    assert response.status_code == 409
    assert parse(response.text).find("p", class_="error").text
