"""The kernel's `transversal-homoclinic-2d` claim: a certificate of the certifier is PROVED, and single-field
mutations (orientation, vertices, eps, itineraries, t-ranges, the crossing box, the fixed point) are not;
a "crossing" of the two local segments at p itself is not a homoclinic point and is rejected."""

import copy
from fractions import Fraction

import pytest

from verified_dyn import load_model
from verified_dyn.certify.homoclinic import certificate
from verified_dyn.certify.homoclinic import local_manifold as _local
from verified_dyn.certify.manifold_pieces import (
    CertifiedPiece,
    _carry,
    _sqrt_up,
    _vertex,
)
from verified_dyn.kernel import check
from verified_dyn.kernel.claims.homoclinic import OBLIGATIONS
from verified_dyn.pipelines.cycles import certified_cycles
from verified_dyn.pipelines.homoclinic import homoclinic_candidates


@pytest.fixture(scope="module")
def lozi():
    model = load_model("lozi_1.7_0.5")
    saddles = [
        c
        for c in certified_cycles(model, period=1, strategy="complete", progress=False).cycles
        if c.counts.orbit_type == "saddle"
    ]
    return model, saddles


@pytest.fixture(scope="module")
def cert(lozi):
    model, saddles = lozi
    for cand in homoclinic_candidates(model, saddles):
        if check(cand.certificate).proved:
            return cand.certificate
    pytest.fail("no candidate proved")


def test_valid_certificate_is_proved_with_all_obligations(cert):
    v = check(cert)
    assert v.verdict == "PROVED", v.reason
    assert [o["name"] for o in v.obligations] == list(OBLIGATIONS)
    assert check(cert, expected_hash="sha256:" + "0" * 64).verdict == "REFUTED"


def _shift(s, d):
    return str(Fraction(s) + d)


def _piece(c, kind):
    return c["claim"][kind]["pieces"][0]


def _flip_bit(c, kind):
    it = _piece(c, kind)["itinerary"]
    if not it:
        it.append([1, 1])
    else:
        it[-1][0] = 1 - it[-1][0]


MUTATIONS = {
    "one orientation sign flipped": (
        lambda c: c["claim"]["crossing"]["orientation"].__setitem__(0, -c["claim"]["crossing"]["orientation"][0]),
        "proper-crossing",
    ),
    "all orientation signs flipped": (
        lambda c: c["claim"]["crossing"].__setitem__(
            "orientation", [-s for s in c["claim"]["crossing"]["orientation"]]
        ),
        "proper-crossing",
    ),
    "a zero orientation sign": (lambda c: c["claim"]["crossing"]["orientation"].__setitem__(2, 0), "proper-crossing"),
    "unstable vertex moved": (
        lambda c: _piece(c, "unstable")["vertices"][0].__setitem__(
            0, _shift(_piece(c, "unstable")["vertices"][0][0], Fraction(1, 1000))
        ),
        "unstable-piece",
    ),
    "stable vertex moved": (
        lambda c: _piece(c, "stable")["vertices"][1].__setitem__(
            1, _shift(_piece(c, "stable")["vertices"][1][1], Fraction(-1, 10**6))
        ),
        "stable-piece",
    ),
    "unstable eps zero": (lambda c: _piece(c, "unstable").__setitem__("eps", "0"), "unstable-piece"),
    "stable eps huge (enclosure too wide)": (lambda c: _piece(c, "stable").__setitem__("eps", "1"), "proper-crossing"),
    "unstable itinerary: last step dropped": (lambda c: _piece(c, "unstable")["itinerary"].pop(), "unstable-piece"),
    "stable itinerary changed": (lambda c: _flip_bit(c, "stable"), "stable-piece"),
    "unstable t-range moved": (
        lambda c: _piece(c, "unstable").__setitem__(
            "t", [_shift(x, Fraction(1, 10**4)) for x in _piece(c, "unstable")["t"]]
        ),
        "unstable-piece",
    ),
    "box shrunk to a corner": (
        lambda c: c["claim"]["crossing"].__setitem__("box", [[b[0], b[0]] for b in c["claim"]["crossing"]["box"]]),
        "crossing-orbit",
    ),
    "box moved away": (
        lambda c: c["claim"]["crossing"].__setitem__(
            "box", [[_shift(b[0], 1), _shift(b[1], 1)] for b in c["claim"]["crossing"]["box"]]
        ),
        "crossing-orbit",
    ),
    "box grown to contain p": (
        lambda c: c["claim"]["crossing"].__setitem__("box", [["-2", "2"], ["-2", "2"]]),
        "crossing-orbit",
    ),
    "stable kind swapped": (lambda c: c["claim"]["stable"].__setitem__("kind", "unstable"), "well-formed"),
    "two pieces": (lambda c: c["claim"]["unstable"]["pieces"].append(_piece(c, "unstable")), "well-formed"),
    "stable part about another point": (
        lambda c: c["witness"]["stable"]["points"][0].__setitem__(
            0, _shift(c["witness"]["stable"]["points"][0][0], Fraction(1, 10**9))
        ),
        "saddle-fixed-point",
    ),
    "stable eigenvalue interval moved": (
        lambda c: c["witness"]["stable"].__setitem__(
            "eigenvalue_interval", [_shift(x, Fraction(1, 10)) for x in c["witness"]["stable"]["eigenvalue_interval"]]
        ),
        "stable-direction",
    ),
    "unstable radius x100": (
        lambda c: c["claim"]["unstable"].__setitem__("radius", str(Fraction(c["claim"]["unstable"]["radius"]) * 100)),
        "unstable-direction",
    ),
    "missing crossing": (lambda c: c["claim"].pop("crossing"), "well-formed"),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_single_field_mutations_are_not_proved(cert, name):
    fn, obligation = MUTATIONS[name]
    c = copy.deepcopy(cert)
    fn(c)
    v = check(c)
    assert v.verdict != "PROVED"
    failed = [o["name"] for o in v.obligations if o["status"] == "failed"]
    assert failed == [obligation], (failed, v.reason)


def test_the_two_local_segments_crossing_at_p_are_rejected(lozi):
    """W^u_loc and W^s_loc cross properly at p: a real proper crossing, but not a homoclinic point."""
    model, saddles = lozi
    cyc = next(c for c in saddles if abs(float(c.points[0][0]) - 5 / 11) < 1e-9)
    lu, ls = _local(model, cyc, "unstable"), _local(model, cyc, "stable")
    z = list(cyc.points[0])

    def whole(lm):
        r = lm.radius
        (A, da), (B, db) = _vertex(_carry(model, z, lm.box, -r, [])), _vertex(_carry(model, z, lm.box, r, []))
        return CertifiedPiece((-r, r), [], (A, B), _sqrt_up(max(da, db)))

    v = check(certificate(model, cyc, lu, ls, whole(lu), whole(ls)))
    assert v.verdict != "PROVED"
    assert [o["name"] for o in v.obligations if o["status"] == "failed"] == ["crossing-orbit"]
    assert "contains the fixed point" in v.reason
