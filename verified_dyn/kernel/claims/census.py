"""The listed orbits are all the periodic orbits of F of minimal period k (`cycle-census`).

Checks proofs/README.md §2 "cycle-census": each listed orbit is valid, no two share a point, and the
tree of words covers every word that could carry an orbit of minimal period k (empty cylinders by
exact Farkas vectors, non-least rotations skipped, every complete word's unique candidate settled).
Reference: MATH.md §2 "Completeness".
"""
from __future__ import annotations

import sys
from fractions import Fraction
from typing import Any

from ..core import pwa
from ..core.grammar import register
from ..core.rat import (Malformed, Matrix, Vec, det_nonzero, dot, get, identity, matmul, matvec, parse_dict, parse_int,
                        parse_list, parse_vec, short, vec_add)
from ..core.verdict import Fail

Orbit = tuple[list[list[int]], list[list[Fraction]]]
Map = tuple[Matrix, Vec]              # (P_j, q_j): z_j = P_j z + q_j
Row = tuple[Vec, Fraction]            # (G_r, g_r): the cylinder row G_r z <= g_r


def _orbits(claim: dict[str, Any], key: str, nf: Any, k: int) -> list[Orbit]:
    return [pwa.parse_orbit(get(o, "itinerary", w), get(o, "points", w), nf, k, f"{w}.itinerary", f"{w}.points")
            for w, o in ((f"claim.{key}[{n}]", parse_dict(o, f"claim.{key}[{n}]"))
                         for n, o in enumerate(parse_list(get(claim, key, "claim"), f"claim.{key}")))]


def parse_census(ns: Any) -> None:
    """The `well-formed` obligation for a census (the tree is checked while it is walked)."""
    ns.k = parse_int(get(ns.claim, "period", "claim"), "claim.period", lo=1)
    ns.orbits, ns.border = _orbits(ns.claim, "orbits", ns.nf, ns.k), _orbits(ns.claim, "border_orbits", ns.nf, ns.k)
    nodes = ns.witness.get("nodes") if isinstance(ns.witness, dict) else None     # the flat form: root = node 0
    ns.nodes = None if nodes is None else parse_list(nodes, "witness.nodes")
    ns.tree = 0 if ns.nodes is not None else get(ns.witness, "tree", "witness")


def check_listed(c: Any) -> str:
    """Every listed orbit closes under F, lies in its (open / closed) regions, has minimal period k."""
    for key, group, interior in (("orbits", c.orbits, True), ("border_orbits", c.border, False)):
        for n, (it, pts) in enumerate(group):
            pwa.check_closes(c.nf, pts, f"{key}[{n}]: ")
            pwa.check_regions(c.nf, pts, it, interior, f"{key}[{n}]: ")
            if not interior and not any(pwa.border_units(c.nf, z) for z in pts):
                raise Fail(f"border_orbits[{n}] touches no switching hyperplane")
            pwa.check_minimal(pts, f"{key}[{n}]: ")
    return f"{len(c.orbits)} interior and {len(c.border)} border orbits of minimal period {c.k}"


def check_distinct(c: Any) -> str:
    """No point belongs to two listed orbits (orbits sharing a point are equal)."""
    seen: dict[tuple[Fraction, ...], int] = {}
    for n, (_, pts) in enumerate(c.orbits + c.border):
        for z in pts:
            key = tuple(z)
            if seen.setdefault(key, n) != n:
                raise Fail(f"listed orbits {seen[key]} and {n} share the point {[str(x) for x in z]}")
    return f"{len(c.orbits) + len(c.border)} distinct orbits"


class _Tree:
    """Walks the census tree (README §2 cycle-census) and checks every node; raises Fail or Malformed."""

    def __init__(self, c: Any) -> None:
        self.c, self.nf, self.k = c, c.nf, c.k
        flags = pwa.inert(c.nf)
        self.act = [i for i in range(c.nf.H) if not flags[i]]
        self.n = len(self.act)
        self.leaves, self.nodes = 0, c.nodes
        self.used: set[int] = set()
        # M_d = A + sum over units with bit 1 of W1[:, a] W2[a, :]; c_d = h1 + sum W1[:, a] h2[a]
        self.outer = [[[row[a] * x for x in c.nf.W2[a]] for row in c.nf.W1] for a in self.act]
        self.shift = [[row[a] * c.nf.h2[a] for row in c.nf.W1] for a in self.act]
        self.base = ([list(r) for r in c.nf.A], list(c.nf.h1))

    def bases(self, P: Matrix, q: Vec) -> list[Row]:
        """(W2[a_t] P, W2[a_t] q + h2[a_t]) for every non-inert unit: the rows of the current step up
        to the sign of the bit (computed once per letter, not once per node)."""
        out: list[Row] = []
        for a in self.act:
            w2 = self.nf.W2[a]
            G = [dot(w2, [P[r][col] for r in range(self.nf.M)]) for col in range(self.nf.M)]
            out.append((G, dot(w2, q) + self.nf.h2[a]))
        return out

    @staticmethod
    def row(base: list[Row], t: int, bit: int) -> Row:
        """Row r of README §2: G_r = −s W2[a_t] P_j, g_r = s (W2[a_t] q_j + h2[a_t]), s = ±1 by the bit."""
        G, g = base[t]
        return ([-x for x in G], g) if bit else (G, -g)

    def walk(self, node: Any, letters: list[tuple[int, ...]], partial: list[int], maps: list[Map], rows: list[Row],
             acc: Map, base: list[Row]) -> None:
        """``maps`` = [(P_j, q_j)] for j <= len(letters); ``rows`` = the fixed rows (G_r, g_r);
        ``acc`` = (M, c) of the current letter's bits fixed so far (M_d, c_d once it is complete);
        ``base`` = :meth:`bases` of the current step."""
        if self.nodes is not None:    # flat form: a node is an index into witness.nodes, each used once
            if type(node) is not int or not 0 <= node < len(self.nodes) or node in self.used:
                raise Malformed(f"tree node index {short(node)}: not a fresh index into witness.nodes")
            self.used.add(node)
            node = self.nodes[node]
        if not isinstance(node, list) or not node or not isinstance(node[0], str):
            raise Malformed(f"tree node at depth {len(letters) * self.n + len(partial)}: {short(node)}")
        while len(partial) == self.n and len(letters) < self.k:   # every letter at once if n = 0
            letter = tuple(partial)
            (m, c_d), acc = acc, self.base
            P, q = maps[-1]
            step = (m, c_d) if len(maps) == 1 else (matmul(m, P), vec_add(matvec(m, q), c_d))  # P_0 = I, q_0 = 0
            maps = maps + [step]
            letters, partial = letters + [letter], []
            base = self.bases(*step) if len(letters) < self.k else base
        tag, leaf = node[0], len(letters) == self.k
        where = f"node {''.join(''.join(map(str, x)) + '.' for x in letters)}{''.join(map(str, partial))}"
        if tag == "not-lyndon":
            return self.not_lyndon(letters, partial, leaf, where)
        if tag == "empty":
            return self.empty(node, maps, rows, leaf, where)
        if leaf:
            return self.leaf(node, letters, maps, where)
        if tag != "split" or len(node) != 3:
            raise Malformed(f"{where}: expected a split, got {short(node)}")
        t = len(partial)
        for bit in (0, 1):
            rows.append(self.row(base, t, bit))
            nxt = acc if not bit else ([[x + y for x, y in zip(r1, r2)] for r1, r2 in zip(acc[0], self.outer[t])],
                                       [x + y for x, y in zip(acc[1], self.shift[t])])
            self.walk(node[1 + bit], letters, partial + [bit], maps, rows, nxt, base)
            rows.pop()

    def not_lyndon(self, letters: list[tuple[int, ...]], partial: list[int], leaf: bool, where: str) -> None:
        if leaf:
            w = tuple(letters)
            if not any(w[r:] + w[:r] < w for r in range(1, self.k)):
                raise Fail(f"{where}: no rotation of the word is smaller, yet it is skipped")
            return
        t = len(partial)
        if any(x < letters[0] for x in letters[1:]) or (len(letters) >= 1 and t and tuple(partial) < letters[0][:t]):
            return
        raise Fail(f"{where}: skipped as not a least rotation, but no letter is smaller than the first")

    def empty(self, node: Any, maps: list[Map], rows: list[Row], leaf: bool, where: str) -> None:
        f = parse_dict(node[1] if len(node) == 2 else None, f"{where} farkas")
        idx = parse_list(get(f, "rows", where), f"{where}.rows")
        y = parse_vec(get(f, "y", where), len(idx), f"{where}.y")
        if any(not isinstance(r, int) or isinstance(r, bool) or not 0 <= r < len(rows) for r in idx):
            raise Fail(f"{where}: Farkas rows {short(idx)} are not rows fixed at this node (0..{len(rows) - 1})")
        if any(v < 0 for v in y):
            raise Fail(f"{where}: a Farkas multiplier is negative")
        lhs = [sum((v * rows[r][0][col] for r, v in zip(idx, y)), Fraction(0)) for col in range(self.nf.M)]
        rhs = sum((v * rows[r][1] for r, v in zip(idx, y)), Fraction(0))
        if "eq" in f:
            if not leaf:
                raise Fail(f"{where}: equality multipliers are only allowed at complete words")
            w = parse_vec(f["eq"], self.nf.M, f"{where}.eq")
            imp, c = self.affine(maps)
            lhs = [x + sum((w[r] * imp[r][col] for r in range(self.nf.M)), Fraction(0)) for col, x in enumerate(lhs)]
            rhs += sum((a * b for a, b in zip(w, c)), Fraction(0))
        if any(lhs) or not rhs < 0:
            raise Fail(f"{where}: not a Farkas certificate (y^T G != 0 or y^T g = {rhs} >= 0)")

    def affine(self, maps: list[Map]) -> Map:
        P, c = maps[-1]
        return [[(1 if r == s else 0) - P[r][s] for s in range(self.nf.M)] for r in range(self.nf.M)], c

    def leaf(self, node: Any, letters: list[tuple[int, ...]], maps: list[Map], where: str) -> None:
        self.leaves += 1
        imp, c = self.affine(maps)
        if not det_nonzero(imp):
            raise Fail(f"{where}: det(I - P_w) = 0, so {node[0]!r} does not settle the word")
        tag, w = node[0], tuple(letters)

        def solves(z: Vec) -> None:
            if matvec(imp, z) != c:
                raise Fail(f"{where}: the given point does not solve (I - P_w) z = c_w")

        if tag == "not-primitive":
            if not any(self.k % e == 0 and w[e:] + w[:e] == w for e in range(1, self.k)):
                raise Fail(f"{where}: the word is primitive")
        elif tag in ("orbit", "border") and len(node) == 3:
            group = self.c.orbits if tag == "orbit" else self.c.border
            i = parse_int(node[1], f"{where} index", 0, len(group) - 1)
            r = parse_int(node[2], f"{where} start", 0, self.k - 1)
            solves(group[i][1][r])
        elif tag == "outside" and len(node) == 4:
            z = parse_vec(node[1], self.nf.M, where)
            j = parse_int(node[2], f"{where} step", 0, self.k - 1)
            t = parse_int(node[3], f"{where} unit", 0, self.n - 1)
            solves(z)
            P, q = maps[j]
            a, bit = self.act[t], letters[j][t]
            zj = z if j == 0 else vec_add(matvec(P, z), q)          # z_0 = z
            u = dot(self.nf.W2[a], zj) + self.nf.h2[a]
            if not ((bit and u < 0) or (not bit and u > 0)):
                raise Fail(f"{where}: step {j}, unit {a}: u = {u} does not violate bit {bit}")
        elif tag == "shorter" and len(node) == 3:
            z = parse_vec(node[1], self.nf.M, where)
            e = parse_int(node[2], f"{where} period", 1, self.k - 1)
            solves(z)
            P, q = maps[e]
            if self.k % e or vec_add(matvec(P, z), q) != z:
                raise Fail(f"{where}: the point does not have period {e} dividing {self.k}")
        else:
            raise Malformed(f"{where}: unknown leaf {short(node)}")


def check_tree(c: Any) -> str:
    """The tree covers every word of length k (README §2 cycle-census): each node's check holds."""
    if c.k * max(len([1 for f in pwa.inert(c.nf) if not f]), 1) > 20000:
        raise Fail("tree deeper than 20000 bits")
    walker = _Tree(c)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 2 * c.k * walker.n + 200))
    try:
        start = (identity(c.nf.M), [Fraction(0)] * c.nf.M)
        walker.walk(c.tree, [], [], [start], [], walker.base, walker.bases(*start))
    finally:
        sys.setrecursionlimit(limit)
    return f"tree covers all words of length {c.k} ({walker.leaves} complete words settled)"


OBLIGATIONS = register("cycle-census", parse_census, {
    "listed-orbits": check_listed, "distinct-orbits": check_distinct, "tree-covers": check_tree})
