"""Which queue receives a ticket (`data/routing.toml`); its queue rows load with the catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ecuapass_tui.core.resources import read_toml


@dataclass(frozen=True)
class Route:
    kind: str
    motive: str | None
    queue: str
    attachments_required: bool


@dataclass(frozen=True)
class Routing:
    queues: dict[str, tuple[str, str]]  # code -> (name_es, name_en)
    routes: tuple[Route, ...]

    def route(self, kind: str, motive: str | None = None) -> Route:
        """The first route for the kind and motive, else the kind's route without a motive."""
        fallback: Route | None = None
        for route in self.routes:
            if route.kind != kind:
                continue
            if route.motive is not None and route.motive == motive:
                return route
            if route.motive is None and fallback is None:
                fallback = route
        if fallback is None:
            raise KeyError(f"routing.toml has no route for {kind!r}")
        return fallback

    def attachments_required(self, kind: str, motive: str | None) -> bool:
        return self.route(kind, motive).attachments_required

    def queue_name(self, code: str, language: str = "es") -> str:
        names = self.queues.get(code)
        if names is None:
            return code
        return names[1] if language == "en" else names[0]


@cache
def routing() -> Routing:
    data = read_toml("routing.toml")
    queues = {q["code"]: (q["name_es"], q["name_en"]) for q in data["queue"]}
    routes = []
    for item in data["route"]:
        if item["queue"] not in queues:
            raise ValueError(f"routing.toml: unknown queue {item['queue']!r}")
        routes.append(
            Route(
                kind=item["kind"],
                motive=item.get("motive"),
                queue=item["queue"],
                attachments_required=bool(item.get("attachments_required", False)),
            )
        )
    return Routing(queues=queues, routes=tuple(routes))
