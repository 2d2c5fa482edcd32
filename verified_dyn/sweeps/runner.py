"""Running a sweep: tasks on a Dask cluster (a LocalCluster by default, or ``scheduler=ADDRESS``) or in
this process (``dask=False``), rows appended to the Parquet table as they finish, resumable."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from . import table as tbl
from .spec import load_spec, tasks_of
from .tasks import run_task, task_id


@dataclass
class SweepOutcome:
    """What a sweep did: the table (a pandas DataFrame), where it is, the figure, and the counts."""

    table: object
    out: Path
    table_path: Path
    figure: Path | None
    kind: str
    total: int
    skipped: int
    ran: int
    failed: int
    seconds: float
    workers: int
    param_names: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "out": str(self.out),
            "table": str(self.table_path),
            "figure": str(self.figure) if self.figure else None,
            "kind": self.kind,
            "tasks": self.total,
            "skipped": self.skipped,
            "ran": self.ran,
            "failed": self.failed,
            "workers": self.workers,
            "seconds": round(self.seconds, 3),
            "rows": int(len(self.table)),
        }


def _run_on_worker(task: dict, cert_root: str | None) -> dict:
    row = run_task(task, cert_root)
    try:
        from distributed import get_worker

        row["worker"] = str(get_worker().name)
    except (ImportError, ValueError):
        row["worker"] = f"pid{os.getpid()}"
    row["finished_at"] = time.time()
    return row


def default_out(spec_source) -> Path:
    stem = Path(spec_source).stem if isinstance(spec_source, (str, Path)) else "sweep"
    return Path("verified-dyn-out") / f"sweep-{stem}"


class _Bar:
    """tqdm when installed, else a progress line with total and ETA (at most one a second)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.done = total, enabled, 0
        self.start = self.last = time.perf_counter()
        self.bar = None
        if enabled:
            try:
                from tqdm import tqdm

                self.bar = tqdm(total=total, desc="sweep", unit="task", file=sys.stderr)
            except ImportError:
                pass

    def update(self, failed: int) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            return
        now = time.perf_counter()
        if not self.enabled or (now - self.last < 1.0 and self.done < self.total):
            return
        self.last = now
        rate = self.done / max(now - self.start, 1e-9)
        eta = (self.total - self.done) / rate if rate > 0 else float("inf")
        print(
            f"sweep: {self.done}/{self.total} tasks, {failed} failed ({rate:.2f}/s, {now - self.start:.0f} s, "
            f"ETA {eta:.0f} s)",
            file=sys.stderr,
            flush=True,
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_sweep(
    spec,
    out: str | Path | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    dask: bool = True,
    limit: int | None = None,
    progress: bool = False,
    figure: bool = True,
    certificates: bool = True,
    batch_seconds: float = 2.0,
    batch_rows: int = 64,
) -> SweepOutcome:
    """Run (or resume) the sweep described by ``spec`` (a TOML path or a dict); see docs/SWEEP.md and
    :func:`verified_dyn.api.sweep`."""
    if workers is not None and not 1 <= workers <= 1024:
        raise UsageError(f"must be between 1 and 1024, got {workers}", "workers")
    if limit is not None and limit < 0:
        raise UsageError(f"must be >= 0, got {limit}", "limit")
    t0 = time.perf_counter()
    spec_dict = load_spec(spec)
    kind, tasks = tasks_of(spec_dict)
    out = Path(out or spec_dict.get("out") or default_out(spec))
    table_dir = out / "table"
    cert_root = str((out / "certificates").resolve()) if certificates else None  # absolute: workers' cwd differ
    param_names = _param_names(kind, tasks)
    _, done = tbl.done_keys(table_dir)
    todo, seen, digests = [], set(done), {}
    for t in tasks:
        i = task_id(t, digests)
        if i not in seen:
            seen.add(i)
            todo.append(t)
    skipped = len(tasks) - len(todo)
    if limit is not None:
        todo = todo[:limit]
    out.mkdir(parents=True, exist_ok=True)
    (out / "spec.json").write_text(json.dumps({k: v for k, v in spec_dict.items()}, indent=1, default=str) + "\n")
    bar = _Bar(len(todo), progress)
    buffer: list[dict] = []
    last_flush = time.perf_counter()
    failed = 0
    nworkers = 1

    def take(row: dict) -> None:
        nonlocal last_flush, failed
        buffer.append(row)
        failed += row.get("error") is not None
        bar.update(failed)
        if len(buffer) >= batch_rows or time.perf_counter() - last_flush >= batch_seconds:
            flush()

    def flush() -> None:
        nonlocal last_flush
        tbl.write_part(table_dir, buffer, param_names)
        buffer.clear()
        last_flush = time.perf_counter()

    try:
        if not todo:
            pass
        elif not dask:
            for t in todo:
                take(_run_on_worker(t, cert_root))
        else:
            nworkers = _run_dask(todo, cert_root, take, workers, scheduler)
    finally:
        flush()  # an interrupted run keeps every finished row
        bar.close()
    df = tbl.read_table(table_dir)
    fig = None
    if figure and len(df):
        fig = _figure(kind, df, param_names, out)
    return SweepOutcome(
        df,
        out,
        table_dir,
        fig,
        kind,
        len(tasks),
        skipped,
        len(todo),
        failed,
        time.perf_counter() - t0,
        nworkers,
        param_names,
    )


def _param_names(kind: str, tasks: list[dict]) -> list[str]:
    names: list[str] = []
    for t in tasks:
        for k in t.get("params") or {}:
            if k not in names:
                names.append(k)
    return names


def _run_dask(todo, cert_root, take, workers, scheduler) -> int:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UsageError(
            "needs dask[distributed] (pip install 'verified-dyn[sweep]'), or run without Dask", "no-dask"
        ) from None
    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="20s")
    else:
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            silence_logs=logging.CRITICAL,  # the workers' heartbeat noise at shutdown
        )
        client = Client(cluster)
    futures = []
    try:
        nworkers = len(client.scheduler_info().get("workers", {})) or (workers or 1)
        futures = [client.submit(_run_on_worker, t, cert_root, pure=False) for t in todo]
        for fut in as_completed(futures):
            take(fut.result())
        return nworkers
    finally:
        for f in futures:
            f.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


def _figure(kind: str, df, param_names: list[str], out: Path) -> Path | None:
    from ..reports import sweep_figures

    path = out / "figure.png"
    if kind == "grid" and len(param_names) == 1:
        return sweep_figures.bifurcation(df, param_names[0], path)
    if kind == "grid" and len(param_names) == 2:
        return sweep_figures.attractor_map(df, param_names[0], param_names[1], path)
    if kind == "series":
        return sweep_figures.series(df, path)
    if kind == "collection":
        return sweep_figures.collection(df, path)
    return None
