"""1.3 Integración de estados del trámite ("Estado de Trámite Integral", seed 004): filters
Tipo de operación, Título de documento, Número de entrega, Estado, Periodo (Hoy, Semana, Mes,
or a range typed Desde/Hasta) and Búsqueda en resultados; Enter in any filter (or F5) runs the
query and moves to the results; the paged results open the document and its notifications.
With Tipo de operación = VUE the results are the Ventanilla Única requests, read with the same
Desk call as 4.4 Estado de procesamiento (period and state filters apply); an approved one
opens its e-document."""

from __future__ import annotations

from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.tramites.documents_table import PAGE, DocumentsTableScreen
from ecuapass_tui.services.tramites.document_lists import DocumentFilter, DocumentPage, period_range
from ecuapass_tui.services.tramites.documents import DocumentRow
from ecuapass_tui.services.vue.dto import RequestFilter, RequestPage, RequestRow
from ecuapass_tui.services.vue.states import STATE_NAMES
from ecuapass_tui.widgets.inputs import Field

# The document states of the Estado filter, read as the VUE processing codes they mean.
VUE_STATES = {"enviado": "110", "aceptado": "320", "rechazado": "310", "emitido": "510"}


def parse_day(text: str) -> date | None:
    return datetime.strptime(text.strip(), "%d/%m/%Y").date()


def vue_row(row: RequestRow) -> DocumentRow:
    """A VUE request as a row of this list: its number where a delivery number goes, its
    processing code and label where the transmission and document states go."""
    name = STATE_NAMES.get(row.state)
    return DocumentRow(
        id=row.document_id or 0,
        doc_type="vue",
        title=f"{row.form_code} {row.form_name}",
        direction="",
        operation_type="vue",
        delivery_number=row.number,
        delivered_at=row.sent_at or row.state_at,
        transmission_state=row.state,
        document_state=_(name) if name else row.state,
    )


def document_page(page: RequestPage) -> DocumentPage:
    return DocumentPage(rows=tuple(vue_row(row) for row in page.rows), next_cursor=page.next_cursor)


class EstadoTramiteScreen(DocumentsTableScreen):
    OPTION_NUMBER = "1.3"
    BINDINGS = [
        *DocumentsTableScreen.BINDINGS,
        Binding("f5", "query", N_("Aplicar filtros"), id="tramite-query"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(classes="tramites-filters"):
            yield Static(_("Operación"), classes="tramites-label")
            yield Select(
                [
                    (_("Todos"), ""),
                    (_("Importación"), "importacion"),
                    (_("Exportación"), "exportacion"),
                    (_("VUE"), "vue"),
                ],
                value="",
                allow_blank=False,
                compact=True,
                id="f-operacion",
            )
            yield Static(_("Estado"), classes="tramites-label")
            yield Select(
                [
                    (_("Todos"), ""),
                    (_("Enviado"), "enviado"),
                    (_("Aceptado"), "aceptado"),
                    (_("Rechazado"), "rechazado"),
                    (_("Emitido"), "emitido"),
                ],
                value="",
                allow_blank=False,
                compact=True,
                id="f-estado",
            )
            yield Static(_("Periodo"), classes="tramites-label")
            yield Select(
                [
                    (_("Hoy"), "hoy"),
                    (_("Semana"), "semana"),
                    (_("Mes"), "mes"),
                    (_("Rango"), "rango"),
                ],
                value="hoy",
                allow_blank=False,
                compact=True,
                id="f-periodo",
            )
        with Horizontal(classes="tramites-filters"):
            yield Field(placeholder=_("Título de documento"), id="f-titulo", compact=True)
            yield Field(placeholder=_("Número de entrega"), id="f-entrega", compact=True)
        with Horizontal(classes="tramites-filters"):
            yield Field(placeholder=_("Desde dd/mm/aaaa"), id="f-desde", compact=True)
            yield Field(placeholder=_("Hasta dd/mm/aaaa"), id="f-hasta", compact=True)
            yield Field(placeholder=_("Búsqueda en resultados"), id="f-texto", compact=True)
        yield Static("", id="docs-status", classes="tramites-line")
        yield self.make_table()
        yield Static("", id="docs-current", classes="tramites-line")
        yield from self.compose_footer()

    def _value(self, selector: str) -> str:
        return str(self.query_one(selector, Select).value or "")

    def current_filter(self) -> DocumentFilter | None:
        period = self._value("#f-periodo")
        start, end = period_range(period, self.desk.today()) if period != "rango" else (None, None)
        if period == "rango":
            try:
                start = parse_day(self.query_one("#f-desde", Input).value)
                end = parse_day(self.query_one("#f-hasta", Input).value)
            except ValueError:
                self.notify(_("Escriba las fechas como dd/mm/aaaa."), severity="error")
                self.query_one("#f-desde", Input).focus()
                return None
        return DocumentFilter(
            operation_type=self._value("#f-operacion"),
            title=self.query_one("#f-titulo", Input).value,
            delivery_number=self.query_one("#f-entrega", Input).value,
            state=self._value("#f-estado"),
            start=start,
            end=end,
            text=self.query_one("#f-texto", Input).value,
        )

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.apply()
        self.table.focus()  # Enter in a filter: the results, ready for Up/Down and Enter

    @on(Select.Changed)
    def changed(self, event: Select.Changed) -> None:
        if self.armed and (event.select.id != "f-periodo" or event.value != "rango"):
            self.apply()

    def action_query(self) -> None:
        self.apply()

    # -- Tipo de operación = VUE: the Ventanilla Única's requests
    def load(self, wanted: DocumentFilter, after: str | None, *, append: bool) -> None:
        if wanted.operation_type != "vue":
            super().load(wanted, after, append=append)
            return
        actor = self.actor
        asked = RequestFilter(
            state=VUE_STATES.get(wanted.state, ""), start=wanted.start, end=wanted.end
        )
        run_job(
            self,
            lambda: document_page(self.desk.vue_status_page(actor, asked, after=after, limit=PAGE)),
            lambda page: self.loaded(page, append=append),
            name="docs-load",
            group="docs-load",
        )

    def open_row(self, row: DocumentRow) -> None:
        if row.operation_type != "vue" or row.id:
            super().open_row(row)
            return
        message = _(
            "Solicitud {numero}: {estado}. Su historial está en 4.4 Estado de procesamiento."
        )
        self.notify(
            message.format(
                numero=row.delivery_number, estado=f"{row.transmission_state} {row.document_state}"
            ),
            markup=False,
        )
