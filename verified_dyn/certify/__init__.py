"""Certifiers: exact (python-flint) and interval work that writes every witness into a certificate."""

from .certificate import OBLIGATIONS, envelope, make_certificate
from .cycle import CycleResult, certify_cycle, compose, least_rotation
from .spectrum import Counts, decide_counts, spectrum_witness

__all__ = [
    "OBLIGATIONS",
    "Counts",
    "CycleResult",
    "certify_cycle",
    "compose",
    "decide_counts",
    "envelope",
    "least_rotation",
    "make_certificate",
    "spectrum_witness",
]
