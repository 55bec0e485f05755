"""Events, agreements and projects by year, checked against the documents."""
import pytest
from click.testing import CliRunner

from c2ckg.cli import main
from c2ckg.graph.export import write_build
from c2ckg.graph.projection import project
from c2ckg.graph.timeline import timeline
from c2ckg.ontology import RES


@pytest.fixture(scope="module")
def G(built):
    return project(built.dataset)


def _years(groups):
    return {y.year: {i.node: i for i in y.items} for y in groups}


def test_hai_phong_agreements_by_year(G):
    # Document 002, Hai Phong chapter: the mayor's April 2009 visit sealed a friendship
    # exchange agreement, a sewage-works memorandum followed in 2010 and a comprehensive
    # agreement in 2011.
    years = _years(timeline(G, entity=str(RES["hai-phong"])))
    friendship = [i for i in years["2009"].values() if "Friendship Exchange Agreement" in i.label]
    assert friendship and friendship[0].ties == ["signed"] and friendship[0].cls == "Agreement"
    assert any("Sewage Works Sector" in i.label for i in years["2010"].values())
    assert any(i.label.startswith("Comprehensive agreement") for i in years["2011"].values())


def test_years_ascend_and_undated_come_last(G):
    groups = timeline(G)
    dated = [y.year for y in groups if y.year]
    assert dated == sorted(dated)
    assert all(y.year for y in groups[:-1])
    assert {i.cls for y in groups for i in y.items} <= {"Event", "Agreement", "Project", "Programme"}


def test_the_1997_kitakyushu_conference(G):
    years = _years(timeline(G, entity=str(RES["kitakyushu"])))
    assert any("Environmental Cooperation Among Cities" in i.label and "hosts" in i.ties
               for i in years["1997"].values())


def test_unknown_entity_or_kind_raises(G):
    with pytest.raises(ValueError, match="not an entity"):
        timeline(G, entity="nowhere")
    with pytest.raises(ValueError, match="unknown item kind 'Award'"):
        timeline(G, kinds=["Award"])


def test_cli_timeline(built, tmp_path):
    write_build(built.dataset, built.report, tmp_path)
    result = CliRunner().invoke(main, ["timeline", "--entity", "Haiphong", "--graph", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "2009" and "Agreement  Kitakyushu-Hai Phong Friendship Exchange Agreement  (signed)" in lines[1]
    result = CliRunner().invoke(main, ["timeline", "--entity", "Atlantis", "--graph", str(tmp_path)])
    assert result.exit_code == 1 and result.output.startswith("error: 'Atlantis' matches no entity")
