"""Issue 12: the census never lists fewer orbits than the exhaustive search, on degenerate models.

A corpus of small random PL models of the four kinds with forced degeneracies (zero rows / columns of
the weights, an eigenvalue 1 of A, a hidden unit whose W2 row is zero): at every period the orbits the
census lists (interior and border, kernel-checked) include every orbit the exhaustive enumeration
proves; a complete census lists exactly those and its certificate is kernel-PROVED; an incomplete
one names its undecided words. A few dozen models run always; the whole corpus with --runslow.
"""

import numpy as np
import pytest

from verified_dyn.certify.census import orbit_key
from verified_dyn.models import model_from_dict
from verified_dyn.pipelines.cycles import certified_cycles

KINDS = ("plrnn", "shplrnn", "alrnn", "clipped-shplrnn")
PERIODS = 3


def _q(rng, shape, zero=0.3):
    """Small halves, about ``zero`` of them 0, as strings."""
    x = rng.integers(-4, 5, size=shape) * (rng.random(shape) > zero)
    return [[f"{v}/2" for v in row] for row in np.atleast_2d(x)]


def degenerate_model(seed: int) -> dict:
    rng = np.random.default_rng([12, seed])
    kind = KINDS[seed % 4]
    m = int(rng.integers(1, 4))
    h = int(rng.integers(1, 4)) if kind in ("shplrnn", "clipped-shplrnn") else m
    A = np.diag(rng.integers(-2, 3, size=m) / 2).astype(object)
    A[int(rng.integers(m)), int(rng.integers(m))] = 1  # an eigenvalue 1 of A (on the diagonal, or near it)
    A = [[str(v) if i == j else "0" for j, v in enumerate(row)] for i, row in enumerate(A)]
    h1 = [str(v) for v in rng.integers(-2, 3, size=m) * (rng.random(m) > 0.5)]
    d: dict = {"kind": kind, "A": A}
    if kind in ("shplrnn", "clipped-shplrnn"):
        W1, W2 = _q(rng, (m, h)), _q(rng, (h, m))
        W2[int(rng.integers(h))] = ["0"] * m  # a hidden unit whose W2 row is zero
        if rng.random() < 0.5:
            W1[int(rng.integers(m))] = ["0"] * h  # a coordinate on which the map is linear
        d.update(W1=W1, W2=W2, h1=h1, h2=[str(v) for v in rng.integers(-2, 3, size=h)])
    else:
        W = _q(rng, (m, m))
        col = int(rng.integers(m))
        for row in W:
            row[col] = "0"  # a unit that feeds nothing
        d.update(W=W, h=h1)
        if kind == "alrnn":
            d["P"] = int(rng.integers(0, m + 1))
    return d


def compare(seed: int) -> tuple[bool, int]:
    """(every period complete, number of undecided words); asserts the census misses nothing."""
    model = model_from_dict(degenerate_model(seed))
    ex = certified_cycles(model, max_period=PERIODS, strategy="exhaustive", progress=False)
    co = certified_cycles(model, max_period=PERIODS, strategy="complete", budget=60.0, progress=False)
    assert not ex.rejected and not co.rejected
    listed = {orbit_key(r) for r in co.cycles + co.border_orbits}
    proved = {orbit_key(r) for r in ex.cycles + ex.border_orbits}
    assert proved <= listed, f"seed {seed}: the census misses {len(proved - listed)} orbits"
    undecided = 0
    for k, (census, verdict) in co.censuses.items():
        undecided += len(census.undecided)
        if census.complete:
            assert verdict is not None and verdict.verdict == "PROVED", (seed, k, verdict)
        else:
            assert census.undecided or "budget" in census.reason, (seed, k, census.reason)
    if co.complete:
        assert listed == proved, f"seed {seed}: a complete census lists an orbit the enumeration did not"
    return co.complete, undecided


@pytest.mark.parametrize("seed", range(24))
def test_census_lists_every_orbit_of_a_degenerate_model(seed):
    compare(seed)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(24, 120))
def test_census_lists_every_orbit_of_a_degenerate_model_slow(seed):
    compare(seed)
