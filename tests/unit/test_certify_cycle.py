"""certify_cycle on small maps whose orbits are known in closed form."""

from fractions import Fraction as Q

import pytest

from verified_dyn.certify import certify_cycle
from verified_dyn.errors import CertifyError
from verified_dyn.models import load_model, model_from_dict


def test_lozi_fixed_point_is_the_published_one():
    # REFERENCE_CASES: the fixed point with x > 0 is (5/11, 5/22), a flip saddle
    r = certify_cycle(load_model("lozi"), [(1, 0)])
    assert r.status == "cycle" and r.points == [[Q(5, 11), Q(5, 22)]]
    assert (r.counts.inside, r.counts.outside) == (1, 1)


def test_tent_two_cycle():
    # tent map: 2/5 -> 4/5 -> 2/5 (2 * 2/5 = 4/5, 2 * (1 - 4/5) = 2/5)
    r = certify_cycle(load_model("tent_2"), [(1,), (0,)])
    assert r.status == "cycle" and r.itinerary == ((0,), (1,)) and r.points == [[Q(2, 5)], [Q(4, 5)]]
    assert r.counts.orbit_type == "repelling"


def test_infeasible_itinerary():
    # tent fixed point of the right branch is 2/3 > 1/2; asking for it on the left branch (d=0) and the
    # solution 0 ... is feasible; asking the 2-cycle "1 1" is not primitive -> it is the fixed point 2/3
    r = certify_cycle(load_model("tent_2"), [(1,), (1,)])
    assert r.status == "not-minimal"
    # z' = z/2 - relu(z) - 1: on z < 0 the fixed point is -2 (feasible); on z > 0, z' = -z/2 - 1 gives
    # z = -2/3, which is not > 0 (infeasible)
    m = model_from_dict({"kind": "plrnn", "A": [Q(1, 2)], "W": [[-1]], "h": [-1]})
    assert certify_cycle(m, [(1,)]).status == "infeasible"
    r = certify_cycle(m, [(0,)])
    assert r.status == "cycle" and r.points == [[-2]]


def test_degenerate_itinerary_is_never_a_cycle():
    # z' = z on z < 0 (A = 1, W = 0): I - P singular, a continuum of fixed points
    m = model_from_dict({"kind": "plrnn", "A": [1], "W": [[-1]], "h": [0]})
    r = certify_cycle(m, [(0,)])
    assert r.status == "degenerate" and "continuum" in r.detail
    m = model_from_dict({"kind": "plrnn", "A": [1], "W": [[0]], "h": [1]})  # z' = z + 1: no solution
    assert "no solution" in certify_cycle(m, [(0,)]).detail


def test_border_orbit_is_reported_apart():
    # z' = -z + relu(z)*0 ... use x' = 1/2 - relu(x) * 3/2 + ... : fixed point exactly on x = 0?
    # z' = 2 z + relu(z): fixed point z = 0 lies on the switching point of the relu.
    m = model_from_dict({"kind": "plrnn", "A": [2], "W": [[1]], "h": [0]})
    for d in ((0,), (1,)):
        r = certify_cycle(m, [d])
        assert r.status == "border" and r.points == [[0]] and r.counts is None
        assert r.certificate["claim"]["type"] == "border-orbit"


def test_bad_itinerary_shape():
    with pytest.raises(CertifyError):
        certify_cycle(load_model("lozi"), [(1,)])
    with pytest.raises(CertifyError):
        certify_cycle(load_model("lozi"), [])


def test_rotation_fixed_point_counts_are_plain_ints_and_proved():
    """z' = [[0, -1], [1, 0]] z: eigenvalues +-i (closed form), so (inside, on, outside) = (0, 2, 0),
    non-hyperbolic. The unimodular count comes from sympy's real-root count and must be a JSON int
    (found by hypothesis: a sympy Zero made the kernel refute the certificate)."""
    import json

    from verified_dyn.kernel import check
    from verified_dyn.models import model_from_dict

    m = model_from_dict(
        {"kind": "plrnn", "A": [["0", "-1"], ["1", "0"]], "W": [["0", "0"], ["0", "0"]], "h": ["0", "0"]}
    )
    r = certify_cycle(m, ((0, 0),))
    ev = r.certificate["claim"]["eigenvalues"]
    assert (ev["inside"], ev["on"], ev["outside"]) == (0, 2, 0) and all(type(v) is int for v in ev.values())
    assert check(json.loads(json.dumps(r.certificate))).proved


def test_border_orbit_with_a_symmetric_word_has_one_identity(tmp_path):
    # x -> -x - 1 + 3 relu(x): the border 2-cycle {-1, 0}; both points have closed bits (0), so the
    # least rotation of the itinerary alone does not fix the start: the words (0)(1) and (1)(0)
    # used to give it as [-1, 0] and [0, -1] (two files border-p2-1.json, border-p2-2.json)
    from verified_dyn.pipelines.cycles import CycleReport

    m = model_from_dict({"kind": "plrnn", "A": [-1], "W": [[3]], "h": [-1]})
    a, b = certify_cycle(m, [(0,), (1,)]), certify_cycle(m, [(1,), (0,)])
    assert a.status == b.status == "border" and a.points == b.points == [[-1], [0]]
    report = CycleReport(m, [2], out=tmp_path)
    report.record(a)
    report.record(b)
    assert len(report.border_orbits) == 1 and [p.name for p in tmp_path.iterdir()] == ["border-p2-1.json"]
