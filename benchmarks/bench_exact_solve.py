"""Exact orbit solves: python-flint fmpq_mat against sympy DomainMatrix over QQ, in the same run.

For each workload, compose P and c along every itinerary and solve (I - P) z = c exactly with both
backends; checks that both give the same solutions and prints seconds and the ratio.
Usage: python benchmarks/bench_exact_solve.py
"""

from __future__ import annotations

import time

import flint
from sympy import QQ
from sympy.polys.matrices import DomainMatrix

from verified_dyn.certify.cycle import compose
from verified_dyn.models import all_patterns, load_model, region_map
from verified_dyn.rationals import from_fmpq
from verified_dyn.search import lyndon_words


def workloads():
    lozi = load_model("lozi")
    pats = list(all_patterns(lozi))
    its = [[pats[i] for i in w] for k in range(1, 13) for w in lyndon_words(len(pats), k)]
    yield "Lozi (1.7, 0.5), all itineraries p <= 12 (2-D)", lozi, its
    ck = load_model("scyfi_multistable", 0)
    yield "trained checkpoint 0, fixed points of all 1024 regions (8-D)", ck, [[d] for d in all_patterns(ck)]


def solve_flint(model, it):
    P, c = compose(model, it)
    n = model.dim
    ImP = -P
    for i in range(n):
        ImP[i, i] += 1
    return None if ImP.det() == 0 else [from_fmpq(x) for x in ImP.solve(c).entries()]


def solve_sympy(model, it, cache):
    n = model.dim
    P = DomainMatrix.eye(n, QQ)
    c = DomainMatrix.zeros((n, 1), QQ)
    for d in it:
        if d not in cache:
            M, cd = region_map(model, d)
            cache[d] = (
                DomainMatrix([[QQ(int(M[i, j].p), int(M[i, j].q)) for j in range(n)] for i in range(n)], (n, n), QQ),
                DomainMatrix([[QQ(int(cd[i, 0].p), int(cd[i, 0].q))] for i in range(n)], (n, 1), QQ),
            )
        M, cd = cache[d]
        P, c = M * P, M * c + cd
    ImP = DomainMatrix.eye(n, QQ) - P
    if ImP.det() == 0:
        return None
    z = ImP.lu_solve(c)
    return [QQ.to_sympy(z.rep.to_ddm()[i][0]) for i in range(n)]


def main():
    print(f"python-flint {flint.__version__}")
    for name, model, its in workloads():
        t = time.perf_counter()
        a = [solve_flint(model, it) for it in its]
        tf = time.perf_counter() - t
        cache = {}
        t = time.perf_counter()
        b = [solve_sympy(model, it, cache) for it in its]
        ts = time.perf_counter() - t
        same = all(
            (x is None and y is None)
            or (
                x is not None
                and y is not None
                and all(int(p.numerator) == int(q.p) and int(p.denominator) == int(q.q) for p, q in zip(x, y))
            )
            for x, y in zip(a, b)
        )
        print(
            f"{name}: {len(its)} solves; flint {tf:.3f} s, sympy DomainMatrix {ts:.3f} s, "
            f"ratio {ts / tf:.1f}x, identical solutions: {same}"
        )


if __name__ == "__main__":
    main()
