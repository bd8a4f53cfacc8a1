"""MS.7 Cifras de la Mesa de Servicios (staff): Volumen de Atenciones and Volumen de Quejas
per month, counted from this installation's tickets and as SENAE publishes them (seeds 000
and 001). Both tables newest month first; a bar of blocks per month, readable without colour."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ecuapass_tui.formats import integer, number
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import MESA_CSS
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.mesa.figures import MonthFigure
from ecuapass_tui.texts import error_text
from ecuapass_tui.texts.mesa import figures_series
from ecuapass_tui.widgets.safe import safe

MONTHS = 18
SERIES = ("mesa", "tracking")
LOCAL_BAR = 22
PUBLISHED_BAR = 36
EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, top: int, width: int) -> str:
    """`value` as blocks on a scale where `top` fills `width` cells (eighths of a cell)."""
    if top <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value * width * 8 / top))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def count(value: int) -> str:
    return integer(value)


def rating_text(value: float | None) -> str:
    return "—" if value is None else number(value, 1)


def share_text(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


@dataclass(frozen=True)
class Figures:
    local: list[MonthFigure]
    published: dict[str, list[MonthFigure]]
    note: str = ""


class MesaFiguresScreen(OptionScreen):
    OPTION_NUMBER = "MS.7"
    CSS_PATH = MESA_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("s", "switch_series", N_("Otra serie"), id="switch-series"),
        Binding("f5", "reload", N_("Actualizar"), id="reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.series = SERIES[0]
        self.local: list[MonthFigure] = []
        self.published: dict[str, list[MonthFigure]] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            _("Esta instalación (últimos {n} meses)").format(n=MONTHS),
            id="figures-local-title",
            classes="figures-title",
            markup=False,
        )
        local: DataTable[object] = DataTable(id="figures-local", cursor_type="row")
        local.add_column(_("Mes"), key="mes", width=7)
        local.add_column(_("Atenciones"), key="atenciones", width=10)
        local.add_column(_("Quejas"), key="quejas", width=6)
        local.add_column(_("Calif."), key="calificacion", width=6)
        local.add_column(_("A tiempo"), key="a_tiempo", width=8)
        local.add_column(_("Atenciones por mes"), key="barra", width=LOCAL_BAR)
        yield local
        yield Static("", id="figures-published-title", classes="figures-title", markup=False)
        published: DataTable[object] = DataTable(id="figures-published", cursor_type="row")
        published.add_column(_("Mes"), key="mes", width=7)
        published.add_column(_("Atenciones"), key="atenciones", width=10)
        published.add_column(_("Quejas"), key="quejas", width=6)
        published.add_column(_("Atenciones por mes"), key="barra", width=PUBLISHED_BAR)
        yield published
        note = Static("", id="figures-note", markup=False)
        note.display = False  # shown only when the figures could not be read
        yield note
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#figures-local").focus()
        self.show_published()
        self.load()

    def action_reload(self) -> None:
        self.load()

    def action_switch_series(self) -> None:
        self.series = SERIES[(SERIES.index(self.series) + 1) % len(SERIES)]
        self.show_published()

    def load(self) -> None:
        run_job(self, partial(self.read, self.actor), self.fill, name="figures-load")

    def read(self, actor: Actor) -> Figures:
        """The published series, and this installation's figures or why they cannot be read."""
        published = {name: self.desk.published_figures(name) for name in SERIES}
        try:
            return Figures(self.desk.mesa_figures(actor, months=MONTHS), published)
        except ServiceError as error:
            return Figures([], published, error_text(error))

    def fill(self, figures: Figures) -> None:
        self.local, self.published = figures.local, figures.published
        note = self.query_one("#figures-note", Static)
        note.update(safe(figures.note))
        note.display = bool(figures.note)
        table = self.query_one("#figures-local", DataTable)
        table.clear()
        top = max((f.atenciones for f in self.local), default=0)
        for figure in reversed(self.local):
            table.add_row(
                safe(figure.month, single_line=True),
                Text(count(figure.atenciones), justify="right"),
                Text(count(figure.quejas), justify="right"),
                Text(rating_text(figure.rating), justify="right"),
                Text(share_text(figure.on_time), justify="right"),
                Text(bar(figure.atenciones, top, LOCAL_BAR)),
                key=figure.month,
            )
        self.show_published()

    def show_published(self) -> None:
        figures = self.published.get(self.series, [])
        title = figures_series(self.series)
        if figures:
            heading = _("Cifras publicadas por SENAE: {serie}, {desde} a {hasta}").format(
                serie=title, desde=figures[0].month, hasta=figures[-1].month
            )
        else:
            heading = _("Cifras publicadas por SENAE: {serie}").format(serie=title)
        # The key that switches the series is in the footer ("s Otra serie").
        self.query_one("#figures-published-title", Static).update(safe(heading, single_line=True))
        table = self.query_one("#figures-published", DataTable)
        table.clear()
        top = max((f.atenciones for f in figures), default=0)
        for figure in reversed(figures):
            table.add_row(
                safe(figure.month, single_line=True),
                Text(count(figure.atenciones), justify="right"),
                Text(count(figure.quejas), justify="right"),
                Text(bar(figure.atenciones, top, PUBLISHED_BAR)),
                key=figure.month,
            )
