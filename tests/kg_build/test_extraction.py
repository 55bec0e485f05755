"""Reading documents end to end: mentions, gazetteer places, candidates, relations, workers."""
import pytest

from c2ckg.kg_build import extraction as extraction_module
from c2ckg.kg_build.catalog import load_catalog
from c2ckg.kg_build.corpus import CorpusDocument
from c2ckg.kg_build.extraction import CANDIDATE, extract
from c2ckg.kg_build.gazetteer import gazetteer

# Made-up documents, in our own words, about city pairs the curated data does not cover.
DOCS = {
    "a": ("Sapporo and Ulaanbaatar signed a memorandum of understanding in 2016. Sapporo's "
          "Snow Energy Bureau dispatched experts to Ulaanbaatar. The Steppe Heat Agency (SHA) "
          "later adopted the Sapporo heating model."),
    "b": ("The SHA financed a pilot plant. The Sapporo heating model spread to Darhan and Erdenet. "
          "Kitakyushu, Hai Phong and Haiphong's port are known names."),
    "c": ("- Engineers of the Erdenet City Heating Bureau came, with staff of the Steppe\n"
          "  Clean  Air Bureau."),
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def result(catalog, tmp_path_factory):
    path = tmp_path_factory.mktemp("docs")
    corpus = {k: CorpusDocument(k, path / f"{k}.txt", v) for k, v in DOCS.items()}
    return extract(catalog, corpus, processes=1)


def test_catalog_mentions_with_offsets_and_variants(result):
    text = DOCS["b"]
    found = {(f.key, text[f.start:f.end]) for f in result.mentions["b"]}
    assert {("kitakyushu", "Kitakyushu"), ("hai-phong", "Hai Phong"), ("hai-phong", "Haiphong")} <= found


def _place(name):
    return CANDIDATE + gazetteer()[name].id


def test_gazetteer_places_get_geonames_ids(result):
    city = result.entities[_place("Ulaanbaatar")]  # GeoNames spells it Ulan Bator
    assert (city.type, city.rule, city.geonames) == ("City", "gazetteer", gazetteer()["Ulaanbaatar"].geonames)
    assert {m[0] for m in city.mentions} == {"a"}


def test_candidates_carry_type_rule_aliases_and_mentions_across_documents(result):
    agency = result.entities[CANDIDATE + "steppe-heat-agency"]
    assert (agency.type, agency.rule, agency.aliases) == ("NationalGovernmentBody", "acronym", ["SHA"])
    assert {m[0] for m in agency.mentions} == {"a", "b"}  # "SHA" alone in b
    assert result.entities[CANDIDATE + "snow-energy-bureau"].type == "LocalGovernment"
    assert result.entities[CANDIDATE + "sapporo-heating-model"].type == "Technology"


def test_relations_between_catalog_gazetteer_and_candidate_entities(result):
    facts = {(h.s, h.p, h.o) for _d, h in result.relations()}
    assert (_place("Sapporo"), "partnerOf", _place("Ulaanbaatar")) in facts
    assert (CANDIDATE + "snow-energy-bureau", "supports", _place("Ulaanbaatar")) in facts
    spread = {o for s, p, o in facts if p == "spreadTo" and s == CANDIDATE + "sapporo-heating-model"}
    assert spread == {_place("Darhan"), _place("Erdenet")}
    assert not {f for f in facts if f[1] == "funds"}  # "a pilot plant" has no name


def test_a_city_bureau_named_after_its_city_is_part_of_it(result):
    facts = {(h.s, h.p, h.o, h.rule) for _d, h in result.relations()}
    assert (CANDIDATE + "erdenet-city-heating-bureau", "partOf", _place("Erdenet"), "name-part-of") in facts
    assert not {f for f in facts if f[0] == CANDIDATE + "steppe-clean-air-bureau"}  # named after no place


def test_a_candidate_name_across_a_line_break_and_a_run_of_spaces(result):
    text = DOCS["c"]
    [m] = [f for f in result.mentions["c"] if f.key == CANDIDATE + "steppe-clean-air-bureau"]
    assert text[m.start:m.end] == "Steppe\n  Clean  Air Bureau"


def test_worker_processes_give_the_same_result(catalog, tmp_path, monkeypatch):
    corpus = {k: CorpusDocument(k, tmp_path / k, v) for k, v in DOCS.items()}
    one = extract(catalog, corpus, processes=1)
    monkeypatch.setattr(extraction_module, "PARALLEL_MIN_CHARS", 0)
    two = extract(catalog, corpus, processes=2)
    assert one.entities == two.entities
    assert one.hits == two.hits
    assert one.mentions == two.mentions


def test_progress_is_called_twice_per_document(catalog, tmp_path):
    calls = []
    extract(catalog, {"a": CorpusDocument("a", tmp_path / "a", DOCS["a"])}, processes=1, progress=calls.append)
    assert calls == [1, 1]


def test_a_generic_alias_links_only_where_its_place_is_named(catalog, tmp_path):
    docs = {"medan": "Hiroshima engineers assist PDAM Tirtanadi in Medan.",
            "surabaya": "In Surabaya, PDAM treats the river water."}
    corpus = {k: CorpusDocument(k, tmp_path / f"{k}.txt", v) for k, v in docs.items()}
    result = extract(catalog, corpus, processes=1)
    assert "pdam-surabaya" not in {f.key for f in result.mentions["medan"]}
    assert "pdam-surabaya" in {f.key for f in result.mentions["surabaya"]}
    utility = result.entities[CANDIDATE + "pdam-tirtanadi"]  # the generic word and a name: a new one of its kind
    assert (utility.type, utility.rule) == ("Company", "generic-name")


def test_names_that_stand_for_a_known_place_or_body(catalog, tmp_path):
    text = ("Toyama City met the Quezon City Government and Lotus Province. Lotus and Toyama signed a memorandum. "
            "Pearl Water Engineering Co., Ltd. helped; Pearl Water Engineering built the Da Nang Department of "
            "Natural Resources and Environment (DONRE) office.")
    corpus = {"d": CorpusDocument("d", tmp_path / "d.txt", text)}
    result = extract(catalog, corpus, processes=1)
    keys = {text[f.start:f.end]: f.key for f in result.mentions["d"]}
    assert keys["Toyama"] == CANDIDATE + "toyama"  # the city it is written as, not the catalog's prefecture
    assert keys["Quezon City"] == CANDIDATE + "quezon-city" and "Quezon City Government" not in keys  # the city itself
    assert keys["Lotus"] == keys["Lotus Province"] == CANDIDATE + "lotus-province"  # a proposed province's bare name
    assert keys["Pearl Water Engineering"] == CANDIDATE + "pearl-water-engineering-co-ltd"  # without "Co., Ltd."
    assert keys["DONRE"] == CANDIDATE + "da-nang-department-of-natural-resources-and-environment"  # the city kept
