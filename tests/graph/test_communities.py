"""Louvain communities: known splits on small graphs, determinism, sectors from the documents."""
import networkx as nx
import pytest
from click.testing import CliRunner

from c2ckg.cli import main
from c2ckg.graph.communities import communities
from c2ckg.graph.export import write_build
from c2ckg.graph.projection import project
from c2ckg.ontology import RES


def _two_triangles(reverse=False):
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]
    A = nx.Graph()
    A.add_edges_from(reversed(edges) if reverse else edges, weight=1.0)
    return A


def test_two_triangles_split_in_two_whatever_the_order():
    for reverse in (False, True):
        found = communities(nx.MultiDiGraph(), actors=_two_triangles(reverse))
        assert [sorted(c.members) for c in found] == [["a", "b", "c"], ["x", "y", "z"]]


def test_min_size_and_resolution():
    A = _two_triangles()
    A.add_node("lonely")
    assert len(communities(nx.MultiDiGraph(), actors=A)) == 3
    assert len(communities(nx.MultiDiGraph(), actors=A, min_size=2)) == 2
    with pytest.raises(ValueError, match="resolution must be positive"):
        communities(nx.MultiDiGraph(), actors=A, resolution=0)


def test_real_communities_are_deterministic_and_name_their_sectors(built):
    G = project(built.dataset)
    first = communities(G, min_size=2)
    assert [c.members for c in first] == [c.members for c in communities(G, min_size=2)]
    ppwsa = next(c for c in first if str(RES["phnom-penh-water-supply-authority"]) in c.members)
    assert str(RES["water-supply"]) in [s for s, _n in ppwsa.sectors]


def test_cli_communities(built, tmp_path):
    write_build(built.dataset, built.report, tmp_path)
    result = CliRunner().invoke(main, ["communities", "--graph", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("community 1 (")
    assert "  members: " in result.output and "  sectors: " in result.output
    result = CliRunner().invoke(main, ["communities", "--classes", "Citi", "--graph", str(tmp_path)])
    assert result.exit_code == 1 and result.output.startswith("error: unknown class 'Citi'; closest: City")
