"""Snapshots reuse the Pilot fixtures (demo copy, frozen clock, fixed theme, no blink), and draw
every frame as the program does: a widget that lays itself out while it is drawn (an option
list that wraps its prompts once a scrollbar appears) ends where the user sees it only if the
frames in between were drawn (tests/headless.py)."""

import pytest
from tests.ui.conftest import cheap_hashing, make_app, ui_db, ui_demo_template  # noqa: F401


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/snapshots/" in item.nodeid:
            item.add_marker(pytest.mark.every_frame)
