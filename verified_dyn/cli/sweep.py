"""The command ``sweep``: one analysis over a parameter grid, a collection or a checkpoint series, on Dask
(docs/SWEEP.md). A thin layer over :func:`verified_dyn.api.sweep`."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import api
from .output import emit

COMMANDS = ("sweep",)

EPILOG_SWEEP = """\
SPEC is a TOML file (docs/SWEEP.md). A grid of a family:

  base = "lozi:b=1/2"
  [analysis]
  kind = "cycles"            # cycles | fixed-points | chaos | invariants
  max_period = 8
  complete = true
  [[vary]]
  param = "a"
  values = {start = "1", stop = "2", num = 41}

or entries of any model file ([[vary]] entry = "A[0][0]", add = true for offsets), a collection
(models = "scyfi_multistable", trials = "0:20"; a folder, glob or list of files), or a training run
(series = "run/" : checkpoints sorted by the step number in their names).

Rows go to DIR/table/ (Parquet, one part file per batch, readable with pandas.read_parquet); a rerun
skips the rows already there, so an interrupted sweep resumes where it stopped. Certificates go to
DIR/certificates/, each kernel-checked on the worker; the figure to DIR/figure.png.

examples:
  verified-dyn sweep lozi-a.toml --out sweeps/lozi-a
  verified-dyn sweep trials.toml --workers 2
  verified-dyn sweep trials.toml --scheduler tcp://10.0.0.5:8786
  verified-dyn sweep tiny.toml --no-dask"""


def add_parsers(sub, add) -> None:
    sp = add("sweep", "run one analysis over a parameter grid, a collection or a checkpoint series", EPILOG_SWEEP)
    sp.add_argument("spec", metavar="SPEC", type=Path, help="the sweep spec (TOML)")
    sp.add_argument("--out", type=Path, metavar="DIR", help="where the table, certificates and figure go")
    sp.add_argument("--workers", type=int, metavar="N", help="local Dask workers (default: one per core)")
    sp.add_argument("--scheduler", metavar="ADDRESS", help="run on an existing Dask cluster (tcp://host:port)")
    sp.add_argument("--no-dask", action="store_true", help="run the tasks one by one in this process")
    sp.add_argument("--limit", type=int, metavar="N", help="run at most N new tasks (resume later)")
    sp.add_argument("--no-figure", action="store_true", help="do not draw the figure")
    sp.add_argument("--no-certificates", action="store_true", help="kernel-check but do not keep certificates")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")


def sweep(args) -> int:
    res = api.sweep(
        args.spec,
        args.out,
        workers=args.workers,
        scheduler=args.scheduler,
        dask=not args.no_dask,
        limit=args.limit,
        figure=not args.no_figure,
        certificates=not args.no_certificates,
        progress=not args.quiet,
    )
    doc = res.to_json()
    df = res.table
    if len(df):
        ok = df["error"].isna()
        doc["kernel_all_valid"] = bool(df.loc[ok, "kernel_all_valid"].fillna(False).all())
        doc["errors"] = int((~ok).sum())
    text = (
        f"{doc['kind']} sweep: {doc['tasks']} tasks, {doc['skipped']} already in the table, {doc['ran']} run "
        f"({doc['failed']} failed) on {doc['workers']} worker(s) in {doc['seconds']:.1f} s\n"
        f"table: {doc['table']} ({doc['rows']} rows)" + (f"\nfigure: {doc['figure']}" if doc["figure"] else "")
    )
    emit(args, doc, text)
    if args.json:
        print(text, file=sys.stderr)
    return 0
