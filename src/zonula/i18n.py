"""Gettext for every user-visible string: English and Simplified Chinese from one Babel catalog.

The language is held in a context variable, so the CLI sets it once per run and the web per
request. Catalogs are read from the compiled `.mo` files when present and fresh, else compiled
from the `.po` files that live in git (with Babel, imported only then) and the `.mo` saved beside
them when the folder is writable, so the next start reads it directly.
"""

from __future__ import annotations

import gettext as _gettext
import io
import locale
import os
from contextvars import ContextVar
from functools import cache
from pathlib import Path

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
LANGUAGES: dict[str, str] = {"en": "en", "zh": "zh_Hans"}
DEFAULT_LANGUAGE = "en"

_current: ContextVar[str] = ContextVar("zonula_language", default=DEFAULT_LANGUAGE)


def normalise_language(code: str | None) -> str | None:
    """Map `zh`, `zh-CN`, `zh_Hans`, `en-GB`... to `zh` or `en`; None when neither."""
    if not code:
        return None
    low = code.strip().lower().replace("_", "-")
    if low.startswith("zh"):
        return "zh"
    if low.startswith("en"):
        return "en"
    return None


def language_from_environment() -> str:
    """The language implied by ZONULA_LANG or the process locale, English when unknown."""
    for var in ("ZONULA_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        found = normalise_language(os.environ.get(var))
        if found:
            return found
    try:
        found = normalise_language(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or DEFAULT_LANGUAGE


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalog for `en` or `zh` (cached)."""
    folder = LANGUAGES.get(lang)
    if folder is None:
        return _gettext.NullTranslations()
    base = TRANSLATIONS_DIR / folder / "LC_MESSAGES"
    po, mo = base / "messages.po", base / "messages.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        try:
            with mo.open("rb") as fh:
                return _gettext.GNUTranslations(fh)
        except OSError:  # unreadable (permissions) or damaged: compile the .po instead
            pass
    if not po.exists():
        return _gettext.NullTranslations()
    compiled = _compile(po, folder)
    _save_quietly(compiled, mo)
    return _gettext.GNUTranslations(io.BytesIO(compiled))


def _compile(po: Path, folder: str) -> bytes:
    """The `.mo` bytes of a `.po` catalog."""
    from babel.messages.mofile import write_mo  # Babel is slow to import; needed only when compiling
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=folder)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def _save_quietly(data: bytes, target: Path) -> None:
    """Write a compiled catalog atomically beside its `.po`; skip silently where the folder is read-only."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".messages-", suffix=".mo")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # readable by everyone, like the .po (mkstemp makes it private)
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def set_language(lang: str) -> None:
    """Use `lang` (`en` or `zh`) for the rest of this context."""
    _current.set(normalise_language(lang) or DEFAULT_LANGUAGE)


def current_language() -> str:
    """The language in force: `en` or `zh`."""
    return _current.get()


def gettext(message: str) -> str:
    """Translate `message` into the current language."""
    return translations(_current.get()).gettext(message)


def pgettext(context: str, message: str) -> str:
    """Translate `message` in a context, for words whose translation depends on it (a FODMAP level's
    "high" is 高, a portion's 大量)."""
    return translations(_current.get()).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a plural form."""
    return translations(_current.get()).ngettext(singular, plural, n)


def pick(en: str, zh: str) -> str:
    """Choose between two texts of bilingual *data* (not UI strings) by the current language."""
    return zh if _current.get() == "zh" and zh else en


_ = gettext
