"""Known answers for continuous-time skew RNNs (REFERENCE_CASES.md, "Continuous-time skew-symmetric RNNs").

Each expected value names its source: REFERENCE_CASES (given to 3-4 digits: compared within half a unit
of the last digit), a closed form, or a hand derivation in the comment.
"""

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from verified_dyn.certify.ctrnn_planar import certify_period
from verified_dyn.kernel import check
from verified_dyn.models import load_model, model_from_dict
from verified_dyn.search.ctrnn_integrators import simulate
from verified_dyn.search.ctrnn_lyapunov import largest_lyapunov

PROOFS = Path(__file__).resolve().parents[2] / "proofs"


@pytest.mark.parametrize("A,period", [("1/2", 6.666), ("1", 7.714), ("3", 14.809), ("10", 42.773)])
def test_tanh_period_enclosures_match_reference(A, period):
    att = certify_period(load_model("skew_tanh_2d"), A)
    assert check(att.certificates[0]).verdict == "PROVED"
    lo, hi = (float(Fraction(x)) for x in att.certificates[0]["claim"]["period"])
    assert hi - lo < 1e-5
    assert lo - 5e-4 <= period <= hi + 5e-4  # REFERENCE_CASES gives 3 decimals


def test_tanh_period_limits():
    # REFERENCE_CASES / MATH §5.6: T -> 2 pi as A -> 0 and T ~ 4 (A + log 2) for large A
    m = load_model("skew_tanh_2d")
    small = [float(Fraction(x)) for x in certify_period(m, "1/100").certificates[0]["claim"]["period"]]
    assert abs(small[0] - 2 * math.pi) < 1e-3
    big = [float(Fraction(x)) for x in certify_period(m, 20).certificates[0]["claim"]["period"]]
    assert abs(big[0] - 4 * (20 + math.log(2))) < 1e-3


def test_forward_euler_growth_of_G_matches_reference():
    tr = simulate(load_model("skew_tanh_2d"), "euler", 0.1, 100000, [1.0, 0.0], stride=20000)
    assert abs(tr.G[1] - 18.67) <= 0.005  # t = 2000, REFERENCE_CASES
    assert abs(tr.G[5] - 43.37) <= 0.005  # t = 10^4, REFERENCE_CASES
    G0 = math.log(math.cosh(1.0))
    approx = math.sqrt(2 * 0.1 * 2000 + (G0 + 2 * math.log(2)) ** 2) - 2 * math.log(2)
    assert abs(tr.G[1] - approx) < 0.1  # "close to" the formula of REFERENCE_CASES


def test_rk4_damps_and_avf_conserves():
    m = load_model("skew_tanh_2d")
    rk = simulate(m, "rk4", 0.1, 100000, [1.0, 0.0], stride=100000)
    assert -1.65e-4 <= rk.G[-1] - rk.G[0] <= -1.55e-4  # REFERENCE_CASES: about -1.6e-4 at t = 10^4
    avf = simulate(m, "avf", 0.1, 100000, [1.0, 0.0], stride=1000)
    assert np.max(np.abs(avf.G - avf.G[0])) < 1e-11


def test_linear_network_grows_like_1_plus_h2_to_the_k_over_2():
    m = model_from_dict({"kind": "ctrnn", "W": [[0, 1], [-1, 0]], "activation": "linear"})
    tr = simulate(m, "euler", 0.1, 2000, [1.0, 0.0], stride=500)
    k = np.arange(len(tr.x)) * 500
    assert np.allclose(np.linalg.norm(tr.x, axis=1), 1.01 ** (k / 2), rtol=1e-10)
    over = simulate(m, "euler", 0.1, 150000, [1.0, 0.0], stride=1000)
    assert not np.all(np.isfinite(over.x))  # 1.01^(k/2) > 1.8e308 for k > 142700: overflow


def test_gauss_escape_reaches_reference_distance():
    tr = simulate(load_model("skew_gauss_2d"), "rk4", 0.01, 500000, [1.5, 1.5], stride=500000)
    assert abs(tr.x[-1][0] - 1316) <= 1.0  # REFERENCE_CASES: x1 about 1316 at t = 5000
    # conservation of G: x2 -> L with exp(-L^2) = 2 exp(-9/4) (hand derivation)
    assert abs(tr.x[-1][1] - math.sqrt(2.25 - math.log(2))) < 1e-4


def test_random_skew_networks_often_have_positive_lyapunov_exponents():
    # REFERENCE_CASES: n = 4..8, positive largest exponents (0.03 to 0.14) are common; the planar one is 0
    found = []
    for n, seed in ((6, 0), (8, 0), (8, 2)):
        rng = np.random.default_rng(1000 * n + seed)
        A = rng.standard_normal((n, n))
        W = np.round(64 * (A - A.T)) / 64
        m = model_from_dict({"kind": "ctrnn", "W": W.tolist(), "activation": "tanh"})
        found.append(largest_lyapunov(m, rng.standard_normal(n), h=0.02, t=2000))
    assert sum(0.02 <= v <= 0.2 for v in found) >= 2
    planar = largest_lyapunov(load_model("skew_tanh_2d"), [1.0, 0.0], h=0.02, t=2000)
    assert abs(planar) < 0.01


def test_committed_casoni2025_certificates_have_expected_verdicts():
    expected = json.loads((PROOFS / "expected.json").read_text())
    ours = {k: v for k, v in expected.items() if k.startswith("casoni2025/")}
    assert len(ours) >= 40
    for rel, want in ours.items():
        assert check(json.loads((PROOFS / rel).read_text())).verdict == want, rel
    names = set(ours)
    assert "casoni2025/skew_tanh_2d/period-A1.json" in names
    assert "casoni2025/skew_gauss_2d/escape.json" in names
