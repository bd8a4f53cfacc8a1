"""2.7 Verificar la integridad del documento: pick a file exported from 1.3 or 1.6; the store
answers Íntegro, Alterado or Desconocido, with each check and what differs."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.tramites.documents import MAX_FILE_BYTES
from ecuapass_tui.services.tramites.integrity import IntegrityResult, Verdict
from ecuapass_tui.texts import error_text
from ecuapass_tui.texts.tramites import integrity_check_label, integrity_unknown_reason
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.safe import safe


def render_result(result: IntegrityResult, path: Path) -> Text:
    text = Text()
    text.append(_("Archivo: "), "bold")
    text.append_text(safe(str(path), single_line=True))
    text.append("\n\n")
    if result.verdict == Verdict.INTEGRO:
        text.append("✔ " + _("ÍNTEGRO"), "bold green")
        text.append(" — " + _("el archivo es el documento tal como se almacenó y firmó."))
    elif result.verdict == Verdict.ALTERADO:
        text.append("✘ " + _("ALTERADO"), "bold red")
        text.append(" — " + _("el documento existe, pero el archivo no coincide:"))
    else:
        text.append("? " + _("DESCONOCIDO"), "bold yellow")
        text.append(" — ")
        text.append_text(safe(integrity_unknown_reason(result.reason)))
    if result.title or result.delivery_number:
        text.append("\n")
        text.append_text(safe(f"{result.title} · {result.delivery_number}", single_line=True))
    for check in result.checks:
        text.append("\n")
        sign, word = ("✔", _("coincide")) if check.ok else ("✘", _("NO coincide"))
        text.append(
            f"{sign} {integrity_check_label(check.code)}: {word}", "green" if check.ok else "red"
        )
        if not check.ok and (check.expected or check.found):
            text.append("\n    ")
            text.append_text(
                safe(
                    _("almacenado: {a} · archivo: {b}").format(
                        a=check.expected or "—", b=check.found or "—"
                    )
                )
            )
    return text


class IntegrityScreen(OptionScreen):
    OPTION_NUMBER = "2.7"
    CSS_PATH = TRAMITES_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("o", "pick", N_("Elegir archivo"), id="integrity-pick"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll(classes="tramites-body", id="integrity-body"):
            yield Static(
                Text(
                    _(
                        "Elija (O) un archivo exportado desde 1.3 o 1.6: se comprueban su "
                        "SHA-256 y su firma contra los documentos almacenados."
                    )
                ),
                id="integrity-help",
            )
            yield Static("", id="integrity-result", classes="tramites-verdict")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#integrity-body").focus()

    def action_pick(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.verify(path)

        self.app.push_screen(FilePicker(Path.home(), _("Documento a verificar")), chosen)

    def verify(self, path: Path) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self._verify(actor, path),
            lambda result: self.checked(result, path),
            name="integrity-verify",
            group="integrity",
            refused=lambda error: self.failed(error_text(error)),
        )

    def _verify(self, actor: Actor, path: Path) -> IntegrityResult | str:
        """The verdict on the file, or why it could not be read."""
        try:
            with path.open("rb") as handle:
                content = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            return _("No se pudo leer el archivo: {motivo}").format(motivo=error.strerror)
        return self.desk.verify_document(actor, content)

    def checked(self, result: IntegrityResult | str, path: Path) -> None:
        if isinstance(result, str):
            self.failed(result)
            return
        self.query_one("#integrity-result", Static).update(render_result(result, path))

    def failed(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)
