"""Bilingual food understanding: the compiled lexicon, food groups and the meal-text parser."""

from zonula.foods._version import LEXICON_VERSION
from zonula.foods.groups import FODMAP_GROUPS, GROUPS, GroupLevel, Level
from zonula.foods.lexicon import Food, Lexicon, UserFood, load_lexicon
from zonula.foods.parser import MealItem, ParsedMeal, parse_meal, parse_meals
from zonula.foods.vocab import Portion

__all__ = [
    "FODMAP_GROUPS",
    "GROUPS",
    "LEXICON_VERSION",
    "Food",
    "GroupLevel",
    "Level",
    "Lexicon",
    "MealItem",
    "ParsedMeal",
    "Portion",
    "UserFood",
    "load_lexicon",
    "parse_meal",
    "parse_meals",
]
