"""The synthetic graph generator: same ontology and shape, about `scale` times the size."""
from collections import Counter
from statistics import median

import pytest
from rdflib import RDF, RDFS
from rdflib.namespace import PROV

from c2ckg.graph.projection import project
from c2ckg.graph.stats import stats
from c2ckg.graph.store import from_dataset, from_nquads
from c2ckg.graph.synth import synthesize, synthesize_nquads, synthesize_trig
from c2ckg.kg_build.validate import validate
from c2ckg.ontology import C2C, RES


@pytest.fixture(scope="module")
def base(built):
    return built.dataset


@pytest.fixture(scope="module")
def triple(base):
    return synthesize(base, scale=3, seed=1)


def _quads(ds):
    return {(s, p, o, str(g.identifier) if g.identifier != ds.default_graph.identifier else None)
            for g in ds.graphs() for s, p, o in g}


def test_same_seed_same_graph_other_seed_other_graph(base):
    assert synthesize_trig(base, scale=2, seed=5) == synthesize_trig(base, scale=2, seed=5)
    assert synthesize_trig(base, scale=2, seed=5) != synthesize_trig(base, scale=2, seed=6)


def test_scale_one_is_the_base(base):
    assert _quads(synthesize(base, scale=1)) == _quads(base)
    with pytest.raises(ValueError, match="at least 1"):
        synthesize(base, scale=0)


def test_about_scale_times_every_count(base, triple):
    before, after = stats(base), stats(triple)
    assert after["entities_by_class"] == {k: 3 * v for k, v in before["entities_by_class"].items()}
    for key in ("relations", "measurements", "evidence", "triples"):
        assert 2.7 * before[key] <= after[key] <= 3.3 * before[key], key
    assert _quads(base) <= _quads(triple)  # the real graph is kept whole


def test_same_shape_conforms_to_the_shapes(base, built):
    ds = synthesize(base, scale=2, seed=3)
    assert validate(ds).conforms
    g = ds.default_graph
    prov = ds.graph(RES["graph/provenance"])
    for rel in g.subjects(RDF.type, C2C.Relation):
        s, p, o = g.value(rel, RDF.subject), g.value(rel, RDF.predicate), g.value(rel, RDF.object)
        assert (s, p, o) in g
        evidence = list(prov.objects(rel, PROV.wasDerivedFrom))
        assert evidence and all(prov.value(e, C2C.sentenceText) for e in evidence)


def test_synthetic_entities_have_names_aliases_and_no_outside_links(triple):
    g = triple.default_graph
    synthetic = [s for s in set(g.subjects(RDF.type, C2C.City)) if "/synth/" in str(s)]
    assert synthetic and all(g.value(s, C2C.geonamesId) is None for s in synthetic)
    labels = [str(g.value(s, RDFS.label)) for s in synthetic]
    assert len(set(labels)) == len(labels) and all(label[0].isupper() for label in labels)


def test_degrees_are_heavy_tailed_and_base_hubs_stay_hubs(base):
    G, H = project(synthesize(base, scale=5, seed=0)), project(base)
    degrees = dict(G.degree())
    top = sorted(degrees, key=degrees.get, reverse=True)[:5]
    assert str(RES["kitakyushu"]) in top
    assert degrees[top[0]] > 50 * median(degrees.values())
    assert degrees[str(RES["kitakyushu"])] > H.degree(str(RES["kitakyushu"]))
    cities = Counter(d["cls"] for _, d in G.nodes(data=True))["City"]
    assert cities == 5 * Counter(d["cls"] for _, d in H.nodes(data=True))["City"]


def test_nquads_and_trig_hold_the_same_dataset(base, triple):
    from pyoxigraph import RdfFormat, Store

    expected = {str(q) for q in from_dataset(triple)}
    assert {str(q) for q in from_nquads(synthesize_nquads(base, scale=3, seed=1))} == expected
    store = Store()
    store.load(input=synthesize_trig(base, scale=3, seed=1), format=RdfFormat.TRIG)
    assert {str(q) for q in store} == expected
