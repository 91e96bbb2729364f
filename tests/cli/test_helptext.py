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
    CLICK_METAVAR_WORDS,
    SUMMARY_LIMIT,
    click_message_files,
    command_tree,
    display_width,
    help_msgid,
    help_msgids,
    language_in_args,
    localised_short_help,
    metavar_words,
    param_metavar,
    short_help,
    translate_metavar,
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
    assert "用法： zonula log meal [选项] 文本" in out
    assert "像平时说话那样记录一餐" in out
    assert "--note 文本 自由文本备注。" in out
    assert "--at 时间 发生时间：" in out
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
    msgids = set(help_msgids(main)) | set(CLICK_EXTRA_MSGIDS) | set(CLICK_METAVAR_WORDS)
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
    assert localised_short_help(stand_in, 60) == "导入所给格式的文件（见 --list）。"
    set_language("en")
    assert localised_short_help(stand_in, 60) == "Import FILE of FORMAT (see --list)."


@pytest.mark.usefixtures("cli_env")
def test_version_follows_the_language() -> None:
    assert run("--version").output == f"zonula, version {__version__}\n"
    assert run("--lang", "zh", "--version").output == f"zonula，版本 {__version__}\n"


def command_contexts() -> dict[tuple[str, ...], click.Context]:
    """A plain click context (click's own English rendering) for every command path under `zonula`."""
    found: dict[tuple[str, ...], click.Context] = {}

    def walk(command: click.Command, path: tuple[str, ...], parent: click.Context | None) -> None:
        ctx = click.Context(command, info_name=path[-1] if path else "zonula", parent=parent,
                            **command.context_settings)
        found[path] = ctx
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk(sub, (*path, name), ctx)

    walk(main, (), None)
    return found


def english_placeholders(ctx: click.Context) -> set[str]:
    """The placeholder words click shows in `ctx`'s English help: usage pieces and metavars."""
    command = ctx.command
    pieces = [command.options_metavar, getattr(command, "subcommand_metavar", None)]
    pieces += [param_metavar(p, ctx) for p in command.get_params(ctx)]
    return {word for piece in pieces for word in metavar_words(piece)}


@pytest.mark.usefixtures("cli_env")
def test_every_command_s_chinese_help_shows_its_placeholders_in_chinese() -> None:
    contexts = command_contexts()
    assert len(contexts) > 50
    seen: set[str] = set()
    for path, ctx in contexts.items():
        out = run("--lang", "zh", *path, "--help").output
        words = english_placeholders(ctx)
        seen |= words
        usage = out.split("\n\n")[0]
        options = [line.split()[:2] for line in out.splitlines() if line.startswith("  -")]
        shown = set(re.findall(r"\b[A-Z][A-Z0-9_]*\b", usage))
        shown |= {word for row in options for word in re.findall(r"\b[A-Z][A-Z0-9_]*\b", " ".join(row))}
        assert shown == set(), (path, shown)
        # Nor does the help text name a placeholder in English (one-letter ones aside: "grades A, C").
        assert {w for w in words if len(w) > 1 and re.search(rf"\b{w}\b", out)} == set(), path
    assert {"OPTIONS", "COMMAND", "ARGS", "INTEGER", "TEXT", "FLOAT", "DATE", "KEY", "KEYS", "GROUPS"} <= seen


@pytest.mark.usefixtures("cli_env")
def test_english_help_of_every_command_is_click_s_own_rendering_even_after_chinese() -> None:
    contexts = command_contexts()
    # Rendered by click's own Context before any Chinese run: a translation left behind would show.
    with CliRunner().isolation():  # the terminal width a CliRunner run has
        expected = {path: ctx.get_help() + "\n" for path, ctx in contexts.items()}
    for path in contexts:
        run("--lang", "zh", *path, "--help")
        result = run("--lang", "en", *path, "--help")
        assert result.exit_code == 0, path
        assert result.output == expected[path], path


@pytest.mark.usefixtures("cli_env")
def test_analyze_help_in_chinese_names_its_placeholders_in_chinese() -> None:
    out = flat(run("--lang", "zh", "analyze", "--help").output)
    assert "用法： zonula analyze [选项]" in out
    assert "--symptom 键 " in out and "--from 日期 " in out and "--suspected 键列表 " in out
    assert "--format [table|json] " in out
    root = flat(run("--lang", "zh", "--help").output)
    assert "用法： zonula [选项] 命令 [参数]..." in root and "--user 名字 " in root
    demo = flat(run("--lang", "zh", "demo", "--help").output)
    assert "--days 整数 " in demo and "--seed 整数 " in demo


def test_a_metavar_keeps_its_brackets_and_separators_and_english_is_untouched() -> None:
    set_language("zh")
    assert translate_metavar("[OPTIONS]") == "[选项]"
    assert translate_metavar("COMMAND [ARGS]...") == "命令 [参数]..."
    assert translate_metavar("GROUP:LEVEL,...") == "组:等级,..."
    assert translate_metavar("INTEGER RANGE") == "整数"
    assert translate_metavar("[table|json]") == "[table|json]"
    set_language("en")
    for metavar in ("[OPTIONS]", "COMMAND [ARGS]...", "GROUP:LEVEL,...", "INTEGER RANGE"):
        assert translate_metavar(metavar) == metavar


def test_choices_and_flags_have_no_placeholder_to_translate() -> None:
    command = click.Command("x", params=[
        click.Option(["--format"], type=click.Choice(["table", "json"])),
        click.Option(["--replace"], is_flag=True),
        click.Option(["--days"], type=click.IntRange(1, 9)),
        click.Argument(["path"], type=click.Path(), required=False),
    ])
    ctx = click.Context(command)
    assert [param_metavar(p, ctx) for p in command.params] == [None, None, "INTEGER RANGE", "[PATH]"]
