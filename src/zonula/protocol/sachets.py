"""Blinded confirmation: coded sachet instructions for a helper, who keeps the key sealed."""

from __future__ import annotations

from dataclasses import dataclass

from zonula.i18n import _, pick
from zonula.protocol.groups import group_for
from zonula.protocol.randomise import food_first, sachet_code
from zonula.protocol.timeline import Timeline
from zonula.protocol.verdicts import MAX_CYCLES, ReintroductionOutcome


@dataclass(frozen=True, slots=True)
class SachetLine:
    """One code and what goes into its three sachets."""

    code: str
    content: str


@dataclass(frozen=True, slots=True)
class SachetSheet:
    """The helper's instructions per group: codes, contents, and groups that cannot be blinded."""

    groups: tuple[tuple[str, tuple[SachetLine, ...]], ...]
    open_only: tuple[str, ...]
    instructions: tuple[str, ...]


def confirmation_candidates(timeline: Timeline) -> list[str]:
    """Groups whose latest reintroduction says `possible_trigger` (they go to confirmation)."""
    latest = {v.group: v for v in timeline.reintroduction}
    return [g for g, v in latest.items() if v.outcome is ReintroductionOutcome.POSSIBLE_TRIGGER]


def sachet_sheet(timeline: Timeline) -> SachetSheet:
    """The sealed key for every confirmation candidate, all four possible cycles, from the plan's seed."""
    settings, epoch = timeline.settings, timeline.walker.epoch
    groups: list[tuple[str, tuple[SachetLine, ...]]] = []
    open_only: list[str] = []
    for key in confirmation_candidates(timeline):
        g = group_for(key)
        if g.sachet is None:
            open_only.append(g.name())
            continue
        s = g.sachet
        active = _("{grams:g} g of {powder}").format(grams=s.grams, powder=pick(s.active_en, s.active_zh))
        control = _("{grams:g} g of {powder}").format(grams=s.grams, powder=pick(s.control_en, s.control_zh))
        lines = []
        for cycle in range(1, MAX_CYCLES + 1):
            first = food_first(settings, key, cycle, epoch)
            lines.append(SachetLine(sachet_code(key, cycle, 1), active if first else control))
            lines.append(SachetLine(sachet_code(key, cycle, 2), control if first else active))
        groups.append((g.name(), tuple(lines)))
    instructions = (
        _("For the helper: prepare three identical sachets per code (one a day) with the amount shown."),
        _("Label the sachets with the code only. Keep this sheet sealed until the app shows the verdict."),
        _("Powders should look and taste alike in a drink; check the amounts with a dietitian."),
    )
    return SachetSheet(tuple(groups), tuple(open_only), instructions)


def render_sheet(sheet: SachetSheet) -> str:
    """The sheet as plain text for printing."""
    out = [*sheet.instructions, ""]
    for name, lines in sheet.groups:
        out.append(name)
        out += [f"  {line.code}: {line.content}" for line in lines]
    if sheet.open_only:
        out.append(
            _("No blinded form exists for: {groups}; their confirmation is open.").format(
                groups=", ".join(sheet.open_only)
            )
        )
    if not sheet.groups and not sheet.open_only:
        out.append(_("No confirmation is due, so there are no sachets to prepare."))
    return "\n".join(out)
