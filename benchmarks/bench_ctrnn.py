"""Step throughput of the ctrnn integrators (numba) for n = 64 and 1024, against the plain-Python twin,
and the cost of the certified claims. Run: python benchmarks/bench_ctrnn.py"""

import json
import time

import numpy as np

from verified_dyn.certify.ctrnn_euler import certify_trajectory
from verified_dyn.certify.ctrnn_planar import certify_period
from verified_dyn.kernel import check
from verified_dyn.models import load_model, model_from_dict
from verified_dyn.search.ctrnn_integrators import simulate


def skew(n, seed=0):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n)) / np.sqrt(n)
    return model_from_dict({"kind": "ctrnn", "W": (A - A.T).tolist(), "activation": "tanh"}), rng.standard_normal(n)


def rate(model, x0, method, steps, engine="auto"):
    simulate(model, method, 0.05, 2, x0, engine=engine)  # compile / warm up
    t0 = time.perf_counter()
    tr = simulate(model, method, 0.05, steps, x0, stride=steps, engine=engine)
    dt = time.perf_counter() - t0
    return steps / dt, float(abs(tr.G[-1] - tr.G[0]))


def main():
    rows = []
    for n, steps in ((64, 200000), (1024, 2000)):
        m, x0 = skew(n)
        for method in ("rk4", "avf"):
            r, drift = rate(m, x0, method, steps)
            py, _ = rate(m, x0, method, max(steps // 50, 20), engine="python")
            rows.append(
                {
                    "n": n,
                    "method": method,
                    "steps_per_s_numba": round(r),
                    "steps_per_s_python": round(py),
                    "drift_of_G": drift,
                    "steps": steps,
                }
            )
            print(json.dumps(rows[-1]))
    tanh = load_model("skew_tanh_2d")
    for A in ("1", "10"):
        t0 = time.perf_counter()
        att = certify_period(tanh, A)
        t1 = time.perf_counter()
        v = check(att.certificates[0])
        print(
            json.dumps(
                {
                    "period_enclosure_A": A,
                    "certify_s": round(t1 - t0, 3),
                    "kernel_s": round(time.perf_counter() - t1, 3),
                    "verdict": v.verdict,
                    "cells": att.certificates[0]["witness"]["cells"],
                    "period": att.info["period_float"],
                }
            )
        )
    t0 = time.perf_counter()
    att = certify_trajectory(tanh, [1, 0], "1/10", 1000)
    t1 = time.perf_counter()
    v = check(att.certificates[0])
    print(
        json.dumps(
            {
                "euler_trajectory_steps": 1000,
                "certify_s": round(t1 - t0, 3),
                "kernel_s": round(time.perf_counter() - t1, 3),
                "verdict": v.verdict,
                "precision_bits": att.certificates[0]["witness"]["precision_bits"],
            }
        )
    )


if __name__ == "__main__":
    main()
