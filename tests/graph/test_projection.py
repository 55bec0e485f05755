from c2ckg.graph.projection import project
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
