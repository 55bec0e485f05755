"""Which entity types a property accepts at each end, read from the SHACL shapes.

``ontology/shapes.ttl`` is the one place that says "the subject of supports must be an
Agent"; extracted relations are checked against the same shapes before they are proposed,
so an extraction never makes the build fail its SHACL check.

>>> fits("supports", "City", "Project"), fits("received", "City", "City")
(True, False)
>>> sorted(expand("Initiative"))
['FundingScheme', 'Programme', 'Project']
"""
from __future__ import annotations

from functools import cache

from rdflib import RDFS
from rdflib.collection import Collection
from rdflib.namespace import SH

from ..ontology import C2C, entity_classes, local_name, ontology_graph, shapes_graph



@cache
def _ancestors() -> dict[str, frozenset[str]]:
    g = ontology_graph()
    out: dict[str, frozenset[str]] = {}
    for leaf in entity_classes():
        seen, todo = {leaf}, [C2C[leaf]]
        while todo:
            for parent in g.objects(todo.pop(), RDFS.subClassOf):
                if str(parent).startswith(str(C2C)) and local_name(parent) not in seen:
                    seen.add(local_name(parent))
                    todo.append(parent)
        out[leaf] = frozenset(seen)
    return out


def expand(*classes: str) -> frozenset[str]:
    """The entity types (leaf classes) that are any of ``classes`` or below them."""
    wanted = set(classes)
    return frozenset(leaf for leaf, up in _ancestors().items() if up & wanted)


@cache
def _constraints() -> dict[tuple[str, str], frozenset[str]]:
    """(property, "subject"|"object") -> allowed entity types, for every shape that says."""
    g = shapes_graph()
    out: dict[tuple[str, str], frozenset[str]] = {}
    for target, role in ((SH.targetSubjectsOf, "subject"), (SH.targetObjectsOf, "object")):
        for shape, prop in g.subject_objects(target):
            classes = list(g.objects(shape, SH["class"]))
            for alternatives in g.objects(shape, SH["or"]):
                for member in Collection(g, alternatives):
                    classes += list(g.objects(member, SH["class"]))
            if classes:
                out[(local_name(prop), role)] = expand(*(local_name(c) for c in classes))
    return out


@cache  # a few hundred combinations, asked for each relation a rule finds
def fits(prop: str, subject_type: str, object_type: str) -> bool:
    """Whether the shapes allow ``prop`` from a ``subject_type`` to an ``object_type``."""
    rules = _constraints()
    for role, kind in (("subject", subject_type), ("object", object_type)):
        allowed = rules.get((prop, role))
        if allowed is not None and kind not in allowed:
            return False
    return True



