"""The public API: one call per capability, taking a model (object, built-in name, path or dict).

Every call runs search -> certify -> the gate (the kernel on the serialized certificate) and returns a
result object; only what the kernel found valid is PROVED. ``out`` (a folder) makes the gate write
each valid certificate there as soon as it is proved; without it nothing is written.

    >>> import verified_dyn as vd
    >>> res = vd.cycles("lozi", max_period=4)
    >>> res.fixed_points, res.types, vd.chaos("tent:slope=2").verdict

The pipelines live in :mod:`verified_dyn.pipelines` (``cycles``, ``chaos``, ``manifolds``, ``invariants``,
``simulate``, ``report``, ``casoni2025``); heavy imports happen inside the calls.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from ..errors import ModelError, UsageError
from ..models import ALRNN, CTRNN, PLRNN, ClippedShallowPLRNN, ShallowPLRNN, load_model
from .results import ChaosResult, CyclesResult, Document, Orbit

PERIOD_LIMIT = 10_000


def load_pl_model(source: Any, trial: int | None = None):
    """As :func:`load_model`, for the commands that need a piecewise-linear map."""
    from ..models import PLModel

    model = load_model(source, trial)
    if not isinstance(model, PLModel):
        raise ModelError(
            f"this needs a piecewise-linear model (plrnn, shplrnn, alrnn, clipped-shplrnn), got kind {model.kind!r}",
            str(getattr(model, "name", "") or source),
        )
    return model


def load_ctrnn_model(source: Any, trial: int | None = None):
    """As :func:`load_model`, for the continuous-time commands."""
    from ..models import CTRNNModel

    model = load_model(source, trial)
    if not isinstance(model, CTRNNModel):
        raise ModelError(
            f"this needs a continuous-time model (kind ctrnn), got kind {model.kind!r}",
            str(getattr(model, "name", "") or source),
        )
    return model


def exact(value: Any, what: str = "value") -> Fraction:
    """An exact rational from a number or a string ("17/10", "1.7", "2.5e-3"), as model files read them."""
    from ..rationals import to_fraction

    try:
        return to_fraction(value.strip() if isinstance(value, str) else value)
    except (ValueError, TypeError) as e:
        raise UsageError(f"is not an exact number: {e}", what) from None


def _check_period(value: int | None, what: str) -> None:
    if value is not None and not 1 <= value <= PERIOD_LIMIT:
        raise UsageError(f"must be between 1 and {PERIOD_LIMIT}, got {value}", what)


def cycles(
    model: Any,
    max_period: int | None = None,
    period: int | None = None,
    *,
    complete: bool = False,
    search: str = "auto",
    budget: float | None = None,
    seed: int = 0,
    out: str | Path | None = None,
    progress: bool = False,
    trial: int | None = None,
) -> CyclesResult:
    """Every certified periodic orbit of minimal period <= ``max_period`` (or = ``period``).

    ``search``: "exhaustive" (every itinerary, exact), "heuristic" (numba SCYFI-style, may miss
    orbits), "auto" (exhaustive when small). ``complete=True`` proves nothing was missed (a census
    certificate per period). ``budget``: seconds for the heuristic or the census (default 10 / 600).
    """
    from ..pipelines.cycles import certified_cycles

    _check_period(max_period, "max_period")
    _check_period(period, "period")
    if complete and search != "auto":
        raise UsageError("chooses its own search; leave out search", "complete")
    budget = budget if budget is not None else (600.0 if complete else 10.0)
    if not 0 < budget <= 1e6:
        raise UsageError(f"must be a positive number of seconds, got {budget}", "budget")
    report = certified_cycles(
        load_pl_model(model, trial),
        max_period=max_period,
        period=period,
        strategy="complete" if complete else search,
        budget=budget,
        seed=seed,
        progress=progress,
        out=out,
    )
    return CyclesResult.from_report(report)


def chaos(
    model: Any,
    *,
    iterations: int = 8,
    max_candidates: int = 50,
    out: str | Path | None = None,
    progress: bool = False,
    trial: int | None = None,
) -> ChaosResult:
    """Chaos PROVED (transversal homoclinic point, snap-back repeller, covering horseshoe with an entropy
    bound), REFUTED (a certified global contraction), or INCONCLUSIVE with every theorem's reason."""
    from ..pipelines.chaos import certify_chaos

    if not 0 <= iterations <= 50:
        raise UsageError(f"must be between 0 and 50, got {iterations}", "iterations")
    if not 1 <= max_candidates <= 10_000:
        raise UsageError(f"must be between 1 and 10000, got {max_candidates}", "max_candidates")
    pl = load_pl_model(model, trial)
    doc, _ = certify_chaos(pl, iterations, max_candidates, Path(out) if out else None, progress=progress)
    return ChaosResult.from_document({"model": pl.summary(), **doc})


def manifolds(
    model: Any,
    *,
    max_period: int = 6,
    of: int | None = None,
    iterations: int = 20,
    box=None,
    max_pieces: int = 200_000,
    certify_pieces: int = 0,
    nd_iterations: int = 3,
    nd_max_pieces: int = 500,
    out: str | Path | None = None,
    progress: bool = False,
    trial: int | None = None,
) -> Document:
    """Stable and unstable manifolds of the saddle cycles: certified local segments (and exact pieces of
    ``certify_pieces`` generations), float pieces grown for ``iterations``; the `manifolds` document."""
    from ..pipelines.manifolds import compute_manifolds, parse_box
    from ..reports.manifolds import object_json

    _check_period(max_period, "max_period")
    if not 1 <= iterations <= 10_000:
        raise UsageError(f"must be between 1 and 10000, got {iterations}", "iterations")
    if max_pieces < 1:
        raise UsageError("must be positive", "max_pieces")
    if not 0 <= certify_pieces <= 100:
        raise UsageError(f"must be between 0 and 100, got {certify_pieces}", "certify_pieces")
    if not 0 <= nd_iterations <= 1000 or nd_max_pieces < 1:
        raise UsageError("nd_iterations must be between 0 and 1000 and nd_max_pieces positive")
    pl = load_pl_model(model, trial)
    rep = compute_manifolds(
        pl,
        max_period,
        of,
        iterations,
        parse_box(box, pl.dim),
        max_pieces,
        progress=progress,
        certify_pieces=certify_pieces,
        nd_iterations=nd_iterations,
        nd_max_pieces=nd_max_pieces,
        out=out,
    )
    doc = {
        "model": pl.summary(),
        "max_period": max_period,
        "iterations": iterations,
        "box": rep.box.tolist(),
        "objects": [object_json(o, pl) for o in rep.objects],
        "saddles": len(rep.objects),
        "seconds": {k: round(v, 4) for k, v in rep.seconds.items()},
    }
    return Document("Manifolds", doc, rep)


def basins(
    model: Any,
    *,
    grid: int = 300,
    box=None,
    max_period: int = 6,
    steps: int = 1000,
    with_manifolds: bool = True,
    certify_pieces: int = 0,
    progress: bool = False,
    trial: int | None = None,
) -> Document:
    """Basins of the certified attractors (float labels: a grid in 2-D, segments between attractors in
    any dimension) and the distance of the basin boundary to the stable manifolds; the `basins` document."""
    from ..pipelines.manifolds import compute_basins
    from ..reports.manifolds import basins_doc

    if not 2 <= grid <= 4000:
        raise UsageError(f"must be between 2 and 4000, got {grid}", "grid")
    if box is not None and (box[0] >= box[1] or box[2] >= box[3]):
        raise UsageError("X0 X1 Y0 Y1 needs X0 < X1 and Y0 < Y1", "box")
    if not 1 <= steps <= 10**6:
        raise UsageError("must be between 1 and 10^6", "steps")
    if not 0 <= certify_pieces <= 100:
        raise UsageError(f"must be between 0 and 100, got {certify_pieces}", "certify_pieces")
    _check_period(max_period, "max_period")
    pl = load_pl_model(model, trial)
    rep = compute_basins(
        pl,
        grid,
        box,
        max_period,
        steps,
        with_manifolds=with_manifolds,
        progress=progress,
        certify_pieces=certify_pieces if pl.dim == 2 else 0,
    )
    doc = basins_doc(pl, rep, grid)
    doc["seconds"] = {k: round(v, 4) for k, v in rep.seconds.items()}
    return Document("Basins", doc, rep)


def invariants(
    model: Any, *, amplitudes=("1",), escape_from=None, out: str | Path = "verified-dyn-out/invariants", progress=None
) -> Document:
    """The claims about a continuous-time skew RNN (skew-symmetry, conserved quantity, Casimirs, volume,
    equilibria, bounded and periodic orbits, period enclosures), each with its kernel verdict."""
    from ..pipelines.invariants import run_invariants

    m = load_ctrnn_model(model)
    amps = [exact(a, "amplitude") for a in amplitudes]
    if any(a <= 0 or a > 100 for a in amps):
        raise UsageError("must be in (0, 100]", "amplitude")
    if escape_from is not None and m.dim != 2:
        raise UsageError("is for 2-D models", "escape_from")
    escape_from = [exact(v, "escape_from") for v in escape_from] if escape_from is not None else None
    doc = run_invariants(m, Path(out), amps, escape_from, progress)
    return Document("Invariants", doc)


def simulate(
    model: Any,
    *,
    method: str = "avf",
    h=Fraction(1, 10),
    t=100,
    x0=None,
    out: str | Path = "verified-dyn-out/simulate",
    plot: bool = True,
) -> Document:
    """Float integration of a ctrnn (euler, rk4, midpoint, avf) with the drift of G; for forward Euler on
    a skew network the kernel-checked bound G(x_k) <= G(x_0) + k C."""
    from ..pipelines.simulate import run_simulation

    m = load_ctrnn_model(model)
    h, t = exact(h, "h"), exact(t, "t")
    if not 0 < h <= 10:
        raise UsageError(f"must be in (0, 10], got {h}", "h")
    if not 0 < t <= 10**7 or t / h > 5 * 10**7:
        raise UsageError(f"must be in (0, 1e7] with at most 5e7 steps of h, got {t}", "t")
    x0 = [exact(v, "x0") for v in x0] if x0 is not None else [Fraction(int(i == 0)) for i in range(m.dim)]
    if len(x0) != m.dim:
        raise UsageError(f"needs {m.dim} coordinates, got {len(x0)}", "x0")
    doc, text = run_simulation(m, method, h, t, x0, Path(out), plot=plot)
    return Document("Simulation", {**doc, "text": text})


def verify(certificate: str | Path | dict, model: Any = None, trial: int | None = None):
    """The kernel's verdict on a certificate (a path or a parsed object), optionally against ``model``
    (same hash of the exact parameters). Returns the kernel's ``Verdict`` (``.proved``, ``.reason``,
    ``.obligations``)."""
    import json

    from .. import kernel

    expected = None
    if model is not None:
        m = load_model(model, trial)
        expected = m.hash
        if isinstance(model, (str, Path)) and Path(model).suffix.lower() == ".json" and Path(model).is_file():
            independent = (
                kernel.model_hash(kernel.normal_form_from_model_json(json.loads(Path(model).read_text("utf-8"))))
                if m.kind != "ctrnn"
                else expected
            )
            if independent != expected:
                raise RuntimeError(
                    f"the package and the kernel read {model} differently "
                    f"({expected} != {independent}); please report this bug"
                )
    if isinstance(certificate, dict):
        return kernel.check(certificate, expected)
    path = Path(certificate)
    read_certificate(path)  # not a JSON object: a usage error, not a verdict
    return kernel.check_file(path, expected_hash=expected)


def sweep(
    spec: Any,
    out: str | Path | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    dask: bool = True,
    limit: int | None = None,
    figure: bool = True,
    certificates: bool = True,
    progress: bool = False,
):
    """One analysis over a parameter grid, a collection or a checkpoint series (docs/SWEEP.md).

    ``spec`` is a TOML file or the same as a dict. Tasks run on a Dask ``LocalCluster`` of ``workers``
    processes (default: one per core), on the cluster at ``scheduler`` ("tcp://host:port"), or in this
    process (``dask=False``). Rows are appended to the Parquet table ``out/table/`` as tasks finish; a
    rerun skips the rows already there (same model hash, analysis and options). ``limit`` runs at most
    that many new tasks. Every certificate is kernel-checked by the gate on the worker, and the row
    records it (``kernel_checked``, ``kernel_all_valid``). Returns a ``SweepOutcome``: ``.table`` (a
    pandas DataFrame), ``.figure`` (a PNG path or None), ``.table_path``, ``.ran``, ``.skipped``.

        >>> res = vd.sweep({"base": "lozi:b=1/2", "vary": [{"param": "a", "values": {"start": 1, "stop": 2,
        ...                  "num": 41}}], "analysis": {"kind": "cycles", "max_period": 8, "complete": True}})
        >>> res.table[["param_a", "attracting", "saddle"]], res.figure
    """
    from ..sweeps import run_sweep

    return run_sweep(
        spec,
        out,
        workers=workers,
        scheduler=scheduler,
        dask=dask,
        limit=limit,
        progress=progress,
        figure=figure,
        certificates=certificates,
    )


def read_certificate(path: str | Path) -> dict:
    """The JSON object in a certificate file (not checked: :func:`verify` does that); UsageError if the
    file is missing, not JSON or not a JSON object ("not a certificate")."""
    import json

    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such certificate file")
    try:
        doc = json.loads(path.read_bytes())
    except RecursionError:
        return {}  # too deep for this reader: the kernel's verdict says what it makes of it
    except ValueError as e:  # not JSON, not UTF-8
        raise UsageError(f"{path}: not a certificate (not JSON: {str(e)[:80]})") from None
    if not isinstance(doc, dict):
        raise UsageError(f"{path}: not a certificate (a JSON {type(doc).__name__}, not an object)")
    return doc


def report(
    model: Any = None,
    out: str | Path = "verified-dyn-demo",
    *,
    max_period: int = 8,
    progress: bool = False,
    trial: int | None = None,
) -> Document:
    """The certified report (HTML + Markdown + figures + certificates) of a PL model (default: the demo
    map, Gardini Fig 5): every orbit up to ``max_period`` proved complete, chaos, manifolds, basins."""
    from ..pipelines.report import DEMO_MODEL, run_report

    _check_period(max_period, "max_period")
    if max_period > 12:
        raise UsageError(f"must be at most 12 for a report, got {max_period}", "max_period")
    pl = load_pl_model(model if model is not None else DEMO_MODEL, trial)
    return Document("Report", run_report(pl, Path(out), max_period, progress))


def reproduce(paper: str, out: str | Path | None = None, proofs: str | Path | None = None, say=None) -> Document:
    """One-command reproductions of the papers' results (``casoni2025``)."""
    from ..pipelines.casoni2025 import reproduce_casoni2025

    if paper != "casoni2025":
        raise UsageError(f"unknown paper {paper!r}; known: casoni2025")
    target = Path(out) if out is not None else Path("verified-dyn-out") / paper
    return Document(
        "Reproduction", reproduce_casoni2025(target, Path(proofs) if proofs else None, say or (lambda _m: None))
    )


def builtin_models() -> list[dict]:
    """The built-in models: name, kind, sizes, description, parameters."""
    from ..models import listing

    return listing()


__all__ = [
    "ALRNN",
    "CTRNN",
    "ChaosResult",
    "ClippedShallowPLRNN",
    "PLRNN",
    "ShallowPLRNN",
    "CyclesResult",
    "Document",
    "Orbit",
    "basins",
    "chaos",
    "cycles",
    "invariants",
    "exact",
    "load_ctrnn_model",
    "load_model",
    "load_pl_model",
    "manifolds",
    "builtin_models",
    "report",
    "reproduce",
    "simulate",
    "sweep",
    "verify",
]
