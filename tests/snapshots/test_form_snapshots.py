"""Snapshot of the incident form with errors at 80x24 (theme textual-dark, `now` frozen).

Update with `pytest tests/snapshots/test_form_snapshots.py --snapshot-update` and look at it.
"""

from __future__ import annotations

from tests.ui.test_form_view import FormHost
from textual.pilot import Pilot


def test_incidente_with_errors(snap_compare) -> None:
    async def submit_with_errors(pilot: Pilot) -> None:
        pilot.app.query_one("#f-nombres").focus()
        await pilot.pause()
        await pilot.press(*"Ana María Pérez", "tab")
        await pilot.press(*"natural ec", "enter", "tab", "tab")
        await pilot.press(*"1710034060")  # a cédula with a wrong check digit
        await pilot.press("ctrl+s")
        await pilot.pause()

    app = FormHost("incidente")
    assert snap_compare(app, terminal_size=(80, 24), run_before=submit_with_errors)
