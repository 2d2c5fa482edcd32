"""The claim checkers against valid and broken certificates (proofs/README.md §2-§4).

Orbits and witnesses are worked out by hand in the comments; model hashes are computed here with
the README formula (independently of the kernel) or copied from values recorded with hashlib.
"""

import copy
import hashlib
import json
from pathlib import Path

import pytest

from verified_dyn.kernel import check
from verified_dyn.kernel.core.verdict import Fail, run_obligations
from verified_dyn.kernel.tools import builtin
from verified_dyn.kernel.tools.builtin import ABS, BORDER, PERIODIC, TENT, border, periodic


def model(nf, name="test"):
    text = json.dumps(nf, sort_keys=True, separators=(",", ":")).encode("ascii")
    return {"kind": "shplrnn", "name": name, "hash": "sha256:" + hashlib.sha256(text).hexdigest(), "normal_form": nf}


# z' = diag(1/2, 3) z + (1, -2), H = 0: fixed point (2, 1); P = diag(1/2, 3), a saddle.
# S = diag(4/3, -1/8): Q = S - P S P = diag(1, 1).
SADDLE = model({"A": [["1/2", "0"], ["0", "3"]], "W1": [[], []], "W2": [], "h1": ["1", "-2"], "h2": []})
STEIN_SADDLE = {"method": "stein", "S": [["4/3", "0"], ["0", "-1/8"]]}
# x' = |x| = -x + 2 relu(x): 0 is a border fixed point.
ABSX = model({"A": [["-1"]], "W1": [["2"]], "W2": [["1"]], "h1": ["0"], "h2": ["0"]})
# x' = x/2 + relu(x + 1) + 0 relu(x) - 1: fixed point 0 with u = (1, 0); unit 1 is inert.
# M_d = 1/2 + 1 = 3/2 for d = (1, *); S = -4/5: Q = S - 9/4 S = -5/4 S = 1.
INERT = model({"A": [["1/2"]], "W1": [["1", "0"]], "W2": [["1"], ["1"]], "h1": ["-1"], "h2": ["1", "0"]})
STEIN_INERT = {"method": "stein", "S": [["-4/5"]]}


def first_bad(v):
    return next((o["name"] for o in v.obligations if o["status"] in ("failed", "unknown")), None)


def assert_refuted(v, name, text=None):
    assert v.verdict == "REFUTED", v.to_dict()
    assert first_bad(v) == name, v.to_dict()
    statuses = [o["status"] for o in v.obligations]
    assert statuses[statuses.index("failed") + 1 :] == ["skipped"] * (len(statuses) - statuses.index("failed") - 1)
    if text:
        assert text in v.reason, v.reason


def edit(cert, path, value):
    out = copy.deepcopy(cert)
    target = out
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


VALID = builtin.valid()
T0 = VALID["tent fixed point 0"]


@pytest.mark.parametrize("name", sorted(VALID))
def test_builtin_valid_certificates_are_proved(name):
    v = check(VALID[name])
    assert v.verdict == "PROVED" and v.reason is None
    assert [o["status"] for o in v.obligations] == ["ok"] * 6
    assert [o["name"] for o in v.obligations] == (BORDER if "border" in name else PERIODIC)


def test_more_valid_certificates():
    saddle = periodic(SADDLE, [[]], [["2", "1"]], (1, 0, 1), "saddle", STEIN_SADDLE)
    assert check(saddle).verdict == "PROVED"
    # the inert unit may sit at u = 0 with either bit
    for d in ([1, 0], [1, 1]):
        assert check(periodic(INERT, [d], [["0"]], (0, 0, 1), "repelling", STEIN_INERT)).verdict == "PROVED"
    # tent 2-cycle with a plain stein witness: P = -4, S = -1/15
    cyc = periodic(TENT, [[1], [0]], [["4/5"], ["2/5"]], (0, 0, 1), "repelling", {"method": "stein", "S": [["-1/15"]]})
    assert check(cyc).verdict == "PROVED"
    # (x - 1)(x - 2): z' = diag(1, 2) z + (0, -1) fixes (0, 1); linear x - 1 and stein x - 2
    lin = model({"A": [["1", "0"], ["0", "2"]], "W1": [[], []], "W2": [], "h1": ["0", "-1"], "h2": []})
    fac = {
        "method": "factors",
        "factors": [
            {"poly": ["-1", "1"], "multiplicity": 1, "kind": "linear"},
            {"poly": ["-2", "1"], "multiplicity": 1, "kind": "stein", "S": [["-1/3"]]},
        ],
    }
    assert check(periodic(lin, [[]], [["0", "1"]], (0, 1, 1), "non-hyperbolic", fac)).verdict == "PROVED"
    assert check(border(ABS, [[1], [1]], [["0"], ["1"]])).verdict == "PROVED"  # u(0) = 0 fits d = 1 too


def test_expected_hash():
    assert check(T0, expected_hash=TENT["hash"]).verdict == "PROVED"
    assert_refuted(check(T0, expected_hash=ABS["hash"]), "model-hash", "expected hash")


@pytest.mark.parametrize(
    "path, value, text",
    [
        (["model", "hash"], ABS["hash"], "!= model.hash"),
        (["model", "normal_form", "h2"], ["-1/3"], "!= model.hash"),
        (["model", "normal_form", "A"], [["3"]], "!= model.hash"),
    ],
)
def test_model_hash_failures(path, value, text):
    assert_refuted(check(edit(T0, path, value)), "model-hash", text)


def test_orbit_closes_failures():
    assert_refuted(
        check(edit(T0, ["witness", "points"], [["1/3"]])), "orbit-closes", "F(points[0])[0] = 2/3 != points[0][0] = 1/3"
    )
    # 1/5 -> 2/5 is right, but 2/5 -> 4/5, not back to 1/5: the orbit does not close
    cyc = periodic(TENT, [[0], [1]], [["1/5"], ["2/5"]], (0, 0, 1), "repelling", {"method": "stein", "S": [["-1/15"]]})
    assert_refuted(check(cyc), "orbit-closes", "F(points[1])[0] = 4/5 != points[0][0] = 1/5")


def test_open_regions_failures():
    # right point, wrong pattern: u(0) = -1/2 but d = 1
    assert_refuted(
        check(edit(T0, ["claim", "itinerary"], [[1]])),
        "open-regions",
        "points[0] not in the open region of itinerary[0]: unit 0: u = -1/2 with d = 1",
    )
    # a border orbit claimed as an interior orbit: u(0) = 0 at the non-inert unit
    cert = periodic(
        ABSX,
        [[0]],
        [["0"]],
        (0, 1, 0),
        "non-hyperbolic",
        {"method": "factors", "factors": [{"poly": ["1", "1"], "multiplicity": 1, "kind": "linear"}]},
    )
    assert_refuted(check(cert), "open-regions", "u = 0 with d = 0, needs u < 0")


def test_minimal_period_failures():
    twice = periodic(
        TENT, [[1], [1]], [["2/3"], ["2/3"]], (0, 0, 1), "repelling", {"method": "stein", "S": [["-1/15"]]}
    )  # P = 4: S = -1/15 still works
    assert_refuted(check(twice), "minimal-period", "points[0] == points[1]")
    # the 2-cycle written three times around as a 4-cycle: points[0] == points[2]
    four = periodic(
        TENT, [[0], [1]] * 2, [["2/5"], ["4/5"]] * 2, (0, 0, 1), "repelling", {"method": "stein", "S": [["-1/255"]]}
    )  # P = 16: S - 256 S = 1
    assert_refuted(check(four), "minimal-period", "points[0] == points[2]")
    assert_refuted(check(border(ABSX, [[0], [0]], [["0"], ["0"]])), "minimal-period")


@pytest.mark.parametrize(
    "path, value, text",
    [
        (["claim", "orbit_type"], "attracting", "orbit_type 'attracting' but counts (0, 0, 1) make it 'repelling'"),
        (["claim", "eigenvalues"], {"inside": 1, "on": 0, "outside": 0}, "the claim says (1, 0, 0)"),
        (["witness", "spectrum", "S"], [["1/3"]], "pivot 0 is -1"),  # Q = S - 4 S = -1
        (["witness", "spectrum", "S"], [["0"]], "pivot 0 is 0"),
    ],
)
def test_eigenvalue_count_failures(path, value, text):
    assert_refuted(check(edit(T0, path, value)), "eigenvalue-counts", text)


def test_eigenvalue_failures_in_two_dimensions():
    base = periodic(SADDLE, [[]], [["2", "1"]], (1, 0, 1), "saddle", STEIN_SADDLE)
    assert_refuted(
        check(edit(base, ["witness", "spectrum", "S"], [["4/3", "1"], ["0", "-1/8"]])),
        "eigenvalue-counts",
        "not symmetric",
    )
    assert_refuted(
        check(edit(base, ["witness", "spectrum", "S"], [["1", "0"], ["0", "1"]])),
        "eigenvalue-counts",
        "not positive definite",
    )
    wrong = {
        "method": "factors",
        "factors": [{"poly": ["1", "-1", "1"], "multiplicity": 1, "kind": "reciprocal", "q": ["-1", "1"]}],
    }
    assert_refuted(
        check(edit(base, ["witness", "spectrum"], wrong)), "eigenvalue-counts", "product of factors != det(xI - P)"
    )
    rot = VALID["rotation fixed point"]
    assert_refuted(check(edit(rot, ["claim", "orbit_type"], "saddle")), "eigenvalue-counts")


def test_border_orbit_failures():
    ok = border(ABS, [[0], [1]], [["0"], ["1"]])
    assert_refuted(
        check(edit(ok, ["claim", "itinerary"], [[0], [0]])),
        "closed-regions",
        "points[1] not in the closed region of itinerary[1]: unit 0: u = 1 with d = 0",
    )
    interior = border(TENT, [[0], [1]], [["2/5"], ["4/5"]])
    assert_refuted(check(interior), "touches-border", "no point has a zero pre-activation")
    # only the inert unit is at zero: not a border orbit
    assert_refuted(check(border(INERT, [[1, 0]], [["0"]])), "touches-border")
    assert_refuted(check(edit(ok, ["witness", "points"], [["0"], ["1/2"]])), "orbit-closes")


@pytest.mark.parametrize(
    "path, value, text",
    [
        (["witness", "points"], [[0.0]], "witness.points[0][0]: expected a rational string, got float"),
        (["witness", "points"], [[0]], "got int"),
        (["witness", "points"], [["0"], ["0"]], "witness.points: expected 1 entries, got 2"),
        (["witness", "points"], [["1/0"]], "zero denominator"),
        (["witness", "points"], [["0.5"]], "not a rational string"),
        (["witness", "points"], [["1" * 5000]], "too long"),
        (["witness", "points"], KeyError, "witness.points: missing"),
        (["claim", "itinerary"], [[True]], "claim.itinerary[0][0]: expected an integer, got bool"),
        (["claim", "itinerary"], [[2]], "out of range"),
        (["claim", "itinerary"], [[0, 0]], "claim.itinerary[0]: expected 1 entries"),
        (["claim", "period"], 0, "claim.period: integer 0 out of range"),
        (["claim", "period"], True, "claim.period: expected an integer, got bool"),
        (["claim", "period"], 10**30, "expected 1000000000000000000000000000000 entries"),
        (["claim", "eigenvalues"], {"inside": 0, "on": 0, "outside": 2}, "not M = 1"),
        (["claim", "eigenvalues"], {"inside": 0, "on": False, "outside": 1}, "got bool"),
        (["claim", "eigenvalues"], {"inside": -1, "on": 1, "outside": 1}, "out of range"),
        (["claim", "orbit_type"], "chaotic", "not one of"),
        (["obligations"], list(reversed(PERIODIC)), "obligation list differs"),
        (["obligations"], PERIODIC + ["touches-border"], "obligation list differs"),
        (["producer"], KeyError, "certificate.producer: missing"),
        (["model", "hash"], "sha256:XYZ", "64 lowercase hex digits"),
        (["model", "name"], 3, "model.name: expected a string"),
        (["model", "normal_form", "W1"], [["-4", "1"]], "W1[0]: expected 1 entries, got 2"),
        (["model", "normal_form", "h1"], [], "M must be >= 1"),
        (["witness", "spectrum"], {"method": 1}, "method: expected a string"),
        (["witness", "spectrum"], {"method": "stein", "S": [["1", "2"]]}, "S[0]: expected 1 entries"),
        (["claim"], [], "certificate.claim: expected an object"),
        (["version"], "1", "certificate.version: expected an integer, got str"),
        (["version"], True, "expected an integer, got bool"),
        (["format"], None, "certificate.format: expected a string"),
    ],
)
def test_malformed_certificates_are_refuted(path, value, text):
    v = check(edit(T0, path, value))
    assert v.verdict == "REFUTED" and v.reason.startswith("malformed: "), v.to_dict()
    assert first_bad(v) == "well-formed" and text in v.reason, v.reason


@pytest.mark.parametrize("thing", [None, [], "cert", 3])
def test_non_objects_are_malformed(thing):
    v = check(thing)
    assert v.verdict == "REFUTED" and v.reason.startswith("malformed: ")


@pytest.mark.parametrize(
    "path, value, text",
    [
        (["format"], "other/certificate", "unsupported: format 'other/certificate'"),
        (["version"], 2, "unsupported: version 2"),
        (["claim", "type"], "homoclinic-point", "unsupported: claim type 'homoclinic-point'"),
        (["witness", "spectrum"], {"method": "schur-cohn", "data": 1.5}, "unsupported: spectrum method 'schur-cohn'"),
    ],
)
def test_unsupported_is_inconclusive(path, value, text):
    v = check(edit(T0, path, value))
    assert v.verdict == "INCONCLUSIVE" and v.reason == text[: len(v.reason)] and text in v.reason


def test_unsupported_factor_kind_is_inconclusive():
    rot = VALID["rotation fixed point"]
    v = check(edit(rot, ["witness", "spectrum", "factors", 0, "kind"], "cyclotomic"))
    assert (
        v.verdict == "INCONCLUSIVE"
        and v.reason == "unsupported: factor kind 'cyclotomic' at witness.spectrum.factors[0]"
    )
    assert [o["status"] for o in v.obligations] == ["ok"] * 5 + ["unknown"]


def test_unsupported_method_does_not_hide_a_false_obligation():
    bad = edit(edit(T0, ["witness", "spectrum"], {"method": "schur-cohn"}), ["witness", "points"], [["1/3"]])
    assert_refuted(check(bad), "orbit-closes")


def test_huge_multiplicity_is_refuted_quickly():
    v = check(edit(VALID["tent 2-cycle"], ["witness", "spectrum", "factors", 0, "multiplicity"], 10**12))
    assert_refuted(v, "eigenvalue-counts", "add up to 1000000000000, not M = 1")


def test_unknown_keys_are_ignored():
    cert = edit(edit(T0, ["extra"], {"anything": [1, "x"]}), ["claim", "note"], "hello")
    assert check(cert).verdict == "PROVED"
    # ... but not a float, even under an unknown key (README §1; the file reader refuses it too)
    assert check(edit(T0, ["extra"], {"anything": 1.5})).verdict == "REFUTED"


def test_a_crashing_obligation_refutes_as_malformed():
    def boom():
        return 1 // 0

    def fine():
        return "ok"

    v = run_obligations("periodic-orbit", [("well-formed", fine), ("model-hash", boom), ("x", fine)])
    assert v.verdict == "REFUTED" and v.reason == "malformed: ZeroDivisionError: integer division or modulo by zero"
    assert [o["status"] for o in v.obligations] == ["ok", "failed", "skipped"]

    def fails():
        raise Fail("points[3] wrong")

    v = run_obligations("periodic-orbit", [("orbit-closes", fails)])
    assert v.reason == "orbit-closes failed: points[3] wrong"


def test_verdict_has_no_truth_value():
    v = check(T0)
    with pytest.raises(TypeError):
        bool(v)
    assert v.proved and v.to_dict()["verdict"] == "PROVED"
    json.dumps(v.to_dict())


def leaves(obj, path=()):
    """Every (path, value) leaf of a JSON-like object, outside the free-form producer."""
    if path == ("producer",):
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, path + (k,))
    elif isinstance(obj, list) and obj:
        for i, v in enumerate(obj):
            yield from leaves(v, path + (i,))
    else:
        yield path, obj


@pytest.mark.parametrize("name", sorted(VALID))
def test_every_leaf_replaced_by_a_float_or_none_is_refuted(name):
    cert = VALID[name]
    for path, _ in leaves(cert):
        for value in (0.5, None):
            v = check(edit(cert, list(path), value))
            assert v.verdict == "REFUTED" and v.reason.startswith("malformed: "), (path, value, v.reason)


@pytest.mark.parametrize("name", sorted(VALID))
def test_every_required_key_removed_is_refuted(name):
    cert = VALID[name]

    def keys(obj, path=()):
        if isinstance(obj, dict):
            for k, v in obj.items():
                yield path + (k,)
                if k != "producer":
                    yield from keys(v, path + (k,))
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                yield from keys(v, path + (i,))

    for path in keys(cert):
        if path[-1] == "tool":
            continue  # inside producer: free form
        v = check(edit(cert, list(path), KeyError))
        assert v.verdict == "REFUTED" and v.reason.startswith("malformed: "), (path, v.reason)


def test_lozi_fixed_point_from_the_model_file():
    """End to end: model file -> normal form -> hash -> certificate -> PROVED.

    Lozi (x, y) -> (1 + y - 1.7|x|, x/2): for x > 0, x = 1 + x/2 - 17x/10 gives x = 5/11, y = 5/22.
    P = [[-17/10, 1], [1/2, 0]], det(xI - P) = x^2 + 17/10 x - 1/2, roots about 0.26 and -1.96: a saddle.
    S solves S - P^T S P = I (by sympy here, an independent tool); unit 1 (y) is inert.
    """
    import sympy

    from verified_dyn.kernel import model_hash, normal_form_from_model_json

    path = Path(__file__).resolve().parents[2] / "verified_dyn" / "models" / "builtin" / "lozi_1.7_0.5.json"
    nf = normal_form_from_model_json(json.loads(path.read_text()))
    p = sympy.Matrix([[sympy.Rational(-17, 10), 1], [sympy.Rational(1, 2), 0]])
    a, b, c = sympy.symbols("a b c")
    s = sympy.Matrix([[a, b], [b, c]])
    sol = sympy.solve(list(s - p.T * s * p - sympy.eye(2)), [a, b, c], dict=True)[0]
    s = s.subs(sol)
    cert = periodic(
        {"kind": "plrnn", "name": "lozi", "hash": model_hash(nf), "normal_form": nf},
        [[1, 1]],
        [["5/11", "5/22"]],
        (1, 0, 1),
        "saddle",
        {"method": "stein", "S": [[str(s[i, j]) for j in range(2)] for i in range(2)]},
    )
    assert check(cert).verdict == "PROVED", check(cert).to_dict()
    # the inert unit's bit must still match its sign weakly: u = 5/22 > 0 with d = 0 is outside
    assert_refuted(
        check(edit(cert, ["claim", "itinerary"], [[1, 0]])),
        "open-regions",
        "unit 1: u = 5/22 with d = 0, needs u <= 0 (inert)",
    )


def test_a_float_anywhere_in_an_object_is_malformed_as_in_a_file():
    """check(obj) and check_file agree: the reader refuses floats, so must the object check."""
    import json
    from pathlib import Path

    from verified_dyn.kernel import check, check_file

    path = Path(__file__).resolve().parents[2] / "proofs" / "chaos" / "lozi" / "chaos-horseshoe.json"
    cert = json.loads(path.read_text())
    assert check(cert).proved and check_file(path).proved
    cert["producer"]["seconds"] = 0.25
    v = check(cert)
    assert v.verdict == "REFUTED" and "float at certificate.producer.seconds" in v.reason
    assert check_file(json.dumps(cert).encode()).verdict == "REFUTED"
