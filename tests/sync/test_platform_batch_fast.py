"""The platform's per-batch shortcuts give what the plain ways gave: the fingerprint, the shape
limits, the stored results and data, the /batch answer (issue 12: a 100k push)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seller_desk.sandbox import app as A
from seller_desk.sandbox import limits as L
from seller_desk.sandbox import schemas as S
from seller_desk.sandbox.app import Platform
from seller_desk.sandbox.store import Idempotency, PlatformStore, Record

LEAF = (st.none() | st.booleans() | st.integers(-(2**60), 2**60)
        | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8))
JSON = st.recursive(LEAF, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=4), inner, max_size=4), max_leaves=25)


def _old_fingerprint(item: S.BatchItem) -> str:
    canonical = json.dumps([item.entity, item.uuid, item.op, item.base_version, item.data],
                           sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                           default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@settings(max_examples=200, deadline=None)
@given(data=JSON, entity=st.text(max_size=12), uuid=st.text(max_size=40),
       op=st.sampled_from(["upsert", "delete", "x\"\\中"]), base=st.integers(0, 2**53))
def test_the_fingerprint_is_the_canonical_json_hash_it_always_was(data, entity, uuid, op,
                                                                   base):
    """Stored fingerprints of a running classroom server keep matching replays."""
    item = S.BatchItem(idempotency_key="k", entity=entity, uuid=uuid, op=op,
                       base_version=base, data=data)
    assert A.fingerprint(item) == _old_fingerprint(item)
    assert A.fingerprint(item, A._CANONICAL.encode(item.data)) == _old_fingerprint(item)


SMALL = (st.none() | st.booleans() | st.integers(-2000, 2000)
         | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=7))
KEYS = st.text(max_size=3) | st.just("k" * 201)
SHAPES = st.recursive(SMALL, lambda inner: st.lists(inner, max_size=5)
                      | st.dictionaries(KEYS, inner, max_size=5), max_leaves=40)


@settings(max_examples=400, deadline=None)
@given(value=SHAPES)
def test_the_quick_shape_check_passes_exactly_what_the_full_walk_passes(value):
    with small_limits():
        full = _full_walk(value)
        assert L._within_limits(value) == (full == [])
        assert L.shape_problems(value) == full


@pytest.mark.parametrize("size", range(0, 20))
@pytest.mark.parametrize("odd", ["", "long key", "long string", "number"])
def test_a_flat_record_of_strings_is_judged_as_the_full_walk_judges_it(size, odd):
    """The flat-record short cut (most of a push) keeps the key count, key and string limits."""
    value: dict[str, Any] = {f"k{i}": "v" * (i % 6) for i in range(size)}
    if odd == "long key":
        value["k" * 201] = "v"
    elif odd == "long string":
        value["s"] = "x" * 6
    elif odd == "number":
        value["n"] = 1001
    with small_limits():
        assert L._within_limits(value) == (_full_walk(value) == [])


def _full_walk(value: Any) -> list:
    saved = L._within_limits
    L._within_limits = lambda _v: False
    try:
        return L.shape_problems(value)
    finally:
        L._within_limits = saved


@contextmanager
def small_limits() -> Iterator[None]:
    """Small limits, so generated values cross each of them."""
    saved = L.MAX_DEPTH, L.MAX_KEYS, L.MAX_STRING, L.MAX_INT
    L.MAX_DEPTH, L.MAX_KEYS, L.MAX_STRING, L.MAX_INT = 4, 12, 5, 1000
    try:
        yield
    finally:
        L.MAX_DEPTH, L.MAX_KEYS, L.MAX_STRING, L.MAX_INT = saved


def test_new_records_and_results_are_stored_as_the_json_types_read_them(tmp_path):
    store = PlatformStore(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    try:
        platform = Platform(store)
        seller = platform.create_class(1)["students"][0]["seller_id"]
        data = {"sku": "SKU-1", "hs_code": "3926909090", "price_amount": "1.50",
                "price_currency": "USD", "name": "杯子 \"cup\"", "dims": {"b": 1, "a": [1, 2]}}
        items = [S.BatchItem(idempotency_key=f"k{i}", entity="product",
                             uuid=f"0000000{i}-0000-4000-8000-000000000000", data=data)
                 for i in range(3)]
        items.append(S.BatchItem(idempotency_key="k-again", entity="product",
                                 uuid=items[0].uuid, base_version=1,
                                 data={**data, "sku": "SKU-1b"}))
        items.append(S.BatchItem(idempotency_key="k-gone", entity="product",
                                 uuid=items[1].uuid, base_version=1, op="delete"))
        first = platform.apply_batch(seller, items)
        assert [r["status"] for r in first] == ["applied"] * 5
        assert [r["version"] for r in first] == [1, 1, 1, 2, 2]
        with store.session() as s:
            recs = {r.uuid: r for r in s.query(Record)}
            stored = {k.key: k.result for k in s.query(Idempotency)}
        assert recs[items[0].uuid].data == {**data, "sku": "SKU-1b"}
        assert recs[items[1].uuid].deleted and recs[items[1].uuid].data == data
        assert recs[items[2].uuid].data == data and recs[items[2].uuid].version == 1
        assert [stored[it.idempotency_key] for it in items] == first
        # a replay returns the stored answers, applies nothing, reads no record
        assert platform.apply_batch(seller, items) == first
        with store.session() as s:
            assert s.query(Record).count() == 3
    finally:
        store.dispose()


def test_the_batch_answer_has_every_field_of_the_response_model():
    results = [
        {"idempotency_key": "a", "entity": "product", "uuid": "u1", "status": "applied",
         "version": 1, "remote_status": "submitted"},
        {"idempotency_key": "b", "entity": "product", "uuid": "u2", "status": "rejected",
         "problem": {"type": "t", "title": "中文", "status": 422, "problems": []}},
        {"idempotency_key": "c", "entity": "product", "uuid": "u3", "status": "conflict",
         "version": 2, "remote_status": None, "problem": {"status": 409},
         "server": {"version": 2, "data": {"x": "1"}, "deleted": False,
                    "remote_status": None}},
    ]
    body = A.batch_response(results)
    expected = S.BatchResponse.model_validate({"results": results}).model_dump(mode="json")
    assert json.loads(body) == expected
    assert list(json.loads(body)["results"][1]) == list(S.ItemResult.model_fields)


def _stored(store: PlatformStore, table: str) -> list[tuple]:
    with store.session() as s:
        return [tuple(r) for r in s.connection().exec_driver_sql(
            f'SELECT * FROM "{table}" ORDER BY rowid')]


@pytest.mark.parametrize("shape", ["shared tail", "shared and converted", "one column shared",
                                   "all shared", "plain"])
def test_insert_many_stores_what_a_core_insert_stores(tmp_path, shape):
    """_insert_many's driver rows (the values every row shares moved last, converted once)
    give the rows SQLAlchemy's own insert gives, column for column."""
    import datetime as dt

    from sqlalchemy import insert

    now = dt.datetime(2025, 3, 20, 2, 0, 1, 123456, tzinfo=dt.UTC)
    later = dt.datetime(2025, 3, 21, 8, 0, tzinfo=dt.UTC)
    rows = []
    for i in range(7):
        data = {"sku": f"SKU-{i}", "n": i}
        rows.append({"seller_id": 1, "entity": "product", "uuid": f"u{i}", "version": i + 1,
                     "data": data, "deleted": False, "remote_status": "submitted",
                     "status_reason": None, "updated_at": now})
        if shape == "shared and converted":  # a converted column that differs row to row
            rows[-1]["deleted"] = i % 2 == 0
        elif shape == "one column shared":
            rows[-1]["updated_at"] = [now, later][i % 2]
        elif shape == "plain":
            rows[-1]["updated_at"] = [now, later][i % 2]
            rows[-1]["deleted"] = i % 3 == 0
    if shape == "all shared":
        rows = [{"seller_id": 1, "updated_at": now, "deleted": True}] * 3
        rows = [{**r, "key": f"k{i}"} for i, r in enumerate(rows)]
    ours, core = (PlatformStore(f"sqlite:///{tmp_path / n}.sqlite3") for n in ("ours", "core"))
    try:
        for store in (ours, core):
            with store.write() as s:
                s.connection().exec_driver_sql(
                    "INSERT INTO account (id, name, role, token_hash, created_at) "
                    "VALUES (1, 'a', 'seller', 'h', '2025-01-01 00:00:00')")
        if shape == "all shared":  # a table of its own: every column but one the same
            from sqlalchemy import Boolean, Column, DateTime, Integer, MetaData, String, Table

            table = Table("t", MetaData(), Column("seller_id", Integer),
                          Column("updated_at", DateTime(timezone=True)),
                          Column("deleted", Boolean), Column("key", String))
            for store in (ours, core):
                table.metadata.create_all(store.engine)
            ready: tuple[str, ...] = ()
            ours_rows = rows
        else:
            table = Record.__table__
            ready = ("data",)
            ours_rows = [{**r, "data": json.dumps(r["data"])} for r in rows]
        with ours.write() as s:
            A._insert_many(s, table, ours_rows, ready=ready)
        with core.write() as s:
            s.execute(insert(table), rows)
        assert _stored(ours, table.name) == _stored(core, table.name)
        assert len(_stored(ours, table.name)) == len(rows)
    finally:
        ours.dispose()
        core.dispose()
