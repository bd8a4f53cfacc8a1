"""2.11 Servicio de información de Despacho/Carga (SENAE Tracking, seed 001): search a cargo by
MRN, BL/AWB/CRT, container, DAI or número de entrega; the list (a page at a time) shows the
company's cargo only; the timeline shows the highlighted one. Up/Down move between cargos,
Tab goes to the timeline, where Up/Down move between stages."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.screens.tramites.common import cell, short_time
from ecuapass_tui.services.tramites.tracking_dto import (
    CargoDetail,
    CargoPage,
    CargoRow,
    StepState,
    TimelineStep,
)
from ecuapass_tui.texts.tramites import channel_label, event_text, money, stage_label
from ecuapass_tui.widgets.columns import FitTable, Flex, text_cell
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe
from ecuapass_tui.widgets.timeline import TimelineEntry, TrackingTimeline, legend

PAGE = 50
CARGO_FLEX = {"who": Flex(14, weight=2), "stage": Flex(16)}


def wrapping(value: str) -> Text:
    """Stored text on one paragraph that wraps at the screen's width."""
    line = safe(value, single_line=True)
    line.no_wrap = False
    return line


def step_note(step: TimelineStep, detail: CargoDetail) -> str:
    if step.step == "canal_asignado" and detail.channel:
        return channel_label(detail.channel)
    if step.step == "aforo" and step.state == StepState.SKIPPED:
        return _("canal automático")
    if step.step == "aforo" and step.stage:
        return stage_label(step.stage).removeprefix(_("Aforo")).strip()
    return event_text(step.detail, detail.transport_doc_type)


def entries(detail: CargoDetail) -> tuple[TimelineEntry, ...]:
    return tuple(
        TimelineEntry(s.state.value, stage_label(s.step), short_time(s.at), step_note(s, detail))
        for s in detail.steps
    )


class TrackingScreen(OptionScreen):
    OPTION_NUMBER = "2.11"
    CSS_PATH = TRAMITES_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("ctrl+f", "find", N_("Buscar carga"), id="tracking-find"),
        Binding("m", "more", N_("Más cargas"), id="tracking-more"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CargoRow] = []
        self.next_cursor: str | None = None
        self.query_text = ""
        self.detail: CargoDetail | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Field(
            placeholder=_("MRN, BL, contenedor, DAI o número de entrega; Enter: buscar"),
            id="tracking-query",
            compact=True,
        )
        yield FitTable(cursor_type="row", id="tracking-cargo", flexible=CARGO_FLEX)
        # The summary and the highlighted stage wrap: a DAI, its amount and an observation
        # are never cut.
        yield Static("", id="tracking-summary", classes="tramites-line tramites-wrap")
        yield TrackingTimeline(id="tracking-timeline")
        yield Static(Text(legend(), style="dim"), id="tracking-legend", classes="tramites-line")
        yield Static("", id="tracking-stage", classes="tramites-line tramites-wrap")
        yield from self.compose_footer()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#tracking-cargo", DataTable)

    @property
    def timeline(self) -> TrackingTimeline:
        return self.query_one("#tracking-timeline", TrackingTimeline)

    def on_mount(self) -> None:
        self.table.add_column(_("MRN"), width=16, key="mrn")
        self.table.add_column(_("Documento"), width=15, key="doc")
        self.table.add_column(_("Consignatario"), width=CARGO_FLEX["who"].minimum, key="who")
        self.table.add_column(_("Etapa"), width=CARGO_FLEX["stage"].minimum, key="stage")
        self.table.focus()
        self.load("", None, append=False)

    # -- loading
    def load(self, query: str, after: str | None, *, append: bool) -> None:
        # A refusal or a fault: screens/failures.py says it (one path for every worker).
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.search_cargo(actor, query, after=after, limit=PAGE),
            lambda page: self.loaded(page, append=append),
            name="tracking-load",
            group="tracking-load",
        )

    def show_cargo(self, cargo_id: int) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.cargo(actor, cargo_id),
            self.shown,
            name="tracking-detail",
            group="tracking-detail",
        )

    def loaded(self, page: CargoPage, *, append: bool) -> None:
        self.next_cursor = page.next_cursor
        if not append:
            self.rows = []
            self.table.clear()
        for row in page.rows:
            self.rows.append(row)
            self.table.add_row(
                cell(row.mrn, 16),
                cell(row.transport_doc, 15),
                text_cell(row.consignee),
                text_cell(stage_label(row.stage)),
                key=str(row.id),
            )
        if not self.rows:
            text = _("No hay cargas que coincidan.") if self.query_text else _("No hay cargas.")
            self.query_one("#tracking-summary", Static).update(Text(text))
            self.timeline.show(())
            self.query_one("#tracking-stage", Static).update("")
        elif not append:
            self.show_cargo(self.rows[0].id)

    @on(Input.Submitted, "#tracking-query")
    def search(self, event: Input.Submitted) -> None:
        self.query_text = event.value
        self.load(event.value, None, append=False)
        self.table.focus()

    @on(DataTable.RowHighlighted, "#tracking-cargo")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        index = event.cursor_row
        if 0 <= index < len(self.rows):
            if self.detail is None or self.detail.id != self.rows[index].id:
                self.show_cargo(self.rows[index].id)
            if index == len(self.rows) - 1 and self.next_cursor:
                self.action_more()

    @on(DataTable.RowSelected, "#tracking-cargo")
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.timeline.focus()

    def shown(self, detail: CargoDetail) -> None:
        self.detail = detail
        declaration = detail.declaration
        parts = [
            f"{detail.transport_doc_type} {detail.transport_doc}",
            " ".join(detail.containers) or _("carga suelta"),
            _("canal: {canal}").format(canal=channel_label(detail.channel)),
        ]
        if declaration and declaration.dai_number:
            parts.append(_("DAI {dai}").format(dai=declaration.dai_number))
            parts.append(money(declaration.liquidation_cents))
        self.query_one("#tracking-summary", Static).update(wrapping(" · ".join(parts)))
        self.timeline.show(entries(detail))

    @on(TrackingTimeline.Highlighted, "#tracking-timeline")
    def stage_highlighted(self, message: TrackingTimeline.Highlighted) -> None:
        if self.detail is None or not 0 <= message.index < len(self.detail.steps):
            return
        step = self.detail.steps[message.index]
        line = stage_label(step.step)
        if step.at is not None:
            line += " · " + short_time(step.at)
        mode = self.detail.transport_doc_type
        if step.who:
            line += " · " + event_text(step.who, mode)
        if step.detail:
            line += " · " + event_text(step.detail, mode)
        self.query_one("#tracking-stage", Static).update(wrapping(line))

    def action_find(self) -> None:
        self.query_one("#tracking-query", Field).focus()

    def action_more(self) -> None:
        if self.next_cursor:
            cursor, self.next_cursor = self.next_cursor, None
            self.load(self.query_text, cursor, append=True)
