"""Facade: the suspect screen over the stored diary, cached by the version of its inputs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from zonula.domain.entries import Entry, EntryKind, normalise_symptom
from zonula.i18n import pick
from zonula.service.foods import FoodsMixin
from zonula.storage import screening as store

if TYPE_CHECKING:  # the engine (numpy, scipy) loads only when a screen runs: light commands start fast
    from zonula.analysis import MealOccasion, ScreeningReport, ScreeningSettings
    from zonula.foods import Lexicon

Progress = Callable[[int, int], None]


def meal_occasions(meals: Sequence[Entry], lexicon: Lexicon, *, progress: Progress | None = None
                   ) -> tuple[list[MealOccasion], dict[str, str], dict[str, str]]:
    """Parse meal texts into dosed occasions, each food's mechanism group, and display names."""
    from zonula.analysis import MealOccasion
    from zonula.analysis.diary_input import meal_portion
    from zonula.analysis.dose import capped, level_weight, portion_weight
    from zonula.analysis.windows import mechanism_group
    from zonula.foods import parse_meals

    occasions: list[MealOccasion] = []
    windows: dict[str, str] = {}
    names: dict[str, str] = {}
    parsed_meals = parse_meals((entry.name for entry in meals), lexicon)
    for i, (entry, parsed) in enumerate(zip(meals, parsed_meals, strict=True)):
        factor = meal_portion(entry)
        group_doses: dict[str, float] = {}
        foods: dict[str, float] = {}
        for item in parsed.items:
            if item.negated or item.food_id is None:
                continue
            weight = portion_weight(item.portion.value) * factor
            foods[item.food_id] = max(foods.get(item.food_id, 0.0), weight)
            levels = {g: lvl.value for g, lvl in item.groups.items()}
            for group, level in levels.items():
                dose = weight * level_weight(level)
                if dose > 0:
                    group_doses[group] = group_doses.get(group, 0.0) + dose
            window = mechanism_group(levels)
            if window is not None:
                windows[item.food_id] = window
            names[item.food_id] = pick(item.name_en or item.food_id, item.name_zh or "")
        occasions.append(MealOccasion(entry.at, {g: capped(d) for g, d in group_doses.items()}, foods))
        if progress is not None and i % 200 == 0:
            progress(i, len(meals))
    return occasions, windows, names


def input_version(entries: Sequence[Entry], *, scope: str, settings: ScreeningSettings, lexicon: str) -> str:
    """A hash of the diary rows used, the lexicon version (with the person's own foods), the engine and settings."""
    from zonula.analysis import ENGINE_VERSION

    digest = hashlib.sha256()
    head = {"engine": ENGINE_VERSION, "lexicon": lexicon, "scope": scope,
            "settings": settings.as_dict()}
    digest.update(json.dumps(head, sort_keys=True).encode())
    for e in entries:
        row = (e.id, e.kind.value, e.at.isoformat(), e.name, e.value, e.unit, e.quality)
        digest.update(json.dumps(row, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


_USED = [EntryKind.MEAL, EntryKind.SYMPTOM, EntryKind.STRESS, EntryKind.SLEEP, EntryKind.MENSTRUATION,
         EntryKind.MEDICATION]


class AnalysisMixin(FoodsMixin):
    """The suspect screen (hypotheses to test, never diagnoses), over meals parsed with the person's own foods."""

    def analyze(self, symptom: str | None = None, date_from: date | None = None, date_to: date | None = None,
                *, settings: ScreeningSettings | None = None, progress: Progress | None = None
                ) -> ScreeningReport:
        """Screen the diary for suspects; reuse the stored result while the inputs are unchanged.

        Args:
            symptom: one symptom key (English, Chinese or alias); all rated symptoms when None.
            date_from: first local date to use.
            date_to: last local date to use.
            settings: screen parameters (defaults when None).
            progress: called with (done, total) while meal texts are parsed, then while each
                symptom is screened.
        """
        from zonula.analysis import ENGINE_VERSION, ScreeningInput, ScreeningSettings
        from zonula.analysis import screen as run_screen
        from zonula.analysis.diary_input import covariates_from_entries
        from zonula.analysis.serialize import report_from_data, report_to_data

        settings = settings or ScreeningSettings()
        key = normalise_symptom(symptom) if symptom else None
        entries = self.entries(date_from=date_from, date_to=date_to, kinds=_USED)
        scope = f"{key or '*'}|{date_from or ''}|{date_to or ''}"
        lexicon_version = self.food_lexicon_version()
        version = input_version(entries, scope=scope, settings=settings, lexicon=lexicon_version)
        with self.db.reading() as session:
            cached = store.cached_report(session, self.user.id, version)
        if cached is not None:
            return report_from_data(cached)
        meals = [e for e in entries if e.kind is EntryKind.MEAL]
        lexicon = self.food_lexicon()
        if lexicon.version != lexicon_version:  # the person's foods changed since this facade cached them
            self._lexicon = None
            lexicon = self.food_lexicon()
        occasions, windows, names = meal_occasions(meals, lexicon, progress=progress)
        cov = covariates_from_entries(entries)
        data = ScreeningInput(tuple(occasions), cov.ratings, cov.stress, cov.sleep, cov.menstruation_days,
                              cov.nsaid_days, windows, names)
        report = run_screen(data, symptoms=[key] if key else None, settings=settings,
                            date_from=date_from, date_to=date_to, progress=progress)
        with self.db.transaction() as session:
            store.store_report(session, self.user.id, version=version, scope=scope,
                               engine_version=ENGINE_VERSION, lexicon_version=lexicon_version,
                               report=report_to_data(report))
        return report
