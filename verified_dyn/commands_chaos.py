"""The command ``chaos`` (INTERFACE §2 `chaos`): a kernel-checked transversal homoclinic point.

``add_parsers(sub, add)`` registers it with the main parser; ``cli.main`` dispatches the names in
``COMMANDS`` here. PROVED only when the independent kernel verified a `transversal-homoclinic-2d`
certificate (Smale-Birkhoff, MATH §4); otherwise INCONCLUSIVE with the reason. REFUTED is reserved for
proofs of non-chaos, which this command does not attempt.
"""
from __future__ import annotations

import time
from pathlib import Path

from .errors import UsageError

COMMANDS = ("chaos",)

EPILOG_CHAOS = """\
what it does:
  For a planar piecewise-linear map: finds the saddle fixed points (all regions, kernel-verified),
  certifies their local stable and unstable manifolds and the exact image / preimage pieces of the
  first --iterations generations, looks for an unstable piece and a stable piece that cross, shortens
  both around the crossing and writes a `transversal-homoclinic-2d` certificate. The kernel checks:
  the saddle, both eigen-directions, both pieces (within eps of the true manifold segments), a proper
  crossing beyond the eps-enclosures (exact rationals), and that the orbit of the crossing box stays in
  open regions with det != 0. Then, by Smale-Birkhoff, some iterate has a horseshoe: PROVED.
  No crossing found or nothing the kernel accepts: INCONCLUSIVE (never a proof of non-chaos).

examples:
  verified-dyn chaos gardini_fig5
  verified-dyn chaos lozi --json --out out/"""


def add_parsers(sub, add) -> None:
    """Register chaos on the main parser's subparsers."""
    sp = add("chaos", "certify chaos: a transversal homoclinic point of a saddle fixed point (2-D)", EPILOG_CHAOS)
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file")
    sp.add_argument("--trial", type=int, metavar="N", help="which model of a SCYFI .mat file")
    sp.add_argument("--iterations", type=int, default=8, metavar="N",
                    help="generations of certified image / preimage pieces (default 8)")
    sp.add_argument("--max-candidates", type=int, default=50, metavar="N",
                    help="crossings to try with the kernel (default 50)")
    sp.add_argument("--out", type=Path, metavar="DIR", help="where the certificate goes "
                    "(default verified-dyn-out/<model>/)")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")


def chaos(args) -> int:
    from .cli import emit
    from .commands import _pl_model, _safe

    if not 0 <= args.iterations <= 50:
        raise UsageError(f"--iterations must be between 0 and 50, got {args.iterations}")
    if not 1 <= args.max_candidates <= 10_000:
        raise UsageError(f"--max-candidates must be between 1 and 10000, got {args.max_candidates}")
    model = _pl_model(args.model, args.trial)
    label = (Path(args.model).stem if Path(args.model).exists() else args.model)
    label += f"-trial{args.trial}" if args.trial is not None else ""
    out = args.out or Path("verified-dyn-out") / _safe(label)
    t0 = time.perf_counter()
    from .chaos import certify_chaos

    result, _ = certify_chaos(model, args.iterations, args.max_candidates, out, progress=not args.quiet)
    doc = {"model": model.summary(), **result}
    doc["seconds"] = round(time.perf_counter() - t0, 3)
    emit(args, doc, _text(doc))
    return 0


def _text(doc: dict) -> str:
    name = doc["model"].get("name") or "model"
    if doc["verdict"] != "PROVED":
        return f"{name}: chaos {doc['verdict']}: {doc['reason']}"
    p, q = doc["fixed_point"], doc["homoclinic_point"]
    return (f"{name}: chaos PROVED (theorem {doc['theorem']}, Smale-Birkhoff)\n"
            f"  saddle fixed point ({p[0]:.6f}, {p[1]:.6f}); transversal homoclinic point about "
            f"({q[0]:.6f}, {q[1]:.6f})\n"
            f"  unstable piece: generation {doc['generations']['unstable']}, stable piece: generation "
            f"{doc['generations']['stable']}\n"
            f"  kernel obligations: {', '.join(doc['obligations'])}\n"
            f"  certificate: {doc['certificate']}\n  entropy lower bound: not computed")
