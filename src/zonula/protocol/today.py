"""Today's instructions from a replayed plan: what to eat or avoid, the portion, what to log, what is next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zonula.i18n import _, pgettext
from zonula.labels import symptom_label
from zonula.protocol.days import Activity, PlanDay
from zonula.protocol.groups import LOW_FODMAP_GROUPS, PortionLevel, group_for
from zonula.protocol.settings import Mode, SuspectSource
from zonula.protocol.timeline import Timeline
from zonula.protocol.verdicts import ConfirmationOutcome, ReintroductionOutcome
from zonula.protocol.walker import CHALLENGE_DAYS


@dataclass(frozen=True, slots=True)
class Today:
    """The day's guidance, already in the person's language."""

    on: date
    headline: str
    food: tuple[str, ...]
    portion: str | None
    log: tuple[str, ...]
    next: tuple[str, ...]
    notices: tuple[str, ...]
    day: PlanDay


def _names(keys: list[str] | tuple[str, ...]) -> str:
    return ", ".join(group_for(k).name() for k in keys)


def _level(level: PortionLevel) -> str:
    return {PortionLevel.LOW: pgettext("portion", "low"), PortionLevel.MODERATE: pgettext("portion", "moderate"),
            PortionLevel.HIGH: pgettext("portion", "high")}[level]


def _avoid_line(tl: Timeline) -> str:
    if tl.settings.mode is Mode.LOW_FODMAP:
        return _("Follow the low-FODMAP diet (your dietitian's list comes first): avoid {groups}.").format(
            groups=_names([g.id for g in LOW_FODMAP_GROUPS])
        )
    keys = [*tl.settings.group_keys(), *tl.settings.excluded]
    return _("Avoid: {groups}. Eat everything else as usual.").format(groups=_names(keys))


def _log_lines(tl: Timeline, day: PlanDay) -> tuple[str, ...]:
    symptoms = _(", ").join(symptom_label(s) for s in tl.settings.main_symptoms)
    lines = [
        _("Rate {symptoms} (0-10) three times: late morning, late afternoon and bedtime.").format(symptoms=symptoms),
        _("Log each stool with its Bristol type."),
    ]
    if day.activity in (Activity.CHALLENGE, Activity.FOOD_BLOCK, Activity.CONTROL_BLOCK):
        lines.append(_("Log exactly what you ate for the challenge, and when."))
    else:
        lines.append(_("Log your meals."))
    return tuple(lines)


def _igg_notice(tl: Timeline, group: str | None) -> list[str]:
    if group is not None and tl.settings.source_of(group) is SuspectSource.IGG_PANEL:
        return [
            _(
                "This suspect came from an IgG blood test. IgG to foods shows exposure, not intolerance; "
                "only your challenge results count."
            )
        ]
    return []


def _stopped(day: PlanDay) -> tuple[str, list[str], list[str]]:
    if day.stop_reason == "non_responder":
        return (
            _("The elimination did not lower your symptoms by 30 %."),
            [_("Stop restricting and go back to your usual diet.")],
            [_("Talk to a clinician about other treatments; the diet did not help enough to be worth it.")],
        )
    return (
        _("There were too few ratings to judge the elimination."),
        [_("Stop restricting and go back to your usual diet.")],
        [_("Restart the plan when you can rate your symptoms most days.")],
    )


def _maintenance(tl: Timeline, day: PlanDay) -> tuple[str, list[str], list[str]]:
    tolerated = {v.group: v.highest_tolerated for v in tl.reintroduction}
    confirmed = [v.group for v in tl.confirmation if v.outcome is ConfirmationOutcome.LIKELY_TRIGGER]
    food = []
    for g in confirmed:
        dose = tolerated.get(g)
        food.append(
            _("Limit {group} to the {dose} portion or less.").format(group=group_for(g).name(), dose=_level(dose))
            if dose
            else _("Limit {group}; no portion was clearly tolerated.").format(group=group_for(g).name())
        )
    if not food:
        food.append(_("Eat freely: no trigger was confirmed."))
    else:
        food.append(_("Eat everything else freely."))
    nxt = (
        [_("Re-test your limited foods now: tolerance changes over time.")]
        if day.rechallenge_due
        else [_("A re-test reminder comes every {months} months.").format(months=tl.settings.rechallenge_months)]
    )
    return _("Maintenance: keep only confirmed triggers limited."), food, nxt


def _confirmation(tl: Timeline, day: PlanDay) -> tuple[str, list[str], str | None, list[str]]:
    assert day.group is not None
    assert day.cycle is not None
    g = group_for(day.group)
    head = _("Confirmation of {group}: cycle {cycle}, block {block}, day {k}.").format(
        group=g.name(), cycle=day.cycle, block=day.block, k=day.step_day
    )
    end = day.earliest_end.isoformat() if day.earliest_end else ""
    nxt = [_("This cycle ends on {date}; the app then decides whether another is needed.").format(date=end)]
    if day.activity is Activity.BLOCK_WASHOUT:
        return (
            head,
            [_("Washout: no {group} and no sachet; stay on your elimination diet.").format(group=g.name())],
            None,
            nxt,
        )
    if day.sachet_code is not None:
        return (
            head,
            [
                _("Take today's sachet labelled {code} in a drink; do not open the sealed key.").format(
                    code=day.sachet_code
                )
            ],
            day.sachet_code,
            nxt,
        )
    if day.activity is Activity.FOOD_BLOCK:
        portion = g.portion(PortionLevel.HIGH).text()
        return head, [_("Food day: eat {portion} today.").format(portion=portion)], portion, nxt
    return (
        head,
        [_("Control day: no {group} today; eat your usual elimination-diet alternative.").format(group=g.name())],
        None,
        nxt,
    )


def _reintroduction(tl: Timeline, day: PlanDay) -> tuple[str, list[str], str | None, list[str]]:
    assert day.group is not None
    g = group_for(day.group)
    nxt_group = group_for(day.next_group).name() if day.next_group else None
    if day.activity is Activity.CHALLENGE:
        assert day.portion is not None
        assert day.step_day is not None
        portion = g.portion(day.portion).text()
        head = _("Reintroduction of {group}: day {k} of {n} ({level} portion).").format(
            group=g.name(), k=day.step_day, n=CHALLENGE_DAYS, level=_level(day.portion)
        )
        food = [_("Eat {portion} today, once, and otherwise stay on the elimination diet.").format(portion=portion)]
        if day.step_day < CHALLENGE_DAYS:
            nxt = [_("Tomorrow: a larger portion, unless today's symptoms were severe (then stop and log).")]
        else:
            nxt = [_("Then {n} follow-up day(s) without {group}.").format(n=g.follow_up_days, group=g.name())]
        return head, food, portion, nxt
    if day.activity is Activity.FOLLOW_UP:
        head = _("Follow-up day {k} after {group}.").format(k=day.step_day, group=g.name())
        return (
            head,
            [_("No {group} today; stay on the elimination diet.").format(group=g.name())],
            None,
            [_("A washout follows, then the next challenge.")],
        )
    head = _("Washout day {k} after {group}.").format(k=day.step_day, group=g.name())
    end = day.earliest_end.isoformat() if day.earliest_end else ""
    nxt = [
        _(
            "The next challenge ({group}) starts once two days in a row are back to your usual level, "
            "not before {date}."
        ).format(group=nxt_group, date=end)
        if nxt_group
        else _("After this washout the reintroduction ends; confirmation or maintenance follows.")
    ]
    return head, [_avoid_line(tl)], None, nxt


def today(timeline: Timeline) -> Today:
    """Guidance for the timeline's last day (replay the plan up to the wanted date first)."""
    day = timeline.last
    portion: str | None = None
    notices: list[str] = []
    if day.activity is Activity.PAUSED:
        head, food, nxt = (
            _("Your plan is paused."),
            [_("Eat as you usually do.")],
            [_("Resume the plan when you are ready; an interrupted challenge starts again.")],
        )
    elif day.activity is Activity.USUAL_DIET:
        end = day.earliest_end.isoformat() if day.earliest_end else ""
        head = _("Run-in day {n}: eat as you usually do.").format(n=day.day_in_phase)
        food = [_("Do not change your diet yet; this measures your usual symptoms.")]
        nxt = [_("The elimination starts after {date}, once at least 10 days are rated.").format(date=end)]
    elif day.activity is Activity.ELIMINATION_DIET:
        end = day.earliest_end.isoformat() if day.earliest_end else ""
        head = _("Elimination day {n}.").format(n=day.day_in_phase)
        food = [_avoid_line(timeline)]
        nxt = [_("On {date} the app checks whether your symptoms fell by at least 30 %.").format(date=end)]
    elif day.activity is Activity.STOPPED:
        head, food, nxt = _stopped(day)
    elif day.activity is Activity.MAINTENANCE:
        head, food, nxt = _maintenance(timeline, day)
    elif day.activity in (Activity.FOOD_BLOCK, Activity.CONTROL_BLOCK, Activity.BLOCK_WASHOUT):
        head, food, portion, nxt = _confirmation(timeline, day)
        notices += _igg_notice(timeline, day.group)
    else:
        head, food, portion, nxt = _reintroduction(timeline, day)
        notices += _igg_notice(timeline, day.group)
    if (
        any(v.outcome is ReintroductionOutcome.POSSIBLE_TRIGGER for v in timeline.reintroduction)
        and day.activity is Activity.MAINTENANCE
    ):
        notices.append(
            _("An open challenge can mislead: about one in four positive open challenges is chance or expectation.")
        )
    log = _log_lines(timeline, day) if day.activity is not Activity.STOPPED else ()
    return Today(day.on, head, tuple(food), portion, log, tuple(nxt), tuple(notices), day)
