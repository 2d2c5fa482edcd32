"""Stable / unstable manifold pieces of any dimension in float64 (MATH §3): proposals, not proofs.

**Piece representation.** For a saddle cycle z_1 .. z_k (regions c_1 .. c_k) let P_j be the product of
the cycle started at z_j, E^s_j / E^u_j its stable / unstable invariant subspaces (real Schur, so
complex pairs are handled), L_u^j an orthonormal basis of the *left* unstable subspace (the rows
annihilating E^s_j) and V_s^j an orthonormal basis of E^s_j.

* Local stable set at z_j: ``Loc_j = {y in box : L_u^j (y - z_j) = 0, F^t(y) in c_{j+t} for t = 0..T}``.
  For t > T the region conditions hold automatically (tail bound: |w_q Phi_t V_s a| <= |u_q| on the
  box, from ||B^m|| <= c 2^-floor(m/m*) with B = P_j on E^s_j), so Loc_j is the *maximal* forward
  invariant part of the stable plane in the box that follows the cycle for ever. It is a polytope
  in an affine subspace of codimension du.
* A stable piece with itinerary (e_1, .., e_n) to Loc_j is
  ``{y : F^{t-1}(y) in closed region e_t (t = 1..n), F_e(y) in Loc_j, every F^t(y) in the box}``,
  F_e the affine composition: an affine subspace ``E y = e`` (E = L_u^j G_e, rows re-orthonormalised)
  intersected with a polyhedron ``G y <= g``. Growth = all preimages: a child of a piece in region d
  (det M_d != 0) is the pull-back (E M_d, e - E c_d, G M_d, g - G c_d) plus the region-d and box rows,
  kept when an LP (HiGHS) finds a relative-interior ball of radius > ``min_radius`` (its Chebyshev
  centre is stored). The principal branch (region c_{j-1} of a generation-0 piece) is skipped: its
  preimage lies inside Loc_{j-1} because Loc is maximal, so pieces do not repeat.
* Unstable pieces (any du): ``{O + T b : H b <= h}`` with T orthonormal (M x du), starting from
  ``z_j + V_u^j b``, ||B_u^-m b||_inf <= r (m = 0..K, backward invariant), radius r keeping the
  backward cycle images inside their regions; one generation = cut by the switching hyperplanes
  (LP ranges of every unit, then feasible sign patterns) and map affinely, clipped to the box. As
  F(gen n) contains gen n, only the last generation is returned (it contains all earlier ones).

Only pieces of regions with det M_d != 0 (float test) are grown; singular regions are listed.
Pieces are stored compactly (itinerary, target, centre, radius); ``constraints`` re-derives E, e, G, g.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import scipy.linalg
from scipy.optimize import linprog

from ..geometry import chebyshev, distance_to_piece, parametrise
from ..models.pl import PLModel
from ..models.regions import code_of_pattern
from ..progress import Progress
from .manifolds import region_arrays

MAX_ACTIVE = 14  # 2^14 regions: beyond that, preimage growth is refused


# ---------------------------------------------------------------------------------------------
# saddle data


@dataclass
class SaddleGeometry:
    points: np.ndarray  # (k, M) cycle points (float)
    codes: tuple  # region code of each cycle point
    ds: int
    du: int
    Vs: list  # per point: (M, ds) orthonormal basis of E^s
    Vu: list  # per point: (M, du) orthonormal basis of E^u
    Lu: list  # per point: (du, M) orthonormal rows, kernel = E^s
    Ms: np.ndarray  # (R, M, M) all region matrices (R = 2^active), float
    cs: np.ndarray  # (R, M)
    W2a: np.ndarray  # (na, M) active rows of W2
    h2a: np.ndarray  # (na,)

    @property
    def period(self) -> int:
        return len(self.codes)


def saddle_geometry(model: PLModel, points, itinerary) -> SaddleGeometry:
    """Float invariant subspaces of the saddle cycle with the given points and itinerary (patterns)."""
    na = len(model.active_units)
    if na > MAX_ACTIVE:
        raise ValueError(f"{na} active units: more than 2^{MAX_ACTIVE} regions, preimage growth refused")
    pts = np.array([[float(x) for x in p] for p in points], float).reshape(len(points), model.dim)
    codes = tuple(code_of_pattern(model, d) for d in itinerary)
    Ms, cs = region_arrays(model, range(2**na))
    k, M = len(codes), model.dim
    Vs, Vu, Lu = [], [], []
    for j in range(k):
        P = np.eye(M)
        for i in range(k):
            P = Ms[codes[(j + i) % k]] @ P
        _, Zs, ds = scipy.linalg.schur(P, output="real", sort="iuc")
        _, Zu, du = scipy.linalg.schur(P, output="real", sort="ouc")
        if ds + du != M:
            raise ValueError("eigenvalue on the unit circle (float test): not a hyperbolic saddle")
        Vs.append(Zs[:, :ds])
        Vu.append(Zu[:, :du])
        Lu.append(Zs[:, ds:].T.copy())
    f = model.f
    act = list(model.active_units)
    return SaddleGeometry(pts, codes, ds, du, Vs, Vu, Lu, Ms, cs, f["W2"][act], f["h2"][act])


def _region_rows(geom, code):
    """(G, g) with G z <= g  <=>  z in the closed region ``code``."""
    na = len(geom.h2a)
    s = np.array([1.0 if (code >> q) & 1 else -1.0 for q in range(na)])
    return -s[:, None] * geom.W2a, s * geom.h2a


def _box_rows(box):
    M = len(box)
    return np.vstack([np.eye(M), -np.eye(M)]), np.concatenate([box[:, 1], -box[:, 0]])


def _normalise(G, g):
    n = np.linalg.norm(G, axis=1)
    n[n == 0] = 1.0
    return G / n[:, None], g / n


def _tail_steps(geom, j, box, cap=4000):
    """T such that the region rows of Loc_j for t > T are implied on box (module docstring)."""
    k, pts, Vs = geom.period, geom.points, geom.Vs[j]
    if geom.ds == 0:
        return 0
    B = Vs.T @ _cycle_map(geom, j, k) @ Vs
    margin = min(abs(geom.W2a[q] @ pts[i] + geom.h2a[q]) for q in range(len(geom.h2a)) for i in range(k))
    Rs = np.linalg.norm(np.maximum(np.abs(box[:, 0] - pts[j]), np.abs(box[:, 1] - pts[j])))
    c1 = max(np.linalg.norm(geom.W2a @ _cycle_map(geom, j, i) @ Vs, axis=1).max() for i in range(k))
    Bm, c, mstar = np.eye(geom.ds), 1.0, None
    for m in range(1, cap):
        Bm = B @ Bm
        nm = np.linalg.norm(Bm, 2)
        if nm <= 0.5:
            mstar = m
            break
        c = max(c, nm)
    if mstar is None or margin <= 0:
        raise ValueError("no tail bound for the local stable set (contraction too slow or border saddle)")
    n = 0
    while c1 * c * 0.5**n * Rs >= 0.5 * margin:
        n += 1
    T = (n + 1) * mstar * k
    if T > cap:
        raise ValueError(f"local stable set needs {T} > {cap} steps of region conditions")
    return T


def _cycle_map(geom, j, t):
    """Linear part of F^t along the cycle from z_j."""
    A = np.eye(geom.points.shape[1])
    for i in range(t):
        A = geom.Ms[geom.codes[(j + i) % geom.period]] @ A
    return A


def local_stable(geom, j, box):
    """(E, e, G, g) of Loc_j (redundant region rows removed: implied on the box, or by an LP)."""
    pts, k = geom.points, geom.period
    E, e = geom.Lu[j], geom.Lu[j] @ pts[j]
    T = _tail_steps(geom, j, box)
    Gb, gb = _box_rows(box)
    rows, rhs = [], []
    Rs = np.linalg.norm(np.maximum(np.abs(box[:, 0] - pts[j]), np.abs(box[:, 1] - pts[j])))
    for t in range(T + 1):
        Phi = _cycle_map(geom, j, t)
        G, g = _region_rows(geom, geom.codes[(j + t) % k])
        zt = pts[(j + t) % k]
        slack = g - G @ zt  # > 0: the cycle point is interior
        gain = np.linalg.norm(G @ Phi @ geom.Vs[j], axis=1) * Rs
        keep = gain >= slack
        rows.append(G[keep] @ Phi)
        rhs.append(g[keep] - G[keep] @ (zt - Phi @ pts[j]))
    G = np.vstack([Gb] + rows)
    g = np.concatenate([gb] + rhs)
    G, g = _normalise(G, g)
    return E, e, *_prune(E, e, G, g, first=len(gb))


def _prune(E, e, G, g, first=0):
    """Drop the rows i >= first that the others imply on {E y = e} (one LP each)."""
    keep = np.ones(len(g), bool)
    for i in range(first, len(g)):
        keep[i] = False
        res = linprog(-G[i], A_ub=G[keep], b_ub=g[keep], A_eq=E, b_eq=e, bounds=(None, None), method="highs")
        if res.status != 0 or -res.fun > g[i] + 1e-12 * max(1.0, abs(g[i])):
            keep[i] = True
    return G[keep], g[keep]


# ---------------------------------------------------------------------------------------------
# pieces


@dataclass
class Piece:
    kind: str  # "stable" | "unstable"
    itinerary: tuple  # stable: region codes e_1..e_n to Loc_target; unstable: region of the piece
    target: int  # cycle point index of the local set
    generation: int
    centre: np.ndarray  # Chebyshev centre (relative interior)
    radius: float  # radius of a ball of the piece's dimension inside it
    param: tuple | None = None  # unstable: (O, T, H, h)

    @property
    def code(self) -> int:
        return self.itinerary[0] if self.itinerary else -1


@dataclass
class PieceSet:
    kind: str
    dim: int
    pieces: list
    geom: SaddleGeometry
    box: np.ndarray
    stopped: str = ""
    singular_regions: list = field(default_factory=list)
    generations: int = 0
    lps: int = 0
    seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.pieces)


def stable_constraints(geom, itinerary, target, box, loc=None):
    """(E, e, G, g) of the stable piece with this itinerary to Loc_target (module docstring)."""
    E, e, G, g = loc if loc is not None else local_stable(geom, target, box)
    for code in reversed(itinerary):
        E, e, G, g = _pull_back(geom, code, E, e, G, g, box)
    return E, e, G, g


def _pull_back(geom, code, E, e, G, g, box):
    Md, cd = geom.Ms[code], geom.cs[code]
    E2, e2 = E @ Md, e - E @ cd
    Q, R = np.linalg.qr(E2.T)
    e2 = np.linalg.solve(R.T, e2)
    Gr, gr = _region_rows(geom, code)
    Gb, gb = _box_rows(box)
    G2, g2 = _normalise(np.vstack([G @ Md, Gr, Gb]), np.concatenate([g - G @ cd, gr, gb]))
    return Q.T, e2, G2, g2


def _bbox(O, N, H, h):
    """Coordinate bounding box of {O + N s : H s <= h} (2 M LPs)."""
    M = len(O)
    lo, hi = np.empty(M), np.empty(M)
    for i in range(M):
        for sgn in (1.0, -1.0):
            res = linprog(sgn * N[i], A_ub=H, b_ub=h, bounds=(None, None), method="highs")
            v = O[i] + sgn * res.fun if res.status == 0 else (-np.inf if sgn > 0 else np.inf)
            if sgn > 0:
                lo[i] = v
            else:
                hi[i] = v
    return lo, hi


def _candidates(geom, inv, lo, hi, box, tol=1e-9):
    """Regions whose affine preimage of the box [lo, hi] can meet the region and the growth box."""
    Minv, offs, regs, V = inv
    mid, rad = 0.5 * (lo + hi), 0.5 * (hi - lo)
    um = np.einsum("rqm,m->rq", V, mid) + offs
    ur = np.einsum("rqm,m->rq", np.abs(V), rad)
    na = V.shape[1]
    bits = ((regs[:, None] >> np.arange(na)[None, :]) & 1).astype(bool)
    ok = np.all(np.where(bits, um + ur >= -tol, um - ur <= tol), axis=1)
    zm = np.einsum("rij,rj->ri", Minv, mid[None, :] - geom.cs[regs])
    zr = np.einsum("rij,j->ri", np.abs(Minv), rad)
    ok &= np.all((zm - zr <= box[:, 1] + tol) & (zm + zr >= box[:, 0] - tol), axis=1)
    return regs[ok]


def grow_stable(
    geom: SaddleGeometry,
    box,
    iterations: int = 10,
    max_pieces: int = 20_000,
    min_radius: float = 1e-9,
    progress: bool = False,
) -> PieceSet:
    """All preimage pieces of the local stable sets up to ``iterations`` generations (docstring)."""
    t0 = time.perf_counter()
    box = np.asarray(box, float)
    M = box.shape[0]
    scale = max(1.0, float(np.max(box[:, 1] - box[:, 0])))
    regs, singular = [], []
    for r in range(len(geom.Ms)):
        if abs(np.linalg.det(geom.Ms[r])) < 1e-14 * max(1.0, np.abs(geom.Ms[r]).max()) ** M:
            singular.append(r)
        else:
            regs.append(r)
    regs = np.array(regs, np.int64)
    Minv = np.array([np.linalg.inv(geom.Ms[r]) for r in regs]).reshape(len(regs), M, M)
    V = np.einsum("qm,rmn->rqn", geom.W2a, Minv)
    offs = geom.h2a[None, :] - np.einsum("rqn,rn->rq", V, geom.cs[regs])
    inv = (Minv, offs, regs, V)
    out, frontier, lps, stopped = [], [], 0, ""
    for j in range(geom.period):
        loc = local_stable(geom, j, box)
        O, N, H, h = parametrise(*loc)
        ch = chebyshev(H, h, cap=scale)
        if ch is None:
            continue
        out.append(Piece("stable", (), j, 0, O + N @ ch[0], ch[1]))
        frontier.append(((), j, loc))
    bar = Progress("stable pieces", enabled=progress)
    for gen in range(1, iterations + 1):
        nxt = []
        for itin, j, (E, e, G, g) in frontier:
            O, N, H, h = parametrise(E, e, G, g)
            cand = regs
            if len(regs) > 2 * M:
                lo, hi = _bbox(O, N, H, h)
                lps += 2 * M
                cand = _candidates(geom, inv, lo, hi, box)
            for d in cand:
                if not itin and d == geom.codes[j - 1]:
                    continue  # principal branch: inside Loc_{j-1}
                child = _pull_back(geom, int(d), E, e, G, g, box)
                O2, N2, H2, h2 = parametrise(*child)
                ch = chebyshev(H2, h2, cap=scale)
                lps += 1
                if ch is None or ch[1] <= min_radius * scale:
                    continue
                out.append(Piece("stable", (int(d),) + itin, j, gen, O2 + N2 @ ch[0], ch[1]))
                nxt.append(((int(d),) + itin, j, child))
                if len(out) >= max_pieces:
                    stopped = f"stopped at generation {gen}: {max_pieces} pieces (--max-pieces)"
                    break
            bar.tick(len(out), generation=gen)
            if stopped:
                break
        frontier = nxt
        if stopped or not frontier:
            break
    bar.done(len(out))
    last = max((p.generation for p in out), default=0)  # the last generation that has pieces
    return PieceSet("stable", geom.ds, out, geom, box, stopped, singular, last, lps, time.perf_counter() - t0)


# ---------------------------------------------------------------------------------------------
# geometry of a piece: membership, distance, sampling, polygons, slices


def piece_constraints(ps: PieceSet, piece: Piece):
    """(E, e, G, g) of a piece: y on the piece iff E y = e and G y <= g."""
    if piece.kind == "stable":
        return stable_constraints(ps.geom, piece.itinerary, piece.target, ps.box, _loc_cache(ps, piece.target))
    O, T, H, h = piece.param
    Q = scipy.linalg.null_space(T.T).T  # rows orthogonal to the piece's directions
    # y = O + T b, b = T^T (y - O) (T orthonormal):  H T^T y <= h + H T^T O
    return Q, Q @ O, H @ T.T, h + H @ (T.T @ O)


def _loc_cache(ps, j):
    cache = ps.__dict__.setdefault("_loc", {})
    if j not in cache:
        cache[j] = local_stable(ps.geom, j, ps.box)
    return cache[j]


# ---------------------------------------------------------------------------------------------
# the piece through a given point


@dataclass
class PieceThrough:
    piece: Piece
    constraints: tuple  # (E, e, G, g)
    distance: float  # from x to the piece's affine subspace
    foot: np.ndarray  # the nearest point of that subspace (inside the piece up to tol)
    steps: int  # n = length of the itinerary


def stable_piece_through(
    geom: SaddleGeometry, x, box, max_steps: int = 500, tol: float = 1e-9, bound: float = 1e8
) -> PieceThrough | None:
    """The stable piece nearest to x among the pieces whose itinerary is the orbit of x itself:
    for every n <= max_steps the piece with itinerary (regions of x, F(x), .., F^{n-1}(x)) to the local
    set of the cycle point nearest F^n(x); keep those whose foot (least squares to E y = e) lies in the
    piece (G foot <= g + tol), return the one at the smallest distance (None if no foot fits)."""
    box = np.asarray(box, float)
    x = np.asarray(x, float)
    M = len(x)
    locs = [local_stable(geom, j, box) for j in range(geom.period)]
    Gb, gb = _box_rows(box)
    rowsG, rowsg = [], []
    Phi, phi, z = np.eye(M), np.zeros(M), x.copy()
    codes, best = [], None
    for n in range(max_steps + 1):
        j = int(np.argmin(np.linalg.norm(geom.points - z, axis=1)))
        El, el, Gl, gl = locs[j]
        Q, R = np.linalg.qr((El @ Phi).T)
        E, e = Q.T, np.linalg.solve(R.T, el - El @ phi)
        G, g = _normalise(np.vstack(rowsG + [Gl @ Phi]), np.concatenate(rowsg + [gl - Gl @ phi]))
        dist, foot, inside = distance_to_piece(E, e, G, g, x, tol)
        if inside and (best is None or dist < best.distance):
            best = PieceThrough(Piece("stable", tuple(codes), j, n, foot, 0.0), (E, e, G, g), dist, foot, n)
        if n == max_steps:
            break
        u = geom.W2a @ z + geom.h2a
        code = int(sum(1 << q for q in range(len(u)) if u[q] > 0))
        Gr, gr = _region_rows(geom, code)
        rowsG += [Gr @ Phi, Gb @ Phi]
        rowsg += [gr - Gr @ phi, gb - Gb @ phi]
        Md, cd = geom.Ms[code], geom.cs[code]
        Phi, phi, z = Md @ Phi, Md @ phi + cd, Md @ z + cd
        codes.append(code)
        if not np.all(np.abs(z) < bound):
            break
    return best


# ---------------------------------------------------------------------------------------------
# unstable pieces of any dimension


def local_unstable(geom, j, box):
    """(O, T, H, h) of the local unstable set at z_j (module docstring)."""
    k, pts, Vu = geom.period, geom.points, geom.Vu[j]
    B = Vu.T @ _cycle_map(geom, j, k) @ Vu
    Binv = np.linalg.inv(B)
    rows, Bm = [np.eye(geom.du)], np.eye(geom.du)
    for _ in range(200):
        Bm = Binv @ Bm
        if np.abs(Bm).sum(axis=1).max() <= 1.0:
            break
        rows.append(Bm)
    else:
        raise ValueError("no backward-invariant local unstable polytope within 200 steps")
    r = np.inf
    for i in range(k):
        jj = (j - i) % k
        Psi = np.linalg.inv(_cycle_map(geom, jj, i))
        G, g = _region_rows(geom, geom.codes[jj])
        slack = g - G @ pts[jj]
        gain = np.abs(G @ Psi @ Vu).sum(axis=1)
        with np.errstate(divide="ignore"):
            r = min(r, 0.5 * float(np.min(np.where(gain > 0, slack / gain, np.inf))))
    if not np.isfinite(r):
        r = 1.0
    S = np.vstack(rows)
    H = np.vstack([S, -S, Vu, -Vu])
    h = np.concatenate([np.full(2 * len(S), r), box[:, 1] - pts[j], pts[j] - box[:, 0]])
    H, h = _normalise(H, h)
    return pts[j].copy(), Vu.copy(), H, h


def grow_unstable(
    geom: SaddleGeometry,
    box,
    iterations: int = 10,
    max_pieces: int = 20_000,
    min_radius: float = 1e-9,
    progress: bool = False,
) -> PieceSet:
    """F^n of the local unstable sets cut into region pieces, n = the last generation completed."""
    t0 = time.perf_counter()
    box = np.asarray(box, float)
    scale = max(1.0, float(np.max(box[:, 1] - box[:, 0])))
    frontier, lps, stopped, gen = [], 0, "", 0
    for j in range(geom.period):
        O, T, H, h = local_unstable(geom, j, box)
        ch = chebyshev(H, h, cap=scale)
        if ch is not None:
            frontier.append(Piece("unstable", (), j, 0, O + T @ ch[0], ch[1], (O, T, H, h)))
    bar = Progress("unstable pieces", enabled=progress)
    for n in range(1, iterations + 1):
        nxt = []
        for p in frontier:
            for code, (O, T, H, h) in _cut(geom, p.param, min_radius * scale):
                lps += 1
                O2, T2 = geom.Ms[code] @ O + geom.cs[code], geom.Ms[code] @ T
                Q, R = np.linalg.qr(T2)
                Rinv = np.linalg.inv(R)
                H2 = np.vstack([H @ Rinv, Q, -Q])
                h2 = np.concatenate([h, box[:, 1] - O2, O2 - box[:, 0]])
                H2, h2 = _normalise(H2, h2)
                ch = chebyshev(H2, h2, cap=scale)
                if ch is None or ch[1] <= min_radius * scale:
                    continue
                nxt.append(
                    Piece("unstable", p.itinerary + (code,), p.target, n, O2 + Q @ ch[0], ch[1], (O2, Q, H2, h2))
                )
            bar.tick(len(nxt), generation=n)
            if len(nxt) > max_pieces:
                stopped = f"stopped before generation {n}: more than {max_pieces} pieces (--max-pieces)"
                break
        if stopped:
            break
        frontier, gen = nxt, n
    bar.done(len(frontier))
    return PieceSet("unstable", geom.du, frontier, geom, box, stopped, [], gen, lps, time.perf_counter() - t0)


def _cut(geom, param, min_r):
    """The parts of {O + T b : H b <= h} in each closed region it meets: [(code, (O, T, H', h'))]."""
    O, T, H, h = param
    na = len(geom.h2a)
    fixed, amb = 0, []
    for q in range(na):
        w, c = geom.W2a[q] @ T, geom.W2a[q] @ O + geom.h2a[q]
        lo = linprog(w, A_ub=H, b_ub=h, bounds=(None, None), method="highs")
        hi = linprog(-w, A_ub=H, b_ub=h, bounds=(None, None), method="highs")
        if lo.status != 0 or hi.status != 0:
            return []
        umin, umax = lo.fun + c, -hi.fun + c
        if umin >= 0:
            fixed |= 1 << q
        elif umax > 0:
            amb.append(q)
    out = []

    def rec(i, code, H, h):
        if i == len(amb):
            out.append((code, (O, T, H, h)))
            return
        q = amb[i]
        w, c = geom.W2a[q] @ T, geom.W2a[q] @ O + geom.h2a[q]
        for bit, sgn in ((1, -1.0), (0, 1.0)):  # bit 1: u >= 0  <=>  -w b <= c
            H2 = np.vstack([H, sgn * w / np.linalg.norm(w)])
            h2 = np.append(h, (c if bit else -c) / np.linalg.norm(w))
            ch = chebyshev(H2, h2)
            if ch is not None and ch[1] > min_r:
                rec(i + 1, code | (bit << q), H2, h2)

    rec(0, fixed, H, h)
    return out
