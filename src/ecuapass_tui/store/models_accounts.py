"""SQLModel tables of accounts: registration requests, security answers and codes,
employee permissions, signed convenios and preferences. Imported at the end of models.py so
that `SQLModel.metadata` (and Alembic) sees them wherever the models are loaded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class AccountRequest(SQLModel, table=True):
    """A Solicitud del uso: the account it created (state pendiente until approved) and the
    data the applicant gave, without password or answers."""

    __tablename__ = "account_request"
    __table_args__ = (Index("ix_account_request_state_kind", "state", "kind"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)
    user_id: int = Field(foreign_key="app_user.id", unique=True)
    company_ruc: str = Field(default="", max_length=13, index=True)
    state: str = Field(max_length=30)
    values_json: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime
    email_confirmed_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    decision_reason: str = Field(default="", max_length=500)


class RequestFile(SQLModel, table=True):
    """A file attached to a Solicitud del uso (bytes in the request's transaction)."""

    __tablename__ = "request_file"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="account_request.id", index=True)
    name: str = Field(max_length=200)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class SecurityAnswer(SQLModel, table=True):
    """One of a user's three security questions; the answer is kept as an argon2 hash."""

    __tablename__ = "security_answer"
    __table_args__ = (UniqueConstraint("user_id", "position", name="uq_security_answer"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    position: int
    question: str = Field(max_length=40)
    answer_hash: str = Field(max_length=200)


class SecurityCode(SQLModel, table=True):
    """A security code sent by e-mail: hashed, single use, valid until `expires_at`."""

    __tablename__ = "security_code"
    __table_args__ = (Index("ix_security_code_user_purpose", "user_id", "purpose"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id")
    purpose: str = Field(max_length=30)
    code_hash: str = Field(max_length=200)
    sent_to: str = Field(default="", max_length=254)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    attempts: int = Field(default=0)


class EmployeePermission(SQLModel, table=True):
    """A menu option the company's Representante granted to one of its Empleados."""

    __tablename__ = "employee_permission"
    __table_args__ = (UniqueConstraint("user_id", "option_number", name="uq_employee_option"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    option_number: str = Field(max_length=20)
    granted_by_id: int = Field(foreign_key="app_user.id")
    granted_at: datetime


class SignedConvenio(SQLModel, table=True):
    """The Convenio para la utilización de canales electrónicos signed with a certificate."""

    __tablename__ = "signed_convenio"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    version: str = Field(max_length=20)
    text_sha256: str = Field(max_length=64)
    algorithm: str = Field(max_length=40)
    signature: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    certificate: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    fingerprint: str = Field(max_length=64)
    subject: str = Field(default="", max_length=300)
    changes_json: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    signed_at: datetime


class UserPreference(SQLModel, table=True):
    """3.11.2 Configurar mi página: theme and notification preferences (one row per user)."""

    __tablename__ = "user_preference"
    user_id: int = Field(
        foreign_key="app_user.id", primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    theme: str = Field(default="", max_length=40)
    receive_sms: bool = Field(default=False)
    notify_email: bool = Field(default=True)
    sms_operator: str = Field(default="", max_length=20)
    updated_at: datetime


class UserContact(SQLModel, table=True):
    """Registration data that app_user does not hold (address, fax, mobile operator,
    position, SENAE e-mail); kept up to date by 3.2.3."""

    __tablename__ = "user_contact"
    user_id: int = Field(
        foreign_key="app_user.id", primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    direccion: str = Field(default="", max_length=300)
    fax: str = Field(default="", max_length=40)
    operadora: str = Field(default="", max_length=20)
    posicion: str = Field(default="", max_length=100)
    senae_correo: str = Field(default="", max_length=254)
    updated_at: datetime


class InstallationKey(SQLModel, table=True):
    """A random secret made once per database, the first time it is needed: it keys the HMAC
    that stands for a typed ID in the login counters and the audit (never the ID itself)."""

    __tablename__ = "installation_key"
    name: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=128)
    created_at: datetime


class LoginThrottle(SQLModel, table=True):
    """Failed logins of one typed ID (its keyed hash) from one source (an SSH client address or
    a local OS user): the counter that first slows that pair down, then locks it for a while.
    Known and unknown IDs get the same rows; `user_id` is set when the ID is a user's."""

    __tablename__ = "login_throttle"
    __table_args__ = (UniqueConstraint("id_tag", "source", name="uq_login_throttle_pair"),)
    id: int | None = Field(default=None, primary_key=True)
    id_tag: str = Field(max_length=64)
    source: str = Field(max_length=120)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    failures: int = Field(default=0)
    last_failure_at: datetime
    wait_until: datetime | None = None
    locked_until: datetime | None = None
