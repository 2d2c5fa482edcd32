"""Checking a certificate: read the header, look the claim type up in the registry, run its obligations.

Importing `claims` registers every claim type (core.registry.CLAIMS); this module only dispatches.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from . import claims  # noqa: F401 - registers the claim types
from .core.grammar import UnsupportedDocument, parse_json, read_header
from .core.grammar import CLAIMS, steps
from .core.rat import Malformed, short
from .core.verdict import Verdict, malformed, run_obligations, unsupported

OBLIGATIONS = {claim_type: claim.obligations for claim_type, claim in CLAIMS.items()}


def check(cert: object, expected_hash: str | None = None) -> Verdict:
    """Check one certificate (a parsed JSON object) against proofs/README.md; never raises.
    A float anywhere in it is malformed, as in a file (README §1): check(obj) and check_file agree."""
    try:
        claim_type = read_header(cert, CLAIMS)
    except UnsupportedDocument as exc:
        return unsupported(str(exc), _claim_type(cert))
    except Malformed as exc:
        return malformed(str(exc), _claim_type(cert))
    except Exception as exc:  # noqa: BLE001 - a crash on bad input refutes
        return malformed(f"{type(exc).__name__}: {exc}")
    verdict = run_obligations(claim_type, steps(cast(dict[str, Any], cert), claim_type, expected_hash))
    where = _float_path(cert) if verdict.proved else None      # e.g. in the free-form producer
    if where is not None:
        return malformed(f"float at {where}: certificates hold rationals as strings and no floats", claim_type)
    return verdict


def check_text(text: str | bytes, expected_hash: str | None = None) -> Verdict:
    """Check a certificate given as JSON text: read with the float-refusing reader, then check.
    Bad JSON, a float, NaN or a duplicate key is a REFUTED malformed verdict, never an exception."""
    try:
        cert = parse_json(text)
    except Malformed as exc:
        return malformed(str(exc))
    except Exception as exc:  # noqa: BLE001 - e.g. bytes that are not UTF-8
        return malformed(f"{type(exc).__name__}: {short(str(exc), 200)}")
    return check(cert, expected_hash)


def check_file(path: object, expected_hash: str | None = None) -> Verdict:
    """Check the certificate in a file; a float, bad JSON or an unreadable file is malformed."""
    try:
        cert = load_certificate(path if not isinstance(path, str) else Path(path))  # type: ignore[arg-type]
    except Malformed as exc:
        return malformed(str(exc))
    except OSError as exc:
        return malformed(f"cannot read {short(str(path))}: {exc.strerror or exc}")
    return check(cert, expected_hash)


def _claim_type(cert: object) -> str | None:
    claim = cert.get("claim") if isinstance(cert, dict) else None
    value = claim.get("type") if isinstance(claim, dict) else None
    return value if isinstance(value, str) else None


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


def _float_path(obj: object, path: str = "certificate") -> str | None:
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
