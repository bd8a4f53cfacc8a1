"""Settings: the system config file, then the user's, then the environment.

Order of precedence (last wins): built-in defaults, `/etc/ecuapass-tui/config.toml`
(names a shared database), the user's `config.toml`, `ECUAPASS_DATABASE_URL`, and finally
the command line (`--db`, `--demo`, `--lang`).

`[mail]` (host, port, starttls, user, sender) names the SMTP server of the Mesa de Servicios'
e-mail, key by key (the user's file may change the port of the system's server). Its password
is never read from a file: `services.mailer` takes it from the keyring or the environment.

`[files] folder` names one folder, besides the user's home, where the file picker may look and
copies may be saved (for example a folder shared by the help desk).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ecuapass_tui.db_url import mask_password
from ecuapass_tui.i18n import _
from ecuapass_tui.paths import Paths, default_paths

LANGUAGES = ("es", "en")


class ConfigError(Exception):
    """A config file that cannot be read; the message names the file."""


DEFAULT_SENDER = "mesadeservicios@aduana.gob.ec"


@dataclass(frozen=True)
class MailConfig:
    """The `[mail]` table; no host means no e-mail is sent."""

    host: str = ""
    port: int = 587
    starttls: bool = True
    user: str = ""
    sender: str = DEFAULT_SENDER


@dataclass(frozen=True)
class Settings:
    paths: Paths
    database_url: str
    demo: bool = False
    language: str = "es"
    # True when --lang named the language: it then wins over the user's saved preference.
    language_explicit: bool = False
    today: date | None = None
    theme: str | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    mail: MailConfig = field(default_factory=MailConfig)
    files_folder: Path | None = None
    # Where database_url came from: "--db", "--demo", "ECUAPASS_DATABASE_URL", a config
    # file's path, or "" (the default path); the errors about the URL name it.
    database_source: str = ""

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except PermissionError as exc:
        raise ConfigError(
            _("{ruta}: no hay permiso para leerlo; pida ese permiso o quite el archivo.").format(
                ruta=path
            )
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _read_mail(path: Path, table: object, mail: MailConfig) -> MailConfig:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [mail] must be a table")
    changes: dict[str, object] = {}
    for key in ("host", "user", "sender"):
        if key in table:
            if not isinstance(table[key], str):
                raise ConfigError(f"{path}: [mail] {key} must be a string")
            changes[key] = table[key].strip()
    if "port" in table:
        port = table["port"]
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            raise ConfigError(f"{path}: [mail] port must be a number from 1 to 65535")
        changes["port"] = port
    if "starttls" in table:
        if not isinstance(table["starttls"], bool):
            raise ConfigError(f"{path}: [mail] starttls must be true or false")
        changes["starttls"] = table["starttls"]
    if "password" in table:
        raise ConfigError(
            f"{path}: [mail] password is not read from files; use the keyring or "
            "ECUAPASS_SMTP_PASSWORD"
        )
    return replace(mail, **changes)  # type: ignore[arg-type]


def load_settings(
    paths: Paths | None = None,
    *,
    database_url: str | None = None,
    demo: bool = False,
    language: str | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    paths = paths or default_paths()
    env = os.environ if environ is None else environ
    url: str | None = None
    url_source = ""
    lang = "es"
    theme: str | None = None
    mail = MailConfig()
    files_folder: Path | None = None
    sources: list[str] = []
    for path in (paths.system_config, paths.user_config):
        data = _read_toml(path)
        if not data:
            continue
        sources.append(str(path))
        db = data.get("database")
        if isinstance(db, dict) and "url" in db:
            if not isinstance(db["url"], str):
                raise ConfigError(
                    _("{ruta}: [database] url debe ser un texto entre comillas.").format(ruta=path)
                )
            url, url_source = db["url"], str(path)
        ui = data.get("ui")
        if isinstance(ui, dict):
            if ui.get("language") in LANGUAGES:
                lang = str(ui["language"])
            if isinstance(ui.get("theme"), str):
                theme = str(ui["theme"])
        if "mail" in data:
            mail = _read_mail(path, data["mail"], mail)
        files = data.get("files")
        if isinstance(files, dict) and isinstance(files.get("folder"), str) and files["folder"]:
            files_folder = Path(files["folder"]).expanduser()
    if env.get("ECUAPASS_DATABASE_URL"):
        url, url_source = env["ECUAPASS_DATABASE_URL"], "ECUAPASS_DATABASE_URL"
        sources.append("ECUAPASS_DATABASE_URL")
    if database_url is not None:
        url, url_source = database_url, "--db"
        sources.append("--db")
    if demo:
        url, url_source = sqlite_url(paths.demo_database), "--demo"
    if language:
        lang = language
    return Settings(
        paths=paths,
        database_url=url if url is not None else sqlite_url(paths.default_database),
        demo=demo,
        language=lang,
        language_explicit=bool(language),
        theme=theme,
        sources=tuple(sources),
        mail=mail,
        files_folder=files_folder,
        database_source=url_source if url is not None else "",
    )


def redact_url(url: str) -> str:
    """The URL without its password, for `doctor` and logs (also one that does not parse)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return mask_password(url)
