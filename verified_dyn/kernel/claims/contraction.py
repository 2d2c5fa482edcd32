"""F is a contraction of R^M in a weighted max-norm, hence not chaotic (`global-contraction`).

Proposition (proofs/README.md §11; MATH.md §4 "Non-chaos is a claim too"): let F(z) = A z + W1 relu(W2 z
+ h2) + h1. For any x, y and every unit h, relu(a) - relu(b) = t_h (a - b) with t_h in [0, 1] (relu is
monotone and 1-Lipschitz), so F(x) - F(y) = (A + W1 diag(t) W2)(x - y) for some t in [0, 1]^H, and
entrywise |F(x) - F(y)| <= B |x - y| with

    B_ij = max over t in [0,1]^H of |A_ij + sum_h W1_ih t_h W2_hj|
         = max(A_ij + sum_h max(0, W1_ih W2_hj), -(A_ij + sum_h min(0, W1_ih W2_hj))).

If s > 0 (entrywise) and B s <= kappa s with kappa < 1, then in the weighted max-norm
||x||_s = max_i |x_i| / s_i we get ||F(x) - F(y)||_s <= kappa ||x - y||_s: F is a contraction of
R^M, so (Banach) it has exactly one fixed point p and every orbit converges to p geometrically.
Hence every compact invariant set is {p} (its diameter shrinks by kappa at each step), there is no
other periodic orbit, no scrambled pair, and the topological entropy of F on every compact invariant
set is 0: F is not chaotic in any of the senses verified-dyn certifies (Smale horseshoes, Li-Yorke,
positive entropy).

Certificate: claim {type, kappa}; witness {weights: M positive rationals}. Obligations:
1. well-formed (grammar, obligation list); 2. model-hash;
3. lipschitz-bound: B computed exactly from the normal form; every weight > 0; 0 <= kappa < 1;
   (B s)_i <= kappa s_i for every row i. A failure names the row and both sides.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.grammar import register
from ..core.model import NormalForm
from ..core.rat import Matrix, Vec, get, parse_rational, parse_vec
from ..core.verdict import Fail


def _parse(ns: Any) -> None:
    ns.kappa = parse_rational(get(ns.claim, "kappa", "claim"), "claim.kappa")
    ns.weights = parse_vec(get(ns.witness, "weights", "witness"), ns.nf.M, "witness.weights")


def bound_matrix(nf: NormalForm) -> Matrix:
    """B_ij: the largest |A_ij + sum_h W1_ih t_h W2_hj| over t in [0, 1]^H (see the module text)."""
    out = []
    for i in range(nf.M):
        row = []
        for j in range(nf.M):
            hi = lo = nf.A[i][j]
            for h in range(nf.H):
                c = nf.W1[i][h] * nf.W2[h][j]
                if c > 0:
                    hi += c
                else:
                    lo += c
            row.append(max(hi, -lo))
        out.append(row)
    return out


def check_lipschitz_bound(nf: NormalForm, kappa: Fraction, weights: Vec) -> str:
    """0 <= kappa < 1, weights > 0 and (B s)_i <= kappa s_i for every row (README §11 obligation 3)."""
    if not 0 <= kappa < 1:
        raise Fail(f"kappa = {kappa} is not in [0, 1)")
    for i, s in enumerate(weights):
        if s <= 0:
            raise Fail(f"weights[{i}] = {s} is not positive")
    for i, row in enumerate(bound_matrix(nf)):
        lhs = sum((b * s for b, s in zip(row, weights)), Fraction(0))
        if lhs > kappa * weights[i]:
            raise Fail(f"row {i}: (B s)_{i} = {lhs} > kappa s_{i} = {kappa * weights[i]}")
    return f"||F(x) - F(y)||_s <= {kappa} ||x - y||_s on R^{nf.M} (H = {nf.H} units)"


OBLIGATIONS = register("global-contraction", _parse, {
    "lipschitz-bound": lambda ns: check_lipschitz_bound(ns.nf, ns.kappa, ns.weights)})
