"""Snapshots reuse the Pilot fixtures (demo copy, frozen clock, fixed theme, no blink)."""

from tests.ui.conftest import cheap_hashing, make_app, ui_db, ui_demo_template  # noqa: F401
