"""Every section the code, the READMEs, the benchmarks, the tests and the --help texts cite exists.

Citations and where they must resolve (a numbered Markdown heading, e.g. "## 5." or "### 5.8 Forward Euler"):

    MATH §x[.y], MATH.md §x          -> docs/MATH.md
    INTERFACE §x, INTERFACE.md §x    -> docs/INTERFACE.md
    REFERENCE_CASES §x               -> docs/REFERENCE_CASES.md
    DESIGN rule N, DESIGN.md rule N  -> a heading "Rule N" in docs/DESIGN.md
    README §x, proofs/README.md §x   -> proofs/README.md
    docs/X.md §x                     -> docs/X.md

A list or range after the first section ("MATH §5.1-§5.5, §5.7") is checked item by item. The test reads
the repository only (never the steering folder outside it).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PROOFS_README = ROOT / "proofs" / "README.md"

SECTION = r"§\s?\d+(?:\.\d+)*"
# one citation: the document, then a first section and any list / range continuation
CITATION = re.compile(
    r"(?P<doc>docs/[A-Za-z_]+\.md|proofs/README\.md|\bREADME|\b(?:MATH|INTERFACE|REFERENCE_CASES)(?:\.md)?)`?"
    rf"\s+(?P<secs>{SECTION}(?:\s*(?:,|-|–|—|and|to)\s*{SECTION})*)"
)
RULE = re.compile(r"\bDESIGN(?:\.md)?`?\s+rules?\s+(?P<nums>\d+(?:\s*(?:,|-|–|and)\s*\d+)*)")
NUMBERED_HEADING = re.compile(r"^#{1,6}\s+(\d+(?:\.\d+)*)\.?(?:\s|$)")
RULE_HEADING = re.compile(r"^#{1,6}\s+Rule\s+(\d+)\b")


def _target(doc: str) -> Path:
    doc = doc.rstrip("`")
    if doc in ("README", "proofs/README.md"):
        return PROOFS_README
    if doc.startswith("docs/"):
        return ROOT / doc
    return DOCS / (doc if doc.endswith(".md") else doc + ".md")


def _headings(path: Path) -> set[str]:
    if not path.exists():
        return set()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        m = NUMBERED_HEADING.match(line)
        if m:
            out.add(m.group(1))
    return out


def _rules(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {m.group(1) for line in path.read_text(encoding="utf-8").splitlines() if (m := RULE_HEADING.match(line))}


def _parser() -> argparse.ArgumentParser:
    """The command-line parser: a function of verified_dyn.cli (or of a module of the package
    verified_dyn.cli) that takes no arguments and returns an ArgumentParser."""
    cli = importlib.import_module("verified_dyn.cli")
    modules = [cli]
    if hasattr(cli, "__path__"):
        modules += [
            importlib.import_module(f"verified_dyn.cli.{m.name}")
            for m in pkgutil.iter_modules(cli.__path__)
            if m.name != "__main__"
        ]  # importing runs it
    for module in modules:
        for name, fn in sorted(vars(module).items(), key=lambda kv: "parser" not in kv[0]):
            if not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            params = inspect.signature(fn).parameters.values()
            if any(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params):
                continue
            if "parser" not in name and "ArgumentParser" not in str(inspect.signature(fn).return_annotation):
                continue
            result = fn()
            if isinstance(result, argparse.ArgumentParser):
                return result
    raise AssertionError("no function of verified_dyn.cli returns an argparse.ArgumentParser")


def _help_texts() -> list[tuple[str, str]]:
    parser = _parser()
    out = [("verified-dyn --help", parser.format_help())]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            out += [(f"verified-dyn {name} --help", sub.format_help()) for name, sub in action.choices.items()]
    return out


def _sources() -> list[tuple[str, str]]:
    files = sorted((ROOT / "verified_dyn").rglob("*.py")) + sorted((ROOT / "tests").rglob("*.py"))
    files += [ROOT / "README.md", PROOFS_README] + sorted(DOCS.glob("*.md"))
    files += sorted(p for p in (ROOT / "benchmarks").glob("*") if p.is_file())
    out = []
    for path in files:
        if path.resolve() == Path(__file__).resolve():
            continue  # this file's docstring shows the patterns
        try:
            out.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue  # figures
    return out + _help_texts()


def _citations() -> list[tuple[str, int, str, Path, str]]:
    """(where, line, citation text, target file, section or 'rule N') for every citation."""
    found = []
    for where, text in _sources():
        for lineno, line in enumerate(text.splitlines(), 1):
            for m in CITATION.finditer(line):
                for sec in re.findall(r"§\s?(\d+(?:\.\d+)*)", m.group("secs")):
                    found.append((where, lineno, m.group(0), _target(m.group("doc")), sec))
            for m in RULE.finditer(line):
                for num in re.findall(r"\d+", m.group("nums")):
                    found.append((where, lineno, m.group(0), DOCS / "DESIGN.md", f"rule {num}"))
    return found


CITATIONS = _citations()


def test_citations_are_found():
    """Guard against a vacuous pass: the code cites the documents well over a hundred times."""
    assert len(CITATIONS) > 100, len(CITATIONS)
    targets = {t.name if t.parent == DOCS else "proofs/README.md" for _, _, _, t, _ in CITATIONS}
    assert {"MATH.md", "INTERFACE.md", "DESIGN.md", "proofs/README.md"} <= targets
    assert any(w.startswith("verified-dyn ") for w, *_ in CITATIONS), "no citation in any --help text"


def test_every_cited_section_exists():
    headings = {}
    missing = []
    for where, lineno, text, target, sec in CITATIONS:
        if target not in headings:
            headings[target] = _rules(target) if target.name == "DESIGN.md" else _headings(target)
        key = sec.split()[-1] if sec.startswith("rule") else sec
        if key not in headings[target]:
            missing.append(f"{where}:{lineno}: {text!r} -> {target.relative_to(ROOT)} has no section {sec}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("name", ["MATH.md", "INTERFACE.md", "REFERENCE_CASES.md", "DESIGN.md", "README.md"])
def test_docs_exist(name):
    assert (DOCS / name).is_file()


def test_every_claim_type_has_its_mathematics():
    """Each claim type specified in proofs/README.md (a heading "### `type`: ...") is explained in MATH.md."""
    spec = PROOFS_README.read_text(encoding="utf-8")
    types = set(re.findall(r"^###\s+`([a-z0-9-]+)`", spec, re.M))
    types |= set(re.findall(r"^\*\*`(ctrnn-[a-z-]+)`\*\*", spec, re.M))
    assert len(types) >= 20, types
    math_text = (DOCS / "MATH.md").read_text(encoding="utf-8")
    assert not [t for t in sorted(types) if f"`{t}`" not in math_text]
