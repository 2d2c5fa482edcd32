"""Property (issue 4): on random 3-D piecewise-linear maps (shPLRNN normal form, 3 hidden units, seeded
numpy draws), for every certified saddle with a 2-D side: random points of the float stable pieces
(hit-and-run inside each piece's cylinder) converge to the saddle under brute-force forward iteration,
and random points of the unstable pieces (any generation) return to the saddle under backward iteration
along the pieces' own inverse branches (the map is invertible on every region it uses)."""

from fractions import Fraction

import numpy as np
import pytest

from verified_dyn.geometry import sample_piece
from verified_dyn.models import model_from_dict
from verified_dyn.pipelines.cycles import certified_cycles
from verified_dyn.search.manifolds_nd import (
    grow_stable,
    grow_unstable,
    piece_constraints,
    saddle_geometry,
)

BOX = np.array([[-4.0, 4.0]] * 3)


def random_model(seed):
    rng = np.random.default_rng(seed)
    q = lambda v: str(Fraction(float(v)).limit_denominator(64))
    A = [[q(v) for v in row] for row in rng.uniform(-1.2, 1.2, (3, 3))]
    W1 = [[q(v) for v in row] for row in rng.uniform(-1, 1, (3, 3))]
    W2 = [[q(v) for v in row] for row in rng.uniform(-1, 1, (3, 3))]
    return model_from_dict(
        {
            "kind": "shplrnn",
            "A": A,
            "W1": W1,
            "W2": W2,
            "h1": [q(v) for v in rng.uniform(-0.5, 0.5, 3)],
            "h2": [q(v) for v in rng.uniform(-0.5, 0.5, 3)],
        }
    )


def saddles_2d():
    """Saddles near the origin whose rates let float iteration show convergence. Forward from a
    point at distance ~1 on W^s, the orbit approaches like s^m (s = the slowest stable |eigenvalue|)
    while the rounding error ~1e-16 grows like u^m (u = the largest unstable one), so the closest
    approach is about 1e-16^theta with theta = ln(1/s) / ln(u/s); backward from W^u the roles are
    1 / (smallest unstable) and 1 / (smallest stable). Keep the saddles with 16 theta >= 9 (closest
    approach ~1e-9), so that 1e-6 is a fair threshold: a limit of the check, not of the pieces."""
    out = []
    for seed in range(80):
        model = random_model(seed)
        for c in certified_cycles(model, max_period=1, progress=False).cycles:
            if c.counts.orbit_type != "saddle" or np.abs([float(x) for x in c.points[0]]).max() >= 2:
                continue
            geom = saddle_geometry(model, c.points, c.itinerary)
            lam = np.abs(np.linalg.eigvals(geom.Ms[geom.codes[0]]))
            st, un = lam[lam < 1], lam[lam > 1]
            if c.counts.inside == 2:
                theta = np.log(1 / st.max()) / np.log(un.max() / st.max())
            else:
                theta = np.log(un.min()) / np.log(un.min() / st.min())
            if 16 * theta >= 9:
                out.append((seed, model, c))
    return out


CASES = saddles_2d()


def test_enough_cases():
    kinds = {("stable" if c.counts.inside == 2 else "unstable") for _, _, c in CASES}
    assert len(CASES) >= 8 and kinds == {"stable", "unstable"}


@pytest.mark.parametrize("case", range(len(CASES)))
def test_points_on_pieces_converge_to_the_saddle(case):
    seed, model, c = CASES[case]
    geom = saddle_geometry(model, c.points, c.itinerary)
    p0 = geom.points[0]
    rng = np.random.default_rng(seed)
    if c.counts.inside == 2:
        ps = grow_stable(geom, BOX, iterations=3, max_pieces=60)
        assert len(ps) >= 1 and ps.dim == 2
        for p in ps.pieces[:15]:
            E, e, G, g = piece_constraints(ps, p)
            for y in sample_piece(E, e, G, g, 3, rng):
                z, best = y.copy(), np.inf
                for _ in range(p.generation + 300):
                    z = model.step_float(z)
                    best = min(best, float(np.linalg.norm(z - p0)))
                    if best < 1e-6 or not np.all(np.abs(z) < 1e12):
                        break
                assert best < 1e-6, f"seed {seed}: piece {p.itinerary} point at {best:.1e} of the saddle"
    else:
        ps = grow_unstable(geom, BOX, iterations=3, max_pieces=60)
        assert len(ps) >= 1 and ps.dim == 2
        Minv = {
            code: np.linalg.inv(geom.Ms[code])
            for code in range(len(geom.Ms))
            if abs(np.linalg.det(geom.Ms[code])) > 1e-9
        }
        back = geom.codes[0]
        if back not in Minv:
            pytest.skip("the saddle's region is singular")
        for p in ps.pieces[:15]:
            if any(code not in Minv for code in p.itinerary):
                continue
            E, e, G, g = piece_constraints(ps, p)
            for y in sample_piece(E, e, G, g, 3, rng):
                z = y.copy()
                for code in reversed(p.itinerary):  # the piece's own inverse branches
                    z = Minv[code] @ (z - geom.cs[code])
                best = float(np.linalg.norm(z - p0))
                for _ in range(300):  # then the saddle's branch (closest
                    z = Minv[back] @ (z - geom.cs[back])  # approach: backward iteration expands
                    best = min(best, float(np.linalg.norm(z - p0)))  # rounding along E^s)
                    if best < 1e-6:
                        break
                assert best < 1e-6, f"seed {seed}: piece {p.itinerary} point at {best:.1e} of the saddle"
