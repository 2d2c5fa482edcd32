"""Helpers for users' own tests: hypothesis strategies for exact models (needs the ``test`` extra)."""
