"""The error lines of a form: each message beside its field, the count at the top; a line goes
as soon as its field is fixed, and the count follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

from ecuapass_tui.forms.engine import FieldError, Invalid, validate
from ecuapass_tui.i18n import ngettext
from ecuapass_tui.texts.fields import field_text
from ecuapass_tui.widgets.form.signals import app_now

if TYPE_CHECKING:
    from ecuapass_tui.forms.attachments import Attachment
    from ecuapass_tui.forms.fields import FormSpec
    from ecuapass_tui.widgets.form.lines import FieldBlock


@dataclass
class Shown:
    """The error lines on screen: how many error lines each block shows, the value each block
    had then, and the blocks the form's own rules flagged (the others came from a service)."""

    counts: dict[str, int] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    by_form: set[str] = field(default_factory=set)


class ErrorLines:
    """FormView's part that shows and clears the error lines (a mixin: it uses the form's
    blocks, values and focus)."""

    spec: FormSpec
    _blocks: dict[str, FieldBlock]
    _shown: Shown

    if TYPE_CHECKING:
        app: Any

        def values(self) -> dict[str, Any]: ...
        def files(self) -> dict[str, list[Attachment]]: ...
        def _value_of(self, key: str) -> str: ...
        def focus_field(self, key: str) -> None: ...
        def _count(self) -> Static: ...
        def _later(self) -> bool: ...
        def _show_when_built(self, errors: list[FieldError]) -> None: ...

    def _block_for(self, field: str) -> FieldBlock | None:
        block = self._blocks.get(field)
        if block is None:
            block = self._blocks.get(field.split(".", 1)[0])
        return block

    def _flagged_by_form(self) -> set[str]:
        """The blocks the form's own rules find wrong in what is typed now."""
        result = validate(self.spec, self.values(), self.files(), now=app_now(self.app))
        if not isinstance(result, Invalid):
            return set()
        return {b.key for e in result.errors if (b := self._block_for(e.field)) is not None}

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message beside its field, the count at the top, focus on the first field."""
        if self._later():
            self._show_when_built(errors)  # every field built first, then as below
            return
        by_block: dict[str, list[str]] = {}
        order: list[FieldBlock] = []
        for error in errors:
            block = self._block_for(error.field)
            if block is None:
                continue
            if block.key not in by_block:
                order.append(block)
            by_block.setdefault(block.key, []).append(field_text(error))
        for key, block in self._blocks.items():
            block.show_error("\n".join(by_block.get(key, [])))
        self._shown = Shown(
            counts={key: len(lines) for key, lines in by_block.items()},
            values={key: self._value_of(key) for key in by_block},
            by_form=self._flagged_by_form() & by_block.keys() if by_block else set(),
        )
        self._show_count(len(errors))
        if order:
            self.focus_field(order[0].key)

    def _show_count(self, n: int) -> None:
        count = self._count()
        if n:
            text = ngettext(
                "Hay {n} error en el formulario.", "Hay {n} errores en el formulario.", n
            ).format(n=n)
            count.update(Text(text))
            count.remove_class("-empty")
        else:
            count.update("")
            count.add_class("-empty")

    def _recheck_errors(self) -> None:
        """After a change: the error line of a field that is fixed goes. A field the form's
        rules flagged is fixed when they no longer do; one a service refused (a taken ID),
        when its value changed."""
        shown = self._shown
        if not shown.counts:
            return
        flagged = self._flagged_by_form()
        for key in list(shown.counts):
            if key in flagged:
                continue
            if key not in shown.by_form and self._value_of(key) == shown.values.get(key):
                continue
            self._blocks[key].show_error("")
            del shown.counts[key]
        self._show_count(sum(shown.counts.values()))

    def clear_errors(self) -> None:
        """No error line and no count."""
        self.show_errors([])
