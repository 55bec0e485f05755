"""Counting what a built graph holds: entities by class, relations by property, evidence."""
from __future__ import annotations

from collections import Counter

from rdflib import RDF, Dataset, Literal

from ..ontology import C2C, RES, local_name, relation_properties



def stats(ds: Dataset) -> dict:
    """Counts of the graph, as a plain dict (stable key order)."""
    g = ds.default_graph
    internal = {C2C.Relation, C2C.Measurement}
    classes = Counter(local_name(t) for s, t in g.subject_objects(RDF.type)
                      if str(t).startswith(str(C2C)) and t not in internal)
    props = Counter()
    for name in relation_properties():
        props[name] = len(set(g.triples((None, C2C[name], None))))
    evidence = sentences = 0
    documents = set()
    extracted: set = set()  # read from documents by rule (graph res:graph/extracted)
    for ctx in ds.graphs():
        extracted |= set(ctx.subjects(C2C.extracted, Literal(True)))
    for ctx in ds.graphs():
        evidence += len(set(ctx.subjects(RDF.type, C2C.Evidence)) - extracted)
        sentences += len(set(ctx.subjects(C2C.sentenceText, None)) - extracted)
        documents |= set(ctx.subjects(RDF.type, C2C.SourceDocument))
    return {
        "entities": sum(classes.values()),
        "entities_by_class": dict(sorted(classes.items())),
        "relations": sum(props.values()),
        "relations_by_property": {k: v for k, v in sorted(props.items()) if v},
        "measurements": len(set(g.subjects(RDF.type, C2C.Measurement))),
        "documents": len(documents),
        "evidence": evidence,
        "evidence_with_sentence": sentences,
        "extracted": {"entities": sum(1 for x in extracted if str(x).startswith(str(RES["candidate/"]))),
                      "relations": sum(1 for ctx in ds.graphs() for x in ctx.subjects(RDF.type, C2C.Relation) if x in extracted),
                      "evidence": sum(1 for ctx in ds.graphs() for x in ctx.subjects(RDF.type, C2C.Evidence) if x in extracted)},
        "triples": sum(len(ctx) for ctx in ds.graphs()),
    }
