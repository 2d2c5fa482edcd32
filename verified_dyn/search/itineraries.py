"""Itineraries up to rotation: Lyndon words over the alphabet of regions.

Proposes every primitive itinerary of a given length exactly once (its least rotation), so that each
prime periodic orbit with that minimal period is proposed once. Cost: about R^k / k words for R regions
and length k (Duval's algorithm, constant amortised time per word). It misses nothing: every
primitive sequence has exactly one rotation that is a Lyndon word.
"""

from __future__ import annotations

from collections.abc import Iterator


def lyndon_words(alphabet_size: int, length: int) -> Iterator[tuple[int, ...]]:
    """All Lyndon words of exactly ``length`` over 0..alphabet_size-1, in lexicographic order."""
    if alphabet_size < 1 or length < 1:
        return
    if alphabet_size == 1:
        if length == 1:
            yield (0,)
        return
    w = [-1]
    while w:
        w[-1] += 1
        if len(w) == length:
            yield tuple(w)
        m = len(w)
        while len(w) < length:
            w.append(w[len(w) - m])
        while w and w[-1] == alphabet_size - 1:
            w.pop()


def _mobius(n: int) -> int:
    result, p = 1, 2
    while p * p <= n:
        if n % p == 0:
            n //= p
            if n % p == 0:
                return 0
            result = -result
        p += 1
    return -result if n > 1 else result


def count_lyndon(alphabet_size: int, length: int) -> int:
    """Number of Lyndon words: (1/k) sum_{e | k} mu(k/e) R^e (necklace counting)."""
    total = sum(_mobius(length // e) * alphabet_size**e for e in range(1, length + 1) if length % e == 0)
    return total // length
