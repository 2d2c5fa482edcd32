"""The import graph is the architecture (DESIGN rule 1): parse every module's imports with ast.

Layers, top to bottom: cli -> api -> pipelines -> (reports, gate, search, certify) -> kernel, with the
base (models, rationals, errors, outcomes, geometry, graphs, progress) importable by every layer but
the kernel. A layer never imports a layer above it, and the package's import graph has no cycle.
"""

import ast
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "verified_dyn"
STDLIB_OK = set(sys.stdlib_module_names)


def imports_of(path: Path):
    """(absolute module name, level) of every import; relative imports resolved against the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    pkg = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg[: len(pkg) - node.level + 1]
                mod = ".".join(base + ((node.module,) if node.module else ()))
                out.append(mod)
                if not node.module:
                    out += [f"{mod}.{a.name}" for a in node.names]
            else:
                out.append(node.module)
    return out


def modules(sub):
    return sorted((PKG / sub).rglob("*.py"))


@pytest.mark.parametrize("path", modules("kernel"), ids=lambda p: p.name)
def test_kernel_imports_only_stdlib_mpmath_and_itself(path):
    for mod in imports_of(path):
        top = mod.split(".")[0]
        if top == "verified_dyn":
            assert mod.startswith("verified_dyn.kernel"), f"{path.name} imports {mod}"
        else:
            assert top in STDLIB_OK or top == "mpmath", f"{path.name} imports {mod}"


@pytest.mark.parametrize("path", modules("search"), ids=lambda p: p.name)
def test_search_never_imports_certify_or_kernel(path):
    for mod in imports_of(path):
        assert not mod.startswith(("verified_dyn.certify", "verified_dyn.kernel")), f"{path.name}: {mod}"


@pytest.mark.parametrize("path", modules("certify"), ids=lambda p: p.name)
def test_certify_never_imports_search_or_kernel(path):
    """certify/ never proposes (search) and never judges (kernel: only the gate calls it)."""
    for mod in imports_of(path):
        assert not mod.startswith(("verified_dyn.search", "verified_dyn.kernel")), f"{path.name}: {mod}"


HIGHER = ("verified_dyn.cli", "verified_dyn.api", "verified_dyn.pipelines")
BASE = ("models", "rationals", "errors", "outcomes", "geometry", "graphs", "progress")


@pytest.mark.parametrize("path", modules("reports"), ids=lambda p: p.name)
def test_reports_only_read_results(path):
    """reports/ draws checked results: no search, certify, kernel, gate, pipelines, api or cli."""
    for mod in imports_of(path):
        assert not mod.startswith(
            ("verified_dyn.search", "verified_dyn.certify", "verified_dyn.kernel", "verified_dyn.gate", *HIGHER)
        ), f"{path.name}: {mod}"


@pytest.mark.parametrize("path", modules("cli"), ids=lambda p: p.name)
def test_cli_imports_only_api_reports_and_errors(path):
    for mod in imports_of(path):
        if mod.startswith("verified_dyn"):
            ok = mod in (
                "verified_dyn",
                "verified_dyn.__version__",
                "verified_dyn.api",
                "verified_dyn.errors",
            ) or mod.startswith(("verified_dyn.cli", "verified_dyn.reports", "verified_dyn.api."))
            assert ok, f"{path.name} imports {mod}"


@pytest.mark.parametrize("path", modules("sweeps"), ids=lambda p: p.name)
def test_sweep_sits_beside_pipelines(path):
    """sweeps/ runs pipelines on workers and writes tables; the api calls it, so it never imports api or cli
    (nor the kernel: certificates are checked through the pipelines' gate)."""
    for mod in imports_of(path):
        bad = mod.startswith(("verified_dyn.api", "verified_dyn.cli", "verified_dyn.kernel"))
        assert not bad, f"{path.name}: {mod}"


@pytest.mark.parametrize("path", [*modules("search"), *modules("certify"), PKG / "gate.py"], ids=lambda p: p.name)
def test_lower_layers_never_import_upwards(path):
    for mod in imports_of(path):
        assert not mod.startswith((*HIGHER, "verified_dyn.reports")), f"{path.name}: {mod}"


def test_only_the_gate_calls_the_kernel_outside_api_verify():
    """The kernel is imported by the gate (every certificate) and by api.verify (a user's file)."""
    users = {
        p.relative_to(PKG).as_posix()
        for p in PKG.rglob("*.py")
        if not p.is_relative_to(PKG / "kernel") and any(m.startswith("verified_dyn.kernel") for m in imports_of(p))
    }
    assert users == {"gate.py", "api/__init__.py"}, users


@pytest.mark.parametrize("name", BASE)
def test_base_imports_no_layer(name):
    paths = modules(name) if (PKG / name).is_dir() else [PKG / f"{name}.py"]
    for path in paths:
        for mod in imports_of(path):
            assert not mod.startswith(
                (
                    "verified_dyn.search",
                    "verified_dyn.certify",
                    "verified_dyn.kernel",
                    "verified_dyn.gate",
                    "verified_dyn.reports",
                    *HIGHER,
                )
            ), f"{path.name}: {mod}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_import_graph_has_no_cycle():
    """Between modules of the package (a package's __init__ importing its own submodules is not a cycle)."""
    names = {_module_name(p): p for p in PKG.rglob("*.py")}
    graph = {}
    for name, path in names.items():
        deps = set()
        for mod in imports_of(path):
            while mod and mod not in names:
                mod = mod.rpartition(".")[0]
            if mod and mod != name and not name.startswith(mod + "."):
                deps.add(mod)
        graph[name] = deps
    state: dict = {}

    def visit(node, stack):
        state[node] = "open"
        for dep in graph[node]:
            if state.get(dep) == "open":
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(dep) :] + [dep]))
            if dep not in state:
                visit(dep, stack + [dep])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


@pytest.mark.parametrize("path", modules("models"), ids=lambda p: p.name)
def test_models_import_no_higher_layer(path):
    for mod in imports_of(path):
        assert not mod.startswith(
            (
                "verified_dyn.search",
                "verified_dyn.certify",
                "verified_dyn.kernel",
                "verified_dyn.reports",
                "verified_dyn.cli",
            )
        ), f"{path.name}: {mod}"


@pytest.mark.parametrize("path", [p for p in modules("kernel/claims") if p.name != "__init__.py"], ids=lambda p: p.name)
def test_claims_import_only_the_core(path):
    """A claim is a witness reading and a table of checks over core: no claim imports another claim
    (what two claims share belongs in core), none imports the untrusted tools."""
    for mod in imports_of(path):
        if mod.startswith("verified_dyn"):
            assert mod.startswith("verified_dyn.kernel.core"), f"{path.name} imports {mod}"


@pytest.mark.parametrize("path", modules("kernel/core"), ids=lambda p: p.name)
def test_core_imports_only_stdlib_mpmath_and_core(path):
    for mod in imports_of(path):
        top = mod.split(".")[0]
        if top == "verified_dyn":
            assert mod.startswith("verified_dyn.kernel.core"), f"{path.name} imports {mod}"
        else:
            assert top in STDLIB_OK or top == "mpmath", f"{path.name} imports {mod}"


def test_the_checker_is_small():
    """A fixed budget: the trusted core at most 1000 lines, the whole kernel below 3693 lines (its size
    before the core/claims split), every module below 350 lines."""
    sizes = {str(p.relative_to(PKG)): len(p.read_text().splitlines()) for p in modules("kernel")}
    core = sum(n for name, n in sizes.items() if name.startswith("kernel/core/"))
    assert core <= 1000, f"kernel/core has {core} lines; the trusted primitives must stay auditable"
    assert sum(sizes.values()) < 3693, f"kernel has {sum(sizes.values())} lines; keep it small enough to audit"
    assert max(sizes.values()) < 350, f"kernel modules must stay small: {sizes}"


def test_relative_import_resolution_is_checked():
    # guard for the test itself: the kernel package's own relative imports resolve inside the kernel
    mods = [m for p in modules("kernel") for m in imports_of(p) if m.startswith("verified_dyn")]
    assert mods and all(m.startswith("verified_dyn.kernel") for m in mods)
