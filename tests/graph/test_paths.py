"""Influence paths: directions from the ontology, k shortest with IRI tie-breaks, bad input,
and paths on the real graph checked against the documents."""
import networkx as nx
import pytest
from click.testing import CliRunner

from c2ckg.cli import main
from c2ckg.graph.export import write_build
from c2ckg.graph.paths import influence_adjacency, influence_paths
from c2ckg.graph.projection import project
from c2ckg.ontology import RES

DEMONSTRATION_PLACES = ["ho-chi-minh-city", "quang-ninh-province", "phu-tho-province", "nam-dinh-province",
                        "tien-giang-province"]


@pytest.fixture(scope="module")
def G(built):
    return project(built.dataset)


@pytest.fixture(scope="module")
def out(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("paths")
    write_build(built.dataset, built.report, path)
    return path


def _graph(edges, *, reverse=False):
    G = nx.MultiDiGraph()
    nodes = sorted({n for u, v, _p in edges for n in (u, v)}, reverse=reverse)
    G.add_nodes_from(nodes, cls="City", label="")
    for u, v, p in (reversed(edges) if reverse else edges):
        G.add_edge(u, v, key=p, prop=p, evidence=[{"document": "d", "sentence": f"{u} {p} {v}."}])
    return G


def test_hops_follow_the_ontology_directions():
    G = _graph([("a", "b", "supports"), ("c", "b", "partnerOf"), ("d", "c", "deploys"), ("d", "e", "addresses")])
    [path] = influence_paths(G, "a", "d")
    assert path.nodes == ("a", "b", "c", "d")
    assert [(h.prop, h.forward) for h in path.hops] == [("supports", True), ("partnerOf", False), ("deploys", False)]
    assert path.hops[0].evidence["sentence"] == "a supports b."
    assert influence_paths(G, "b", "a") == []      # supports flows from supporter to supported only
    assert influence_paths(G, "d", "e") == []      # addresses carries no influence


def test_k_shortest_in_length_order_ties_broken_by_iri():
    edges = [("s", "y", "supports"), ("y", "t", "supports"), ("s", "x", "supports"), ("x", "t", "supports"),
             ("s", "t2", "supports"), ("t2", "u", "supports"), ("u", "t", "supports")]
    for reverse in (False, True):
        found = influence_paths(_graph(edges, reverse=reverse), "s", "t", k=5)
        assert [p.nodes for p in found] == [("s", "x", "t"), ("s", "y", "t"), ("s", "t2", "u", "t")]


def test_max_hops_and_via_restrict_paths():
    G = _graph([("a", "b", "supports"), ("b", "c", "supports"), ("c", "d", "supports"), ("a", "x", "funds"),
                ("x", "d", "funds")])
    G.nodes["x"]["cls"] = "FundingScheme"
    assert [p.nodes for p in influence_paths(G, "a", "d", max_hops=2)] == [("a", "x", "d")]
    assert [p.nodes for p in influence_paths(G, "a", "d", via=["City"])] == [("a", "b", "c", "d")]
    assert influence_paths(G, "a", "d", max_hops=1) == []


def test_influence_adjacency_is_cached_until_the_graph_changes():
    G = _graph([("a", "b", "supports"), ("c", "d", "supports")])
    assert influence_paths(G, "a", "d") == []
    assert influence_adjacency(G) is influence_adjacency(G)
    G.add_edge("b", "c", key="supports", prop="supports", evidence=[])  # networkx clears its cache
    assert [p.nodes for p in influence_paths(G, "a", "d")] == [("a", "b", "c", "d")]


@pytest.mark.parametrize("kwargs,message", [({"k": 0}, "k must be between 1 and 100"),
                                            ({"k": 101}, "k must be between 1 and 100"),
                                            ({"max_hops": 0}, "max hops must be between 1 and 50"),
                                            ({"via": ["Citty"]}, "unknown class 'Citty'; closest: City")])
def test_bad_options_raise_one_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        influence_paths(_graph([("a", "b", "supports")]), "a", "b", **kwargs)


@pytest.mark.parametrize("place", DEMONSTRATION_PLACES)
def test_kitakyushu_reaches_the_u_bcf_demonstration_places_through_u_bcf(G, place):
    # Document 002 (Hai Phong chapter, water section) reports the 2016 U-BCF demonstration
    # in six Vietnamese cities by Team Kitakyushu, Hai Phong among them.
    found = influence_paths(G, str(RES["kitakyushu"]), str(RES[place]), k=3, via=["LocalGovernment", "Technology"])
    assert found and all(str(RES["u-bcf"]) in p.nodes for p in found)
    last = found[0].hops[-1]
    assert (last.prop, last.year) == ("spreadTo", "2016")
    assert "U-BCF demonstration" in last.evidence["sentence"] and "Hai Phong" in last.evidence["sentence"]


def _u_bcf_demonstration_places_in_viet_nam(G):
    located = {u for u, v, p in G.in_edges(str(RES["vietnam"]), data="prop") if p == "locatedIn"}
    return sorted(v for _, v, p in G.out_edges(str(RES["u-bcf"]), data="prop")
                  if p == "spreadTo" and v in located and v != str(RES["hai-phong"]))


def test_kitakyushu_reaches_the_u_bcf_demonstration_places_through_hai_phong_and_u_bcf(G):
    # The example of issue 5, each hop justified by document 002 (IGES, Hai Phong chapter):
    # Kitakyushu -> Hai Phong: trainees and experts for water and sewage works since the 2009
    #   agreements, plus composting, water and sewage support (12 relations in all);
    # Hai Phong -> U-BCF: the city chose U-BCF for its large An Duong plant;
    # U-BCF -> the place: the 2016 demonstration in five more Vietnamese cities and provinces
    #   by Team Kitakyushu.
    # Ho Chi Minh City is also reached in two hops through CITYNET, which Kitakyushu
    # established and the city is a member of: there the Hai Phong path is among the k=5.
    places = _u_bcf_demonstration_places_in_viet_nam(G)
    assert places == sorted(str(RES[p]) for p in DEMONSTRATION_PLACES)
    through = (str(RES["kitakyushu"]), str(RES["hai-phong"]), str(RES["u-bcf"]))
    for place in places:
        found = influence_paths(G, str(RES["kitakyushu"]), place, k=5)
        best = found[0]
        if best.nodes[:3] != through:
            assert len(best) < len(through), place  # only a shorter path may avoid Hai Phong
            best = next(p for p in found if p.nodes[:3] == through)
        assert best.nodes == (*through, place)
        assert [h.prop for h in best.hops] == ["supports", "implements", "spreadTo"]
        assert "Hai Phong decided to introduce U-BCF" in best.hops[1].evidence["sentence"]
        assert best.hops[2].year == "2016" and "U-BCF demonstration" in best.hops[2].evidence["sentence"]


def test_kitakyushu_to_hai_phong_through_its_water_bureau_and_u_bcf(G):
    # The bureau carries U-BCF, which Hai Phong introduced at the An Duong plant (002, 3.4).
    found = influence_paths(G, str(RES["kitakyushu"]), str(RES["hai-phong"]), k=10, via=["LocalGovernment", "Technology"])
    assert found[0].nodes == (str(RES["kitakyushu"]), str(RES["hai-phong"]))
    expected = tuple(str(RES[n]) for n in ("kitakyushu", "kitakyushu-water-and-sewer-bureau", "u-bcf", "hai-phong"))
    assert expected in [p.nodes for p in found]
    assert [len(p) for p in found] == sorted(len(p) for p in found)


def test_influence_does_not_flow_back_from_a_demonstration_place(G):
    assert influence_paths(G, str(RES["quang-ninh-province"]), str(RES["kitakyushu"]), max_hops=3) == []


def test_cli_paths_prints_hops_with_evidence(out):
    result = CliRunner().invoke(main, ["paths", "City of Kitakyushu", "Quang Ninh Province", "--k", "2",
                                       "--via", "LocalGovernment,Technology", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1. Kitakyushu -> ")
    assert "--spreadTo--> Quang Ninh Province  (2016" in result.output
    assert "[002_6fa685373c4dc005:" in result.output


@pytest.mark.parametrize("args,message", [
    (["Kitakyusyu", "Surabaya"], "error: 'Kitakyusyu' matches no entity; closest: Kitakyushu"),
    (["Kitakyushu", "Surabaya", "--k", "0"], "error: k must be between 1 and 100, not 0"),
    (["Kitakyushu", "Surabaya", "--max-hops", "99"], "error: max hops must be between 1 and 50, not 99"),
    (["Kitakyushu", "Surabaya", "--via", "Town"], "error: unknown class 'Town'"),
])
def test_cli_paths_bad_input_is_one_line(out, args, message):
    result = CliRunner().invoke(main, ["paths", *args, "--graph", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1


def test_cli_no_path_is_an_answer(out):
    result = CliRunner().invoke(main, ["paths", "Quang Ninh Province", "Kitakyushu", "--max-hops", "3", "--graph", str(out)])
    assert result.exit_code == 0
    assert result.output == "no path from Quang Ninh Province to Kitakyushu within 3 hops\n"
