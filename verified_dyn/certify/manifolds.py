"""Rigorous local stable / unstable manifolds of a saddle cycle along one real eigen-direction (MATH §3).

Proposition: let z_1, ..., z_k be an interior k-cycle with itinerary d_1..d_k, P = M_{d_k} ... M_{d_1},
and let lam be a simple real eigenvalue of P, isolated in the rational interval [lo, hi], with
eigenvector v_1 enclosed in the ball vector V_1 (component ``pivot`` fixed to 1), and
v_{j+1} = M_{d_j} v_j. If for every j and every active unit i the segment z_j + t v_j, |t| <= r, keeps
the sign of the pre-activation u_i(z_j) (strictly), then F^j(z_1 + t v_1) = z_{j+1} + t v_{j+1} for
|t| <= r, and
- if |lam| > 1, every segment S_j = {z_j + t v_j : |t| <= r} lies in the unstable manifold of the
  cycle (each point has the backward branch z_j + (t / lam) v_j, which converges to z_j under F^-k);
- if |lam| < 1, every S_j lies in the stable manifold (F^k(z_j + t v_j) = z_j + lam t v_j).

Hypotheses checked here (exactly or in Arb ball arithmetic, never in floats):
1. lam: an irreducible factor f of the characteristic polynomial of P has a root in [lo, hi]
   (f(lo) f(hi) < 0 in exact rationals) and every other root of det(xI - P), given as Arb balls by
   FLINT's rigorous root isolation, lies outside [lo, hi]; f has simple roots (irreducible over Q);
2. V_1: the (n-1) equations of (P - lam I) v = 0 without the row ``pivot`` are solved in ball
   arithmetic with lam as a ball containing [lo, hi]; the solution ball contains the eigenvector of
   every lam' in the ball, in particular of lam (Arb's solve fails if the system may be singular);
3. r: r * |W2 v_j|_i (upper bound) < |u_i(z_j)| for every j and active unit i.

The listed piece is the segment between the float vertices z_j +- r mid(V_j); ``enclosure_radius``
bounds the Euclidean distance between corresponding points of the listed and the true segment
(sqrt(n) (r (max radius of V_j + 2^-50 |mid|) + 2^-50 (|z_j| + r |mid|)): ball radius plus float
rounding). Interval precision is an argument (bits), set and restored here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import flint

from ..errors import CertifyError
from ..models.pl import PLModel
from ..models.regions import region_map
from ..rationals import arb_precision, from_fmpq, to_fmpq
from .cycle import compose
from .spectrum import monic_factors

DEFAULT_PREC = 128
SHRINK = Fraction(1, 2)  # r is this fraction of the largest radius that keeps every segment inside


@dataclass
class LocalPiece:
    """The segment {centre + t v : |t| <= radius} at one cycle point, v enclosed in a ball vector."""

    index: int  # which cycle point (0-based)
    centre: list[Fraction]
    region: tuple[int, ...]
    direction_mid: list[float]
    direction_rad: list[float]  # upper bounds of the ball radii of v
    radius: Fraction  # r (the segment parameter range)
    enclosure_radius: float

    def endpoints(self) -> tuple[list[float], list[float]]:
        r = float(self.radius)
        c = [float(x) for x in self.centre]
        return ([x - r * v for x, v in zip(c, self.direction_mid)], [x + r * v for x, v in zip(c, self.direction_mid)])


@dataclass
class LocalManifold:
    """A certified 1-D local stable or unstable manifold of a cycle (see the module docstring)."""

    kind: str  # "stable" | "unstable"
    eigenvalue: float
    interval: tuple[Fraction, Fraction]
    min_poly: list[Fraction]  # coefficients of the irreducible factor f, lowest degree first
    pivot: int
    pieces: list[LocalPiece]
    prec: int
    box: list = None  # rational box [(lo, hi), ...] containing the ball of v_1 (pivot [1, 1])

    @property
    def radius(self) -> Fraction:
        return self.pieces[0].radius if self.pieces else Fraction(0)


def real_eigenvalue(P: flint.fmpq_mat, which: str) -> tuple[Fraction, Fraction, list[Fraction], float]:
    """The unique eigenvalue of P of modulus > 1 (``which="unstable"``) or < 1 (``"stable"``),
    isolated in a rational interval; CertifyError when there is not exactly one, simple and real."""
    cp = P.charpoly()
    roots = []  # (factor, arb/acb root ball, multiplicity)
    for f, m in monic_factors(flint.fmpq_poly(cp)):
        for z, _ in f.complex_roots():
            roots.append((f, z, m))
    chosen = []
    for f, z, m in roots:
        big, small = abs(z) > 1, abs(z) < 1
        if not (big or small):
            raise CertifyError("an eigenvalue is too close to the unit circle to decide its side here")
        if (which == "unstable" and big) or (which == "stable" and small):
            chosen.append((f, z, m))
    if len(chosen) != 1 or chosen[0][2] != 1:
        raise CertifyError(
            f"need exactly one simple {which} eigenvalue, found {len(chosen)} "
            f"(with multiplicity {[c[2] for c in chosen]})"
        )
    f, z, _ = chosen[0]
    if not z.imag.contains(0):
        raise CertifyError(f"the {which} eigenvalue is not real")
    lo, hi = _isolate(f, z.real)
    for _g, w, _ in roots:
        if w is z:
            continue
        if not (w.real < flint.arb(to_fmpq(lo)) or w.real > flint.arb(to_fmpq(hi)) or abs(w.imag) > 0):
            raise CertifyError("could not separate the eigenvalue from the other roots")
    return lo, hi, [from_fmpq(c) for c in f.coeffs()], float(z.real.mid())


def _dyadic(x) -> flint.fmpq:
    """The exact midpoint of an arb ball as a rational."""
    m, e = x.mid().man_exp()
    return flint.fmpq(int(m) * 2 ** int(e)) if e >= 0 else flint.fmpq(int(m), 2 ** int(-e))


def _isolate(f: flint.fmpq_poly, x, bits: int = 80) -> tuple[Fraction, Fraction]:
    """A rational interval [lo, hi] with f(lo) f(hi) < 0 around the real ball x, shrunk by exact
    bisection to width 2^-bits."""
    mid = _dyadic(x)
    rad = 2 * _dyadic(x.rad()) + flint.fmpq(1, 2**200)
    lo, hi = mid - rad, mid + rad
    flo, fhi = f(lo), f(hi)
    if flo * fhi >= 0:
        raise CertifyError("the rational isolating interval has no sign change")
    width = flint.fmpq(1, 2**bits)
    while hi - lo > width:
        c = (lo + hi) / 2
        fc = f(c)
        if fc == 0:
            return from_fmpq(c), from_fmpq(c)
        if (fc > 0) == (flo > 0):
            lo, flo = c, fc
        else:
            hi = c
    return from_fmpq(lo), from_fmpq(hi)


def eigenvector_ball(P: flint.fmpq_mat, lo: Fraction, hi: Fraction, pivot: int) -> list:
    """Ball enclosure of the eigenvector of P for every eigenvalue in [lo, hi], with v[pivot] = 1."""
    n = P.nrows()
    lam = flint.arb((to_fmpq(lo) + to_fmpq(hi)) / 2, (to_fmpq(hi) - to_fmpq(lo)) / 2)
    if n == 1:
        return [flint.arb(1)]
    rows = [i for i in range(n) if i != pivot]
    cols = [j for j in range(n) if j != pivot]
    A = flint.arb_mat(n - 1, n - 1)
    b = flint.arb_mat(n - 1, 1)
    for a, i in enumerate(rows):
        for c, j in enumerate(cols):
            A[a, c] = flint.arb(P[i, j]) - (lam if i == j else 0)
        b[a, 0] = -flint.arb(P[i, pivot])
    try:
        x = A.solve(b)
    except ZeroDivisionError:
        raise CertifyError(f"the eigenvector system with pivot {pivot} may be singular") from None
    v, it = [], iter(range(n - 1))
    for j in range(n):
        v.append(flint.arb(1) if j == pivot else x[next(it), 0])
    return v


def certify_local_manifold(
    model: PLModel, itinerary, points, kind: str, float_vector=None, prec: int = DEFAULT_PREC
) -> LocalManifold:
    """Certified local ``kind`` manifold segments at every point of the cycle (module docstring).

    ``float_vector``: an approximate eigenvector, used only to choose the pivot component."""
    if kind not in ("stable", "unstable"):
        raise CertifyError(f"kind must be stable or unstable, got {kind!r}")
    with arb_precision(prec):
        P, _ = compose(model, itinerary)
        lo, hi, poly, approx = real_eigenvalue(P, kind)
        pivots = range(model.dim)
        if float_vector is not None:
            pivots = sorted(pivots, key=lambda j: -abs(float_vector[j]))
        v, pivot, err = None, None, None
        for pivot in pivots:
            try:
                v = eigenvector_ball(P, lo, hi, pivot)
                break
            except CertifyError as e:
                err = e
        if v is None:
            raise err
        dirs = [v]
        for d in itinerary[:-1]:
            M, _ = region_map(model, d)
            dirs.append(
                [
                    sum((flint.arb(M[i, j]) * dirs[-1][j] for j in range(model.dim)), flint.arb(0))
                    for i in range(model.dim)
                ]
            )
        r = _radius(model, itinerary, points, dirs)
        pieces = []
        for j, (d, z, vj) in enumerate(zip(itinerary, points, dirs)):
            rad = [float(x.rad()) * (1 + 1e-9) for x in vj]
            mids = [abs(float(x.mid())) for x in vj]
            zmax = max(abs(float(c)) for c in z)
            ulp = 2.0**-50  # float rounding of the listed midpoint direction and vertices (generous)
            enc = (model.dim**0.5) * (float(r) * (max(rad) + ulp * max(mids)) + ulp * (zmax + float(r) * max(mids)))
            pieces.append(LocalPiece(j, list(z), tuple(d), [float(x.mid()) for x in vj], rad, r, enc))
        box = [(Fraction(1), Fraction(1)) if j == pivot else _rational_box(x) for j, x in enumerate(v)]
    return LocalManifold(kind, approx, (lo, hi), poly, pivot, pieces, prec, box)


def _rational_box(x) -> tuple[Fraction, Fraction]:
    """A rational interval containing the ball x: midpoint -+ (2 radius + 2^-100), dyadic ends."""
    mid = from_fmpq(_dyadic(x))
    rad = 2 * from_fmpq(_dyadic(x.rad())) + Fraction(1, 2**100)
    return mid - rad, mid + rad


def _radius(model: PLModel, itinerary, points, dirs) -> Fraction:
    """The largest r with r |W2 v_j|_i < |u_i(z_j)| for all j, active i (upper bounds), times SHRINK."""
    W2 = model.q["W2"]
    best = None
    for z, vj in zip(points, dirs):
        u = model.preactivation(z)
        for i in model.active_units:
            if u[i] == 0:
                raise CertifyError("a cycle point lies on a switching hyperplane")
            g = sum((flint.arb(W2[i, j]) * vj[j] for j in range(model.dim)), flint.arb(0))
            bound = from_fmpq(_dyadic(abs(g).upper())) * (1 + Fraction(1, 2**40)) + Fraction(1, 2**200)
            cand = abs(u[i]) / bound
            best = cand if best is None else min(best, cand)
    if best is None:  # no active unit: one affine map everywhere, any radius works; take 1
        return Fraction(1)
    return _round_down(best * SHRINK)


def _round_down(x: Fraction) -> Fraction:
    """A short dyadic rational in (x/2, x] (keeps certificates readable)."""
    e = 0
    while Fraction(1, 2**e) > x:
        e += 1
    y = Fraction(1, 2**e)
    for k in range(e + 1, e + 30):
        if y + Fraction(1, 2**k) <= x:
            y += Fraction(1, 2**k)
    return y
