"""Propose global 1-D stable / unstable manifolds of a cycle by exact-in-form growth in float64 (MATH §3).

Input: a local piece for each cycle point z_j, the segment z_j + t v_j, |t| <= r (v_j eigen-directions
of the eigenvalue lam of P = DF^k along the cycle). Output: pieces (segments, each inside one closed
linear region) of

    W^u = U_n F^n(D)   (unstable, |lam| > 1)     or     W^s = U_n F^-n(D)   (stable, |lam| < 1, all preimages)

where D is a fundamental domain of the local segment at z_1: the two segments between
t = +-r |lam|^-m and t = +-r (unstable), or t = +-r |lam|^m and +-r (stable), with m = 1 for lam > 0 and
m = 2 for lam < 0 (F^k flips the sides). The local segments S_j themselves are generation 0. For the
stable manifold of a non-invertible map, generation 1 also holds the preimages of every whole S_j
through the regions other than that of the cycle point before z_j (the principal branch, whose new
part is already F^-1 of D): a point of W^s first enters the local segments either through the
principal branch or through one of these.

Each piece records its region (active bits), its generation n (number of applications of F or of an
inverse branch after D) and, for the stable manifold, nothing about which branch: every region whose
inverse branch is self-consistent contributes. Controls: ``iterations`` (n <= N), ``box`` (everything
outside is dropped), ``max_pieces`` (growth stops, ``stopped`` says so). Float64 throughout: these
are proposals; the vertices are accurate to rounding times the accumulated expansion.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ..models.pl import PLModel
from ..models.regions import pattern_of_code
from ..progress import Progress
from . import manifold_kernels as K

MIN_LEN = 1e-13


@dataclass
class GrownManifold:
    kind: str
    a: np.ndarray  # (n, M) piece start points
    b: np.ndarray  # (n, M) piece end points
    code: np.ndarray  # (n,) region bit code over the active units
    generation: np.ndarray  # (n,) 0 = local segment, n >= 1 applications of F (or inverse branches)
    stopped: str = ""
    singular_regions: list = field(default_factory=list)  # codes of regions skipped (det M_d = 0)
    seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.code)


def region_arrays(model: PLModel, codes) -> tuple[np.ndarray, np.ndarray]:
    """Float M_d and c_d for the given codes (search only)."""
    f = model.f
    Ms, cs = [], []
    for code in codes:
        D = np.array(pattern_of_code(model, code), dtype=float)
        Ms.append(f["A"] + (f["W1"] * D) @ f["W2"])
        cs.append(f["h1"] + (f["W1"] * D) @ f["h2"])
    return np.array(Ms).reshape(len(Ms), model.dim, model.dim), np.array(cs).reshape(len(cs), model.dim)


def fundamental_domain(centre, direction, radius, lam, kind):
    """The two segments of D (module docstring) as (a, b) arrays."""
    c, v = np.asarray(centre, float), np.asarray(direction, float)
    m = 1 if lam > 0 else 2
    inner = radius * (abs(lam) ** (-m) if kind == "unstable" else abs(lam) ** m)
    return (np.array([c + inner * v, c - radius * v]), np.array([c + radius * v, c - inner * v]))


def grow_manifold(
    model: PLModel,
    kind: str,
    local,
    lam: float,
    iterations: int = 20,
    box=None,
    max_pieces: int = 200_000,
    jit: bool = True,
    progress: bool = False,
    singular_codes=(),
) -> GrownManifold:
    """Grow a 1-D manifold from its local pieces ``local`` = [(centre, direction, radius), ...].

    ``singular_codes``: regions known (exactly, by the caller) to have det M_d = 0; they are skipped
    for preimages. Regions with a float-singular M_d are skipped too and listed."""
    t_start = time.perf_counter()
    M = model.dim
    f = model.f
    lo, hi = _box(box, M)
    active = np.array(model.active_units, dtype=np.int64)
    fwd = K.forward_generation if jit else K.forward_generation_py
    bwd = K.backward_generation if jit else K.backward_generation_py
    codes0, pieces = [], []
    for c, v, r in local:
        c, v = np.asarray(c, float), np.asarray(v, float)
        pieces.append((c - r * v, c + r * v))
        codes0.append(_code_float(model, c))
    A0 = np.array([p[0] for p in pieces])
    B0 = np.array([p[1] for p in pieces])
    out_a, out_b, out_code, out_gen = [A0], [B0], [np.array(codes0, np.int64)], [np.zeros(len(A0), np.int64)]
    c, v, r = local[0]
    a, b = fundamental_domain(c, v, r, lam, kind)
    a, b, code = _split_initial(model, a, b, lo, hi, fwd)
    singular = list(singular_codes)
    if kind == "stable":
        all_codes = np.arange(2 ** len(active), dtype=np.int64)
        Ms, cs = region_arrays(model, all_codes)
        keep = []
        for idx, code_r in enumerate(all_codes):
            if int(code_r) in singular:
                continue
            if abs(np.linalg.det(Ms[idx])) < 1e-14 * max(1.0, np.abs(Ms[idx]).max()) ** M:
                singular.append(int(code_r))
                continue
            keep.append(idx)
        codes_r = all_codes[keep]
        Minv = np.array([np.linalg.inv(Ms[i]) for i in keep]).reshape(len(keep), M, M)
        cs_r = cs[keep].reshape(len(keep), M)
    total, stopped = len(A0) + len(a), ""
    bar = Progress(f"manifold ({kind})", enabled=progress)
    for gen in range(iterations + 1):
        out_a.append(a)
        out_b.append(b)
        out_code.append(code)
        out_gen.append(np.full(len(a), gen, np.int64))
        if gen == iterations or len(a) == 0:
            break
        n = len(a)
        cap = n * (len(active) + 1) if kind == "unstable" else n * max(len(codes_r), 1)
        na, nb, nc = np.empty((cap, M)), np.empty((cap, M)), np.empty(cap, np.int64)
        if kind == "unstable":
            cnt = fwd(a, b, n, f["A"], f["W1"], f["W2"], f["h1"], f["h2"], active, lo, hi, MIN_LEN, na, nb, nc)
        else:
            cnt = bwd(a, b, n, Minv, cs_r, codes_r, f["W2"], f["h2"], active, lo, hi, MIN_LEN, na, nb, nc)
        a, b, code = na[:cnt], nb[:cnt], nc[:cnt]
        if kind == "stable" and gen == 0:
            ea, eb, ec = _secondary_preimages(A0, B0, codes0, Minv, cs_r, codes_r, f, active, lo, hi, bwd)
            a, b, code = np.concatenate([a, ea]), np.concatenate([b, eb]), np.concatenate([code, ec])
            cnt = len(a)
        total += cnt
        bar.tick(total, generation=gen)
        if total > max_pieces:
            keep_n = max(0, cnt - (total - max_pieces))
            a, b, code = a[:keep_n], b[:keep_n], code[:keep_n]
            stopped = f"stopped at generation {gen}: more than {max_pieces} pieces (--max-pieces)"
            out_a.append(a)
            out_b.append(b)
            out_code.append(code)
            out_gen.append(np.full(len(a), gen + 1, np.int64))
            break
    bar.done(total)
    return GrownManifold(
        kind,
        np.concatenate(out_a).reshape(-1, M),
        np.concatenate(out_b).reshape(-1, M),
        np.concatenate(out_code),
        np.concatenate(out_gen),
        stopped,
        sorted(set(singular)),
        time.perf_counter() - t_start,
    )


def _secondary_preimages(A0, B0, codes0, Minv, cs_r, codes_r, f, active, lo, hi, bwd):
    """Preimages of each whole local segment S_j under every region except the region of the cycle
    point before it (that principal branch is covered by the preimages of D). Needed for maps that
    are not invertible: points near the cycle can have preimages far from it."""
    k, M = len(A0), A0.shape[1]
    outs = []
    for j in range(k):
        keep = codes_r != codes0[j - 1]
        n_r = int(keep.sum())
        if n_r == 0:
            continue
        na, nb, nc = np.empty((n_r, M)), np.empty((n_r, M)), np.empty(n_r, np.int64)
        cnt = bwd(
            A0[j : j + 1],
            B0[j : j + 1],
            1,
            np.ascontiguousarray(Minv[keep]),
            np.ascontiguousarray(cs_r[keep]),
            np.ascontiguousarray(codes_r[keep]),
            f["W2"],
            f["h2"],
            active,
            lo,
            hi,
            MIN_LEN,
            na,
            nb,
            nc,
        )
        outs.append((na[:cnt], nb[:cnt], nc[:cnt]))
    if not outs:
        return np.empty((0, M)), np.empty((0, M)), np.empty(0, np.int64)
    return tuple(np.concatenate([o[i] for o in outs]) for i in range(3))


def _box(box, M):
    if box is None:
        return np.full(M, -np.inf), np.full(M, np.inf)
    box = np.asarray(box, float).reshape(M, 2)
    return box[:, 0].copy(), box[:, 1].copy()


def _code_float(model, z) -> int:
    u = model.f["W2"] @ z + model.f["h2"]
    return sum(int(u[i] > 0) << q for q, i in enumerate(model.active_units))


def _split_initial(model, a, b, lo, hi, fwd):
    """Cut the fundamental-domain segments by the hyperplanes without mapping them: cut their
    preimage under the identity, i.e. run the forward kernel on the identity map."""
    M = model.dim
    f = model.f
    n = len(a)
    cap = n * (len(model.active_units) + 1)
    na, nb, nc = np.empty((cap, M)), np.empty((cap, M)), np.empty(cap, np.int64)
    eye, zeroW1 = np.eye(M), np.zeros((M, model.hidden))
    cnt = fwd(
        np.ascontiguousarray(a),
        np.ascontiguousarray(b),
        n,
        eye,
        zeroW1,
        f["W2"],
        np.zeros(M),
        f["h2"],
        np.array(model.active_units, dtype=np.int64),
        lo,
        hi,
        MIN_LEN,
        na,
        nb,
        nc,
    )
    return na[:cnt], nb[:cnt], nc[:cnt]


def distance_to_segments(Q, a, b, chunk: int = 4096) -> np.ndarray:
    """Euclidean distance from each point of Q (n x M) to the union of the segments [a_i, b_i]."""
    Q = np.asarray(Q, float)
    out = np.full(len(Q), np.inf)
    if len(a) == 0:
        return out
    d = b - a
    dd = np.maximum(np.sum(d * d, axis=1), 1e-300)
    for s in range(0, len(a), chunk):
        A, D, DD = a[s : s + chunk], d[s : s + chunk], dd[s : s + chunk]
        for q0 in range(0, len(Q), 1024):
            q = Q[q0 : q0 + 1024]
            rel = q[:, None, :] - A[None, :, :]
            t = np.clip(np.einsum("qsm,sm->qs", rel, D) / DD[None, :], 0.0, 1.0)
            diff = rel - t[:, :, None] * D[None, :, :]
            dist = np.sqrt(np.min(np.sum(diff * diff, axis=2), axis=1))
            out[q0 : q0 + 1024] = np.minimum(out[q0 : q0 + 1024], dist)
    return out
