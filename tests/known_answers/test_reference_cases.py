"""Known answers from REFERENCE_CASES.md (sources named per test), through enumerator, certifier and kernel.

Every expected value here comes from an independent source: a closed form (tent map conjugate to the
2-shift), a published table (Lozi orbit counts), or the Gardini et al. / SCYFI facts in REFERENCE_CASES.md.
"""

from fractions import Fraction as Q

import numpy as np
import pytest

from verified_dyn.kernel import check
from verified_dyn.models import load_model
from verified_dyn.pipelines.cycles import certified_cycles


def prime_orbit_counts_full_shift(p):
    """(1/p) sum_{d | p} mu(p/d) 2^d, written out independently of the package."""

    def mu(n):
        r, k = 1, 2
        while k * k <= n:
            if n % k == 0:
                n //= k
                if n % k == 0:
                    return 0
                r = -r
            k += 1
        return -r if n > 1 else r

    return sum(mu(p // d) * 2**d for d in range(1, p + 1) if p % d == 0) // p


@pytest.fixture(scope="module")
def tent():
    return certified_cycles(load_model("tent_2"), max_period=10, progress=False)


def test_tent_counts_are_the_full_shift(tent):
    # REFERENCE_CASES: 2, 1, 2, 3, 6, 9, 18, 30, 56, 99
    expected = {p: prime_orbit_counts_full_shift(p) for p in range(1, 11)}
    assert expected == {1: 2, 2: 1, 3: 2, 4: 3, 5: 6, 6: 9, 7: 18, 8: 30, 9: 56, 10: 99}
    assert tent.counts() == expected


def test_tent_points_have_the_known_denominators_and_all_repel(tent):
    # REFERENCE_CASES: every periodic point is rational with denominator dividing 2^p - 1 or 2^p + 1
    for r in tent.cycles:
        p = r.period
        for (x,) in r.points:
            assert (2**p - 1) % x.denominator == 0 or (2**p + 1) % x.denominator == 0
        assert r.counts.orbit_type == "repelling"
    # 0 is a fixed point but lies at the kink? no: the kink is x = 1/2, so no border orbits
    assert not tent.border_orbits and not tent.rejected


@pytest.fixture(scope="module")
def lozi():
    return certified_cycles(load_model("lozi"), max_period=10, progress=False)


def test_lozi_counts(lozi):
    # REFERENCE_CASES (exact, complete): 2, 1, 0, 1, 0, 4, 4, 7, 10, 12 for p = 1..10
    assert lozi.counts() == dict(zip(range(1, 11), [2, 1, 0, 1, 0, 4, 4, 7, 10, 12]))


def test_lozi_all_saddles_none_on_the_switching_line(lozi):
    assert all(r.counts.orbit_type == "saddle" for r in lozi.cycles)
    assert not lozi.border_orbits and not lozi.rejected


def test_lozi_flip_saddle_fixed_point(lozi):
    fixed = [r for r in lozi.cycles if r.period == 1 and r.points[0][0] > 0]
    assert [r.points[0] for r in fixed] == [[Q(5, 11), Q(5, 22)]]


def gardini(name, max_period=6):
    return certified_cycles(load_model(name), max_period=max_period, progress=False)


def approx(point, target, tol=5e-4):
    return np.allclose([float(x) for x in point], target, atol=tol)


def test_gardini_3a_left():
    rep = gardini("gardini_3a_left")
    assert rep.counts() == {1: 1, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0}
    (r,) = rep.cycles
    assert r.points[0] == [Q(-1, 9), Q(13, 1350)] and r.counts.orbit_type == "saddle"
    assert r.itinerary[0][0] == 0  # region x < 0


def test_gardini_3a_right():
    rep = gardini("gardini_3a_right")
    assert rep.counts() == {1: 2, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0}
    types = {r.counts.orbit_type: r for r in rep.cycles}
    assert approx(types["attracting"].points[0], [-0.3913, 0.5998])
    assert types["attracting"].itinerary[0][0] == 0
    assert approx(types["saddle"].points[0], [0.9278, -0.0881])
    assert types["saddle"].itinerary[0][0] == 1


def test_gardini_3b_left():
    rep = gardini("gardini_3b_left")
    assert rep.counts() == {1: 1, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0}
    (fp,) = [r for r in rep.cycles if r.period == 1]
    assert fp.counts.orbit_type == "attracting" and approx(fp.points[0], [-0.4545, 0.4091])
    (c3,) = [r for r in rep.cycles if r.period == 3]
    assert c3.counts.orbit_type == "saddle"
    assert sorted(d[0] for d in c3.itinerary) == [0, 0, 1]  # L L R


def test_gardini_3b_right():
    rep = gardini("gardini_3b_right")
    assert rep.counts() == {1: 1, 2: 0, 3: 0, 4: 1, 5: 2, 6: 0}
    (fp,) = [r for r in rep.cycles if r.period == 1]
    assert fp.points[0] == [-1, Q(9, 10)] and fp.counts.orbit_type == "attracting"
    words = sorted("".join("LR"[d[0]] for d in r.itinerary) for r in rep.cycles if r.period > 1)
    assert words == ["LLLLR", "LLLR", "LLLRR"]
    assert all(r.counts.orbit_type == "saddle" for r in rep.cycles if r.period > 1)


def test_gardini_fig5_counts_and_flip_saddle():
    rep = gardini("gardini_fig5", 8)
    assert rep.counts() == dict(zip(range(1, 9), [1, 1, 2, 3, 4, 5, 6, 6]))
    assert all(r.counts.orbit_type == "saddle" for r in rep.cycles)
    (fp,) = [r for r in rep.cycles if r.period == 1]
    assert approx(fp.points[0], [-0.2885, -0.1651]) and fp.itinerary[0][0] == 0
    # flip saddle: eigenvalues about -1.428 and -0.192 -> det > 0, trace < 0
    M = np.array([[float(x) for x in row] for row in load_model("gardini_fig5").A])
    ev = np.sort(np.linalg.eigvals(M))
    assert np.allclose(ev, [-1.428, -0.192], atol=2e-3)


def test_trained_checkpoint_0_fixed_points():
    # REFERENCE_CASES: exactly 5 fixed points, 3 attracting (spectral radius ~0.711, 0.712, 0.912) and
    # 2 saddles with one unstable direction; one attractor near the listed point.
    model = load_model("scyfi_multistable", 0)
    rep = certified_cycles(model, period=1, progress=False)
    assert sum(rep.tried.values()) == 1024
    assert len(rep.cycles) == 5 and not rep.border_orbits and not rep.degenerate
    kinds = sorted(r.counts.orbit_type for r in rep.cycles)
    assert kinds == ["attracting"] * 3 + ["saddle"] * 2
    assert all(r.counts.outside == 1 for r in rep.cycles if r.counts.orbit_type == "saddle")
    target = [0.1568, -0.7916, -0.7744, -0.4376, -0.0233, 0.3373, 0.2251, -0.7519]
    assert any(approx(r.points[0], target) for r in rep.cycles)
    radii = []
    for r in rep.cycles:
        from verified_dyn.models import region_map

        M, _ = region_map(model, r.itinerary[0])
        radii.append(max(abs(np.linalg.eigvals(np.array([[float(M[i, j]) for j in range(8)] for i in range(8)])))))
    assert np.allclose(sorted(radii), [0.711, 0.712, 0.912, 1.015, 1.038], atol=2e-3)


def test_every_reported_orbit_certificate_is_kernel_proved(lozi):
    for r in lozi.cycles[:10]:
        assert check(r.certificate).verdict == "PROVED"
