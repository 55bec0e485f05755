"""Cypher over the property graph (``graph.property_graph``), run by LadybugDB.

``run(H, text, params=...)`` loads ``H`` into a Ladybug database once (``graph.cypher_db``;
kept with the graph) and runs ``text`` there:

- parameters are the engine's own: ``$name`` is bound to the Python value, never written
  into the text, so a value cannot become syntax; a ``$name`` without a value is an error;
- the database is read-only for queries: clauses that write or read files (``CREATE``,
  ``SET``, ``DELETE``, ``LOAD FROM``, ``COPY``...) and several statements at once are refused;
- the time limit is the engine's (``set_query_timeout``), and turning the rows into Python
  values is timed too; past it, QueryTimeout;
- errors: a syntax error names line, column and token; an unknown label or relationship
  type is named with the closest known ones.

Values: whole numbers stored as doubles (a measurement's ``value``) come back as integers;
a node or relationship as a map of its properties (``_LABEL`` kept, internal ids left out).
Rows of a query without ORDER BY are sorted.
"""
from __future__ import annotations

import difflib
import re
import time
from collections.abc import Mapping
from decimal import Decimal
from functools import cache

import networkx as nx

from .cypher_db import database, vocabulary
from .deadline import QueryTimeout
from .results import Result, from_python
from .sparql import token_at

DEFAULT_TIMEOUT = 30.0
_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`[^`]*`|//[^\n]*|/\*.*?\*/|\$[A-Za-z_][A-Za-z0-9_]*',
                     re.S)
_WRITES = re.compile(r"(?<![.\w])(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|UNINSTALL|"
                     r"ATTACH|DETACH|USE|EXPORT|IMPORT|CHECKPOINT|BEGIN|COMMIT|ROLLBACK)\b", re.I)
_POSITION = re.compile(r"\(line: (\d+), offset: (\d+)\)")
_INTERNAL = ("_ID", "_SRC", "_DST", "_node")


class CypherError(ValueError):
    """A Cypher query that cannot run (unknown name, refused clause, bad parameter...)."""


class CypherSyntaxError(CypherError):
    def __init__(self, line: int, column: int, token: str | None, expected: str = ""):
        self.line, self.column, self.token = line, column, token
        where = f"at {token!r}" if token else "at end of query"
        super().__init__(f"Cypher syntax error at line {line}, column {column} ({where})"
                         + (f": expected {expected}" if expected else ""))


def _blank(text: str) -> str:
    """``text`` with strings, quoted names and comments blanked (same length)."""
    return _TOKENS.sub(lambda m: m[0] if m[0].startswith("$") else " " * len(m[0]), text)


def parameters(text: str) -> set[str]:
    """The ``$names`` a query uses (not those inside strings or comments).

    >>> sorted(parameters('MATCH (c {id: $city}) WHERE c.name <> "$no" // $nor\\nRETURN $x'))
    ['city', 'x']
    """
    return {m[0][1:] for m in _TOKENS.finditer(text) if m[0].startswith("$")}


def connection(H: nx.MultiDiGraph):
    """The Ladybug connection holding ``H`` (loaded on first use, then kept in ``H.graph``)."""
    if "_ladybug" not in H.graph:
        H.graph["_ladybug"] = database(H)
    return H.graph["_ladybug"]


@cache
def _parser():
    """A database without tables: enough to parse a query before a graph is loaded."""
    import ladybug

    return ladybug.Connection(ladybug.Database(None))


def _refuse(text: str) -> None:
    code = _blank(text)
    for write in _WRITES.finditer(code):
        before = code[:write.start()].rstrip()
        after = code[write.end():].lstrip()[:1]
        if re.search(r"(?<![\w`])AS$", before, re.I) or after in (".", ":"):
            continue  # a name (`AS set`, `set.x`, `(set:City)`), not a clause
        raise CypherError(f"queries only read the graph: {write[1].upper()} is not allowed")
    if code.rstrip().rstrip(";").count(";"):
        raise CypherError("give one query at a time (no ';' between statements)")


def check(text: str) -> None:
    """Raise CypherSyntaxError, or CypherError for a refused clause, if ``text`` cannot run
    (no graph needed: names are checked when the query runs)."""
    _refuse(text)
    try:
        _parser().execute(text, {})
    except RuntimeError as exc:
        error = _error(exc, text, None)
        if isinstance(error, CypherSyntaxError):
            raise error from None


def run(graph, text: str, *, params: Mapping[str, object] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT) -> Result:
    """Run Cypher ``text`` on property graph ``graph`` (a networkx graph from
    ``property_graph``, or a connection from ``cypher_db.database``) with ``params``
    (name -> Python value).

    Raises CypherSyntaxError, CypherError, or QueryTimeout after ``timeout`` seconds.
    """
    params = dict(params or {})
    used = parameters(text)
    missing = sorted(used - set(params))
    if missing:
        raise CypherError(f"missing parameter {', '.join('$' + m for m in missing)}")
    _refuse(text)
    conn = connection(graph) if isinstance(graph, nx.Graph) else graph
    conn.set_query_timeout(0 if timeout is None else max(1, round(timeout * 1000)))
    started = time.monotonic()
    try:
        result = conn.execute(text, {k: v for k, v in params.items() if k in used})
    except RuntimeError as exc:
        raise _error(exc, text, timeout) from None
    columns, rows = result.get_column_names(), []
    while result.has_next():
        rows.append(tuple(_plain(v) for v in result.get_next()))
        if timeout is not None and len(rows) % 1000 == 0 and time.monotonic() - started > timeout:
            raise QueryTimeout(timeout)
    if not re.search(r"\bORDER\s+BY\b", _blank(text), re.I):
        rows.sort(key=_row_key)
    return from_python(columns, rows)


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in _INTERNAL and v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _row_key(row: tuple) -> tuple:
    return tuple((v is None, str(v)) for v in row)


def _error(exc: RuntimeError, text: str, timeout: float | None) -> Exception:
    """The error to raise for the engine's ``exc``."""
    message = str(exc)
    if message.startswith("Interrupted"):
        return QueryTimeout(timeout)
    kind, _, detail = message.partition(": ")
    if kind == "Parser exception":
        at = _POSITION.search(detail)
        line, column = (int(at[1]), int(at[2]) + 1) if at else (1, 1)
        expecting = re.search(r"expecting \{([^}]*)\}", detail)
        expected = ""
        if expecting:
            words = [w.strip() for w in expecting[1].split(",")]
            expected = ", ".join(words[:6]) + (", ..." if len(words) > 6 else "")
        return CypherSyntaxError(line, column, token_at(text, line, column), expected)
    unknown = re.fullmatch(r"Table (.+) does not exist\.", detail.strip())
    if unknown:
        return _unknown_name(unknown[1], text)
    return CypherError(detail.strip().split("\n")[0] if detail else message)


def _unknown_name(name: str, text: str) -> CypherError:
    labels, types = vocabulary()
    in_brackets = re.search(r"\[[^\]]*[:|]\s*`?" + re.escape(name) + r"\b", _blank(text))
    kind, known = ("relationship type", types) if in_brackets else ("label", labels)
    close = difflib.get_close_matches(name, sorted(known), n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    return CypherError(f"unknown {kind} {name!r}{hint}")
