"""Closing screens freezes what is alive out of Python's full collections (screens/base.py);
an object frozen then and dropped later is still freed within a few closes, so a long session
does not pile up the rows its screens replaced."""

from __future__ import annotations

import gc
import weakref

from ecuapass_tui.screens import base


class _Row:
    """Stands for a widget: it points at itself, so only a collection frees it."""

    def __init__(self) -> None:
        self.me = self


def test_an_object_frozen_then_dropped_is_freed_within_a_few_closes() -> None:
    row = _Row()
    assert row.me is row
    dropped = weakref.ref(row)
    try:
        gc.freeze()
        del row
        gc.collect()
        assert dropped() is not None  # frozen: an ordinary collection does not see it
        for _ in range(base.FULL_PASS_EVERY):
            base.settle_garbage()
        assert dropped() is None
    finally:
        gc.unfreeze()
