"""3.3 Preguntas y respuestas, from `data/faq.toml`."""

from __future__ import annotations

from dataclasses import dataclass

from ecuapass_tui.core.resources import read_toml


@dataclass(frozen=True)
class FaqEntry:
    question: str
    answer: str


def faq(language: str) -> list[FaqEntry]:
    suffix = "en" if language == "en" else "es"
    return [
        FaqEntry(entry[f"question_{suffix}"], entry[f"answer_{suffix}"])
        for entry in read_toml("faq.toml")["entry"]
    ]
