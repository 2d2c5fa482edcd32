"""Linear regions of a PL map: sign patterns d in {0,1}^H, their affine maps and membership (MATH §1).

On the closure of the region of d the map is affine, F(z) = M_d z + c_d with
M_d = A + W1 D W2 and c_d = h1 + W1 D h2, D = diag(d). A point is *interior* when no active
(non-inert) unit has a zero pre-activation, *border* otherwise. Inert units (zero column of W1)
switch nothing; their bit is set to the sign of their pre-activation (0 when it is zero).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import flint

from .pl import PLModel

Pattern = tuple[int, ...]


@dataclass(frozen=True)
class PointRegion:
    """Where an exact point lies: its pattern and the active units with zero pre-activation."""

    pattern: Pattern
    zero_units: tuple[int, ...]

    @property
    def interior(self) -> bool:
        return not self.zero_units


def locate(model: PLModel, z) -> PointRegion:
    """The pattern of z (d_i = 1 iff u_i > 0) and the active units on their switching hyperplane."""
    u = model.preactivation(z)
    pattern = tuple(1 if x > 0 else 0 for x in u)
    zeros = tuple(i for i in model.active_units if u[i] == 0)
    return PointRegion(pattern, zeros)


def region_map(model: PLModel, d: Pattern) -> tuple[flint.fmpq_mat, flint.fmpq_mat]:
    """(M_d, c_d) as exact python-flint matrices (c_d a column), cached per model and pattern."""
    cache = model.region_cache
    if d not in cache:
        cache[d] = _region_map(model, d)
    return cache[d]


def _region_map(model: PLModel, d: Pattern) -> tuple[flint.fmpq_mat, flint.fmpq_mat]:
    q = model.q
    if model.hidden == 0:
        return q["A"], q["h1"]
    D = flint.fmpq_mat(model.hidden, model.hidden)
    for i, bit in enumerate(d):
        if bit:
            D[i, i] = 1
    W1D = q["W1"] * D
    return q["A"] + W1D * q["W2"], q["h1"] + W1D * q["h2"]


def all_patterns(model: PLModel):
    """Every pattern over the active units (inert bits 0): 2^(#active) of them, lexicographic."""
    active = model.active_units
    for bits in itertools.product((0, 1), repeat=len(active)):
        d = [0] * model.hidden
        for i, b in zip(active, bits):
            d[i] = b
        yield tuple(d)


def active_part(model: PLModel, d: Pattern) -> Pattern:
    """The bits of d on the active units only (inert bits do not change the map)."""
    return tuple(d[i] for i in model.active_units)


def region_count(model: PLModel) -> int:
    return 2 ** len(model.active_units)


def pattern_of_float(model: PLModel, z) -> Pattern:
    """Float-view pattern of a float point (search only; never used to certify)."""
    f = model.f
    return tuple(int(x > 0) for x in f["W2"] @ z + f["h2"])


def pattern_of_code(model, code: int) -> tuple[int, ...]:
    """The full sign pattern (inert bits 0) of an active-bit code."""
    d = [0] * model.hidden
    for q, i in enumerate(model.active_units):
        d[i] = (int(code) >> q) & 1
    return tuple(d)


def code_of_pattern(model, d) -> int:
    return sum(int(d[i]) << q for q, i in enumerate(model.active_units))
