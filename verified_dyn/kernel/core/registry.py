"""The claim registry: claim type -> (obligation names, model family, witness reading, checks).

Every claim's obligations start with `well-formed` (the obligation list, the model section, then the
claim's own reading of claim and witness into a namespace ns, all by the grammar of proofs/README.md)
and `model-hash` (core.model.check_model_hash, one obligation for every claim); then come the claim's
checks, each a function of ns, in README order. ns.nf (family "pwa") or ns.m ("ctrnn") is the model.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Callable

from .grammar import check_obligation_list
from .model import check_model_hash, parse_model
from .rat import get, parse_dict
from .verdict import Step

Check = Callable[[Any], str]


@dataclass(frozen=True)
class Claim:
    """A registered claim type."""

    obligations: tuple[str, ...]
    family: str
    parse: Callable[[Any], None]
    checks: dict[str, Check]


CLAIMS: dict[str, Claim] = {}


def register(claim_type: str, parse: Callable[[Any], None], checks: dict[str, Check],
             family: str = "pwa") -> tuple[str, ...]:
    """Register a claim type; its obligations are well-formed, model-hash and the checks in order."""
    names = ("well-formed", "model-hash", *checks)
    CLAIMS[claim_type] = Claim(names, family, parse, dict(checks))
    return names


def steps(cert: dict[str, Any], claim_type: str, expected_hash: str | None) -> list[tuple[str, Step]]:
    """The (name, step) pairs of a registered claim type for the obligation runner."""
    claim, ns = CLAIMS[claim_type], SimpleNamespace()

    def well_formed() -> str:
        check_obligation_list(cert, claim.obligations)
        model, ns.hash = parse_model(cert, claim.family)
        setattr(ns, "nf" if claim.family == "pwa" else "m", model)
        ns.model = model
        ns.claim = parse_dict(cert["claim"], "claim")
        ns.witness = parse_dict(get(cert, "witness", "certificate"), "witness")
        claim.parse(ns)
        return f"grammar of format version 1{' (ctrnn)' if claim.family == 'ctrnn' else ''}"

    table: dict[str, Step] = {"well-formed": well_formed,
                              "model-hash": lambda: check_model_hash(ns.model, ns.hash, expected_hash)}
    table.update({name: (lambda f=f: f(ns)) for name, f in claim.checks.items()})  # type: ignore[misc]
    return [(name, table[name]) for name in claim.obligations]
