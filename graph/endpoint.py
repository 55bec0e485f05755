"""A remote SPARQL 1.1 endpoint that reads like the local query store.

``RemoteStore(url)`` answers ``query(text, prefixes=...)`` the way a pyoxigraph ``Store``
does (``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``), so ``graph.sparql.query``,
the named questions and the projection (read by ``graph.store.to_store``) run unchanged on any
SPARQL 1.1 Protocol endpoint: Oxigraph's server, Fuseki, GraphDB, Virtuoso, ``c2ckg serve``.

The query is parsed locally first (on an empty Oxigraph store), so a syntax error is
reported with its line and column before anything is sent, and the query's form decides
what to ask for: SPARQL 1.1 Query Results JSON for SELECT and ASK, N-Triples for CONSTRUCT
and DESCRIBE. The query goes out as an HTML form POST (``query=...``), which every
endpoint accepts. Whatever goes wrong on the way (the endpoint refuses the connection,
does not answer in time, answers 4xx/5xx, or answers something that does not parse)
becomes one EndpointError line naming the URL and the status.

>>> EndpointError("http://127.0.0.1:1/sparql", "HTTP 500 Internal Server Error").args[0]
'http://127.0.0.1:1/sparql: HTTP 500 Internal Server Error'
"""
from __future__ import annotations

from collections.abc import Iterable

JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
_CONNECT_TIMEOUT = 10.0


class EndpointError(Exception):
    """A remote endpoint that refused, timed out, failed or answered garbage (one line)."""

    def __init__(self, url: str, problem: str):
        self.url = url
        super().__init__(f"{url}: {' '.join(problem.split())}")


def client(timeout: float | None):
    """An httpx client with a connect limit and ``timeout`` seconds for each read and write."""
    import httpx

    return httpx.Client(timeout=httpx.Timeout(timeout, connect=_CONNECT_TIMEOUT), follow_redirects=True)


def request(http, method: str, url: str, **kwargs):
    """``http.request(...)``; transport failures and 4xx/5xx answers become EndpointError."""
    import httpx

    try:
        response = http.request(method, url, **kwargs)
    except httpx.TimeoutException:
        seconds = http.timeout.read
        raise EndpointError(url, f"no answer within {seconds:g} s" if seconds else "timed out") from None
    except httpx.ConnectError as exc:
        raise EndpointError(url, f"cannot connect ({_reason(exc)})") from None
    except httpx.HTTPError as exc:
        raise EndpointError(url, f"{type(exc).__name__}: {_reason(exc)}") from None
    if response.status_code >= 400:
        raise EndpointError(url, status_line(response))
    return response


def status_line(response) -> str:
    """``HTTP 404 Not Found: <first line of the body>``."""
    text = response.text.strip().splitlines()
    detail = f": {text[0][:200]}" if text else ""
    return f"HTTP {response.status_code} {response.reason_phrase}{detail}"


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0].removeprefix("[Errno 111] ")


def _form(text: str) -> str:
    """Which kind of answer ``text`` asks for ("select", "ask" or "graph"); SyntaxError if it does not parse."""
    import pyoxigraph as ox

    answer = ox.Store().query(text)
    if isinstance(answer, ox.QueryBoolean):
        return "ask"
    return "graph" if isinstance(answer, ox.QueryTriples) else "select"


def prologue(prefixes: dict[str, str] | None) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items())


class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint at ``url``, queried like a pyoxigraph Store.

    ``timeout`` limits each HTTP read (None: no limit); ``graph.sparql.query`` adds its own.
    """

    def __init__(self, url: str, *, timeout: float | None = 60.0):
        self.url = url
        self._http = client(timeout)

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def query(self, text: str, *, prefixes: dict[str, str] | None = None, **_options):
        """The answer to ``text`` as a pyoxigraph QuerySolutions, QueryBoolean or QueryTriples."""
        import pyoxigraph as ox

        full = prologue(prefixes) + text
        try:
            form = _form(full)
        except SyntaxError:
            ox.Store().query(text, prefixes=prefixes)  # raise with positions in the text as given
            raise
        accept = N_TRIPLES if form == "graph" else JSON_RESULTS
        response = request(self._http, "POST", self.url, data={"query": full},
                           headers={"Accept": accept})
        body = response.content
        try:
            if form == "graph":
                scratch = ox.Store()
                scratch.load(body, format=ox.RdfFormat.N_TRIPLES)
                return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            kind = response.headers.get("content-type", "no content type").split(";")[0]
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise EndpointError(self.url, f"HTTP {response.status_code} but the answer ({kind}) "
                                          f"is not {'N-Triples' if form == 'graph' else 'SPARQL results JSON'}: {first}") from None


def count(store, graph: str | None = None) -> int:
    """How many triples ``store`` (local or remote) holds in ``graph`` (None: the default graph)."""
    from .sparql import query

    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    rows = query(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}", timeout=None).rows
    return int(rows[0][0].value) if rows else 0


def graphs(store) -> Iterable[str]:
    """The named graphs ``store`` holds, sorted."""
    from .sparql import query

    rows = query(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=None).rows
    return sorted(row[0].value for row in rows)
