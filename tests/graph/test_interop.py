"""Property-graph exports: Neo4j import CSV with typed headers and a LOAD CSV script, GraphML."""
import csv
import io

import networkx as nx
import pytest
from click.testing import CliRunner

from c2ckg.cli import main
from c2ckg.graph.interop import ARRAY_DELIMITER, graphml, graphml_graph, neo4j_files
from c2ckg.graph.projection import project
from c2ckg.graph.property_graph import property_graph


@pytest.fixture(scope="module")
def H(built):
    return property_graph(project(built.dataset))


@pytest.fixture(scope="module")
def files(H):
    return neo4j_files(H)


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_nodes_csv_has_typed_headers_and_every_node(H, files):
    nodes = rows(files["nodes.csv"])
    header = list(nodes[0])
    assert header[0] == "key:ID" and header[-1] == ":LABEL"
    assert {"year:int", "startYear:int", "endYear:int", "start:int", "end:int", "value:double",
            "aliases:string[]", "name", "iri"} <= set(header)
    assert [r["key:ID"] for r in nodes] == sorted(H.nodes)
    kita = next(r for r in nodes if r["key:ID"].endswith("/kitakyushu"))
    assert kita[":LABEL"] == "City" and kita["name"] == "Kitakyushu"
    assert kita["aliases:string[]"].split(ARRAY_DELIMITER) == H.nodes[kita["key:ID"]]["aliases"]
    for r in nodes:  # typed cells parse as their type
        for column in ("year:int", "start:int", "end:int"):
            assert r[column] == "" or int(r[column]) == H.nodes[r["key:ID"]][column.split(":")[0]]
        if r["value:double"]:
            assert float(r["value:double"]) == float(H.nodes[r["key:ID"]]["value"])


def test_relationships_csv_has_every_edge_with_its_type(H, files):
    edges = rows(files["relationships.csv"])
    assert list(edges[0])[:3] == [":START_ID", ":END_ID", ":TYPE"] and "year:int" in edges[0]
    assert len(edges) == H.number_of_edges()
    keys = set(H.nodes)
    assert all(e[":START_ID"] in keys and e[":END_ID"] in keys for e in edges)
    spread = {(e[":START_ID"].rsplit("/", 1)[-1], e[":END_ID"].rsplit("/", 1)[-1]) for e in edges if e[":TYPE"] == "SPREAD_TO"}
    assert spread == {(s.rsplit("/", 1)[-1], o.rsplit("/", 1)[-1]) for s, o, d in H.edges(data="__labels__") if "SPREAD_TO" in d}


def test_load_script_and_import_command_cover_every_label_and_type(files):
    script = files["load.cypher"].decode()
    labels = {r[":LABEL"] for r in rows(files["nodes.csv"])}
    types = {r[":TYPE"] for r in rows(files["relationships.csv"])}
    for label in labels:
        assert f"WITH row WHERE row.`:LABEL` = '{label}'" in script and f"CREATE (n:C2CNode:`{label}`" in script
    for rel_type in types:
        assert f"CREATE (a)-[r:`{rel_type}`]->(b)" in script
    assert "n.`year` = toInteger(row.`year:int`)" in script
    assert f"split(row.`aliases:string[]`, '{ARRAY_DELIMITER}')" in script
    command = files["import.sh"].decode()
    assert "neo4j-admin database import full" in command and f"--array-delimiter='{ARRAY_DELIMITER}'" in command


def test_graphml_reads_back_identically(H):
    data = graphml(H)
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    expected = graphml_graph(H)
    assert isinstance(back, nx.MultiDiGraph) and back.number_of_nodes() == H.number_of_nodes()
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))
    kita = next(n for n, d in back.nodes(data=True) if d.get("id") == "kitakyushu")
    assert back.nodes[kita]["labels"] == ":City"
    assert isinstance(next(d["year"] for *_, d in back.edges(data=True) if "year" in d), int)


def test_cli_writes_both_byte_identically(tmp_path, graph_dir):
    for run in ("a", "b"):
        for fmt, target in (("neo4j", tmp_path / run / "neo4j"), ("graphml", tmp_path / run / "g.graphml")):
            result = CliRunner().invoke(main, ["property-graph", "--format", fmt, "-o", str(target), "--graph", str(graph_dir)])
            assert result.exit_code == 0, result.output
    a, b = tmp_path / "a", tmp_path / "b"
    assert sorted(p.name for p in (a / "neo4j").iterdir()) == ["import.sh", "load.cypher", "nodes.csv", "relationships.csv"]
    for path in [*(a / "neo4j").iterdir(), a / "g.graphml"]:
        assert path.read_bytes() == (b / path.relative_to(a)).read_bytes()
