"""`zonula learn` and `zonula assess`: the graded knowledge base and the assessment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.prompt import Prompt
from rich.text import Text

from zonula.cli.assessment_view import (
    category_title,
    change_json,
    result_json,
    show_history,
    show_index,
    show_item,
    show_result,
)
from zonula.cli.common import console, fail, state
from zonula.domain.timeparse import parse_date
from zonula.errors import FieldProblem, NotFoundError, ValidationError
from zonula.i18n import _
from zonula.knowledge.questionnaire import Answer, AnswerType, Question
from zonula.knowledge.redflags import safety_rules
from zonula.service import assessment_questions, learn

format_option = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                             show_default=True, help="Output format.")


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


@click.command("learn")
@click.argument("topic", required=False)
@format_option
def learn_cmd(topic: str | None, fmt: str) -> None:
    """What the article claims and how well the evidence supports it (grades A, A*, C, D, X).

    TOPIC is a part of the article (model, causes, conditions, symptoms, treatments, repair), an item
    id (cause.nsaids or nsaids) or words of a name, in English or Chinese. Without TOPIC: every item.
    """
    items = learn(topic)
    if not items:
        raise NotFoundError(_("nothing found about “{topic}”; try model, causes, conditions, symptoms, "
                              "treatments or repair").format(topic=topic))
    if fmt == "json":
        _dump([item.as_dict() for item in items])
        return
    if topic is None:
        show_index(items)
        return
    category = None
    for item in items:
        if item.category is not category:
            category = item.category
            console.print(f"[bold underline]{escape(category_title(category))}[/]\n")
        show_item(item)


def _section_title(section: str) -> str:
    titles = {
        "symptoms": _("Your symptoms in the past 4 weeks"),
        "risk_factors": _("Things the article names as causes"),
        "conditions": _("Conditions a doctor has told you about"),
        "red_flags": _("Warning signs"),
        "safety": _("Safety"),
    }
    return titles.get(section, section)


def _hint(q: Question) -> str:
    if q.type is AnswerType.YESNO:
        return _("y/n")
    if q.type is AnswerType.INT:
        return f"{q.min}-{q.max}"
    if q.type is AnswerType.MULTI:
        return _("numbers separated by commas, or none")
    if q.type is AnswerType.TEXT_LIST:
        return _("separate several with commas")
    return _("number")


def _by_number(q: Question, raw: str) -> object:
    """Turn typed choice numbers (or labels) into their values; other text passes through."""
    if q.type not in (AnswerType.CHOICE, AnswerType.MULTI):
        return raw
    def one(token: str) -> str:
        token = token.strip()
        if token.isdigit() and 1 <= int(token) <= len(q.choices):
            return q.choices[int(token) - 1].value
        label = next((c.value for c in q.choices if token.lower() in
                      (c.label.en.lower(), c.label.zh)), None)
        return label or token
    if q.type is AnswerType.CHOICE:
        return one(raw)
    return [one(t) for t in raw.replace("，", ",").split(",") if t.strip()]


def ask(q: Question) -> Answer:
    """Ask one question until the answer is valid."""
    console.print(Text(str(q.text), style="bold"))
    for n, choice in enumerate(q.choices, 1):
        console.print(f"  {n}. {escape(str(choice.label))}")
    while True:
        raw = Prompt.ask(Text(f"  ({_hint(q)})"), console=console, default="" if
                         q.type is AnswerType.MULTI else None, show_default=False)
        try:
            return q.parse(_by_number(q, raw or ""))
        except ValueError as exc:
            console.print(Text("  " + _("Please answer again: {problem}").format(problem=exc), style="red"))


def ask_all() -> dict[str, object]:
    """Walk the questionnaire interactively; questions that do not apply are skipped."""
    console.print(_("This takes about 5 minutes. It screens for warning signs and builds a plan from the "
                    "article's steps, graded by evidence; it does not tell what is wrong."))
    answers: dict[str, Answer] = {}
    section = ""
    for q in assessment_questions():
        if not q.is_asked(answers):
            continue
        if q.section != section:
            section = q.section
            console.print(f"\n[bold underline]{escape(_section_title(section))}[/]")
        answers[q.id] = ask(q)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}


def read_answers(path: Path) -> dict[str, object]:
    """Read an answers file (a JSON object); unreadable JSON is a validation error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError([FieldProblem(str(path), _("is not valid JSON ({problem})").format(
            problem=exc))]) from None
    if not isinstance(data, dict):
        raise ValidationError([FieldProblem(str(path), _("must hold one JSON object of answers"))])
    return data


@click.group("assess", invoke_without_command=True)
@click.option("--answers", "answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Take the answers from a JSON file instead of asking (see docs/assessment.md).")
@click.option("--date", "day", default=None, metavar="DATE", help="The day of the assessment (default: today).")
@format_option
@click.pass_context
def assess_group(ctx: click.Context, answers_file: Path | None, day: str | None, fmt: str) -> None:
    """Take the assessment: warning signs first, a symptom score, matched causes and a graded plan.

    Without --answers, the questions are asked one by one. The result is stored with its day; on
    any invalid answer in a file, every bad field is listed and nothing is stored.
    """
    if ctx.invoked_subcommand is not None:
        return
    on = parse_date(day, field="--date") if day else None
    if answers_file is not None:
        answers = read_answers(answers_file)
    else:
        try:
            answers = ask_all()
        except (EOFError, KeyboardInterrupt):
            fail(_("The assessment was stopped; nothing was saved."), 1)
    diary = state().diary
    saved = diary.save_assessment(answers, on=on)
    latest = diary.latest_assessment()
    status = diary.safety_status() if latest is not None and latest.id == saved.id else None
    if fmt == "json":
        _dump(result_json(saved, status))
    else:
        console.print()
        show_result(saved, status)


@assess_group.command("show")
@click.argument("assessment_id", type=int, required=False)
@format_option
def show_cmd(assessment_id: int | None, fmt: str) -> None:
    """Show a stored assessment (the latest by default)."""
    diary = state().diary
    saved = diary.assessment(assessment_id) if assessment_id is not None else diary.latest_assessment()
    if saved is None:
        raise NotFoundError(_("there is no assessment yet: run `zonula assess` first"))
    latest = diary.latest_assessment()
    status = diary.safety_status() if latest is not None and latest.id == saved.id else None
    if fmt == "json":
        _dump(result_json(saved, status))
    else:
        show_result(saved, status)


@assess_group.command("history")
@format_option
def history_cmd(fmt: str) -> None:
    """List your assessments with their scores and what changed from one to the next."""
    diary = state().diary
    history = diary.assessment_history()
    changes = {after.id: change for _before, after, change in diary.assessment_changes()}
    if fmt == "json":
        _dump([{"id": s.id, "taken_on": s.taken_on.isoformat(), "score": s.result.score,
                "red_flags": list(s.result.red_flags), "causes": [m.item_id for m in s.result.causes],
                "change": change_json(changes[s.id]) if s.id in changes else None} for s in history])
        return
    if not history:
        console.print(_("No assessments yet: run `zonula assess`."))
        return
    show_history(history, changes)


@assess_group.command("ack-red-flags")
@click.option("--date", "day", default=None, metavar="DATE", help="The day to record (default: today).")
@click.option("--yes", "confirmed", is_flag=True, help="Do not ask for confirmation.")
def ack_cmd(day: str | None, confirmed: bool) -> None:
    """Record that you have seen, or will see, a doctor about the warning signs of your latest assessment."""
    diary = state().diary
    latest = diary.latest_assessment()
    if latest is not None and latest.result.red_flags and not confirmed:
        console.print(_("Warning signs in your latest assessment:"))
        for key in latest.result.red_flags:
            console.print(f"  • {escape(str(safety_rules().red_flag(key).reason))}")
        if not click.confirm(_("Have you seen a doctor about these, or booked a visit?"), default=False):
            fail(_("Nothing was recorded. Please see a doctor about these warning signs."), 1)
    ack = diary.acknowledge_red_flags(on=parse_date(day, field="--date") if day else None)
    console.print(_("Recorded on {day}: you have seen, or will see, a doctor about these warning signs. Keep them "
                    "informed about any diet changes.").format(
        day=ack.on.isoformat()))
