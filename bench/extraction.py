"""Quality and speed of reading documents (issue 3).

Quality: precision and recall of named entities and of relations on the hand-labelled
evaluation set in bench/eval/ -- a part of the corpus, labelled by locators (corpus.yaml),
and made-up documents about other city pairs (heldout/, heldout.yaml; looked at while
developing the rules, and blind/, blind.yaml, scored only after), reported apart --
plus, over the whole corpus, how many extracted relations the curated data also states.

Speed: extraction over a corpus made by repeating the real one, on one core and on all,
in MB/s, against a baseline measured in the same run (splitting the same text into words
with one regular expression), printed as ratios.

    python3 bench/extraction.py [--corpus DIR] [--size-mb 4]
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import yaml

from c2ckg.kg_build.catalog import load_catalog
from c2ckg.kg_build.corpus import CorpusDocument, load_corpus
from c2ckg.kg_build.extraction import MIN_CONFIDENCE, extract
from c2ckg.kg_build.gazetteer import gazetteer, place_finder
from c2ckg.kg_build.merge import SYMMETRIC, combine

HERE = Path(__file__).resolve().parent
EVAL = HERE / "eval"


def _norm(name: str) -> str:
    name = name.replace("’", "'").replace("“", '"').replace("”", '"').casefold()
    name = re.sub(r"'s$", "", " ".join(name.split()))
    return re.sub(r"^the ", "", name)


def _labels(extraction, catalog, doc: str, text: str) -> dict[str, set[str]]:
    """entity key -> every name it goes by in ``doc`` (its labels and the surfaces seen)."""
    out: dict[str, set[str]] = {}
    for f in extraction.mentions[doc]:
        if f.type == "Sector":  # sectors are concepts, not named entities
            continue
        names = out.setdefault(f.key, set())
        names.add(_norm(text[f.start:f.end]))
        if f.key in catalog.entities:
            names |= {_norm(n) for n in catalog.entities[f.key].labels}
        elif f.key in extraction.entities:
            ent = extraction.entities[f.key]
            names |= {_norm(n) for n in [ent.name, *ent.aliases]}
    return out


def _alternatives(end) -> list[str]:
    return end if isinstance(end, list) else [end]


def _gold_names(ent: dict) -> set[str]:
    return {_norm(n) for n in [ent["name"], *ent.get("aliases", [])]}


def score(labels: dict, extraction, catalog, corpus: dict[str, CorpusDocument], facts) -> dict:
    """Counts for entity and relation precision and recall over the labelled documents."""
    c = dict.fromkeys(["ent_tp", "ent_pred", "ent_gold", "ent_found", "rel_tp", "rel_pred", "rel_gold", "rel_found"], 0)
    misses: list[str] = []
    for item in labels["documents"]:
        doc = item["doc"]
        names = _labels(extraction, catalog, doc, corpus[doc].text)
        gold_entities = {e["name"]: _gold_names(e) for e in item["entities"]}
        for e in item.get("relations", []):  # relation ends named only through aliases
            for end in (e["s"], *_alternatives(e["o"])):
                gold_entities.setdefault(end, {_norm(end)})
        gold_all = set().union(*gold_entities.values()) if gold_entities else set()
        c["ent_pred"] += len(names)
        c["ent_tp"] += sum(1 for ns in names.values() if ns & gold_all)
        c["ent_gold"] += len(item["entities"])
        for e in item["entities"]:
            if any(ns & _gold_names(e) for ns in names.values()):
                c["ent_found"] += 1
            else:
                misses.append(f"entity   {doc}: {e['name']}")
        predicted = {(f.s, f.p, f.o, f.kind if f.p == "partnerOf" else None)
                     for f in facts if any(d == doc for d, _h in f.evidence)}
        gold = item.get("relations", [])
        c["rel_gold"] += len(gold)
        c["rel_pred"] += len(predicted)

        def match(pred, g) -> bool:
            s, p, o, kind = pred
            if p != g["p"] or (kind and g.get("kind") and kind != g["kind"]):
                return False
            gs, go = gold_entities[g["s"]], set().union(*(gold_entities[o] for o in _alternatives(g["o"])))
            ns, no = names.get(s, {_norm(s)}), names.get(o, {_norm(o)})
            return bool(ns & gs and no & go) or (p in SYMMETRIC and bool(ns & go and no & gs))

        c["rel_tp"] += sum(1 for pred in predicted if any(match(pred, g) for g in gold))
        for g in gold:
            if any(match(pred, g) for pred in predicted):
                c["rel_found"] += 1
            else:
                misses.append(f"relation {doc}: {g['s']} {g['p']} {g['o']}")
        for pred in sorted(predicted):
            if not any(match(pred, g) for g in gold):
                misses.append(f"wrong    {doc}: {pred[0]} {pred[1]} {pred[2]}" + (f" ({pred[3]})" if pred[3] else ""))
    c["misses"] = misses
    return c


def _ratio(a: int, b: int) -> str:
    return f"{a / b:6.1%} ({a}/{b})" if b else "   n/a"


def report(title: str, c: dict, *, verbose: bool) -> None:
    print(f"\n{title}")
    print(f"  entities   precision {_ratio(c['ent_tp'], c['ent_pred'])}   recall {_ratio(c['ent_found'], c['ent_gold'])}")
    print(f"  relations  precision {_ratio(c['rel_tp'], c['rel_pred'])}   recall {_ratio(c['rel_found'], c['rel_gold'])}")
    if verbose:
        for line in c["misses"]:
            print("   ", line)


def evaluate(labels_file: Path, corpus: dict[str, CorpusDocument], catalog, *, verbose: bool, by_document: bool = False):
    """Counts over ``labels_file``'s documents, and with ``by_document`` each one's apart."""
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    extraction = extract(catalog, corpus, processes=1)
    facts = combine(catalog, extraction, min_confidence=MIN_CONFIDENCE)
    if by_document:
        return {item["doc"]: score({"documents": [item]}, extraction, catalog, corpus, facts)
                for item in labels["documents"]}, extraction, facts
    return score(labels, extraction, catalog, corpus, facts), extraction, facts


def speed(corpus: dict[str, CorpusDocument], catalog, size_mb: float) -> None:
    base = sorted(corpus.values(), key=lambda d: d.id)
    total = sum(len(d.text) for d in base)
    copies = max(1, round(size_mb * 1e6 / total))
    big = {f"{d.id}-{i:03d}": CorpusDocument(f"{d.id}-{i:03d}", d.path, d.text) for i in range(copies) for d in base}
    chars = total * copies
    gazetteer.cache_clear()
    place_finder.cache_clear()
    t = time.perf_counter()
    place_finder()
    setup = time.perf_counter() - t
    text = "\n".join(d.text for d in big.values())
    t = time.perf_counter()
    re.findall(r"\w+", text)
    baseline = chars / (time.perf_counter() - t) / 1e6
    rates = {}
    for processes in (1, os.cpu_count() or 1):
        t, cpu = time.perf_counter(), time.process_time()
        extract(catalog, big, processes=processes)
        rates[processes] = chars / (time.perf_counter() - t) / 1e6
        if processes == 1:  # what one core does, even when other jobs share the machine
            cpu_rate = chars / (time.process_time() - cpu) / 1e6
    print(f"\nspeed on {chars / 1e6:.1f} MB ({copies} copies of the corpus, {len(big)} documents); "
          f"gazetteer set-up once per process {setup:.2f} s")
    print(f"  baseline (words by one regex)   {baseline:8.2f} MB/s")
    print(f"  extraction, 1 process, CPU time {cpu_rate:8.2f} MB/s   (load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")
    for processes, rate in rates.items():
        print(f"  extraction, {processes} process{'es' if processes > 1 else '  '}         {rate:8.2f} MB/s"
              f"   = baseline / {baseline / rate:.1f}")
    if len(rates) > 1:
        one, many = rates[1], rates[max(rates)]
        print(f"  all cores vs one core             {many / one:8.2f} x")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("C2CKG_CORPUS", HERE.parents[1] / "shared" / "corpus")))
    parser.add_argument("--size-mb", type=float, default=4.0, help="size of the repeated corpus for the speed run")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and wrong relations")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    corpus = load_corpus(args.corpus)
    c, _x, facts = evaluate(EVAL / "corpus.yaml", corpus, catalog, verbose=args.verbose)
    report("corpus part (bench/eval/corpus.yaml; the catalog was curated from these documents)", c, verbose=args.verbose)
    statuses = {s: sum(1 for f in facts if f.status == s) for s in ("merged", "new", "overridden")}
    print(f"  whole corpus: {len(facts)} extracted relations, {statuses['merged']} also stated by the curated data "
          f"({statuses['merged'] / max(1, len(facts)):.0%}, a lower bound of precision), {statuses['new']} new, "
          f"{statuses['overridden']} reversing a curated one")
    warnings: list[str] = []
    heldout = load_corpus(EVAL / "heldout", warn=warnings.append)
    c, _x, _f = evaluate(EVAL / "heldout.yaml", heldout, catalog, verbose=args.verbose)
    report("held-out made-up documents (bench/eval/heldout.yaml; other city pairs)", c, verbose=args.verbose)
    blind = load_corpus(EVAL / "blind", warn=warnings.append)
    per_doc, _x, _f = evaluate(EVAL / "blind.yaml", blind, catalog, verbose=args.verbose, by_document=True)
    tuned = {item["doc"]: item["tuned_on"] for item in yaml.safe_load((EVAL / "blind.yaml").read_text())["documents"]
             if item.get("tuned_on")}
    for doc, c in per_doc.items():  # each written after a round of tuning: scored apart
        status = (f"NO LONGER BLIND: {tuned[doc]}" if doc in tuned
                  else "written after the rules were last tuned")
        report(f"blind made-up document {doc} (bench/eval/blind.yaml; {status})", c, verbose=args.verbose)
    still = [c for doc, c in per_doc.items() if doc not in tuned]
    if still:  # the fair figure for documents nobody has seen
        total = {k: sum(c[k] for c in still) for k in still[0] if k != "misses"}
        report(f"ALL {len(still)} STILL-BLIND DOCUMENTS together (never tuned on)", {**total, "misses": []}, verbose=False)
    for line in warnings:
        print("  warning:", line, file=sys.stderr)
    if not args.no_speed:
        speed(corpus, catalog, args.size_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
