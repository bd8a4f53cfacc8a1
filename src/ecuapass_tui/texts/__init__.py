"""What the user reads for the codes the services raise (see services/errors.py) and the labels
of stored codes, in the current language: one module per domain (`mesa`, `tramites`,
`cuentas`, `informativos`, `vue`), what they share in `common`, a field error's text in `fields`.

`text(code, **params)` reads one table merged from the domain tables; a code belongs to one
domain (the merge refuses a code defined twice)."""

from __future__ import annotations

from ecuapass_tui.i18n import _
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.texts import common, cuentas, informativos, mesa, tramites, vue
from ecuapass_tui.texts.common import fault_text, merged, unexpected_text
from ecuapass_tui.texts.cuentas import admin_field_label, disabled_reason, user_state
from ecuapass_tui.texts.mesa import (
    ticket_channel,
    ticket_closure,
    ticket_kind,
    ticket_outcome,
    ticket_state,
)

__all__ = [
    "TEXTS",
    "admin_field_label",
    "disabled_reason",
    "error_text",
    "fault_text",
    "text",
    "ticket_channel",
    "ticket_closure",
    "ticket_kind",
    "ticket_outcome",
    "ticket_state",
    "unexpected_text",
    "user_state",
]

TEXTS = merged(
    {
        "common": common.TEXTS,
        "cuentas": cuentas.TEXTS,
        "informativos": informativos.TEXTS,
        "mesa": mesa.TEXTS,
        "tramites": tramites.TEXTS,
        "vue": vue.TEXTS,
    }
)


def text(code: str, **params: object) -> str:
    """The text for a code a service raised, in the current language."""
    entry = TEXTS.get(code)
    if entry is None:
        return common.untabled_text(code)
    return _(entry) if isinstance(entry, str) else entry(params)


def error_text(error: ServiceError) -> str:
    return text(error.code, **error.params)
