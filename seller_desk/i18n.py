"""Translations, without Qt.

Source strings are English. Each area keeps its Chinese catalogue in
``resources/i18n/<area>_zh_CN.ts`` (Qt Linguist's XML, made and refreshed by
``python -m seller_desk.i18n update``, which runs ``pyside6-lupdate`` over that area's files).
The GUI installs these catalogues as a QTranslator (``seller_desk.ui.i18n``); the CLI and the
domain messages read the same files through :func:`translate`, so there is one catalogue.

Area files: ``seller_desk/ui/pages/<area>.py``, ``seller_desk/ui/pages/<area>/``,
``seller_desk/ui/<area>_*.py`` and ``seller_desk/messages/<area>.py``; everything else under
``seller_desk/ui`` and ``seller_desk/messages``, and ``seller_desk/settings.py``, belongs to the
``app`` catalogue.
"""

from __future__ import annotations

import contextlib
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # ElementTree and subprocess load on use: English needs no catalogue at all
    import xml.etree.ElementTree as ET

from seller_desk.paths import RESOURCES, write_whole

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
AREAS = ("app", "filing", "products", "stock", "orders", "fx", "tax", "sync", "rules")
I18N_DIR = RESOURCES / "i18n"
PACKAGE_DIR = Path(__file__).resolve().parent


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it now."""
    return text


def normalize_language(lang: str | None) -> str:
    if not lang:
        return DEFAULT_LANGUAGE
    lang = lang.replace("-", "_")
    if lang.lower().startswith("zh"):
        return "zh_CN"
    return "en"


def catalogue_path(area: str, lang: str = "zh_CN") -> Path:
    return I18N_DIR / f"{area}_{lang}.ts"


def parse_ts(path: Path, data: bytes | None = None) -> dict[tuple[str, str], str]:
    """(context, source) → translation for every finished message of a .ts file (``data``:
    its bytes, when already read)."""
    import xml.etree.ElementTree as ET

    out: dict[tuple[str, str], str] = {}
    root = ET.parse(path).getroot() if data is None else ET.fromstring(data)
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if tr.text:
                out[(name, source)] = tr.text
    return out


@cache
def catalogue(lang: str) -> dict[tuple[str, str], str]:
    """Every area's translations for ``lang`` merged (English needs none: it is the source).

    Kept parsed in the user's cache folder (:func:`catalogue_cache`), valid while the .ts
    files hold the same bytes: parsing the XML was ~9 ms of each start in Chinese before the
    first window (the default language), reading the .ts bytes and the kept one ~2 ms."""
    lang = normalize_language(lang)
    merged: dict[tuple[str, str], str] = {}
    if lang == "en":
        return merged
    import marshal
    import zlib  # a check of the bytes, not a secret (hashlib's OpenSSL load is 2.6 ms)

    sources = [(path, path.read_bytes()) for path in sorted(I18N_DIR.glob(f"*_{lang}.ts"))]
    key = (_CACHE_FORMAT, [(path.name, len(data), zlib.crc32(data)) for path, data in sources])
    kept = catalogue_cache(lang)
    try:
        found_key, found = marshal.loads(kept.read_bytes())
        if found_key == key and isinstance(found, dict):
            return found
    except (OSError, ValueError, EOFError, TypeError):
        pass  # none yet, or unreadable: parsed again and written anew
    for path, data in sources:
        merged.update(parse_ts(path, data))
    with contextlib.suppress(OSError):  # a read-only or full cache folder: parsed next time too
        write_whole(kept, marshal.dumps((key, merged)))
    return merged


#: the kept catalogue's layout; another value makes every kept file stale
_CACHE_FORMAT = 1


def catalogue_cache(lang: str) -> Path:
    """Where :func:`catalogue` keeps ``lang`` parsed (``SELLER_DESK_CACHE_DIR``, else the user's
    cache folder)."""
    import os

    given = os.environ.get("SELLER_DESK_CACHE_DIR")
    if given:
        return Path(given) / f"catalogue-{lang}.marshal"
    from platformdirs import user_cache_path

    from seller_desk.paths import APP_AUTHOR, APP_NAME

    return user_cache_path(APP_NAME, APP_AUTHOR) / f"catalogue-{lang}.marshal"


def translate(context: str, text: str, lang: str | None) -> str:
    return catalogue(normalize_language(lang)).get((context, text), text)


def counted(count: int, one: str, many: str, **params: object) -> str:
    """The text of ``count`` things: ``one`` when ``count`` is 1, else ``many`` (each already
    translated, with ``{n}`` for the number), formatted with ``n`` (``count``, unless ``params``
    give it written otherwise, e.g. with thousands separators) and ``params``. English says
    "1 order" and "2 orders"; Chinese has one form, which its catalogue gives both texts."""
    return (one if count == 1 else many).format(**{"n": count, **params})


def area_of(path: Path) -> str:
    rel = path.resolve().relative_to(PACKAGE_DIR).as_posix()
    for area in AREAS[1:]:
        if (
            rel in (f"ui/pages/{area}.py", f"messages/{area}.py")
            or rel.startswith((f"ui/pages/{area}/", f"ui/{area}_"))
        ):
            return area
    return "app"


def area_sources() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {a: [] for a in AREAS}
    found["app"].append(PACKAGE_DIR / "settings.py")
    for base in ("ui", "messages"):
        for path in sorted((PACKAGE_DIR / base).rglob("*.py")):
            found[area_of(path)].append(path)
    return found


def update(lang: str = "zh_CN") -> None:
    """Refresh every area's .ts from the sources (new strings arrive as unfinished).

    A message whose file moved to another area's catalogue keeps its translation: what any
    catalogue knew before the refresh is filled back into the unfinished messages after it."""
    import subprocess

    known: dict[tuple[str, str], str] = {}
    for path in sorted(I18N_DIR.glob(f"*_{lang}.ts")):
        known.update(parse_ts(path))
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    tool = str(lupdate) if lupdate.exists() else "pyside6-lupdate"
    for area, files in area_sources().items():
        if not files:
            continue
        subprocess.run(
            [tool, *map(str, files), "-locations", "none", "-no-obsolete",
             "-target-language", lang, "-ts", str(catalogue_path(area, lang))],
            check=True,
        )
        _carry_over(catalogue_path(area, lang), known)
    catalogue.cache_clear()


def _carry_over(path: Path, known: dict[tuple[str, str], str]) -> int:
    """Fill unfinished messages of ``path`` whose (context, source) ``known`` translates."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(path)
    count = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = known.get((name, msg.findtext("source") or ""))
            if tr is None or tr.get("type") != "unfinished" or not text:
                continue
            tr.text = text
            tr.attrib.pop("type", None)
            count += 1
    if count:
        _write_ts(tree, path)
    return count


def _write_ts(tree: ET.ElementTree, path: Path) -> None:
    # No re-indenting: keep lupdate's layout so a fill does not rewrite the whole file.
    with path.open("wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)


def unfinished(lang: str = "zh_CN") -> list[tuple[str, str, str]]:
    """(area, context, source) of every message without a finished translation."""
    import xml.etree.ElementTree as ET

    missing = []
    for area in AREAS:
        path = catalogue_path(area, lang)
        if not path.exists():
            continue
        done = parse_ts(path)
        for ctx in ET.parse(path).getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                source = msg.findtext("source") or ""
                if (name, source) not in done:
                    missing.append((area, name, source))
    return missing


def fill(area: str, translations: dict[str, str], lang: str = "zh_CN") -> int:
    """Write ``translations`` (source → text, any context) into the area's .ts; returns how
    many messages were filled. For scripted translation; Qt Linguist edits the same file."""
    import xml.etree.ElementTree as ET

    path = catalogue_path(area, lang)
    tree = ET.parse(path)
    count = 0
    for msg in tree.getroot().iter("message"):
        source = msg.findtext("source") or ""
        if source in translations:
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            tr.text = translations[source]
            tr.attrib.pop("type", None)
            count += 1
    _write_ts(tree, path)
    catalogue.cache_clear()
    return count


def main(argv: list[str] | None = None) -> int:
    """``update`` refreshes the .ts files; ``fill AREA FILE.json`` writes translations; with no
    argument it lists what is not translated yet."""
    import json

    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["update"]:
        update()
    if args[:1] == ["fill"] and len(args) == 3:
        data = json.loads(Path(args[2]).read_text("utf-8"))
        print(f"filled {fill(args[1], data)}")
    for area, ctx, source in unfinished():
        print(f"unfinished [{area}] {ctx}: {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
