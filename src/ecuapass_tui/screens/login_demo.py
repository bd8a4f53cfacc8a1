"""The demo accounts on the login screen (demo mode only): one focusable widget drawn as text,
and the line that says where the demo's sample certificate is and its PIN."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from ecuapass_tui.i18n import _
from ecuapass_tui.texts.cuentas import user_class_label
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from textual.geometry import Size

    from ecuapass_tui.services.dto import DemoAccount


class DemoAccountList(Static, can_focus=True):
    """The demo accounts as lines of text in one widget (a DataTable costs far more to mount
    on the first screen); Up and Down move the highlight, Enter or a click copies the account
    into the form. The texts are drawn through `safe()`, never as markup."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("enter", "choose", show=False),
    ]
    COMPONENT_CLASSES = {"demo-list--header", "demo-list--cursor", "demo-list--hint"}
    COLUMNS = (13, 12, 17)  # RUC, ID. Usuario, Contraseña; Clase takes the rest
    GAP = "  "

    cursor = reactive(0)

    class Chosen(Message):
        def __init__(self, account: DemoAccount) -> None:
            super().__init__()
            self.account = account

    def __init__(
        self,
        accounts: list[DemoAccount],
        *,
        certificate: tuple[str, str, str] | None = None,
        id: str,
        classes: str,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.accounts = accounts
        # The sample .p12's path, PIN and the account it logs in (Certificado), under the hint.
        self.certificate = certificate

    def _line(self, cells: list[str], width: int) -> Text:
        widths = [*self.COLUMNS, max(5, width - sum(self.COLUMNS) - len(self.GAP) * 3)]
        line = Text(no_wrap=True, end="")
        for i, (cell, cell_width) in enumerate(zip(cells, widths, strict=True)):
            piece = safe(cell, single_line=True)
            piece.truncate(cell_width, overflow="ellipsis", pad=True)
            if i:
                line.append(self.GAP)
            line.append_text(piece)
        return line

    def render(self) -> Text:
        width = self.content_size.width or 76
        header = self._line([_("RUC"), _("ID. Usuario"), _("Contraseña"), _("Clase")], width)
        header.stylize(self.get_component_rich_style("demo-list--header"))
        lines = [header]
        for index, account in enumerate(self.accounts):
            line = self._line(
                [
                    account.ruc or "—",
                    account.username,
                    account.password,
                    user_class_label(account.user_class),
                ],
                width,
            )
            if index == self.cursor and self.has_focus:
                line.stylize(self.get_component_rich_style("demo-list--cursor"))
            lines.append(line)
        hint = Text(_("Enter en una fila copia la cuenta al formulario."), no_wrap=True, end="")
        hint.stylize(self.get_component_rich_style("demo-list--hint"))
        lines.append(hint)
        if self.certificate is not None:
            path, pin, user = self.certificate
            about = _("Certificado de muestra (.p12, sin validez) de {usuario}, PIN {pin}:").format(
                usuario=user, pin=pin
            )
            lines.append(safe(about, single_line=True))
            lines.append(safe("  " + path, single_line=True))
        return Text("\n", no_wrap=True).join(lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # header, rows, hint, and the sample certificate's two lines
        return len(self.accounts) + 2 + (2 if self.certificate is not None else 0)

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(len(self.accounts) - 1, self.cursor + step))

    def action_choose(self) -> None:
        if self.accounts:
            self.post_message(self.Chosen(self.accounts[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        row = -1 if offset is None else offset.y - 1  # the header line comes first
        if 0 <= row < len(self.accounts):
            self.cursor = row
            self.action_choose()


def demo_certificate_line(app: object) -> tuple[str, str, str] | None:
    """Where the demo's sample certificate is (the command line writes it when the demo
    database opens), with the home folder shown as ~, its PIN and the demo user it logs in;
    None for an app that was not started by the command line in demo mode (nothing wrote a
    certificate)."""
    from ecuapass_tui.services.demo.login_list import (
        DEMO_CERTIFICATE_PIN,
        DEMO_CERTIFICATE_USER,
        demo_certificate_path,
    )

    settings = getattr(app, "settings", None)
    if settings is None or not settings.demo:
        return None
    path = demo_certificate_path(settings.paths.data_dir)
    home = Path.home()
    shown = f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
    return shown, DEMO_CERTIFICATE_PIN, DEMO_CERTIFICATE_USER


def certificate_start_folder(app: object) -> Path:
    """Where the certificate file picker opens: in demo mode the folder of the sample .p12,
    otherwise the home folder."""
    from ecuapass_tui.services.demo.login_list import demo_certificate_path

    settings = getattr(app, "settings", None)
    if settings is not None and settings.demo:
        folder = demo_certificate_path(settings.paths.data_dir).parent
        if folder.is_dir():
            return folder
    return Path.home()
