"""Render knowledge items, assessment results and history for the terminal (Rich) or as JSON."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from zonula.cli.common import console
from zonula.domain.safety import SafetyStatus
from zonula.i18n import _
from zonula.knowledge import AssessmentChange, AssessmentResult, Category, KnowledgeItem, knowledge_base
from zonula.knowledge.redflags import safety_rules
from zonula.knowledge.wording import (
    because_text,
    caution_text,
    grade_label,
    no_red_flags_text,
    score_label,
    see_doctor_headline,
    stance_label,
    supervised_headline,
    symptom_name,
)
from zonula.service import SavedAssessment

GRADE_STYLE = {"A": "bold green", "A*": "green", "C": "yellow", "D": "red", "X": "bold red"}


def category_title(category: Category) -> str:
    """The heading of one part of the article."""
    titles = {
        Category.MODEL: _("The article's model of a leaky gut"),
        Category.CAUSE: _("Causes the article names"),
        Category.CONDITION: _("Conditions the article links to a leaky gut"),
        Category.SYMPTOM: _("Symptoms the article attributes to a leaky gut"),
        Category.TREATMENT: _("The article's treatment principles"),
        Category.REPAIR: _("The article's repair steps"),
    }
    return titles[category]


def labelled(label: str, text: str) -> str:
    """`label: text`, with the punctuation of the current language (a full-width colon in Chinese)."""
    joined = _("{label}: {text}").format(label=label, text=text).rstrip()
    return joined if text or joined.endswith("：") else joined + " "


def heading(text: str) -> None:
    """Print a bold heading (plain text, never read as markup)."""
    console.print(Text(text, style="bold"))


def badge(grade: str) -> str:
    """A coloured grade badge, e.g. `[A*]`."""
    return f"[{GRADE_STYLE.get(grade, 'bold')}]\\[{escape(grade)}][/]"


def show_item(item: KnowledgeItem) -> None:
    """Print one item in full: claim, grade, context, evidence, note, dose, references."""
    console.print(f"{badge(item.grade.value)} [bold]{escape(str(item.name))}[/] "
                  f"[dim]({escape(item.id)}, {escape(grade_label(item.grade))})[/]")
    rows = [(_("The article says"), str(item.claim))]
    if item.context:
        rows.append((_("Holds only for"), str(item.context)))
    rows.append((_("The evidence"), str(item.rationale)))
    if item.note:
        rows.append((_("Honest note"), str(item.note)))
    if item.dose:
        rows.append((_("Typical dose"), str(item.dose)))
    for label, text in rows:
        console.print(Text("  ") + Text(labelled(label, ""), style="bold") + Text(text))
    console.print(Text("  " + labelled(_("References"), ""), style="bold"))
    for n, ref in enumerate(item.references, 1):
        flag = " " + _("(details unverified)") if ref.unverified else ""
        console.print(f"    {n}. {escape(ref.text)}{escape(flag)}", style="dim")
    console.print()


def show_index(items: tuple[KnowledgeItem, ...]) -> None:
    """Print a compact table of items: id, name, grade."""
    table = Table(title=_("What the article claims, and how well the evidence supports it"))
    table.add_column(_("Topic"), style="dim")
    table.add_column(_("Claim"))
    table.add_column(_("Grade"))
    for item in items:
        table.add_row(item.id, str(item.name), f"{item.grade.value} · {grade_label(item.grade)}")
    console.print(table)
    console.print(_("Show one in full with `zonula learn TOPIC` (for example `zonula learn nsaids`)."))


def _reasons(keys: tuple[str, ...], *, supervision: bool) -> list[str]:
    rules = safety_rules()
    return [str((rules.supervision_rule if supervision else rules.red_flag)(k).reason) for k in keys]


def show_result(saved: SavedAssessment, status: SafetyStatus | None = None) -> None:
    """Print a result: red flags first, then supervision, score, causes, claims, and the plan.

    `status` (for the latest assessment) adds whether the red flags have been acknowledged.
    """
    result, kb = saved.result, knowledge_base()
    heading(_("Assessment of {day}").format(day=saved.taken_on.isoformat()))
    console.print()
    if result.see_doctor:
        console.print(f"[bold red]{escape(see_doctor_headline())}[/]")
        for reason in _reasons(result.red_flags, supervision=False):
            console.print(f"  • {escape(reason)}")
        if status is not None and status.red_flags_acknowledged_on is not None:
            console.print(escape(_("You recorded on {day} that you have seen, or will see, a doctor about "
                                   "these.").format(day=status.red_flags_acknowledged_on.isoformat())) + "\n")
        else:
            console.print(escape(_("When you have seen a doctor, or booked a visit, record it with "
                                   "`zonula assess ack-red-flags`.")) + "\n")
    else:
        console.print(f"[green]{escape(no_red_flags_text())}[/]\n")
    if result.supervised_reasons:
        console.print(f"[bold yellow]{escape(supervised_headline())}[/]")
        for reason in _reasons(result.supervised_reasons, supervision=True):
            console.print(f"  • {escape(reason)}")
        console.print()
    if result.ige_foods:
        console.print(escape(_("Never to be challenged at home (possible allergy): {foods}").format(
            foods=", ".join(result.ige_foods))) + "\n")
    console.print(f"[bold]{escape(score_label())}: {result.score:g} / 100[/]")
    burden = [s for s in result.symptoms if s.points > 0]
    for s in sorted(burden, key=lambda s: -s.points):
        console.print(f"  {escape(symptom_name(s.key))}: {s.points:g} / 10")
    console.print()
    if result.causes:
        heading(_("Causes named by the article that match your answers"))
        for m in result.causes:
            item = kb.get(m.item_id)
            why = "; ".join(because_text(b) for b in m.because)
            console.print(f"  {badge(m.grade.value)} {escape(str(item.name))}: {escape(why)}")
            if item.note:
                console.print(f"      {escape(str(item.note))}", style="dim")
        console.print()
    linked = (*result.conditions, *result.article_symptoms)
    if linked:
        heading(_("What the article says about what you reported"))
        for m in linked:
            item = kb.get(m.item_id)
            console.print(f"  {badge(m.grade.value)} {escape(str(item.name))}: {escape(str(item.rationale))}")
        console.print()
    heading(_("Your repair plan, best evidence first"))
    for n, step in enumerate(result.plan, 1):
        item = kb.get(step.item_id)
        console.print(f" {n}. {badge(step.grade.value)} [bold]{escape(str(item.name))}[/] — "
                      f"{escape(stance_label(step.stance))}")
        if item.context:
            console.print(Text("      " + labelled(_("Holds only for"), str(item.context))))
        if item.note:
            console.print(f"      {escape(str(item.note))}")
        if item.dose:
            console.print(Text("      " + labelled(_("Typical dose"), str(item.dose)), style="dim"))
        for caution in step.cautions:
            console.print(f"      ! {escape(caution_text(caution))}", style="yellow")
    console.print()
    console.print(escape(_("This is not medical advice. zonula screens and explains the evidence; only a "
                           "clinician can tell what is causing your symptoms.")), style="dim")


def status_json(status: SafetyStatus) -> dict[str, Any]:
    """The safety status as JSON."""
    acked = status.red_flags_acknowledged_on
    return {"red_flags": list(status.red_flags), "red_flags_acknowledged_on": acked.isoformat() if acked else None,
            "diet_tools_locked": status.diet_tools_locked, "ige_suspected_foods": sorted(status.ige_suspected_foods),
            "coeliac_tested": status.coeliac_tested, "supervised_only": status.supervised_only,
            "supervised_reasons": list(status.supervised_reasons)}


def result_json(saved: SavedAssessment, status: SafetyStatus | None = None) -> dict[str, Any]:
    """A stored assessment as JSON: id, day, the score's name, the full result (and the safety status)."""
    return {"id": saved.id, "taken_on": saved.taken_on.isoformat(), "score_name": score_label(),
            "result": saved.result.to_dict(),
            "safety": status_json(status) if status is not None else None,
            "red_flag_reasons": {k: safety_rules().red_flag(k).reason.as_dict()
                                 for k in saved.result.red_flags}}


def preview_json(result: AssessmentResult) -> dict[str, Any]:
    """An unsaved result as JSON."""
    return {"score_name": score_label(), "result": result.to_dict()}


def change_json(change: AssessmentChange) -> dict[str, Any]:
    """A comparison of two assessments as JSON."""
    return {"score_change": change.score_change, "causes_added": list(change.causes_added),
            "causes_removed": list(change.causes_removed), "red_flags_added": list(change.red_flags_added),
            "red_flags_removed": list(change.red_flags_removed)}


def show_history(history: list[SavedAssessment], changes: dict[int, AssessmentChange]) -> None:
    """Print every assessment with its score and what changed since the one before."""
    kb = knowledge_base()
    table = Table(title=_("Your assessments"))
    table.add_column(_("ID"), justify="right", style="dim")
    table.add_column(_("Day"))
    table.add_column(_("Score"), justify="right")
    table.add_column(_("Change"), justify="right")
    table.add_column(_("Red flags"), justify="right")
    table.add_column(_("Causes added / removed"))
    for saved in history:
        change = changes.get(saved.id)
        delta = f"{change.score_change:+g}" if change else ""
        moved = ""
        if change:
            names = [f"+{kb.get(c).name}" for c in change.causes_added]
            names += [f"-{kb.get(c).name}" for c in change.causes_removed]
            moved = ", ".join(names)
        table.add_row(str(saved.id), saved.taken_on.isoformat(), f"{saved.result.score:g}", delta,
                      str(len(saved.result.red_flags)), moved)
    console.print(table)
    console.print(escape(_("Score: {name}").format(name=score_label())), style="dim")
