"""Chaos verdicts end to end: saddle fixed points (complete census), certified manifold pieces,
proper crossings proposed in floats, certificates re-checked by the kernel (MATH §4).

Only the theorem "transversal-homoclinic" for planar maps so far; REFUTED (a proof of non-chaos) is
never produced here.
"""
from __future__ import annotations

from pathlib import Path

THEOREM = "transversal-homoclinic"


def certify_chaos(model, iterations: int = 8, max_candidates: int = 50, out: Path | None = None,
                  progress: bool = False) -> tuple[dict, dict | None]:
    """The `chaos` document (INTERFACE §2): verdict, reason, theorem, certificate, entropy_lower_bound,
    plus the saddle, the crossing point (float) and the generations of the two pieces when PROVED;
    and the kernel-proved certificate (or None)."""
    import sys

    from .certify.certificate import write_certificate
    from .certify.homoclinic import homoclinic_candidates
    from .cycles import find_cycles
    from .kernel import check

    doc = {"verdict": "INCONCLUSIVE", "reason": None, "theorem": THEOREM, "certificate": None,
           "entropy_lower_bound": None}
    if model.dim != 2:
        doc["reason"] = (f"the model has dimension {model.dim}; transversal homoclinic points are certified "
                         "for planar maps (M = 2) only")
        return doc, None
    cycles = find_cycles(model, period=1, strategy="complete", progress=progress)
    saddles = [c for c in cycles.cycles if c.counts.orbit_type == "saddle"]
    if not saddles:
        doc["reason"] = "no interior hyperbolic saddle fixed point (all regions searched)"
        return doc, None
    if progress:
        print(f"chaos: {len(saddles)} saddle fixed point(s); certifying manifold pieces and crossings",
              file=sys.stderr, flush=True)
    tried, first_reason = 0, None
    for cand in homoclinic_candidates(model, saddles, iterations, max_candidates=max_candidates):
        tried += 1
        verdict = check(cand.certificate, model.hash)
        if verdict.proved:
            path = write_certificate(cand.certificate, Path(out) / "chaos-homoclinic.json") if out else None
            doc.update(verdict="PROVED", reason=None, certificate=str(path) if path else None,
                       fixed_point=cand.fixed_point, homoclinic_point=cand.point,
                       generations={"unstable": cand.generations[0], "stable": cand.generations[1]},
                       obligations=[o["name"] for o in verdict.obligations])
            return doc, cand.certificate
        first_reason = first_reason or verdict.reason
    if tried == 0:
        doc["reason"] = (f"no proper crossing of the certified unstable and stable pieces of the "
                         f"{len(saddles)} saddle fixed point(s) within {iterations} generations")
    else:
        doc["reason"] = (f"the kernel proved none of the {tried} candidate crossing(s) (enclosure too wide "
                         f"or orbit near a switching line); first: {first_reason}")
    return doc, None
