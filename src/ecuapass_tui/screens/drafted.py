"""An Ecuapass option whose form keeps a draft: saved while the user types, written at once
when the app must end (SIGHUP, a dropped SSH link), and offered back the next time the form
is opened. Every screen hosting a FormView with id "form" that must lose nothing derives from
`DraftedFormScreen`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from textual import on

from ecuapass_tui.core.clock import format_local
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.i18n import _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.failures import DRAFT_SAVE
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.drafts import Draft, DraftFile
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.widgets.form import FormView

T = TypeVar("T")


def draft_files(files: dict[str, list[Attachment]]) -> tuple[DraftFile, ...]:
    return tuple(
        DraftFile(field, item.name, item.data) for field, items in files.items() for item in items
    )


def form_files(draft: Draft) -> dict[str, list[Attachment]]:
    files: dict[str, list[Attachment]] = {}
    for item in draft.files:
        files.setdefault(item.field, []).append(Attachment(item.name, item.content))
    return files


class DraftedFormScreen(OptionScreen):
    """The draft's whole life; a subclass names its form (`FORM_ID`, or `form_id` set in its
    `__init__`), sends through `storing(job)`, sets `sent` once the form is stored, and calls
    `find_draft()` (or `offer_draft()` with a draft it loaded itself) when it is mounted."""

    FORM_ID: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        self.form_id = self.FORM_ID
        self.sent = False
        self.draft_failing = False
        # A draft save and the send never overlap, and no save follows a stored form: else a
        # save already on its way could write the draft again after the send discarded it.
        self._draft_lock = threading.Lock()
        self._stored = False

    @property
    def form(self) -> FormView:
        return self.query_one("#form", FormView)

    # -- what the draft holds (a subclass may keep more than the form, e.g. a chosen caller)
    def draft_values(self) -> dict[str, Any]:
        return dict(self.form.values())

    def draft_attachments(self) -> tuple[DraftFile, ...]:
        return draft_files(self.form.files())

    def restore_draft(self, draft: Draft) -> None:
        self.form.set_values(dict(draft.values), form_files(draft))

    # -- offered back
    def find_draft(self) -> None:
        actor, form_id = self.actor, self.form_id
        run_job(
            self,
            lambda: self.desk.load_draft(actor, form_id),
            self.offer_draft,
            name="draft-load",
            group="draft-load",
        )

    def offer_draft(self, draft: Draft | None) -> None:
        if draft is None:
            return
        question = _("Tiene un borrador de este formulario guardado el {fecha}. ¿Lo restaura?")
        self.app.push_screen(
            ConfirmScreen(
                question.format(fecha=format_local(draft.updated_at)),
                _("Restaurar"),
                _("Descartar"),
                escape_answer=True,
            ),
            lambda restore: self._answered(draft, bool(restore)),
        )

    def _answered(self, draft: Draft, restore: bool) -> None:
        if restore:
            self.restore_draft(draft)
        else:
            self.discard_draft()

    def discard_draft(self) -> None:
        actor, form_id = self.actor, self.form_id
        run_job(
            self,
            lambda: self.desk.discard_draft(actor, form_id),
            lambda _discarded: None,
            name="draft-discard",
            group="draft-discard",
        )

    # -- saved while typing, and at once on SIGHUP
    @on(FormView.Changed, "#form")
    def form_changed(self) -> None:
        self.save_draft_later()

    def save_draft_later(self) -> None:
        if not self.sent:
            self._save_draft(self.draft_values(), self.draft_attachments())

    def _save_draft(self, values: dict[str, Any], files: tuple[DraftFile, ...]) -> None:
        actor, form_id = self.actor, self.form_id

        def save() -> None:
            with self._draft_lock:
                if not self._stored:
                    self.desk.save_draft(actor, form_id, values, files)

        run_job(
            self,
            save,
            self._draft_saved,
            name=DRAFT_SAVE,
            group=DRAFT_SAVE,
        )

    def _draft_saved(self, _saved: object) -> None:
        self.draft_failing = False

    # -- sent
    def storing(self, job: Callable[[], T]) -> Callable[[], T]:
        """`job` (the send, in a worker) run apart from any draft save; once it has stored the
        form, no draft is saved again."""

        def send() -> T:
            with self._draft_lock:
                result = job()
                self._stored = True
                return result

        return send

    def refused(self, error: ServiceError) -> None:
        """The service refused the form: its field errors go beside their fields, any other
        refusal (a rule without a field of the form) in a notification; what was typed stays."""
        if isinstance(error, FieldErrors) and error.errors:
            self.form.show_errors(error.errors)
            return
        if isinstance(error, FieldErrors):
            message = " ".join(text(code) for code in error.rules.values())
        else:
            message = error_text(error)
        self.notify(message, severity="error", markup=False)

    def show_failure(self, message: str, worker: str) -> None:
        """A draft that could not be saved is said once (not at every key) until one is saved
        again; the form keeps every value, and the next key saves the whole draft."""
        if worker != DRAFT_SAVE:
            super().show_failure(message, worker)
        elif not self.draft_failing:
            self.draft_failing = True
            text = _("No se pudo guardar el borrador: {motivo}").format(motivo=message)
            self.notify(text, severity="warning", markup=False, timeout=10)

    def flush_draft(self) -> None:
        """Save now, on this thread: the app is about to end (SIGHUP)."""
        if self.sent:
            return
        with self._draft_lock:
            if not self._stored:
                self.desk.save_draft(
                    self.actor, self.form_id, self.draft_values(), self.draft_attachments()
                )
