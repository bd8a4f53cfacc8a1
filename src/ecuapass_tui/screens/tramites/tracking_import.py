"""MS.4 Importar eventos de carga (CSV): pick a file (columns in docs/tracking_csv.md); either
every line is recorded, or nothing is and each refused line is listed with its number."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ecuapass_tui.i18n import N_, _, ngettext
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.screens.tramites.common import cell
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.tramites.tracking_import import (
    MAX_BYTES,
    ImportProblem,
    ImportRefused,
    ImportResult,
)
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.safe import safe


def problem_text(problem: ImportProblem) -> str:
    return text(problem.code, **problem.params)


class ImportEventsScreen(OptionScreen):
    OPTION_NUMBER = "MS.4"
    CSS_PATH = TRAMITES_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("o", "pick", N_("Elegir archivo CSV"), id="import-pick"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            Text(
                _(
                    "O: elegir un archivo CSV (UTF-8; columnas mrn, etapa, fecha_hora y "
                    "opcionales, ver docs/tracking_csv.md). Se importa todo o nada."
                )
            ),
            id="import-help",
            classes="tramites-body",
        )
        yield Static("", id="import-result", classes="tramites-verdict")
        yield DataTable(cursor_type="row", id="import-problems")
        yield Static("", id="import-current", classes="tramites-body")
        yield from self.compose_footer()

    problems: list[ImportProblem] = []

    def on_mount(self) -> None:
        table = self.query_one("#import-problems", DataTable)
        table.add_column(_("Línea"), width=6)
        table.add_column(_("Columna"), width=18)
        table.add_column(_("Problema"), width=50)
        table.display = False
        self.query_one("#import-help").styles.height = "auto"

    def action_pick(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.run_import(path)

        self.app.push_screen(FilePicker(Path.home(), _("Archivo CSV de eventos")), chosen)

    def run_import(self, path: Path) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self._import(actor, path),
            lambda result: self.imported(result, path),
            name="import-csv",
            group="import",
            refused=lambda error: self.refused(
                path,
                error.problems if isinstance(error, ImportRefused) else [],
                error_text(error),
            ),
        )

    def _import(self, actor: Actor, path: Path) -> ImportResult | str:
        """What was imported, or why the file could not be read."""
        try:
            with path.open("rb") as handle:
                content = handle.read(MAX_BYTES + 1)
        except OSError as error:
            return _("No se pudo leer el archivo: {motivo}").format(motivo=error.strerror)
        return self.desk.import_events(actor, content)

    def imported(self, result: ImportResult | str, path: Path) -> None:
        if isinstance(result, str):
            self.refused(path, [], result)
            return
        line = safe(
            "✔ "
            + ngettext(
                "{archivo}: {n} evento importado",
                "{archivo}: {n} eventos importados",
                result.events,
            ).format(archivo=path.name, n=result.events)
            + " "
            + ngettext("en {c} carga.", "en {c} cargas.", result.cargos).format(c=result.cargos)
        )
        line.stylize("bold green")
        self.query_one("#import-result", Static).update(line)
        self.query_one("#import-problems", DataTable).display = False

    def refused(self, path: Path, problems: list[ImportProblem], message: str) -> None:
        line = safe(f"✘ {path.name}: {message}")
        line.stylize("bold red")
        self.query_one("#import-result", Static).update(line)
        table = self.query_one("#import-problems", DataTable)
        table.clear()
        self.problems = problems
        for problem in problems:
            table.add_row(
                Text(str(problem.line) if problem.line else "—"),
                cell(problem.column, 17),
                cell(problem_text(problem), 50),
            )
        table.display = bool(problems)
        if problems:
            table.focus()

    @on(DataTable.RowHighlighted, "#import-problems")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.problems):
            problem = self.problems[event.cursor_row]
            where = _("Línea {n}").format(n=problem.line) if problem.line else _("Archivo")
            self.query_one("#import-current", Static).update(
                safe(f"{where}: {problem_text(problem)}")
            )
