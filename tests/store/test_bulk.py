"""``insert_rows`` stores exactly what the ORM's own INSERT stores (its quicker Amount and
DATETIME processors included), and holding triggers leaves them as they were."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import OperationalError

from seller_desk.store.bulk import (
    BULK_CACHE_KIB,
    INDEX_BUILD_CACHE_KIB,
    big_cache,
    gc_paused,
    indexes_deferred,
    insert_rows,
    plain_rows,
    triggers_held,
)
from seller_desk.store.db import open_store
from seller_desk.store.models.orders import OrderEvent
from tests.conftest import on_postgres


def _events(prefix: str) -> list[dict]:
    base = dict(order_ref=None, marketplace="amazon.com", order_no="111-1", kind="fee",
                occurred_text="t", description="d", sku="", quantity=None,
                total_currency="USD", parts={"selling_fees": "-1.5"}, settlement_no="",
                status="", type_text="Fee", source="test")
    stamps = [dt.datetime(2024, 1, 5, 15, 4, 5), dt.datetime(2024, 1, 5, 15, 4, 5, 120),
              dt.datetime(1, 1, 1), None, dt.datetime(2024, 3, 1, tzinfo=dt.UTC)]
    amounts = [Decimal("-1.5"), Decimal("-1.50"), Decimal("0"), Decimal(3), Decimal("12.3456")]
    return [dict(base, event_key=f"{prefix}{i}", occurred_at=at, total_amount=amount)
            for i, (at, amount) in enumerate(zip(stamps * 2, amounts * 2, strict=True))]


def test_insert_rows_stores_what_the_orm_stores(store_url) -> None:
    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            insert_rows(s, OrderEvent.__table__, _events("bulk"))
            s.execute(insert(OrderEvent.__table__), _events("orm"))
        with store.sessions() as s:
            t = OrderEvent.__table__
            cols = [c for c in t.columns if c.name not in ("id", "event_key", "uuid")]
            raw = s.connection().exec_driver_sql(
                f"SELECT event_key, {', '.join(c.name for c in cols)} FROM order_events "
                "ORDER BY id").all()
            bulk = {r[0][4:]: r[1:] for r in raw if r[0].startswith("bulk")}
            orm = {r[0][3:]: r[1:] for r in raw if r[0].startswith("orm")}
            assert bulk == orm and len(bulk) == 10
            assert s.scalar(select(OrderEvent.total_amount).where(
                OrderEvent.event_key == "bulk4")) == Decimal("12.3456")
        with store.sessions.begin() as s, pytest.raises(ValueError):
            insert_rows(s, OrderEvent.__table__, [dict(_events("bad")[0],
                                                       total_amount=Decimal("0.00001"))])
    finally:
        store.close()


def test_held_triggers_come_back(store_url) -> None:
    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            con = s.connection()
            if con.dialect.name != "sqlite":
                pytest.skip("SQLite triggers")
            names = lambda: set(con.exec_driver_sql(  # noqa: E731
                "SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
            before = names()
            with triggers_held(s, "order_lines_sku_ai", "no_such_trigger") as held:
                assert held == ["order_lines_sku_ai"] and "order_lines_sku_ai" not in names()
            assert names() == before
    finally:
        store.close()


def test_deferred_indexes_come_back_after_the_block_or_a_rollback(store_url) -> None:
    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            con = s.connection()
            if con.dialect.name != "sqlite":
                pytest.skip("SQLite indexes")
        schema = lambda con: con.exec_driver_sql(  # noqa: E731
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all()
        with store.sessions() as s:
            before = schema(s.connection())
        with store.sessions.begin() as s:
            with indexes_deferred(s, "order_events", "orders") as deferred:
                # the plain indexes only: the unique keys' look-ups keep theirs
                assert set(deferred) == {"ix_order_events_kind_at", "ix_order_events_order_no",
                                         "ix_order_events_order_ref", "ix_orders_order_no",
                                         "ix_orders_ordered_at", "ix_orders_status"}
                assert not {n for _t, n, *_ in schema(s.connection())} & set(deferred)
                insert_rows(s, OrderEvent.__table__, _events("deferred"))
            assert schema(s.connection()) == before
        with store.sessions() as s:  # rebuilt over the rows written meanwhile
            assert s.connection().exec_driver_sql("SELECT count(*) FROM order_events "
                                                  "INDEXED BY ix_order_events_order_no "
                                                  "WHERE order_no = '111-1'").scalar() == 10
        with (pytest.raises(RuntimeError), store.sessions.begin() as s,
              indexes_deferred(s, "order_events")):
            raise RuntimeError("cancelled")
        with store.sessions.begin() as s:
            assert schema(s.connection()) == before
            for _ in range(7):  # 1,280 rows: a table holding many keeps its indexes
                s.connection().exec_driver_sql(
                    "INSERT INTO order_events SELECT id + (SELECT max(id) FROM order_events), "
                    "'k' || (id + (SELECT max(id) FROM order_events)), order_ref, marketplace, "
                    "order_no, kind, occurred_at, occurred_text, description, sku, quantity, "
                    "total_amount, total_currency, parts, settlement_no, status, type_text, "
                    "source FROM order_events")
            with indexes_deferred(s, "order_events") as deferred:
                assert deferred == []
    finally:
        store.close()


def test_gc_paused_puts_the_collector_back_as_it_was() -> None:
    import gc

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), gc_paused():
        raise KeyError
    assert gc.isenabled()


def test_outbox_rows_written_together_read_as_one_written_alone(store_url) -> None:
    """``enqueue_many`` encrypts its payloads in one pass: each is still a Fernet token of the
    same JSON text, opened by the one-row path, each with an IV of its own."""
    import base64

    from cryptography.fernet import Fernet

    from seller_desk.store import crypto
    from seller_desk.store.models.system import OutboxItem
    from seller_desk.store.outbox import enqueue, enqueue_many

    payloads = [{"order_no": f"111-{i}", "name": "张三" * (i % 7), "lines": i, "x": None,
                 "pad": "p" * i} for i in range(40)]
    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            enqueue_many(s, [{"entity": "order", "entity_uuid": f"u{i}", "payload": p}
                             for i, p in enumerate(payloads)])
            enqueue(s, "order", "alone", payloads[3])
        with store.sessions() as s:
            items = s.scalars(select(OutboxItem).order_by(OutboxItem.id)).all()
            raw = [r[0] for r in s.connection().exec_driver_sql(
                "SELECT payload FROM outbox ORDER BY id")]
    finally:
        store.close()
    assert [i.payload for i in items] == [*payloads, payloads[3]]
    fernet = crypto._fernet()
    assert isinstance(fernet, Fernet)
    texts = [fernet.decrypt(t.encode()).decode() for t in raw]
    assert texts[3] == texts[-1] == crypto.decrypt(raw[-1])
    ivs = {base64.urlsafe_b64decode(t)[9:25] for t in raw}
    assert len(ivs) == len(raw)


def test_the_quick_json_processor_gives_what_the_type_gives() -> None:
    from sqlalchemy import JSON
    from sqlalchemy.dialects import sqlite

    from seller_desk.store.bulk import _fast_processor

    dialect = sqlite.dialect()
    quick = _fast_processor(JSON(), dialect)
    slow = JSON()._cached_bind_processor(dialect)
    values = [{"a": "1"}, {"a": 1}, {"a": True}, {"a": 1.0}, {}, [], None, {"a": {"b": "c"}},
              {"售价": "9.50", "fee": "-1"}, {"b": "2", "a": "1"}, {"a": "1", "b": "2"}]
    for value in values * 2:  # the second round from what the first remembered
        assert quick(value) == slow(value)


def test_outbox_rows_written_together_store_the_columns_one_alone_stores(store_url) -> None:
    """Every column of an ``enqueue_many`` row is stored as the ORM stores it (the timestamp's
    text, the state, the attempts, the empty error), its idempotency key a version-4 UUID."""
    import uuid

    from seller_desk.store.outbox import enqueue, enqueue_many

    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            enqueue_many(s, [{"entity": "order", "entity_uuid": f"u{i}", "payload": {"i": i},
                              "version": 3, "op": "delete" if i else "upsert"}
                             for i in range(3)])
            enqueue(s, "order", "alone", {"i": 9}, version=3, op="delete")
        with store.sessions() as s:
            kinds = ("pg_typeof(created_at)::text, pg_typeof(version)::text" if on_postgres()
                     else "typeof(created_at), typeof(version)")
            rows = list(s.connection().exec_driver_sql(
                "SELECT idempotency_key, entity, op, version, created_at, state, attempts, "
                f"last_error, {kinds} FROM outbox ORDER BY id"))
    finally:
        store.close()
    keys = [r[0] for r in rows]
    assert len(set(keys)) == 4
    for key in keys:
        assert str(uuid.UUID(key)) == key and uuid.UUID(key).version == 7
    *many, alone = rows
    assert [r[2] for r in many] == ["upsert", "delete", "delete"]
    for r in many:
        assert (r[1], r[3], r[5], r[6], r[7], r[8], r[9]) == \
            (alone[1], alone[3], alone[5], alone[6], alone[7], alone[8], alone[9])
        if isinstance(alone[4], str):  # SQLite keeps the timestamp as text
            assert len(r[4]) == len(alone[4]) and r[4][10] == alone[4][10] == " "
            assert dt.datetime.fromisoformat(r[4]) <= dt.datetime.fromisoformat(alone[4])
        else:
            assert type(r[4]) is type(alone[4]) and r[4] <= alone[4]


def test_new_uuids_are_version_7_uuids_each_after_the_last() -> None:
    """Version 7 (RFC 9562): time-ordered, so a unique index of them takes new rows at its
    end; every uuid made in the process is after the one made before it."""
    import time
    import uuid

    from seller_desk.store.models.base import new_uuid, new_uuids

    before = time.time_ns() // 1_000_000
    made = [new_uuid() for _ in range(300)] + new_uuids(5000) + [new_uuid()] + new_uuids(7)
    after = time.time_ns() // 1_000_000
    assert len(set(made)) == len(made) and new_uuids(0) == []
    assert made == sorted(made)
    for text in made:
        u = uuid.UUID(text)
        assert str(u) == text and u.version == 7 and u.variant == uuid.RFC_4122
        # (more than 4,096 in a millisecond borrow the next ones: at most 2 here)
        assert before <= int.from_bytes(u.bytes[:6], "big") <= after + 2


def test_new_uuids_are_the_time_a_count_and_the_random_bytes(monkeypatch) -> None:
    """Each uuid: the millisecond, the version and a count within it, then the random
    source's bytes (the variant bits set), in order; a clock set back, or more than 4,096 in
    one millisecond, go on from the last uuid made."""
    import os
    import random
    import uuid

    from seller_desk.store.models import base

    clock = [1_800_000_000_000]
    monkeypatch.setattr(base.time, "time_ns", lambda: clock[0] * 1_000_000)
    monkeypatch.setattr(base, "_last", [0, 0])
    made: list[str] = []
    for n, ms in ((1, 0), (3, 0), (37, 5), (5000, 5), (2, -60_000)):
        clock[0] += ms
        raw = random.Random(n).randbytes(16 * n)
        monkeypatch.setattr(os, "urandom", lambda k, raw=raw: raw[:k])
        got = base.new_uuids(n)
        for i, text in enumerate(got):
            u = uuid.UUID(text)
            assert u.version == 7 and str(u) == text
            assert u.bytes[8] == raw[16 * i + 8] & 0x3F | 0x80
            assert u.bytes[9:] == raw[16 * i + 9:16 * i + 16]
        made += got
    assert made == sorted(made) and len(set(made)) == len(made)
    stamps = [(int.from_bytes(uuid.UUID(u).bytes[:6], "big"),
               int.from_bytes(uuid.UUID(u).bytes[6:8], "big") & 0x0FFF) for u in made]
    start = 1_800_000_000_000
    assert stamps[:4] == [(start, 0), (start, 1), (start, 2), (start, 3)]
    assert stamps[4] == (start + 5, 0)  # a later millisecond starts counting again
    # 5,000 made at start + 10: 4,096 in it, the rest in the millisecond after
    assert stamps[41] == (start + 10, 0) and stamps[41 + 4095] == (start + 10, 4095)
    assert stamps[41 + 4096] == (start + 11, 0)
    # the clock set back a minute: the next ones go on after the last made
    assert stamps[-2:] == [(start + 11, 5000 - 4096), (start + 11, 5000 - 4096 + 1)]


def test_the_outbox_json_is_the_encrypted_json_types_text() -> None:
    """The outbox's quicker encoder writes what ``EncryptedJSON`` (``json.dumps``) writes."""
    import json

    from seller_desk.store.outbox import _encoder

    encode = _encoder()
    values = [{"a": "1"}, {"售价": "9.50", "n": None, "t": True, "f": 1.5, "i": -3},
              {"nested": {"l": [1, "二", {"x": []}], "e": {}}}, {"q": 'say "hi"\\\n\t\x00'},
              {"u": "\u2028\ud83d\ude42"}, {1: "int key", "b": float("inf")}, [1, 2], "text",
              {"big": 10**30, "neg0": -0.0, "tuple": (1, 2)}]
    for value in values:
        assert encode(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    with pytest.raises(TypeError):
        encode({"d": Decimal("1")})


def test_the_column_processors_give_what_the_value_processors_give() -> None:
    """``insert_rows`` processes a batch column by column (issue 12): a DATETIME column of
    naive datetimes in one ``map`` (one repeated value formatted once), a JSON column's shared
    objects serialised once; each gives, value for value, what the type's own processor gives
    (zones, None, a subclass, equal but distinct values, mixed columns)."""
    from sqlalchemy import JSON, DateTime
    from sqlalchemy.dialects import sqlite

    from seller_desk.store.bulk import _fast_processor

    class Later(dt.datetime):
        def isoformat(self, *args: object, **kw: object) -> str:
            return "later"

    dialect = sqlite.dialect()
    a, b = dt.datetime(2024, 1, 5, 15, 4, 5), dt.datetime(2024, 1, 5, 15, 4, 5, 120)
    same = dt.datetime(2024, 1, 5, 15, 4, 5)  # equal to ``a``, another object
    aware = dt.datetime(2024, 1, 5, 16, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    utc = dt.datetime(2024, 1, 5, 15, 4, 5, tzinfo=dt.UTC)  # equal to ``aware``
    stamps = [[a, b, dt.datetime(1, 1, 1)], [a] * 5, [a, same, a], [a, None, b], [None] * 3,
              [aware, utc], [aware] * 3, [a, aware], [Later(2024, 1, 5)] * 2,
              [a, Later(2024, 1, 5, 15, 4, 5)], [], [b]]
    shared = {"selling_fees": "-1.5"}
    jsons = [[shared] * 4, [shared, {"selling_fees": "-1.5"}, {"a": 1}, None, shared, []],
             [{"a": "1", "b": "2"}, {"b": "2", "a": "1"}], [None, None], [], [{"x": [1]}] * 2]
    for type_, columns in ((DateTime(), stamps), (JSON(), jsons)):
        quick = _fast_processor(type_, dialect)
        slow = type_._cached_bind_processor(dialect)
        for column in columns:
            assert quick.many(list(column)) == [slow(v) for v in column], column


def test_insert_rows_refuses_rows_of_another_width(store_url) -> None:
    store = open_store(store_url)
    try:
        cols = ("event_key", "order_ref", "marketplace")
        for rows in ([("k1", None, "m"), ("k2", None)], [("k1", None, "m", "extra")]):
            with store.sessions.begin() as s, pytest.raises(ValueError):
                insert_rows(s, OrderEvent.__table__, rows, columns=cols)
    finally:
        store.close()


def test_a_json_value_remembered_for_one_dialect_is_not_bound_for_another() -> None:
    """The remembered JSON binds are the dialect's own: psycopg binds a ``Json`` wrapper,
    SQLite the text (a PostgreSQL run's cache once gave SQLite a ``Json``)."""
    from sqlalchemy import JSON
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.dialects.postgresql import psycopg

    from seller_desk.store.bulk import _fast_processor

    value = {"selling_fees": "-2.5"}
    pg, lite = psycopg.dialect(), sqlite.dialect()
    for first, then in ((pg, lite), (lite, pg)):
        type_ = JSON()
        for dialect in (first, then):
            quick = _fast_processor(type_, dialect)
            slow = type_._cached_bind_processor(dialect)
            got, want = quick(dict(value)), slow(dict(value))
            assert type(got) is type(want) and str(got) == str(want)


def test_insert_rows_can_leave_out_the_rows_of_a_stored_unique_key(store_url) -> None:
    """``skip_conflicts_on`` (issue 12: an order's events go in without a look-up of their keys
    first): a row whose key is stored, or came earlier in the same rows, is left out and the
    stored row kept; the other rows are stored as a plain insert stores them, and a broken
    row still raises."""
    store = open_store(store_url)
    try:
        events = _events("k")
        with store.sessions.begin() as s:
            insert_rows(s, OrderEvent.__table__, events[:4])
        again = [dict(e, description="second") for e in events[2:]] + [
            dict(events[7], description="third")]
        with store.sessions.begin() as s:
            assert insert_rows(s, OrderEvent.__table__, again,
                               skip_conflicts_on=("event_key",)) == len(again)
        with store.sessions() as s:
            stored = s.execute(select(OrderEvent.event_key, OrderEvent.description,
                                      OrderEvent.total_amount).order_by(OrderEvent.id)).all()
        assert [(k, d) for k, d, _ in stored] == (
            [(f"k{i}", "d") for i in range(4)] + [(f"k{i}", "second") for i in range(4, 10)])
        assert [a for _, _, a in stored] == [e["total_amount"] for e in events]
        with store.sessions.begin() as s, pytest.raises(Exception, match=r"(?i)not.null"):
            insert_rows(s, OrderEvent.__table__, [dict(_events("n")[0], marketplace=None)],
                        skip_conflicts_on=("event_key",))
    finally:
        store.close()


def test_a_column_of_one_value_stores_what_binding_it_stores(store_url) -> None:
    """A column holding the same value in every row of a batch (SQLite: written into the
    statement rather than bound per row) stores what the ORM's insert stores: quotes, question
    marks and Chinese in text, text of digits in a text column, a naive timestamp, an integer,
    NULL; a text holding a NUL too."""
    tricky = dict(description="O'Brien's ? 测试 '' ?", occurred_text="0012", sku="",
                  quantity=-7, settlement_no="1e5", status="?",
                  occurred_at=dt.datetime(2024, 2, 29, 23, 59, 59, 5), total_amount=Decimal(3))

    def rows(prefix: str) -> list[dict]:
        return [dict(e, **tricky) for e in _events(prefix)]

    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            insert_rows(s, OrderEvent.__table__, rows("bulk"))
            s.execute(insert(OrderEvent.__table__), rows("orm"))
        with store.sessions() as s:
            t = OrderEvent.__table__
            cols = [c.name for c in t.columns if c.name not in ("id", "event_key")]
            kinds = "" if on_postgres() else ", " + ", ".join(f"typeof({c})" for c in cols)
            raw = s.connection().exec_driver_sql(
                f"SELECT event_key, {', '.join(cols)}{kinds} FROM order_events "
                "ORDER BY id").all()
            bulk = {r[0][4:]: r[1:] for r in raw if r[0].startswith("bulk")}
            orm = {r[0][3:]: r[1:] for r in raw if r[0].startswith("orm")}
            assert bulk == orm and len(bulk) == 10
            got = s.scalars(select(OrderEvent).where(OrderEvent.event_key.like("bulk%"))).all()
            assert {(e.description, e.occurred_text, e.quantity, e.settlement_no, e.status,
                     e.occurred_at.replace(tzinfo=None)) for e in got} == {(
                tricky["description"], "0012", -7, "1e5", "?", tricky["occurred_at"])}
        if on_postgres():  # (PostgreSQL's text holds no NUL at all)
            return
        with store.sessions.begin() as s:  # bound as before (no literal holds a NUL)
            insert_rows(s, OrderEvent.__table__, [dict(e, description="a\x00b")
                                                  for e in _events("nul")])
        with store.sessions() as s:
            assert set(s.scalars(select(OrderEvent.description).where(
                OrderEvent.event_key.like("nul%")))) == {"a\x00b"}
    finally:
        store.close()


def test_an_encrypted_column_of_one_value_is_encrypted_row_by_row(store_url) -> None:
    """The same consignee in every row still gets a token of its own in each (an encryption
    is not a value written once for the batch)."""
    from seller_desk.store.models.orders import Order

    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            insert_rows(s, Order.__table__, [
                ("amazon.com", f"111-{i}", "USD", "张三", f"uuid-{i}") for i in range(6)],
                columns=("marketplace", "order_no", "currency", "consignee_name", "uuid"))
        with store.sessions() as s:
            tokens = [r[0] for r in s.connection().exec_driver_sql(
                "SELECT consignee_name FROM orders ORDER BY id")]
            names = s.scalars(select(Order.consignee_name).order_by(Order.id)).all()
    finally:
        store.close()
    assert names == ["张三"] * 6
    assert len(set(tokens)) == 6


def test_outbox_rows_of_json_texts_store_what_rows_of_payloads_store(store_url) -> None:
    """``enqueue_json`` (payloads given as their JSON text) stores the rows ``enqueue_many``
    stores of the same payloads: entity, uuid, op, version, state, the same text encrypted."""
    from seller_desk.store import crypto
    from seller_desk.store.outbox import enqueue_json, enqueue_many, payload_json

    payloads = [{"order_no": f"111-{i}", "name": "张三\"" * (i % 3), "lines": i}
                for i in range(5)]
    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            enqueue_many(s, [{"entity": "order", "entity_uuid": f"u{i}", "payload": p,
                              "version": i + 1} for i, p in enumerate(payloads)])
            enqueue_json(s, "order", [(f"u{i}", payload_json(p), i + 1)
                                      for i, p in enumerate(payloads)])
        with store.sessions() as s:
            rows = list(s.connection().exec_driver_sql(
                "SELECT entity, entity_uuid, op, version, state, attempts, last_error, payload "
                "FROM outbox ORDER BY id"))
    finally:
        store.close()
    assert len(rows) == 10
    many, texts = rows[:5], rows[5:]
    assert [r[:7] for r in many] == [r[:7] for r in texts]
    assert crypto.decrypt_many([r[7] for r in many]) == crypto.decrypt_many(
        [r[7] for r in texts]) == [payload_json(p) for p in payloads]


def test_plain_rows_are_the_rows_execute_gives(store_url) -> None:
    """Plain columns come as the driver's tuples, the same values; a column whose type
    converts what is stored (a datetime, an amount) is converted as ``execute`` converts it;
    an error met while fetching is SQLAlchemy's, as any other."""
    store = open_store(store_url)
    t = OrderEvent.__table__
    try:
        with store.sessions.begin() as s:
            insert_rows(s, t, [dict(e, event_key=f"{e['event_key']}-{k}",
                                    description="[1]" if k < 700 else "not json")
                               for k in range(800) for e in _events("e")])
        with store.sessions() as s:
            plain = select(t.c.id, t.c.event_key, t.c.marketplace).order_by(t.c.id)
            rows = list(plain_rows(s, plain))
            assert len(rows) == 8000 and rows == [tuple(r) for r in s.execute(plain)]
            converted = select(t.c.event_key, t.c.occurred_at, t.c.total_amount).order_by(t.c.id)
            assert list(plain_rows(s, converted)) == list(s.execute(converted))
            assert next(plain_rows(s, converted))[2] == Decimal("-1.5")
            if s.connection().dialect.name == "sqlite":
                assert all(type(r) is tuple for r in rows)
                # the 7,001st row's text is not JSON: met past the first fetch
                with pytest.raises(OperationalError, match="JSON"):
                    list(plain_rows(s, select(func.json_extract(t.c.description, "$"))
                                    .order_by(t.c.id)))
    finally:
        store.close()


def test_deferred_indexes_are_built_with_a_small_cache(tmp_path) -> None:
    """Inside a big cache the deferred indexes are built with a small one (SQLite's sorter
    holds runs of about the cache's size: 133 MB more for 1M orders' builds with 64 MB),
    and the block's cache is back after them."""
    store = open_store(f"sqlite:///{tmp_path / 'c.sqlite'}")
    try:
        with store.sessions.begin() as s, big_cache(s):
            con = s.connection()
            seen: list[str] = []
            con.connection.driver_connection.set_trace_callback(seen.append)
            with indexes_deferred(s, "order_events") as deferred:
                insert_rows(s, OrderEvent.__table__, _events("small"))
                seen.clear()
            con.connection.driver_connection.set_trace_callback(None)
            built = [k for k, sql in enumerate(seen) if sql.startswith("CREATE INDEX")]
            small = seen.index(f"PRAGMA cache_size = -{INDEX_BUILD_CACHE_KIB}")
            assert deferred and len(built) == len(deferred) and small < min(built)
            assert seen[-1] == f"PRAGMA cache_size = -{BULK_CACHE_KIB}" and max(built) < len(seen)
            assert con.exec_driver_sql("PRAGMA cache_size").scalar() == -BULK_CACHE_KIB
    finally:
        store.close()


def test_key_bits_never_miss_a_key_added_and_rarely_name_another():
    from seller_desk.store.bulk import KeyBits

    bits = KeyBits(20_000)
    added = [("amazon.com", f"111-{i:07d}") for i in range(20_000)]
    for k in added:
        bits.add(k)
    assert all(k in bits for k in added)
    others = [("amazon.com", f"222-{i:07d}") for i in range(20_000)]
    assert sum(k in bits for k in others) < len(others) // 20  # ~3% false hits
    assert len(bits.bits) * 8 >= 32 * 20_000  # about 32 bits a key
    assert ("x", "y") not in KeyBits(0)


def test_key_bits_add_all_names_the_keys_that_may_have_been_added_before():
    from seller_desk.store.bulk import KeyBits

    bits = KeyBits(1000)
    first = [("m", str(i)) for i in range(500)]
    assert len(bits.add_all(first)) < 25  # only false hits among themselves
    again = bits.add_all([*first[:100], ("m", "new")])
    assert again[:100] == first[:100] and all(k in bits for k in [*first, ("m", "new")])


def test_rows_for_keys_are_the_rows_of_one_statement_of_every_key(store_url, monkeypatch) -> None:
    """A few keys a statement (here 7), run as SQLite takes it on SQLite: the same rows as one
    ``execute`` of every key, the statement's other parameters bound, the rows the
    transaction wrote seen; an error is SQLAlchemy's, as any other."""
    from sqlalchemy import bindparam

    from seller_desk.store import bulk

    monkeypatch.setattr(bulk, "LOOKUP_KEYS", 7)
    store = open_store(store_url)
    t = OrderEvent.__table__
    keys = bindparam("keys", expanding=True)
    stmt = select(t.c.id, t.c.event_key, t.c.marketplace).where(
        t.c.marketplace == bindparam("market"), t.c.event_key.in_(keys))
    try:
        with store.sessions.begin() as s:
            insert_rows(s, t, [dict(e, event_key=f"{e['event_key']}-{k}",
                                    marketplace="amazon.de" if k % 3 else "amazon.com")
                               for k in range(30) for e in _events("e")])
            asked = [f"e{i}-{k}" for k in range(0, 30, 2) for i in range(10)] + ["none"]
            got = sorted(bulk.rows_for_keys(s, stmt, asked, market="amazon.de"))
            every = sorted(tuple(r) for r in s.execute(stmt, {"keys": asked,
                                                              "market": "amazon.de"}))
            assert len(got) == 100 and got == every
            assert list(bulk.rows_for_keys(s, stmt, [], market="amazon.de")) == []
            s.execute(t.update().where(t.c.event_key == "e0-2").values(description="x"))
            broken = select(func.json_extract(t.c.description, "$")).where(t.c.event_key.in_(keys))
            if s.connection().dialect.name == "sqlite":
                with pytest.raises(OperationalError, match="JSON"):
                    list(bulk.rows_for_keys(s, broken, ["e0-0", "e0-2"]))
    finally:
        store.close()


def test_rows_for_keys_bind_the_other_parameters_by_their_types(store_url) -> None:
    """The statement's other parameters go to SQLite as their columns' types store them: an
    amount (a Decimal the driver cannot take) and a time (not through sqlite3's deprecated
    default adapter, an error here) find the rows SQLAlchemy's own execute finds."""
    import warnings

    from sqlalchemy import bindparam

    from seller_desk.store import bulk

    store = open_store(store_url)
    t = OrderEvent.__table__
    stmt = select(t.c.event_key).where(
        t.c.event_key.in_(bindparam("keys", expanding=True)),
        t.c.total_amount == bindparam("amount"), t.c.occurred_at >= bindparam("since"))
    try:
        with store.sessions.begin() as s:
            insert_rows(s, t, _events("b"))
            asked = [f"b{i}" for i in range(10)]
            given = {"amount": Decimal("-1.5"), "since": dt.datetime(2024, 1, 5, 15, 4, 5)}
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                got = sorted(bulk.rows_for_keys(s, stmt, asked, **given))
            every = sorted(tuple(r) for r in s.execute(stmt, {"keys": asked, **given}))
            assert got == every == [("b0",), ("b1",), ("b5",), ("b6",)]  # (-1.5 = -1.50)
    finally:
        store.close()


def test_hashed_keys_hold_every_key_given_and_almost_surely_no_other() -> None:
    from seller_desk.store.bulk import HashedKeys

    pairs = [(f"sku-{i:07d}", f"{i * 7919:032x}") for i in range(50_000)]
    held = HashedKeys(pairs)
    assert len(held) == 50_000 and all(p in held for p in pairs)
    assert not any((sku, "0" * 32) in held for sku, _ in pairs[1:])
    assert ("sku-0000001", "x") not in HashedKeys([]) and len(HashedKeys([])) == 0

    class Hashed:  # keys whose hashes are the extremes and their neighbours
        def __init__(self, h: int) -> None:
            self.h = h

        def __hash__(self) -> int:
            return self.h

    extremes = [-(2**63) + 1, -(2**48), -3, 0, 2**48 - 1, 2**63 - 1]
    held = HashedKeys(Hashed(h) for h in extremes)
    assert all(Hashed(h) in held for h in extremes)
    assert not any(Hashed(h) in held for h in (-(2**63) + 2, -(2**48) + 1, 1, 2**63 - 2))
