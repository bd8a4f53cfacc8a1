"""MS.1 Cola de tickets: the staff's queue, filtered, sorted by the resolution due time it
shows, paged by keyset (one page in memory), refreshed when another process changes a ticket
(the Desk wakes the screen, services/changes.py; nothing runs meanwhile)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Input, Select, Static

from ecuapass_tui.i18n import N_, _, ngettext
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.mesa.due import due_cell
from ecuapass_tui.screens.mesa.staff_ticket import StaffTicketScreen
from ecuapass_tui.screens.styles import MESA_CSS
from ecuapass_tui.services.changes import Topic, Watch
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.mesa.ticket_dto import (
    QueueFilter,
    TicketPage,
    TicketRow,
    TicketState,
)
from ecuapass_tui.texts import error_text, ticket_kind, ticket_state
from ecuapass_tui.texts.mesa import short_ticket_kind, short_ticket_state
from ecuapass_tui.widgets.columns import FitTable, Flex, text_cell
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

PAGE_SIZE = 50
DEBOUNCE_SECONDS = 0.25
ANY = "*"
QUEUE_FLEX = {"asunto": Flex(13, weight=3), "asignado": Flex(9)}


def _choices(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(label, value) for value, label in pairs]


class QueueScreen(OptionScreen):
    OPTION_NUMBER = "MS.1"
    CSS_PATH = MESA_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("f5", "reload", N_("Actualizar"), id="reload"),
        Binding("f7", "previous_page", N_("Pág. anterior"), id="previous-page"),
        Binding("f8", "next_page", N_("Pág. siguiente"), id="next-page"),
        Binding("f6", "focus_table", N_("Tabla"), id="focus-table"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[TicketRow, ...] = ()
        self.cursors: list[str | None] = [None]  # `after` of each page shown so far
        self.next_cursor: str | None = None
        self.stamp: str | None = None
        self._debounce: Timer | None = None
        self._watch: Watch | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="staff-filters-1", classes="mesa-staff-filters"):
            yield Select([], prompt=_("Cola: todas"), id="staff-f-queue", compact=True)
            states = [("open", _("Abiertos"))] + [(s.value, ticket_state(s)) for s in TicketState]
            yield Select(
                _choices(states),
                value="open",
                prompt=_("Estado: todos"),
                id="staff-f-state",
                compact=True,
            )
            kinds = [(k, ticket_kind(k)) for k in ("incidente", "consulta", "queja")]
            yield Select(_choices(kinds), prompt=_("Tipo: todos"), id="staff-f-kind", compact=True)
            yield Select([], prompt=_("Distrito: todos"), id="staff-f-district", compact=True)
        with Horizontal(id="staff-filters-2", classes="mesa-staff-filters"):
            who = [("me", _("Asignados a mí")), ("none", _("Sin asignar"))]
            yield Select(
                _choices(who), prompt=_("Asignado: todos"), id="staff-f-assignee", compact=True
            )
            due = [("overdue", _("Vencidos")), ("today", _("Vencen hoy"))]
            yield Select(_choices(due), prompt=_("Vence: todos"), id="staff-f-due", compact=True)
            yield Field(placeholder=_("Buscar: número, asunto, descripción"), id="staff-f-text")
        # Asunto and Asignado share the room the other columns leave.
        table = FitTable(id="staff-queue", cursor_type="row", flexible=QUEUE_FLEX)
        table.add_column(_("Número"), key="numero", width=14)
        table.add_column(_("Tipo"), key="tipo", width=7)
        table.add_column(_("Estado"), key="estado", width=11)
        table.add_column(_("Asunto"), key="asunto", width=QUEUE_FLEX["asunto"].minimum)
        table.add_column(_("Asignado"), key="asignado", width=QUEUE_FLEX["asignado"].minimum)
        table.add_column(_("Resolución"), key="vence", width=12)
        yield table
        yield Static("", id="staff-queue-note", classes="hint")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#staff-queue").focus()
        self.load_options()
        self.load()
        self._watch = self.desk.watch(self.actor, Topic.QUEUE, lambda: self.call_later(self.poll))

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    def on_screen_resume(self) -> None:
        self.reload_page()

    # -- filters
    def filters(self) -> QueueFilter:
        def value(name: str) -> str | None:
            chosen = self.query_one(f"#staff-f-{name}", Select).value
            return chosen if isinstance(chosen, str) and chosen != ANY else None

        return QueueFilter(
            queue=value("queue"),
            state=value("state"),
            kind=value("kind"),
            district=value("district"),
            assignee=value("assignee"),
            due=value("due"),
            text=self.query_one("#staff-f-text", Input).value.strip(),
        )

    def load_options(self) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self._options(actor),
            self.options_read,
            name="queue-options",
            group="queue-options",
            refused=lambda _error: None,  # the filters keep "all"
        )

    def _options(self, actor: Actor) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        queues = [(q.code, q.name) for q in self.desk.queues(actor)]
        rows = self.desk.catalog("districts", actor.language)
        return queues, [(r.code, f"{r.code} {r.name}") for r in rows]

    def options_read(self, options: tuple[list[tuple[str, str]], list[tuple[str, str]]]) -> None:
        queues, districts = options
        for name, pairs in (("queue", queues), ("district", districts)):
            select = self.query_one(f"#staff-f-{name}", Select)
            select.set_options([(safe(label, single_line=True), value) for value, label in pairs])

    @on(Select.Changed, ".mesa-staff-filters Select")
    def filter_chosen(self) -> None:
        self.first_page()

    @on(Input.Changed, "#staff-f-text")
    def text_typed(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self.first_page, name="queue-debounce")

    @on(Input.Submitted, "#staff-f-text")
    def text_done(self) -> None:
        self.action_focus_table()

    # -- pages
    def first_page(self) -> None:
        self._debounce = None
        self.cursors = [None]
        self.load()

    def reload_page(self) -> None:
        self.load(keep=self.current_number())

    def action_reload(self) -> None:
        self.reload_page()

    def action_next_page(self) -> None:
        if self.next_cursor is None:
            self.notify(_("Es la última página."), markup=False)
            return
        self.cursors.append(self.next_cursor)
        self.load()

    def action_previous_page(self) -> None:
        if len(self.cursors) > 1:
            self.cursors.pop()
            self.load()

    def action_focus_table(self) -> None:
        self.query_one("#staff-queue").focus()

    def current_number(self) -> str | None:
        table = self.query_one("#staff-queue", DataTable)
        if 0 <= table.cursor_row < len(self.rows):
            return self.rows[table.cursor_row].number
        return None

    def load(self, keep: str | None = None) -> None:
        actor, filters, after = self.actor, self.filters(), self.cursors[-1]
        run_job(
            self,
            lambda: self._read_page(actor, filters, after),
            lambda read: self.loaded(*read, keep=keep),
            name="queue-load",
            group="queue-load",
            refused=lambda error: self.loaded(self.stamp, error_text(error), keep=keep),
        )

    def _read_page(
        self, actor: Actor, filters: QueueFilter, after: str | None
    ) -> tuple[str, TicketPage | str]:
        """The tickets' stamp, and the page or why it cannot be read."""
        stamp = self.desk.tickets_stamp()
        try:
            return stamp, self.desk.queue_page(actor, filters, after, PAGE_SIZE)
        except ServiceError as error:
            return stamp, error_text(error)

    def loaded(self, stamp: str | None, page: TicketPage | str, *, keep: str | None) -> None:
        self.stamp = stamp
        note = self.query_one("#staff-queue-note", Static)
        if isinstance(page, str):
            note.update(safe(page))
            return
        self.next_cursor = page.next_cursor
        rows = len(page.rows)
        summary = ngettext("Página {n} · {filas} ticket", "Página {n} · {filas} tickets", rows)
        summary = summary.format(n=len(self.cursors), filas=rows)
        if page.next_cursor:
            summary += " · " + _("F8 página siguiente")
        if not page.rows:
            summary = _("No hay tickets con estos filtros.")
        note.update(Text(summary))
        if page.rows == self.rows:
            return
        self.rows = page.rows
        table = self.query_one("#staff-queue", DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(
                safe(row.number, single_line=True),
                safe(short_ticket_kind(row.kind), single_line=True),
                safe(short_ticket_state(row.state), single_line=True),
                text_cell(row.subject),
                text_cell(row.assignee_name or "—"),
                due_cell(row, queue=True),
                key=row.number,
            )
        if keep is not None:
            for index, row in enumerate(self.rows):
                if row.number == keep:
                    table.move_cursor(row=index, animate=False)
                    break

    # -- live refresh: woken by a change of a ticket; only a moved stamp reloads
    def poll(self) -> None:
        run_job(
            self,
            self.desk.tickets_stamp,
            self.stamp_read,
            name="queue-stamp",
            group="queue-stamp",
            refused=lambda _error: None,
        )

    def stamp_read(self, stamp: str) -> None:
        if stamp != self.stamp:
            self.reload_page()

    # -- opening a ticket
    @on(DataTable.RowSelected, "#staff-queue")
    def open_ticket(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.rows):
            self.app.push_screen(StaffTicketScreen(self.rows[event.cursor_row].number))
