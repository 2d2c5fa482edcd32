"""The command implementations behind :mod:`verified_dyn.cli` (one function per command)."""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from .cli import emit
from .errors import ModelError, UsageError
from .models import PLModel, listing, load_model


def models(args) -> int:
    rows = listing()
    lines = [f"{'name':<20} {'kind':<16} {'M':>3} {'H':>4}  description"]
    for r in rows:
        params = ", ".join(f"{k}={v}" for k, v in r["parameters"].items())
        desc = r["description"] + (f"  [parameters: {params}]" if params else "")
        lines.append(f"{r['name']:<20} {r['kind']:<16} {r['dim']:>3} {r['hidden'] or '-':>4}  {desc}")
    lines.append("\nuse a name wherever MODEL is asked; families take parameters as name:key=value,...")
    emit(args, {"models": rows}, "\n".join(lines))
    return 0


def _pl_model(spec: str, trial) -> PLModel:
    model = load_model(spec, trial)
    if not isinstance(model, PLModel):
        raise ModelError(f"this command needs a piecewise-linear model (plrnn, shplrnn, alrnn, "
                         f"clipped-shplrnn), got kind {model.kind!r}", spec)
    return model


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", name).strip("_") or "model"


def _check_period(value, what):
    if value is not None and not 1 <= value <= 10_000:
        raise UsageError(f"{what} must be between 1 and 10000, got {value}")


def cycles(args) -> int:
    from .cycles import find_cycles
    from .reports.serialize import cycles_json, write_cycle_certificates
    from .reports.tables import cycles_table

    _check_period(args.max_period, "--max-period")
    _check_period(args.period, "--period")
    model = _pl_model(args.model, args.trial)
    label = Path(args.model).stem if Path(args.model).exists() else args.model
    label += f"-trial{args.trial}" if args.trial is not None else ""
    out = args.out or Path("verified-dyn-out") / _safe(label)
    t0 = time.perf_counter()
    budget = args.budget if args.budget is not None else (600.0 if args.complete else 10.0)
    if not 0 < budget <= 1e6:
        raise UsageError(f"--budget must be a positive number of seconds, got {budget}")
    strategy = "complete" if args.complete else args.search
    if args.complete and args.search != "auto":
        raise UsageError("--complete chooses its own search; leave out --search")
    report = find_cycles(model, max_period=args.max_period, period=args.period, strategy=strategy,
                         budget=budget, seed=args.seed, progress=not args.quiet)
    paths = write_cycle_certificates(report, out)
    doc = cycles_json(report, paths)
    doc["seconds"]["total"] = round(time.perf_counter() - t0, 4)
    emit(args, doc, cycles_table(report, doc, out))
    return 0


def verify(args) -> int:
    from . import kernel

    if not args.certificate.is_file():
        raise UsageError(f"{args.certificate}: no such certificate file")
    expected = None
    if args.model:
        model = load_model(args.model, args.trial)
        expected = model.hash
        if isinstance(model, PLModel):
            _cross_check_hash(args.model, expected)
    verdict = kernel.check_file(args.certificate, expected_hash=expected)
    doc = {"certificate": str(args.certificate), **verdict.to_dict()}
    if expected:
        doc["expected_hash"] = expected
    lines = [f"{verdict.verdict}  {args.certificate}  ({verdict.claim_type or 'unknown claim'})"]
    if verdict.reason:
        lines.append(f"  reason: {verdict.reason}")
    for ob in verdict.to_dict()["obligations"]:
        lines.append(f"  {ob['status']:<8} {ob['name']}" + (f": {ob['detail']}" if ob.get("detail") else ""))
    emit(args, doc, "\n".join(lines))
    return 0 if verdict.verdict == "PROVED" else 3


def _cross_check_hash(spec: str, package_hash: str) -> None:
    """For a .json model file, the kernel's own reader must give the same hash as the package's."""
    import json

    from . import kernel

    path = Path(spec)
    if path.suffix.lower() != ".json" or not path.is_file():
        return
    independent = kernel.model_hash(kernel.normal_form_from_model_json(json.loads(path.read_text("utf-8"))))
    if independent != package_hash:
        raise RuntimeError(f"the package and the kernel read {spec} differently "
                           f"({package_hash} != {independent}); please report this bug")


def demo(args) -> int:
    return report(args)


def report(args) -> int:
    """``demo`` (the built-in Fig 5 map) and ``report MODEL``: orbits (proved complete) and chaos."""
    from .reports.demo import write_demo

    _check_period(args.max_period, "--max-period")
    if args.max_period > 12:
        raise UsageError(f"the report goes up to --max-period 12, got {args.max_period}")
    model = _pl_model(args.model, args.trial) if getattr(args, "model", None) else None
    doc = write_demo(args.out, args.max_period, progress=not args.quiet, model=model)
    text = (f"wrote {doc['report_md']} and {doc['report_html']} "
            f"({doc['orbits']} certified orbits, figure {doc['figure']})")
    emit(args, doc, text)
    print(text if args.json else "", file=sys.stderr, end="\n" if args.json else "")
    return 0
