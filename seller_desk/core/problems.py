"""Errors as data.

A validator returns a list of :class:`Problem`; it never raises for bad user input and never
formats a sentence. The UI and the CLI turn ``key`` + ``params`` into a message in the user's
language (``seller_desk.messages``). All validators run, all problems are shown at once, and a
write happens only when no problem of severity ``error`` is left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a problem was found: a place in a file, or a record in the store."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None  # 1-based, as a spreadsheet shows it
    column: str | None = None  # the header text (or letter) as the user sees it
    value: str | None = None  # the original text of the cell
    entity: str | None = None  # e.g. "filing", "product"
    entity_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            name: getattr(self, name)
            for name in ("file", "sheet", "row", "column", "value", "entity", "entity_id")
            if getattr(self, name) is not None
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong (or worth a warning) with some input.

    ``key`` names the rule (``"money.float_refused"``), ``params`` fill its message,
    ``field`` names the input field, ``source`` says where the input came from.
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    field: str | None = None
    source: Source | None = None
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def at(self, source: Source) -> Problem:
        """The same problem, placed at ``source`` (e.g. a row of an import)."""
        return Problem(
            key=self.key, params=self.params, field=self.field, source=source,
            severity=self.severity,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "severity": self.severity}
        if self.field:
            out["field"] = self.field
        if self.params:
            out["params"] = {k: str(v) for k, v in self.params.items()}
        if self.source:
            out.update(self.source.to_dict())
        return out


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


class ProblemError(Exception):
    """Raised by a service when it refuses a write; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(p.key for p in self.problems))


def raise_if_errors(problems: Iterable[Problem]) -> None:
    found = list(problems)
    if errors(found):
        raise ProblemError(found)
