"""Running one Cypher query (no UNION) on the part of the property graph it can reach.

``execute`` reads the pattern from the parse tree, cuts the graph down (see ``graph.cypher``:
edges of the types named; the neighbourhood of anchor nodes), hands the rest to
grand-cypher, and returns columns in RETURN order with plain Python values. It also adds
``count(DISTINCT x)``: run as ``COLLECT(x)``, counted here, with ORDER BY, SKIP and LIMIT
applied here too.
"""
from __future__ import annotations

import ast
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import networkx as nx

from .cypher import _COUNT_DISTINCT, _OPS, CypherError, _blank, _grammar
from .property_graph import index

_AGGREGATE = re.compile(r"\b(COUNT|SUM|AVG|MAX|MIN|COLLECT)\s*\(", re.I)
_COUNT_AS = re.compile(_COUNT_DISTINCT.pattern + r"(?:\s+AS\s+([A-Za-z_][A-Za-z0-9_]*))?", re.I)
ANCHOR_SHARE = 0.1  # an anchor is worth it when it selects at most this share of the nodes
_TAIL = re.compile(r"\bORDER\s+BY\s+(.*?)(?:\s+SKIP\s+(\d+))?(?:\s+LIMIT\s+(\d+))?\s*$", re.I | re.S)


@dataclass
class _Node:
    labels: set = field(default_factory=set)
    props: dict = field(default_factory=dict)
    conds: list = field(default_factory=list)  # (attr, op, value) from top-level WHERE


def _value(tok):
    if hasattr(tok, "data"):  # null / true / false / value_list trees
        if tok.data == "value_list":
            return [_value(c) for c in tok.children]
        return {"null": None, "true": True, "false": False}.get(tok.data, ...)
    if tok.type == "ESTRING":
        return ast.literal_eval(str(tok))
    if tok.type == "NUMBER":
        return int(tok) if re.fullmatch(r"-?\d+", str(tok)) else float(tok)
    return ...


def _pattern(tree):
    """Node constraints and edges ``(u, v, types or None, hops)`` of the MATCH clauses."""
    nodes: dict[str, _Node] = {}
    edges = []
    for n, clause in enumerate(tree.find_data("match_clause")):
        parts = [c for c in clause.children if hasattr(c, "data") and c.data in ("node_match", "edge_match")]
        names = []
        for m, part in enumerate(parts):
            if part.data == "node_match":
                var = next((str(c) for c in part.children if not hasattr(c, "data")), f"_anon{n}_{m}")
                node = nodes.setdefault(var, _Node())
                for sub in part.children:
                    if hasattr(sub, "data") and sub.data == "type_list":
                        node.labels |= {str(t) for t in sub.children}
                    elif hasattr(sub, "data") and sub.data == "json_dict":
                        for rule in sub.children:
                            node.props[str(rule.children[0])] = _value(rule.children[1])
                names.append(var)
            else:
                names.append(part)
        for i in range(1, len(names) - 1, 2):
            part = names[i]
            toks = {t.type: str(t) for t in part.children if not hasattr(t, "data")}
            types = next(({str(t) for t in c.children} for c in part.children
                          if hasattr(c, "data") and c.data == "type_list"), None)
            hops = int(toks.get("MAX_HOP") or toks.get("MIN_HOP") or 1)
            u, v = names[i - 1], names[i + 1]
            edges.append((v, u, types, hops) if "LEFT_ANGLE" in toks and "RIGHT_ANGLE" not in toks
                         else (u, v, types, hops))
    for where in tree.find_data("where_clause"):
        for var, attr, op, value in _conjuncts(where.children[0]):
            if var in nodes:
                nodes[var].conds.append((attr, op, value))
    return nodes, edges


def _conjuncts(node) -> list:
    if node.data == "compound_condition":
        kids = node.children
        if len(kids) == 1:
            return _conjuncts(kids[0])
        if len(kids) == 3 and getattr(kids[1], "data", "") == "where_and":
            return _conjuncts(kids[0]) + _conjuncts(kids[2])
        return []
    if node.data == "condition" and len(node.children) == 3:
        left, op, right = node.children
        if getattr(left, "data", "") == "entity_id" and len(left.children) == 2 and hasattr(op, "data"):
            value = _value(right)
            if value is not ...:
                return [(str(left.children[0]), str(left.children[1]), op.data, value)]
    return []


def _holds(data: dict, node: _Node) -> bool:
    if node.labels and not node.labels & data.get("__labels__", set()):
        return False
    if any(data.get(k) != v for k, v in node.props.items()):
        return False
    for attr, op, value in node.conds:
        try:
            if op not in _OPS or data.get(attr) is None or not _OPS[op](data.get(attr), value):
                return False
        except TypeError:
            return False
    return True


def _pool(H: nx.MultiDiGraph, node: _Node) -> list | None:
    """The graph nodes an index gives for a pattern node (a superset), or None."""
    idx = index(H)
    equal = {**{a: v for a, op, v in node.conds if op == "op_eq"}, **node.props}
    pool = next((idx["value"].get((a, equal[a]), []) for a in ("id", "iri", "name", "class") if a in equal), None)
    if pool is None and node.labels:
        ranged = [c for c in node.conds if c[1] in _BOUNDS and isinstance(c[2], (int, float))
                  and not isinstance(c[2], bool)]
        if ranged and len(node.labels) == 1:
            pool = _in_range(H, idx, next(iter(node.labels)), ranged)
        else:
            pool = [n for label in sorted(node.labels) for n in idx["label"].get(label, [])]
    return pool


def _candidates(H: nx.MultiDiGraph, node: _Node, pool: list) -> list:
    return [n for n in dict.fromkeys(pool) if _holds(H.nodes[n], node)]


_BOUNDS = ("op_eq", "op_gt", "op_gte", "op_lt", "op_lte")


def _in_range(H: nx.MultiDiGraph, idx: dict, label: str, conds: list) -> list:
    """Nodes of ``label`` whose numeric ``attr`` may satisfy ``conds`` (a sorted index, kept)."""
    attr = conds[0][0]
    key = ("range", label, attr)
    if key not in idx:
        pairs = sorted((v, n) for n in idx["label"].get(label, [])
                       if isinstance(v := H.nodes[n].get(attr), (int, float)) and not isinstance(v, bool))
        idx[key] = ([v for v, _ in pairs], [n for _, n in pairs])
    values, nodes = idx[key]
    lo, hi = 0, len(values)
    for a, op, v in conds:
        if a != attr:
            continue
        if op in ("op_eq", "op_gte"):
            lo = max(lo, bisect_left(values, v))
        if op == "op_gt":
            lo = max(lo, bisect_right(values, v))
        if op in ("op_eq", "op_lte"):
            hi = min(hi, bisect_right(values, v))
        if op == "op_lt":
            hi = min(hi, bisect_left(values, v))
    return nodes[lo:hi]


def _restrict(H: nx.MultiDiGraph, tree) -> nx.DiGraph:
    if any(tree.find_data("sub_query")):
        return H
    nodes, edges = _pattern(tree)
    types = None if any(t is None for _, _, t, _ in edges) else set().union(*(t for _, _, t, _ in edges))
    motif = nx.Graph()
    motif.add_nodes_from(nodes)
    motif.add_edges_from((u, v) for u, v, _, _ in edges)
    keep: set = set()
    for members in nx.connected_components(motif):
        pools = {m: p for m in sorted(members) if (p := _pool(H, nodes[m])) is not None}
        anchor = min(pools, key=lambda m: len(pools[m]), default=None)
        if anchor is None or len(pools[anchor]) > ANCHOR_SHARE * max(1, H.number_of_nodes()):
            return _by_type(H, types) if types is not None else H
        start = _candidates(H, nodes[anchor], pools[anchor])
        for found in _reach(H, nodes, [e for e in edges if e[0] in members], anchor, start).values():
            keep |= found
    edges = [(s, o, k, d) for s in keep for o, keyed in H._succ[s].items() if o in keep
             for k, d in keyed.items() if types is None or d["__labels__"] & types]
    # Without parallel edges a DiGraph holds the same and the engine walks it faster.
    R = nx.DiGraph() if len({(s, o) for s, o, _, _ in edges}) == len(edges) else nx.MultiDiGraph()
    R.add_nodes_from((n, H.nodes[n]) for n in keep)
    R.add_edges_from(e if R.is_multigraph() else (e[0], e[1], e[3]) for e in edges)
    return R


def _reach(H: nx.MultiDiGraph, nodes: dict, edges: list, anchor: str, start: list) -> dict[str, set]:
    """For each pattern node, the graph nodes it can match, walking the pattern from the anchor."""
    found = {anchor: set(start)}
    queue = [anchor]
    while queue:
        here = queue.pop(0)
        for u, v, types, hops in edges:
            if here not in (u, v) or (u in found and v in found):
                continue
            forward = u == here
            other = v if forward else u
            level, reached = set(found[here]), set()
            for _ in range(hops):
                level = {nb for n in level for nb, keyed in (H._succ[n] if forward else H._pred[n]).items()
                         if types is None or any(d["__labels__"] & types for d in keyed.values())}
                reached |= level
            if hops > 1:
                reached |= found[here]
            found[other] = {n for n in reached if _holds(H.nodes[n], nodes[other])}
            queue.append(other)
    return _prune(H, found, edges)


def _prune(H: nx.MultiDiGraph, found: dict[str, set], edges: list) -> dict[str, set]:
    """Drop candidates with no partner across a pattern edge, until nothing changes."""
    changed = True
    while changed:
        changed = False
        for u, v, types, hops in edges:
            if hops != 1 or u not in found or v not in found:
                continue
            for here, there, adj in ((u, v, H._succ), (v, u, H._pred)):
                keep = {n for n in found[here] if any(
                    other in found[there] and (types is None or any(d["__labels__"] & types for d in keyed.values()))
                    for other, keyed in adj[n].items())}
                if len(keep) < len(found[here]):
                    found[here], changed = keep, True
    return found


def _by_type(H: nx.MultiDiGraph, types: set) -> nx.MultiDiGraph:
    idx = index(H)
    R = nx.MultiDiGraph()
    for t in sorted(types):
        for s, o, k in idx["type"].get(t, []):
            for n in (s, o):
                if n not in R:
                    R.add_node(n, **H.nodes[n])
            R.add_edge(s, o, key=k, **H.edges[s, o, k])
    return R


def _plain(value):
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not k.startswith("__")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _columns(keys: list[str], body: str) -> list[str]:
    code = _blank(body)
    start = max(m.end() for m in re.finditer(r"\bRETURN\b", code, re.I))
    ret = _squash(body[start:])

    def position(key: str) -> int:
        for probe in ("as" + _squash(key), _squash(key)):
            if probe in ret:
                return ret.index(probe)
        return len(ret)

    return sorted(keys, key=position)


def execute(H: nx.MultiDiGraph, body: str) -> tuple[list[str], list[tuple]]:
    """Columns and rows of one Cypher query ``body`` (parameters already in place)."""
    from grandcypher import GrandCypher

    code = _blank(body)
    unique = re.search(r"\bRETURN\s+(DISTINCT)\b", code, re.I)
    counted: dict[str, str] = {}  # column key -> column name, for count(DISTINCT x)
    tail = None
    grouped = False
    if unique or _COUNT_DISTINCT.search(code):
        tail = _TAIL.search(code)
        end = tail.start() if tail else len(body)
        # With no other aggregate, count(DISTINCT x) is counted here from plain rows: the
        # engine would enumerate the matches twice for an aggregate.
        grouped = not _AGGREGATE.search(_COUNT_DISTINCT.sub("", code[:end]))
        pieces, last = [], 0
        for n, m in enumerate(_COUNT_AS.finditer(code[:end])):
            arg = m[1].strip()
            alias = m[2] or f"_distinct{n}"
            inner = arg if re.search(r"[.(]", arg) else f"id({arg})"  # COLLECT(node) is broken
            pieces += [body[last:m.start()], f"{inner} AS {alias}" if grouped else f"COLLECT({inner}) AS {alias}"]
            counted[alias] = m[2] or f"count(DISTINCT {arg})"
            last = m.end()
        body = "".join(pieces) + body[last:end]
        if unique:  # grand-cypher fails on DISTINCT with aliases: rows are made unique here
            body = body[:unique.start(1)] + " " * len("DISTINCT") + body[unique.end(1):]
    tree = _grammar().parse(body)
    host = _restrict(H, tree)
    try:
        engine = GrandCypher(host)
        # Its automatic hints check every match against every hint (quadratic); the graph
        # handed over is already cut to the anchors' reach.
        engine.auto_where_hints = engine.auto_node_jsondata_hints = False
        answer = _answer(engine, tree, body)
    except Exception as exc:  # the engine raises assorted types for what it cannot do
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CypherError(f"grand-cypher cannot run this query: {message}") from None
    keys = _columns([str(k) for k in answer], body)
    values = {str(k): v for k, v in answer.items()}
    if not grouped:
        for key in counted:
            values[key] = [len({_key((x,)) for x in _plain(v) if x is not None}) for v in values[key]]
    rows = [tuple(_plain(values[k][r]) for k in keys) for r in range(len(values[keys[0]]) if keys else 0)]
    if grouped:
        rows = _group(rows, [k in counted for k in keys])
    columns = [counted.get(k, k) for k in keys]
    if unique:
        rows = list({_key(r): r for r in reversed(rows)}.values())[::-1]
    if tail:
        rows = _order(rows, columns, tail)
    return columns, rows


def _group(rows: list[tuple], counts: list[bool]) -> list[tuple]:
    """Rows grouped by their other columns, each counted column holding its distinct count."""
    groups: dict[tuple, list[set]] = {}
    for row in rows:
        key = _key(tuple(v for v, c in zip(row, counts) if not c))
        seen = groups.setdefault(key, [set() for c in counts if c])
        for bucket, value in zip(seen, (v for v, c in zip(row, counts) if c)):
            if value is not None:
                bucket.add(_key((value,)))
    first = {}
    for row in rows:
        first.setdefault(_key(tuple(v for v, c in zip(row, counts) if not c)), row)
    out = []
    for key, row in first.items():
        sizes = iter(len(b) for b in groups[key])
        out.append(tuple(next(sizes) if c else v for v, c in zip(row, counts)))
    return out


def _answer(engine, tree, body: str) -> dict:
    """Run the tree we planned with (``GrandCypher.run`` would parse the text again)."""
    transformer = getattr(engine, "_transformer", None)
    if transformer is None or not hasattr(transformer, "_executors"):
        return engine.run(body)
    transformer.transform(tree)
    return transformer._executors[0].returns()


def _key(row: tuple) -> tuple:
    return tuple(json.dumps(v, sort_keys=True, default=str) if isinstance(v, (list, dict)) else v for v in row)


def _order(rows: list[tuple], columns: list[str], tail: re.Match) -> list[tuple]:
    squashed = [_squash(c) for c in columns]
    for item in reversed([i.strip() for i in tail[1].split(",")]):
        m = re.fullmatch(r"(.*?)(?:\s+(ASC|DESC|ASCENDING|DESCENDING))?", item, re.I | re.S)
        key, desc = _squash(m[1]), (m[2] or "").upper().startswith("DESC")
        if key not in squashed:
            raise CypherError(f"with DISTINCT, ORDER BY must name returned columns, not {m[1]!r}")
        i = squashed.index(key)
        present = sorted((r for r in rows if r[i] is not None), key=lambda r: r[i], reverse=desc)
        missing = [r for r in rows if r[i] is None]
        rows = missing + present if desc else present + missing
    skip, limit = int(tail[2] or 0), tail[3]
    return rows[skip:skip + int(limit)] if limit else rows[skip:]
