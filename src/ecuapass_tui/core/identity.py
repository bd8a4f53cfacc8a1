"""Checks of identity numbers, e-mail and passwords; they return an error code or None.

RUC and cédula through python-stdnum, e-mail syntax through email-validator (no DNS).
"""

from __future__ import annotations

from stdnum.ec import ci, ruc

from ecuapass_tui.core.text import fold

PASSWORD_MIN_LENGTH = 10


def check_ruc(value: str) -> str | None:
    value = value.strip()
    if not value:
        return "required"
    if not value.isdigit() or len(value) != 13:
        return "ruc_format"
    try:
        ruc.validate(value)
    except Exception:
        return "ruc_invalid"
    return None


def check_cedula(value: str) -> str | None:
    value = value.strip()
    if not value:
        return "required"
    if not value.isdigit() or len(value) != 10:
        return "cedula_format"
    try:
        ci.validate(value)
    except Exception:
        return "cedula_invalid"
    return None


def check_email(value: str) -> str | None:
    if not value.strip():
        return "required"
    # Imported on first use: the login screen does not need it to draw.
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError:
        return "email_invalid"
    return None


def check_password(password: str, *, username: str = "", name: str = "") -> str | None:
    """At least 10 characters, letters and digits, and not the ID or the name."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return "password_short"
    if not any(ch.isalpha() for ch in password) or not any(ch.isdigit() for ch in password):
        return "password_letters_digits"
    lowered = fold(password)
    for word in (username, *name.split()):
        if len(word) >= 3 and fold(word) in lowered:
            return "password_personal"
    return None


def ruc_kind(ruc: str) -> str:
    """publica, privada or natural, by the third digit of a valid RUC."""
    third = int(ruc[2])
    if third == 6:
        return "publica"
    if third == 9:
        return "privada"
    return "natural"
