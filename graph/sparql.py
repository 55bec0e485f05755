"""SPARQL over the Oxigraph store: parameters bound as RDF terms, a time limit, clear errors.

Parameters are bound as RDF terms, never pasted into the query: like rdflib's
``initBindings``, they become a one-row ``VALUES`` block at the start of the query's WHERE
group, written from the terms themselves (N-Triples syntax, escaped), so a value can never
change the query's structure. The project prefixes (``c2c:``, ``res:``, ``rdfs:``...) are
predeclared, so queries need no PREFIX lines and error positions match the text given.
Rows of a query without ORDER BY are sorted, so the same graph always prints the same.

>>> from c2ckg.graph.store import from_nquads
>>> store = from_nquads(['<https://w3id.org/c2c-kg/resource/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\\n'])
>>> query(store, "SELECT ?label WHERE { ?e rdfs:label ?label }", bindings={"e": parse_term("res:a")}).values()
[('A',)]
>>> query(store, "SELECT ?label WHERE { ?e rdfs:lab ?label ")
Traceback (most recent call last):
...
c2ckg.graph.sparql.SparqlSyntaxError: SPARQL syntax error at line 1, column 42 (at end of query): expected one of ...
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from ..ontology import NAMESPACES
from .deadline import call_with_timeout
from .describe import EntityNotFound
from .results import Result

DEFAULT_TIMEOUT = 30.0
_STRIP = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


class SparqlSyntaxError(ValueError):
    """A query that does not parse; says where (line, column) and at which token."""

    def __init__(self, line: int, column: int, token: str | None, expected: str):
        self.line, self.column, self.token = line, column, token
        where = f"at {token!r}" if token else "at end of query"
        super().__init__(f"SPARQL syntax error at line {line}, column {column} ({where}): {expected}")


def _prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in NAMESPACES.items()}


def _code(text: str) -> str:
    """``text`` with its strings, IRIs and comments blanked out (same length, same lines)."""
    return _STRIP.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)


def _nt(term) -> str:
    """A term in N-Triples syntax: pyoxigraph terms print so; rdflib terms through ``n3()``."""
    return term.n3() if hasattr(term, "n3") else str(term)


def bind(text: str, bindings: Mapping[str, object]) -> tuple[str, list[tuple[int, int, int]]]:
    """``text`` with a VALUES block binding ``bindings`` at the start of each WHERE group.

    Every WHERE group gets the block, subqueries' included: a subquery has a scope of its
    own, and a parameter means the same value everywhere in the query. Also returns where
    the blocks went (line, column, length each), to map error positions back.

    >>> from pyoxigraph import Literal
    >>> print(bind('SELECT ?x WHERE { ?x ?p ?y }', {"y": Literal('say "hi"')})[0])
    SELECT ?x WHERE { VALUES (?y) { ("say \\"hi\\"") } ?x ?p ?y }
    >>> print(bind('SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?y } } }', {"y": Literal("a")})[0])
    SELECT ?x WHERE { VALUES (?y) { ("a") } { SELECT ?x WHERE { VALUES (?y) { ("a") } ?x ?p ?y } } }
    """
    if not bindings:
        return text, []
    code = _code(text)
    braces = [code.find("{", m.end()) for m in re.finditer(r"\bWHERE\b", code, re.I)]
    braces = [b for b in braces if b >= 0]
    if not braces:  # ASK { ... }, or a query whose only group has no WHERE keyword
        first = code.find("{")
        braces = [first] if first >= 0 else []
    names = sorted(bindings)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(_nt(bindings[n]) for n in names)}) }}"
    places, pieces, last = [], [], 0
    for brace in braces:
        line = text.count("\n", 0, brace) + 1
        column = brace - (text.rfind("\n", 0, brace) + 1) + 2
        places.append((line, column, len(block)))
        pieces += [text[last:brace + 1], block]
        last = brace + 1
    return "".join(pieces) + text[last:], places


def variables(text: str) -> set[str]:
    """The variable names a query mentions.

    >>> sorted(variables('SELECT ?a WHERE { ?a <http://x#y> "?no" . # ?c\\n BIND(1 AS $b) }'))
    ['a', 'b']
    """
    return set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", _code(text)))


def _ordered(text: str) -> bool:
    return re.search(r"\bORDER\s+BY\b", _code(text), re.I) is not None


def _syntax_error(text: str, exc: SyntaxError, inserted=()) -> SparqlSyntaxError:
    match = _POSITION.match(str(exc))
    if not match:
        return SparqlSyntaxError(1, 1, None, " ".join(str(exc).split()))
    line, column, expected = int(match[1]), int(match[2]), " ".join(match[3].split())
    shift = 0
    for at_line, at_column, length in inserted:  # blocks put in before the error, same line
        if at_line == line and column - shift >= at_column + length:
            shift += length
        elif at_line == line and column - shift >= at_column:
            shift += column - shift - at_column
    column -= shift
    if len(expected) > 100:
        expected = expected[:97] + "..."
    return SparqlSyntaxError(line, column, token_at(text, line, column), expected)


def token_at(text: str, line: int, column: int) -> str | None:
    """The token at (or first after) a 1-based line and column of ``text``; None at its end."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    rest = "\n".join([lines[line - 1][max(column, 1) - 1:], *lines[line:]])
    token = re.match(r"\s*(\S+)", rest)
    return token[1][:40] if token else None


def parse_term(value: str):
    """The RDF term a parameter value stands for: ``<IRI>``, ``prefix:name``, a number, or text.

    >>> parse_term("res:kitakyushu").value
    'https://w3id.org/c2c-kg/resource/kitakyushu'
    >>> str(parse_term("2016")), str(parse_term("Kitakyushu"))
    ('"2016"^^<http://www.w3.org/2001/XMLSchema#integer>', '"Kitakyushu"')
    """
    from pyoxigraph import Literal, NamedNode

    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return NamedNode(text[1:-1])
    prefix, _, local = text.partition(":")
    if local and prefix in NAMESPACES and re.fullmatch(r"[\w.-]+(/[\w.-]+)*", local):
        return NamedNode(str(NAMESPACES[prefix]) + local)
    if re.fullmatch(r"-?\d+", text):
        return Literal(int(text))
    if re.fullmatch(r"-?\d+\.\d+", text):
        return Literal(text, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return Literal(text[1:-1])
    return Literal(value)


def query(store, text: str, *, bindings: Mapping[str, object] | None = None,
          timeout: float | None = DEFAULT_TIMEOUT) -> Result:
    """Run SPARQL ``text`` on ``store`` with ``bindings`` (variable name -> pyoxigraph term).

    Raises SparqlSyntaxError when the text does not parse and QueryTimeout when the query
    runs longer than ``timeout`` seconds (None: no limit).
    """
    import pyoxigraph as ox

    bound, inserted = bind(text, bindings or {})

    def work() -> Result:
        try:
            answer = store.query(bound, prefixes=_prefixes())
        except SyntaxError as exc:
            raise _syntax_error(text, exc, inserted) from None
        if isinstance(answer, ox.QueryBoolean):
            return Result("ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            return Result("graph", triples=list(answer))
        columns = [v.value for v in answer.variables]
        return Result("select", columns, [tuple(solution) for solution in answer])

    result = call_with_timeout(work, timeout)
    if result.kind == "select" and not _ordered(text):
        result.rows.sort(key=lambda row: tuple((t is not None, str(t)) for t in row))
    return result


_LOOKUP = """SELECT DISTINCT ?e WHERE {{ {{ ?e rdfs:label ?n }} UNION {{ ?e skos:altLabel ?n }} {filter} }}"""


def find_entity(store, name: str):
    """The entity (a NamedNode) whose id, IRI, label or alias is ``name``, in any case.

    Raises EntityNotFound (with the closest labels) when none or several answer to it.
    """
    from pyoxigraph import Literal, NamedNode

    text = name.strip()
    term = parse_term(text)
    if isinstance(term, NamedNode):
        hits = [term] if _label(store, term) is not None else []
    else:
        hits = _hits(store, _LOOKUP.format(filter=""), {"n": Literal(text)})
        if not hits:
            slug = NamedNode(str(NAMESPACES["res"]) + text.lower()) if re.fullmatch(r"[\w/-]+", text) else None
            hits = [slug] if slug is not None and _label(store, slug) is not None else []
        if not hits:
            hits = _hits(store, _LOOKUP.format(filter="FILTER(LCASE(STR(?n)) = LCASE(?q))"), {"q": Literal(text)})
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise EntityNotFound(name, sorted(_label(store, h) or h.value for h in hits), ambiguous=True)
    labels = sorted({t.value for t, in query(store, "SELECT DISTINCT ?n WHERE { ?e rdfs:label ?n }", timeout=None).rows})
    key = text.casefold()
    close = [label for label in sorted(labels, key=len) if key in label.casefold()][:5]
    close += [label for label in difflib.get_close_matches(text, labels, n=5, cutoff=0.6) if label not in close]
    raise EntityNotFound(name, close[:5])


def _hits(store, text: str, bindings: dict) -> list:
    return sorted((row[0] for row in query(store, text, bindings=bindings, timeout=None).rows), key=str)


def _label(store, iri) -> str | None:
    rows = query(store, "SELECT ?n WHERE { ?e rdfs:label ?n }", bindings={"e": iri}, timeout=None).rows
    return rows[0][0].value if rows else None
