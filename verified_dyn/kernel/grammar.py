"""The certificate grammar (format version 1): header dispatch and the `well-formed` obligation.

`read_header` decides what kind of document this is: not an object, or a missing / mistyped
format, version or claim type is malformed; an unknown format string, version number or claim type
is unsupported. `parse_certificate` then reads every field the claim needs into exact data.
Unknown keys are ignored. Reference: proofs/README.md §1, §2.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

from .model import NormalForm, parse_normal_form
from .rat import Malformed, get, parse_dict, parse_int, parse_list, parse_vec, short
from .spectrum import Factors, Stein, Unsupported, parse_spectrum

FORMAT, VERSION = "verified-dyn/certificate", 1
ORBIT_OBLIGATIONS = {
    "periodic-orbit": ("well-formed", "model-hash", "orbit-closes", "open-regions", "minimal-period",
                       "eigenvalue-counts"),
    "border-orbit": ("well-formed", "model-hash", "orbit-closes", "closed-regions", "touches-border",
                     "minimal-period"),
}
ORBIT_TYPES = ("attracting", "repelling", "saddle", "non-hyperbolic")
_HASH = re.compile(r"sha256:[0-9a-f]{64}")


class UnsupportedDocument(Exception):
    """The format, version or claim type is not one this checker knows (verdict INCONCLUSIVE)."""


@dataclass(frozen=True)
class Certificate:
    """The exact content of a well-formed certificate."""

    claim_type: str
    nf: NormalForm
    hash: str
    period: int
    itinerary: list[list[int]]
    points: list[list[Fraction]]
    counts: tuple[int, int, int] | None = None
    orbit_type: str | None = None
    spectrum: Stein | Factors | Unsupported | None = None


def _string(obj: dict, key: str, where: str) -> str:
    value = get(obj, key, where)
    if not isinstance(value, str):
        raise Malformed(f"{where}.{key}: expected a string, got {type(value).__name__} {short(value)}")
    return value


def read_header(cert: object, known: Collection[str]) -> str:
    """The claim type of a certificate (one of ``known``); Malformed or UnsupportedDocument otherwise."""
    doc = parse_dict(cert, "certificate")
    fmt = _string(doc, "format", "certificate")
    if fmt != FORMAT:
        raise UnsupportedDocument(f"format {short(fmt)}")
    version = parse_int(get(doc, "version", "certificate"), "certificate.version")
    if version != VERSION:
        raise UnsupportedDocument(f"version {version}")
    claim_type = _string(parse_dict(get(doc, "claim", "certificate"), "certificate.claim"), "type", "claim")
    if claim_type not in known:
        raise UnsupportedDocument(f"claim type {short(claim_type)}")
    return claim_type


def _parse_model(doc: dict) -> tuple[NormalForm, str]:
    model = parse_dict(get(doc, "model", "certificate"), "model")
    _string(model, "kind", "model")
    _string(model, "name", "model")
    digest = _string(model, "hash", "model")
    if _HASH.fullmatch(digest) is None:
        raise Malformed(f"model.hash: expected 'sha256:' and 64 lowercase hex digits, got {short(digest)}")
    return parse_normal_form(get(model, "normal_form", "model")), digest


def _parse_orbit(claim: dict, witness: dict, nf: NormalForm) -> tuple[int, list[list[int]], list]:
    k = parse_int(get(claim, "period", "claim"), "claim.period", lo=1)
    raw = parse_list(get(claim, "itinerary", "claim"), "claim.itinerary", k)
    itinerary = [[parse_int(x, f"claim.itinerary[{j}][{i}]", 0, 1)
                  for i, x in enumerate(parse_list(d, f"claim.itinerary[{j}]", nf.H))]
                 for j, d in enumerate(raw)]
    pts = parse_list(get(witness, "points", "witness"), "witness.points", k)
    points = [parse_vec(z, nf.M, f"witness.points[{j}]") for j, z in enumerate(pts)]
    return k, itinerary, points


def _parse_eigenvalues(claim: dict, m: int) -> tuple[tuple[int, int, int], str]:
    ev = parse_dict(get(claim, "eigenvalues", "claim"), "claim.eigenvalues")
    counts = tuple(parse_int(get(ev, key, "claim.eigenvalues"), f"claim.eigenvalues.{key}", lo=0)
                   for key in ("inside", "on", "outside"))
    if sum(counts) != m:
        raise Malformed(f"claim.eigenvalues: inside + on + outside = {sum(counts)}, not M = {m}")
    orbit_type = _string(claim, "orbit_type", "claim")
    if orbit_type not in ORBIT_TYPES:
        raise Malformed(f"claim.orbit_type: {short(orbit_type)} is not one of {', '.join(ORBIT_TYPES)}")
    return counts, orbit_type  # type: ignore[return-value]


def check_obligation_list(cert: dict, expected) -> None:
    """The certificate's `obligations` list equals the claim type's and `producer` is an object."""
    expected = list(expected)
    listed = get(cert, "obligations", "certificate")
    if listed != expected:
        raise Malformed(f"obligation list differs: expected {expected}, got {short(listed, 200)}")
    parse_dict(get(cert, "producer", "certificate"), "certificate.producer")


def parse_certificate(cert: dict, claim_type: str) -> Certificate:
    """The `well-formed` obligation: the document follows the grammar of README §1-§3.

    Checks every type and shape, k >= 1, patterns of H integers 0/1, k points of M rationals,
    s, c, u >= 0 integers with s + c + u = M, the spectrum witness's shape, a free-form producer
    object, and that the certificate's `obligations` list equals the list for its claim type.
    Raises Malformed naming the offending path and value.
    """
    check_obligation_list(cert, ORBIT_OBLIGATIONS[claim_type])
    nf, digest = _parse_model(cert)
    claim = parse_dict(cert["claim"], "claim")
    witness = parse_dict(get(cert, "witness", "certificate"), "witness")
    k, itinerary, points = _parse_orbit(claim, witness, nf)
    if claim_type == "border-orbit":
        return Certificate(claim_type, nf, digest, k, itinerary, points)
    counts, orbit_type = _parse_eigenvalues(claim, nf.M)
    spectrum = parse_spectrum(get(witness, "spectrum", "witness"), nf.M)
    return Certificate(claim_type, nf, digest, k, itinerary, points, counts, orbit_type, spectrum)
