"""Code run in child processes by test_ticket_concurrency (imported by name, so that the
"spawn" start method finds it)."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from multiprocessing.synchronize import Event

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import ticket_store, tickets
from ecuapass_tui.store.engine import Database

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048


def values() -> dict[str, object]:
    return {
        "nombres": "CARLOS MORENO",
        "tipo_persona": "juridica_privada",
        "documento": {"type": "cedula", "number": "1712345675"},
        "correo": "cmoreno@andina.example",
        "telefono": "0991234567",
        "forma_opcion": "menu",
        "opcion_sistema": "2.6",
        "fecha_evento": "24/11/2026 09:15",
        "distrito": "028",
        "descripcion": "Al consultar el catálogo de distritos aparece el mensaje «Error 500» "
        "y la pantalla queda en blanco; ocurrió tres veces seguidas.",
    }


def open_many(url: str, actor: Actor, count: int, start: Event) -> None:
    db = Database(url)
    try:
        if not start.wait(30):
            raise TimeoutError("the other workers never started")
        for _ in range(count):
            with db.write() as session:
                tickets.open_ticket(
                    session,
                    actor,
                    "incidente",
                    values(),
                    {"capturas": [Attachment("captura.png", PNG)]},
                    now=NOW,
                )
    finally:
        db.dispose()


def open_and_hang(url: str, actor: Actor, stored: Event) -> None:
    """Open a ticket but stop for good after its files are written, before the commit:
    the parent kills this process with SIGKILL there."""
    real = ticket_store.store_files

    def store_then_hang(*args: object, **kwargs: object) -> int:
        real(*args, **kwargs)  # type: ignore[arg-type]
        args[0].flush()  # type: ignore[attr-defined]
        stored.set()
        time.sleep(60)
        os._exit(3)

    tickets.ts.store_files = store_then_hang  # type: ignore[assignment]
    db = Database(url)
    with db.write() as session:
        tickets.open_ticket(
            session,
            actor,
            "incidente",
            values(),
            {"capturas": [Attachment("captura.png", PNG)]},
            now=NOW,
        )
