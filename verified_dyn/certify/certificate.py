"""Assemble certificates in format v1 (proofs/README.md) and read / write them as JSON."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from .. import __version__
from ..errors import CertificateError
from ..models.pl import PLModel
from ..rationals import fmt

OBLIGATIONS = {
    "periodic-orbit": ["well-formed", "model-hash", "orbit-closes", "open-regions", "minimal-period",
                       "eigenvalue-counts"],
    "border-orbit": ["well-formed", "model-hash", "orbit-closes", "closed-regions", "touches-border",
                     "minimal-period"],
    "cycle-census": ["well-formed", "model-hash", "listed-orbits", "distinct-orbits", "tree-covers"],
}


def make_certificate(model: PLModel, claim_type: str, claim: dict, witness: dict,
                     obligations: list[str] | tuple[str, ...] | None = None) -> dict:
    """A certificate dict for a claim about ``model``; rationals in the witness become "p/q" strings.
    ``obligations`` defaults to OBLIGATIONS[claim_type] (the orbit and census claims)."""
    claim = {"type": claim_type, **claim}
    if "itinerary" in claim:
        claim["itinerary"] = [list(d) for d in claim["itinerary"]]
    witness = dict(witness)
    if "points" in witness:
        witness["points"] = [[fmt(x) for x in p] for p in witness["points"]]
    return {
        "format": "verified-dyn/certificate", "version": 1,
        "model": {"kind": model.kind, "name": model.name, "hash": model.hash,
                  "normal_form": model.normal_form_json()},
        "claim": claim, "witness": witness, "obligations": list(obligations if obligations is not None else OBLIGATIONS[claim_type]),
        "producer": {"tool": "verified-dyn", "version": __version__,
                     "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")},
    }


def write_certificate(cert: dict, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cert, indent=1) + "\n", encoding="utf-8")
    return path


def read_certificate_text(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CertificateError(f"{path}: cannot read certificate: {e}") from None
