"""The user-facing sentences of the knowledge base and assessment, through gettext."""

from __future__ import annotations

from zonula.i18n import _, pick
from zonula.knowledge.assessment import Because, Caution, Stance
from zonula.knowledge.model import Grade
from zonula.knowledge.questionnaire import Answer, Question, questionnaire


def grade_label(grade: Grade) -> str:
    """A short name for an evidence grade."""
    labels = {
        Grade.ESTABLISHED: _("Established"),
        Grade.NARROW: _("Established only in a narrow context"),
        Grade.LIMITED: _("Limited evidence"),
        Grade.NOT_SUPPORTED: _("Not supported"),
        Grade.CONTRADICTED: _("Contradicted"),
    }
    return labels[grade]


def grade_meaning(grade: Grade) -> str:
    """One sentence on what a grade means."""
    meanings = {
        Grade.ESTABLISHED: _("Guidelines or consistent human trials and cohort studies support it."),
        Grade.NARROW: _("True only in the specific context stated with it."),
        Grade.LIMITED: _("Animal, laboratory, small or unreplicated human studies, or guidelines disagree."),
        Grade.NOT_SUPPORTED: _("No credible human evidence, or the idea has no agreed definition or test."),
        Grade.CONTRADICTED: _("Good evidence against it, or professional bodies advise against it."),
    }
    return meanings[grade]


def stance_label(stance: Stance) -> str:
    """How a repair step is offered, in words."""
    labels = {
        Stance.CONSIDER: _("You could consider this"),
        Stance.AFTER_DOCTOR: _("Only after you have seen a doctor about the warning signs"),
        Stance.WITH_CLINICIAN: _("Only with a doctor or dietitian involved"),
        Stance.NOT_RECOMMENDED: _("Not recommended: the evidence does not support it"),
    }
    return labels[stance]


def caution_text(caution: Caution) -> str:
    """The sentence shown for a caution on a repair step."""
    texts = {
        Caution.RED_FLAGS_FIRST: _("Diet changes wait until a doctor has looked at your warning signs."),
        Caution.SUPERVISED_ONLY: _("Your answers mean this should be done with a doctor or dietitian."),
        Caution.COELIAC_TEST_FIRST: _(
            "Have a blood test for coeliac disease before cutting out gluten: the test needs gluten "
            "in your diet to be reliable."),
        Caution.ALLERGY_FOODS_EXCLUDED: _(
            "Foods that caused an allergic-type reaction are never reintroduced at home."),
    }
    return texts[caution]


def score_label() -> str:
    """The name of the score, which says plainly that it is not validated."""
    return _("zonula symptom burden score (not a validated instrument)")


def see_doctor_headline() -> str:
    """The first line of a result with red flags."""
    return _("Please see a doctor before using zonula's diet tools. Your answers include these "
             "warning signs, which a doctor should assess:")


def no_red_flags_text() -> str:
    """The first line of a result without red flags."""
    return _("None of the warning signs we ask about were reported. If new symptoms appear, see a doctor.")


def supervised_headline() -> str:
    """The line introducing supervision reasons."""
    return _("Use zonula's diet tools only with a doctor or dietitian involved, because:")


def answer_text(question: Question, answer: Answer) -> str:
    """An answer in words: yes/no, a choice's label, or a list."""
    if isinstance(answer, bool):
        return _("yes") if answer else _("no")
    if isinstance(answer, tuple):
        return ", ".join(answer_text(question, v) for v in answer) or _("none")
    if isinstance(answer, str):
        choice = question.choice(answer)
        return str(choice.label) if choice else answer
    return str(answer)


def because_text(because: Because) -> str:
    """Why something matched: the question and the answer given."""
    question = questionnaire().question(because.question)
    return _("you answered “{answer}” to “{question}”").format(
        answer=answer_text(question, because.answer), question=str(question.text))


def symptom_name(key: str) -> str:
    """A burden-score symptom's name in the current language (the key when unknown)."""
    for s in questionnaire().symptoms:
        if s.key == key:
            return pick(s.name.en, s.name.zh)
    return key
