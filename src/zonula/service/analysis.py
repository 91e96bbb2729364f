"""Facade: the suspect screen over the stored diary, cached by the version of its inputs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from zonula.domain.entries import Entry, EntryKind, normalise_symptom
from zonula.i18n import pick
from zonula.service.beliefs import believed_exposures, main_symptom_keys, prior_suspects, suspected_names
from zonula.service.foods import FoodsMixin
from zonula.service.protocol import ProtocolMixin
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


def input_version(entries: Sequence[Entry], *, scope: str, settings: ScreeningSettings, lexicon: str,
                  main_symptoms: Sequence[str] = (), believed: Iterable[str] = ()) -> str:
    """A hash of the diary rows used, the lexicon version (with the person's own foods), the engine, settings,
    main symptoms and believed exposures."""
    from zonula.analysis import ENGINE_VERSION

    digest = hashlib.sha256()
    head = {"engine": ENGINE_VERSION, "lexicon": lexicon, "scope": scope,
            "settings": settings.as_dict(), "main_symptoms": list(main_symptoms), "believed": sorted(believed)}
    digest.update(json.dumps(head, sort_keys=True).encode())
    for e in entries:
        row = (e.id, e.kind.value, e.at.isoformat(), e.name, e.value, e.unit, e.quality)
        digest.update(json.dumps(row, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


_USED = [EntryKind.MEAL, EntryKind.SYMPTOM, EntryKind.STRESS, EntryKind.SLEEP, EntryKind.MENSTRUATION,
         EntryKind.MEDICATION]


class AnalysisMixin(FoodsMixin, ProtocolMixin):
    """The suspect screen (hypotheses to test, never diagnoses), over meals parsed with the person's own foods."""

    def analyze(self, symptom: str | None = None, date_from: date | None = None, date_to: date | None = None,
                *, main_symptoms: Sequence[str] | None = None, suspected: Sequence[str] | None = None,
                settings: ScreeningSettings | None = None, progress: Progress | None = None
                ) -> ScreeningReport:
        """Screen the diary for suspects; reuse the stored result while the inputs are unchanged.

        Args:
            symptom: one symptom key (English, Chinese or alias); all rated symptoms when None.
            date_from: first local date to use.
            date_to: last local date to use.
            main_symptoms: 1-3 main symptoms (names as for `symptom`); the other rated symptoms are
                supporting evidence. None: the running plan's main symptoms (none without a plan).
            suspected: groups or foods the person already suspected (`fructans`, `lactose`, `onion`...),
                which need more evidence because expectation alone raises symptoms. None: the running
                plan's own and IgG-panel suspects (never the screen's own suspects).
            settings: screen parameters (defaults when None).
            progress: called with (done, total) while meal texts are parsed, then while each
                symptom is screened.

        Raises:
            ValidationError: an unknown main symptom, more than three, or too many or too long suspects.
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
        main, believed = self._screen_beliefs(entries, main_symptoms, suspected,
                                              lambda: self.food_lexicon(lexicon_version))
        version = input_version(entries, scope=scope, settings=settings, lexicon=lexicon_version,
                                main_symptoms=main, believed=believed)
        with self.db.reading() as session:
            cached = store.cached_report(session, self.user.id, version)
        if cached is not None:
            return report_from_data(cached)
        meals = [e for e in entries if e.kind is EntryKind.MEAL]
        lexicon = self.food_lexicon(lexicon_version)
        occasions, windows, names = meal_occasions(meals, lexicon, progress=progress)
        cov = covariates_from_entries(entries)
        data = ScreeningInput(tuple(occasions), cov.ratings, cov.stress, cov.sleep, cov.menstruation_days,
                              cov.nsaid_days, windows, names, main_symptoms=main, believed=believed)
        report = run_screen(data, symptoms=[key] if key else None, settings=settings,
                            date_from=date_from, date_to=date_to, progress=progress)
        with self.db.transaction() as session:
            store.store_report(session, self.user.id, version=version, scope=scope,
                               engine_version=ENGINE_VERSION, lexicon_version=lexicon_version,
                               report=report_to_data(report))
        return report

    def _screen_beliefs(self, entries: Sequence[Entry], main_symptoms: Sequence[str] | None,
                        suspected: Sequence[str] | None, lexicon: Callable[[], Lexicon]
                        ) -> tuple[tuple[str, ...], frozenset[str]]:
        """The main symptom keys and believed exposures: the arguments given, else the running plan's."""
        plan = self.current_plan_settings() if main_symptoms is None or suspected is None else None
        if main_symptoms is not None:
            rated = {e.name for e in entries if e.kind is EntryKind.SYMPTOM}
            main = main_symptom_keys(main_symptoms, rated=rated)
        else:
            main = tuple(dict.fromkeys(normalise_symptom(s) for s in plan.main_symptoms)) if plan else ()
        names = suspected_names(suspected) if suspected is not None else prior_suspects(plan)
        return main, believed_exposures(names, lexicon)
