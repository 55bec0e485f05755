"""Opening stores by name: on-disk Oxigraph, read-only, and the errors a user can cause."""
import pytest
from click.testing import CliRunner

from c2ckg.cli import main
from c2ckg.graph.store import StoreError, open_store


def test_unknown_or_missing_stores_are_one_line(tmp_path):
    with pytest.raises(StoreError, match=r"^nope:DIR: unknown store"):
        open_store("nope:DIR")
    with pytest.raises(StoreError, match=r"no Oxigraph store here"):
        open_store(f"oxigraph:{tmp_path}")
    result = CliRunner().invoke(main, ["query", "--store", f"oxigraph:{tmp_path / 'none'}", "--name", "awards"])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "no Oxigraph store here" in result.output
    result = CliRunner().invoke(main, ["query", "--store", "x", "--endpoint", "http://127.0.0.1:1/", "--name", "awards"])
    assert result.exit_code == 2 and "give --store or --endpoint, not both" in result.output


def test_read_commands_read_an_on_disk_store(tmp_path, graph_dir):
    spec = f"oxigraph:{tmp_path / 'db'}"
    assert CliRunner().invoke(main, ["push", "--from", str(graph_dir), "--store", spec]).exit_code == 0
    for args in (["query", "--name", "technology-spread", "--param", "technology=U-BCF", "--format", "json"],
                 ["diffusion", "U-BCF", "--no-evidence"], ["timeline", "--entity", "Hai Phong"],
                 ["stats", "--json"], ["show", "PPWSA"]):
        local = CliRunner().invoke(main, [*args, "--graph", str(graph_dir)])
        stored = CliRunner().invoke(main, [*args, "--store", spec])
        assert stored.exit_code == 0, stored.output
        assert stored.output == local.output and local.output.count("\n") > 3
    args = ["view", "--query", "entities-of-type", "--param", "type=Technology", "-o"]
    view = CliRunner().invoke(main, [*args, str(tmp_path / "v.html"), "--store", spec])
    local = CliRunner().invoke(main, [*args, str(tmp_path / "v.html"), "--graph", str(graph_dir)])
    assert view.exit_code == local.exit_code == 0 and view.output == local.output
    assert int(view.output.split("(")[1].split()[0]) > 10  # "wrote ... (N nodes, ...)"


def test_export_from_a_store_streams_the_asserted_graph(tmp_path, graph_dir, built):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    spec = f"oxigraph:{tmp_path / 'db'}"
    assert CliRunner().invoke(main, ["push", "--from", str(graph_dir), "--store", spec]).exit_code == 0
    for run in ("a", "b"):
        result = CliRunner().invoke(main, ["export", "--store", spec, "--format", "ttl", "-o", str(tmp_path / f"{run}.ttl")])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
    assert isomorphic(Graph().parse(tmp_path / "a.ttl"), built.dataset.default_graph)
    refused = CliRunner().invoke(main, ["export", "--store", spec, "--format", "jsonld", "-o", str(tmp_path / "c.jsonld")])
    assert refused.exit_code == 1 and not (tmp_path / "c.jsonld").exists()
