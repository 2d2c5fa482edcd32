"""``verified-dyn invariants``: every claim of INTERFACE §2 "invariants" about a ctrnn model.

Each claim's verdict comes from the kernel: PROVED when the kernel verified its certificate, REFUTED
when it verified a certificate of the negation (W has a nonzero symmetric part; an orbit escapes),
INCONCLUSIVE otherwise, with the reason (including sympy's symbolic findings, labelled as such).
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

from ..certify import ctrnn_planar as planar
from ..certify import ctrnn_structure as structure
from ..certify.ctrnn_symbolic import activation_facts
from ..models.ctrnn import CTRNNModel
from ..rationals import fmt
from .settle import Settled, settle

NOT_KERNEL = "not re-checked by the kernel"


def _entry(r: Settled, **extra) -> dict:
    if r.proved:
        return {"verdict": "PROVED", "statement": r.statement, "certificate": r.path, **extra}
    return {"verdict": "INCONCLUSIVE", "reason": r.reason, **extra}


def _point(x) -> str:
    return "(" + ", ".join(fmt(v) for v in x) + ")"


def skew_and_conserved(m: CTRNNModel, out: Path) -> tuple[dict, dict]:
    att = structure.certify_skew(m)
    r = settle(att, out, "skew")
    if r.proved and r.claim["type"] == "ctrnn-skew-symmetric":
        skew = _entry(r)
    elif r.proved:
        i, j = next((i, j) for i, row in enumerate(r.claim["S"]) for j, x in enumerate(row) if x != "0")
        skew = {
            "verdict": "REFUTED",
            "certificate": r.path,
            "symmetric_part": r.claim["S"],
            "reason": f"W is not skew-symmetric: its symmetric part S = (W + W^T)/2 has S[{i}][{j}] = "
            f"{r.claim['S'][i][j]} != 0, and dG/dt = s(x)^T S s(x) for G = sum g(x_i)",
        }
    else:
        skew = _entry(r)
    catt = structure.certify_conserved(m)
    c = settle(catt, out, "conserved")
    info = {k: v for k, v in catt.info.items() if v is not None}
    if c.proved:
        return skew, _entry(c, **info)
    if r.proved and r.claim.get("G_not_conserved"):
        return skew, {
            "verdict": "REFUTED",
            "certificate": r.path,
            **info,
            "reason": "G = sum g(x_i) is not conserved: W has a nonzero symmetric part S and t s(t) > 0, "
            "so dG/dt = s(x)^T S s(x) + s(x)^T b is nonzero at points near the origin",
        }
    reason = c.reason
    symbolic = info.get("symbolic_check", "")
    if catt.certificates and symbolic.endswith(": 0 (sympy)"):
        reason = f"symbolic proof by sympy (dH/dt expands to 0); {NOT_KERNEL}: {c.reason}"
    return skew, {"verdict": "INCONCLUSIVE", "reason": reason, **info}


def orbits(m: CTRNNModel, out: Path, amplitudes, escape_from=None, progress=print) -> tuple[dict, dict]:
    """bounded_orbits and periodic_orbits (with period enclosures in 2-D)."""
    facts = activation_facts(m)
    planar_model = planar.planar_w(m) is not None
    escape = None
    if planar_model and facts.gamma is not None and facts.odd:
        x0 = [Fraction(x) for x in escape_from] if escape_from else planar.escape_candidate(m)
        if x0 is not None:
            e = settle(planar.certify_escape(m, x0), out, "escape")
            if e.proved:
                G0 = sum(float(planar.functions(m, "float")[1](float(x))) for x in x0)
                escape = {
                    "verdict": "REFUTED",
                    "certificate": e.path,
                    "witness_x0": [fmt(x) for x in x0],
                    "reason": f"the orbit from {_point(x0)} is unbounded: G(x0) = {G0:.4f} exceeds "
                    f"{facts.integral_plus}, the supremum of each g(x_i), so neither coordinate "
                    f"can ever reach 0; both are then monotone and the orbit escapes to infinity",
                }
    if escape is not None:
        bounded = escape
    else:
        batt = structure.certify_bounded(m)
        bounded = _entry(settle(batt, out, "bounded"))
        if bounded["verdict"] != "PROVED" and facts.coercive and batt.certificates:
            bounded["reason"] = (
                f"sympy: t s(t) > 0 and both integrals diverge, so G is coercive; {NOT_KERNEL}: {bounded['reason']}"
            )
    if not planar_model:
        reason = "periodicity is certified for planar skew models dx/dt = w J s(x) (b = 0) only"
        if m.dim >= 3:
            reason += "; for n >= 3 bounded motion is often not periodic (see reproduce casoni2025)"
        return bounded, {"verdict": "INCONCLUSIVE", "reason": reason}
    periods, through = [], []
    for A in amplitudes:
        A = Fraction(A)
        if facts.gamma is not None:
            att = planar.certify_periodic(m, [A, Fraction(0)])
            through.append({"x0": [fmt(A), "0"], **_entry(settle(att, out, f"periodic-A{fmt(A).replace('/', '_')}"))})
        progress(f"period enclosure from ({fmt(A)}, 0)")
        r = settle(planar.certify_period(m, A), out, f"period-A{fmt(A).replace('/', '_')}")
        entry = _entry(r, x0=[fmt(A), "0"])
        if r.proved:
            entry["enclosure"] = r.claim["period"]
            entry["enclosure_float"] = [float(Fraction(x)) for x in r.claim["period"]]
        periods.append(entry)
    if escape is not None:
        periodic = {
            "verdict": "REFUTED",
            "certificate": escape["certificate"],
            "reason": f"not every orbit is periodic: the orbit from {_point(escape['witness_x0'])} is unbounded",
            "orbits": through,
        }
    elif facts.gamma is None:
        periodic = _entry(settle(planar.certify_periodic(m), out, "periodic"))
    else:
        periodic = {
            "verdict": "INCONCLUSIVE",
            "reason": "g is bounded; only orbits below its bound are closed",
            "orbits": through,
        }
    periodic["periods"] = periods
    return bounded, periodic


def run_invariants(m: CTRNNModel, out: Path, amplitudes=("1",), escape_from=None, progress=None) -> dict:
    """All claims about ``m`` with their verdicts; certificates written to ``out``."""
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    facts = activation_facts(m)
    say("skew-symmetry and the conserved quantity")
    skew, conserved = skew_and_conserved(m, out)
    say("Casimirs, volume, equilibria")
    cas = structure.certify_casimirs(m)
    casimirs = _entry(settle(cas, out, "casimirs"), **cas.info)
    volume = _entry(settle(structure.certify_volume(m), out, "volume"))
    eq = structure.certify_equilibria(m)
    equilibria = _entry(settle(eq, out, "equilibria"), **eq.info)
    say("bounded and periodic orbits")
    bounded, periodic = orbits(m, out, amplitudes, escape_from, say)
    return {
        "model": {**m.summary(), "hash": m.hash},
        "activation": {
            "source": "sympy (not kernel-checked)",
            "formula": facts.formula,
            "g": facts.g,
            "odd": facts.odd,
            "zeros": facts.zeros,
            "sign_condition": facts.sign,
            "integral_plus": facts.integral_plus,
            "integral_minus": facts.integral_minus,
        },
        "claims": {
            "skew_symmetric": skew,
            "conserved_quantity": conserved,
            "casimirs": casimirs,
            "volume_preserving": volume,
            "equilibria": equilibria,
            "bounded_orbits": bounded,
            "periodic_orbits": periodic,
        },
        "out": str(out),
        "seconds": round(time.perf_counter() - t0, 3),
    }
