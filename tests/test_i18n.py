"""Every user-visible string is translated into Simplified Chinese (STYLE rule 9)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

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
