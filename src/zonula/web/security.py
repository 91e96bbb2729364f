"""Security middleware: strict response headers on every response, and a Host check against DNS rebinding."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
COMMON_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)
HSTS = (b"strict-transport-security", b"max-age=63072000; includeSubDomains")
NO_STORE = (b"cache-control", b"no-store")


def host_name(scope: Scope) -> str:
    """The request's host name, without the port (IPv6 brackets removed)."""
    host = Headers(scope=scope).get("host", "")
    if host.startswith("["):
        return host[1:].split("]", 1)[0].lower()
    return host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()


class SecurityHeaders:
    """Add CSP (no inline code), anti-framing, nosniff, referrer and HSTS (off loopback) headers to every response.

    Pages and API answers are also marked `no-store`: health data must not linger in shared caches.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass through, adding the headers when the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = list(COMMON_HEADERS)
        if host_name(scope) not in LOOPBACK_HOSTS:
            extra.append(HSTS)
        if not scope["path"].startswith("/static/"):
            extra.append(NO_STORE)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {extra_name for extra_name, _v in extra}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = [*kept, *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostGuard:
    """Refuse requests for a Host not in `allowed` (when given): a DNS-rebinding page cannot reach local mode."""

    def __init__(self, app: ASGIApp, *, allowed: Collection[str]) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 400 to an unexpected Host, else pass through."""
        if scope["type"] != "http" or not self.allowed or host_name(scope) in self.allowed:
            await self.app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), *COMMON_HEADERS]})
        await send({"type": "http.response.body", "body": b"Invalid Host header"})


class OriginCheck:
    """Refuse unsafe requests whose Origin names another site (OWASP's origin verification, on top of CSRF tokens).

    Browsers send Origin with every cross-site POST/PUT/PATCH/DELETE; a request without one (a script,
    curl) is left to the token checks.
    """

    UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 403 to a cross-site unsafe request, else pass through."""
        if scope["type"] != "http" or scope["method"] not in self.UNSAFE:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None or urlsplit(origin).netloc.lower() == headers.get("host", "").lower():
            await self.app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), *COMMON_HEADERS]})
        await send({"type": "http.response.body", "body": b"Cross-site request refused"})


def allowed_hosts(mode: str, configured: Collection[str]) -> frozenset[str]:
    """The hosts to serve: the configured list, else loopback names in local mode, else any (empty)."""
    if configured:
        return frozenset(configured)
    return LOOPBACK_HOSTS if mode == "local" else frozenset()
