"""The texts of the demo tickets (`data/demo/tickets.toml`): what the users report and ask,
what the desk answers, asks and notes, the calls to 1800-ADUANA. Read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ecuapass_tui.core.resources import read_toml

TEXTS_FILE = ("demo", "tickets.toml")


@dataclass(frozen=True)
class Incident:
    how: str  # texto: a screen's name; menu: a menu number
    option: str
    text: str  # {dai}: a declaration's number


@dataclass(frozen=True)
class Consulta:
    asunto: str
    descripcion: str
    answer: str


@dataclass(frozen=True)
class PhoneCall:
    kind: str
    motive: str
    asunto: str
    descripcion: str
    outcome: str
    answer: str


@dataclass(frozen=True)
class TicketTexts:
    incidents: tuple[Incident, ...]
    consultas: dict[str, tuple[Consulta, ...]]  # by motive, in the file's order
    incident_answers: tuple[str, ...]
    quejas: tuple[str, ...]  # {n}: the number of the ticket complained about
    queja_answers: tuple[str, ...]
    asks: tuple[str, ...]
    replies: tuple[str, ...]
    notes: tuple[str, ...]
    cancels: tuple[str, ...]
    rejects: tuple[str, ...]
    comments: tuple[str, ...]
    phone_calls: tuple[PhoneCall, ...]
    anon_callers: tuple[tuple[str, str], ...]  # name, the first nine digits of the cédula


@cache
def texts() -> TicketTexts:
    data = read_toml(*TEXTS_FILE)
    return TicketTexts(
        incidents=tuple(Incident(**item) for item in data["incident"]),
        consultas={
            motive: tuple(Consulta(**item) for item in items)
            for motive, items in data["consulta"].items()
        },
        incident_answers=tuple(data["incident_answers"]),
        quejas=tuple(data["quejas"]),
        queja_answers=tuple(data["queja_answers"]),
        asks=tuple(data["asks"]),
        replies=tuple(data["replies"]),
        notes=tuple(data["notes"]),
        cancels=tuple(data["cancels"]),
        rejects=tuple(data["rejects"]),
        comments=tuple(data["comments"]),
        phone_calls=tuple(PhoneCall(**item) for item in data["phone_call"]),
        anon_callers=tuple((c["name"], c["first_nine"]) for c in data["anon_caller"]),
    )
