"""Known answers for manifolds and basins (issue 4). Sources: REFERENCE_CASES.md (Gardini maps: the
saddle's stable manifold bounds the focus's basin; eigenvalues), closed forms (Lozi), and brute-force
float iteration of the map, which shares no code with the piece-by-piece growth."""

import math

import numpy as np
import pytest

from verified_dyn import load_model
from verified_dyn.pipelines.cycles import certified_cycles
from verified_dyn.pipelines.manifolds import attractor_data, compute_manifolds, stable_segments
from verified_dyn.search.basins import (
    boundary_cells,
    capture_ellipsoids,
    classify,
    grid_points,
)
from verified_dyn.search.manifolds import distance_to_segments


def _boundary_check(name, plot, grow, n=200, saddle_period=None, iterations=30):
    model = load_model(name)
    cyc = certified_cycles(model, max_period=6, progress=False)
    rep = compute_manifolds(model, iterations=iterations, box=[[-grow, grow]] * 2, progress=False, cycles=cyc)
    if saddle_period is not None:
        rep.objects = [o for o in rep.objects if o.cycle.period == saddle_period]
        assert rep.objects, f"no saddle of period {saddle_period}"
    ell = capture_ellipsoids(model, attractor_data(model, cyc))
    Z, _, _ = grid_points((-plot, plot, -plot, plot), n)
    labels = classify(model, Z, ell, max_steps=1000).reshape(n, n)
    assert set(np.unique(labels)) == {-1, 0}, "expected: focus basin and divergence only"
    mask = boundary_cells(labels)
    assert mask.sum() > n, "the basin boundary should cross the grid"
    a, b = stable_segments(rep)
    d = distance_to_segments(Z[mask.ravel()], a, b)
    cell = 2 * plot / n
    return d / cell


def test_gardini_3a_right_stable_manifold_bounds_the_focus_basin():
    """REFERENCE_CASES: 'the saddle's stable manifold bounds the focus's basin' on [-3, 3]^2."""
    d = _boundary_check("gardini_3a_right", 3.0, 30.0)
    assert np.all(d <= math.sqrt(2)), f"farthest boundary cell {d.max():.2f} cells from W^s"


def test_gardini_3b_left_saddle_3cycle_stable_manifold_bounds_the_basin():
    d = _boundary_check("gardini_3b_left", 3.0, 30.0, saddle_period=3)
    assert np.all(d <= math.sqrt(2)), f"farthest boundary cell {d.max():.2f} cells from W^s"


def test_gardini_3b_right_saddle_4cycle_stable_manifold_bounds_the_basin():
    """The focus basin of 3B-right is bounded far out (the saddle 4-cycle lies near (-17, -13)): grid
    on [-30, 30]^2, manifold grown in [-200, 200]^2, only the 4-cycle's stable pieces."""
    d = _boundary_check("gardini_3b_right", 30.0, 200.0, saddle_period=4)
    assert np.all(d <= math.sqrt(2)), f"farthest boundary cell {d.max():.2f} cells from W^s"


def test_gardini_3a_right_saddle_eigenvalues_match_reference():
    rep = compute_manifolds(load_model("gardini_3a_right"), max_period=1, iterations=2, progress=False)
    (obj,) = rep.objects
    lo, hi = obj.unstable.local.interval
    assert abs(float(lo) - 1.569) < 1e-3 and abs(float(hi) - 1.569) < 1e-3
    lo, hi = obj.stable.local.interval
    assert abs(float(lo) - 0.251) < 1e-3


def test_lozi_flip_saddle_eigenvalue_interval_contains_the_closed_form():
    """Lozi fixed point (5/11, 5/22): DF = [[-a, 1], [b, 0]], eigenvalues (-a -+ sqrt(a^2 + 4b)) / 2."""
    model = load_model("lozi_1.7_0.5")
    rep = compute_manifolds(model, max_period=1, iterations=1, progress=False)
    (obj,) = [o for o in rep.objects if o.cycle.points[0][0] > 0]
    assert [str(x) for x in obj.cycle.points[0]] == ["5/11", "5/22"]
    a, b = 1.7, 0.5
    for side, value in (
        (obj.unstable, (-a - math.sqrt(a * a + 4 * b)) / 2),
        (obj.stable, (-a + math.sqrt(a * a + 4 * b)) / 2),
    ):
        lo, hi = side.local.interval
        assert float(lo) - 1e-15 <= value <= float(hi) + 1e-15
        assert float(hi - lo) < 1e-20


def _nearest_saddle_side(name, kind, iterations):
    model = load_model(name)
    rep = compute_manifolds(model, max_period=1, iterations=iterations, progress=False)
    obj = rep.objects[0]
    side = obj.unstable if kind == "unstable" else obj.stable
    p = np.array([float(x) for x in obj.cycle.points[0]])
    return model, side.grown, p


@pytest.mark.parametrize("name", ["gardini_3a_left", "gardini_fig5"])
def test_unstable_pieces_agree_with_forward_iterates_of_points_near_the_saddle(name):
    """Brute force: forward iterates of random points 1e-10 from the saddle approach W^u."""
    model, g, p = _nearest_saddle_side(name, "unstable", 25)
    rng = np.random.default_rng(1)
    hits = 0
    for _ in range(20):
        z = p + 1e-10 * rng.standard_normal(2)
        for n in range(60):
            z = model.step_float(z)
            if np.abs(z).max() > 20:
                break
            dist_p = np.linalg.norm(z - p)
            if 1e-3 < dist_p:
                d = distance_to_segments(z[None, :], g.a, g.b)[0]
                assert d < 1e-5, f"iterate {n} at {z} is {d:.2e} from the computed W^u"
                hits += 1
    assert hits > 50


def _all_preimages(model, y):
    """Every preimage of y, by brute force over the regions (float)."""
    from verified_dyn.models.regions import pattern_of_code
    from verified_dyn.search.manifolds import region_arrays

    n = 2 ** len(model.active_units)
    Ms, cs = region_arrays(model, range(n))
    out = []
    for code in range(n):
        if abs(np.linalg.det(Ms[code])) < 1e-12:
            continue
        z = np.linalg.solve(Ms[code], y - cs[code])
        u = model.f["W2"] @ z + model.f["h2"]
        d = pattern_of_code(model, code)
        if all((u[i] >= 0) if d[i] else (u[i] <= 0) for i in model.active_units):
            out.append(z)
    return out


@pytest.mark.parametrize("name,eps,first,steps", [("gardini_3a_left", 1e-2, 25, 40), ("gardini_fig5", 1e-10, 0, 12)])
def test_stable_pieces_agree_with_backward_iterates_of_points_near_the_saddle(name, eps, first, steps):
    """Brute force: all preimages of random points eps from the saddle approach W^s (3A-left has
    stable eigenvalue -0.981, so its backward iterates leave the saddle slowly: start farther)."""
    model, g, p = _nearest_saddle_side(name, "stable", steps)
    rng = np.random.default_rng(2)
    hits = 0
    for _ in range(10):
        zs = [p + eps * rng.standard_normal(2)]
        for n in range(steps):
            zs = [w for z in zs for w in _all_preimages(model, z) if np.abs(w).max() < 15][:64]
            for z in zs:
                if n >= first and (first or np.linalg.norm(z - p) > 1e-3):
                    d = distance_to_segments(z[None, :], g.a, g.b)[0]
                    assert d < 1e-5, f"backward iterate {n} at {z} is {d:.2e} from the computed W^s"
                    hits += 1
    assert hits > 20


def _certified_boundary_check(name, plot, grow, period, gens, n=200):
    model = load_model(name)
    cyc = certified_cycles(model, max_period=6, progress=False)
    rep = compute_manifolds(
        model, iterations=2, box=[[-grow, grow]] * 2, progress=False, cycles=cyc, certify_pieces=gens
    )
    (obj,) = [o for o in rep.objects if o.cycle.period == period]
    assert obj.stable.pieces_verdict.verdict == "PROVED", obj.stable.pieces_verdict.reason
    ps = obj.stable.certified
    a = np.array([[float(x) for x in p.vertices[0]] for p in ps.pieces])
    b = np.array([[float(x) for x in p.vertices[1]] for p in ps.pieces])
    eps = max(float(p.eps) for p in ps.pieces)
    ell = capture_ellipsoids(model, attractor_data(model, cyc))
    Z, _, _ = grid_points((-plot, plot, -plot, plot), n)
    labels = classify(model, Z, ell, max_steps=1000).reshape(n, n)
    mask = boundary_cells(labels)
    assert mask.sum() > n
    d = (distance_to_segments(Z[mask.ravel()], a, b) + eps) / (2 * plot / n)
    assert np.all(d <= math.sqrt(2)), f"farthest boundary cell {d.max():.2f} cells from the proved W^s pieces"


@pytest.mark.parametrize("name,period,gens", [("gardini_3a_right", 1, 8), ("gardini_3b_left", 3, 20)])
def test_boundary_cells_lie_near_kernel_proved_stable_pieces(name, period, gens):
    """As above, but against the kernel-PROVED exact-preimage pieces (claim manifold-pieces-1d)."""
    _certified_boundary_check(name, 3.0, 30.0, period, gens)


@pytest.mark.slow
def test_gardini_3b_right_boundary_near_kernel_proved_pieces_of_the_4cycle():
    _certified_boundary_check("gardini_3b_right", 30.0, 200.0, 4, 30)
