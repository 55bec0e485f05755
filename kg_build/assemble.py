"""Turning the catalog (and, with a corpus, the resolved evidence) into an rdflib Dataset.

The default graph holds the asserted knowledge: entities, relation triples, the reified
relations with their qualifiers (years, kinds) and the measurements. The named graph
``res:graph/provenance`` holds the documents, the evidence (document, locator and, with a
corpus, sentence text and character offsets), ``prov:wasDerivedFrom`` links and mentions.
IRIs come from ids and content digests only, so the same input gives the same graph.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, SKOS, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from ..ontology import C2C, RES, bind_namespaces, controlled_values
from ..ontology.terms import GEONAMES, WIKIDATA
from .catalog import Catalog, Entity, Evidence, Measurement, Statement
from .evidence import Resolution

PROVENANCE_GRAPH = RES["graph/provenance"]


def _digest(*parts) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:16]


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of a catalog entity.

    >>> entity_iri("phnom-penh").n3()
    '<https://w3id.org/c2c-kg/resource/phnom-penh>'
    """
    return RES[entity_id]


def document_iri(doc_id: str) -> URIRef:
    return RES[f"document/{doc_id}"]


def relation_iri(st: Statement) -> URIRef:
    return RES[f"relation/{st.p}-{_digest(*st.key)}"]


def measurement_iri(m: Measurement) -> URIRef:
    return RES[f"measurement/{_digest(m.about, m.quantity, m.value, m.unit, m.year, m.qualifier, m.subject)}"]


def evidence_iri(owner: URIRef, ev: Evidence) -> URIRef:
    return RES[f"evidence/{_digest(owner, ev.doc, ev.cue, ev.span, ev.context or '')}"]


def _year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)


def _date(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=datatype)


def _number(value: int | float) -> Literal:
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    return Literal(Decimal(repr(value)), datatype=XSD.decimal)


def add_names(g, node, cls: str, name: str, aliases) -> None:
    """An entity's class, label, English preferred label and aliases; an alias that is the
    name itself is left out (SKOS keeps preferred and alternative labels disjoint)."""
    g.add((node, RDF.type, C2C[cls]))
    g.add((node, RDFS.label, Literal(name)))
    g.add((node, SKOS.prefLabel, Literal(name, lang="en")))
    for alias in aliases:
        if alias != name:
            g.add((node, SKOS.altLabel, Literal(alias)))


def add_geonames(g, node, geonames_id) -> None:
    """The GeoNames id of a place, as a literal and as an owl:sameAs link."""
    g.add((node, C2C.geonamesId, Literal(geonames_id)))
    g.add((node, OWL.sameAs, GEONAMES[f"{geonames_id}/"]))


def _add_entity(g, ent: Entity) -> None:
    node = entity_iri(ent.id)
    add_names(g, node, ent.type, ent.name, ent.aliases)
    if ent.description:
        g.add((node, RDFS.comment, Literal(ent.description, lang="en")))
    if ent.country:
        g.add((node, C2C.country, entity_iri(ent.country)))
    if ent.located_in:
        g.add((node, C2C.locatedIn, entity_iri(ent.located_in)))
    if ent.geonames:
        add_geonames(g, node, ent.geonames)
    if ent.wikidata:
        g.add((node, C2C.wikidataId, Literal(ent.wikidata)))
        g.add((node, OWL.sameAs, WIKIDATA[ent.wikidata]))
    for prop, value in ((C2C.year, ent.year), (C2C.startYear, ent.start), (C2C.endYear, ent.end)):
        if value is not None:
            g.add((node, prop, _year(value)))


def _add_qualifiers(g, node, item) -> None:
    year = item.year
    if getattr(item, "date", None):
        g.add((node, C2C.date, _date(item.date)))
        year = year or int(item.date[:4])
    if year is not None:
        g.add((node, C2C.year, _year(year)))
    for prop, value in ((C2C.startYear, getattr(item, "start", None)), (C2C.endYear, getattr(item, "end", None))):
        if value is not None:
            g.add((node, prop, _year(value)))
    if item.note:
        g.add((node, RDFS.comment, Literal(item.note, lang="en")))


def _add_evidence(prov, owner: URIRef, ev: Evidence, resolution: Resolution | None) -> None:
    node = evidence_iri(owner, ev)
    prov.add((owner, PROV.wasDerivedFrom, node))
    prov.add((node, RDF.type, C2C.Evidence))
    prov.add((node, C2C.document, document_iri(ev.doc)))
    if ev.cue:
        prov.add((node, C2C.locator, Literal(ev.cue)))
    if ev.context:
        prov.add((node, C2C.contextLocator, Literal(ev.context)))
    hit = resolution.located.get(ev) if resolution else None
    if hit is not None:
        prov.add((node, C2C.startOffset, Literal(hit.start, datatype=XSD.integer)))
        prov.add((node, C2C.endOffset, Literal(hit.end, datatype=XSD.integer)))
        prov.add((node, C2C.sentenceText, Literal(" ".join(hit.text.split()))))
        if hit.context:
            start, end, text = hit.context
            prov.add((node, C2C.contextStartOffset, Literal(start, datatype=XSD.integer)))
            prov.add((node, C2C.contextEndOffset, Literal(end, datatype=XSD.integer)))
            prov.add((node, C2C.contextText, Literal(" ".join(text.split()))))


def assemble(catalog: Catalog, resolution: Resolution | None = None, corpus: dict | None = None) -> Dataset:
    """Build the Dataset for ``catalog``; ``resolution`` adds sentences and offsets."""
    ds = bind_namespaces(Dataset())
    g = ds.default_graph
    prov = ds.graph(PROVENANCE_GRAPH)
    kinds = {**controlled_values(C2C.PartnershipKind), **controlled_values(C2C.SupportMode)}
    for ent in catalog.entities.values():
        _add_entity(g, ent)
    for st in catalog.statements:
        rel = relation_iri(st)
        g.add((entity_iri(st.s), C2C[st.p], entity_iri(st.o)))
        g.add((rel, RDF.type, C2C.Relation))
        g.add((rel, RDF.subject, entity_iri(st.s)))
        g.add((rel, RDF.predicate, C2C[st.p]))
        g.add((rel, RDF.object, entity_iri(st.o)))
        if st.kind:
            prop = C2C.partnershipKind if st.p == "partnerOf" else C2C.supportMode
            g.add((rel, prop, C2C[kinds[st.kind]]))
        _add_qualifiers(g, rel, st)
        for ev in st.evidence:
            _add_evidence(prov, rel, ev, resolution)
    for m in catalog.measurements:
        node = measurement_iri(m)
        g.add((node, RDF.type, C2C.Measurement))
        g.add((node, C2C.about, entity_iri(m.about)))
        if m.subject:
            g.add((node, C2C.concerns, entity_iri(m.subject)))
        g.add((node, C2C.quantityKind, Literal(m.quantity)))
        g.add((node, C2C.value, _number(m.value)))
        g.add((node, C2C.unit, Literal(m.unit)))
        if m.qualifier:
            g.add((node, C2C.qualifier, Literal(m.qualifier)))
        _add_qualifiers(g, node, m)
        for ev in m.evidence:
            _add_evidence(prov, node, ev, resolution)
    _add_documents(prov, catalog, corpus or {})
    _add_mentions(prov, catalog, resolution)
    return ds


def _add_documents(prov, catalog: Catalog, corpus: dict) -> None:
    for doc_id in sorted(set(catalog.documents) | set(corpus)):
        node = document_iri(doc_id)
        meta = catalog.documents.get(doc_id)
        cdoc = corpus.get(doc_id)
        title = (cdoc.title if cdoc else None) or (meta.title if meta else None) or doc_id
        prov.add((node, RDF.type, C2C.SourceDocument))
        prov.add((node, DCTERMS.identifier, Literal(doc_id)))
        prov.add((node, DCTERMS.title, Literal(title)))
        publisher = (meta.publisher if meta else None) or (cdoc.publisher if cdoc else None)
        if publisher:
            prov.add((node, DCTERMS.publisher, Literal(publisher)))
        date = (meta.date if meta else None) or (cdoc.date if cdoc else None)
        if date:
            prov.add((node, DCTERMS.date, _date(date)))
        kind = (meta.kind if meta else None) or (cdoc.kind if cdoc else None)
        if kind:
            prov.add((node, DCTERMS.type, Literal(kind)))


def _add_mentions(prov, catalog: Catalog, resolution: Resolution | None) -> None:
    pairs: set[tuple[str, str]] = set()
    if resolution is not None:
        pairs |= {(m.entity, doc) for doc, ms in resolution.mentions.items() for m in ms}
    for item in [*catalog.statements, *catalog.measurements]:
        ends = [item.s, item.o] if isinstance(item, Statement) else [item.about, item.subject]
        pairs |= {(e, ev.doc) for ev in item.evidence for e in ends if e}
    for entity, doc in sorted(pairs):
        prov.add((entity_iri(entity), C2C.mentionedIn, document_iri(doc)))
