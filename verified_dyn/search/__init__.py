"""Untrusted search: proposes itineraries and candidate orbits; never imports certify or kernel."""

from .itineraries import count_lyndon, lyndon_words

__all__ = ["count_lyndon", "lyndon_words"]
