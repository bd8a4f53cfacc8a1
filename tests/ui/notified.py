"""The notifications an app was asked to show, caught through `run_test(message_hook=...)`.

Textual's public message hook sees every `Notify` the app receives (`App.notify` posts one),
so the tests read what was said without touching the app's private notification store:

    notified = Notified()
    async with app.run_test(size=(80, 24), message_hook=notified) as pilot:
        ...
        assert "Su cuenta está activa" in notified.text()
"""

from __future__ import annotations

from textual.message import Message
from textual.notifications import Notification, Notify


class Notified:
    """Every notification posted to the app, in order (a message hook for `run_test`)."""

    def __init__(self) -> None:
        self.seen: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.seen.append(message.notification)

    def messages(self) -> list[str]:
        return [n.message for n in self.seen]

    def text(self) -> str:
        """Title and message of each notification, one a line."""
        return "\n".join(f"{n.title} {n.message}".strip() for n in self.seen)
