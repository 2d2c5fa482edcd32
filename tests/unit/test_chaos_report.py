"""The homoclinic orbit shown in reports, read from a committed Lozi chaos certificate: consecutive rows
are images under the real map, the first row lies on the saddle's unstable eigenline and the last row's
lies on the stable eigenline and its forward orbit approaches the saddle (closed forms for the Lozi map
(a, b) = (1.7, 0.5): p = (5/11, 5/22), Jacobian [[-a, 1], [b, 0]] at p, unstable eigenvalue
(-a - sqrt(a^2 + 4b)) / 2)."""

import json
import math
from pathlib import Path

import numpy as np

from verified_dyn import load_model
from verified_dyn.reports.chaos_report import homoclinic_orbit, orbit_table_md, proved_and_not

CERT = Path(__file__).resolve().parents[2] / "proofs" / "chaos" / "lozi" / "chaos-homoclinic.json"


def test_lozi_homoclinic_orbit_rows_follow_the_map_from_the_unstable_to_the_stable_line():
    model = load_model("lozi_1.7_0.5")
    rows = homoclinic_orbit(model, json.loads(CERT.read_text()))
    a, b = 1.7, 0.5
    p = np.array([5 / 11, 5 / 22])
    assert np.allclose(rows[0]["point"], p) and np.allclose(rows[-1]["point"], p)
    orbit = [r for r in rows if r["k"] is not None]
    assert [r["k"] for r in orbit] == list(range(orbit[0]["k"], orbit[-1]["k"] + 1)) and orbit[0]["k"] < 0
    for r, nxt in zip(orbit, orbit[1:]):
        assert np.allclose(model.step_float(r["point"]), nxt["point"], atol=1e-12)
    lam_u = (-a - math.sqrt(a * a + 4 * b)) / 2
    v = np.array([lam_u, b])  # (M - lam_u) v = 0 with M = [[-a, 1], [b, 0]]
    d = orbit[0]["point"] - p
    assert abs(d[0] * v[1] - d[1] * v[0]) < 1e-9 * np.linalg.norm(d) and np.linalg.norm(d) > 1e-6
    lam_s = (-a + math.sqrt(a * a + 4 * b)) / 2
    d = orbit[-1]["point"] - p
    assert abs(d[0] * b - d[1] * lam_s) < 1e-9 * np.linalg.norm(d)  # on the stable eigenline
    z, best = orbit[-1]["point"], np.inf
    for _ in range(30):  # (float round-off grows by |lam_u| per step afterwards)
        z = model.step_float(z)
        best = min(best, np.linalg.norm(z - p))
    assert best < 1e-8
    assert len(orbit_table_md(rows)) == len(rows) + 2


def test_proved_and_not_proved_lists_follow_the_attempts():
    chaos = {
        "verdict": "INCONCLUSIVE",
        "entropy_lower_bound": None,
        "attempts": [
            {"theorem": "contraction", "verdict": "INCONCLUSIVE", "reason": "rho(B) = 2 >= 1"},
            {"theorem": "transversal-homoclinic", "verdict": "INCONCLUSIVE", "reason": "no crossing"},
        ],
    }
    proved, not_proved = proved_and_not(chaos, 6, complete=False)
    assert proved == []
    assert any("no crossing" in x for x in not_proved) and any("rho(B) = 2" in x for x in not_proved)
    assert any("period > 6" in x for x in not_proved)
