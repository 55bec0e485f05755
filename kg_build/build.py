"""The whole build: catalog -> (corpus evidence) -> Dataset -> SHACL, plus its report."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from .assemble import PROVENANCE_GRAPH, assemble
from .catalog import Catalog, load_catalog
from .corpus import load_corpus
from .errors import BuildError, BuildErrors
from .evidence import Resolution, resolve
from .validate import validate


@dataclass
class Build:
    dataset: Dataset
    catalog: Catalog
    report: dict


def build(data_dir: Path | str | None = None, corpus_dir: Path | str | None = None, *,
          shacl: bool = True, step: Callable[[str], None] | None = None) -> Build:
    """Build the graph from the curated data, resolving evidence in ``corpus_dir`` if given.

    Raises BuildError for any bad input, unresolved locator or SHACL violation; on success
    the returned report counts classes, properties, evidence and the SHACL result.
    ``step`` is called with the name of each stage as it starts (for progress display).
    """
    say = step or (lambda _name: None)
    say("reading data")
    catalog = load_catalog(data_dir)
    corpus = resolution = None
    if corpus_dir is not None:
        say("reading corpus")
        corpus = load_corpus(corpus_dir)
        say("resolving evidence")
        resolution = resolve(catalog, corpus)
    say("assembling graph")
    ds = assemble(catalog, resolution, corpus)
    report = _report(ds, catalog, resolution, corpus_dir)
    if shacl:
        say("validating (SHACL)")
        result = validate(ds)
        report["shacl"] = {"conforms": result.conforms, "violations": result.violations}
        if not result.conforms:
            raise BuildErrors([BuildError(f"SHACL: {v}") for v in result.violations] or
                              [BuildError("SHACL: the graph does not conform")])
    return Build(ds, catalog, report)


def _report(ds: Dataset, catalog: Catalog, resolution: Resolution | None, corpus_dir) -> dict:
    classes = Counter(e.type for e in catalog.entities.values())
    props = Counter(st.p for st in catalog.statements)
    evidence = [ev for item in [*catalog.statements, *catalog.measurements] for ev in item.evidence]
    return {
        "corpus": str(corpus_dir) if corpus_dir is not None else None,
        "documents_cited": sorted({ev.doc for ev in evidence}),
        "entities": len(catalog.entities),
        "entities_by_class": dict(sorted(classes.items())),
        "statements": len(catalog.statements),
        "statements_by_property": dict(sorted(props.items())),
        "measurements": len(catalog.measurements),
        "evidence": {
            "locators": len(evidence),
            "resolved_to_sentences": len(resolution.located) if resolution else 0,
            "unresolved": [] if resolution else ["not checked: no corpus given (document-level provenance only)"],
        },
        "triples": {"asserted": len(ds.default_graph), "provenance": len(ds.graph(PROVENANCE_GRAPH))},
    }
