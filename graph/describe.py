"""Looking up an entity by name and describing it with its relations and their evidence."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV

from ..ontology import C2C, RES, local_name


class EntityNotFound(LookupError):
    """No entity, or more than one, answers to a name; carries the closest candidates."""

    def __init__(self, name: str, candidates: list[str], *, ambiguous: bool = False):
        self.name, self.candidates, self.ambiguous = name, candidates, ambiguous
        what = "is ambiguous" if ambiguous else "matches no entity"
        hint = f"; closest: {', '.join(candidates)}" if candidates else ""
        super().__init__(f"{name!r} {what}{hint}")


@dataclass
class Hop:
    """One relation of the described entity, seen from it."""

    direction: str  # "out" or "in"
    prop: str
    other: URIRef
    other_label: str
    qualifiers: dict[str, str]
    evidence: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Description:
    iri: URIRef
    label: str
    types: list[str]
    aliases: list[str]
    comment: str | None
    facts: dict[str, list[str]]
    relations: list[Hop]
    measurements: list[dict[str, str]]



def _names(ds: Dataset) -> dict[str, set[URIRef]]:
    g = ds.default_graph
    table: dict[str, set[URIRef]] = {}
    for prop in (RDFS.label, SKOS.altLabel):
        for s, o in g.subject_objects(prop):
            table.setdefault(str(o).casefold(), set()).add(s)
    for s in g.subjects(RDFS.label, None):
        table.setdefault(str(s)[len(str(RES)):].casefold(), set()).add(s)
    return table


def find_entity(ds: Dataset, name: str) -> URIRef:
    """The entity whose id, label or alias is ``name`` (case-insensitive)."""
    table = _names(ds)
    hits = table.get(name.strip().casefold(), set())
    if len(hits) == 1:
        return next(iter(hits))
    g = ds.default_graph
    if hits:
        raise EntityNotFound(name, sorted(str(g.value(h, RDFS.label)) for h in hits), ambiguous=True)
    key = name.strip().casefold()
    close = [k for k in sorted(table, key=len) if key in k][:5]
    close += difflib.get_close_matches(key, list(table), n=5, cutoff=0.6)
    labels = []
    for key in close:
        for iri in sorted(table[key]):
            label = str(g.value(iri, RDFS.label))
            if label not in labels:
                labels.append(label)
    raise EntityNotFound(name, labels[:5])


def _label(g, iri) -> str:
    value = g.value(iri, RDFS.label)
    return str(value) if value is not None else local_name(iri)


def _evidence(ds: Dataset, node) -> list[dict[str, str]]:
    out = []
    for ctx in ds.graphs():
        for ev in ctx.objects(node, PROV.wasDerivedFrom):
            doc = ctx.value(ev, C2C.document)
            row = {"document": str(ctx.value(doc, DCTERMS.identifier) or local_name(doc))}
            for key, prop in (("sentence", C2C.sentenceText), ("start", C2C.startOffset),
                              ("end", C2C.endOffset), ("locator", C2C.locator)):
                value = ctx.value(ev, prop)
                if value is not None:
                    row[key] = str(value)
            out.append(row)
    return sorted(out, key=lambda r: (r["document"], int(r.get("start", 0))))


def _qualifiers(g, rel) -> dict[str, str]:
    out = {}
    for key, prop in (("year", C2C.year), ("date", C2C.date), ("start", C2C.startYear),
                      ("end", C2C.endYear), ("kind", C2C.partnershipKind), ("mode", C2C.supportMode),
                      ("note", RDFS.comment)):
        values = sorted(str(v) if not isinstance(v, URIRef) else local_name(v) for v in g.objects(rel, prop))
        if values:
            out[key] = ", ".join(values)
    return out


def describe(ds: Dataset, iri: URIRef) -> Description:
    """Everything the graph says about ``iri``: names, type, relations with evidence, numbers."""
    g = ds.default_graph
    relations: list[Hop] = []
    for rel in sorted(set(g.subjects(RDF.subject, iri)) | set(g.subjects(RDF.object, iri))):
        s, p, o = g.value(rel, RDF.subject), g.value(rel, RDF.predicate), g.value(rel, RDF.object)
        out = s == iri
        other = o if out else s
        relations.append(Hop("out" if out else "in", local_name(p), other, _label(g, other),
                             _qualifiers(g, rel), _evidence(ds, rel)))
    relations.sort(key=lambda h: (h.direction == "in", h.prop, h.qualifiers.get("year", ""), h.other_label))
    facts: dict[str, list[str]] = {}
    for prop, key in ((C2C.country, "country"), (C2C.locatedIn, "located in"), (C2C.year, "year"),
                      (C2C.startYear, "start"), (C2C.endYear, "end"), (C2C.geonamesId, "GeoNames"),
                      (C2C.wikidataId, "Wikidata")):
        values = sorted(_label(g, v) if isinstance(v, URIRef) else str(v) for v in g.objects(iri, prop))
        if values:
            facts[key] = values
    measurements = []
    for m in sorted(g.subjects(C2C.about, iri)):
        row = {k: str(g.value(m, p)) for k, p in (("quantity", C2C.quantityKind), ("value", C2C.value),
                                                   ("unit", C2C.unit), ("year", C2C.year),
                                                   ("qualifier", C2C.qualifier)) if g.value(m, p) is not None}
        evidence = _evidence(ds, m)
        if evidence:
            row["document"] = evidence[0]["document"]
        measurements.append(row)
    comment = g.value(iri, RDFS.comment)
    return Description(
        iri=iri, label=_label(g, iri), types=sorted(local_name(t) for t in g.objects(iri, RDF.type)),
        aliases=sorted(str(a) for a in g.objects(iri, SKOS.altLabel)),
        comment=str(comment) if comment is not None else None, facts=facts,
        relations=relations, measurements=measurements)
