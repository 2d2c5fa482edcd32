"""p is a snap-back repeller of F, so F is chaotic in the sense of Li and Yorke (`snap-back-repeller`).

Theorem (proofs/README.md §9; MATH.md §4) (Marotto 1978, in the corrected form of F. R. Marotto, "On
redefining a snap-back repeller", Chaos, Solitons & Fractals 25 (2005) 25-28): let p be a fixed point of
F, F C^1 near p, and B a neighbourhood of p on which F is strictly expanding in some norm (||F(x) -
F(y)|| > ||x - y|| for x != y in B, hence with a factor s > 1 by compactness). If some z_0 in B, z_0 !=
p, has F^m(z_0) = p (m >= 1) and F is C^1 near z_0, ..., z_{m-1} with det DF(z_k) != 0, then p is a
snap-back repeller and F is chaotic in the sense of Li and Yorke (an uncountable scrambled set, periodic
points of infinitely many periods).

For a continuous piecewise-affine F all hypotheses are finite exact checks on rationals:
- p lies in the OPEN region of its pattern d, where F is the affine map z -> M z + c (M = M_d);
- a symmetric P with P > 0 and M^T P M - P > 0 (Sylvester pivots, exact): then
  ||M x||_P^2 - ||x||_P^2 = x^T (M^T P M - P) x > 0 for x != 0, so F(x) - F(y) = M (x - y) is strictly
  longer than x - y in the P-norm for x, y in the region (and all eigenvalues of M exceed 1 in modulus);
- B = {x : (x - p)^T P (x - p) <= r2} lies strictly inside the open region of d: for each non-inert
  unit i with u_i(x) = w_i.x + b_i, the extremes of u_i on B are u_i(p) -+ sqrt(r2 w_i^T P^-1 w_i), so
  r2 w_i^T P^-1 w_i < u_i(p)^2 (with u_i(p) of the right sign) keeps the sign of u_i on B;
- 0 < (z_0 - p)^T P (z_0 - p) < r2; z_{k+1} = F(z_k) computed with the real relu map; z_m = p; each
  z_k (k < m) in the open region of its listed pattern d_k (F affine, hence C^1, near z_k) with
  det M_{d_k} != 0 (then DF(z_k) = M_{d_k} is nonsingular).

Certificate: claim {type, fixed_point: vec(M), pattern, m: int >= 1, theorem: string (informational)};
witness {P: mat(M,M), r2: rational, orbit: [vec(M) x m] (z_0 .. z_{m-1}), itinerary: [pattern x m]}.
Obligations: well-formed, model-hash, repelling-fixed-point, expanding-norm, ball-inside-region,
snap-back-orbit.
"""
from __future__ import annotations

from typing import Any

from ..core import pwa
from ..core.grammar import register
from ..core.rat import (asymmetry, det_nonzero, dot, get, inverse, mat_sub, matmul, matvec, parse_int, parse_list,
                        parse_mat, parse_patterns, parse_rational, parse_vec, positive_definite_failure, transpose)
from ..core.verdict import Fail


def parse(ns: Any) -> None:
    """The `well-formed` obligation: the grammar of README §9 (shapes, m >= 1, m orbit points)."""
    nf, claim, witness = ns.nf, ns.claim, ns.witness
    ns.p = parse_vec(get(claim, "fixed_point", "claim"), nf.M, "claim.fixed_point")
    ns.d = parse_patterns([get(claim, "pattern", "claim")], 1, nf.H, "claim.pattern")[0]
    ns.m = parse_int(get(claim, "m", "claim"), "claim.m", lo=1)
    ns.P = parse_mat(get(witness, "P", "witness"), nf.M, nf.M, "witness.P")
    ns.r2 = parse_rational(get(witness, "r2", "witness"), "witness.r2")
    ns.orbit = [parse_vec(z, nf.M, f"witness.orbit[{k}]")
                for k, z in enumerate(parse_list(get(witness, "orbit", "witness"), "witness.orbit", ns.m))]
    ns.itinerary = parse_patterns(get(witness, "itinerary", "witness"), ns.m, nf.H, "witness.itinerary")


def check_fixed_point(c: Any) -> str:
    """Obligation 3: F(p) = p exactly (real relu map), p in the open region of d, det M_d != 0."""
    image = pwa.apply(c.nf, c.p)
    for r, (x, y) in enumerate(zip(image, c.p)):
        if x != y:
            raise Fail(f"F(p)[{r}] = {x} != p[{r}] = {y}")
    bad = pwa.open_region_violation(c.nf, c.p, c.d)
    if bad:
        raise Fail(f"p is not in the open region of the pattern: {bad}")
    if not det_nonzero(pwa.region_matrix(c.nf, c.d)):
        raise Fail("det M_d = 0")
    return "F(p) = p exactly, p interior, det M_d != 0"


def check_expanding(c: Any) -> str:
    """Obligation 4: P symmetric, P > 0 and M^T P M - P > 0 (exact pivots, Sylvester)."""
    P, bad = c.P, asymmetry(c.P)
    if bad:
        i, j = bad
        raise Fail(f"P is not symmetric: P[{i}][{j}] = {P[i][j]} != P[{j}][{i}] = {P[j][i]}")
    failure = positive_definite_failure(P)
    if failure:
        raise Fail(f"P is not positive definite: {failure}")
    M = pwa.region_matrix(c.nf, c.d)
    failure = positive_definite_failure(mat_sub(matmul(transpose(M), matmul(P, M)), P))
    if failure:
        raise Fail(f"M^T P M - P is not positive definite: {failure}")
    return "P > 0 and M^T P M - P > 0: F expands the P-norm strictly in the region of p"


def check_ball(c: Any) -> str:
    """Obligation 5: r2 > 0 and r2 w_i^T P^-1 w_i < u_i(p)^2 for every non-inert unit i (P^-1 exact,
    Gauss-Jordan), so the ellipsoid {(x-p)^T P (x-p) <= r2} lies strictly inside the open region of d."""
    if c.r2 <= 0:
        raise Fail(f"r2 = {c.r2} is not positive")
    flags = pwa.inert(c.nf)
    u = pwa.preactivations(c.nf, c.p)
    p_inv = inverse(c.P)          # exact; P is positive definite (obligation 4), hence nonsingular
    if p_inv is None:
        raise Fail("P is singular")
    for i in range(c.nf.H):
        if flags[i]:
            continue
        w = c.nf.W2[i]
        g = dot(w, matvec(p_inv, w))
        if c.r2 * g >= u[i] * u[i]:
            raise Fail(f"unit {i}: r2 * w^T P^-1 w = {float(c.r2 * g):.6e} >= u_i(p)^2 = {float(u[i] * u[i]):.6e}"
                       " (the ball leaves the open region)")
    return f"the P-ball of squared radius {float(c.r2):.6e} lies inside the open region of p"


def check_orbit(c: Any) -> str:
    """Obligation 6: 0 < (z_0-p)^T P (z_0-p) < r2; z_{k+1} = F(z_k) exactly, z_m = p; every z_k in the open
    region of d_k with det M_{d_k} != 0."""
    diff = [x - y for x, y in zip(c.orbit[0], c.p)]
    q = dot(diff, matvec(c.P, diff))
    if q <= 0:
        raise Fail("z_0 = p (or P is not positive definite): (z_0-p)^T P (z_0-p) = 0")
    if q >= c.r2:
        raise Fail(f"z_0 is not inside the ball: (z_0-p)^T P (z_0-p) = {float(q):.6e} >= r2 = {float(c.r2):.6e}")
    for k, (z, e) in enumerate(zip(c.orbit, c.itinerary)):
        bad = pwa.open_region_violation(c.nf, z, e)
        if bad:
            raise Fail(f"orbit[{k}] is not in the open region of itinerary[{k}]: {bad}")
        if not det_nonzero(pwa.region_matrix(c.nf, e)):
            raise Fail(f"itinerary[{k}]: det M = 0 (F is not a local diffeomorphism at orbit[{k}])")
        image = pwa.apply(c.nf, z)
        nxt, name = (c.orbit[k + 1], f"orbit[{k + 1}]") if k + 1 < c.m else (c.p, "p")
        for r, (x, y) in enumerate(zip(image, nxt)):
            if x != y:
                raise Fail(f"F(orbit[{k}])[{r}] = {x} != {name}[{r}] = {y}")
    return f"z_0 != p in the ball, F^{c.m}(z_0) = p exactly, every orbit point interior with det != 0"


OBLIGATIONS = register("snap-back-repeller", parse, {
    "repelling-fixed-point": check_fixed_point, "expanding-norm": check_expanding,
    "ball-inside-region": check_ball, "snap-back-orbit": check_orbit})
