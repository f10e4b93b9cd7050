"""The new orders of a staged Date Range import are written from the staged rows as plain
tuples (issue 12): exactly what the record path writes (order, lines, events, digests, outbox,
search rows), checked on the records themselves and on whole imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seller_desk.desk import Desk
from seller_desk.io.readers import amazon_date_range, get
from seller_desk.services import orders as orders_service
from seller_desk.services.orders import (
    _compared,
    _event_key,
    _event_values,
    _lines,
    _plain_new,
)
from seller_desk.store.db import url_for_path
from tests.bench.bench_import import write_date_range_csv
from tests.io.test_date_range_same_records import SAMPLE, malformed
from tests.services.test_orders_import_digest import _changed_copy, _state


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("plain")
    generated = folder / "generated.csv"
    write_date_range_csv(generated, 1500, seed=5)
    malformed(generated, folder / "malformed.csv")
    _changed_copy(generated, folder / "changed.csv")
    (folder / "sample.csv").write_bytes(SAMPLE.read_bytes())
    return {p.name: p for p in folder.iterdir()}


@pytest.mark.parametrize("name", ["sample.csv", "generated.csv", "malformed.csv",
                                  "changed.csv"])
def test_plain_tuples_give_what_the_record_gives(files: dict[str, Path], name: str) -> None:
    result = get("amazon-date-range").read(files[name], options={"stage": True})
    raw = result.records.raw_rows()
    assert raw is not None
    n = 0
    for market, no, rows in result.records.order_runs():
        rec = raw.order(market, no, rows)
        plain = _plain_new(market, no, *raw.plain_order(market, no, rows))
        assert plain is not None
        values, digest = _compared(rec)
        assert plain.values == values
        assert [type(v) for v in plain.values] == [type(v) for v in values]
        assert plain.digest == digest
        assert plain.lines == _lines(rec)
        assert plain.consignee == rec.consignee_name and plain.store == rec.store
        assert plain.events == [(_event_key(ev), _event_values(ev)) for ev in rec.events]
        n += 1
    assert n >= 3


def test_a_nul_in_a_value_leaves_the_order_to_its_record() -> None:
    head = ("USD", None, "", "Released", "Amazon", "US", "", "", "", "amazon-date-range")
    lines = [("A\x00B", "t", 1, 0, "USD", "")]
    assert _plain_new("amazon.com", "1", head, lines, []) is None


def _imports(tmp_path: Path, name: str, steps: list[Path], monkeypatch) -> list[Any]:
    desk = Desk.open(url_for_path(tmp_path / f"{name}.sqlite"), data_dir=tmp_path)
    out = []
    try:
        for path in steps:
            report = desk.imports.import_file(path, options={"stage": True}).to_json("en")
            report.pop("rejected_file", None)
            out.append((report, _state(desk)))
    finally:
        desk.close()
    return out


def assert_same_imports(fast: list[Any], slow: list[Any]) -> None:
    """Two runs of :func:`_imports`: the same reports and the same rows in every table."""
    for (report, state), (report_slow, state_slow) in zip(fast, slow, strict=True):
        assert report == report_slow
        assert state.keys() == state_slow.keys()
        for table in state:
            assert state[table] == state_slow[table], table


@pytest.mark.parametrize("chunk", [40, 5000])
def test_an_import_writes_the_same_with_and_without_plain_tuples(
        tmp_path: Path, files: dict[str, Path], monkeypatch, chunk: int) -> None:
    monkeypatch.setattr(orders_service, "IMPORT_CHUNK", chunk)
    steps = [files["generated.csv"], files["changed.csv"], files["changed.csv"],
             files["generated.csv"], files["sample.csv"]]
    fast = _imports(tmp_path, "fast", steps, monkeypatch)
    calls = []
    plain = amazon_date_range._Rows.plain_order
    monkeypatch.setattr(amazon_date_range._Rows, "plain_order",
                        lambda self, *a: calls.append(1) or plain(self, *a))
    _imports(tmp_path, "counted", steps[:1], monkeypatch)
    assert calls  # the fast path was taken
    monkeypatch.delattr(amazon_date_range._Rows, "plain_order")
    slow = _imports(tmp_path, "slow", steps, monkeypatch)
    assert_same_imports(fast, slow)
    assert fast[0][0]["imported"] > 1000


@pytest.mark.parametrize("micros", [0, -1, -86_400_000_001, 1_709_300_000_123_456,
                                    4_102_444_800_000_000, 253_402_300_799_999_999])
def test_the_plain_instant_is_the_stamps(micros: int) -> None:
    from seller_desk.io.report_dates import stamp_at

    naive = amazon_date_range._Rows._naive(micros)
    assert naive == stamp_at(micros, "").utc.replace(tzinfo=None) and naive.tzinfo is None


@pytest.mark.parametrize("text", ["", "amazon.com", 'a"b\\c/d', "\x00\x01\n\t\x1f", "测试 é",
                                  "\u2028\u2029", "\ud800", "x" * 300])
def test_an_orders_outbox_payload_is_the_json_of_its_dict(text: str) -> None:
    """The order payload's text made straight from its values is what the outbox writes of
    the same dict, for any text (quotes, backslashes, control characters, Chinese, a lone
    surrogate) and for values of other types (written the dict's way)."""
    from seller_desk.services.orders import _order_payload
    from seller_desk.store.outbox import payload_json

    names = ("marketplace", "order_no", "currency", "status", "lines")
    for values in [(text, "111-1", "USD", text, 3), ("amazon.com", text, text, "", 0),
                   (text, text, text, text, -2), (text, "n", "USD", "s", 10**20),
                   (text, "n", "USD", "s", True), (text, "n", None, "s", 1),
                   (text, "n", "USD", "s", 1.5)]:
        assert _order_payload(*values) == payload_json(dict(zip(names, values, strict=True)))
