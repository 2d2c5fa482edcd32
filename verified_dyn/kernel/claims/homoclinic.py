"""F has a transversal homoclinic point, hence positive entropy (`transversal-homoclinic-2d`).

Proposition (Smale-Birkhoff; proofs/README.md §8, MATH.md §4): let p be a hyperbolic fixed point of a
map F of the plane and q != p a point of W^u(p) and W^s(p) at which the two manifolds cross
transversally; if F is a local diffeomorphism on a neighbourhood of the closure of the orbit of q (the
orbit and p), then some iterate F^N has a compact invariant set on which it is conjugate to the full
shift on two symbols: F has positive topological entropy and infinitely many periodic orbits (Smale
1965; Katok, Hasselblatt, "Introduction to the Modern Theory of Dynamical Systems", 1995, §6.5; MATH §4.
For a non-invertible F the construction only uses a neighbourhood of the orbit closure, where F is a
local diffeomorphism; it gives at least a semi-conjugacy onto the shift, which already gives positive
entropy).

Hypotheses, for a piecewise-affine F (MATH §4 items 1-5): p is an interior fixed point with det M != 0
and real eigenvalues |mu| < 1 < |lam|; U is a segment of W^u(p) (an image F^n of part of the certified
local unstable segment) and S a segment of W^s(p) (a preimage of part of the local stable segment);
U and S cross properly at q; the orbit of q from the local unstable segment to the local stable one lies
in OPEN regions (F affine near each point) whose matrices have det != 0. Near p, F is the affine
diffeomorphism of p's open region. Near q, U and S are the images of the local segments under affine
diffeomorphisms, so they are the branches of W^u and W^s through q, and a proper crossing of two
segments means non-parallel directions: transversality in R^2.

Certificate: claim {type, unstable, stable, crossing}; ``unstable`` / ``stable`` are the claim objects
of two `manifold-pieces-1d` certificates with period 1 and exactly one piece each (README §7), whose
witnesses are witness.unstable / witness.stable; crossing = {orientation: four signs +-1, box: two
rational intervals}. Obligations (all in exact rationals):
1. well-formed; 2. model-hash;
3. saddle-fixed-point: M = 2, both parts have period 1, the same itinerary and point; F(p) = p exactly;
   p in the open region of its pattern; det M_p != 0;
4. unstable-direction and 5. stable-direction: `local-manifold-1d` obligations 5-7 for each kind
   (eigenvalue isolated by Sturm with |lam| > 1 resp. < 1, Krawczyk eigenvector box, segment inside);
6. unstable-piece and 7. stable-piece: obligation `pieces` of `manifold-pieces-1d`: the true segments
   U = [a, b] and S = [c, d] have end points within eps_u of A, B and eps_s of C, D;
8. proper-crossing: with a, b, c, d ranging over the squares of half side eps around A, B, C, D, the
   interval values of o(x, y, z) = (y - x) x (z - x) for (a,b,c), (a,b,d), (c,d,a), (c,d,b) have the
   listed strict signs, and the signs of each pair are opposite: U and S cross at a single point q
   interior to both and are not parallel;
9. crossing-orbit: the box Q (crossing.box) contains the intersection of the bounding boxes of the two
   eps-inflated segments (so q is in Q) and not p; Q carried forward along S's itinerary
   (B <- M_e B + c_e) and backward along U's itinerary (B <- M_e^-1 (B - c_e), exact inverse), lies
   before each forward step / after each backward step strictly inside the open region of e
   (non-inert units), and every det M_e != 0. (After them the orbit is on the local segments, which lie
   in p's open region by obligation 4 / 5.)
Obligations 4-7 are those of the registered `manifold-pieces-1d` claim, run on the two parts through
the registry (no claim module imports another). A failed check names the obligation and the values.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ..core.grammar import CLAIMS, register
from ..core.pwa import Box, Interval, carry, check_closes, check_regions, imul, region_matrix
from ..core.rat import Malformed, get, parse_dict, parse_int, parse_list, parse_mat
from ..core.verdict import Fail

PIECES = "manifold-pieces-1d"


def _part(ns: Any, kind: str) -> Any:
    """The embedded `manifold-pieces-1d` claim of one direction, read by that claim's registered reading."""
    claim = parse_dict(get(ns.claim, kind, "claim"), f"claim.{kind}")
    witness = parse_dict(get(ns.witness, kind, "witness"), f"witness.{kind}")
    part = SimpleNamespace(nf=ns.nf, model=ns.nf, hash=ns.hash, claim={**claim, "type": PIECES}, witness=witness)
    try:
        CLAIMS[PIECES].parse(part)
    except Malformed as exc:
        raise Malformed(f"claim.{kind} / witness.{kind}: {exc}") from None
    if part.kind != kind:
        raise Malformed(f"claim.{kind}.kind: expected {kind!r}, got {part.kind!r}")
    if part.k != 1:
        raise Malformed(f"claim.{kind}.period: expected 1 (a fixed point), got {part.k}")
    if len(part.pieces) != 1:
        raise Malformed(f"claim.{kind}.pieces: expected exactly one piece, got {len(part.pieces)}")
    return part


def _parse(ns: Any) -> None:
    ns.unstable, ns.stable = (_part(ns, kind) for kind in ("unstable", "stable"))
    crossing = parse_dict(get(ns.claim, "crossing", "claim"), "claim.crossing")
    ns.signs = [parse_int(s, f"claim.crossing.orientation[{i}]", -1, 1)
                for i, s in enumerate(parse_list(get(crossing, "orientation", "claim.crossing"),
                                                 "claim.crossing.orientation", 4))]
    if ns.nf.M != 2:
        raise Malformed(f"the model has dimension {ns.nf.M}; this claim is for M = 2")
    box = parse_mat(get(crossing, "box", "claim.crossing"), 2, 2, "claim.crossing.box")
    if any(lo > hi for lo, hi in box):
        raise Malformed("claim.crossing.box: an interval with lower end above its upper end")
    ns.box = [(lo, hi) for lo, hi in box]


def check_saddle(h: Any) -> str:
    """Obligation 3: one fixed point, interior, in both parts; det M_p != 0."""
    cu, cs = h.unstable, h.stable
    if cu.points != cs.points or cu.itinerary != cs.itinerary:
        raise Fail("the unstable and the stable part are about different fixed points or patterns")
    check_closes(h.nf, cu.points)
    check_regions(h.nf, cu.points, cu.itinerary, True)
    m = region_matrix(h.nf, cu.itinerary[0])
    det = m[0][0] * m[1][1] - m[0][1] * m[1][0]
    if det == 0:
        raise Fail("det M_p = 0")
    return f"F(p) = p exactly, p interior, det M_p = {det}"


def _direction(w: Any) -> str:
    checks = CLAIMS[PIECES].checks
    return "; ".join(checks[name](w) for name in ("eigenvalue-isolated", "eigenvector-box", "segments-inside"))


def _ends(w: Any) -> list[Box]:
    p = w.pieces[0]
    return [[(x - p["eps"], x + p["eps"]) for x in v] for v in p["vertices"]]


def _orient(x: Box, y: Box, z: Box) -> Interval:
    """An interval containing (y - x) x (z - x) for all points of the boxes x, y, z."""
    def sub(a: Interval, b: Interval) -> Interval:
        return a[0] - b[1], a[1] - b[0]
    p = imul(sub(y[0], x[0]), sub(z[1], x[1]))
    q = imul(sub(y[1], x[1]), sub(z[0], x[0]))
    return p[0] - q[1], p[1] - q[0]


def check_crossing(h: Any) -> str:
    """Obligation 8: the four orientation intervals have the listed strict, pairwise opposite signs."""
    a, b = _ends(h.unstable)
    c, d = _ends(h.stable)
    s = h.signs
    if 0 in s or s[0] != -s[1] or s[2] != -s[3]:
        raise Fail(f"orientation signs {s} are not two strict opposite pairs")
    for name, o, sign in (("o(a,b,c)", _orient(a, b, c), s[0]), ("o(a,b,d)", _orient(a, b, d), s[1]),
                          ("o(c,d,a)", _orient(c, d, a), s[2]), ("o(c,d,b)", _orient(c, d, b), s[3])):
        if not ((sign > 0 and o[0] > 0) or (sign < 0 and o[1] < 0)):
            raise Fail(f"{name} lies in [{float(o[0]):.3e}, {float(o[1]):.3e}]: sign {sign} not shown")
    return "U and S cross properly at one point interior to both (not parallel)"


def _hull(w: Any) -> Box:
    p = w.pieces[0]
    (ax, ay), (bx, by) = p["vertices"]
    e = p["eps"]
    return [(min(ax, bx) - e, max(ax, bx) + e), (min(ay, by) - e, max(ay, by) + e)]


def check_orbit(h: Any) -> str:
    """Obligation 9: Q contains the crossing enclosure, not p; its orbit pieces are interior, det != 0."""
    q = [(max(x[0], y[0]), min(x[1], y[1])) for x, y in zip(_hull(h.unstable), _hull(h.stable))]
    if not all(b[0] <= x[0] and x[1] <= b[1] for b, x in zip(h.box, q)):
        raise Fail(f"crossing.box does not contain the crossing enclosure {[[float(a), float(b)] for a, b in q]}")
    if all(lo <= x <= hi for x, (lo, hi) in zip(h.unstable.points[0], h.box)):
        raise Fail("crossing.box contains the fixed point p")
    stable_itin, unstable_itin = h.stable.pieces[0]["itinerary"], h.unstable.pieces[0]["itinerary"]
    carry(h.nf, list(h.box), stable_itin, True, False, "crossing.box", nonsingular=True)
    carry(h.nf, list(h.box), unstable_itin, True, True, "crossing.box")
    return (f"{len(stable_itin)} forward and {len(unstable_itin)} backward orbit boxes in open regions, "
            f"det != 0; q != p")


OBLIGATIONS = register("transversal-homoclinic-2d", _parse, {
    "saddle-fixed-point": check_saddle,
    "unstable-direction": lambda h: _direction(h.unstable), "stable-direction": lambda h: _direction(h.stable),
    "unstable-piece": lambda h: CLAIMS[PIECES].checks["pieces"](h.unstable),
    "stable-piece": lambda h: CLAIMS[PIECES].checks["pieces"](h.stable),
    "proper-crossing": check_crossing, "crossing-orbit": check_orbit})
