"""The one path of every worker's failure (the App sends each one here).

A worker that raises never ends the app. The error becomes one text in the user's
language: a service's refusal its text, a fault of the database or the disk what happened and
what to do, anything else (a bug) one line naming the log file its traceback went to, without
local variables. The text goes to the screen that started the worker: its busy flags are
cleared so the same action can be tried again, and its `show_failure` shows the text where
the screen shows its errors (a notification otherwise). Nothing typed is touched.
"""

from __future__ import annotations

import contextlib
import errno
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.store.faults import database_fault
from ecuapass_tui.texts import error_text, fault_text, text, unexpected_text

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.worker import Worker

# A screen's "an action is running" flags; each is False again once its worker failed.
BUSY_FLAGS = ("busy", "sending", "loading")
# Workers that run beside what the user does (the draft saved while typing, offered back or
# discarded): their failure leaves the busy flags alone (a form being sent stays so).
DRAFT_SAVE = "draft-save"
BACKGROUND_WORKERS = frozenset({DRAFT_SAVE, "draft-load", "draft-discard"})
NOTIFY_SECONDS = 10


def failure_text(error: BaseException) -> str | None:
    """What the user reads about `error`, or None when it is a bug."""
    if isinstance(error, FieldErrors) and error.rules:
        return " ".join(dict.fromkeys(text(code) for code in error.rules.values()))
    if isinstance(error, ServiceError):
        return error_text(error)
    if (code := database_fault(error)) is not None:
        return fault_text(code)
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return fault_text("db_full")
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return fault_text("disk_denied")
    return None


def screen_of(node: DOMNode, app: App[Any]) -> Screen[Any]:
    """The screen a worker's node belongs to (the current one for the App's own workers)."""
    if isinstance(node, Screen):
        return node
    if not isinstance(node, App):
        from textual.dom import NoScreen

        with contextlib.suppress(NoScreen):  # a widget already removed
            return node.screen
    return app.screen


def clear_busy(screen: Screen[Any]) -> None:
    for flag in BUSY_FLAGS:
        if getattr(screen, flag, None) is True:
            setattr(screen, flag, False)


def report_failure(app: App[Any], worker: Worker[Any], error: BaseException) -> bool:
    """Show `error` on the worker's screen; True when it was unexpected (a bug, now logged)."""
    from ecuapass_tui.crash_log import write_crash_log

    message = failure_text(error)
    unexpected = message is None
    if message is None:
        message = unexpected_text(write_crash_log(error, where=f"worker {worker.name}"))
    screen = screen_of(worker.node, app)
    if worker.name not in BACKGROUND_WORKERS:
        clear_busy(screen)
    show = getattr(screen, "show_failure", None)
    if callable(show) and screen.is_attached:
        show(message, worker.name)
    else:
        app.notify(message, severity="error", markup=False, timeout=NOTIFY_SECONDS)
    return unexpected
