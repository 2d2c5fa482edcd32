"""The claims `local-manifold-1d` and `manifold-pieces-1d` (proofs/README.md §7; MATH.md §3).

Proposition: for the interior k-cycle z_1, ..., z_k with itinerary d_1..d_k and P = M_{d_k} ... M_{d_1},
the segments S_j = {z_j + t v_j : |t| <= r} (j = 1..k) lie in the unstable (resp. stable) manifold of
the cycle, where v_1 is the eigenvector of P, normalised by v_1[pivot] = 1, of the unique real
eigenvalue lam of P in [lo, hi], and v_{j+1} = M_{d_j} v_j; v_1 lies in the rational box V.

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

`manifold-pieces-1d` adds obligation 8, ``pieces`` (see :func:`check_pieces`). Unstable: each listed
segment [A, B] is within eps of F^n(z_1 + [t0, t1] v_1), a segment of W^u (W^u is forward invariant
and F is affine on each closed region the image passes through). Stable: within eps of the segment
G = M_{e_1}^-1 ... (pulled back through e_n, ..., e_1) of z_1 + [t0, t1] v_1, which lies in the closed
regions of e_1..e_n, so F^n maps G onto that part of W^s_loc and G is in W^s.
"""
from __future__ import annotations

from fractions import Fraction

from .grammar import Certificate, _parse_model, _parse_orbit, check_obligation_list
from .orbits import check_model_hash, check_open_regions, check_orbit_closes
from .polys import charpoly, evaluate, sturm_count
from .pwa import inert, itinerary_product, preactivations, region_matrix, region_offset
from .rat import (
    Malformed,
    get,
    parse_dict,
    parse_int,
    parse_list,
    parse_mat,
    parse_rational,
    parse_vec,
)
from .verdict import Fail, Step

CLAIM = "local-manifold-1d"
OBLIGATIONS = ("well-formed", "model-hash", "orbit-closes", "open-regions", "eigenvalue-isolated",
               "eigenvector-box", "segments-inside")
PIECES_CLAIM = "manifold-pieces-1d"
PIECES_OBLIGATIONS = (*OBLIGATIONS, "pieces")

Interval = tuple[Fraction, Fraction]


def _imul(a: Interval, b: Interval) -> Interval:
    p = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return min(p), max(p)


def _iadd(a: Interval, b: Interval) -> Interval:
    return a[0] + b[0], a[1] + b[1]


def _iscale(c: Fraction, a: Interval) -> Interval:
    return (c * a[0], c * a[1]) if c >= 0 else (c * a[1], c * a[0])


def _idot(row: list[Fraction], box: list[Interval]) -> Interval:
    acc = (Fraction(0), Fraction(0))
    for c, x in zip(row, box):
        if c:
            acc = _iadd(acc, _iscale(c, x))
    return acc


def _parse(cert: dict, claim_type: str = CLAIM) -> dict:
    check_obligation_list(cert, OBLIGATIONS if claim_type == CLAIM else PIECES_OBLIGATIONS)
    nf, digest = _parse_model(cert)
    claim = parse_dict(cert["claim"], "claim")
    witness = parse_dict(get(cert, "witness", "certificate"), "witness")
    k, itinerary, points = _parse_orbit(claim, witness, nf)
    kind = get(claim, "kind", "claim")
    if kind not in ("stable", "unstable"):
        raise Malformed(f"claim.kind: expected 'stable' or 'unstable', got {kind!r}")
    lo, hi = (parse_rational(x, f"witness.eigenvalue_interval[{i}]")
              for i, x in enumerate(parse_list(get(witness, "eigenvalue_interval", "witness"),
                                               "witness.eigenvalue_interval", 2)))
    m = nf.M
    pivot = parse_int(get(witness, "pivot", "witness"), "witness.pivot", 0, m - 1)
    box = parse_mat(get(witness, "eigenvector_box", "witness"), m, 2, "witness.eigenvector_box")
    if box[pivot] != [1, 1]:
        raise Malformed(f"witness.eigenvector_box[{pivot}]: the pivot component must be [1, 1]")
    if any(a > b for a, b in box):
        raise Malformed("witness.eigenvector_box: an interval with lower end above its upper end")
    centre = parse_vec(get(witness, "krawczyk_centre", "witness"), m - 1, "witness.krawczyk_centre")
    precond = parse_mat(get(witness, "krawczyk_preconditioner", "witness"), m - 1, m - 1,
                        "witness.krawczyk_preconditioner") if m > 1 else []
    radius = parse_rational(get(claim, "radius", "claim"), "claim.radius")
    if radius <= 0:
        raise Malformed("claim.radius must be positive")
    c = Certificate(claim_type, nf, digest, k, itinerary, points)
    w = {"c": c, "kind": kind, "lo": lo, "hi": hi, "pivot": pivot, "box": [tuple(x) for x in box],
         "centre": centre, "C": precond, "r": radius}
    if claim_type == PIECES_CLAIM:
        w["pieces"] = [_parse_piece(x, j, nf) for j, x in enumerate(parse_list(get(claim, "pieces", "claim"),
                                                                                "claim.pieces"))]
    return w


def _parse_piece(x: object, j: int, nf) -> dict:
    where = f"claim.pieces[{j}]"
    x = parse_dict(x, where)
    t = parse_vec(get(x, "t", where), 2, f"{where}.t")
    itin = [[parse_int(b, f"{where}.itinerary[{n}][{i}]", 0, 1)
             for i, b in enumerate(parse_list(d, f"{where}.itinerary[{n}]", nf.H))]
            for n, d in enumerate(parse_list(get(x, "itinerary", where), f"{where}.itinerary"))]
    verts = [parse_vec(v, nf.M, f"{where}.vertices[{n}]")
             for n, v in enumerate(parse_list(get(x, "vertices", where), f"{where}.vertices", 2))]
    eps = parse_rational(get(x, "eps", where), f"{where}.eps")
    if eps < 0:
        raise Malformed(f"{where}.eps: must be >= 0, got {eps}")
    return {"t": t, "itinerary": itin, "vertices": verts, "eps": eps}


def check_eigenvalue_isolated(w: dict) -> str:
    """Obligation 5 (module docstring)."""
    lo, hi = w["lo"], w["hi"]
    if not lo < hi:
        raise Fail(f"eigenvalue interval [{lo}, {hi}] is empty or a point")
    p = charpoly(itinerary_product(w["c"].nf, w["c"].itinerary))
    for end in (lo, hi):
        if evaluate(p, end) == 0:
            raise Fail(f"the characteristic polynomial vanishes at the end point {end}")
    n = sturm_count(p, lo, hi)
    if n != 1:
        raise Fail(f"det(xI - P) has {n} distinct real roots in ({lo}, {hi}), not exactly 1")
    outside = lo >= 1 or hi <= -1
    inside = lo >= -1 and hi <= 1
    if (w["kind"] == "unstable" and not outside) or (w["kind"] == "stable" and not inside):
        raise Fail(f"[{lo}, {hi}] does not show |lam| {'>' if w['kind'] == 'unstable' else '<'} 1")
    return f"one real eigenvalue in (lo, hi), about {float(lo):.17g}, width {float(hi - lo):.1e}"


def check_eigenvector_box(w: dict) -> str:
    """Obligation 6: K(X) = x~ - C (A(L) x~ - b(L)) + (I - C A(L)) (X - x~) lies inside X."""
    P = itinerary_product(w["c"].nf, w["c"].itinerary)
    m, q = len(P), w["pivot"]
    if m == 1:
        return "dimension 1: the eigenvector is 1"
    idx = [i for i in range(m) if i != q]
    lam = (w["lo"], w["hi"])
    mlam = (-lam[1], -lam[0])
    A = [[((P[i][j], P[i][j]) if i != j else _iadd((P[i][j], P[i][j]), mlam)) for j in idx] for i in idx]
    b = [(-P[i][q], -P[i][q]) for i in idx]
    X = [w["box"][i] for i in idx]
    xc, C = w["centre"], w["C"]
    n = m - 1
    resid = [_iadd(_idot_i(A[r], xc), (-b[r][1], -b[r][0])) for r in range(n)]
    CA = [[_sum(_iscale(C[r][s], A[s][t]) for s in range(n)) for t in range(n)] for r in range(n)]
    for r in range(n):
        k = _iadd((xc[r], xc[r]), _neg(_sum(_iscale(C[r][s], resid[s]) for s in range(n))))
        for t in range(n):
            e = _neg(CA[r][t])
            if r == t:
                e = _iadd(e, (Fraction(1), Fraction(1)))
            k = _iadd(k, _imul(e, (X[t][0] - xc[t], X[t][1] - xc[t])))
        if not (X[r][0] < k[0] and k[1] < X[r][1]):
            raise Fail(f"Krawczyk image of component {idx[r]} is [{float(k[0])}, {float(k[1])}], "
                       f"not inside [{float(X[r][0])}, {float(X[r][1])}]")
    return f"eigenvector enclosed in the box (pivot {q})"


def _idot_i(row: list[Interval], x: list[Fraction]) -> Interval:
    return _sum(_iscale(xv, a) for a, xv in zip(row, x))


def _sum(items) -> Interval:
    acc = (Fraction(0), Fraction(0))
    for it in items:
        acc = _iadd(acc, it)
    return acc


def _neg(a: Interval) -> Interval:
    return -a[1], -a[0]


def check_segments_inside(w: dict) -> str:
    """Obligation 7: r * max |W2_i . V_j| < |u_i(z_j)| for every j and non-inert unit i."""
    c = w["c"]
    nf, r = c.nf, w["r"]
    flags = inert(nf)
    box = list(w["box"])
    for j, (z, d) in enumerate(zip(c.points, c.itinerary)):
        u = preactivations(nf, z)
        for i in range(nf.H):
            if flags[i]:
                continue
            g = _idot(nf.W2[i], box)
            if not r * max(abs(g[0]), abs(g[1])) < abs(u[i]):
                raise Fail(f"segment {j}, unit {i}: r |W2_i v| can reach {float(r * max(abs(g[0]), abs(g[1])))}"
                           f" >= |u_i| = {float(abs(u[i]))}")
        M = region_matrix(nf, d)
        box = [_idot(row, box) for row in M]
    return f"{c.period} segments of radius {r} inside their open regions"


def check_pieces(w: dict) -> str:
    """Obligation 8 (manifold-pieces-1d): for each piece, -r <= t0 < t1 <= r; the end-point boxes
    z_1 + t V are carried along the itinerary (M_e box + c_e), lying before each step in the closed
    region of e (non-inert units); at the end every point of each box is within eps of its vertex."""
    c = w["c"]
    nf, r, V = c.nf, w["r"], w["box"]
    flags = inert(nf)
    for j, p in enumerate(w["pieces"]):
        t0, t1 = p["t"]
        if not -r <= t0 < t1 <= r:
            raise Fail(f"pieces[{j}]: t = [{t0}, {t1}] is not an interval inside [-r, r]")
        ends = []
        for t in (t0, t1):
            b = [(zi + min(t * lo, t * hi), zi + max(t * lo, t * hi)) for zi, (lo, hi) in zip(c.points[0], V)]
            if w["kind"] == "stable":
                ends.append(_backward(nf, b, p["itinerary"], flags, j, t))
                continue
            for n, e in enumerate(p["itinerary"]):
                for i in range(nf.H):
                    if flags[i]:
                        continue
                    u = _iadd(_idot(nf.W2[i], b), (nf.h2[i], nf.h2[i]))
                    if (e[i] and u[0] < 0) or (not e[i] and u[1] > 0):
                        raise Fail(f"pieces[{j}]: step {n}, unit {i}: the end point at t = {float(t)} may leave "
                                   f"the closed region (u in [{float(u[0])}, {float(u[1])}])")
                M = region_matrix(nf, e)
                off = region_offset(nf, e)
                b = [_iadd(_idot(row, b), (o, o)) for row, o in zip(M, off)]
            ends.append(b)
        for b, v in zip(ends, p["vertices"]):
            d2 = sum((max(abs(x - lo), abs(x - hi)) ** 2 for x, (lo, hi) in zip(v, b)), Fraction(0))
            if d2 > p["eps"] ** 2:
                raise Fail(f"pieces[{j}]: an end point can be {float(d2) ** 0.5:.3e} from its vertex > eps")
    return f"{len(w['pieces'])} pieces within their eps of W^{'u' if w['kind'] == 'unstable' else 's'}"


def _backward(nf, b, itinerary, flags, j, t):
    """Stable pieces: the box of z_1 + t V is pulled back through e_n, ..., e_1 with the exact inverses
    of M_e (B <- M_e^-1 (B - c_e)), each pulled-back box lying in the closed region of e."""
    for n in range(len(itinerary) - 1, -1, -1):
        e = itinerary[n]
        inv = _inverse(region_matrix(nf, e))
        if inv is None:
            raise Fail(f"pieces[{j}]: step {n}: M_e is singular")
        off = region_offset(nf, e)
        shifted = [(lo - o, hi - o) for (lo, hi), o in zip(b, off)]
        b = [_idot(row, shifted) for row in inv]
        for i in range(nf.H):
            if flags[i]:
                continue
            u = _iadd(_idot(nf.W2[i], b), (nf.h2[i], nf.h2[i]))
            if (e[i] and u[0] < 0) or (not e[i] and u[1] > 0):
                raise Fail(f"pieces[{j}]: step {n}, unit {i}: the preimage of the end point at t = {float(t)} "
                           f"may leave the closed region (u in [{float(u[0])}, {float(u[1])}])")
    return b


def _inverse(a: list[list[Fraction]]) -> list[list[Fraction]] | None:
    """The exact inverse by Gauss-Jordan elimination, or None if singular."""
    n = len(a)
    m = [list(row) + [Fraction(int(i == k)) for k in range(n)] for i, row in enumerate(a)]
    for col in range(n):
        piv = next((r for r in range(col, n) if m[r][col] != 0), None)
        if piv is None:
            return None
        m[col], m[piv] = m[piv], m[col]
        inv_p = 1 / m[col][col]
        m[col] = [x * inv_p for x in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [row[n:] for row in m]


def manifold_steps(cert: dict, claim_type: str, expected_hash: str | None) -> list[tuple[str, Step]]:
    """The obligations of `local-manifold-1d` / `manifold-pieces-1d`, in README order."""
    box: dict = {}

    def well_formed() -> str:
        box["w"] = _parse(cert, claim_type)
        return "grammar of format version 1"

    steps = {
        "well-formed": well_formed,
        "model-hash": lambda: check_model_hash(box["w"]["c"], expected_hash),
        "orbit-closes": lambda: check_orbit_closes(box["w"]["c"]),
        "open-regions": lambda: check_open_regions(box["w"]["c"]),
        "eigenvalue-isolated": lambda: check_eigenvalue_isolated(box["w"]),
        "eigenvector-box": lambda: check_eigenvector_box(box["w"]),
        "segments-inside": lambda: check_segments_inside(box["w"]),
        "pieces": lambda: check_pieces(box["w"]),
    }
    names = OBLIGATIONS if claim_type == CLAIM else PIECES_OBLIGATIONS
    return [(name, steps[name]) for name in names]


CLAIMS = {CLAIM: (OBLIGATIONS, manifold_steps), PIECES_CLAIM: (PIECES_OBLIGATIONS, manifold_steps)}
