"""Domain messages: a problem key → an English sentence with ``{params}``, translated on use.

Each area registers its templates in ``seller_desk/messages/<area>.py`` with
``QT_TRANSLATE_NOOP("problems", "...")`` so ``pyside6-lupdate`` finds them; the Chinese lives in
that area's ``resources/i18n/<area>_zh_CN.ts``. The UI and the CLI both call :func:`message`.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from seller_desk.core.problems import Problem
from seller_desk.i18n import translate

CONTEXT = "problems"
_TEMPLATES: dict[str, str] = {}


def register(templates: dict[str, str]) -> None:
    clash = {k for k in templates if k in _TEMPLATES and _TEMPLATES[k] != templates[k]}
    if clash:
        raise ValueError(f"message keys registered twice: {sorted(clash)}")
    _TEMPLATES.update(templates)


@cache
def _load_all() -> None:
    import pkgutil  # on the first message, not on the way to the first window

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


def templates() -> dict[str, str]:
    _load_all()
    return dict(_TEMPLATES)


class _Params(dict):
    def __missing__(self, key: str) -> str:  # a template never crashes on a missing param
        return "{" + key + "}"


def message(problem: Problem | str, lang: str | None = "en", **params: Any) -> str:
    """The user's sentence for ``problem`` (or a bare key with ``params``) in ``lang``."""
    _load_all()
    if isinstance(problem, Problem):
        key, values = problem.key, {**problem.params, **params}
    else:
        key, values = problem, params
    template = _TEMPLATES.get(key)
    if template is None:
        return key + (f" {values}" if values else "")
    return translate(CONTEXT, template, lang).format_map(_Params(values))


def describe(problem: Problem, lang: str | None = "en") -> str:
    """Message with its place: ``row 7, column "price": …``."""
    text = message(problem, lang)
    src = problem.source
    if src is None:
        return text
    parts = []
    if src.file:
        parts.append(src.file)
    if src.sheet:
        parts.append(src.sheet)
    if src.row is not None:
        parts.append(message("place.row", lang, row=src.row))
    if src.column:
        parts.append(message("place.column", lang, column=src.column))
    return (", ".join(parts) + ": " + text) if parts else text
