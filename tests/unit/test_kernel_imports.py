"""The kernel imports only the standard library, mpmath and itself (DESIGN rule 1)."""

import ast
import sys
from pathlib import Path

KERNEL = Path(__file__).resolve().parents[2] / "verified_dyn" / "kernel"
ALLOWED = set(sys.stdlib_module_names) | {"mpmath"}


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from ((a.name, 0) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", node.level


def test_kernel_imports_only_stdlib_mpmath_and_itself():
    files = sorted(KERNEL.rglob("*.py"))
    assert len(files) >= 10
    for path in files:
        for name, level in imported_modules(path):
            if level == 0:
                assert name.split(".")[0] in ALLOWED, f"{path.name} imports {name}"


def test_kernel_modules_are_small():
    for path in KERNEL.rglob("*.py"):
        assert len(path.read_text().splitlines()) <= 350, path.name
