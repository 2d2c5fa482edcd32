"""h_top(F) >= log(r)/n on a compact invariant set, from covering relations (`covering-horseshoe`).

Reference: proofs/README.md §10; MATH.md §4 "Entropy lower bound".

Sets. A rational frame x = c + B (u, s) (B invertible, u in R, s in R^(M-1)) and K sets
N_i = {u in [a_i, b_i], |s_k| <= 1} whose u-intervals are pairwise disjoint, so the N_i are pairwise
disjoint compact boxes (polytopes with 2^M vertices). For M = 1 they are intervals.

Affine maps. Each set has an itinerary (d_1, ..., d_n), n = claim.iterate: every vertex of N_i, and of
each successive image, lies in the closed region of d_t (weak signs, non-inert units; inert units
switch nothing), so by convexity G = F^n is the affine map g = g_{d_n} o ... o g_{d_1} on N_i.
Coverings. For a listed covering [i, j, degree], in frame coordinates, degree +1: the images of the
vertices of the face u = a_i have u < a_j and those of the face u = b_i have u > b_j; degree -1: the
other way round; and every image vertex has |s_k| < 1. As u and s are affine, the whole faces and
all of g(N_i) obey the same strict bounds.

Theorem (covering relations of Zgliczynski & Gidea, J. Differential Equations 202 (2004) 32-58, with
one exit direction; in 1-D the interval horseshoe, Misiurewicz & Szlenk 1980, Alseda, Llibre &
Misiurewicz "Combinatorial Dynamics and Entropy in Dimension One" 2000; full proof in README §10).
With T the 0/1 matrix of the listed coverings: every finite path of T is followed by an orbit of G
(a horizontal curve in N_i, i.e. one joining the faces u = a_i and u = b_i, has a sub-arc mapped by
G onto a horizontal curve of N_j: intermediate value theorem on u), hence by compactness every
infinite path. Points following different paths of length k are delta-separated for G (delta = least
distance between two sets). If v >= 0 is a non-zero integer vector with T v >= r v, every path of T
inside supp(v) extends, and T^k v >= r^k v gives at least c r^k such paths of length k. So the
compact F-invariant set Lambda = Inv u F(Inv) u ... u F^(n-1)(Inv), Inv the points following paths,
has h_top(F | Lambda) = h_top(F^n | Lambda) / n >= log(r) / n (Walters, "An Introduction to Ergodic
Theory", Thm 7.10; Bowen's separated sets, ibid. §7.2).

Obligations: well-formed, model-hash, frame, disjoint-sets, affine-maps, coverings, spectral-bound.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from ..core.grammar import register
from ..core.pwa import box_violation, region_matrix, region_offset
from ..core.rat import (Malformed, Vec, canonical, get, inverse, matvec, parse_dict, parse_int, parse_list, parse_mat,
                        parse_patterns, parse_rational, parse_vec, short, vec_add)
from ..core.verdict import Fail, Undecided

MAX_DIM, MAX_ITERATE = 12, 256


def bound_string(r: Fraction, n: int) -> str:
    """The claimed bound h_top >= log(r)/n as written in the certificate: "log(r)/n"."""
    return f"log({canonical(r)})/{n}"


def _parse(ns: Any) -> None:
    nf, claim, witness = ns.nf, ns.claim, ns.witness
    m, h = nf.M, nf.H
    n = parse_int(get(claim, "iterate", "claim"), "claim.iterate", 1)
    frame = parse_dict(get(claim, "frame", "claim"), "claim.frame")
    centre = parse_vec(get(frame, "centre", "claim.frame"), m, "claim.frame.centre")
    basis = parse_mat(get(frame, "basis", "claim.frame"), m, m, "claim.frame.basis")
    raw_sets = parse_list(get(claim, "sets", "claim"), "claim.sets")
    if not raw_sets:
        raise Malformed("claim.sets: no sets")
    sets: list[tuple[Fraction, Fraction]] = []
    itins: list[list[list[int]]] = []
    for i, obj in enumerate(raw_sets):
        where = f"claim.sets[{i}]"
        obj = parse_dict(obj, where)
        a, b = parse_vec(get(obj, "u", where), 2, f"{where}.u")
        if not a < b:
            raise Malformed(f"{where}.u: needs a < b, got [{a}, {b}]")
        sets.append((a, b))
        itins.append(parse_patterns(get(obj, "itinerary", where), n, h, f"{where}.itinerary"))
    k = len(sets)
    raw_cov = parse_list(get(claim, "coverings", "claim"), "claim.coverings")
    if not raw_cov:
        raise Malformed("claim.coverings: no coverings")
    coverings: list[tuple[int, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for e, obj in enumerate(raw_cov):
        where = f"claim.coverings[{e}]"
        i, j, deg = parse_list(obj, where, 3)
        i = parse_int(i, f"{where}[0]", 0, k - 1)
        j = parse_int(j, f"{where}[1]", 0, k - 1)
        deg = parse_int(deg, f"{where}[2]", -1, 1)
        if deg == 0:
            raise Malformed(f"{where}[2]: the degree must be 1 or -1")
        if (i, j) in seen:
            raise Malformed(f"{where}: the covering {i} => {j} is listed twice")
        seen.add((i, j))
        coverings.append((i, j, deg))
    r = parse_rational(get(claim, "rho_lower", "claim"), "claim.rho_lower")
    if not r > 1:
        raise Malformed(f"claim.rho_lower: must exceed 1 (a positive bound), got {r}")
    text = get(claim, "entropy_lower_bound", "claim")
    if text != bound_string(r, n):
        raise Malformed(f"claim.entropy_lower_bound: expected {bound_string(r, n)!r}, got {short(text)}")
    vec = [parse_int(x, f"witness.vector[{i}]", 0)
           for i, x in enumerate(parse_list(get(witness, "vector", "witness"), "witness.vector", k))]
    if not any(vec):
        raise Malformed("witness.vector: all entries are 0")
    ns.w = {"nf": nf, "n": n, "centre": centre, "basis": basis, "sets": sets,
            "itineraries": itins, "coverings": coverings, "r": r, "v": vec}


def check_frame(w: dict[str, Any]) -> str:
    """B is invertible (det != 0); its exact inverse is kept for the frame coordinates."""
    m, inv = len(w["basis"]), inverse(w["basis"])
    if inv is None:
        raise Fail("det B = 0: the frame is singular")
    if m > MAX_DIM or w["n"] > MAX_ITERATE:
        raise Undecided(f"unsupported: M = {m} > {MAX_DIM} or iterate {w['n']} > {MAX_ITERATE}")
    w["inv"] = inv
    return "det B != 0: the exact inverse exists"


def check_disjoint(w: dict[str, Any]) -> str:
    """The u-intervals [a_i, b_i] are pairwise disjoint (sorted, b < next a, strictly)."""
    order = sorted(range(len(w["sets"])), key=lambda i: w["sets"][i][0])
    for p, q in zip(order, order[1:]):
        if not w["sets"][p][1] < w["sets"][q][0]:
            (a, b), (c, d) = w["sets"][p], w["sets"][q]
            raise Fail(f"sets {p} = [{a}, {b}] and {q} = [{c}, {d}] intersect")
    return f"{len(order)} pairwise disjoint sets"


def _vertices(w: dict[str, Any], i: int) -> Iterator[tuple[int, Vec]]:
    """(face, point) for the 2^M vertices of N_i: face 0 is u = a_i, face 1 is u = b_i."""
    m = len(w["centre"])
    for face, u in enumerate(w["sets"][i]):
        for signs in itertools.product((-1, 1), repeat=m - 1):
            coords = [u, *map(Fraction, signs)]
            yield face, [c + sum((bij * x for bij, x in zip(row, coords)), Fraction(0))
                         for c, row in zip(w["centre"], w["basis"])]


def check_maps(w: dict[str, Any]) -> str:
    """For every set N_i with itinerary (d_1..d_n): each vertex and each successive image lies in the
    closed region of d_t (so F^n is affine on N_i); keeps the frame coordinates of the images."""
    if "inv" not in w:
        raise Undecided("unsupported: the frame obligation was not decided")
    nf, w["images"] = w["nf"], []
    for i, itin in enumerate(w["itineraries"]):
        out: list[tuple[int, Vec]] = []
        maps = [(region_matrix(nf, d), region_offset(nf, d)) for d in itin]   # F = M_d z + c_d there
        for face, z in _vertices(w, i):
            for t, (d, (m, c)) in enumerate(zip(itin, maps)):
                bad = box_violation(nf, [(x, x) for x in z], d, False)       # z in the closed region of d
                if bad:
                    raise Fail(f"sets[{i}]: a vertex of face {'ab'[face]} or its image is not in the "
                               f"closed region of itinerary[{t}]: {bad}")
                z = vec_add(matvec(m, z), c)
            out.append((face, [sum((x * (p - c) for x, p, c in zip(row, z, w["centre"])), Fraction(0))
                               for row in w["inv"]]))
        w["images"].append(out)
    return f"F^{w['n']} is affine on each of the {len(w['sets'])} sets ({len(out)} vertices each)"


def check_coverings(w: dict[str, Any]) -> str:
    """Every listed covering i => j holds: the faces u = a_i, u = b_i are mapped strictly beyond a_j,
    b_j with the listed degree, and every image vertex of N_i has |s| < 1."""
    if "images" not in w:
        raise Undecided("unsupported: the affine-maps obligation was not decided")
    for e, (i, j, deg) in enumerate(w["coverings"]):
        a, b = w["sets"][j]
        for face, y in w["images"][i]:
            low = (face == 0) == (deg == 1)
            if (low and not y[0] < a) or (not low and not y[0] > b):
                raise Fail(f"coverings[{e}] ({i} => {j}, degree {deg}): an image vertex of face "
                           f"{'ab'[face]} has u = {float(y[0]):.6g}, needs u {'<' if low else '>'} "
                           f"{float(a if low else b):.6g}")
            if any(not -1 < s < 1 for s in y[1:]):
                raise Fail(f"coverings[{e}] ({i} => {j}): an image vertex has |s| >= 1 "
                           f"(s = {[float(s) for s in y[1:]]})")
    return f"{len(w['coverings'])} coverings of degree +-1 under F^{w['n']}"


def check_spectral(w: dict[str, Any]) -> str:
    """Collatz-Wielandt: (T v)_i >= r v_i for every i, v >= 0 non-zero, so rho(T) >= r."""
    k, v, r = len(w["sets"]), w["v"], w["r"]
    tv = [0] * k
    for i, j, _ in w["coverings"]:
        tv[i] += v[j]
    for i in range(k):
        if tv[i] < r * v[i]:
            raise Fail(f"(T v)[{i}] = {tv[i]} < r v[{i}] = {r * v[i]} (r = {r})")
    bound = (math.log(r.numerator) - math.log(r.denominator)) / w["n"]
    return f"rho(T) >= {r}: h_top(F) >= {bound_string(r, w['n'])} = {bound:.6f}"


OBLIGATIONS = register("covering-horseshoe", _parse, {
    "frame": lambda ns: check_frame(ns.w), "disjoint-sets": lambda ns: check_disjoint(ns.w),
    "affine-maps": lambda ns: check_maps(ns.w), "coverings": lambda ns: check_coverings(ns.w),
    "spectral-bound": lambda ns: check_spectral(ns.w)})
