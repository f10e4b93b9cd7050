"""The rows of a staged Date Range import that are no order's (fees, transfers, refunds of
orders not in the file…) are written from the staged rows as plain tuples, in one insert that
leaves out the stored keys itself (issue 12): exactly what the record path writes and counts,
checked on the rows themselves and on whole imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from seller_desk.io.readers import amazon_date_range, get
from seller_desk.services import orders as orders_service
from seller_desk.services.orders import _event_key, _event_values, _loose_rows
from tests.bench.bench_import import write_date_range_csv
from tests.io.test_date_range_same_records import SAMPLE, malformed
from tests.services.test_orders_import_digest import _changed_copy
from tests.services.test_orders_plain_new import _imports, assert_same_imports


def _repeated_loose(src: Path, dst: Path) -> Path:
    """``src`` with its first row of no order twice and another one's amount changed: a key
    given twice in one file, and a row of a stored key's file changed (a new key)."""
    lines = src.read_text("utf-8").splitlines(keepends=True)
    loose = [k for k, ln in enumerate(lines) if '"Service Fee","",' in ln
             or '"Transfer","",' in ln]
    assert len(loose) >= 2
    lines.insert(loose[0] + 1, lines[loose[0]])
    k = loose[1] + 1
    lines[k] = lines[k].replace('","Released"', '1","Released"', 1)
    dst.write_text("".join(lines), "utf-8")
    return dst


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("loose")
    generated = folder / "generated.csv"
    write_date_range_csv(generated, 1500, seed=7)
    malformed(generated, folder / "malformed.csv")
    _changed_copy(generated, folder / "changed.csv")
    _repeated_loose(generated, folder / "repeated.csv")
    (folder / "sample.csv").write_bytes(SAMPLE.read_bytes())
    return {p.name: p for p in folder.iterdir()}


@pytest.mark.parametrize("name", ["sample.csv", "generated.csv", "malformed.csv",
                                  "changed.csv", "repeated.csv"])
def test_plain_loose_rows_are_what_the_records_give(files: dict[str, Path], name: str) -> None:
    records = get("amazon-date-range").read(files[name], options={"stage": True}).records
    plain = records.plain_events()
    assert plain is not None
    got = _loose_rows(list(plain))
    want = [(_event_key(ev), *_event_values(ev)) for ev in records.events()]
    assert got == want
    assert [[type(v) for v in row] for row in got] == [[type(v) for v in row] for row in want]
    if name != "malformed.csv":
        assert len(got) >= 1


@pytest.mark.parametrize("chunk", [40, 5000])
def test_an_import_writes_and_counts_the_same_with_and_without_plain_loose_rows(
        tmp_path: Path, files: dict[str, Path], monkeypatch, chunk: int) -> None:
    monkeypatch.setattr(orders_service, "IMPORT_CHUNK", chunk)
    steps = [files["repeated.csv"], files["generated.csv"], files["changed.csv"],
             files["repeated.csv"], files["generated.csv"], files["sample.csv"],
             files["malformed.csv"]]
    calls: list[int] = []
    plain = amazon_date_range._Rows.plain_event
    monkeypatch.setattr(amazon_date_range._Rows, "plain_event",
                        lambda self, t: calls.append(1) or plain(self, t))
    fast = _imports(tmp_path, "fast", steps, monkeypatch)
    assert calls  # the plain path was taken
    monkeypatch.delattr(amazon_date_range._Rows, "plain_event")
    slow = _imports(tmp_path, "slow", steps, monkeypatch)
    assert_same_imports(fast, slow)
    # a key given twice in a file: imported once, then unchanged; the changed row's original
    # a new key
    first, generated = fast[0][0], fast[1][0]
    assert first["imported"] > 1000 and first["unchanged"] == 1
    assert generated["imported"] == 1
    assert fast[3][0]["imported"] == 0 and fast[4][0]["imported"] == 0
