"""Sweep throughput (issue 16): tasks per second in-process, on a LocalCluster of 1 and 2 workers, against a
loop of single-model CLI runs (one `verified-dyn cycles` process per model); the 150 trained checkpoints
(fixed points); a 21 x 21 SCYFI-style grid around the 16-cycle system. Prints a Markdown block.

Run: python benchmarks/bench_sweep.py [--out DIR] [--skip-grid] [--cli N]
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from verified_dyn.sweeps import run_sweep
from verified_dyn.sweeps.spec import tasks_of


def lozi(num=41):
    return {
        "base": "lozi:b=1/2",
        "analysis": {"kind": "cycles", "max_period": 8, "complete": True},
        "vary": [{"param": "a", "values": {"start": "1", "stop": "2", "num": num}}],
    }


def grid16(num=21, budget=0.3):
    axis = {"start": "-1/200", "stop": "1/200", "num": num}  # the 16-cycle is gone at |delta| = 1/100
    return {
        "base": "scyfi_16cycle",
        "analysis": {"kind": "cycles", "period": 16, "search": "heuristic", "budget": budget},
        "vary": [{"entry": "A[0][0]", "add": True, "values": axis}, {"entry": "A[1][1]", "add": True, "values": axis}],
    }


def timed(label, spec, out, rows, **kw):
    t0 = time.perf_counter()
    res = run_sweep(spec, out, **kw)
    dt = time.perf_counter() - t0
    n = res.ran
    task_s = float(res.table["seconds"].sum()) if len(res.table) else 0.0
    rows.append((label, n, dt, n / dt if dt else 0.0, task_s / max(len(res.table), 1), res))
    print(f"{label}: {n} tasks in {dt:.1f} s = {n / dt if dt else 0:.2f} tasks/s", file=sys.stderr, flush=True)
    return res


def _warm():
    from verified_dyn.sweeps.tasks import run_task

    opts = {"complete": True, "max_period": 8, "search": "auto", "seed": 0}
    run_task({"model": "lozi:a=3/2,b=1/2", "analysis": "cycles", "options": opts})
    return True


def warm_cluster(n):
    """A LocalCluster of n single-threaded workers, each having run one task (imports, numba caches)."""
    import logging

    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    cluster = LocalCluster(
        n_workers=n, threads_per_worker=1, dashboard_address=None, host="127.0.0.1", silence_logs=logging.ERROR
    )
    client = Client(cluster)
    client.run(_warm)
    return cluster, client, time.perf_counter() - t0


def cli_loop(n):
    _, tasks = tasks_of(lozi())
    chosen = tasks[:: max(1, len(tasks) // n)][:n]
    t0 = time.perf_counter()
    for t in chosen:
        subprocess.run(
            [sys.executable, "-m", "verified_dyn", "cycles", t["model"], "--max-period", "8", "--complete", "--quiet",
             "--out", tempfile.mkdtemp()],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    dt = time.perf_counter() - t0
    return len(chosen), dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="bench-sweep-")))
    ap.add_argument("--cli", type=int, default=8, help="models in the CLI loop")
    ap.add_argument("--skip-grid", action="store_true")
    ap.add_argument("--skip-trials", action="store_true")
    ap.add_argument("--only-grid", action="store_true")
    a = ap.parse_args()
    rows = []
    if a.only_grid:
        g = timed(
            "scyfi_16cycle 21 x 21 grid, period 16 heuristic 0.3 s, 2 workers",
            grid16(),
            a.out / "grid",
            rows,
            workers=2,
        )
        print(g.table["attracting"].value_counts().sort_index().to_dict(), g.figure)
        return
    n_cli, t_cli = cli_loop(a.cli)
    print(f"CLI loop: {n_cli} runs in {t_cli:.1f} s", file=sys.stderr, flush=True)
    timed("lozi 41 values, p <= 8 complete, in-process (--no-dask)", lozi(), a.out / "seq", rows, dask=False)
    timed("same, LocalCluster 1 worker (cold: cluster start and worker warm-up included)", lozi(), a.out / "w1",
          rows, workers=1)  # fmt: skip
    res2 = timed("same, LocalCluster 2 workers (cold)", lozi(), a.out / "w2", rows, workers=2)
    timed("same, rerun (every row present)", lozi(), a.out / "w2", rows, workers=2)
    for n in (1, 2):
        cluster, client, startup = warm_cluster(n)
        print(f"LocalCluster {n}: started and warmed in {startup:.1f} s", file=sys.stderr, flush=True)
        try:
            timed(f"same, warm LocalCluster {n} worker(s) (started and warmed in {startup:.1f} s, not counted)",
                  lozi(), a.out / f"warm{n}", rows, scheduler=cluster.scheduler_address)  # fmt: skip
        finally:
            client.close()
            cluster.close()
    if not a.skip_trials:
        trials = {"models": "scyfi_multistable", "analysis": "fixed-points"}
        timed("scyfi_multistable, 150 trials, fixed points, 2 workers", trials, a.out / "trials", rows, workers=2)
    if not a.skip_grid:
        g = timed("scyfi_16cycle 21 x 21 grid (dA11, dA22 in [-1/200, 1/200]), period 16 heuristic 0.3 s, 2 workers",
                  grid16(), a.out / "grid", rows, workers=2)  # fmt: skip
        counts = g.table["attracting"].value_counts().sort_index().to_dict()
        print(f"grid attracting-count histogram: {counts}", file=sys.stderr)
    print("\n| run | tasks | wall | tasks/s | mean task time inside the worker |")
    print("|---|---|---|---|---|")
    print(f"| CLI loop: one `verified-dyn cycles ... --max-period 8 --complete` process per model | {n_cli} | "
          f"{t_cli:.1f} s | {n_cli / t_cli:.2f} | — |")  # fmt: skip
    for label, n, dt, rate, mean, _ in rows:
        print(f"| {label} | {n} | {dt:.1f} s | {rate:.2f} | {mean:.2f} s |")
    print(f"\nfigures: {res2.figure}" + ("" if a.skip_grid else f", {a.out / 'grid' / 'figure.png'}"))
    print(json.dumps({"out": str(a.out)}))


if __name__ == "__main__":
    main()
