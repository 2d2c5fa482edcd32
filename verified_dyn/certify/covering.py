"""Certified topological-entropy lower bounds by covering relations (claim `covering-horseshoe`,
proofs/README.md §10; MATH.md §4 "Entropy lower bound").

Theorem (checked by the kernel, verified_dyn/kernel/claims/covering.py): disjoint boxes N_i of a common
rational frame x = c + B (u, s), an iterate n with F^n affine on every N_i, and covering relations
i => j of degree +-1 (faces u = a_i, u = b_i mapped strictly beyond a_j, b_j; image inside |s| < 1)
with 0/1 matrix T; then F has a compact invariant set of entropy >= log(rho(T)) / n, and a non-negative
integer vector v with T v >= r v proves rho(T) >= r (Collatz-Wielandt).

How candidates are found (float proposals from verified_dyn.search.covering are never trusted;
the driver is verified_dyn.api.entropy):
1. frames: in 1-D the hull of bounded float orbits; in M-D the saddle fixed points (one real
   eigenvalue |lam| > 1) of the regions visited by bounded orbits, with u along the unstable and s along
   the other eigen-directions, at a few scales; centre and basis rationalized;
2. for n = 1..max_iterate: the strips (laps) on which F^n is affine, the float covering graph and its
   strongly connected component of largest spectral radius;
3. the best proposals by log(rho)/n: endpoints rationalized, every set's vertex images computed exactly
   (python-flint fmpq), the covering graph recomputed exactly on all pairs, its best component, an integer
   Perron vector and the exact Collatz-Wielandt ratio r (rounded down to three decimals); the certificate
   is returned only if the kernel proves it.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import flint
import numpy as np

from ..graphs import best_component, perron_vector
from ..models.pl import PLModel
from ..rationals import fmt, from_fmpq, to_fmpq
from .certificate import envelope

CLAIM = "covering-horseshoe"
OBLIGATIONS = ["well-formed", "model-hash", "frame", "disjoint-sets", "affine-maps", "coverings", "spectral-bound"]


def bound_string(r: Fraction, n: int) -> str:
    """The claim's bound as written in certificates and reports: "log(r)/n"."""
    return f"log({fmt(r)})/{n}"


def covering_certificate(
    model: PLModel, *, iterate: int, centre, basis, sets, itineraries, coverings, vector, rho_lower
) -> dict:
    """A `covering-horseshoe` certificate from exact data (rationals as Fraction / int / fmpq)."""
    r = Fraction(rho_lower)
    return envelope(
        model,
        {
            "type": CLAIM,
            "iterate": int(iterate),
            "frame": {"centre": [fmt(x) for x in centre], "basis": [[fmt(x) for x in row] for row in basis]},
            "sets": [
                {"u": [fmt(a), fmt(b)], "itinerary": [[int(x) for x in d] for d in itin]}
                for (a, b), itin in zip(sets, itineraries)
            ],
            "coverings": [[int(i), int(j), int(d)] for i, j, d in coverings],
            "rho_lower": fmt(r),
            "entropy_lower_bound": bound_string(r, iterate),
        },
        {"vector": [int(x) for x in vector]},
        OBLIGATIONS,
        method="covering relations",
    )


# ---- exact certification ---------------------------------------------------------------------


class ExactStrips:
    """Exact vertex images of strips {u in [a, b], |s| <= 1} of a rational frame under F^n (flint)."""

    def __init__(self, model: PLModel, centre: list[Fraction], basis: list[list[Fraction]]):
        self.model, m = model, model.dim
        self.c = flint.fmpq_mat(m, 1, [to_fmpq(x) for x in centre])
        self.B = flint.fmpq_mat(m, m, [to_fmpq(x) for row in basis for x in row])
        self.Binv = self.B.inv()
        self.signs = list(itertools.product((-1, 1), repeat=m - 1))
        self.maps: dict[tuple, tuple] = {}

    def _map(self, d: tuple[int, ...]):
        if d not in self.maps:
            q, H = self.model.q, self.model.hidden
            D = flint.fmpq_mat(H, H, [int(i == j and d[i]) for i in range(H) for j in range(H)])
            self.maps[d] = (q["A"] + q["W1"] * D * q["W2"], q["h1"] + q["W1"] * D * q["h2"])
        return self.maps[d]

    def images(self, a: Fraction, b: Fraction, itin) -> list[tuple[int, list[Fraction]]] | None:
        """(face, frame coordinates of F^n(vertex)) for the 2^M vertices, or None if some vertex or
        intermediate image leaves the closed region of its pattern (non-inert units)."""
        q, inert, out = self.model.q, self.model.inert, []
        for face, u in enumerate((a, b)):
            for sg in self.signs:
                z = self.c + self.B * flint.fmpq_mat(len(sg) + 1, 1, [to_fmpq(u), *sg])
                for d in itin:
                    pre = q["W2"] * z + q["h2"]
                    if any(
                        not inert[i] and ((d[i] and pre[i, 0] < 0) or (not d[i] and pre[i, 0] > 0))
                        for i in range(len(d))
                    ):
                        return None
                    Md, cd = self._map(tuple(d))
                    z = Md * z + cd
                y = self.Binv * (z - self.c)
                out.append((face, [from_fmpq(y[k, 0]) for k in range(y.nrows())]))
        return out


def _exact_graph(sets, images) -> tuple[np.ndarray, dict]:
    k = len(sets)
    T, degree = np.zeros((k, k), dtype=bool), {}
    for i in range(k):
        img = images[i]
        if img is None or any(not -1 < s < 1 for _, y in img for s in y[1:]):
            continue
        fa = [y[0] for f, y in img if f == 0]
        fb = [y[0] for f, y in img if f == 1]
        for j, (a, b) in enumerate(sets):
            if max(fa) < a and min(fb) > b:
                T[i, j], degree[i, j] = True, 1
            elif max(fb) < a and min(fa) > b:
                T[i, j], degree[i, j] = True, -1
    return T, degree


def _rationalize(x: float, den: int) -> Fraction:
    return Fraction(x).limit_denominator(den)


def certify_proposal(model: PLModel, centre, basis, proposal) -> tuple[dict | None, str]:
    """Exact certification of one float proposal (any object with ``sets``, ``itineraries`` and
    ``iterate``): (certificate, summary) or (None, reason). The caller has the kernel check it."""
    sets = [(_rationalize(a, 10**9), _rationalize(b, 10**9)) for a, b in proposal.sets]
    order = sorted(range(len(sets)), key=lambda i: sets[i][0])
    if any(not sets[p][1] < sets[q][0] for p, q in zip(order, order[1:])) or any(a >= b for a, b in sets):
        return None, "rationalized sets overlap"
    strips = ExactStrips(model, centre, basis)
    images = [strips.images(a, b, it) for (a, b), it in zip(sets, proposal.itineraries)]
    T, degree = _exact_graph(sets, images)
    comp, rho = best_component(T)
    if rho <= 1:
        return None, "no exact covering graph with spectral radius > 1"
    sub = T[np.ix_(comp, comp)]
    v = perron_vector(sub)
    ratio = min(Fraction(int(sum(v[j] for j in range(len(comp)) if sub[i, j])), v[i]) for i in range(len(comp)))
    r = Fraction(math.floor(ratio * 1000), 1000)
    if r <= 1:
        return None, f"Collatz-Wielandt ratio {float(ratio):.4f} too small"
    index = {i: t for t, i in enumerate(comp)}
    coverings = [(index[i], index[j], degree[i, j]) for i in comp for j in comp if T[i, j]]
    cert = covering_certificate(
        model,
        iterate=proposal.iterate,
        centre=centre,
        basis=basis,
        sets=[sets[i] for i in comp],
        itineraries=[proposal.itineraries[i] for i in comp],
        coverings=coverings,
        vector=v,
        rho_lower=r,
    )
    n = proposal.iterate
    return cert, (
        f"h_top >= {bound_string(r, n)} = {math.log(r) / n:.6f} (covering horseshoe: "
        f"{len(comp)} sets, {len(coverings)} coverings, F^{n})"
    )
