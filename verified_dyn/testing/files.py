"""Models as files: a model file whose exact numbers give the same hash as a model object."""

from __future__ import annotations

import json
from pathlib import Path


# ---- models as files ---------------------------------------------------------------------------------
def model_document(model) -> dict:
    """A model file's JSON (the kind and exact rational strings) with the same hash as ``model``."""
    if model.kind == "ctrnn":
        doc = {"kind": "ctrnn", **model.model_json()}
    else:
        doc = {"kind": "shplrnn", **model.normal_form_json()}  # the normal form is a shallow PLRNN
    if model.name:
        doc["name"] = model.name
    return doc


def write_model(model, path: str | Path) -> Path:
    """Write ``model`` to a JSON model file that `verified-dyn` and ``load_model`` read back exactly."""
    path = Path(path)
    path.write_text(json.dumps(model_document(model), indent=1) + "\n", encoding="utf-8")
    return path
