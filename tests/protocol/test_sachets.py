"""The helper's sealed sachet key follows the seeded food/control order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from zonula.protocol.events import EventKind, PlanEvent
from zonula.protocol.randomise import food_first, sachet_code
from zonula.protocol.sachets import render_sheet, sachet_sheet
from zonula.protocol.settings import PlanSettings, Suspect
from zonula.protocol.timeline import replay

START = date(2026, 1, 5)


def test_the_key_gives_one_active_and_one_control_code_per_cycle_in_the_seeded_order(
    targeted: PlanSettings,
) -> None:
    s = replace(targeted, blinded=True, suspects=(Suspect("lactose"),))
    scores = {START + timedelta(days=i): (4.0 if i < 14 else 5.5 if 42 <= i <= 45 else 2.0) for i in range(80)}
    tl = replay([PlanEvent(EventKind.STARTED, START, settings=s)], scores, START + timedelta(days=60))
    sheet = sachet_sheet(tl)
    ((name, lines),) = sheet.groups
    assert name == "Lactose"
    assert len(lines) == 8
    for cycle in range(1, 5):
        a, b = lines[2 * cycle - 2], lines[2 * cycle - 1]
        assert (a.code, b.code) == (sachet_code("lactose", cycle, 1), sachet_code("lactose", cycle, 2))
        active = a if food_first(s, "lactose", cycle) else b
        control = b if active is a else a
        assert "lactose powder" in active.content
        assert "glucose" in control.content
    assert "sealed" in render_sheet(sheet)


def test_groups_without_a_powder_are_listed_as_open_only(targeted: PlanSettings) -> None:
    s = replace(targeted, blinded=True, suspects=(Suspect("caffeine"),))
    scores = {START + timedelta(days=i): (4.0 if i < 14 else 5.5 if 42 <= i <= 45 else 2.0) for i in range(80)}
    tl = replay([PlanEvent(EventKind.STARTED, START, settings=s)], scores, START + timedelta(days=60))
    sheet = sachet_sheet(tl)
    assert sheet.groups == ()
    assert sheet.open_only == ("Caffeine",)


def test_no_sachets_before_any_possible_trigger(targeted: PlanSettings) -> None:
    scores = {START + timedelta(days=i): 3.0 for i in range(20)}
    tl = replay([PlanEvent(EventKind.STARTED, START, settings=targeted)], scores, START + timedelta(days=10))
    assert "no sachets" in render_sheet(sachet_sheet(tl))
