"""The `manifolds` and `basins` documents (INTERFACE §2) and their text, from computed results.

Reads results only: the certificates were written by the gate when they were proved.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..geometry import polygon
from ..models.regions import code_of_pattern, pattern_of_code, pattern_of_float
from .serialize import orbit_json


def _side_json(side, model) -> dict:
    path = side.certificate_path

    d = {"dim": side.dim, "pieces": []}
    if side.local_verdict is not None:
        d["local_verdict"] = side.local_verdict.verdict
        d["local_certificate"] = path
        if side.local_verdict.reason:
            d["local_reason"] = side.local_verdict.reason
    if side.local is not None:
        lm = side.local
        d["eigenvalue"] = lm.eigenvalue
        d["eigenvalue_interval"] = [str(lm.interval[0]), str(lm.interval[1])]
        d["minimal_polynomial"] = [str(c) for c in lm.min_poly]
        d["local_radius"] = str(lm.radius)
        d["local_pieces"] = [
            {
                "point": p.index,
                "region": list(p.region),
                "vertices": [list(v) for v in p.endpoints()],
                "enclosure_radius": p.enclosure_radius,
            }
            for p in lm.pieces
        ]
    if side.grown is not None:
        g = side.grown
        d["pieces"] = [
            {
                "region": list(pattern_of_code(model, g.code[i])),
                "vertices": [g.a[i].tolist(), g.b[i].tolist()],
                "generation": int(g.generation[i]),
                "enclosure_radius": None,
            }
            for i in range(len(g))
        ]
        d["singular_regions"] = [list(pattern_of_code(model, c)) for c in g.singular_regions]
    if side.certified is not None:
        ps = side.certified
        d["certified_pieces"] = {
            "verdict": side.pieces_verdict.verdict,
            "reason": side.pieces_verdict.reason,
            "certificate": side.pieces_certificate_path,
            "dropped": ps.dropped,
            "stopped": ps.stopped or None,
            "pieces": [
                {
                    "region": _piece_region(model, side, p),
                    "vertices": [[float(x) for x in v] for v in p.vertices],
                    "generation": len(p.itinerary),
                    "enclosure_radius": float(p.eps) * (1 + 1e-12),
                }
                for p in ps.pieces
            ],
        }
        d["seconds"] = round(g.seconds, 4)
    if side.nd is not None:
        d.update(_nd_json(side.nd, model))
    if side.reason:
        d["reason"] = side.reason
    return d


def _nd_json(ps, model) -> dict:
    """Pieces of dimension >= 2 (float proposals): each carries its itinerary (region patterns e_1..e_n)
    to the local set of cycle point ``target``; 2-D pieces list their polygon vertices."""

    pieces = []
    for p in ps.pieces:
        region = p.itinerary[0] if p.kind == "stable" and p.itinerary else None
        if region is None:
            region = ps.geom.codes[p.target] if p.generation == 0 else _region_of(model, p.centre)
        verts = []
        if ps.dim == 2:
            verts = polygon(*p.constraints).tolist()
        pieces.append(
            {
                "region": list(pattern_of_code(model, region)),
                "vertices": verts,
                "generation": p.generation,
                "enclosure_radius": None,
                "itinerary": [list(pattern_of_code(model, c)) for c in p.itinerary],
                "target": p.target,
                "centre": p.centre.tolist(),
                "inradius": p.radius,
            }
        )
    return {
        "pieces": pieces,
        "piece_dimension": ps.dim,
        "generations": ps.generations,
        "growth_box": ps.box.tolist(),
        "lps": ps.lps,
        "stopped": ps.stopped or None,
        "singular_regions": [list(pattern_of_code(model, c)) for c in ps.singular_regions],
        "seconds": round(ps.seconds, 4),
        "float_only": True,
    }


def _region_of(model, z) -> int:
    return code_of_pattern(model, pattern_of_float(model, list(z)))


def _piece_region(model, side, p) -> list:
    """The closed region holding a certified piece: e_1 for a stable piece (its first region), the
    region of its float midpoint for an unstable one (informative only; the certificate is what counts)."""
    if side.kind == "stable":
        return list(p.itinerary[0] if p.itinerary else side.local.pieces[0].region)
    mid = [(float(a) + float(b)) / 2 for a, b in zip(*p.vertices)]
    return list(pattern_of_float(model, mid))


def object_json(obj, model) -> dict:
    """The JSON of one manifold object (INTERFACE §2 `manifolds`)."""
    return {
        "cycle": orbit_json(obj.cycle),
        "stable": _side_json(obj.stable, model),
        "unstable": _side_json(obj.unstable, model),
        "determinant_signs": [{"region": list(d), "sign": s} for d, s in obj.det_signs.items()],
        "invertible_where_visited": len({s for s in obj.det_signs.values()}) <= 1 and 0 not in obj.det_signs.values(),
        "delta_sigma": obj.delta_sigma,
        "verdict": obj.verdict,
        "reason": obj.reason,
        "certificate": None,
    }


def manifolds_text(doc, out) -> str:
    lines = [f"{doc['model']['name'] or 'model'}: {doc['saddles']} saddle cycle(s), {doc['iterations']} iterations"]
    for k, o in enumerate(doc["objects"]):
        c = o["cycle"]
        lines.append(
            f"[{k}] period {c['period']} saddle at ({', '.join(f'{float(_frac(x)):.4f}' for x in c['points'][0])})"
        )
        for name in ("stable", "unstable"):
            s = o[name]
            ev = (
                f", eigenvalue {s['eigenvalue']:.6f} in [{float(_frac(s['eigenvalue_interval'][0])):.12g}, ...]"
                if "eigenvalue" in s
                else ""
            )
            lines.append(
                f"    {name:<8} dim {s['dim']}: {len(s['pieces'])} pieces{ev}"
                + (f", local radius {float(_frac(s['local_radius'])):.4g}" if "local_radius" in s else "")
                + (
                    f", {s['generations']} generations, {s['lps']} LPs in {s['seconds']} s"
                    if "piece_dimension" in s
                    else ""
                )
                + (f"  ({s['reason']})" if s.get("reason") else "")
            )
            if "certified_pieces" in s:
                cp = s["certified_pieces"]
                what = "image" if name == "unstable" else "preimage"
                lines.append(
                    f"             {len(cp['pieces'])} exact {what} pieces: {cp['verdict']} by the kernel"
                    + (f" ({cp['certificate']})" if cp["certificate"] else "")
                    + (f": {cp['reason']}" if cp.get("reason") else "")
                )
            if "local_verdict" in s:
                lines.append(
                    f"             local segments: {s['local_verdict']} by the kernel ({s['local_certificate']})"
                    + (f": {s['local_reason']}" if s.get("local_reason") else "")
                )
        signs = ", ".join(
            f"{''.join(map(str, d['region']))}:{'+' if d['sign'] > 0 else '-' if d['sign'] < 0 else '0'}"
            for d in o["determinant_signs"]
        )
        if len(o["determinant_signs"]) > 16:  # many regions (pieces of dimension >= 2): counts only
            n = [sum(d["sign"] == v for d in o["determinant_signs"]) for v in (1, -1, 0)]
            signs = f"{len(o['determinant_signs'])} regions, {n[0]} with det > 0, {n[1]} < 0, {n[2]} singular"
        lines.append(
            f"    det M_d of visited regions: {signs}  (invertible where visited: {o['invertible_where_visited']})"
        )
        for name, ds in o["delta_sigma"].items():
            if ds:
                lines.append(
                    f"    delta_sigma ({name}): median {ds['median']:.3g}, max {ds['max']:.3g} "
                    f"over {ds['samples']} samples"
                )
        lines.append(f"    verdict {o['verdict']}: {o['reason']}")
    if "figure" in doc:
        lines.append(f"figure: {doc['figure']}")
    lines.append(f"cycle certificates in {out}/")
    return "\n".join(lines)


def _frac(s):
    return Fraction(s)


def basins_text(doc) -> str:
    lines = [
        (
            f"{doc['model']['name'] or 'model'}: {len(doc['attractors'])} certified attractor(s), "
            f"{doc['saddles']} saddle cycle(s); labels are {doc['labelling']}"
        )
    ]
    if "grid" in doc:
        g = doc["grid"]
        lines.append(
            f"grid {g['n']}x{g['n']} on {g['box']}: " + ", ".join(f"{k} {v:.3f}" for k, v in g["fractions"].items())
        )
    b = doc["boundary"]
    if "cells" in b:
        lines.append(
            f"boundary cells {b['cells']}: {b['within_one_cell']} within one cell of a stable piece "
            f"(farthest {b['max_cells']:.2f} cells)"
        )
        if "within_one_cell_of_proved_pieces" in b:
            lines.append(f"    {b['within_one_cell_of_proved_pieces']} within one cell of a kernel-PROVED stable piece")
    for i, d in enumerate(b["attractor_distance_to_stable_manifold"]):
        lines.append(f"attractor {i}: distance to the nearest stable piece {d:.4f}")
    for i, d in enumerate(b["attractor_distance_to_boundary_along_segments"]):
        if d is not None:
            lines.append(f"attractor {i}: nearest basin boundary point along the segments at {d:.4f}")
    for s in doc["segments"]:
        lines.append(f"segment attractor {s['from']} -> {s['to']}: {s['switches']} label switch(es)")
        for bp in s["boundary_points"]:
            near = (
                f"; its orbit comes within {bp['saddle_approach']:.1e} of saddle point {bp['saddle']}"
                if bp["saddle"] is not None
                else ""
            )
            lines.append(
                f"    boundary point at distance {bp['distance_from']:.4f} from {s['from']}, "
                f"{bp['distance_to']:.4f} from {s['to']}{near}"
            )
    for k in ("figure", "segment_figure"):
        if k in doc:
            lines.append(f"{k.replace('_', ' ')}: {doc[k]}")
    return "\n".join(lines)


def basins_doc(model, rep, grid: int) -> dict:
    """The `basins` document of a BasinReport (labels are numerical; INTERFACE §2)."""
    names = rep.label_names
    doc = {
        "model": model.summary(),
        "attractors": [orbit_json(c) for c in rep.attractors],
        "saddles": len(rep.saddles),
        "labelling": "numerical (float64 orbits, capture ellipsoids); not certified",
    }
    if rep.labels is not None:
        vals, counts = np.unique(rep.labels, return_counts=True)
        doc["grid"] = {
            "n": grid,
            "box": [float(x) for x in rep.box],
            "fractions": {
                names.get(int(v), str(int(v))): round(int(c) / rep.labels.size, 6) for v, c in zip(vals, counts)
            },
        }
    along = [
        min(
            [bp["distance_from"] for s in rep.segments if s["from"] == a for bp in s["boundary"]]
            + [bp["distance_to"] for s in rep.segments if s["to"] == a for bp in s["boundary"]],
            default=None,
        )
        for a in range(len(rep.attractors))
    ]
    doc["boundary"] = {
        **rep.boundary_distance,
        "attractor_distance_to_stable_manifold": rep.attractor_distance,
        "attractor_distance_to_boundary_along_segments": along,
    }
    doc["segments"] = [
        {
            "from": s["from"],
            "to": s["to"],
            "switches": len(s["switches"]),
            "boundary_points": [
                {
                    "point": bp["point"].tolist(),
                    "distance_from": bp["distance_from"],
                    "distance_to": bp["distance_to"],
                    "saddle": bp.get("saddle"),
                    "saddle_approach": bp.get("saddle_approach"),
                }
                for bp in s["boundary"][:20]
            ],
        }
        for s in rep.segments
    ]
    return doc
