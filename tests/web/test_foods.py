"""The live meal preview and the parse API: foods and groups from English and Chinese text."""

from __future__ import annotations

from tests.web.conftest import Browser
from tests.web.html import parse


def test_the_meal_preview_names_foods_and_groups(local: Browser) -> None:
    local.page("/log")
    response = local.client.post("/log/preview", data={"name": "oatmeal with milk"},
                                 headers={"X-CSRF-Token": local.csrf})
    chips = [li.text for li in parse(response.text).find("ul", class_="chips").find_all("li")]
    assert any("milk" in c.lower() and "lactose" in c.lower() for c in chips)


def test_the_preview_reads_chinese_and_lists_unknown_words(local: Browser) -> None:
    local.page("/log")
    response = local.client.post("/log/preview", data={"name": "牛奶和 flibbertigibbet"},
                                 headers={"X-CSRF-Token": local.csrf, "Accept-Language": "zh-CN"})
    doc = parse(response.text)
    assert doc.find("ul", class_="chips").find_all("li")
    assert "flibbertigibbet" in doc.text


def test_the_parse_api_names_the_groups_a_meal_contains(local: Browser) -> None:
    parsed = local.client.post("/api/v1/foods/parse", json={"text": "牛奶和鸡蛋"}).json()
    assert {"lactose", "egg"} <= set(parsed["contains"])
    assert local.client.post("/api/v1/foods/parse", json={"text": ""}).status_code == 422
