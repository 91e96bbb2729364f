"""API: meal text to foods and food groups."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from zonula.foods.groups import GROUP_LABELS
from zonula.web.deps import ApiDiary

router = APIRouter(prefix="/api/v1", tags=["foods"])


class MealText(BaseModel):
    """Meal text to parse (English, Chinese or mixed)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2000)


class ParsedItemOut(BaseModel):
    """One food found in the text."""

    text: str
    food_id: str | None
    name_en: str | None
    name_zh: str | None
    quantity: float | None
    unit: str | None
    negated: bool
    groups: dict[str, str]


class ParsedMealOut(BaseModel):
    """The parse of one meal text and the groups the meal contains."""

    text: str
    lexicon_version: str
    items: list[ParsedItemOut]
    contains: list[str]


@router.post("/foods/parse", response_model=ParsedMealOut)
def parse(body: MealText, diary: ApiDiary) -> ParsedMealOut:
    """The foods and food groups the parser reads in a meal text (nothing is stored)."""
    parsed = diary.parse_meal(body.text)
    items = [ParsedItemOut(text=i.text, food_id=i.food_id, name_en=i.name_en, name_zh=i.name_zh,
                           quantity=i.quantity, unit=i.unit, negated=i.negated,
                           groups={g: level.value for g, level in i.groups.items()}) for i in parsed.items]
    contains = [g for g in GROUP_LABELS if g in parsed.contained()]
    return ParsedMealOut(text=parsed.text, lexicon_version=parsed.lexicon_version, items=items, contains=contains)
