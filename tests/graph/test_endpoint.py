"""Reading through a remote SPARQL endpoint: the whole named library on a real Oxigraph
server, compared with the local store; the projection read by CONSTRUCT; bad endpoints."""
import pytest
from click.testing import CliRunner

from c2ckg import queries
from c2ckg.cli import main
from c2ckg.graph.endpoint import EndpointError, RemoteStore
from c2ckg.graph.export import load
from c2ckg.graph.projection import project
from c2ckg.graph.sparql import SparqlSyntaxError, query
from c2ckg.graph.store import to_dataset, to_store
from tests.graph.conftest import example_params, free_port


def answer(store, name):
    named = queries.get(name)
    bindings = queries.sparql_bindings(store, named, named.text, example_params(name))
    result = query(store, named.text, bindings=bindings)
    return result.columns, sorted(tuple(str(t) for t in row) for row in result.rows)


@pytest.fixture(scope="module")
def remote(pushed):
    with RemoteStore(pushed[0]) as store:
        yield store


@pytest.mark.parametrize("name", queries.names())
def test_every_named_question_answers_the_same_on_the_oxigraph_server(name, remote, local_store):
    local = answer(local_store, name)
    assert local[1], f"{name} answers nothing locally: nothing to compare"
    assert answer(remote, name) == local


def test_ask_and_construct_through_the_endpoint(remote, local_store):
    assert query(remote, "ASK { res:kitakyushu rdfs:label ?l }").boolean is True
    assert query(remote, "ASK { res:kitakyushu rdfs:label 'Nowhere' }").boolean is False
    text = "CONSTRUCT WHERE { res:kitakyushu ?p ?o }"
    assert sorted(map(str, query(remote, text).triples)) == sorted(map(str, query(local_store, text).triples))


def test_syntax_errors_are_found_before_sending_with_their_position(remote):
    with pytest.raises(SparqlSyntaxError) as err:
        query(remote, "SELECT ?x WHERE {\n  ?x rdfs:label }")
    assert err.value.line == 2


def as_lists(G):
    return list(G.nodes(data=True)), list(G.edges(keys=True, data=True))


def test_the_projection_read_by_construct_equals_the_local_one(remote, graph_dir):
    L = as_lists(project(load(graph_dir)))
    assert as_lists(project(to_dataset(remote))) == L
    assert as_lists(project(to_store(remote))) == L


def test_cli_reads_through_the_endpoint(pushed, graph_dir):
    run = lambda *args: CliRunner().invoke(main, list(args))  # noqa: E731
    for args in (["query", "--name", "partners-of", "--param", "city=Kitakyushu", "--format", "csv"],
                 ["cypher", "--name", "technology-spread", "--param", "technology=U-BCF"],
                 ["paths", "Kitakyushu", "Phnom Penh", "--k", "2", "--no-evidence"],
                 ["centrality", "--top", "5", "--format", "csv"]):
        local, remote = run(*args, "--graph", str(graph_dir)), run(*args, "--endpoint", pushed[0])
        assert remote.exit_code == 0, remote.output
        assert remote.output == local.output and len(local.output.splitlines()) > 2


@pytest.mark.parametrize("path,problem", [
    ("/error", "HTTP 500 Internal Server Error: database is on fire"),
    ("/garbage", "HTTP 200 but the answer (text/html) is not SPARQL results JSON: "),
    ("/nothing", "HTTP 404 Not Found: not here"),
])
def test_a_failing_endpoint_is_one_line_with_url_and_status(misbehaving, path, problem):
    result = CliRunner().invoke(main, ["query", "--endpoint", misbehaving + path, "--name", "awards"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {misbehaving}{path}: {problem}")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_a_slow_endpoint_is_stopped_at_the_timeout(misbehaving):
    result = CliRunner().invoke(main, ["query", "--endpoint", misbehaving + "/slow", "--name", "awards", "--timeout", "0.5"])
    assert (result.exit_code, result.output) == (1, f"error: {misbehaving}/slow: no answer within 0.5 s\n")


def test_a_refusing_endpoint_is_one_line(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/sparql"
    for args in (["query", "--name", "awards"], ["centrality"], ["view", "-o", str(tmp_path / "v.html")]):
        result = CliRunner().invoke(main, [*args, "--endpoint", url])
        assert (result.exit_code, result.output) == (1, f"error: {url}: cannot connect (Connection refused)\n")
    assert not list(tmp_path.iterdir())


def test_remote_errors_name_the_url(misbehaving):
    with RemoteStore(misbehaving + "/error") as store, pytest.raises(EndpointError, match=r"^http://127\.0\.0\.1:\d+/error: HTTP 500"):
        query(store, "SELECT * WHERE { ?s ?p ?o }")
