"""The kernel's `local-manifold-1d` claim: valid certificates are PROVED (2-D, a 3-cycle, the 8-D trained
checkpoint), written files round-trip, and single-field mutations are rejected."""

import copy
import json
from fractions import Fraction

import pytest

from verified_dyn import load_model
from verified_dyn.certify.manifolds import certify_local_manifold
from verified_dyn.certify.manifolds_certificate import local_manifold_certificate
from verified_dyn.kernel import check, check_file
from verified_dyn.pipelines.cycles import certified_cycles


def _cert(name, kind, period=1, trial=None):
    model = load_model(name, trial)
    cyc = [
        c
        for c in certified_cycles(model, period=period, progress=False).cycles
        if c.counts.orbit_type == "saddle" and (c.counts.outside if kind == "unstable" else c.counts.inside) == 1
    ]
    c = cyc[0]
    lm = certify_local_manifold(model, c.itinerary, c.points, kind)
    return local_manifold_certificate(model, c.itinerary, c.points, lm)


@pytest.fixture(scope="module")
def cert3a():
    return _cert("gardini_3a_right", "unstable")


@pytest.mark.parametrize(
    "name,kind,period",
    [
        ("gardini_3a_right", "stable", 1),
        ("gardini_3b_left", "unstable", 3),
        ("gardini_3b_left", "stable", 3),
        ("lozi_1.7_0.5", "unstable", 4),
    ],
)
def test_valid_certificates_are_proved(name, kind, period):
    v = check(_cert(name, kind, period))
    assert v.verdict == "PROVED", v.reason


def test_eight_dimensional_checkpoint_unstable_direction_is_proved():
    v = check(_cert("scyfi_multistable", "unstable", 1, trial=0))
    assert v.verdict == "PROVED", v.reason


def test_file_round_trip(cert3a, tmp_path):
    p = tmp_path / "m.json"
    p.write_text(json.dumps(cert3a))
    assert check_file(p).verdict == "PROVED"
    assert check_file(p, expected_hash="sha256:" + "0" * 64).verdict == "REFUTED"


def _mutate(cert, fn):
    c = copy.deepcopy(cert)
    fn(c)
    return check(c)


def _scale(s, f):
    return str(Fraction(s) * f)


MUTATIONS = {
    "radius x4": (lambda c: c["claim"].__setitem__("radius", _scale(c["claim"]["radius"], 4)), "segments-inside"),
    "interval misses the root": (
        lambda c: c["witness"].__setitem__(
            "eigenvalue_interval", [_scale(x, Fraction(11, 10)) for x in c["witness"]["eigenvalue_interval"]]
        ),
        "eigenvalue-isolated",
    ),
    "interval holds both roots": (
        lambda c: c["witness"].__setitem__("eigenvalue_interval", ["-3", "3"]),
        "eigenvalue-isolated",
    ),
    "kind swapped": (lambda c: c["claim"].__setitem__("kind", "stable"), "eigenvalue-isolated"),
    "box shifted": (
        lambda c: c["witness"]["eigenvector_box"].__setitem__(
            1, [str(Fraction(x) + Fraction(1, 10**9)) for x in c["witness"]["eigenvector_box"][1]]
        ),
        "eigenvector-box",
    ),
    "point moved": (
        lambda c: c["witness"]["points"][0].__setitem__(0, _scale(c["witness"]["points"][0][0], 2)),
        "orbit-closes",
    ),
    "model changed": (lambda c: c["model"]["normal_form"]["h1"].__setitem__(0, "1"), "model-hash"),
    "pivot not 1": (lambda c: c["witness"]["eigenvector_box"].__setitem__(0, ["1", "2"]), "well-formed"),
    "obligations dropped": (lambda c: c["obligations"].pop(), "well-formed"),
    "float smuggled": (lambda c: c["claim"].__setitem__("radius", 0.25), "well-formed"),
}


@pytest.mark.parametrize("what", sorted(MUTATIONS))
def test_mutations_are_refuted(cert3a, what):
    fn, obligation = MUTATIONS[what]
    assert check(cert3a).verdict == "PROVED"
    v = _mutate(cert3a, fn)
    assert v.verdict == "REFUTED", what
    failed = [o["name"] for o in v.to_dict()["obligations"] if o["status"] == "failed"]
    assert failed == [obligation], (what, failed, v.reason)


@pytest.fixture(scope="module")
def pieces_fig5():
    from verified_dyn.certify.manifold_pieces import certify_unstable_pieces
    from verified_dyn.certify.manifolds_certificate import pieces_certificate

    model = load_model("gardini_fig5")
    c = next(c for c in certified_cycles(model, period=1, progress=False).cycles if c.counts.orbit_type == "saddle")
    lm = certify_local_manifold(model, c.itinerary, c.points, "unstable")
    ps = certify_unstable_pieces(model, c.points, lm, 8, box=[(-6, 6), (-6, 6)], max_pieces=400)
    return model, c, lm, ps, pieces_certificate(model, c.itinerary, c.points, lm, ps)


def test_certified_pieces_are_proved_and_match_brute_force_iteration(pieces_fig5):
    """Independent truth: F^n (float, the real relu) of the local-segment point z_1 + t0 v lands on the
    listed vertex A (up to float error)."""
    import numpy as np

    model, c, lm, ps, cert = pieces_fig5
    assert check(cert).verdict == "PROVED"
    assert len(ps.pieces) > 30 and max(len(p.itinerary) for p in ps.pieces) == 8
    z = np.array([float(x) for x in c.points[0]])
    v = np.array(lm.pieces[0].direction_mid)
    for p in ps.pieces[::7]:
        for t, vert in zip(p.t, p.vertices):
            y = z + float(t) * v
            for _ in p.itinerary:
                y = model.step_float(y)
            assert np.allclose(y, [float(x) for x in vert], atol=1e-9)
            assert float(p.eps) < 1e-12


PIECE_MUTATIONS = {
    "vertex moved": lambda p: p["vertices"][0].__setitem__(0, str(Fraction(p["vertices"][0][0]) + Fraction(1, 10**10))),
    "eps zero": lambda p: p.__setitem__("eps", "0"),
    "t beyond r": lambda p: p["t"].__setitem__(1, "1000"),
    "region bit flipped": lambda p: p["itinerary"][0].__setitem__(0, 1 - p["itinerary"][0][0]),
    "negative eps": lambda p: p.__setitem__("eps", "-1"),
}


@pytest.mark.parametrize("what", sorted(PIECE_MUTATIONS))
def test_piece_mutations_are_refuted(pieces_fig5, what):
    cert = copy.deepcopy(pieces_fig5[4])
    k = next(i for i, p in enumerate(cert["claim"]["pieces"]) if len(p["itinerary"]) >= 2)
    PIECE_MUTATIONS[what](cert["claim"]["pieces"][k])
    v = check(cert)
    failed = [o["name"] for o in v.to_dict()["obligations"] if o["status"] == "failed"]
    assert v.verdict == "REFUTED" and failed == ["well-formed" if what == "negative eps" else "pieces"], (
        what,
        v.reason,
    )
