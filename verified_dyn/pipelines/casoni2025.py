"""The computations behind ``reproduce casoni2025``, one function per section of the report.

Each returns a dict of results and writes its certificates through :func:`.settle.settle` (the gate), so every PROVED
in the report is a kernel verdict; float results are returned under keys that say "float"/"estimate".
"""

from __future__ import annotations

import json
import math
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import sympy

from ..certify import ctrnn_euler as euler
from ..certify import ctrnn_structure as structure
from ..certify.ctrnn_planar import period_estimate
from ..certify.ctrnn_symbolic import skew_identity
from ..models import load_model, model_from_dict
from ..reports import ctrnn_figures as figures
from ..search.ctrnn_integrators import simulate
from ..search.ctrnn_lyapunov import largest_lyapunov
from .invariants import run_invariants
from .settle import settle

J = [["0", "1"], ["-1", "0"]]
AMPLITUDES = ["1/4", "1/2", "1", "2", "3", "5", "10"]
REFERENCE_PERIODS = {"1/2": 6.666, "1": 7.714, "3": 14.809, "10": 42.773}


def logcosh(x):
    a = np.abs(x)
    return a + np.log1p(np.exp(-2 * a)) - np.log(2)


def gauss_g(x):
    return -0.5 * np.expm1(-x * x)


def planar_claims(certs: Path, figs: Path, say) -> dict:
    """Invariants of the tanh and Gaussian planar models, phase portraits, period vs amplitude."""
    tanh, gauss = load_model("skew_tanh_2d"), load_model("skew_gauss_2d")
    say("invariants of skew_tanh_2d (7 period enclosures)")
    inv_t = run_invariants(tanh, certs / "skew_tanh_2d", AMPLITUDES, progress=say)
    say("invariants of skew_gauss_2d")
    inv_g = run_invariants(gauss, certs / "skew_gauss_2d", ["1/2", "1"], progress=say)
    orbits = [(f"x0 = ({a}, 0)", simulate(tanh, "avf", 0.05, 4000, [a, 0.0]).x) for a in (0.5, 1.0, 2.0, 3.0)]
    f1 = figures.phase_portrait(
        logcosh,
        orbits,
        4.0,
        [0.1, 0.4, 1, 1.7, 2.5, 3.3],
        "dx/dt = J tanh(x): level sets of G = log cosh x1 + log cosh x2",
        figs / "phase_tanh.png",
        ["grey: level sets of G; colour: float orbits (AVF)"],
    )
    grid = np.geomspace(0.05, 12, 40)
    curve = (grid, np.array([period_estimate(tanh, float(a)) for a in grid]))
    certified = [
        (float(Fraction(p["x0"][0])), *p["enclosure_float"])
        for p in inv_t["claims"]["periodic_orbits"]["periods"]
        if p["verdict"] == "PROVED"
    ]
    f2 = figures.period_figure(curve, certified, figs / "period_vs_amplitude.png")
    rows = []
    for p in inv_t["claims"]["periodic_orbits"]["periods"]:
        a = p["x0"][0]
        rows.append(
            {
                "A": a,
                "verdict": p["verdict"],
                "enclosure": p.get("enclosure_float"),
                "float": period_estimate(tanh, float(Fraction(a))),
                "reference": REFERENCE_PERIODS.get(a),
                "asymptote": 4 * (float(Fraction(a)) + math.log(2)),
                "certificate": p.get("certificate"),
            }
        )
    esc = simulate(gauss, "rk4", 0.01, 500000, [1.5, 1.5], stride=5000)
    L2 = math.sqrt(2.25 - math.log(2))
    gauss_orbits = [
        ("x0 = (1, 0): closed", simulate(gauss, "rk4", 0.01, 2000, [1.0, 0.0]).x),
        ("x0 = (1.5, 1.5): escapes", simulate(gauss, "rk4", 0.01, 1500, [1.5, 1.5]).x),
        ("x0 = (0, 1.4): closed", simulate(gauss, "rk4", 0.01, 2500, [0.0, 1.4]).x),
    ]
    f6 = figures.phase_portrait(
        gauss_g,
        gauss_orbits,
        3.5,
        [0.1, 0.2, 0.3, 0.4, 0.55, 0.7, 0.9],
        "s(x) = x exp(-x^2): levels G < 1/2 closed, G > 1/2 open",
        figs / "gauss_counterexample.png",
        ["grey: level sets of G (sup of G is 1)"],
    )
    return {
        "tanh": inv_t,
        "gauss": inv_g,
        "figures": [f1, f2, f6],
        "periods": rows,
        "gauss_escape_float": {
            "x_5000": esc.x[-1].tolist(),
            "L2_closed_form": L2,
            "slope_closed_form": L2 * 2 * math.exp(-2.25),
        },
    }


def euler_section(certs: Path, figs: Path, say) -> dict:
    """Forward Euler: the certified bounds and trajectory, float runs of linear vs tanh networks."""
    tanh = load_model("skew_tanh_2d")
    linear = model_from_dict({"kind": "ctrnn", "name": "skew_linear_2d", "W": J, "activation": "linear"})
    h = Fraction(1, 10)
    say("forward Euler certificates")
    bound = settle(euler.certify_energy_bound(tanh, h), certs, "euler-energy-bound-tanh-h1_10")
    growth = settle(euler.certify_linear_growth(linear, h), certs, "euler-linear-growth-h1_10")
    traj_att = euler.certify_trajectory(tanh, [1, 0], h, 1000)
    traj = settle(traj_att, certs, "euler-trajectory-tanh-1000")
    say("forward Euler, RK4, midpoint, AVF float runs")
    e_t = simulate(tanh, "euler", 0.1, 200000, [1.0, 0.0], stride=100)
    e_l = simulate(linear, "euler", 0.1, 200000, [1.0, 0.0], stride=100)
    with np.errstate(over="ignore", invalid="ignore"):
        norm2 = np.sum(e_l.x**2, axis=1)
    overflow = float(e_l.t[np.argmax(~np.isfinite(norm2))]) if not np.all(np.isfinite(norm2)) else None
    G0 = float(logcosh(1.0))
    C = float(Fraction(bound.claim["C"])) if bound.proved else None
    t = e_t.t
    with np.errstate(divide="ignore", invalid="ignore"):
        log_norm2 = np.log10(norm2)
    left = [
        ("log10 |x_k|^2 (float, until overflow)", e_l.t, log_norm2, "-"),
        ("exact law k log10(1.01) (kernel-checked)", t, t / 0.1 * math.log10(1.01), ":"),
    ]
    right = [("G(x_k) (float)", t, e_t.G, "-")]
    if C is not None:
        right.append(("G(x_0) + k/100: certified bound (kernel-checked)", t, G0 + C * t / 0.1, "--"))
    right.append(
        (
            "sqrt(2ht + (G0 + 2 log 2)^2) - 2 log 2",
            t[1:],
            np.sqrt(2 * 0.1 * t[1:] + (G0 + 2 * math.log(2)) ** 2) - 2 * math.log(2),
            "-.",
        )
    )
    f3 = figures.euler_figure(left, right, figs / "euler_linear_vs_tanh.png")
    drifts = []
    for method in ("rk4", "midpoint", "avf"):
        r = simulate(tanh, method, 0.1, 100000, [1.0, 0.0], stride=50)
        drifts.append((method, r.t, r.G - r.G[0]))
    f4 = figures.drift_figure(drifts, figs / "integrator_drift.png")
    at = {T: float(e_t.G[int(T / 0.1) // 100]) for T in (100, 2000, 10000)}
    return {
        "bound": bound,
        "growth": growth,
        "trajectory": traj,
        "trajectory_info": traj_att.info,
        "figures": [f3, f4],
        "G_float": at,
        "linear_overflow_t": overflow,
        "drift_final": {m: float(d[-1]) for m, _, d in drifts},
        "drift_max": {m: float(np.max(np.abs(d))) for m, _, d in drifts},
    }


def rectified_section(certs: Path, figs: Path, say) -> dict:
    """A non-odd activation: rectified tanh. The exact escaping solution x(t) = (1, -tanh(1) t)."""
    say("rectified tanh and an asymmetric (non-odd) tanh")
    rect = model_from_dict({"kind": "ctrnn", "name": "skew_rectified_tanh_2d", "W": J, "activation": "rectified-tanh"})
    inv = run_invariants(rect, certs / "skew_rectified_tanh_2d", [], progress=say)
    t = sympy.Symbol("t", nonnegative=True)
    x1, x2 = sympy.Integer(1), -sympy.tanh(1) * t
    s = lambda v: sympy.Max(0, sympy.tanh(v))
    exact = sympy.simplify(sympy.diff(x1, t) - s(x2)) == 0 and sympy.simplify(sympy.diff(x2, t) + s(x1)) == 0
    starts = ((1.0, 0.0), (0.5, 1.0), (-1.0, 1.5))
    orbits = [(f"x0 = {p}", simulate(rect, "rk4", 0.01, 1500, list(p)).x) for p in starts]
    g = lambda x: np.where(x > 0, logcosh(x), 0.0)
    f5 = figures.phase_portrait(
        g,
        orbits,
        4.0,
        [0.1, 0.4, 1.0],
        "s(x) = max(0, tanh x): the orbits are broken",
        figs / "rectified_tanh.png",
        ["the level sets of G are not closed curves"],
    )
    asym = model_from_dict(
        {"kind": "ctrnn", "name": "skew_asym_tanh_2d", "W": J, "activation": "tanh(x) + tanh(x)**2/2"}
    )
    inv_a = run_invariants(asym, certs / "skew_asym_tanh_2d", [], progress=say)
    return {"invariants": inv, "exact_solution_checked": bool(exact), "figures": [f5], "asym": inv_a}


def random_skew_model(n: int, seed: int):
    rng = np.random.default_rng(1000 * n + seed)
    A = rng.standard_normal((n, n))
    W = [[str(Fraction(round(64 * (A[i, j] - A[j, i])), 64)) for j in range(n)] for i in range(n)]
    model = model_from_dict(
        {
            "kind": "ctrnn",
            "name": f"skew_tanh_n{n}_seed{seed}",
            "W": W,
            "activation": "tanh",
            "description": "random skew W = round(64 (A - A^T))/64, A ~ N(0, 1)",
        }
    )
    return model, rng.standard_normal(n)


def higher_dim_section(certs: Path, figs: Path, models_dir: Path, say) -> dict:
    """Random skew tanh networks n = 4..8: bounded (kernel) and Lyapunov estimates (numerical)."""
    rows, by_n = [], {}
    for n in range(4, 9):
        for seed in range(3):
            m, x0 = random_skew_model(n, seed)
            say(f"random skew network n = {n}, seed {seed}")
            models_dir.mkdir(parents=True, exist_ok=True)
            (models_dir / f"{m.name}.json").write_text(
                json.dumps(
                    {
                        "kind": "ctrnn",
                        "name": m.name,
                        "description": m.description,
                        "W": [[str(x) for x in r] for r in m.W],
                        "activation": "tanh",
                    },
                    indent=1,
                )
                + "\n"
            )
            verdicts = {}
            for key, att in (
                ("skew", structure.certify_skew(m)),
                ("conserved", structure.certify_conserved(m)),
                ("bounded", structure.certify_bounded(m)),
            ):
                verdicts[key] = settle(att, certs / "random", f"{m.name}-{key}").verdict
            lle = largest_lyapunov(m, x0, h=0.02, t=4000)
            rows.append({"model": m.name, "n": n, "verdicts": verdicts, "lle_estimate": lle})
            by_n.setdefault(n, []).append(lle)
    f7 = figures.lyapunov_figure(sorted(by_n.items()), figs / "lyapunov_estimates.png")
    planar = largest_lyapunov(load_model("skew_tanh_2d"), [1.0, 0.0], h=0.02, t=4000)
    return {
        "rows": rows,
        "figures": [f7],
        "planar_lle_estimate": planar,
        "skew_identity": {n: skew_identity(n) for n in range(2, 7)},
    }


def reproduce_casoni2025(out: Path, proofs: Path | None = None, say=print) -> dict:
    """Compute every section, write certificates (to ``proofs`` or out/certificates), figures and report."""
    from ..reports.casoni2025 import write_report

    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    certs = Path(proofs) if proofs else out / "certificates"
    planar = planar_claims(certs, out, say)
    eul = euler_section(certs, out, say)
    rect = rectified_section(certs, out, say)
    high = higher_dim_section(certs, out, out / "models", say)
    paths = write_report(out, planar, eul, rect, high, time.perf_counter() - t0)
    n_figs = len(planar["figures"]) + len(eul["figures"]) + len(rect["figures"]) + len(high["figures"])
    return {
        **paths,
        "figures": n_figs,
        "certificates": len(list(certs.rglob("*.json"))),
        "certificate_dir": str(certs),
        "seconds": round(time.perf_counter() - t0, 1),
    }
