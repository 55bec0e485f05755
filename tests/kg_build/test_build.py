"""The real build: validated, fully sourced, and holding the knowledge of the documents."""
from rdflib import RDF, RDFS, SKOS, XSD, Literal
from rdflib.namespace import PROV

from c2ckg.kg_build.assemble import entity_iri
from c2ckg.ontology import C2C, RES


def _relations(g, s, p, o):
    return [r for r in g.subjects(RDF.type, C2C.Relation)
            if (g.value(r, RDF.subject), g.value(r, RDF.predicate), g.value(r, RDF.object)) == (RES[s], C2C[p], RES[o])]


def _measurement(g, about, quantity_word, value):
    for m in g.subjects(C2C.about, RES[about]):
        if quantity_word in str(g.value(m, C2C.quantityKind)) and float(g.value(m, C2C.value)) == value:
            return m
    return None


def test_shacl_conforms_and_report_counts(built):
    report = built.report
    assert report["shacl"] == {"conforms": True, "violations": []}
    assert report["evidence"]["resolved_to_sentences"] == report["evidence"]["locators"]
    assert report["evidence"]["unresolved"] == []
    assert sum(report["entities_by_class"].values()) == report["entities"]
    assert report["statements_by_property"]["partnerOf"] >= 10


def test_every_relation_has_evidence_with_a_sentence(built):
    ds = built.dataset
    g = ds.default_graph
    relations = set(g.subjects(RDF.type, C2C.Relation))
    with_sentence = set()
    for ctx in ds.graphs():
        for rel, ev in ctx.subject_objects(PROV.wasDerivedFrom):
            if ctx.value(ev, C2C.sentenceText) is not None:
                with_sentence.add(rel)
    assert relations and relations <= with_sentence


def test_asserted_triple_matches_each_relation(built):
    g = built.dataset.default_graph
    for rel in g.subjects(RDF.type, C2C.Relation):
        triple = (g.value(rel, RDF.subject), g.value(rel, RDF.predicate), g.value(rel, RDF.object))
        assert triple in g


def test_partnerships_carry_kind_and_year(built):
    g = built.dataset.default_graph
    [mou] = _relations(g, "kitakyushu", "partnerOf", "iskandar-regional-development-authority")
    assert g.value(mou, C2C.partnershipKind) == C2C.MOU
    assert g.value(mou, C2C.year) == Literal("2016", datatype=XSD.gYear)
    loi = _relations(g, "tokyo", "partnerOf", "kuala-lumpur")
    assert C2C.LetterOfIntent in {g.value(r, C2C.partnershipKind) for r in loi}


def test_quantities_are_typed_literals(built):
    g = built.dataset.default_graph
    before = _measurement(g, "phnom-penh", "non-revenue water", 72)
    after = _measurement(g, "phnom-penh", "non-revenue water", 8)
    assert before is not None and after is not None
    assert g.value(before, C2C.year) == Literal("1993", datatype=XSD.gYear)
    assert g.value(after, C2C.year) == Literal("2006", datatype=XSD.gYear)
    assert g.value(before, C2C.value).datatype in (XSD.integer, XSD.decimal)
    assert _measurement(g, "kitakyushu", "trainees", 9000) is not None


def test_entities_have_labels_aliases_and_links(built):
    g = built.dataset.default_graph
    kita = entity_iri("kitakyushu")
    assert (kita, RDF.type, C2C.City) in g
    assert str(g.value(kita, RDFS.label)) == "Kitakyushu"
    assert {"City of Kitakyushu", "Kitakyushu City"} <= {str(a) for a in g.objects(kita, SKOS.altLabel)}
    assert g.value(kita, C2C.country) == entity_iri("japan")


def test_key_technologies_are_traced(built):
    g = built.dataset.default_graph
    takakura = entity_iri("takakura-composting-method")
    ubcf = entity_iri("u-bcf")
    assert (takakura, C2C.spreadTo, entity_iri("surabaya")) in g or (takakura, C2C.introducedIn, entity_iri("surabaya")) in g
    bcf = entity_iri("bio-contact-filtration")
    assert (bcf, C2C.developedBy, entity_iri("kitakyushu-water-and-sewer-bureau")) in g
    assert any(True for _ in g.triples((None, C2C.deploys, ubcf))) or any(True for _ in g.triples((ubcf, C2C.introducedIn, None)))
