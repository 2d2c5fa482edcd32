"""verified_dyn.kernel: the independent certificate checker (format version 1, proofs/README.md).

The kernel is the only code in verified_dyn allowed to say PROVED. It re-verifies a certificate, a
JSON document that states a claim about one exact model and carries every witness, by finite exact
computations with fractions.Fraction on data in the certificate: no search, no floats, no
tolerances, no randomness. It trusts only the Python standard library, mpmath's interval arithmetic
(continuous-time claims) and its own modules. Layout:

    core/       the trusted primitives every claim composes (at most 1000 lines)
      rat         the grammar's rationals, ints, vec, mat; exact linear algebra (rank, inverse, det != 0,
                  positive definiteness)
      grammar     the JSON reader (no floats, NaN, duplicate keys), header dispatch, the claim registry
                  (claim type -> obligations; well-formed = obligation list, model, the claim's reading)
      model       normal forms and ctrnn models, their hash, the one `model-hash` obligation
      polys       polynomials, characteristic polynomials, Descartes, Sturm
      pwa         F(z) = A z + W1 relu(W2 z + h2) + h1: regions, M_d, c_d, P; rational boxes and their
                  affine images; orbit closing, region and minimal-period checks
      intervals   the one mpmath interval context (precision from the certificate), the activation table
      verdict     PROVED / REFUTED / INCONCLUSIVE, Fail / Undecided, the obligation runner
    claims/     one module per claim family, each a witness reading and a table of (obligation, check)
                  over core, registered in core.grammar; no claim module imports another
      orbits (periodic-orbit, border-orbit, spectrum witnesses), census (cycle-census), manifolds
      (local-manifold-1d, manifold-pieces-1d), homoclinic (transversal-homoclinic-2d), snapback,
      covering (covering-horseshoe), contraction (global-contraction), ctrnn_structure, ctrnn_planar,
      ctrnn_euler (the continuous-time claims, README §6)
    checks      dispatch: header -> registry -> obligation runner (check, check_text, check_file,
                  load_certificate)
    tools/      not trusted: selftest, builtin (its certificates), convert (model files -> normal form,
                  model_hash of a normal-form dict)

Public API: check, check_text, check_file, load_certificate, model_hash, normal_form_from_model_json,
selftest, Verdict, Malformed, OBLIGATIONS, PROVED, REFUTED, INCONCLUSIVE.
Command line: python -m verified_dyn.kernel CERT | --selftest [DIR].
"""
from .checks import OBLIGATIONS, check, check_file, check_text, load_certificate
from .core.rat import Malformed
from .core.verdict import INCONCLUSIVE, PROVED, REFUTED, Verdict
from .tools.convert import model_hash, normal_form_from_model_json
from .tools.selftest import selftest

__all__ = ["INCONCLUSIVE", "Malformed", "OBLIGATIONS", "PROVED", "REFUTED", "Verdict", "check", "check_file",
           "check_text", "load_certificate", "model_hash", "normal_form_from_model_json", "selftest"]
