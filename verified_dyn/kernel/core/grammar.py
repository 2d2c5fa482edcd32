"""The JSON reader and the certificate header (format version 1, proofs/README.md §1, §2).

The reader is standard JSON without floats, NaN, Infinity or duplicate keys: a certificate holds
rationals as strings and integers as JSON integers only, and the checker and a human reader must see
the same document. `read_header` decides what kind of document this is: not an object, or a missing /
mistyped format, version or claim type is malformed; an unknown format string, version number or
claim type is unsupported. Unknown keys are ignored.
"""
from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from .rat import Malformed, get, parse_dict, parse_int, short, string

FORMAT, VERSION = "verified-dyn/certificate", 1


class UnsupportedDocument(Exception):
    """The format, version or claim type is not one this checker knows (verdict INCONCLUSIVE)."""


def _no_float(text: str) -> object:
    raise Malformed(f"JSON float {text[:80]}: certificates hold rationals as strings and no floats")


def _no_constant(text: str) -> object:
    raise Malformed(f"JSON constant {text}: not allowed in a certificate")


def _unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise Malformed(f"duplicate key {short(key)} in a JSON object")
        out[key] = value
    return out


def parse_json(text: str | bytes) -> object:
    """The JSON value of `text`; Malformed on a float, NaN/Infinity, a duplicate key or bad JSON."""
    try:
        return json.loads(text, parse_float=_no_float, parse_constant=_no_constant, object_pairs_hook=_unique)
    except Malformed:
        raise
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, too many digits, too deep
        raise Malformed(f"not valid JSON: {short(str(exc), 200)}") from None


def load_certificate(path_or_text: str | bytes | Path) -> dict[str, Any]:
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


def read_header(cert: object, known: Collection[str]) -> str:
    """The claim type of a certificate (one of ``known``); Malformed or UnsupportedDocument otherwise."""
    doc = parse_dict(cert, "certificate")
    fmt = string(doc, "format", "certificate")
    if fmt != FORMAT:
        raise UnsupportedDocument(f"format {short(fmt)}")
    version = parse_int(get(doc, "version", "certificate"), "certificate.version")
    if version != VERSION:
        raise UnsupportedDocument(f"version {version}")
    claim_type = string(parse_dict(get(doc, "claim", "certificate"), "certificate.claim"), "type", "claim")
    if claim_type not in known:
        raise UnsupportedDocument(f"claim type {short(claim_type)}")
    return claim_type


def check_obligation_list(cert: dict[str, Any], expected: Collection[str]) -> None:
    """The certificate's `obligations` list equals the claim type's and `producer` is an object."""
    names = list(expected)
    listed = get(cert, "obligations", "certificate")
    if listed != names:
        raise Malformed(f"obligation list differs: expected {names}, got {short(listed, 200)}")
    parse_dict(get(cert, "producer", "certificate"), "certificate.producer")


def float_path(obj: object, path: str = "certificate") -> str | None:
    """The path of the first float in a JSON-like object, or None."""
    stack = [(obj, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, float):
            return where
        if isinstance(node, dict):
            stack.extend((v, f"{where}.{k}") for k, v in node.items())
        elif isinstance(node, (list, tuple)):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(node))
    return None
