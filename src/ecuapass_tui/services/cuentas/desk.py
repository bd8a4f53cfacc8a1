"""Desk methods for accounts: the session, the OCE, Mi menú, Solicitud del uso, approvals,
permissions, Buscar ID, 3.2.3, the January rule, Mi página; a part of `Desk`.

A wrong password or security code is a refusal that must persist (its attempt is counted):
those methods write through `write_keeping_refusal`."""

from __future__ import annotations

from typing import Any

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services import access
from ecuapass_tui.services.cuentas import (
    accounts,
    approvals,
    auth,
    certificate_login,
    codes,
    data_update,
    first_admin,
    permissions,
    recovery,
    registration,
    signing,
)
from ecuapass_tui.services.cuentas import my_page as mypage
from ecuapass_tui.services.desk_base import DeskBase
from ecuapass_tui.services.dto import Actor, OceTypeChoice, Profile, UserSummary
from ecuapass_tui.services.errors import LoginFailed

# What a wrong password or security code raises: committed, then raised.
COUNTED_REFUSALS = (codes.CodeRefused, LoginFailed)


class AccountsDesk(DeskBase):
    @property
    def _reveal(self) -> bool:
        """Demo mode without SMTP: codes are shown to the trainer (they are in the Buzón)."""
        return self.demo_mode and self.mail_sent is None

    # -- session
    def login(self, ruc: str, username: str, password: str, language: str | None) -> Actor:
        return self.write_keeping_refusal(
            (LoginFailed,),
            lambda s: auth.login(
                s,
                ruc=ruc,
                username=username,
                password=password,
                now=self.now(),
                language=language,
            ),
        )

    def login_with_certificate(
        self, ruc: str, username: str, p12: bytes, pin: str, language: str | None
    ) -> Actor:
        """Iniciar sesión con certificado: the same throttle, audit and answers as `login`."""
        return self.write_keeping_refusal(
            (LoginFailed,),
            lambda s: certificate_login.login(
                s,
                ruc=ruc,
                username=username,
                p12=p12,
                pin=pin,
                now=self.now(),
                language=language,
            ),
        )

    def logout(self, actor: Actor) -> None:
        with self.db.write() as s:
            auth.logout(s, actor, now=self.now())

    def set_language(self, actor: Actor, language: str) -> Actor:
        with self.db.write() as s:
            return auth.set_language(s, actor, language)

    def needs_first_admin(self) -> bool:
        if self.demo_mode:
            return False
        with self.db.read() as s:
            return first_admin.user_count(s) == 0

    def create_first_admin(self, **values: str) -> Actor:
        with self.db.write() as s:
            return first_admin.create_first_admin(s, now=self.now(), **values)

    def locked_users(self, actor: Actor) -> list[UserSummary]:
        with self.db.read() as s:
            return auth.list_locked_users(s, actor, now=self.now())

    def unlock_user(self, actor: Actor, user_id: int) -> None:
        with self.db.write() as s:
            auth.unlock_user(s, actor, user_id, now=self.now())

    # -- OCE
    def oce_choices(self, actor: Actor) -> list[OceTypeChoice]:
        with self.db.read() as s:
            return accounts.oce_choices(s, actor, today=self.today())

    def choose_oce(self, actor: Actor, code: str) -> Actor:
        with self.db.read() as s:
            return accounts.choose_oce(s, actor, code, today=self.today())

    # -- Mi menú
    def favourites(self, actor: Actor) -> dict[int, str]:
        with self.db.read() as s:
            return accounts.favourites(s, actor)

    def add_favourite(self, actor: Actor, number: str) -> int:
        with self.db.write() as s:
            return accounts.add_favourite(s, actor, number, now=self.now())

    def remove_favourite(self, actor: Actor, number: str) -> None:
        with self.db.write() as s:
            accounts.remove_favourite(s, actor, number, now=self.now())

    # -- options
    def profile(self, actor: Actor) -> Profile:
        with self.db.read() as s:
            return accounts.profile(s, actor, today=self.today())

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
                s, kind, values, files, now=self.now(), mail=self.sends_mail, reveal=self._reveal
            )
        self.wake_mail()
        return done

    def resend_registration_code(self, request_id: int) -> codes.CodeSent:
        with self.db.write() as s:
            sent = registration.resend_code(
                s, request_id, now=self.now(), mail=self.sends_mail, reveal=self._reveal
            )
        self.wake_mail()
        return sent

    def confirm_registration(self, request_id: int, code: str) -> str:
        return self.write_keeping_refusal(
            COUNTED_REFUSALS,
            lambda s: registration.confirm_email(s, request_id, code, now=self.now()),
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
                mail=self.sends_mail,
            )
        self.wake_mail()
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
            access.require_option(s, actor, number)

    # -- Buscar ID / Reinicio de clave
    def find_user_id(self, user_class: str, document: str, email: str) -> recovery.IdSent:
        with self.db.write() as s:
            sent = recovery.find_user_id(
                s,
                user_class=user_class,
                document=document,
                email=email,
                now=self.now(),
                mail=self.sends_mail,
                reveal=self._reveal,
            )
        self.wake_mail()
        return sent

    def start_reset(self, username: str, email: str) -> recovery.ResetStarted:
        with self.db.write() as s:
            started = recovery.start_reset(
                s,
                username=username,
                email=email,
                now=self.now(),
                mail=self.sends_mail,
                reveal=self._reveal,
            )
        self.wake_mail()
        return started

    def reset_password(self, **values: Any) -> bool:
        return self.write_keeping_refusal(
            COUNTED_REFUSALS, lambda s: recovery.reset_password(s, now=self.now(), **values)
        )

    # -- 3.2.3 and the January rule
    def sign_in_for_update(self, ruc: str, username: str, password: str) -> Actor:
        return self.write_keeping_refusal(
            COUNTED_REFUSALS,
            lambda s: data_update.sign_in_for_update(
                s, ruc=ruc, username=username, password=password, now=self.now()
            ),
        )

    def update_values(self, actor: Actor) -> tuple[dict[str, Any], str]:
        with self.db.read() as s:
            return data_update.current_values(s, actor)

    def request_update_code(self, actor: Actor) -> codes.CodeSent:
        with self.db.write() as s:
            sent = data_update.request_code(
                s, actor, now=self.now(), mail=self.sends_mail, reveal=self._reveal
            )
        self.wake_mail()
        return sent

    def modify_data(self, actor: Actor, values: dict[str, Any]) -> data_update.Modified:
        return self.write_keeping_refusal(
            COUNTED_REFUSALS, lambda s: data_update.modify(s, actor, values, now=self.now())
        )

    def sign_convenio(self, actor: Actor, p12: bytes, pin: str) -> data_update.Signed:
        with self.db.write() as s:
            signed = data_update.sign_convenio(
                s, actor, p12, pin, now=self.now(), mail=self.sends_mail
            )
        self.wake_mail()
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
