"""Each claim of verified_dyn.testing both ways, against answers derived independently of the package:
closed forms of hand-built maps, float simulation, exact determinants computed here.

The maps (1-D unless said otherwise):
- ONE_ATTRACTOR  x' = x/2 - relu(x) + 1: slopes 1/2 (x < 0, fixed point 2 is not < 0) and -1/2 (x > 0,
  fixed point 2/3): exactly one fixed point, attracting;
- REPELLER       x' = 3x - relu(x) + 1: x < 0 gives the fixed point -1/2 (slope 3, repelling), x > 0 none;
- BISTABLE       x' = x/2 + 3/2 relu(x + 1) - 3/2 relu(x - 1) - 3/2: fixed points -3 (slope 1/2), 0 (slope 2),
  3 (slope 1/2); the map is increasing, so there is no orbit of period >= 2;
- CONTRACTION    x' = x/2 - relu(x)/4 + 1: Lipschitz constant 1/2 < 1;
- ESCAPING       x' = x + relu(x) + 1 > x everywhere: no periodic orbit at all.
"""

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest

import verified_dyn as vd
from verified_dyn.testing import assertions
from verified_dyn.testing import claims as C

ONE_ATTRACTOR = vd.PLRNN(A=[["1/2"]], W=[["-1"]], h=["1"])
REPELLER = vd.PLRNN(A=[["3"]], W=[["-1"]], h=["1"])
BISTABLE = vd.ShallowPLRNN(
    A=[["1/2"]], W1=[["3/2", "-3/2"]], W2=[["1"], ["1"]], h1=["-3/2"], h2=["1", "-1"], name="bistable"
)
CONTRACTION = vd.PLRNN(A=[["1/2"]], W=[["-1/4"]], h=["1"])
ESCAPING = vd.PLRNN(A=[["1"]], W=[["1"]], h=["1"])


pytestmark = pytest.mark.usefixtures("claim_certificates_in_tmp")


def float_attractors(model, starts, steps=400):
    """The distinct end points of float orbits (rounded), a brute-force count of attracting fixed points."""
    ends = set()
    for x in starts:
        z = np.array([x], dtype=float)
        for _ in range(steps):
            z = model(z)
        ends.add(round(float(z[0]), 6))
    return sorted(ends)


# ---- orbits ---------------------------------------------------------------------------------------------
def test_attracting_cycle_both_ways():
    v = C.has_attracting_cycle(1).check(ONE_ATTRACTOR)
    assert v.proved and v.certificates
    assert "0.666667" in v.evidence[0]  # the fixed point 2/3 of the closed form
    assert vd.verify(v.certificates[0], ONE_ATTRACTOR).proved
    w = C.has_attracting_cycle(1).check(REPELLER)
    assert w.disproved and any("census" in e for e in w.evidence)  # backed by the census certificate
    assert all(vd.verify(c, REPELLER).proved for c in w.certificates)


def test_attractor_count_and_multistability_against_simulation():
    assert float_attractors(BISTABLE, np.linspace(-10, 10, 41)) == [-3.0, 0.0, 3.0]  # 0 is hit from x0 = 0 only
    assert float_attractors(BISTABLE, np.linspace(-10, 10, 40)) == [-3.0, 3.0]
    assert C.attractor_count(2, 2).check(BISTABLE).proved
    v = C.attractor_count(1, 1).check(BISTABLE)
    assert v.disproved and len(v.certificates) >= 2  # two kernel-checked attracting orbits
    assert C.multistable().check(BISTABLE).proved
    assert float_attractors(CONTRACTION, np.linspace(-10, 10, 40)) == [1.333333]  # x = x/4 + 1 for x > 0: 4/3
    m = C.multistable().check(CONTRACTION)
    assert m.disproved and "contraction" in m.evidence[0]


def test_no_cycles_both_ways():
    assert C.no_cycles_up_to(3).check(ESCAPING).proved
    v = C.no_cycles_up_to(2).check(BISTABLE)
    assert v.disproved and "period-1" in v.evidence[0]


# ---- chaos and boundedness -----------------------------------------------------------------------------
def float_lyapunov_2d(model, steps=3000) -> float:
    A, W, h = model.A_float, model.W1_float, model.h1_float
    z, v, total = np.array([0.1, 0.2]), np.array([1.0, 0.3]), 0.0
    for t in range(steps):
        J = A + W * (z > 0)
        z = A @ z + W @ np.maximum(z, 0.0) + h
        v = J @ v
        total += np.log(np.linalg.norm(v)) if t >= 100 else 0.0
        v = v / np.linalg.norm(v)
    assert np.abs(z).max() < 100  # a bounded orbit
    return total / (steps - 100)


# the counterexample hypothesis finds to "2-D PLRNNs with |entries| <= 2 are non-chaotic"
CHAOTIC = vd.PLRNN(A=[["0", "-1"], ["-1", "0"]], W=[["0", "2"], ["-1", "0"]], h=["0", "1"])


def test_chaos_both_ways_and_the_negation():
    assert float_lyapunov_2d(CHAOTIC) > 0.1  # independent: a positive Lyapunov exponent on a bounded orbit
    v = C.chaotic().check(CHAOTIC)
    assert v.proved and vd.verify(v.certificates[0], CHAOTIC).proved
    assert C.not_chaotic().check(CHAOTIC).disproved
    assert C.chaotic().check(CONTRACTION).disproved
    ok = C.not_chaotic().check(CONTRACTION)
    assert ok.proved and ok.claim == "is not chaotic"


def test_bounded_orbits_pl_maps():
    assert C.bounded_orbits().check(CONTRACTION).proved
    v = C.bounded_orbits().check(ESCAPING)  # unbounded indeed, but no certificate of that: honest
    assert v.inconclusive and "not certified" in v.reasons[0]


def test_ctrnn_claims_both_ways():
    assert (C.conserves_G() & C.skew_symmetric() & C.bounded_orbits()).check("skew_tanh_2d").proved
    v = C.bounded_orbits().check("skew_gauss_2d")
    assert v.disproved and "3/2, 3/2" in " ".join(v.evidence)
    # independent: a float orbit of x' = W s(x), s(x) = x exp(-x^2), W = [[0, 1], [-1, 0]] from (3/2, 3/2)
    g = vd.load_model("skew_gauss_2d")
    W = np.array([[float(x) for x in row] for row in g.W])
    x = np.array([1.5, 1.5])
    for _ in range(20000):
        x = x + 0.01 * W @ (x * np.exp(-(x**2)))
    assert np.abs(x).max() > 3.0
    sym = vd.load_model({"kind": "ctrnn", "W": [["0", "1"], ["1", "0"]], "activation": "tanh"})
    assert C.skew_symmetric().check(sym).disproved and C.conserves_G().check(sym).disproved


def test_claims_of_the_other_kind_are_inconclusive():
    assert C.chaotic().check("skew_tanh_2d").inconclusive
    assert C.conserves_G().check(CONTRACTION).inconclusive


# ---- invertibility: exact determinants computed here ---------------------------------------------------
def det(M):
    """Exact determinant by Fraction Gaussian elimination."""
    M = [list(map(Fraction, row)) for row in M]
    n, d = len(M), Fraction(1)
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return Fraction(0)
        if p != c:
            M[c], M[p], d = M[p], M[c], -d
        d *= M[c][c]
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return d


def region_dets(model):
    """{bits over all hidden units: det(A + W1 D W2)}, exactly, independently of the package."""
    out = {}
    for bits in itertools.product((0, 1), repeat=model.hidden):
        M = [
            [
                model.A[i][j] + sum(model.W1[i][h] * bits[h] * model.W2[h][j] for h in range(model.hidden))
                for j in range(model.dim)
            ]
            for i in range(model.dim)
        ]
        out[bits] = det(M)
    return out


def test_invertible_both_ways_with_exact_determinants():
    lozi = vd.load_model("lozi")  # (x, y) -> (1 + y - a|x|, b x): det = -(a or -a)*0 - b... = -b on both sides
    assert set(region_dets(lozi).values()) == {Fraction(-1, 2)}
    assert C.invertible().check("lozi").proved
    tent = vd.load_model("tent:slope=2")
    dets = set(region_dets(tent).values())
    assert dets == {Fraction(2), Fraction(-2)}
    v = C.invertible().check(tent)
    assert v.disproved
    text = v.explain()
    assert "(exact: 2)" in text and "(exact: -2)" in text and "interior point" in text


def test_invertibility_refuses_too_many_regions():
    v = C.invertible(limit=1).check(BISTABLE)
    assert v.inconclusive and "refused" in v.reasons[0]


def test_a_singular_region_disproves_invertibility():
    flat = vd.PLRNN(A=[["1", "0"], ["0", "1"]], W=[["-1", "0"], ["0", "0"]], h=["0", "0"])  # x > 0: x' = 0
    assert region_dets(flat)[(1, 0)] == 0
    v = C.invertible().check(flat)
    assert v.disproved and "(exact: 0)" in v.explain()


# ---- composition: Kleene logic ---------------------------------------------------------------------------
class Fixed(C.Claim):
    def __init__(self, verdict):
        self.verdict = verdict
        self.text = verdict.lower()

    def _decide(self, ctx):
        return C.Verdict(self.verdict, self.text, reasons=(f"fixed {self.verdict}",))


KLEENE_AND = {("P", "P"): "P", ("P", "I"): "I", ("P", "D"): "D", ("I", "I"): "I", ("I", "D"): "D", ("D", "D"): "D"}
NAMES = {"P": C.PROVED, "I": C.INCONCLUSIVE, "D": C.DISPROVED}


@pytest.mark.parametrize("a,b", list(itertools.product("PID", repeat=2)))
def test_kleene_and_or_not(a, b):
    conj = KLEENE_AND.get((a, b)) or KLEENE_AND[(b, a)]
    neg = {"P": "D", "D": "P", "I": "I"}
    disj = neg[KLEENE_AND.get((neg[a], neg[b])) or KLEENE_AND[(neg[b], neg[a])]]
    x, y = Fixed(NAMES[a]), Fixed(NAMES[b])
    assert (x & y).check(CONTRACTION).verdict == NAMES[conj]
    assert (x | y).check(CONTRACTION).verdict == NAMES[disj]
    assert (~x).check(CONTRACTION).verdict == NAMES[neg[a]]
    assert (~(x & y)).check(CONTRACTION).verdict == ((~x) | (~y)).check(CONTRACTION).verdict  # De Morgan


def test_inconclusive_is_never_a_pass():
    i = Fixed(C.INCONCLUSIVE)
    for c in (i, ~i, i & i, i | i, ~(i & Fixed(C.PROVED)), i | Fixed(C.DISPROVED)):
        v = c.check(CONTRACTION)
        assert not v and v.inconclusive
        with pytest.raises(AssertionError, match="INCONCLUSIVE"):
            assertions.assert_proved(CONTRACTION, c)


# ---- assertions --------------------------------------------------------------------------------------
def test_assertion_messages_are_actionable():
    with pytest.raises(AssertionError) as e:
        assertions.assert_proved(REPELLER, C.has_attracting_cycle(1))
    msg = str(e.value)
    for part in (
        "expected the claim to be PROVED, got DISPROVED",
        "claim:",
        "reasons:",
        "counterexample",
        "verified-dyn verify",
    ):
        assert part in msg, msg
    assert assertions.assert_disproved(REPELLER, C.has_attracting_cycle(1)).disproved
    with pytest.raises(pytest.skip.Exception, match="INCONCLUSIVE"):
        assertions.assert_proved(ESCAPING, C.bounded_orbits(), inconclusive="skip")
    with pytest.raises(ValueError):
        assertions.assert_proved(ESCAPING, C.bounded_orbits(), inconclusive="pass")
    assert assertions.assert_not_disproved(ESCAPING, C.bounded_orbits()).inconclusive
    with pytest.raises(TypeError):
        assertions.check(ESCAPING, "chaotic")


def test_written_model_files_read_back_with_the_same_hash(tmp_path):
    for m in (BISTABLE, vd.load_model("skew_gauss_2d"), vd.load_model("lozi")):
        assert vd.load_model(C.write_model(m, tmp_path / "m.json")).hash == m.hash


def test_the_records_list_every_top_level_check():
    n = len(C.RECORD)
    (C.chaotic() | C.invertible()).check("lozi")
    assert len(C.RECORD) == n + 1 and C.RECORD[-1].claim.startswith("(is chaotic) or")
    assert math.isfinite(len(C.RECORD))
