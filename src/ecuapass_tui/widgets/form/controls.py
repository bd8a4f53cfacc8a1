"""The simple controls of a form field; each knows its raw value (get_raw / set_raw)."""

from __future__ import annotations

from typing import Any, Protocol

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Mount
from textual.widgets import Checkbox, RadioButton, RadioSet, Select, TextArea

from ecuapass_tui.forms.fields import Option
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

DOCUMENT_TYPES = (("cedula", N_("Cédula")), ("ruc", "RUC"), ("pasaporte", N_("Pasaporte")))


class RawValue(Protocol):
    """What the form asks of every control (simple, catalog, table): its raw value, read as
    the form's spec expects it and put back from a draft."""

    def get_raw(self) -> object: ...

    def set_raw(self, value: object) -> None: ...


def text_of(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


class TextControl(Field):
    def get_raw(self) -> str:
        return self.value

    def set_raw(self, value: object) -> None:
        self.value = text_of(value)


class AreaControl(TextArea):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(tab_behavior="focus", soft_wrap=True, compact=True, **kwargs)
        self.cursor_blink = False

    def get_raw(self) -> str:
        return self.text

    def set_raw(self, value: object) -> None:
        self.load_text(text_of(value))


class FormSelect(Select[str]):
    """A Select that skips its own mount when its screen went while a late section was being
    built (Escape right after the form opened): Textual's then finds no list and fails."""

    def _on_mount(self, event: Mount) -> None:
        if not self.children:
            event.prevent_default()


class ChoiceControl(FormSelect):
    def __init__(self, options: tuple[Option, ...], language: str, **kwargs: Any) -> None:
        self.choices = [o.value for o in options]
        super().__init__(
            [(safe(o.label(language), single_line=True), o.value) for o in options],
            prompt=_("Elija una opción"),
            compact=True,
            **kwargs,
        )

    def get_raw(self) -> str:
        return self.value if isinstance(self.value, str) else ""

    def set_raw(self, value: object) -> None:
        if isinstance(value, str) and value in self.choices:
            self.value = value
        else:
            self.clear()


class RadioControl(RadioSet):
    def __init__(self, options: tuple[Option, ...], language: str, **kwargs: Any) -> None:
        self.choices = [o.value for o in options]
        # Kept: a form may read or fill the set before it is mounted (a section built later).
        self.buttons = [RadioButton(safe(o.label(language), single_line=True)) for o in options]
        super().__init__(*self.buttons, compact=True, **kwargs)

    def get_raw(self) -> str:
        pressed = [c for c, b in zip(self.choices, self.buttons, strict=True) if b.value]
        return pressed[0] if pressed else ""

    def set_raw(self, value: object) -> None:
        for choice, button in zip(self.choices, self.buttons, strict=True):
            button.value = choice == value


class CheckControl(Checkbox):
    def get_raw(self) -> bool:
        return self.value

    def set_raw(self, value: object) -> None:
        self.value = value is True


class IdDocumentControl(Horizontal):
    DEFAULT_CSS = """
    IdDocumentControl { height: auto; }
    IdDocumentControl Select { width: 16; margin-right: 1; }
    IdDocumentControl Input { width: 1fr; }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(classes="id-document")
        self.kind: Select[str] = FormSelect(
            [(_(label), value) for value, label in DOCUMENT_TYPES],
            allow_blank=False,
            value="cedula",
            compact=True,
            id=f"{id}-type",
        )
        self.number = Field(
            restrict=r"[A-Za-z0-9]*", max_length=20, compact=True, id=f"{id}-number"
        )

    def compose(self) -> ComposeResult:
        yield self.kind
        yield self.number

    def get_raw(self) -> dict[str, str]:
        kind = self.kind.value
        return {"type": kind if isinstance(kind, str) else "", "number": self.number.value}

    def set_raw(self, value: object) -> None:
        data = value if isinstance(value, dict) else {}
        kind = data.get("type")
        self.kind.value = kind if kind in {v for v, _label in DOCUMENT_TYPES} else "cedula"
        self.number.value = text_of(data.get("number"))
