"""The commands for continuous-time RNNs: ``invariants``, ``simulate`` and ``reproduce`` (INTERFACE §2).

``add_parsers(sub, add)`` registers them with the main parser; ``cli.main`` dispatches the names in
``COMMANDS`` here. Heavy imports (sympy, numba, matplotlib) happen inside the commands.
"""
from __future__ import annotations

import re
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

from .errors import ModelError, UsageError

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
    sp.add_argument("--amplitude", action="append", metavar="A",
                    help="2-D: enclose the period of the orbit through (A, 0); repeat for several (default 1)")
    sp.add_argument("--escape-from", metavar="X,Y", help="2-D: the point whose orbit should escape "
                                                          "(default: a diagonal point (c, c) found automatically)")
    sp.add_argument("--out", type=Path, metavar="DIR", help="where certificates go (default verified-dyn-out/<model>/)")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")

    sp = add("simulate", "integrate a ctrnn with floats and report the drift of G", EPILOG_SIMULATE)
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file (kind ctrnn)")
    sp.add_argument("--method", choices=("avf", "rk4", "midpoint", "euler"), default="avf",
                    help="integrator (default avf)")
    sp.add_argument("--h", default="0.1", help="step size, exact (\"0.1\" is 1/10; default 0.1)")
    sp.add_argument("--t", default="100", help="final time (default 100)")
    sp.add_argument("--x0", metavar="X1,X2,...", help="initial point (default (1, 0, ..., 0))")
    sp.add_argument("--out", type=Path, metavar="DIR", help="where the figure goes (default verified-dyn-out/<model>/)")
    sp.add_argument("--no-plot", action="store_true", help="skip the figure")

    sp = add("reproduce", "reproduce a paper's claims as a report with certificates", EPILOG_REPRODUCE)
    sp.add_argument("paper", metavar="NAME", choices=PAPERS, help="one of: " + ", ".join(PAPERS))
    sp.add_argument("--out", type=Path, metavar="DIR", help="report directory (default verified-dyn-out/<NAME>/)")
    sp.add_argument("--proofs", type=Path, metavar="DIR", help="also copy the certificates there")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")


def _ctrnn(spec: str):
    from .models import CTRNNModel, load_model

    model = load_model(spec)
    if not isinstance(model, CTRNNModel):
        raise ModelError(f"this command needs a continuous-time model (kind ctrnn), got kind {model.kind!r}", spec)
    return model


def _label(spec: str) -> str:
    name = Path(spec).stem if Path(spec).exists() else spec
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", name).strip("_") or "model"


def _rational(text: str, what: str) -> Fraction:
    from .rationals import to_fraction

    try:
        return to_fraction(text.strip())
    except ValueError as e:
        raise UsageError(f"{what}: {e}") from None


def _point(text: str | None, n: int, what: str) -> list[Fraction] | None:
    if text is None:
        return None
    parts = text.split(",")
    if len(parts) != n:
        raise UsageError(f"{what}: expected {n} comma-separated numbers, got {len(parts)}")
    return [_rational(p, what) for p in parts]


def _say(args):
    if getattr(args, "quiet", False):
        return lambda _m: None
    return lambda m: print(f"  {m}", file=sys.stderr, flush=True)


def invariants(args) -> int:
    from .cli import emit
    from .ctrnn.invariants import run_invariants

    model = _ctrnn(args.model)
    amplitudes = [_rational(a, "--amplitude") for a in (args.amplitude or ["1"])]
    if any(a <= 0 or a > 100 for a in amplitudes):
        raise UsageError("--amplitude must be in (0, 100]")
    escape = _point(args.escape_from, 2, "--escape-from")
    if escape is not None and model.dim != 2:
        raise UsageError("--escape-from is for 2-D models")
    out = args.out or Path("verified-dyn-out") / _label(args.model)
    doc = run_invariants(model, out, amplitudes, escape, _say(args))
    emit(args, doc, invariants_text(model, doc))
    return 0


def _wrap(text: str, indent: int) -> str:
    return textwrap.fill(text, 100, initial_indent="", subsequent_indent=" " * indent)


def invariants_text(model, doc: dict) -> str:
    """The human table: one line per claim, its verdict and the statement or the reason."""
    a = doc["activation"]
    lines = [f"{model.name or 'model'}  (ctrnn, n = {model.dim}, dx/dt = {model.form.replace('*', ' ')}"
             f"{' + b' if any(model.b) else ''}, s(x) = {a['formula']}, {model.hash[:19]}...)", "",
             f"{'claim':<20} {'verdict':<13} statement (PROVED) or reason"]
    for name, c in doc["claims"].items():
        why = c.get("statement") if c["verdict"] == "PROVED" else c.get("reason")
        lines.append(_wrap(f"{name:<20} {c['verdict']:<13} {why}", 35))
        for o in c.get("orbits", []):
            lines.append(_wrap(f"  {'orbit':<18} {o['verdict']:<13} {o.get('statement') or o.get('reason')}", 35))
        for p in c.get("periods", []):
            lines.append(_wrap(f"  {'period':<18} {p['verdict']:<13} {p.get('statement') or p.get('reason')}", 35))
    lines += ["", "sympy (not kernel-checked): g(x) = " + str(a["g"]) + f", s odd: {a['odd']}, zeros: {a['zeros']}, "
              f"t s(t) > 0: {a['sign_condition']}, integral of s on (0, oo): {a['integral_plus']}",
              "PROVED: the independent kernel re-checked the certificate; REFUTED: it re-checked a certificate of",
              f"the negation. Certificates in {doc['out']}/ ({doc['seconds']:.1f} s)."]
    return "\n".join(lines)


def simulate(args) -> int:
    from .cli import emit
    from .ctrnn.simulate import run_simulation

    model = _ctrnn(args.model)
    h, t = _rational(args.h, "--h"), _rational(args.t, "--t")
    if not (0 < h <= 10) or not (0 < t <= 10 ** 7) or t / h > 5 * 10 ** 7:
        raise UsageError("need 0 < --h <= 10, 0 < --t <= 1e7 and at most 5e7 steps")
    x0 = _point(args.x0, model.dim, "--x0") or [Fraction(int(i == 0)) for i in range(model.dim)]
    out = args.out or Path("verified-dyn-out") / _label(args.model)
    doc, text = run_simulation(model, args.method, h, t, x0, out, plot=not args.no_plot)
    emit(args, doc, text)
    return 0


def reproduce(args) -> int:
    from .cli import emit
    from .ctrnn.reproduce import reproduce_casoni2025

    out = args.out or Path("verified-dyn-out") / args.paper
    doc = reproduce_casoni2025(out, args.proofs, _say(args))
    emit(args, doc, f"wrote {doc['report_md']} and {doc['report_html']} ({doc['figures']} figures, "
                    f"{doc['certificates']} certificates re-checked by the kernel)")
    return 0
