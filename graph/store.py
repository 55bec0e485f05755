"""The query store: the graph held in Oxigraph (pyoxigraph), in memory or in a folder on disk.

SPARQL runs on Oxigraph rather than on rdflib's own engine, which is tens to thousands of
times slower on joins (``bench/queries.py``, ``docs/decisions/0002-query-engines.md``).
A store is filled from an rdflib Dataset (what ``kg_build`` hands over), from a graph file
parsed by Oxigraph itself (TriG, N-Quads, Turtle, N-Triples: much faster than rdflib's
parsers) or from N-Quads lines (``graph.synth.synthesize_nquads``). The default graph
holds the asserted triples; the provenance graph stays a named graph, as in the files.

>>> from rdflib import Dataset, Literal, URIRef
>>> ds = Dataset()
>>> _ = ds.add((URIRef("http://example.org/a"), URIRef("http://example.org/p"), Literal(1)))
>>> len(from_dataset(ds))
1
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef

from ..ontology import NAMESPACES
from .export import GRAPH_FILE, GraphFileError

_FORMATS = {".trig": "TRIG", ".nq": "N_QUADS", ".ttl": "TURTLE", ".nt": "N_TRIPLES"}


def _new(path: Path | str | None):
    from pyoxigraph import Store

    return Store(str(path)) if path is not None else Store()


def from_dataset(ds: Dataset, *, path: Path | str | None = None):
    """A store holding every graph of ``ds`` (in memory, or on disk at ``path``)."""
    import pyoxigraph as ox

    store = _new(path)
    iris: dict[str, object] = {}

    def term(t):
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        key = str(t)
        if key not in iris:
            iris[key] = ox.NamedNode(key)
        return iris[key]

    default = ds.default_graph.identifier
    quads = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if hasattr(g, "identifier") else g
        graph = ox.DefaultGraph() if gid is None or gid == default else term(URIRef(str(gid)))
        quads.append(ox.Quad(term(s), term(p), term(o), graph))
    store.extend(quads)
    return store


def from_file(path: Path | str, *, store_path: Path | str | None = None):
    """A store holding the graph file ``path`` (a build folder means its ``c2c-kg.trig``).

    Raises GraphFileError (one line) when the file is missing or does not parse.
    """
    import pyoxigraph as ox

    path = Path(path)
    if path.is_dir():
        path = path / GRAPH_FILE
    if not path.exists():
        raise GraphFileError(f"{path}: no built graph here (run `c2ckg build` first)")
    fmt = _FORMATS.get(path.suffix)
    if fmt is None:
        raise GraphFileError(f"{path}: unknown graph file type {path.suffix!r} (known: {', '.join(sorted(_FORMATS))})")
    store = _new(store_path)
    try:
        store.bulk_load(path=str(path), format=getattr(ox.RdfFormat, fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GraphFileError(f"{path}: cannot parse as {fmt.lower().replace('_', '-')}: {first}") from None
    return store


def from_nquads(lines: Iterable[str], *, path: Path | str | None = None, chunk: int = 200_000):
    """A store holding the N-Quads ``lines``, loaded ``chunk`` lines at a time."""
    import pyoxigraph as ox

    store = _new(path)
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= chunk:
            store.bulk_load(input="".join(buffer).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            buffer.clear()
    if buffer:
        store.bulk_load(input="".join(buffer).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


class StoreError(GraphFileError):
    """A store that cannot be opened (one line)."""


def open_store(spec: str, *, create: bool = False):
    """The store named by ``spec``: ``oxigraph:DIR`` (an on-disk Oxigraph store, opened
    read-only unless ``create``) or ``memory:`` (an empty in-memory store).

    Raises StoreError when the kind is unknown or the folder holds no store.
    """
    kind, sep, where = spec.partition(":")
    if kind == "memory" and sep:
        return _new(None)
    if kind != "oxigraph" or not where:
        raise StoreError(f"{spec}: unknown store (write oxigraph:DIR for an on-disk Oxigraph store)")
    from pyoxigraph import Store

    path = Path(where)
    try:
        if create:
            return Store(str(path))
        if not (path / "CURRENT").exists():
            raise StoreError(f"{path}: no Oxigraph store here (fill one with `c2ckg push --store oxigraph:{path}`)")
        return Store.read_only(str(path))
    except OSError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"{path}: cannot open the Oxigraph store: {first}") from None


# What graph.projection reads: entity descriptions and reified relations from the default
# graph, evidence and document titles from the named graphs (mentions stay behind).
_PROJECTED = ("rdf:type", "rdfs:label", "skos:altLabel", "rdfs:comment", "c2c:year", "c2c:startYear",
              "c2c:endYear", "c2c:date", "c2c:geonamesId", "c2c:wikidataId", "c2c:country", "c2c:locatedIn",
              "rdf:subject", "rdf:predicate", "rdf:object", "c2c:partnershipKind", "c2c:supportMode",
              "c2c:about", "c2c:concerns", "c2c:quantityKind", "c2c:value", "c2c:unit", "c2c:qualifier")
_EVIDENCE = ("rdf:type", "prov:wasDerivedFrom", "c2c:document", "c2c:sentenceText", "c2c:startOffset",
             "c2c:endOffset", "c2c:contextText", "dcterms:title")


def _construct(graph: str | None, props: tuple[str, ...] | None) -> str:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    values = f"VALUES ?p {{ {' '.join(props)} }} " if props else ""
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {values}{pattern} }}"


def _rdflib_terms():
    """A converter from pyoxigraph terms to rdflib's (IRIs shared through a cache)."""
    import pyoxigraph as ox

    iris: dict[str, URIRef] = {}
    string = "http://www.w3.org/2001/XMLSchema#string"

    def term(t):
        if isinstance(t, ox.NamedNode):
            iri = iris.get(t.value)
            if iri is None:
                iri = iris[t.value] = URIRef(t.value)
            return iri
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            datatype = t.datatype.value
            return Literal(t.value) if datatype == string else Literal(t.value, datatype=URIRef(datatype))
        return BNode(t.value)

    return term


_NAMES = ("rdfs:label", "skos:altLabel")  # what graph.describe.find_entity reads


def _projected(store, *, timeout: float | None, complete: bool = False, names: bool = False):
    """(graph name or None, its triples) for each graph of ``store``: one CONSTRUCT each, of what
    the projection reads (every triple if ``complete``; the default graph's names if ``names``)."""
    from .endpoint import graphs
    from .sparql import query

    for name in [None] if names else [None, *graphs(store)]:
        props = _NAMES if names else None if complete else _EVIDENCE if name else _PROJECTED
        yield name, query(store, _construct(name, props), timeout=timeout).triples


def to_dataset(store, *, complete: bool = False, names: bool = False, timeout: float | None = None) -> Dataset:
    """The rdflib Dataset of what ``graph.projection.project`` reads, read from ``store`` (local
    or a RemoteStore) by one CONSTRUCT per graph: every triple if ``complete``; only the labels
    and aliases (what ``graph.describe.find_entity`` needs) if ``names``."""
    from ..ontology import bind_namespaces

    ds = bind_namespaces(Dataset())
    term = _rdflib_terms()
    for name, triples in _projected(store, complete=complete, names=names, timeout=timeout):
        target = ds.graph(URIRef(name)) if name else ds.default_graph
        target.addN((term(t.subject), term(t.predicate), term(t.object), target) for t in triples)
    return ds


def to_store(store, *, timeout: float | None = None):
    """``store`` itself if it is a pyoxigraph Store, else an in-memory one holding what
    ``graph.projection.project`` reads from it (a RemoteStore: one CONSTRUCT per graph)."""
    import pyoxigraph as ox

    if isinstance(store, ox.Store):
        return store
    local = ox.Store()
    for name, triples in _projected(store, complete=False, timeout=timeout):
        graph = ox.NamedNode(name) if name else ox.DefaultGraph()
        local.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return local


_DUMP = {"ttl": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nquads": "N_QUADS"}


def dump(store, fmt: str, output, *, provenance: bool | None = None) -> None:
    """Write ``store`` to ``output`` (a path or binary file) as ``fmt`` (ttl, nt, trig, nquads)
    with Oxigraph's streaming serialisers: triple formats hold the default graph (the asserted
    triples) unless ``provenance``, which merges every graph; quad formats hold every graph.
    Far faster than rdflib's serialisers on large stores; the order is Oxigraph's index order."""
    import pyoxigraph as ox

    if fmt not in _DUMP:
        raise ValueError(f"unknown format {fmt!r} for a store (known: {', '.join(_DUMP)})")
    rdf_format = getattr(ox.RdfFormat, _DUMP[fmt])
    prefixes = {p: str(ns) for p, ns in NAMESPACES.items()} if fmt in ("ttl", "trig") else None
    if rdf_format.supports_datasets:
        store.dump(output, format=rdf_format, prefixes=prefixes)
    elif provenance:
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None))
        ox.serialize(triples, output, format=rdf_format, prefixes=prefixes)
    else:
        store.dump(output, format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)
