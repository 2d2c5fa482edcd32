"""The JSON reader, the certificate header and the claim registry (format version 1, README §1, §2, §4).

The reader is standard JSON without floats, NaN, Infinity or duplicate keys: a certificate holds
rationals as strings and integers as JSON integers only, and the checker and a human reader must see
the same document. `read_header` decides what kind of document this is: not an object, or a missing /
mistyped format, version or claim type is malformed; an unknown format string, version number or
claim type is unsupported. Unknown keys are ignored.

The registry maps a claim type to its obligations: `well-formed` (the obligation list, the model
section, then the claim's own reading of claim and witness into a namespace ns), `model-hash`
(core.model.check_model_hash, one obligation for every claim), then the claim's checks, each a
function of ns, in README order. ns.nf (family "pwa") or ns.m ("ctrnn") is the model.
"""
from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from collections.abc import Callable

from .model import check_model_hash, parse_model
from .rat import Malformed, get, parse_dict, parse_int, short, string
from .verdict import Step

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


Check = Callable[[Any], str]


@dataclass(frozen=True)
class Claim:
    """A registered claim type."""

    obligations: tuple[str, ...]
    family: str
    parse: Callable[[Any], None]
    checks: dict[str, Check]


CLAIMS: dict[str, Claim] = {}


def register(claim_type: str, parse: Callable[[Any], None], checks: Mapping[str, Check],
             family: str = "pwa") -> tuple[str, ...]:
    """Register a claim type; its obligations are well-formed, model-hash and the checks in order."""
    names = ("well-formed", "model-hash", *checks)
    CLAIMS[claim_type] = Claim(names, family, parse, dict(checks))
    return names


def steps(cert: dict[str, Any], claim_type: str, expected_hash: str | None) -> list[tuple[str, Step]]:
    """The (name, step) pairs of a registered claim type for the obligation runner."""
    claim, ns = CLAIMS[claim_type], SimpleNamespace()

    def well_formed() -> str:
        listed = get(cert, "obligations", "certificate")
        if listed != list(claim.obligations):
            raise Malformed(f"obligation list differs: expected {list(claim.obligations)}, got {short(listed, 200)}")
        parse_dict(get(cert, "producer", "certificate"), "certificate.producer")
        ns.model, ns.hash = parse_model(cert, claim.family)
        setattr(ns, "nf" if claim.family == "pwa" else "m", ns.model)
        ns.claim = parse_dict(cert["claim"], "claim")
        ns.witness = parse_dict(get(cert, "witness", "certificate"), "witness")
        claim.parse(ns)
        return f"grammar of format version 1{' (ctrnn)' if claim.family == 'ctrnn' else ''}"

    table: dict[str, Step] = {"well-formed": well_formed,
                              "model-hash": lambda: check_model_hash(ns.model, ns.hash, expected_hash)}
    table.update({name: (lambda f=f: f(ns)) for name, f in claim.checks.items()})  # type: ignore[misc]
    return [(name, table[name]) for name in claim.obligations]
