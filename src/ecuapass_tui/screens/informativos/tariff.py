"""2.1.1 Consulta de arancel: the Harmonized System as a tree (each level loaded when it is
opened), a search by code or words, and a consultation date; Enter on a subpartida shows
its national lines (tariff_lines.py). Administradores and supervisores also import national
lines from a file (docs/arancel.md)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static, Tree
from textual.widgets.tree import TreeNode

from ecuapass_tui import formats
from ecuapass_tui.core.roles import UNLOCKERS
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import FieldRow, OptionScreen
from ecuapass_tui.screens.informativos.tariff_lines import TariffLinesScreen, cut, level_label
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TARIFF_CSS
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos.tariff_dto import (
    SearchResult,
    TariffHit,
    TariffNodeRow,
    dotted,
)
from ecuapass_tui.services.informativos.tariff_import import ImportRefused, ImportResult
from ecuapass_tui.services.informativos.tariff_parse import MAX_BYTES
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.texts.tariff import ATTRIBUTION
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

SHOWN_PROBLEMS = 8


class TariffScreen(OptionScreen):
    OPTION_NUMBER = "2.1.1"
    CSS_PATH = TARIFF_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("f2", "tree", N_("Árbol"), id="tariff-tree"),
        Binding("f3", "search", N_("Buscar código"), id="tariff-search"),
        Binding("f4", "pick", N_("Importar líneas"), id="tariff-import"),
    ]

    hits: tuple[TariffHit, ...] = ()

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Vertical(id="tariff-fields"):
            yield FieldRow(
                _("Código o palabras"),
                Field(max_length=80, compact=True, id="tariff-query", classes="tariff-field"),
                name="query",
            )
            yield FieldRow(
                _("Fecha de consulta"),
                Field(max_length=10, compact=True, id="tariff-date", classes="tariff-field"),
                name="fecha",
            )
        tree: Tree[str] = Tree(_("Nomenclatura SA 2022"), data="", id="tariff-tree")
        yield tree
        yield DataTable(cursor_type="row", id="tariff-hits")
        yield Static("", id="tariff-result", classes="tariff-note")
        yield Static(Text(_(ATTRIBUTION)), id="tariff-source", classes="tariff-note")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#tariff-date", Field).value = formats.day(self.desk.today())
        hits = self.query_one("#tariff-hits", DataTable)
        hits.add_column(_("Código"), width=14)
        hits.add_column(_("Nivel"), width=10)
        hits.add_column(_("Descripción"), width=48)
        hits.display = False
        self.query_one("#tariff-result").display = False
        self.load_children(self.query_one("#tariff-tree", Tree).root)
        self.query_one("#tariff-query", Field).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return self.actor.user_class in UNLOCKERS
        return True

    # -- the tree
    def load_children(self, node: TreeNode[str]) -> None:
        actor, parent = self.actor, node.data or ""
        run_job(
            self,
            lambda: self.desk.tariff_children(actor, parent),
            lambda rows: self.add_children(node, rows),
            name="tariff-children",
            exclusive=False,
        )

    def add_children(self, node: TreeNode[str], rows: list[TariffNodeRow]) -> None:
        for row in rows:
            label = cut(f"{dotted(row.code)}  {row.description}", 70)
            node.add(label, data=row.code, allow_expand=row.has_children)
        node.expand()

    @on(Tree.NodeExpanded, "#tariff-tree")
    def expanded(self, event: Tree.NodeExpanded[str]) -> None:
        if not event.node.children and event.node.allow_expand:
            self.load_children(event.node)

    @on(Tree.NodeSelected, "#tariff-tree")
    def tree_selected(self, event: Tree.NodeSelected[str]) -> None:
        if not event.node.allow_expand and event.node.data:
            self.open_lines(event.node.data)

    def action_tree(self) -> None:
        self.query_one("#tariff-hits").display = False
        tree = self.query_one("#tariff-tree", Tree)
        tree.display = True
        tree.focus()

    def action_search(self) -> None:
        self.query_one("#tariff-query", Field).focus()

    # -- the search
    @on(Field.Submitted, "#tariff-query")
    def searched(self, event: Field.Submitted) -> None:
        actor, query = self.actor, event.value
        if not query.strip():
            self.action_tree()
            return
        run_job(
            self,
            lambda: self.desk.tariff_search(actor, query),
            self.show_hits,
            name="tariff-search",
        )

    def show_hits(self, result: SearchResult) -> None:
        self.hits = result.hits
        table = self.query_one("#tariff-hits", DataTable)
        table.clear()
        for hit in result.hits:
            table.add_row(
                Text(dotted(hit.code)), Text(level_label(hit.level)), cut(hit.description, 48)
            )
        self.query_one("#tariff-tree").display = False
        table.display = True
        if result.hits:
            table.focus()
        self.note(
            _("Hay más resultados: escriba más palabras o más dígitos.")
            if result.more
            else ""
            if result.hits
            else _("Sin resultados.")
        )

    @on(DataTable.RowSelected, "#tariff-hits")
    def hit_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.hits):
            hit = self.hits[event.cursor_row]
            if hit.subpartida:
                self.open_lines(hit.subpartida)
            else:
                self.note(_("Elija una subpartida (6 dígitos) o una línea nacional."))

    def open_lines(self, subpartida: str) -> None:
        self.query_one("#row-fecha", FieldRow).show_error(None)
        self.app.push_screen(
            TariffLinesScreen(subpartida, self.query_one("#tariff-date", Field).value)
        )

    def note(self, message: str) -> None:
        shown = self.query_one("#tariff-result", Static)
        shown.update(safe(message))
        shown.display = bool(message)

    # -- the staff's import
    def action_pick(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.run_import(path)

        self.app.push_screen(FilePicker(Path.home(), _("Archivo de líneas nacionales")), chosen)

    def run_import(self, path: Path) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self._import(actor, path),
            lambda result: self.imported(path, result),
            name="tariff-import",
            refused=lambda error: self.import_refused(path, error),
        )

    def _import(self, actor: Actor, path: Path) -> ImportResult | str:
        try:
            with path.open("rb") as handle:
                content = handle.read(MAX_BYTES + 1)
        except OSError as error:
            return _("No se pudo leer el archivo: {motivo}").format(motivo=error.strerror)
        return self.desk.import_tariff_lines(actor, content)

    def imported(self, path: Path, result: ImportResult | str) -> None:
        if isinstance(result, str):
            self.note(f"✘ {path.name}: {result}")
            return
        self.note(
            "✔ "
            + _("{archivo}: {nuevas} líneas nuevas, {reemplazadas} reemplazadas.").format(
                archivo=path.name, nuevas=result.added, reemplazadas=result.replaced
            )
        )

    def import_refused(self, path: Path, error: Exception) -> None:
        lines = [f"✘ {path.name}: {error_text(error)}"]  # type: ignore[arg-type]
        problems = error.problems if isinstance(error, ImportRefused) else []
        for problem in problems[:SHOWN_PROBLEMS]:
            where = _("Línea {n}").format(n=problem.line) if problem.line else _("Archivo")
            column = f" ({problem.column})" if problem.column else ""
            lines.append(f"{where}{column}: {text(problem.code, **problem.params)}")
        self.note("\n".join(lines))
