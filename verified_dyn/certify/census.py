"""Certify that a list of periodic orbits of minimal period k is complete (proofs/README.md, cycle-census).

Proposition: every periodic orbit of F of minimal period k is one of the listed orbits.

Method (MATH §2, Completeness): a depth-first walk over words of k letters (patterns on the
non-inert units), one bit at a time. A node whose closed cylinder is empty is pruned with an exact
Farkas vector (found by a float LP, made exact in :mod:`.farkas`); a prefix with a letter smaller than
the first letter cannot start a least rotation and is skipped; at a complete word the unique solution
of (I − P_w) z = c_w is settled exactly by :func:`certify_cycle` (orbit, border orbit, outside its
cylinder, shorter period). The walk writes the tree into the certificate for the kernel to re-check.

A degenerate word (det(I − P_w) = 0) is settled when its closed cylinder is empty (a Farkas vector on
the cylinder rows alone) or holds no solution of (I − P_w) z = c_w (a Farkas vector with equality
multipliers). Otherwise the word is recorded as undecided, with the reason, and the walk goes on: every
orbit of the other words is still found and listed, but the census is not complete (no certificate;
``CensusResult.undecided`` names the words). When the time budget runs out the walk stops there.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import flint
import numpy as np

from ..models.pl import PLModel
from ..models.regions import region_map
from ..rationals import fmt, from_fmpq
from .certificate import make_certificate
from .cycle import CycleResult, certify_cycle, compose
from .farkas import exact_farkas, lp_feasible
from .lp import EMPTY, FAILED, FEASIBLE, farkas_lp

LP_MIN_REMAINING = 2  # no LP for a node with fewer free bits below it (at most 4 words, settled exactly)


class CensusIncomplete(Exception):
    """The census could not be certified; the message says why."""


@dataclass
class CensusResult:
    period: int
    complete: bool
    reason: str = ""
    orbits: list = field(default_factory=list)  # CycleResult, status "cycle"
    border_orbits: list = field(default_factory=list)  # CycleResult, status "border"
    certificate: dict | None = None
    stats: dict = field(default_factory=dict)
    undecided: list = field(default_factory=list)  # {"word": [[bits] per step], "reason": str}


class _Walk:
    def __init__(self, model: PLModel, k: int, deadline: float, tick=None):
        self.model, self.k, self.deadline, self.tick = model, k, deadline, tick
        self.act = model.active_units
        self.n = len(self.act)
        self.W2rows = [
            flint.fmpq_mat(1, model.dim, [model.q["W2"][a, c] for c in range(model.dim)]) for a in range(model.hidden)
        ]
        self.h2 = [model.q["h2"][a, 0] for a in range(model.hidden)]
        self.orbits: dict = {}  # canonical key -> index
        self.found: list[CycleResult] = []
        self.border: list[CycleResult] = []
        self.undecided: list[dict] = []
        self.stats = {"nodes": 0, "lp": 0, "pruned": 0, "leaves": 0, "skipped": 0}

    # ---- rows of the closed cylinder -------------------------------------------------------
    def row(self, P, q, t, bit):
        """Exact (G_r, g_r) of the bit of unit a_t for z_j = P z + q, with its float copy."""
        a = self.act[t]
        s = 1 if bit else -1
        Gr = ((-s) * (self.W2rows[a] * P)).entries()
        gr = s * ((self.W2rows[a] * q)[0, 0] + self.h2[a])
        return Gr, gr, np.array([float(x) for x in Gr]), float(gr)

    def full_pattern(self, letter):
        d = [0] * self.model.hidden
        for t, b in zip(self.act, letter):
            d[t] = b
        return tuple(d)

    # ---- the walk -------------------------------------------------------------------------------
    def run(self, *root):
        """The tree of :meth:`walk` from ``root``, driven with an explicit stack (periods beyond the
        recursion limit): each walk is a generator that yields its children's arguments."""
        stack, value = [self.walk(*root)], None
        while stack:
            try:
                child = stack[-1].send(value)
            except StopIteration as done:
                stack.pop()
                value = done.value
                continue
            stack.append(self.walk(*child))
            value = None
        return value

    def walk(self, letters, partial, P, q, rows, point):
        """Node for the word ``letters`` + ``partial`` bits; rows = exact (G_r, g_r) fixed so far.
        A generator (see :meth:`run`): it yields the arguments of each child and receives its node."""
        self.stats["nodes"] += 1
        if time.perf_counter() > self.deadline:
            raise CensusIncomplete("time budget exhausted")
        if self.tick and self.stats["nodes"] % 256 == 0:
            self.tick(self.stats)
        j, t = len(letters), len(partial)
        if j >= 1 and t and tuple(partial) < tuple(letters[0][:t]):
            self.stats["skipped"] += 1
            return ["not-lyndon"]
        while t == self.n and j < self.k:  # a letter is complete (every letter, if n = 0)
            letters, partial = letters + [tuple(partial)], []
            if len(letters) >= 2 and letters[-1] < letters[0]:
                self.stats["skipped"] += 1
                return ["not-lyndon"]
            M, c = region_map(self.model, self.full_pattern(letters[-1]))
            P, q = M * P, M * q + c
            j, t = j + 1, 0
        if j == self.k:
            return self.leaf(letters, rows)
        children = []
        remaining = (self.k - j) * self.n - t - 1  # bits still free below a child
        for bit in (0, 1):
            child_rows = rows + [self.row(P, q, t, bit)]
            if remaining < LP_MIN_REMAINING:  # cheaper to settle the few words below exactly
                children.append((yield (letters, partial + [bit], P, q, child_rows, None)))
                continue
            status, pt = self.decide(child_rows, point)
            if status == "empty":
                rws, y, _ = pt
                children.append(["empty", {"rows": rws, "y": [fmt(v) for v in y]}])
                continue
            children.append((yield (letters, partial + [bit], P, q, child_rows, pt)))
        return ["split", children[0], children[1]]

    def decide(self, rows, point):
        """("feasible", point) unless an exact Farkas vector proves the cylinder empty."""
        _, _, Gf, gf = rows[-1]
        if point is not None and not np.isnan(point).any():
            if Gf @ point - gf <= -1e-9 * (1 + abs(gf)):
                return "feasible", point
        self.stats["lp"] += 1
        G = np.array([r[2] for r in rows])
        g = np.array([r[3] for r in rows])
        scale = np.maximum(np.abs(G).max(axis=1), 1e-300)
        status, y, pt = farkas_lp(G / scale[:, None], g / scale)
        if status == FAILED:
            status, pt, dual = lp_feasible(G, g)
            y = None if dual is None else dual[0] * scale
            status = EMPTY if status == "empty" else FEASIBLE
        if status == EMPTY and y is not None:
            farkas = exact_farkas([r[0] for r in rows], [r[1] for r in rows], y / scale)
            if farkas is not None:  # row positions are row indices: one row per fixed bit, in order
                self.stats["pruned"] += 1
                return "empty", farkas
        return "feasible", pt

    def leaf(self, letters, rows):
        self.stats["leaves"] += 1
        w = tuple(letters)
        k = self.k
        if any(w[r:] + w[:r] < w for r in range(1, k)):
            self.stats["skipped"] += 1
            return ["not-lyndon"]
        if any(k % e == 0 and w[e:] + w[:e] == w for e in range(1, k)):
            P, _ = compose(self.model, [self.full_pattern(x) for x in w])
            ImP = -P
            for i in range(self.model.dim):
                ImP[i, i] += 1
            if ImP.det() != 0:
                return ["not-primitive"]
            return self.degenerate(w, rows)
        res = certify_cycle(self.model, [self.full_pattern(x) for x in w])
        if res.status == "degenerate":
            return self.degenerate(w, rows)
        if res.status == "infeasible":
            step, unit = res.violation
            return ["outside", [fmt(x) for x in res.solution], step, self.act.index(unit)]
        if res.status == "not-minimal":
            return ["shorter", [fmt(x) for x in res.solution], res.shorter]
        target = self.found if res.status == "cycle" else self.border
        key = orbit_key(res)
        if key not in self.orbits:
            self.orbits[key] = len(target)
            target.append(res)
        i = self.orbits[key]
        start = self._start(res, w)
        return ["orbit" if res.status == "cycle" else "border", i, start]

    def degenerate(self, w, rows):
        """det(I − P_w) = 0: prove with a Farkas vector that the closed cylinder is empty (its rows alone),
        or holds no solution of (I − P_w) z = c_w (equality multipliers included); else the word is
        recorded as undecided and the walk goes on (the census is then not complete)."""
        if rows:
            status, pt = self.decide(rows, None)
            if status == "empty":
                rws, y, _ = pt
                return ["empty", {"rows": rws, "y": [fmt(v) for v in y]}]
        P, c = compose(self.model, [self.full_pattern(x) for x in w])
        m = self.model.dim
        E = [[(1 if i == j else 0) - P[i, j] for j in range(m)] for i in range(m)]
        e = [c[i, 0] for i in range(m)]
        w_left = _inconsistency(E, e)
        if w_left is not None:  # (I − P) z = c has no solution at all
            return ["empty", {"rows": [], "y": [], "eq": [fmt(v) for v in w_left]}]
        G = np.array([r[2] for r in rows])
        g = np.array([r[3] for r in rows])
        Ef = np.array([[float(x) for x in r] for r in E])
        status, _, dual = lp_feasible(G, g, Ef, np.array([float(x) for x in e]))
        if status == "empty" and dual is not None and dual[1] is not None:
            farkas = exact_farkas([r[0] for r in rows], [r[1] for r in rows], dual[0], E, e, dual[1])
            if farkas is not None:
                rws, y, weq = farkas
                return ["empty", {"rows": rws, "y": [fmt(v) for v in y], "eq": [fmt(v) for v in weq]}]
        reason = "det(I - P) = 0 and its cylinder may hold a continuum of periodic points (not proved empty)"
        self.undecided.append({"word": [list(x) for x in w], "reason": reason})
        return ["undecided", reason]

    def _start(self, res: CycleResult, w) -> int:
        """Index r of the orbit point that starts the word w (its unique cylinder solution)."""
        P, c = compose(self.model, [self.full_pattern(x) for x in w])
        for r, z in enumerate(res.points):
            zq = flint.fmpq_mat([[flint.fmpq(x.numerator, x.denominator)] for x in z])
            if P * zq + c == zq:
                return r
        raise AssertionError("certified orbit does not solve its own word")  # a certifier bug


def certify_census(model: PLModel, k: int, budget: float = 60.0, tick=None) -> CensusResult:
    """Walk all words of length k; a complete, kernel-checkable census of minimal-period-k orbits, or why not."""
    t0 = time.perf_counter()
    walk = _Walk(model, k, t0 + budget, tick)
    eye = flint.fmpq_mat(model.dim, model.dim)
    for i in range(model.dim):
        eye[i, i] = 1
    try:
        tree = walk.run([], [], eye, flint.fmpq_mat(model.dim, 1), [], np.zeros(model.dim))
    except OverflowError:  # the float copies guiding the LPs: a long expanding word leaves float range
        return CensusResult(
            k,
            False,
            "the walk met coefficients beyond float range (no float LP guide); stopped there",
            walk.found,
            walk.border,
            stats=walk.stats,
            undecided=walk.undecided,
        )
    except CensusIncomplete as e:
        reason = str(e) + (f" (and {_undecided_text(walk.undecided)})" if walk.undecided else "")
        return CensusResult(k, False, reason, walk.found, walk.border, stats=walk.stats, undecided=walk.undecided)
    walk.stats["seconds"] = time.perf_counter() - t0
    if walk.undecided:
        reason = _undecided_text(walk.undecided)
        return CensusResult(k, False, reason, walk.found, walk.border, stats=walk.stats, undecided=walk.undecided)

    def listed(results):
        return [
            {"itinerary": [list(d) for d in r.itinerary], "points": [[fmt(x) for x in p] for p in r.points]}
            for r in results
        ]

    cert = make_certificate(
        model,
        "cycle-census",
        {"period": k, "orbits": listed(walk.found), "border_orbits": listed(walk.border)},
        {"nodes": _flatten(tree)},
    )
    return CensusResult(k, True, "", walk.found, walk.border, cert, walk.stats)


def _flatten(tree: list) -> list:
    """The tree as a flat node list (proofs/README.md §2 cycle-census, "nodes"): node 0 is the root, a
    split names its children by index, so the JSON nests no deeper than a node however long the period."""
    nodes: list = [None]
    todo = [(tree, 0)]
    while todo:
        node, i = todo.pop()
        if node[0] == "split":
            nodes.extend([None, None])
            j = len(nodes) - 2
            nodes[i] = ["split", j, j + 1]
            todo += [(node[2], j + 1), (node[1], j)]
        else:
            nodes[i] = node
    return nodes


def orbit_key(res: CycleResult) -> tuple:
    """The orbit's identity: its set of points as the least rotation of its point sequence (an orbit of
    minimal period k has k distinct points, so this does not depend on where the sequence starts)."""
    pts = [tuple(p) for p in res.points]
    return min(tuple(pts[r:] + pts[:r]) for r in range(len(pts)))


def _undecided_text(undecided: list[dict]) -> str:
    words = ", ".join(" ".join("".join(map(str, x)) for x in u["word"]) for u in undecided[:20])
    n = len(undecided)
    more = f", ... (all {n} in the --json census entry)" if n > 20 else ""
    plural = "s" if n > 1 else ""
    return f"{n} undecided word{plural} (det(I - P) = 0, a continuum of periodic points not excluded): {words}{more}"


def _inconsistency(E: list, e: list):
    """A rational w with wᵀE = 0 and wᵀe < 0 if E z = e has no solution, else None (exact)."""
    m = len(E)
    aug = flint.fmpq_mat([[E[i][j] for j in range(m)] + [e[i]] for i in range(m)])
    if aug.rank() == flint.fmpq_mat(E).rank():
        return None
    Et = flint.fmpq_mat([[E[i][j] for i in range(m)] for j in range(m)])  # w in the null space of Eᵀ
    rref, rank = Et.rref()
    pivots, row = [], 0
    for col in range(m):
        if row < rank and rref[row, col] != 0:
            pivots.append(col)
            row += 1
    for free in (col for col in range(m) if col not in pivots):
        w = [flint.fmpq(0)] * m
        w[free] = flint.fmpq(1)
        for r, pc in enumerate(pivots):
            w[pc] = -rref[r, free]
        value = sum((w[i] * e[i] for i in range(m)), flint.fmpq(0))
        if value != 0:
            sign = -1 if value > 0 else 1
            return [from_fmpq(sign * x) for x in w]
    return None
