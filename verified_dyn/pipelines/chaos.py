"""Chaos verdicts end to end (MATH §4): every theorem is tried in turn, each proposes a certificate and
only the kernel's PROVED counts.

1. `contraction` (a proof of NON-chaos): a certified global contraction gives the verdict REFUTED and
   nothing else is tried;
2. `transversal-homoclinic` (planar maps): saddle fixed points (complete census), certified manifold
   pieces, a proper crossing proposed in floats, Smale-Birkhoff;
3. `snap-back-repeller` (any dimension): a repelling fixed point, an expanding norm on a ball inside its
   region and an exact preimage orbit from the ball back to it, Marotto (Li-Yorke chaos);
4. `horseshoe` (any dimension, one exit direction): covering relations of F^n between disjoint boxes,
   h_top(F) >= log(r)/n (Zgliczynski-Gidea; the `entropy_lower_bound` field).

The verdict is PROVED if some chaos theorem's certificate is kernel-proved (``theorem`` names the first;
``theorems_proved`` lists all), REFUTED if the contraction certificate is, INCONCLUSIVE otherwise with
the reasons of every attempt. ``attempts`` records each theorem's outcome for the report.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

from .. import gate
from .cycles import certified_cycles

THEOREM = "transversal-homoclinic"


def _keep(cert: dict, model, out: Path | None, name: str) -> tuple[bool, str | None, object]:
    """Through the gate: kernel-check ``cert`` in its serialized form and write it to out/name when
    valid. Returns (valid, path or None, the kernel's verdict)."""
    checked = gate.admit(cert, Path(out) / name if out else None, model.hash)
    return checked.valid, (str(checked.path) if checked.path else None), checked.verdict


def _fixed_points(model, progress):
    """The kernel-verified fixed points from the complete census of period 1 (computed once per run)."""
    return certified_cycles(model, period=1, strategy="complete", progress=progress)


def _contraction(model, out):
    from ..certify.contraction import contraction_certificate

    cert, summary = contraction_certificate(model)
    if cert is None:
        return {"theorem": "contraction", "verdict": "INCONCLUSIVE", "reason": summary}
    proved, path, verdict = _keep(cert, model, out, "non-chaos-contraction.json")
    if not proved:
        return {"theorem": "contraction", "verdict": "INCONCLUSIVE", "reason": f"kernel: {verdict.reason}"}
    return {
        "theorem": "contraction",
        "verdict": "PROVED",
        "certificate": path,
        "summary": (
            f"{summary}: F has exactly one fixed point, it attracts every orbit, and every "
            "compact invariant set is that point: no chaos"
        ),
    }


def _homoclinic(model, fixed, iterations, max_candidates, out, progress):
    """(attempt, extra doc fields, certificate or None) for the transversal-homoclinic theorem."""
    from .homoclinic import homoclinic_candidates

    attempt = {"theorem": THEOREM, "verdict": "INCONCLUSIVE"}
    if model.dim != 2:
        attempt["reason"] = (
            f"the model has dimension {model.dim}; transversal homoclinic points are "
            "certified for planar maps (M = 2) only"
        )
        return attempt, {}, None
    saddles = [c for c in fixed().cycles if c.counts.orbit_type == "saddle"]
    if not saddles:
        attempt["reason"] = "no interior hyperbolic saddle fixed point (all regions searched)"
        return attempt, {}, None
    if progress:
        print(
            f"chaos: {len(saddles)} saddle fixed point(s); certifying manifold pieces and crossings",
            file=sys.stderr,
            flush=True,
        )
    tried, first_reason = 0, None
    for cand in homoclinic_candidates(model, saddles, iterations, max_candidates=max_candidates):
        tried += 1
        proved, path, verdict = _keep(cand.certificate, model, out, "chaos-homoclinic.json")
        if proved:
            p, q = cand.fixed_point, cand.point
            attempt.update(
                verdict="PROVED",
                certificate=path,
                summary=(
                    f"the saddle fixed point ({', '.join(f'{x:.4f}' for x in p)}) has a transversal homoclinic "
                    f"point near ({', '.join(f'{x:.4f}' for x in q)}); so some iterate of F has an invariant set "
                    "on which it is (semi-)conjugate to the full 2-shift: positive topological entropy and "
                    "infinitely many periodic orbits"
                ),
            )
            extra = {
                "fixed_point": cand.fixed_point,
                "homoclinic_point": cand.point,
                "generations": {"unstable": cand.generations[0], "stable": cand.generations[1]},
                "obligations": [o["name"] for o in verdict.obligations],
            }
            return attempt, extra, cand.certificate
        first_reason = first_reason or verdict.reason
    if tried == 0:
        attempt["reason"] = (
            f"no proper crossing of the certified unstable and stable pieces of the "
            f"{len(saddles)} saddle fixed point(s) within {iterations} generations"
        )
    else:
        attempt["reason"] = (
            f"the kernel proved none of the {tried} candidate crossing(s) (enclosure too "
            f"wide or orbit near a switching line); first: {first_reason}"
        )
    return attempt, {}, None


def _snapback(model, fixed, out, progress):
    """The snap-back-repeller attempt; the fixed points come from the exact census of period 1."""
    from ..certify.snapback import snapback_certificate

    cert, summary = snapback_certificate(model, fixed_points=fixed().cycles, progress=progress)
    if cert is None:
        return {"theorem": "snap-back-repeller", "verdict": "INCONCLUSIVE", "reason": summary}
    proved, path, verdict = _keep(cert, model, out, "chaos-snapback.json")
    if not proved:
        return {"theorem": "snap-back-repeller", "verdict": "INCONCLUSIVE", "reason": f"kernel: {verdict.reason}"}
    p = [float(Fraction(x)) for x in cert["claim"]["fixed_point"]]
    return {
        "theorem": "snap-back-repeller",
        "verdict": "PROVED",
        "certificate": path,
        "summary": (
            f"the repelling fixed point ({', '.join(f'{x:.4f}' for x in p)}) is a snap-back "
            f"repeller: a point of a ball on which F expands is mapped exactly onto it after "
            f"{cert['claim']['m']} steps through invertible linear pieces; so F is chaotic in the "
            "sense of Li and Yorke (an uncountable scrambled set, periodic points of infinitely "
            "many periods)"
        ),
        "orbit": [[float(Fraction(x)) for x in z] for z in cert["witness"]["orbit"]] + [p],
    }


def _log_ratio(r: str, n: int) -> float:
    """log(r)/n for a rational string r (display only; the kernel checked r)."""
    import math

    q = Fraction(r)
    return (math.log(q.numerator) - math.log(q.denominator)) / n


def _horseshoe(model, out, progress):
    """The covering-relations attempt: a certified topological-entropy lower bound."""
    from .entropy import entropy_certificate

    cert, summary = entropy_certificate(model, progress=progress)
    if cert is None:
        return {"theorem": "horseshoe", "verdict": "INCONCLUSIVE", "reason": summary}
    proved, path, verdict = _keep(cert, model, out, "chaos-horseshoe.json")
    if not proved:
        return {"theorem": "horseshoe", "verdict": "INCONCLUSIVE", "reason": f"kernel: {verdict.reason}"}
    claim = cert["claim"]
    bound = claim["entropy_lower_bound"]
    return {
        "theorem": "horseshoe",
        "verdict": "PROVED",
        "certificate": path,
        "entropy_lower_bound": bound,
        "summary": (
            f"{len(claim['sets'])} disjoint boxes whose images under F^{claim['iterate']} cross "
            f"each other in {len(claim['coverings'])} covering relations; so the topological "
            f"entropy is at least {bound} = {_log_ratio(claim['rho_lower'], claim['iterate']):.6f}"
        ),
    }


def certify_chaos(
    model, iterations: int = 8, max_candidates: int = 50, out: Path | None = None, progress: bool = False
) -> tuple[dict, dict | None]:
    """The `chaos` document (INTERFACE §2): verdict, reason, theorem, certificate, entropy_lower_bound,
    attempts, theorems_proved, plus the saddle, the crossing point (float) and the generations of the
    two pieces when a homoclinic point is proved; and the kernel-proved homoclinic certificate (or None)."""
    doc = {
        "verdict": "INCONCLUSIVE",
        "reason": None,
        "theorem": None,
        "certificate": None,
        "entropy_lower_bound": None,
        "theorems_proved": [],
        "attempts": [],
    }
    first = _contraction(model, out)
    doc["attempts"].append(first)
    if first["verdict"] == "PROVED":
        doc.update(verdict="REFUTED", theorem="contraction", certificate=first["certificate"], reason=first["summary"])
        return doc, None
    census: list = []

    def fixed():  # the period-1 census, run at most once and only when needed
        if not census:
            census.append(_fixed_points(model, progress))
        return census[0]

    attempt, extra, homoclinic_cert = _homoclinic(model, fixed, iterations, max_candidates, out, progress)
    doc["attempts"].append(attempt)
    doc.update(extra)
    doc["attempts"].append(_snapback(model, fixed, out, progress))
    doc["attempts"].append(_horseshoe(model, out, progress))
    doc["entropy_lower_bound"] = doc["attempts"][-1].get("entropy_lower_bound")
    for a in doc["attempts"][1:]:
        if a["verdict"] == "PROVED":
            doc["theorems_proved"].append(a["theorem"])
            if doc["verdict"] != "PROVED":
                doc.update(verdict="PROVED", theorem=a["theorem"], certificate=a["certificate"])
    if doc["verdict"] != "PROVED":
        doc["theorem"] = None
        doc["reason"] = "; ".join(f"{a['theorem']}: {a['reason']}" for a in doc["attempts"])
    return doc, homoclinic_cert
