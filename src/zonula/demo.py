"""A realistic eight-week demo diary (English and Chinese meals) with a lactose-sensitive person.

The demo person reacts to milk products (bloating a few hours later) and is otherwise ordinary:
meals at usual times, background symptoms that come and go, stress, sleep, stool forms, a period,
some ibuprofen, and the repair-plan practices. It is generated from a seed, so it is reproducible.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from zonula.domain.entries import Entry, EntryKind

# (text, contains milk/lactose)
BREAKFASTS: tuple[tuple[str, bool], ...] = (
    ("oatmeal with milk and a banana", True),
    ("two slices of toast with peanut butter, black coffee", False),
    ("早餐:牛奶、包子", True),
    ("豆浆和油条", False),
    ("scrambled eggs on toast, green tea", False),
    ("小米粥、鸡蛋、咸菜", False),
    ("yogurt with strawberries and granola", True),
    ("a latte and a croissant", True),
    ("白粥和馒头", False),
    ("rice porridge with 鸡蛋", False),
)
LUNCHES: tuple[tuple[str, bool], ...] = (
    ("chicken salad with olive oil and bread", False),
    ("牛肉面", False),
    ("宫保鸡丁和米饭", False),
    ("tuna sandwich and an apple", False),
    ("番茄炒蛋、米饭", False),
    ("2 slices of pizza", True),
    ("麻辣烫", False),
    ("rice with stir-fried broccoli and tofu", False),
    ("饺子", False),
    ("mac and cheese", True),
    ("sushi and miso soup", False),
)
DINNERS: tuple[tuple[str, bool], ...] = (
    ("grilled salmon, potatoes and green beans", False),
    ("米饭、青菜、红烧肉", False),
    ("spaghetti bolognese", False),
    ("鱼香肉丝和米饭", False),
    ("chicken curry with rice", False),
    ("火锅", False),
    ("蒸鱼、米饭、炒白菜", False),
    ("beef stir-fry with noodles", False),
    ("creamy mushroom soup and bread", True),
    ("炒饭", False),
)
SNACKS: tuple[tuple[str, bool], ...] = (
    ("an apple", False),
    ("a glass of milk", True),
    ("奶茶", True),
    ("一把花生", False),
    ("ice cream", True),
    ("香蕉", False),
    ("a handful of almonds", False),
    ("cheese and crackers", False),
    ("绿茶", False),
    ("一杯酸奶", True),
)


def _fixed_zone(tz: tzinfo, day: date) -> timezone:
    offset = datetime.combine(day, time(12)).replace(tzinfo=tz).utcoffset() or timedelta(0)
    return timezone(offset)


def demo_entries(*, days: int = 56, seed: int = 7, end: date | None = None,
                 tz: tzinfo | None = None) -> list[Entry]:
    """A reproducible demo diary of `days` days ending yesterday (or on `end`)."""
    rng = random.Random(seed)
    last = end or (datetime.now(tz).date() - timedelta(days=1))
    start = last - timedelta(days=days - 1)
    zone = tz or timezone(timedelta(hours=8))
    out: list[Entry] = []
    lactose_until = 0.0  # hours-since-start until which the lactose reaction lasts
    base = 2.5
    period_start = rng.randrange(5, 20)
    for d in range(days):
        day = start + timedelta(days=d)
        tzf = _fixed_zone(zone, day)

        def at(hour: float, day: date = day, tzf: timezone = tzf) -> datetime:
            return datetime.combine(day, time()).replace(tzinfo=tzf) + timedelta(hours=hour)

        stress = min(10, max(0, round(rng.gauss(4 + (2 if day.weekday() < 5 else -1), 1.5))))
        sleep = round(min(10, max(4, rng.gauss(7, 0.9))) * 2) / 2
        out.append(Entry(EntryKind.SLEEP, at(7.0), value=sleep, quality=float(rng.randint(4, 9))))
        out.append(Entry(EntryKind.STRESS, at(21.0), value=float(stress)))
        meals: list[tuple[float, tuple[str, bool]]] = [
            (7.5 + rng.random(), rng.choice(BREAKFASTS)),
            (12.2 + rng.random(), rng.choice(LUNCHES)),
            (18.3 + rng.random(), rng.choice(DINNERS)),
        ]
        if rng.random() < 0.7:
            meals.append((15.5 + rng.random(), rng.choice(SNACKS)))
        exposures: list[float] = []
        for hour, (text, lactose) in sorted(meals):
            out.append(Entry(EntryKind.MEAL, at(hour), name=text))
            if lactose:
                exposures.append(hour)
        base = 0.6 * base + 0.4 * 2.5 + rng.gauss(0, 0.7)
        in_period = period_start <= d % 28 < period_start + 5
        if in_period:
            out.append(Entry(EntryKind.MENSTRUATION, at(8.0), value=1.0))
        for hour in (11.0, 16.5, 21.5):
            reaction = 0.0
            for eaten in exposures:
                lag = hour - eaten
                if 0.5 <= lag <= 8 and rng.random() < 0.8:
                    reaction = max(reaction, 2.5)
            if lactose_until > d * 24 + hour:
                reaction = max(reaction, 1.5)
            level = base + reaction + 0.1 * (stress - 4) + (0.6 if in_period else 0) + rng.gauss(0, 0.6)
            out.append(Entry(EntryKind.SYMPTOM, at(hour), name="bloating",
                             value=float(min(10, max(0, round(level))))))
            pain = base * 0.7 + 0.5 * reaction + rng.gauss(0, 0.6)
            out.append(Entry(EntryKind.SYMPTOM, at(hour + 0.05), name="abdominal_pain",
                             value=float(min(10, max(0, round(pain))))))
            if reaction:
                lactose_until = d * 24 + hour + 3
        for _ in range(rng.choice((1, 1, 1, 2))):
            form = 4 + (1 if exposures and rng.random() < 0.6 else 0) + rng.choice((-1, 0, 0, 0, 1))
            out.append(Entry(EntryKind.STOOL, at(8.5 + rng.random() * 10), value=float(min(7, max(1, form)))))
        if rng.random() < 0.08:
            out.append(Entry(EntryKind.MEDICATION, at(13.0), name="ibuprofen", value=400, unit="mg",
                             note="headache"))
            out.append(Entry(EntryKind.SYMPTOM, at(12.9), name="headache", value=float(rng.randint(4, 7))))
        if d >= 21:
            out.append(Entry(EntryKind.SUPPLEMENT, at(8.2), name="probiotic", value=1, unit="capsule"))
        if d >= 28 and rng.random() < 0.6:
            kind = rng.choice(("yoga", "meditation", "tai_chi", "mindful_eating"))
            out.append(Entry(EntryKind.PRACTICE, at(19.8), name=kind, value=float(rng.choice((10, 15, 20, 30)))))
        if d == 10:
            out.append(Entry(EntryKind.NOTE, at(20.0), note="出差一天 / travelled for work"))
    recorded = [e.with_changes(recorded_at=e.at + timedelta(minutes=rng.randint(0, 20))) for e in out]
    return sorted(recorded, key=lambda e: e.at)
