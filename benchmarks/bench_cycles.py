"""End-to-end exhaustive cycle certification: where the time goes (solve, spectrum witness, kernel check).

Usage: python benchmarks/bench_cycles.py   (prints one line per workload)
"""

from __future__ import annotations

import time

from verified_dyn.models import load_model
from verified_dyn.pipelines.cycles import certified_cycles

WORKLOADS = [
    ("lozi", None, {"max_period": 12}),
    ("tent_2", None, {"max_period": 12}),
    ("gardini_fig5", None, {"max_period": 10}),
    ("scyfi_multistable", 0, {"period": 1}),
]


def main():
    for name, trial, kw in WORKLOADS:
        model = load_model(name, trial)
        t = time.perf_counter()
        rep = certified_cycles(model, progress=False, **kw)
        total = time.perf_counter() - t
        s = rep.seconds
        print(
            f"{name}{'' if trial is None else f' trial {trial}'} {kw}: {sum(rep.tried.values())} itineraries, "
            f"{len(rep.cycles)} orbits certified, total {total:.2f} s = certify {s['certify']:.2f} (of which "
            f"spectrum witness {s['spectrum']:.2f}) + kernel check {s['check']:.2f} "
            f"(+ rest {total - s['certify'] - s['check']:.2f}); "
            f"rejected {len(rep.rejected)}"
        )


if __name__ == "__main__":
    main()
