"""Readable text tables for the terminal."""
from __future__ import annotations

from pathlib import Path


def itinerary_text(itinerary, limit: int = 24) -> str:
    """Each region as its bit string, steps separated by spaces; long itineraries are shortened."""
    words = ["".join(map(str, d)) for d in itinerary]
    text = " ".join(words)
    return text if len(words) <= limit else " ".join(words[:limit]) + f" ... ({len(words)} steps)"


def point_text(point, digits: int = 4) -> str:
    return "(" + ", ".join(f"{float(x):.{digits}f}" for x in point) + ")"


def cycles_table(report, doc: dict, out: Path) -> str:
    m = report.model
    tried = sum(report.tried.values())
    lines = [f"{m.name or 'model'}  ({m.kind}, M={m.dim}, H={m.hidden}, {m.hash[:19]}...)",
             f"{report.strategy} search, periods {report.periods[0]}..{report.periods[-1]}: "
             f"{tried} itineraries certified in {doc['seconds'].get('total', 0):.2f} s", ""]
    if report.cycles:
        lines.append(f"{'period':>6}  {'type':<14} {'in/on/out':<9}  {'first point':<28} itinerary")
        for r in report.cycles:
            c = r.counts
            lines.append(f"{r.period:>6}  {c.orbit_type:<14} {c.inside}/{c.on}/{c.outside:<5}  "
                         f"{point_text(r.points[0]):<28} {itinerary_text(r.itinerary)}")
    else:
        lines.append("no interior periodic orbit at these periods")
    counts = "  ".join(f"{k}:{v}" for k, v in report.counts().items())
    lines += ["", f"orbits by minimal period  {counts}"]
    for r in report.border_orbits:
        lines.append(f"border orbit, period {r.period}, through {point_text(r.points[0])} "
                     "(touches a switching line; type not claimed)")
    if report.degenerate:
        lines.append(f"{len(report.degenerate)} degenerate itineraries (det(I - P) = 0), listed in --json")
    if report.rejected:
        lines.append(f"WARNING: {len(report.rejected)} certificates were rejected by the kernel "
                     "(not reported as orbits; please report this as a bug)")
    if report.failed_candidates:
        lines.append(f"{len(report.failed_candidates)} heuristic candidates failed exact certification "
                     "(listed in --json with the reason)")
    if report.strategy == "complete":
        lines.append("completeness: " + ("PROVED for every period (census certificates re-checked by the kernel)"
                                         if report.complete else "not proved: " + report.incomplete_reason))
    if report.strategy == "heuristic":
        lines.append("heuristic search: orbits may have been missed (more --budget, another --seed, or "
                     "--search exhaustive for small problems)")
    n = len(report.cycles) + len(report.border_orbits)
    lines.append(f"{n} orbits certified and re-checked by the kernel; certificates in {out}/")
    return "\n".join(lines)
