"""Sweep specifications (docs/SWEEP.md): a TOML file or a dict, turned into a list of tasks.

Three shapes of sweep, one per spec:

- a parameter grid: ``base`` (a family such as ``"lozi:b=1/2"`` or any model) and ``[[vary]]`` entries,
  each a family parameter (``param = "a"``) or a named entry of the model file (``entry = "A[0][0]"``,
  optionally ``add = true``: the values are offsets added to the base value), with ``values`` a list or
  ``{start, stop, num}`` (exact rationals: give strings such as ``"7/5"``; a TOML float is read as written);
- a collection: ``models`` = a trained built-in / .mat file (every trial, or ``trials = "0:20"``), a folder,
  a glob, or a list of models;
- a series: ``series`` = a folder / glob of checkpoints sorted by the step number in the file name, or a list
  of ``{step, model}`` tables.

Every task is a plain dict (picklable, no shared state): ``model`` (a built-in spec, a path or a model dict),
``trial``, ``label``, ``params`` (exact strings), ``step``, ``analysis``, ``options``.
"""

from __future__ import annotations

import copy
import glob
import json
import re
import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..models import load_model
from ..models.registry import _BUILTIN, FAMILIES, TRAINED, builtin_files, is_builtin, parse_spec
from ..rationals import fmt, to_fraction

ANALYSES = {
    "cycles": {"max_period", "period", "complete", "search", "budget", "seed"},
    "fixed-points": {"complete", "search", "budget"},
    "chaos": {"iterations", "max_candidates"},
    "invariants": {"amplitudes"},
}
MAX_TASKS = 1_000_000


def load_spec(source: str | Path | dict) -> dict:
    """The spec as a dict, from a TOML file or a dict (copied)."""
    if isinstance(source, dict):
        return copy.deepcopy(source)
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{source}: no such sweep spec file")
    try:
        spec = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise UsageError(f"{source}: not valid TOML: {e}") from None
    spec.setdefault("_spec_dir", str(path.parent))
    return spec


def analysis_of(spec: dict) -> tuple[str, dict]:
    """(analysis name, canonical options) from ``[analysis]`` (``kind = ...`` and its options)."""
    section = spec.get("analysis", "cycles")
    if isinstance(section, str):
        section = {"kind": section}
    if not isinstance(section, dict):
        raise UsageError("must be a name or a table with kind = ...", "analysis")
    section = dict(section)
    kind = section.pop("kind", "cycles")
    if kind not in ANALYSES:
        raise UsageError(f"unknown analysis {kind!r}; known: {', '.join(ANALYSES)}", "analysis")
    unknown = set(section) - ANALYSES[kind]
    if unknown:
        raise UsageError(f"{kind} takes {sorted(ANALYSES[kind])}, not {sorted(unknown)}", "analysis")
    opts = dict(section)
    if kind == "cycles":
        if ("max_period" in opts) == ("period" in opts):
            raise UsageError("cycles needs exactly one of max_period and period", "analysis")
        opts.setdefault("complete", False)
        opts.setdefault("search", "auto")
        opts.setdefault("seed", 0)
    elif kind == "fixed-points":
        opts.setdefault("complete", False)
        opts.setdefault("search", "auto")
    elif kind == "chaos":
        opts.setdefault("iterations", 8)
        opts.setdefault("max_candidates", 50)
    elif kind == "invariants":
        opts["amplitudes"] = [fmt(_exact(a, "amplitudes")) for a in opts.get("amplitudes", ["1"])]
    if opts.get("complete") and opts.get("search", "auto") != "auto":
        raise UsageError("complete = true chooses its own search; leave out search", "analysis")
    return kind, dict(sorted(opts.items()))


def _exact(value: Any, what: str) -> Fraction:
    if isinstance(value, float):
        value = repr(value)  # a TOML float is read as written: 1.4 is 7/5
    try:
        return to_fraction(value)
    except (ValueError, TypeError) as e:
        raise UsageError(f"is not an exact number: {e}", what) from None


def values_of(spec_values: Any, what: str) -> list[Fraction]:
    """A list of exact values, or ``{start, stop, num}`` (num >= 2 evenly spaced values, ends included)."""
    if isinstance(spec_values, dict):
        if set(spec_values) != {"start", "stop", "num"}:
            raise UsageError("a range is {start, stop, num}", what)
        a, b, n = _exact(spec_values["start"], what), _exact(spec_values["stop"], what), spec_values["num"]
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise UsageError("num must be a positive integer", what)
        return [a] if n == 1 else [a + (b - a) * i / (n - 1) for i in range(n)]
    if isinstance(spec_values, list) and spec_values:
        return [_exact(v, what) for v in spec_values]
    raise UsageError("values must be a non-empty list or {start, stop, num}", what)


_ENTRY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$")


def _set_entry(desc: dict, entry: str, value: Fraction, add: bool) -> None:
    m = _ENTRY.match(entry.replace(" ", ""))
    if not m:
        raise UsageError(f"entry {entry!r} is not of the form NAME[i][j]", "vary")
    key, idx = m.group(1), [int(i) for i in re.findall(r"\d+", m.group(2))]
    if key not in desc:
        raise UsageError(f"the base model has no entry {key!r} (it has {', '.join(sorted(desc))})", "vary")
    arr = desc[key]
    if key == "A" and len(idx) == 2 and isinstance(arr, list) and arr and not isinstance(arr[0], list):
        if idx[0] == idx[1]:  # a diagonal A written as a vector
            idx = idx[:1]
        else:
            desc[key] = arr = [[arr[i] if i == j else 0 for j in range(len(arr))] for i in range(len(arr))]
    if not idx:
        raise UsageError(f"entry {entry!r} needs indices", "vary")
    try:
        holder = arr
        for i in idx[:-1]:
            holder = holder[i]
        old = holder[idx[-1]]
    except (IndexError, TypeError, KeyError):
        raise UsageError(f"entry {entry!r} is out of range", "vary") from None
    if add:
        try:
            old = to_fraction(old)  # as the model loader reads it (a float in the file: its exact binary value)
        except (ValueError, TypeError) as e:
            raise UsageError(f"entry {entry!r} of the base is not a number: {e}", "vary") from None
    holder[idx[-1]] = fmt(old + value if add else value)


def base_description(base: str | dict, spec_dir: str = ".") -> dict:
    """The base model as a model-file dict whose named entries can be changed: the JSON file as written for
    a built-in or .json file, else the normal form (kind shplrnn: A, W1, W2, h1, h2) of the loaded model."""
    if isinstance(base, dict):
        return copy.deepcopy(base)
    path = _resolve(base, spec_dir)
    if path.is_file() and path.suffix.lower() == ".json":
        return json.loads(path.read_text("utf-8"))
    name = base.partition(":")[0]
    if is_builtin(base) and name in builtin_files() and ":" not in base:
        return json.loads(builtin_files()[name].read_text("utf-8"))
    model = load_model(str(path) if path.exists() else base)
    if model.kind == "ctrnn":
        raise UsageError("entries of a ctrnn base: give the .json file", "base")
    return {"kind": "shplrnn", "name": model.name, **model.normal_form_json()}


def _resolve(item: str, spec_dir: str) -> Path:
    p = Path(item)
    if not p.is_absolute() and not p.exists() and (Path(spec_dir) / p).exists():
        return Path(spec_dir) / p
    return p


def _grid_tasks(spec: dict, analysis: str, options: dict) -> list[dict]:
    base = spec["base"]
    vary = spec.get("vary")
    if not isinstance(vary, list) or not vary:
        raise UsageError("a grid needs at least one [[vary]] table", "vary")
    axes = []
    for v in vary:
        if ("param" in v) == ("entry" in v):
            raise UsageError("each [[vary]] names exactly one of param and entry", "vary")
        name = v.get("param") or v.get("entry")
        axes.append((name, "param" in v, bool(v.get("add", False)), values_of(v.get("values"), name)))
    points: list[list[tuple]] = [[]]
    for name, is_param, add, vals in axes:
        points = [p + [(name, is_param, add, x)] for p in points for x in vals]
        if len(points) > MAX_TASKS:
            raise UsageError(f"more than {MAX_TASKS} grid points", "vary")
    family, fparams = parse_spec(base) if isinstance(base, str) else ("", {})
    entries = any(not is_param for _, is_param, _, _ in axes)
    desc = base_description(base, spec.get("_spec_dir", ".")) if entries else None
    if entries and any(is_param for _, is_param, _, _ in axes):
        raise UsageError("vary either family parameters or file entries, not both", "vary")
    if any(is_param for _, is_param, _, _ in axes) and family not in FAMILIES:
        raise UsageError(f"param = ... varies a family parameter; {base!r} is not a family ({', '.join(FAMILIES)})")
    tasks = []
    for point in points:
        params = {name: fmt(x) for name, _, _, x in point}
        fam = dict(fparams)
        for name, is_param, add, x in point:
            if is_param:
                fam[name] = fmt(to_fraction(fam.get(name, FAMILIES[family][1].get(name, "0"))) + x if add else x)
        if desc is None:
            model: Any = family + ":" + ",".join(f"{k}={v}" for k, v in fam.items())
        else:
            d = copy.deepcopy(desc)
            for name, _, add, x in point:
                _set_entry(d, name, x, add)
            d["name"] = f"{d.get('name') or base}[" + ",".join(f"{k}={v}" for k, v in params.items()) + "]"
            model = d
        label = ",".join(f"{k}={v}" for k, v in params.items())
        tasks.append(_task(model, None, label, params, None, analysis, options))
    return tasks


_STEP = re.compile(r"(\d+)(?!.*\d)")


def _expand(item: str, spec_dir: str) -> list[Path]:
    p = _resolve(item, spec_dir)
    if p.is_dir():
        return sorted(q for q in p.iterdir() if q.suffix.lower() in (".json", ".npz", ".mat"))
    if any(c in item for c in "*?["):
        pattern = item if Path(item).is_absolute() else str(Path(spec_dir) / item)
        found = sorted(Path(x) for x in glob.glob(pattern)) or sorted(Path(x) for x in glob.glob(item))
        return found
    return [p]


def _collection_tasks(spec: dict, analysis: str, options: dict) -> list[dict]:
    models = spec["models"]
    spec_dir = spec.get("_spec_dir", ".")
    trials = _trials(spec.get("trials"))
    tasks = []
    items = models if isinstance(models, list) else [models]
    for item in items:
        if not isinstance(item, str):
            raise UsageError("models are built-in names, files, folders or globs", "models")
        name = item.partition(":")[0]
        if name in TRAINED or item.lower().endswith(".mat"):
            src = item if name in TRAINED else str(_resolve(item, spec_dir).resolve())
            count = _trial_count(src)
            for t in trials if trials is not None else range(count):
                if not 0 <= t < count:
                    raise UsageError(f"trial {t} is out of range 0..{count - 1}", "trials")
                tasks.append(
                    _task(
                        src,
                        t,
                        f"{Path(src).stem if name not in TRAINED else name}:trial={t}",
                        {"trial": str(t)},
                        None,
                        analysis,
                        options,
                    )
                )
        elif is_builtin(item) and not Path(item).exists():
            tasks.append(_task(item, None, item, {}, None, analysis, options))
        else:
            paths = _expand(item, spec_dir)
            if not paths:
                raise UsageError(f"{item}: no model files", "models")
            tasks += [_task(str(p.resolve()), None, p.name, {}, None, analysis, options) for p in paths]
    return tasks


def _trials(value) -> list[int] | None:
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d*:\d*", value.strip()):
        a, b = value.split(":")
        return list(range(int(a or 0), int(b))) if b else None
    raise UsageError('trials is a list of integers or a range "start:stop"', "trials")


def _trial_count(src: str) -> int:
    import numpy as np
    import scipy.io

    name = src.partition(":")[0]
    path = Path(str(_BUILTIN / TRAINED[name])) if name in TRAINED else Path(src)
    d = scipy.io.loadmat(str(path), variable_names=["W1"])
    w = np.asarray(d["W1"])
    return int(w.shape[0]) if w.ndim == 3 else 1


def _series_tasks(spec: dict, analysis: str, options: dict) -> list[dict]:
    series = spec["series"]
    spec_dir = spec.get("_spec_dir", ".")
    entries: list[tuple[int, str]] = []
    if isinstance(series, list) and series and all(isinstance(s, dict) for s in series):
        for s in series:
            if "step" not in s or "model" not in s:
                raise UsageError("each series entry is {step, model}", "series")
            entries.append((int(s["step"]), str(_resolve(s["model"], spec_dir).resolve())))
    else:
        items = series if isinstance(series, list) else [series]
        for item in items:
            for p in _expand(str(item), spec_dir):
                m = _STEP.search(p.stem)
                if not m:
                    raise UsageError(f"{p.name}: no step number in the name", "series")
                entries.append((int(m.group(1)), str(p.resolve())))
    if not entries:
        raise UsageError("no checkpoints found", "series")
    entries.sort()
    return [_task(path, None, Path(path).name, {"step": str(step)}, step, analysis, options) for step, path in entries]


def _task(model, trial, label, params, step, analysis, options) -> dict:
    return {
        "model": model,
        "trial": trial,
        "label": label,
        "params": params,
        "step": step,
        "analysis": analysis,
        "options": options,
    }


def sweep_kind(spec: dict) -> str:
    kinds = [k for k in ("base", "models", "series") if k in spec]
    if len(kinds) != 1:
        raise UsageError("a sweep spec has exactly one of base (a grid), models (a collection), series (checkpoints)")
    return {"base": "grid", "models": "collection", "series": "series"}[kinds[0]]


def tasks_of(spec: dict) -> tuple[str, list[dict]]:
    """(sweep kind, tasks) of a spec dict."""
    kind = sweep_kind(spec)
    analysis, options = analysis_of(spec)
    make = {"grid": _grid_tasks, "collection": _collection_tasks, "series": _series_tasks}[kind]
    return kind, make(spec, analysis, options)
