"""The named query library: ``*.rq`` files in this folder, each with a comment header.

Query files carry no PREFIX lines: the prefixes of ``ontology.NAMESPACES`` are added when a
query is loaded, so namespace IRIs are written in one place only. Parameters are bound as
RDF terms through rdflib's ``initBindings``, never pasted into the query text.
"""
from __future__ import annotations

import difflib
from importlib import resources

from rdflib import Dataset, URIRef
from rdflib.query import Result

from ..ontology import NAMESPACES


class UnknownQuery(LookupError):
    pass


def names() -> list[str]:
    """Names of the SPARQL queries in the library.

    >>> "edge-evidence" in names()
    True
    """
    return sorted(p.name[:-3] for p in resources.files(__package__).iterdir() if p.name.endswith(".rq"))


def prologue() -> str:
    """PREFIX declarations for every namespace the project binds."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in NAMESPACES.items())


def load(name: str) -> str:
    """The text of named query ``name``, with the prefixes prepended."""
    if name not in names():
        close = difflib.get_close_matches(name, names(), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UnknownQuery(f"no named query {name!r}{hint}")
    body = resources.files(__package__).joinpath(f"{name}.rq").read_text(encoding="utf-8")
    return prologue() + body


def run(ds: Dataset, name: str, **params: URIRef) -> Result:
    """Run named query ``name`` over ``ds`` with ``params`` bound to its variables."""
    return ds.query(load(name), initBindings=params)
