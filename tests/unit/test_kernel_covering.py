"""The kernel's `covering-horseshoe` claim (proofs/README.md §10).

The PROVED certificates are written by hand from closed forms derived here, not by the certifier:

* the tent map T(x) = 2 min(x, 1 - x) = 2x - 4 relu(x - 1/2). On the laps of T^2:
  [1/4, 1/2]: T^2 = 2 - 4x, [1/2, 3/4]: T^2 = 4x - 2, [3/4, 1]: T^2 = 4 - 4x. With
  J0 = [26/100, 49/100], J1 = [51/100, 74/100], J2 = [76/100, 95/100]:
  T^2(J0) = [4/100, 96/100] (reversed), T^2(J1) = [4/100, 96/100], T^2(J2) = [20/100, 96/100] (reversed),
  each strictly containing [26/100, 95/100] = hull(J0 u J1 u J2): a full 3-horseshoe, h >= log(3)/2.
* the 2-D product map P(x, y) = (T(x), y/4) with the same sets times |y| <= 1: the y-images are y/16.

Single-field mutations must be REFUTED (or still be valid), and the failing obligation is named.
"""

import copy
from fractions import Fraction

import pytest

from verified_dyn.kernel import check
from verified_dyn.kernel.claims.covering import OBLIGATIONS
from verified_dyn.models.pl import PLModel

SETS = [("26/100", "49/100"), ("51/100", "74/100"), ("76/100", "95/100")]
ITINS = [[[0], [1]], [[1], [1]], [[1], [0]]]  # x < 1/2 then T(x) > 1/2, etc. (hand-derived)
DEGREES = [-1, 1, -1]


def _model(A, W1, W2, h1, h2, name) -> PLModel:
    fr = lambda rows: tuple(tuple(Fraction(x) for x in r) for r in rows)
    return PLModel(
        "shplrnn", fr(A), fr(W1), fr(W2), tuple(Fraction(x) for x in h1), tuple(Fraction(x) for x in h2), name=name
    )


TENT = _model([[2]], [[-4]], [[1]], [0], ["-1/2"], "tent2")
PRODUCT = _model([[2, 0], [0, "1/4"]], [[-4], [0]], [[1, 0]], [0, 0], ["-1/2"], "tent2 x y/4")


def _cert(model, *, centre, basis, sets=SETS, itins=ITINS, coverings=None, n=2, v=(1, 1, 1), r="3"):
    coverings = coverings if coverings is not None else [[i, j, DEGREES[i]] for i in range(3) for j in range(3)]
    return {
        "format": "verified-dyn/certificate",
        "version": 1,
        "model": {"kind": model.kind, "name": model.name, "hash": model.hash, "normal_form": model.normal_form_json()},
        "claim": {
            "type": "covering-horseshoe",
            "iterate": n,
            "frame": {"centre": centre, "basis": basis},
            "sets": [{"u": list(ab), "itinerary": it} for ab, it in zip(sets, itins)],
            "coverings": coverings,
            "rho_lower": r,
            "entropy_lower_bound": f"log({r})/{n}",
        },
        "witness": {"vector": list(v)},
        "obligations": list(OBLIGATIONS),
        "producer": {"note": "hand-made test certificate"},
    }


@pytest.fixture(params=["1d", "2d"])
def good(request):
    if request.param == "1d":
        return TENT, _cert(TENT, centre=["0"], basis=[["1"]])
    return PRODUCT, _cert(PRODUCT, centre=["0", "0"], basis=[["1", "0"], ["0", "1"]])


def _verdict(model, cert):
    return check(cert, model.hash)


def _failed(v) -> str | None:
    return next((o["name"] for o in v.obligations if o["status"] == "failed"), None)


def test_hand_made_horseshoe_is_proved(good):
    model, cert = good
    v = _verdict(model, cert)
    assert v.verdict == "PROVED", v.reason
    assert [o["name"] for o in v.obligations] == list(OBLIGATIONS)
    assert "log(3)/2" in v.obligations[-1]["detail"]


def test_wrong_expected_hash_is_refuted(good):
    model, cert = good
    v = check(cert, "sha256:" + "0" * 64)
    assert v.verdict == "REFUTED" and _failed(v) == "model-hash"


@pytest.mark.parametrize(
    "mutate, obligation",
    [
        # shift set 1 left so that it meets set 0
        (lambda c: c["claim"]["sets"][1].update(u=["48/100", "74/100"]), "disjoint-sets"),
        # a non-inert itinerary bit: set 1 does not lie in {x <= 1/2}
        (lambda c: c["claim"]["sets"][1]["itinerary"][0].__setitem__(0, 0), "affine-maps"),
        # flip a degree
        (lambda c: c["claim"]["coverings"][0].__setitem__(2, 1), "coverings"),
        # grow set 2 to [76/100, 97/100]: still one lap, but T^2(J0) = [4/100, 96/100] misses 97/100
        (lambda c: c["claim"]["sets"][2].update(u=["76/100", "97/100"]), "coverings"),
        # change the frame: the centre moves by 1/100, so the sets are [27/100, 50/100], [52/100, 75/100],
        # [77/100, 96/100] (still single laps) but T^2(27/100) = 92/100 < b_2 = 96/100
        (lambda c: c["claim"]["frame"]["centre"].__setitem__(0, "1/100"), "coverings"),
        # change v: the Collatz-Wielandt inequality fails at the enlarged entry
        (lambda c: c["witness"].update(vector=[1, 5, 1]), "spectral-bound"),
        # claim a bigger bound
        (lambda c: c["claim"].update(rho_lower="31/10", entropy_lower_bound="log(31/10)/2"), "spectral-bound"),
        # a covering listed twice would count twice in T: malformed
        (lambda c: c["claim"]["coverings"].append([0, 0, -1]), "well-formed"),
        # the bound string disagrees with rho_lower
        (lambda c: c["claim"].update(entropy_lower_bound="log(3)/1"), "well-formed"),
        # a trivial bound is not a claim
        (lambda c: c["claim"].update(rho_lower="1", entropy_lower_bound="log(1)/2"), "well-formed"),
        # empty interval
        (lambda c: c["claim"]["sets"][0].update(u=["49/100", "26/100"]), "well-formed"),
        # a float where a rational is expected
        (lambda c: c["claim"]["sets"][0].update(u=[0.26, "49/100"]), "well-formed"),
        # wrong iterate: the itineraries have 2 patterns, not 1
        (lambda c: c["claim"].update(iterate=1, entropy_lower_bound="log(3)/1"), "well-formed"),
    ],
)
def test_single_field_mutations_are_refuted(good, mutate, obligation):
    model, cert = good
    bad = copy.deepcopy(cert)
    mutate(bad)
    v = _verdict(model, bad)
    assert v.verdict == "REFUTED", v.reason
    assert _failed(v) == obligation, v.reason


def test_frame_mutations_2d():
    base = _cert(PRODUCT, centre=["0", "0"], basis=[["1", "0"], ["0", "1"]])
    # singular frame
    bad = copy.deepcopy(base)
    bad["claim"]["frame"]["basis"] = [["1", "0"], ["2", "0"]]
    v = _verdict(PRODUCT, bad)
    assert v.verdict == "REFUTED" and _failed(v) == "frame"
    # s-scale 1/100: the face images y/16 of |y| <= 1/100 stay inside, still a valid horseshoe
    ok = copy.deepcopy(base)
    ok["claim"]["frame"]["basis"] = [["1", "0"], ["0", "1/100"]]
    assert _verdict(PRODUCT, ok).verdict == "PROVED"
    # a sheared frame: s along (1/2, 1); the image of (u, s) has x-part T^2(u + s/2) and the faces
    # u = a_i are no longer mapped to single points: T^2 of [a - 1/2, a + 1/2] spans laps -> not affine
    bad = copy.deepcopy(base)
    bad["claim"]["frame"]["basis"] = [["1", "1/2"], ["0", "1"]]
    v = _verdict(PRODUCT, bad)
    assert v.verdict == "REFUTED" and _failed(v) == "affine-maps"
    # u along y, s along x: T^2 is not affine on the strips, which cross x = 1/2
    bad = copy.deepcopy(base)
    bad["claim"]["frame"]["basis"] = [["0", "1"], ["1", "0"]]
    v = _verdict(PRODUCT, bad)
    assert v.verdict == "REFUTED"


def test_zero_vector_and_bad_indices_are_malformed():
    base = _cert(TENT, centre=["0"], basis=[["1"]])
    for mutate in (
        lambda c: c["witness"].update(vector=[0, 0, 0]),
        lambda c: c["witness"].update(vector=[1, -1, 1]),
        lambda c: c["claim"]["coverings"].append([0, 3, 1]),
        lambda c: c["claim"]["coverings"].__setitem__(0, [0, 0, 0]),
        lambda c: c["claim"].update(sets=[]),
    ):
        bad = copy.deepcopy(base)
        mutate(bad)
        v = _verdict(TENT, bad)
        assert v.verdict == "REFUTED" and _failed(v) == "well-formed", v.reason


def test_vector_with_zeros_only_counts_its_support():
    # v = (1, 1, 0): rows 0, 1 still have (T v)_i = 2 >= 2 v_i, row 2 is trivially fine: rho >= 2.
    cert = _cert(TENT, centre=["0"], basis=[["1"]], v=(1, 1, 0), r="2")
    assert _verdict(TENT, cert).verdict == "PROVED"
    cert = _cert(TENT, centre=["0"], basis=[["1"]], v=(1, 1, 0), r="201/100")
    assert _verdict(TENT, cert).verdict == "REFUTED"


def test_the_naive_slope_two_pair_is_refuted():
    """Two disjoint closed intervals cannot both T-cover both (|T(J)| = 2|J| leaves no room for a gap):
    J0 = [1/16, 7/16], J1 = [9/16, 15/16] has T(J0) = [1/8, 7/8], which misses 1/16."""
    cert = _cert(
        TENT,
        centre=["0"],
        basis=[["1"]],
        sets=[("1/16", "7/16"), ("9/16", "15/16")],
        itins=[[[0]], [[1]]],
        n=1,
        v=(1, 1),
        r="2",
        coverings=[[0, 0, 1], [0, 1, 1], [1, 0, -1], [1, 1, -1]],
    )
    v = _verdict(TENT, cert)
    assert v.verdict == "REFUTED" and _failed(v) == "coverings"
