"""The segments z_j + t v_j, |t| <= r, lie in the unstable (stable) manifold of the k-cycle.

Claims `local-manifold-1d`, `manifold-pieces-1d` (proofs/README.md §7; MATH.md §3). Proposition: for the
interior k-cycle z_1, ..., z_k with itinerary d_1..d_k and P = M_{d_k} ... M_{d_1}, the segments S_j =
{z_j + t v_j : |t| <= r} (j = 1..k) lie in the unstable (resp. stable) manifold of the cycle, where v_1
is the eigenvector of P, normalised by v_1[pivot] = 1, of the unique real eigenvalue lam of P in [lo,
hi], and v_{j+1} = M_{d_j} v_j; v_1 lies in the rational box V.

Obligations (all exact rational arithmetic; intervals have rational endpoints, no rounding):
1. well-formed: the grammar below; 2. model-hash; 3. orbit-closes and 4. open-regions, as for a
periodic orbit (README §2);
5. eigenvalue-isolated: lo < hi, det(xI - P) has no root at lo or hi and exactly one distinct real
   root in (lo, hi) (Sturm); unstable: lo >= 1 or hi <= -1; stable: -1 <= lo and hi <= 1;
6. eigenvector-box: the Krawczyk operator of the (M-1) x (M-1) system (P - lam I) v = 0 without row and
   column ``pivot`` (v[pivot] = 1), with lam ranging over [lo, hi], preconditioner C and centre x~ from
   the witness, maps the box X (V without the pivot) into its interior: then for every lam in [lo, hi]
   the system is nonsingular and its solution lies in X (Krawczyk 1969; Moore, Kearfott, Cloud,
   "Introduction to Interval Analysis", SIAM 2009, §8.3), so the true eigenvector lies in V;
7. segments-inside: with boxes V_{j+1} = M_{d_j} V_j (interval products), for every j and non-inert
   unit i, r * max |W2_i . V_j| < |u_i(z_j)|: each S_j stays in the open region of d_j.
Then F^k(z_1 + t v_1) = z_1 + t lam v_1 for |t| <= r, which gives the claim (MATH §3): forward
iterates converge when |lam| < 1, and each point has the backward branch z_1 + (t / lam) v_1 when
|lam| > 1. A failed check names the obligation, the index and the values.

`manifold-pieces-1d` adds obligation 8, ``pieces`` (`check_pieces`). Unstable: each listed
segment [A, B] is within eps of F^n(z_1 + [t0, t1] v_1), a segment of W^u (W^u is forward invariant
and F is affine on each closed region the image passes through). Stable: within eps of the segment
G = M_{e_1}^-1 ... (pulled back through e_n, ..., e_1) of z_1 + [t0, t1] v_1, which lies in the closed
regions of e_1..e_n, so F^n maps G onto that part of W^s_loc and G is in W^s.
"""
from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from functools import reduce
from typing import Any

from ..core.grammar import register
from ..core.polys import charpoly, evaluate, sturm_count
from ..core.pwa import (Interval, carry, check_closes, check_regions, iadd, idot, imul, inert, iscale,
                        itinerary_product, parse_orbit, preactivations, region_matrix)
from ..core.rat import (Malformed, get, parse_dict, parse_int, parse_list, parse_mat, parse_patterns, parse_rational,
                        parse_vec)
from ..core.verdict import Fail


def _parse(ns: Any) -> None:
    nf, claim, witness = ns.nf, ns.claim, ns.witness
    ns.k = parse_int(get(claim, "period", "claim"), "claim.period", lo=1)
    ns.itinerary, ns.points = parse_orbit(get(claim, "itinerary", "claim"), get(witness, "points", "witness"),
                                          nf, ns.k, "claim.itinerary", "witness.points")
    ns.kind = get(claim, "kind", "claim")
    if ns.kind not in ("stable", "unstable"):
        raise Malformed(f"claim.kind: expected 'stable' or 'unstable', got {ns.kind!r}")
    ns.lo, ns.hi = (parse_rational(x, f"witness.eigenvalue_interval[{i}]")
                    for i, x in enumerate(parse_list(get(witness, "eigenvalue_interval", "witness"),
                                                     "witness.eigenvalue_interval", 2)))
    m = nf.M
    ns.pivot = parse_int(get(witness, "pivot", "witness"), "witness.pivot", 0, m - 1)
    box = parse_mat(get(witness, "eigenvector_box", "witness"), m, 2, "witness.eigenvector_box")
    if box[ns.pivot] != [1, 1]:
        raise Malformed(f"witness.eigenvector_box[{ns.pivot}]: the pivot component must be [1, 1]")
    if any(a > b for a, b in box):
        raise Malformed("witness.eigenvector_box: an interval with lower end above its upper end")
    ns.box = [(a, b) for a, b in box]
    ns.centre = parse_vec(get(witness, "krawczyk_centre", "witness"), m - 1, "witness.krawczyk_centre")
    ns.C = parse_mat(get(witness, "krawczyk_preconditioner", "witness"), m - 1, m - 1,
                     "witness.krawczyk_preconditioner") if m > 1 else []
    ns.r = parse_rational(get(claim, "radius", "claim"), "claim.radius")
    if ns.r <= 0:
        raise Malformed("claim.radius must be positive")


def _parse_pieces(ns: Any) -> None:
    _parse(ns)
    ns.pieces = [_parse_piece(x, j, ns.nf) for j, x in enumerate(parse_list(get(ns.claim, "pieces", "claim"),
                                                                              "claim.pieces"))]


def _parse_piece(x: object, j: int, nf: Any) -> dict[str, Any]:
    where = f"claim.pieces[{j}]"
    x = parse_dict(x, where)
    t = parse_vec(get(x, "t", where), 2, f"{where}.t")
    itin = parse_patterns(get(x, "itinerary", where), None, nf.H, f"{where}.itinerary")
    verts = [parse_vec(v, nf.M, f"{where}.vertices[{n}]")
             for n, v in enumerate(parse_list(get(x, "vertices", where), f"{where}.vertices", 2))]
    eps = parse_rational(get(x, "eps", where), f"{where}.eps")
    if eps < 0:
        raise Malformed(f"{where}.eps: must be >= 0, got {eps}")
    return {"t": t, "itinerary": itin, "vertices": verts, "eps": eps}


def check_eigenvalue_isolated(w: Any) -> str:
    """Obligation 5 (module docstring)."""
    lo, hi = w.lo, w.hi
    if not lo < hi:
        raise Fail(f"eigenvalue interval [{lo}, {hi}] is empty or a point")
    p = charpoly(itinerary_product(w.nf, w.itinerary))
    for end in (lo, hi):
        if evaluate(p, end) == 0:
            raise Fail(f"the characteristic polynomial vanishes at the end point {end}")
    n = sturm_count(p, lo, hi)
    if n != 1:
        raise Fail(f"det(xI - P) has {n} distinct real roots in ({lo}, {hi}), not exactly 1")
    outside = lo >= 1 or hi <= -1
    inside = lo >= -1 and hi <= 1
    if (w.kind == "unstable" and not outside) or (w.kind == "stable" and not inside):
        raise Fail(f"[{lo}, {hi}] does not show |lam| {'>' if w.kind == 'unstable' else '<'} 1")
    return f"one real eigenvalue in (lo, hi), about {float(lo):.17g}, width {float(hi - lo):.1e}"


def _sum(items: Iterable[Interval]) -> Interval:
    return reduce(iadd, items, (Fraction(0), Fraction(0)))


def _neg(a: Interval) -> Interval:
    return -a[1], -a[0]


def check_eigenvector_box(w: Any) -> str:
    """Obligation 6: K(X) = x~ - C (A(L) x~ - b(L)) + (I - C A(L)) (X - x~) lies inside X."""
    P = itinerary_product(w.nf, w.itinerary)
    m, q = len(P), w.pivot
    if m == 1:
        return "dimension 1: the eigenvector is 1"
    idx = [i for i in range(m) if i != q]
    mlam = (-w.hi, -w.lo)
    A = [[((P[i][j], P[i][j]) if i != j else iadd((P[i][j], P[i][j]), mlam)) for j in idx] for i in idx]
    b = [(-P[i][q], -P[i][q]) for i in idx]
    X = [w.box[i] for i in idx]
    xc, C = w.centre, w.C
    n = m - 1
    resid = [iadd(_sum(iscale(xv, a) for a, xv in zip(A[r], xc)), (-b[r][1], -b[r][0])) for r in range(n)]
    CA = [[_sum(iscale(C[r][s], A[s][t]) for s in range(n)) for t in range(n)] for r in range(n)]
    for r in range(n):
        k = iadd((xc[r], xc[r]), _neg(_sum(iscale(C[r][s], resid[s]) for s in range(n))))
        for t in range(n):
            e = _neg(CA[r][t])
            if r == t:
                e = iadd(e, (Fraction(1), Fraction(1)))
            k = iadd(k, imul(e, (X[t][0] - xc[t], X[t][1] - xc[t])))
        if not (X[r][0] < k[0] and k[1] < X[r][1]):
            raise Fail(f"Krawczyk image of component {idx[r]} is [{float(k[0])}, {float(k[1])}], "
                       f"not inside [{float(X[r][0])}, {float(X[r][1])}]")
    return f"eigenvector enclosed in the box (pivot {q})"


def check_segments_inside(w: Any) -> str:
    """Obligation 7: r * max |W2_i . V_j| < |u_i(z_j)| for every j and non-inert unit i."""
    nf, r = w.nf, w.r
    flags = inert(nf)
    box = list(w.box)
    for j, (z, d) in enumerate(zip(w.points, w.itinerary)):
        u = preactivations(nf, z)
        for i in range(nf.H):
            if flags[i]:
                continue
            g = idot(nf.W2[i], box)
            if not r * max(abs(g[0]), abs(g[1])) < abs(u[i]):
                raise Fail(f"segment {j}, unit {i}: r |W2_i v| can reach {float(r * max(abs(g[0]), abs(g[1])))}"
                           f" >= |u_i| = {float(abs(u[i]))}")
        box = [idot(row, box) for row in region_matrix(nf, d)]
    return f"{w.k} segments of radius {r} inside their open regions"


def check_pieces(w: Any) -> str:
    """Obligation 8 (manifold-pieces-1d): for each piece, -r <= t0 < t1 <= r; the end-point boxes
    z_1 + t V are carried along the itinerary (unstable: forward, M_e box + c_e, each box before a step
    in the closed region of e; stable: backward through e_n, ..., e_1 with the exact inverses, each
    pulled-back box in the closed region of e); at the end every point of each box is within eps of
    its vertex."""
    for j, p in enumerate(w.pieces):
        t0, t1 = p["t"]
        if not -w.r <= t0 < t1 <= w.r:
            raise Fail(f"pieces[{j}]: t = [{t0}, {t1}] is not an interval inside [-r, r]")
        ends = [carry(w.nf, [(zi + min(t * lo, t * hi), zi + max(t * lo, t * hi)) for zi, (lo, hi) in
                             zip(w.points[0], w.box)], p["itinerary"], False, w.kind == "stable",
                      f"pieces[{j}]: the end point at t = {float(t)}") for t in (t0, t1)]
        for b, v in zip(ends, p["vertices"]):
            d2 = sum((max(abs(x - lo), abs(x - hi)) ** 2 for x, (lo, hi) in zip(v, b)), Fraction(0))
            if d2 > p["eps"] ** 2:
                raise Fail(f"pieces[{j}]: an end point can be {float(d2) ** 0.5:.3e} from its vertex > eps")
    return f"{len(w.pieces)} pieces within their eps of W^{'u' if w.kind == 'unstable' else 's'}"


CHECKS = {"orbit-closes": lambda ns: check_closes(ns.nf, ns.points),
          "open-regions": lambda ns: check_regions(ns.nf, ns.points, ns.itinerary, True),
          "eigenvalue-isolated": check_eigenvalue_isolated, "eigenvector-box": check_eigenvector_box,
          "segments-inside": check_segments_inside}
OBLIGATIONS = register("local-manifold-1d", _parse, CHECKS)
PIECES_OBLIGATIONS = register("manifold-pieces-1d", _parse_pieces, {**CHECKS, "pieces": check_pieces})
