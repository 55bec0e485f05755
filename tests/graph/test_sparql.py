"""SPARQL on the Oxigraph store: bound parameters, errors, time limit, result formats."""
import json

import pytest
from pyoxigraph import Literal, NamedNode

from c2ckg.graph.deadline import QueryTimeout
from c2ckg.graph.describe import EntityNotFound
from c2ckg.graph.export import GraphFileError
from c2ckg.graph.results import from_python, render
from c2ckg.graph.sparql import SparqlSyntaxError, bind, find_entity, parse_term, query, variables
from c2ckg.graph.store import from_dataset, from_file
from c2ckg.ontology import RES


@pytest.fixture(scope="module")
def store(built):
    return from_dataset(built.dataset)


def test_store_holds_every_graph(built, store):
    assert len(store) == sum(len(g) for g in built.dataset.graphs())
    asked = query(store, "ASK { GRAPH ?g { ?r prov:wasDerivedFrom ?e } }")
    assert asked.boolean is True
    assert query(store, "ASK { ?r prov:wasDerivedFrom ?e }").boolean is False  # not in the default graph


def test_values_block_goes_into_the_where_group():
    text, _ = bind("CONSTRUCT { ?a ?p ?b } WHERE { ?a ?p ?b }", {"a": NamedNode("http://x/a")})
    assert text == "CONSTRUCT { ?a ?p ?b } WHERE { VALUES (?a) { (<http://x/a>) } ?a ?p ?b }"
    text, _ = bind("ASK { ?a ?p ?b }", {"b": Literal(3)})
    assert text == 'ASK { VALUES (?b) { ("3"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?a ?p ?b }'


def test_a_bound_value_never_becomes_syntax(store):
    sneaky = Literal('Dalian" } ?s ?p ?o . { "')
    result = query(store, "SELECT ?c WHERE { ?c rdfs:label ?name }", bindings={"name": sneaky})
    assert result.rows == []
    result = query(store, "SELECT ?c WHERE { ?c rdfs:label ?name }", bindings={"name": Literal("Dalian")})
    assert result.values() == [(str(RES["dalian"]),)]


def test_bound_variable_is_seen_by_filters(store):
    text = "SELECT ?y WHERE { ?r a c2c:Relation ; c2c:year ?y FILTER (xsd:integer(STR(?y)) < ?before) }"
    years = {int(y) for y, in query(store, text, bindings={"before": Literal(1980)}).values()}
    assert years and max(years) < 1980


def test_rows_are_sorted_without_order_by(store):
    rows = query(store, "SELECT ?name WHERE { ?c a c2c:City ; rdfs:label ?name }").values()
    assert rows == sorted(rows)


@pytest.mark.parametrize("text,line,column,token", [
    ("SELECT ?x WHERE {\n  ?x a c2c:City .\n  OPTIONAL ?x rdfs:label ?n }\n}", 3, 12, "?x"),
    ("SELECT ?x WHERE {\n  ?x a c2c:City\n  ORDER BY ?x\n}", 3, 11, "?x"),
    ("SELECT ?x WHERE { ?x a c2c:City", 1, 32, None),
])
def test_syntax_error_gives_line_column_and_token(store, text, line, column, token):
    with pytest.raises(SparqlSyntaxError) as info:
        query(store, text)
    assert (info.value.line, info.value.column, info.value.token) == (line, column, token)


def test_syntax_error_position_ignores_the_values_block(store):
    text = "SELECT ?x WHERE { ?x a ?type OPTIONAL ?x rdfs:label ?n } }"
    with pytest.raises(SparqlSyntaxError) as plain:
        query(store, text)
    with pytest.raises(SparqlSyntaxError) as bound:
        query(store, text, bindings={"type": NamedNode("http://x/T")})
    assert (bound.value.line, bound.value.column, bound.value.token) == (1, 39, "?x")
    assert str(bound.value) == str(plain.value)


def test_parameters_reach_subqueries_and_error_positions_survive_several_blocks(store):
    text = ("SELECT ?n WHERE { { SELECT ?n WHERE { ?c rdfs:label ?n FILTER (?n = ?name) } } }")
    rows = query(store, text, bindings={"name": Literal("Dalian")}).values()
    assert rows == [("Dalian",)]  # the subquery has its own scope: it got the value too
    broken = "SELECT ?n WHERE { { SELECT ?n WHERE { ?c rdfs:label ?n } } ?c ?c ?c ?c }"
    with pytest.raises(SparqlSyntaxError) as plain:
        query(store, broken)
    with pytest.raises(SparqlSyntaxError) as bound:
        query(store, broken, bindings={"name": Literal("Dalian")})
    assert (bound.value.line, bound.value.column, bound.value.token) == (plain.value.line, plain.value.column,
                                                                          plain.value.token)


def test_long_query_is_stopped(store):
    with pytest.raises(QueryTimeout, match="longer than 0.2 s"):
        query(store, "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }", timeout=0.2)


def test_variables_skip_strings_iris_and_comments():
    assert variables('SELECT ?a WHERE { ?a <http://x/?no> "?no" } # ?no\n') == {"a"}


@pytest.mark.parametrize("name", ["Kitakyushu", "city of KITAKYUSHU", "kitakyushu", "res:kitakyushu",
                                  f"<{RES['kitakyushu']}>"])
def test_find_entity_by_name_alias_id_or_iri(store, name):
    assert find_entity(store, name) == NamedNode(str(RES["kitakyushu"]))


def test_find_entity_unknown_suggests(store):
    with pytest.raises(EntityNotFound, match="closest: Kitakyushu"):
        find_entity(store, "Kitakyusyu")


def test_parse_term():
    assert parse_term("c2c:City") == NamedNode("https://w3id.org/c2c-kg/ontology#City")
    assert parse_term("<http://x/a>") == NamedNode("http://x/a")
    assert parse_term("-3") == Literal(-3)
    assert parse_term('"2016"') == Literal("2016")
    assert parse_term("nope:x") == Literal("nope:x")


def test_renderings_of_unbound_values_and_types():
    r = from_python(["name", "n", "ok"], [("a|b", 3, True), ("c", None, None)])
    assert render(r, "csv") == "name,n,ok\r\na|b,3,true\r\nc,,\r\n"
    assert render(r, "tsv").splitlines()[1] == '"a|b"\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>\t' \
                                              '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    assert render(r, "markdown").splitlines()[2] == "| a\\|b | 3 | true |"
    data = json.loads(render(r, "json"))
    assert data["head"]["vars"] == ["name", "n", "ok"]
    assert data["results"]["bindings"][1] == {"name": {"type": "literal", "value": "c"}}


def test_table_cuts_long_cells():
    text = render(from_python(["s"], [("word " * 40,)]), "table")
    assert max(len(line) for line in text.splitlines()) == 80 and text.splitlines()[2].endswith("...")


def test_graph_files_that_are_missing_or_broken(tmp_path):
    with pytest.raises(GraphFileError, match="run `c2ckg build` first"):
        from_file(tmp_path)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    with pytest.raises(GraphFileError, match=r"bad.ttl: cannot parse as turtle"):
        from_file(bad)
