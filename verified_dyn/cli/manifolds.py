"""The commands ``manifolds`` and ``basins`` (INTERFACE §2).

``add_parsers(sub, add)`` registers them with the main parser; ``cli.main`` dispatches the names in
``COMMANDS`` here. Heavy imports (numba, matplotlib) happen inside the commands.
"""

from __future__ import annotations

import time
from pathlib import Path

from .. import api
from ..errors import UsageError
from ..reports.manifolds import basins_text, manifolds_text
from .output import emit, out_dir

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
    sp.add_argument(
        "--box",
        type=float,
        nargs="+",
        metavar="X",
        help="growth box x0 x1 y0 y1 ... (default 10 times the picture box)",
    )
    sp.add_argument(
        "--certify-pieces",
        type=int,
        default=8,
        metavar="N",
        help="certify the pieces of N generations exactly: images (unstable), preimages (stable); 0: none; default 8",
    )
    sp.add_argument(
        "--nd-iterations",
        type=int,
        default=3,
        metavar="N",
        help="manifolds of dimension >= 2: generations of float pieces (0: do not grow; default 3)",
    )
    sp.add_argument(
        "--nd-max-pieces",
        type=int,
        default=500,
        metavar="N",
        help="manifolds of dimension >= 2: stop beyond N pieces per side (default 500; each costs LPs)",
    )
    sp.add_argument(
        "--axes",
        default="0,1",
        metavar="I,J|pca",
        help="projection of the figure when M > 2: two coordinate indices or pca (default 0,1)",
    )

    sp = add("basins", "basins of attraction of the certified attractors and their boundaries", EPILOG_BASINS)
    _common(sp)
    sp.add_argument("--grid", type=int, default=300, metavar="N", help="N x N grid (2-D models, default 300)")
    sp.add_argument("--box", type=float, nargs=4, metavar=("X0", "X1", "Y0", "Y1"), help="grid box (2-D)")
    sp.add_argument("--steps", type=int, default=1000, metavar="N", help="iterations per initial condition")
    sp.add_argument("--no-manifolds", action="store_true", help="skip the stable manifolds")
    sp.add_argument(
        "--certify-pieces",
        type=int,
        default=8,
        metavar="N",
        help="2-D: also certify the stable pieces of N generations and compare the boundary "
        "with them (0: none; default 8)",
    )


def _common(sp) -> None:
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file")
    sp.add_argument("--trial", type=int, metavar="N", help="which model of a SCYFI .mat file")
    sp.add_argument("--max-period", type=int, default=6, metavar="K", help="cycles up to period K (default 6)")
    sp.add_argument(
        "--out", type=Path, metavar="DIR", help="figures and certificates (default verified-dyn-out/<model>/)"
    )
    sp.add_argument("--no-plot", action="store_true", help="skip the figure")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")


def manifolds(args) -> int:
    out = out_dir(args, args.model)
    t0 = time.perf_counter()
    of = None if args.of == "all" else _int(args.of, "--of")
    res = api.manifolds(
        args.model,
        max_period=args.max_period,
        of=of,
        iterations=args.iterations,
        box=args.box,
        max_pieces=args.max_pieces,
        certify_pieces=args.certify_pieces,
        nd_iterations=args.nd_iterations,
        nd_max_pieces=args.nd_max_pieces,
        out=out,
        progress=not args.quiet,
        trial=args.trial,
    )
    doc, rep = res.to_json(), res.report
    if not args.no_plot:
        from ..reports.manifold_figures import phase_portrait

        doc["figure"] = str(
            phase_portrait(
                rep.model, out / "manifolds.png", manifolds=rep, axes=_axes(args.axes, rep.model), plot_box=rep.plot_box
            )
        )
    doc["seconds"]["total"] = round(time.perf_counter() - t0, 4)
    emit(args, doc, manifolds_text(doc, out))
    return 0


def basins(args) -> int:
    out = out_dir(args, args.model)
    t0 = time.perf_counter()
    res = api.basins(
        args.model,
        grid=args.grid,
        box=args.box,
        max_period=args.max_period,
        steps=args.steps,
        with_manifolds=not args.no_manifolds,
        certify_pieces=args.certify_pieces,
        progress=not args.quiet,
        trial=args.trial,
    )
    doc, rep = res.to_json(), res.report
    if not args.no_plot:
        from ..reports.manifold_figures import phase_portrait, segment_figure

        if rep.labels is not None:
            doc["figure"] = str(phase_portrait(rep.model, out / "basins.png", basins=rep))
        if rep.segments:
            doc["segment_figure"] = str(segment_figure(rep, out / "basin-segments.png"))
    doc["seconds"]["total"] = round(time.perf_counter() - t0, 4)
    emit(args, doc, basins_text(doc))
    return 0


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
