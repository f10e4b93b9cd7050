"""Changes: what a write touched, with ids listed only up to Changes.LISTED."""

from __future__ import annotations

from seller_desk.core.changes import Changes


def test_of_many_lists_ids_up_to_the_limit_then_names_the_entity_alone(monkeypatch):
    monkeypatch.setattr(Changes, "LISTED", 3)
    assert Changes.of_many("order", [1, 2, 3]).ids == {"order": frozenset({"1", "2", "3"})}
    assert Changes.of_many("order", [1, 2, 3, 4]).ids == {"order": frozenset()}
    assert Changes.of_many("order", None).ids == {"order": frozenset()}  # "more than were kept"
    assert Changes.of_many("order", []).touches("order")


def test_the_default_limit_keeps_twenty_thousand_ids():
    assert len(Changes.of_many("fx_record", range(20_000)).ids["fx_record"]) == 20_000
    assert Changes.of_many("fx_record", range(20_001)).ids["fx_record"] == frozenset()
