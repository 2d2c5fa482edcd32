"""Property tests that attack the ctrnn certifiers and the checker (DESIGN rule 9).

- random non-skew W: skew-symmetry is refuted with the exact symmetric part (S = (W + W^T)/2 computed
  here), and the kernel proves that certificate;
- random skew W (n = 2..64): the certifier's conserved-quantity, volume, Casimir and bounded-orbit
  certificates are proved, and the Casimir count is n - rank W (numpy rank, independent);
- single-field mutations of valid certificates are rejected, unless the mutated claim is still true
  (checked here independently: weaker booleans, wider numeric ranges that still contain the value).
"""

import copy
import json
import math
from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verified_dyn.certify import ctrnn_euler, ctrnn_planar, ctrnn_structure
from verified_dyn.kernel import check
from verified_dyn.models import load_model, model_from_dict
from verified_dyn.testing.strategies import leaves, mutated

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
small = st.integers(-6, 6).map(lambda k: Fraction(k, 4))


@st.composite
def matrices(draw, skew: bool, dims=(2, 3, 4, 5)):
    n = draw(st.sampled_from(dims))
    W = [[Fraction(0)] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if skew and j > i:
                W[i][j] = draw(small)
                W[j][i] = -W[i][j]
            elif not skew:
                W[i][j] = draw(small)
    return W


def ctrnn(W, activation="tanh"):
    return model_from_dict({"kind": "ctrnn", "W": [[str(x) for x in r] for r in W], "activation": activation})


@SETTINGS
@given(matrices(skew=False), st.sampled_from(["tanh", "softsign", "relu"]))
def test_non_skew_w_is_refuted_with_the_exact_symmetric_part(W, activation):
    n = len(W)
    S = [[(W[i][j] + W[j][i]) / 2 for j in range(n)] for i in range(n)]
    att = ctrnn_structure.certify_skew(ctrnn(W, activation))
    if not any(x for r in S for x in r):
        assert att.certificates[0]["claim"]["type"] == "ctrnn-skew-symmetric"
        return
    cert = att.certificates[0]
    assert cert["claim"]["type"] == "ctrnn-symmetric-part"
    assert [[Fraction(x) for x in r] for r in cert["claim"]["S"]] == S
    assert cert["claim"]["G_not_conserved"] == (activation != "relu")
    assert check(json.loads(json.dumps(cert))).verdict == "PROVED"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 64), st.integers(0, 10**6))
def test_random_skew_networks_get_their_structural_certificates(n, seed):
    rng = np.random.default_rng(seed)
    A = rng.integers(-3, 4, size=(n, n))
    W = [[Fraction(int(A[i, j] - A[j, i]), 2) for j in range(n)] for i in range(n)]
    m = ctrnn(W)
    for f in (
        ctrnn_structure.certify_conserved,
        ctrnn_structure.certify_volume,
        ctrnn_structure.certify_bounded,
        ctrnn_structure.certify_casimirs,
    ):
        att = f(m)
        assert check(att.certificates[0]).verdict == "PROVED", (f.__name__, check(att.certificates[0]).reason)
    count = ctrnn_structure.certify_casimirs(m).certificates[0]["claim"]["count"]
    assert count == n - np.linalg.matrix_rank(np.array(A - A.T, dtype=float))


def _valid_certificates():
    tanh, gauss = load_model("skew_tanh_2d"), load_model("skew_gauss_2d")
    three = ctrnn([[0, 1, 2], [-1, 0, 3], [-2, -3, 0]], "softsign")
    out = [
        a.certificates[0]
        for a in (
            ctrnn_structure.certify_skew(tanh),
            ctrnn_structure.certify_conserved(tanh),
            ctrnn_structure.certify_casimirs(three),
            ctrnn_structure.certify_equilibria(three),
            ctrnn_structure.certify_equilibria(tanh),
            ctrnn_structure.certify_bounded(tanh),
            ctrnn_structure.certify_volume(three),
            ctrnn_planar.certify_periodic(tanh),
            ctrnn_planar.certify_periodic(gauss, [1, 0]),
            ctrnn_planar.certify_escape(gauss, [Fraction(3, 2)] * 2),
            ctrnn_planar.certify_period(tanh, 1, cells=20),
            ctrnn_euler.certify_energy_bound(tanh, "1/10"),
            ctrnn_euler.certify_trajectory(tanh, [1, 0], "1/10", 20),
            ctrnn_structure.certify_skew(ctrnn([[1, 2], [0, 0]])),
        )
    ]
    return [json.loads(json.dumps(c)) for c in out]


CERTS = _valid_certificates()
TRUE_PERIOD_A1 = 7.714210439813  # float estimate (scipy DOP853, rtol 1e-12); REFERENCE_CASES: 7.714


def _G_gauss(x):
    return sum(-math.expm1(-(float(Fraction(v)) ** 2)) / 2 for v in x)


def _euler_G(x0, h, steps):
    """G after `steps` exact Euler steps, with mpmath at 50 digits (independent of the kernel's intervals)."""
    import mpmath

    with mpmath.workdps(50):
        x = [mpmath.mpf(Fraction(v).numerator) / Fraction(v).denominator for v in x0]
        hh = mpmath.mpf(Fraction(h).numerator) / Fraction(h).denominator
        for _ in range(steps):
            x = [x[0] + hh * mpmath.tanh(x[1]), x[1] - hh * mpmath.tanh(x[0])]
        G = mpmath.fsum(mpmath.log(mpmath.cosh(v)) for v in x)
        sign, man, exp, _ = G._mpf_
        return (-1) ** sign * Fraction(int(man)) * Fraction(2) ** int(exp)  # within 1e-45 of the truth


def still_true(cert, path) -> bool:
    """Is the mutated claim still true (by an independent float computation with a margin)?"""
    claim = cert["claim"]
    if path[:2] == ("claim", "G_not_conserved") or path[:2] == ("claim", "strict"):
        return claim[path[1]] is False  # a weaker claim
    if claim["type"] == "ctrnn-orbit-escapes" and path[1] == "x0":
        return _G_gauss(claim["x0"]) > 0.5 + 1e-9
    if claim["type"] == "ctrnn-periodic-orbits" and path[1] == "x0":
        return 1e-9 < _G_gauss(claim["x0"]) < 0.5 - 1e-9
    if claim["type"] == "ctrnn-period-enclosure" and path[1] == "period":
        lo, hi = (float(Fraction(x)) for x in claim["period"])
        return lo < TRUE_PERIOD_A1 - 1e-9 and TRUE_PERIOD_A1 + 1e-9 < hi
    if claim["type"] == "ctrnn-euler-trajectory" and path[1] == "G_final":
        lo, hi = (Fraction(x) for x in claim["G_final"])
        value = _euler_G(claim["x0"], claim["h"], claim["steps"])
        return lo - Fraction(1, 10**40) < value < hi + Fraction(1, 10**40)
    return False


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_single_field_mutations_are_rejected_unless_still_true(data):
    cert = data.draw(st.sampled_from(CERTS))
    paths = [p for p, _ in leaves(cert) if p[0] not in ("producer",) and p != ("model", "name")]
    path = data.draw(st.sampled_from(paths))
    bad = mutated(cert, path, data.draw(st.integers(0, 100)))
    if bad == cert:
        return
    v = check(copy.deepcopy(bad))
    if v.verdict == "PROVED":
        assert path[0] == "witness" or still_true(bad, path), (path, cert["claim"]["type"])
