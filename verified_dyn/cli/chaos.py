"""The command ``chaos`` (INTERFACE §2 `chaos`): chaos PROVED, REFUTED or INCONCLUSIVE, each from a
kernel-checked certificate.

``add_parsers(sub, add)`` registers it with the main parser; ``cli.main`` dispatches the names in
``COMMANDS`` here. The theorems are tried by :func:`verified_dyn.pipelines.chaos.certify_chaos`; PROVED / REFUTED
only when the independent kernel verified the certificate.
"""

from __future__ import annotations

import time
from pathlib import Path

from .. import api
from ..reports.tables import chaos_text
from .output import emit, out_dir

COMMANDS = ("chaos",)

EPILOG_CHAOS = """\
what it does:
  Tries each theorem of MATH §4 in turn; only a certificate the independent kernel verifies counts.
  1. contraction (proof of NON-chaos): a weighted max-norm in which F is a global contraction
     (|F(x) - F(y)| <= B |x - y| entrywise, B s <= kappa s, kappa < 1). Verdict REFUTED: one globally
     attracting fixed point, no chaos.
  2. transversal-homoclinic (M = 2): the saddle fixed points (all regions, kernel-verified), their
     certified local manifolds and exact image / preimage pieces of --iterations generations; an
     unstable and a stable piece that cross properly, shortened around the crossing. The kernel checks
     the saddle, the eigen-directions, both pieces, the proper crossing beyond the enclosures, and that
     the orbit of the crossing box stays in open regions with det != 0 (Smale-Birkhoff): PROVED.
  3. snap-back-repeller (any M): a repelling fixed point, a P-norm that F expands on a ball inside its
     region, and an exact preimage orbit from the ball back onto it (Marotto: Li-Yorke chaos).
  4. horseshoe (any M): disjoint boxes with covering relations under F^n; the kernel checks every vertex
     exactly and a Collatz-Wielandt vector: entropy_lower_bound = "log(r)/n".
  Nothing proved: INCONCLUSIVE, with the reason of every theorem tried. Certificates go to --out.

examples:
  verified-dyn chaos gardini_fig5
  verified-dyn chaos lozi --json --out out/
  verified-dyn chaos tent:slope=2
  verified-dyn chaos scyfi_singlestable --trial 0"""


def add_parsers(sub, add) -> None:
    """Register chaos on the main parser's subparsers."""
    sp = add(
        "chaos",
        "certify chaos (homoclinic point, snap-back repeller, horseshoe) or its absence (contraction)",
        EPILOG_CHAOS,
    )
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file")
    sp.add_argument("--trial", type=int, metavar="N", help="which model of a SCYFI .mat file")
    sp.add_argument(
        "--iterations",
        type=int,
        default=8,
        metavar="N",
        help="generations of certified image / preimage pieces (default 8)",
    )
    sp.add_argument(
        "--max-candidates", type=int, default=50, metavar="N", help="crossings to try with the kernel (default 50)"
    )
    sp.add_argument(
        "--out", type=Path, metavar="DIR", help="where the certificate goes (default verified-dyn-out/<model>/)"
    )
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")


def chaos(args) -> int:
    t0 = time.perf_counter()
    res = api.chaos(
        args.model,
        iterations=args.iterations,
        max_candidates=args.max_candidates,
        out=out_dir(args, args.model),
        progress=not args.quiet,
        trial=args.trial,
    )
    doc = res.to_json()
    doc["seconds"] = round(time.perf_counter() - t0, 3)
    emit(args, doc, chaos_text(doc))
    return 0
