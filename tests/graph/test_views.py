"""The HTML views, opened from disk in a real headless Chromium (Debian's, via Playwright)."""
import shutil

import networkx as nx
import pytest

from c2ckg.graph import views
from c2ckg.graph.projection import project
from c2ckg.ontology import RES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def G(built):
    return project(built.dataset)


class Page:
    """A view opened from a file, recording console errors, dialogs and every request."""

    def __init__(self, browser, html: str, tmp_path):
        path = tmp_path / "view.html"
        path.write_text(html, encoding="utf-8")
        self.errors, self.requests, self.dialogs = [], [], []
        self.page = browser.new_page(viewport={"width": 1300, "height": 850})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.c2c !== undefined")
        self.url = path.as_uri()

    def js(self, expression):
        return self.page.evaluate(expression)

    def left_the_file(self):
        return [u for u in self.requests if u != self.url]

    def click_node(self, node_id):
        box = self.page.locator("#network").bounding_box()
        xy = self.js(f"(() => {{ const c = window.c2c.network; const p = c.getPositions([{node_id!r}])[{node_id!r}];"
                     f" return c.canvasToDOM(p); }})()")
        self.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])


def _views(G):
    kita, ubcf = str(RES["kitakyushu"]), str(RES["u-bcf"])
    return {
        "whole": views.whole(G),
        "focus": views.focus(G, ubcf, hops=1),
        "map": views.map_view(G),
        "subgraph": views.subgraph_view(G, [kita, str(RES["hai-phong"]), ubcf], title="path"),
    }


@pytest.mark.parametrize("name", ["whole", "focus", "map", "subgraph"])
def test_view_loads_offline_without_errors_and_draws_every_node(browser, G, tmp_path, name):
    v = _views(G)[name]
    page = Page(browser, views.render(v), tmp_path)
    assert page.errors == []
    assert page.left_the_file() == []
    drawn = page.js("Object.keys(window.c2c.network.getPositions()).length")
    assert drawn == len(v.info["nodes"]) == page.js("window.c2c.nodeView.length")


def test_search_finds_a_node_by_alias_and_focuses_it(browser, G, tmp_path):
    page = Page(browser, views.render(views.focus(G, str(RES["phnom-penh"]), hops=1)), tmp_path)
    page.page.fill("#search", "ppwsa")
    page.page.press("#search", "Enter")
    assert page.js("window.c2c.network.getSelectedNodes()") == [str(RES["phnom-penh-water-supply-authority"])]
    assert page.page.locator("#panel h1").text_content() == "Phnom Penh Water Supply Authority"


def test_clicking_an_edge_shows_its_evidence_with_the_document_title(browser, G, tmp_path):
    kita, irda = str(RES["kitakyushu"]), str(RES["iskandar-regional-development-authority"])
    v = views.subgraph_view(G.edge_subgraph([(kita, irda, k) for k in G[kita][irda] if k.startswith("partnerOf")]),
                            [kita, irda], title="edge")
    page = Page(browser, views.render(v), tmp_path)
    page.js("window.c2c.network.setOptions({physics: false}); window.c2c.network.moveTo({position: {x: 0, y: 0}})")
    a = page.js(f"window.c2c.network.canvasToDOM(window.c2c.network.getPositions([{kita!r}])[{kita!r}])")
    b = page.js(f"window.c2c.network.canvasToDOM(window.c2c.network.getPositions([{irda!r}])[{irda!r}])")
    box = page.page.locator("#network").bounding_box()
    page.page.mouse.click(box["x"] + (a["x"] + b["x"]) / 2, box["y"] + (a["y"] + b["y"]) / 2)
    panel = page.page.locator("#panel").inner_text()
    assert "partnerOf" in panel
    assert "Memorandum of Understanding" in panel
    assert "City-to-City Collaboration between Iskandar, Malaysia and Kitakyushu City" in panel


def test_clicking_a_node_shows_class_aliases_and_quantities(browser, G, tmp_path):
    pp = str(RES["phnom-penh"])
    page = Page(browser, views.render(views.subgraph_view(G, [pp], title="one")), tmp_path)
    page.click_node(pp)
    panel = page.page.locator("#panel").inner_text()
    assert "Phnom Penh" in panel and "City" in panel
    assert "non-revenue water" in panel


def test_text_from_documents_never_runs(browser, tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    H = nx.MultiDiGraph()
    H.add_node("a", label=evil, cls="City", aliases=["<script>alert(2)</script>"], description=evil)
    H.add_node("b", label="B", cls="Project", aliases=[])
    H.add_edge("a", "b", key="supports", prop="supports", year="2001",
               evidence=[{"document": "d", "title": "</script><script>alert(3)</script>", "sentence": evil}])
    page = Page(browser, views.render(views.view(H, title=evil)), tmp_path)
    page.page.fill("#search", evil)
    page.page.press("#search", "Enter")
    page.js("window.c2c.showEdge('e0')")
    page.page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []
    assert page.js("document.querySelectorAll('img').length") == 0
    assert evil in page.page.locator("#panel").inner_text()
    assert page.left_the_file() == []


def test_large_graphs_open_with_a_fixed_layout_and_no_physics(browser, tmp_path):
    H = nx.MultiDiGraph()
    for i in range(1200):
        H.add_node(f"n{i}", label=f"node {i}", cls="City", aliases=[])
        if i:
            H.add_edge(f"n{i}", f"n{(i * 7) % i}", key="cooperatesWith", prop="cooperatesWith")
    v = views.view(H, title="large")
    page = Page(browser, views.render(v), tmp_path)
    assert page.js("window.c2c.data.options.physics.enabled") is False
    assert page.js("window.c2c.nodeView.length") == 1200
    assert page.js("window.c2c.data.nodes.every(n => typeof n.x === 'number')")


def test_class_filter_hides_nodes(browser, G, tmp_path):
    v = views.focus(G, str(RES["u-bcf"]), hops=1)
    page = Page(browser, views.render(v), tmp_path)
    before = page.js("window.c2c.nodeView.length")
    page.page.locator("input[data-cls='Region']").uncheck()
    regions = sum(1 for n in v.info["nodes"].values() if n["cls"] == "Region")
    assert regions > 0
    assert page.js("window.c2c.nodeView.length") == before - regions


@pytest.fixture(scope="module")
def graph_dir(built, tmp_path_factory):
    from c2ckg.graph.export import write_build

    path = tmp_path_factory.mktemp("views-build")
    write_build(built.dataset, built.report, path)
    return path


@pytest.mark.parametrize("args,node", [
    (["--focus", "City of Kitakyushu", "--hops", "1"], "kitakyushu"),
    (["--path", "Kitakyushu", "Ho Chi Minh City"], "u-bcf"),
    (["--diffusion", "Takakura Method"], "surabaya"),
    (["--query", "edge-evidence", "--param", "a=kitakyushu", "--param", "b=dalian"], "dalian"),
    (["--query", "partners-of", "--param", "city=Kitakyushu"], "dalian"),  # answers with labels
    (["--map", "--size-by", "pagerank"], "mandalay"),
])
def test_view_command_writes_a_page_that_holds_the_expected_nodes(browser, graph_dir, tmp_path, args, node):
    from click.testing import CliRunner

    from c2ckg.cli import main

    out = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["view", *args, "--graph", str(graph_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = Page(browser, out.read_text(encoding="utf-8"), tmp_path)
    assert page.errors == [] and page.left_the_file() == []
    assert page.js(f"window.c2c.nodes.get({str(RES[node])!r}) !== null")


def test_view_path_draws_the_technology_that_carried_influence(graph_dir, tmp_path):
    from click.testing import CliRunner

    from c2ckg.cli import main

    out = tmp_path / "p.html"
    result = CliRunner().invoke(main, ["view", "--path", "Kitakyushu", "Ho Chi Minh City", "--graph", str(graph_dir),
                                       "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert str(RES["u-bcf"]) in text


def test_view_options_are_exclusive_and_names_must_exist(graph_dir, tmp_path):
    from click.testing import CliRunner

    from c2ckg.cli import main

    out = tmp_path / "x.html"
    result = CliRunner().invoke(main, ["view", "--map", "--focus", "KITA", "--graph", str(graph_dir), "-o", str(out)])
    assert result.exit_code == 2 and "choose one of" in result.output
    result = CliRunner().invoke(main, ["view", "--focus", "Atlantis", "--graph", str(graph_dir), "-o", str(out)])
    assert result.exit_code == 1 and result.output.startswith("error: 'Atlantis' matches no entity")
    assert not out.exists()


def test_report_brings_views_charts_brokers_and_timeline_together(browser, graph_dir, tmp_path):
    from click.testing import CliRunner

    from c2ckg.cli import main

    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", "--graph", str(graph_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"index.html", "whole.html", "map.html", "centrality.png", "by-year.png",
            "diffusion-u-bcf.html", "diffusion-u-bcf.png"} <= names
    for png in (p for p in out.iterdir() if p.suffix == ".png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((out / "index.html").as_uri())
    text = page.inner_text("body")
    assert "Top brokers" in text and "Partnership timeline" in text
    assert "Kitakyushu" in text and "Dalian" in text and "1979" in text
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert errors == []
    page.close()


def test_sector_and_year_filters(browser, G, tmp_path):
    v = views.focus(G, str(RES["hai-phong"]), hops=2)
    page = Page(browser, views.render(v), tmp_path)
    nodes_before, edges_before = page.js("window.c2c.nodeView.length"), page.js("window.c2c.edgeView.length")
    water = str(RES["water-supply"])
    assert [water, "Water supply"] in v.sectors
    page.page.select_option("#sector", water)
    expected = {n for n, d in v.info["nodes"].items() if water in d["sectors"]} | {water}
    assert set(page.js("window.c2c.nodeView.getIds()")) == expected
    assert 0 < len(expected) < nodes_before
    page.page.select_option("#sector", "")
    page.page.fill("#year-from", "2014")
    page.page.fill("#year-to", "2014")
    page.page.dispatch_event("#year-to", "change")
    kept = page.js("window.c2c.edgeView.get().map(e => window.c2c.data.info.edges[e.id].year)")
    assert all(y in ("", "2014") for y in kept)
    assert 0 < len(kept) < edges_before


def test_query_view_finds_entities_by_iri_or_by_a_label_only_they_carry():
    G = nx.MultiDiGraph()
    G.add_node("res:a", label="Kitakyushu")
    G.add_node("res:b", label="Dalian")
    G.add_node("res:c1", label="Water Bureau")
    G.add_node("res:c2", label="Water Bureau")
    G.add_edge("res:a", "res:b", key="partnerOf")
    rows = [("Kitakyushu", "res:b", None), ("Water Bureau", "1979", "nobody")]
    v = views.query_view(G, rows, name="q")
    assert sorted(v.info["nodes"]) == ["res:a", "res:b"]  # the ambiguous label names no one
    assert len(v.info["edges"]) == 1
