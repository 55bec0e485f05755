"""SHACL validation of a built graph against ``ontology/shapes.ttl`` with pySHACL."""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph
from rdflib.namespace import SH

from ..ontology import bind_namespaces, ontology_graph, shapes_graph


@dataclass
class ShaclReport:
    conforms: bool
    violations: list[str] = field(default_factory=list)


def union_graph(ds: Dataset | Graph) -> Graph:
    """All triples of every graph of ``ds`` in one Graph."""
    if not isinstance(ds, Dataset):
        return ds
    g = bind_namespaces(Graph())
    for ctx in ds.graphs():
        g += ctx
    return g


def validate(ds: Dataset | Graph) -> ShaclReport:
    """Check ``ds`` (all its graphs together) against the shapes; one line per violation."""
    import pyshacl

    data = union_graph(ds)
    # The ontology is mixed in whole (class hierarchy and controlled values) so that
    # sh:class sees subclasses and the kinds declared there; no inference is run.
    mixed = ontology_graph()
    mixed += data
    conforms, results, _ = pyshacl.validate(
        mixed, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    lines = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        where = focus.n3(data.namespace_manager) if focus is not None else "?"
        via = f" {path.n3(data.namespace_manager)}" if path is not None else ""
        lines.append(f"{where}{via}: {message}")
    return ShaclReport(bool(conforms), sorted(lines))
