"""Facts as data: JSON files edited without touching code. ``load("places")`` reads places.json.

Every file has a schema (``schema.SCHEMAS``, TypedDicts) checked when it is read: a missing key, a
value of the wrong type or a key the schema does not know raises ``DataError`` naming the file and
the place, so that a note written where a list was expected is caught instead of read as words.
Notes go under the keys the schemas keep for them (``about``, ``note``, ``source``).
"""
from __future__ import annotations

import json
import types
from functools import lru_cache
from importlib import resources
from typing import Any, Union, get_args, get_origin, get_type_hints, is_typeddict


class DataError(ValueError):
    """A data file does not have the shape its schema gives."""


@lru_cache(maxsize=None)
def load(name: str):
    """The parsed content of ``astana_cli/data/<name>.json``, checked against its schema (cached;
    treat it as read-only). Raises ``DataError`` when the file does not fit the schema."""
    from .schema import SCHEMAS

    if name not in SCHEMAS:
        raise DataError(f"{name}.json: no schema for this data file (add one to data/schema.py)")
    value = json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
    check(value, SCHEMAS[name], f"{name}.json")
    return value


@lru_cache(maxsize=None)
def _fields(td: type) -> tuple[dict[str, Any], frozenset[str]]:
    return get_type_hints(td), frozenset(td.__required_keys__)


def check(value, tp, where: str) -> None:
    """Raise ``DataError`` unless ``value`` (parsed JSON) has the type ``tp``: a TypedDict (no key
    it does not name, none it requires missing), ``list[X]``, ``dict[str, X]``, a union, or one of
    ``str``, ``int``, ``float``, ``bool``, ``None``. ``where`` names the place in messages."""
    if is_typeddict(tp):
        if not isinstance(value, dict):
            raise DataError(f"{where}: expected an object, found {_kind(value)}")
        hints, required = _fields(tp)
        unknown = [k for k in value if k not in hints]
        if unknown:
            raise DataError(f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(sorted(hints))}; "
                            "a note goes under 'note', 'about' or 'source')")
        missing = sorted(required - value.keys())
        if missing:
            raise DataError(f"{where}: missing key {missing[0]!r}")
        for k, v in value.items():
            check(v, hints[k], f"{where}.{k}")
        return
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        errors = []
        for alt in get_args(tp):
            try:
                check(value, alt, where)
                return
            except DataError as e:
                errors.append(str(e))
        raise DataError(errors[0])
    if origin is list:
        if not isinstance(value, list):
            raise DataError(f"{where}: expected a list, found {_kind(value)}")
        (item,) = get_args(tp)
        for i, v in enumerate(value):
            check(v, item, f"{where}[{i}]")
        return
    if origin is dict:
        if not isinstance(value, dict):
            raise DataError(f"{where}: expected an object, found {_kind(value)}")
        _, item = get_args(tp)
        for k, v in value.items():
            check(v, item, f"{where}.{k}")
        return
    if tp is type(None) or tp is None:
        ok = value is None
    elif tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif tp in (str, bool):
        ok = isinstance(value, tp)
    else:
        raise TypeError(f"{where}: the schema uses a type the check does not know: {tp!r}")
    if not ok:
        raise DataError(f"{where}: expected {getattr(tp, '__name__', tp)}, found {_kind(value)}")


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


__all__ = ["DataError", "check", "load"]
