"""A subpartida's national lines on the consultation date (2.1.1): the path above it, the
lines, the highlighted line's detail (rates, vigencia, documentos de control previo), the
demo's sample mark and the source of the texts."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ecuapass_tui import formats
from ecuapass_tui.i18n import N_, Labels, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.informativos.tax_estimate import TaxEstimateScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TARIFF_CSS
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.informativos.tariff_dto import (
    NationalLine,
    SubpartidaLines,
    dotted,
)
from ecuapass_tui.services.informativos.taxes import TaxLine
from ecuapass_tui.texts import text
from ecuapass_tui.texts.tariff import ATTRIBUTION, SAMPLE_MARK
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe

level_label = Labels(
    {
        "seccion": N_("Sección"),
        "capitulo": N_("Capítulo"),
        "partida": N_("Partida"),
        "subpartida": N_("Subpartida"),
        "nacional": N_("Nacional"),
    }
)


def cut(value: str, width: int) -> Text:
    shown = safe(value, single_line=True)
    shown.truncate(width, overflow="ellipsis")
    return shown


def rate(value: object) -> str:
    return "—" if value is None else f"{formats.number(value, 2).rstrip('0').rstrip(',.')} %"  # type: ignore[arg-type]


def line_detail(line: NationalLine) -> str:
    lines = [
        f"{dotted(line.subpartida)} {line.complementario} {line.suplementario}  {line.description}",
        _("Unidad física: {unidad} · Ad valorem: {advalorem} · ICE: {ice}").format(
            unidad=line.unit or "—", advalorem=rate(line.ad_valorem), ice=rate(line.ice)
        ),
        _("Vigente desde {desde} hasta {hasta}").format(
            desde=formats.day(line.valid_from), hasta=formats.day(line.valid_to)
        )
        if line.valid_to
        else _("Vigente desde {desde}, sin fecha de fin").format(
            desde=formats.day(line.valid_from)
        ),
    ]
    if line.controls:
        lines.append(_("Documentos de control previo:"))
        lines.extend(f"  {c.institution}: {c.document}" for c in line.controls)
    else:
        lines.append(_("Sin documentos de control previo."))
    if line.comment:
        lines.append(line.comment)
    return "\n".join(lines)


class TariffLinesScreen(AppScreen):
    CSS_PATH = TARIFF_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Volver"), id="back"),
        Binding("e", "estimate", N_("Estimar tributos"), id="tariff-estimate"),
    ]

    def __init__(self, subpartida: str, on: str) -> None:
        super().__init__()
        self.subpartida = subpartida
        self.on_text = on
        self.lines: tuple[NationalLine, ...] = ()

    def compose(self) -> ComposeResult:
        yield title_bar(
            _("ECUAPASS · 2.1.1 Subpartida {codigo}").format(codigo=dotted(self.subpartida))
        )
        yield Static("", id="tariff-path", classes="tariff-note")
        yield DataTable(cursor_type="row", id="tariff-lines")
        yield Static("", id="tariff-sample", classes="tariff-sample")
        yield Static("", id="tariff-detail")
        yield Static(Text(_(ATTRIBUTION)), id="tariff-source", classes="tariff-note")
        yield LocalFooter()

    def on_mount(self) -> None:
        table = self.query_one("#tariff-lines", DataTable)
        table.add_column(_("Código"), width=23)
        table.add_column(_("Descripción"), width=34)
        table.add_column(_("Ad val."), width=7)
        table.add_column(_("ICE"), width=6)
        self.query_one("#tariff-sample").display = False
        actor, code, on = self.actor, self.subpartida, self.on_text
        run_job(
            self,
            lambda: self.desk.tariff_lines(actor, code, on),
            self.show,
            name="tariff-lines",
            refused=self.refused,
            refusal=FieldErrors,
        )

    def refused(self, error: FieldErrors) -> None:
        self.query_one("#tariff-path", Static).update(
            safe(text(error.rules.get("fecha", "invalid")))
        )

    def show(self, found: SubpartidaLines) -> None:
        self.lines = found.lines
        path = Text("\n").join(
            cut(f"{dotted(n.code)}  {n.description}", 78) for n in found.path[1:]
        )
        self.query_one("#tariff-path", Static).update(path)
        table = self.query_one("#tariff-lines", DataTable)
        for line in found.lines:
            code = f"{dotted(line.subpartida)} {line.complementario} {line.suplementario}"
            table.add_row(
                Text(code),
                cut(line.description, 34),
                Text(rate(line.ad_valorem)),
                Text(rate(line.ice)),
            )
        if not found.lines:
            self.query_one("#tariff-detail", Static).update(
                safe(
                    _("Sin líneas nacionales vigentes el {fecha}.").format(
                        fecha=formats.day(found.on)
                    )
                )
            )
        table.focus()

    @on(DataTable.RowHighlighted, "#tariff-lines")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.lines):
            line = self.lines[event.cursor_row]
            sample = self.query_one("#tariff-sample", Static)
            sample.update(Text(_(SAMPLE_MARK)))
            sample.display = line.sample
            self.query_one("#tariff-detail", Static).update(safe(line_detail(line)))

    def action_estimate(self) -> None:
        row = self.query_one("#tariff-lines", DataTable).cursor_row
        if not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        if line.ad_valorem is None:
            self.notify(_("Esta línea no trae su tarifa ad valorem: no se puede estimar."))
            return
        self.app.push_screen(TaxEstimateScreen(tax_line(line)))


def tax_line(line: NationalLine) -> TaxLine:
    return TaxLine(
        code=f"{dotted(line.subpartida)} {line.complementario} {line.suplementario}",
        description=line.description,
        ad_valorem=line.ad_valorem or Decimal(0),
        ice_rate=line.ice,
        sample=line.sample,
    )
