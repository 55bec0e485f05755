"""Centrality and brokerage: exact values on small graphs, agreement with networkx, the
actor graph of the real documents, sampling, the CLI and its chart."""
import json
import math

import networkx as nx
import pytest
from click.testing import CliRunner

from c2ckg.cli import main
from c2ckg.graph.centrality import actor_graph, centrality
from c2ckg.graph.export import write_build
from c2ckg.graph.projection import project
from c2ckg.ontology import RES


@pytest.fixture(scope="module")
def A(built):
    return actor_graph(project(built.dataset))


@pytest.fixture(scope="module")
def out(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("centrality")
    write_build(built.dataset, built.report, path)
    return path


def _by_iri(rows):
    return {r["iri"]: r for r in rows}


def test_star_has_known_centralities():
    rows = _by_iri(centrality(nx.star_graph(3), measures=["all"]))
    hub, leaf = rows[0], rows[1]
    assert (hub["degree"], hub["betweenness"], hub["closeness"]) == (1.0, 1.0, 1.0)
    assert (leaf["degree"], leaf["betweenness"], leaf["closeness"]) == (pytest.approx(1 / 3), 0.0, 0.6)
    assert hub["constraint"] == pytest.approx(1 / 3) and leaf["constraint"] == 1.0  # Burt: 3 * (1/3)^2; 1^2
    assert hub["effective_size"] == 3.0 and leaf["effective_size"] == 1.0
    assert hub["pagerank"] == pytest.approx(0.4797, abs=1e-4)


def test_path_graph_betweenness_is_exact():
    rows = _by_iri(centrality(nx.path_graph(5), measures=["betweenness"]))
    # pairs through the middle node: 4 of the 6 pairs not involving it
    assert [rows[i]["betweenness"] for i in range(5)] == [0.0, 0.5, pytest.approx(4 / 6), 0.5, 0.0]


def test_agrees_with_networkx_on_a_weighted_random_graph():
    A = nx.gnp_random_graph(60, 0.08, seed=3)
    for u, v in A.edges:
        A[u][v]["weight"] = 1 + (u * v) % 4
    A.add_node(99)  # isolated: constraint and effective size are undefined
    rows = _by_iri(centrality(A, measures=["all"]))
    expected = {"degree": nx.degree_centrality(A), "betweenness": nx.betweenness_centrality(A),
                "closeness": nx.closeness_centrality(A), "pagerank": nx.pagerank(A, weight="weight", tol=1e-12),
                "eigenvector": nx.eigenvector_centrality(A, weight="weight", tol=1e-12, max_iter=10000),
                "constraint": nx.constraint(A, weight="weight"),
                # networkx's vectorised branch (nodes=None) normalises by the wrong axis; its
                # per-node branch follows the documented formula
                "effective_size": nx.effective_size(A, nodes=list(A), weight="weight")}
    for measure, values in expected.items():
        for node, value in values.items():
            if math.isnan(value):
                assert rows[node][measure] is None
            else:
                assert rows[node][measure] == pytest.approx(value, abs=1e-7), (measure, node)


def test_sampled_betweenness_is_seeded_and_exact_with_every_source():
    A = nx.barabasi_albert_graph(300, 2, seed=1)
    exact = _by_iri(centrality(A, measures=["betweenness"], brokerage=False))
    every = _by_iri(centrality(A, measures=["betweenness"], brokerage=False, samples=300))
    assert every == exact
    one = centrality(A, measures=["betweenness"], brokerage=False, samples=60, seed=7)
    assert one == centrality(A, measures=["betweenness"], brokerage=False, samples=60, seed=7)
    assert one != centrality(A, measures=["betweenness"], brokerage=False, samples=60, seed=8)
    assert one[0]["iri"] == next(iter(exact))  # the top broker survives sampling


def test_ties_are_broken_by_iri():
    A = nx.Graph([("b", "hub"), ("a", "hub"), ("c", "hub")])
    assert [r["iri"] for r in centrality(A, measures=["degree"])] == ["hub", "a", "b", "c"]


def test_bad_measure_or_class_raises():
    with pytest.raises(ValueError, match="unknown measure 'fame'"):
        centrality(nx.Graph(), measures=["fame"])
    with pytest.raises(ValueError, match="unknown class 'Town'"):
        actor_graph(nx.MultiDiGraph(), classes=["Town"])


def test_kitakyushu_ranks_first_by_degree_and_betweenness(A):
    for measure in ("degree", "betweenness", "pagerank"):
        assert centrality(A, measures=[measure])[0]["label"] == "Kitakyushu", measure


def test_actor_graph_keeps_actors_only_and_ties_through_shared_projects(A):
    classes = {c for _, c in A.nodes(data="cls")}
    assert "City" in classes and not classes & {"Project", "Technology", "Person", "Sector"}
    # JICA funds the U-BCF demonstration that Team Kitakyushu implemented (002, 3.4)
    tie = A.get_edge_data(str(RES["japan-international-cooperation-agency"]), str(RES["team-kitakyushu"]))
    assert tie is not None and tie["shared"] >= 1 and tie["weight"] > 0
    # Kitakyushu and Hai Phong are tied directly (friendship, sister city, support)
    assert A[str(RES["kitakyushu"])][str(RES["hai-phong"])]["direct"] >= 2


def test_actor_graph_restricted_to_classes(A, built):
    cities = actor_graph(project(built.dataset), classes=["City"])
    assert {c for _, c in cities.nodes(data="cls")} == {"City"}
    assert set(cities) < set(A)


def test_cli_centrality_table_csv_json(out):
    result = CliRunner().invoke(main, ["centrality", "--top", "3", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].split()[:2] == ["1", "Kitakyushu"]
    result = CliRunner().invoke(main, ["centrality", "--measure", "all", "--format", "csv", "--top", "2", "--graph", str(out)])
    header, first = result.output.splitlines()[:2]
    assert header == "rank,iri,label,cls,degree,betweenness,closeness,pagerank,eigenvector,constraint,effective_size"
    assert first.startswith("1,https://w3id.org/c2c-kg/resource/kitakyushu,Kitakyushu,City,")
    result = CliRunner().invoke(main, ["centrality", "--measure", "betweenness", "--classes", "City",
                                       "--format", "json", "--graph", str(out)])
    rows = json.loads(result.output)
    assert len(rows) == 20 and {r["cls"] for r in rows} == {"City"} and rows[0]["label"] == "Kitakyushu"


def test_cli_centrality_plot(out, tmp_path):
    target = tmp_path / "bars.png"
    result = CliRunner().invoke(main, ["centrality", "--plot", str(target), "--top", "5", "--graph", str(out)])
    assert result.exit_code == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 5000


@pytest.mark.parametrize("args,message", [(["--classes", "Town"], "error: unknown class 'Town'"),
                                          (["--top", "0"], "error: --top must be at least 1, not 0"),
                                          (["--samples", "0"], "error: samples must be at least 1, not 0")])
def test_cli_centrality_bad_input_is_one_line(out, args, message):
    result = CliRunner().invoke(main, ["centrality", *args, "--graph", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1
