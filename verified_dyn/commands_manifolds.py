"""The commands ``manifolds`` and ``basins`` (INTERFACE §2).

``add_parsers(sub, add)`` registers them with the main parser; ``cli.main`` dispatches the names in
``COMMANDS`` here. Heavy imports (numba, matplotlib) happen inside the commands.
"""
from __future__ import annotations

import time
from pathlib import Path

from .errors import UsageError

COMMANDS = ("manifolds", "basins")

EPILOG_MANIFOLDS = """\
what it does:
  Finds the certified saddle cycles (periods up to --max-period), then for each saddle with a
  one-dimensional stable or unstable direction: the eigenvalue isolated in a rational interval, the
  eigenvector enclosed in an Arb ball, and a radius keeping the local segment inside its regions
  (exact checks); then grows the manifold piece by piece: unstable by images (cut at the switching
  hyperplanes, then mapped affinely), stable by ALL preimages (every region whose inverse branch is
  self-consistent). Reports the exact determinant signs of the visited regions and the seed paper's
  delta_sigma score. The local segments get a certificate (manifold-K-stable.json, ...) re-checked
  by the independent kernel (local_verdict); the global pieces are float proposals, so the verdict
  of each manifold object stays INCONCLUSIVE. Manifolds of dimension >= 2 (e.g. the 7-D stable
  manifolds of an 8-D checkpoint) are grown as float pieces (an affine subspace cut by a polyhedron,
  with the itinerary to the saddle; all preimages found by LP) for --nd-iterations generations:
  no certificate; 2-D pieces list their polygon vertices, the figure shows projections (2-D pieces)
  or the cut of codimension-1 pieces by the plane of the figure through the cycle points' mean.

examples:
  verified-dyn manifolds gardini_3a_right --out out/
  verified-dyn manifolds gardini_fig5 --iterations 12 --max-pieces 50000 --json > fig5.json
  verified-dyn manifolds gardini_3b_right --of 0 --box -200 200 -200 200
  verified-dyn manifolds lozi --iterations 25
  verified-dyn manifolds scyfi_multistable --trial 0 --max-period 1 --nd-iterations 2 --axes pca"""

EPILOG_BASINS = """\
what it does:
  Classifies initial conditions by the certified attractor their orbit reaches (numba, float64):
  an orbit is assigned when it enters a capture ellipsoid (Stein matrix of the cycle, inside the
  region) of an attractor point; "diverges" when |z| exceeds 1e6; "unknown" otherwise. 2-D models:
  a grid on --box; every model: segments joining each pair of attractors. With saddles, the stable
  manifolds are grown and the distance of every grid boundary cell to them is reported, as is the
  distance from each attractor to the nearest stable piece (farther = more robust attractor).
  The labels are numerical (not certified).

examples:
  verified-dyn basins gardini_3a_right --out out/
  verified-dyn basins gardini_3b_left --grid 600 --box -3 3 -3 3 --json
  verified-dyn basins scyfi_multistable --trial 0"""


def add_parsers(sub, add) -> None:
    """Register manifolds and basins on the main parser's subparsers."""
    sp = add("manifolds", "stable and unstable manifolds of the saddle cycles", EPILOG_MANIFOLDS)
    _common(sp)
    sp.add_argument("--of", default="all", metavar="INDEX|all", help="which saddle (index in the list), default all")
    sp.add_argument("--iterations", type=int, default=20, metavar="N", help="applications of F or F^-1 (default 20)")
    sp.add_argument("--max-pieces", type=int, default=200_000, metavar="N", help="stop growing beyond N pieces")
    sp.add_argument("--box", type=float, nargs="+", metavar="X", help="growth box x0 x1 y0 y1 ... "
                    "(default 10 times the picture box)")
    sp.add_argument("--certify-pieces", type=int, default=8, metavar="N",
                    help="certify the pieces of N generations exactly: images (unstable), preimages (stable); "
                         "0: none; default 8")
    sp.add_argument("--nd-iterations", type=int, default=3, metavar="N",
                    help="manifolds of dimension >= 2: generations of float pieces (0: do not grow; default 3)")
    sp.add_argument("--nd-max-pieces", type=int, default=500, metavar="N",
                    help="manifolds of dimension >= 2: stop beyond N pieces per side (default 500; each costs LPs)")
    sp.add_argument("--axes", default="0,1", metavar="I,J|pca", help="projection of the figure when M > 2: two coordinate indices or pca (default 0,1)")

    sp = add("basins", "basins of attraction of the certified attractors and their boundaries", EPILOG_BASINS)
    _common(sp)
    sp.add_argument("--grid", type=int, default=300, metavar="N", help="N x N grid (2-D models, default 300)")
    sp.add_argument("--box", type=float, nargs=4, metavar=("X0", "X1", "Y0", "Y1"), help="grid box (2-D)")
    sp.add_argument("--steps", type=int, default=1000, metavar="N", help="iterations per initial condition")
    sp.add_argument("--no-manifolds", action="store_true", help="skip the stable manifolds")
    sp.add_argument("--certify-pieces", type=int, default=8, metavar="N",
                    help="2-D: also certify the stable pieces of N generations and compare the boundary "
                         "with them (0: none; default 8)")


def _common(sp) -> None:
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file")
    sp.add_argument("--trial", type=int, metavar="N", help="which model of a SCYFI .mat file")
    sp.add_argument("--max-period", type=int, default=6, metavar="K", help="cycles up to period K (default 6)")
    sp.add_argument("--out", type=Path, metavar="DIR", help="figures and certificates (default verified-dyn-out/<model>/)")
    sp.add_argument("--no-plot", action="store_true", help="skip the figure")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")


def _setup(args):
    from .commands import _check_period, _pl_model, _safe

    _check_period(args.max_period, "--max-period")
    model = _pl_model(args.model, args.trial)
    label = Path(args.model).stem if Path(args.model).exists() else args.model
    label += f"-trial{args.trial}" if args.trial is not None else ""
    return model, args.out or Path("verified-dyn-out") / _safe(label)


def _side_json(side, model, path=None) -> dict:
    from .search.manifolds import pattern_of_code

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
        d["local_pieces"] = [{"point": p.index, "region": list(p.region), "vertices": [list(v) for v in p.endpoints()],
                              "enclosure_radius": p.enclosure_radius} for p in lm.pieces]
    if side.grown is not None:
        g = side.grown
        d["pieces"] = [{"region": list(pattern_of_code(model, g.code[i])),
                        "vertices": [g.a[i].tolist(), g.b[i].tolist()],
                        "generation": int(g.generation[i]), "enclosure_radius": None} for i in range(len(g))]
        d["singular_regions"] = [list(pattern_of_code(model, c)) for c in g.singular_regions]
    if side.certified is not None:
        ps = side.certified
        d["certified_pieces"] = {
            "verdict": side.pieces_verdict.verdict, "reason": side.pieces_verdict.reason,
            "certificate": (path or "").replace(".json", "-pieces.json") or None,
            "dropped": ps.dropped, "stopped": ps.stopped or None,
            "pieces": [{"region": _piece_region(model, side, p),
                        "vertices": [[float(x) for x in v] for v in p.vertices], "generation": len(p.itinerary),
                        "enclosure_radius": float(p.eps) * (1 + 1e-12)} for p in ps.pieces]}
        d["seconds"] = round(g.seconds, 4)
    if side.nd is not None:
        d.update(_nd_json(side.nd, model))
    if side.reason:
        d["reason"] = side.reason
    return d


def _nd_json(ps, model) -> dict:
    """Pieces of dimension >= 2 (float proposals): each carries its itinerary (region patterns e_1..e_n)
    to the local set of cycle point ``target``; 2-D pieces list their polygon vertices."""
    from .search.manifolds import pattern_of_code
    from .search.manifolds_nd import piece_constraints
    from .search.polytopes import polygon

    pieces = []
    for p in ps.pieces:
        region = p.itinerary[0] if p.kind == "stable" and p.itinerary else None
        if region is None:
            region = ps.geom.codes[p.target] if p.generation == 0 else _region_of(model, p.centre)
        verts = []
        if ps.dim == 2:
            verts = polygon(*piece_constraints(ps, p)).tolist()
        pieces.append({"region": list(pattern_of_code(model, region)), "vertices": verts,
                       "generation": p.generation, "enclosure_radius": None,
                       "itinerary": [list(pattern_of_code(model, c)) for c in p.itinerary], "target": p.target,
                       "centre": p.centre.tolist(), "inradius": p.radius})
    return {"pieces": pieces, "piece_dimension": ps.dim, "generations": ps.generations,
            "growth_box": ps.box.tolist(), "lps": ps.lps, "stopped": ps.stopped or None,
            "singular_regions": [list(pattern_of_code(model, c)) for c in ps.singular_regions],
            "seconds": round(ps.seconds, 4), "float_only": True}


def _region_of(model, z) -> int:
    from .search.manifolds import code_of_pattern
    from .models.regions import pattern_of_float
    return code_of_pattern(model, pattern_of_float(model, list(z)))


def _piece_region(model, side, p) -> list:
    """The closed region holding a certified piece: e_1 for a stable piece (its first region), the
    region of its float midpoint for an unstable one (informative only; the certificate is what counts)."""
    from .models.regions import pattern_of_float

    if side.kind == "stable":
        return list(p.itinerary[0] if p.itinerary else side.local.pieces[0].region)
    mid = [(float(a) + float(b)) / 2 for a, b in zip(*p.vertices)]
    return list(pattern_of_float(model, mid))


def _object_json(obj, paths, model, k, out) -> dict:
    from .certify.certificate import write_certificate
    from .reports.serialize import _orbit_json

    cert_paths = {}
    for side in (obj.stable, obj.unstable):
        if side.certificate is not None:
            cert_paths[side.kind] = str(write_certificate(side.certificate, out / f"manifold-{k}-{side.kind}.json"))
        if side.pieces_certificate is not None:
            write_certificate(side.pieces_certificate, out / f"manifold-{k}-{side.kind}-pieces.json")
    return {"cycle": _orbit_json(obj.cycle, paths), "stable": _side_json(obj.stable, model, cert_paths.get("stable")),
            "unstable": _side_json(obj.unstable, model, cert_paths.get("unstable")),
            "determinant_signs": [{"region": list(d), "sign": s} for d, s in obj.det_signs.items()],
            "invertible_where_visited": len({s for s in obj.det_signs.values()}) <= 1
            and 0 not in obj.det_signs.values(),
            "delta_sigma": obj.delta_sigma, "verdict": obj.verdict, "reason": obj.reason, "certificate": None}


def manifolds(args) -> int:
    from .cli import emit
    from .manifolds import compute_manifolds, default_box, parse_box
    from .reports.serialize import write_cycle_certificates

    model, out = _setup(args)
    if not 1 <= args.iterations <= 10_000:
        raise UsageError(f"--iterations must be between 1 and 10000, got {args.iterations}")
    if args.max_pieces < 1:
        raise UsageError("--max-pieces must be positive")
    of = None if args.of == "all" else _int(args.of, "--of")
    t0 = time.perf_counter()
    if not 0 <= args.certify_pieces <= 100:
        raise UsageError(f"--certify-pieces must be between 0 and 100, got {args.certify_pieces}")
    if not 0 <= args.nd_iterations <= 1000 or args.nd_max_pieces < 1:
        raise UsageError("--nd-iterations must be between 0 and 1000 and --nd-max-pieces positive")
    rep = compute_manifolds(model, args.max_period, of, args.iterations, parse_box(args.box, model.dim),
                            args.max_pieces, progress=not args.quiet, certify_pieces=args.certify_pieces,
                            nd_iterations=args.nd_iterations, nd_max_pieces=args.nd_max_pieces)
    paths = write_cycle_certificates(rep.cycles, out)
    doc = {"model": model.summary(), "max_period": args.max_period, "iterations": args.iterations,
           "box": rep.box.tolist(), "objects": [_object_json(o, paths, model, k, out) for k, o in enumerate(rep.objects)],
           "saddles": len(rep.objects)}
    if not args.no_plot:
        from .reports.manifold_figures import phase_portrait
        pb = default_box(model, rep.cycles.cycles).ravel()[:4]
        doc["figure"] = str(phase_portrait(model, out / "manifolds.png", manifolds=rep, axes=_axes(args.axes, model),
                                           plot_box=pb))
    doc["seconds"] = {**{k: round(v, 4) for k, v in rep.seconds.items()}, "total": round(time.perf_counter() - t0, 4)}
    emit(args, doc, _manifolds_text(doc, out))
    return 0


def _manifolds_text(doc, out) -> str:
    lines = [f"{doc['model']['name'] or 'model'}: {doc['saddles']} saddle cycle(s), {doc['iterations']} iterations"]
    for k, o in enumerate(doc["objects"]):
        c = o["cycle"]
        lines.append(f"[{k}] period {c['period']} saddle at ({', '.join(f'{float(_frac(x)):.4f}' for x in c['points'][0])})")
        for name in ("stable", "unstable"):
            s = o[name]
            ev = f", eigenvalue {s['eigenvalue']:.6f} in [{float(_frac(s['eigenvalue_interval'][0])):.12g}, ...]" \
                if "eigenvalue" in s else ""
            lines.append(f"    {name:<8} dim {s['dim']}: {len(s['pieces'])} pieces{ev}"
                         + (f", local radius {float(_frac(s['local_radius'])):.4g}" if "local_radius" in s else "")
                         + (f", {s['generations']} generations, {s['lps']} LPs in {s['seconds']} s"
                            if "piece_dimension" in s else "")
                         + (f"  ({s['reason']})" if s.get("reason") else ""))
            if "certified_pieces" in s:
                cp = s["certified_pieces"]
                what = "image" if name == "unstable" else "preimage"
                lines.append(f"             {len(cp['pieces'])} exact {what} pieces: {cp['verdict']} by the kernel"
                             + (f" ({cp['certificate']})" if cp["certificate"] else "")
                             + (f": {cp['reason']}" if cp.get("reason") else ""))
            if "local_verdict" in s:
                lines.append(f"             local segments: {s['local_verdict']} by the kernel ({s['local_certificate']})"
                             + (f": {s['local_reason']}" if s.get("local_reason") else ""))
        signs = ", ".join(f"{''.join(map(str, d['region']))}:{'+' if d['sign'] > 0 else '-' if d['sign'] < 0 else '0'}"
                          for d in o["determinant_signs"])
        if len(o["determinant_signs"]) > 16:        # many regions (pieces of dimension >= 2): counts only
            n = [sum(d["sign"] == v for d in o["determinant_signs"]) for v in (1, -1, 0)]
            signs = f"{len(o['determinant_signs'])} regions, {n[0]} with det > 0, {n[1]} < 0, {n[2]} singular"
        lines.append(f"    det M_d of visited regions: {signs}  (invertible where visited: {o['invertible_where_visited']})")
        for name, ds in o["delta_sigma"].items():
            if ds:
                lines.append(f"    delta_sigma ({name}): median {ds['median']:.3g}, max {ds['max']:.3g} over {ds['samples']} samples")
        lines.append(f"    verdict {o['verdict']}: {o['reason']}")
    if "figure" in doc:
        lines.append(f"figure: {doc['figure']}")
    lines.append(f"cycle certificates in {out}/")
    return "\n".join(lines)


def _frac(s):
    from fractions import Fraction
    return Fraction(s)


def basins(args) -> int:
    from .cli import emit
    from .manifolds import compute_basins
    from .search.basins import DIVERGES, UNDECIDED

    model, out = _setup(args)
    if not 2 <= args.grid <= 4000:
        raise UsageError(f"--grid must be between 2 and 4000, got {args.grid}")
    if args.box is not None and (args.box[0] >= args.box[1] or args.box[2] >= args.box[3]):
        raise UsageError("--box X0 X1 Y0 Y1 needs X0 < X1 and Y0 < Y1")
    if not 1 <= args.steps <= 10 ** 6:
        raise UsageError("--steps must be between 1 and 10^6")
    t0 = time.perf_counter()
    if not 0 <= args.certify_pieces <= 100:
        raise UsageError(f"--certify-pieces must be between 0 and 100, got {args.certify_pieces}")
    rep = compute_basins(model, args.grid, args.box, args.max_period, args.steps,
                         with_manifolds=not args.no_manifolds, progress=not args.quiet,
                         certify_pieces=args.certify_pieces if model.dim == 2 else 0)
    names = {DIVERGES: "diverges", UNDECIDED: "unknown"}
    from .reports.serialize import _orbit_json
    doc = {"model": model.summary(), "attractors": [_orbit_json(c, {}) for c in rep.attractors],
           "saddles": len(rep.saddles), "labelling": "numerical (float64 orbits, capture ellipsoids); not certified"}
    if rep.labels is not None:
        import numpy as np
        vals, counts = np.unique(rep.labels, return_counts=True)
        doc["grid"] = {"n": args.grid, "box": [float(x) for x in rep.box],
                       "fractions": {names.get(int(v), str(int(v))): round(int(c) / rep.labels.size, 6)
                                     for v, c in zip(vals, counts)}}
    along = [min([bp["distance_from"] for s in rep.segments if s["from"] == a for bp in s["boundary"]]
                 + [bp["distance_to"] for s in rep.segments if s["to"] == a for bp in s["boundary"]], default=None)
             for a in range(len(rep.attractors))]
    doc["boundary"] = {**rep.boundary_distance, "attractor_distance_to_stable_manifold": rep.attractor_distance,
                       "attractor_distance_to_boundary_along_segments": along}
    doc["segments"] = [{"from": s["from"], "to": s["to"], "switches": len(s["switches"]),
                        "boundary_points": [{"point": bp["point"].tolist(), "distance_from": bp["distance_from"],
                                             "distance_to": bp["distance_to"],
                                             "saddle": bp.get("saddle"), "saddle_approach": bp.get("saddle_approach")}
                                            for bp in s["boundary"][:20]]} for s in rep.segments]
    if not args.no_plot:
        from .reports.manifold_figures import phase_portrait, segment_figure
        if rep.labels is not None:
            doc["figure"] = str(phase_portrait(model, out / "basins.png", basins=rep))
        if rep.segments:
            doc["segment_figure"] = str(segment_figure(rep, out / "basin-segments.png"))
    doc["seconds"] = {**{k: round(v, 4) for k, v in rep.seconds.items()}, "total": round(time.perf_counter() - t0, 4)}
    emit(args, doc, _basins_text(doc))
    return 0


def _basins_text(doc) -> str:
    lines = [(f"{doc['model']['name'] or 'model'}: {len(doc['attractors'])} certified attractor(s), "
              f"{doc['saddles']} saddle cycle(s); labels are {doc['labelling']}")]
    if "grid" in doc:
        g = doc["grid"]
        lines.append(f"grid {g['n']}x{g['n']} on {g['box']}: " + ", ".join(f"{k} {v:.3f}" for k, v in g["fractions"].items()))
    b = doc["boundary"]
    if "cells" in b:
        lines.append(f"boundary cells {b['cells']}: {b['within_one_cell']} within one cell of a stable piece "
                     f"(farthest {b['max_cells']:.2f} cells)")
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
            near = (f"; its orbit comes within {bp['saddle_approach']:.1e} of saddle point {bp['saddle']}"
                    if bp["saddle"] is not None else "")
            lines.append(f"    boundary point at distance {bp['distance_from']:.4f} from {s['from']}, "
                         f"{bp['distance_to']:.4f} from {s['to']}{near}")
    for k in ("figure", "segment_figure"):
        if k in doc:
            lines.append(f"{k.replace('_', ' ')}: {doc[k]}")
    return "\n".join(lines)


def _axes(text, model):
    if model.dim <= 2:
        return (0, model.dim - 1)
    if text == "pca":
        return "pca"
    try:
        i, j = (int(x) for x in text.split(","))
    except ValueError:
        raise UsageError(f"--axes must be I,J or pca, got {text!r}") from None
    if not (0 <= i < model.dim and 0 <= j < model.dim):
        raise UsageError(f"--axes: indices must be in 0..{model.dim - 1}")
    return (i, j)


def _int(text, what):
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"{what} must be an integer or 'all', got {text!r}") from None


__all__ = ["COMMANDS", "add_parsers", "basins", "manifolds"]
