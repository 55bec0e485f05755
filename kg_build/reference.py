"""What "the two cities", "they", "it", "we", "the city" and "the plant" stand for.

Each reference found becomes a mention of its own (a key no entity has, ``rules.PAIR``,
``REFER`` or ``DEF``, naming what it stands for and the sentence where that is named), so
that the rules read it as any other name and the evidence of a relation read from it runs
from where the entity is named.
"""
from __future__ import annotations

import bisect
import re
from functools import cache

import ahocorasick

from .arguments import LOCATIVE, joined
from .rules import DEF, PAIR, REFER, Found
from .sentences import Sentence

_TWO_BEFORE = re.compile(r"\b(?:the two|both(?: the)?) (?:partner )?$", re.IGNORECASE)  # ... "cities"
_PARTNER_SENTENCES = 2  # sentences before "the two cities" where both cities must be named
_PAIR_SENTENCES = 5  # ... or, for the document's own pair, where each was last named


def main_city(found: list[Found]) -> str | None:
    """The city a document is about: the one it names most, at least twice."""
    counts: dict[str, int] = {}
    for m in found:
        if m.type == "City":
            counts[m.key] = counts.get(m.key, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:1]
    return top[0][0] if top and top[0][1] >= 2 else None


def two_cities(text: str, sentences: list[Sentence], found: list[Found], main: str) -> list[Found]:
    """A mention of the pair for each "the two cities" whose sentence or the two before it
    name the document's ``main`` city and another (the one named most there, the latest if
    tied). Its key holds both cities and where the sentences naming them start, so that the
    evidence of a relation read from it names both."""
    out: list[Found] = []
    starts = [m.start for m in found]
    sentence_starts = [x.start for x in sentences]
    partner = None  # the document's other city, if one stands out: named twice, more than any third
    for phrase_start, phrase_end in _two_cities_phrases(text):
        i = bisect.bisect_right(sentence_starts, phrase_start) - 1
        if i < 0:
            continue
        if partner is None:
            partner = _partner(found, main) or ""
        first = sentences[max(0, i - _PARTNER_SENTENCES)].start
        named: dict[str, tuple[int, int]] = {}  # city -> (times named, last offset)
        for m in found[bisect.bisect_left(starts, first):bisect.bisect_left(starts, phrase_start)]:
            if m.type == "City":
                named[m.key] = (named.get(m.key, (0, 0))[0] + 1, m.start)
        others = [key for key in named if key != main]
        if main not in named or not others:
            if partner:  # named further back: the pair the document is about, if both are named a few sentences before
                last: dict[str, int] = {}
                lo = sentences[max(0, i - _PAIR_SENTENCES)].start
                for m in found[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, phrase_start)]:
                    if m.key in (main, partner):
                        last[m.key] = m.start
                if len(last) == 2:
                    span = sentences[bisect.bisect_right(sentence_starts, min(last.values())) - 1].start
                    out.append(Found(phrase_start, phrase_end, f"{PAIR}{main}\t{partner}\t{span}", "City"))
            continue
        other = max(others, key=lambda key: named[key])
        at = min(named[main][1], named[other][1])
        span = sentences[bisect.bisect_right(sentence_starts, at) - 1].start
        out.append(Found(phrase_start, phrase_end, f"{PAIR}{main}\t{other}\t{span}", "City"))
    return out


def _partner(found: list[Found], main: str) -> str | None:
    """The city other than ``main`` that the document names most, if at least twice and
    more often than any third city."""
    counts: dict[str, int] = {}
    for m in found:
        if m.type == "City" and m.key != main and not m.key.startswith(PAIR):
            counts[m.key] = counts.get(m.key, 0) + 1
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
        return top[0][0]
    return None


def _two_cities_phrases(text: str):
    """(start, end) of each "the two cities" or "both cities" in ``text``: the word "cities"
    is found by ``str.find`` (a regular expression over the whole text costs ten times more)."""
    for word in ("cities", "Cities"):
        at = text.find(word)
        while at >= 0:
            if not text[at + 6:at + 7].isalpha() and (m := _TWO_BEFORE.search(text, max(0, at - 24), at)):
                yield m.start(), at + 6
            at = text.find(word, at + 6)


# "it" or "the city" as a subject: then auxiliaries or adverbs, then a verb that is not one of
# an empty "it" ("it seems", "it is important", "it was decided that")
_PRONOUN = re.compile(r"\b(it|It|[Tt]he city|they|They) (?:(?:has|have|had|was|is|been|also|then|later|jointly|further|"
                      r"subsequently|successfully|again|now|recently|first|soon|actively|since|currently|formally|officially|"
                      r"both|together) )*"
                      r"(?!(?:seems|appears|means|remains|becomes|became|makes|goes|follows|needs|is|was|has|had)\b)"
                      r"(?:[a-z]+(?:ed|en|es|s)|won|held|built|run|made|took|sent|began|joined|set|are|were|"
                      r"(?:been|is|was) (?=(?:an?|the|one) ))\b(?! (?:that|to)\b)")  # "The city has been a member"


def pronouns(text: str, sentences: list[Sentence], found: list[Found], spans: list[tuple[int, int]],
              main: str | None = None) -> list[Found]:
    """A mention for each "it", "they" or "the city" standing as a subject, with the key and
    type of what it stands for: the first name of its sentence before it ("Toyama City, on the
    coast, has grown, and it was selected as ..."), else the first of the sentence before ("It
    joined ..."); a city for "the city"; for "they", that name and the one joined to it by "and"
    ("A and B are members of C. In 2020, they signed ..."). A place after "in" or "at" is not a
    subject. "We" and "our" are the document's author: its ``main`` city."""
    out: list[Found] = []
    starts = [s.start for s in sentences]
    if main is not None:
        for m in _words_at(text, ("we", "We", "our", "Our"), _WE):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i >= 0:
                out.append(Found(m.start(), m.end(), f"{REFER}{main}\t{sentences[i].start}", "City"))
    for m in _words_at(text, ("it ", "It ", "the city ", "The city ", "they ", "They "), _PRONOUN):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0:
            continue
        word = m.group(1)
        city = word.endswith("city")
        lo, hi = spans[i]
        here = [f for f in found[lo:hi] if f.end <= m.start()]
        if not here and i > 0:
            here = found[spans[i - 1][0]:spans[i - 1][1]]
        for f in here:
            if f.type == "Sector" or f.key.startswith(" ") or (city and f.type != "City"):
                continue
            if LOCATIVE.search(text, max(0, f.start - 30), f.start):
                continue
            span = sentences[bisect.bisect_right(starts, f.start) - 1].start
            end = m.start() + len(word)  # the pronoun, not the verb after it
            other = joined(found, f, text) if word in ("they", "They") else None
            key = f"{PAIR}{f.key}\t{other.key}\t{span}" if other else f"{REFER}{f.key}\t{span}"
            out.append(Found(m.start(), end, key, f.type))
            break
    return out


_WE = re.compile(r"(?:[Ww]e|[Oo]ur)\b")


def _words_at(text: str, words: tuple[str, ...], pattern: re.Pattern) -> list:
    """The matches of ``pattern`` where one of ``words`` begins a word, in order (str.find is
    many times faster than a regular expression scanning the whole text)."""
    out = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            if (i == 0 or not text[i - 1].isalnum()) and (m := pattern.match(text, i)):
                out.append(m)
            i = text.find(word, i + 1)
    return sorted(out, key=lambda m: m.start())


# a definite description and the types of what it stands for: "the plant" -> the last facility named
_DEFINITE_HEADS = {
    **dict.fromkeys(("plant", "facility", "landfill", "station", "centre", "center"), ("Facility",)),
    "project": ("Project",), **dict.fromkeys(("programme", "program", "initiative"), ("Programme",)),
    **dict.fromkeys(("fund", "scheme", "mechanism"), ("FundingScheme",)),
    **dict.fromkeys(("forum", "conference", "workshop", "seminar", "summit", "symposium"), ("Event",)),
    **dict.fromkeys(("company", "firm"), ("Company",)), "university": ("University",),
    **dict.fromkeys(("method", "system", "technology", "technique", "approach", "model"), ("Technology",)),
    **dict.fromkeys(("plan", "strategy", "roadmap", "blueprint"), ("Plan",)),
    **dict.fromkeys(("award", "prize"), ("Award",)), "network": ("CityNetwork",),
    **dict.fromkeys(("council", "bureau", "agency", "department", "division", "office", "municipality"),
                    ("LocalGovernment", "NationalGovernmentBody", "NGO")),
}
_DEFINITE = re.compile(r"(?:[Tt]he|[Tt]his|[Tt]hat) (" + "|".join(_DEFINITE_HEADS) + r")\b(?! of\b)")


@cache
def _definite_automaton():
    """"the plant", "This programme" ... in one automaton: one pass over a text finds them all."""
    automaton = ahocorasick.Automaton()
    for head in _DEFINITE_HEADS:
        for det in ("the", "The", "this", "This", "that", "That"):
            automaton.add_word(f"{det} {head}", len(det) + 1 + len(head))
    automaton.make_automaton()
    return automaton
_DEFINITE_SENTENCES = 3  # sentences back where the name it stands for may be


def definites(text: str, sentences: list[Sentence], found: list[Found], spans: list[tuple[int, int]]) -> list[Found]:
    """A mention for each "the plant", "this programme" and the like, standing for the last name
    of a fitting type in its sentence or the few before ("... at the Tra Noc Water Treatment
    Plant. The plant is operated by ..."); none where no such name is near."""
    out: list[Found] = []
    starts = [s.start for s in sentences]
    for m in _definite_matches(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0:
            continue
        types = _DEFINITE_HEADS[m.group(1)]
        lo = spans[max(0, i - _DEFINITE_SENTENCES)][0]
        k = bisect.bisect_left(found, (m.start(),)) - 1
        while k >= lo and not (found[k].type in types and found[k].end <= m.start() and not found[k].key.startswith(" ")):
            k -= 1
        if k >= lo:
            f = found[k]
            span = sentences[bisect.bisect_right(starts, f.start) - 1].start
            out.append(Found(m.start(), m.end(), f"{DEF}{f.key}\t{span}", f.type))
    return out


def _definite_matches(text: str):
    seen = -1
    for end, length in _definite_automaton().iter(text):
        start = end - length + 1
        if start > seen and (start == 0 or not text[start - 1].isalnum()) and (m := _DEFINITE.match(text, start)):
            seen = start  # "the plan" inside "the plant": one match
            yield m




def expand_reference(m: Found) -> list[Found]:
    """``m``, or the two cities it stands for, or what the pronoun stands for."""
    if m.key.startswith((REFER, DEF)):
        return [m._replace(key=m.key.split("\t")[1])]
    if not m.key.startswith(PAIR):
        return [m]
    return [m._replace(key=key) for key in m.key[len(PAIR):].split("\t")[:2]]


def evidence(sent: Sentence, text: str, *ends: Found) -> Sentence:
    """``sent``, or, when an end is "the two cities" or a pronoun, the sentences from where
    what it stands for is named."""
    spans = [int(m.key.rsplit("\t", 1)[1]) for m in ends if m.key.startswith((PAIR, REFER, DEF))]
    return Sentence(min(spans), sent.end, text[min(spans):sent.end]) if spans else sent
