"""One sweep task: a pure function of (model spec or dict, analysis, options) to a row of the table.

It runs on a Dask worker (or in-process) with no shared state: it loads the model, runs the pipeline
(search -> certify -> the gate, which has the kernel check every certificate before anything is reported
or written) and summarises the result in plain values. Errors become rows with ``error`` set.
"""

from __future__ import annotations

import hashlib
import json
import time
import traceback
from collections import Counter
from pathlib import Path

from ..errors import ModelError, VerifiedDynError
from ..models import CTRNNModel, PLModel, load_model

TYPES = ("attracting", "saddle", "repelling", "non-hyperbolic")


def options_json(options: dict) -> str:
    return json.dumps(options, sort_keys=True, separators=(",", ":"))


def task_key(model_hash: str, analysis: str, options: dict) -> str:
    """The row key: the model's hash, the analysis and its options (canonical JSON)."""
    return f"{model_hash}|{analysis}|{options_json(options)}"


def task_id(task: dict, _digests: dict | None = None) -> str:
    """A cheap identity of a task without loading its model: the model as given (a spec string with the
    sha256 of the file it names, or the model dict), the trial, the analysis and its options. A rerun skips
    the tasks whose id is in the table; a changed file gives a new id (and a new model hash)."""
    digests = _digests if _digests is not None else {}
    model = task["model"]
    content = None
    if isinstance(model, str):
        path = _model_path(model)
        if path is not None:
            if path not in digests:
                digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            content = digests[path]
    ident = {"model": model, "content": content, "trial": task.get("trial"), "analysis": task["analysis"],
             "options": task["options"]}  # fmt: skip
    return hashlib.sha256(json.dumps(ident, sort_keys=True, default=str).encode()).hexdigest()


def _model_path(spec: str) -> Path | None:
    from ..models.registry import _BUILTIN, TRAINED, builtin_files, is_builtin

    if Path(spec).is_file():
        return Path(spec)
    name = spec.partition(":")[0]
    if is_builtin(spec):
        if name in TRAINED:
            return Path(str(_BUILTIN / TRAINED[name]))
        return builtin_files().get(name)
    return None


def model_of(task: dict):
    return load_model(task["model"], task.get("trial"))


def key_of(task: dict) -> str:
    """The key of a task (loads the model to hash it; cheap next to any analysis)."""
    return task_key(model_of(task).hash, task["analysis"], task["options"])


def cert_folder(root: str | Path, model_hash: str, analysis: str, options: dict) -> Path:
    digest = hashlib.sha256(options_json(options).encode()).hexdigest()[:8]
    return Path(root) / analysis / f"{model_hash.partition(':')[2][:16]}-{digest}"


def run_task(task: dict, cert_root: str | None = None) -> dict:
    """The row of one task (see docs/SWEEP.md for the columns)."""
    t0 = time.perf_counter()
    row: dict = {
        "label": task.get("label") or "",
        "analysis": task["analysis"],
        "options": options_json(task["options"]),
        "params": json.dumps(task.get("params") or {}, sort_keys=True),
        "step": task.get("step"),
        "trial": task.get("trial"),
        "task_id": task_id(task),
        "error": None,
    }
    try:
        model = model_of(task)
    except VerifiedDynError as e:
        row.update(model_hash="", model_name="", key=f"!{row['label']}|{row['analysis']}|{row['options']}")
        row.update(error=f"{type(e).__name__}: {e}", seconds=time.perf_counter() - t0)
        return row
    key = task_key(model.hash, task["analysis"], task["options"])
    row.update(model_hash=model.hash, model_name=model.name, key=key)
    out = cert_folder(cert_root, model.hash, task["analysis"], task["options"]) if cert_root else None
    row["certificates"] = str(out) if out else None
    try:
        row.update(_ANALYSES[task["analysis"]](model, dict(task["options"]), out))
    except VerifiedDynError as e:
        row["error"] = f"{type(e).__name__}: {e}"
    except Exception as e:  # a row records the failure; the sweep goes on
        row["error"] = f"internal error: {type(e).__name__}: {e}\n{traceback.format_exc(limit=4)}"
    row["seconds"] = time.perf_counter() - t0
    return row


def _pl(model) -> PLModel:
    if not isinstance(model, PLModel):
        raise ModelError(f"this analysis needs a piecewise-linear model, got kind {model.kind!r}", model.name)
    return model


def _cycles(model, options: dict, out) -> dict:
    from ..pipelines.cycles import certified_cycles
    from ..reports.serialize import completeness_note

    complete = options.get("complete", False)
    budget = options.get("budget") or (600.0 if complete else 10.0)
    rep = certified_cycles(
        _pl(model),
        max_period=options.get("max_period"),
        period=options.get("period", 1 if "max_period" not in options else None),
        strategy="complete" if complete else options.get("search", "auto"),
        budget=float(budget),
        seed=int(options.get("seed", 0)),
        progress=False,
        out=out,
    )
    by_type: Counter = Counter()
    by_period: dict[str, dict[str, int]] = {}
    orbits = []
    for r in rep.cycles:
        t = r.counts.orbit_type if r.counts is not None else "unknown"
        by_type[t] += 1
        by_period.setdefault(str(r.period), Counter())[t] += 1
        orbits.append({"p": r.period, "t": t, "x": [float(pt[0]) for pt in r.points]})
    for r in rep.border_orbits:
        orbits.append({"p": r.period, "t": "border", "x": [float(pt[0]) for pt in r.points]})
    census_ok = all(v.verdict == "PROVED" for _, v in rep.censuses.values() if v is not None)
    checked = len(rep.cycles) + len(rep.border_orbits) + sum(1 for _, v in rep.censuses.values() if v is not None)
    return {
        "periods": json.dumps(rep.periods),
        "orbits_total": len(rep.cycles),
        "counts_by_period": json.dumps({str(k): v for k, v in rep.counts().items()}),
        "types_by_period": json.dumps({k: dict(v) for k, v in by_period.items()}),
        "attracting": by_type["attracting"],
        "saddle": by_type["saddle"],
        "repelling": by_type["repelling"],
        "non_hyperbolic": by_type["non-hyperbolic"],
        "border": len(rep.border_orbits),
        "fixed_attracting": int(by_period.get("1", {}).get("attracting", 0)),
        "fixed_saddle": int(by_period.get("1", {}).get("saddle", 0)),
        "complete": bool(rep.complete),
        "verdict": "PROVED" if rep.complete else "LISTED",
        "note": None if rep.complete or not complete else completeness_note(rep),
        "kernel_checked": checked,
        "kernel_rejected": len(rep.rejected),
        "kernel_all_valid": not rep.rejected and census_ok,
        "orbits": json.dumps(orbits),
    }


def _fixed_points(model, options: dict, out) -> dict:
    return _cycles(model, {**options, "period": 1}, out)


def _chaos(model, options: dict, out) -> dict:
    from ..pipelines.chaos import certify_chaos

    doc, _ = certify_chaos(_pl(model), int(options["iterations"]), int(options["max_candidates"]), out)
    proved = doc.get("theorems_proved") or []
    return {
        "verdict": doc["verdict"],
        "theorem": doc.get("theorem"),
        "entropy_lower_bound": doc.get("entropy_lower_bound"),
        "kernel_checked": sum(1 for a in doc.get("attempts", []) if a.get("verdict") == "PROVED"),
        "kernel_rejected": 0,
        "kernel_all_valid": True,
        "complete": None,
        "orbits": json.dumps({"theorems_proved": proved}),
    }


def _invariants(model, options: dict, out) -> dict:
    import tempfile

    from ..pipelines.invariants import run_invariants
    from ..rationals import to_fraction

    if not isinstance(model, CTRNNModel):
        raise ModelError(f"invariants need a continuous-time model (kind ctrnn), got kind {model.kind!r}", model.name)
    amps = [to_fraction(a) for a in options.get("amplitudes", ["1"])]
    if out is None:
        with tempfile.TemporaryDirectory() as tmp:
            doc = run_invariants(model, Path(tmp), amps, None, None)
    else:
        doc = run_invariants(model, Path(out), amps, None, None)
    verdicts: Counter = Counter()

    def walk(x):
        if isinstance(x, dict):
            if isinstance(x.get("verdict"), str):
                verdicts[x["verdict"]] += 1
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk({k: v for k, v in doc.items() if k not in ("model", "activation")})
    return {
        "verdict": "PROVED" if verdicts and set(verdicts) == {"PROVED"} else "MIXED",
        "verdicts": json.dumps(dict(verdicts)),
        "kernel_checked": verdicts.get("PROVED", 0),
        "kernel_rejected": 0,
        "kernel_all_valid": True,
        "complete": None,
    }


_ANALYSES = {"cycles": _cycles, "fixed-points": _fixed_points, "chaos": _chaos, "invariants": _invariants}
