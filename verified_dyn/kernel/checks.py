"""Checking a certificate: read the header, look up the claim type, run its obligations.

Every claim type lives in its own module, which exports ``CLAIMS = {type: (obligations, steps)}``;
``steps(cert, claim_type, expected_hash)`` returns the (name, step) pairs in the order of
proofs/README.md. This module only dispatches.
"""
from __future__ import annotations

from pathlib import Path

from . import (
    census,
    contraction,
    covering,
    ctrnn_claims,
    ctrnn_euler,
    ctrnn_planar,
    homoclinic,
    manifolds,
    orbits,
    snapback,
)
from .grammar import UnsupportedDocument, read_header
from .rat import Malformed, short
from .reader import load_certificate
from .verdict import Verdict, malformed, run_obligations, unsupported

CLAIMS = {**orbits.CLAIMS, **census.CLAIMS, **ctrnn_claims.CLAIMS, **ctrnn_planar.CLAIMS,
          **ctrnn_euler.CLAIMS, **manifolds.CLAIMS, **homoclinic.CLAIMS, **contraction.CLAIMS,
          **snapback.CLAIMS, **covering.CLAIMS}
OBLIGATIONS = {claim_type: obligations for claim_type, (obligations, _) in CLAIMS.items()}


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
    _, steps = CLAIMS[claim_type]
    verdict = run_obligations(claim_type, steps(cert, claim_type, expected_hash))
    where = _float_path(cert) if verdict.proved else None      # e.g. in the free-form producer
    if where is not None:
        return malformed(f"float at {where}: certificates hold rationals as strings and no floats", claim_type)
    return verdict


def check_file(path: object, expected_hash: str | None = None) -> Verdict:
    """Check the certificate in a file; a float, bad JSON or an unreadable file is malformed."""
    try:
        cert = load_certificate(path if not isinstance(path, str) else Path(path))
    except Malformed as exc:
        return malformed(str(exc))
    except OSError as exc:
        return malformed(f"cannot read {short(str(path))}: {exc.strerror or exc}")
    return check(cert, expected_hash)


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


def _claim_type(cert: object) -> str | None:
    claim = cert.get("claim") if isinstance(cert, dict) else None
    value = claim.get("type") if isinstance(claim, dict) else None
    return value if isinstance(value, str) else None

