"""The tax estimate of a national tariff line (opened from the line in 2.1.1 Consulta de
arancel): a CIF value, or FOB + flete + seguro (1 % of FOB presumed when left empty), in a
currency, a quantity and a day -> each figure with its base, rate and amount in US dollars,
the total labelled as an estimate, never an official liquidación (docs/tasas.md)."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, DataTable, RadioButton, RadioSet, Static

from ecuapass_tui import formats
from ecuapass_tui.i18n import N_, Labels, _
from ecuapass_tui.screens.base import AppScreen, FieldRow, title_bar
from ecuapass_tui.screens.informativos.rates import AMOUNT_RESTRICT, DAY_RESTRICT, source_label
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.informativos.taxes import Figure, TaxEstimate, TaxLine
from ecuapass_tui.texts import text
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

FIELDS = ("cif", "fob", "flete", "seguro", "currency", "quantity", "day")
VALUE_FIELDS = {"cif": ("cif",), "fob": ("fob", "flete", "seguro")}
SAMPLE = N_("MUESTRA DE DEMOSTRACIÓN — no válida para declarar")
ESTIMATE = N_("estimación, no es una liquidación oficial")

figure_label = Labels(
    {
        "fob": N_("Valor FOB"),
        "flete": N_("Flete"),
        "seguro": N_("Seguro"),
        "cif": N_("Valor en aduana (CIF)"),
        "ad_valorem": N_("Ad valorem"),
        "fodinfa": N_("FODINFA"),
        "ice": N_("ICE"),
        "iva": N_("IVA"),
        "total": N_("Total de tributos"),
    }
)


def percent(rate: Decimal | None) -> str:
    if rate is None:
        return ""
    places = max(0, -int(rate.normalize().as_tuple().exponent))
    return f"{formats.number(rate, places)} %"


def figure_row(figure: Figure) -> tuple[Text, Text, Text, Text]:
    label = figure_label(figure.code)
    if figure.presumed:
        label = _("{concepto} (presunto)").format(concepto=label)
    base = formats.number(figure.base, 2) if figure.base is not None else ""
    style = "bold" if figure.code in ("cif", "total") else ""
    return (
        Text(label, style=style),
        Text(base, justify="right"),
        Text(percent(figure.rate), justify="right"),
        Text(formats.number(figure.amount, 2), justify="right", style=style),
    )


def summary(result: TaxEstimate) -> str:
    lines = [
        _("Total: USD {total} ({etiqueta}). Por unidad ({cantidad}): USD {unidad}.").format(
            total=formats.number(result.total, 2),
            etiqueta=_(ESTIMATE),
            cantidad=formats.number(result.quantity, 0 if result.quantity % 1 == 0 else 4),
            unidad=formats.number(result.per_unit, 2),
        )
    ]
    rate = next((c.rate for c in result.conversions if c.rate is not None), None)
    if rate is not None:
        lines.append(
            _("Tasa: {tasa} {moneda} por USD del {fecha}. Fuente: {fuente}.").format(
                tasa=formats.number(rate.units_per_usd, 6),
                moneda=rate.currency,
                fecha=formats.day(rate.day),
                fuente=source_label(rate.source),
            )
        )
    return "\n".join(lines)


class TaxEstimateScreen(AppScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Volver"), id="back")]

    def __init__(self, line: TaxLine) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        yield title_bar(f"ECUAPASS · {_('Estimación de tributos')}")
        yield Static(
            safe(f"{self.line.code}  {self.line.description}", single_line=True),
            classes="breadcrumb",
        )
        with VerticalScroll():
            if self.line.sample:
                yield Static(Text(_(SAMPLE), style="bold"), id="sample")
            with Vertical(classes="section") as form:
                form.border_title = _("Valores de la mercancía")
                yield RadioSet(
                    RadioButton(_("Valor CIF"), value=True, id="mode-cif"),
                    RadioButton(_("FOB + flete + seguro"), id="mode-fob"),
                    id="mode",
                    compact=True,
                )
                yield from self.value_rows()
                yield Button(_("Estimar"), id="estimate", variant="primary", compact=True)
            table: DataTable[Text] = DataTable(id="figures", cursor_type="row", cell_padding=1)
            table.styles.height = "auto"
            yield table
            yield Static("", id="summary")
        yield LocalFooter()

    def value_rows(self) -> ComposeResult:
        labels = {
            "cif": _("Valor CIF"),
            "fob": _("Valor FOB"),
            "flete": _("Flete"),
            "seguro": _("Seguro"),
            "currency": _("Moneda"),
            "quantity": _("Cantidad"),
            "day": _("Fecha"),
        }
        restrict = {"currency": r"[A-Za-z]*", "day": DAY_RESTRICT}
        lengths = {"currency": 3, "day": 10}
        for name in FIELDS:
            field = Field(
                max_length=lengths.get(name, 20),
                restrict=restrict.get(name, AMOUNT_RESTRICT),
                compact=True,
                id=name,
            )
            if name == "seguro":
                field.placeholder = _("vacío: 1 % del FOB")
            yield FieldRow(labels[name], field, name=name)

    def on_mount(self) -> None:
        self.query_one("#currency", Field).value = "USD"
        self.query_one("#quantity", Field).value = "1"
        self.show_mode("cif")
        table = self.query_one("#figures", DataTable)
        table.add_column(_("Concepto"), width=30)
        table.add_column(_("Base (USD)"), width=14)
        table.add_column(_("Tasa"), width=7)
        table.add_column(_("Valor (USD)"), width=14)
        table.display = False
        self.query_one("#summary").display = False
        self.query_one("#cif", Field).focus()
        run_job(self, self.desk.today, self.today, name="tax-today", group="tax-today")

    def today(self, day: object) -> None:
        found = self.query_one("#day", Field)
        if not found.value:
            found.value = formats.day(day)  # type: ignore[arg-type]

    def mode(self) -> str:
        return "fob" if self.query_one("#mode-fob", RadioButton).value else "cif"

    def show_mode(self, mode: str) -> None:
        for name in ("cif", "fob", "flete", "seguro"):
            self.query_one(f"#row-{name}", FieldRow).display = name in VALUE_FIELDS[mode]
            self.query_one(f"#row-{name}", FieldRow).show_error(None)

    @on(RadioSet.Changed, "#mode")
    def mode_changed(self) -> None:
        self.show_mode(self.mode())

    @on(Button.Pressed, "#estimate")
    @on(Field.Submitted)
    def estimate(self) -> None:
        typed = {name: self.query_one(f"#{name}", Field).value for name in FIELDS}
        typed["mode"] = self.mode()
        actor, line = self.actor, self.line
        run_job(
            self,
            lambda: self.desk.estimate_taxes(actor, line, typed),
            self.estimated,
            name="tax-estimate",
            group="tax-estimate",
            refused=self.refused,
            refusal=FieldErrors,
        )

    def refused(self, error: FieldErrors) -> None:
        for name in FIELDS:
            code = error.rules.get(name)
            self.query_one(f"#row-{name}", FieldRow).show_error(text(code) if code else None)
        self.query_one("#figures").display = False
        self.query_one("#summary").display = False
        first = next((name for name in FIELDS if name in error.rules), None)
        if first is not None:
            self.query_one(f"#{first}", Field).focus()

    def estimated(self, result: TaxEstimate) -> None:
        for name in FIELDS:
            self.query_one(f"#row-{name}", FieldRow).show_error(None)
        table = self.query_one("#figures", DataTable)
        table.clear()
        for figure in result.figures:
            table.add_row(*figure_row(figure))
        table.display = True
        shown = self.query_one("#summary", Static)
        shown.update(safe(summary(result)))
        shown.display = True
        shown.scroll_visible(animate=False)
