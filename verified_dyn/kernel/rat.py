"""Exact rationals: the certificate grammar's `rational`, `int`, `vec`, `mat`, and exact matrix algebra.

A rational is a JSON string "-?[0-9]+" or "-?[0-9]+/[0-9]+" with a positive denominator; it denotes
the Fraction p/q exactly (non-canonical spellings such as "2/4", "-0", "007" are accepted). Anything
else where a rational is expected (a JSON number, a boolean, a bad string) is malformed.
Matrices are lists of rows of Fractions; the algebra below is exact and never rounds.
Reference: proofs/README.md §1 (grammar).
"""
from __future__ import annotations

import re
import math
from fractions import Fraction

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


def parse_list(value: object, where: str, length: int | None = None) -> list:
    """A JSON array, of exactly `length` entries when given."""
    if not isinstance(value, list):
        raise Malformed(f"{where}: expected a list, got {type(value).__name__} {short(value)}")
    if length is not None and len(value) != length:
        raise Malformed(f"{where}: expected {length} entries, got {len(value)}")
    return value


def parse_dict(value: object, where: str) -> dict:
    """A JSON object."""
    if not isinstance(value, dict):
        raise Malformed(f"{where}: expected an object, got {type(value).__name__} {short(value)}")
    return value


def get(obj: dict, key: str, where: str) -> object:
    """obj[key]; Malformed naming the path if the key is missing."""
    if key not in obj:
        raise Malformed(f"{where}.{key}: missing")
    return obj[key]


def parse_vec(value: object, n: int | None, where: str) -> list[Fraction]:
    """vec(n): a list of n rational strings (any length if n is None)."""
    items = parse_list(value, where, n)
    return [parse_rational(x, f"{where}[{i}]") for i, x in enumerate(items)]


def parse_mat(value: object, rows: int | None, cols: int, where: str) -> list[list[Fraction]]:
    """mat(rows, cols): a list of `rows` rows, each a vec(cols); cols = 0 means empty rows."""
    items = parse_list(value, where, rows)
    return [parse_vec(row, cols, f"{where}[{i}]") for i, row in enumerate(items)]


def identity(n: int) -> list[list[Fraction]]:
    """The n x n identity matrix."""
    return [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]


def transpose(a: list[list[Fraction]]) -> list[list[Fraction]]:
    """The transpose of a non-empty matrix with at least one column."""
    return [list(col) for col in zip(*a)]


def dot(a: list[Fraction], b: list[Fraction]) -> Fraction:
    """The exact sum of a_i b_i, over common denominators with integers and one final reduction
    (Fraction additions reduce by a gcd at every step, which dominates for large rationals)."""
    da = math.lcm(*(x.denominator for x in a)) if a else 1
    db = math.lcm(*(y.denominator for y in b)) if b else 1
    total = sum((x.numerator * (da // x.denominator)) * (y.numerator * (db // y.denominator))
                for x, y in zip(a, b))
    return Fraction(total, da * db)


def matmul(a: list[list[Fraction]], b: list[list[Fraction]]) -> list[list[Fraction]]:
    """The exact product a b; b must have at least one row and one column."""
    bt = transpose(b)
    return [[dot(row, col) for col in bt] for row in a]


def matvec(a: list[list[Fraction]], v: list[Fraction]) -> list[Fraction]:
    """The exact product a v (a may have zero columns, then the result is zero)."""
    return [dot(row, v) for row in a]


def mat_sub(a: list[list[Fraction]], b: list[list[Fraction]]) -> list[list[Fraction]]:
    """The entrywise difference a - b of equal-shape matrices."""
    return [[x - y for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def vec_add(*vs: list[Fraction]) -> list[Fraction]:
    """The entrywise sum of equal-length vectors."""
    return [sum(xs, Fraction(0)) for xs in zip(*vs)]


def canonical(x: Fraction) -> str:
    """The canonical spelling of a rational: lowest terms, str(Fraction), e.g. "3", "-17/10"."""
    return str(Fraction(x))


def det(a: list[list[Fraction]]) -> Fraction:
    """The determinant by exact Gaussian elimination with row exchanges."""
    m = [list(row) for row in a]
    n, sign, result = len(m), 1, Fraction(1)
    for k in range(n):
        pivot = next((i for i in range(k, n) if m[i][k] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != k:
            m[k], m[pivot] = m[pivot], m[k]
            sign = -sign
        result *= m[k][k]
        for i in range(k + 1, n):
            f = m[i][k] / m[k][k]
            if f:
                m[i] = [x - f * y for x, y in zip(m[i], m[k])]
    return sign * result


_PRIMES = (2 ** 61 - 1, 2 ** 31 - 1)


def det_nonzero(a: list[list[Fraction]]) -> bool:
    """det(a) != 0, decided fast: reduction mod a prime p (not dividing any denominator) is a ring
    homomorphism Z_(p) -> F_p, so a nonzero determinant mod p proves a nonzero determinant; when every
    tried prime gives 0, the exact determinant decides."""
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
    return det(a) != 0
