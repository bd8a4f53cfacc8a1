"""3.9.3 Mis tickets: the user's tickets, newest first, a page at a time (keyset cursor);
Enter opens the detail. When one of the user's tickets changes the Desk wakes the screen
(services/changes.py), a worker reads the tickets' change stamp and the page is reloaded only
when it moved; nothing runs while nothing changes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ecuapass_tui import formats
from ecuapass_tui.i18n import N_, _, ngettext
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.mesa.due import due_cell, due_text
from ecuapass_tui.screens.mesa.ticket_view import UserTicketScreen
from ecuapass_tui.screens.styles import MESA_CSS
from ecuapass_tui.services.changes import Topic, Watch
from ecuapass_tui.services.mesa.ticket_dto import TicketPage, TicketRow, TicketState
from ecuapass_tui.texts import ticket_kind, ticket_state
from ecuapass_tui.widgets.safe import safe

PAGE = 50
SUBJECT_WIDTH = 12
GAP = " "  # the table has no cell padding (80 columns): one space after each cell


def short_state(state: str) -> str:
    """Table labels that fit 80 columns; the line under the table gives the full one."""
    if state == TicketState.PENDIENTE_INFORMACION:
        return _("Pendiente info.")
    return ticket_state(state)


def cell(text: Text | str) -> Text:
    out = text.copy() if isinstance(text, Text) else Text(text)
    out.no_wrap = True
    out.append(GAP)
    return out


def subject_cell(subject: str) -> Text:
    text = safe(subject, single_line=True)
    text.truncate(SUBJECT_WIDTH, overflow="ellipsis")
    return text


class MyTicketsScreen(OptionScreen):
    OPTION_NUMBER = "3.9.3"
    CSS_PATH = MESA_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("enter", "open", N_("Ver ticket"), id="user-tickets-open"),
        Binding("m", "more", N_("Más tickets"), id="user-tickets-more"),
        Binding("f5", "reload", N_("Actualizar"), id="user-tickets-reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TicketRow] = []
        self.next_cursor: str | None = None
        self.stamp = ""
        self.loading = False
        self._watch: Watch | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("", id="user-tickets-status", classes="mesa-user-note")
        table: DataTable[Text] = DataTable(cursor_type="row", cell_padding=0, id="user-tickets")
        yield table
        yield Static("", id="user-tickets-current", classes="mesa-user-current")
        yield from self.compose_footer()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#user-tickets", DataTable)

    def on_mount(self) -> None:
        # Fixed widths (gap included) so that the six columns fit 80 columns.
        for label, key, width in (
            (_("Número"), "number", 15),
            (_("Tipo"), "kind", 10),
            (_("Asunto"), "subject", SUBJECT_WIDTH + 1),
            (_("Estado"), "state", 16),
            (_("Registrado"), "created", 11),
            (_("Vence"), "due", 12),
        ):
            self.table.add_column(cell(label), key=key, width=width)
        self.table.focus()
        self.load(None, PAGE, append=False)
        self._watch = self.desk.watch(
            self.actor, Topic.MY_TICKETS, lambda: self.call_later(self.poll)
        )

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    def on_screen_resume(self) -> None:
        if self.stamp:
            self.poll()

    # -- loading
    def load(self, after: str | None, limit: int, *, append: bool) -> None:
        # A refusal or a fault: screens/failures.py says it and clears `loading`.
        actor = self.actor
        run_job(
            self,
            lambda: (
                self.desk.tickets_stamp(),
                self.desk.my_tickets(actor, after=after, limit=limit),
            ),
            lambda loaded: self.loaded(*loaded, append=append),
            name="user-tickets-load",
            group="user-tickets-load",
        )

    def poll(self) -> None:
        run_job(
            self,
            self.desk.tickets_stamp,
            self.stamp_read,
            name="user-tickets-stamp",
            group="user-tickets-stamp",
            refused=lambda _error: None,
            exit_on_error=False,
        )

    def stamp_read(self, stamp: str) -> None:
        if stamp != self.stamp and not self.loading:
            self.loading = True
            self.load(None, max(PAGE, len(self.rows)), append=False)

    def loaded(self, stamp: str, page: TicketPage, *, append: bool) -> None:
        self.loading = False
        self.stamp = stamp
        rows = [*self.rows, *page.rows] if append else list(page.rows)
        cursor_changed = page.next_cursor != self.next_cursor
        self.next_cursor = page.next_cursor
        if rows == self.rows and not cursor_changed and self.table.row_count == len(rows):
            return
        if append:
            for row in page.rows:
                self._add(row)
        else:
            self._fill(rows)
        self.rows = rows
        self._status()

    def _add(self, row: TicketRow) -> None:
        self.table.add_row(
            cell(row.number),
            cell(ticket_kind(row.kind)),
            cell(subject_cell(row.subject)),
            cell(short_state(row.state)),
            cell(formats.short_day(row.created_at)),
            due_cell(row),
            key=row.number,
        )

    def _fill(self, rows: list[TicketRow]) -> None:
        current = self._current_number()
        self.table.clear()
        for row in rows:
            self._add(row)
        numbers = [row.number for row in rows]
        if current in numbers:
            self.table.move_cursor(row=numbers.index(current), animate=False)

    def _current_number(self) -> str | None:
        index = self.table.cursor_row
        return self.rows[index].number if 0 <= index < len(self.rows) else None

    def _status(self) -> None:
        status = self.query_one("#user-tickets-status", Static)
        if not self.rows:
            status.update(Text(_("No tiene tickets. Repórtelos en las opciones 3.9.1 y 3.9.2.")))
        elif self.next_cursor:
            text = ngettext(
                "{n} ticket mostrado; M o bajar al final: cargar más. «!»: vencido.",
                "{n} tickets mostrados; M o bajar al final: cargar más. «!»: vencido.",
                len(self.rows),
            )
            status.update(Text(text.format(n=len(self.rows))))
        else:
            count = len(self.rows)
            text = ngettext("{n} ticket. «!»: vencido.", "{n} tickets. «!»: vencido.", count)
            status.update(Text(text.format(n=count)))
        self._show_current()

    def _show_current(self) -> None:
        index = self.table.cursor_row
        line = self.query_one("#user-tickets-current", Static)
        if not 0 <= index < len(self.rows):
            line.update("")
            return
        row = self.rows[index]
        parts = [row.number, ticket_state(row.state), due_text(row), row.subject]
        text = safe(" · ".join(p for p in parts if p), single_line=True)
        if row.overdue:
            text.stylize("bold red", 0, len(row.number))
        line.update(text)

    # -- moving and opening
    @on(DataTable.RowHighlighted, "#user-tickets")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_current()
        if event.cursor_row == len(self.rows) - 1 and self.next_cursor:
            self.action_more()

    @on(DataTable.RowSelected, "#user-tickets")
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_more(self) -> None:
        if self.next_cursor and not self.loading:
            self.loading = True
            self.load(self.next_cursor, PAGE, append=True)

    def action_reload(self) -> None:
        if not self.loading:
            self.loading = True
            self.load(None, max(PAGE, len(self.rows)), append=False)

    def action_open(self) -> None:
        number = self._current_number()
        if number is None:
            return
        self.app.push_screen(UserTicketScreen(number))
