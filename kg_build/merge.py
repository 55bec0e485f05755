"""Extracted statements beside the curated ones: curated always win.

An extracted relation is, against the curated statements:
- ``merged`` when the curated data states the same fact (same subject, property and object,
  either way round for ``partnerOf`` and ``cooperatesWith``; same kind for ``partnerOf``):
  its sentences become further evidence of the curated relation;
- ``overridden`` when the curated data states the reverse of a directed relation;
- ``new`` otherwise.

Everything extracted goes in the named graph ``res:graph/extracted``, flagged
``c2c:extracted true`` with its rule and confidence, so a query over the default and
provenance graphs sees exactly the curated knowledge, and one over all graphs sees both.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rdflib import RDF, Dataset, Literal
from rdflib.namespace import PROV, XSD

from ..ontology import C2C, RES, controlled_values
from .assemble import PROVENANCE_GRAPH, _digest, add_geonames, add_names, document_iri, entity_iri, relation_iri
from .catalog import Catalog
from .extraction import Extraction, NewEntity
from .rules import Hit

EXTRACTED_GRAPH = RES["graph/extracted"]
SYMMETRIC = frozenset({"partnerOf", "cooperatesWith"})


@dataclass
class Extracted:
    """One extracted fact and every sentence that states it."""

    s: str
    p: str
    o: str
    kind: str | None
    evidence: list[tuple[str, Hit]] = field(default_factory=list)  # (document, hit)
    status: str = "new"          # new | merged | overridden
    merged_into: list = field(default_factory=list)  # IRIs of curated relations

    @property
    def confidence(self) -> float:
        return max(h.confidence for _d, h in self.evidence)

    @property
    def rule(self) -> str:
        return max(self.evidence, key=lambda e: (e[1].confidence, -e[1].sentence.start))[1].rule

    @property
    def year(self) -> int | None:
        years = sorted(h.year for _d, h in self.evidence if h.year)
        return years[0] if years else None


def _key(hit: Hit) -> tuple:
    s, o = (min(hit.s, hit.o), max(hit.s, hit.o)) if hit.p in SYMMETRIC else (hit.s, hit.o)
    kind = hit.kind or ("cooperation-agreement" if hit.p == "partnerOf" else None)
    return s, hit.p, o, kind if hit.p == "partnerOf" else None


def combine(catalog: Catalog, extraction: Extraction, *, min_confidence: float) -> list[Extracted]:
    """Group the extraction's relations into facts and compare each with the curated data."""
    facts: dict[tuple, Extracted] = {}
    relations = extraction.relations(min_confidence=min_confidence)
    # a partnership stated without its kind ("renew their partnership") is the one the same
    # document names with a kind ("renewed the memorandum"), if it names one
    kinds: dict[tuple, str] = {}
    for doc, hit in relations:
        if hit.p == "partnerOf" and hit.kind:
            kinds.setdefault((doc, *sorted((hit.s, hit.o))), hit.kind)
    for doc, hit in relations:
        if hit.p == "partnerOf" and not hit.kind and (kind := kinds.get((doc, *sorted((hit.s, hit.o))))):
            hit = replace(hit, kind=kind)
        key = _key(hit)
        # a symmetric fact keeps the direction it was first stated in
        fact = facts.setdefault(key, Extracted(hit.s, hit.p, hit.o, key[3] or (hit.kind if hit.p == "supports" else None)))
        fact.evidence.append((doc, hit))
    curated = defaultdict(list)
    for st in catalog.statements:
        curated[(st.s, st.p, st.o)].append(st)
    for fact in facts.values():
        same = curated.get((fact.s, fact.p, fact.o), [])
        if fact.p in SYMMETRIC:
            same = same + curated.get((fact.o, fact.p, fact.s), [])
        if fact.p == "partnerOf":
            same = [st for st in same if st.kind == fact.kind]
        if fact.year and any(st.year == fact.year for st in same):  # the same year's statement
            same = [st for st in same if st.year == fact.year]
        if same:
            fact.status = "merged"
            fact.merged_into = sorted({relation_iri(st) for st in same})
        elif fact.p not in SYMMETRIC and curated.get((fact.o, fact.p, fact.s)):
            fact.status = "overridden"
    return [facts[k] for k in sorted(facts, key=lambda k: tuple("" if v is None else str(v) for v in k))]


def extracted_iri(key: str):
    """The provisional IRI of an extracted entity (a catalog id gives the catalog IRI)."""
    return entity_iri(key) if "/" not in key else RES[key]


def _add_entity(g, ent: NewEntity) -> None:
    node = RES[ent.key]
    add_names(g, node, ent.type, ent.name, ent.aliases)
    g.add((node, C2C.extracted, Literal(True)))
    g.add((node, C2C.extractionRule, Literal(ent.rule)))
    if ent.geonames:
        add_geonames(g, node, ent.geonames)
    if ent.iso:
        g.add((node, C2C.isoCode, Literal(ent.iso)))
    for doc in sorted({m[0] for m in ent.mentions}):
        g.add((node, C2C.mentionedIn, document_iri(doc)))


def _add_evidence(g, owner, doc: str, hit: Hit) -> None:
    sent = hit.sentence
    node = RES[f"evidence/{_digest(owner, doc, sent.start, hit.rule)}"]
    g.add((owner, PROV.wasDerivedFrom, node))
    g.add((node, RDF.type, C2C.Evidence))
    g.add((node, C2C.document, document_iri(doc)))
    g.add((node, C2C.startOffset, Literal(sent.start, datatype=XSD.integer)))
    g.add((node, C2C.endOffset, Literal(sent.end, datatype=XSD.integer)))
    g.add((node, C2C.sentenceText, Literal(" ".join(sent.text.split()))))
    g.add((node, C2C.extracted, Literal(True)))
    g.add((node, C2C.extractionRule, Literal(hit.rule)))
    g.add((node, C2C.confidence, Literal(Decimal(str(hit.confidence)), datatype=XSD.decimal)))


def _one_per_sentence(evidence: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
    """The surest hit of each sentence (two rules may fire on one), in document order."""
    best: dict[tuple, tuple[str, Hit]] = {}
    for doc, hit in evidence:
        key = (doc, hit.sentence.start)
        if key not in best or (hit.confidence, hit.rule) > (best[key][1].confidence, best[key][1].rule):
            best[key] = (doc, hit)
    return [best[k] for k in sorted(best)]


def _sentences_of(prov, rel) -> set[tuple[str, int, int]]:
    """(document, start, end) of the curated evidence of ``rel``."""
    out = set()
    for ev in prov.objects(rel, PROV.wasDerivedFrom):
        start, end = prov.value(ev, C2C.startOffset), prov.value(ev, C2C.endOffset)
        if start is not None and end is not None:
            out.add((str(prov.value(ev, C2C.document)).rsplit("/", 1)[-1], int(start), int(end)))
    return out


def add_extracted(ds: Dataset, facts: list[Extracted], extraction: Extraction) -> None:
    """Put the new entities and the extracted relations (and evidence) in the extracted graph;
    a merged fact adds only the sentences its curated relation does not already cite."""
    g = ds.graph(EXTRACTED_GRAPH)
    prov = ds.graph(PROVENANCE_GRAPH)
    for ent in extraction.entities.values():
        _add_entity(g, ent)
    kinds = {**controlled_values(C2C.PartnershipKind), **controlled_values(C2C.SupportMode)}
    for fact in facts:
        if fact.status == "overridden":
            continue
        evidence = _one_per_sentence(fact.evidence)
        if fact.status == "merged":
            for rel in fact.merged_into:
                known = _sentences_of(prov, rel)
                for doc, hit in evidence:
                    if (doc, hit.sentence.start, hit.sentence.end) not in known:  # else: confirmed
                        _add_evidence(g, rel, doc, hit)
            continue
        s, o = extracted_iri(fact.s), extracted_iri(fact.o)
        rel = RES[f"relation/extracted/{fact.p}-{_digest(fact.s, fact.p, fact.o, fact.kind)}"]
        g.add((s, C2C[fact.p], o))
        g.add((rel, RDF.type, C2C.Relation))
        g.add((rel, RDF.subject, s))
        g.add((rel, RDF.predicate, C2C[fact.p]))
        g.add((rel, RDF.object, o))
        if fact.kind:
            g.add((rel, C2C.partnershipKind if fact.p == "partnerOf" else C2C.supportMode, C2C[kinds[fact.kind]]))
        if fact.year:
            g.add((rel, C2C.year, Literal(f"{fact.year:04d}", datatype=XSD.gYear)))
        g.add((rel, C2C.extracted, Literal(True)))
        g.add((rel, C2C.extractionRule, Literal(fact.rule)))
        g.add((rel, C2C.confidence, Literal(Decimal(str(fact.confidence)), datatype=XSD.decimal)))
        for doc, hit in evidence:
            _add_evidence(g, rel, doc, hit)
