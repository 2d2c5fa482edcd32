"""The normal form F(z) = A z + W1 relu(W2 z + h2) + h1 of a model, and its hash.

A normal form has A (M x M), W1 (M x H), W2 (H x M), h1 (M), h2 (H) with M >= 1, H >= 0; a matrix
with no columns is written as M empty rows. The hash is
"sha256:" + sha256(json.dumps({"A", "W1", "W2", "h1", "h2"} with canonical rational strings,
sort_keys=True, separators=(",", ":")).encode("ascii")).hexdigest().
Reference: proofs/README.md §1 (grammar, the model hash); MATH.md §1.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from fractions import Fraction

from .rat import Malformed, canonical, get, parse_dict, parse_list, parse_mat, parse_vec

Matrix = list[list[Fraction]]


@dataclass(frozen=True)
class NormalForm:
    """Exact data of F(z) = A z + W1 relu(W2 z + h2) + h1, with M state and H hidden units."""

    A: Matrix
    W1: Matrix
    W2: Matrix
    h1: list[Fraction]
    h2: list[Fraction]

    @property
    def M(self) -> int:
        return len(self.h1)

    @property
    def H(self) -> int:
        return len(self.h2)


def parse_normal_form(obj: object, where: str = "model.normal_form") -> NormalForm:
    """The normal form of a certificate; Malformed unless every shape matches and M >= 1 (README §1).

    M is read from h1 and H from h2; every entry must be a rational string.
    """
    nf = parse_dict(obj, where)
    h1 = parse_vec(get(nf, "h1", where), None, f"{where}.h1")
    h2 = parse_vec(get(nf, "h2", where), None, f"{where}.h2")
    m, h = len(h1), len(h2)
    if m < 1:
        raise Malformed(f"{where}.h1: M must be >= 1, got 0 entries")
    a = parse_mat(get(nf, "A", where), m, m, f"{where}.A")
    w1 = parse_mat(get(nf, "W1", where), m, h, f"{where}.W1")
    w2 = parse_mat(get(nf, "W2", where), h, m, f"{where}.W2")
    return NormalForm(a, w1, w2, h1, h2)


def _as_rational_string(x: object) -> object:
    if isinstance(x, Fraction) or (isinstance(x, int) and not isinstance(x, bool)):
        return canonical(Fraction(x))
    if isinstance(x, list):
        return [_as_rational_string(y) for y in x]
    return x


def hash_of(nf: NormalForm) -> str:
    """The model hash of README §1 for exact data: sha256 of the canonical compact JSON."""
    data = {
        "A": [[canonical(x) for x in row] for row in nf.A],
        "W1": [[canonical(x) for x in row] for row in nf.W1],
        "W2": [[canonical(x) for x in row] for row in nf.W2],
        "h1": [canonical(x) for x in nf.h1],
        "h2": [canonical(x) for x in nf.h2],
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("ascii")
    return "sha256:" + hashlib.sha256(text).hexdigest()


def model_hash(normal_form: dict) -> str:
    """The model hash of a normal-form dict (README §1).

    Entries may be rational strings (any spelling: "2/4" hashes like "1/2"), Fractions or ints;
    floats and booleans are refused. Raises ValueError (Malformed) on a bad shape or entry.
    """
    obj = parse_dict(normal_form, "normal_form")
    clean = {k: _as_rational_string(parse_list(get(obj, k, "normal_form"), f"normal_form.{k}"))
             for k in ("A", "W1", "W2", "h1", "h2")}
    return hash_of(parse_normal_form(clean, "normal_form"))
