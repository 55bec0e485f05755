"""Reading any document: mentions, new entities and relations, with evidence.

Two passes over the corpus, each spread over worker processes by document (results are
sorted by document id, so the output does not depend on the number of processes):

1. sentences; mentions of catalog entities (one Aho-Corasick pass over names and aliases)
   and of gazetteer places (``gazetteer.py``); new entity candidates (``candidates.py``);
2. mentions of the candidates found anywhere in the corpus, the relation rules
   (``rules.py``, run by ``relations.py``) and the capitalised names that matched nothing.

Entity keys are catalog ids, or ``candidate/<slug>`` for an entity the build proposes (its
provisional IRI is the resource namespace plus that key).
"""
from __future__ import annotations

import bisect
import gc
import itertools
import multiprocessing
import operator
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .candidates import Candidate, after_known, propose
from .catalog import Catalog
from .corpus import CorpusDocument
from .gazetteer import Place, gazetteer, place_finder
from .mentions import MentionFinder
from .reference import main_city
from .relations import apply, parts_by_address, parts_by_name
from .rules import Found, Hit
from .sentences import Sentence, split
from .slug import slugify

CANDIDATE = "candidate/"
PARALLEL_MIN_CHARS = 1_000_000  # below this, starting workers costs more than it saves
MIN_CONFIDENCE = 0.5


@dataclass
class NewEntity:
    """An entity the catalog does not know: a gazetteer place or a proposed candidate."""

    key: str
    name: str
    type: str
    rule: str                       # "gazetteer", "acronym", "head", "quoted", "method"
    aliases: list[str] = field(default_factory=list)
    geonames: str | None = None
    iso: str | None = None
    mentions: list[tuple[str, int, int]] = field(default_factory=list)  # (doc, start, end)


@dataclass
class Extraction:
    entities: dict[str, NewEntity]
    hits: dict[str, list[Hit]]                     # document id -> relations found there
    unmatched: Counter                             # capitalised name -> times seen
    unmatched_docs: dict[str, set[str]]
    mentions: dict[str, list[Found]]               # document id -> every mention, in order
    sentences: dict[str, list[Sentence]]

    def relations(self, *, min_confidence: float = MIN_CONFIDENCE) -> list[tuple[str, Hit]]:
        """(document, hit) for every relation at or above ``min_confidence``, in a fixed order."""
        return [(doc, h) for doc in sorted(self.hits) for h in self.hits[doc] if h.confidence >= min_confidence]


# --- state shared with worker processes (set before the pool forks) ---
_STATE: dict = {}


def _known(catalog: Catalog) -> tuple[MentionFinder, dict[str, str], dict[str, str]]:
    """The catalog's finder, the type of every catalog entity, and GeoNames id -> catalog id."""
    labels: dict[str, list[str]] = {}
    for e in catalog.entities.values():
        labels[e.id] = [n for n in e.labels if n not in e.context_aliases]
        if e.context_aliases:  # found under their own key, kept where the place is named
            labels[e.id + _CONTEXT + e.located_in] = sorted(e.context_aliases)
    return (MentionFinder(labels),
            {e.id: e.type for e in catalog.entities.values()},
            {e.geonames: e.id for e in catalog.entities.values() if e.geonames})


_CONTEXT = "\tin\t"  # entity key + _CONTEXT + place key: a context alias's mention


def _in_context(found: list[tuple[int, int, str]], dropped: list | None = None) -> list[tuple[int, int, str]]:
    """The catalog's spans with each context alias's span kept, as its entity, only where the
    document also names the entity's place or the entity itself by another name; the others
    go to ``dropped`` as (start, end, entity).

    >>> _in_context([(0, 4, "pdam-surabaya\\tin\\tsurabaya"), (9, 16, "medan")])
    [(9, 16, 'medan')]
    >>> _in_context([(0, 4, "pdam-surabaya\\tin\\tsurabaya"), (9, 17, "surabaya")])
    [(0, 4, 'pdam-surabaya'), (9, 17, 'surabaya')]
    """
    if not any(_CONTEXT in key for _a, _b, key in found):
        return found
    named = {key for _a, _b, key in found}
    out = []
    for a, b, key in found:
        if _CONTEXT in key:
            key, place = key.split(_CONTEXT)
            if place not in named and key not in named:
                if dropped is not None:
                    dropped.append((a, b, key))
                continue
        out.append((a, b, key))
    return out


def _cities_first(found: list[tuple[int, int, str]], text: str, types: dict[str, str]) -> list[tuple[int, int, str]]:
    """The catalog's spans without a region's name that the document also writes as "X City":
    there "X" is the city (the gazetteer's), not the region ("Toyama City ... Toyama" in a
    document about the city, where the catalog knows Toyama Prefecture as "Toyama").

    >>> _cities_first([(0, 6, "toyama-prefecture"), (20, 26, "toyama-prefecture")], "Toyama City met us. Toyama is", {"toyama-prefecture": "Region"})
    []
    """
    cities = {text[a:b] for a, b, key in found if types[key] == "Region" and text.startswith(" City", b)}
    if not cities:
        return found
    return [(a, b, key) for a, b, key in found if not (types[key] == "Region" and text[a:b] in cities)]


_CITY_ITSELF = re.compile(r"(?: City| Metropolitan| Municipal)? (?:Government|City Hall|People['’]s Committee|Municipality)")
_GOVERNMENT_OF = re.compile(r"(?:(?:Provincial|City|Municipal|Metropolitan) )?Government of ")
_COMPANY_FORM = re.compile(r",? (?:Co\., ?Ltd\.|Co\.|Ltd\.|Inc\.|Corp\.|Corporation|Pte\.? Ltd\.|LLC)$")


_NAMED_AFTER_GENERIC = re.compile(r" (?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2}\b")


def _generic_names(text: str, dropped: list[tuple[int, int, str]], types: dict[str, str]) -> list[Candidate]:
    """A generic alias left unlinked followed by a proper name is a new entity of its kind:
    "PDAM Tirtanadi" (a water utility, as "PDAM" is for Surabaya's)."""
    out = []
    for a, b, key in dropped:
        m = _NAMED_AFTER_GENERIC.match(text, b)
        if m and text[a:b].isupper():
            out.append(Candidate(text[a:m.end()], types[key], "generic-name", a, m.end()))
    return out


def _place_key(place: Place, by_geonames: dict[str, str]) -> str:
    return by_geonames.get(place.geonames) or CANDIDATE + place.id


class _Spans:
    """Sorted (start, end) spans answering "does any overlap / cover this one?" by bisection.
    Made from tuples that begin with start and end (mentions), read by ``itemgetter``."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = list(map(_FIRST, spans))
        self.reach = list(itertools.accumulate(map(_SECOND, spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end


_FIRST, _SECOND, _START_END = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(0, 1)
# A named tuple made as a tuple: its class's ``__new__`` is a Python function, called per
# mention and sentence by the ten thousand.
_new = tuple.__new__


def _sentences(text: str, bounds: list[tuple[int, int]]) -> list[Sentence]:
    """The sentences of ``text`` at ``bounds`` (start, end), as ``split`` gave them."""
    return [_new(Sentence, (a, b, text[a:b])) for a, b in bounds]


def _lowercase_word(text: str, word: str) -> bool:
    """Whether ``word`` (lowercase) stands in ``text`` as a whole word."""
    at = text.find(word)
    while at >= 0:
        if (at == 0 or not text[at - 1].isalnum()) and (at + len(word) >= len(text) or not text[at + len(word)].isalnum()):
            return True
        at = text.find(word, at + 1)
    return False


def _first_pass(doc_id: str):
    catalog_finder, types, by_geonames = _STATE["known"]
    doc = _STATE["corpus"][doc_id]
    places = gazetteer()
    text = doc.text
    sentences = _STATE["split"][doc_id] = split(text)  # kept for the second pass when it runs in this process
    dropped: list[tuple[int, int, str]] = []
    found = [_new(Found, (a, b, key, types[key]))
             for a, b, key in _cities_first(_in_context(catalog_finder.spans(text), dropped), text, types)]
    taken = _Spans(found)
    common: dict[str, bool] = {}  # single-word name -> also written in lowercase in this text
    new_places: dict[str, Place] = {}
    starts, reach = taken.starts, taken.reach
    for start, end, name in place_finder().spans(text):
        i = bisect.bisect_left(starts, end)
        if i and reach[i - 1] > start:  # as ``taken.overlaps``, inline: most places are known names
            continue
        surface = text[start:end]
        if " " not in surface and "-" not in surface:
            if surface not in common:
                common[surface] = _lowercase_word(text, surface.lower())
            if common[surface]:
                continue
        place = places[name]
        key = _place_key(place, by_geonames)
        found.append(_new(Found, (start, end, key, types.get(key, place.type))))
        if key.startswith(CANDIDATE):
            new_places[key] = place
    found.sort()  # tuples: by start, end, key
    known = _Spans(found)
    ends_at = dict(map(_START_END, found))  # start -> end of each mention, the last one's where two start together
    places_ending = {f.end: f.start for f in found if f.type in ("City", "Region")}
    city_ends = {f.end for f in found if f.type == "City"}
    candidates = []
    unwrapped = _unwrapped(text, sentences)
    for c in _generic_names(text, dropped, types) + propose(unwrapped):
        if c.type == "LocalGovernment" and ((c.start in ends_at and _CITY_ITSELF.fullmatch(unwrapped, ends_at[c.start], c.end))
                                            or (c.end in city_ends and _GOVERNMENT_OF.match(c.name))):
            continue  # "Quezon City Government", "Government of DKI Jakarta": the city itself, as the catalog has it
        if c.start in ends_at:  # "Yokohama City and Nippon Koei Co., Ltd."
            c = after_known(c, ends_at[c.start], unwrapped)
        elif c.rule == "acronym" and c.type == "LocalGovernment" and c.start - 1 in places_ending and text[c.start - 1] == " ":
            # "Da Nang Department of Natural Resources and Environment (DONRE)": the initials left the city out
            c = replace(c, name=text[places_ending[c.start - 1]:c.end], start=places_ending[c.start - 1])
        if c is not None and not known.covers(c.start, c.end):  # else: already known
            candidates.append(c)
    # sentences travel back as offsets: their text is the document's
    return doc.id, list(map(_START_END, sentences)), found, candidates, new_places


def _unwrapped(text: str, sentences: list[Sentence]) -> str:
    """``text`` with the line breaks inside its sentences made spaces (offsets unchanged), so
    that a name wrapped onto the next line is still one name ("the International Center
    for\nEnvironmental Technology Transfer"); a line break between sentences stays."""
    pieces: list[str] = []
    at = 0
    for s in sentences:
        if "\n" in s.text:
            pieces += (text[at:s.start], s.text.replace("\n", " "))
            at = s.end
    return "".join(pieces) + text[at:] if pieces else text


_CAPITALISED_RUN = r"[A-Z][a-zA-Z\-]+(?:[ \t]+(?:of|for|and|the|on|de|&)?[ \t]*[A-Z][a-zA-Z\-]+)+"
_CAPITALISED = re.compile(r"\b" + _CAPITALISED_RUN)
_CAPITALISED_ANYWHERE = re.compile(_CAPITALISED_RUN)  # starts on a capital: scanned for at C speed


def _unmatched(text: str, known: _Spans) -> list[str]:
    """Every match of ``_CAPITALISED`` in ``text`` that overlaps no span of ``known``.
    Without its leading ``\b`` the regular expression engine skips to each capital letter at
    C speed (twice as fast); a run found starting inside a word is searched again from its
    next character, where the ``\b`` form's own match, if any, lies (it ends where the run
    ends). One loop, with the bisection inline: it meets every capitalised run."""
    out: list[str] = []
    starts, reach = known.starts, known.reach
    bisect_left = bisect.bisect_left
    for m in _CAPITALISED_ANYWHERE.finditer(text):
        start, end = m.span()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # inside a word: no \b before it
            m = _CAPITALISED.search(text, start + 1, end)
            if m is None:
                continue
            start, end = m.span()
        i = bisect_left(starts, end)
        if not (i > 0 and reach[i - 1] > start):  # as ``known.overlaps``
            out.append(m.group())
    return out


def _second_pass(i: int):
    doc_id, bounds, found, _cands, _places = _STATE["first"][i]  # inherited, not sent
    text = _STATE["corpus"][doc_id].text
    sentences = _STATE["split"].get(doc_id) or _sentences(text, bounds)
    cand_finder, cand_types = _STATE["candidates"]
    named_after: list[tuple[Found, Found]] = []
    found = _with_candidates(found, [_new(Found, (a, b, key, cand_types[key])) for a, b, key in cand_finder.spans(text)],
                             named_after, text)
    author = next((f.key for f in found if f.type == "City"), None)  # "we": the first city a text names, its writer's
    hits = sorted(apply(text, sentences, found, main=main_city(found), author=author) + parts_by_name(sentences, named_after)
                  + parts_by_address(text, sentences, found),
                  key=lambda h: (h.sentence.start, h.p, h.s, h.o, h.rule))
    known = _Spans(found)
    unmatched = _unmatched(text, known)
    return doc_id, found, hits, unmatched


_POSSESSIVE = re.compile(r".?['’]s ")


def _with_candidates(found: list[Found], extra: list[Found], named_after: list | None = None,
                     text: str = "") -> list[Found]:
    """Candidate mentions added to the known ones: a candidate's longer name wins over the
    known names inside it ("Osaka Waterworks Bureau" over "Osaka"); one that crosses or sits
    inside a known mention is dropped. ``named_after`` gets (candidate, known name it starts
    with) for each candidate that starts with a known name, or follows one's possessive in
    ``text`` ("Saitama's River Management Division")."""
    starts = [f.start for f in found]
    inside: set[int] = set()
    kept: list[Found] = []
    for c in extra:
        k = bisect.bisect_left(starts, c.end) - 1
        overlapping = []
        while k >= 0 and found[k].start > c.start - 300:
            if found[k].end > c.start:
                overlapping.append(k)
            k -= 1
        if all(c.start <= found[i].start and found[i].end <= c.end for i in overlapping):
            inside.update(overlapping)
            kept.append(c)
            if named_after is not None and overlapping and found[min(overlapping)].start == c.start:
                named_after.append((c, found[min(overlapping)]))
            elif named_after is not None and text and _POSSESSIVE.fullmatch(text, max(0, c.start - 4), c.start):
                k = bisect.bisect_left(starts, c.start) - 1
                if k >= 0 and found[k].end in (c.start - 3, c.start - 2):
                    named_after.append((c, found[k]))
    return sorted([f for i, f in enumerate(found) if i not in inside] + kept)  # by start, end, key


def _map(func, items: list, sizes: list[int], processes: int, progress: Callable[[int], None] | None) -> list:
    """``func`` over ``items`` in order, in forked workers (which inherit ``_STATE``) when
    the corpus is large enough to gain from them. Workers take the largest items first, so
    that one long document does not run alone at the end while the other cores idle.

    Objects made before the call stay out of the garbage collections meanwhile (the
    catalog, the gazetteer, rdflib graphs, the first pass's results): else each full
    collection walks them all again (a tenth of one process's time), and each forked worker
    copies the parent's whole heap page by page as it walks it. The youngest generation is
    collected after 20,000 new objects instead of 700: the mentions, sentences and hits made
    by the ten thousand hold no cycles, and each collection walked them all in vain."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_YOUNG_OBJECTS, *thresholds[1:])
    try:
        return _map_frozen(func, items, sizes, processes, progress)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


_YOUNG_OBJECTS = 20_000


def _map_frozen(func, items: list, sizes: list[int], processes: int, progress: Callable[[int], None] | None) -> list:
    total = sum(len(d.text) for d in _STATE["corpus"].values())
    if processes > 1 and len(items) > 1 and total >= PARALLEL_MIN_CHARS and "fork" in multiprocessing.get_all_start_methods():
        order = sorted(range(len(items)), key=lambda i: -sizes[i])
        out: list = [None] * len(items)
        with multiprocessing.get_context("fork").Pool(min(processes, len(items))) as pool:
            for i, result in zip(order, pool.imap(func, [items[i] for i in order], chunksize=1)):
                out[i] = result
                if progress:
                    progress(1)
        return out
    out = []
    for item in items:
        out.append(func(item))
        gc.freeze()  # this item's results too: they live to the end, walked by no collection
        if progress:
            progress(1)
    return out


def _merge_candidates(proposed: dict[str, list[Candidate]], catalog: Catalog, places: dict[str, Place]) -> dict[str, NewEntity]:
    labels = {label.casefold() for e in catalog.entities.values() for label in e.labels}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, Candidate] = {}
    acronyms: dict[str, set[str]] = defaultdict(set)
    for doc_id in sorted(proposed):
        for cand in proposed[doc_id]:
            if cand.name.casefold() in labels:
                continue
            key = CANDIDATE + slugify(cand.name)
            if key in places:
                continue
            surfaces[key][cand.name] += 1
            first.setdefault(key, cand)
            if cand.acronym and cand.acronym.casefold() not in labels:
                acronyms[key].add(cand.acronym)
    out: dict[str, NewEntity] = {}
    known_places = gazetteer()
    for key in sorted(first):
        name = sorted(surfaces[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        aliases = sorted((set(surfaces[key]) - {name}) | acronyms[key] | _bare_region(name, first[key].type, labels, known_places)
                         | _bare_company(name, first[key].type, labels))
        out[key] = NewEntity(key, name, first[key].type, first[key].rule, aliases)
    return out


_REGION_HEAD = re.compile(r"^([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:Province|Prefecture|Regency)$")


def _bare_region(name: str, kind: str, labels: set[str], places: dict) -> set[str]:
    """"Hunan" for a proposed "Hunan Province", unless the catalog or the gazetteer has that
    name for something else ("Chiang Mai Province": Chiang Mai is the city).

    >>> sorted(_bare_region("Hunan Province", "Region", set(), {})), sorted(_bare_region("Chiang Mai Province", "Region", set(), {"Chiang Mai": 1}))
    (['Hunan'], [])
    """
    m = _REGION_HEAD.match(name) if kind == "Region" else None
    if m is None or m.group(1).casefold() in labels or m.group(1) in places:
        return set()
    return {m.group(1)}


def _bare_company(name: str, kind: str, labels: set[str]) -> set[str]:
    """"Higo Water Engineering" for "Higo Water Engineering Co., Ltd.", when two words or more
    are left and the catalog has no such name.

    >>> _bare_company("Higo Water Engineering Co., Ltd.", "Company", set()), _bare_company("Acme Inc.", "Company", set())
    ({'Higo Water Engineering'}, set())
    """
    bare = _COMPANY_FORM.sub("", name) if kind == "Company" else name
    if bare == name or len(bare.split()) < 2 or bare.casefold() in labels:
        return set()
    return {bare}


def extract(catalog: Catalog, corpus: dict[str, CorpusDocument], *, processes: int | None = None,
            progress: Callable[[int], None] | None = None) -> Extraction:
    """Mentions, new entities and relations of every document of ``corpus``.

    ``processes`` defaults to the number of cores; ``progress`` is called with 1 after each
    document of each pass (2 x documents calls in all).
    """
    processes = processes or os.cpu_count() or 1
    _STATE["corpus"] = corpus
    _STATE["known"] = _known(catalog)
    _STATE["split"] = split_here = {}  # document id -> sentences, of the documents split in this process
    place_finder()  # built before the workers fork, so that they share it
    try:
        ids = sorted(corpus)
        sizes = [len(corpus[d].text) for d in ids]
        first = _map(_first_pass, ids, sizes, processes, progress)
        places = {key: place for *_rest, found_places in first for key, place in found_places.items()}
        proposed = {doc_id: cands for doc_id, _s, _f, cands, _p in first}
        entities = _merge_candidates(proposed, catalog, places)
        _STATE["candidates"] = (MentionFinder({k: [e.name, *e.aliases] for k, e in entities.items()}),
                                {k: e.type for k, e in entities.items()})
        _STATE["first"] = first
        second = _map(_second_pass, list(range(len(first))), sizes, processes, progress)
    finally:
        _STATE.clear()
    for key, place in places.items():
        entities.setdefault(key, NewEntity(key, place.name, place.type, "gazetteer", [], place.geonames, place.iso))
    hits: dict[str, list[Hit]] = {}
    mentions: dict[str, list[Found]] = {}
    unmatched: Counter = Counter()
    unmatched_docs: dict[str, set[str]] = defaultdict(set)
    sentences = {doc_id: split_here.get(doc_id) or _sentences(corpus[doc_id].text, bounds)
                 for doc_id, bounds, *_rest in first}
    for doc_id, found, doc_hits, names in second:
        hits[doc_id] = doc_hits
        mentions[doc_id] = found
        for start, end, key, _type in found:
            if key in entities:
                entities[key].mentions.append((doc_id, start, end))
        for name in names:
            unmatched[name] += 1
            unmatched_docs[name].add(doc_id)
    entities = {k: e for k, e in sorted(entities.items()) if e.mentions}
    return Extraction(entities, hits, unmatched, dict(unmatched_docs), mentions, sentences)
