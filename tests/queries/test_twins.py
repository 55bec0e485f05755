"""Each named question is a .rq file and a .cypher twin that return the same rows."""
import shlex

import pytest

from c2ckg import queries
from c2ckg.graph import cypher, sparql


def _example_params(q) -> dict[str, str]:
    """The parameters of the header's example command."""
    words = shlex.split(q.example)
    return dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")


def test_every_sparql_query_has_a_cypher_twin():
    assert queries.names() == queries.cypher_names()


@pytest.mark.parametrize("name", queries.names())
def test_headers_are_complete_and_agree(name):
    rq, cy = queries.get(name), queries.get(name, language="cypher")
    for q in (rq, cy):
        assert q.title and q.description and q.example
        assert q.example.startswith(f"c2ckg {'query' if q is rq else 'cypher'} --name {name}")
    assert (rq.title, rq.parameters) == (cy.title, cy.parameters)
    assert set(sparql.variables(rq.text)) >= {p.name for p in rq.parameters}
    assert cypher.parameters(cy.text) == {p.name for p in cy.parameters}


@pytest.mark.parametrize("name", queries.names())
def test_sparql_and_cypher_return_the_same_rows(name, store, pgraph, plain_rows):
    """Run with the parameters of the header's example (so the examples run too)."""
    rq, cy = queries.get(name), queries.get(name, language="cypher")
    params = _example_params(rq)
    assert params == _example_params(cy)
    a = sparql.query(store, rq.text, bindings=queries.sparql_bindings(store, rq, rq.text, params))
    b = cypher.run(pgraph, cy.text, params=queries.cypher_params(pgraph, cy, cy.text, params))
    assert a.columns == b.columns
    rows_a, rows_b = plain_rows(a), plain_rows(b)
    assert rows_a, f"{name} returns nothing on the real graph"
    key = lambda r: tuple(str(v) for v in r.values())  # noqa: E731
    assert sorted(rows_a, key=key) == sorted(rows_b, key=key)
