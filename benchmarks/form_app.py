"""A small app that shows FormView for one form spec: `python benchmarks/form_app.py <form_id>`.

Used by form_bench.py in a pseudo-terminal (Ctrl+Q quits). Not part of the package.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult

from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.form import FormView


class FormApp(App[None]):
    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.spec = load_spec(form_id)

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.call_after_refresh(self.query_one(FormView).focus_first)

    def compose(self) -> ComposeResult:
        yield FormView(self.spec, language="es")
        if "--no-footer" not in sys.argv:
            yield LocalFooter()


if __name__ == "__main__":
    FormApp(sys.argv[1] if len(sys.argv) > 1 else "solicitud_representante").run()
