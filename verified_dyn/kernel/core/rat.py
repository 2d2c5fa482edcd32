"""Exact rationals: the grammar's scalars (`rational`, `int`, `vec`, `mat`) and exact linear algebra.

A rational is a JSON string "-?[0-9]+" or "-?[0-9]+/[0-9]+" with a positive denominator; it denotes
the Fraction p/q exactly (non-canonical spellings such as "2/4", "-0", "007" are accepted). Anything
else where a rational is expected is malformed. Matrices are lists of rows of Fractions; the algebra
below is exact and never rounds. Reference: proofs/README.md §1 (grammar).
"""
from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

Vec = list[Fraction]
Matrix = list[list[Fraction]]
_RATIONAL = re.compile(r"-?[0-9]+(?:/[0-9]+)?")


class Malformed(ValueError):
    """The certificate does not follow the grammar of proofs/README.md §1."""


def short(value: object, limit: int = 80) -> str:
    """repr(value) cut to `limit` characters, for error messages about arbitrary input."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def parse_rational(value: object, where: str) -> Fraction:
    """The exact value of a rational string; Malformed if `value` is not one (README §1)."""
    if not isinstance(value, str):
        raise Malformed(f"{where}: expected a rational string, got {type(value).__name__} {short(value)}")
    if _RATIONAL.fullmatch(value) is None:
        raise Malformed(f"{where}: not a rational string: {short(value)}")
    num, _, den = value.partition("/")
    try:
        p, q = int(num), int(den) if den else 1
    except ValueError as exc:  # more digits than int() accepts
        raise Malformed(f"{where}: rational too long: {exc}") from None
    if q == 0:
        raise Malformed(f"{where}: zero denominator in {short(value)}")
    return Fraction(p, q)


def parse_int(value: object, where: str, lo: int | None = None, hi: int | None = None) -> int:
    """A JSON integer (never a float, never a boolean) with lo <= value <= hi when given."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise Malformed(f"{where}: expected an integer, got {type(value).__name__} {short(value)}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise Malformed(f"{where}: integer {short(value)} out of range [{lo}, {hi}]")
    return value


def parse_list(value: object, where: str, length: int | None = None) -> list[Any]:
    """A JSON array, of exactly `length` entries when given."""
    if not isinstance(value, list):
        raise Malformed(f"{where}: expected a list, got {type(value).__name__} {short(value)}")
    if length is not None and len(value) != length:
        raise Malformed(f"{where}: expected {length} entries, got {len(value)}")
    return value


def parse_dict(value: object, where: str) -> dict[str, Any]:
    """A JSON object."""
    if not isinstance(value, dict):
        raise Malformed(f"{where}: expected an object, got {type(value).__name__} {short(value)}")
    return value


def get(obj: dict[str, Any], key: str, where: str) -> Any:
    """obj[key]; Malformed naming the path if the key is missing."""
    if key not in obj:
        raise Malformed(f"{where}.{key}: missing")
    return obj[key]


def string(obj: dict[str, Any], key: str, where: str) -> str:
    """obj[key], which must be a JSON string."""
    value = get(obj, key, where)
    if not isinstance(value, str):
        raise Malformed(f"{where}.{key}: expected a string, got {type(value).__name__} {short(value)}")
    return value


def parse_bool(value: object, where: str) -> bool:
    """A JSON true or false."""
    if not isinstance(value, bool):
        raise Malformed(f"{where}: expected true or false, got {type(value).__name__} {short(value)}")
    return value


def parse_vec(value: object, n: int | None, where: str) -> Vec:
    """vec(n): a list of n rational strings (any length if n is None)."""
    items = parse_list(value, where, n)
    return [parse_rational(x, f"{where}[{i}]") for i, x in enumerate(items)]


def parse_positive(value: object, where: str) -> Fraction:
    """A rational string with a value > 0."""
    q = parse_vec([value], 1, where)[0]
    if q <= 0:
        raise Malformed(f"{where}: expected a positive rational, got {q}")
    return q


def parse_mat(value: object, rows: int | None, cols: int, where: str) -> Matrix:
    """mat(rows, cols): a list of `rows` rows, each a vec(cols); cols = 0 means empty rows."""
    items = parse_list(value, where, rows)
    return [parse_vec(row, cols, f"{where}[{i}]") for i, row in enumerate(items)]


def parse_patterns(value: object, count: int | None, h: int, where: str) -> list[list[int]]:
    """An itinerary: `count` patterns (any number if None), each H integers 0 or 1."""
    return [[parse_int(x, f"{where}[{j}][{i}]", 0, 1) for i, x in enumerate(parse_list(d, f"{where}[{j}]", h))]
            for j, d in enumerate(parse_list(value, where, count))]


def canonical(x: Fraction) -> str:
    """The canonical spelling of a rational: lowest terms, str(Fraction), e.g. "3", "-17/10"."""
    return str(Fraction(x))


def identity(n: int) -> Matrix:
    """The n x n identity matrix."""
    return [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]


def transpose(a: Matrix) -> Matrix:
    """The transpose of a non-empty matrix with at least one column."""
    return [list(col) for col in zip(*a)]


def dot(a: Vec, b: Vec) -> Fraction:
    """The exact sum of a_i b_i, over common denominators with integers and one final reduction."""
    da = math.lcm(*(x.denominator for x in a)) if a else 1
    db = math.lcm(*(y.denominator for y in b)) if b else 1
    total = sum((x.numerator * (da // x.denominator)) * (y.numerator * (db // y.denominator))
                for x, y in zip(a, b))
    return Fraction(total, da * db)


def matmul(a: Matrix, b: Matrix) -> Matrix:
    """The exact product a b; b must have at least one row and one column."""
    bt = transpose(b)
    return [[dot(row, col) for col in bt] for row in a]


def matvec(a: Matrix, v: Vec) -> Vec:
    """The exact product a v (a may have zero columns, then the result is zero)."""
    return [dot(row, v) for row in a]


def mat_sub(a: Matrix, b: Matrix) -> Matrix:
    """The entrywise difference a - b of equal-shape matrices."""
    return [[x - y for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def vec_add(*vs: Vec) -> Vec:
    """The entrywise sum of equal-length vectors."""
    return [sum(xs, Fraction(0)) for xs in zip(*vs)]


def rank(rows: Matrix) -> int:
    """The exact rank of a matrix (Gaussian elimination over the rationals, with row exchanges)."""
    m, r = [list(row) for row in rows], 0
    for col in range(len(m[0]) if m else 0):
        piv = next((i for i in range(r, len(m)) if m[i][col] != 0), None)
        if piv is None:
            continue
        m[r], m[piv] = m[piv], m[r]
        for i in range(r + 1, len(m)):
            f = m[i][col] / m[r][col]
            if f:
                m[i] = [x - f * y for x, y in zip(m[i], m[r])]
        r += 1
    return r


def inverse(a: Matrix) -> Matrix | None:
    """The exact inverse by Gauss-Jordan elimination, or None if a is singular."""
    n = len(a)
    m = [list(row) + [Fraction(int(i == k)) for k in range(n)] for i, row in enumerate(a)]
    for col in range(n):
        piv = next((r for r in range(col, n) if m[r][col] != 0), None)
        if piv is None:
            return None
        m[col], m[piv] = m[piv], m[col]
        inv_p = 1 / m[col][col]
        m[col] = [x * inv_p for x in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [row[n:] for row in m]


_PRIMES = (2 ** 61 - 1, 2 ** 31 - 1)


def det_nonzero(a: Matrix) -> bool:
    """det(a) != 0, decided fast: reduction mod a prime p (not dividing any denominator) is a ring
    homomorphism Z_(p) -> F_p, so a nonzero determinant mod p proves a nonzero determinant; when every
    tried prime gives 0, the exact rank decides."""
    for p in _PRIMES:
        if any(x.denominator % p == 0 for row in a for x in row):
            continue
        m = [[x.numerator * pow(x.denominator, -1, p) % p for x in row] for row in a]
        n, nonzero = len(m), True
        for k in range(n):
            pivot = next((i for i in range(k, n) if m[i][k]), None)
            if pivot is None:
                nonzero = False
                break
            m[k], m[pivot] = m[pivot], m[k]
            inv = pow(m[k][k], -1, p)
            for i in range(k + 1, n):
                f = m[i][k] * inv % p
                if f:
                    m[i] = [(x - f * y) % p for x, y in zip(m[i], m[k])]
        if nonzero:
            return True
    return rank(a) == len(a)


def positive_definite_failure(q: Matrix) -> str | None:
    """None if the symmetric q is positive definite, else the first non-positive pivot: by elimination
    without row exchanges, q > 0 iff every pivot (a ratio of leading principal minors) is > 0 (Sylvester)."""
    a = [list(row) for row in q]
    for k in range(len(a)):
        pivot = a[k][k]
        if pivot <= 0:
            return f"pivot {k} is {pivot}"
        for i in range(k + 1, len(a)):
            f = a[i][k] / pivot
            if f:
                a[i] = [x - f * y for x, y in zip(a[i], a[k])]
    return None


def asymmetry(s: Matrix) -> tuple[int, int] | None:
    """The first (i, j), j < i, with s[i][j] != s[j][i], or None if s is symmetric."""
    return next(((i, j) for i in range(len(s)) for j in range(i) if s[i][j] != s[j][i]), None)
