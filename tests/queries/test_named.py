"""Every named question answers as the documents say, in SPARQL and in Cypher.

Each expected row was checked by hand against the corpus (document and wording in the
comment); a row matches when the given columns have the given values. The data keeps
growing, so the tests check that these rows are there, never how many rows there are.
"""
import pytest

from c2ckg import queries
from c2ckg.graph import cypher, sparql

# name -> (parameters, rows that must be in the answer)
EXPECTED = {
    # 002: "In 1979 ... Dalian and Kitakyushu concluded a 'friendship city' agreement";
    # "concluded a sister city agreement in March 2016" (Phnom Penh); 000: IRDA MOU, August 2016.
    "partners-of": ({"city": "Kitakyushu"}, [
        {"partner": "Dalian", "kind": "Friendship", "year": "1979"},
        {"partner": "Phnom Penh", "kind": "SisterCity", "year": "2016"},
        {"partner": "Iskandar Regional Development Authority", "kind": "MOU", "year": "2016"}]),
    "city-partnerships": ({}, [
        {"city": "Kitakyushu", "partner": "Dalian", "kind": "Friendship", "year": "1979"},
        {"city": "Kitakyushu", "partner": "Phnom Penh", "kind": "SisterCity", "year": "2016"}]),
    # 002: Surabaya and the Takakura Method of composting; block system in Hai Phong's utility.
    "technology-deployments": ({}, [
        {"technology": "Takakura composting method", "deployer": "Surabaya", "class": "City"},
        {"technology": "Water distribution block system",
         "deployer": "Haiphong Water Supply One Member Co., Ltd.", "class": "Company", "year": "2011"}]),
    # 002: after Hai Phong, U-BCF was demonstrated at treatment plants of several other
    # Vietnamese cities and provinces, Ho Chi Minh City and Quang Ninh among them.
    "technology-spread": ({"technology": "U-BCF"}, [
        {"step": "spreadTo", "other": "Ho Chi Minh City", "class": "City", "year": "2016"},
        {"step": "spreadTo", "other": "Quang Ninh Province", "class": "Region", "year": "2016"},
        {"step": "introducedIn", "other": "An Duong Water Purification Plant", "class": "Facility"}]),
    # 002: a JCM model project for efficient air conditioning in a Surabaya shopping mall
    # was adopted in fiscal 2015.
    "project-funding": ({}, [
        {"project": "High-efficiency air conditioning JCM Model Project in Surabaya",
         "funder": "Joint Crediting Mechanism", "class": "FundingScheme", "year": "2015"}]),
    "scheme-funded": ({"scheme": "JCM"}, [
        {"funded": "High-efficiency air conditioning JCM Model Project in Surabaya", "class": "Project",
         "year": "2015"}]),
    # 002: the Kitakyushu Asian Center for Low Carbon Society supports Phnom Penh's climate
    # plan; JICA's master plan and loans for Phnom Penh's waterworks.
    "organisations-between": ({"a": "Kitakyushu", "b": "Phnom Penh"}, [
        {"organisation": "Kitakyushu Asian Center for Low Carbon Society", "class": "LocalGovernment",
         "relation_b": "supports"},
        {"organisation": "Japan International Cooperation Agency", "relation_b": "funds"}]),
    "events-in-period": ({"from": "2016", "to": "2016"}, [
        {"year": "2016", "subject": "Kitakyushu", "relation": "partnerOf", "object": "Phnom Penh"},
        {"year": "2016", "subject": "Kitakyushu", "relation": "partnerOf",
         "object": "Iskandar Regional Development Authority"}]),
    # 002: PPWSA's head Ek Sonn Chan won the Ramon Magsaysay Award (2006); Kitakyushu won
    # UNEP's Global 500 Award (1990).
    "awards": ({}, [
        {"award": "Ramon Magsaysay Award", "recipient": "Ek Sonn Chan", "year": "2006"},
        {"award": "Global 500 Award", "recipient": "Kitakyushu", "year": "1990"}]),
    # 002: the network was set up at the end of 1997 by Kitakyushu and six Asian cities,
    # Surabaya one of them.
    "city-networks": ({}, [
        {"network": "Environmental Cooperation Network of Asian Cities", "member": "Surabaya", "year": "1997"},
        {"network": "Environmental Cooperation Network of Asian Cities", "member": "Kitakyushu", "year": "1997"}]),
    # 002: Phnom Penh drew up its climate change strategic plan (March 2016) together with
    # Kitakyushu.
    "plans-with-support": ({}, [
        {"plan": "Phnom Penh Climate Change Strategic Plan", "formulated_by": "Phnom Penh",
         "supported_by": "Kitakyushu", "mode": "Planning", "year": "2016"}]),
    "edge-evidence": ({"a": "Kitakyushu", "b": "Phnom Penh"}, [
        {"subject": "kitakyushu", "predicate": "partnerOf", "object": "phnom-penh", "year": "2016",
         "document": "002_6fa685373c4dc005"}]),
    "entities-of-type": ({"type": "Technology"}, [
        {"entity": "u-bcf"},
        {"entity": "takakura-composting-method", "name": "Takakura composting method"}]),
    "sectors-by-projects": ({}, [{"sector": "Water supply"}, {"sector": "Energy"}]),
    # 002: METI and the environment ministry launched the Eco-Town Project in 1997.
    "programme-actors": ({"programme": "Eco-Town Project"}, [
        {"actor": "Ministry of Economy, Trade and Industry of Japan", "role": "implements", "via": "Eco-Town Project"},
        {"actor": "Ministry of the Environment of Japan", "role": "implements", "via": "Eco-Town Project"}]),
    # 002: composting baskets reached more than 19,000 Surabaya households by 2009;
    # 003: later some 20,000 households.
    "quantities": ({"unit": "households"}, [
        {"entity": "Surabaya", "value": "19000", "year": "2009", "qualifier": "more-than"},
        {"entity": "Surabaya", "value": "20000"}]),
    # 003: Phnom Penh's non-revenue water fell from 72% (1993) to 8% (2006).
    "quantities-about": ({"entity": "Phnom Penh"}, [
        {"quantity": "non-revenue water ratio", "value": "72", "unit": "percent", "year": "1993"},
        {"quantity": "non-revenue water ratio", "value": "8", "unit": "percent", "year": "2006"}]),
    # 002: IGES KUC invited staff from Mandalay to Kitakyushu for a JICA training tour.
    "supporters-of": ({"entity": "Mandalay"}, [
        {"supporter": "IGES Kitakyushu Urban Centre", "mode": "Training", "year": "2014"},
        {"supporter": "Kitakyushu"}]),
}


def test_every_named_question_has_an_expected_answer():
    assert set(EXPECTED) == set(queries.names())
    assert len(queries.names()) >= 15


def _contains(rows, expected):
    return any(all(row.get(k) == v for k, v in want.items()) for row in rows for want in [expected])


def _sparql(store, name, params):
    q = queries.get(name)
    return sparql.query(store, q.text, bindings=queries.sparql_bindings(store, q, q.text, params))


def _cypher(pgraph, name, params):
    q = queries.get(name, language="cypher")
    return cypher.run(pgraph, q.text, params=queries.cypher_params(pgraph, q, q.text, params))


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("language", ["sparql", "cypher"])
def test_named_question_gives_the_documented_answer(name, language, store, pgraph, plain_rows):
    params, expected = EXPECTED[name]
    result = _sparql(store, name, params) if language == "sparql" else _cypher(pgraph, name, params)
    rows = plain_rows(result)
    missing = [want for want in expected if not _contains(rows, want)]
    assert not missing, f"{name} ({language}) lacks {missing}"


def test_sectors_come_most_projects_first(store, plain_rows):
    rows = plain_rows(_sparql(store, "sectors-by-projects", {}))
    counts = [int(r["projects"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    water = next(r for r in rows if r["sector"] == "Water supply")
    assert int(water["projects"]) >= 2  # e.g. the Siem Reap expansion and the Phnom Penh capacity project


def test_edge_evidence_sentence_states_the_partnership(store, plain_rows, corpus_dir):
    rows = plain_rows(_sparql(store, "edge-evidence", {"a": "Kitakyushu", "b": "Phnom Penh"}))
    row = next(r for r in rows if r["predicate"] == "partnerOf" and r["year"] == "2016")
    text = (corpus_dir / f"{row['document']}.txt").read_text(encoding="utf-8")
    assert " ".join(text[int(row["start"]):int(row["end"])].split()) == row["sentence"]
    assert "sister city agreement" in row["sentence"]
