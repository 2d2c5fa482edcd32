"""From a model file (INTERFACE.md §1, already parsed JSON) to the exact normal form of README §1.

Numbers: a JSON integer is itself; a JSON float is its exact float64 value (Fraction(float));
a string "p/q", "1.7", "-3", "2.5e-3" is its exact decimal / rational value. NaN, infinity,
booleans and other strings are refused. Kinds (MATH.md §1):

- plrnn   z' = A z + W relu(z) + h:  W1 = W, W2 = I_M, h1 = h, h2 = 0 (H = M).
- shplrnn z' = A z + W1 relu(W2 z + h2) + h1: as is.
- alrnn   only the last P of M units pass through relu; with L = M - P the first L columns of W fold
          into A (A'[:, i] = A[:, i] + W[:, i], i < L); W1 = W[:, L:], W2 = rows L.. of I_M, h2 = 0 (H = P).
- clipped-shplrnn z' = A z + W1 [relu(W2 z + h2) - relu(W2 z)] + h1:
          W1' = [W1 | -W1], W2' = [W2 ; W2], h2' = [h2 ; 0] (H' = 2H).
A may be a length-M list (the diagonal) or an M x M matrix. Errors raise ValueError naming the key.
"""
from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from ..core.model import canonical_data, hash_of, parse_normal_form
from ..core.rat import canonical, get, parse_dict, parse_list, short

_NUMBER = re.compile(r"[+-]?(?:[0-9]+/[0-9]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?)")
_MAX_EXPONENT = 10000


def _number(x: object, where: str) -> Fraction:
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        raise ValueError(f"model {where}: expected a number, got {type(x).__name__} {short(x)}")
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"model {where}: {x} is not finite")
        return Fraction(x)
    match = _NUMBER.fullmatch(x.strip())
    if match is None:
        raise ValueError(f"model {where}: not a number: {short(x)}")
    if match.group(1) is not None and abs(int(match.group(1))) > _MAX_EXPONENT:
        raise ValueError(f"model {where}: exponent out of range in {short(x)}")
    try:
        return Fraction(x.strip())
    except ZeroDivisionError:
        raise ValueError(f"model {where}: zero denominator in {short(x)}") from None


def _vector(x: object, where: str, n: int | None = None) -> list[Fraction]:
    if not isinstance(x, list):
        raise ValueError(f"model {where}: expected a list, got {type(x).__name__}")
    if n is not None and len(x) != n:
        raise ValueError(f"model {where}: expected {n} entries, got {len(x)}")
    return [_number(v, f"{where}[{i}]") for i, v in enumerate(x)]


def _matrix(x: object, rows: int, cols: int, where: str) -> list[list[Fraction]]:
    if not isinstance(x, list) or len(x) != rows:
        raise ValueError(f"model {where}: expected a list of {rows} rows")
    return [_vector(r, f"{where}[{i}]", cols) for i, r in enumerate(x)]


def _square(x: object, m: int, where: str) -> list[list[Fraction]]:
    """An M x M matrix, or a length-M list meaning the diagonal."""
    if isinstance(x, list) and x and all(not isinstance(v, list) for v in x):
        diag = _vector(x, where, m)
        return [[diag[i] if i == j else Fraction(0) for j in range(m)] for i in range(m)]
    return _matrix(x, m, m, where)


def _get(d: dict[str, Any], key: str) -> object:
    if key not in d:
        raise ValueError(f"model: missing key {key!r} for kind {d.get('kind')!r}")
    return d[key]


def _plrnn_parts(d: dict[str, Any]) -> tuple[Any, ...]:
    h = _vector(_get(d, "h"), "h")
    m = len(h)
    if m < 1:
        raise ValueError("model h: the state dimension M must be >= 1")
    return _square(_get(d, "A"), m, "A"), _matrix(_get(d, "W"), m, m, "W"), h, m


def _shplrnn_parts(d: dict[str, Any]) -> tuple[Any, ...]:
    h1, h2 = _vector(_get(d, "h1"), "h1"), _vector(_get(d, "h2"), "h2")
    m, h = len(h1), len(h2)
    if m < 1:
        raise ValueError("model h1: the state dimension M must be >= 1")
    a = _square(_get(d, "A"), m, "A")
    return a, _matrix(_get(d, "W1"), m, h, "W1"), _matrix(_get(d, "W2"), h, m, "W2"), h1, h2


def _alrnn(d: dict[str, Any]) -> tuple[Any, ...]:
    a, w, h, m = _plrnn_parts(d)
    p = _get(d, "P")
    if isinstance(p, bool) or not isinstance(p, int) or not 0 <= p <= m:
        raise ValueError(f"model P: expected an integer in [0, {m}], got {short(p)}")
    lin = m - p
    a = [[a[r][c] + (w[r][c] if c < lin else 0) for c in range(m)] for r in range(m)]
    w2 = [[Fraction(int(c == lin + j)) for c in range(m)] for j in range(p)]
    return a, [row[lin:] for row in w], w2, h, [Fraction(0)] * p


def _convert(d: dict[str, Any]) -> tuple[Any, ...]:
    kind = d.get("kind")
    if kind == "plrnn":
        a, w, h, m = _plrnn_parts(d)
        eye = [[Fraction(int(i == j)) for j in range(m)] for i in range(m)]
        return a, w, eye, h, [Fraction(0)] * m
    if kind == "shplrnn":
        return _shplrnn_parts(d)
    if kind == "alrnn":
        return _alrnn(d)
    if kind == "clipped-shplrnn":
        a, w1, w2, h1, h2 = _shplrnn_parts(d)
        return a, [row + [-x for x in row] for row in w1], w2 + w2, h1, h2 + [Fraction(0)] * len(h2)
    raise ValueError(f"model kind {short(kind)} has no piecewise-affine normal form "
                     "(supported: plrnn, shplrnn, alrnn, clipped-shplrnn)")


def normal_form_from_model_json(d: dict[str, Any]) -> dict[str, Any]:
    """The normal form {"A", "W1", "W2", "h1", "h2"} (canonical rational strings) of a model file."""
    if not isinstance(d, dict):
        raise ValueError(f"model: expected a JSON object, got {type(d).__name__}")
    a, w1, w2, h1, h2 = _convert(d)
    return {"A": [[canonical(x) for x in row] for row in a],
            "W1": [[canonical(x) for x in row] for row in w1],
            "W2": [[canonical(x) for x in row] for row in w2],
            "h1": [canonical(x) for x in h1], "h2": [canonical(x) for x in h2]}


def model_hash(normal_form: dict[str, Any]) -> str:
    """The model hash of a normal-form dict (README §1). Entries may be rational strings (any
    spelling: "2/4" hashes like "1/2"), Fractions or ints; floats and booleans are refused.
    Raises ValueError (Malformed) on a bad shape or entry."""
    obj = parse_dict(normal_form, "normal_form")
    clean = {k: canonical_data(parse_list(get(obj, k, "normal_form"), f"normal_form.{k}"))
             for k in ("A", "W1", "W2", "h1", "h2")}
    return hash_of(parse_normal_form(clean, "normal_form"))
