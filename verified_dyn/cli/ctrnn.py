"""The commands for continuous-time RNNs: ``invariants``, ``simulate`` and ``reproduce`` (INTERFACE §2).

``add_parsers(sub, add)`` registers them with the main parser; ``cli.main`` dispatches the names in
``COMMANDS`` here. Heavy imports (sympy, numba, matplotlib) happen inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import api
from ..errors import UsageError
from ..reports.tables import invariants_text
from .output import emit, out_dir

COMMANDS = ("invariants", "simulate", "reproduce")
PAPERS = ("casoni2025",)

EPILOG_INVARIANTS = """\
what it does:
  For dx/dt = W s(x) + b (or s(W x) + b) it certifies, each with a certificate re-checked by the
  independent kernel: W skew-symmetric (or its exact symmetric part), the conserved quantity
  G(x) = sum g(x_i) with g' = s, Casimirs u^T x, volume preservation, the equilibria, bounded
  orbits (or an escaping orbit), and in 2-D periodic orbits with a rigorous enclosure of the period.
  PROVED = the kernel verified the certificate; REFUTED = it verified a certificate of the negation;
  INCONCLUSIVE = neither (the reason says why, including what sympy found but the kernel did not check).

examples:
  verified-dyn invariants skew_tanh_2d                      tanh: everything PROVED, period from (1, 0)
  verified-dyn invariants skew_gauss_2d                     x exp(-x^2): an orbit escapes (REFUTED)
  verified-dyn invariants skew_tanh_2d --amplitude 1/2 --amplitude 10 --json
  verified-dyn invariants my_net.json --out certs/          a model file of kind "ctrnn"
  verified-dyn verify verified-dyn-out/skew_tanh_2d/period-A1.json"""

EPILOG_SIMULATE = """\
what it does:
  Integrates the model with floats (untrusted numerics) and reports how the conserved quantity G
  drifts: the average-vector-field method (avf) keeps it to round-off, rk4 to its order, the implicit
  midpoint rule nearly, forward Euler increases it at every step. For forward Euler on a skew network
  with a bounded nondecreasing activation it also prints the kernel-checked bound
  G(x_k) <= G(x_0) + k C. Writes a figure (phase portrait and G - G(x0) over time).

examples:
  verified-dyn simulate skew_tanh_2d --method avf --h 0.1 --t 1000
  verified-dyn simulate skew_tanh_2d --method euler --h 0.1 --t 2000       (G grows to about 18.67)
  verified-dyn simulate skew_gauss_2d --method rk4 --h 0.01 --t 5000 --x0 1.5,1.5   (escapes)
  verified-dyn simulate my_net.json --method rk4 --h 0.05 --t 200 --json --out sim/"""

EPILOG_REPRODUCE = """\
papers:
  casoni2025   Casoni, Guidi, Betti, Melacci, Gori, "Generative System Dynamics in Recurrent Neural
               Networks" (IJCNN 2025): skew-symmetric tanh networks oscillate forever; what is proved,
               what is only observed, and where "odd, bounded, continuous" is not enough.

examples:
  verified-dyn reproduce casoni2025 --out reports/casoni2025
  verified-dyn reproduce casoni2025 --out reports/casoni2025 --proofs proofs/casoni2025"""


def add_parsers(sub, add) -> None:
    """Register invariants, simulate and reproduce on the main parser's subparsers."""
    sp = add("invariants", "certify the invariants of a continuous-time RNN (ctrnn)", EPILOG_INVARIANTS)
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file (kind ctrnn)")
    sp.add_argument(
        "--amplitude",
        action="append",
        metavar="A",
        help="2-D: enclose the period of the orbit through (A, 0); repeat for several (default 1)",
    )
    sp.add_argument(
        "--escape-from",
        metavar="X,Y",
        help="2-D: the point whose orbit should escape (default: a diagonal point (c, c) found automatically)",
    )
    sp.add_argument("--out", type=Path, metavar="DIR", help="where certificates go (default verified-dyn-out/<model>/)")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")

    sp = add("simulate", "integrate a ctrnn with floats and report the drift of G", EPILOG_SIMULATE)
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file (kind ctrnn)")
    sp.add_argument(
        "--method", choices=("avf", "rk4", "midpoint", "euler"), default="avf", help="integrator (default avf)"
    )
    sp.add_argument("--h", default="0.1", help='step size, exact ("0.1" is 1/10; default 0.1)')
    sp.add_argument("--t", default="100", help="final time (default 100)")
    sp.add_argument("--x0", metavar="X1,X2,...", help="initial point (default (1, 0, ..., 0))")
    sp.add_argument("--out", type=Path, metavar="DIR", help="where the figure goes (default verified-dyn-out/<model>/)")
    sp.add_argument("--no-plot", action="store_true", help="skip the figure")

    sp = add("reproduce", "reproduce a paper's claims as a report with certificates", EPILOG_REPRODUCE)
    sp.add_argument("paper", metavar="NAME", choices=PAPERS, help="one of: " + ", ".join(PAPERS))
    sp.add_argument("--out", type=Path, metavar="DIR", help="report directory (default verified-dyn-out/<NAME>/)")
    sp.add_argument("--proofs", type=Path, metavar="DIR", help="also copy the certificates there")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")


def _point(text: str | None, n: int, what: str) -> list[str] | None:
    """A comma-separated point of n numbers (exact strings; the API reads them exactly)."""
    if text is None:
        return None
    parts = text.split(",")
    if len(parts) != n:
        raise UsageError(f"{what}: expected {n} comma-separated numbers, got {len(parts)}")
    return parts


def _say(args):
    if getattr(args, "quiet", False):
        return lambda _m: None
    return lambda m: print(f"  {m}", file=sys.stderr, flush=True)


def invariants(args) -> int:
    doc = api.invariants(
        args.model,
        amplitudes=args.amplitude or ["1"],
        escape_from=_point(args.escape_from, 2, "--escape-from"),
        out=out_dir(args, args.model),
        progress=_say(args),
    ).to_json()
    emit(args, doc, invariants_text(api.load_ctrnn_model(args.model), doc))
    return 0


def simulate(args) -> int:
    model = api.load_ctrnn_model(args.model)
    doc = api.simulate(
        model,
        method=args.method,
        h=args.h,
        t=args.t,
        x0=_point(args.x0, model.dim, "--x0"),
        out=out_dir(args, args.model),
        plot=not args.no_plot,
    ).to_json()
    text = doc.pop("text")
    emit(args, doc, text)
    return 0


def reproduce(args) -> int:
    doc = api.reproduce(args.paper, args.out, args.proofs, _say(args)).to_json()
    emit(
        args,
        doc,
        f"wrote {doc['report_md']} and {doc['report_html']} ({doc['figures']} figures, "
        f"{doc['certificates']} certificates re-checked by the kernel)",
    )
    return 0
