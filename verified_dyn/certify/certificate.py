"""The certificate envelope (format v1, proofs/README.md §1): one builder for every claim type.

Every certifier builds its certificate with :func:`envelope`; the gate (``verified_dyn.gate``)
serializes it, has the kernel check those bytes and writes the file. Nothing here writes files.
"""

from __future__ import annotations

import datetime

from .. import __version__
from ..rationals import fmt

FORMAT, VERSION = "verified-dyn/certificate", 1

OBLIGATIONS = {
    "periodic-orbit": [
        "well-formed",
        "model-hash",
        "orbit-closes",
        "open-regions",
        "minimal-period",
        "eigenvalue-counts",
    ],
    "border-orbit": ["well-formed", "model-hash", "orbit-closes", "closed-regions", "touches-border", "minimal-period"],
    "cycle-census": ["well-formed", "model-hash", "listed-orbits", "distinct-orbits", "tree-covers"],
}


def model_section(model) -> dict:
    """The certificate's `model` section: kind, name, hash and the exact parameters the hash is of
    (the PL normal form, or the ctrnn model, proofs/README.md §1 and §6.1)."""
    if model.kind == "ctrnn":
        return {"kind": "ctrnn", "name": model.name, "hash": model.hash, "ctrnn": model.model_json()}
    return {"kind": model.kind, "name": model.name, "hash": model.hash, "normal_form": model.normal_form_json()}


def envelope(model, claim: dict, witness: dict, obligations, **producer) -> dict:
    """A certificate dict: format, version, model section, ``claim`` (with its "type" first),
    ``witness``, the ordered ``obligations`` and the producer (tool, version, time and ``producer``
    extras such as a statement or search statistics). Rationals must already be strings."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "model": model_section(model),
        "claim": claim,
        "witness": witness,
        "obligations": list(obligations),
        "producer": {
            "tool": "verified-dyn",
            "version": __version__,
            **producer,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        },
    }


def make_certificate(
    model, claim_type: str, claim: dict, witness: dict, obligations: list[str] | tuple[str, ...] | None = None
) -> dict:
    """The envelope for an orbit-type claim: itineraries become lists, witness points "p/q" strings;
    ``obligations`` defaults to OBLIGATIONS[claim_type] (the orbit and census claims)."""
    claim = {"type": claim_type, **claim}
    if "itinerary" in claim:
        claim["itinerary"] = [list(d) for d in claim["itinerary"]]
    witness = dict(witness)
    if "points" in witness:
        witness["points"] = [[fmt(x) for x in p] for p in witness["points"]]
    return envelope(model, claim, witness, obligations if obligations is not None else OBLIGATIONS[claim_type])
