"""The property-graph projection of the RDF graph, shared by Cypher, analytics and views.

``project(data)`` turns entities into nodes and relations into keyed edges of a networkx
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

``data`` is an rdflib Dataset or a pyoxigraph Store (in memory or on disk): one assembly
reads per-predicate tables of (subject, object) pairs from a thin source over either, so a
store is projected without going through rdflib, and both give the same graph. Where a
property that should have one value has several, the smallest is taken; evidence rows are
ordered by document, offsets and text.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from ..ontology import C2C, RES, local_name, relation_properties

_FACTS = {str(C2C.year): "year", str(C2C.startYear): "startYear", str(C2C.endYear): "endYear",
          str(C2C.geonamesId): "geonamesId", str(C2C.wikidataId): "wikidataId"}
_QUALIFIERS = {str(C2C.year): "year", str(C2C.date): "date", str(C2C.startYear): "startYear",
               str(C2C.endYear): "endYear"}
_EVIDENCE = {str(C2C.sentenceText): "sentence", str(C2C.startOffset): "start", str(C2C.endOffset): "end",
             str(C2C.contextText): "context"}
_TYPED = {"start", "end"}
(_TYPE, _LABEL, _ALT, _COMMENT, _SUBJECT, _PREDICATE, _OBJECT, _TITLE, _DERIVED, _DOCUMENT, _COUNTRY,
 _LOCATED, _KIND, _MODE, _ABOUT, _QUANTITY, _VALUE, _UNIT, _QUALIFIER, _CONCERNS, _MENTIONED,
 _RELATION, _MEASUREMENT, _DOC_CLASS) = map(str, (
    RDF.type, RDFS.label, SKOS.altLabel, RDFS.comment, RDF.subject, RDF.predicate, RDF.object, DCTERMS.title,
    PROV.wasDerivedFrom, C2C.document, C2C.country, C2C.locatedIn, C2C.partnershipKind, C2C.supportMode,
    C2C.about, C2C.quantityKind, C2C.value, C2C.unit, C2C.qualifier, C2C.concerns, C2C.mentionedIn,
    C2C.Relation, C2C.Measurement, C2C.SourceDocument))


class _DatasetSource:
    """(subject, object) pairs of one predicate in one graph of an rdflib Dataset."""

    def __init__(self, ds: Dataset):
        self._graphs = {None: ds.default_graph}
        default = ds.default_graph.identifier
        self._graphs.update((str(g.identifier), g) for g in ds.graphs() if g.identifier != default)

    def graphs(self) -> list[str | None]:
        return [None, *sorted(name for name in self._graphs if name is not None)]

    def pairs(self, pred: str, graph: str | None = None, *, typed: bool = False) -> Iterator[tuple[str, object]]:
        for s, o in self._graphs[graph].subject_objects(URIRef(pred)):
            yield str(s), o.toPython() if typed and isinstance(o, Literal) else str(o)


class _StoreSource:
    """The same pairs read from a pyoxigraph Store, one index scan per predicate and graph."""

    def __init__(self, store):
        import pyoxigraph as ox

        self._ox, self._store = ox, store
        self._graphs = {None: ox.DefaultGraph()}
        self._graphs.update((g.value, g) for g in store.named_graphs())

    def graphs(self) -> list[str | None]:
        return [None, *sorted(name for name in self._graphs if name is not None)]

    def pairs(self, pred: str, graph: str | None = None, *, typed: bool = False) -> Iterator[tuple[str, object]]:
        literal = self._ox.Literal
        for q in self._store.quads_for_pattern(None, self._ox.NamedNode(pred), None, self._graphs[graph]):
            o = q.object
            yield q.subject.value, _python(o) if typed and isinstance(o, literal) else o.value


_INTEGERS = {str(XSD[t]) for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                   "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def _python(literal):
    """A pyoxigraph literal as rdflib's ``toPython()`` gives it (integers natively)."""
    if literal.datatype.value in _INTEGERS:
        try:
            return int(literal.value)
        except ValueError:
            pass
    datatype = None if literal.language else URIRef(literal.datatype.value)
    return Literal(literal.value, lang=literal.language, datatype=datatype).toPython()


def _source(data):
    if isinstance(data, Dataset):
        return _DatasetSource(data)
    import pyoxigraph

    if isinstance(data, pyoxigraph.Store):
        return _StoreSource(data)
    raise TypeError(f"cannot project {type(data).__name__}: give an rdflib Dataset or a pyoxigraph Store "
                    "(graph.store.to_store reads a remote one into memory)")


def _one(pairs) -> dict:
    """subject -> its value (the smallest when there are several)."""
    out: dict = {}
    for s, o in pairs:
        old = out.get(s)
        if old is None or o < old:
            out[s] = o
    return out


def _many(pairs) -> dict[str, list]:
    out: dict[str, list] = {}
    for s, o in pairs:
        out.setdefault(s, []).append(o)
    return out


def project(data, *, provenance: bool = False) -> nx.MultiDiGraph:
    """The MultiDiGraph of entities and relations of ``data`` (an rdflib Dataset or a pyoxigraph
    Store; see the module docstring)."""
    src = _source(data)
    paused = gc.isenabled()
    gc.disable()  # millions of new acyclic dicts: the collector would rescan them for nothing (~20%)
    try:
        return _assemble(src, provenance=provenance)
    finally:
        if paused:
            gc.enable()


def _assemble(src, *, provenance: bool) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    classes: dict[str, str] = {}
    relations, measurements = [], []
    ns = str(C2C)
    for s, t in src.pairs(_TYPE):
        if t == _RELATION:
            relations.append(s)
        elif t == _MEASUREMENT:
            measurements.append(s)
        elif t.startswith(ns) and (s not in classes or t < classes[s]):
            classes[s] = t
    labels, comments = _one(src.pairs(_LABEL)), _one(src.pairs(_COMMENT))
    dated = {prop: _one(src.pairs(prop)) for prop in {*_FACTS, *_QUALIFIERS}}
    _add_nodes(src, G, classes, labels, comments, dated)
    del classes, labels  # each table is dropped once read, to keep the peak low on large stores
    evidence = _evidence_index(src)
    _add_relations(src, G, sorted(relations), evidence, comments, dated)
    years = dated[str(C2C.year)]
    del relations, comments, dated
    # Entity facts asserted without a reified relation (country, located_in of the catalog).
    for prop in (_LOCATED, _COUNTRY):
        for s, o in sorted(src.pairs(prop)):
            if s in G and o in G and not G.has_edge(s, o, key="locatedIn"):
                _add_edge(G, s, o, "locatedIn", {"prop": "locatedIn", "evidence": []})
    _add_measurements(src, G, sorted(measurements), evidence, years)
    if provenance:
        _add_provenance(src, G)
    return G


def _add_nodes(src, G: nx.MultiDiGraph, classes: dict, labels: dict, comments: dict, dated: dict) -> None:
    aliases = _many(src.pairs(_ALT))
    countries = _one(src.pairs(_COUNTRY))
    prefix = len(str(RES))
    for node in sorted(n for n in labels if n in classes):
        attrs = {"iri": node, "id": node[prefix:], "label": labels[node], "cls": local_name(classes[node]),
                 "aliases": sorted(aliases.get(node, ()))}
        if node in comments:
            attrs["description"] = comments[node]
        for prop, key in _FACTS.items():
            value = dated[prop].get(node)
            if value is not None:
                attrs[key] = value
        country = countries.get(node)
        if country is not None:
            attrs["country"] = labels.get(country) or local_name(country)
        G.add_node(node, **attrs)


def _evidence_index(src) -> dict[str, list[dict]]:
    """relation or measurement IRI -> its evidence rows, sorted by document, offsets and text."""
    out: dict[str, list[dict]] = {}
    for graph in src.graphs():
        titles = _one(src.pairs(_TITLE, graph))
        documents = _one(src.pairs(_DOCUMENT, graph))
        values = {key: _one(src.pairs(prop, graph, typed=key in _TYPED)) for prop, key in _EVIDENCE.items()}
        names: dict = {}
        for owner, ev in src.pairs(_DERIVED, graph):
            doc = documents.get(ev)
            if doc not in names:
                names[doc] = (str(doc).rsplit("/", 1)[-1], titles.get(doc, ""))
            name, title = names[doc]
            row = {"document": name, "title": title}
            for key, table in values.items():
                value = table.get(ev)
                if value is not None:
                    row[key] = value
            out.setdefault(owner, []).append(row)
    for rows in out.values():
        if len(rows) > 1:
            rows.sort(key=lambda r: (r["document"], r.get("start", 0), r.get("end", 0), r.get("sentence", ""),
                                     r.get("context", ""), r["title"]))
    return out


def _add_relations(src, G: nx.MultiDiGraph, relations: list, evidence: dict, comments: dict, dated: dict) -> None:
    names = relation_properties()
    subjects, predicates, objects = (_one(src.pairs(p)) for p in (_SUBJECT, _PREDICATE, _OBJECT))
    kinds, modes = _one(src.pairs(_KIND)), _one(src.pairs(_MODE))
    for rel in relations:
        s, p, o = subjects.get(rel), predicates.get(rel), objects.get(rel)
        prop = local_name(p) if p is not None else None
        if prop not in names or s not in G or o not in G:
            continue
        attrs = {"prop": prop, "relation": rel, "evidence": evidence.get(rel, [])}
        for qprop, key in _QUALIFIERS.items():
            value = dated[qprop].get(rel)
            if value is not None:
                attrs[key] = value
        kind = kinds.get(rel) or modes.get(rel)
        if kind is not None:
            attrs["kind"] = local_name(kind)
        if rel in comments:
            attrs["note"] = comments[rel]
        _add_edge(G, s, o, prop, attrs)


def _add_measurements(src, G: nx.MultiDiGraph, measurements: list, evidence: dict, years: dict) -> None:
    about, concerns, qualifiers = _one(src.pairs(_ABOUT)), _one(src.pairs(_CONCERNS)), _one(src.pairs(_QUALIFIER))
    quantities, units, values = _one(src.pairs(_QUANTITY)), _one(src.pairs(_UNIT)), _one(src.pairs(_VALUE, typed=True))
    for m in measurements:
        node = str(about.get(m))
        if node not in G:
            continue
        row = {"quantity": str(quantities.get(m)), "value": values[m], "unit": str(units.get(m))}
        for key, table in (("year", years), ("qualifier", qualifiers), ("concerns", concerns)):
            if m in table:
                row[key] = table[m]
        row["evidence"] = evidence.get(m, [])
        G.nodes[node].setdefault("measurements", []).append(row)


def _add_edge(G: nx.MultiDiGraph, s: str, o: str, prop: str, attrs: dict) -> None:
    key = prop
    n = 2
    while G.has_edge(s, o, key=key):  # the same property twice (another year or kind)
        key = f"{prop}#{n}"
        n += 1
    G.add_edge(s, o, key=key, **attrs)


def _add_provenance(src, G: nx.MultiDiGraph) -> None:
    for graph in src.graphs():
        docs = sorted(s for s, t in src.pairs(_TYPE, graph) if t == _DOC_CLASS)
        titles = _one(src.pairs(_TITLE, graph)) if docs else {}
        for doc in docs:
            G.add_node(doc, iri=doc, id=doc.rsplit("/", 1)[-1], cls="SourceDocument", label=titles.get(doc) or doc,
                       aliases=[])
        for s, doc in sorted(src.pairs(_MENTIONED, graph)):
            if s in G and doc in G:
                G.add_edge(s, doc, key="mentionedIn", prop="mentionedIn", evidence=[])
