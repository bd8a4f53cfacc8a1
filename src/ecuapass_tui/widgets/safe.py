"""The one way stored or typed text reaches a widget: cleaned, and never parsed as markup."""

from __future__ import annotations

from rich.text import Text

from ecuapass_tui.core.text import clean


def safe(value: object, *, single_line: bool = False, style: str = "") -> Text:
    """A rich Text of `value` without control characters or bidi overrides.

    A Text is drawn literally: `[@click=app.quit]` in the data stays those characters.
    """
    return Text(clean(value, single_line=single_line), style=style, no_wrap=single_line)
