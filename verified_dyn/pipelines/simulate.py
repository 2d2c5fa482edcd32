"""``verified-dyn simulate``: a float trajectory, the drift of G along it, a figure, and (forward
Euler on a skew network) the kernel-checked linear bound G(x_k) <= G(x_0) + k C."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..certify.ctrnn_euler import certify_energy_bound
from ..models.ctrnn import CTRNNModel
from ..rationals import fmt
from ..search.ctrnn_integrators import simulate
from .settle import settle


def run_simulation(
    model: CTRNNModel, method: str, h: Fraction, t: Fraction, x0, out: Path, plot: bool = True
) -> tuple[dict, str]:
    """Integrate, measure the drift of G, certify the Euler bound when it applies, draw the figure."""
    steps = max(1, math.floor(t / h))
    stride = max(1, steps // 20000)
    try:
        tr = simulate(model, method, float(h), steps, [float(x) for x in x0], stride)
    except ValueError as e:
        from ..errors import UsageError

        raise UsageError(str(e)) from None
    ok = np.all(np.isfinite(tr.x), axis=1)
    last = int(np.nonzero(ok)[0][-1])
    G0, drift = float(tr.G[0]), tr.G[: last + 1] - tr.G[0]
    finite_G = bool(np.all(np.isfinite(drift)))
    doc = {
        "model": {**model.summary(), "hash": model.hash},
        "method": method,
        "h": fmt(h),
        "t": fmt(t),
        "steps": steps,
        "x0": [fmt(x) for x in x0],
        "engine": tr.engine,
        "completed": bool(ok.all()),
        "t_reached": float(tr.t[last]),
        "x_final": tr.x[last].tolist(),
        "G0": G0 if finite_G else None,
        "G_final": float(tr.G[last]) if finite_G else None,
        "max_abs_drift": float(np.max(np.abs(drift))) if finite_G else None,
        "note": "float integration: numerical results, not proofs",
    }
    lines = [
        f"{model.name or 'model'}: {method}, h = {fmt(h)}, {steps} steps to t = {fmt(t)} ({tr.engine}; "
        "floats, not a proof)"
    ]
    if not doc["completed"]:
        lines.append(f"stopped at t = {doc['t_reached']:.6g} (overflow, or the implicit solve did not converge)")
    if finite_G:
        lines.append(
            f"G(x0) = {G0:.12g}   G(x(t)) = {doc['G_final']:.12g}   max |G - G(x0)| = {doc['max_abs_drift']:.3e}"
        )
    lines.append("x(t) = (" + ", ".join(f"{v:.6g}" for v in tr.x[last][:6]) + (", ...)" if model.dim > 6 else ")"))
    if method == "euler":
        _euler_bound(model, h, steps, G0, doc, lines, out)
    if plot:
        from ..reports.ctrnn_figures import simulation_figure

        out.mkdir(parents=True, exist_ok=True)
        path = simulation_figure(model, tr, last, out / f"simulate-{method}.png")
        doc["figure"] = str(path)
        lines.append(f"figure: {path}")
    return doc, "\n".join(lines)


def _euler_bound(model, h, steps, G0, doc, lines, out: Path) -> None:
    r = settle(certify_energy_bound(model, h), out, f"euler-bound-h{fmt(h).replace('/', '_')}")
    if r.proved:
        C = Fraction(r.claim["C"])
        bound = G0 + float(C) * steps
        doc["euler_bound"] = {
            "verdict": "PROVED",
            "C": r.claim["C"],
            "statement": r.statement,
            "certificate": r.path,
            "bound_at_end": bound,
        }
        lines.append(
            f"PROVED (kernel): {r.statement}; here G(x_k) <= {bound:.6g} at k = {steps} (certificate {r.path})"
        )
    else:
        doc["euler_bound"] = {"verdict": "INCONCLUSIVE", "reason": r.reason}
        lines.append(f"Euler bound not certified: {r.reason}")
