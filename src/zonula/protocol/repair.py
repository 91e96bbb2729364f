"""The article's repair plan as a measured experiment: adopted steps, adherence, before/after change."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from zonula.domain.entries import Entry, EntryKind, PracticeKind
from zonula.domain.lazy_stats import stats
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _, pick
from zonula.protocol.noise import decision_phi, effective_n, lag1_phi, present

WINDOW_DAYS = 28
MIN_WINDOW_RATED = 7


class Tracking(StrEnum):
    """How adherence to a step is measured from the diary."""

    SUPPLEMENT = "supplement"
    PRACTICE = "practice"
    AVOID_NSAID = "avoid_nsaid"
    PLAN = "plan"


@dataclass(frozen=True, slots=True)
class RepairStep:
    """One step of the article's repair plan, with how the diary shows it was done."""

    id: str
    name_en: str
    name_zh: str
    tracking: Tracking
    aliases: tuple[str, ...] = ()
    practices: tuple[PracticeKind, ...] = ()

    def name(self) -> str:
        """The step's name in the current language."""
        return pick(self.name_en, self.name_zh)

    @property
    def loggable(self) -> bool:
        """True when doing the step is a diary entry the person logs (a supplement or a practice)."""
        return self.tracking in (Tracking.SUPPLEMENT, Tracking.PRACTICE)


REPAIR_STEPS: tuple[RepairStep, ...] = (
    RepairStep(
        "probiotics",
        "Probiotics",
        "益生菌",
        Tracking.SUPPLEMENT,
        ("probiotic", "lactobacillus", "bifidobacter", "saccharomyces", "益生菌"),
    ),
    RepairStep(
        "vitamin_d",
        "Vitamin D",
        "维生素D",
        Tracking.SUPPLEMENT,
        ("vitamind", "vitd", "d3", "cholecalciferol", "维生素d"),
    ),
    RepairStep("vitamin_a", "Vitamin A", "维生素A", Tracking.SUPPLEMENT, ("vitamina", "retinol", "维生素a")),
    RepairStep(
        "omega_3",
        "Omega-3 fatty acids",
        "Omega-3 脂肪酸",
        Tracking.SUPPLEMENT,
        ("omega3", "fishoil", "epa", "dha", "鱼油", "欧米伽3"),
    ),
    RepairStep("l_glutamine", "L-glutamine", "L-谷氨酰胺", Tracking.SUPPLEMENT, ("glutamine", "谷氨酰胺")),
    RepairStep("mindfulness", "Mindfulness", "正念", Tracking.PRACTICE, practices=(PracticeKind.MEDITATION,)),
    RepairStep("yoga", "Yoga", "瑜伽", Tracking.PRACTICE, practices=(PracticeKind.YOGA,)),
    RepairStep("tai_chi", "Tai chi", "太极", Tracking.PRACTICE, practices=(PracticeKind.TAI_CHI,)),
    RepairStep(
        "meditation",
        "Meditation",
        "冥想",
        Tracking.PRACTICE,
        practices=(PracticeKind.MEDITATION, PracticeKind.BREATHING),
    ),
    RepairStep("slow_eating", "Slow eating", "细嚼慢咽", Tracking.PRACTICE, practices=(PracticeKind.MINDFUL_EATING,)),
    RepairStep("elimination_diet", "Elimination diet", "排除饮食", Tracking.PLAN),
    RepairStep("cut_nsaids", "Cut down NSAIDs", "减少非甾体抗炎药", Tracking.AVOID_NSAID),
)
STEPS: dict[str, RepairStep] = {s.id: s for s in REPAIR_STEPS}

#: The knowledge-base item (branch `knowledge`, data/items.yaml) that grades each step's evidence.
KNOWLEDGE_ITEM: dict[str, str] = {
    "probiotics": "repair.probiotics",
    "vitamin_d": "repair.vitamin_d",
    "vitamin_a": "repair.vitamin_a",
    "omega_3": "repair.omega_3",
    "l_glutamine": "repair.l_glutamine",
    "mindfulness": "repair.mindfulness",
    "yoga": "repair.stress_reduction",
    "tai_chi": "repair.stress_reduction",
    "meditation": "repair.stress_reduction",
    "slow_eating": "treatment.relaxation_slow_eating",
    "elimination_diet": "repair.elimination_diet",
    "cut_nsaids": "cause.nsaids",
}


def evidence_grade(step: str) -> str:
    """The knowledge base's evidence grade (A, A*, C, D, X) for a repair step."""
    from zonula.knowledge.loader import knowledge_base  # the knowledge data (YAML) loads only when asked

    return knowledge_base().get(KNOWLEDGE_ITEM[step]).grade.value


def step_for(key: str) -> RepairStep:
    """The repair step for an id; raise ValidationError naming the known ids otherwise."""
    k = key.strip().lower().replace("-", "_").replace(" ", "_")
    if k not in STEPS:
        raise ValidationError([FieldProblem("step", f"unknown step {key!r} (one of {', '.join(STEPS)})")])
    return STEPS[k]


@dataclass(frozen=True, slots=True)
class RepairItem:
    """A step the person adopted: from `start` (inclusive) until `stop` (exclusive), with a dose."""

    step: str
    start: date
    dose: str = ""
    stop: date | None = None
    id: int | None = None
    recorded_at: datetime | None = field(default=None, compare=False)


def _compact(text: str) -> str:
    return "".join(text.lower().replace("-", "").split())


def matches(step: RepairStep, entry: Entry) -> bool:
    """True when a diary entry shows the step was done (a matching supplement or practice)."""
    if step.tracking is Tracking.SUPPLEMENT and entry.kind is EntryKind.SUPPLEMENT:
        name = _compact(entry.name)
        return any(a in name if len(a) > 3 else name == a or name.startswith(a) for a in step.aliases)
    if step.tracking is Tracking.PRACTICE and entry.kind is EntryKind.PRACTICE:
        return entry.name in {p.value for p in step.practices}
    return False


@dataclass(frozen=True, slots=True)
class Adherence:
    """Share of days since the start with a matching entry (or, for NSAIDs, with none)."""

    days: int
    done: int

    @property
    def share(self) -> float:
        """done / days (0 when no days have passed)."""
        return self.done / self.days if self.days else 0.0


def adherence(item: RepairItem, entries: Iterable[Entry], today: date) -> Adherence | None:
    """Adherence from logged entries; None for steps the diary cannot show (the elimination diet)."""
    step = step_for(item.step)
    if step.tracking is Tracking.PLAN:
        return None
    end = min(today, item.stop - timedelta(days=1)) if item.stop else today
    days = (end - item.start).days + 1
    if days <= 0:
        return Adherence(0, 0)
    within = [e for e in entries if item.start <= e.at.date() <= end]
    if step.tracking is Tracking.AVOID_NSAID:
        bad = {e.at.date() for e in within if e.kind is EntryKind.MEDICATION and e.drug_class == "nsaid"}
        return Adherence(days, days - len(bad))
    return Adherence(days, len({e.at.date() for e in within if matches(step, e)}))


@dataclass(frozen=True, slots=True)
class BeforeAfter:
    """Mean main-symptom change after the start vs before, with an autocorrelation-aware 95 % interval."""

    difference: float
    low: float
    high: float
    before_mean: float
    after_mean: float
    n_before: int
    n_after: int
    phi: float


def _window(scores: Mapping[date, float | None], first: date, last: date) -> list[float | None]:
    n = (last - first).days + 1
    return [scores.get(first + timedelta(days=i)) for i in range(max(n, 0))]


def before_after(
    scores: Mapping[date, float | None], start: date, today: date, *, window: int = WINDOW_DAYS
) -> BeforeAfter | None:
    """Compare up to `window` days before `start` with up to `window` days from it (None if < 7 rated each).

    The standard error of each window mean uses the effective sample size n(1−φ)/(1+φ), with φ
    the mean bias-corrected lag-1 autocorrelation of both windows but at least 0.5 (typical IBS
    clustering), so clustered symptom days do not give a falsely narrow interval.
    """
    import numpy as np

    before = _window(scores, start - timedelta(days=window), start - timedelta(days=1))
    after = _window(scores, start, min(today, start + timedelta(days=window - 1)))
    b, a = present(before), present(after)
    if len(b) < MIN_WINDOW_RATED or len(a) < MIN_WINDOW_RATED:
        return None
    phis = [p for p in (lag1_phi(before), lag1_phi(after)) if p is not None]
    phi = decision_phi(float(np.mean(phis)) if phis else 0.0)
    nb, na = max(effective_n(len(b), phi), 2.0), max(effective_n(len(a), phi), 2.0)
    se = math.sqrt(float(np.var(b, ddof=1)) / nb + float(np.var(a, ddof=1)) / na)
    diff = float(np.mean(a)) - float(np.mean(b))
    q = float(stats.t.ppf(0.975, df=max(nb + na - 2, 1.0)))
    return BeforeAfter(diff, diff - q * se, diff + q * se, float(np.mean(b)), float(np.mean(a)), len(b), len(a), phi)


@dataclass(frozen=True, slots=True)
class ItemReport:
    """One adopted step: adherence, before/after change, and the caveats in plain words."""

    item: RepairItem
    name: str
    adherence: Adherence | None
    change: BeforeAfter | None
    notes: tuple[str, ...]
    grade: str = ""


def item_report(
    item: RepairItem,
    *,
    entries: Sequence[Entry],
    scores: Mapping[date, float | None],
    today: date,
    others: Sequence[RepairItem] = (),
) -> ItemReport:
    """The report for one adopted step, naming other steps started within its comparison windows."""
    step = step_for(item.step)
    change = before_after(scores, item.start, today)
    notes = [
        _(
            "This before/after comparison is uncontrolled: other things changed too, symptoms drift, "
            "and expectation alone often improves them. It cannot show that this step works."
        )
    ]
    if change is None:
        notes.append(_("Not enough ratings yet: at least 7 rated days are needed before and after the start."))
    near = [
        STEPS[o.step].name()
        for o in others
        if o.step != item.step and o.step in STEPS and abs((o.start - item.start).days) < WINDOW_DAYS
    ]
    if near:
        notes.append(_("Other steps started within four weeks of this one: {steps}.").format(steps=", ".join(near)))
    if step.tracking is Tracking.PLAN:
        notes.append(_("Adherence to the elimination diet is followed by the protocol plan, not by entries."))
    return ItemReport(item, step.name(), adherence(item, entries, today), change, tuple(notes),
                      grade=evidence_grade(item.step))
