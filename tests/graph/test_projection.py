import pytest

from c2ckg.graph.export import load
from c2ckg.graph.projection import project
from c2ckg.graph.store import from_dataset, from_file
from c2ckg.ontology import RES


def test_projection_nodes_and_keyed_edges(built):
    G = project(built.dataset)
    kita = str(RES["kitakyushu"])
    assert G.nodes[kita]["cls"] == "City"
    assert "City of Kitakyushu" in G.nodes[kita]["aliases"]
    assert G.number_of_nodes() == built.report["entities"]
    edges = G.get_edge_data(kita, str(RES["iskandar-regional-development-authority"]))
    mou = [d for d in edges.values() if d["prop"] == "partnerOf"]
    assert mou and mou[0]["kind"] == "MOU" and mou[0]["year"] == "2016"
    assert mou[0]["evidence"][0]["sentence"]


def test_projection_keeps_provenance_out_unless_asked(built):
    assert not any(d["cls"] == "SourceDocument" for _, d in project(built.dataset).nodes(data=True))
    G = project(built.dataset, provenance=True)
    docs = [n for n, d in G.nodes(data=True) if d["cls"] == "SourceDocument"]
    assert len(docs) == 5
    assert any(k == "mentionedIn" for _, _, k in G.in_edges(docs[0], keys=True))


def test_measurements_ride_on_their_node(built):
    G = project(built.dataset)
    rows = G.nodes[str(RES["phnom-penh"])].get("measurements", [])
    assert any(r["value"] == 8 and r.get("year") == "2006" for r in rows)


def as_lists(G):
    """Nodes and edges in graph order, with every attribute: equal only if built identically."""
    return list(G.nodes(data=True)), list(G.edges(keys=True, data=True))


@pytest.mark.parametrize("provenance", [False, True])
def test_a_store_projects_exactly_as_its_dataset(built, provenance, tmp_path):
    G = project(built.dataset, provenance=provenance)
    for store in (from_dataset(built.dataset), from_dataset(built.dataset, path=tmp_path / "store")):
        assert as_lists(project(store, provenance=provenance)) == as_lists(G)
    evidence = [d["evidence"] for _, _, d in G.edges(data=True)]
    assert sum(len(rows) > 1 for rows in evidence) > 10  # evidence order is compared, not trivially
    assert any(d.get("note") for _, _, d in G.edges(data=True))


def test_the_trig_file_projects_the_same_through_oxigraph_and_rdflib(graph_dir):
    assert as_lists(project(from_file(graph_dir), provenance=True)) == as_lists(project(load(graph_dir), provenance=True))


def test_only_datasets_and_stores_are_projected():
    with pytest.raises(TypeError, match="to_store"):
        project({"not": "a graph"})
