"""2.1.2 Consulta de tasa de moneda: the units of each currency per US dollar on a day (the
latest rate on or before it, with the day it was published for and its source), and a
converter of an amount in a currency to dollars on a day (the conversion the tax estimate
uses)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Static

from ecuapass_tui import formats
from ecuapass_tui.i18n import _
from ecuapass_tui.screens.base import FieldRow, OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.informativos.rates import Conversion, RatesTable
from ecuapass_tui.store.models_rates import ECB_SOURCE
from ecuapass_tui.texts import text
from ecuapass_tui.widgets.columns import text_cell
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

DAY_RESTRICT = r"[0-9/\-]*"
AMOUNT_RESTRICT = r"[0-9.,]*"
CONVERTER_FIELDS = ("amount", "currency", "day")


def source_label(source: str) -> str:
    """The source of a rate as the user reads it (never "BCE" alone: in Ecuador that is the
    Banco Central del Ecuador)."""
    if source == ECB_SOURCE:
        return _("Banco Central Europeo (ECB), tasas de referencia")
    return source


def describe_conversion(found: Conversion) -> str:
    usd = formats.number(found.usd, 2)
    amount = formats.number(found.amount, 2)
    if found.rate is None:
        return _("{monto} USD = USD {usd}").format(monto=amount, usd=usd)
    return _(
        "{monto} {moneda} = USD {usd}\nTasa: {tasa} {moneda} por USD del {fecha}. Fuente: {fuente}."
    ).format(
        monto=amount,
        moneda=found.currency,
        usd=usd,
        tasa=formats.number(found.rate.units_per_usd, 6),
        fecha=formats.day(found.rate.day),
        fuente=source_label(found.rate.source),
    )


class RatesScreen(OptionScreen):
    OPTION_NUMBER = "2.1.2"

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll():
            with Vertical(classes="section") as rates:
                rates.border_title = _("Tasas por dólar de los Estados Unidos")
                yield FieldRow(
                    _("Fecha"),
                    Field(max_length=10, restrict=DAY_RESTRICT, compact=True, id="table_day"),
                    name="table_day",
                )
                table: DataTable[Text] = DataTable(id="rates", cursor_type="row", cell_padding=1)
                table.styles.height = 8
                yield table
                yield Static("", id="sources")
            with Vertical(classes="section") as converter:
                converter.border_title = _("Convertir a dólares")
                yield FieldRow(
                    _("Monto"),
                    Field(max_length=20, restrict=AMOUNT_RESTRICT, compact=True, id="amount"),
                    name="amount",
                )
                yield FieldRow(
                    _("Moneda"),
                    Field(max_length=3, restrict=r"[A-Za-z]*", compact=True, id="currency"),
                    name="currency",
                )
                yield FieldRow(
                    _("Fecha"),
                    Field(max_length=10, restrict=DAY_RESTRICT, compact=True, id="day"),
                    name="day",
                )
                yield Button(_("Convertir"), id="convert", variant="primary", compact=True)
                yield Static("", id="converted")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one("#rates", DataTable)
        table.add_column(_("Código"), width=6)
        table.add_column(_("Moneda"), width=24)
        table.add_column(_("Unidades por USD"), width=18)
        table.add_column(_("Fecha tasa"), width=10)
        table.add_column(_("Fuente"), width=6)
        self.query_one("#converted").display = False
        self.query_one("#table_day", Field).focus()
        self.load(None)

    # -- the table of the day
    @on(Field.Submitted, "#table_day")
    def asked_day(self, event: Field.Submitted) -> None:
        self.load(event.value)

    def load(self, day: str | None) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.exchange_rates(actor, day),
            self.show_rates,
            name="rates-load",
            group="rates-load",
            refused=self.table_refused,
            refusal=FieldErrors,
        )

    def table_refused(self, error: FieldErrors) -> None:
        self.query_one("#row-table_day", FieldRow).show_error(text(error.rules["table_day"]))

    def show_rates(self, found: RatesTable) -> None:
        self.query_one("#row-table_day", FieldRow).show_error(None)
        self.query_one("#table_day", Field).value = formats.day(found.day)
        converter_day = self.query_one("#day", Field)
        if not converter_day.value:
            converter_day.value = formats.day(found.day)
        language = self.actor.language
        sources: list[str] = []
        table = self.query_one("#rates", DataTable)
        table.clear()
        for rate in found.rates:
            if rate.source not in sources:
                sources.append(rate.source)
            table.add_row(
                Text(rate.currency),
                text_cell(formats.currency_name(rate.currency, language)),
                Text(formats.number(rate.units_per_usd, 6), justify="right"),
                Text(formats.day(rate.day)),
                Text(f"[{sources.index(rate.source) + 1}]"),
            )
        if not found.rates:
            table.add_row(Text(_("No hay tasas registradas en esa fecha ni antes."), style="dim"))
        legend = [f"[{n}] {source_label(source)}" for n, source in enumerate(sources, start=1)]
        self.query_one("#sources", Static).update(safe("\n".join(legend)))

    # -- the converter
    @on(Button.Pressed, "#convert")
    @on(Field.Submitted, "#amount, #currency, #day")
    def convert(self) -> None:
        amount, currency, day = (self.query_one(f"#{n}", Field).value for n in CONVERTER_FIELDS)
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.convert_to_usd(actor, amount, currency, day),
            self.converted,
            name="rates-convert",
            group="rates-convert",
            refused=self.convert_refused,
            refusal=FieldErrors,
        )

    def convert_refused(self, error: FieldErrors) -> None:
        for name in CONVERTER_FIELDS:
            code = error.rules.get(name)
            self.query_one(f"#row-{name}", FieldRow).show_error(text(code) if code else None)
        self.query_one("#converted").display = False
        first = next(name for name in CONVERTER_FIELDS if name in error.rules)
        self.query_one(f"#{first}", Field).focus()

    def converted(self, found: Conversion) -> None:
        for name in CONVERTER_FIELDS:
            self.query_one(f"#row-{name}", FieldRow).show_error(None)
        shown = self.query_one("#converted", Static)
        shown.update(safe(describe_conversion(found)))
        shown.display = True
