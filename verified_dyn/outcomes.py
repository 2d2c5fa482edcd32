"""What a pipeline says about a claim (the ``verdict`` of every result and ``--json`` document).

- ``PROVED``: a certificate of the claim was found valid by the kernel (through :mod:`verified_dyn.gate`);
- ``REFUTED``: a certificate of the claim's *negation* was found valid (e.g. chaos is REFUTED by a
  certified global contraction); never "a certificate was invalid";
- ``INCONCLUSIVE``: neither; the result carries the reason.

What the kernel says about one certificate is a different word (``gate.VALID`` / ``INVALID`` /
``UNDECIDED``), so that "this certificate is invalid" cannot be read as "the claim is false".
"""

PROVED, REFUTED, INCONCLUSIVE = "PROVED", "REFUTED", "INCONCLUSIVE"
VERDICTS = (PROVED, REFUTED, INCONCLUSIVE)
