"""Facts as data: JSON files edited without touching code. ``load("places")`` reads places.json.

Every file has a schema (``schema.SCHEMAS``, TypedDicts) checked when it is read: a missing key, a
value of the wrong type or a key the schema does not know raises ``DataError`` naming the file and
the place, so that a note written where a list was expected is caught instead of read as words.
Notes go under the keys the schemas keep for them (``about``, ``note``, ``source``).
"""
from __future__ import annotations

import json
import sys
import types
from functools import lru_cache
from pathlib import Path
from typing import Union, get_args, get_origin

if sys.version_info >= (3, 11):
    from typing import get_type_hints, is_typeddict
else:  # Python 3.10: the backport's, which know its NotRequired
    from typing_extensions import get_type_hints, is_typeddict


class DataError(ValueError):
    """A data file does not have the shape its schema gives."""


@lru_cache(maxsize=None)
def load(name: str):
    """The parsed content of ``astana_cli/data/<name>.json``, checked against its schema (cached;
    treat it as read-only). Raises ``DataError`` when the file does not fit the schema."""
    from .schema import SCHEMAS

    if name not in SCHEMAS:
        raise DataError(f"{name}.json: no schema for this data file (add one to data/schema.py)")
    value = raw(name)
    check(value, SCHEMAS[name], f"{name}.json")
    return value


@lru_cache(maxsize=None)
def raw(name: str):
    """The parsed content of ``<name>.json`` as it is, not checked: only to compare with what is
    stored (the store's copy of the calendar), never to use."""
    # the package is installed as files (never zipped): read beside this module, without
    # importlib.resources, which costs a search 4 ms of imports (zipfile, tempfile)
    return json.loads(Path(__file__).with_name(f"{name}.json").read_text(encoding="utf-8"))


def check(value, tp, where: str) -> None:
    """Raise ``DataError`` unless ``value`` (parsed JSON) has the type ``tp``: a TypedDict (no key
    it does not name, none it requires missing), ``list[X]``, ``dict[str, X]``, a union, or one of
    ``str``, ``int``, ``float``, ``bool``, ``None``. ``where`` names the place in messages."""
    _checker(tp)(value, where)


@lru_cache(maxsize=None)
def _checker(tp):
    """The check of ``tp`` as a function ``(value, where)``, the type read once (a data file is
    checked every time a process loads it: this keeps it to a fraction of a millisecond)."""
    if is_typeddict(tp):
        hints = get_type_hints(tp)
        required = frozenset(tp.__required_keys__)
        fields = {k: _checker(t) for k, t in hints.items()}
        known = ", ".join(sorted(hints))

        def check_object(value, where):
            if not isinstance(value, dict):
                raise DataError(f"{where}: expected an object, found {_kind(value)}")
            for k, v in value.items():
                f = fields.get(k)
                if f is None:
                    raise DataError(f"{where}: unknown key {k!r} (known keys: {known}; "
                                    "a note goes under 'note', 'about' or 'source')")
                f(v, f"{where}.{k}")
            missing = sorted(required - value.keys())
            if missing:
                raise DataError(f"{where}: missing key {missing[0]!r}")
        return check_object
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        alts = [_checker(t) for t in get_args(tp)]

        def check_union(value, where):
            errors = []
            for alt in alts:
                try:
                    return alt(value, where)
                except DataError as e:
                    errors.append(str(e))
            raise DataError(errors[0])
        return check_union
    if origin is list:
        (item,) = get_args(tp)
        each = _checker(item)

        def check_list(value, where):
            if not isinstance(value, list):
                raise DataError(f"{where}: expected a list, found {_kind(value)}")
            if item is str and all(type(v) is str for v in value):
                return  # the common case (a word list), at C speed
            for i, v in enumerate(value):
                each(v, f"{where}[{i}]")
        return check_list
    if origin is dict:
        _, item = get_args(tp)
        each = _checker(item)

        def check_dict(value, where):
            if not isinstance(value, dict):
                raise DataError(f"{where}: expected an object, found {_kind(value)}")
            for k, v in value.items():
                each(v, f"{where}.{k}")
        return check_dict
    if tp is type(None) or tp is None:
        ok = lambda v: v is None  # noqa: E731
    elif tp is float:
        ok = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
    elif tp is int:
        ok = lambda v: isinstance(v, int) and not isinstance(v, bool)  # noqa: E731
    elif tp in (str, bool):
        ok = lambda v: isinstance(v, tp)  # noqa: E731
    else:
        raise TypeError(f"the schema uses a type the check does not know: {tp!r}")
    name = "null" if tp in (None, type(None)) else tp.__name__

    def check_scalar(value, where):
        if not ok(value):
            raise DataError(f"{where}: expected {name}, found {_kind(value)}")
    return check_scalar


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


__all__ = ["DataError", "check", "load"]
