"""Use cases: `(session, actor, ...)` functions that check permissions and return plain data."""
