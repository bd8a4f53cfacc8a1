"""Home (seed 004): top bar, Buzón Electrónico, the four menus and Mi menú 1-6."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.events import Resize
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from ecuapass_tui.core.clock import format_local
from ecuapass_tui.core.menus import MenuOption, options_for, registry, visible_menus
from ecuapass_tui.core.roles import is_staff
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen
from ecuapass_tui.screens.confirm import end_session_asking
from ecuapass_tui.screens.guide import GuideScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.notice import NoticeScreen
from ecuapass_tui.screens.registry import AVAILABLE, open_option
from ecuapass_tui.screens.senae import SenaeScreen
from ecuapass_tui.screens.styles import HOME_CSS
from ecuapass_tui.services.changes import Topic, Watch
from ecuapass_tui.services.dto import Actor, Notice
from ecuapass_tui.texts.cuentas import user_class_label
from ecuapass_tui.widgets.columns import FitTable, Flex, text_cell
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe

MAILBOX_FLEX = {"asunto": Flex(20, weight=8), "de": Flex(5), "para": Flex(8)}


# The mailbox and Mi menú, as one read gives them.
HomeData = tuple[list[Notice], dict[int, str]]


def mailbox_columns(width: int) -> tuple[str, ...]:
    """The mailbox's columns for a terminal `width` columns wide."""
    return (
        "estado",
        *(("de",) if width >= 72 else ()),
        *(("para",) if width >= 100 else ()),
        "asunto",
        "fecha",
    )


MENU_KEYS = {"tramites": "t", "informativos": "i", "soporte": "c", "vue": "u", "mesa": "m"}


def empty_menu_text(menu: str) -> str:
    """Why a menu box is empty: this installation has none of its options, or the user may
    open none of those it has."""
    if not any(o.menu == menu and o.screen in AVAILABLE for o in registry().options):
        return _("Las opciones de este menú aún no están en esta instalación.")
    return _("Ninguna opción de este menú está habilitada para su usuario.")


class HomeScreen(AppScreen):
    CSS_PATH = HOME_CSS
    # Priority: home has no text inputs, and a key typed right after another one (a burst
    # over SSH) must act on the panel the first key moved to, not on the old focus.
    BINDINGS = [
        Binding("b", "mailbox", N_("Buzón"), id="mailbox", priority=True),
        Binding("plus", "add_favourite", N_("Mi menú"), id="add-favourite", priority=True),
        Binding("minus", "remove_favourite", N_("Quitar"), id="remove-favourite", priority=True),
        Binding("g", "guide", N_("Guía"), id="guide", priority=True),
        Binding("s", "senae", N_("SENAE"), id="senae", priority=True),
        Binding("v", "vue", N_("VUE"), id="vue", priority=True),
        Binding("x", "logout", N_("Cerrar sesión"), id="logout", priority=True),
        *[
            Binding(str(n), f"favourite({n})", show=False, id=f"favourite-{n}", priority=True)
            for n in range(1, 7)
        ],
        *[
            Binding(key, f"focus_menu('{menu}')", show=False, id=f"menu-{menu}", priority=True)
            for menu, key in MENU_KEYS.items()
        ],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.notices: list[Notice] = []
        self.favourites: dict[int, str] = {}
        self.mail_stamp: str | None = None
        self._watch: Watch | None = None

    # -- layout
    def compose(self) -> ComposeResult:
        actor = self.actor
        language = actor.language
        staff = is_staff(actor.user_class)
        yield Static(id="top-bar")
        heading = _("Consola de Mesa de Servicios") if staff else "ECUAPASS"
        # The title wraps: a long name and class (the staff's) are never cut.
        title = safe(f"{heading} · {actor.full_name} · {user_class_label(actor.user_class)}")
        yield Static(title, classes="title-bar", id="home-title")
        with Vertical(id="mailbox", classes="section") as box:
            box.border_title = _("Buzón Electrónico · Notificaciones electrónicas")
            yield FitTable(id="mailbox-table", cursor_type="row", flexible=MAILBOX_FLEX)
        options = options_for(actor, AVAILABLE)
        with Grid(id="menus"):
            for menu in visible_menus(actor):
                in_menu = [o for o in options if o.menu == menu.id]
                if staff and not in_menu:
                    continue
                with Vertical(classes="menu-box", id=f"box-{menu.id}") as menu_box:
                    key = MENU_KEYS.get(menu.id, "")
                    menu_box.border_title = escape(f"{menu.title(language)} · {key}")
                    if in_menu:
                        yield OptionList(
                            *[
                                Option(safe(o.label(language), single_line=True), id=o.number)
                                for o in in_menu
                            ],
                            id=f"menu-{menu.id}",
                        )
                    else:
                        yield Static(empty_menu_text(menu.id), classes="menu-empty")
        yield Static("", id="mi-menu")
        yield LocalFooter()

    def on_mount(self) -> None:
        self._mailbox_columns(self.app.size.width)
        self._fill_top_bar(0)
        self.query_one("#mailbox-table", DataTable).focus()
        # The first load comes with the first ScreenResume (on_screen_resume), as every later one.
        # New notices come without a key: the Desk wakes the screen when the Buzón may have
        # changed (services/changes.py), nothing runs meanwhile.
        actor = self.ecuapass.actor
        if actor is not None and not actor.is_guest:
            self._watch = self.desk.watch(
                actor, Topic.MAILBOX, lambda: self.call_later(self.mailbox_changed)
            )

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    def on_screen_resume(self) -> None:
        # Back from an option: what it did may have left a notice (e.g. 3.8 Sugerencias).
        self.load()

    def on_resize(self, event: Resize) -> None:
        self.query_one("#menus").set_class(event.size.width >= 140, "-wide")
        table = self.query_one("#mailbox-table", FitTable)
        if set(table.columns) != set(mailbox_columns(event.size.width)):
            self._mailbox_columns(event.size.width)
            self._fill_mailbox()

    def _mailbox_columns(self, width: int) -> None:
        """The asunto gets the room: a ticket notice's number and what happened to it are in
        it. In narrow terminals the Destinatario (the user's own box) and then De give way."""
        table = self.query_one("#mailbox-table", FitTable)
        table.clear(columns=True)
        columns = mailbox_columns(width)
        table.add_column(_("Estado"), key="estado", width=7)
        if "de" in columns:
            table.add_column(_("De"), key="de", width=5)
        if "para" in columns:
            table.add_column(_("Destinatario"), key="para", width=8)
        table.add_column(_("Asunto"), key="asunto", width=MAILBOX_FLEX["asunto"].minimum)
        table.add_column(_("Fecha"), key="fecha", width=16)
        table.fit_columns()

    # -- data
    def load(self) -> None:
        actor = self.ecuapass.actor
        if actor is None:
            return
        run_job(
            self,
            lambda: (self.desk.mailbox_stamp(actor), self._read(actor)),
            self._stamped_load,
            name="home-load",
        )

    def _stamped_load(self, read: tuple[str, HomeData]) -> None:
        self.mail_stamp, data = read
        self.loaded(data)

    def mailbox_changed(self) -> None:
        """Something that may concern the Buzón changed: re-read it if its stamp moved."""
        actor = self.ecuapass.actor
        if actor is None:
            return
        run_job(
            self,
            lambda: self.desk.mailbox_stamp(actor),
            self.mailbox_stamp_read,
            name="home-stamp",
            group="home-stamp",
            refused=lambda _error: None,
            exit_on_error=False,
        )

    def mailbox_stamp_read(self, stamp: str) -> None:
        # Before the first read is in (mail_stamp None), that read brings the latest.
        if self.mail_stamp is not None and stamp != self.mail_stamp:
            self.mail_stamp = stamp
            self.load()

    def _read(self, actor: Actor) -> HomeData:
        return self.desk.notices(actor), self.desk.favourites(actor)

    def loaded(self, data: HomeData) -> None:
        notices, favourites = data
        if notices != self.notices or not self.query_one("#mailbox-table", FitTable).rows:
            self.notices = notices
            self._fill_mailbox()
        if favourites != self.favourites or not self.query_one("#mi-menu", Static).content:
            self.favourites = favourites
            self._fill_mi_menu()

    def _fill_mailbox(self) -> None:
        table = self.query_one("#mailbox-table", FitTable)
        cursor = table.cursor_row
        table.clear()
        for notice in self.notices:
            cells = {
                "estado": "● " + _("Nuevo") if not notice.read else "  " + _("Leído"),
                "de": notice.sender,
                "para": notice.recipient,
                "asunto": notice.subject,
                "fecha": format_local(notice.created_at)[:16],
            }
            table.add_row(
                *[text_cell(cells[str(k.value)]) for k in table.columns], key=str(notice.id)
            )
        if not self.notices:
            empty = {"asunto": _("No tiene notificaciones.")}
            table.add_row(*[safe(empty.get(str(k.value), "")) for k in table.columns])
        if self.notices:
            table.move_cursor(row=min(cursor, len(self.notices) - 1))
        self._fill_top_bar(sum(1 for n in self.notices if not n.read))

    def _fill_top_bar(self, unread: int) -> None:
        """OCE code, Buzón Electrónico, SENAE, VUE, Guía del uso, Cerrar sesión (seed 004);
        each is reached by the key shown in the footer."""
        mailbox = (
            _("Buzón Electrónico ({n})").format(n=unread) if unread else _("Buzón Electrónico")
        )
        bar = Text(no_wrap=True, overflow="ellipsis")
        if self.actor.oce_code:
            bar.append(f"OCE {self.actor.oce_code}", style="bold")
            bar.append("  ")
        bar.append("  ".join((mailbox, "SENAE", "VUE", _("Guía del uso"), _("Cerrar sesión"))))
        self.query_one("#top-bar", Static).update(bar)

    def _fill_mi_menu(self) -> None:
        language = self.actor.language
        parts = [_("Mi menú") + ":"]
        for slot in range(1, 7):
            number = self.favourites.get(slot)
            option = registry().option(number) if number else None
            parts.append(f"[{slot}] {option.number if option else '·'}")
        self.query_one("#mi-menu", Static).update(safe("  ".join(parts), single_line=True))
        del language

    # -- mailbox
    def action_mailbox(self) -> None:
        self.query_one("#mailbox-table", DataTable).focus()

    @on(DataTable.RowSelected, "#mailbox-table")
    def open_notice(self, event: DataTable.RowSelected) -> None:
        if not self.notices or event.row_key.value is None:
            return
        self.app.push_screen(NoticeScreen(int(event.row_key.value)), self._after_notice)

    def _after_notice(self, _read: bool | None) -> None:
        self.load()

    # -- menus
    @on(OptionList.OptionSelected)
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            open_option(self.app, event.option.id)

    def action_focus_menu(self, menu: str) -> None:
        lists = self.query(f"#menu-{menu}")
        if lists:
            option_list = lists.first(OptionList)
            option_list.focus()
            if option_list.highlighted is None and option_list.option_count:
                option_list.highlighted = 0
        elif self.query(f"#box-{menu}"):
            self.notify(empty_menu_text(menu), markup=False)

    def action_vue(self) -> None:
        self.action_focus_menu("vue")

    # -- Mi menú
    def _focused_option(self) -> MenuOption | None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            option_id = focused.get_option_at_index(focused.highlighted).id
            return registry().option(option_id) if option_id else None
        return None

    def action_add_favourite(self) -> None:
        option = self._focused_option()
        if option is None:
            self.notify(_("Elija primero una opción de un menú."), markup=False)
            return
        self.change_favourite(option.number, add=True)

    def action_remove_favourite(self) -> None:
        option = self._focused_option()
        if option is None:
            self.notify(_("Elija primero una opción de un menú."), markup=False)
            return
        self.change_favourite(option.number, add=False)

    def change_favourite(self, number: str, *, add: bool) -> None:
        # A refusal (Mi menú full) or a fault: screens/failures.py says it.
        actor = self.actor
        run_job(
            self,
            lambda: self._change_favourite(actor, number, add),
            self._favourite_changed,
            name="favourite",
        )

    def _change_favourite(self, actor: Actor, number: str, add: bool) -> tuple[str, HomeData]:
        if add:
            slot = self.desk.add_favourite(actor, number)
            note = _("{numero} está en Mi menú {slot}.").format(numero=number, slot=slot)
        else:
            self.desk.remove_favourite(actor, number)
            note = _("{numero} salió de Mi menú.").format(numero=number)
        return note, self._read(actor)

    def _favourite_changed(self, changed: tuple[str, HomeData]) -> None:
        note, data = changed
        self.notify(note, markup=False)
        self.loaded(data)

    def action_favourite(self, slot: int) -> None:
        number = self.favourites.get(slot)
        if number is None:
            self.notify(
                _("Mi menú {slot} está vacío: elija una opción y pulse +.").format(slot=slot),
                markup=False,
            )
            return
        open_option(self.app, number)

    # -- top bar
    def action_senae(self) -> None:
        self.app.push_screen(SenaeScreen())

    def action_guide(self) -> None:
        self.app.push_screen(GuideScreen())

    def action_logout(self) -> None:
        end_session_asking(self.app, self.ecuapass.end_session)
