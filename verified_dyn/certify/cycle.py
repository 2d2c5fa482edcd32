"""Certify the periodic orbit of an itinerary exactly (MATH §2).

Proposition: for an itinerary d_1..d_k with det(I − P) != 0, the unique solution z_1 of
(I − P) z_1 = c and its images z_{j+1} = M_{d_j} z_j + c_{d_j} form a periodic orbit of F of minimal
period k lying in the open regions d_j, and P has the certified eigenvalue counts.

Outcomes (``CycleResult.status``):
- ``"cycle"``: interior orbit of minimal period k; a ``periodic-orbit`` certificate is attached.
- ``"border"``: the orbit exists but touches a switching hyperplane (closed regions, some active
  pre-activation exactly 0); a ``border-orbit`` certificate is attached, no type is claimed.
- ``"degenerate"``: det(I − P) = 0 — a continuum of solutions (``consistent``) or none; never a cycle.
- ``"infeasible"``: the unique solution leaves some region strictly: no orbit has this itinerary.
- ``"not-minimal"``: the orbit closes earlier (a border orbit seen through a longer itinerary).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import flint

from ..errors import CertifyError
from ..models.pl import PLModel
from ..models.regions import region_map
from ..rationals import col_to_fractions
from .certificate import make_certificate
from .spectrum import Counts, spectrum_witness

Pattern = tuple[int, ...]


@dataclass
class CycleResult:
    status: str
    itinerary: tuple[Pattern, ...]
    points: list | None = None  # exact points (lists of Fraction), canonical rotation
    counts: Counts | None = None
    certificate: dict | None = None
    detail: str = ""
    timings: dict = field(default_factory=dict)
    solution: list | None = None  # exact unique solution z of (I - P) z = c (infeasible / not-minimal)
    violation: tuple[int, int] | None = None  # (step, unit) strictly violated (infeasible)
    shorter: int | None = None  # the smaller period (not-minimal)
    path: str | None = None  # where the gate wrote the kernel-valid certificate, if asked

    @property
    def period(self) -> int:
        return len(self.itinerary)


def least_rotation(seq: tuple) -> int:
    """Index r such that seq[r:] + seq[:r] is the lexicographically least rotation."""
    k = len(seq)
    return min(range(k), key=lambda r: seq[r:] + seq[:r]) if k else 0


def rotate(seq, r):
    return tuple(seq[r:]) + tuple(seq[:r])


def _validate(model: PLModel, itinerary) -> tuple[Pattern, ...]:
    it = tuple(tuple(int(b) for b in d) for d in itinerary)
    if not it:
        raise CertifyError("an itinerary needs at least one region")
    for j, d in enumerate(it):
        if len(d) != model.hidden or any(b not in (0, 1) for b in d):
            raise CertifyError(f"itinerary entry {j} must be {model.hidden} bits 0/1, got {d}")
    return it


def compose(model: PLModel, itinerary) -> tuple[flint.fmpq_mat, flint.fmpq_mat]:
    """(P, c) with F^k = P z + c along the itinerary: P = M_{d_k} ... M_{d_1}."""
    maps = {}
    P = flint.fmpq_mat(model.dim, model.dim)
    for i in range(model.dim):
        P[i, i] = 1
    c = flint.fmpq_mat(model.dim, 1)
    for d in itinerary:
        if d not in maps:
            maps[d] = region_map(model, d)
        M, cd = maps[d]
        P, c = M * P, M * c + cd
    return P, c


def certify_cycle(model: PLModel, itinerary, *, with_certificate: bool = True) -> CycleResult:
    """Solve, check and certify the periodic orbit of an itinerary; see the module docstring."""
    t0 = time.perf_counter()
    it = _validate(model, itinerary)
    k, n = len(it), model.dim
    P, c = compose(model, it)
    ImP = -P
    for i in range(n):
        ImP[i, i] += 1
    if ImP.det() == 0:
        aug = flint.fmpq_mat(n, n + 1, [ImP[i, j] if j < n else c[i, 0] for i in range(n) for j in range(n + 1)])
        consistent = aug.rank() == ImP.rank()
        return CycleResult(
            "degenerate", it, detail="det(I - P) = 0: " + ("a continuum of solutions" if consistent else "no solution")
        )
    z = ImP.solve(c)
    q = model.q
    orbit, actual, touches = [], [], False
    for j, d in enumerate(it):
        u = q["W2"] * z + q["h2"] if model.hidden else None
        bits = list(d)
        for i in range(model.hidden):
            ui = u[i, 0]
            if i not in model.active_units:
                bits[i] = 1 if ui > 0 else 0
            elif ui == 0:
                touches = True
            elif (ui > 0) != bool(d[i]):
                return CycleResult(
                    "infeasible",
                    it,
                    detail=f"step {j + 1}, unit {i}: pre-activation {ui} has the wrong sign for the region",
                    solution=col_to_fractions(ImP.solve(c)),
                    violation=(j, i),
                )
        orbit.append(z)
        actual.append(tuple(bits))
        M, cd = region_map(model, d)
        z = M * z + cd
    points = [col_to_fractions(x) for x in orbit]
    period = next(e for e in range(1, k + 1) if k % e == 0 and (e == k or points[e] == points[0]))
    if period < k:
        return CycleResult(
            "not-minimal",
            it,
            points,
            detail=f"the orbit has minimal period {period}",
            solution=points[0],
            shorter=period,
        )
    if touches:
        actual = [_closed_bits(model, p) for p in points]
    pts = [tuple(p) for p in points]  # least rotation of the itinerary, ties (a repeating word) by the points
    r = min(range(k), key=lambda r: (rotate(actual, r), rotate(pts, r)))
    it, points, orbit = rotate(actual, r), list(rotate(points, r)), list(rotate(orbit, r))
    t1 = time.perf_counter()
    if touches:
        cert = (
            make_certificate(model, "border-orbit", {"period": k, "itinerary": it}, {"points": points})
            if with_certificate
            else None
        )
        return CycleResult("border", it, points, None, cert, "touches a switching hyperplane", {"solve": t1 - t0})
    Pr, _ = compose(model, it)
    counts, spec = spectrum_witness(Pr)
    t2 = time.perf_counter()
    cert = None
    if with_certificate:
        claim = {
            "period": k,
            "itinerary": it,
            "eigenvalues": {"inside": counts.inside, "on": counts.on, "outside": counts.outside},
            "orbit_type": counts.orbit_type,
        }
        cert = make_certificate(model, "periodic-orbit", claim, {"points": points, "spectrum": spec})
    return CycleResult("cycle", it, points, counts, cert, timings={"solve": t1 - t0, "spectrum": t2 - t1})


def _closed_bits(model: PLModel, point) -> Pattern:
    return tuple(1 if u > 0 else 0 for u in model.preactivation(point))
