"""Certified global pieces of 1-D unstable (images) and stable (preimages) manifolds (MATH §3).

Proposition (checked by the kernel, claim `manifold-pieces-1d`): for each listed piece with parameter
interval [t0, t1] inside [-r, r] and itinerary e_1..e_n, the set F^n({z_1 + t v_1 : t0 <= t <= t1}) is a
segment of the unstable manifold of the cycle whose end points lie within ``eps`` of the listed
vertices A, B; hence every point of the true segment is within eps of the listed segment [A, B].

Why: z_1 + t v_1 (|t| <= r) lies in W^u (the local certificate), W^u is forward invariant, and if the
j-th image of the whole parameter segment lies in the closed region e_{j+1} then F is affine on it, so
the next image is the segment between the images of its end points. The end points are carried as
rational interval boxes (z_1 + t V, then M_e box + c_e), so this holds for the unknown exact v_1 in V.

How pieces are made: the fundamental domain t in [r / |lam|^m, r] (and its mirror) is iterated; where
an image crosses a switching hyperplane it is cut at a rational parameter a relative 1e-9 to either side
of the float crossing (the tiny gap is left out: coverage is not claimed, each piece is). Pieces whose
end-point boxes cannot be placed in one closed region are dropped (counted).

Stable manifolds (:func:`certify_stable_pieces`): the pieces are the exact preimages, through every
region with det M_d != 0, of parameter intervals of the local stable segment; the kernel pulls the
end-point boxes back with the exact inverses and checks that they lie in the closed regions of the
itinerary, so F^n maps the piece onto part of W^s_loc (hence into W^s). Only the fundamental domain's
preimages are grown: preimages of the inner part of the local segment through other regions (which
exist for non-invertible maps) are not certified here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..errors import CertifyError
from ..models.pl import PLModel
from ..models.regions import region_map
from ..rationals import from_fmpq
from .manifolds import LocalManifold

GAP = 1e-9
Box = list  # list of (lo, hi) Fractions


@dataclass
class CertifiedPiece:
    t: tuple[Fraction, Fraction]
    itinerary: list  # patterns e_1..e_n
    vertices: tuple[list[Fraction], list[Fraction]]  # float-exact rationals A, B
    eps: Fraction


@dataclass
class PieceSet:
    pieces: list[CertifiedPiece] = field(default_factory=list)
    dropped: int = 0
    stopped: str = ""


def _affine(model: PLModel, d, box: Box) -> Box:
    M, c = region_map(model, d)
    out = []
    for i in range(model.dim):
        lo = hi = from_fmpq(c[i, 0])
        for j in range(model.dim):
            m = from_fmpq(M[i, j])
            a, b = m * box[j][0], m * box[j][1]
            lo, hi = lo + min(a, b), hi + max(a, b)
        out.append((lo, hi))
    return out


def _u(model: PLModel, box: Box, i: int) -> tuple[Fraction, Fraction]:
    lo = hi = model.h2[i]
    for w, (a, b) in zip(model.W2[i], box):
        p, q = w * a, w * b
        lo, hi = lo + min(p, q), hi + max(p, q)
    return lo, hi


def _start(model, z, V, t: Fraction) -> Box:
    return [(zi + min(t * a, t * b), zi + max(t * a, t * b)) for zi, (a, b) in zip(z, V)]


def _carry(model, z, V, t, itinerary) -> Box:
    box = _start(model, z, V, t)
    for d in itinerary:
        box = _affine(model, d, box)
    return box


def _region(model, ba: Box, bb: Box):
    """The pattern whose closed region holds both boxes, or None."""
    d = [0] * model.hidden
    for i in range(model.hidden):
        ua, ub = _u(model, ba, i), _u(model, bb, i)
        if i not in model.active_units:
            d[i] = 1 if (ua[0] + ub[0]) > 0 else 0
            continue
        if ua[0] >= 0 and ub[0] >= 0:
            d[i] = 1
        elif ua[1] <= 0 and ub[1] <= 0:
            d[i] = 0
        else:
            return None
    return tuple(d)


def _crossing(model, ba: Box, bb: Box) -> float | None:
    """Float parameter s in (0, 1) of the first strict sign change of an active unit along [ba, bb]."""
    best = None
    for i in model.active_units:
        ua, ub = _u(model, ba, i), _u(model, bb, i)
        a, b = float(ua[0] + ua[1]) / 2, float(ub[0] + ub[1]) / 2
        if (ua[0] > 0 and ub[1] < 0) or (ua[1] < 0 and ub[0] > 0):
            s = a / (a - b)
            best = s if best is None else min(best, s)
    return best


def _vertex(box: Box) -> tuple[list[Fraction], Fraction]:
    """A float-exact rational point near the box and the squared distance bound to every box point."""
    A = [Fraction(float((lo + hi) / 2)) for lo, hi in box]
    d2 = sum(max(abs(a - lo), abs(a - hi)) ** 2 for a, (lo, hi) in zip(A, box))
    return A, d2


def _local_pieces(lm: LocalManifold, itinerary, kind: str) -> list:
    """The local segments S_1..S_k as pieces: S_1 is t in [-r, r]; for j >= 2, S_j = F^(j-1)(S_1) is the
    image along d_1..d_(j-1) (unstable), or the pull-back along d_j..d_k of |t| <= r |mu| (stable,
    since F^(k-j+1) maps S_j onto mu S_1), shrunk by a factor 1 - 1e-6 to stay rational and inside."""
    r = lm.radius
    out = [((-r, r), [])]
    k = len(itinerary)
    for j in range(1, k):
        if kind == "unstable":
            out.append(((-r, r), [tuple(d) for d in itinerary[:j]]))
        else:
            s = Fraction(float(r) * abs(lm.eigenvalue)) * (1 - Fraction(1, 10**6))
            out.append(((-s, s), [tuple(d) for d in itinerary[j:]]))
    return out


def certify_unstable_pieces(
    model: PLModel, points, lm: LocalManifold, iterations: int, box=None, max_pieces: int = 2000, itinerary=None
) -> PieceSet:
    """Grow certified pieces of W^u from the local manifold ``lm`` (kind unstable); see the docstring."""
    if lm.kind != "unstable":
        raise CertifyError("exact-image pieces are for unstable manifolds (images, not preimages)")
    z, V, r = list(points[0]), lm.box, lm.radius
    lam = abs(lm.eigenvalue)
    m = 1 if lm.eigenvalue > 0 else 2
    inner = Fraction(float(r) / lam**m) * (1 + Fraction(1, 10**6))
    work = [((inner, r), []), ((-r, -inner), [])]
    out = PieceSet()
    for (t0, t1), itin in _local_pieces(lm, itinerary or [], "unstable"):
        ba, bb = _carry(model, z, V, t0, itin), _carry(model, z, V, t1, itin)
        (A, da), (B, db) = _vertex(ba), _vertex(bb)
        out.pieces.append(CertifiedPiece((t0, t1), itin, (A, B), _sqrt_up(max(da, db))))
    for gen in range(iterations + 1):
        nxt = []
        for (t0, t1), itin in work:
            ba, bb = _carry(model, z, V, t0, itin), _carry(model, z, V, t1, itin)
            if box is not None and _outside(ba, bb, box):
                continue
            A, da = _vertex(ba)
            B, db = _vertex(bb)
            eps = _sqrt_up(max(da, db))
            out.pieces.append(CertifiedPiece((t0, t1), list(itin), (A, B), eps))
            if len(out.pieces) >= max_pieces:
                out.stopped = f"stopped at {max_pieces} certified pieces"
                return out
            if gen == iterations:
                continue
            nxt += _split_and_map(model, z, V, t0, t1, itin, ba, bb, out)
        work = nxt
    return out


def _split_and_map(model, z, V, t0, t1, itin, ba, bb, out, depth=0):
    d = _region(model, ba, bb)
    if d is not None:
        return [((t0, t1), itin + [d])]
    s = _crossing(model, ba, bb)
    if s is None or depth > 8 or not GAP < s < 1 - GAP:
        out.dropped += 1
        return []
    left = t0 + Fraction(s - GAP) * (t1 - t0)
    right = t0 + Fraction(s + GAP) * (t1 - t0)
    res = []
    for a, b in ((t0, left), (right, t1)):
        xa, xb = _carry(model, z, V, a, itin), _carry(model, z, V, b, itin)
        res += _split_and_map(model, z, V, a, b, itin, xa, xb, out, depth + 1)
    return res


def _outside(ba: Box, bb: Box, box) -> bool:
    for k, (lo, hi) in enumerate(box):
        if (ba[k][1] < lo and bb[k][1] < lo) or (ba[k][0] > hi and bb[k][0] > hi):
            return True
    return False


def _sqrt_up(x: Fraction) -> Fraction:
    """A rational e with e^2 >= x (a float square root, rounded up, then checked exactly)."""
    e = Fraction(float(x) ** 0.5 * (1 + 1e-12)) + Fraction(1, 2**1000)
    while e * e < x:
        e *= 2
    return e


# ---- stable manifolds: exact preimage pieces -------------------------------------------------------


def _inverse_maps(model: PLModel):
    """Exact (pattern, M_d^-1, c_d) for every region with det M_d != 0 (active bits, inert bits 0)."""
    from ..models.regions import all_patterns

    out = []
    for d in all_patterns(model):
        M, c = region_map(model, d)
        if M.det() == 0:
            continue
        Minv = M.inv()
        out.append(
            (
                d,
                [[from_fmpq(Minv[i, j]) for j in range(model.dim)] for i in range(model.dim)],
                [from_fmpq(c[i, 0]) for i in range(model.dim)],
            )
        )
    return out


def _pre(Minv, c, box: Box) -> Box:
    shifted = [(lo - ci, hi - ci) for (lo, hi), ci in zip(box, c)]
    out = []
    for row in Minv:
        lo = hi = Fraction(0)
        for m, (a, b) in zip(row, shifted):
            p, q = m * a, m * b
            lo, hi = lo + min(p, q), hi + max(p, q)
        out.append((lo, hi))
    return out


def _in_closed(model, box: Box, d) -> bool:
    for i in model.active_units:
        u = _u(model, box, i)
        if (d[i] and u[0] < 0) or (not d[i] and u[1] > 0):
            return False
    return True


def _carry_back(model, z, V, t, itin, inv) -> Box | None:
    """The box of the preimage along itin (e_1..e_n, forward order) of z_1 + t V, checking regions."""
    box = _start(model, z, V, t)
    for d in reversed(itin):
        Minv, c = inv.get(tuple(b if i in model.active_units else 0 for i, b in enumerate(d)), (None, None))
        if Minv is None:
            return None
        box = _pre(Minv, c, box)
        if not _in_closed(model, box, d):
            return None
    return box


def _clip(model, ya: Box, yb: Box, d) -> tuple[float, float] | None:
    """Float sub-interval [s0, s1] of [0, 1] on which the segment of box midpoints lies in region d,
    shrunk inward by GAP at every cut."""
    s0, s1 = 0.0, 1.0
    for i in model.active_units:
        a = float(sum(_u(model, ya, i)) / 2)
        b = float(sum(_u(model, yb, i)) / 2)
        if not d[i]:
            a, b = -a, -b
        if a < 0 and b < 0:
            return None
        if a < 0:
            s0 = max(s0, a / (a - b) + GAP)
        elif b < 0:
            s1 = min(s1, a / (a - b) - GAP)
    return (s0, s1) if s1 - s0 > GAP else None


def certify_stable_pieces(
    model: PLModel, points, lm: LocalManifold, iterations: int, box=None, max_pieces: int = 2000, itinerary=None
) -> PieceSet:
    """Certified pieces of W^s: exact preimages, through every region with det M_d != 0, of parameter
    intervals of the local stable segment at z_1 (each checked: the preimage boxes lie in the closed
    regions of their itinerary, so F^n maps the piece onto a segment of W^s_loc)."""
    if lm.kind != "stable":
        raise CertifyError("preimage pieces are for stable manifolds")
    z, V, r = list(points[0]), lm.box, lm.radius
    mu = abs(lm.eigenvalue)
    m = 1 if lm.eigenvalue > 0 else 2
    inner = Fraction(float(r) * mu**m) * (1 - Fraction(1, 10**6))
    inv = {d: (Minv, c) for d, Minv, c in _inverse_maps(model)}
    work = [((inner, r), []), ((-r, -inner), [])]
    out = PieceSet()
    for (t0, t1), itin in _local_pieces(lm, itinerary or [], "stable"):
        xa, xb = _carry_back(model, z, V, t0, itin, inv), _carry_back(model, z, V, t1, itin, inv)
        if xa is None or xb is None:
            out.dropped += 1
            continue
        (A, da), (B, db) = _vertex(xa), _vertex(xb)
        out.pieces.append(CertifiedPiece((t0, t1), itin, (A, B), _sqrt_up(max(da, db))))
    for gen in range(iterations + 1):
        nxt = []
        for (t0, t1), itin in work:
            xa, xb = _carry_back(model, z, V, t0, itin, inv), _carry_back(model, z, V, t1, itin, inv)
            if xa is None or xb is None:
                out.dropped += 1
                continue
            if box is not None and _outside(xa, xb, box):
                continue
            A, da = _vertex(xa)
            B, db = _vertex(xb)
            out.pieces.append(CertifiedPiece((t0, t1), list(itin), (A, B), _sqrt_up(max(da, db))))
            if len(out.pieces) >= max_pieces:
                out.stopped = f"stopped at {max_pieces} certified pieces"
                return out
            if gen == iterations:
                continue
            for d, (Minv, c) in inv.items():
                s = _clip(model, _pre(Minv, c, xa), _pre(Minv, c, xb), d)
                if s is not None:
                    nxt.append(((t0 + Fraction(s[0]) * (t1 - t0), t0 + Fraction(s[1]) * (t1 - t0)), [d, *itin]))
        work = nxt
    return out
