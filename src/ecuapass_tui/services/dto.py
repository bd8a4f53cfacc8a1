"""Plain data the services return: never live ORM rows bound to a closed session."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ecuapass_tui.core.roles import GUEST


@dataclass(frozen=True)
class Actor:
    """Who is acting: the logged-in user, and the OCE code chosen at login."""

    user_id: int
    username: str
    user_class: str
    full_name: str
    company_id: int | None
    language: str
    oce_code: str | None = None
    # An Empleado's options granted by the Representante when the session began (None for
    # other classes). Menus hide the rest; services check the store again (access.py).
    granted: frozenset[str] | None = None

    @classmethod
    def guest(cls, language: str) -> Actor:
        """Someone without an account, in the login screen's Servicios de uso frecuente: the
        Desk refuses him every method but those of the public options (desk_base.py)."""
        return cls(0, "", GUEST, "", None, language)

    @property
    def is_guest(self) -> bool:
        return self.user_class == GUEST

    @property
    def account_id(self) -> int | None:
        """The user's id for an audit row; None for a guest (no account)."""
        return None if self.is_guest else self.user_id

    def with_oce(self, code: str | None) -> Actor:
        return replace(self, oce_code=code)

    def with_granted(self, granted: frozenset[str] | None) -> Actor:
        return replace(self, granted=granted)


@dataclass(frozen=True)
class OceCode:
    code: str
    oce_type_code: str
    oce_type_name: str
    start: date
    end: date
    state: str


@dataclass(frozen=True)
class OceTypeChoice:
    code: str
    name: str
    codes: tuple[OceCode, ...]


@dataclass(frozen=True)
class Profile:
    username: str
    user_class: str
    full_name: str
    id_doc_type: str
    id_doc_number: str
    email: str
    phone1: str
    mobile: str
    province: str
    canton: str
    company_ruc: str | None
    company_name: str | None
    tipo_persona: str | None
    state: str
    language: str
    data_updated_at: date | None
    last_login_at: datetime | None
    oce_codes: tuple[OceCode, ...]


@dataclass(frozen=True)
class Notice:
    id: int
    sender: str
    recipient: str
    subject: str
    body: str
    created_at: datetime
    read: bool


@dataclass(frozen=True)
class UserSummary:
    id: int
    username: str
    full_name: str
    user_class: str
    company_ruc: str | None
    state: str
    failed_attempts: int
    locked_until: datetime | None


@dataclass(frozen=True)
class DemoAccount:
    ruc: str
    username: str
    password: str
    user_class: str
    note: str
