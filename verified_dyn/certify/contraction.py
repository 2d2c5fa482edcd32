"""Certified global contraction (a proof of non-chaos, MATH §4; kernel claim `global-contraction`).

For F(z) = A z + W1 relu(W2 z + h2) + h1 the difference F(x) - F(y) is (A + W1 diag(t) W2)(x - y) for
some t in [0, 1]^H, so |F(x) - F(y)| <= B |x - y| entrywise with the exact bound matrix B of
kernel/claims/contraction.py. If rho(B) < 1 there are weights s > 0 with B s <= kappa s, kappa < 1: F is a
contraction in the weighted max-norm, so it has one globally attracting fixed point and no chaos.

Weights are proposed in floats (s = (I - B / kappa)^-1 1, which is positive and satisfies
B s = kappa (s - 1) < kappa s), rounded to rationals and checked exactly here; the kernel re-checks.
"""

from __future__ import annotations

from fractions import Fraction

import flint
import numpy as np

from ..models.pl import PLModel
from ..rationals import fmt
from .certificate import make_certificate

CLAIM = "global-contraction"
OBLIGATIONS = ("well-formed", "model-hash", "lipschitz-bound")


def bound_matrix(model: PLModel) -> flint.fmpq_mat:
    """The exact B_ij = max over t in [0,1]^H of |A_ij + sum_h W1_ih t_h W2_hj|."""
    A, W1, W2 = model.q["A"], model.q["W1"], model.q["W2"]
    M, H = model.dim, model.hidden
    B = flint.fmpq_mat(M, M)
    for i in range(M):
        for j in range(M):
            hi = lo = A[i, j]
            for h in range(H):
                c = W1[i, h] * W2[h, j]
                if c > 0:
                    hi += c
                else:
                    lo += c
            B[i, j] = max(hi, -lo)
    return B


def _bound_matrix_float(model: PLModel) -> np.ndarray:
    A, W1, W2 = model.f["A"], model.f["W1"], model.f["W2"]
    prod = W1[:, :, None] * W2[None, :, :]  # (M, H, M)
    hi = A + np.clip(prod, 0, None).sum(axis=1)
    lo = A + np.clip(prod, None, 0).sum(axis=1)
    return np.maximum(hi, -lo)


def _holds(B: flint.fmpq_mat, kappa: Fraction, s: list[Fraction]) -> bool:
    sq = flint.fmpq_mat(len(s), 1, [flint.fmpq(x.numerator, x.denominator) for x in s])
    k = flint.fmpq(kappa.numerator, kappa.denominator)
    Bs = B * sq
    return all(Bs[i, 0] <= k * sq[i, 0] for i in range(len(s)))


def contraction_certificate(model: PLModel) -> tuple[dict | None, str]:
    """A `global-contraction` certificate (checked exactly here, to be re-checked by the kernel) or
    None, and a one-line summary: the contraction factor, or why no certificate was found."""
    Bf = _bound_matrix_float(model)
    if not np.all(np.isfinite(Bf)):
        return None, "the Lipschitz bound matrix is not finite in floats"
    rho = float(np.max(np.abs(np.linalg.eigvals(Bf)))) if model.dim else 0.0
    if rho >= 1 - 1e-9:
        return None, (
            f"no global contraction in a weighted max-norm: the Lipschitz bound matrix B "
            f"(|F(x) - F(y)| <= B |x - y|) has spectral radius {rho:.4g} >= 1"
        )
    B = bound_matrix(model)
    for kappa_f in ((1 + rho) / 2, (1 + 3 * rho) / 4 + 1e-6, 1 - (1 - rho) / 16):
        s = np.linalg.solve(np.eye(model.dim) - Bf / kappa_f, np.ones(model.dim))
        if not np.all(np.isfinite(s)) or np.any(s <= 0):
            continue
        s = s / s.max()
        weights = [Fraction(x).limit_denominator(10**9) for x in s]
        kappa = Fraction(kappa_f).limit_denominator(10**9)
        if min(weights) > 0 and kappa < 1 and _holds(B, kappa, weights):
            cert = make_certificate(
                model, CLAIM, {"kappa": fmt(kappa)}, {"weights": [fmt(w) for w in weights]}, OBLIGATIONS
            )
            return cert, (
                f"global contraction with factor kappa = {float(kappa):.4g} in a weighted max-norm (rho(B) = {rho:.4g})"
            )
    return None, f"rho(B) = {rho:.4g} < 1 but no rational weights passed the exact check"
