"""How fast the HTML views open in headless Chromium, against a baseline measured in the
same run: the same page with physics left on (pyvis's default).

    python3 bench/views.py [--nodes 1200] [--repeat 3]

Prints seconds to first complete drawing and the ratio to the baseline. Issue 6 asks that
graphs over 1,000 nodes open within 3 seconds.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from c2ckg.graph import views

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A scale-free graph of ``n`` nodes with the projection's attributes."""
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    classes = list(views.CLASS_COLOURS)
    G = nx.MultiDiGraph()
    for i in base.nodes:
        G.add_node(f"n{i}", label=f"entity {i}", cls=classes[i % len(classes)], aliases=[])
    for a, b in base.edges:
        G.add_edge(f"n{a}", f"n{b}", key="cooperatesWith", prop="cooperatesWith", year=str(1990 + (a + b) % 30))
    return G


def open_time(browser, html: str, folder: Path) -> float:
    path = folder / "bench.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1300, "height": 850})
    page.set_default_timeout(300_000)  # the physics baseline can take minutes
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.c2c !== undefined")
    page.evaluate("new Promise(r => { window.c2c.network.once('afterDrawing', r); window.c2c.network.redraw(); })")
    took = time.perf_counter() - start
    page.close()
    return took


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=1200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    G = synthetic(args.nodes)
    fixed = views.render(views.view(G, title="fixed layout"))
    v = views.view(G, title="physics")
    v.network.options = {"physics": {"enabled": True, "stabilization": {"iterations": 1000}},
                         "layout": {"improvedLayout": True}}
    for node in v.network.nodes:
        node.pop("x", None), node.pop("y", None)
    baseline = views.render(v)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        ours = [open_time(browser, fixed, Path(tmp)) for _ in range(args.repeat)]
        base = [open_time(browser, baseline, Path(tmp)) for _ in range(args.repeat)]
        browser.close()
    o, b = statistics.median(ours), statistics.median(base)
    print(f"{'view':<40}{'nodes':>7}{'seconds':>10}{'ratio':>8}")
    print(f"{'physics on (pyvis default, baseline)':<40}{args.nodes:>7}{b:>10.2f}{1:>8.2f}")
    print(f"{'precomputed layout, physics off':<40}{args.nodes:>7}{o:>10.2f}{o / b:>8.2f}")


if __name__ == "__main__":
    main()
