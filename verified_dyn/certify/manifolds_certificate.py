"""Certificates `local-manifold-1d` for the certified local manifolds (proofs/README.md, "Local manifolds").

Proposition (checked by :mod:`verified_dyn.kernel.claims.manifolds`): the segments z_j + t v_j, |t| <= r, of a
:class:`~verified_dyn.certify.manifolds.LocalManifold` lie in the stable / unstable manifold of the cycle.

Witness written here: the cycle points (exact), the eigenvalue interval [lo, hi], the pivot, the
rational eigenvector box V (it contains the Arb ball of the certifier), and the Krawczyk data for the
kernel's obligation 6: the centre x~ (the midpoints of V without the pivot, dyadic) and a preconditioner
C (the float inverse of the midpoint matrix, every entry an exact dyadic rational). The kernel
recomputes P, the characteristic polynomial, the Sturm count, the Krawczyk image and the interval
images of V along the cycle; nothing here is trusted.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..models.pl import PLModel
from ..rationals import fmt, from_fmpq
from .certificate import envelope
from .cycle import compose
from .manifolds import LocalManifold

CLAIM = "local-manifold-1d"
OBLIGATIONS = [
    "well-formed",
    "model-hash",
    "orbit-closes",
    "open-regions",
    "eigenvalue-isolated",
    "eigenvector-box",
    "segments-inside",
]


PIECES_CLAIM = "manifold-pieces-1d"


def pieces_certificate(model: PLModel, itinerary, points, lm: LocalManifold, pieces) -> dict:
    """`manifold-pieces-1d`: the local certificate plus the certified global pieces (a PieceSet)."""
    cert = local_manifold_certificate(model, itinerary, points, lm)
    cert["claim"]["type"] = PIECES_CLAIM
    cert["claim"]["pieces"] = [
        {
            "t": [fmt(p.t[0]), fmt(p.t[1])],
            "itinerary": [list(d) for d in p.itinerary],
            "vertices": [[fmt(x) for x in v] for v in p.vertices],
            "eps": fmt(p.eps),
        }
        for p in pieces.pieces
    ]
    cert["obligations"] = [*OBLIGATIONS, "pieces"]
    return cert


def local_manifold_certificate(model: PLModel, itinerary, points, lm: LocalManifold) -> dict:
    """The certificate of ``lm`` (a local manifold of the cycle with this itinerary and points)."""
    P, _ = compose(model, itinerary)
    n, q = model.dim, lm.pivot
    idx = [i for i in range(n) if i != q]
    centre = [(lm.box[i][0] + lm.box[i][1]) / 2 for i in idx]
    lam = float((lm.interval[0] + lm.interval[1]) / 2)
    Pf = np.array([[float(from_fmpq(P[i, j])) for j in range(n)] for i in range(n)])
    A = np.array([[Pf[i, j] - (lam if i == j else 0.0) for j in idx] for i in idx]).reshape(n - 1, n - 1)
    C = np.linalg.inv(A) if n > 1 else np.zeros((0, 0))
    claim = {
        "type": CLAIM,
        "kind": lm.kind,
        "period": len(itinerary),
        "itinerary": [list(d) for d in itinerary],
        "radius": fmt(lm.radius),
    }
    witness = {
        "points": [[fmt(x) for x in p] for p in points],
        "eigenvalue_interval": [fmt(lm.interval[0]), fmt(lm.interval[1])],
        "pivot": q,
        "eigenvector_box": [[fmt(a), fmt(b)] for a, b in lm.box],
        "krawczyk_centre": [fmt(x) for x in centre],
        "krawczyk_preconditioner": [[fmt(Fraction(float(x))) for x in row] for row in C],
    }
    return envelope(model, claim, witness, OBLIGATIONS)
