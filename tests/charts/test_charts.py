"""The shared charts: valid SVG, the right number of marks, translated titles, CJK glyphs rendered."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest

from zonula.charts import (
    BeforeAfter,
    PhaseSpan,
    StoolCounts,
    SuspectEffect,
    TrendData,
    before_after_chart,
    cjk_font_chain,
    stool_chart,
    suspects_forest_chart,
    symptom_trend_chart,
)
from zonula.i18n import set_language

SVG = "{http://www.w3.org/2000/svg}"
START = date(2026, 3, 1)


@pytest.fixture
def lang() -> Iterator[Callable[[str], None]]:
    yield set_language
    set_language("en")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def group(root: ET.Element, gid: str) -> ET.Element:
    found = root.find(f".//{SVG}g[@id='{gid}']")
    assert found is not None, f"no group {gid}"
    return found


def texts(root: ET.Element) -> str:
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def trend(days: int = 30) -> TrendData:
    dd = [START + timedelta(days=k) for k in range(days) if k % 5 != 3]
    return TrendData("Bloating", dd, [float((k * 7) % 11) for k in range(len(dd))],
                     (PhaseSpan(START + timedelta(days=7), START + timedelta(days=20), "Elimination"),))


def test_the_trend_draws_one_point_per_rated_day_and_a_rolling_line() -> None:
    data = trend()
    root = parse(symptom_trend_chart(data))
    assert len(group(root, "daily-mean").findall(f".//{SVG}use")) == len(data.days)
    assert group(root, "rolling-mean").find(f".//{SVG}path") is not None
    assert group(root, "phase-0") is not None
    assert "Bloating: daily mean severity and 7-day average" in texts(root)
    assert root.get("aria-label") == "Bloating: daily mean severity and 7-day average"


def test_the_trend_without_ratings_says_so() -> None:
    root = parse(symptom_trend_chart(TrendData("Gas", [], [])))
    assert "No ratings in this period" in texts(root)


def test_the_stool_chart_has_seven_bars_whatever_the_counts() -> None:
    root = parse(stool_chart(StoolCounts({4: 9, 6: 2})))
    bars = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("bar-")]
    assert [b.get("id") for b in bars] == [f"bar-{t}" for t in range(1, 8)]
    assert "Bristol stool form: 11 stools" in texts(root)


def test_the_forest_plot_has_one_point_per_suspect() -> None:
    items = [SuspectEffect("milk", 1.8, 0.9, 2.6), SuspectEffect("wheat", 0.2, -0.5, 0.9),
             SuspectEffect("coffee", -0.1, -0.8, 0.5)]
    root = parse(suspects_forest_chart(items, symptom="Bloating"))
    assert len(group(root, "effects").findall(f".//{SVG}use")) == 3
    assert {"milk", "wheat", "coffee"} <= set(texts(root).split())


def test_the_before_after_chart_has_a_pair_of_points_per_measure() -> None:
    items = [BeforeAfter("Bloating", 4, 3.5, 4.6, 2.9, 2.4, 3.3), BeforeAfter("Pain", 3, 2.5, 3.4, 2.8, 2.3, 3.2)]
    root = parse(before_after_chart(items))
    assert len(group(root, "before").findall(f".//{SVG}use")) == 2
    assert len(group(root, "after").findall(f".//{SVG}use")) == 2


def test_the_same_data_gives_the_same_svg() -> None:
    assert symptom_trend_chart(trend()) == symptom_trend_chart(trend())


def test_chinese_charts_are_translated_and_render_every_glyph(lang: Callable[[str], None]) -> None:
    lang("zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts = [
            symptom_trend_chart(TrendData("腹胀", trend().days, trend().values,
                                          (PhaseSpan(START, START + timedelta(days=6), "排除期"),))),
            stool_chart(StoolCounts({3: 1, 4: 5})),
            suspects_forest_chart([SuspectEffect("牛奶", 1.0, 0.2, 1.9)], symptom="腹胀"),
            before_after_chart([BeforeAfter("腹痛", 4, 3.5, 4.6, 2.9, 2.4, 3.3)]),
        ]
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []
    roots = [parse(svg) for svg in charts]
    assert "腹胀：每日平均严重程度与 7 日平均" in texts(roots[0])
    assert "布里斯托大便分类：6 次" in texts(roots[1])
    assert "牛奶" in texts(roots[2])
    assert "月" in texts(roots[0])  # Chinese date axis


def test_the_font_chain_prefers_noto_sans_cjk_and_ends_with_dejavu() -> None:
    chain = cjk_font_chain()
    assert chain[0] == "Noto Sans CJK SC"
    assert chain[-1] == "DejaVu Sans"


def test_charts_carry_no_inline_css_that_the_pages_csp_would_block() -> None:
    charts = [symptom_trend_chart(trend()), stool_chart(StoolCounts({4: 9, 6: 2})),
              suspects_forest_chart([SuspectEffect("milk", 1.8, 0.9, 2.6)], symptom="Bloating"),
              before_after_chart([BeforeAfter("Bloating", 4, 3.5, 4.6, 2.9, 2.4, 3.3)])]
    for svg in charts:
        root = parse(svg)
        assert root.find(f".//{SVG}style") is None
        assert all(element.get("style") is None for element in root.iter())
    background = parse(charts[0]).find(f".//{SVG}g[@id='patch_1']/{SVG}path")
    assert background is not None and background.get("fill") == "#ffffff"
    assert parse(charts[0]).get("stroke-linecap") == "butt"


def test_an_unknown_css_property_in_matplotlibs_svg_is_refused() -> None:
    from zonula.charts.style import ChartStyleError, without_inline_css

    assert without_inline_css('<svg x="1"><path style="fill: #fff; stroke-width: 2"/></svg>') == (
        '<svg x="1"><path fill="#fff" stroke-width="2"/></svg>')
    with pytest.raises(ChartStyleError):
        without_inline_css('<svg><text style="font: 10px sans"/></svg>')
