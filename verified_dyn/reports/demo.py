"""The certified report (``verified-dyn demo`` / ``report MODEL``): Markdown + HTML + figures, written
from results computed by :mod:`verified_dyn.pipelines.report` (this module computes nothing)."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from ..rationals import fmt
from .figures import orbits_figure
from .serialize import completeness_note
from .tables import itinerary_text, point_text


def _rational(x, width: int = 40) -> str:
    s = fmt(x)
    return s if len(s) <= width else f"{s[: width // 2]}…({len(s)} chars)"


def write_report(
    out: Path, model, report, seconds: float, chaos: dict, homoclinic_cert, max_period: int, manifolds=None, basins=None
) -> dict:
    """Write report.md, report.html and the figures into ``out`` from computed results: the CycleReport
    (its certificates already written by the gate into out/certificates), the chaos document and the
    homoclinic certificate, the saddle's manifolds (when a homoclinic point is proved) and the basins."""
    out.mkdir(parents=True, exist_ok=True)
    marks = [(chaos["homoclinic_point"], "transversal homoclinic point (PROVED)")] if homoclinic_cert else []
    fig = orbits_figure(
        model,
        report,
        out / "orbits.png",
        f"{model.name}: certified periodic orbits up to period {max_period}",
        marks=marks,
    )
    rows = []
    for r in report.cycles:
        rel = Path(r.path).relative_to(out)
        rows.append(
            (
                r.period,
                r.counts.orbit_type,
                f"{r.counts.inside}/{r.counts.on}/{r.counts.outside}",
                "(" + ", ".join(_rational(x) for x in r.points[0]) + ")",
                point_text(r.points[0]),
                itinerary_text(r.itinerary, 10),
                str(rel),
            )
        )
    counts = report.counts()
    summary = [
        f"Model: **{model.name}** ({model.description}); kind {model.kind}, M = {model.dim}, "
        f"H = {model.hidden}; model hash `{model.hash}`.",
        f"Every itinerary up to period {max_period} was accounted for in exact rational arithmetic "
        f"(a walk over all itineraries with Farkas-certified pruning, {seconds:.1f} s). "
        f"**{len(report.cycles)} periodic orbits are proved**: each has a certificate that the "
        "independent kernel re-checked (exact orbit, strictly inside its regions, minimal period, "
        "eigenvalue counts inside/on/outside the unit circle with a Stein-matrix witness).",
        "Orbits by minimal period: " + ", ".join(f"{k}: {v}" for k, v in counts.items()) + ".",
        f"Border orbits (touching a switching line): {len(report.border_orbits)}. "
        f"Degenerate itineraries (det(I − P) = 0): {len(report.degenerate)}. "
        f"Certificates rejected by the kernel: {len(report.rejected)}.",
        f"Completeness: {completeness_note(report)}"
        + (" (one `census-pK.json` certificate per period)." if report.complete else "."),
        _chaos_line(chaos, out),
        "The grey cloud in the figure is a float simulation for orientation only; manifolds and basins: "
        "`verified-dyn manifolds` / `verified-dyn basins`.",
    ]
    header = ("period", "type", "in/on/out", "first point (exact)", "≈", "itinerary", "certificate")
    md = [f"# Certified periodic orbits and chaos of {model.name}", ""] + [f"- {s}" for s in summary]
    md += ["", "![certified orbits](orbits.png)", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    md += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    extra_md, extra_html, figures = _chaos_sections(
        model, report, chaos, homoclinic_cert, out, max_period, manifolds, basins
    )
    md += extra_md
    md += [
        "",
        "## Certificates",
        "",
        f"{len(list((out / 'certificates').glob('*.json')))} certificate files in "
        "`certificates/`. Re-check any of them yourself; the check needs only the kernel "
        "(exit status 0 = PROVED):",
        "",
        f"    verified-dyn verify {rows[0][-1] if rows else 'certificates/FILE.json'} {model.name}",
        f'    for f in certificates/*.json; do verified-dyn verify "$f" {model.name} || echo "NOT PROVED: $f"; done',
        "",
    ]
    (out / "report.md").write_text("\n".join(md), encoding="utf-8")
    png = base64.b64encode(fig.read_bytes()).decode("ascii")
    body = "".join(f"<li>{_md_inline(s)}</li>" for s in summary)
    table = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    page = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(model.name)}</title>"
        "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}td,th{padding:2px 8px;"
        "font-size:13px;border-bottom:1px solid #ddd}code{background:#f4f4f4}</style></head><body>"
        f"<h1>Certified periodic orbits and chaos of {html.escape(model.name)}</h1><ul>{body}</ul>"
        f"<img alt='certified orbits' src='data:image/png;base64,{png}'>"
        "<table><tr>"
        + "".join(f"<th>{html.escape(h)}</th>" for h in header)
        + f"</tr>{table}</table>"
        + extra_html
        + "<h2>Certificates</h2><p>Re-check any certificate (exit status 0 = PROVED): <code>verified-dyn "
        f"verify certificates/FILE.json {html.escape(model.name)}</code>, or all of them: <code>for f in "
        f'certificates/*.json; do verified-dyn verify "$f" {html.escape(model.name)}; done</code></p>'
        "</body></html>"
    )
    (out / "report.html").write_text(page, encoding="utf-8")
    return {
        "model": model.summary(),
        "orbits": len(report.cycles),
        "complete": report.complete,
        "chaos": {k: chaos[k] for k in ("verdict", "reason", "theorem", "certificate", "entropy_lower_bound")},
        "counts": {str(k): v for k, v in counts.items()},
        "report_md": str(out / "report.md"),
        "report_html": str(out / "report.html"),
        "figure": str(fig),
        "figures": [str(fig)] + [str(f) for f in figures],
        "certificates": [r.path for r in report.cycles],
        "rejected": len(report.rejected),
    }


def _chaos_sections(model, report, chaos, cert, out: Path, max_period: int, man, basins):
    """Markdown lines, HTML and figure paths of: what is proved and what is not; the homoclinic orbit
    with its itinerary and a figure of the saddle's manifolds (when a homoclinic point is proved);
    the basins (planar maps with at least two attractors, or an attractor and a saddle)."""
    from .chaos_report import chaos_figure, homoclinic_orbit, orbit_table_md, proved_and_not
    from .manifold_figures import phase_portrait

    proved, not_proved = proved_and_not(chaos, max_period, report.complete)
    md = ["", "## What is proved", ""] + [f"- {x}" for x in proved or ["Nothing beyond the listed orbits."]]
    md += ["", "## What is not proved", ""] + [f"- {x}" for x in not_proved]
    page = (
        "<h2>What is proved</h2><ul>" + "".join(f"<li>{_md_inline(x)}</li>" for x in proved) + "</ul>"
        "<h2>What is not proved</h2><ul>" + "".join(f"<li>{_md_inline(x)}</li>" for x in not_proved) + "</ul>"
    )
    figures = []
    if cert is not None:
        rows = homoclinic_orbit(model, cert)
        fig = chaos_figure(
            model,
            rows,
            man,
            out / "homoclinic.png",
            f"{model.name}: the certified homoclinic orbit and the saddle's manifolds",
        )
        figures.append(fig)
        intro = (
            "The orbit of the homoclinic point q: backwards it follows the unstable manifold to the "
            "saddle p, forwards the stable manifold; the kernel checked that a box around it stays in "
            "the listed regions (column *region*: the activation pattern) with invertible matrices."
        )
        table = orbit_table_md(rows)
        md += ["", "## The homoclinic orbit", "", intro, "", "![homoclinic orbit](homoclinic.png)", ""] + table
        page += (
            f"<h2>The homoclinic orbit</h2><p>{_md_inline(intro)}</p>"
            + _img(fig, "homoclinic orbit")
            + _md_table_html(table)
        )
    if basins is not None:
        fig = phase_portrait(
            model, out / "basins.png", basins=basins, title=f"{model.name}: basins (numerical) and stable manifolds"
        )
        figures.append(fig)
        md += [
            "",
            "## Basins",
            "",
            "Basin colours are a float classification of a grid (not certified); "
            "blue pieces are the saddles' stable manifolds, which bound the basins.",
            "",
            "![basins](basins.png)",
        ]
        page += "<h2>Basins</h2><p>Basin colours: float classification (not certified).</p>" + _img(fig, "basins")
    return md, page, figures


def _img(path: Path, alt: str) -> str:
    return f"<img alt='{alt}' src='data:image/png;base64,{base64.b64encode(path.read_bytes()).decode('ascii')}'>"


def _md_table_html(lines: list[str]) -> str:
    cells = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines if not ln.startswith("|---")]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cells[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in cells[1:])
    return f"<table><tr>{head}</tr>{body}</table>"


def _chaos_line(chaos: dict, out: Path) -> str:
    if chaos["verdict"] == "REFUTED":
        return (
            f"**Chaos: REFUTED (proof of non-chaos).** {chaos['reason']}. Certificate "
            f"`{Path(chaos['certificate']).relative_to(out)}`."
        )
    if chaos["verdict"] != "PROVED":
        return f"Chaos: {chaos['verdict']} ({chaos['reason']})."
    if "homoclinic_point" not in chaos:
        return f"**Chaos: PROVED** by {chaos['theorem']}; certificate `{Path(chaos['certificate']).relative_to(out)}`."
    q, p = chaos["homoclinic_point"], chaos["fixed_point"]
    rel = Path(chaos["certificate"]).relative_to(out)
    return (
        f"**Chaos: PROVED.** The saddle fixed point ({p[0]:.4f}, {p[1]:.4f}) has a transversal "
        f"homoclinic point near "
        f"({q[0]:.4f}, {q[1]:.4f}) (its unstable and stable manifolds cross properly; the orbit of the "
        f"crossing stays inside linear regions with invertible matrices), so by the Smale–Birkhoff "
        f"theorem some iterate of the map has an invariant set on which it is conjugate to a full shift: "
        f"positive topological entropy and infinitely many periodic orbits. Certificate `{rel}`."
        + (
            f" Covering relations give the explicit bound: topological entropy >= "
            f"{chaos['entropy_lower_bound']} (certificate `certificates/chaos-horseshoe.json`)."
            if chaos.get("entropy_lower_bound")
            else ""
        )
    )


def _md_inline(s: str) -> str:
    s = html.escape(s)
    parts = s.split("**")
    s = "".join(p if i % 2 == 0 else f"<b>{p}</b>" for i, p in enumerate(parts))
    parts = s.split("`")
    return "".join(p if i % 2 == 0 else f"<code>{p}</code>" for i, p in enumerate(parts))
