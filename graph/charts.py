"""PNG charts of analytics results, as matplotlib Figures (the caller saves them).

Figures are made with ``matplotlib.figure.Figure`` on the Agg canvas, never pyplot, so
nothing depends on a display or on global state; matplotlib is imported only here.
"""
from __future__ import annotations

import networkx as nx

from .diffusion import Diffusion, spread_order

_COLOURS = {"introducedIn": "#d95f02", "spreadTo": "#1b9e77", "deploys": "#7570b3"}


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def centrality_chart(rows: list[dict], measure: str, *, top: int = 20, title: str | None = None):
    """A horizontal bar chart of the ``top`` rows by ``measure`` (rows as ``centrality`` gives)."""
    ranked = sorted((r for r in rows if r.get(measure) is not None),
                    key=lambda r: (-r[measure] if measure != "constraint" else r[measure], r["iri"]))[:top]
    fig = _figure(8, 1.2 + 0.32 * max(len(ranked), 1))
    ax = fig.add_subplot()
    labels = [f"{_short(r['label'], 45)} ({r['cls']})" for r in ranked][::-1]
    values = [r[measure] for r in ranked][::-1]
    ax.barh(range(len(values)), values, color="#4c72b0")
    ax.set_yticks(range(len(values)), labels, fontsize=8)
    ax.set_xlabel(measure.replace("_", " ") + (" (lower = more brokerage)" if measure == "constraint" else ""))
    ax.set_title(title or f"Top {len(ranked)} actors by {measure.replace('_', ' ')}")
    ax.grid(axis="x", alpha=0.3)
    return fig


def diffusion_chart(G: nx.MultiDiGraph, d: Diffusion):
    """A timeline of ``d``: one row per place in tree order, placed at its year (undated at
    the left), linked to the place it came from, origins on the top row."""
    order = spread_order(d)
    years = [int(a.year[:4]) for _, a in order if a.year] + [int(o.year[:4]) for o in d.origins if o.year]
    lo, hi = (min(years), max(years)) if years else (2000, 2001)
    undated = lo - max(2, (hi - lo) // 6 + 1)
    x_of = {a.place: (int(a.year[:4]) if a.year else undated) for _, a in order}
    fig = _figure(9, 1.6 + 0.38 * (len(order) + 1))
    ax = fig.add_subplot()
    label = lambda n: G.nodes[n].get("label", n)  # noqa: E731
    origin_x = min((int(o.year[:4]) for o in d.origins if o.year), default=undated)
    origin_names = ", ".join(label(o.node) for o in d.origins if o.prop == "developedBy") or \
        ", ".join(label(o.node) for o in d.origins) or "unknown origin"
    ax.scatter([origin_x], [0], marker="*", s=160, color="#333333", zorder=3)
    ax.annotate(_short(f"{label(d.technology)}: {origin_names}", 110), (origin_x, 0), xytext=(8, 0),
                textcoords="offset points", va="center", fontsize=8, fontweight="bold")
    row = {None: 0}
    for i, (_depth, a) in enumerate(order, start=1):
        row[a.place] = i
        x = x_of[a.place]
        px = x_of.get(a.parent, origin_x) if a.parent else origin_x
        ax.plot([px, x], [row.get(a.parent, 0), i], color="#999999", lw=0.8, zorder=1)
        prop = next((p for p in ("introducedIn", "spreadTo", "deploys") if p in a.props), a.props[0])
        ax.scatter([x], [i], s=50, color=_COLOURS.get(prop, "#666666"), zorder=2)
        via = f" (via {', '.join(label(t) for t in a.through[:2])})" if a.through else ""
        ax.annotate(_short(f"{label(a.place)}{via}", 80), (x, i), xytext=(7, 0), textcoords="offset points",
                    va="center", fontsize=8)
    for prop, colour in _COLOURS.items():
        ax.scatter([], [], color=colour, label=prop)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    ax.set_ylim(len(order) + 0.8, -0.8)
    ax.set_yticks([])
    ticks = sorted({undated, *range(lo, hi + 1, max(1, (hi - lo) // 8 or 1))})
    ax.set_xticks(ticks, ["undated" if t == undated else str(t) for t in ticks], fontsize=8)
    ax.set_xlim(undated - 1, hi + max(6, (hi - lo) // 2))
    ax.set_title(f"Diffusion of {label(d.technology)}")
    ax.grid(axis="x", alpha=0.3)
    return fig
