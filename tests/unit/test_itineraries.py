import itertools

import pytest

from verified_dyn.search import count_lyndon, lyndon_words


@pytest.mark.parametrize("r,k", [(1, 1), (1, 3), (2, 1), (2, 6), (3, 4), (4, 3)])
def test_lyndon_words_are_the_primitive_least_rotations(r, k):
    """Independent brute force: all sequences, keep the primitive ones equal to their least rotation."""
    brute = set()
    for s in itertools.product(range(r), repeat=k):
        rots = [s[i:] + s[:i] for i in range(k)]
        if len(set(rots)) == k and s == min(rots):
            brute.add(s)
    got = list(lyndon_words(r, k))
    assert len(got) == len(set(got)) and set(got) == brute and len(brute) == count_lyndon(r, k)


def test_necklace_counts_table():
    # number of binary Lyndon words (OEIS A001037): 2, 1, 2, 3, 6, 9, 18, 30, 56, 99, 186, 335
    assert [count_lyndon(2, k) for k in range(1, 13)] == [2, 1, 2, 3, 6, 9, 18, 30, 56, 99, 186, 335]
