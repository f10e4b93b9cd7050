"""What a write changed: entity names and ids, broadcast once to every view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """Entities touched by one operation: ``{"product": {"12", "13"}, "company": {"1"}}``."""

    ids: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, entity: str, ids: Iterable[object] = ()) -> Changes:
        return cls({entity: frozenset(str(i) for i in ids)})

    def __or__(self, other: Changes) -> Changes:
        merged = dict(self.ids)
        for name, ids in other.ids.items():
            merged[name] = merged.get(name, frozenset()) | ids
        return Changes(merged)

    def touches(self, *entities: str) -> bool:
        return any(e in self.ids for e in entities)

    def __bool__(self) -> bool:
        return bool(self.ids)


NONE = Changes()
