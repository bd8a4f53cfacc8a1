"""One e-document (from 1.3 or 1.6): its data, its content, its notifications (Notificación
de aceptado: DAI number, canal de aforo, liquidación), and X to export it to a file."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.screens.tramites.common import short_time
from ecuapass_tui.screens.tramites.export import ExportScreen
from ecuapass_tui.services.tramites.documents import DocumentDetail, DocumentRow
from ecuapass_tui.texts.tramites import direction_label, document_state_label, operation_label
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe


def row_summary(row: DocumentRow) -> str:
    return " · ".join(
        (
            operation_label(row.operation_type),
            direction_label(row.direction),
            row.delivery_number or "—",
            short_time(row.delivered_at),
            _("transmisión: {estado}").format(estado=document_state_label(row.transmission_state)),
            _("estado: {estado}").format(estado=document_state_label(row.document_state)),
        )
    )


class DocumentScreen(AppScreen):
    CSS_PATH = TRAMITES_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Volver"), id="doc-back"),
        Binding("x", "export", N_("Exportar a un archivo"), id="doc-export"),
    ]

    def __init__(self, document_id: int) -> None:
        super().__init__()
        self.document_id = document_id
        self.detail: DocumentDetail | None = None

    def compose(self) -> ComposeResult:
        yield title_bar(_("ECUAPASS · Documento electrónico"))
        with VerticalScroll(id="doc-body", classes="tramites-body"):
            yield Static("", id="doc-head")
            yield Static("", id="doc-content", classes="tramites-box")
            yield Static("", id="doc-notifications")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#doc-body").focus()
        self.load()

    def load(self) -> None:
        # A refusal or a fault: screens/failures.py says it (one path for every worker).
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.document(actor, self.document_id),
            self.loaded,
            name="doc-load",
            group="doc-load",
        )

    def loaded(self, detail: DocumentDetail) -> None:
        self.detail = detail
        head = safe(detail.row.title, single_line=True)
        head.stylize("bold")
        head.append("\n")
        head.append_text(safe(row_summary(detail.row)))
        head.append("\n" + _("SHA-256: {hash}").format(hash=detail.sha256), style="dim")
        self.query_one("#doc-head", Static).update(head)
        box = self.query_one("#doc-content", Static)
        box.border_title = _("Contenido")
        box.update(safe(detail.content))
        notes = Text()
        if detail.notifications:
            notes.append(_("Notificaciones ({n})").format(n=len(detail.notifications)), "bold")
        else:
            notes.append(_("Sin notificaciones."), "dim")
        for row in detail.notifications:
            notes.append("\n")
            notes.append_text(safe(f"• {row.title} · {short_time(row.delivered_at)}"))
        self.query_one("#doc-notifications", Static).update(notes)
        if detail.notifications:
            self.load_notifications()

    def load_notifications(self) -> None:
        detail, actor = self.detail, self.actor
        if detail is None:
            return
        run_job(
            self,
            lambda: [self.desk.document(actor, n.id) for n in detail.notifications],
            self.notes_loaded,
            name="doc-notes",
            group="doc-notes",
        )

    def notes_loaded(self, notes: list[DocumentDetail]) -> None:
        text = Text(_("Notificaciones ({n})").format(n=len(notes)), style="bold")
        for note in notes:
            text.append("\n")
            text.append_text(safe(f"• {note.row.title} · {short_time(note.row.delivered_at)}"))
            text.append("\n")
            text.append_text(safe(note.content.rstrip()))
        self.query_one("#doc-notifications", Static).update(text)

    def action_export(self) -> None:
        if self.detail is None:
            return

        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(_("Documento exportado a {ruta}").format(ruta=path), markup=False)

        self.app.push_screen(ExportScreen(self.document_id, Path.home()), done)
