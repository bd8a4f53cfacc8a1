"""Errors the services raise. Each carries a code that `texts` turns into what the user reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named in annotations: the login screen imports this module early
    from ecuapass_tui.forms.engine import FieldError


class ServiceError(Exception):
    """A use case refused: `code` names the reason, `params` fill its message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class PermissionDenied(ServiceError):
    def __init__(self, code: str = "permission_denied", **params: object) -> None:
        super().__init__(code, **params)


class NotFound(ServiceError):
    def __init__(self, code: str = "not_found", **params: object) -> None:
        super().__init__(code, **params)


class FieldErrors(ServiceError):
    """Bad input, said beside the fields it concerns.

    `errors`: what a form's own checks found (`forms.engine.FieldError`: labelled, worded by
    `texts.fields`). `rules`: field name -> code of a service rule the value broke (a taken
    ID, the password policy, an unknown district...), worded by `texts.text` and often shown
    without the field's label: kept apart, as the screens word and place the two differently.
    """

    def __init__(
        self, errors: Iterable[FieldError] = (), rules: Mapping[str, str] | None = None
    ) -> None:
        super().__init__("invalid_input")
        self.errors = list(errors)
        self.rules = dict(rules or {})


class LoginFailed(ServiceError):
    """`code`: bad_credentials, locked (param `until`), disabled (param `reason`)."""
