"""The push body: outbox payloads travel as the JSON text the company file keeps (RawJSON),
and the bytes are the ones encoding the parsed payloads would give (issue 12)."""

from __future__ import annotations

import json

from seller_desk.sync.client import encode_batch
from seller_desk.sync.engine import wire_items
from seller_desk.sync.protocol import OutboxItem, RawJSON

PAYLOADS = [{"sku": "杯-1", "price_amount": "1.50", "note": "a \"quoted\" \\ line\n"},
            {"nested": {"b": [1, 2.5, None, True]}, "a": "x"}, {}]


def _items(raw: bool) -> list[OutboxItem]:
    return [OutboxItem(id=i, idempotency_key=f"k{i}", entity="product", entity_uuid=f"u{i}",
                       op="delete" if i == 3 else "upsert",
                       payload=(RawJSON(json.dumps(p, ensure_ascii=False, separators=(",", ":")))
                                if raw else p),
                       version=1)
            for i, p in enumerate([*PAYLOADS, {"gone": 1}])]


def test_raw_payloads_encode_to_the_bytes_of_the_parsed_ones():
    plain = wire_items(_items(raw=False), {("product", "u1"): 4})
    raw = wire_items(_items(raw=True), {("product", "u1"): 4})
    expected = json.dumps({"items": plain}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    assert encode_batch(plain) == expected
    assert encode_batch(raw) == expected
    assert json.loads(encode_batch(raw))["items"][3]["data"] is None  # a delete sends none


def test_an_item_of_another_shape_is_still_encoded_whole():
    item = {"idempotency_key": "k", "entity": "product", "uuid": "u", "op": "upsert",
            "base_version": 0, "extra": "x", "data": RawJSON('{"a":1}')}
    assert json.loads(encode_batch([item]))["items"][0] == {**item, "data": {"a": 1}}


def test_the_desk_store_hands_payloads_over_as_stored(empty_desk):
    from seller_desk.store.outbox import enqueue
    from seller_desk.sync.desk_store import DeskSyncStore

    with empty_desk.write() as s:
        for i, p in enumerate(PAYLOADS):
            enqueue(s, "product", f"u{i}", p)
    items = DeskSyncStore(empty_desk, "http://127.0.0.1:1").pending(10)
    assert all(type(it.payload) is RawJSON for it in items)
    assert [it.payload.value() for it in items] == PAYLOADS
