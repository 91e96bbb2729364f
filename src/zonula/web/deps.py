"""Request dependencies as `Annotated` aliases: the user, their diary, CSRF checks, forms.

They do no I/O, so they are `async def`: FastAPI then runs them inline instead of handing each to
the thread pool.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Path, Request
from starlette.datastructures import FormData

from zonula.config import Settings
from zonula.errors import AuthenticationError, PermissionDeniedError
from zonula.i18n import _
from zonula.service import Diary
from zonula.service.accounts import Accounts, User
from zonula.web.templating import Renderer, renderer_of
from zonula.web.viewer import Viewer, viewer_of

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


async def accounts_of(request: Request) -> Accounts:
    """The app's accounts facade."""
    found = request.app.state.accounts
    assert isinstance(found, Accounts)
    return found


async def settings_of(request: Request) -> Settings:
    """The app's settings."""
    found = request.app.state.settings
    assert isinstance(found, Settings)
    return found


async def form_data(request: Request) -> FormData:
    """The submitted form (parsed once, cached on the request)."""
    return await request.form()


async def csrf_checked(request: Request) -> None:
    """Refuse an unsafe request whose CSRF token (form field or HTMX header) does not match."""
    if request.method not in UNSAFE:
        return
    viewer = viewer_of(request)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not viewer.csrf or not hmac.compare_digest(sent, viewer.csrf):
        raise PermissionDeniedError(_("This form has expired or did not come from zonula; "
                                      "reload the page and try again."))


async def page_user(request: Request) -> User:
    """The signed-in (or local) person; AuthenticationError sends others to the sign-in page."""
    user = viewer_of(request).user
    if user is None:
        raise AuthenticationError(_("Please sign in."))
    return user


async def api_user(request: Request) -> User:
    """The API caller: a Bearer token's owner, or the local person in local mode."""
    viewer = viewer_of(request)
    if viewer.bearer is not None:
        if not viewer.bearer_valid or viewer.user is None:
            raise AuthenticationError(_("The API token is not valid."))
        return viewer.user
    if (await settings_of(request)).mode == "local" and viewer.user is not None:
        return viewer.user
    raise AuthenticationError(_("An API token is required (Authorization: Bearer ...)."))


async def own_diary(request: Request, user: Annotated[User, Depends(page_user)]) -> Diary:
    """The person's own diary, for pages."""
    return (await accounts_of(request)).diary_of(user)


async def api_diary(request: Request) -> Diary:
    """The caller's own diary, for the API (calls `api_user` itself: one dependency to solve, not two)."""
    return (await accounts_of(request)).diary_of(await api_user(request))


async def clinician_user(user: Annotated[User, Depends(page_user)]) -> User:
    """A signed-in clinician; PermissionDeniedError for everyone else."""
    if user.role != "clinician":
        raise PermissionDeniedError(_("Only clinicians have a dashboard."))
    return user


async def current_viewer(request: Request) -> Viewer:
    """The viewer, as a dependency (inline, no thread)."""
    return viewer_of(request)


CurrentUser = Annotated[User, Depends(page_user)]
ApiUser = Annotated[User, Depends(api_user)]
Clinician = Annotated[User, Depends(clinician_user)]
OwnDiary = Annotated[Diary, Depends(own_diary)]
ApiDiary = Annotated[Diary, Depends(api_diary)]
AccountsDep = Annotated[Accounts, Depends(accounts_of)]
SettingsDep = Annotated[Settings, Depends(settings_of)]
RendererDep = Annotated[Renderer, Depends(renderer_of)]
ViewerDep = Annotated[Viewer, Depends(current_viewer)]
Form = Annotated[FormData, Depends(form_data)]
# A row id in a path: 64-bit and positive, so a huge number is a 422, not a driver overflow.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]
