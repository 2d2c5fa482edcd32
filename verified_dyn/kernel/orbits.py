"""The orbit claims: `periodic-orbit` and `border-orbit` (proofs/README.md §2).

`orbit_steps` lists the obligations of the claim type in the order of the README, each a finite
exact computation on the certificate's data. Indices in details are 0-based JSON
positions: points[j] is z_{j+1} of the README.
"""
from __future__ import annotations

from . import pwa
from .grammar import ORBIT_OBLIGATIONS, Certificate, parse_certificate
from .model import hash_of
from .spectrum import spectrum_counts
from .verdict import Fail, Step


def check_model_hash(c: Certificate, expected_hash: str | None) -> str:
    """The hash recomputed from the normal form equals model.hash and the expected hash if given.

    Fails with both hashes named. README §1 "The model hash", §2 obligation `model-hash`.
    """
    digest = hash_of(c.nf)
    if digest != c.hash:
        raise Fail(f"recomputed {digest} != model.hash {c.hash}")
    if expected_hash is not None and digest != expected_hash:
        raise Fail(f"recomputed {digest} != expected hash {expected_hash}")
    return digest


def check_orbit_closes(c: Certificate) -> str:
    """F(z_j) = z_{j+1} for j < k and F(z_k) = z_1, with the real map F (relu, not the itinerary).

    Fails at the first j and coordinate where the exact image differs from the next point.
    """
    for j, z in enumerate(c.points):
        image, nxt = pwa.apply(c.nf, z), c.points[(j + 1) % c.period]
        for r, (x, y) in enumerate(zip(image, nxt)):
            if x != y:
                raise Fail(f"F(points[{j}])[{r}] = {x} != points[{(j + 1) % c.period}][{r}] = {y}")
    return f"{c.period} exact images checked"


def check_open_regions(c: Certificate) -> str:
    """z_j lies in the open region of d_j for every j (strict signs of non-inert units).

    Fails naming j, the unit, its pre-activation u and the pattern bit.
    """
    for j, (z, d) in enumerate(zip(c.points, c.itinerary)):
        bad = pwa.open_region_violation(c.nf, z, d)
        if bad:
            raise Fail(f"points[{j}] not in the open region of itinerary[{j}]: {bad}")
    return f"{c.period} points interior"


def check_closed_regions(c: Certificate) -> str:
    """z_j lies in the closed region of d_j for every j (weak signs). Fails naming j, unit, u."""
    for j, (z, d) in enumerate(zip(c.points, c.itinerary)):
        bad = pwa.closed_region_violation(c.nf, z, d)
        if bad:
            raise Fail(f"points[{j}] not in the closed region of itinerary[{j}]: {bad}")
    return f"{c.period} points in their closed regions"


def check_touches_border(c: Certificate) -> str:
    """Some non-inert unit i has u_i(z_j) = 0 for some j. Fails if no orbit point is on a border."""
    for j, z in enumerate(c.points):
        units = pwa.border_units(c.nf, z)
        if units:
            return f"points[{j}] has u = 0 at non-inert unit {units[0]}"
    raise Fail("no point has a zero pre-activation at a non-inert unit")


def check_minimal_period(c: Certificate) -> str:
    """z_1 != z_{1+e} for every proper divisor e of k (so, the orbit closing, k is minimal).

    Fails naming the divisor e for which points[0] == points[e].
    """
    for e in range(1, c.period):
        if c.period % e == 0 and c.points[0] == c.points[e]:
            raise Fail(f"points[0] == points[{e}] for the proper divisor e = {e} of k = {c.period}")
    return f"minimal period {c.period}"


def orbit_type_of(counts: tuple[int, int, int]) -> str:
    """The type of (s, c, u): attracting u = c = 0; repelling s = c = 0; non-hyperbolic c > 0; saddle."""
    s, c, u = counts
    if c > 0:
        return "non-hyperbolic"
    if u == 0:
        return "attracting"
    return "repelling" if s == 0 else "saddle"


def check_eigenvalue_counts(c: Certificate) -> str:
    """P = M_{d_k} ... M_{d_1} has exactly (s, c, u) eigenvalues inside / on / outside the unit
    circle, proved by the spectrum witness (README §3), and orbit_type agrees with (s, c, u).

    Fails with the proved and claimed counts, or the first failing witness check.
    """
    p = pwa.itinerary_product(c.nf, c.itinerary)
    proved = spectrum_counts(p, c.spectrum)  # type: ignore[arg-type]
    if proved != c.counts:
        raise Fail(f"the witness proves (inside, on, outside) = {proved}, the claim says {c.counts}")
    kind = orbit_type_of(proved)
    if kind != c.orbit_type:
        raise Fail(f"orbit_type {c.orbit_type!r} but counts {proved} make it {kind!r}")
    return f"(inside, on, outside) = {proved}, {kind}"


def orbit_steps(cert: dict, claim_type: str, expected_hash: str | None) -> list[tuple[str, Step]]:
    """The obligations of an orbit claim, in README order, as (name, step) pairs for the runner."""
    box: dict[str, Certificate] = {}

    def well_formed() -> str:
        box["c"] = parse_certificate(cert, claim_type)
        return "grammar of format version 1"

    steps = {
        "well-formed": well_formed,
        "model-hash": lambda: check_model_hash(box["c"], expected_hash),
        "orbit-closes": lambda: check_orbit_closes(box["c"]),
        "open-regions": lambda: check_open_regions(box["c"]),
        "closed-regions": lambda: check_closed_regions(box["c"]),
        "touches-border": lambda: check_touches_border(box["c"]),
        "minimal-period": lambda: check_minimal_period(box["c"]),
        "eigenvalue-counts": lambda: check_eigenvalue_counts(box["c"]),
    }
    return [(name, steps[name]) for name in ORBIT_OBLIGATIONS[claim_type]]


CLAIMS = {t: (obligations, orbit_steps) for t, obligations in ORBIT_OBLIGATIONS.items()}
