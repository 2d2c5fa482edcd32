"""The hypothesis strategies of verified_dyn.testing, the import without hypothesis, and the pytest plugin."""

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import verified_dyn as vd
from verified_dyn import kernel
from verified_dyn.certify.contraction import bound_matrix
from verified_dyn.testing import assert_disproved, assert_proved
from verified_dyn.testing import claims as C
from verified_dyn.testing.strategies import (
    PL_KINDS,
    contractive_plrnns,
    ctrnns,
    invertible_plrnns,
    keep_model,
    mutations,
    pl_models,
    skew_ctrnns,
    trained_like,
)

pytestmark = pytest.mark.usefixtures("claim_certificates_in_tmp")


@settings(max_examples=40)
@given(pl_models(dims=(1, 4), hidden=(1, 4)), st.booleans())
def test_pl_models_of_every_kind_read_back_exactly(model, _):
    assert model.kind in PL_KINDS and 1 <= model.dim <= 4
    assert vd.load_model(C.model_document(model)).hash == model.hash


@settings(max_examples=20)
@given(pl_models(exact=False, dims=2))
def test_float_weights_are_exact_binary_values(model):
    assert all(x.denominator & (x.denominator - 1) == 0 for row in model.A for x in row)  # powers of two


def test_draws_shrink_to_small_dimensions_and_small_rationals():
    fast = settings(max_examples=20, database=None)
    m = find(pl_models(("plrnn",), dims=(1, 2)), lambda m: m.A[0][0] != 0, settings=fast)
    assert m.dim == 1 and m.A[0][0] in (1, -1) and all(x == 0 for x in m.h1)


@settings(max_examples=15)
@given(trained_like(dims=(2, 5), spectral_radius=(0.5, 1.2)))
def test_trained_like_draws_have_diagonal_A_and_the_spectral_radius(model):
    A = model.A_float
    assert np.count_nonzero(A - np.diag(np.diag(A))) == 0 and (np.diag(A) > 0).all()
    assert max(abs(np.linalg.eigvals(model.W1_float))) < 1.3


@settings(max_examples=15)
@given(contractive_plrnns(dims=(1, 4)))
def test_contractive_family_by_construction(model):
    B = bound_matrix(model)
    rows = [sum(B[i, j] for j in range(model.dim)) for i in range(model.dim)]
    assert max(rows) < 1  # independently: a row-sum bound of the kernel's Lipschitz matrix
    assert C.bounded_orbits().check(model).proved


@settings(max_examples=15)
@given(invertible_plrnns(dims=(1, 3), hidden=(1, 3)))
def test_invertible_family_by_construction(model):
    assert C.invertible().check(model).proved


@settings(max_examples=15)
@given(skew_ctrnns(dims=(2, 5)), ctrnns(dims=2))
def test_skew_ctrnns_are_skew(skew, any_net):
    n = skew.dim
    assert all(skew.W[i][j] == -skew.W[j][i] for i in range(n) for j in range(n))
    assert any_net.kind == "ctrnn" and any_net.activation == "tanh"


def test_mutations_change_one_field_and_the_kernel_notices(tmp_path):
    res = vd.cycles(vd.PLRNN(A=[["1/2"]], W=[["-1"]], h=["1"]), period=1, out=tmp_path)
    cert = json.loads(open(res.certificates[0]).read())
    seen = []

    @settings(max_examples=25)
    @given(mutations(cert))
    def run(pm):
        path, mutant = pm
        assert mutant != cert
        seen.append(kernel.check(mutant).proved)

    run()
    assert len(seen) >= 10 and seen.count(True) <= len(seen) // 2


def test_keep_model_writes_the_shrunk_example(tmp_path):
    target = tmp_path / "failing.json"

    @settings(max_examples=30, database=None, phases=[Phase.generate, Phase.shrink])
    @given(pl_models(("plrnn",), dims=(1, 2)))
    def falsely_claims_small(model):
        keep_model(model, target)
        assert model.dim < 2

    with pytest.raises(AssertionError):
        falsely_claims_small()
    m = vd.load_model(target)
    assert m.dim == 2 and all(x == 0 for row in m.A for x in row)  # shrunk


def test_claims_import_without_hypothesis_and_strategies_say_what_is_missing():
    code = textwrap.dedent(
        """
        import sys
        sys.modules["hypothesis"] = None
        import verified_dyn.testing, verified_dyn.testing.claims, verified_dyn.testing.assertions
        from verified_dyn.testing import claims as C
        print(C.invertible().check("lozi").verdict)
        try:
            import verified_dyn.testing.strategies
        except ImportError as e:
            print("ImportError:", e)
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "PROVED"
    assert lines[1].startswith("ImportError:") and "pip install 'verified-dyn[test]'" in lines[1]


def test_the_plugin_fixtures_profile_and_marker(vd_model, vd_arrays, claim_out, pytestconfig):
    # the plugin is active in this suite too (entry point pytest11)
    from hypothesis import settings as hsettings

    assert hsettings.get_profile("certified").deadline is None
    assert any(line.startswith("certified:") for line in pytestconfig.getini("markers"))
    assert assert_disproved(vd_model("scyfi_multistable", trial=2), C.invertible()).disproved
    m = vd_arrays("plrnn", A=np.diag([0.5]), W=np.array([[0.25]]), h=np.array([1.0]))
    assert assert_proved(m, C.not_chaotic(), out=claim_out).proved and any(claim_out.iterdir())


def test_the_plugin_is_quiet_without_claims_and_lists_them_otherwise(tmp_path):
    (tmp_path / "test_plain.py").write_text("def test_nothing():\n    assert True\n")
    (tmp_path / "test_claim.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from verified_dyn.testing import assert_proved, claims as C

            def test_plain():
                assert True

            @pytest.mark.certified
            def test_lozi(vd_model):
                assert_proved(vd_model("lozi"), C.invertible())
            """
        )
    )
    run = lambda *a: subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--strict-markers", *a],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    quiet = run("-m", "not certified", "--claims-out", str(tmp_path / "certs"))
    assert quiet.returncode == 0 and "2 passed, 1 deselected" in quiet.stdout, quiet.stdout
    assert "verified-dyn" not in quiet.stdout, quiet.stdout
    loud = run("test_claim.py::test_lozi", "--claims-out", str(tmp_path / "certs"))
    assert loud.returncode == 0, loud.stdout + loud.stderr
    assert "verified-dyn: 1 claim(s) checked" in loud.stdout and "PROVED       is invertible  [lozi" in loud.stdout
    assert str(tmp_path / "certs") in loud.stdout
