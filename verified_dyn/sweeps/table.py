"""The results table: a folder of Parquet part files, one per batch of finished rows.

Each part is written to a temporary name and renamed (atomic on POSIX), so a killed run keeps every part
it finished and never leaves a half-written one; reading concatenates the parts (``read_table``) and keeps
the last row of each task. ``pandas.read_parquet(folder)`` reads it too.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

# every column, in order, with its pyarrow type name: a fixed schema, so that parts always concatenate
COLUMNS = {
    "key": "string",
    "task_id": "string",
    "model_hash": "string",
    "model_name": "string",
    "label": "string",
    "analysis": "string",
    "options": "string",
    "params": "string",
    "step": "int64",
    "trial": "int64",
    "verdict": "string",
    "complete": "bool_",
    "note": "string",
    "periods": "string",
    "orbits_total": "int64",
    "counts_by_period": "string",
    "types_by_period": "string",
    "attracting": "int64",
    "saddle": "int64",
    "repelling": "int64",
    "non_hyperbolic": "int64",
    "border": "int64",
    "fixed_attracting": "int64",
    "fixed_saddle": "int64",
    "theorem": "string",
    "entropy_lower_bound": "string",
    "verdicts": "string",
    "kernel_checked": "int64",
    "kernel_rejected": "int64",
    "kernel_all_valid": "bool_",
    "orbits": "string",
    "certificates": "string",
    "seconds": "float64",
    "error": "string",
    "worker": "string",
    "finished_at": "float64",
}


def _schema(param_names):
    import pyarrow as pa

    fields = [pa.field(k, getattr(pa, t)()) for k, t in COLUMNS.items()]
    fields += [pa.field(f"param_{p}", pa.float64()) for p in param_names]
    return pa.schema(fields)


def write_part(folder: str | Path, rows: list[dict], param_names: list[str]) -> Path | None:
    """Write ``rows`` as one new part file (temporary file + rename); returns its path."""
    if not rows:
        return None
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    schema = _schema(param_names)
    cols = {}
    for f in schema:
        if f.name.startswith("param_"):
            cols[f.name] = [_param_float(r, f.name[6:]) for r in rows]
        else:
            cols[f.name] = [r.get(f.name) for r in rows]
    table = pa.table(cols, schema=schema)
    name = f"part-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.parquet"
    tmp = folder / f".{name}.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, folder / name)
    return folder / name


def _param_float(row: dict, name: str) -> float | None:
    from fractions import Fraction

    value = json.loads(row.get("params") or "{}").get(name)
    return None if value is None else float(Fraction(value))


def parts(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []


def read_table(folder: str | Path):
    """The table as a pandas DataFrame (empty with the columns when nothing was written yet); a task run
    twice (a failure, then a success) keeps its last row. Two tasks may share a key (the same model twice
    in a series): both rows stay."""
    import pandas as pd

    files = parts(folder)
    if not files:
        return pd.DataFrame({k: pd.Series(dtype="object") for k in COLUMNS})
    df = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    return df.drop_duplicates("task_id", keep="last").reset_index(drop=True)


def done_keys(folder: str | Path) -> tuple[set[str], set[str]]:
    """(keys, task ids) of the rows already in the table (rows that ended in an error are run again)."""
    import pyarrow.parquet as pq

    keys: set[str] = set()
    ids: set[str] = set()
    for f in parts(folder):
        t = pq.read_table(f, columns=["key", "task_id", "error"]).to_pydict()
        for k, i, e in zip(t["key"], t["task_id"], t["error"]):
            if e is None:
                keys.add(k)
                ids.add(i)
    return keys, ids
