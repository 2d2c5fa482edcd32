"""Candidate transversal homoclinic points end to end (MATH §4): certified manifold pieces
(verified_dyn.certify), their float crossings (verified_dyn.search.homoclinic), exact shortened pieces
and the `transversal-homoclinic-2d` certificate. The caller runs each candidate through the gate.
"""

from __future__ import annotations

from ..certify.homoclinic import Candidate, certificate, local_manifold, shorten
from ..certify.manifold_pieces import _inverse_maps, certify_stable_pieces, certify_unstable_pieces
from ..errors import CertifyError
from ..models.pl import PLModel
from ..search.homoclinic import float_crossings


def homoclinic_candidates(model: PLModel, saddles, iterations: int = 8, box=None, max_candidates: int = 50):
    """Yield Candidate certificates for the saddle fixed points ``saddles`` (kernel-verified cycles of
    period 1), best first. Raises CertifyError if the model is not 2-D."""
    if model.dim != 2:
        raise CertifyError(
            f"the model has dimension {model.dim}; transversal homoclinic points are "
            "certified for planar maps (M = 2) only"
        )
    count = 0
    for cycle in saddles:
        try:
            lu, ls = local_manifold(model, cycle, "unstable"), local_manifold(model, cycle, "stable")
        except CertifyError:
            continue
        z = list(cycle.points[0])
        grow = box if box is not None else [(-1e3, 1e3)] * 2
        Us = certify_unstable_pieces(model, cycle.points, lu, iterations, grow, itinerary=cycle.itinerary).pieces
        Ss = certify_stable_pieces(model, cycle.points, ls, iterations, grow, itinerary=cycle.itinerary).pieces
        inv = {d: (Minv, c) for d, Minv, c in _inverse_maps(model)}
        for _, _, i, j, s, u in float_crossings(Us, Ss, z):
            U = shorten(model, z, lu.box, Us[i], s, "unstable", inv)
            S = shorten(model, z, ls.box, Ss[j], u, "stable", inv)
            if U is None or S is None:
                continue
            a, b = U.vertices
            yield Candidate(
                certificate(model, cycle, lu, ls, U, S),
                [float(a[k] + (b[k] - a[k]) / 2) for k in range(2)],
                [float(x) for x in z],
                (len(U.itinerary), len(S.itinerary)),
            )
            count += 1
            if count >= max_candidates:
                return
