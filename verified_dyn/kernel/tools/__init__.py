"""Untrusted helpers around the kernel: the selftest, its built-in certificates, model-file conversion."""
