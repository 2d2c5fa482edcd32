"""The piecewise-affine map F of a normal form, its regions, and rational boxes carried through it.

u(z) = W2 z + h2 (pre-activations); F(z) = A z + W1 relu(u(z)) + h1 with the real relu.
Unit i is inert if column i of W1 is zero. For a pattern d: M_d = A + W1 diag(d) W2 and
c_d = h1 + W1 diag(d) h2, so F(z) = M_d z + c_d on the closed region of d (weak signs u_i >= 0 for
d_i = 1, u_i <= 0 for d_i = 0); the open region has strict signs for non-inert units.
A box is a list of rational intervals [lo, hi]; interval sums and products of rationals are exact
(no rounding), so the image of a box under an affine map contains the image of every point in it.
Reference: proofs/README.md §1 "The map"; MATH.md §1.
"""
from __future__ import annotations

from fractions import Fraction

from .model import NormalForm
from .rat import (Matrix, Vec, det_nonzero, identity, inverse, matmul, matvec, parse_list, parse_patterns, parse_vec,
                  vec_add)
from .verdict import Fail

Interval = tuple[Fraction, Fraction]
Box = list[Interval]


def preactivations(nf: NormalForm, z: Vec) -> Vec:
    """u(z) = W2 z + h2."""
    return vec_add(matvec(nf.W2, z), nf.h2)


def apply(nf: NormalForm, z: Vec) -> Vec:
    """F(z) = A z + W1 relu(W2 z + h2) + h1, exactly, with the real relu (not an itinerary)."""
    r = [max(x, Fraction(0)) for x in preactivations(nf, z)]
    return vec_add(matvec(nf.A, z), matvec(nf.W1, r), nf.h1)


def inert(nf: NormalForm) -> list[bool]:
    """inert[i] is True iff column i of W1 is zero (unit i switches nothing)."""
    return [all(row[i] == 0 for row in nf.W1) for i in range(nf.H)]


def region_matrix(nf: NormalForm, d: list[int]) -> Matrix:
    """M_d = A + W1 diag(d) W2, as a sum of the outer products of the active units."""
    m = [list(row) for row in nf.A]
    for i, active in enumerate(d):
        if active:
            for r in range(nf.M):
                w = nf.W1[r][i]
                if w:
                    m[r] = [x + w * y for x, y in zip(m[r], nf.W2[i])]
    return m


def itinerary_product(nf: NormalForm, itinerary: list[list[int]]) -> Matrix:
    """P = M_{d_k} ... M_{d_1} for the itinerary d_1, ..., d_k (README §2)."""
    p = identity(nf.M)
    for d in itinerary:
        p = matmul(region_matrix(nf, d), p)
    return p


def open_region_violation(nf: NormalForm, z: Vec, d: list[int]) -> str | None:
    """None if z is in the open region of d; otherwise which unit violates it and its u value."""
    flags = inert(nf)
    for i, (ui, di) in enumerate(zip(preactivations(nf, z), d)):
        if flags[i]:
            bad, need = (ui < 0, ">= 0 (inert)") if di else (ui > 0, "<= 0 (inert)")
        else:
            bad, need = (ui <= 0, "> 0") if di else (ui >= 0, "< 0")
        if bad:
            return f"unit {i}: u = {ui} with d = {di}, needs u {need}"
    return None


def closed_region_violation(nf: NormalForm, z: Vec, d: list[int]) -> str | None:
    """None if z is in the closed region of d; otherwise which unit violates it and its u value."""
    for i, (ui, di) in enumerate(zip(preactivations(nf, z), d)):
        if (di and ui < 0) or (not di and ui > 0):
            return f"unit {i}: u = {ui} with d = {di}, needs u {'>=' if di else '<='} 0"
    return None


def border_units(nf: NormalForm, z: Vec) -> list[int]:
    """The non-inert units i with u_i(z) = 0."""
    flags = inert(nf)
    return [i for i, ui in enumerate(preactivations(nf, z)) if ui == 0 and not flags[i]]


def region_offset(nf: NormalForm, d: list[int]) -> Vec:
    """c_d = h1 + W1 diag(d) h2."""
    return [h + sum((row[i] * nf.h2[i] for i, di in enumerate(d) if di), Fraction(0))
            for h, row in zip(nf.h1, nf.W1)]


def imul(a: Interval, b: Interval) -> Interval:
    """The exact product interval a b."""
    p = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return min(p), max(p)


def iadd(a: Interval, b: Interval) -> Interval:
    """The exact sum interval a + b."""
    return a[0] + b[0], a[1] + b[1]


def iscale(c: Fraction, a: Interval) -> Interval:
    """The interval c a for a rational c."""
    return (c * a[0], c * a[1]) if c >= 0 else (c * a[1], c * a[0])


def idot(row: Vec, box: Box) -> Interval:
    """The interval of row . x over the box."""
    acc = (Fraction(0), Fraction(0))
    for c, x in zip(row, box):
        if c:
            acc = iadd(acc, iscale(c, x))
    return acc


def box_violation(nf: NormalForm, box: Box, e: list[int], strict: bool) -> str | None:
    """None if every non-inert unit has the sign of e on the whole box (strict: u > 0 resp. u < 0,
    the open region; else u >= 0 resp. u <= 0, the closed region), else the first unit that may not."""
    for i, flag in enumerate(inert(nf)):
        if flag:
            continue
        lo, hi = iadd(idot(nf.W2[i], box), (nf.h2[i], nf.h2[i]))
        ok = (lo > 0 if strict else lo >= 0) if e[i] else (hi < 0 if strict else hi <= 0)
        if not ok:
            return (f"unit {i}: the box may leave the {'open' if strict else 'closed'} region "
                    f"(u in [{float(lo):.3e}, {float(hi):.3e}], d = {e[i]})")
    return None


def carry(nf: NormalForm, box: Box, itinerary: list[list[int]], strict: bool, backward: bool, where: str,
          nonsingular: bool = False) -> Box:
    """The box carried along the itinerary e_1, ..., e_n. Forward: B lies in the region of e (see
    box_violation; with `nonsingular` also det M_e != 0), then B <- M_e B + c_e. Backward (e_n first):
    B <- M_e^-1 (B - c_e) with the exact inverse, then B lies in the region of e. Fails naming the step."""
    steps = list(enumerate(itinerary))
    for n, e in reversed(steps) if backward else steps:
        m, off = region_matrix(nf, e), region_offset(nf, e)
        if backward:
            inv = inverse(m)
            if inv is None:
                raise Fail(f"{where}, backward step {n}: det M_e = 0")
            box = [idot(row, [(lo - o, hi - o) for (lo, hi), o in zip(box, off)]) for row in inv]
        bad = box_violation(nf, box, e, strict)
        if bad:
            raise Fail(f"{where}, {'backward' if backward else 'forward'} step {n}, {bad}")
        if not backward:
            if nonsingular and not det_nonzero(m):
                raise Fail(f"{where}, forward step {n}: det M_e = 0")
            box = [iadd(idot(row, box), (o, o)) for row, o in zip(m, off)]
    return box


def parse_orbit(itinerary: object, points: object, nf: NormalForm, k: int, where: str,
                where_points: str) -> tuple[list[list[int]], list[Vec]]:
    """k patterns of H bits and k points of M rationals (README §2 `itinerary`, `points`)."""
    return (parse_patterns(itinerary, k, nf.H, where),
            [parse_vec(z, nf.M, f"{where_points}[{j}]") for j, z in enumerate(parse_list(points, where_points, k))])


def check_closes(nf: NormalForm, points: list[Vec], where: str = "") -> str:
    """F(z_j) = z_{j+1} for j < k and F(z_k) = z_1 with the real map F; Fails at the first difference."""
    k = len(points)
    for j, z in enumerate(points):
        for r, (x, y) in enumerate(zip(apply(nf, z), points[(j + 1) % k])):
            if x != y:
                raise Fail(f"{where}F(points[{j}])[{r}] = {x} != points[{(j + 1) % k}][{r}] = {y}")
    return f"{k} exact images checked"


def check_regions(nf: NormalForm, points: list[Vec], itinerary: list[list[int]], strict: bool,
                  where: str = "") -> str:
    """z_j lies in the open (strict) or closed region of d_j for every j; Fails naming j, unit, u."""
    for j, (z, d) in enumerate(zip(points, itinerary)):
        bad = (open_region_violation if strict else closed_region_violation)(nf, z, d)
        if bad:
            kind = "open" if strict else "closed"
            raise Fail(f"{where}points[{j}] not in the {kind} region of itinerary[{j}]: {bad}")
    return f"{len(points)} points interior" if strict else f"{len(points)} points in their closed regions"


def check_minimal(points: list[Vec], where: str = "") -> str:
    """z_1 != z_{1+e} for every proper divisor e of k (so, the orbit closing, k is minimal)."""
    k = len(points)
    for e in range(1, k):
        if k % e == 0 and points[0] == points[e]:
            raise Fail(f"{where}points[0] == points[{e}] for the proper divisor e = {e} of k = {k}")
    return f"minimal period {k}"
