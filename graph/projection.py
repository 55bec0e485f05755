"""The property-graph projection of the RDF graph, shared by Cypher, analytics and views.

``project(ds)`` turns entities into nodes and relations into keyed edges of a networkx
MultiDiGraph (rdflib ``extras/external_graph_libs`` style, keyed by predicate):

- node key: the entity IRI (a string); attributes ``iri``, ``id`` (slug), ``label``,
  ``cls`` (ontology class name), ``aliases`` (list), ``description`` and the entity's
  literal facts (``year``, ``startYear``, ``endYear``, ``geonamesId``, ``wikidataId``,
  ``country`` as a label) and ``measurements`` (list of dicts);
- edge key: the property name (``supports``, ``partnerOf``...); attributes ``prop``,
  ``relation`` (the reified relation's IRI), ``year``/``date``/``startYear``/``endYear``
  (strings as in the data), ``kind`` (partnership kind or support mode) and ``evidence``
  (list of dicts: ``document``, ``title``, ``sentence``, ``start``, ``end``).

Provenance (documents, ``mentionedIn``) and ontology nodes stay out unless
``provenance=True``, which adds the documents as ``SourceDocument`` nodes and
``mentionedIn`` edges.
"""
from __future__ import annotations

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV

from ..ontology import C2C, RES, local_name, relation_properties

_FACTS = {C2C.year: "year", C2C.startYear: "startYear", C2C.endYear: "endYear",
          C2C.geonamesId: "geonamesId", C2C.wikidataId: "wikidataId"}
_QUALIFIERS = {C2C.year: "year", C2C.date: "date", C2C.startYear: "startYear", C2C.endYear: "endYear"}



def _evidence_index(ds: Dataset) -> dict[URIRef, list[dict]]:
    """relation or measurement IRI -> its evidence rows, sorted by document and offset."""
    out: dict[URIRef, list[dict]] = {}
    for g in ds.graphs():
        titles = {doc: str(t) for doc, t in g.subject_objects(DCTERMS.title)}
        for owner, ev in g.subject_objects(PROV.wasDerivedFrom):
            doc = g.value(ev, C2C.document)
            row = {"document": str(doc).rsplit("/", 1)[-1], "title": titles.get(doc, "")}
            for key, prop in (("sentence", C2C.sentenceText), ("start", C2C.startOffset),
                              ("end", C2C.endOffset), ("context", C2C.contextText)):
                value = g.value(ev, prop)
                if value is not None:
                    row[key] = value.toPython() if key in ("start", "end") else str(value)
            out.setdefault(owner, []).append(row)
    for rows in out.values():
        rows.sort(key=lambda r: (r["document"], r.get("start", 0)))
    return out


def project(ds: Dataset, *, provenance: bool = False) -> nx.MultiDiGraph:
    """The MultiDiGraph of entities and relations of ``ds`` (see the module docstring)."""
    g = ds.default_graph
    G = nx.MultiDiGraph()
    internal = {C2C.Relation, C2C.Measurement}
    for node in sorted(set(g.subjects(RDFS.label, None))):
        types = sorted(t for t in g.objects(node, RDF.type) if str(t).startswith(str(C2C)) and t not in internal)
        if not types:
            continue
        attrs = {
            "iri": str(node), "id": str(node)[len(str(RES)):], "label": str(g.value(node, RDFS.label)),
            "cls": local_name(types[0]), "aliases": sorted(str(a) for a in g.objects(node, SKOS.altLabel)),
        }
        comment = g.value(node, RDFS.comment)
        if comment is not None:
            attrs["description"] = str(comment)
        for prop, key in _FACTS.items():
            value = g.value(node, prop)
            if value is not None:
                attrs[key] = str(value)
        country = g.value(node, C2C.country)
        if country is not None:
            attrs["country"] = str(g.value(country, RDFS.label) or local_name(country))
        G.add_node(str(node), **attrs)
    evidence = _evidence_index(ds)
    names = relation_properties()
    for rel in sorted(g.subjects(RDF.type, C2C.Relation)):
        s, p, o = g.value(rel, RDF.subject), g.value(rel, RDF.predicate), g.value(rel, RDF.object)
        prop = local_name(p)
        if prop not in names or str(s) not in G or str(o) not in G:
            continue
        attrs = {"prop": prop, "relation": str(rel), "evidence": evidence.get(rel, [])}
        for qprop, key in _QUALIFIERS.items():
            value = g.value(rel, qprop)
            if value is not None:
                attrs[key] = str(value)
        kind = g.value(rel, C2C.partnershipKind) or g.value(rel, C2C.supportMode)
        if kind is not None:
            attrs["kind"] = local_name(kind)
        note = g.value(rel, RDFS.comment)
        if note is not None:
            attrs["note"] = str(note)
        _add_edge(G, str(s), str(o), prop, attrs)
    # Entity facts asserted without a reified relation (country, located_in of the catalog).
    for prop in (C2C.locatedIn, C2C.country):
        for s, o in sorted(g.subject_objects(prop)):
            if str(s) in G and str(o) in G and not G.has_edge(str(s), str(o), key="locatedIn"):
                _add_edge(G, str(s), str(o), "locatedIn", {"prop": "locatedIn", "evidence": []})
    for m in sorted(g.subjects(RDF.type, C2C.Measurement)):
        about = str(g.value(m, C2C.about))
        if about not in G:
            continue
        row = {"quantity": str(g.value(m, C2C.quantityKind)), "value": g.value(m, C2C.value).toPython(),
               "unit": str(g.value(m, C2C.unit))}
        for prop, key in ((C2C.year, "year"), (C2C.qualifier, "qualifier")):
            value = g.value(m, prop)
            if value is not None:
                row[key] = str(value)
        concerns = g.value(m, C2C.concerns)
        if concerns is not None:
            row["concerns"] = str(concerns)
        row["evidence"] = evidence.get(m, [])
        G.nodes[about].setdefault("measurements", []).append(row)
    if provenance:
        _add_provenance(ds, G)
    return G


def _add_edge(G: nx.MultiDiGraph, s: str, o: str, prop: str, attrs: dict) -> None:
    key = prop
    n = 2
    while G.has_edge(s, o, key=key):  # the same property twice (another year or kind)
        key = f"{prop}#{n}"
        n += 1
    G.add_edge(s, o, key=key, **attrs)


def _add_provenance(ds: Dataset, G: nx.MultiDiGraph) -> None:
    for g in ds.graphs():
        for doc in sorted(g.subjects(RDF.type, C2C.SourceDocument)):
            G.add_node(str(doc), iri=str(doc), id=str(doc).rsplit("/", 1)[-1], cls="SourceDocument",
                       label=str(g.value(doc, DCTERMS.title) or doc), aliases=[])
        for s, doc in sorted(g.subject_objects(C2C.mentionedIn)):
            if str(s) in G and str(doc) in G:
                G.add_edge(str(s), str(doc), key="mentionedIn", prop="mentionedIn", evidence=[])


