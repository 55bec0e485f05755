"""Extracted statements beside the curated ones, in their own graph; curated always win."""
from rdflib import RDF, Literal
from rdflib.compare import to_isomorphic
from rdflib.namespace import PROV

from c2ckg.kg_build.assemble import PROVENANCE_GRAPH
from c2ckg.kg_build.merge import EXTRACTED_GRAPH
from c2ckg.ontology import C2C, RES


def test_the_curated_graphs_are_untouched_by_extraction(built, built_without_corpus):
    assert to_isomorphic(built.dataset.default_graph) == to_isomorphic(built_without_corpus.dataset.default_graph)
    prov = built.dataset.graph(PROVENANCE_GRAPH)
    assert not list(prov.subjects(C2C.extracted, None))


def test_every_extracted_relation_has_rule_confidence_and_a_located_sentence(built, corpus_dir):
    g = built.dataset.graph(EXTRACTED_GRAPH)
    relations = list(g.subjects(RDF.type, C2C.Relation))
    assert len(relations) > 50
    for rel in relations:
        assert g.value(rel, C2C.extracted) == Literal(True)
        assert 0 < float(g.value(rel, C2C.confidence)) <= 1 and g.value(rel, C2C.extractionRule)
        s, p, o = g.value(rel, RDF.subject), g.value(rel, RDF.predicate), g.value(rel, RDF.object)
        assert (s, p, o) in g and (s, p, o) not in built.dataset.default_graph
    texts = {}
    for ev in g.subjects(RDF.type, C2C.Evidence):
        doc = str(g.value(ev, C2C.document)).rsplit("/", 1)[-1]
        text = texts.setdefault(doc, (corpus_dir / f"{doc}.txt").read_text(encoding="utf-8"))
        start, end = int(g.value(ev, C2C.startOffset)), int(g.value(ev, C2C.endOffset))
        assert " ".join(text[start:end].split()) == str(g.value(ev, C2C.sentenceText))


def test_duplicates_of_curated_facts_are_merged_keeping_both_evidences(built):
    g = built.dataset.graph(EXTRACTED_GRAPH)
    prov = built.dataset.graph(PROVENANCE_GRAPH)
    curated = set(built.dataset.default_graph.subjects(RDF.type, C2C.Relation))
    merged = {rel for rel, _ev in g.subject_objects(PROV.wasDerivedFrom) if rel in curated}
    assert len(merged) > 30
    assert built.report["extraction"]["relations_by_status"]["merged"] >= len(merged) // 2
    for rel in merged:
        assert list(prov.objects(rel, PROV.wasDerivedFrom))  # the curated evidence stays
        assert (rel, RDF.type, C2C.Relation) not in g       # not asserted twice


def test_new_entities_live_in_the_extracted_graph_only(built):
    g = built.dataset.graph(EXTRACTED_GRAPH)
    new = {s for s in g.subjects(C2C.extracted, Literal(True)) if str(s).startswith(str(RES["candidate/"]))}
    assert new and not any((s, None, None) in built.dataset.default_graph for s in new)
    assert built.report["shacl"]["conforms"]


def test_review_report_lists_candidates_relations_by_rule_and_unmatched_names(built):
    review = built.review
    assert review["candidates"] and all(c["examples"] and c["mentions"] >= 1 for c in review["candidates"])
    counts = [c["mentions"] for c in review["candidates"]]
    assert counts == sorted(counts, reverse=True)
    rules = review["relations_by_rule"]
    assert {"agreement-signed", "support", "received"} <= set(rules)
    assert sum(r["count"] for r in rules.values()) >= review["summary"]["relations"]
    assert review["unmatched"] and review["unmatched"][0]["count"] >= review["unmatched"][-1]["count"]


def test_no_entity_has_an_alias_that_is_its_own_name(built):
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from c2ckg.kg_build.assemble import add_names

    g = Graph()
    add_names(g, RES["x"], "City", "Hai Phong", ["Haiphong", "Hai Phong"])
    assert sorted(map(str, g.objects(RES["x"], SKOS.altLabel))) == ["Haiphong"]
    for graph in (built.dataset.default_graph, built.dataset.graph(EXTRACTED_GRAPH)):
        for node, name in graph.subject_objects(SKOS.prefLabel):
            assert str(name) not in {str(a) for a in graph.objects(node, SKOS.altLabel)}, node
