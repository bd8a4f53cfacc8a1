"""Errors the services raise. Each carries a code that `messages.py` turns into text."""

from __future__ import annotations


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
    """Bad input: `fields` maps a field name to its error code."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("invalid_input")
        self.fields = fields


class LoginFailed(ServiceError):
    """`code`: bad_credentials, locked (param `until`), disabled (param `reason`)."""
