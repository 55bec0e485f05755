"""Diffusion trees checked against the documents, the timeline chart, and the CLI."""
import pytest
from click.testing import CliRunner

from c2ckg.cli import main
from c2ckg.graph.charts import diffusion_chart
from c2ckg.graph.diffusion import diffusion, spread_order
from c2ckg.graph.export import write_build
from c2ckg.graph.projection import project
from c2ckg.ontology import RES

CAMBODIAN_TOWNS = ["siem-reap", "battambang", "kampong-cham", "kampong-thom", "kampot", "pursat",
                   "sihanoukville", "svay-rieng"]


@pytest.fixture(scope="module")
def G(built):
    return project(built.dataset)


def _r(name):
    return str(RES[name])


def test_u_bcf_introduced_in_hai_phong_then_spread_through_team_kitakyushu(G):
    d = diffusion(G, _r("u-bcf"))
    first = [a for a in d.arrivals if a.first]
    assert [a.place for a in first] == [_r("hai-phong")]
    assert _r("an-duong-water-purification-plant") in first[0].at
    assert _r("kitakyushu-water-and-sewer-bureau") in first[0].through
    for place in ("quang-ninh-province", "phu-tho-province", "nam-dinh-province", "tien-giang-province",
                  "ho-chi-minh-city"):
        arrival = next(a for a in d.arrivals if a.place == _r(place))
        assert (arrival.year, arrival.parent) == ("2016", _r("hai-phong"))
        assert _r("team-kitakyushu") in arrival.through


def test_phnom_penh_water_miracle_spreads_to_eight_towns_in_2007(G):
    d = diffusion(G, _r("phnom-penh-water-miracle"))
    assert [o.node for o in d.origins if o.prop == "developedBy"] == [_r("phnom-penh-water-supply-authority")]
    order = spread_order(d)
    assert order[0][1].place == _r("phnom-penh") and order[0][1].first
    towns = {a.place: a for _depth, a in order if a.place in {_r(t) for t in CAMBODIAN_TOWNS}}
    assert len(towns) == 8 and {a.year for a in towns.values()} == {"2007"}
    assert {a.parent for a in towns.values()} == {_r("phnom-penh")}


def test_takakura_method_developed_with_kita_first_used_in_surabaya(G):
    d = diffusion(G, _r("takakura-composting-method"))
    developers = {o.node for o in d.origins if o.prop == "developedBy"}
    assert _r("kitakyushu-international-techno-cooperative-association") in developers
    assert [a.place for a in d.arrivals if a.first] == [_r("surabaya")]


def test_arrivals_are_time_ordered_under_each_parent(G):
    order = spread_order(diffusion(G, _r("phnom-penh-water-miracle")))
    years = [a.year for depth, a in order if depth == 2 and a.year]
    assert years == sorted(years)


def test_diffusion_of_a_non_technology_is_refused(G):
    with pytest.raises(ValueError, match="Kitakyushu is a City, not a Technology"):
        diffusion(G, _r("kitakyushu"))


def test_diffusion_chart_is_a_png(G, tmp_path):
    target = tmp_path / "u-bcf.png"
    diffusion_chart(G, diffusion(G, _r("u-bcf"))).savefig(target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 10000


def test_cli_diffusion_text_and_plot(built, tmp_path):
    write_build(built.dataset, built.report, tmp_path / "out")
    result = CliRunner().invoke(main, ["diffusion", "U-BCF", "--plot", str(tmp_path / "t.png"), "--graph", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Upward Biological Contact Filtration  [Technology]")
    assert "introduced first in Hai Phong at An Duong Water Purification Plant" in result.output
    assert "2016  spread to Quang Ninh Province through" in result.output
    assert (tmp_path / "t.png").exists()
    result = CliRunner().invoke(main, ["diffusion", "Kitakyushu", "--graph", str(tmp_path / "out")])
    assert result.exit_code == 1 and result.output == "error: Kitakyushu is a City, not a Technology\n"
