"""The article's claims as bilingual, evidence-graded data, the red-flag screen and the assessment."""

from zonula.knowledge.assessment import AssessmentChange, AssessmentResult, assess, compare
from zonula.knowledge.gate import RedFlagAck, build_safety_status
from zonula.knowledge.loader import knowledge_base
from zonula.knowledge.model import Category, Grade, KnowledgeItem, Text
from zonula.knowledge.questionnaire import questionnaire

__all__ = [
    "AssessmentChange",
    "AssessmentResult",
    "Category",
    "Grade",
    "KnowledgeItem",
    "RedFlagAck",
    "Text",
    "assess",
    "build_safety_status",
    "compare",
    "knowledge_base",
    "questionnaire",
]
