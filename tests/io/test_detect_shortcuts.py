"""Detection's shortcuts give what the long way gives: a head split from its first lines only,
the Date Range header test that first counts known texts, the collector presets tried on one
``Columns`` of a row. Checked on every row of the shared samples and on generated rows."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from seller_desk.io import tabular
from seller_desk.io.readers import amazon_date_range as dr
from seller_desk.io.readers import collector_statement as cs

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
TEXTS = [p.read_bytes().decode("utf-8-sig", errors="replace")
         for p in sorted(SAMPLES.iterdir()) if p.suffix in (".csv", ".txt")]
SAMPLE_ROWS = [row for text in TEXTS for row in tabular._split(text, None)[0]]


def _whole(lines: list[str], delimiter: str | None) -> tuple[list[list[str]], str]:
    rows, delim = tabular._split("".join(lines), delimiter)
    return rows[:tabular.HEAD_ROWS], delim


CELL = st.one_of(
    st.text(alphabet="ab,;\t \"\n\r1", max_size=6),
    st.sampled_from(["\"multi\nline\"", "\"a,b\"", "\"\"", "x"]),
)


@given(st.lists(st.lists(CELL, min_size=1, max_size=5), max_size=400),
       st.sampled_from([None, ",", "\t"]))
def test_the_head_split_from_its_first_lines_is_the_whole_split(rows, delimiter) -> None:
    text = "".join(",".join(r) + "\n" for r in rows)
    lines = text.splitlines(keepends=True)
    assert tabular._head_rows(lines, delimiter) == _whole(lines, delimiter)


def test_a_head_of_long_quoted_rows_is_split_whole() -> None:
    # 240 lines holding fewer than 61 rows: the first lines alone would not do
    lines = ("\"" + "\n" * 9 + "\"," + str(i) + "\n" for i in range(100))
    text = "h1,h2\n" + "".join(lines)
    split = text.splitlines(keepends=True)
    assert len(split) > 240
    got = tabular._head_rows(split, None)
    assert got == _whole(split, None) and len(got[0]) == 60


def test_the_samples_heads_split_alike() -> None:
    for text in TEXTS:
        lines = (text * (300 // max(text.count("\n"), 1) + 1)).splitlines(keepends=True)
        assert tabular._head_rows(lines, None) == _whole(lines, None)


def _date_range_header(cells: list[str]) -> bool:
    m = dr._mapping(list(cells))
    return all(k in m for k in dr.REQUIRED) and "product_sales" in m


def _any_preset(cells: list[str]) -> bool:
    return any(p.matches(cells) for p in cs.PRESETS.values())


KNOWN = sorted(dr._KNOWN)
PRESET_NAMES = sorted({a for p in cs.PRESETS.values() for names in p.columns.values()
                       for a in names})


#: each collector preset's header (its first name of each column, padded), as a statement has it
PRESET_HEADERS = [["", *(names[0] for names in p.columns.values()), " "]
                  for p in cs.PRESETS.values()]


def test_the_header_tests_agree_on_every_sample_row() -> None:
    for cells in [*SAMPLE_ROWS, *PRESET_HEADERS]:
        assert dr._is_header(cells) == _date_range_header(cells), cells
        assert cs._any_preset(cells) == _any_preset(cells), cells
    assert sum(map(dr._is_header, SAMPLE_ROWS)) == 1  # the Date Range sample's header
    assert all(map(cs._any_preset, PRESET_HEADERS))
    assert not any(cs._any_preset(h[:3]) for h in PRESET_HEADERS)  # two names: none


@given(st.lists(st.one_of(st.sampled_from(KNOWN).map(lambda a: f" {a.upper()} "),
                          st.sampled_from(PRESET_NAMES), st.text(max_size=4)), max_size=30))
def test_the_header_tests_agree_on_generated_rows(cells) -> None:
    assert dr._is_header(cells) == _date_range_header(cells)
    assert cs._any_preset(cells) == _any_preset(cells)
