"""The checker's JSON reader: standard JSON without floats, NaN, Infinity or duplicate keys.

A certificate holds rationals as strings and integers as JSON integers only, so any JSON float in
the document makes it malformed (README §1 "Rationals are strings only"; DESIGN rule 5). Duplicate
object keys are refused too: the checker and a human reader must see the same document.
"""
from __future__ import annotations

import json
from pathlib import Path

from .rat import Malformed, short


def _no_float(text: str) -> object:
    raise Malformed(f"JSON float {text[:80]}: certificates hold rationals as strings and no floats")


def _no_constant(text: str) -> object:
    raise Malformed(f"JSON constant {text}: not allowed in a certificate")


def _unique(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise Malformed(f"duplicate key {short(key)} in a JSON object")
        out[key] = value
    return out


def parse_json(text: str | bytes) -> object:
    """The JSON value of `text`; Malformed on a float, NaN/Infinity, a duplicate key or bad JSON."""
    try:
        return json.loads(text, parse_float=_no_float, parse_constant=_no_constant,
                          object_pairs_hook=_unique)
    except Malformed:
        raise
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, too many digits, too deep
        raise Malformed(f"not valid JSON: {short(str(exc), 200)}") from None


def load_certificate(path_or_text: str | bytes | Path) -> dict:
    """A certificate object from a path or from JSON text (a str starting with "{" is text).

    Raises Malformed (a ValueError) on floats or bad JSON, OSError if the file cannot be read.
    """
    if isinstance(path_or_text, (bytes, bytearray)) or (
            isinstance(path_or_text, str) and path_or_text.lstrip().startswith("{")):
        value = parse_json(path_or_text)
    else:
        value = parse_json(Path(path_or_text).read_bytes())
    if not isinstance(value, dict):
        raise Malformed(f"a certificate is a JSON object, got {type(value).__name__}")
    return value
