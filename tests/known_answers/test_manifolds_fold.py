"""A non-invertible 2-D map with a fold: F(x, y) = (1 + y - a x, b |x|), a = 17/10, b = 1/2.

The two regions have det M = -b and +b (both signs), so F folds the plane along x = 0 onto y >= 0 and a
point with y > 0 has two preimages. Its saddle fixed point is (1/(1 + a - b), b/(1 + a - b)) = (5/11, 5/22)
(closed form). Expected values below come from that closed form and from brute-force backward sampling
(all preimages found by solving every region's affine map and keeping the self-consistent ones)."""

from fractions import Fraction

import numpy as np

from verified_dyn.models.loading import model_from_dict
from verified_dyn.models.regions import pattern_of_code
from verified_dyn.pipelines.manifolds import compute_manifolds
from verified_dyn.search.manifolds import distance_to_segments

FOLD = {
    "kind": "plrnn",
    "name": "fold",
    "A": [["-17/10", "1"], ["-1/2", "0"]],
    "W": [["0", "0"], ["1", "0"]],
    "h": ["1", "0"],
}
BOX = 12.0


def _preimages(model, y):
    out = []
    f = model.f
    for d, (M, c) in {1: (f["A"] + np.outer(f["W1"][:, 0], f["W2"][0]), f["h1"]), 0: (f["A"], f["h1"])}.items():
        z = np.linalg.solve(M, y - c)
        if (z[0] >= 0) == bool(d) or z[0] == 0:
            out.append(z)
    return out


def _manifold():
    model = model_from_dict(FOLD, "fold")
    rep = compute_manifolds(model, max_period=1, iterations=10, box=[[-BOX, BOX]] * 2, progress=False)
    (obj,) = [o for o in rep.objects if o.cycle.points[0][0] > 0]
    return model, obj


def test_fold_saddle_and_determinant_signs_of_both_kinds():
    _, obj = _manifold()
    assert obj.cycle.points[0] == [Fraction(5, 11), Fraction(5, 22)]
    assert sorted(obj.det_signs.values()) == [-1, 1], "the stable set visits both sides of the fold"
    codes = {int(c) for c in obj.stable.grown.code}
    assert len(codes) == 2


def test_fold_stable_set_has_several_preimage_branches_matching_brute_force():
    model, obj = _manifold()
    g = obj.stable.grown
    rng = np.random.default_rng(3)
    p = np.array([5 / 11, 5 / 22])
    v = np.array(obj.stable.local.pieces[0].direction_mid)
    r = float(obj.stable.local.radius)
    branching = 0
    checked = 0
    for _ in range(20):
        zs = [p + rng.uniform(-r, r) * v]
        for n in range(6):
            nxt = []
            for z in zs:
                pre = [w for w in _preimages(model, z) if np.abs(w).max() < BOX]
                branching += len(pre) >= 2
                nxt += pre
            zs = nxt
            for z in zs:
                d = distance_to_segments(z[None, :], g.a, g.b)[0]
                assert d < 1e-7, f"preimage {z} (step {n + 1}) is {d:.1e} from the computed stable set"
                checked += 1
    assert branching > 0, "brute force should find points with two preimages"
    assert checked > 40


def test_fold_pieces_lie_in_their_region():
    model, obj = _manifold()
    g = obj.stable.grown
    for a, b, code in zip(g.a, g.b, g.code):
        d = pattern_of_code(model, code)
        for z in (a, b, 0.5 * (a + b)):
            assert (z[0] >= -1e-9) if d[0] else (z[0] <= 1e-9)


def test_singular_region_is_reported_not_fatal():
    """x' = 2x - 2 relu(x) + 1, y' = y / 2: region x > 0 has M = diag(0, 1/2) (singular). The saddle
    (-1, 0) has stable manifold x = -1 (closed form); no preimage comes from the singular region."""
    model = model_from_dict(
        {"kind": "plrnn", "A": [["2", "0"], ["0", "1/2"]], "W": [["-2", "0"], ["0", "0"]], "h": ["1", "0"]}, "singular"
    )
    rep = compute_manifolds(model, max_period=1, iterations=5, box=[[-5, 5]] * 2, progress=False)
    (obj,) = rep.objects
    g = obj.stable.grown
    assert g.singular_regions == [1]
    assert np.allclose(g.a[:, 0], -1.0) and np.allclose(g.b[:, 0], -1.0)
    assert obj.det_signs[(1, 0)] == 0
