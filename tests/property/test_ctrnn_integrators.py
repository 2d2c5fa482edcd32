"""Property tests of the float integrators against facts proved by hand (MATH §5.8), on random skew W.

- AVF: G(x_{k+1}) - G(x_k) = gbar^T (x_{k+1} - x_k) = h gbar^T W gbar = 0, so G is conserved to round-off;
- RK4: a method of order 4, so halving h divides the largest drift of G on [0, 10] by about 16 as
  h -> 0; at h = 0.1 the max over time of |G - G(0)| still fluctuates (ratios from 10.4 to 16 seen over
  2,688 random draws, n = 2..64), so the test asserts the order-3 bound 8, which a lower-order method
  (ratio 2 or 4) fails;
- forward Euler: 0 < G(x + h W tanh x) - G(x) <= (h^2/2) |W tanh x|^2 at every point with W tanh x != 0,
  evaluated here with mpmath at 50 digits on the (exact, rational) float points of a trajectory;
- the numba kernels agree with the plain-Python twin.
"""

import mpmath
import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from verified_dyn.models import model_from_dict
from verified_dyn.search.ctrnn_integrators import simulate

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def skew_model(n, seed, activation="tanh"):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n)) / np.sqrt(n)
    m = model_from_dict({"kind": "ctrnn", "W": (A - A.T).tolist(), "activation": activation})
    return m, rng.standard_normal(n)


@SETTINGS
@given(st.integers(2, 64), st.integers(0, 10**6), st.sampled_from(["tanh", "softsign", "x*exp(-x**2)"]))
def test_avf_conserves_G_to_round_off(n, seed, activation):
    m, x0 = skew_model(n, seed, activation)
    tr = simulate(m, "avf", 0.05, 200, x0)
    assert np.all(np.isfinite(tr.G))
    assert np.max(np.abs(tr.G - tr.G[0])) <= 1e-12 * (1 + abs(tr.G[0]))


@SETTINGS
@given(st.integers(2, 64), st.integers(0, 10**6))
def test_rk4_drift_shrinks_like_its_order(n, seed):
    m, x0 = skew_model(n, seed)
    coarse = simulate(m, "rk4", 0.1, 100, x0)
    fine = simulate(m, "rk4", 0.05, 200, x0, stride=2)
    d_coarse, d_fine = np.max(np.abs(coarse.G - coarse.G[0])), np.max(np.abs(fine.G - fine.G[0]))
    assume(d_coarse > 1e-9)
    assert d_coarse / d_fine >= 8  # 16 for a fourth-order method as h -> 0; 4 for a second-order one


def _G(x):
    return mpmath.fsum(mpmath.log(mpmath.cosh(v)) for v in x)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 64), st.integers(0, 10**6), st.sampled_from([0.05, 0.1, 0.5]))
def test_forward_euler_increases_G_within_the_bound(n, seed, h):
    m, x0 = skew_model(n, seed)
    pts = simulate(m, "euler", h, 20, x0).x
    W = mpmath.matrix(m.W_float.tolist())
    with mpmath.workdps(50):
        hh = mpmath.mpf(h)
        for p in pts:
            x = mpmath.matrix([mpmath.mpf(float(v)) for v in p])  # the float point, exactly
            f = W * mpmath.matrix([mpmath.tanh(v) for v in x])
            dG = _G(x + hh * f) - _G(x)
            bound = hh**2 / 2 * mpmath.fsum(v**2 for v in f)
            assert 0 < dG <= bound


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(2, 8),
    st.integers(0, 10**6),
    st.sampled_from(["euler", "rk4", "midpoint", "avf"]),
    st.sampled_from(["tanh", "softsign", "sin", "x*exp(-x**2)"]),
)
def test_numba_and_python_twin_agree(n, seed, method, activation):
    m, x0 = skew_model(n, seed, activation)
    a = simulate(m, method, 0.05, 40, x0, stride=4)
    b = simulate(m, method, 0.05, 40, x0, stride=4, engine="python")
    assert a.engine == "numba" and b.engine == "python"
    assert np.allclose(a.x, b.x, rtol=1e-10, atol=1e-12)
    assert np.allclose(a.G, b.G, rtol=1e-10, atol=1e-12)
