"""Solicitudes del uso waiting for a decision: MS.6 for SENAE staff (Representantes and
entities), 3.2.4 for a Representante (his company's Empleados). A: aprobar, R: rechazar
(with the reason that reaches the applicant)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from ecuapass_tui import formats
from ecuapass_tui.i18n import N_, _, ngettext
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.services.cuentas.approvals import PendingRequest
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.texts import error_text
from ecuapass_tui.texts.cuentas import user_class_label
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe


class ApprovalsScreen(OptionScreen):
    OPTION_NUMBER = "MS.6"
    CSS_PATH = CUENTAS_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Volver"), id="back"),
        Binding("a", "decide(True)", N_("Aprobar"), id="approve"),
        Binding("r", "decide(False)", N_("Rechazar"), id="reject"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PendingRequest] = []
        self.note = ""

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        table: DataTable[object] = DataTable(
            id="requests", cursor_type="row", classes="cuentas-table"
        )
        table.add_columns(_("Tipo"), _("ID. Usuario"), _("Nombre"), _("RUC"))
        yield table
        yield Static("", id="request-detail", classes="cuentas-note")
        with Horizontal(classes="field-row"):
            yield Static(_("Motivo del rechazo"), classes="field-label")
            yield Field(max_length=500, compact=True, id="decision-reason")
        yield Static(
            _("A: aprobar la solicitud elegida · R: rechazarla con el motivo escrito arriba"),
            classes="hint",
        )
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#requests", DataTable).focus()
        self.load()

    def load(self, note: str = "") -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.pending_requests(actor),
            lambda rows: self.loaded(rows, note),
            name="approvals-load",
            refused=lambda error: self.loaded([], error_text(error)),
        )

    def loaded(self, rows: list[PendingRequest], note: str = "") -> None:
        self.rows = rows
        table = self.query_one("#requests", DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(
                safe(user_class_label(row.kind), single_line=True),
                safe(row.username, single_line=True),
                safe(row.full_name, single_line=True),
                safe(row.company_ruc or "—", single_line=True),
            )
        if not self.rows:
            table.add_row(*(safe(x) for x in ("", "", _("No hay solicitudes pendientes."), "")))
        self.note = note
        self._detail()

    @on(DataTable.RowHighlighted, "#requests")
    def _detail(self) -> None:
        """The chosen request's details, after the last result (kept while the cursor moves,
        and when the table is refilled)."""
        chosen = self.chosen()
        parts = [self.note] if self.note else []
        if chosen is not None:
            parts.append(
                ngettext(
                    "{fecha} · {correo} · {empresa} · OCE {oce} · {n} archivo adjunto",
                    "{fecha} · {correo} · {empresa} · OCE {oce} · {n} archivos adjuntos",
                    chosen.files,
                ).format(
                    fecha=formats.day(chosen.created_at),
                    oce=", ".join(chosen.oce_codes) or "—",
                    correo=chosen.email,
                    empresa=chosen.company_name or "—",
                    n=chosen.files,
                )
            )
        self.query_one("#request-detail", Static).update(safe(" — ".join(parts)))

    def chosen(self) -> PendingRequest | None:
        table = self.query_one("#requests", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def action_decide(self, approve: bool) -> None:
        chosen = self.chosen()
        if chosen is None:
            self.notify(_("No hay una solicitud elegida."), markup=False)
            return
        reason = self.query_one("#decision-reason", Field).value
        if approve:
            question = _("¿Aprobar la solicitud de {id} ({nombre})?")
            yes = _("Aprobar")
        else:
            question = _(
                "¿Rechazar la solicitud de {id} ({nombre})? El motivo llega al solicitante."
            )
            yes = _("Rechazar")
        self.app.push_screen(
            ConfirmScreen(
                question.format(id=chosen.username, nombre=chosen.full_name),
                yes,
                _("Cancelar"),
                escape_answer=False,
            ),
            lambda sure: self._answered(bool(sure), chosen, approve, reason),
        )

    def _answered(self, sure: bool, chosen: PendingRequest, approve: bool, reason: str) -> None:
        if sure:
            self.decide(chosen, approve, reason)

    def decide(self, chosen: PendingRequest, approve: bool, reason: str) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.decide_request(actor, chosen.id, approve, reason),
            lambda _done: self.decided(chosen, approve),
            name="approvals-decide",
            refused=self.refused,
        )

    def refused(self, error: ServiceError) -> None:
        if isinstance(error, FieldErrors):
            note = _(
                "Escriba el motivo del rechazo (al menos 10 caracteres): llega al solicitante."
            )
        else:
            note = error_text(error)
        self.loaded(self.rows, note)

    def decided(self, chosen: PendingRequest, approve: bool) -> None:
        note = _("Solicitud de {id} aprobada.") if approve else _("Solicitud de {id} rechazada.")
        self.query_one("#decision-reason", Field).clear()
        self.load(note.format(id=chosen.username))


class EmployeeRequestsScreen(ApprovalsScreen):
    OPTION_NUMBER = "3.2.4"
