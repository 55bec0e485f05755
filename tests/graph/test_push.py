"""Pushing into a real Oxigraph server over the Graph Store Protocol, and into an on-disk store."""
import pytest
from click.testing import CliRunner

from c2ckg.cli import main
from c2ckg.graph.endpoint import RemoteStore, count
from c2ckg.graph.push import PushError, load_into, push
from c2ckg.graph.store import open_store
from c2ckg.ontology import RES

PROVENANCE = str(RES["graph/provenance"])


def test_push_sends_each_graph_in_one_request_and_counts_what_arrived(pushed, local_store):
    _endpoint, report = pushed
    named = sorted(g.value for g in local_store.named_graphs())
    assert PROVENANCE in named
    assert [(g.target, g.requests) for g in report.graphs] == [(None, 1), *((g, 1) for g in named)]
    for pushed_graph in report.graphs:
        assert pushed_graph.sent == count(local_store, pushed_graph.target) == pushed_graph.held
    assert report.sent > 20_000


def test_merge_adds_and_replace_restores_a_named_graph(oxigraph_server, local_store, pushed):
    endpoint = oxigraph_server + "/query"
    target = "http://example.org/c2c"
    merged = push(local_store, gsp=oxigraph_server + "/store", endpoint=endpoint, into=target, mode="merge", chunk=4000)
    assert merged.graphs[0].target == target and merged.graphs[0].requests == -(-count(local_store) // 4000)
    assert merged.graphs[0].held == count(local_store)
    # The store's default graph is untouched by a push into a named graph.
    with RemoteStore(endpoint) as remote:
        assert count(remote) == count(local_store)
    # Replacing with an empty source empties the target graph.
    from pyoxigraph import Store

    emptied = push(Store(), gsp=oxigraph_server + "/store", endpoint=endpoint, into=target, mode="replace")
    assert [(g.target, g.sent, g.held) for g in emptied.graphs] == [(target, 0, 0)]


def test_cli_push_prints_counts(oxigraph_server, graph_dir, local_store):
    result = CliRunner().invoke(main, ["push", "--from", str(graph_dir), "--endpoint", oxigraph_server + "/query",
                                       "--graph", "http://example.org/cli"])
    assert result.exit_code == 0, result.output
    n = count(local_store)
    named = [g.value for g in local_store.named_graphs()]
    assert f"<http://example.org/cli>: sent {n:,} triples in 1 request; the store now holds {n:,}" in result.output
    total = n + sum(count(local_store, g) for g in named)
    assert result.output.splitlines()[-1] == f"pushed {total:,} triples in {1 + len(named)} requests"


def test_push_into_an_on_disk_store_then_query_it(tmp_path, graph_dir, local_store):
    result = CliRunner().invoke(main, ["push", "--from", str(graph_dir), "--store", f"oxigraph:{tmp_path / 'db'}"])
    assert result.exit_code == 0, result.output
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    named = sorted(g.value for g in local_store.named_graphs())
    assert sorted(g.value for g in store.named_graphs()) == named
    assert [count(store, g) for g in [None, *named]] == [count(local_store, g) for g in [None, *named]]
    del store
    again = load_into(open_store(f"oxigraph:{tmp_path / 'db'}", create=True), local_store, mode="replace")
    assert [g.held for g in again.graphs] == [count(local_store, g) for g in [None, *named]]


def test_refused_push_is_one_line_and_writes_nothing(graph_dir):
    from tests.graph.conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(main, ["push", "--from", str(graph_dir), "--endpoint", url])
    assert result.exit_code == 1
    assert result.output == f"error: {url[:-6]}/store: cannot connect (Connection refused); nothing was written\n"


def test_a_push_failing_half_way_says_what_was_written(misbehaving, local_store):
    with pytest.raises(PushError) as err:
        push(local_store, gsp=misbehaving + "/store")
    n = count(local_store)
    assert str(err.value) == (f"{misbehaving}/store: HTTP 503 Service Unavailable: disk full; "
                              f"written before the failure: default graph complete ({n:,} triples)")


def test_a_chunked_push_failing_half_way_says_the_graph_is_partial(misbehaving, local_store):
    with pytest.raises(PushError) as err:
        push(local_store, gsp=misbehaving + "/store", chunk=5000, mode="merge")
    assert str(err.value).endswith("written before the failure: default graph PARTIAL (5,000 triples in 1 chunks)")
