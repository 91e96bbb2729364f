"""The app factory: `create_app(settings)` wires the store, middleware, routers and error handlers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from zonula import __version__
from zonula.config import Settings
from zonula.service import load_engines
from zonula.service.accounts import Accounts, open_accounts
from zonula.web.api import account as api_account
from zonula.web.api import analysis as api_analysis
from zonula.web.api import assessments as api_assessments
from zonula.web.api import entries as api_entries
from zonula.web.api import foods as api_foods
from zonula.web.api import protocol as api_protocol
from zonula.web.errors import install_error_handlers
from zonula.web.routes import account, clinician, diary, erasure, insights, learn, log, transfer
from zonula.web.routes import settings as settings_pages
from zonula.web.security import HostGuard, OriginCheck, SecurityHeaders, allowed_hosts
from zonula.web.templating import Renderer, build_environment
from zonula.web.viewer import CookiePolicy, ViewerMiddleware

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

def create_app(settings: Settings, *, accounts: Accounts | None = None, secure_cookies: bool | None = None,
               check_secure: bool = True) -> FastAPI:
    """Build the web app over the store the settings name.

    Args:
        settings: The typed settings (mode, database, secret key, default language).
        accounts: An already opened accounts facade (tests pass one over a fixture store).
        secure_cookies: Force the Secure cookie flag on or off; by default it is set unless the
            request's host is a loopback name.
        check_secure: Refuse a multi-user app with a default secret (on unless a test says otherwise).
    """
    if check_secure:
        settings.check_secure()
    app = FastAPI(title="zonula", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/v1/openapi.json",
                  description="The zonula REST API: a gut-symptom diary. Authenticate with "
                              "`Authorization: Bearer <token>` (create one in Settings or with "
                              "`zonula token create`).")
    load_engines()  # the facade imports its engines on first use; a server takes that cost at start
    app.state.settings = settings
    app.state.accounts = accounts or open_accounts(settings)
    app.state.cookies = CookiePolicy(settings.secret_key, secure_cookies)
    app.state.renderer = Renderer(build_environment(), mode=settings.mode)
    # The API first: routes are matched in order, and API clients (phones logging) are the busy path.
    for api in (api_entries, api_account, api_assessments, api_protocol, api_analysis, api_foods):
        app.include_router(api.router)
    for module in (log, diary, insights, learn, transfer, settings_pages, erasure, clinician, account):
        app.include_router(module.router)
    app.include_router(account.language_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_error_handlers(app)
    app.add_middleware(ViewerMiddleware, settings=settings, accounts=app.state.accounts,
                       cookies=app.state.cookies)
    app.add_middleware(OriginCheck)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HostGuard, allowed=allowed_hosts(settings.mode, settings.allowed_hosts))
    return app
