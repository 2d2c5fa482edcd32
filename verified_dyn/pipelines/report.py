"""The certified report of a PL model (``verified-dyn demo`` / ``report MODEL``): every periodic orbit up
to a period with its completeness census, the chaos theorems, the saddle's manifolds around a proved
homoclinic point and the basins of planar multistable maps; then :mod:`verified_dyn.reports.demo`
writes the pages. Certificates go through the gate into ``out/certificates`` as they are proved.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from .chaos import certify_chaos
from .cycles import certified_cycles
from .manifolds import compute_basins, compute_manifolds

DEMO_MODEL = "gardini_fig5"


def run_report(model, out: Path, max_period: int = 8, progress: bool = True) -> dict:
    """Compute everything the report shows and write it into ``out``; the report's summary dict."""
    from ..reports.demo import write_report

    t0 = time.perf_counter()
    certs = out / "certificates"
    report = certified_cycles(
        model, max_period=max_period, strategy="complete", budget=600, progress=progress, out=certs
    )
    seconds = time.perf_counter() - t0
    chaos, homoclinic_cert = certify_chaos(model, out=certs, progress=progress)
    man = None
    if homoclinic_cert is not None:
        saddles = [c for c in report.cycles if c.counts.orbit_type == "saddle"]
        idx = next(
            i
            for i, c in enumerate(saddles)
            if np.allclose([float(x) for x in c.points[0]], chaos["fixed_point"]) and c.period == 1
        )
        man = compute_manifolds(model, of=idx, iterations=5, progress=False, cycles=report)
    attractors = [c for c in report.cycles if c.counts.orbit_type == "attracting"]
    saddles = [c for c in report.cycles if c.counts.orbit_type == "saddle"]
    basins = None
    if model.dim == 2 and (len(attractors) >= 2 or (attractors and saddles)):
        basins = compute_basins(model, grid=200, max_period=max_period, progress=False)
    return write_report(out, model, report, seconds, chaos, homoclinic_cert, max_period, man, basins)
