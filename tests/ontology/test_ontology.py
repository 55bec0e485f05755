import pytest
from rdflib import OWL, RDF, RDFS, SKOS, URIRef

from c2ckg.ontology import C2C, entity_classes, ontology_graph, relation_properties, shapes_graph
from c2ckg.ontology.terms import ONTOLOGY_IRI

REQUIRED_CLASSES = """City Region Country LocalGovernment NationalGovernmentBody InternationalOrganisation
ResearchInstitute Company NGO University CityNetwork FundingScheme Programme Project Technology
Facility Agreement Award Event Plan Sector Person SourceDocument""".split()
REQUIRED_PROPERTIES = """partnerOf cooperatesWith supports funds implements participatesIn memberOf deploys
introducedIn developedBy spreadTo addresses formulated received established partOf hosts locatedIn""".split()


def _declared(g):
    ns = str(C2C)
    return {str(s)[len(ns):] for s in g.subjects(RDF.type, None) if str(s).startswith(ns)}


def test_python_terms_and_turtle_declare_the_same_set():
    in_python = {name for name in C2C.__annotations__}
    assert in_python == _declared(ontology_graph())


def test_unknown_term_raises_instead_of_minting_an_iri():
    with pytest.raises(AttributeError):
        C2C.partnerof  # noqa: B018


@pytest.mark.parametrize("name", REQUIRED_CLASSES)
def test_required_class_exists(name):
    assert (C2C[name], RDF.type, OWL.Class) in ontology_graph()


@pytest.mark.parametrize("name", REQUIRED_PROPERTIES)
def test_required_property_exists_and_is_usable_in_data(name):
    assert (C2C[name], RDF.type, OWL.ObjectProperty) in ontology_graph()
    assert name in relation_properties()


def test_every_class_and_property_has_label_and_definition():
    g = ontology_graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(str(C2C))}
    assert len(terms) > 60
    missing = [t for t in terms if g.value(t, RDFS.label) is None or g.value(t, SKOS.definition) is None]
    assert missing == []


def test_inverses_are_declared_and_point_to_declared_properties():
    g = ontology_graph()
    pairs = list(g.subject_objects(OWL.inverseOf))
    assert (C2C.supports, C2C.supportedBy) in pairs
    for a, b in pairs:
        assert (b, RDF.type, OWL.ObjectProperty) in g


def test_standard_vocabularies_are_reused_as_superclasses():
    g = ontology_graph()
    assert (C2C.Organisation, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in g
    assert (C2C.Plan, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Plan")) in g
    assert (C2C.City, RDFS.subClassOf, URIRef("https://schema.org/City")) in g


def test_ontology_header_and_entity_classes():
    g = ontology_graph()
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in g
    assert set(REQUIRED_CLASSES) - {"SourceDocument"} <= entity_classes()


def test_every_relation_property_declares_an_influence_direction():
    directions = set(relation_properties().values())
    assert directions <= {"SubjectToObject", "ObjectToSubject", "BothWays", "NoInfluence"}
    assert relation_properties()["developedBy"] == "ObjectToSubject"


def test_shapes_parse_and_target_relations():
    shapes = shapes_graph()
    sh = "http://www.w3.org/ns/shacl#"
    targets = set(shapes.objects(None, URIRef(sh + "targetClass")))
    assert C2C.Relation in targets and C2C.Evidence in targets
