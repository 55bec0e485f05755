"""The c2c-kg ontology: OWL in Turtle, SHACL shapes, and Python access to its terms."""
from __future__ import annotations

from functools import cache
from importlib import resources

from rdflib import Graph

from .terms import C2C, NAMESPACES, RES, bind_namespaces

__all__ = ["C2C", "NAMESPACES", "RES", "bind_namespaces", "ontology_graph", "shapes_graph",
           "ontology_text", "shapes_text", "local_name"]


def ontology_text() -> str:
    """The ontology as Turtle text."""
    return resources.files(__package__).joinpath("c2c.ttl").read_text(encoding="utf-8")


def shapes_text() -> str:
    """The SHACL shapes as Turtle text."""
    return resources.files(__package__).joinpath("shapes.ttl").read_text(encoding="utf-8")


@cache
def _parsed(name: str) -> Graph:
    text = ontology_text() if name == "ontology" else shapes_text()
    return bind_namespaces(Graph()).parse(data=text, format="turtle")


def ontology_graph() -> Graph:
    """A fresh copy of the ontology graph."""
    return bind_namespaces(Graph()) + _parsed("ontology")


def shapes_graph() -> Graph:
    """A fresh copy of the SHACL shapes graph."""
    return bind_namespaces(Graph()) + _parsed("shapes")


# Classes that describe the graph's own bookkeeping, not things named in documents.
_INTERNAL_CLASSES = frozenset({
    C2C.SourceDocument, C2C.Relation, C2C.Evidence, C2C.Measurement, C2C.PartnershipKind,
    C2C.SupportMode, C2C.InfluenceDirection,
})


def local_name(iri) -> str:
    """The last part of an IRI: after its ``#``, else after its last ``/``.

    >>> local_name(C2C.City), local_name(RES["phnom-penh"])
    ('City', 'phnom-penh')
    """
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@cache
def entity_classes() -> frozenset[str]:
    """Names of the classes an entity of the catalog may have: the leaf classes.

    >>> {"City", "Technology", "Award"} <= entity_classes()
    True
    >>> "Agent" in entity_classes()
    False
    """
    from rdflib import OWL, RDF, RDFS

    g = _parsed("ontology")
    ours = {c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(str(C2C))}
    parents = {o for c in ours for o in g.objects(c, RDFS.subClassOf)}
    return frozenset(local_name(c) for c in ours - parents - _INTERNAL_CLASSES)


@cache
def relation_properties() -> dict[str, str]:
    """The properties curated statements may use, each with its influence direction.

    >>> relation_properties()["supports"]
    'SubjectToObject'
    >>> "supportedBy" in relation_properties()
    False
    """
    g = _parsed("ontology")
    return {local_name(p): local_name(d) for p, d in sorted(g.subject_objects(C2C.influence))}


@cache
def controlled_values(kind_class) -> dict[str, str]:
    """``skos:notation`` -> term name for the individuals of ``kind_class``.

    >>> controlled_values(C2C.PartnershipKind)["sister-city"]
    'SisterCity'
    """
    from rdflib import RDF, SKOS

    g = _parsed("ontology")
    return {str(g.value(i, SKOS.notation)): local_name(i)
            for i in sorted(g.subjects(RDF.type, kind_class))}
