"""The kernel's `snap-back-repeller` claim (proofs/README.md §9).

Certificates are written by hand from closed forms derived here (tent map T(x) = 2 min(x, 1 - x) =
2x - 4 relu(x - 1/2); a 2-D shear map; a 1-D map with a flat piece), so the PROVED verdicts do not come
from the certifier under test. Single-field mutations must be rejected (or still be valid)."""

import copy
from fractions import Fraction
from itertools import pairwise

import pytest

from verified_dyn.certify.snapback import snapback_certificate
from verified_dyn.kernel import check, model_hash
from verified_dyn.kernel.claims.snapback import OBLIGATIONS
from verified_dyn.models.pl import PLModel


def _model(A, W1, W2, h1, h2, name) -> PLModel:
    fr = lambda rows: tuple(tuple(Fraction(x) for x in r) for r in rows)
    return PLModel(
        "shplrnn", fr(A), fr(W1), fr(W2), tuple(Fraction(x) for x in h1), tuple(Fraction(x) for x in h2), name=name
    )


def _cert(model: PLModel, p, d, P, r2, orbit, itinerary) -> dict:
    s = lambda v: [str(Fraction(x)) for x in v]
    return {
        "format": "verified-dyn/certificate",
        "version": 1,
        "model": {"kind": model.kind, "name": model.name, "hash": model.hash, "normal_form": model.normal_form_json()},
        "claim": {
            "type": "snap-back-repeller",
            "fixed_point": s(p),
            "pattern": list(d),
            "m": len(orbit),
            "theorem": "Marotto",
        },
        "witness": {
            "P": [s(r) for r in P],
            "r2": str(Fraction(r2)),
            "orbit": [s(z) for z in orbit],
            "itinerary": [list(e) for e in itinerary],
        },
        "obligations": list(OBLIGATIONS),
        "producer": {"tool": "hand"},
    }


TENT = _model([[2]], [[-4]], [[1]], [0], ["-1/2"], "tent2")
# Hand computation: p = 2/3 = 2 - 2p; T(7/12) = 2 - 14/12 = 5/6, T(5/6) = 1/3, T(1/3) = 2/3.
# M = -2 near p, P = 1: M^T P M - P = 3 > 0. Unit u = x - 1/2, u(p) = 1/6: the ball |x - p|^2 <= r2 lies in
# x > 1/2 iff r2 < 1/36. (7/12 - 2/3)^2 = 1/144 < 1/37.
TENT_CERT = _cert(TENT, ["2/3"], [1], [[1]], "1/37", [["7/12"], ["5/6"], ["1/3"]], [[1], [1], [0]])

# F(x, y) = (T(x) + 3y, 2y): p = (2/3, 0), M = [[-2, 3], [0, 2]], eigenvalues -2, 2 (repelling), but
# M^T M - I = [[3, -6], [-6, 12]] is singular, so P = I is NOT an expanding-norm witness. With
# P = diag(1, 9): M^T P M - P = [[3, -6], [-6, 36 + 9 - 9]] = [[3, -6], [-6, 36]], det = 108 - 36 > 0.
# Unit u = x - 1/2 (w = (1, 0)): w^T P^-1 w = 1, u(p)^2 = 1/36, so r2 = 1/37; orbit as for the tent (y = 0).
SHEAR = _model([[2, 3], [0, 2]], [[-4], [0]], [[1, 0]], [0, 0], ["-1/2"], "shear")
SHEAR_CERT = _cert(
    SHEAR, ["2/3", "0"], [1], [[1, 0], [0, 9]], "1/37", [["7/12", "0"], ["5/6", "0"], ["1/3", "0"]], [[1], [1], [0]]
)

# F(x) = 4x - 4 relu(x - 1) - 2 relu(x - 2): 4x on x < 1, the constant 4 on (1, 2) (det M = 0), 8 - 2x on x > 2.
# p = 0 (slope 4), F(3/8) = 3/2, F(3/2) = 4 (flat piece), F(4) = 0: an exact orbit through a singular region.
FLAT = _model([[4]], [[-4, -2]], [[1], [1]], [0], [-1, -2], "flat")
FLAT_CERT = _cert(FLAT, ["0"], [0, 0], [[1]], "1/2", [["3/8"], ["3/2"], ["4"]], [[0, 0], [1, 0], [1, 1]])


def _verdict(cert, expected_hash=None):
    return check(cert, expected_hash)


@pytest.mark.parametrize("cert", [TENT_CERT, SHEAR_CERT], ids=["tent", "shear"])
def test_hand_certificates_are_proved(cert):
    v = _verdict(cert)
    assert v.verdict == "PROVED", v.reason
    assert [o["name"] for o in v.obligations] == list(OBLIGATIONS)
    assert all(o["status"] == "ok" for o in v.obligations)


def test_wrong_expected_hash_is_refuted():
    v = _verdict(TENT_CERT, "sha256:" + "0" * 64)
    assert v.verdict == "REFUTED" and "model-hash" in v.reason


def _set(path, value):
    def f(c):
        obj = c
        for k in path[:-1]:
            obj = obj[k]
        obj[path[-1]] = value

    return f


def _model_change(c):
    c["model"]["normal_form"]["h2"] = ["-1/3"]
    c["model"]["hash"] = model_hash(c["model"]["normal_form"])  # a consistent, different model


# (mutation, obligation expected to fail)
TENT_MUTATIONS = {
    "z0 moved": (_set(("witness", "orbit", 0, 0), "13/24"), "snap-back-orbit"),
    "z0 = p": (
        lambda c: (c["witness"].update(orbit=[["2/3"]], itinerary=[[1]]), c["claim"].update(m=1)),
        "snap-back-orbit",
    ),
    "z0 outside ball": (
        _set(
            (
                "witness",
                "r2",
            ),
            "1/200",
        ),
        "snap-back-orbit",
    ),
    "middle point": (_set(("witness", "orbit", 1, 0), "4/5"), "snap-back-orbit"),
    "orbit misses p": (_set(("witness", "orbit", 2, 0), "1/4"), "snap-back-orbit"),
    "P negative": (_set(("witness", "P", 0, 0), "-1"), "expanding-norm"),
    "P zero": (_set(("witness", "P", 0, 0), "0"), "expanding-norm"),
    "P small (ball too big)": (_set(("witness", "P", 0, 0), "1/1000"), "ball-inside-region"),
    "r2 at the border": (_set(("witness", "r2"), "1/36"), "ball-inside-region"),
    "r2 too big": (_set(("witness", "r2"), "1"), "ball-inside-region"),
    "r2 zero": (_set(("witness", "r2"), "0"), "ball-inside-region"),
    "r2 negative": (_set(("witness", "r2"), "-1/37"), "ball-inside-region"),
    "pattern flipped": (_set(("claim", "pattern", 0), 0), "repelling-fixed-point"),
    "itinerary bit": (_set(("witness", "itinerary", 2, 0), 1), "snap-back-orbit"),
    "fixed point moved": (_set(("claim", "fixed_point", 0), "3/5"), "repelling-fixed-point"),
    "other fixed point": (lambda c: c["claim"].update(fixed_point=["0"], pattern=[0]), "snap-back-orbit"),
    "hash": (_set(("model", "hash"), "sha256:" + "1" * 64), "model-hash"),
    "model changed": (_model_change, "repelling-fixed-point"),
    "m": (_set(("claim", "m"), 2), "well-formed"),
    "float r2": (_set(("witness", "r2"), 0.02), "well-formed"),
    "obligations": (_set(("obligations",), list(OBLIGATIONS)[:-1]), "well-formed"),
    "pattern length": (_set(("claim", "pattern"), [1, 0]), "well-formed"),
}


@pytest.mark.parametrize("name", sorted(TENT_MUTATIONS))
def test_tent_mutations_are_rejected(name):
    mutate, obligation = TENT_MUTATIONS[name]
    cert = copy.deepcopy(TENT_CERT)
    mutate(cert)
    v = _verdict(cert)
    assert v.verdict == "REFUTED", (name, v.verdict)
    failed = [o["name"] for o in v.obligations if o["status"] == "failed"]
    assert failed == [obligation], (name, v.reason)


def test_identity_norm_is_not_expanding_for_the_shear():
    cert = copy.deepcopy(SHEAR_CERT)
    cert["witness"]["P"] = [["1", "0"], ["0", "1"]]
    v = _verdict(cert)
    assert v.verdict == "REFUTED" and "expanding-norm" in v.reason


def test_non_symmetric_P_is_rejected():
    cert = copy.deepcopy(SHEAR_CERT)
    cert["witness"]["P"][0][1] = "1/10"
    v = _verdict(cert)
    assert v.verdict == "REFUTED" and "not symmetric" in v.reason


def test_shear_ball_leaving_the_region_is_rejected():
    # with P = diag(1, 9) the ball's x-extent is sqrt(r2): r2 = 1/36 touches u = 0
    cert = copy.deepcopy(SHEAR_CERT)
    cert["witness"]["r2"] = "1/36"
    assert _verdict(cert).verdict == "REFUTED"


def test_valid_changes_are_still_proved():
    # a different valid witness: P = 2 with r2 = 2/37 describes the same ball; "2/4"-style spellings are fine
    cert = copy.deepcopy(TENT_CERT)
    cert["witness"]["P"] = [["2"]]
    cert["witness"]["r2"] = "2/37"
    cert["witness"]["orbit"][0] = ["14/24"]
    assert _verdict(cert).verdict == "PROVED"


def test_orbit_through_a_singular_region_is_rejected():
    assert FLAT.step([Fraction(3, 8)]) == [Fraction(3, 2)]
    assert FLAT.step([Fraction(3, 2)]) == [Fraction(4)] and FLAT.step([Fraction(4)]) == [Fraction(0)]
    v = _verdict(FLAT_CERT)
    assert v.verdict == "REFUTED" and "snap-back-orbit" in v.reason and "det M = 0" in v.reason


def test_certifier_skips_the_singular_branch_and_uses_the_other_repeller():
    # p = 0: preimages 0 and 4; preimages of 4 are the borders 1 and 2 and the whole flat piece (1, 2):
    # no interior nonsingular snap-back orbit. p = 8/3 (= 8 - 2p, slope -2): 8/3 <- 2/3 <- 11/3 <- 13/6,
    # since 4 * 2/3 = 8/3, 8 - 2 * 11/3 = 2/3, 8 - 2 * 13/6 = 11/3, and 13/6 lies in (2, 10/3), the ball.
    cert, why = snapback_certificate(FLAT)
    assert cert is not None, why
    assert check(cert).verdict == "PROVED"
    assert cert["claim"]["fixed_point"] == ["8/3"]
    assert "singular" in why
    z = [Fraction(x[0]) for x in cert["witness"]["orbit"]] + [Fraction(8, 3)]
    f = lambda x: 4 * x if x <= 1 else (4 if x <= 2 else 8 - 2 * x)
    assert all(f(a) == b for a, b in pairwise(z))
    assert 2 < z[0] < Fraction(10, 3) and z[0] != Fraction(8, 3)
