"""Continuous piecewise-affine maps in the normal form F(z) = A z + W1 relu(W2 z + h2) + h1 (MATH §1).

A :class:`PLModel` holds the parameters as exact rationals (tuples of ``Fraction``), with derived
views: python-flint matrices for fast exact linear algebra and numpy float64 arrays for search.
Every kind of ReLU RNN (plrnn, shplrnn, alrnn, clipped-shplrnn) is converted into this one form by
:mod:`verified_dyn.models.loading`; the conversion is recorded in ``kind``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

import flint
import numpy as np

from ..rationals import fmpq_mat, fmt

Matrix = tuple[tuple[Fraction, ...], ...]
Vector = tuple[Fraction, ...]


@dataclass(frozen=True, eq=False, repr=False)
class PLModel:
    """An exact piecewise-affine map F(z) = A z + W1 relu(W2 z + h2) + h1 on R^M with H hidden units.

    The parameters are exact rationals (tuples of ``Fraction``); ``A_float`` ... ``h2_float`` are
    their nearest float64 values. ``model.step(z)`` is the exact map on rationals, ``model(z)`` the
    float64 map on numpy arrays (one point of shape (M,) or a batch of shape (..., M)).
    Build one with :func:`verified_dyn.models.PLRNN` and friends, or read one with ``load_model``.
    """

    kind: str
    A: Matrix
    W1: Matrix
    W2: Matrix
    h1: Vector
    h2: Vector
    name: str = ""
    description: str = ""
    source: str = ""
    meta: dict = field(default_factory=dict)

    # ---- sizes and structure -------------------------------------------------------------
    @property
    def dim(self) -> int:
        return len(self.h1)

    @property
    def hidden(self) -> int:
        return len(self.h2)

    @cached_property
    def inert(self) -> tuple[bool, ...]:
        """inert[i] is True when column i of W1 is zero: unit i switches nothing."""
        return tuple(all(self.W1[r][i] == 0 for r in range(self.dim)) for i in range(self.hidden))

    @cached_property
    def active_units(self) -> tuple[int, ...]:
        return tuple(i for i, dead in enumerate(self.inert) if not dead)

    # ---- exact and float views -----------------------------------------------------------
    @cached_property
    def q(self) -> dict[str, flint.fmpq_mat]:
        """python-flint matrices A, W1, W2 and column vectors h1, h2."""
        return {
            "A": fmpq_mat(self.A),
            "W1": _flint_or_empty(self.W1, self.dim, self.hidden),
            "W2": _flint_or_empty(self.W2, self.hidden, self.dim),
            "h1": fmpq_mat([[x] for x in self.h1]),
            "h2": _flint_or_empty([[x] for x in self.h2], self.hidden, 1),
        }

    @cached_property
    def region_cache(self) -> dict:
        """Exact (M_d, c_d) per pattern, filled by ``regions.region_map`` (read-only use elsewhere)."""
        return {}

    @cached_property
    def f(self) -> dict[str, np.ndarray]:
        """float64 views (nearest doubles of the exact values) of A, W1, W2, h1, h2."""

        def arr(x, shape):
            return np.array([[float(v) for v in row] for row in x], dtype=np.float64).reshape(shape)

        m, h = self.dim, self.hidden
        return {
            "A": arr(self.A, (m, m)),
            "W1": arr(self.W1, (m, h)),
            "W2": arr(self.W2, (h, m)),
            "h1": np.array([float(v) for v in self.h1]),
            "h2": np.array([float(v) for v in self.h2]),
        }

    @property
    def A_float(self) -> np.ndarray:
        """A as a float64 (M, M) array (nearest doubles; shared and cached, do not modify)."""
        return self.f["A"]

    @property
    def W1_float(self) -> np.ndarray:
        """W1 as a float64 (M, H) array (nearest doubles; shared and cached, do not modify)."""
        return self.f["W1"]

    @property
    def W2_float(self) -> np.ndarray:
        """W2 as a float64 (H, M) array (nearest doubles; shared and cached, do not modify)."""
        return self.f["W2"]

    @property
    def h1_float(self) -> np.ndarray:
        """h1 as a float64 (M,) array (nearest doubles; shared and cached, do not modify)."""
        return self.f["h1"]

    @property
    def h2_float(self) -> np.ndarray:
        """h2 as a float64 (H,) array (nearest doubles; shared and cached, do not modify)."""
        return self.f["h2"]

    # ---- identity --------------------------------------------------------------------------
    def normal_form_json(self) -> dict:
        """The normal form with canonical rational strings (as written in certificates)."""
        return {
            "A": [[fmt(x) for x in row] for row in self.A],
            "W1": [[fmt(x) for x in row] for row in self.W1],
            "W2": [[fmt(x) for x in row] for row in self.W2],
            "h1": [fmt(x) for x in self.h1],
            "h2": [fmt(x) for x in self.h2],
        }

    @cached_property
    def hash(self) -> str:
        """sha256 of the canonical normal form (proofs/README.md §1): equal maps-as-written, equal hash."""
        canonical = json.dumps(self.normal_form_json(), sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(canonical.encode("ascii")).hexdigest()

    def summary(self) -> dict:
        return {"kind": self.kind, "name": self.name, "dim": self.dim, "hidden": self.hidden, "hash": self.hash}

    def __repr__(self) -> str:
        return (
            f"PLModel(kind={self.kind!r}, M={self.dim}, H={self.hidden}, name={self.name!r}, "
            f"hash={short_hash(self.hash)!r})"
        )

    # ---- the map -----------------------------------------------------------------------------
    def preactivation(self, z) -> list[Fraction]:
        """u = W2 z + h2, exactly."""
        return [sum((w * x for w, x in zip(row, z)), Fraction(0)) + b for row, b in zip(self.W2, self.h2)]

    def step(self, z) -> list[Fraction]:
        """F(z) exactly, with the real relu."""
        r = [max(u, Fraction(0)) for u in self.preactivation(z)]
        return [
            sum((a * x for a, x in zip(arow, z)), Fraction(0)) + sum((w * y for w, y in zip(wrow, r)), Fraction(0)) + b
            for arow, wrow, b in zip(self.A, self.W1, self.h1)
        ]

    def step_float(self, z: np.ndarray) -> np.ndarray:
        """F(z) in float64 for one point z of shape (M,), or a batch of shape (..., M) (row-wise)."""
        f = self.f
        if np.ndim(z) <= 1:
            return f["A"] @ z + f["W1"] @ np.maximum(f["W2"] @ z + f["h2"], 0.0) + f["h1"]
        return z @ f["A"].T + np.maximum(z @ f["W2"].T + f["h2"], 0.0) @ f["W1"].T + f["h1"]

    def __call__(self, z) -> np.ndarray:
        """F(z) in float64: z of shape (M,) gives shape (M,), a batch (..., M) gives (..., M).

        The exact map on rationals is :meth:`step`.
        """
        z = np.asarray(z, dtype=np.float64)
        if z.ndim == 0 or z.shape[-1] != self.dim:
            raise ValueError(
                f"expected points of dimension M = {self.dim} (shape (M,) or (..., M)), got an array of shape {z.shape}"
            )
        return self.step_float(z)


def short_hash(h: str) -> str:
    """ "sha256:f7cc66cc…": the algorithm and the first 8 hex digits, for a repr."""
    algo, _, digest = h.partition(":")
    return f"{algo}:{digest[:8]}\u2026"


def _flint_or_empty(rows, nr, nc) -> flint.fmpq_mat:
    if nr == 0 or nc == 0:
        return flint.fmpq_mat(nr, nc)
    return fmpq_mat(rows)
