"""Local manifolds certified exactly / in balls (verified_dyn.certify.manifolds). Expected values come
from closed forms and mpmath eigen-decompositions at 40 digits, not from the code under test."""

import mpmath
import pytest

from verified_dyn import load_model
from verified_dyn.certify.manifolds import certify_local_manifold
from verified_dyn.errors import CertifyError
from verified_dyn.models.loading import model_from_dict
from verified_dyn.models.regions import region_map
from verified_dyn.pipelines.cycles import certified_cycles


def _saddle(model, period=1):
    rep = certified_cycles(model, max_period=period, progress=False)
    return [c for c in rep.cycles if c.counts.orbit_type == "saddle"]


def _mp_eig(model, d):
    M, _ = region_map(model, d)
    n = M.nrows()
    A = mpmath.matrix([[mpmath.mpf(int(M[i, j].p)) / int(M[i, j].q) for j in range(n)] for i in range(n)])
    return mpmath.eig(A)


def _check(model, cyc, kind):
    lm = certify_local_manifold(model, cyc.itinerary, cyc.points, kind)
    with mpmath.workdps(120):
        _compare(model, cyc, kind, lm)
    return lm


def _compare(model, cyc, kind, lm):
    E, ER = _mp_eig(model, cyc.itinerary[0])
    want = [k for k in range(len(E)) if (abs(E[k]) > 1) == (kind == "unstable")]
    assert len(want) == 1
    lam = mpmath.re(E[want[0]])
    lo, hi = lm.interval
    assert mpmath.mpf(lo.numerator) / lo.denominator <= lam <= mpmath.mpf(hi.numerator) / hi.denominator
    v = [mpmath.re(ER[i, want[0]]) for i in range(model.dim)]
    v = [x / v[lm.pivot] for x in v]
    piece = lm.pieces[0]
    for x, mid, rad in zip(v, piece.direction_mid, piece.direction_rad):
        assert abs(x - mid) <= rad + 1e-15  # the ball contains the true eigenvector (floats printed: 1e-15)
    # the true local segment stays strictly inside the region of the point
    z = [mpmath.mpf(c.numerator) / c.denominator for c in cyc.points[0]]
    r = mpmath.mpf(lm.radius.numerator) / lm.radius.denominator
    for t in (-r, r):
        u0 = model.preactivation(cyc.points[0])
        ut = [
            sum(mpmath.mpf(float(w)) * (zz + t * vv) for w, zz, vv in zip(row, z, v)) + float(b)
            for row, b in zip(model.W2, model.h2)
        ]
        for i in model.active_units:
            assert (ut[i] > 0) == (u0[i] > 0)


@pytest.mark.parametrize("kind", ["stable", "unstable"])
def test_gardini_3a_right_saddle_local_manifold_matches_mpmath(kind):
    model = load_model("gardini_3a_right")
    (cyc,) = _saddle(model)
    lm = _check(model, cyc, kind)
    assert lm.pieces[0].enclosure_radius < 1e-13 and max(lm.pieces[0].direction_rad) < 1e-30
    assert float(lm.interval[1] - lm.interval[0]) < 1e-20


def test_three_dimensional_saddle_with_irrational_eigenvector():
    """x > 0 region of a 3-D plrnn; one unstable direction, a 2-D stable subspace."""
    model = model_from_dict(
        {
            "kind": "plrnn",
            "A": [["1", "1", "0"], ["1", "1/2", "0"], ["0", "1", "1/3"]],
            "W": [["-3", "0", "0"], ["0", "0", "0"], ["0", "0", "0"]],
            "h": ["1", "1/5", "0"],
        },
        "3d",
    )
    saddles = [c for c in _saddle(model) if c.counts.outside == 1]
    assert saddles
    for cyc in saddles:
        _check(model, cyc, "unstable")
        with pytest.raises(CertifyError):
            certify_local_manifold(model, cyc.itinerary, cyc.points, "stable")  # 2-D stable: refused


def test_attractor_has_no_unstable_direction():
    model = load_model("gardini_3a_right")
    rep = certified_cycles(model, max_period=1, progress=False)
    (focus,) = [c for c in rep.cycles if c.counts.orbit_type == "attracting"]
    with pytest.raises(CertifyError):
        certify_local_manifold(model, focus.itinerary, focus.points, "unstable")
    with pytest.raises(CertifyError):
        certify_local_manifold(model, focus.itinerary, focus.points, "sideways")


def test_cycle_pieces_are_images_of_each_other():
    """Gardini 3B-left saddle 3-cycle: v_{j+1} = M_{d_j} v_j (checked at the float midpoints)."""
    import numpy as np

    model = load_model("gardini_3b_left")
    (cyc,) = [c for c in _saddle(model, 3) if c.period == 3]
    lm = certify_local_manifold(model, cyc.itinerary, cyc.points, "unstable")
    f = model.f
    for j in range(2):
        D = np.array(cyc.itinerary[j], float)
        M = f["A"] + (f["W1"] * D) @ f["W2"]
        assert np.allclose(M @ np.array(lm.pieces[j].direction_mid), lm.pieces[j + 1].direction_mid, atol=1e-12)
