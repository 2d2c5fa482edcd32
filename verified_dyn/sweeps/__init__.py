"""Sweeps and batches (docs/SWEEP.md): one analysis over a parameter grid, a collection of models or a
series of checkpoints, run on Dask (or in-process), rows in a resumable Parquet table, figures.

``run_sweep(spec, out, ...)`` does it; ``read_table(folder)`` reads a table; ``verify_many`` checks many
certificates at once (one process or the cluster). The public entry point is ``verified_dyn.sweep``
(:func:`verified_dyn.api.sweep`); this package is ``sweeps`` so that it never shadows that name.
"""

from .runner import SweepOutcome, run_sweep
from .spec import ANALYSES, load_spec, tasks_of
from .table import read_table
from .tasks import run_task, task_key

__all__ = ["ANALYSES", "SweepOutcome", "load_spec", "read_table", "run_sweep", "run_task", "task_key", "tasks_of"]
