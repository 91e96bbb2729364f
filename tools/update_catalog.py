"""Rebuild the gettext catalogs: extract every msgid, then fill Chinese from the catalog and i18n/*.po.

Each area keeps its Chinese translations in `i18n/<area>.zh.po` (small files that merge without
conflicts); this tool extracts the messages from the source, takes each translation from the
current catalog or from those files, and writes `translations/zh_Hans/LC_MESSAGES/messages.po`
(and an English catalog that maps every message to itself). Run: `python tools/update_catalog.py`.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "zonula"
TRANSLATIONS = SRC / "translations"
# Fixed header dates keep the generated files stable, so branches merge without header conflicts.
STAMP = datetime(2026, 1, 1)


def extract() -> Catalog:
    """Every message in the Python sources and the Jinja templates."""
    catalog = Catalog(project="zonula", creation_date=STAMP, revision_date=STAMP)
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    for filename, lineno, message, comments, context in extract_from_dir(
            str(SRC), method_map=method_map, options_map=options):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def known_translations() -> dict[object, object]:
    """msgid -> Chinese msgstr from the current catalog and every i18n/*.po fragment."""
    found: dict[object, object] = {}
    sources = [TRANSLATIONS / "zh_Hans" / "LC_MESSAGES" / "messages.po", *sorted((ROOT / "i18n").glob("*.po"))]
    for path in sources:
        if not path.exists():
            continue
        with path.open("rb") as fh:
            for message in read_po(fh):
                if message.id and message.string and not message.fuzzy:
                    found.setdefault(message.id, message.string)
    return found


def main() -> int:
    """Write both catalogs; print and fail on untranslated messages."""
    template = extract()
    known = known_translations()
    zh = Catalog(locale="zh_Hans", project="zonula", creation_date=STAMP, revision_date=STAMP)
    en = Catalog(locale="en", project="zonula", creation_date=STAMP, revision_date=STAMP)
    missing = []
    for message in template:
        if not message.id:
            continue
        string = known.get(message.id)
        if string is None:
            missing.append(message.id)
        zh.add(message.id, string or None, locations=(), context=message.context)
        en.add(message.id, message.id, locations=(), context=message.context)
    for lang, catalog in (("zh_Hans", zh), ("en", en)):
        target = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as fh:
            write_po(fh, catalog, omit_header=False, sort_output=True, width=0)
    with (TRANSLATIONS / "messages.pot").open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True, width=0, no_location=True)
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
