"""The LMTP server of `ecuapass-tui mail serve` (aiosmtpd, in a thread of its own).

One recipient per transaction (a second RCPT is answered 452, so the mail server delivers
it in a transaction of its own; LMTP owes one answer per recipient). Each message is decided
in a worker thread (the database waits must not stop the server's loop): 250 when it was
stored, 451 when the database could not take it or something unexpected happened (the mail
server keeps it and retries), 552 when it is larger than the limit (aiosmtpd refuses it
before it is stored, from the size given in the data).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP

from ecuapass_tui.crash_log import write_crash_log
from ecuapass_tui.services.mesa.mail_intake import Received, TryLater
from ecuapass_tui.services.mesa.mail_message import MAX_MESSAGE_BYTES

log = logging.getLogger(__name__)

# raw message, recipient, envelope sender -> what was done with it
Deliver = Callable[[bytes, str, str], Received]


class IntakeHandler:
    """aiosmtpd calls `handle_RCPT` and `handle_DATA` by name."""

    def __init__(self, deliver: Deliver) -> None:
        self.deliver = deliver

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, _rcpt_options: list[str]
    ) -> str:
        if envelope.rcpt_tos:
            return "452 4.5.3 One recipient per message, please send the others again"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = bytes(envelope.original_content or b"").replace(b"\r\n", b"\n")
        recipient = envelope.rcpt_tos[0] if envelope.rcpt_tos else ""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None, self._answer, raw, recipient, envelope.mail_from or ""
        )

    def _answer(self, raw: bytes, recipient: str, sender: str) -> str:
        try:
            received = self.deliver(raw, recipient, sender)
        except TryLater as busy:
            return f"451 4.3.0 The database cannot take the message now ({busy.fault})"
        except Exception as error:  # a bug must not lose the mail: it is retried
            write_crash_log(error, where="mail serve")
            return "451 4.3.0 Temporary failure, try again later"
        if received.outcome == "too_large":
            return "552 5.3.4 Message too big"
        return f"250 2.0.0 {received.outcome} {received.ticket_number}".rstrip()


class LmtpController(Controller):
    """aiosmtpd's threaded controller serving LMTP instead of SMTP."""

    def factory(self) -> LMTP:
        return LMTP(self.handler, **self.SMTP_kwargs)


def start_lmtp(deliver: Deliver, host: str, port: int) -> LmtpController:
    """Listen on host:port; `stop()` the result to end."""
    controller = LmtpController(
        IntakeHandler(deliver),
        hostname=host,
        port=port,
        data_size_limit=MAX_MESSAGE_BYTES,
        enable_SMTPUTF8=True,
        ident="ecuapass-tui mail intake",
    )
    controller.start()
    return controller
