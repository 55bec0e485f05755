"""Fixtures for the query tests: the real graph in the query store and as a property graph."""
import pytest

from c2ckg.graph.projection import project
from c2ckg.graph.property_graph import property_graph
from c2ckg.graph.store import from_dataset
from c2ckg.ontology import C2C, RES


@pytest.fixture(scope="session")
def store(built):
    return from_dataset(built.dataset)


@pytest.fixture(scope="session")
def pgraph(built):
    return property_graph(project(built.dataset))


def _plain(term):
    """A result term as comparable text: resource IRIs as ids, ontology IRIs as term names."""
    if term is None:
        return None
    value = term.value
    for ns in (str(RES), str(C2C)):
        if value.startswith(ns):
            return value[len(ns):]
    return value


@pytest.fixture(scope="session")
def plain_rows():
    """Rows of a Result as dicts of plain text (see ``_plain``), in result order."""
    def rows(result):
        return [dict(zip(result.columns, map(_plain, row))) for row in result.rows]
    return rows
