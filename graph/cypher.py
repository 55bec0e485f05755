"""Cypher over the property graph (``graph.property_graph``), run by grand-cypher.

What this layer adds to the engine:

- parameters: ``$name`` outside strings and comments is replaced by the value written as a
  Cypher literal (strings JSON-escaped, numbers, booleans, lists). The engine has no
  native parameters; the value never becomes syntax, because a string literal cannot end
  early and anything else is written from a Python number or boolean.
- ``UNION`` and ``UNION ALL`` between whole queries (run one by one, then joined), and
  ``count(DISTINCT x)``; grand-cypher has neither.
- speed: the engine matches against every node and does not stop early on ORDER BY, so
  each query runs on the part of the graph it can reach. Edges are cut to the types the
  pattern names; and when a pattern has an anchor (a node variable whose label, inline
  properties or top-level ``WHERE x.attr <op> value`` conditions select few nodes), to the
  neighbourhood of the anchors within the pattern's length. A match can never leave that
  part, so answers are unchanged (``tests/graph/test_cypher.py`` checks this).
- errors: a syntax error names line, column and token (positions in the text as given);
  undirected patterns, which the engine silently never matches, and unknown labels or
  relationship types are refused with a clear message.

Rows of a query without ORDER BY, and of a UNION, are sorted.
"""
from __future__ import annotations

import difflib
import gc
import json
import re
from collections.abc import Mapping
from functools import cache, lru_cache

import networkx as nx

from .deadline import call_with_timeout
from .property_graph import LINK_TYPES, NODE_KINDS, index, upper_snake
from .results import Result, from_python
from .sparql import token_at

DEFAULT_TIMEOUT = 30.0
_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|//[^\n]*|\$[A-Za-z_][A-Za-z0-9_]*')
_COUNT_DISTINCT = re.compile(r"\bCOUNT\s*\(\s*DISTINCT\s+([^()]*?)\s*\)", re.I)
_OPS = {"op_eq": lambda a, b: a == b, "op_neq": lambda a, b: a != b, "op_gt": lambda a, b: a > b,
        "op_lt": lambda a, b: a < b, "op_gte": lambda a, b: a >= b, "op_lte": lambda a, b: a <= b,
        "op_in": lambda a, b: a in b}


class CypherError(ValueError):
    """A Cypher query this layer cannot run (unsupported pattern, unknown name, bad parameter)."""


class CypherSyntaxError(CypherError):
    def __init__(self, line: int, column: int, token: str | None, expected: str = ""):
        self.line, self.column, self.token = line, column, token
        where = f"at {token!r}" if token else "at end of query"
        super().__init__(f"Cypher syntax error at line {line}, column {column} ({where})"
                         + (f": expected {expected}" if expected else ""))


def _blank(text: str) -> str:
    """``text`` with strings and comments blanked (same length), for finding keywords."""
    return _TOKENS.sub(lambda m: m[0] if m[0].startswith("$") else " " * len(m[0]), text)


def parameters(text: str) -> set[str]:
    """The ``$names`` a query uses (not those inside strings or comments).

    >>> sorted(parameters('MATCH (c {id: $city}) WHERE c.name <> "$no" // $nor\\nRETURN $x'))
    ['city', 'x']
    """
    return {m[0][1:] for m in _TOKENS.finditer(text) if m[0].startswith("$")}


def literal(value) -> str:
    """``value`` written as a Cypher literal.

    >>> literal('say "hi"'), literal(2016), literal([1, "a"])
    ('"say \\\\"hi\\\\""', '2016', '[1, "a"]')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise CypherError(f"cannot pass a {type(value).__name__} as a Cypher parameter")


def substitute(text: str, params: Mapping[str, object]) -> str:
    """``text`` with each ``$name`` replaced by ``literal(params[name])``."""
    missing = sorted(parameters(text) - set(params))
    if missing:
        raise CypherError(f"missing parameter {', '.join('$' + m for m in missing)}")

    def repl(m: re.Match) -> str:
        return literal(params[m[0][1:]]) if m[0].startswith("$") else m[0]

    return _TOKENS.sub(repl, text)


@cache
def _grammar():
    from grandcypher import _GrandCypherGrammar

    return _GrandCypherGrammar


@lru_cache(maxsize=256)
def _parse(text: str, original: str):
    """The parse tree of ``text``; a syntax error is reported at its place in ``original``
    (``text`` is ``original`` with its parameters replaced by same-width placeholders)."""
    from lark.exceptions import UnexpectedInput

    try:
        return _grammar().parse(text)
    except UnexpectedInput as exc:
        line, column = getattr(exc, "line", 1), getattr(exc, "column", 1)
        allowed = sorted(getattr(exc, "allowed", None) or getattr(exc, "expected", None) or [])
        expected = ", ".join(allowed[:6]) + (", ..." if len(allowed) > 6 else "")
        raise CypherSyntaxError(line, column, token_at(original, line, column), expected) from None


def _placeholders(text: str) -> str:
    """Parameters replaced by ``0`` and ``count(DISTINCT x)`` by ``COUNT(x)``, padded to the
    same width so that positions stay the same."""
    text = _TOKENS.sub(lambda m: "0".ljust(len(m[0])) if m[0].startswith("$") else m[0], text)
    return _COUNT_DISTINCT.sub(lambda m: f"COUNT({m[1]})".ljust(len(m[0])), text)


@cache
def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Node labels and relationship types the mapping can produce."""
    from rdflib import OWL, RDF

    from ..ontology import C2C, ontology_graph, relation_properties

    g = ontology_graph()
    labels = {str(c).rsplit("#", 1)[-1] for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(str(C2C))}
    types = {upper_snake(p) for p in relation_properties()} | {"LOCATED_IN", *LINK_TYPES}
    return frozenset(labels | set(NODE_KINDS)), frozenset(types)


def _check_names(tree) -> None:
    labels, types = vocabulary()
    for node in tree.iter_subtrees():
        if node.data not in ("node_match", "edge_match"):
            continue
        if node.data == "edge_match":
            tokens = [t for t in node.children if hasattr(t, "type")]
            if not any(t.type in ("LEFT_ANGLE", "RIGHT_ANGLE") for t in tokens):
                raise CypherError("undirected relationship patterns are not supported by grand-cypher "
                                  "(they never match): give the direction, and join both with UNION")
        for sub in node.find_data("type_list"):
            known = labels if node.data == "node_match" else types
            for name in map(str, sub.children):
                if name not in known:
                    close = difflib.get_close_matches(name, sorted(known), n=3)
                    kind = "label" if node.data == "node_match" else "relationship type"
                    hint = f" (did you mean {', '.join(close)}?)" if close else ""
                    raise CypherError(f"unknown {kind} {name!r}{hint}")


def _split_union(text: str) -> tuple[list[str], bool]:
    code = _blank(text)
    parts, distinct, start = [], True, 0
    for m in re.finditer(r"\bUNION(\s+ALL)?\b", code, re.I):
        parts.append(text[start:m.start()])
        distinct = distinct and not m[1]
        start = m.end()
    parts.append(text[start:])
    return parts, distinct


def check(text: str) -> None:
    """Raise CypherSyntaxError or CypherError if ``text`` cannot run (no graph needed)."""
    for part in _split_union(text)[0]:
        _check_names(_parse(_placeholders(part), part))


def run(H: nx.MultiDiGraph, text: str, *, params: Mapping[str, object] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT) -> Result:
    """Run Cypher ``text`` on property graph ``H`` with ``params`` (name -> Python value).

    Raises CypherSyntaxError, CypherError, or QueryTimeout after ``timeout`` seconds.
    """
    params = dict(params or {})
    check(text)
    parts, distinct = _split_union(text)
    bodies = [substitute(part, params) for part in parts]

    def work() -> Result:
        collecting = gc.isenabled()
        gc.disable()  # a full collection would walk every object of a large graph, often
        try:
            return _union(H, bodies, distinct, ordered)
        finally:
            if collecting:
                gc.enable()

    ordered = re.search(r"\bORDER\s+BY\b", _blank(text), re.I) is not None
    index(H)  # built once per graph, outside the time limit of a single query
    return call_with_timeout(work, timeout)


def _union(H: nx.MultiDiGraph, bodies: list[str], distinct: bool, ordered: bool) -> Result:
    from .cypher_plan import execute

    columns, rows = None, []
    for body in bodies:
        cols, part_rows = execute(H, body)
        if columns is not None and cols != columns:
            raise CypherError(f"the queries joined by UNION return different columns: "
                              f"{', '.join(columns)} / {', '.join(cols)}")
        columns = cols
        rows.extend(part_rows)
    if len(bodies) > 1:
        if distinct:
            rows = list({_hashable(r): r for r in reversed(rows)}.values())
        rows.sort(key=_row_key)
    elif not ordered:
        rows.sort(key=_row_key)
    return from_python(columns or [], rows)


def _hashable(row: tuple) -> tuple:
    return tuple(json.dumps(v, sort_keys=True, default=str) if isinstance(v, (list, dict)) else v for v in row)


def _row_key(row: tuple) -> tuple:
    return tuple((v is None, str(v)) for v in row)
