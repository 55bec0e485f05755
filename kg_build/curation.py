"""Promoting a reviewed candidate from the review report into the curated catalog.

A promoted entity is written to ``promoted.yaml`` in the data folder, in the ordinary data
format (``docs/data-format.md``): from the next build on it is a catalog entity, matched by
its name and aliases, and the relations extracted about it use its catalog IRI. The file is
checked by loading the whole catalog before it replaces the old one.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from ..ontology import entity_classes
from .catalog import default_data_dir, load_catalog
from .errors import BuildError
from .extraction import CANDIDATE
from .slug import slugify

PROMOTED_FILE = "promoted.yaml"


def find_candidate(review: dict, name: str) -> dict:
    """The candidate of ``review`` with this id, slug or name (any case)."""
    wanted = name.casefold()
    for cand in review.get("candidates", []):
        names = {cand["id"], cand["id"][len(CANDIDATE):], cand["name"], *cand.get("aliases", [])}
        if wanted in {n.casefold() for n in names}:
            return cand
    raise BuildError(f"no candidate {name!r} in the review report (see `c2ckg curate` for the list)")


def entry(cand: dict, *, entity_type: str | None = None, name: str | None = None,
          entity_id: str | None = None) -> dict:
    """The data-file entry for a candidate, with the reviewer's corrections."""
    kind = entity_type or cand["type"]
    if kind not in entity_classes():
        raise BuildError(f"unknown type {kind!r} (known: {', '.join(sorted(entity_classes()))})")
    label = name or cand["name"]
    item = {"id": entity_id or slugify(label), "name": label, "type": kind}
    aliases = [a for a in [cand["name"], *cand.get("aliases", [])] if a != label]
    if aliases:
        item["aliases"] = sorted(set(aliases))
    if cand.get("geonames"):
        item["geonames"] = int(cand["geonames"])
    item["description"] = f"Proposed by the {cand['rule']} rule of the extraction; promoted after review."
    return item


def promote(item: dict, *, data_dir: Path | str | None = None) -> Path:
    """Append ``item`` to the data folder's ``promoted.yaml``; the catalog must still load."""
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    catalog = load_catalog(root)
    if item["id"] in catalog.entities:
        raise BuildError(f"entity id {item['id']!r} already exists in the catalog (give another with --id)")
    target = root / PROMOTED_FILE
    old = target.read_text(encoding="utf-8") if target.exists() else None
    data = (yaml.safe_load(old) if old else None) or {}
    data.setdefault("entities", []).append(item)
    text = ("# Entities promoted from the extraction's review report (`c2ckg curate`).\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".promoted-", suffix=".yaml")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, target)
    try:
        load_catalog(root)
    except BuildError:
        if old is None:
            target.unlink()
        else:
            target.write_text(old, encoding="utf-8")
        raise
    return target
