"""2.6 Catálogos: OCE types, customs districts, provinces and cantons."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, TabbedContent, TabPane

from ecuapass_tui.i18n import _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.services.catalogs import CatalogRow
from ecuapass_tui.widgets.safe import safe

CATALOGS = ("oce_types", "districts", "provinces", "cantons")


class CatalogsScreen(OptionScreen):
    OPTION_NUMBER = "2.6"

    class Loaded(Message):
        def __init__(self, name: str, rows: list[CatalogRow]) -> None:
            super().__init__()
            self.name = name
            self.rows = rows

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        titles = {
            "oce_types": (_("Tipos de OCE"), (_("Código"), _("Tipo de OCE"))),
            "districts": (_("Distritos aduaneros"), (_("Código"), _("Distrito"))),
            "provinces": (_("Provincias"), (_("Código"), _("Provincia"), "ISO 3166-2")),
            "cantons": (_("Cantones"), (_("Código"), _("Cantón"), _("Provincia"))),
        }
        with TabbedContent(id="catalog-tabs"):
            for name in CATALOGS:
                title, columns = titles[name]
                with TabPane(title, id=f"tab-{name}"):
                    table: DataTable[object] = DataTable(id=f"table-{name}", cursor_type="row")
                    table.add_columns(*columns)
                    yield table
        yield from self.compose_footer()

    def on_mount(self) -> None:
        for name in CATALOGS:
            self.load(name)

    @work(thread=True, name="catalog-load")
    def load(self, name: str) -> None:
        self.post_message(self.Loaded(name, self.desk.catalog(name, self.actor.language)))

    def on_catalogs_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one(f"#table-{message.name}", DataTable)
        for row in message.rows:
            cells = [safe(row.code, single_line=True), safe(row.name, single_line=True)]
            if row.extra:
                cells.append(safe(row.extra, single_line=True))
            table.add_row(*cells)
        if message.name == "oce_types":
            table.focus()
