"""Pushing the graph into a triple store: the SPARQL 1.1 Graph Store Protocol, in bulk.

``push(source, gsp=URL, endpoint=URL)`` sends each graph of ``source`` (a pyoxigraph store,
usually ``graph.store.from_file("out")``) as N-Triples in one request (``PUT`` to replace
the graph, ``POST`` to merge into it), or in chunks of ``chunk`` triples for large graphs
(the first chunk ``PUT`` when replacing, the rest ``POST``), never triple by triple. The
default graph goes to the store's default graph (``?default``) or to the named graph
``into``; named graphs (provenance) keep their IRIs. Afterwards the SPARQL endpoint is asked
how many triples each target graph holds, so the report says what arrived.

A failure half-way raises PushError naming the URL, the status and exactly what had already
been written (graphs complete, graphs partial), so nothing is partially pushed unsaid.
``load_into(store, source)`` does the same for a local on-disk Oxigraph store (bulk load).

>>> gsp_for("http://127.0.0.1:7878/query")
'http://127.0.0.1:7878/store'
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .endpoint import EndpointError, client, count, request

MODES = ("replace", "merge")
CHUNK = 500_000


class PushError(EndpointError):
    """A push that failed; the message says what had arrived before the failure."""


@dataclass
class Pushed:
    """One source graph: where it went, how many triples were sent and how many the store holds."""

    source: str | None   # None: the default graph
    target: str | None   # None: the store's default graph
    sent: int = 0
    requests: int = 0
    held: int | None = None


@dataclass
class PushReport:
    graphs: list[Pushed] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return sum(g.sent for g in self.graphs)

    @property
    def requests(self) -> int:
        return sum(g.requests for g in self.graphs)

    def lines(self) -> list[str]:
        out = []
        for g in self.graphs:
            where = f"<{g.target}>" if g.target else "default graph"
            held = "" if g.held is None else f"; the store now holds {g.held:,}"
            out.append(f"{where}: sent {g.sent:,} triples in {g.requests} request{'s' * (g.requests != 1)}{held}")
        return out


def gsp_for(endpoint: str) -> str:
    """The Graph Store URL beside a query endpoint in Oxigraph's layout (``/query`` -> ``/store``)."""
    base, _, last = endpoint.rstrip("/").rpartition("/")
    return f"{base}/store" if last in ("query", "sparql") else endpoint.rstrip("/") + "/store"


def _chunks(store, graph, size: int):
    """N-Triples bodies of at most ``size`` triples of ``graph`` (one body if it has blank nodes,
    whose names only hold within one request)."""
    from pyoxigraph import BlankNode, RdfFormat, Triple, serialize

    triples = [Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)]
    triples.sort(key=str)
    if any(isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in triples):
        size = max(size, len(triples))
    for start in range(0, max(len(triples), 1), size):
        part = triples[start:start + size]
        yield len(part), serialize(part, format=RdfFormat.N_TRIPLES)


def _source_graphs(store, into: str | None):
    from pyoxigraph import DefaultGraph

    yield DefaultGraph(), None, into
    for name in sorted(store.named_graphs(), key=str):
        yield name, name.value, name.value


def push(source, *, gsp: str, endpoint: str | None = None, into: str | None = None, mode: str = "replace",
         chunk: int = CHUNK, timeout: float | None = 300.0) -> PushReport:
    """Send every graph of ``source`` to the Graph Store at ``gsp``; count them at ``endpoint``."""
    from .endpoint import RemoteStore

    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r} (known: {', '.join(MODES)})")
    report = PushReport()
    with client(timeout) as http:
        for graph, name, target in _source_graphs(source, into):
            done = Pushed(name, target)
            report.graphs.append(done)
            params = {"graph": target} if target else {"default": ""}
            for n, body in _chunks(source, graph, chunk):
                method = "PUT" if mode == "replace" and done.requests == 0 else "POST"
                try:
                    request(http, method, gsp, params=params, content=body,
                            headers={"Content-Type": "application/n-triples"})
                except EndpointError as exc:
                    raise PushError(gsp, f"{str(exc)[len(gsp) + 2:]}; {_so_far(report)}") from None
                done.sent += n
                done.requests += 1
    if endpoint:
        with RemoteStore(endpoint, timeout=timeout) as remote:
            for done in report.graphs:
                done.held = count(remote, done.target)
    return report


def _so_far(report: PushReport) -> str:
    complete = [g for g in report.graphs[:-1]]
    failing = report.graphs[-1]
    parts = [f"{_name(g.target)} complete ({g.sent:,} triples)" for g in complete]
    if failing.requests:
        parts.append(f"{_name(failing.target)} PARTIAL ({failing.sent:,} triples in {failing.requests} chunks)")
    if not parts:
        return "nothing was written"
    return "written before the failure: " + ", ".join(parts)


def _name(target: str | None) -> str:
    return f"<{target}>" if target else "default graph"


def load_into(target, source, *, into: str | None = None, mode: str = "replace") -> PushReport:
    """Copy every graph of ``source`` into the pyoxigraph store ``target`` (an on-disk store)."""
    from pyoxigraph import DefaultGraph, NamedNode, Quad

    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r} (known: {', '.join(MODES)})")
    report = PushReport()
    for graph, name, dest in _source_graphs(source, into):
        dest_graph = NamedNode(dest) if dest else DefaultGraph()
        if mode == "replace":
            target.clear_graph(dest_graph)
        quads = [Quad(q.subject, q.predicate, q.object, dest_graph)
                 for q in source.quads_for_pattern(None, None, None, graph)]
        target.bulk_extend(quads)
        report.graphs.append(Pushed(name, dest, sent=len(quads), requests=1))
    target.flush()
    for done in report.graphs:
        done.held = count(target, done.target)
    return report
