"""Cypher over the property graph: the mapping, parameters, what the layer adds, errors."""
import pytest

from c2ckg.graph import cypher_plan
from c2ckg.graph.cypher import CypherError, CypherSyntaxError, literal, run, substitute
from c2ckg.graph.deadline import QueryTimeout
from c2ckg.graph.projection import project
from c2ckg.graph.property_graph import property_graph
from c2ckg.ontology import RES


@pytest.fixture(scope="module")
def H(built):
    return property_graph(project(built.dataset))


def _values(result):
    return [tuple(None if t is None else t.value for t in row) for row in result.rows]


def test_entities_are_labelled_nodes_with_literal_properties(H):
    node = H.nodes[str(RES["kitakyushu"])]
    assert node["__labels__"] == {"City"} and node["class"] == "City"
    assert node["id"] == "kitakyushu" and node["name"] == "Kitakyushu"
    assert "City of Kitakyushu" in node["aliases"]


def test_relations_are_typed_edges_and_relation_nodes(H):
    rows = _values(run(H, 'MATCH (a {id: "kitakyushu"})-[r:PARTNER_OF]->(b {id: "dalian"}) '
                          'RETURN type(r), r.kind, r.year, r.prop'))
    assert ("PARTNER_OF", "Friendship", "1979", "partnerOf") in rows
    rows = _values(run(H, 'MATCH (a {id: "kitakyushu"})<-[:SUBJECT]-(r:Relation {year: 1979})-[:OBJECT]->(b) '
                          'MATCH (r)-[:WAS_DERIVED_FROM]->(e:Evidence) RETURN b.id, r.kind, e.document'))
    assert ("dalian", "Friendship", "002_6fa685373c4dc005") in rows


def test_measurements_are_nodes_about_their_entity(H):
    rows = _values(run(H, 'MATCH (m:Measurement {year: 1993})-[:ABOUT]->(e {id: "phnom-penh"}) '
                          'RETURN m.quantity, m.value, m.unit'))
    assert ("non-revenue water ratio", "72", "percent") in rows


def test_parameters_are_written_as_literals():
    assert literal('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert substitute('MATCH (c {id: $id}) WHERE c.name <> "$id" RETURN $n', {"id": "x", "n": 2}) == \
        'MATCH (c {id: "x"}) WHERE c.name <> "$id" RETURN 2'
    with pytest.raises(CypherError, match=r"missing parameter \$id"):
        substitute("MATCH (c {id: $id}) RETURN c", {})


def test_a_parameter_value_stays_a_value(H):
    for sneaky in ('x"}) RETURN 1 //', "Dalian\" OR 1=1 //", "\\", "a\nb"):
        assert run(H, "MATCH (c {name: $n}) RETURN c.id", params={"n": sneaky}).rows == []
    assert _values(run(H, "MATCH (c {name: $n}) RETURN c.id", params={"n": "Dalian"})) == [("dalian",)]


def test_union_and_union_all(H):
    one = 'MATCH (c {id: "dalian"}) RETURN c.name AS n'
    assert _values(run(H, f"{one} UNION {one}")) == [("Dalian",)]
    assert _values(run(H, f"{one} UNION ALL {one}")) == [("Dalian",), ("Dalian",)]
    with pytest.raises(CypherError, match="different columns"):
        run(H, f'{one} UNION MATCH (c {{id: "dalian"}}) RETURN c.id AS i')


def test_count_distinct_and_return_distinct(H):
    counted = dict(_values(run(H, "MATCH (p:Project)-[:ADDRESSES]->(s:Sector) "
                                  "RETURN s.name AS sector, count(DISTINCT p) AS n ORDER BY n DESC, sector")))
    by_hand = {}
    for s, o, k, d in H.edges(keys=True, data=True):
        if "ADDRESSES" in d["__labels__"] and "Project" in H.nodes[s]["__labels__"]:
            by_hand.setdefault(H.nodes[o]["name"], set()).add(s)
    assert {k: int(v) for k, v in counted.items()} == {k: len(v) for k, v in by_hand.items()}
    rows = _values(run(H, 'MATCH (a {id: "kitakyushu"})-[r:PARTNER_OF]->(b {id: "hai-phong"}) '
                          "RETURN DISTINCT b.name AS partner, r.kind AS kind ORDER BY kind"))
    assert len(rows) == len(set(rows)) and [k for _, k in rows] == sorted(k for _, k in rows)


def test_undirected_patterns_are_refused(H):
    with pytest.raises(CypherError, match="undirected relationship patterns are not supported"):
        run(H, "MATCH (a)-[r:PARTNER_OF]-(b) RETURN a.name")


@pytest.mark.parametrize("text,message", [
    ("MATCH (a:Citty) RETURN a.name", "unknown label 'Citty' (did you mean City?)"),
    ("MATCH (a)-[:PARTNER]->(b) RETURN a.name", "unknown relationship type 'PARTNER' (did you mean PARTNER_OF"),
])
def test_unknown_names_are_refused(H, text, message):
    with pytest.raises(CypherError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        run(H, text)


def test_syntax_error_gives_line_column_and_token(H):
    with pytest.raises(CypherSyntaxError) as info:
        run(H, "MATCH (c:City {id: $x})\nRETURN c.name LIMT 3", params={"x": "kitakyushu"})
    assert (info.value.line, info.value.column, info.value.token) == (2, 15, "LIMT")


def test_long_query_is_stopped(H):
    with pytest.raises(QueryTimeout):
        run(H, "MATCH (a)-[r]->(b)-[q]->(c)-[s]->(d) RETURN a.name, d.name", timeout=0.3)


@pytest.mark.parametrize("text", [
    'MATCH (c {id: "kitakyushu"})-[r:PARTNER_OF]->(p) RETURN p.name, r.kind, r.year',
    'MATCH (s)<-[:SUBJECT]-(r:Relation)-[:OBJECT]->(o) WHERE r.year >= 2010 AND r.year < 2012 RETURN s.id, r.prop, o.id',
    'MATCH (a {id: "kitakyushu"})-[r]->(b)-[q:FUNDS]->(c) RETURN b.id, c.id',
    'MATCH (t:Technology)-[:SPREAD_TO]->(p:City) RETURN t.name, p.name',
    'MATCH (m:Measurement)-[:ABOUT]->(e) WHERE m.unit = "percent" AND m.value > 50 RETURN e.id, m.value',
    'MATCH (a:City)-[:PARTNER_OF*1..2]->(b) RETURN a.id, b.id',
])
def test_the_cut_graph_gives_the_same_answers(H, text, monkeypatch):
    cut = sorted(map(str, cypher_plan.execute(H, text)[1]))
    monkeypatch.setattr(cypher_plan, "_restrict", lambda G, tree: G)
    whole = sorted(map(str, cypher_plan.execute(H, text)[1]))
    assert cut == whole and cut
