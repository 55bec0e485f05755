"""A read-only SPARQL 1.1 Protocol endpoint over the query store, with the HTML views.

``application(store)`` is a WSGI application; ``serve(store, host=..., port=...)`` runs it
on waitress (see ``docs/decisions/0005-stores-and-endpoints.md``). Routes:

- ``/sparql`` (also ``/query``): a query by ``GET ?query=...``, by ``POST`` of an HTML form
  or of ``application/sparql-query``. SELECT and ASK answer SPARQL 1.1 Query Results JSON,
  XML, CSV or TSV, CONSTRUCT and DESCRIBE Turtle, JSON-LD, N-Triples or RDF/XML, chosen by
  the ``Accept`` header (q-values honoured; JSON and Turtle when anything goes) or by a
  ``format`` parameter (``json``, ``xml``, ``csv``, ``tsv``, ``turtle``, ``jsonld``, ``nt``).
  The project prefixes are predeclared. A query that does not parse answers 400 with its
  line and column; one that runs past ``timeout`` seconds is stopped and answers 503.
- ``/update``, any ``update=`` form and every write of the Graph Store Protocol: 403.
- ``/``: an index; ``/view`` the interactive views of ``graph.views`` (``focus``, ``hops``,
  ``path=A&path=B``, ``diffusion``, ``query`` with ``param=NAME=VALUE``, ``map``), drawn from
  the projection read once from the store itself (``graph.projection.project``).

Waitress reads each request whole in its I/O thread before a worker sees it and refuses
bodies over ``max_body`` bytes (413), so a client that sends a huge or endless query never
holds a worker, and a malformed one costs one 400.
"""
from __future__ import annotations

import html
import threading
from urllib.parse import parse_qs

from ..ontology import NAMESPACES
from .deadline import QueryTimeout

MAX_BODY = 1 << 20
_RESULTS = {  # format name -> (media type, pyoxigraph QueryResultsFormat attribute)
    "json": ("application/sparql-results+json", "JSON"), "xml": ("application/sparql-results+xml", "XML"),
    "csv": ("text/csv", "CSV"), "tsv": ("text/tab-separated-values", "TSV")}
_GRAPHS = {  # format name -> (media type, pyoxigraph RdfFormat attribute)
    "turtle": ("text/turtle", "TURTLE"), "jsonld": ("application/ld+json", "JSON_LD"),
    "nt": ("application/n-triples", "N_TRIPLES"), "rdfxml": ("application/rdf+xml", "RDF_XML")}
_ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml",
            "application/x-turtle": "turtle", "application/json+ld": "jsonld", "text/plain": "nt"}


class _Answer(Exception):
    """An HTTP answer other than 200, raised from anywhere in a request."""

    def __init__(self, status: str, text: str):
        super().__init__(text)
        self.status = status


def negotiate(accept: str | None, table: dict[str, tuple[str, str]], default: str) -> str | None:
    """The format of ``table`` the ``Accept`` header prefers (None: nothing acceptable).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", _RESULTS, "json")
    'xml'
    >>> negotiate("image/png", _RESULTS, "json") is None
    True
    """
    if not accept or not accept.strip():
        return default
    by_type = {media: name for name, (media, _) in table.items()}
    by_type.update({m: n for m, n in _ALIASES.items() if n in table})
    offers = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            offers.append((-q, i, media.lower()))
    for _q, _i, media in sorted(offers):
        if media in by_type:
            return by_type[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


def _prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in NAMESPACES.items()}


def evaluate(store, text: str, accept: str | None, fmt: str | None, *, timeout: float | None):
    """(media type, body bytes) of ``text`` on ``store``, serialised as negotiated.

    The answer is read row by row through ``graph.sparql.query``, so a query past ``timeout``
    stops at its next row (a single long step, such as a sort, finishes in the background).
    """
    import pyoxigraph as ox

    from .results import render
    from .sparql import SparqlSyntaxError, query

    try:
        result = query(store, text, timeout=timeout)
    except SparqlSyntaxError as exc:
        raise _Answer("400 Bad Request", str(exc)) from None
    except QueryTimeout as exc:
        raise _Answer("503 Service Unavailable", str(exc)) from None
    except OSError as exc:
        raise _Answer("500 Internal Server Error", f"the store failed: {exc}") from None
    graph = result.kind == "graph"
    table = _GRAPHS if graph else _RESULTS
    name = fmt if fmt in table else negotiate(accept, table, "turtle" if graph else "json")
    if name is None:
        offered = ", ".join(media for media, _ in table.values())
        raise _Answer("406 Not Acceptable", f"this query can answer {offered}")
    media, attr = table[name]
    if graph:
        prefixes = _prefixes() if attr == "TURTLE" else None
        return media, ox.serialize(sorted(result.triples, key=str), format=getattr(ox.RdfFormat, attr), prefixes=prefixes)
    if name == "xml":
        return media, _xml(result).encode("utf-8")
    return media, render(result, name).encode("utf-8")


def _xml(result) -> str:
    """SPARQL Query Results XML of a select or ask Result."""
    from pyoxigraph import BlankNode, NamedNode

    esc = html.escape
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f'<variable name="{esc(c)}"/>' for c in result.columns]
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            for column, term in zip(result.columns, row):
                if term is None:
                    continue
                if isinstance(term, NamedNode):
                    value = f"<uri>{esc(term.value)}</uri>"
                elif isinstance(term, BlankNode):
                    value = f"<bnode>{esc(term.value)}</bnode>"
                elif term.language:
                    value = f'<literal xml:lang="{esc(term.language)}">{esc(term.value)}</literal>'
                else:
                    value = f'<literal datatype="{esc(term.datatype.value)}">{esc(term.value)}</literal>'
                out.append(f'<binding name="{esc(column)}">{value}</binding>')
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _read_query(environ) -> tuple[str, str | None]:
    """(query text, format parameter) of a request; 400/403/405/415 otherwise."""
    method = environ["REQUEST_METHOD"]
    params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if method == "POST":
        kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _Answer("400 Bad Request", "the request body is not UTF-8") from None
        if kind == "application/sparql-update":
            raise _Answer("403 Forbidden", "this endpoint is read-only: updates are refused")
        if kind == "application/x-www-form-urlencoded":
            params.update(parse_qs(text, keep_blank_values=True))
        elif kind == "application/sparql-query":
            params["query"] = [text]
        else:
            raise _Answer("415 Unsupported Media Type",
                          "POST a query as application/sparql-query or application/x-www-form-urlencoded")
    elif method != "GET":
        raise _Answer("405 Method Not Allowed", "use GET or POST")
    if "update" in params:
        raise _Answer("403 Forbidden", "this endpoint is read-only: updates are refused")
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise _Answer("400 Bad Request", "give exactly one query (?query=...)")
    return queries[0], (params.get("format") or [None])[0]


class _Views:
    """The projection of the store, read once on first use, and the pages drawn from it."""

    def __init__(self, store, named):
        self._store, self._named, self._lock, self._pages = store, named, threading.Lock(), {}
        self.ds = self.G = None

    def page(self, query_string: str) -> str:
        with self._lock:
            if self.G is None:
                from .projection import project
                from .store import to_dataset, to_store

                local = to_store(self._store)
                self.ds, self.G = to_dataset(local, names=True), project(local)
            if query_string not in self._pages:
                if len(self._pages) > 64:
                    self._pages.clear()
                self._pages[query_string] = self._draw(parse_qs(query_string))
            return self._pages[query_string]

    def _find(self, name: str) -> str:
        from .describe import EntityNotFound, find_entity

        try:
            return str(find_entity(self.ds, name))
        except EntityNotFound as exc:
            raise _Answer("404 Not Found", str(exc)) from None

    def _draw(self, params: dict) -> str:
        from . import views

        one = lambda key: (params.get(key) or [None])[0]  # noqa: E731
        G = self.G
        size_by = one("size-by") or "degree"
        if size_by != "none" and size_by not in views.SIZE_MEASURES:
            raise _Answer("400 Bad Request", f"unknown size-by {size_by!r}")
        sizes = {} if size_by == "none" else {"size_by": views.scores(G, size_by)}
        if one("focus"):
            hops = one("hops") or "1"
            if not hops.isdigit() or not 1 <= int(hops) <= 6:
                raise _Answer("400 Bad Request", "hops must be 1 to 6")
            v = views.focus(G, self._find(one("focus")), hops=int(hops), **sizes)
        elif len(params.get("path", [])) == 2:
            from .paths import influence_paths

            a, b = (self._find(n) for n in params["path"])
            v = views.path_view(G, influence_paths(G, a, b, k=5), source=a, target=b, **sizes)
        elif one("diffusion"):
            from .diffusion import diffusion

            v = views.diffusion_view(G, diffusion(G, self._find(one("diffusion"))), **sizes)
        elif one("query"):
            v = views.query_view(G, self._query_rows(one("query"), params.get("param", [])),
                                 name=one("query"), **sizes)
        elif one("map") is not None:
            v = views.map_view(G, **sizes)
        else:
            v = views.whole(G, **sizes)
        return views.render(v)

    def _query_rows(self, name: str, params: list[str]) -> list:
        if self._named is None:
            raise _Answer("404 Not Found", "this server has no named queries")
        pairs = dict(p.partition("=")[::2] for p in params)
        try:
            return self._named(self._store, name, pairs)
        except (LookupError, ValueError) as exc:  # unknown query or entity, bad parameter
            raise _Answer("404 Not Found", str(exc)) from None


_INDEX = ("<!doctype html><meta charset=utf-8><title>c2c-kg</title><h1>c2c-kg</h1>"
          "<p>SPARQL 1.1 endpoint (read-only): <code>/sparql?query=...</code></p><ul>"
          '<li><a href="/view">the whole graph</a></li><li><a href="/view?map=1">cities on the map</a></li>'
          '<li><a href="/view?focus=Kitakyushu&amp;hops=1">an entity and its neighbours</a> (focus, hops)</li>'
          '<li><a href="/view?query=entities-of-type&amp;param=type=Technology">a named query\'s entities</a> '
          "(query, param)</li><li>paths: <code>/view?path=A&amp;path=B</code>; diffusion: "
          "<code>/view?diffusion=TECHNOLOGY</code></li></ul>")


def application(store, *, timeout: float | None = 30.0, cors: bool = False, named=None):
    """The WSGI application answering SPARQL queries on ``store`` and serving the views.

    ``named(store, name, params)`` gives the rows of a named query for ``/view?query=NAME``
    (the library lives above this package: the caller hands it in).
    """
    views = _Views(store, named)

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        method = environ["REQUEST_METHOD"]
        extra = [("Access-Control-Allow-Origin", "*")] if cors else []
        try:
            if method == "OPTIONS" and cors:
                start_response("204 No Content", extra + [
                    ("Access-Control-Allow-Methods", "GET, POST"),
                    ("Access-Control-Allow-Headers", "Content-Type, Accept")])
                return [b""]
            if path in ("/sparql", "/query"):
                text, fmt = _read_query(environ)
                media, body = evaluate(store, text, environ.get("HTTP_ACCEPT"), fmt, timeout=timeout)
                start_response("200 OK", extra + [("Content-Type", f"{media}; charset=utf-8"), ("Vary", "Accept")])
                return [body]
            if path in ("/update", "/store", "/data") and method != "GET":
                raise _Answer("403 Forbidden", "this endpoint is read-only: updates are refused")
            if method != "GET":
                raise _Answer("405 Method Not Allowed", "use GET")
            if path == "/":
                page = _INDEX
            elif path == "/view":
                page = views.page(environ.get("QUERY_STRING", ""))
            else:
                raise _Answer("404 Not Found", f"no page {path} (try /sparql or /view)")
            start_response("200 OK", extra + [("Content-Type", "text/html; charset=utf-8")])
            return [page.encode("utf-8")]
        except _Answer as answer:
            start_response(answer.status, extra + [("Content-Type", "text/plain; charset=utf-8")])
            return [(str(answer) + "\n").encode("utf-8")]

    return app


def server(store, *, host: str = "127.0.0.1", port: int = 8000, timeout: float | None = 30.0,
           cors: bool = False, threads: int = 4, max_body: int = MAX_BODY, named=None):
    """A waitress server for ``application(store, ...)``, bound but not yet running (``.run()``)."""
    from waitress.server import create_server

    app = application(store, timeout=timeout, cors=cors, named=named)
    return create_server(app, host=host, port=port,
                         threads=threads, max_request_body_size=max_body, channel_timeout=60,
                         ident="c2ckg", clear_untrusted_proxy_headers=True)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

