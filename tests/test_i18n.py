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
