"""Every user-visible string is translated into Simplified Chinese (STYLE rule 9)."""

from __future__ import annotations

import gettext
import importlib.util
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from zonula import i18n
from zonula.i18n import _, set_language

ROOT = Path(__file__).parent.parent
PO = ROOT / "src" / "zonula" / "translations" / "zh_Hans" / "LC_MESSAGES" / "messages.po"


def _source_msgids() -> set[str]:
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found: set[str] = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(ROOT / "src" / "zonula"), method_map=method_map, options_map=options):
        if isinstance(message, tuple):
            found.update(m for m in message if m)
        elif message:
            found.add(message)
    return found


def test_no_msgid_is_left_untranslated() -> None:
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    missing = sorted(
        msgid for msgid in _source_msgids()
        if msgid not in translated or not translated[msgid].string
        or (isinstance(translated[msgid].string, tuple) and not all(translated[msgid].string))
        or translated[msgid].fuzzy
    )
    assert missing == [], f"{len(missing)} untranslated: {missing[:20]}"


def test_chinese_is_served_when_asked() -> None:
    set_language("zh")
    try:
        assert _("meal") == "餐食"
    finally:
        set_language("en")
    assert _("meal") == "meal"


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private translations folder holding a copy of the Chinese `.po`, with the catalog cache cleared."""
    folder = tmp_path / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(PO, folder / "messages.po")
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n.translations.cache_clear()
    yield folder
    i18n.translations.cache_clear()


def test_a_compiled_catalog_is_saved_beside_the_po_and_read_next_time(catalogs: Path) -> None:
    assert i18n.translations("zh").gettext("meal") == "餐食"
    mo = catalogs / "messages.mo"
    assert mo.exists() and stat.S_IMODE(mo.stat().st_mode) == 0o644
    with mo.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("meal") == "餐食"
    i18n.translations.cache_clear()
    mo.write_bytes(mo.read_bytes())  # the saved catalog, newer than the .po, is what a new run reads
    assert i18n.translations("zh").gettext("meal") == "餐食"
    assert not list(catalogs.glob(".messages-*"))  # no temporary file left behind


def test_a_damaged_compiled_catalog_falls_back_to_the_po(catalogs: Path) -> None:
    (catalogs / "messages.mo").write_bytes(b"not a catalog")
    assert i18n.translations("zh").gettext("meal") == "餐食"
    with (catalogs / "messages.mo").open("rb") as fh:  # and it was replaced by a good one
        assert gettext.GNUTranslations(fh).gettext("meal") == "餐食"


def test_a_word_whose_translation_depends_on_its_use_is_read_in_its_context() -> None:
    set_language("zh")
    try:
        assert (i18n.pgettext("level", "high"), i18n.pgettext("portion", "high")) == ("高", "大量")
        assert (i18n.pgettext("level", "low"), i18n.pgettext("portion", "low")) == ("低", "少量")
    finally:
        set_language("en")
    assert i18n.pgettext("portion", "high") == "high"


def test_the_translation_fragments_do_not_contradict_each_other() -> None:
    spec = importlib.util.spec_from_file_location("update_catalog", ROOT / "tools" / "update_catalog.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    known, conflicts = tool.known_translations()
    assert conflicts == []
    assert known[("level", "high")] == "高" and known[(None, "meal")] == "餐食"
