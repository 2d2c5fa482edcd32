"""Readable text tables for the terminal."""

from __future__ import annotations

import textwrap
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
    lines = [
        f"{m.name or 'model'}  ({m.kind}, M={m.dim}, H={m.hidden}, {m.hash[:19]}...)",
        f"{report.strategy} search, periods {report.periods[0]}..{report.periods[-1]}: "
        f"{tried} itineraries certified in {doc['seconds'].get('total', 0):.2f} s",
        "",
    ]
    if report.cycles:
        lines.append(f"{'period':>6}  {'type':<14} {'in/on/out':<9}  {'first point':<28} itinerary")
        for r in report.cycles:
            c = r.counts
            lines.append(
                f"{r.period:>6}  {c.orbit_type:<14} {c.inside}/{c.on}/{c.outside:<5}  "
                f"{point_text(r.points[0]):<28} {itinerary_text(r.itinerary)}"
            )
    else:
        lines.append(_none_text(report))
    counts = "  ".join(f"{k}:{v}" for k, v in report.counts().items())
    lines += ["", f"orbits by minimal period  {counts}"]
    for r in report.border_orbits:
        lines.append(
            f"border orbit, period {r.period}, through {point_text(r.points[0])} "
            "(touches a switching line; type not claimed)"
        )
    if report.degenerate:
        lines.append(f"{len(report.degenerate)} degenerate itineraries (det(I - P) = 0), listed in --json")
    if report.rejected:
        lines.append(
            f"WARNING: {len(report.rejected)} certificates were rejected by the kernel "
            "(not reported as orbits; please report this as a bug)"
        )
    if report.failed_candidates:
        lines.append(
            f"{len(report.failed_candidates)} heuristic candidates failed exact certification "
            "(listed in --json with the reason)"
        )
    if report.strategy == "complete":
        lines.append(
            "completeness: "
            + (
                "PROVED for every period (census certificates re-checked by the kernel)"
                if report.complete
                else "not proved: " + report.incomplete_reason
            )
        )
    if report.strategy == "heuristic":
        lines.append(
            "heuristic search: orbits may have been missed (more --budget, another --seed, or "
            "--search exhaustive for small problems)"
        )
    n = len(report.cycles) + len(report.border_orbits)
    lines.append(f"{n} orbits certified and re-checked by the kernel; certificates in {out}/")
    return "\n".join(lines)


def _none_text(report) -> str:
    """No orbit listed: only a kernel-proved census may say there is none; otherwise say why not."""
    if report.strategy == "complete" and report.complete:
        return "no interior periodic orbit at these periods (proved: census certificates re-checked by the kernel)"
    if report.strategy == "complete":
        why = "completeness not proved, see below"
    elif report.strategy == "heuristic":
        why = "heuristic search, orbits may have been missed"
    else:
        why = "exhaustive enumeration, not kernel-checked as complete; --complete proves it"
    return f"no interior periodic orbit found at these periods ({why})"


def models_table(rows: list[dict]) -> str:
    """The `models` listing: name, kind, sizes, description and parameters of each built-in model."""
    lines = [f"{'name':<20} {'kind':<16} {'M':>3} {'H':>4}  description"]
    for r in rows:
        params = ", ".join(f"{k}={v}" for k, v in r["parameters"].items())
        desc = r["description"] + (f"  [parameters: {params}]" if params else "")
        lines.append(f"{r['name']:<20} {r['kind']:<16} {r['dim']:>3} {r['hidden'] or '-':>4}  {desc}")
    lines.append("\nuse a name wherever MODEL is asked; families take parameters as name:key=value,...")
    return "\n".join(lines)


def verify_text(certificate: str, verdict: dict, model: dict | None = None) -> str:
    """The kernel's verdict on a certificate file, one obligation a line; ``model`` (name and hash as
    the certificate gives them) when no model was named on the command line."""
    lines = [f"{verdict['verdict']}  {certificate}  ({verdict['claim_type'] or 'unknown claim'})"]
    if model is not None:
        name, h = model.get("name"), model.get("hash")
        lines.append(
            f"  model: {name if isinstance(name, str) and name else '(unnamed)'}, "
            f"{h if isinstance(h, str) else '(no hash)'} (as the certificate names it; give MODEL to check it)"
        )
    if verdict["reason"]:
        lines.append(f"  reason: {verdict['reason']}")
    for ob in verdict["obligations"]:
        lines.append(f"  {ob['status']:<8} {ob['name']}" + (f": {ob['detail']}" if ob.get("detail") else ""))
    return "\n".join(lines)


def chaos_text(doc: dict) -> str:
    """The `chaos` result as text: the verdict, each theorem's outcome, the homoclinic point, the bound."""
    name = doc["model"].get("name") or "model"
    lines = [f"{name}: chaos {doc['verdict']}" + (f" (theorem {doc['theorem']})" if doc["theorem"] else "")]
    for a in doc["attempts"]:
        lines.append(f"  {a['theorem']}: {a['verdict']}: {a.get('summary') or a.get('reason')}")
        if a.get("certificate"):
            lines.append(f"    certificate: {a['certificate']}")
    if "homoclinic_point" in doc:
        p, q = doc["fixed_point"], doc["homoclinic_point"]
        lines.append(
            f"  saddle fixed point ({p[0]:.6f}, {p[1]:.6f}); transversal homoclinic point about "
            f"({q[0]:.6f}, {q[1]:.6f}); unstable piece generation {doc['generations']['unstable']}, "
            f"stable piece generation {doc['generations']['stable']}"
        )
    lines.append(f"  entropy lower bound: {doc['entropy_lower_bound'] or 'none certified'}")
    return "\n".join(lines)


def _wrap(text: str, indent: int) -> str:
    return textwrap.fill(text, 100, initial_indent="", subsequent_indent=" " * indent)


def invariants_text(model, doc: dict) -> str:
    """The human table: one line per claim, its verdict and the statement or the reason."""
    a = doc["activation"]
    lines = [
        f"{model.name or 'model'}  (ctrnn, n = {model.dim}, dx/dt = {model.form.replace('*', ' ')}"
        f"{' + b' if any(model.b) else ''}, s(x) = {a['formula']}, {model.hash[:19]}...)",
        "",
        f"{'claim':<20} {'verdict':<13} statement (PROVED) or reason",
    ]
    for name, c in doc["claims"].items():
        why = c.get("statement") if c["verdict"] == "PROVED" else c.get("reason")
        lines.append(_wrap(f"{name:<20} {c['verdict']:<13} {why}", 35))
        for o in c.get("orbits", []):
            lines.append(_wrap(f"  {'orbit':<18} {o['verdict']:<13} {o.get('statement') or o.get('reason')}", 35))
        for p in c.get("periods", []):
            lines.append(_wrap(f"  {'period':<18} {p['verdict']:<13} {p.get('statement') or p.get('reason')}", 35))
    lines += [
        "",
        "sympy (not kernel-checked): g(x) = " + str(a["g"]) + f", s odd: {a['odd']}, zeros: {a['zeros']}, "
        f"t s(t) > 0: {a['sign_condition']}, integral of s on (0, oo): {a['integral_plus']}",
        "PROVED: the independent kernel re-checked the certificate; REFUTED: it re-checked a certificate of",
        f"the negation. Certificates in {doc['out']}/ ({doc['seconds']:.1f} s).",
    ]
    return "\n".join(lines)
