"""certify_census on maps whose periodic orbits are known by hand, including degenerate words."""

import copy
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


# ---- issue 12: an undecided word never hides the orbits of the other words ----------------------

UNDECIDED_FIRST = {  # z' = A z + W1 relu(z - 1) + 0: below (1, 1) a continuum {(z1, 0)}, a fixed point (2, 2)
    "kind": "shplrnn",
    "A": [1, "1/2"],
    "W1": [[1, -1], ["1/2", "1/2"]],
    "W2": [[1, 0], [0, 1]],
    "h1": [0, 0],
    "h2": [-1, -1],
}


def test_undecided_word_is_recorded_and_the_walk_goes_on():
    r = census(UNDECIDED_FIRST, 1)
    assert not r.complete and r.certificate is None
    assert [u["word"] for u in r.undecided] == [[[0, 0]]]
    assert "continuum" in r.undecided[0]["reason"] and "00" in r.reason
    assert [o.points for o in r.orbits] == [[[Q(2), Q(2)]]]  # the word 11, after the undecided 00


def test_pipeline_lists_every_orbit_of_an_incomplete_census():
    from verified_dyn.pipelines.cycles import certified_cycles
    from verified_dyn.reports.serialize import cycles_json

    m = model_from_dict(UNDECIDED_FIRST)
    ex = certified_cycles(m, period=1, strategy="exhaustive", progress=False)
    co = certified_cycles(m, period=1, strategy="complete", progress=False)
    assert not co.complete and co.counts() == ex.counts() == {1: 1}
    doc = cycles_json(co)
    assert doc["census"]["1"]["undecided"] == [{"word": [[0, 0]], "reason": r_reason(co)}]
    assert "undecided" in co.incomplete_reason and "00" in co.incomplete_reason


def r_reason(report):
    return report.censuses[1][0].undecided[0]["reason"]


def test_degenerate_word_with_empty_cylinder_is_settled_by_a_plain_farkas_vector():
    # x -> -x + 1 + relu(x): at period 2 the word (0)(0) has P = 1 (det(I - P) = 0, c = 0: every z
    # solves) but its cylinder z <= 0, 1 - z <= 0 is empty; (1)(1) is x -> 1, no 2-cycle at all
    d = {"kind": "plrnn", "A": [-1], "W": [[1]], "h": [1]}
    r = census(d, 2)
    assert r.complete and not r.undecided and not r.orbits
    nodes = r.certificate["witness"]["nodes"]
    i = nodes[nodes[0][1]][1]  # the word (0)(0): first child of the first child of the root
    assert nodes[i][0] == "empty" and "eq" not in nodes[i][1] and nodes[i][1]["rows"] == [0, 1]
    # mutations: the kernel refuses a Farkas vector that no longer proves the cylinder empty
    for bad in ({"rows": [0], "y": ["1"]}, {"rows": [0, 1], "y": ["1", "2"]}, {"rows": [0, 1], "y": ["-1", "-1"]}):
        cert = copy.deepcopy(r.certificate)
        cert["witness"]["nodes"][i] = ["empty", bad]
        assert check(cert).verdict != "PROVED"


def test_flat_tree_indices_are_checked():
    d = {"kind": "plrnn", "A": [-1], "W": [[1]], "h": [1]}
    r = census(d, 2)
    nodes = r.certificate["witness"]["nodes"]
    for root_child in (0, len(nodes), -1, True, "1"):  # the root again, out of range, not an int
        cert = copy.deepcopy(r.certificate)
        cert["witness"]["nodes"][0] = ["split", root_child, nodes[0][2]]
        assert check(cert).verdict != "PROVED", root_child
    cert = copy.deepcopy(r.certificate)
    cert["witness"]["nodes"][0] = ["split", nodes[0][2], nodes[0][2]]  # one subtree for both bits
    assert check(cert).verdict != "PROVED"
    # the nested form of the same tree is still read
    cert = copy.deepcopy(r.certificate)
    flat = cert["witness"].pop("nodes")

    def nest(i):
        n = flat[i]
        return ["split", nest(n[1]), nest(n[2])] if n[0] == "split" else n

    cert["witness"]["tree"] = nest(0)
    assert check(cert).verdict == "PROVED"
