"""``c2ckg serve`` over real HTTP: the named library, the result formats, content
negotiation, refusals, the time limit, clients that misbehave, the views, CORS."""
import csv
import io
import socket
import sys
import threading
import time

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from c2ckg import queries
from c2ckg.graph.endpoint import RemoteStore
from c2ckg.graph.serve import MAX_BODY, server
from c2ckg.graph.sparql import query
from tests.graph.conftest import _start, _stop, _wait, free_port
from tests.graph.test_endpoint import answer

SELECT = "SELECT ?name ?year WHERE { ?p a c2c:Award ; rdfs:label ?name . OPTIONAL { ?p c2c:year ?year } } ORDER BY ?name"
CONSTRUCT = "CONSTRUCT WHERE { res:kitakyushu rdfs:label ?l ; skos:altLabel ?a }"


@pytest.fixture(scope="module")
def sparql(c2ckg_server):
    return c2ckg_server + "/sparql"


@pytest.fixture(scope="module")
def remote(sparql):
    with RemoteStore(sparql) as store:
        yield store


@pytest.mark.parametrize("name", queries.names())
def test_every_named_question_answers_the_same_over_http(name, remote, local_store):
    local = answer(local_store, name)
    assert local[1] and answer(remote, name) == local


@pytest.mark.parametrize("accept,fmt", [
    ("application/sparql-results+json", "JSON"), ("application/sparql-results+xml", "XML"),
    ("text/tab-separated-values", "TSV"), ("text/csv;q=0.9, application/sparql-results+xml;q=0.1", "CSV")])
def test_select_answers_in_each_results_format(sparql, local_store, accept, fmt):
    response = httpx.get(sparql, params={"query": SELECT}, headers={"Accept": accept})
    assert response.status_code == 200
    expected = query(local_store, SELECT)
    assert response.headers["content-type"].startswith(getattr(ox.QueryResultsFormat, fmt).media_type)
    if fmt == "CSV":  # CSV keeps only the text of each term
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == expected.columns and [tuple(r) for r in rows[1:]] == [
            tuple("" if v is None else v for v in row) for row in expected.values()]
        return
    got = ox.parse_query_results(response.content, format=getattr(ox.QueryResultsFormat, fmt))
    assert [v.value for v in got.variables] == expected.columns
    assert [tuple(s) for s in got] == expected.rows and len(expected.rows) > 10


def test_ask_and_the_format_parameter(sparql):
    response = httpx.post(sparql, data={"query": "ASK { res:kitakyushu a c2c:City }", "format": "xml"})
    assert response.status_code == 200 and "<boolean>true</boolean>" in response.text


@pytest.mark.parametrize("accept,rdf_format", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), (None, "turtle")])
def test_construct_answers_turtle_or_jsonld(sparql, local_store, accept, rdf_format):
    headers = {"Content-Type": "application/sparql-query", **({"Accept": accept} if accept else {})}
    response = httpx.post(sparql, content=CONSTRUCT, headers=headers)
    assert response.status_code == 200
    got = Graph().parse(data=response.text, format=rdf_format)
    expected = Graph().parse(data=ox.serialize(query(local_store, CONSTRUCT).triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert len(expected) > 3 and isomorphic(got, expected)


@pytest.mark.parametrize("method,path,kwargs", [
    ("POST", "/sparql", {"data": {"update": "DROP ALL"}}),
    ("POST", "/sparql", {"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}),
    ("GET", "/sparql", {"params": {"update": "CLEAR DEFAULT"}}),
    ("POST", "/update", {"data": {"update": "DROP ALL"}}),
    ("PUT", "/store", {"params": {"default": ""}, "content": "<a:b> <a:c> <a:d> ."}),
])
def test_updates_are_refused(c2ckg_server, local_store, method, path, kwargs):
    response = httpx.request(method, c2ckg_server + path, **kwargs)
    assert response.status_code == 403 and "read-only" in response.text
    with RemoteStore(c2ckg_server + "/sparql") as remote:
        assert answer(remote, "awards") == answer(local_store, "awards")


def test_bad_queries_get_400_406_with_a_reason(sparql):
    bad = httpx.get(sparql, params={"query": "SELECT ?x WHERE {\n ?x rdfs:label }"})
    assert bad.status_code == 400 and bad.text.startswith("SPARQL syntax error at line 2, column ")
    assert httpx.get(sparql).status_code == 400
    refused = httpx.get(sparql, params={"query": SELECT}, headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "text/csv" in refused.text


def test_a_query_past_the_time_limit_gets_503_and_others_go_on(sparql):
    slow = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } LIMIT 1 OFFSET 20000000"
    started = time.monotonic()
    response = httpx.get(sparql, params={"query": slow}, timeout=30)
    assert response.status_code == 503 and "ran longer than 1 s" in response.text
    assert time.monotonic() - started < 5
    assert httpx.get(sparql, params={"query": SELECT}).status_code == 200


def test_huge_slow_or_malformed_clients_do_not_stop_others(c2ckg_server, sparql):
    host, port = httpx.URL(c2ckg_server).host, httpx.URL(c2ckg_server).port
    # One client announces a huge query and sends it a byte at a time; others keep coming.
    trickle = socket.create_connection((host, port))
    trickle.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                    b"Content-Length: 900000\r\n\r\nSELECT")
    garbage = socket.create_connection((host, port))
    garbage.sendall(b"\x00\xff GARBAGE \r\n\r\n")
    answers = []

    def ask():
        answers.append(httpx.get(sparql, params={"query": SELECT}, timeout=10).status_code)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [200] * 6
    # A body over the limit is refused outright.
    huge = httpx.post(sparql, content=b"#" * (MAX_BODY + 1), headers={"Content-Type": "application/sparql-query"})
    assert huge.status_code == 413
    garbage.settimeout(5)
    assert garbage.recv(100).startswith(b"HTTP/1.0 400 Bad Request")
    trickle.close()
    garbage.close()
    assert httpx.get(sparql, params={"query": SELECT}).status_code == 200


def test_views_are_served(c2ckg_server):
    page = httpx.get(c2ckg_server + "/view", params={"focus": "City of Kitakyushu", "hops": "1"}, timeout=60)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '"Kitakyushu"' in page.text and "Content-Security-Policy" in page.text
    missing = httpx.get(c2ckg_server + "/view", params={"focus": "Atlantis"})
    assert missing.status_code == 404 and missing.text.startswith("'Atlantis' matches no entity")
    index = httpx.get(c2ckg_server + "/")
    assert index.status_code == 200 and 'href="/view?map=1"' in index.text
    techs = httpx.get(c2ckg_server + "/view", params={"query": "entities-of-type", "param": "type=Technology"})
    assert techs.status_code == 200 and '"U-BCF"' in techs.text
    unknown = httpx.get(c2ckg_server + "/view", params={"query": "no-such-query"})
    assert unknown.status_code == 404 and "no named query 'no-such-query'" in unknown.text


def test_loopback_by_default_and_cors_only_when_asked(local_store, sparql, graph_dir, tmp_path):
    assert "access-control-allow-origin" not in httpx.get(sparql, params={"query": SELECT}).headers
    httpd = server(local_store, port=0)
    try:
        assert httpd.effective_host == "127.0.0.1"
    finally:
        httpd.close()  # never run: closing a running waitress loop from another thread races it
    port = free_port()
    proc = _start([sys.executable, "-m", "c2ckg", "serve", "--graph", str(graph_dir), "--port", str(port), "--cors"],
                  tmp_path / "log")
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        _wait(url, proc)
        response = httpx.get(url, params={"query": SELECT})
        assert response.headers["access-control-allow-origin"] == "*"
        assert httpx.options(url).status_code == 204
    finally:
        _stop(proc)
