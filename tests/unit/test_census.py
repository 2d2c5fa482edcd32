"""certify_census on maps whose periodic orbits are known by hand, including degenerate words."""

from fractions import Fraction as Q

from verified_dyn.certify.census import certify_census
from verified_dyn.kernel import check
from verified_dyn.models import model_from_dict


def census(d, k):
    r = certify_census(model_from_dict(d), k)
    if r.complete:
        assert check(r.certificate).verdict == "PROVED"
    return r


def test_translation_branch_is_proved_empty_by_an_equality_farkas_vector():
    # z' = z + 1 - relu(z)/2: on z < 0 a translation (no fixed point, det(I - P) = 0, inconsistent),
    # on z > 0, z' = z/2 + 1 has the fixed point 2 (attracting); no 2-cycle (monotone increasing map)
    d = {"kind": "plrnn", "A": [1], "W": [["-1/2"]], "h": [1]}
    r1 = census(d, 1)
    assert r1.complete and [o.points for o in r1.orbits] == [[[Q(2)]]]
    assert r1.orbits[0].counts.orbit_type == "attracting"
    r2 = census(d, 2)
    assert r2.complete and not r2.orbits and not r2.border_orbits


def test_continuum_of_fixed_points_is_never_claimed_complete():
    # z' = z - relu(z)/2: every z <= 0 is fixed (a continuum): no census may claim completeness
    r = certify_census(model_from_dict({"kind": "plrnn", "A": [1], "W": [["-1/2"]], "h": [0]}), 1)
    assert not r.complete and "continuum" in r.reason and r.certificate is None


def test_rotation_region_continuum_of_4_cycles_is_not_claimed():
    # near the origin (both pre-activations < 0) the map is the rotation by 90 degrees: every point
    # there except the origin lies on a 4-cycle; periods 1 and 2 have only the fixed point 0
    d = {
        "kind": "shplrnn",
        "A": [[0, -1], [1, 0]],
        "W1": [["1/2", 0], [0, "1/2"]],
        "W2": [[1, 0], [0, 1]],
        "h1": [0, 0],
        "h2": [-10, -10],
    }
    r1 = census(d, 1)
    assert r1.complete and [o.points[0] for o in r1.orbits][0] == [0, 0]
    assert r1.orbits[0].counts.orbit_type == "non-hyperbolic"
    assert census(d, 2).complete
    r4 = certify_census(model_from_dict(d), 4)
    assert not r4.complete and "continuum" in r4.reason


def test_affine_map_without_switching_units():
    # z' = z/2 + 1 written with an inert unit: fixed point 2, nothing of period 3
    d = {"kind": "plrnn", "A": [["1/2"]], "W": [[0]], "h": [1]}
    r1, r3 = census(d, 1), census(d, 3)
    assert r1.complete and r1.orbits[0].points == [[2]]
    assert r3.complete and not r3.orbits
