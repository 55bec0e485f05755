import pytest

from c2ckg.graph.describe import EntityNotFound, describe, find_entity
from c2ckg.graph.stats import stats
from c2ckg.ontology import RES


@pytest.mark.parametrize("name", ["kitakyushu", "City of Kitakyushu", "KITAKYUSHU CITY"])
def test_find_by_id_label_or_alias(built, name):
    assert find_entity(built.dataset, name) == RES["kitakyushu"]


def test_unknown_name_lists_closest(built):
    with pytest.raises(EntityNotFound) as err:
        find_entity(built.dataset, "Kitakyusyu")
    assert "Kitakyushu" in err.value.candidates


def test_describe_lists_relations_with_years_and_sentences(built):
    d = describe(built.dataset, RES["phnom-penh-water-supply-authority"])
    assert "PPWSA" in d.aliases
    assert d.relations
    hop = next(h for h in d.relations if h.other == RES["kitakyushu"])
    assert hop.evidence and "sentence" in hop.evidence[0]
    assert all(int(h.qualifiers["year"][:4]) > 1900 for h in d.relations if "year" in h.qualifiers)


def test_stats_agree_with_the_build_report(built):
    counts = stats(built.dataset)
    assert counts["entities"] == built.report["entities"]
    assert counts["documents"] == 5
    assert counts["evidence_with_sentence"] == counts["evidence"]
    # identical statements declared in two files share their evidence nodes
    assert 0.95 * built.report["evidence"]["locators"] <= counts["evidence"] <= built.report["evidence"]["locators"]
