"""Both languages have every string: the .ts catalogues are complete and up to date."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from seller_desk import i18n
from seller_desk.messages import templates


def sources_in(path: Path) -> set[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return {(c.findtext("name") or "", m.findtext("source") or "")
            for c in root.iter("context") for m in c.iter("message")}


def test_every_catalogue_is_fully_translated() -> None:
    assert i18n.unfinished() == []


def test_catalogues_are_up_to_date_with_the_sources(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    tool = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    if not tool:
        pytest.fail("pyside6-lupdate is missing (it ships with PySide6)")
    for area, files in i18n.area_sources().items():
        if not files:
            continue
        fresh = tmp_path / f"{area}.ts"
        subprocess.run([tool, *map(str, files), "-locations", "none", "-ts", str(fresh)],
                       check=True, capture_output=True)
        expected = sources_in(fresh)
        kept = i18n.catalogue_path(area)
        have = sources_in(kept) if kept.exists() else set()
        missing = sorted(expected - have)
        assert missing == [], f"run `python -m seller_desk.i18n update` ({area}): {missing[:5]}"


def test_every_problem_key_has_a_chinese_message() -> None:
    zh = i18n.catalogue("zh_CN")
    untranslated = [key for key, text in templates().items() if ("problems", text) not in zh]
    assert untranslated == []


def test_translate_falls_back_to_english_source() -> None:
    assert i18n.translate("Nav", "Dashboard", "zh_CN") == "概览"
    assert i18n.translate("Nav", "Dashboard", "en") == "Dashboard"
    assert i18n.translate("Nav", "No such text", "zh_CN") == "No such text"


@pytest.fixture
def own_catalogues(tmp_path: Path, monkeypatch):
    """A copy of the catalogues and an empty cache folder, for this test only."""
    folder = tmp_path / "i18n"
    shutil.copytree(i18n.I18N_DIR, folder)
    monkeypatch.setattr(i18n, "I18N_DIR", folder)
    monkeypatch.setenv("SELLER_DESK_CACHE_DIR", str(tmp_path / "cache"))
    i18n.catalogue.cache_clear()
    yield folder
    i18n.catalogue.cache_clear()


def _parsed(folder: Path) -> dict[tuple[str, str], str]:
    merged: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("*_zh_CN.ts")):
        merged.update(i18n.parse_ts(path))
    return merged


def test_the_parsed_catalogue_is_kept_and_read_back(own_catalogues, monkeypatch) -> None:
    first = i18n.catalogue("zh_CN")
    assert first == _parsed(own_catalogues) and len(first) > 1000
    assert i18n.catalogue_cache("zh_CN").is_file()
    i18n.catalogue.cache_clear()

    def no_parsing(*_args):
        raise AssertionError("the kept catalogue was not used")

    monkeypatch.setattr(i18n, "parse_ts", no_parsing)
    assert i18n.catalogue("zh_CN") == first


def test_a_changed_catalogue_is_parsed_again(own_catalogues) -> None:
    assert i18n.translate("Errors", "Please check", "zh_CN") == "请检查"
    app = own_catalogues / "app_zh_CN.ts"
    app.write_text(app.read_text("utf-8").replace("<translation>请检查</translation>",
                                                  "<translation>请核对</translation>"), "utf-8")
    i18n.catalogue.cache_clear()
    assert i18n.translate("Errors", "Please check", "zh_CN") == "请核对"
    assert i18n.catalogue("zh_CN") == _parsed(own_catalogues)


def test_a_damaged_or_unwritable_cache_costs_only_a_parse(own_catalogues, tmp_path,
                                                          monkeypatch) -> None:
    expected = _parsed(own_catalogues)
    kept = i18n.catalogue_cache("zh_CN")
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"\x00not marshal")
    assert i18n.catalogue("zh_CN") == expected
    assert kept.read_bytes() != b"\x00not marshal"  # written anew
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SELLER_DESK_CACHE_DIR", str(blocker / "cache"))
    i18n.catalogue.cache_clear()
    assert i18n.catalogue("zh_CN") == expected
    assert i18n.catalogue("en") == {}


def test_a_count_of_one_reads_in_the_singular_in_english_and_alike_in_chinese() -> None:
    def shown(n: int, lang: str) -> str:
        return i18n.counted(n, i18n.translate("Page", "{n} product", lang),
                            i18n.translate("Page", "{n} products", lang), n=f"{n:,}")

    assert [shown(n, "en") for n in (0, 1, 2, 1200)] == [
        "0 products", "1 product", "2 products", "1,200 products"]
    assert [shown(n, "zh_CN") for n in (1, 2)] == ["1 个商品", "2 个商品"]
    # the other words a window counts, their one and their many alike in Chinese
    for context, one, many in (("FxPage", "{n} order", "{n} orders"),
                               ("SavedBar", "Saved {n} file to {folder}",
                                "Saved {n} files to {folder}"),
                               ("tax_list", "{count} line", "{count} lines")):
        assert i18n.translate(context, one, "zh_CN") == i18n.translate(context, many, "zh_CN")
        assert i18n.translate(context, one, "en") == one


def test_the_exemption_list_counts_one_line_in_the_singular() -> None:
    from seller_desk.messages.tax import list_label

    assert [list_label("lines", "en", count=n) for n in (1, 3)] == ["1 line", "3 lines"]
    assert list_label("lines", "zh_CN", count=1) == "共 1 条"

