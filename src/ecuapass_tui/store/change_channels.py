"""PostgreSQL's change channels: the triggers that NOTIFY when a notice or a ticket changes.

Created by migration 0016 (PostgreSQL only; SQLite's changes are seen on its file,
`store/changes.py`). Statement triggers with transition tables: a statement that writes many
rows (an import, the demo's build) sends one notification per distinct payload, and PostgreSQL
delivers them at commit, never for a transaction rolled back.

- `ecuapass_notice`, payload the recipient's user id: a Buzón notice inserted, updated (read)
  or deleted.
- `ecuapass_ticket`, payload "requester_id company_id" (either empty when NULL): a ticket
  inserted, updated or deleted, or an event added to its history.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

NOTICE_CHANNEL = "ecuapass_notice"  # the functions below name both channels as written here
TICKET_CHANNEL = "ecuapass_ticket"

_FUNCTIONS = (
    """
CREATE OR REPLACE FUNCTION ecuapass_notice_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ecuapass_notice', r.user_id::text)
    FROM (SELECT DISTINCT user_id FROM changed_rows) AS r;
    RETURN NULL;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ecuapass_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ecuapass_ticket', r.payload)
    FROM (
        SELECT DISTINCT coalesce(requester_id::text, '') || ' ' || coalesce(company_id::text, '')
            AS payload
        FROM changed_rows
    ) AS r;
    RETURN NULL;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ecuapass_ticket_event_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ecuapass_ticket', r.payload)
    FROM (
        SELECT DISTINCT
            coalesce(t.requester_id::text, '') || ' ' || coalesce(t.company_id::text, '')
            AS payload
        FROM changed_rows AS e JOIN ticket AS t ON t.id = e.ticket_id
    ) AS r;
    RETURN NULL;
END $$
""",
)

# (trigger, table, event, transition table, function)
_TRIGGERS = (
    ("mailbox_notice_inserted", "mailbox_notice", "INSERT", "NEW", "ecuapass_notice_changed"),
    ("mailbox_notice_updated", "mailbox_notice", "UPDATE", "NEW", "ecuapass_notice_changed"),
    ("mailbox_notice_deleted", "mailbox_notice", "DELETE", "OLD", "ecuapass_notice_changed"),
    ("ticket_inserted_notify", "ticket", "INSERT", "NEW", "ecuapass_ticket_changed"),
    ("ticket_updated_notify", "ticket", "UPDATE", "NEW", "ecuapass_ticket_changed"),
    ("ticket_deleted_notify", "ticket", "DELETE", "OLD", "ecuapass_ticket_changed"),
    ("ticket_event_added_notify", "ticket_event", "INSERT", "NEW", "ecuapass_ticket_event_added"),
)


def create_triggers(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    for function in _FUNCTIONS:
        conn.execute(text(function))
    for name, table, event, rows, function in _TRIGGERS:
        conn.execute(
            text(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"REFERENCING {rows} TABLE AS changed_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
        )


def drop_triggers(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    for name, table, *_ in _TRIGGERS:
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
    for function in ("ecuapass_notice_changed", "ecuapass_ticket_changed"):
        conn.execute(text(f"DROP FUNCTION IF EXISTS {function}()"))
    conn.execute(text("DROP FUNCTION IF EXISTS ecuapass_ticket_event_added()"))
