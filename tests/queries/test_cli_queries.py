"""The query, cypher, queries and synth commands, run in-process."""
import json
import re

import pytest
from click.testing import CliRunner
from rdflib import Graph

from c2ckg import queries
from c2ckg.cli import main
from c2ckg.graph.export import write_build
from c2ckg.graph.store import from_file
from c2ckg.ontology import C2C, RES


@pytest.fixture(scope="module")
def out(tmp_path_factory, built):
    path = tmp_path_factory.mktemp("query-cli")
    write_build(built.dataset, built.report, path)
    return path


def _run(out, *args):
    return CliRunner().invoke(main, [*args, "--graph", str(out)])


def test_named_sparql_query_prints_a_table(out):
    result = _run(out, "query", "--name", "partners-of", "--param", "city=Kitakyushu")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["partner", "kind", "year"]
    assert re.search(r"^Dalian\s+c2c:Friendship\s+1979$", result.output, re.M)


@pytest.mark.parametrize("fmt,check", [
    ("csv", lambda text: text.startswith("partner,kind,year\n") and "Dalian,https://w3id.org/c2c-kg/ontology#Friendship,1979" in text),
    ("tsv", lambda text: text.startswith("?partner\t?kind\t?year\n") and '"Dalian"\t<https://w3id.org/c2c-kg/ontology#Friendship>' in text),
    ("markdown", lambda text: text.startswith("| partner | kind | year |\n|---|---|---|\n") and "| Dalian | c2c:Friendship | 1979 |" in text),
    ("json", lambda text: {"partner": {"type": "literal", "value": "Dalian"},
                           "kind": {"type": "uri", "value": str(C2C.Friendship)},
                           "year": {"type": "literal", "value": "1979", "datatype": "http://www.w3.org/2001/XMLSchema#gYear"}}
     in json.loads(text)["results"]["bindings"]),
])
def test_output_formats(out, fmt, check):
    result = _run(out, "query", "--name", "partners-of", "--param", "city=Kitakyushu", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert check(result.output)


def test_inline_ask_and_construct(out):
    result = _run(out, "query", "ASK { res:kitakyushu c2c:partnerOf res:dalian }")
    assert (result.exit_code, result.output) == (0, "true\n")
    result = _run(out, "query", "CONSTRUCT { ?a c2c:partnerOf ?b } WHERE { ?a c2c:partnerOf ?b ; a c2c:City }")
    assert result.exit_code == 0, result.output
    g = Graph().parse(data=result.output, format="turtle")
    assert (RES["kitakyushu"], C2C.partnerOf, RES["dalian"]) in g


def test_query_from_file_with_parameter(out, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?name WHERE {\n  ?c rdfs:label ?name .\n}\n")
    result = _run(out, "query", "--file", str(path), "--param", "c=res:phnom-penh", "--format", "csv")
    assert (result.exit_code, result.output) == (0, "name\nPhnom Penh\n")  # CliRunner reads CRLF as LF


def test_a_parameter_value_stays_a_value(out):
    sneaky = 'Dalian" } ?x ?y ?z . { "'
    result = _run(out, "query", 'SELECT ?c WHERE { ?c rdfs:label ?name }', "--param", f"name={sneaky}", "--format", "csv")
    assert (result.exit_code, result.output) == (0, "c\n")
    result = _run(out, "cypher", "MATCH (c {name: $n}) RETURN c.id", "--param", 'n=x"}) RETURN 1 //', "--format", "csv")
    assert (result.exit_code, result.output) == (0, "c.id\n")


def test_sparql_syntax_error_names_line_column_and_token(out):
    result = _run(out, "query", "SELECT ?x WHERE {\n  ?x a c2c:City .\n  OPTIONAL ?x rdfs:label ?n }\n}")
    assert result.exit_code == 2
    assert result.output == "error: SPARQL syntax error at line 3, column 12 (at '?x'): expected \"{\"\n"


def test_cypher_syntax_error_names_line_column_and_token(out):
    result = _run(out, "cypher", "MATCH (c:City)\nRETURN c.name LIMT 3")
    assert result.exit_code == 2
    assert result.output == "error: Cypher syntax error at line 2, column 15 (at 'LIMT')\n"


@pytest.mark.parametrize("command", ["query", "cypher"])
def test_unknown_named_query_suggests(out, command):
    result = _run(out, command, "--name", "partner-of")
    assert result.exit_code == 1
    assert result.output == "error: no named query 'partner-of' (did you mean partners-of, supporters-of?)\n"


@pytest.mark.parametrize("command", ["query", "cypher"])
def test_parameter_errors_name_the_parameter(out, command):
    result = _run(out, command, "--name", "partners-of")
    assert (result.exit_code, result.output) == (1, "error: missing parameter 'city' for partners-of (city: entity)\n")
    result = _run(out, command, "--name", "partners-of", "--param", "city=Kitakyushu", "--param", "town=Moji")
    assert (result.exit_code, result.output) == (1, "error: unknown parameter 'town' for partners-of (it takes: city)\n")
    result = _run(out, command, "--name", "partners-of", "--param", "city=Kitakyusyu")
    assert result.exit_code == 1 and result.output.startswith("error: 'Kitakyusyu' matches no entity; closest: Kitakyushu")


def test_adhoc_parameter_must_be_in_the_query(out):
    result = _run(out, "query", "SELECT ?c WHERE { ?c a c2c:City }", "--param", "town=Moji")
    assert (result.exit_code, result.output) == (1, "error: unknown parameter 'town': the query has no ?town\n")
    result = _run(out, "cypher", "MATCH (c {id: $city}) RETURN c.name")
    assert (result.exit_code, result.output) == (1, "error: missing parameter $city\n")


def test_long_queries_are_stopped(out):
    result = _run(out, "query", "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }", "--timeout", "0.3")
    assert result.exit_code == 1
    assert result.output == "error: the query ran longer than 0.3 s and was stopped (--timeout sets the limit)\n"
    result = _run(out, "cypher", "MATCH (a)-[r]->(b)-[q]->(c)-[s]->(d) RETURN a.name, d.name", "--timeout", "0.3")
    assert result.exit_code == 1 and "ran longer than 0.3 s" in result.output


def test_named_cypher_query(out):
    result = _run(out, "cypher", "--name", "technology-spread", "--param", "technology=U-BCF", "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert '"spreadTo"\t"Ho Chi Minh City"\t"City"\t"2016"^^<http://www.w3.org/2001/XMLSchema#integer>' in result.output


def test_queries_lists_every_named_query(out):
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == 0
    for name in queries.names():
        q = queries.get(name)
        assert f"{name}  [" in result.output and q.title in result.output
    assert "partners-of  [city (entity); SPARQL + Cypher]" in result.output


def test_synth_writes_a_graph_about_scale_times_larger(out, tmp_path):
    target = tmp_path / "synth.trig"
    result = _run(out, "synth", "--scale", "3", "--seed", "7", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert 2.7 < len(from_file(target)) / len(from_file(out)) < 3.3
    result = _run(target, "query", "--name", "partners-of", "--param", "city=Kitakyushu")
    assert result.exit_code == 0 and "Dalian" in result.output


def test_query_without_a_build_says_so(tmp_path):
    result = _run(tmp_path, "query", "ASK {}")
    assert result.exit_code == 1 and "run `c2ckg build` first" in result.output
