"""`ecuapass-tui serve`: the app in a web browser, through textual-serve.

Each browser tab that connects starts one run of the same program (same database settings,
same login) under the account that runs `serve`. The server listens on loopback unless told
otherwise: it speaks plain HTTP and belongs behind a TLS reverse proxy (docs/deploy-web.md),
which reaches it on 127.0.0.1 and is the only thing the network sees.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import shlex
import sys
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from ecuapass_tui.cli_errors import UserError
from ecuapass_tui.config import Settings
from ecuapass_tui.i18n import _

HELP = "abrir la aplicación en un navegador (servidor web local)"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TITLE = "ECUAPASS"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="dirección donde escuchar (127.0.0.1 por omisión)"
    )
    parser.add_argument("--port", default=str(DEFAULT_PORT), help="puerto (8000 por omisión)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="dirección que ven los navegadores, detrás de un proxy (https://servidor/...)",
    )


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def port_number(value: str) -> int:
    text = value.strip()
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise UserError(_("--port: {valor!r} no es un puerto (1 a 65535).").format(valor=value))
    return int(text)


def public_url(value: str | None, host: str, port: int) -> str:
    """Where the browsers find the page: the proxy's URL, or this server's own."""
    if value is None:
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}"
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise UserError(
            _("--public-url: {valor!r} no es una dirección http:// o https://.").format(valor=value)
        )
    return value.strip().rstrip("/")


def app_command(args: argparse.Namespace) -> tuple[str, dict[str, str]]:
    """The shell command textual-serve runs for each browser, and the variables it adds.
    A --db URL goes in the environment, never on a command line other users can list."""
    argv = [sys.executable, "-m", "ecuapass_tui"]
    if args.demo:
        argv.append("--demo")
    if args.lang:
        argv += ["--lang", args.lang]
    if args.today:
        argv += ["--today", args.today]
    env = {"ECUAPASS_DATABASE_URL": args.db} if args.db is not None else {}
    return shlex.join(argv), env


class EcuapassServer(Server):
    """textual-serve; when it stops, each browser's run of the app is told to quit and
    awaited (none is left behind)."""

    def __init__(self, command: str, **options: Any) -> None:
        super().__init__(command, **options)
        self.sessions: set[asyncio.Task[Any]] = set()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        for task in self.sessions:
            task.cancel()
        await asyncio.gather(*self.sessions, return_exceptions=True)

    async def on_startup(self, app: web.Application) -> None:
        print(
            _("Sirviendo ecuapass-tui en {url} (Ctrl+C para terminar)").format(url=self.public_url),
            file=sys.stderr,
            flush=True,
        )


class OneLine(logging.Formatter):
    """A log line without a traceback: textual-serve's own handler prints local variables."""

    def format(self, record: logging.LogRecord) -> str:
        return f"ecuapass-tui serve: {record.getMessage()}"


def quiet_logging() -> None:
    """Set before textual-serve starts, so that its own setup (logging.basicConfig with a
    handler that prints tracebacks with local variables) finds the logger ready and does
    nothing."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine())
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def run(settings: Settings, args: argparse.Namespace) -> int:
    del settings  # the browser's runs read the same settings themselves
    host = args.host.strip()
    port = port_number(args.port)
    url = public_url(args.public_url, host, port)
    command, env = app_command(args)
    if not is_loopback(host):
        print(
            _(
                "Aviso: escuchando en {host}, fuera de esta máquina y sin cifrado. Ponga un "
                "proxy inverso con TLS delante (docs/deploy-web.md) y use 127.0.0.1."
            ).format(host=host),
            file=sys.stderr,
        )
    os.environ.update(env)
    quiet_logging()
    server = EcuapassServer(command, host=host, port=port, title=TITLE, public_url=url)
    try:
        server.serve()
    except OSError as exc:
        raise UserError(
            _("No se puede escuchar en {host}:{puerto}: {motivo}").format(
                host=host, puerto=port, motivo=exc.strerror or exc
            )
        ) from exc
    return 0
