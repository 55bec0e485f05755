"""Finding relations: every rule over one document's sentences and typed mentions.

``apply`` tries each rule where one of its start words stands in a sentence whose mentions it
can join (one Aho-Corasick pass over the text's word view), and each rule without start words
at the mentions it may end at; the arguments come from ``arguments.py``, references from
``reference.py``. It returns ``Hit``s: subject, property, object, kind, year, the rule that
fired and a confidence that falls as the arguments sit further from the trigger.
``parts_by_name`` and ``parts_by_address`` read "part of" from how bodies are named.

>>> from c2ckg.kg_build.sentences import split
>>> text = "In 2019 Yokohama signed a memorandum of understanding with Da Nang."
>>> ms = [Found(8, 16, "yokohama", "City"), Found(59, 66, "da-nang", "City")]
>>> [(h.s, h.p, h.o, h.kind, h.year, h.rule) for h in apply(text, split(text), ms)]
[('yokohama', 'partnerOf', 'da-nang', 'mou', 2019, 'agreement-signed')]
"""
from __future__ import annotations

import bisect
import operator
import re
from functools import cache, lru_cache

import ahocorasick

from .arguments import _CLAUSE, arguments, conjuncts
from .reference import definites, evidence, expand_reference, pronouns, two_cities
from .rules import PAIR, RULES, Found, Hit, Rule, _PARTNERSHIP_KINDS, _SUPPORT_MODES
from .sentences import Sentence
from .signatures import expand, fits

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-3]\d)(?!\d)")  # "in FY2015" too


@cache
def _kinds(prop: str) -> tuple[tuple[re.Pattern, str], ...]:
    """The compiled kind patterns a relation of ``prop`` is read with, in order."""
    table = _PARTNERSHIP_KINDS if prop == "partnerOf" else _SUPPORT_MODES if prop == "supports" else ()
    return tuple((re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in table)


def _kind(rule: Rule, window: str) -> str | None:
    for pattern, kind in _kinds(rule.prop):
        if pattern.search(window):
            return kind
    return None


def _year(text: str, at: int, ends: tuple = (), lo: int = 0) -> int | None:
    """The year nearest ``at`` in ``text``, but not one inside a name of the relation's
    ``ends`` (mentions, offset by ``lo``): "the Blueprint 2030, launched in 2018"."""
    years = [(abs(start - at), year) for start, year in _years(text)
             if not any(e.start - lo <= start < e.end - lo for e in ends)]
    return min(years)[1] if years else None


@lru_cache(maxsize=256)
def _years(sentence: str) -> tuple[tuple[int, int], ...]:
    """(offset, year) of each year ``sentence`` names: read once for the triggers it holds."""
    return tuple((m.start(), int(m.group())) for m in _YEAR.finditer(sentence))


def _confidence(rule: Rule, gap: int) -> float:
    return _lowered(rule.confidence, gap)


@lru_cache(maxsize=4096)
def _lowered(confidence: float, gap: int) -> float:
    """``confidence`` lowered for arguments ``gap`` characters from the trigger (``round``
    with digits is slow, and the same few pairs come back)."""
    return round(max(0.3, confidence - 0.05 * max(0, gap - 40) / 40), 2)


# Bytes -> lowercase letters and digits, everything else a space: word starts become " word".
_WORDS_ONLY = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))


@cache
def _anchors(rules: tuple[Rule, ...]):
    """One automaton over every rule's first-word beginnings (each after a space, so that it
    only meets word starts; a whole word, such as "in_", also before one); each beginning
    maps to the rules to try there."""
    owners: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for start in rule.starts:
            owners.setdefault(start, []).append(i)
    automaton = ahocorasick.Automaton()
    for start, ids in owners.items():  # the value: where the match starts, back from its end
        automaton.add_word(" " + start.replace("_", " "), (len(start), tuple(ids)))
    automaton.make_automaton()
    return automaton


@cache
def _before_mentions(rules: tuple[Rule, ...]) -> dict[str, list[tuple[Rule, frozenset[str], re.Pattern]]]:
    """The rules without word beginnings by the words or marks their triggers end with, each
    with the types of the mention its trigger ends at and its trigger made to end there (a
    search stops at the mention, where the text's end is)."""
    out: dict[str, list] = {}
    for rule in rules:
        if not rule.starts:
            entry = (rule, rule.subject if rule.layout == "based" else rule.object,
                     re.compile(rf"(?:{rule.trigger.pattern})\Z", rule.trigger.flags))
            for end in rule.ends:
                out.setdefault(end, []).append(entry)
    return out


_SIDED = frozenset({"active", "passive", "between", "hosting", "under", "adjacent", "technology-place"})


def _partners(rule: Rule) -> dict[str, frozenset[str]]:
    """Subject type -> the object types ``rule`` accepts and the shapes allow with it: every
    hit's ends are mentions of its sentence of such types (in a pair layout either partner
    may take either place)."""
    ends = rule.subject | rule.object if rule.layout not in _SIDED else None
    objects = ends or rule.object
    return {s: frozenset(o for o in objects if fits(rule.prop, s, o)) for s in ends or rule.subject}


@cache
def _fitting(rules: tuple[Rule, ...]) -> tuple[dict[frozenset[str], frozenset[int]], tuple[dict, ...]]:
    """A sentence's set of mention types -> the rules that may fire there, filled as the
    sets are met (a few hundred in a corpus), and each rule's ``_partners``: most trigger
    words stand in sentences whose mentions no rule of theirs can join, and need no
    regular expression tried."""
    return {}, tuple(_partners(rule) for rule in rules)


_TYPE = operator.itemgetter(3)  # a mention's type


def _rules_for(fitting: tuple[dict, tuple[dict, ...]], ms: list[Found]) -> frozenset[int]:
    types = frozenset(map(_TYPE, ms))
    table, partners = fitting
    got = table.get(types)
    if got is None:
        got = table[types] = frozenset(k for k, objects in enumerate(partners)
                                       if any(not objects[t].isdisjoint(types) for t in types if t in objects))
    return got


def apply(text: str, sentences: list[Sentence], found: list[Found], *, rules: tuple[Rule, ...] = RULES,
          main: str | None = None, author: str | None = None) -> list[Hit]:
    """Every relation the rules find in ``text`` (whose ``sentences`` and mentions are given).
    With ``main``, the city the document is about, "the two cities" and "both cities" stand
    for it and the other city named most just before. "We" and "our" stand for ``author``, the
    city whose text it is (the first it names), and "the plant", "the project" and the like for
    the last name of that kind before them."""
    if main is not None and (extra := two_cities(text, sentences, found, main)):
        found = list(found)
        for f in extra:
            bisect.insort(found, f)  # few: cheaper than sorting again
    starts = [s.start for s in sentences]
    mention_starts = [m.start for m in found]
    # the mentions of each sentence, as a slice of ``found``
    spans = [(bisect.bisect_left(mention_starts, s.start), bisect.bisect_left(mention_starts, s.end)) for s in sentences]
    if extra := pronouns(text, sentences, found, spans, author) + definites(text, sentences, found, spans):
        found = sorted([*found, *extra])
        mention_starts = [m.start for m in found]
        spans = [(bisect.bisect_left(mention_starts, s.start), bisect.bisect_left(mention_starts, s.end)) for s in sentences]
    hits: list[Hit] = []
    words = " " + text.encode("ascii", "replace").translate(_WORDS_ONLY).decode("ascii")
    mentions_of = _sentence_mentions(spans, found)
    allowed: list[frozenset[int] | None] = [None] * len(sentences)  # the rules that may fire in each sentence
    table = _fitting(rules)
    bisect_right = bisect.bisect_right
    triggers = [rule.trigger.match for rule in rules]
    for end, (length, ids) in _anchors(rules).iter(words):
        at = end - length  # in ``text``: the leading space shifts by one
        i = bisect_right(starts, at) - 1
        if i < 0 or (ms := mentions_of[i]) is None:
            continue
        k = bisect_right(mention_starts, at) - 1
        if k >= 0 and found[k].end > at and found[k].start < at:
            continue  # inside a name: the "Fund" of "Japan-ASEAN Integration Fund" is no verb
            continue
        fitting = allowed[i]
        if fitting is None:
            fitting = allowed[i] = _rules_for(table, ms)
        sent = sentences[i]
        for k in ids:
            if k in fitting and (trig := triggers[k](text, at)):
                _rule_hits(rules[k], trig, sent, ms, hits, text)
    _at_mentions(text, sentences, starts, found, spans, rules, hits, words)
    hits += by_types(text, sentences, found, spans, hits)
    best: dict[tuple, Hit] = {}  # one hit per sentence, fact and rule: the surest
    for h in hits:
        key = (h.sentence.start, h.s, h.p, h.o, h.rule)
        if key not in best or (h.confidence, h.kind or "") > (best[key].confidence, best[key].kind or ""):
            best[key] = h
    return sorted(best.values(), key=lambda h: (h.sentence.start, h.p, h.s, h.o, h.rule))


def _at_mentions(text: str, sentences: list[Sentence], starts: list[int], found: list[Found], spans: list[tuple[int, int]],
                 rules: tuple[Rule, ...], hits: list[Hit], words: str) -> None:
    """The hits of the rules without start words, each tried at the mentions whose preceding
    word or mark its trigger can end with (the words found by one automaton pass over the
    text's word view, ``words``, and marks by ``str.find``)."""
    by_end = _before_mentions(rules)
    last: dict[int, str] = {}  # offset of a word's or mark's last character -> the word or mark
    for end, word in _end_words(rules).iter(words):  # " word " ends at ``end`` in ``words``, one on
        first = end - len(word) - 1  # the word's first character in ``text``
        if first == 0 or not text[first - 1].isalnum():  # a whole word there too (é is no break)
            last[end - 2] = word
    for mark in (e for e in by_end if not e[0].isalnum()):
        at = text.find(mark)
        while at >= 0:
            last[at] = mark
            at = text.find(mark, at + 1)
    for m in found:
        j = m.start - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        word = last.get(j, "")
        if word == "the":  # "of the", "in the": the word before it says which rules may end here
            k = j - 3
            while k >= 0 and text[k].isspace():
                k -= 1
            word = f"{last.get(k, '')} the"
        tried = by_end.get(word)
        for rule, types, ending in tried or ():
            if m.type in types and (trig := ending.search(text, max(0, m.start - rule.reach), m.start)):
                i = bisect.bisect_right(starts, m.start) - 1
                if i >= 0:
                    _rule_hits(rule, trig, sentences[i], found[spans[i][0]:spans[i][1]], hits, text)


@cache
def _end_words(rules: tuple[Rule, ...]):
    """One automaton over the words the rules tried at mentions end with, each between spaces."""
    automaton = ahocorasick.Automaton()
    for word in _before_mentions(rules):
        if word[0].isalnum():
            automaton.add_word(f" {word} ", word)
    automaton.make_automaton()
    return automaton


# Pairs of types whose co-occurrence in one clause states a relation on its own, whatever the
# verb: (subject types, object types, property); each pair tried once, where no rule has already
# read a relation between its two ends. Kept for what they added on the corpus and the labelled
# sets: a scheme and a project (13 of 15 new ones also curated), an agent and an award, a company
# and a technology; not a city and a network, nor a technology and a place (1 in 10 curated).
_BY_TYPES = (
    (expand("FundingScheme"), expand("Project", "Facility"), "funds"),
    (expand("Agent"), expand("Award"), "received"),
    (expand("Company"), expand("Technology"), "deploys"),
)
_BY_TYPES_CONFIDENCE = 0.5


def by_types(text: str, sentences: list[Sentence], found: list[Found], spans: list[tuple[int, int]],
             hits: list[Hit]) -> list[Hit]:
    """Relations stated by the types of two names alone, in one clause, when each of the pair's
    types is named once there ("the Green Fund's share of the Harbour Project": funds): a low
    confidence, the rule "by-types"."""
    related = {(h.sentence.start, frozenset((h.s, h.o))) for h in hits}
    out: list[Hit] = []
    for sent, (lo, hi) in zip(sentences, spans):
        if hi - lo < 2:
            continue
        ms = [m for m in found[lo:hi] if not m.key.startswith(" ")]
        present = {m.type for m in ms}
        for subjects, objects, prop in _BY_TYPES:
            if present.isdisjoint(objects) or present.isdisjoint(subjects):
                continue
            subs = [m for m in ms if m.type in subjects]
            objs = [m for m in ms if m.type in objects]
            if len(objs) != 1 or not subs or len({m.key for m in subs}) > 1:
                continue
            o, s_ = objs[0], subs[0]
            if s_.key == o.key or (sent.start, frozenset((s_.key, o.key))) in related or not fits(prop, s_.type, o.type):
                continue
            a, b = sorted((s_, o), key=lambda m: m.start)
            gap = sent.text[a.end - sent.start:b.start - sent.start]
            if len(gap) > _BY_TYPES_REACH or _CLAUSE.search(gap):
                continue
            out.append(Hit(s_.key, prop, o.key, "by-types", _BY_TYPES_CONFIDENCE, sent, None, _year(sent.text, s_.start - sent.start, (s_, o), sent.start)))
    return out


_BY_TYPES_REACH = 120


def _sentence_mentions(spans: list[tuple[int, int]], found: list[Found]) -> list[list[Found] | None]:
    """The mentions of each sentence (a slice of ``found``, by its ``spans``, made once for all
    its trigger words), or None for a sentence naming too few for any rule (many do): one
    mention, unless it is "the two cities"."""
    return [found[lo:hi] if hi - lo >= 2 or (hi > lo and found[lo].key.startswith(PAIR)) else None for lo, hi in spans]


def _rule_hits(rule: Rule, trig, sent: Sentence, ms: list[Found], hits: list[Hit], text: str) -> None:
    """The hits of one trigger match ``trig`` of ``rule`` in ``sent`` (mentions ``ms``)."""
    if trig.end() > sent.end:
        return
    s, o = arguments(rule, ms, trig.start(), trig.end(), sent.text, sent.start)
    if s is not None and s.key.startswith(PAIR) and (o is None or o.key == s.key) and rule.layout == "pair":
        o = s  # "the two cities signed an MOU": one with the other
    if s is None or o is None:
        return
    proof = evidence(sent, text, s, o)
    gap = max(abs(trig.start() - s.end), abs(o.start - trig.end()), 0)
    subjects, objects = [s], [o]
    if rule.layout in ("active", "hosting"):  # "A and B are members of C", "spread to C and D"
        subjects += conjuncts(ms, s, rule.subject, sent.text, sent.start, forward=False)
        objects += conjuncts(ms, o, rule.object, sent.text, sent.start, forward=True)
    elif rule.layout == "passive":  # "C was organised with A and B"
        subjects += conjuncts(ms, s, rule.subject, sent.text, sent.start, forward=True)
    subjects = [e for m in subjects for e in expand_reference(m)]  # "both cities are members of C": each of them
    objects = [e for m in objects for e in expand_reference(m)]
    pairs = [(subj, obj) for subj in subjects for obj in objects
             if subj.key != obj.key and fits(rule.prop, subj.type, obj.type)]
    if s.key == o.key:  # the two cities with each other: once
        pairs = pairs[:1]
    if not pairs:
        return
    if rule.layout == "pair" and rule.name.endswith("-passive"):  # "a memorandum ... was signed between": named before
        window = sent.text[max(0, trig.start() - sent.start - 90):trig.end() - sent.start]
        if _kind(rule, window) is None:
            return
    elif rule.layout == "between":  # the kind of tie stands before "between"
        window = sent.text[max(0, trig.start() - sent.start - (90 if rule.name.endswith("-between") else 40)):trig.end() - sent.start]
    else:
        window = sent.text[trig.start() - sent.start:trig.end() - sent.start + 90]
    kind, year = _kind(rule, window), _year(sent.text, trig.start() - sent.start, (s, o), sent.start)
    confidence = _confidence(rule, gap)
    for subj, obj in pairs:
        hits.append(Hit(subj.key, rule.prop, obj.key, rule.name, confidence, proof, kind, year))


_GOVERNMENTS = frozenset({"City", "Region"})
_NATIONAL_NAME = re.compile(r"\b(?:Ministry|National|State|Japan|Government)\b")
_PROVINCIAL_NAME = re.compile(r"\b(?:Provinc\w*|Prefectur\w*|Regional|Regency)\b")  # "Cebu Provincial Government": not the city's
_BODIES = frozenset({"LocalGovernment", "NationalGovernmentBody"})  # "Semarang Disaster Management Agency": the city's


def parts_by_name(sentences: list[Sentence], named_after: list[tuple[Found, Found]]) -> list[Hit]:
    """A local government body named after its city or region is part of it ("the Sapporo City
    Environment Bureau" -> Sapporo): ``named_after`` holds (body, the name it starts with).

    >>> from c2ckg.kg_build.sentences import split
    >>> text = "The Hue City Water Bureau met us."
    >>> bureau, city = Found(4, 25, "hue-city-water-bureau", "LocalGovernment"), Found(4, 7, "hue", "City")
    >>> [(h.s, h.p, h.o, h.rule) for h in parts_by_name(split(text), [(bureau, city)])]
    [('hue-city-water-bureau', 'partOf', 'hue', 'name-part-of')]
    """
    starts = [s.start for s in sentences]
    hits: dict[tuple[str, str], Hit] = {}
    for body, place in named_after:
        if body.type not in _BODIES or place.type not in _GOVERNMENTS or (body.key, place.key) in hits:
            continue
        i = bisect.bisect_right(starts, body.start) - 1
        if body.type != "LocalGovernment" and (place.type != "City" or i < 0 or _NATIONAL_NAME.search(
                sentences[i].text, body.start - sentences[i].start, body.end - sentences[i].start)):
            continue
        if place.type == "City" and i >= 0 and _PROVINCIAL_NAME.search(
                sentences[i].text, body.start - sentences[i].start, body.end - sentences[i].start):
            continue
        if i >= 0 and body.end <= sentences[i].end:
            hits[(body.key, place.key)] = Hit(body.key, "partOf", place.key, "name-part-of", 0.75, sentences[i])
    return list(hits.values())


_ADDRESS = re.compile(r", (?:the )?")


def parts_by_address(text: str, sentences: list[Sentence], found: list[Found]) -> list[Hit]:
    """A local government body written as an address, its parent after a comma, the line
    ending in such parents ("Global Partnerships Section, Nagoya City Environment Bureau";
    "General Affairs Division, Environment Bureau, City of Kitakyushu") is part of it.

    >>> from c2ckg.kg_build.sentences import split
    >>> text = "Contact: Water Section, Hue City\\nMore news."
    >>> ms = [Found(9, 22, "water-section", "LocalGovernment"), Found(24, 32, "hue", "City")]
    >>> [(h.s, h.p, h.o) for h in parts_by_address(text, split(text), ms)]
    [('water-section', 'partOf', 'hue')]
    """
    starts = [s.start for s in sentences]
    hits: dict[tuple[str, str], Hit] = {}
    line_ends: set[int] = set()  # mentions that end an address line, walking back along its commas
    for a, b in reversed(list(zip(found, found[1:]))):
        if text[b.end:b.end + 2] in ("\n", "", ".", ".\n") or text[b.end:b.end + 1] == "\n":
            line_ends.add(b.start)
        if b.start in line_ends and _ADDRESS.fullmatch(text, a.end, b.start):
            line_ends.add(a.start)
    for a, b in zip(found, found[1:]):
        if a.type != "LocalGovernment" or b.type not in ("LocalGovernment", "City", "Region") or a.key == b.key:
            continue
        if not _ADDRESS.fullmatch(text, a.end, b.start) or b.start not in line_ends:
            continue
        i = bisect.bisect_right(starts, a.start) - 1
        if i >= 0 and (a.key, b.key) not in hits and fits("partOf", a.type, b.type):
            hits[(a.key, b.key)] = Hit(a.key, "partOf", b.key, "address-part-of", 0.7, sentences[i])
    return list(hits.values())
