"""Hypothesis strategies for small exact ReLU RNNs and certificate mutations.

Import in tests: ``from verified_dyn.testing.strategies import plrnns, mutations``.
"""

from __future__ import annotations

import copy
from fractions import Fraction

from hypothesis import strategies as st

from ..models import model_from_dict


def rationals(max_num: int = 9, max_den: int = 8):
    """Small rationals p/q written as exact strings."""
    return st.builds(lambda p, q: str(Fraction(p, q)), st.integers(-max_num, max_num), st.integers(1, max_den))


@st.composite
def plrnns(draw, dims=(1, 2, 3), max_num: int = 9, max_den: int = 8):
    """A random PLRNN z' = A z + W relu(z) + h with small rational entries (full A)."""
    m = draw(st.sampled_from(dims))
    r = rationals(max_num, max_den)
    mat = st.lists(st.lists(r, min_size=m, max_size=m), min_size=m, max_size=m)
    return model_from_dict(
        {"kind": "plrnn", "A": draw(mat), "W": draw(mat), "h": draw(st.lists(r, min_size=m, max_size=m))},
        "<hypothesis>",
    )


def leaves(doc, path=()):
    """Every (path, value) of a JSON document's scalars."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from leaves(v, path + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from leaves(v, path + (i,))
    else:
        yield path, doc


def mutate_value(value, choice: int):
    """A different value of a similar kind (for rational strings: the value plus a small rational)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + (1 if choice % 2 else -1)
    if isinstance(value, str):
        try:
            return str(Fraction(value) + Fraction(1 + choice % 3, 7 + choice % 5))
        except (ValueError, ZeroDivisionError):
            return value + "x"
    return "mutated"


def set_field(doc: dict, path, value) -> dict:
    """A deep copy of ``doc`` with the field at ``path`` (keys / indices) replaced by ``value``."""
    doc = copy.deepcopy(doc)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


def mutated(cert: dict, path: tuple, choice: int) -> dict:
    node = cert
    for key in path:
        node = node[key]
    return set_field(cert, path, mutate_value(node, choice))
