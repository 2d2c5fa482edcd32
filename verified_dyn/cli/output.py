"""Printing a command's result: one JSON document with --json (nothing else on stdout), or its text;
and the shared argument helpers (output folder names)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def out_dir(args, spec: str) -> Path:
    """--out, or verified-dyn-out/<model label>/ (the file stem or the built-in spec, and the trial)."""
    if getattr(args, "out", None):
        return args.out
    label = Path(spec).stem if Path(spec).exists() else spec
    label += f"-trial{args.trial}" if getattr(args, "trial", None) is not None else ""
    return Path("verified-dyn-out") / (re.sub(r"[^A-Za-z0-9_.=-]+", "_", label).strip("_") or "model")


def emit(args, document: dict, text: str) -> None:
    """Print the JSON document (with --json) or the human text."""
    if args.json:
        sys.stdout.write(dumps(document) + "\n")
    else:
        print(text)


def dumps(doc, indent: int = 0) -> str:
    """JSON with one key per line but lists of scalars (points, itineraries) kept on one line."""
    pad = " " * (indent + 1)
    if isinstance(doc, dict) and doc:
        items = [f"{pad}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in doc.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(doc, list) and doc and any(isinstance(x, dict) for x in doc):
        return "[\n" + ",\n".join(pad + dumps(x, indent + 1) for x in doc) + "\n" + " " * indent + "]"
    return json.dumps(doc)
