"""Shared pieces of the ctrnn certifiers: certificate assembly, exact linear algebra, Arb precision.

Proposition (for the helpers here): `nullspace` returns a basis of {u : M u = 0} over Q, computed
exactly from FLINT's reduced row echelon form; `solve_exact` returns some exact solution of M x = y or
None when there is none. Certificates follow proofs/README.md §6 (format version 1, model kind ctrnn).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import flint

from ..models.ctrnn import CTRNNModel
from ..rationals import arb_precision, fmpq_mat, fmt, from_fmpq  # noqa: F401 (re-exported to ctrnn_*)
from .certificate import envelope

HEAD = ["well-formed", "model-hash"]
OBLIGATIONS = {
    "ctrnn-skew-symmetric": HEAD + ["skew"],
    "ctrnn-symmetric-part": HEAD + ["symmetric-part", "not-conserved"],
    "ctrnn-conserved-quantity": HEAD + ["skew", "activation", "bias"],
    "ctrnn-volume-preserving": HEAD + ["zero-diagonal", "activation"],
    "ctrnn-casimirs": HEAD + ["form", "left-kernel", "complete"],
    "ctrnn-equilibria": HEAD + ["zero-bias", "activation-sign", "linear-algebra"],
    "ctrnn-bounded-orbits": HEAD + ["skew", "zero-bias", "coercive", "form"],
    "ctrnn-orbit-escapes": HEAD + ["planar", "activation", "level-above-sup"],
    "ctrnn-periodic-orbits": HEAD + ["planar", "activation", "compact-level"],
    "ctrnn-period-enclosure": HEAD + ["planar", "activation", "closed-level", "endpoint", "level-points", "period"],
    "ctrnn-euler-energy-bound": HEAD + ["skew", "zero-bias", "activation", "constant"],
    "ctrnn-euler-linear-growth": HEAD + ["linear", "zero-bias", "isometry-factor"],
    "ctrnn-euler-trajectory": HEAD + ["skew", "zero-bias", "activation", "trajectory"],
}


@dataclass
class Attempt:
    """What a certifier produced for one claim: certificates to try in order (strongest first),
    or none and the reason; ``info`` carries human-facing facts (formulas, values) for the report."""

    certificates: list[dict] = field(default_factory=list)
    reason: str | None = None
    info: dict = field(default_factory=dict)


def ctrnn_certificate(model: CTRNNModel, claim_type: str, claim: dict, witness: dict, statement: str) -> dict:
    """A certificate dict in format v1 for a claim about ``model`` (rationals already strings)."""
    return envelope(model, {"type": claim_type, **claim}, witness, OBLIGATIONS[claim_type], statement=statement)


def vec(xs) -> list[str]:
    return [fmt(x) for x in xs]


def mat(rows) -> list[list[str]]:
    return [vec(r) for r in rows]


def nullspace(rows: list[list[Fraction]], ncols: int) -> list[list[Fraction]]:
    """A basis of the right null space of the matrix with the given rows (exact)."""
    if not rows:
        return [[Fraction(int(i == j)) for i in range(ncols)] for j in range(ncols)]
    R, rank = fmpq_mat(rows).rref()
    pivots = []
    for i in range(rank):
        pivots.append(next(j for j in range(ncols) if R[i, j] != 0))
    basis = []
    for free in (j for j in range(ncols) if j not in pivots):
        v = [Fraction(0)] * ncols
        v[free] = Fraction(1)
        for i, p in enumerate(pivots):
            v[p] = -from_fmpq(R[i, free])
        basis.append(v)
    return basis


def inverse(rows) -> list[list[Fraction]] | None:
    """The exact inverse of a square rational matrix, or None if it is singular."""
    try:
        inv = fmpq_mat(rows).inv()
    except ZeroDivisionError:
        return None
    return [[from_fmpq(inv[i, j]) for j in range(inv.ncols())] for i in range(inv.nrows())]


def solve_exact(rows, y) -> list[Fraction] | None:
    """Some exact x with M x = y, or None if y is not in the range of M."""
    n = len(rows[0])
    aug = [list(r) + [yi] for r, yi in zip(rows, y)]
    R, rank = fmpq_mat(aug).rref()
    x = [Fraction(0)] * n
    for i in range(rank):
        p = next(j for j in range(n + 1) if R[i, j] != 0)
        if p == n:
            return None
        x[p] = from_fmpq(R[i, n])
    return x


def arb_of(q) -> flint.arb:
    q = Fraction(q)
    return flint.arb(flint.fmpq(q.numerator, q.denominator))


def rational_below(x: flint.arb, digits: int = 15) -> Fraction:
    """A short rational <= every point of the ball x."""
    return _round(_lower(x), digits, down=True)


def rational_above(x: flint.arb, digits: int = 15) -> Fraction:
    """A short rational >= every point of the ball x."""
    return _round(-_lower(-x), digits, down=False)


def _lower(x: flint.arb) -> Fraction:
    m, e = x.lower().man_exp()
    return Fraction(int(m)) * (Fraction(2) ** int(e))


def _round(q: Fraction, digits: int, down: bool) -> Fraction:
    if q == 0:
        return q
    scale = Fraction(10) ** (digits - len(str(abs(q.numerator) // q.denominator or 1)))
    v = q * scale
    r = v.numerator // v.denominator if down else -((-v.numerator) // v.denominator)
    return Fraction(r) / scale
