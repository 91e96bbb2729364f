"""`zonula serve` (the web app) and `zonula token` (API tokens)."""

from __future__ import annotations

import click

from zonula.cli.common import console, state
from zonula.i18n import _

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--demo", is_flag=True,
              help="Serve a demo diary (a fresh store in a temporary folder, filled with eight weeks of entries).")
@click.option("--workers", type=click.IntRange(1, 8), default=1, show_default=True, help="Server processes.")
@click.option("--proxy", "proxy_ips", default=None, metavar="IPS",
              help="Trust X-Forwarded-For/-Proto from these reverse-proxy addresses (comma-separated, e.g. "
                   "127.0.0.1), so sign-in limits count real client addresses.")
def serve_cmd(host: str, port: int, demo: bool, workers: int, proxy_ips: str | None) -> None:
    """Start the web app (local mode: no sign-in, for the ZONULA_USER person; multi: accounts)."""
    import os
    import tempfile

    import uvicorn

    from zonula.config import load_settings
    from zonula.demo import demo_entries
    from zonula.service import open_diary

    settings = state().settings
    if demo:
        folder = tempfile.mkdtemp(prefix="zonula-demo-")
        os.environ.update({"ZONULA_DATA_DIR": folder, "ZONULA_DATABASE_URL": f"sqlite:///{folder}/demo.sqlite3",
                           "ZONULA_MODE": "local", "ZONULA_USER": "demo"})
        os.environ.setdefault("ZONULA_TIMEZONE", "Asia/Shanghai")
        settings = load_settings()
        diary = open_diary(settings)
        diary.add_many(demo_entries(days=56, seed=7, tz=diary.tz))
    if settings.mode == "local" and host not in LOOPBACK_HOSTS:
        raise click.UsageError(_("Local mode has no sign-in: serve it on 127.0.0.1 only, or set ZONULA_MODE=multi."))
    settings.check_secure()
    shown = f"[{host}]" if ":" in host else host
    console.print(_("zonula is running at {url} (press Ctrl+C to stop)").format(url=f"http://{shown}:{port}/"))
    uvicorn.run("zonula.web.asgi:app", host=host, port=port, workers=workers, log_level="warning",
                proxy_headers=bool(proxy_ips), forwarded_allow_ips=proxy_ips or None)


@click.group("token")
def token_group() -> None:
    """API tokens for the REST API (Authorization: Bearer <token>)."""


@token_group.command("create")
@click.option("--name", default="cli", show_default=True, help="A label to recognise the token by.")
def token_create(name: str) -> None:
    """Create a token for the current person and print it (shown only once)."""
    from zonula.service.accounts import Accounts

    diary = state().diary
    secret, token = Accounts(diary.db).create_token(diary.user, name)
    console.print(_("Token {name} created; it is shown only now:").format(name=token.name))
    console.print(secret, markup=False, soft_wrap=True)


@token_group.command("list")
def token_list() -> None:
    """List the current person's tokens (names and prefixes only)."""
    from zonula.service.accounts import Accounts

    diary = state().diary
    for token in Accounts(diary.db).tokens(diary.user):
        console.print(f"{token.id}\t{token.name}\t{token.prefix}…\t{token.created_at:%Y-%m-%d}", markup=False)


@token_group.command("revoke")
@click.argument("token_id", type=int)
def token_revoke(token_id: int) -> None:
    """Revoke one of the current person's tokens at once."""
    from zonula.service.accounts import Accounts

    diary = state().diary
    Accounts(diary.db).revoke_token(diary.user, token_id)
    console.print(_("Token {id} revoked.").format(id=token_id))
