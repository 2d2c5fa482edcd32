"""numba kernels for growing 1-D invariant manifolds piece by piece in float64 (MATH §3).

A *piece* is a segment [a, b] lying in the closure of one linear region (``code`` = bits of the
active units, bit j for the j-th active unit). Both kernels are self-contained loops so that the
plain-Python twins (``forward_generation_py`` / ``backward_generation_py``, the same source without
compilation) can be tested against the compiled versions.

- ``forward_generation``: images. F is affine on each input piece, so F([a, b]) = [F(a), F(b)]
  exactly; the image segment is cut where it crosses a switching hyperplane u_i = 0 (solve the
  linear equation in the segment parameter), and each sub-piece is clipped to the box.
- ``backward_generation``: **all** preimages. For every region d with invertible M_d, the affine
  preimage [M_d^-1 (a - c_d), M_d^-1 (b - c_d)] is clipped to the closed region d (the half-spaces
  u_i >= 0 for d_i = 1, u_i <= 0 otherwise) and to the box; a non-empty remainder is a preimage
  piece in region d. Regions with singular M_d are skipped by the caller (and reported).

Cost: O(pieces x active units) forward, O(pieces x regions x active units) backward. How results can
miss: pieces shorter than ``min_len`` are dropped, everything outside the box is dropped (a branch
that leaves the box and returns is lost), and all arithmetic is float64 (untrusted).
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def _clip_to_box(za, zb, t0, t1, lo, hi, min_len):
    """The parameter range [t0, t1] of the segment za + t (zb - za) cut to the box [lo, hi]; returned
    empty (t1 <= t0) if nothing remains or the remainder is shorter than min_len. Shared by both kernels
    and their plain-Python twins."""
    for j in range(za.shape[0]):
        d = zb[j] - za[j]
        if d == 0.0:
            if za[j] < lo[j] or za[j] > hi[j]:
                return t0, t0 - 1.0
            continue
        e0 = (lo[j] - za[j]) / d
        e1 = (hi[j] - za[j]) / d
        if e0 > e1:
            e0, e1 = e1, e0
        t0 = max(t0, e0)
        t1 = min(t1, e1)
    if t1 <= t0:
        return t0, t1
    length = 0.0
    for j in range(za.shape[0]):
        length += ((zb[j] - za[j]) * (t1 - t0)) ** 2
    if length < min_len * min_len:
        return t0, t0 - 1.0
    return t0, t1


def _forward(a_in, b_in, n, A, W1, W2, h1, h2, active, lo, hi, min_len, a_out, b_out, code_out):
    """Images of the n pieces, cut into regions and clipped to [lo, hi]; returns the output count."""
    M = a_in.shape[1]
    H = W2.shape[0]
    na = active.shape[0]
    fa = np.empty(M)
    fb = np.empty(M)
    ua = np.empty(na)
    ub = np.empty(na)
    ts = np.empty(na + 2)
    count = 0
    for p in range(n):
        for side in range(2):
            z = a_in[p] if side == 0 else b_in[p]
            out = fa if side == 0 else fb
            for i in range(M):
                s = h1[i]
                for j in range(M):
                    s += A[i, j] * z[j]
                for k in range(H):
                    u = h2[k]
                    for j in range(M):
                        u += W2[k, j] * z[j]
                    if u > 0.0:
                        s += W1[i, k] * u
                out[i] = s
        for q in range(na):
            k = active[q]
            sa = h2[k]
            sb = h2[k]
            for j in range(M):
                sa += W2[k, j] * fa[j]
                sb += W2[k, j] * fb[j]
            ua[q] = sa
            ub[q] = sb
        nt = 1
        ts[0] = 0.0
        for q in range(na):
            if (ua[q] > 0.0 and ub[q] < 0.0) or (ua[q] < 0.0 and ub[q] > 0.0):
                t = ua[q] / (ua[q] - ub[q])
                pos = nt
                while pos > 0 and ts[pos - 1] > t:
                    ts[pos] = ts[pos - 1]
                    pos -= 1
                ts[pos] = t
                nt += 1
        ts[nt] = 1.0
        nt += 1
        for s in range(nt - 1):
            t0 = ts[s]
            t1 = ts[s + 1]
            t0, t1 = _clip_to_box(fa, fb, t0, t1, lo, hi, min_len)
            if t1 <= t0:
                continue
            tm = 0.5 * (t0 + t1)
            code = 0
            for q in range(na):
                if ua[q] + tm * (ub[q] - ua[q]) > 0.0:
                    code |= 1 << q
            for j in range(M):
                a_out[count, j] = fa[j] + t0 * (fb[j] - fa[j])
                b_out[count, j] = fa[j] + t1 * (fb[j] - fa[j])
            code_out[count] = code
            count += 1
    return count


def _backward(a_in, b_in, n, Minv, cs, codes, W2, h2, active, lo, hi, min_len, a_out, b_out, code_out):
    """Preimages of the n pieces under every listed region (Minv[r], cs[r], codes[r])."""
    M = a_in.shape[1]
    na = active.shape[0]
    R = Minv.shape[0]
    za = np.empty(M)
    zb = np.empty(M)
    count = 0
    for p in range(n):
        for r in range(R):
            for i in range(M):
                sa = 0.0
                sb = 0.0
                for j in range(M):
                    sa += Minv[r, i, j] * (a_in[p, j] - cs[r, j])
                    sb += Minv[r, i, j] * (b_in[p, j] - cs[r, j])
                za[i] = sa
                zb[i] = sb
            t0 = 0.0
            t1 = 1.0
            for q in range(na):  # clip to the closed region: sign(u) * u >= 0
                k = active[q]
                sa = h2[k]
                sb = h2[k]
                for j in range(M):
                    sa += W2[k, j] * za[j]
                    sb += W2[k, j] * zb[j]
                if (codes[r] >> q) & 1 == 0:
                    sa = -sa
                    sb = -sb
                if sa < 0.0 and sb < 0.0:
                    t1 = -1.0
                    break
                if sa < 0.0:
                    t0 = max(t0, sa / (sa - sb))
                elif sb < 0.0:
                    t1 = min(t1, sa / (sa - sb))
            t0, t1 = _clip_to_box(za, zb, t0, t1, lo, hi, min_len)
            if t1 <= t0:
                continue
            for j in range(M):
                a_out[count, j] = za[j] + t0 * (zb[j] - za[j])
                b_out[count, j] = za[j] + t1 * (zb[j] - za[j])
            code_out[count] = codes[r]
            count += 1
    return count


forward_generation_py = _forward
backward_generation_py = _backward
forward_generation = njit(cache=True)(_forward)
backward_generation = njit(cache=True)(_backward)
