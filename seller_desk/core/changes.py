"""What a write changed: entity names and ids, broadcast once to every view."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Protocol


class CountedIds(Protocol):
    """Ids that know how many they are (a list, a set, an import's compact store of them)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[object]: ...


@dataclass(frozen=True)
class Changes:
    """Entities touched by one operation: ``{"product": {"12", "13"}, "company": {"1"}}``."""

    ids: dict[str, frozenset[str]] = field(default_factory=dict)
    #: a write touching more rows of one entity than this emits a change naming the entity with
    #: no ids (the views watching it reload whole), not a frozenset of a million id strings
    LISTED: ClassVar[int] = 20_000

    @classmethod
    def of(cls, entity: str, ids: Iterable[object] = ()) -> Changes:
        return cls({entity: frozenset(str(i) for i in ids)})

    @classmethod
    def of_many(cls, entity: str, ids: CountedIds | None) -> Changes:
        """``entity`` with ``ids`` while there are at most :attr:`LISTED` of them; past
        that, or given ``None`` ("more than were kept"), the entity alone."""
        if ids is None or len(ids) > cls.LISTED:
            return cls.of(entity)
        return cls.of(entity, ids)

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
