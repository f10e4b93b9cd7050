"""The platform's limits on what a request may carry (issue 15: hostile requests).

* the body size (chunked and gzip bodies too) is enforced on the stream by ``app.RequestBody``;
* :func:`shape_problems` bounds a JSON record's nesting depth, key count, string length and
  integers, checked before any validator or store sees the record.
* :data:`MAX_ID`/:data:`MAX_SEQ` are the ranges of integer parameters (SQLite's 64-bit INTEGER).
"""

from __future__ import annotations

from typing import Any

from seller_desk.core.problems import Problem

#: Integer parameters (ids, cursors) fit SQLite's signed 64-bit INTEGER.
MAX_ID = 2**63 - 1
MAX_SEQ = 2**63 - 1
#: A record's JSON: nesting depth, keys in all its objects, one string, one integer.
MAX_DEPTH = 32
MAX_KEYS = 2000
MAX_STRING = 100_000
MAX_INT = 2**53  # what every JSON reader (JavaScript too) keeps exactly


def shape_problems(data: Any) -> list[Problem]:
    """Problems of a JSON value's shape: too deep, too many keys, too long, too large."""
    if _within_limits(data):  # the common case, checked without building paths
        return []
    keys = 0
    stack: list[tuple[Any, int, str]] = [(data, 0, "")]
    while stack:
        value, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            return [Problem(key="sync.too_deep", params={"limit": MAX_DEPTH},
                            field=path[:200] or None)]
        if isinstance(value, dict):
            keys += len(value)
            if keys > MAX_KEYS:
                return [Problem(key="sync.too_many_keys", params={"limit": MAX_KEYS})]
            for k, v in value.items():
                if len(k) > 200:
                    return [Problem(key="sync.too_long", params={"limit": 200},
                                    field=k[:40])]
                stack.append((v, depth + 1, f"{path}.{k}" if path else k))
        elif isinstance(value, list):
            keys += len(value)
            if keys > MAX_KEYS:
                return [Problem(key="sync.too_many_keys", params={"limit": MAX_KEYS})]
            stack.extend((v, depth + 1, path) for v in value)
        elif isinstance(value, str) and len(value) > MAX_STRING:
            return [Problem(key="sync.too_long", params={"limit": MAX_STRING},
                            field=path or None)]
        elif _out_of_range(value):
            return [Problem(key="sync.number_out_of_range", params={"limit": MAX_INT},
                            field=path or None)]
    return []


def _within_limits(data: Any) -> bool:
    """True when :func:`shape_problems` finds nothing in ``data`` (a JSON value as
    ``json.loads`` makes it), False when it may find something (it then names what): the same
    limits, counted the same way, without building the path of every value."""
    if type(data) is not dict and type(data) is not list:
        return _scalar_within(data)
    if type(data) is dict and len(data) <= min(64, MAX_KEYS):
        # a small record of strings (most of a push): its keys and strings are all there is
        for k, v in data.items():
            if type(v) is not str:
                break  # something nested or not a string: the walk below decides
            if len(v) > MAX_STRING or len(k) > 200:
                return False
        else:
            return True
    keys = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if type(value) is dict:
            if value and max(map(len, value)) > 200:  # a key too long (keys are str)
                return False
            children = value.values()
        else:
            children = value
        keys += len(value)
        if keys > MAX_KEYS or (depth >= MAX_DEPTH and value):
            return False
        for v in children:
            t = type(v)
            if t is str:  # most values: _scalar_within's first case, without the call
                if len(v) > MAX_STRING:
                    return False
            elif t is dict or t is list:
                stack.append((v, depth + 1))
            elif not _scalar_within(v):
                return False
    return True


def _scalar_within(v: Any) -> bool:
    t = type(v)
    if t is str:
        return len(v) <= MAX_STRING
    if v is None or t is bool:
        return True
    if t is int:
        return abs(v) <= MAX_INT
    if t is float:
        return -1e300 < v < 1e300
    return False  # not what json.loads makes: the full walk decides


def _out_of_range(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > MAX_INT
    return isinstance(value, float) and not (-1e300 < value < 1e300)  # inf, nan
