"""Imports go one way, and the CLI stays light (checked in a fresh interpreter)."""
import json
import subprocess
import sys


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(json.loads(out.stdout))


def test_kg_build_never_imports_graph_or_queries():
    loaded = _modules_after("import c2ckg.kg_build.build")
    assert not any(m.startswith(("c2ckg.graph", "c2ckg.queries")) for m in loaded)


def test_ontology_imports_nothing_of_ours():
    loaded = _modules_after("import c2ckg.ontology")
    assert not any(m.startswith(("c2ckg.graph", "c2ckg.queries", "c2ckg.kg_build")) for m in loaded)


def test_graph_never_imports_queries_or_kg_build():
    loaded = _modules_after("import c2ckg.graph.export, c2ckg.graph.describe, c2ckg.graph.stats")
    assert not any(m.startswith(("c2ckg.queries", "c2ckg.kg_build")) for m in loaded)


def test_cli_help_does_not_load_heavy_libraries():
    loaded = _modules_after("import c2ckg.cli")
    assert not {"pyshacl", "rdflib", "networkx", "pyvis"} & loaded
