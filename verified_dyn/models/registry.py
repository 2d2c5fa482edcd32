"""Built-in models: the reference files shipped in ``builtin/`` and parametrised families.

A MODEL argument is a path or a built-in name. Parametrised families take ``name:key=value,...``,
e.g. ``lozi:a=1.4,b=0.3`` or ``tent:slope=3/2``; values are exact ("1.4" is 7/5).
The trained SCYFI checkpoints are ``scyfi_multistable`` (M = 8, H = 10) and ``scyfi_singlestable``
(M = 3, H = 8), 150 trials each: pick one with ``--trial N`` or ``:trial=N``.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..errors import ModelError
from ..rationals import fmt, to_fraction
from .ctrnn import CTRNNModel
from .loading import load_file, load_mat, model_from_dict
from .pl import PLModel

_BUILTIN = resources.files("verified_dyn.models") / "builtin"
TRAINED = {"scyfi_multistable": "for_LE_multistable.mat", "scyfi_singlestable": "for_LE_singlestable.mat"}


def _lozi(a="17/10", b="1/2"):
    """Lozi map (x, y) -> (1 + y - a|x|, b x), with |x| = 2 relu(x) - x."""
    a, b = to_fraction(a), to_fraction(b)
    return {
        "kind": "plrnn",
        "A": [[fmt(a), "1"], [fmt(b), "0"]],
        "W": [[fmt(-2 * a), "0"], ["0", "0"]],
        "h": ["1", "0"],
        "description": f"Lozi map (x,y) -> (1 + y - a|x|, b x), a = {a}, b = {b}",
    }


def _tent(slope="2"):
    """Tent map x -> s min(x, 1 - x) = s x - 2 s relu(x - 1/2)."""
    s = to_fraction(slope)
    return {
        "kind": "shplrnn",
        "A": [fmt(s)],
        "W1": [[fmt(-2 * s)]],
        "W2": [["1"]],
        "h1": ["0"],
        "h2": ["-1/2"],
        "description": f"tent map x -> s min(x, 1 - x), s = {s}",
    }


FAMILIES = {"lozi": (_lozi, {"a": "17/10", "b": "1/2"}), "tent": (_tent, {"slope": "2"})}


def builtin_files() -> dict[str, Path]:
    return {p.name[:-5]: Path(str(p)) for p in _BUILTIN.iterdir() if p.name.endswith(".json")}


def parse_spec(spec: str) -> tuple[str, dict[str, str]]:
    """Split ``name:key=value,key=value`` into the name and its parameters."""
    name, _, rest = spec.partition(":")
    params = {}
    for item in filter(None, rest.split(",")):
        key, eq, value = item.partition("=")
        if not eq or not key.strip() or not value.strip():
            raise ModelError(f"parameter {item!r} is not of the form key=value", spec)
        params[key.strip()] = value.strip()
    return name, params


def is_builtin(spec: str) -> bool:
    name = spec.partition(":")[0]
    return name in FAMILIES or name in TRAINED or name in builtin_files()


def load_model(source, trial: int | None = None) -> PLModel | CTRNNModel:
    """A model from any of the ways one can be given.

    ``source`` is one of:

    - a built-in name, with parameters if a family (``"lozi"``, ``"lozi:a=7/5,b=3/10"``,
      ``"scyfi_multistable:trial=3"``) — an existing file of the same name wins;
    - a path (``str`` or ``pathlib.Path``) to a .json, .npz or SCYFI .mat model file;
    - a ``dict`` in the model-file format (numpy arrays allowed), see ``model_from_dict``;
    - a ``PLModel`` or ``CTRNNModel``, returned as it is.

    ``trial`` picks one of the trained models in a .mat file / trained built-in; it is an error
    for anything holding one model. Every problem raises :class:`~verified_dyn.errors.ModelError`.

    Example:
        >>> from verified_dyn.models import load_model
        >>> load_model("lozi")
        PLModel(kind='plrnn', M=2, H=2, name='lozi:a=17/10,b=1/2', hash='sha256:f7cc66cc…')
    """
    if isinstance(source, (PLModel, CTRNNModel)):
        if trial is not None:
            raise ModelError(f"trial {trial} was given, but a {type(source).__name__} is a single model")
        return source
    if isinstance(source, dict):
        if trial is not None:
            raise ModelError(f"trial {trial} was given, but a dict holds one model", "<dict>")
        return model_from_dict(source, "<dict>")
    if isinstance(source, os.PathLike):
        return load_file(source, trial)
    if not isinstance(source, str):
        raise ModelError(
            f"cannot load a model from a {type(source).__module__}.{type(source).__qualname__}"
            "; give a built-in name, a file path (str or pathlib.Path), a dict or a model"
        )
    spec = source
    if not is_builtin(spec) or Path(spec).exists():
        return load_file(spec, trial)
    name, params = parse_spec(spec)
    if name in TRAINED:
        if set(params) - {"trial"}:
            raise ModelError(f"unknown parameter(s) {sorted(set(params) - {'trial'})}; only trial=N", spec)
        if "trial" in params:
            if trial is not None and str(trial) != params["trial"]:
                raise ModelError("two different trials given", spec, "trial")
            try:
                trial = int(params["trial"])
            except ValueError:
                raise ModelError(f"trial must be an integer, got {params['trial']!r}", spec, "trial") from None
        path = Path(str(_BUILTIN / TRAINED[name]))
        label = f"{name}:trial={trial}" if trial is not None else name
        return load_mat(path, trial, name=label)
    if trial is not None:
        raise ModelError(f"--trial {trial} was given, but {name} is a single model", spec)
    if name in FAMILIES:
        make, defaults = FAMILIES[name]
        unknown = set(params) - set(defaults)
        if unknown:
            raise ModelError(
                f"unknown parameter(s) {sorted(unknown)}; {name} takes "
                f"{', '.join(f'{k} (default {v})' for k, v in defaults.items())}",
                spec,
            )
        try:
            desc = make(**params)
        except ValueError as e:
            raise ModelError(str(e), spec) from None
        shown = {k: fmt(to_fraction(params.get(k, v))) for k, v in defaults.items()}
        desc["name"] = name + ":" + ",".join(f"{k}={v}" for k, v in shown.items())
        return model_from_dict(desc, f"built-in {name}")
    if params:
        raise ModelError(f"{name} takes no parameters", spec)
    model = load_file(builtin_files()[name])
    return model


def listing() -> list[dict]:
    """One row per built-in model: name, kind, dims, description, parameters."""
    rows = []
    for name, path in sorted(builtin_files().items()):
        m = load_file(path)
        rows.append(
            {
                "name": name,
                "kind": m.kind,
                "dim": m.dim,
                "hidden": getattr(m, "hidden", None),
                "description": m.description,
                "parameters": {},
            }
        )
    for name, (make, defaults) in FAMILIES.items():
        m = model_from_dict(make(**defaults))
        rows.append(
            {
                "name": name,
                "kind": m.kind,
                "dim": m.dim,
                "hidden": m.hidden,
                "description": (make.__doc__ or "").strip().rstrip("."),
                "parameters": defaults,
            }
        )
    for name in TRAINED:
        m = load_model(name, 0)
        rows.append(
            {
                "name": name,
                "kind": m.kind,
                "dim": m.dim,
                "hidden": m.hidden,
                "description": "150 trained shallow PLRNNs (SCYFI, MIT licence); pick one with --trial N",
                "parameters": {"trial": "0..149"},
            }
        )
    return rows
