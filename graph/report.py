"""One HTML report bringing the views, charts, top brokers and the partnership timeline
together, written to a folder that opens from disk with no network."""
from __future__ import annotations

import html
from pathlib import Path

import networkx as nx

from .export import write_atomic

TECHNOLOGIES = ("takakura-composting-method", "u-bcf", "phnom-penh-water-miracle")


def _png(fig) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buf.getvalue()


def partnerships(G: nx.MultiDiGraph) -> list[dict]:
    """Every partnerOf relation with its kind and year, oldest first (undated last)."""
    rows = []
    for s, o, k, d in G.edges(keys=True, data=True):
        if d.get("prop") == "partnerOf":
            year = d.get("date") or d.get("year") or ""
            rows.append({"year": year, "a": G.nodes[s]["label"], "b": G.nodes[o]["label"],
                         "kind": d.get("kind", ""), "sentence": (d.get("evidence") or [{}])[0].get("sentence", "")})
    return sorted(rows, key=lambda r: (r["year"] == "", r["year"], r["a"], r["b"]))


def by_year(G: nx.MultiDiGraph) -> dict[str, dict[int, int]]:
    """Counts per year of partnerships (partnerOf relations) and of dated projects."""
    out: dict[str, dict[int, int]] = {"partnerships": {}, "projects": {}}
    for _, _, d in G.edges(data=True):
        year = (d.get("year") or d.get("date") or "")[:4]
        if d.get("prop") == "partnerOf" and year:
            out["partnerships"][int(year)] = out["partnerships"].get(int(year), 0) + 1
    for _, d in G.nodes(data=True):
        year = d.get("year") or d.get("startYear")
        if d.get("cls") == "Project" and year:
            out["projects"][int(year[:4])] = out["projects"].get(int(year[:4]), 0) + 1
    return out


def by_year_chart(counts: dict[str, dict[int, int]]):
    """Bars of partnerships and projects per year."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3.4))
    years = sorted(set(counts["partnerships"]) | set(counts["projects"]))
    ax.bar([y - 0.2 for y in years], [counts["partnerships"].get(y, 0) for y in years], width=0.4,
           label="partnerships (partnerOf)", color="#0072B2")
    ax.bar([y + 0.2 for y in years], [counts["projects"].get(y, 0) for y in years], width=0.4,
           label="projects (by start year)", color="#E69F00")
    ax.set_title("Partnerships and projects by year")
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def write_report(G: nx.MultiDiGraph, out_dir: Path | str, *, top: int = 15) -> list[Path]:
    """Write ``index.html`` plus the views (HTML) and charts (PNG) it links to."""
    from . import charts, views
    from .centrality import actor_graph, centrality
    from .diffusion import diffusion

    out = Path(out_dir)
    files: dict[str, bytes] = {
        "whole.html": views.render(views.whole(G)).encode(),
        "map.html": views.render(views.map_view(G)).encode(),
    }
    rows = centrality(actor_graph(G), measures=("degree", "betweenness"), brokerage=True)
    files["centrality.png"] = _png(charts.centrality_chart(rows, "betweenness", top=20))
    files["by-year.png"] = _png(by_year_chart(by_year(G)))
    techs = []
    for slug in TECHNOLOGIES:
        node = next((n for n, d in G.nodes(data=True) if d.get("id") == slug), None)
        if node is None:
            continue
        d = diffusion(G, node)
        files[f"diffusion-{slug}.html"] = views.render(views.diffusion_view(G, d)).encode()
        files[f"diffusion-{slug}.png"] = _png(charts.diffusion_chart(G, d))
        techs.append((slug, G.nodes[node]["label"]))
    brokers = sorted(rows, key=lambda r: (-r.get("betweenness", 0), r["iri"]))[:top]
    files["index.html"] = _index(G, techs, brokers, partnerships(G)).encode()
    return [write_atomic(out / name, data) for name, data in sorted(files.items())]


def _index(G, techs, brokers, partners) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'\">",
        "<title>c2c-kg report</title><style>body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:24px auto;"
        "padding:0 16px;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
        "padding:4px 6px;text-align:left;vertical-align:top}img{max-width:100%}small{color:#666}</style></head><body>",
        "<h1>c2c-kg report</h1>",
        f"<p>{G.number_of_nodes()} entities and {G.number_of_edges()} relations drawn from the source documents.</p>",
        "<h2>Views</h2><ul><li><a href='whole.html'>The whole graph</a></li><li><a href='map.html'>Map</a></li>",
        *[f"<li><a href='diffusion-{e(slug)}.html'>Diffusion of {e(label)}</a></li>" for slug, label in techs],
        "</ul><h2>Partnerships and projects by year</h2><img src='by-year.png' alt='partnerships and projects by year'>",
        "<h2>Top brokers</h2><img src='centrality.png' alt='top actors by betweenness'>",
        "<table><tr><th>actor</th><th>class</th><th>degree</th><th>betweenness</th><th>constraint</th></tr>",
        *[f"<tr><td>{e(r['label'])}</td><td>{e(r['cls'])}</td><td>{r.get('degree', 0):.3f}</td>"
          f"<td>{r.get('betweenness', 0):.3f}</td><td>{'' if r.get('constraint') is None else format(r['constraint'], '.3f')}</td></tr>"
          for r in brokers],
        "</table>",
        *[f"<h2>Diffusion of {e(label)}</h2><img src='diffusion-{e(slug)}.png' alt='diffusion timeline'>" for slug, label in techs],
        "<h2>Partnership timeline</h2><table><tr><th>when</th><th>partners</th><th>kind</th><th>stated as</th></tr>",
        *[f"<tr><td>{e(p['year'])}</td><td>{e(p['a'])} &amp; {e(p['b'])}</td><td>{e(p['kind'])}</td>"
          f"<td><small>{e(p['sentence'])}</small></td></tr>" for p in partners],
        "</table></body></html>",
    ]
    return "\n".join(parts) + "\n"
