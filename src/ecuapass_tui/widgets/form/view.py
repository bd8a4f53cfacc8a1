"""FormView: one widget that renders any form spec (`data/forms/*.toml`, docs/forms.md).

Sections are titled groups; each field is a label (starred when mandatory), its control, its
error line (mounted when needed) and its help. Tab and Shift+Tab follow the spec's order.
`values()` and `files()` give what was typed, raw, for `forms.engine.validate` and for drafts;
`show_errors()` puts each message beside its field and never clears what was typed; an error
line goes as soon as its field is fixed, and the count at the top follows. The fields past the
first screen are built right after the first paint (body.py), each few in place of a blank of
their height.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantBlur, DescendantFocus
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, RadioSet, Select, Static, TextArea
from textual.worker import WorkerState

from ecuapass_tui.core.text import clean
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.engine import FieldError
from ecuapass_tui.forms.fields import FieldSpec, FormSpec, Section
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.widgets.form.attachments import AttachmentList
from ecuapass_tui.widgets.form.body import FormBody, FormSection
from ecuapass_tui.widgets.form.catalog import CatalogSelect
from ecuapass_tui.widgets.form.errors import ErrorLines, Shown
from ecuapass_tui.widgets.form.heights import SECTION_FRAME, field_heights, text_lines
from ecuapass_tui.widgets.form.lines import FieldBlock, field_line, focus_target
from ecuapass_tui.widgets.form.make import Control, make_control
from ecuapass_tui.widgets.form.signals import Refused, Touched
from ecuapass_tui.widgets.safe import safe

JOB_POLL, JOB_WAITS = 0.02, 15  # the fields left for later wait for a job at most 0.3 s


class FormView(ErrorLines, Vertical):
    """Renders `spec`; Ctrl+S (or the Enviar button) posts `Submitted`; any change posts
    `Changed` after `CHANGED_DELAY` seconds of quiet (the screen saves the draft)."""

    DEFAULT_CSS = """
    FormView { height: 1fr; }
    FormView #fv-count { color: $error; text-style: bold; height: auto; padding: 0 1; }
    FormView #fv-count.-empty { display: none; }
    FormView #fv-body { height: 1fr; scrollbar-size-vertical: 1; }
    FormView #fv-body.-long { overflow-y: scroll; }
    FormView .fv-section {
        border: round $primary; border-title-color: $text; border-title-style: bold;
        padding: 0 1; height: auto;
    }
    FormView .fv-section-help { color: $text-muted; height: auto; margin-bottom: 1; }
    FormView .fv-field { height: auto; margin-bottom: 1; }
    FormView .fv-line { height: auto; }
    FormView .fv-label { width: 30; padding-right: 1; height: auto; }
    FormView .fv-line.-wide > .fv-label { width: 1fr; }
    FormView .fv-field.-last { margin-bottom: 0; }
    FormView .fv-line Input, FormView .fv-line Select, FormView .fv-line CatalogSelect,
    FormView .fv-line IdDocumentControl, FormView .fv-line RadioSet { width: 1fr; }
    FormView .fv-line TextArea { height: 5; }
    FormView .fv-help { color: $text-muted; height: auto; }
    FormView .fv-error { color: $error; height: auto; }
    FormView TableControl .fv-line { margin-top: 0; }
    FormView #fv-buttons { height: auto; padding: 0 1; }
    """
    BINDINGS = [Binding("ctrl+s", "submit", N_("Enviar"), id="submit")]
    CHANGED_DELAY: ClassVar[float] = 0.5
    """Seconds without a change before `Changed` is posted (the tests shorten it)."""

    class Changed(Message):
        """Some value changed (posted after `CHANGED_DELAY` s without further changes)."""

        def __init__(self, form_view: FormView) -> None:
            super().__init__()
            self.form_view = form_view

        @property
        def control(self) -> FormView:
            return self.form_view

    class Submitted(Message):
        def __init__(
            self, form_view: FormView, values: dict[str, Any], files: dict[str, list[Attachment]]
        ) -> None:
            super().__init__()
            self.form_view = form_view
            self.values = values
            self.files = files

        @property
        def control(self) -> FormView:
            return self.form_view

    def __init__(
        self,
        spec: FormSpec,
        *,
        language: str,
        values: dict[str, Any] | None = None,
        files: dict[str, list[Attachment]] | None = None,
        start_dir: Path | None = None,
        submit_label: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.spec = spec
        self.submit_label = submit_label
        self.language = language
        self._initial = (values, files)
        self._start_dir = start_dir
        self._controls: dict[str, Control] = {}
        self._attachments: dict[str, AttachmentList] = {}
        self._blocks: dict[str, FieldBlock] = {}
        self._timer: Timer | None = None
        self._draft_state = ""
        self._pristine = ""  # the state as filled in for the user (prefill or restored draft)
        self._shown = Shown()
        self._top = 0  # while composing: the row the next section starts at
        self._left: Widget | None = None  # the widget of the form that last lost focus
        self._waits = 0  # times the fields left for later waited for a job of the screen

    # --- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="fv-count", classes="-empty")
        # The fields that may show on the first screen are built now, the others right
        # after the first paint (`_build_next`), or at once when focus must reach them.
        self._top, width = 0, self.app.size.width - 1
        with FormBody(id="fv-body") as body:
            for section in self.spec.sections:
                yield self._section(section, body, width - SECTION_FRAME)
            # Taller than the screen: the scrollbar is there from the first layout (with
            # `auto`, Textual adds it after a first paint and paints the screen again).
            body.set_class(self._top >= self.app.size.height, "-long")
            self._mark_first_focus()
            with Horizontal(id="fv-buttons"):
                label = self.submit_label or _("Enviar")
                yield Button(label, id="fv-submit", variant="primary", compact=True)

    def _section(self, section: Section, body: FormBody, width: int) -> FormSection:
        """The box of one section: the fields above the first screen's bottom (`_top` is the
        row the next one starts at), then blanks for the others."""
        children: list[Widget] = []
        help_text = section.help(self.language)
        self._top += 1 + (text_lines(help_text, width) + 1 if help_text else 0)
        if help_text:
            children.append(Static(safe(help_text), classes="fv-section-help"))
        blocks = [block for spec in section.fields for block in self._field(spec)]
        heights = [h for spec in section.fields for h in field_heights(spec, self.language, width)]
        # A class given once rather than `:last-of-type`, which restyles each field block
        # and all its widgets again after they are mounted.
        blocks[-1].add_class("-last", update=False)
        now = 0
        while now < len(blocks) and self._top < self.app.size.height:
            self._top += heights[now] + 1
            now += 1
        self._top += sum(heights[now:]) + len(blocks[now:])  # and the bottom border
        children += [*blocks[:now], *body.blanks(blocks[now:], heights[now:])]
        box = FormSection(*children, classes="fv-section", id=f"fv-section-{section.id}")
        box.border_title = escape(clean(section.title(self.language), single_line=True))
        return box

    def _mark_first_focus(self) -> None:
        """The first field's control gets the class `-first-focus`: a screen whose
        `AUTO_FOCUS` names it has the focus there before its first paint (`focus_first`
        after it would paint that field, the widget that had the focus, and the footer
        again)."""
        first = next(iter(self._blocks), None)
        control = self.control(first) if first is not None else None
        if control is not None:
            focus_target(control).add_class("-first-focus", update=False)

    def _count(self) -> Static:
        return self.query_one("#fv-count", Static)

    @property
    def _body(self) -> FormBody:
        return self.query_one("#fv-body", FormBody)

    async def _build_soon(self) -> None:
        """Build the fields left for later once the screen's own jobs (a prefill, a draft)
        are done: what they put in the fields on screen is drawn first, not after every
        group (a job ends while the groups are built, and its values were drawn 50-70 ms
        later). After the screen's next paint: the job's result (queued on the screen) is
        painted before the first group is built."""
        if self._jobs_running() and self._waits < JOB_WAITS:
            self._waits += 1
            self.set_timer(JOB_POLL, self._build_soon, name="form-build")
            return
        if not self._waits:
            await self._build_next()  # no job: right after the first paint
        elif self.is_attached:
            self.screen.call_later(self.screen.call_after_refresh, self._build_next)

    def _jobs_running(self) -> bool:
        screen = self.screen
        running = (WorkerState.PENDING, WorkerState.RUNNING)
        return any(w.node is screen and w.state in running for w in self.app.workers)

    async def _build_next(self) -> None:
        """Build the next few fields left for later (one chunk per call: keys typed
        meanwhile are handled between two)."""
        if not self.is_attached:
            return  # the screen has gone (Escape right after it opened)
        await self._body.build_next()
        if self._body.later:
            self.call_later(self._build_next)

    async def build_all(self) -> None:
        """Build every field still left for later."""
        while self.is_attached and self._body.later:
            await self._build_next()

    def _field(self, spec: FieldSpec) -> Iterator[FieldBlock]:
        key = spec.name
        control: Control | AttachmentList
        if spec.type == "attachments":
            attachments = AttachmentList(spec, self.language, id=f"f-{key}")
            if self._start_dir is not None:
                attachments.start_dir = self._start_dir
            self._attachments[key] = control = attachments
        else:
            control = make_control(spec, self.language, f"f-{key}")
            self._controls[key] = control
        block = FieldBlock(key, field_line(spec, self.language, control), spec.help(self.language))
        self._blocks[key] = block
        yield block
        if spec.type == "password" and spec.confirm:
            key = f"{spec.name}__confirm"
            again = make_control(spec, self.language, f"f-{key}")
            self._controls[key] = again
            label = _("Confirmación de {campo}").format(campo=spec.label(self.language))
            shown = FieldSpec(key, spec.type, label, label, required=spec.required)
            block = FieldBlock(key, field_line(shown, self.language, again), "")
            self._blocks[key] = block
            yield block

    def on_mount(self) -> None:
        values, files = self._initial
        if values or files:
            self.set_values(values or {}, files or {})
        else:
            self._draft_state = self._pristine = self._state()
        if self._body.later:
            self.call_after_refresh(self._build_soon)

    def control(self, name: str) -> Widget | None:
        """The control of field `name`, built or not yet."""
        return self._controls.get(name) or self._attachments.get(name)

    # --- values -----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Raw values as typed, by field name (attachments are in `files()`)."""
        return {name: control.get_raw() for name, control in self._controls.items()}

    def files(self) -> dict[str, list[Attachment]]:
        return {name: list(box.items) for name, box in self._attachments.items()}

    def set_values(
        self, values: dict[str, Any], files: dict[str, list[Attachment]] | None = None
    ) -> None:
        """Restore a draft: every known field gets its value (others are left empty)."""
        for name, control in self._controls.items():
            control.set_raw(values.get(name))
        for name, box in self._attachments.items():
            items = (files or {}).get(name) or []
            box.set_files([item for item in items if isinstance(item, Attachment)])
        self._draft_state = self._pristine = self._state()

    def unsent(self) -> bool:
        """Whether the user typed or attached something since the form was filled in."""
        return self._state() != self._pristine

    def _state(self) -> str:
        files = {n: [(a.name, a.size) for a in items] for n, items in self.files().items()}
        return json.dumps([self.values(), files], sort_keys=True, default=str)

    def _value_of(self, key: str) -> str:
        if key in self._attachments:
            return json.dumps([(a.name, a.size) for a in self._attachments[key].items])
        control = self._controls.get(key)
        raw = control.get_raw() if control is not None else None
        return json.dumps(raw, sort_keys=True, default=str)

    # --- errors -----------------------------------------------------------------------------

    def accepted(self) -> None:
        """The form was sent and stored: no error line, no count, and no older error left in
        a notification under what the screen shows next."""
        self.clear_errors()
        self.app.clear_notifications()

    def focus_first(self) -> None:
        """Focus the first field of the form (a screen calls it once the form is mounted)."""
        first = next(iter(self._blocks), None)
        if first is not None:
            self.focus_field(first)

    def focus_field(self, key: str) -> None:
        block = self._blocks.get(key)
        if block is None:
            return
        if not block.is_attached:
            self.call_later(self._focus_when_built, key)
            return
        control = self._controls.get(key) or self._attachments.get(key)
        target = focus_target(control) if control is not None else block
        target.focus()
        self.call_after_refresh(block.scroll_visible, animate=False, top=False)

    def _later(self) -> bool:
        return bool(self._body.later)

    def _show_when_built(self, errors: list[FieldError]) -> None:
        async def show() -> None:
            await self.build_all()
            self.show_errors(errors)

        self.call_later(show)

    async def _focus_when_built(self, key: str) -> None:
        await self.build_all()
        self.focus_field(key)

    # --- events -----------------------------------------------------------------------------

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self._left = event.widget

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Tab from the last field built reaches Enviar while sections are left: they are
        built, and the focus goes on to the first field of the first of them (not when the
        screen gave Enviar the focus first, from no field)."""
        later, left = self._body.later, self._left
        if later and event.widget.id == "fv-submit" and left is not None and left.id != "fv-submit":
            self.call_later(self._focus_when_built, later[0].first)

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.values(), self.files()))

    @on(Button.Pressed, "#fv-submit")
    def _submit_button(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(RadioSet.Changed)
    @on(Checkbox.Changed)
    @on(CatalogSelect.Picked)
    def _changed(self) -> None:
        self._touch()

    @on(Touched)
    def _touched(self, event: Touched) -> None:
        event.stop()
        if event.name in self._blocks:
            self._blocks[event.name].show_error("")
            if self._shown.counts.pop(event.name, None) is not None:
                self._show_count(sum(self._shown.counts.values()))
        self._touch()

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        event.stop()
        block = self._blocks.get(event.name)
        if block is not None:
            block.show_error(event.message)

    def _touch(self) -> None:
        self._recheck_errors()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.CHANGED_DELAY, self._emit_changed, name="form-changed")

    def _emit_changed(self) -> None:
        self._timer = None
        state = self._state()
        if state != self._draft_state:
            self._draft_state = state
            self.post_message(self.Changed(self))
