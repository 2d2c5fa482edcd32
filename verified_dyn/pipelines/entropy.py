"""The horseshoe theorem end to end: float covering proposals (verified_dyn.search.covering), exact
certification (verified_dyn.certify.covering), the kernel through the gate. MATH §4.
"""

from __future__ import annotations

import math
import sys

from .. import gate
from ..certify.covering import certify_proposal
from ..models.pl import PLModel
from ..search.covering import StripMap, candidate_frames, orbit_sample, propose


def entropy_certificate(
    model: PLModel,
    *,
    max_iterate: int = 8,
    progress: bool = False,
    max_edges: int = 4000,
    attempts: int = 4,
    nodes: int = 3000,
) -> tuple[dict | None, str]:
    """A kernel-valid `covering-horseshoe` certificate of h_top(F) >= log(r)/n with the largest bound
    found, and a summary "h_top >= log(r)/n = value (...)"; or (None, the reason)."""

    def say(text: str) -> None:
        if progress:
            print(f"entropy: {text}", file=sys.stderr, flush=True)

    sample = orbit_sample(model)
    if len(sample) == 0:
        return None, "no bounded float orbit found: nothing to cover"
    frames = candidate_frames(model, sample)
    if not frames:
        return None, (
            "no saddle fixed point with one real unstable eigenvalue in the regions the "
            "orbits visit: no frame for a one-exit-direction horseshoe"
        )
    found = []
    for centre, basis, label in frames:
        cf = [float(x) for x in centre]
        bf = [[float(x) for x in row] for row in basis]
        for n in range(1, max_iterate + 1):
            strips = StripMap(model, cf, bf, n)
            for parts in (1, 2, 3) if model.dim == 1 else (1, 2):
                prop = propose(strips, parts=parts, nodes=nodes)
                if prop is not None and len(prop.edges) <= max_edges:
                    found.append((math.log(prop.rho) / n, centre, basis, label, prop))
        say(f"frame {label}: {len(found)} proposals so far")
    if not found:
        return None, (
            f"no covering graph with spectral radius > 1 found for F^n, n <= {max_iterate} ({len(frames)} frame(s))"
        )
    found.sort(key=lambda t: -t[0])
    reasons = []
    for score, centre, basis, label, prop in found[:attempts]:
        say(f"certifying n = {prop.iterate}, {len(prop.sets)} sets, float bound {score:.4f} ({label})")
        cert, summary = certify_proposal(model, centre, basis, prop)
        if cert is not None:
            checked = gate.admit(cert, None, model.hash)
            if checked.valid:
                return cert, summary
            summary = f"kernel: {checked.verdict.verdict} ({checked.reason})"
        reasons.append(summary)
    return None, f"no proposal certified exactly: {'; '.join(reasons)}"
