"""2.6 Catálogos: OCE types, customs districts, provinces and cantons.

Each column shows what users know: SENAE's district codes, INEC's province and canton codes,
the OCE types by their names (their keys are this program's own ids, never shown). A text
longer than its column ends with "…"."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, TabbedContent, TabPane

from ecuapass_tui.i18n import _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.catalogs import CatalogRow
from ecuapass_tui.widgets.safe import safe

CATALOGS = ("oce_types", "districts", "provinces", "cantons")
# The widest name and extra column of each catalog, so that every column fits 80 columns
# (today's names all fit); a longer name ends with "…" instead of running off the screen.
WIDTHS = {"oce_types": (60, 0), "districts": (30, 0), "provinces": (30, 12), "cantons": (32, 30)}


def cut(value: str, width: int) -> Text:
    text = safe(value, single_line=True)
    text.truncate(width, overflow="ellipsis")
    return text


class CatalogsScreen(OptionScreen):
    OPTION_NUMBER = "2.6"

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        titles = {
            "oce_types": (_("Tipos de OCE"), (_("N.º"), _("Tipo de OCE"))),
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
        """The four catalogs in one job, shown at once: one repaint instead of four."""
        language = self.actor.language
        run_job(
            self,
            lambda: {name: self.desk.catalog(name, language) for name in CATALOGS},
            self.fill_all,
            name="catalog-load",
        )

    def fill_all(self, catalogs: dict[str, list[CatalogRow]]) -> None:
        for name, rows in catalogs.items():
            self.fill(name, rows)

    def fill(self, name: str, rows: list[CatalogRow]) -> None:
        table = self.query_one(f"#table-{name}", DataTable)
        for number, row in enumerate(rows, start=1):
            code = str(number) if name == "oce_types" else row.code
            name_width, extra_width = WIDTHS[name]
            cells = [cut(code, 8), cut(row.name, name_width)]
            if row.extra:
                cells.append(cut(row.extra, extra_width))
            table.add_row(*cells)
        if name == "oce_types":
            table.focus()
