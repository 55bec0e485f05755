"""The whole build: catalog -> (corpus evidence) -> Dataset -> SHACL, plus its report."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .assemble import PROVENANCE_GRAPH, assemble
from .catalog import Catalog, load_catalog
from .corpus import DEFAULT_MAX_BYTES, load_corpus
from .errors import BuildError, BuildErrors
from .evidence import Resolution, resolve
from .extraction import MIN_CONFIDENCE, extract
from .merge import EXTRACTED_GRAPH, add_extracted, combine
from .review import review
from .validate import validate


@dataclass
class Build:
    dataset: Dataset
    catalog: Catalog
    report: dict
    review: dict | None = None          # the extraction's review report (with a corpus)
    warnings: list[str] = field(default_factory=list)  # one line per skipped document


def build(data_dir: Path | str | None = None, corpus_dir: Path | str | None = None, *,
          shacl: bool = True, step: Callable[[str], None] | None = None, extract_relations: bool = True,
          min_confidence: float = MIN_CONFIDENCE, max_bytes: int = DEFAULT_MAX_BYTES,
          processes: int | None = None, progress: Callable[[int], None] | None = None) -> Build:
    """Build the graph from the curated data, resolving evidence in ``corpus_dir`` if given.

    With a corpus (and ``extract_relations``), every document is also read for mentions, new
    entities and relations, which go in the graph ``res:graph/extracted``
    (``extraction.py``, ``merge.py``) and in the review report. Unreadable documents are
    skipped with a warning (``Build.warnings``).

    Raises BuildError for any bad input, unresolved locator or SHACL violation; on success
    the returned report counts classes, properties, evidence and the SHACL result.
    ``step`` is called with the name of each stage as it starts, ``progress`` with 1 after
    each document of each extraction pass (for progress display).
    """
    say = step or (lambda _name: None)
    say("reading data")
    catalog = load_catalog(data_dir)
    corpus = resolution = extraction = None
    warnings: list[str] = []
    if corpus_dir is not None:
        say("reading corpus")
        corpus = load_corpus(corpus_dir, max_bytes=max_bytes, warn=warnings.append)
        say("resolving evidence")
        resolution = resolve(catalog, corpus)
        if extract_relations:
            say("reading documents")
            extraction = extract(catalog, corpus, processes=processes, progress=progress)
    say("assembling graph")
    ds = assemble(catalog, resolution, corpus)
    facts = combine(catalog, extraction, min_confidence=min_confidence) if extraction else []
    if extraction is not None:
        add_extracted(ds, facts, extraction)
    report = _report(ds, catalog, resolution, corpus_dir)
    report["warnings"] = warnings
    notes = review(extraction, facts, min_confidence=min_confidence) if extraction else None
    if notes is not None:
        report["extraction"] = {**notes["summary"], "triples": len(ds.graph(EXTRACTED_GRAPH))}
    if shacl:
        say("validating (SHACL)")
        result = validate(ds)
        report["shacl"] = {"conforms": result.conforms, "violations": result.violations}
        if not result.conforms:
            raise BuildErrors([BuildError(f"SHACL: {v}") for v in result.violations] or
                              [BuildError("SHACL: the graph does not conform")])
    return Build(ds, catalog, report, notes, warnings)


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
