"""The kernel's trusted primitives (standard library and mpmath only); every claim composes these."""
