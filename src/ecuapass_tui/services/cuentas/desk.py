"""Desk methods for accounts: Solicitud del uso, approvals, permissions, Buscar ID,
3.2.3, the January rule, Mi página; mixed into `Desk`.

Each method opens one short transaction (`self.db.read()` / `self.db.write()`) and calls one
service function with `now=self.now()`. A wrong security code is a refusal that must persist
(its attempt is counted): `_persisting` commits it before raising, as `Desk.login` does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlmodel import Session

from ecuapass_tui.core.clock import Clock
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.cuentas import (
    approvals,
    codes,
    data_update,
    permissions,
    recovery,
    registration,
    signing,
)
from ecuapass_tui.services.cuentas import my_page as mypage
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import LoginFailed
from ecuapass_tui.store.engine import Database

T = TypeVar("T")


class AccountsDesk:
    db: Database
    clock: Clock
    demo_mode: bool
    mail_sent: Callable[[], None] | None

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.today()

    # -- helpers
    @property
    def _mail(self) -> bool:
        return self.mail_sent is not None

    @property
    def _reveal(self) -> bool:
        """Demo mode without SMTP: codes are shown to the trainer (they are in the Buzón)."""
        return self.demo_mode and self.mail_sent is None

    def _after_mail(self) -> None:
        if self.mail_sent is not None:
            self.mail_sent()

    def _persisting(self, work: Callable[[Session], T]) -> T:
        with self.db.write() as s:
            try:
                return work(s)
            except (codes.CodeRefused, LoginFailed) as refused:
                failure = refused
        raise failure

    # -- Solicitud del uso
    def registration_company(self, ruc: str) -> registration.CompanyInfo | None:
        with self.db.read() as s:
            return registration.company_info(s, ruc)

    def registration_lookup(self, kind: str, ruc: str) -> registration.CompanyLookup:
        with self.db.read() as s:
            return registration.company_lookup(s, kind, ruc)

    def cancel_registration(self, request_id: int) -> bool:
        with self.db.write() as s:
            return registration.cancel_request(s, request_id, now=self.now())

    def username_available(self, username: str) -> bool:
        with self.db.read() as s:
            return registration.username_available(s, username)

    def email_available(self, email: str) -> bool:
        with self.db.read() as s:
            return registration.email_available(s, email)

    def submit_registration(
        self, kind: str, values: dict[str, Any], files: dict[str, list[Attachment]] | None
    ) -> registration.Submitted:
        with self.db.write() as s:
            done = registration.submit(
                s, kind, values, files, now=self.now(), mail=self._mail, reveal=self._reveal
            )
        self._after_mail()
        return done

    def resend_registration_code(self, request_id: int) -> codes.CodeSent:
        with self.db.write() as s:
            sent = registration.resend_code(
                s, request_id, now=self.now(), mail=self._mail, reveal=self._reveal
            )
        self._after_mail()
        return sent

    def confirm_registration(self, request_id: int, code: str) -> str:
        return self._persisting(
            lambda s: registration.confirm_email(s, request_id, code, now=self.now())
        )

    def certificate_identity(self, p12: bytes, pin: str) -> tuple[str, str]:
        return signing.certificate_identity(p12, pin, now=self.now())

    # -- approvals
    def pending_requests(self, actor: Actor) -> list[approvals.PendingRequest]:
        with self.db.read() as s:
            return approvals.pending(s, actor)

    def decide_request(self, actor: Actor, request_id: int, approve: bool, reason: str = "") -> str:
        with self.db.write() as s:
            state = approvals.decide(
                s,
                actor,
                request_id,
                approve=approve,
                reason=reason,
                now=self.now(),
                mail=self._mail,
            )
        self._after_mail()
        return state

    # -- employee permissions
    def employees(self, actor: Actor) -> list[permissions.EmployeeGrants]:
        with self.db.read() as s:
            return permissions.employees(s, actor)

    def set_permission(self, actor: Actor, employee_id: int, number: str, grant: bool) -> None:
        with self.db.write() as s:
            permissions.set_permission(s, actor, employee_id, number, grant=grant, now=self.now())

    def require_option(self, actor: Actor, number: str) -> None:
        with self.db.read() as s:
            permissions.require_option(s, actor, number)

    # -- Buscar ID / Reinicio de clave
    def find_user_id(self, user_class: str, document: str, email: str) -> recovery.IdSent:
        with self.db.write() as s:
            sent = recovery.find_user_id(
                s,
                user_class=user_class,
                document=document,
                email=email,
                now=self.now(),
                mail=self._mail,
                reveal=self._reveal,
            )
        self._after_mail()
        return sent

    def start_reset(self, username: str, email: str) -> recovery.ResetStarted:
        with self.db.write() as s:
            started = recovery.start_reset(
                s,
                username=username,
                email=email,
                now=self.now(),
                mail=self._mail,
                reveal=self._reveal,
            )
        self._after_mail()
        return started

    def reset_password(self, **values: Any) -> bool:
        return self._persisting(lambda s: recovery.reset_password(s, now=self.now(), **values))

    # -- 3.2.3 and the January rule
    def sign_in_for_update(self, ruc: str, username: str, password: str) -> Actor:
        return self._persisting(
            lambda s: data_update.sign_in_for_update(
                s, ruc=ruc, username=username, password=password, now=self.now()
            )
        )

    def update_values(self, actor: Actor) -> tuple[dict[str, Any], str]:
        with self.db.read() as s:
            return data_update.current_values(s, actor)

    def request_update_code(self, actor: Actor) -> codes.CodeSent:
        with self.db.write() as s:
            sent = data_update.request_code(
                s, actor, now=self.now(), mail=self._mail, reveal=self._reveal
            )
        self._after_mail()
        return sent

    def modify_data(self, actor: Actor, values: dict[str, Any]) -> data_update.Modified:
        return self._persisting(lambda s: data_update.modify(s, actor, values, now=self.now()))

    def sign_convenio(self, actor: Actor, p12: bytes, pin: str) -> data_update.Signed:
        with self.db.write() as s:
            signed = data_update.sign_convenio(s, actor, p12, pin, now=self.now(), mail=self._mail)
        self._after_mail()
        return signed

    # -- 3.11.1 / 3.11.2
    def page_extras(self, actor: Actor) -> mypage.PageExtras:
        with self.db.read() as s:
            return mypage.extras(s, actor, today=self.today())

    def preferences(self, actor: Actor) -> mypage.Preferences:
        with self.db.read() as s:
            return mypage.preferences(s, actor)

    def session_start(self, actor: Actor) -> tuple[str, str]:
        with self.db.read() as s:
            return mypage.session_start(s, actor, today=self.today())

    def save_preferences(self, actor: Actor, **values: Any) -> Actor:
        with self.db.write() as s:
            return mypage.save_preferences(s, actor, now=self.now(), **values)
