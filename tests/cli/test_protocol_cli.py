"""The protocol, today and plan commands end to end: clean output, JSON, exit codes, help text."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from zonula.cli import main

START = date(2026, 9, 1)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _on(days: int) -> str:
    return (START + timedelta(days=days)).isoformat()


def _log_ratings(days: int = 50) -> None:
    for i in range(days):
        value = "5" if i < 14 else "2"
        code, out = run("log", "symptom", "bloating", value, "--at", f"{_on(i)} 12:00")
        assert code == 0, out


@pytest.mark.usefixtures("cli_env")
def test_start_status_today_and_verdicts_through_the_cli() -> None:
    _log_ratings()
    code, out = run(
        "protocol", "start", "--suspects", "lactose", "--symptoms", "bloating", "--seed", "4", "--on", _on(0)
    )
    assert code == 0, out
    assert "Plan #1 started." in out
    code, out = run("protocol", "status", "--format", "json", "--on", _on(43))
    assert code == 0, out
    data = json.loads(out)
    assert data["today"]["phase"] == "reintroduction"
    assert data["order"] == ["lactose"]
    assert [e["kind"] for e in data["events"]] == ["started"]
    code, out = run("today", "--on", _on(43))
    assert code == 0, out
    assert "1 cup of milk" in out
    assert "What to log:" in out
    code, out = run("protocol", "verdicts", "--format", "json", "--on", _on(49))
    assert code == 0, out
    assert json.loads(out)[0]["group"] == "lactose"


@pytest.mark.usefixtures("cli_env")
def test_plan_changes_and_their_errors_have_exit_codes() -> None:
    _log_ratings(5)
    assert run("protocol", "start", "--suspects", "caffeine", "--on", _on(0))[0] == 0
    code, out = run("protocol", "pause", "--reason", "a week away", "--on", _on(2))
    assert code == 0, out
    assert "paused" in out
    code, out = run("protocol", "status", "--format", "json", "--on", _on(2))
    assert json.loads(out)["events"][-1]["reason"] == "a week away"
    code, out = run("protocol", "pause", "--on", _on(3))
    assert code == 4
    assert "Traceback" not in out
    assert run("protocol", "resume", "--on", _on(4))[0] == 0
    code, out = run("protocol", "extend", "40", "--on", _on(5))
    assert code == 2
    assert "days" in out
    assert run("protocol", "sachets")[0] == 4
    code, out = run("protocol", "start", "--mode", "low-fodmap", "--on", _on(6))
    assert code == 4


@pytest.mark.usefixtures("cli_env")
def test_removing_wheat_without_a_coeliac_test_is_locked() -> None:
    code, out = run("protocol", "start", "--mode", "low-fodmap")
    assert code == 5
    assert "coeliac" in out


@pytest.mark.usefixtures("cli_env")
def test_today_without_a_plan_says_how_to_start() -> None:
    code, out = run("today")
    assert code == 3
    assert "zonula protocol start" in out


@pytest.mark.usefixtures("cli_env")
def test_repair_steps_through_the_cli() -> None:
    code, out = run("plan", "add", "yoga", "--dose", "20 min", "--start", "2026-11-01")
    assert code == 0, out
    assert run("plan", "add", "yoga")[0] == 4
    assert run("log", "practice", "yoga", "--at", "2026-11-02 19:00")[0] == 0
    code, out = run("plan", "status", "--on", "2026-11-10")
    assert code == 0, out
    assert "Yoga" in out
    assert "uncontrolled" in out
    code, out = run("plan", "stop", "yoga", "--on", "2026-10-31")
    assert code == 2 and "2026-11-01" in out  # before the start
    assert run("plan", "stop", "yoga", "--on", "2026-11-11")[0] == 0
    assert run("plan", "add", "unicorn")[0] == 2
    assert run("plan", "add", "tai_chi", "--start", "0001-01-01")[0] == 2
    assert run("plan", "add", "tai_chi")[0] == 0
    code, out = run("plan", "done", "tai_chi")
    assert code == 0 and "Tai chi" in out
    assert run("plan", "done", "cut_nsaids")[0] == 2  # followed from the diary, not ticked off
    assert run("plan", "done", "yoga")[0] == 4  # stopped
    assert run("plan", "status")[0] == 0


@pytest.mark.parametrize(
    "command",
    [
        ("protocol",),
        ("protocol", "start"),
        ("protocol", "status"),
        ("protocol", "pause"),
        ("protocol", "resume"),
        ("protocol", "extend"),
        ("protocol", "skip"),
        ("protocol", "restart"),
        ("protocol", "verdicts"),
        ("protocol", "sachets"),
        ("today",),
        ("plan",),
        ("plan", "add"),
        ("plan", "stop"),
        ("plan", "status"),
        ("plan", "done"),
    ],
)
def test_every_protocol_command_has_help(command: tuple[str, ...]) -> None:
    code, out = run(*command, "--help")
    assert code == 0
    assert "Usage:" in out
    assert len(out.split("\n\n")[1].strip()) > 10
