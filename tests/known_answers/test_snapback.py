"""Snap-back repellers end to end: certifier -> kernel, against closed forms computed in the tests.

- tent map slope 2: PROVED at p = 2/3 (the orbit 7/12 -> 5/6 -> 1/3 -> 2/3 exists by hand);
- the product of two slope-2 tent maps (non-invertible, 4 repelling fixed points): PROVED, and the
  hand-derived orbit (7/12, 7/12) -> (5/6, 5/6) -> (1/3, 1/3) -> (2/3, 2/3) also gives a PROVED certificate;
- Lozi (1.7, 0.5): both fixed points are saddles (closed-form eigenvalues): "no repelling fixed point";
- Lozi (1.7, -2): globally invertible with a repelling fixed point: never PROVED (no preimage != p);
- an attracting-only map: "no repelling fixed point";
- property: for random small rational 1-D / 2-D PL maps, a PROVED certificate's z_0 reaches p under
  float iteration of the map after m steps and lies in the float ball.
"""

import math
from fractions import Fraction
from itertools import pairwise

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from verified_dyn import load_model
from verified_dyn.certify.snapback import snapback_certificate
from verified_dyn.kernel import check
from verified_dyn.kernel.claims.snapback import OBLIGATIONS
from verified_dyn.models.pl import PLModel


def _model(A, W1, W2, h1, h2, name="") -> PLModel:
    fr = lambda rows: tuple(tuple(Fraction(x) for x in r) for r in rows)
    return PLModel(
        "shplrnn", fr(A), fr(W1), fr(W2), tuple(Fraction(x) for x in h1), tuple(Fraction(x) for x in h2), name=name
    )


def tent(x):
    return 2 * min(x, 1 - x)


def _orbit(cert):
    return [[Fraction(x) for x in z] for z in cert["witness"]["orbit"]]


def test_tent_slope_2_is_a_snap_back_repeller_at_two_thirds():
    # hand: fixed points of T are 0 (= 2*0) and 2/3 (= 2 - 2*2/3); the orbit below exists
    orbit = [Fraction(7, 12), Fraction(5, 6), Fraction(1, 3), Fraction(2, 3)]
    assert all(tent(a) == b for a, b in pairwise(orbit))
    cert, why = snapback_certificate(load_model("tent:slope=2"))
    assert cert is not None, why
    v = check(cert)
    assert v.verdict == "PROVED", v.reason
    assert [o["name"] for o in v.obligations] == list(OBLIGATIONS)
    assert cert["claim"]["fixed_point"] == ["2/3"]
    z = [x for (x,) in _orbit(cert)] + [Fraction(2, 3)]
    assert len(z) == cert["claim"]["m"] + 1
    assert all(tent(a) == b for a, b in pairwise(z))  # the closed-form tent map
    assert z[0] != Fraction(2, 3) and abs(z[0] - Fraction(2, 3)) < Fraction(1, 6)  # inside x > 1/2
    # the summary explains why p = 0 gave nothing: its preimage 1 has only the border preimage 1/2
    assert "(0)" in why and "switching boundary" in why


PRODUCT = _model([[2, 0], [0, 2]], [[-4, 0], [0, -4]], [[1, 0], [0, 1]], [0, 0], ["-1/2", "-1/2"], "tent x tent")


def test_product_of_tent_maps_is_proved_and_satisfies_the_closed_form():
    cert, why = snapback_certificate(PRODUCT)
    assert cert is not None, why
    assert check(cert).verdict == "PROVED"
    p = [Fraction(x) for x in cert["claim"]["fixed_point"]]
    assert all(x in (0, Fraction(2, 3)) for x in p) and p != [0, 0]  # hand: 0 and 2/3 per coordinate
    z = _orbit(cert) + [p]
    assert all([tent(x) for x in a] == b for a, b in pairwise(z))
    assert z[0] != p
    # near p: every coordinate of z_0 on the same side of 1/2 as p, within 1/6 of it
    assert all(abs(a - b) < Fraction(1, 6) for a, b in zip(z[0], p))


def test_hand_derived_product_orbit_is_proved():
    # p = (2/3, 2/3), M = -2 I, P = I: M^T P M - P = 3 I; u_i(p) = 1/6, w_i^T w_i = 1, r2 = 1/37 < 1/36;
    # |z0 - p|^2 = 2/144 = 1/72 < 1/37.
    third = Fraction(1, 3)
    orbit = [[Fraction(7, 12)] * 2, [Fraction(5, 6)] * 2, [third] * 2, [2 * third] * 2]
    assert all([tent(x) for x in a] == b for a, b in pairwise(orbit))
    s = lambda v: [str(x) for x in v]
    cert = {
        "format": "verified-dyn/certificate",
        "version": 1,
        "model": {
            "kind": PRODUCT.kind,
            "name": PRODUCT.name,
            "hash": PRODUCT.hash,
            "normal_form": PRODUCT.normal_form_json(),
        },
        "claim": {
            "type": "snap-back-repeller",
            "fixed_point": s(orbit[-1]),
            "pattern": [1, 1],
            "m": 3,
            "theorem": "Marotto",
        },
        "witness": {
            "P": [["1", "0"], ["0", "1"]],
            "r2": "1/37",
            "orbit": [s(z) for z in orbit[:-1]],
            "itinerary": [[1, 1], [1, 1], [0, 0]],
        },
        "obligations": list(OBLIGATIONS),
        "producer": {},
    }
    assert check(cert).verdict == "PROVED"


def _lozi_fixed_point_moduli(a, b):
    """Hand: x = 1 + y - a|x|, y = b x. For x > 0: x = 1 / (1 + a - b), M = [[-a, 1], [b, 0]],
    char lam^2 + a lam - b; for x < 0: x = 1 / (1 - a - b), M = [[a, 1], [b, 0]], char lam^2 - a lam - b."""
    out = []
    for sign in (1, -1):
        x = 1 / (1 + sign * a - b)
        if (x > 0) == (sign > 0):
            roots = np.roots([1, sign * a, -b])
            out.append(sorted(abs(r) for r in roots))
    return out


def test_lozi_has_only_saddles_and_no_snap_back():
    moduli = _lozi_fixed_point_moduli(1.7, 0.5)
    assert len(moduli) == 2 and all(lo < 1 < hi for lo, hi in moduli)
    cert, why = snapback_certificate(load_model("lozi:a=17/10,b=1/2"))
    assert cert is None and why == "no repelling fixed point"


def test_invertible_lozi_with_a_repeller_is_never_proved():
    # b = -2: det M = -b = 2 in both regions; the x > 0 fixed point 1/4.7 has |lam|^2 = |det| = 2 with
    # complex roots (a^2 < 8): repelling. The map is invertible ((x', y') -> (y'/b, x' - 1 + a|y'/b|)),
    # so p's only preimage is p.
    moduli = _lozi_fixed_point_moduli(1.7, -2.0)
    assert any(lo > 1 for lo, _ in moduli)
    cert, why = snapback_certificate(load_model("lozi:a=17/10,b=-2"))
    assert cert is None
    assert "no preimage != p" in why


def test_attracting_only_map_has_no_repelling_fixed_point():
    # x/2 on x < 1 (fixed point 0, slope 1/2), 1 - x/2 on x > 1 (its fixed point 2/3 is not in x > 1)
    model = _model([["1/2"]], [[-1]], [[1]], [0], [-1])
    cert, why = snapback_certificate(model)
    assert cert is None and why == "no repelling fixed point"


small = st.fractions(min_value=-4, max_value=4, max_denominator=4)


@st.composite
def pl_maps(draw):
    m, h = draw(st.integers(1, 2)), draw(st.integers(1, 3))
    mat = lambda r, c: [[draw(small) for _ in range(c)] for _ in range(r)]
    A = [[draw(st.sampled_from([-3, -2, 2, 3])) if i == j else draw(small) for j in range(m)] for i in range(m)]
    return _model(A, mat(m, h), mat(h, m), [draw(small) for _ in range(m)], [draw(small) for _ in range(h)])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pl_maps())
@example(_model([[2, 0], [0, 2]], [[-4, 0], [0, -4]], [[1, 0], [0, 1]], [0, 0], ["-1/2", "-1/2"], "must-prove"))
@example(_model([[2]], [[-4]], [[1]], [0], ["-1/2"], "must-prove"))
def test_proved_certificates_reach_p_in_float_iteration(model):
    cert, why = snapback_certificate(model, max_depth=6, max_nodes=300)
    if cert is None or not check(cert).proved:
        assert model.name != "must-prove", why  # the explicit examples below are tent maps
        return
    p = np.array([float(Fraction(x)) for x in cert["claim"]["fixed_point"]])
    z = np.array([float(Fraction(x)) for x in cert["witness"]["orbit"][0]])
    P = np.array([[float(Fraction(x)) for x in row] for row in cert["witness"]["P"]])
    r2 = float(Fraction(cert["witness"]["r2"]))
    assert np.linalg.norm(model.step_float(p) - p) <= 1e-9 * (1 + np.linalg.norm(p))
    assert (z - p) @ P @ (z - p) < r2 * (1 + 1e-9) and np.linalg.norm(z - p) > 0
    x = z.copy()
    for _ in range(cert["claim"]["m"]):
        x = model.step_float(x)
    assert np.linalg.norm(x - p) <= 1e-9 * max(1.0, np.linalg.norm(p)), (x, p)
    assert math.isfinite(float(np.linalg.norm(z)))
