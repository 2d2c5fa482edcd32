"""The piecewise-affine map F of a normal form, evaluated exactly.

u(z) = W2 z + h2 (pre-activations); F(z) = A z + W1 relu(u(z)) + h1 with the real relu.
Unit i is inert if column i of W1 is zero. For a pattern d: M_d = A + W1 diag(d) W2.
Regions: open region of d (strict signs for non-inert units, weak for inert ones) and closed region
of d (weak signs for all units).
Reference: proofs/README.md §1 "The map"; MATH.md §1.
"""
from __future__ import annotations

from fractions import Fraction

from .model import Matrix, NormalForm
from .rat import identity, matmul, matvec, vec_add


def preactivations(nf: NormalForm, z: list[Fraction]) -> list[Fraction]:
    """u(z) = W2 z + h2."""
    return vec_add(matvec(nf.W2, z), nf.h2)


def apply(nf: NormalForm, z: list[Fraction]) -> list[Fraction]:
    """F(z) = A z + W1 relu(W2 z + h2) + h1, exactly, with the real relu (not an itinerary)."""
    r = [max(x, Fraction(0)) for x in preactivations(nf, z)]
    return vec_add(matvec(nf.A, z), matvec(nf.W1, r), nf.h1)


def inert(nf: NormalForm) -> list[bool]:
    """inert[i] is True iff column i of W1 is zero (unit i switches nothing)."""
    return [all(row[i] == 0 for row in nf.W1) for i in range(nf.H)]


def region_matrix(nf: NormalForm, d: list[int]) -> Matrix:
    """M_d = A + W1 diag(d) W2, as a sum of the outer products of the active units."""
    m = [list(row) for row in nf.A]
    for i, active in enumerate(d):
        if active:
            for r in range(nf.M):
                w = nf.W1[r][i]
                if w:
                    m[r] = [x + w * y for x, y in zip(m[r], nf.W2[i])]
    return m


def itinerary_product(nf: NormalForm, itinerary: list[list[int]]) -> Matrix:
    """P = M_{d_k} ... M_{d_1} for the itinerary d_1, ..., d_k (README §2)."""
    p = identity(nf.M)
    for d in itinerary:
        p = matmul(region_matrix(nf, d), p)
    return p


def open_region_violation(nf: NormalForm, z: list[Fraction], d: list[int]) -> str | None:
    """None if z is in the open region of d; otherwise which unit violates it and its u value."""
    flags = inert(nf)
    for i, (ui, di) in enumerate(zip(preactivations(nf, z), d)):
        if flags[i]:
            bad, need = (ui < 0, ">= 0 (inert)") if di else (ui > 0, "<= 0 (inert)")
        else:
            bad, need = (ui <= 0, "> 0") if di else (ui >= 0, "< 0")
        if bad:
            return f"unit {i}: u = {ui} with d = {di}, needs u {need}"
    return None


def closed_region_violation(nf: NormalForm, z: list[Fraction], d: list[int]) -> str | None:
    """None if z is in the closed region of d; otherwise which unit violates it and its u value."""
    for i, (ui, di) in enumerate(zip(preactivations(nf, z), d)):
        if (di and ui < 0) or (not di and ui > 0):
            return f"unit {i}: u = {ui} with d = {di}, needs u {'>=' if di else '<='} 0"
    return None


def border_units(nf: NormalForm, z: list[Fraction]) -> list[int]:
    """The non-inert units i with u_i(z) = 0."""
    flags = inert(nf)
    return [i for i, ui in enumerate(preactivations(nf, z)) if ui == 0 and not flags[i]]


def region_offset(nf: NormalForm, d: list[int]) -> list[Fraction]:
    """c_d = h1 + W1 diag(d) h2."""
    return [h + sum((row[i] * nf.h2[i] for i, di in enumerate(d) if di), Fraction(0))
            for h, row in zip(nf.h1, nf.W1)]
