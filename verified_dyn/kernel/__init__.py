"""verified_dyn.kernel: the independent certificate checker (format version 1, proofs/README.md).

The kernel is the only code in verified_dyn allowed to say PROVED. It re-verifies a certificate, a
JSON document that states a claim about one exact model and carries every witness, by finite exact
computations with fractions.Fraction on data in the certificate: no search, no floats, no
tolerances, no randomness. It trusts only the Python standard library (fractions, json, hashlib, re),
mpmath's interval arithmetic (continuous-time claims) and its own modules, about 3700 lines:

    rat        rationals, the grammar's vec / mat / int, exact matrix algebra
    reader     the JSON reader that refuses floats, NaN and duplicate keys
    model      the normal form A, W1, W2, h1, h2 and its sha256 hash
    convert    model files (INTERFACE.md §1) -> normal form
    pwa        the map F(z) = A z + W1 relu(W2 z + h2) + h1, regions, M_d, P
    polys      polynomials, characteristic polynomials, Descartes, Sturm
    spectrum   the `stein` and `factors` spectrum witnesses
    grammar    header dispatch and the `well-formed` obligation
    orbits     the `periodic-orbit` and `border-orbit` obligations
    census     the `cycle-census` obligations (completeness: Farkas-pruned word trees)
    manifolds  `local-manifold-1d`, `manifold-pieces-1d` (README §7)
    homoclinic `transversal-homoclinic-2d` (README §8)
    snapback   `snap-back-repeller` (README §9)
    covering   `covering-horseshoe`: topological-entropy lower bounds (README §10)
    contraction `global-contraction`: the proof of non-chaos (README §11)
    ctrnn_*    the continuous-time claims (proofs/README.md §6): model and activation table,
               structural claims, planar orbits and period enclosures, forward-Euler bounds
    checks     dispatch: claim type -> its module's obligations (CLAIMS registry)
    verdict    three-state verdicts and the obligation runner
    builtin    certificates for the selftest;  selftest  the selftest

Public API: check, check_file, load_certificate, model_hash, normal_form_from_model_json, selftest,
Verdict, Malformed. Command line: python -m verified_dyn.kernel CERT | --selftest [DIR].
"""
from .checks import OBLIGATIONS, check, check_file
from .convert import normal_form_from_model_json
from .model import model_hash
from .rat import Malformed
from .reader import load_certificate
from .selftest import selftest
from .verdict import INCONCLUSIVE, PROVED, REFUTED, Verdict

__all__ = ["INCONCLUSIVE", "Malformed", "OBLIGATIONS", "PROVED", "REFUTED", "Verdict", "check",
           "check_file", "load_certificate", "model_hash", "normal_form_from_model_json", "selftest"]
