"""Transversal homoclinic points of saddle fixed points of planar piecewise-affine maps (MATH §4).

Proposition (checked by the kernel, claim `transversal-homoclinic-2d`, proofs/README.md §8): if a
segment U of W^u(p) and a segment S of W^s(p) of an interior hyperbolic saddle fixed point p cross
properly at a point q != p, and the orbit of q from the local unstable to the local stable segment
stays in open regions with det M != 0, then q is a transversal homoclinic point and F is a local
diffeomorphism near the closure of its orbit; by Smale-Birkhoff some iterate of F has a horseshoe
(positive topological entropy).

How candidates are found (the driver is verified_dyn.api.homoclinic; float crossings come from
verified_dyn.search.homoclinic; nothing here is trusted):
1. the saddle fixed points of ``certified_cycles(period=1, strategy="complete")`` (kernel-verified, interior);
2. their certified local manifolds and the certified pieces of a few generations
   (:mod:`.manifold_pieces`: exact images of the local unstable segment, exact preimages of the local
   stable one, each within eps of the true segment);
3. every pair (U, S) whose listed segments cross in float arithmetic away from p, best angle first;
4. each piece of the pair is cut to a short parameter sub-interval around the crossing (a sub-segment of
   a piece stays in the same closed regions, so it is a piece with the same itinerary), its end-point
   boxes are recomputed exactly, and the certificate is written with the orientation signs of the
   rational vertices and the box Q = intersection of the eps-inflated bounding boxes.
The driver has the kernel check each candidate certificate (gate) and keeps the first it proves.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..models.pl import PLModel
from ..rationals import fmt, from_fmpq
from .certificate import envelope
from .cycle import compose
from .manifold_pieces import (
    CertifiedPiece,
    PieceSet,
    _carry,
    _carry_back,
    _sqrt_up,
    _vertex,
)
from .manifolds import LocalManifold, certify_local_manifold
from .manifolds_certificate import pieces_certificate

CLAIM = "transversal-homoclinic-2d"
OBLIGATIONS = [
    "well-formed",
    "model-hash",
    "saddle-fixed-point",
    "unstable-direction",
    "stable-direction",
    "unstable-piece",
    "stable-piece",
    "proper-crossing",
    "crossing-orbit",
]
SPAN = 1e-4  # spatial half-length of the shortened pieces around the crossing


@dataclass
class Candidate:
    certificate: dict
    point: list[float]  # float crossing of the listed segments
    fixed_point: list[float]
    generations: tuple[int, int]  # lengths of the unstable and stable itineraries


def local_manifold(model: PLModel, cycle, kind: str) -> LocalManifold:
    P, _ = compose(model, cycle.itinerary)
    Pf = np.array([[float(from_fmpq(P[i, j])) for j in range(model.dim)] for i in range(model.dim)])
    w, V = np.linalg.eig(Pf)
    idx = int(np.argmax(np.abs(w))) if kind == "unstable" else int(np.argmin(np.abs(w)))
    return certify_local_manifold(model, cycle.itinerary, cycle.points, kind, float_vector=np.real(V[:, idx]))


def shorten(model, z, V, piece: CertifiedPiece, s: float, kind: str, inv) -> CertifiedPiece | None:
    """The sub-piece of parameters around the crossing fraction s, with exact end-point boxes."""
    t0, t1 = piece.t
    length = float(sum((a - b) ** 2 for a, b in zip(*piece.vertices))) ** 0.5
    h = min(s / 2, (1 - s) / 2, SPAN / max(length, 1e-300))
    a = t0 + Fraction(s - h) * (t1 - t0)
    b = t0 + Fraction(s + h) * (t1 - t0)
    if not t0 <= a < b <= t1:
        return None
    if kind == "unstable":
        ba, bb = _carry(model, z, V, a, piece.itinerary), _carry(model, z, V, b, piece.itinerary)
    else:
        ba, bb = _carry_back(model, z, V, a, piece.itinerary, inv), _carry_back(model, z, V, b, piece.itinerary, inv)
        if ba is None or bb is None:
            return None
    (A, da), (B, db) = _vertex(ba), _vertex(bb)
    return CertifiedPiece((a, b), list(piece.itinerary), (A, B), _sqrt_up(max(da, db)))


def _orient(x, y, z) -> int:
    o = (y[0] - x[0]) * (z[1] - x[1]) - (y[1] - x[1]) * (z[0] - x[0])
    return (o > 0) - (o < 0)


def certificate(
    model: PLModel, cycle, lu: LocalManifold, ls: LocalManifold, U: CertifiedPiece, S: CertifiedPiece
) -> dict:
    """The `transversal-homoclinic-2d` certificate of the pieces U (unstable) and S (stable)."""
    cu = pieces_certificate(model, cycle.itinerary, cycle.points, lu, PieceSet([U]))
    cs = pieces_certificate(model, cycle.itinerary, cycle.points, ls, PieceSet([S]))
    (a, b), (c, d) = U.vertices, S.vertices
    signs = [_orient(a, b, c), _orient(a, b, d), _orient(c, d, a), _orient(c, d, b)]
    box = []
    for k in range(2):
        lo = max(min(a[k], b[k]) - U.eps, min(c[k], d[k]) - S.eps)
        hi = min(max(a[k], b[k]) + U.eps, max(c[k], d[k]) + S.eps)
        box.append([fmt(lo), fmt(hi)])
    claim = {
        "type": CLAIM,
        "unstable": {k: v for k, v in cu["claim"].items() if k != "type"},
        "stable": {k: v for k, v in cs["claim"].items() if k != "type"},
        "crossing": {"orientation": signs, "box": box},
    }
    return envelope(model, claim, {"unstable": cu["witness"], "stable": cs["witness"]}, OBLIGATIONS)
