"""One way a screen calls the Desk: a named thread worker makes the call, its typed result goes
to a callback on the UI thread.

The result is delivered through the node's own message queue (`call_later`), as a message
would be: in order with the screen's other messages, and dropped when the screen has closed.
A service's refusal (`ServiceError`) goes to `refused` when the screen words it itself (errors
beside the fields, a line of its own); without `refused`, and for any other error, the worker
fails and the App sends the failure to screens/failures.py: one message where the screen shows
its messages (`show_failure`), its busy flags cleared, nothing typed touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, active_worker

from ecuapass_tui.services.errors import ServiceError

T = TypeVar("T")
E = TypeVar("E", bound="ServiceError")


def run_job(
    node: DOMNode,
    job: Callable[[], T],
    done: Callable[[T], object],
    *,
    name: str,
    group: str = "default",
    exclusive: bool = True,
    refused: Callable[[E], object] | None = None,
    refusal: type[E] | None = None,
    exit_on_error: bool = True,
) -> Worker[None]:
    """Run `job` (one Desk call) in a thread worker named `name`; `done(result)` runs on the UI
    thread after it, or `refused(error)` when the service refused (any ServiceError, or only a
    `refusal` such as FieldErrors for a screen that words only those) and the caller words
    it. `exit_on_error=False` (a background poll): any other failure is dropped, the next
    poll tries again."""

    def work() -> None:
        try:
            result = job()
        except ServiceError as error:
            if refused is None or not isinstance(error, refusal or ServiceError):
                raise
            node.call_later(_deliver, refused, error)
            return
        finally:
            _forget_worker()
        node.call_later(_deliver, done, result)

    return node.run_worker(
        work,
        name=name,
        group=group,
        exclusive=exclusive,
        thread=True,
        exit_on_error=exit_on_error,
    )


def _forget_worker() -> None:
    """Textual names the running worker in the pool thread's own context, where it stays
    after the job; the worker holds its screen, so a closed screen stayed alive (and was
    walked by every garbage collection) until that thread ran another job."""
    active_worker.set(None)  # type: ignore[arg-type]  # nothing reads it once the job ends


def _deliver(callback: Callable[[Any], object], value: object) -> None:
    """Call `callback`, dropping what it returns: Textual would await an awaitable (the
    AwaitComplete of `dismiss`, of `push_screen`), from inside the screen's own handler."""
    callback(value)
