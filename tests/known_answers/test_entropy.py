"""Certified topological-entropy lower bounds by covering relations (claim `covering-horseshoe`).

Independent expected values:
* tent map of slope s (s in (1, 2]): h_top = log s (Misiurewicz & Szlenk 1980); every compact invariant set
  lies in [0, 1] (points outside escape to -infinity), so any sound bound log(r)/n has r <= s^n,
  compared exactly in rationals. Slope 2: two disjoint closed intervals J0, J1 can never both cover both
  (|T^n(J)| = 2^n |J| leaves no room for the gap), so a certified r is < 2^n strictly.
* hand-made full 3-horseshoe of T^2 for slope 2 (see tests/unit/test_kernel_covering.py): log(3)/2.
* Lozi (1.7, 0.5): published numerical entropy about 0.4-0.5, so a certified bound must be < 0.6;
  every Lipschitz map of R^M has h_top <= M max(0, log Lip) (Bowen 1971), Lip = max_d ||M_d||_2 here.
* a map with every region matrix of norm < 1/2 is a contraction: no horseshoe, the certifier returns None.
* the float images of the certified sets (model.step_float, independent of the exact code) cross as listed.
"""

import math
from fractions import Fraction
from itertools import product

import numpy as np
import pytest

from verified_dyn import load_model
from verified_dyn.kernel import check
from verified_dyn.models.pl import PLModel
from verified_dyn.pipelines.entropy import entropy_certificate


def _bound(cert) -> tuple[Fraction, int]:
    return Fraction(cert["claim"]["rho_lower"]), cert["claim"]["iterate"]


def _lipschitz_bound(model) -> float:
    """M log max_d ||M_d||_2 over all 2^H patterns (an upper bound for h_top, Bowen 1971)."""
    A, W1, W2 = (
        np.array([[float(x) for x in row] for row in m]).reshape(s)
        for m, s in (
            (model.A, (model.dim, model.dim)),
            (model.W1, (model.dim, model.hidden)),
            (model.W2, (model.hidden, model.dim)),
        )
    )
    lip = max(np.linalg.norm(A + W1 @ np.diag(d) @ W2, 2) for d in product((0, 1), repeat=model.hidden))
    return model.dim * max(0.0, math.log(lip))


@pytest.mark.parametrize("slope", ["3/2", "7/4", "2"])
def test_tent_bound_is_positive_and_below_log_slope(slope):
    model = load_model(f"tent:slope={slope}")
    cert, summary = entropy_certificate(model, max_iterate=5)
    assert cert is not None, summary
    assert check(cert, model.hash).proved
    r, n = _bound(cert)
    s = Fraction(slope)
    assert 1 < r <= s**n  # log(r)/n <= log(s), exactly
    if s == 2:
        assert r < 2**n  # no exact log 2 with disjoint closed sets
    assert math.log(r) / n > 0.75 * math.log(s)  # search quality (regression), not soundness
    assert f"log({cert['claim']['rho_lower']})/{n}" in summary


def test_tent_slope_two_hand_horseshoe():
    """J0 = [26/100, 49/100], J1 = [51/100, 74/100], J2 = [76/100, 95/100] under T^2: each image is
    [4/100, 96/100] or [20/100, 96/100] (T^2 = 2 - 4x, 4x - 2, 4 - 4x on the laps), all three covered."""
    model = load_model("tent:slope=2")
    T2 = lambda x: model.step(model.step([x]))[0]
    sets = [
        (Fraction(26, 100), Fraction(49, 100)),
        (Fraction(51, 100), Fraction(74, 100)),
        (Fraction(76, 100), Fraction(95, 100)),
    ]
    assert [(T2(a), T2(b)) for a, b in sets] == [
        (Fraction(96, 100), Fraction(4, 100)),
        (Fraction(4, 100), Fraction(96, 100)),
        (Fraction(96, 100), Fraction(20, 100)),
    ]
    from verified_dyn.certify.covering import covering_certificate

    cert = covering_certificate(
        model,
        iterate=2,
        centre=[0],
        basis=[[1]],
        sets=sets,
        itineraries=[[[0], [1]], [[1], [1]], [[1], [0]]],
        coverings=[(i, j, [-1, 1, -1][i]) for i in range(3) for j in range(3)],
        vector=[1, 1, 1],
        rho_lower=3,
    )
    v = check(cert, model.hash)
    assert v.proved, v.reason
    assert cert["claim"]["entropy_lower_bound"] == "log(3)/2"


def _float_cross_check(model, cert):
    """Map points of each set's two faces by F^n in floats and check the listed coverings."""
    c = np.array([float(Fraction(x)) for x in cert["claim"]["frame"]["centre"]])
    B = np.array([[float(Fraction(x)) for x in row] for row in cert["claim"]["frame"]["basis"]])
    Binv, n, m = np.linalg.inv(B), cert["claim"]["iterate"], model.dim
    sets = [tuple(float(Fraction(x)) for x in s["u"]) for s in cert["claim"]["sets"]]
    grid = np.linspace(-0.999, 0.999, 7)
    for i, j, deg in cert["claim"]["coverings"]:
        for face, u in enumerate(sets[i]):
            for s in product(grid, repeat=m - 1):
                z = c + B @ np.array([u, *s])
                for _ in range(n):
                    z = model.step_float(z)
                y = Binv @ (z - c)
                low = (face == 0) == (deg == 1)
                assert (y[0] < sets[j][0]) if low else (y[0] > sets[j][1])
                assert np.all(np.abs(y[1:]) < 1)


@pytest.mark.parametrize("name", ["lozi", "gardini_fig5"])
def test_planar_maps(name):
    model = load_model(name)
    cert, summary = entropy_certificate(model, max_iterate=8)
    assert cert is not None, summary
    v = check(cert, model.hash)
    assert v.proved, v.reason
    r, n = _bound(cert)
    h = math.log(r) / n
    assert 0 < h < _lipschitz_bound(model)
    if name == "lozi":
        assert h < 0.6  # published estimates are about 0.4-0.5
    _float_cross_check(model, cert)


def _model(A, W1, W2, h1, h2) -> PLModel:
    fr = lambda rows: tuple(tuple(Fraction(x) for x in r) for r in rows)
    return PLModel(
        "shplrnn",
        fr(A),
        fr(W1),
        fr(W2),
        tuple(Fraction(x) for x in h1),
        tuple(Fraction(x) for x in h2),
        name="contraction",
    )


def test_contracting_maps_give_none():
    # 2-D: region matrices diag(1/4, 1/4) and [[3/8, 1/8], [0, 1/4]], both of norm < 1/2
    planar = _model([["1/4", 0], [0, "1/4"]], [["1/8"], [0]], [[1, 1]], ["1/2", "-1/3"], [0])
    for d in ((0,), (1,)):
        A, W1, W2 = (np.array([[float(x) for x in r] for r in M]) for M in (planar.A, planar.W1, planar.W2))
        assert np.linalg.norm(A + W1 @ np.diag(d) @ W2, 2) < 0.5
    cert, reason = entropy_certificate(planar, max_iterate=4)
    assert cert is None and reason
    # 1-D: slope 1/2 tent-like map x/2 - relu(x - 1/2)
    line = _model([["1/2"]], [[-1]], [[1]], [0], ["-1/2"])
    cert, reason = entropy_certificate(line, max_iterate=4)
    assert cert is None and reason
