"""Sign-up, sign-in (rotating the session), sign-out, and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from zonula.errors import AuthenticationError, ConflictError, RateLimitedError, ValidationError
from zonula.i18n import _, normalise_language
from zonula.web.deps import AccountsDep, Form, RendererDep, SettingsDep, ViewerDep, csrf_checked
from zonula.web.forms import field_errors, text
from zonula.web.viewer import LANG_COOKIE, SESSION_COOKIE, CookiePolicy

router = APIRouter(prefix="/account", dependencies=[Depends(csrf_checked)])
language_router = APIRouter(dependencies=[Depends(csrf_checked)])
SESSION_MAX_AGE = 14 * 24 * 3600


def safe_next(target: str | None) -> str:
    """A local path to go back to (never another site)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    # Browsers read "/\\host" as "//host": backslashes and control characters are refused too.
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target \
            or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return "/"
    return target


def cookies_of(request: Request) -> CookiePolicy:
    """The app's cookie policy."""
    found = request.app.state.cookies
    assert isinstance(found, CookiePolicy)
    return found


def client_ip(request: Request) -> str:
    """The caller's address (for rate limiting)."""
    return request.client.host if request.client else "unknown"


@router.get("/signin")
def signin_page(request: Request, render: RendererDep, settings: SettingsDep) -> Response:
    """The sign-in form (local mode needs none)."""
    if settings.mode == "local":
        return RedirectResponse("/", status_code=303)
    return render.page(request, "account/signin.html", {"next": safe_next(request.query_params.get("next"))})


@router.post("/signin")
def signin(request: Request, render: RendererDep, accounts: AccountsDep, viewer: ViewerDep, form: Form,
           settings: SettingsDep) -> Response:
    """Check the password, open a fresh session (the old one is ended) and go on."""
    if settings.mode == "local":
        return RedirectResponse("/", status_code=303)
    target = safe_next(text(form, "next"))
    try:
        signed = accounts.sign_in(text(form, "username"), str(form.get("password") or ""), ip=client_ip(request))
    except (AuthenticationError, RateLimitedError) as err:
        status = 429 if isinstance(err, RateLimitedError) else 401
        return render.page(request, "account/signin.html",
                           {"next": target, "message": str(err), "form": {"username": text(form, "username")}},
                           status_code=status)
    if viewer.session_key:
        accounts.sign_out(viewer.session_key)
    policy = cookies_of(request)
    response = RedirectResponse(target, status_code=303)
    value = policy.signer("session").sign(signed.key).decode()
    response.headers.append("set-cookie", policy.header(request, SESSION_COOKIE, value, max_age=SESSION_MAX_AGE))
    return response


@router.get("/signup")
def signup_page(request: Request, render: RendererDep, settings: SettingsDep) -> Response:
    """The sign-up form."""
    if settings.mode == "local":
        return RedirectResponse("/", status_code=303)
    return render.page(request, "account/signup.html", {"form": {"role": "person"}})


@router.post("/signup")
def signup(request: Request, render: RendererDep, accounts: AccountsDep, viewer: ViewerDep, form: Form,
           settings: SettingsDep) -> Response:
    """Create an account, then sign in."""
    if settings.mode == "local":
        return RedirectResponse("/", status_code=303)
    values = {k: v for k, v in form.items() if isinstance(v, str) and "password" not in k}
    password = str(form.get("password") or "")
    errors: dict[str, str] = {}
    if password != str(form.get("password2") or ""):
        errors["password2"] = _("the two passwords differ")
    try:
        if errors:
            raise ValidationError([])
        accounts.sign_up(text(form, "username"), password, role=text(form, "role") or "person",
                         display_name=text(form, "display_name"), language=viewer.language,
                         timezone=text(form, "timezone") or None)
    except ValidationError as err:
        return render.page(request, "account/signup.html", {"form": values, "errors": {**field_errors(err), **errors}},
                           status_code=422)
    except ConflictError as err:
        return render.page(request, "account/signup.html", {"form": values, "errors": {"username": str(err)}},
                           status_code=409)
    return signin(request, render, accounts, viewer, form, settings)


@router.post("/signout")
def signout(request: Request, accounts: AccountsDep, viewer: ViewerDep) -> Response:
    """End this session at once."""
    if viewer.session_key:
        accounts.sign_out(viewer.session_key)
    response = RedirectResponse("/account/signin", status_code=303)
    response.headers.append("set-cookie", cookies_of(request).header(request, SESSION_COOKIE, "", max_age=0))
    return response


@language_router.post("/language")
def switch_language(request: Request, accounts: AccountsDep, viewer: ViewerDep, form: Form) -> Response:
    """Switch between English and Chinese: stored on the user, and in a cookie for anonymous pages."""
    lang = normalise_language(text(form, "lang")) or "en"
    if viewer.user is not None:
        accounts.diary_of(viewer.user).set_preferences(language=lang)
    response = RedirectResponse(safe_next(text(form, "next")), status_code=303)
    response.headers.append("set-cookie", cookies_of(request).header(
        request, LANG_COOKIE, lang, max_age=365 * 24 * 3600, http_only=False))
    return response
