"""JSON documents of the command line (INTERFACE §2), drawn from kernel-checked results only.

The certificates were written by the gate when they were proved; the documents only cite their paths.
"""

from __future__ import annotations

from ..rationals import fmt

COMPLETENESS_NOTE = (
    "exhaustive enumeration of every itinerary in exact arithmetic; completeness is not "
    "kernel-checked yet (completeness certificates come with --complete)"
)
HEURISTIC_NOTE = (
    "heuristic SCYFI-style search: every listed orbit is proved, but orbits may have been "
    "missed; use --complete for a proof that nothing was missed"
)


def completeness_note(report) -> str:
    if report.strategy == "complete":
        if report.complete:
            return "proved: a census certificate per period, re-checked by the kernel, shows no orbit was missed"
        return "not proved: " + report.incomplete_reason
    return COMPLETENESS_NOTE if report.strategy == "exhaustive" else HEURISTIC_NOTE


def orbit_json(res) -> dict:
    d = {
        "period": res.period,
        "itinerary": [list(x) for x in res.itinerary],
        "points": [[fmt(x) for x in p] for p in res.points],
    }
    if res.counts is not None:
        d.update(
            eigenvalues_inside=res.counts.inside,
            eigenvalues_outside=res.counts.outside,
            eigenvalues_on_circle=res.counts.on,
            type=res.counts.orbit_type,
        )
    d.update(verdict="PROVED", certificate=res.path)
    return d


def cycles_json(report) -> dict:
    """The `cycles` document of a CycleReport (INTERFACE §2)."""
    m = report.model
    return {
        "model": {"kind": m.kind, "name": m.name, "dim": m.dim, "hidden": m.hidden, "hash": m.hash},
        "max_period": max(report.periods),
        "periods": report.periods,
        "search": report.strategy,
        "complete": report.complete,
        "completeness": completeness_note(report),
        "counts": {str(k): v for k, v in report.counts().items()},
        "cycles": [orbit_json(r) for r in report.cycles],
        "border_orbits": [orbit_json(r) for r in report.border_orbits],
        "degenerate_itineraries": [
            {"period": r.period, "itinerary": [list(x) for x in r.itinerary], "reason": r.detail}
            for r in report.degenerate
        ],
        "rejected": [
            {"period": r.period, "itinerary": [list(x) for x in r.itinerary], "verdict": v.verdict, "reason": v.reason}
            for r, v in report.rejected
        ],
        "failed_candidates": [
            {"period": r.period, "itinerary": [list(x) for x in r.itinerary], "status": r.status, "reason": r.detail}
            for r in report.failed_candidates
        ],
        "census": {
            str(k): {
                "complete": c.complete,
                "verdict": v.verdict if v is not None else None,
                "reason": (v.reason if v is not None else c.reason) or None,
                "certificate": report.census_paths.get(k),
                "nodes": c.stats.get("nodes"),
                "lps": c.stats.get("lp"),
                "pruned": c.stats.get("pruned"),
                "words_settled": c.stats.get("leaves"),
                "undecided": c.undecided,
            }
            for k, (c, v) in report.censuses.items()
        },
        "itineraries_tried": dict(report.tried),
        "heuristic": {
            str(k): {
                "restarts": s.restarts,
                "converged": s.converged,
                "batches": s.batches,
                "seconds": round(s.seconds, 3),
                "stopped_by": s.stopped_by,
            }
            for k, s in report.search.items()
        },
        "seconds": {k: round(v, 4) for k, v in report.seconds.items()},
    }
