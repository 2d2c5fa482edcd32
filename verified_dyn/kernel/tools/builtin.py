"""Certificates built into the checker for its selftest: valid ones and deliberately broken copies.

Models (hashes computed once with hashlib, written here literally so the selftest also checks the
hash code):
- TENT: x -> 2 min(x, 1 - x) = 2x - 4 relu(x - 1/2). Fixed points 0 (M_d = 2) and 2/3 (M_d = -2),
  2-cycle {2/5, 4/5} with P = (-2)(2) = -4. Stein S = -1/3 for |P| = 2: Q = S - 4S = 1 > 0,
  S < 0 so one eigenvalue outside; S = -1/15 for P = -4: Q = S - 16S = 1.
- ABS: x -> 1 - |x| = 1 + x - 2 relu(x). Fixed point 1/2 with M_d = -1 (factor x + 1: on the circle);
  border 2-cycle {0, 1} (u = x = 0 at 0).
- ROT: z -> [[0, -1], [1, 1]] z (H = 0): det(xI - A) = x^2 - x + 1 = x q(x + 1/x), q = y - 1, root
  y = 1 in (-2, 2): both eigenvalues on the unit circle.
Reference: proofs/README.md §5.
"""
from __future__ import annotations

import copy
from typing import Any

Cert = dict[str, Any]

TENT = {"kind": "shplrnn", "name": "tent_2",
        "hash": "sha256:86ae82097830dbcd4a48aaee9e18397c091338de465706e9a5e3aa85bedc7528",
        "normal_form": {"A": [["2"]], "W1": [["-4"]], "W2": [["1"]], "h1": ["0"], "h2": ["-1/2"]}}
ABS = {"kind": "shplrnn", "name": "one_minus_abs",
       "hash": "sha256:b46c0589e29d7d7e30e8fc96102e05503a0e357d674fd4995586d0f200fb6d2e",
       "normal_form": {"A": [["1"]], "W1": [["-2"]], "W2": [["1"]], "h1": ["1"], "h2": ["0"]}}
ROT = {"kind": "shplrnn", "name": "rotation_60",
       "hash": "sha256:0c7d3afd90a2cc46e265b6cbcad5c51ede6a04f834516a2c3b3305cdaf3d3062",
       "normal_form": {"A": [["0", "-1"], ["1", "1"]], "W1": [[], []], "W2": [], "h1": ["0", "0"], "h2": []}}
PERIODIC = ["well-formed", "model-hash", "orbit-closes", "open-regions", "minimal-period", "eigenvalue-counts"]
BORDER = ["well-formed", "model-hash", "orbit-closes", "closed-regions", "touches-border", "minimal-period"]


def periodic(model: Cert, itinerary: list[list[int]], points: list[list[str]], counts: tuple[int, int, int],
             orbit_type: str, spectrum: Cert) -> Cert:
    """A `periodic-orbit` certificate with the given data (no checking)."""
    s, c, u = counts
    return {"format": "verified-dyn/certificate", "version": 1, "model": copy.deepcopy(model),
            "claim": {"type": "periodic-orbit", "period": len(points), "itinerary": itinerary,
                      "eigenvalues": {"inside": s, "on": c, "outside": u}, "orbit_type": orbit_type},
            "witness": {"points": points, "spectrum": spectrum},
            "obligations": list(PERIODIC), "producer": {"tool": "verified_dyn.kernel.builtin"}}


def border(model: Cert, itinerary: list[list[int]], points: list[list[str]]) -> Cert:
    """A `border-orbit` certificate with the given data (no checking)."""
    return {"format": "verified-dyn/certificate", "version": 1, "model": copy.deepcopy(model),
            "claim": {"type": "border-orbit", "period": len(points), "itinerary": itinerary},
            "witness": {"points": points}, "obligations": list(BORDER),
            "producer": {"tool": "verified_dyn.kernel.builtin"}}


def valid() -> dict[str, Cert]:
    """Certificates that must be PROVED."""
    stein3 = {"method": "stein", "S": [["-1/3"]]}
    return {
        "tent fixed point 0": periodic(TENT, [[0]], [["0"]], (0, 0, 1), "repelling", stein3),
        "tent fixed point 2/3": periodic(TENT, [[1]], [["2/3"]], (0, 0, 1), "repelling", stein3),
        "tent 2-cycle": periodic(TENT, [[0], [1]], [["2/5"], ["4/5"]], (0, 0, 1), "repelling",
                                 {"method": "factors", "factors": [
                                     {"poly": ["4", "1"], "multiplicity": 1, "kind": "stein",
                                      "S": [["-1/15"]]}]}),
        "abs fixed point 1/2": periodic(ABS, [[1]], [["1/2"]], (0, 1, 0), "non-hyperbolic",
                                        {"method": "factors", "factors": [
                                            {"poly": ["1", "1"], "multiplicity": 1, "kind": "linear"}]}),
        "abs border 2-cycle": border(ABS, [[0], [1]], [["0"], ["1"]]),
        "rotation fixed point": periodic(ROT, [[]], [["0", "0"]], (0, 2, 0), "non-hyperbolic",
                                         {"method": "factors", "factors": [
                                             {"poly": ["1", "-1", "1"], "multiplicity": 1,
                                              "kind": "reciprocal", "q": ["-1", "1"]}]}),
    }


def _edit(cert: Cert, path: list[Any], value: object) -> Cert:
    out = copy.deepcopy(cert)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def broken() -> dict[str, tuple[Cert, str, str]]:
    """Deliberately broken copies of the valid certificates, with the verdict each must get and the
    obligation that must be the first one failed (REFUTED) or undecided (INCONCLUSIVE)."""
    v = valid()
    t0, t2, cyc = v["tent fixed point 0"], v["tent fixed point 2/3"], v["tent 2-cycle"]
    return {
        "wrong point": (_edit(t0, ["witness", "points"], [["1/3"]]), "REFUTED", "orbit-closes"),
        "wrong orbit type": (_edit(t2, ["claim", "orbit_type"], "attracting"), "REFUTED",
                             "eigenvalue-counts"),
        "wrong counts": (_edit(_edit(t2, ["claim", "eigenvalues", "inside"], 1),
                               ["claim", "eigenvalues", "outside"], 0), "REFUTED", "eigenvalue-counts"),
        "altered model": (_edit(t0, ["model", "normal_form", "h2"], ["-1/3"]), "REFUTED", "model-hash"),
        "fixed point as 2-cycle": (periodic(TENT, [[0], [0]], [["0"], ["0"]], (0, 0, 1), "repelling",
                                            {"method": "stein", "S": [["-1/15"]]}), "REFUTED",
                                   "minimal-period"),
        "float rational": (_edit(t0, ["witness", "points"], [[0.0]]), "REFUTED", "well-formed"),
        "obligations dropped": (_edit(cyc, ["obligations"], PERIODIC[:-1]), "REFUTED", "well-formed"),
        "border point claimed interior": (periodic(ABS, [[0], [1]], [["0"], ["1"]], (0, 1, 0),
                                                   "non-hyperbolic", {"method": "factors", "factors": [
                                                       {"poly": ["1", "1"], "multiplicity": 1,
                                                        "kind": "linear"}]}), "REFUTED",
                                          "open-regions"),
        "unsupported method": (_edit(t0, ["witness", "spectrum"], {"method": "schur-cohn"}),
                               "INCONCLUSIVE", "eigenvalue-counts"),
        "unsupported version": (_edit(t0, ["version"], 2), "INCONCLUSIVE", "well-formed"),
    }


def cases() -> list[tuple[str, Cert, str, str | None]]:
    """All built-in (name, certificate, expected verdict, expected failing obligation) cases."""
    out: list[tuple[str, Cert, str, str | None]] = [(name, cert, "PROVED", None) for name, cert in valid().items()]
    return out + [(f"broken: {name}", cert, want, ob) for name, (cert, want, ob) in broken().items()]
