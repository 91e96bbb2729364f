"""Deleting one's account and every row about it (Settings > Delete account)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from zonula.errors import ValidationError
from zonula.web.deps import AccountsDep, CurrentUser, Form, RendererDep, SettingsDep, ViewerDep, csrf_checked
from zonula.web.forms import field_errors, text
from zonula.web.routes.account import cookies_of
from zonula.web.routes.settings import settings_context
from zonula.web.viewer import SESSION_COOKIE

router = APIRouter(prefix="/settings", dependencies=[Depends(csrf_checked)])


@router.post("/delete-account")
def delete_account(request: Request, user: CurrentUser, accounts: AccountsDep, render: RendererDep,
                   viewer: ViewerDep, form: Form, settings: SettingsDep) -> Response:
    """Delete the account and all its data after the password (local mode: the username) is confirmed."""
    try:
        accounts.delete_account(user, password=str(form.get("password") or ""), confirm=text(form, "confirm"))
    except ValidationError as err:
        return render.page(request, "settings/index.html", settings_context(
            accounts, user, errors=field_errors(err), section="delete"), status_code=422)
    if viewer.session_key:
        accounts.sign_out(viewer.session_key)
    target = "/account/signin?deleted=1" if settings.mode == "multi" else "/?deleted=1"
    response = RedirectResponse(target, status_code=303)
    response.headers.append("set-cookie", cookies_of(request).header(request, SESSION_COOKIE, "", max_age=0))
    return response
