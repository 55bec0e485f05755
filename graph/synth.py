"""Synthetic graphs in the shape of the real one, for benchmarks and analytics at scale.

``synthesize(base, scale=k)`` returns the base dataset plus ``k - 1`` synthetic copies of
it. Each copy has an entity for every base entity (same class, a made-up name such as
"Kasomiru Cooperation Agency", as many aliases, a description, the same dated facts),
a reified ``c2c:Relation`` (with the asserted triple, years shifted a little, the same
kind or mode) for every base relation, a ``c2c:Measurement`` (value scaled) for every base
measurement, and in the provenance graph the documents, evidence nodes (a sentence with
offsets) and mentions. Endpoints are rewired: each end of a relation is the copy's twin
of the base end, or, one time in four when it is a place, an organisation, a funding scheme,
a technology or a sector (``HUB_CLASSES``), an entity of the same class drawn from the whole
graph with Zipf weights that favour the base hubs (Kitakyushu, JICA, water supply...). Degrees are
therefore heavy-tailed, the base hubs stay hubs, and every class-level constraint of the
SHACL shapes still holds. Synthetic entities get no GeoNames or Wikidata links.

The output depends only on the base graph's content, ``scale`` and ``seed``.
``synthesize_nquads`` streams the same quads as N-Quads lines (for stores that load fast),
and ``synthesize_trig`` returns them as TriG.

>>> from rdflib import Dataset
>>> len(synthesize(Dataset(), scale=3))
0
"""
from __future__ import annotations

import math
import random
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from rdflib import RDF, RDFS, SKOS, BNode, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from ..ontology import C2C, NAMESPACES, RES, bind_namespaces

PROVENANCE_GRAPH = str(RES["graph/provenance"])
HUB_SHARE = 0.25  # share of relation ends drawn from the whole graph instead of the twin
# Classes whose members become hubs: cities and other places, organisations, funding schemes,
# technologies and sectors. A plan, project, event or award keeps its copy's own ends.
HUB_CLASSES = frozenset({
    "City", "Region", "Country", "LocalGovernment", "NationalGovernmentBody", "InternationalOrganisation",
    "ResearchInstitute", "University", "Company", "NGO", "CityNetwork", "FundingScheme", "Technology", "Sector"})
_SYLLABLES = [a + b for a in "bdghkmnprst" for b in "aeiou"][:48]
_INTERNAL = {str(C2C.Relation), str(C2C.Measurement)}
_DATED = (str(C2C.year), str(C2C.startYear), str(C2C.endYear), str(C2C.date))
_LINKS = (str(C2C.country), str(C2C.locatedIn))
_DATES = (str(XSD.gYear), str(XSD.gYearMonth), str(XSD.date))
_CONCERNS = str(C2C.concerns)
(_TYPE, _LABEL, _PREF, _ALT, _COMMENT, _SUBJECT, _OBJECT, _YEAR, _VALUE, _UNIT, _ABOUT, _INT,
 _DERIVED, _EVIDENCE, _DOCUMENT, _LOCATOR, _START, _END, _SENTENCE, _MENTIONED,
 _CTX_LOCATOR, _CTX_TEXT, _CTX_START, _CTX_END) = map(str, (
    RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel, RDFS.comment, RDF.subject, RDF.object,
    C2C.year, C2C.value, C2C.unit, C2C.about, XSD.integer, PROV.wasDerivedFrom, C2C.Evidence,
    C2C.document, C2C.locator, C2C.startOffset, C2C.endOffset, C2C.sentenceText, C2C.mentionedIn,
    C2C.contextLocator, C2C.contextText, C2C.contextStartOffset, C2C.contextEndOffset))

# A term is an IRI (str; "_:x" for a blank node) or a literal (lexical, datatype, language).
Term = "str | tuple[str, str | None, str | None]"


@dataclass
class _Entity:
    iri: str
    cls: str
    label: str
    aliases: int
    facts: list = field(default_factory=list)   # (prop, literal): years
    links: list = field(default_factory=list)   # (prop, iri): country, locatedIn


@dataclass
class _Item:
    """A reified relation or a measurement: its own triples, its ends and its evidence."""

    iri: str
    ends: dict          # prop -> entity IRI (rdf:subject/rdf:object, c2c:about/c2c:concerns)
    other: list         # (prop, term) of everything else on the node
    evidence: list      # (document IRI, has context)
    asserted: str | None = None  # the predicate of the asserted triple, for relations


def _neutral(term) -> Term:
    if isinstance(term, Literal):
        return (str(term), str(term.datatype) if term.datatype else None, term.language)
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _rdflib(term: Term):
    if isinstance(term, tuple):
        lex, dt, lang = term
        return Literal(lex, lang=lang) if lang else Literal(lex, datatype=URIRef(dt) if dt else None)
    return BNode(term[2:]) if term.startswith("_:") else URIRef(term)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class _Names:
    """Distinct made-up words: a bijective scramble of a counter, spelt in syllables."""

    def __init__(self, total: int, seed: int):
        self.n = 4
        while len(_SYLLABLES) ** self.n < total:
            self.n += 1
        self.size = len(_SYLLABLES) ** self.n
        self.offset = (seed * 7919) % self.size

    def word(self, index: int) -> str:
        code = (index * 2654435761 + self.offset) % self.size  # odd, not a multiple of 3
        parts = []
        for _ in range(self.n):
            code, digit = divmod(code, len(_SYLLABLES))
            parts.append(_SYLLABLES[digit])
        return "".join(parts).capitalize()


def _read(base: Dataset):
    """The base graph as templates: entities, relations, measurements, documents."""
    g = base.default_graph
    entities: dict[str, _Entity] = {}
    for node in sorted(set(g.subjects(RDFS.label, None)), key=str):
        types = sorted(str(t) for t in g.objects(node, RDF.type) if str(t).startswith(str(C2C)))
        types = [t for t in types if t not in _INTERNAL]
        if not types:
            continue
        ent = _Entity(str(node), types[0], str(g.value(node, RDFS.label)),
                      len(set(g.objects(node, SKOS.altLabel))))
        ent.facts = sorted((str(p), _neutral(o)) for p in map(URIRef, _DATED[:3]) for o in g.objects(node, p))
        ent.links = sorted((str(p), str(o)) for p in map(URIRef, _LINKS) for o in g.objects(node, p))
        entities[ent.iri] = ent
    for ent in entities.values():
        ent.links = [(p, o) for p, o in ent.links if o in entities]
    derived: dict[str, list] = {}
    docs: dict[str, list] = {}
    for ctx in base.graphs():
        for owner, ev in ctx.subject_objects(PROV.wasDerivedFrom):
            doc = ctx.value(ev, C2C.document)
            derived.setdefault(str(owner), []).append(
                (str(doc), ctx.value(ev, C2C.contextText) is not None))
        for doc in ctx.subjects(RDF.type, C2C.SourceDocument):
            docs[str(doc)] = sorted((str(p), _neutral(o)) for p, o in ctx.predicate_objects(doc))
    items = []
    for cls, end_props in ((C2C.Relation, (RDF.subject, RDF.object)), (C2C.Measurement, (C2C.about, C2C.concerns))):
        for node in sorted(g.subjects(RDF.type, cls), key=str):
            ends = {str(p): str(o) for p in end_props for o in g.objects(node, p)}
            if not all(e in entities for e in ends.values()):
                continue
            other = sorted((str(p), _neutral(o)) for p, o in g.predicate_objects(node) if p not in end_props)
            item = _Item(str(node), ends, other, sorted(derived.get(str(node), [])))
            if cls == C2C.Relation:
                item.asserted = str(g.value(node, RDF.predicate))
            items.append(item)
    return entities, items, docs


def _degrees(entities, items) -> dict[str, int]:
    deg = dict.fromkeys(entities, 0)
    for item in items:
        for end in item.ends.values():
            deg[end] += 1
    return deg


def _shift(lit: Term, years: int) -> Term:
    lex, dt, lang = lit
    if dt in _DATES and lex[:4].isdigit():
        lex = f"{min(2030, max(1950, int(lex[:4]) + years)):04d}{lex[4:]}"
        if dt == _DATES[2] and lex[5:] == "02-29":
            lex = lex[:5] + "02-28"
    return (lex, dt, lang)


def _scaled(lit: Term, factor: float, unit: str | None) -> Term:
    lex, dt, lang = lit
    value = float(lex) * factor
    if unit == "percent":
        value = min(100.0, value)
    if dt == _INT:
        return (str(max(1, round(value))), dt, lang)
    return (f"{value:.2f}", dt, lang)


def _words(prop: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r" \1", prop.rsplit("#", 1)[-1]).lower()


def synthesize_quads(base: Dataset, *, scale: int, seed: int = 0) -> Iterator[tuple[str, str, Term, str | None]]:
    """The quads of ``synthesize`` as plain tuples ``(s, p, o, graph)``; graph None is the default."""
    if scale < 1:
        raise ValueError(f"scale must be at least 1, not {scale}")
    for ctx in base.graphs():
        gname = None if ctx.identifier == base.default_graph.identifier else str(ctx.identifier)
        yield from sorted(((_neutral(s), str(p), _neutral(o), gname) for s, p, o in ctx), key=repr)
    entities, items, docs = _read(base)
    if scale == 1 or not entities:
        return
    order = sorted(entities.values(), key=lambda e: e.iri)
    index = {e.iri: i for i, e in enumerate(order)}
    names = _Names(len(order) * scale, seed)
    deg = _degrees(entities, items)

    label_of = {e.iri: e.label for e in order}
    twins: list[list[str]] = [[e.iri for e in order]]
    pools: dict[str, list[str]] = {}
    for ent in sorted(order, key=lambda e: (-deg[e.iri], e.iri)):
        pools.setdefault(ent.cls, []).append(ent.iri)
    for k in range(1, scale):
        twins.append([])
        for ent in order:
            iri, label, _aliases = _synthetic(ent, names.word(k * len(order) + index[ent.iri]))
            twins[k].append(iri)
            label_of[iri] = label
            pools[ent.cls].append(iri)
    cum = {cls: list(accumulate(1.0 / (r + 1) for r in range(len(pool)))) for cls, pool in pools.items()}
    cls_of = {e.iri: e.cls for e in order}
    hubs = {cls: cls.rsplit("#", 1)[-1] in HUB_CLASSES for cls in pools}

    for k in range(1, scale):
        rng = random.Random(f"{seed}:{k}")

        def pick(iri: str, avoid: str | None = None) -> str:
            if hubs[cls_of[iri]] and rng.random() < HUB_SHARE:
                cls = cls_of[iri]
                hit = pools[cls][bisect_left(cum[cls], rng.random() * cum[cls][-1])]
                if hit != avoid:
                    return hit
            return twins[k][index[iri]]

        for ent in order:
            iri, label, aliases = _synthetic(ent, names.word(k * len(order) + index[ent.iri]))
            yield iri, _TYPE, ent.cls, None
            yield iri, _LABEL, (label, None, None), None
            yield iri, _PREF, (label, None, "en"), None
            for alias in aliases:
                yield iri, _ALT, (alias, None, None), None
            yield iri, _COMMENT, (f"Synthetic {ent.cls.rsplit('#', 1)[-1]} modelled on {ent.label}.", None, "en"), None
            years = rng.randint(-8, 8)
            for prop, lit in ent.facts:
                yield iri, prop, _shift(lit, years), None
            for prop, target in ent.links:
                yield iri, prop, pick(target, avoid=ent.iri), None
        mentions: set[tuple[str, str]] = set()
        cursor: dict[str, int] = {}
        for item in items:
            node = f"{item.iri}-s{k}"
            ends: dict[str, str] = {}
            for prop, end in item.ends.items():
                ends[prop] = pick(end, avoid=next(iter(ends.values()), None))
            years = rng.randint(-8, 8)
            factor = math.exp(rng.gauss(0.0, 0.5))
            unit = next((o[0] for p, o in item.other if p == _UNIT), None)
            year = None
            for prop, o in item.other:
                if isinstance(o, tuple) and prop in _DATED:
                    o = _shift(o, years)
                    year = o[0][:4] if prop == _YEAR else year
                elif prop == _VALUE:
                    o = _scaled(o, factor, unit)
                elif prop == _COMMENT:
                    continue
                yield node, prop, o, None
            for prop, end in ends.items():
                yield node, prop, end, None
            first, last = (ends.get(_SUBJECT) or ends.get(_ABOUT),
                           ends.get(_OBJECT) or ends.get(_CONCERNS))
            verb = _words(item.asserted) if item.asserted else "reported for"
            text = f"{label_of[first]} {verb}" + (f" {label_of[last]}" if last else "")
            text += f" in {year}." if year else "."
            if item.asserted:
                yield first, item.asserted, last, None
                yield node, _COMMENT, (f"Synthetic: {text}", None, "en"), None
            for n, (doc, has_context) in enumerate(item.evidence):
                doc_k = f"{doc}-s{k}"
                ev = f"{item.iri.replace('/relation/', '/evidence/').replace('/measurement/', '/evidence/')}-{n}-s{k}"
                start = cursor.get(doc_k, 0) + rng.randint(1, 400)
                cursor[doc_k] = start + len(text)
                for prop, o in ((_DERIVED, None), (_TYPE, _EVIDENCE), (_DOCUMENT, doc_k),
                                (_LOCATOR, (" ".join(text.split()[:4]), None, None)),
                                (_START, (str(start), _INT, None)),
                                (_END, (str(start + len(text)), _INT, None)),
                                (_SENTENCE, (text, None, None))):
                    if o is None:
                        yield node, prop, ev, PROVENANCE_GRAPH
                    else:
                        yield ev, prop, o, PROVENANCE_GRAPH
                if has_context:
                    caption = f"Table {rng.randint(1, 9)}.{rng.randint(1, 9)}"
                    yield ev, _CTX_LOCATOR, (caption, None, None), PROVENANCE_GRAPH
                    yield ev, _CTX_TEXT, (caption, None, None), PROVENANCE_GRAPH
                    yield ev, _CTX_START, (str(max(0, start - 300)), _INT, None), PROVENANCE_GRAPH
                    yield ev, _CTX_END, (str(max(0, start - 300) + len(caption)), _INT, None), PROVENANCE_GRAPH
                mentions.update((end, doc_k) for end in ends.values())
        for doc, pos in sorted(docs.items()):
            doc_k = f"{doc}-s{k}"
            for prop, o in pos:
                if isinstance(o, tuple) and prop in (str(DCTERMS.identifier), str(DCTERMS.title)):
                    o = (f"{o[0]}-s{k}", o[1], o[2])
                yield doc_k, prop, o, PROVENANCE_GRAPH
        for entity, doc_k in sorted(mentions):
            yield entity, _MENTIONED, doc_k, PROVENANCE_GRAPH


def _synthetic(ent: _Entity, word: str) -> tuple[str, str, list[str]]:
    """IRI, label and aliases of the synthetic twin of ``ent`` named with ``word``."""
    words = ent.label.split()
    tail = words[-min(2, len(words) - 1):] if len(words) > 1 else []
    label = " ".join([word, *tail])
    aliases = []
    for n in range(ent.aliases):
        if n == 0:
            aliases.append("".join(w[0] for w in label.split()).upper() if tail else f"{word} City")
        elif n == 1:
            aliases.append(f"The {label}")
        else:
            aliases.append(f"{label} ({n})")
    return str(RES[f"synth/{_slug(label)}"]), label, aliases


def synthesize(base: Dataset, *, scale: int, seed: int = 0) -> Dataset:
    """``base`` plus ``scale - 1`` synthetic copies of it, rewired into one graph (see above).

    The result has about ``scale`` times the triples of ``base``, in the same ontology and
    shape: same classes, reified relations with asserted triples, evidence in the
    provenance graph. The same ``base``, ``scale`` and ``seed`` give the same dataset.
    """
    ds = bind_namespaces(Dataset())
    graphs = {None: ds.default_graph}
    for s, p, o, gname in synthesize_quads(base, scale=scale, seed=seed):
        if gname not in graphs:
            graphs[gname] = ds.graph(URIRef(gname))
        graphs[gname].add((_rdflib(s), URIRef(p), _rdflib(o)))
    return ds


def _nq(term: Term) -> str:
    if isinstance(term, str):
        return term if term.startswith("_:") else f"<{term}>"
    lex, dt, lang = term
    text = '"' + lex.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    return text + (f"@{lang}" if lang else f"^^<{dt}>" if dt else "")


def synthesize_nquads(base: Dataset, *, scale: int, seed: int = 0) -> Iterator[str]:
    """The quads of ``synthesize`` as N-Quads lines (each ending in a newline)."""
    for s, p, o, gname in synthesize_quads(base, scale=scale, seed=seed):
        graph = f" <{gname}>" if gname else ""
        yield f"{_nq(s)} <{p}> {_nq(o)}{graph} .\n"


_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _compact(iri: str, cache: dict[str, str]) -> str:
    if iri not in cache:
        cache[iri] = f"<{iri}>"
        for prefix, ns in NAMESPACES.items():
            local = iri[len(str(ns)):]
            if iri.startswith(str(ns)) and _LOCAL.fullmatch(local):
                cache[iri] = f"{prefix}:{local}"
                break
    return cache[iri]


def synthesize_trig(base: Dataset, *, scale: int, seed: int = 0) -> bytes:
    """The dataset of ``synthesize`` as TriG (the default graph first, then each named graph)."""
    cache: dict[str, str] = {}
    blocks: dict[str | None, list[str]] = {None: []}

    def term(t: Term) -> str:
        if isinstance(t, tuple) and t[1] and not t[2]:
            return _nq((t[0], None, None)) + "^^" + _compact(t[1], cache)
        return _compact(t, cache) if isinstance(t, str) and not t.startswith("_:") else _nq(t)

    for s, p, o, gname in synthesize_quads(base, scale=scale, seed=seed):
        line = f"    {term(s)} {_compact(p, cache)} {term(o)} .\n"
        blocks.setdefault(gname, []).append(line)
    out = [f"@prefix {p}: <{ns}> .\n" for p, ns in NAMESPACES.items()]
    for gname in [None, *sorted(g for g in blocks if g)]:
        out.append("\n{\n" if gname is None else f"\n{_compact(gname, cache)} {{\n")
        out.extend(blocks[gname])
        out.append("}\n")
    return "".join(out).encode("utf-8")
