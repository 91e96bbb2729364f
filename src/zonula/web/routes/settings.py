"""Settings: language, time zone, password, API tokens and clinician access."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from zonula.errors import NotFoundError, ValidationError
from zonula.i18n import _, normalise_language
from zonula.service.accounts import Accounts, User
from zonula.web.deps import AccountsDep, CurrentUser, Form, OwnDiary, RendererDep, RowId, SettingsDep, csrf_checked
from zonula.web.forms import field_errors, text

router = APIRouter(prefix="/settings", dependencies=[Depends(csrf_checked)])

COMMON_ZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Europe/London",
                "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "Australia/Sydney",
                "UTC")


def settings_context(accounts: Accounts, user: User, **extra: Any) -> dict[str, Any]:
    """Tokens, grants and preferences for the Settings page."""
    return {"tokens": accounts.tokens(user), "clinicians": accounts.clinicians_of(user), "zones": COMMON_ZONES,
            "new_token": None, "section": None, **extra}


@router.get("")
def settings_page(request: Request, user: CurrentUser, accounts: AccountsDep, render: RendererDep) -> Response:
    """The Settings page."""
    return render.page(request, "settings/index.html", settings_context(accounts, user))


@router.post("/preferences")
def save_preferences(request: Request, diary: OwnDiary, accounts: AccountsDep, render: RendererDep,
                     form: Form) -> Response:
    """Store language and time zone."""
    try:
        diary.set_preferences(language=normalise_language(text(form, "language")) or "en",
                              timezone=text(form, "timezone") or None)
    except ValidationError as err:
        return render.page(request, "settings/index.html", settings_context(
            accounts, diary.user, errors=field_errors(err), form={"timezone": text(form, "timezone")},
            section="preferences"), status_code=422)
    return RedirectResponse("/settings?saved=preferences", status_code=303)


@router.post("/password")
def change_password(request: Request, user: CurrentUser, accounts: AccountsDep, render: RendererDep,
                    form: Form, settings: SettingsDep) -> Response:
    """Change the password (multi-user mode)."""
    errors: dict[str, str] = {}
    new = str(form.get("new_password") or "")
    if new != str(form.get("new_password2") or ""):
        errors["new_password2"] = _("the two passwords differ")
    try:
        if errors:
            raise ValidationError([])
        accounts.change_password(user, str(form.get("current_password") or ""), new)
    except ValidationError as err:
        return render.page(request, "settings/index.html", settings_context(
            accounts, user, errors={**field_errors(err), **errors}, section="password"), status_code=422)
    return RedirectResponse("/settings?saved=password", status_code=303)


@router.post("/tokens")
def create_token(request: Request, user: CurrentUser, accounts: AccountsDep, render: RendererDep,
                 form: Form) -> Response:
    """Create an API token and show it once."""
    try:
        secret, _token = accounts.create_token(user, text(form, "name"))
    except ValidationError as err:
        return render.page(request, "settings/index.html", settings_context(
            accounts, user, errors=field_errors(err), section="tokens"), status_code=422)
    return render.page(request, "settings/index.html", settings_context(accounts, user, new_token=secret))


@router.post("/tokens/{token_id}/revoke")
def revoke_token(token_id: RowId, user: CurrentUser, accounts: AccountsDep) -> Response:
    """Revoke an API token at once."""
    accounts.revoke_token(user, token_id)
    return RedirectResponse("/settings?saved=tokens", status_code=303)


@router.post("/grants")
def grant(request: Request, user: CurrentUser, accounts: AccountsDep, render: RendererDep, form: Form) -> Response:
    """Give a clinician read-only access by their username."""
    try:
        accounts.grant(user, text(form, "clinician"))
    except ValidationError as err:
        return render.page(request, "settings/index.html", settings_context(
            accounts, user, errors=field_errors(err), form={"clinician": text(form, "clinician")},
            section="grants"), status_code=422)
    return RedirectResponse("/settings?saved=grants#grants", status_code=303)


@router.post("/grants/{username}/revoke")
def revoke(username: str, user: CurrentUser, accounts: AccountsDep) -> Response:
    """Withdraw a clinician's access at once."""
    with suppress(NotFoundError):  # already gone: the page shows the current list either way
        accounts.revoke(user, username)
    return RedirectResponse("/settings?saved=grants#grants", status_code=303)
