"""CLI help in the chosen language: every command's --help, click's own words and usage errors in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from zonula import __version__
from zonula.cli import main
from zonula.cli.helptext import (
    CLICK_EXTRA_MSGIDS,
    SUMMARY_LIMIT,
    click_message_files,
    command_tree,
    display_width,
    help_msgid,
    help_msgids,
    language_in_args,
    localised_short_help,
    short_help,
    wrap_wide,
)
from zonula.i18n import set_language

PO = Path(__file__).parent.parent.parent / "src" / "zonula" / "translations" / "zh_Hans" / "LC_MESSAGES" / \
    "messages.po"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    set_language("en")


def run(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), prog_name="zonula", env=env)


def flat(text: str) -> str:
    """Text with every run of whitespace made one space (help output is wrapped)."""
    return " ".join(text.split())


def zh_catalog() -> dict[str, str]:
    """msgid (a plural's singular) -> its Chinese, for every translated message."""
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="zh_Hans")
    found: dict[str, str] = {}
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        if msgid and all(strings) and not message.fuzzy:
            found[msgid] = strings[0]
    return found


def command_paths() -> list[tuple[str, ...]]:
    """Every command path under `zonula` (lazy commands loaded), the root included."""
    paths: list[tuple[str, ...]] = []

    def walk(command: click.Command, path: tuple[str, ...], ctx: click.Context) -> None:
        paths.append(path)
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk(sub, (*path, name), click.Context(sub, info_name=name, parent=ctx))

    walk(main, (), click.Context(main, info_name="zonula"))
    return paths


@pytest.mark.usefixtures("cli_env")
def test_root_help_in_chinese_has_chinese_headings_and_short_help() -> None:
    result = run("--lang", "zh", "--help")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("用法：")
    assert "选项：" in out and "命令：" in out
    assert "Usage:" not in out and "Options:" not in out and "Commands:" not in out
    assert "显示此帮助信息并退出。" in out and "显示版本并退出。" in out
    assert re.search(r"^  diary\s+显示日记，最早的在前。$", out, re.MULTILINE)
    assert re.search(r"^  log\s+记录一条：餐食、症状", out, re.MULTILINE)
    assert "Show the diary" not in out


@pytest.mark.usefixtures("cli_env")
def test_log_meal_help_in_chinese_translates_option_help() -> None:
    result = run("--lang", "zh", "log", "meal", "--help")
    assert result.exit_code == 0
    out = flat(result.output)
    assert "用法： zonula log meal [OPTIONS] TEXT" in out
    assert "像平时说话那样记录一餐" in out
    assert "--note TEXT 自由文本备注。" in out
    assert "--at TIME 发生时间：" in out
    assert "A free-text note" not in out and "Log a meal" not in out


@pytest.mark.usefixtures("cli_env")
def test_zonula_lang_in_the_environment_gives_chinese_help_without_the_option(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONULA_LANG", "zh")
    assert "命令：" in run("--help").output
    out = run("log", "stool", "--help").output
    assert "按布里斯托大便分类" in out and "选项：" in out


@pytest.mark.usefixtures("cli_env")
def test_a_chinese_locale_gives_chinese_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZONULA_LANG")
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "汇总日记" in flat(run("summary", "--help").output)


@pytest.mark.usefixtures("cli_env")
def test_the_option_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONULA_LANG", "zh")
    out = run("--lang", "en", "log", "--help").output
    assert out.startswith("Usage: zonula log")
    assert "Log an entry: meal, symptom" in out


@pytest.mark.usefixtures("cli_env")
def test_english_help_stays_click_s_own_after_a_chinese_run() -> None:
    run("--lang", "zh", "demo", "--help")
    out = run("--lang", "en", "demo", "--help").output
    assert out.startswith("Usage: zonula demo [OPTIONS]")
    assert "Options:\n" in out
    assert "Show this message and exit." in out
    assert "Diary length." in out
    assert re.search(r"[\u4e00-\u9fff]", out.replace("English and Chinese", "")) is None


@pytest.mark.usefixtures("cli_env")
def test_every_command_s_help_in_chinese_has_no_untranslated_help_text() -> None:
    catalog = zh_catalog()
    ctx = click.Context(main, info_name="zonula")
    commands = {c.name: c for c in command_tree(main, ctx)}
    paths = command_paths()
    assert len(paths) > 50
    for path in paths:
        result = run("--lang", "zh", *path, "--help")
        assert result.exit_code == 0, (path, result.output)
        out = flat(result.output)
        assert "Show this message" not in out and "Usage:" not in out, path
        command = commands[path[-1]] if path else main
        texts = [command.help, command.short_help, command.get_short_help_str(SUMMARY_LIMIT),
                 *(getattr(p, "help", None) for p in command.params)]
        for msgid in filter(None, map(help_msgid, texts)):
            assert catalog.get(msgid), f"untranslated help of {' '.join(path)}: {msgid!r}"
            assert flat(msgid) not in out, (path, msgid)


def test_every_help_text_and_click_message_is_in_the_chinese_catalog() -> None:
    catalog = zh_catalog()
    msgids = set(help_msgids(main)) | set(CLICK_EXTRA_MSGIDS)
    for path in click_message_files():
        with path.open("rb") as fh:
            msgids.update(m if isinstance(m, str) else m[0] for _line, m, _c, _ctx in extract("python", fh))
    assert len(msgids) > 150
    assert sorted(m for m in msgids if not catalog.get(m)) == []


@pytest.mark.usefixtures("cli_env")
def test_a_bad_option_gives_a_chinese_usage_error_without_a_traceback() -> None:
    result = run("--lang", "zh", "log", "stool", "--bogus")
    assert result.exit_code == 2
    assert "错误：没有选项 '--bogus'。" in result.output
    assert "运行 'zonula log stool --help' 查看帮助。" in result.output
    assert "Traceback" not in result.output and "Error" not in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.usefixtures("cli_env")
def test_root_usage_errors_follow_the_language_given_after_them() -> None:
    result = run("--bogus", "--lang", "zh")
    assert result.exit_code == 2
    assert "没有选项" in result.output
    missing = run("--lang", "zh", "log", "stool")
    assert missing.exit_code == 2 and "缺少参数 'BRISTOL'" in missing.output


@pytest.mark.parametrize(("args", "expected"), [
    (["--lang", "zh", "--help"], "zh"),
    (["--lang=en", "log"], "en"),
    (["--user", "--lang", "log"], None),
    (["log", "--lang", "zh"], None),
    (["--lang"], None),
    ([], None),
])
def test_the_root_language_is_read_before_the_subcommand_only(args: list[str], expected: str | None) -> None:
    assert language_in_args(args) == expected


@given(st.lists(st.text(alphabet="abc-_=", max_size=6).filter(lambda a: "--lang" not in a), max_size=6))
def test_arguments_without_lang_never_name_a_language(args: list[str]) -> None:
    assert language_in_args(args) is None


@given(st.text(alphabet="记录一条餐食症状，。（）[]abc DEF-_ 0123", max_size=120), st.integers(10, 40))
def test_wrapped_lines_fit_the_width_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap_wide(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        # Only closing punctuation kept off a line start, or one over-long word or bracketed note, may overflow.
        core = line.rstrip("，。、；：！？）》」』").rstrip()
        units = re.findall(r"\[[^\[\]\s]{1,24}\]|[\x21-\x7e]+|\S", core)
        assert display_width(core) <= width or len(units) == 1, line


def test_a_bracketed_default_is_never_split() -> None:
    lines = wrap_wide("维持期内两次复测提醒之间的月数（3-6）。 [默认：3]", 44)
    assert lines == ["维持期内两次复测提醒之间的月数（3-6）。", "[默认：3]"]


def test_a_long_chinese_short_help_is_cut_at_a_clause_within_the_limit() -> None:
    text = "进行评估：先查警示信号，再算症状评分、匹配可能的原因，并给出分级计划。更多说明。"
    cut = short_help(text, 40)
    assert display_width(cut) <= 40
    assert cut.endswith("…") and cut.startswith("进行评估：先查警示信号")
    assert short_help("显示日记，最早的在前。其余。", 40) == "显示日记，最早的在前。"


def test_a_summary_alone_gives_a_chinese_command_list_entry() -> None:
    set_language("zh")
    stand_in = click.Command("import", help="Import FILE of FORMAT (see --list).")
    assert localised_short_help(stand_in, 60) == "导入 FORMAT 格式的 FILE（见 --list）。"
    set_language("en")
    assert localised_short_help(stand_in, 60) == "Import FILE of FORMAT (see --list)."


@pytest.mark.usefixtures("cli_env")
def test_version_follows_the_language() -> None:
    assert run("--version").output == f"zonula, version {__version__}\n"
    assert run("--lang", "zh", "--version").output == f"zonula，版本 {__version__}\n"
