"""4.2 Documentos de Soporte: the register of supporting PDFs (factura comercial, lista de
empaque, documento de transporte, póliza de seguro, certificado de origen) with their number,
date, issuer and SHA-256. N registers one (the PDF is chosen with the file picker and checked
by its content); L links the highlighted one to a DAI or a VUE request, after which it cannot
change; S supersedes a linked one with a new file; X saves its PDF to a folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ecuapass_tui import formats
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.drafted import DraftedFormScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.save_to_folder import Look, SaveToFolderScreen
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.screens.vue.ask import AskScreen
from ecuapass_tui.screens.vue.common import cell
from ecuapass_tui.screens.vue.request_form import refused_beside
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.files import folder_target
from ecuapass_tui.services.vue.dto import SupportDoc
from ecuapass_tui.widgets.form import FormView
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk

SUPPORT_SPEC = "vue_soporte"
REQUEST_NUMBER = re.compile(r"\d{20}P", re.IGNORECASE)


def linked_to(doc: SupportDoc) -> str:
    return doc.request_number or doc.dai_number or "—"


class SupportFileScreen(SaveToFolderScreen):
    CSS_PATH = VUE_CSS
    DEFAULT_CLASSES = "vue-modal"
    BINDINGS = [Binding("escape", "cancel", N_("Cancelar"), id="support-save-cancel")]
    PREFIX = "support-save"
    LOOK = Look(title="vue-modal-title", error="vue-error", buttons="vue-buttons")

    def __init__(self, doc: SupportDoc, folder: Path) -> None:
        super().__init__(folder)
        self.doc = doc

    def heading(self) -> Text:
        return safe(_("Guardar {archivo}").format(archivo=self.doc.file_name))

    def fetch(self, desk: Desk, actor: Actor, folder: str) -> tuple[Path, bytes]:
        folder_target(folder, "", self.roots)
        name, content = desk.vue_support_file(actor, self.doc.id)
        return folder_target(folder, name, self.roots), content


class SupportFormScreen(DraftedFormScreen):
    """Register a document, or (with `replaces`) the one that supersedes a linked document."""

    OPTION_NUMBER = "4.2"
    CSS_PATH = VUE_CSS
    FORM_ID = "vue:soporte"

    def __init__(self, replaces: SupportDoc | None = None) -> None:
        super().__init__()
        self.spec = load_spec(SUPPORT_SPEC)
        self.replaces = replaces
        self.sending = False

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        if self.replaces is not None:
            line = _("Reemplaza a {tipo} {numero} ({sha})").format(
                tipo=self.replaces.kind, numero=self.replaces.number, sha=self.replaces.sha256[:12]
            )
        else:
            line = _("Registrar un documento de soporte (PDF)")
        yield Static(safe(line, single_line=True), classes="vue-line")
        yield FormView(self.spec, language=self.actor.language, id="form", start_dir=Path.home())
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.form.focus_first()
        self.find_draft()

    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        if self.sending:
            return
        self.sending = True
        actor, values, files, replaces = self.actor, dict(event.values), event.files, self.replaces

        def store() -> SupportDoc:
            if replaces is None:
                return self.desk.vue_register_support(actor, values, files)
            return self.desk.vue_supersede_support(actor, replaces.id, values, files)

        run_job(self, self.storing(store), self.stored, name="support-send", refused=self.refused)

    def refused(self, error: ServiceError) -> None:
        self.sending = False
        refused_beside(self, self.spec, error)

    def stored(self, doc: SupportDoc) -> None:
        self.sending = False
        self.sent = True
        self.form.accepted()
        self.notify(
            _("Documento registrado: {tipo} {numero}, SHA-256 {sha}").format(
                tipo=doc.kind, numero=doc.number, sha=doc.sha256[:16]
            ),
            markup=False,
        )
        self.app.pop_screen()


class SupportScreen(OptionScreen):
    OPTION_NUMBER = "4.2"
    CSS_PATH = VUE_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("n", "register", N_("Registrar"), id="support-new"),
        Binding("l", "link", N_("Vincular"), id="support-link"),
        Binding("s", "supersede", N_("Reemplazar"), id="support-supersede"),
        Binding("x", "save", N_("Guardar PDF"), id="support-save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.docs: list[SupportDoc] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("", id="support-status", classes="vue-line")
        yield DataTable(cursor_type="row", id="support-table", cell_padding=0, classes="vue-table")
        yield Static("", id="support-current", classes="vue-line")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one("#support-table", DataTable)
        for header, width in (
            (_("Tipo"), 16),
            (_("Número"), 14),
            (_("Fecha"), 11),
            (_("Emisor"), 14),
            (_("Vinculado a"), 23),
        ):
            table.add_column(header[: width - 1], width=width)
        table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def load(self) -> None:
        actor = self.actor
        run_job(self, lambda: self.desk.vue_support_docs(actor), self.loaded, name="support-load")

    def loaded(self, docs: list[SupportDoc]) -> None:
        self.docs = docs
        table = self.query_one("#support-table", DataTable)
        table.clear()
        for doc in docs:
            table.add_row(
                cell(doc.kind, 15),
                cell(doc.number, 13),
                Text(formats.day(doc.issued_on)),
                cell(doc.issuer, 13),
                cell(linked_to(doc) + (" ↻" if doc.superseded_by else ""), 22),
            )
        status = _("Documentos: {n} · N: registrar").format(n=len(docs))
        self.query_one("#support-status", Static).update(Text(status))
        self.show_current()

    def current(self) -> SupportDoc | None:
        index = self.query_one("#support-table", DataTable).cursor_row
        return self.docs[index] if 0 <= index < len(self.docs) else None

    @on(DataTable.RowHighlighted, "#support-table")
    def show_current(self) -> None:
        doc = self.current()
        line = self.query_one("#support-current", Static)
        if doc is None:
            line.update(Text(_("No tiene documentos de soporte.")) if not self.docs else "")
            return
        shown = f"{doc.file_name} · SHA-256 {doc.sha256}"
        if doc.superseded_by:
            shown = _("Reemplazado") + " · " + shown
        line.update(cell(shown, 78))

    def action_register(self) -> None:
        self.app.push_screen(SupportFormScreen())

    def action_link(self) -> None:
        doc = self.current()
        if doc is None:
            return
        actor, desk = self.actor, self.desk

        def link(typed: str) -> SupportDoc:
            if REQUEST_NUMBER.fullmatch(typed):
                return desk.vue_link_support(actor, doc.id, request_number=typed.upper())
            return desk.vue_link_support(actor, doc.id, dai_number=typed)

        self.app.push_screen(
            AskScreen(
                _("Vincular {tipo} {numero}").format(tipo=doc.kind, numero=doc.number),
                _("DAI o solicitud VUE"),
                link,
                empty=_("Escriba el número de la DAI o de la solicitud VUE."),
            ),
            self.linked,
        )

    def linked(self, doc: object) -> None:
        if isinstance(doc, SupportDoc):
            self.notify(_("Vinculado a {destino}.").format(destino=linked_to(doc)), markup=False)
            self.load()

    def action_supersede(self) -> None:
        doc = self.current()
        if doc is not None:
            self.app.push_screen(SupportFormScreen(replaces=doc))

    def action_save(self) -> None:
        doc = self.current()
        if doc is None:
            return

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(_("Guardado en {ruta}").format(ruta=path), markup=False)

        self.app.push_screen(SupportFileScreen(doc, Path.home()), saved)
