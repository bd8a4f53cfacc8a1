"""3.2.5 Permisos de empleados: the Representante picks an Empleado of the company, then grants
or revokes each menu option (Space or Enter toggles; the store is changed at once)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.services.cuentas.permissions import (
    ALWAYS_ALLOWED,
    EmployeeGrants,
    grantable_options,
)
from ecuapass_tui.texts import error_text, user_state
from ecuapass_tui.widgets.safe import safe


class PermissionsScreen(OptionScreen):
    OPTION_NUMBER = "3.2.5"
    CSS_PATH = CUENTAS_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Volver"), id="back"),
        Binding("space", "toggle_grant", N_("Asignar/Quitar"), id="toggle-grant"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.employees: list[EmployeeGrants] = []
        self.options = grantable_options()

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        table: DataTable[object] = DataTable(id="permisos-employees", cursor_type="row")
        table.add_columns(_("ID. Usuario"), _("Empleado"), _("Estado"), _("Opciones"))
        yield table
        yield Static("", id="permisos-note", classes="cuentas-note")
        yield OptionList(id="permisos-options")
        always = ", ".join(sorted(ALWAYS_ALLOWED))
        yield Static(
            _("Siempre permitidas (datos propios e información pública): {lista}").format(
                lista=always
            ),
            classes="hint",
        )
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#permisos-employees", DataTable).focus()
        self.load()

    def load(self, note: str = "") -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.employees(actor),
            lambda employees: self.loaded(employees, note),
            name="permisos-load",
            refused=lambda error: self.loaded([], error_text(error)),
        )

    def loaded(self, employees: list[EmployeeGrants], note: str = "") -> None:
        self.employees = employees
        table = self.query_one("#permisos-employees", DataTable)
        cursor = table.cursor_row
        table.clear()
        for employee in self.employees:
            table.add_row(
                safe(employee.username, single_line=True),
                safe(employee.full_name, single_line=True),
                safe(user_state(employee.state), single_line=True),
                safe(str(len(employee.granted)), single_line=True),
            )
        if not self.employees:
            table.add_row(
                safe(""), safe(_("La empresa no tiene empleados registrados.")), safe(""), safe("")
            )
        elif cursor < len(self.employees):
            table.move_cursor(row=cursor)
        self.query_one("#permisos-note", Static).update(safe(note))
        self._fill_options()

    def employee(self) -> EmployeeGrants | None:
        table = self.query_one("#permisos-employees", DataTable)
        if not self.employees or not 0 <= table.cursor_row < len(self.employees):
            return None
        return self.employees[table.cursor_row]

    @on(DataTable.RowHighlighted, "#permisos-employees")
    def _fill_options(self) -> None:
        employee = self.employee()
        box = self.query_one("#permisos-options", OptionList)
        highlighted = box.highlighted
        box.clear_options()
        if employee is None:
            return
        language = self.actor.language
        for number, title_es, title_en in self.options:
            mark = "[x]" if number in employee.granted else "[ ]"
            title = title_en if language == "en" else title_es
            box.add_option(
                Option(Text(f"{mark} {number} ") + safe(title, single_line=True), id=number)
            )
        if highlighted is not None and highlighted < box.option_count:
            box.highlighted = highlighted

    @on(DataTable.RowSelected, "#permisos-employees")
    def _to_options(self) -> None:
        box = self.query_one("#permisos-options", OptionList)
        box.focus()
        if box.highlighted is None and box.option_count:
            box.highlighted = 0

    @on(OptionList.OptionSelected, "#permisos-options")
    def _selected(self) -> None:
        self.action_toggle_grant()

    def action_toggle_grant(self) -> None:
        employee = self.employee()
        box = self.query_one("#permisos-options", OptionList)
        if employee is None or box.highlighted is None:
            return
        number = box.get_option_at_index(box.highlighted).id
        if number:
            self.toggle(employee, number, number not in employee.granted)

    def toggle(self, employee: EmployeeGrants, number: str, grant: bool) -> None:
        actor = self.actor
        note = _("{opcion} asignada a {id}.") if grant else _("{opcion} retirada a {id}.")
        run_job(
            self,
            lambda: self.desk.set_permission(actor, employee.user_id, number, grant),
            lambda _done: self.load(note.format(opcion=number, id=employee.username)),
            name="permisos-toggle",
            refused=lambda error: self.loaded(self.employees, error_text(error)),
        )
