"""Cypher on LadybugDB over the property graph: the mapping, parameters, refusals, errors."""
import json
from collections import Counter

import networkx as nx
import pytest

from c2ckg.graph import cypher
from c2ckg.graph.cypher import CypherError, CypherSyntaxError, check, run
from c2ckg.graph.cypher_db import database
from c2ckg.graph.deadline import QueryTimeout
from c2ckg.graph.projection import project
from c2ckg.graph.property_graph import property_graph
from c2ckg.ontology import RES


@pytest.fixture(scope="module")
def H(built):
    return property_graph(project(built.dataset))


def _values(result):
    return [tuple(None if t is None else t.value for t in row) for row in result.rows]


def _count(H, text):
    return int(_values(run(H, text))[0][0])


def test_every_node_and_edge_is_loaded_under_its_label_and_type(H):
    labels = Counter(label for _, data in H.nodes(data=True) for label in data["__labels__"])
    types = Counter(t for _, _, data in H.edges(data=True) for t in data["__labels__"])
    loaded = dict(_values(run(H, "MATCH (n) RETURN label(n), count(*)")))
    assert {k: int(v) for k, v in loaded.items()} == dict(labels)
    loaded = dict(_values(run(H, "MATCH ()-[r]->() RETURN label(r), count(*)")))
    assert {k: int(v) for k, v in loaded.items()} == dict(types)


def test_entities_are_labelled_nodes_with_literal_properties(H):
    rows = _values(run(H, 'MATCH (c:City {id: "kitakyushu"}) '
                          "RETURN label(c), c.class, c.name, c.key, c.iri, c.aliases"))
    assert len(rows) == 1
    label, cls, name, key, iri, aliases = rows[0]
    assert (label, cls, name, key, iri) == ("City", "City", "Kitakyushu", str(RES["kitakyushu"]), str(RES["kitakyushu"]))
    assert "City of Kitakyushu" in json.loads(aliases)  # a list, whatever commas its names hold
    assert _values(run(H, 'MATCH (c:City {id: "kitakyushu"}) RETURN size(c.aliases) > 0')) == [("true",)]


def test_relations_are_typed_edges_and_relation_nodes(H):
    rows = _values(run(H, 'MATCH (a {id: "kitakyushu"})-[r:PARTNER_OF]->(b {id: "dalian"}) '
                          "RETURN label(r), r.kind, r.year, r.prop"))
    assert ("PARTNER_OF", "Friendship", "1979", "partnerOf") in rows
    rows = _values(run(H, 'MATCH (a {id: "kitakyushu"})<-[:SUBJECT]-(r:Relation {year: 1979})-[:OBJECT]->(b) '
                          "MATCH (r)-[:WAS_DERIVED_FROM]->(e:Evidence) RETURN b.id, r.kind, e.document, e.`end` > e.start"))
    assert ("dalian", "Friendship", "002_6fa685373c4dc005", "true") in rows


def test_measurements_are_nodes_about_their_entity(H):
    rows = _values(run(H, 'MATCH (m:Measurement {year: 1993})-[:ABOUT]->(e {id: "phnom-penh"}) '
                          "RETURN m.quantity, m.value, m.unit, m.qualifier"))
    assert ("non-revenue water ratio", "72", "percent", None) in rows  # a whole number, no qualifier


@pytest.mark.parametrize("sneaky", ['x"}) MATCH (n) DETACH DELETE n //', "Dalian' OR 1=1 //", "\\", "a\nb", "$n"])
def test_a_parameter_value_stays_a_value(H, sneaky):
    nodes = _count(H, "MATCH (n) RETURN count(*)")
    assert run(H, "MATCH (c {name: $n}) RETURN c.id", params={"n": sneaky}).rows == []
    assert _count(H, "MATCH (n) RETURN count(*)") == nodes
    assert _values(run(H, "MATCH (c {name: $n}) RETURN c.id", params={"n": "Dalian"})) == [("dalian",)]


def test_parameters_are_typed_and_required(H):
    rows = _values(run(H, "MATCH (r:Relation) WHERE r.year >= $from AND r.year <= $to RETURN DISTINCT r.year",
                       params={"from": 1979, "to": 1980}))
    assert rows and {int(y) for (y,) in rows} <= {1979, 1980}
    with pytest.raises(CypherError, match=r"missing parameter \$city"):
        run(H, "MATCH (c {id: $city}) RETURN c.name", params={"town": "x"})


@pytest.mark.parametrize("text,word", [
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ('MATCH (c:City) SET c.name = "x" RETURN c', "SET"),
    ("LOAD FROM '/etc/passwd' RETURN *", "LOAD"),
    ('CREATE (:City {key: "x"})', "CREATE"),
])
def test_queries_cannot_write_or_read_files(H, text, word):
    nodes = _count(H, "MATCH (n) RETURN count(*)")
    with pytest.raises(CypherError, match=f"only read the graph: {word} is not allowed"):
        run(H, text)
    with pytest.raises(CypherError, match=f"only read the graph: {word} is not allowed"):
        check(text)
    with pytest.raises(CypherError, match="one query at a time"):
        run(H, "MATCH (n) RETURN count(*); MATCH (n) RETURN n.name")
    assert _count(H, "MATCH (n) RETURN count(*)") == nodes
    assert _values(run(H, 'MATCH (c {id: "dalian"}) WHERE c.name <> "SET" RETURN c.name')) == [("Dalian",)]
    assert _values(run(H, 'MATCH (c {id: "dalian"}) RETURN c.name AS set')) == [("Dalian",)]
    with pytest.raises(CypherError, match="only read the graph: SET is not allowed"):
        run(H, 'MATCH (c {id: "dalian"}) WITH c AS x SET x.name = "y" RETURN x')


def test_undirected_patterns_match_both_directions(H):
    rows = _values(run(H, 'MATCH (a {id: "dalian"})-[r:PARTNER_OF]-(b {id: "kitakyushu"}) RETURN r.kind, r.year'))
    assert ("Friendship", "1979") in rows  # stated Kitakyushu -> Dalian
    assert run(H, 'MATCH (a {id: "dalian"})-[r:PARTNER_OF]->(b {id: "kitakyushu"}) RETURN r.kind').rows == []


def test_two_variables_may_bind_the_same_node(H):
    rows = _values(run(H, 'MATCH (a {id: "kitakyushu"})-[:PARTNER_OF]->(b)<-[:PARTNER_OF]-(c) RETURN DISTINCT c.id'))
    assert ("kitakyushu",) in rows  # openCypher: only relationships must differ


def test_union_count_distinct_and_sorting(H):
    one = 'MATCH (c {id: "dalian"}) RETURN c.name AS n'
    assert _values(run(H, f"{one} UNION {one}")) == [("Dalian",)]
    assert _values(run(H, f"{one} UNION ALL {one}")) == [("Dalian",), ("Dalian",)]
    counted = dict(_values(run(H, "MATCH (p:Project)-[:ADDRESSES]->(s:Sector) "
                                  "RETURN s.name AS sector, count(DISTINCT p) AS n ORDER BY n DESC, sector")))
    by_hand = {}
    for s, o, d in H.edges(data=True):
        if "ADDRESSES" in d["__labels__"] and "Project" in H.nodes[s]["__labels__"]:
            by_hand.setdefault(H.nodes[o]["name"], set()).add(s)
    assert {k: int(v) for k, v in counted.items()} == {k: len(v) for k, v in by_hand.items()}
    names = _values(run(H, "MATCH (c:City) RETURN c.name"))
    assert names == sorted(names, key=lambda r: str(r[0])) and len(names) > 10


@pytest.mark.parametrize("text,message", [
    ("MATCH (a:Citty) RETURN a.name", "unknown label 'Citty' (did you mean City?)"),
    ("MATCH (a)-[:PARTNER]->(b) RETURN a.name", "unknown relationship type 'PARTNER' (did you mean PARTNER_OF"),
    ("MATCH (a)-[r:SUPPORTS|FUNDZ]->(b) RETURN a.name", "unknown relationship type 'FUNDZ' (did you mean FUNDS"),
])
def test_unknown_names_are_refused(H, text, message):
    pattern = message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")
    with pytest.raises(CypherError, match=pattern):
        run(H, text)
    check(text)  # before a graph is loaded, only the syntax is checked


def test_labels_and_types_without_data_answer_nothing():
    G = nx.MultiDiGraph()
    G.add_node("c", __labels__={"City"}, id="c", name="C", aliases=[])
    conn = database(G)
    assert _values(run(conn, "MATCH (x:City) RETURN x.name, x.aliases")) == [("C", "[]")]
    assert run(conn, "MATCH (x:Technology) RETURN x.name").rows == []
    assert run(conn, "MATCH (a:City)-[:FUNDS]->(b) RETURN b.name").rows == []


def test_syntax_error_gives_line_column_and_token(H):
    with pytest.raises(CypherSyntaxError) as info:
        run(H, "MATCH (c:City {id: $x})\nRETURN c.name LIMT 3", params={"x": "kitakyushu"})
    assert (info.value.line, info.value.column, info.value.token) == (2, 15, "LIMT")
    with pytest.raises(CypherSyntaxError) as info:
        check("// a comment\nMATCH (c:City) RETURN c.name AS end")
    assert (info.value.line, info.value.column, info.value.token) == (2, 33, "end")


def test_long_query_is_stopped(H):
    with pytest.raises(QueryTimeout, match="longer than 0.3 s"):
        run(H, "MATCH (a)-[*1..8]-(b) RETURN count(*)", timeout=0.3)
    assert _values(run(H, 'MATCH (c {id: "dalian"}) RETURN c.name', timeout=5)) == [("Dalian",)]


def test_a_database_in_a_folder(H, tmp_path):
    conn = database(H, path=tmp_path / "db")
    assert (tmp_path / "db").exists()
    assert _values(cypher.run(conn, 'MATCH (c {id: "dalian"}) RETURN c.name')) == [("Dalian",)]
