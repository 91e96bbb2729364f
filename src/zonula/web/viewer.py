"""Who is asking and in which language: resolved once per request by an ASGI middleware.

Browser sessions live in a signed cookie holding a random key (the server keeps only its hash);
anonymous and local-mode visitors get a signed random id instead, from which their CSRF token is
derived. API clients send `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any

from itsdangerous import BadSignature, Signer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zonula.config import Settings
from zonula.i18n import normalise_language, set_language
from zonula.service.accounts import Accounts, User

SESSION_COOKIE = "zonula_session"
ANON_COOKIE = "zonula_anon"
LANG_COOKIE = "zonula_lang"
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


@dataclass(slots=True)
class Viewer:
    """The person behind a request (None when anonymous), their CSRF token and language."""

    user: User | None
    csrf: str
    language: str
    session_key: str | None = None
    bearer: str | None = None
    bearer_valid: bool = False
    set_cookies: list[str] = field(default_factory=list)


def accept_language(header: str) -> str | None:
    """The first of `en`/`zh` in an Accept-Language header, by quality."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        code, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        lang = normalise_language(code)
        if lang and quality > 0:
            ranked.append((-quality, index, lang))
    return sorted(ranked)[0][2] if ranked else None


@dataclass(frozen=True, slots=True)
class CookiePolicy:
    """How cookies are issued: signed with the secret key, Secure unless served on loopback."""

    secret: str
    secure: bool | None = None  # None: Secure unless the request's host is a loopback name

    def signer(self, purpose: str) -> Signer:
        """A signer for one purpose (session, anonymous id)."""
        return Signer(self.secret, salt=f"zonula-{purpose}")

    def is_secure(self, request: Request) -> bool:
        """Whether to mark cookies Secure for this request."""
        if self.secure is not None:
            return self.secure
        return (request.url.hostname or "") not in LOOPBACK

    def header(self, request: Request, name: str, value: str, *, max_age: int | None = None,
               http_only: bool = True) -> str:
        """A Set-Cookie header value (SameSite=Lax, path /, HttpOnly, Secure off loopback)."""
        parts = [f"{name}={value}", "Path=/", "SameSite=Lax"]
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        if http_only:
            parts.append("HttpOnly")
        if self.is_secure(request):
            parts.append("Secure")
        return "; ".join(parts)

    def unsign(self, purpose: str, value: str | None) -> str | None:
        """The payload of a signed cookie, or None when missing or tampered with."""
        if not value:
            return None
        try:
            return self.signer(purpose).unsign(value).decode()
        except BadSignature:
            return None

    def anon_csrf(self, anon_id: str) -> str:
        """The CSRF token of an anonymous visitor, derived from their signed id."""
        return hmac.new(self.secret.encode(), f"csrf:{anon_id}".encode(), hashlib.sha256).hexdigest()


class ViewerMiddleware:
    """Resolve the viewer and language of every non-static request; set the language context."""

    def __init__(self, app: ASGIApp, *, settings: Settings, accounts: Accounts, cookies: CookiePolicy) -> None:
        self.app = app
        self.settings = settings
        self.accounts = accounts
        self.cookies = cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Attach `scope["state"]["viewer"]`, then run the app, adding any new cookies."""
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        cached = self.from_cached_token(request)
        viewer = cached if cached is not None else await run_in_threadpool(self.resolve, request)
        set_language(viewer.language)
        scope.setdefault("state", {})["viewer"] = viewer

        async def send_with_cookies(message: Message) -> None:
            if message["type"] == "http.response.start" and viewer.set_cookies:
                headers = MutableHeaders(scope=message)
                for cookie in viewer.set_cookies:
                    headers.append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookies)

    def from_cached_token(self, request: Request) -> Viewer | None:
        """An API caller whose token was seen recently, resolved without leaving the event loop."""
        bearer, _valid = self._bearer(request)
        user = self.accounts.cached_token_user(bearer) if bearer else None
        if user is None:
            return None
        language = normalise_language(user.language) or accept_language(
            request.headers.get("accept-language", "")) or normalise_language(self.settings.language) or "en"
        return Viewer(user=user, csrf="", language=language, bearer=bearer, bearer_valid=True)

    def resolve(self, request: Request) -> Viewer:
        """Find the user (token, session or local person), the CSRF token and the language."""
        user: User | None = None
        csrf = ""
        session_key: str | None = None
        bearer, bearer_valid = self._bearer(request)
        new_cookies: list[str] = []
        if bearer is not None:
            user = self.accounts.user_of_token(bearer) if bearer else None
            bearer_valid = user is not None
        elif self.settings.mode == "multi":
            session_key = self.cookies.unsign("session", request.cookies.get(SESSION_COOKIE))
            live = self.accounts.session(session_key) if session_key else None
            if live is not None:
                user, csrf = live.user, live.csrf_token
            else:
                session_key = None
        else:
            user = self.accounts.local_user(self.settings.user, timezone=self.settings.timezone)
        if not csrf and bearer is None and not request.url.path.startswith("/api/"):
            anon = self.cookies.unsign("anon", request.cookies.get(ANON_COOKIE))
            if anon is None:
                anon = secrets.token_urlsafe(24)
                signed = self.cookies.signer("anon").sign(anon).decode()
                new_cookies.append(self.cookies.header(request, ANON_COOKIE, signed))
            csrf = self.cookies.anon_csrf(anon)
        language = (
            normalise_language(user.language if user else None)
            or normalise_language(request.cookies.get(LANG_COOKIE))
            or accept_language(request.headers.get("accept-language", ""))
            or normalise_language(self.settings.language)
            or "en"
        )
        return Viewer(user=user, csrf=csrf, language=language, session_key=session_key, bearer=bearer,
                      bearer_valid=bearer_valid, set_cookies=new_cookies)

    @staticmethod
    def _bearer(request: Request) -> tuple[str | None, bool]:
        header = request.headers.get("authorization", "")
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() == "bearer":
            return token.strip(), False
        return None, False


def viewer_of(request: Request) -> Viewer:
    """The viewer the middleware attached to this request."""
    found: Any = request.scope.get("state", {}).get("viewer")
    assert isinstance(found, Viewer)
    return found
