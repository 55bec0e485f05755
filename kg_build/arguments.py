"""Where a rule's ends sit: the mentions before and after a trigger, in the same clause.

``arguments(rule, ...)`` reads a rule's layout (see ``rules.py``) and finds its subject and
object among the mentions of the trigger's sentence: the nearest of a fitting type before or
after, passing over a relative clause ("A, which works with B, is ..."), not a place named as
a location ("in Japan"), not a source ("experts from its bureau"), the sentence's first
subject for a verb whose subject is left out ("A received X, and hosted Y"). ``conjuncts``
adds the names joined to an end by "and" or commas.
"""
from __future__ import annotations

import bisect
import re

from .rules import REFER, Found, Rule
from .signatures import expand

_REACH = 160  # characters an argument may sit from its trigger
_PLACES = expand("Place")
_CLAUSE = re.compile(r";|\. |, (?:which|who|while|whereas|but)\b")


LOCATIVE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:[a-z][\w-]*\s+)?$")  # "in (northeastern) Thailand"  # "experts from A visited": A acts
_DESTINATION = re.compile(r"\bto\s+(?:the\s+)?$")  # "sent to Bandung to train": Bandung does not train
# a verb whose subject is left out, that of the sentence's first verb: "A received X in 2017,
# was selected as Y, and launched Z"
_ELIDED = re.compile(r",\s+(?:(?:and|as well as)\s+(?:(?:was|were|has|have|had|been|also|then|later)\s+)*|"
                     r"(?:was|were|has|have|had)\s+(?:(?:been|also|then|later)\s+)*)$")


# a relative clause or an apposition between a subject and its verb: "A, which works with B,
# is ...", "A, an agency under B, chairs ..."
_RELATIVE = re.compile(r",\s+(?:which|who|whose|(?:an?|the)\s+[a-z]|then\s|former\s|now\s)[^,;()]*,[^,;]*$")


def _before(ms: list[Found], at: int, types: frozenset[str], text: str, lo: int, *, actor: bool = True,
            elided: bool = True) -> Found | None:
    """The nearest mention of a fitting type before ``at`` in the same clause, passing over
    a relative clause ("A, which works with B, is ..."); as an ``actor``, a place named as
    a location ("... in Japan") does not count. Where ``at`` is a verb whose subject is left
    out (``elided``), the subject is the sentence's first actor."""
    window = text[max(0, at - lo - _REACH):at - lo]
    if actor and elided and _ELIDED.search(window):  # "A and B are X, as well as members of C": A and B are
        first = next((f for f in ms if f.type in types and f.end <= at and _actor(f, text, lo)), None)
        while first and (nxt := joined(ms, first, text, lo)) and nxt.end <= at and nxt.type in types:
            first = nxt
        if first is not None:
            return first
    if window.count(",") >= 2 and (rel := _RELATIVE.search(window)):
        closing = at - (len(window) - window.rindex(","))  # the clause's closing comma
        if not any(closing <= m.start and m.end <= at and m.type in types for m in ms):  # else the subject follows it
            at -= len(window) - rel.start()
    for m in reversed(ms):
        if m.end <= at and m.type in types:
            gap = text[m.end - lo:at - lo]
            if at - m.end > _REACH or (_CLAUSE.search(gap) and not _OWN_CLAUSE.fullmatch(gap)):
                return None
            if actor and not _actor(m, text, lo, gap):
                continue
            return m
    return None


def _actor(m: Found, text: str, lo: int, gap: str = "") -> bool:
    """Whether ``m`` can act: not a place named as a location ("in Japan"), nor a
    destination right before an infinitive ("to Bandung to train")."""
    if m.type not in _PLACES:
        return True
    before = text[max(0, m.start - lo - 30):m.start - lo]
    return not (LOCATIVE.search(before) or (gap.strip() == "to" and _DESTINATION.search(before))
                or (m.type == "Country" and _AFTER_PLACE.search(before)))


_AFTER_PLACE = re.compile(r"[A-Z][\w-]*,\s+$")  # "Surabaya, Indonesia": the country places the city


# the trigger in a relative clause of the mention right before it: "the Fund, which gave grants"
_OWN_CLAUSE = re.compile(r"\)?,\s+(?:which|who)\s+(?:[a-z]+\s+){0,3}")  # "... (ILEC), which is based in"
_SOURCE = re.compile(r"\b(?:from|under|(?:cooperation|collaboration|partnership|together|jointly) with)\s+"
                     r"(?:its\s+|their\s+|the\s+|a\s+)?$")  # "supported B in cooperation with C": C is no object


def _after(ms: list[Found], at: int, types: frozenset[str], text: str, lo: int, skip: str | None = None,
           *, source: bool = True, pronouns: bool = False) -> Found | None:
    """The nearest mention of a fitting type after ``at`` in the same clause; unless
    ``source``, one introduced by "from" ("experts from its bureau to ...") does not count."""
    sources: set[str] = set()
    for m in ms:
        if m.start >= at and m.type in types and m.key != skip and (pronouns or not m.key.startswith(REFER)):  # a pronoun: a subject
            if m.start - at > _REACH or _CLAUSE.search(text[at - lo:m.start - lo]):
                return None
            if not source and (m.key in sources or _SOURCE.search(text[max(0, at - lo, m.start - lo - 30):m.start - lo])):
                sources.add(m.key)  # not the trigger's own "under"; nor the source's acronym after it
                continue
            return m
    return None


def _start(m: Found) -> int:
    return m.start


_TITLE_OF = r"(?:(?:[Vv]ice[- ])?(?:Mayor|Governor|Chair(?:man|person)?|President|Head|Minister|Director)\s+of\s+(?:the\s+)?)?"
_BETWEEN_AND = re.compile(r"(?: City| Municipality)?,? (?:and|&) (?:the )?" + _TITLE_OF + "(?:City of )?")  # "the Mayor of A and the Governor of B"
_LINKED = re.compile(r"\b(?:with|between|and)\b")
_JOINED = re.compile(r"\band\b|&")
_TITLE_BETWEEN = re.compile(r"\s+(?:the\s+)?" + _TITLE_OF + r"(?:City of\s+)?")
_BY = re.compile(r"\bby\s+(?:the\s+)?(?:\w+\s+of\s+(?:the\s+)?)?$")  # "by (the Mayor of) B"
_ALONGSIDE = re.compile(r"(?:jointly|together|in (?:close )?(?:cooperation|collaboration|partnership)) with\b", re.IGNORECASE)
_ENDS_LINKED = re.compile(r"\b(?:with|between)$")  # a trigger ending in "with": the partner follows it


# a lowercase word after a name that is not a function word: the name is a modifier
_MODIFIER = re.compile(r" (?!(?:in|for|of|to|and|on|with|by|which|that|was|is|has|had|were|are|at|from|under|as|since|"
                       r"until|through|into|during|after|before|while|when|where|or|but|will|would|can|could|aims?|"
                       r"adopted|approved|launched|prepared|formulated|developed|drafted)\b)[a-z]")


def arguments(rule: Rule, ms: list[Found], t0: int, t1: int, text: str, lo: int):
    if rule.layout == "active":
        return _before(ms, t0, rule.subject, text, lo), _after(ms, t1, rule.object, text, lo, source=False)
    if rule.layout == "passive":  # the agent follows "by" in the same phrase: "adopted by the council, ... Kyoto" is not Kyoto's
        agent = _after(ms, t1, rule.subject, text, lo, pronouns=True)
        if agent is not None and "," in text[t1 - lo:agent.start - lo]:
            return None, None
        done = _before(ms, t0, rule.object, text, lo, actor=False)
        if done is None and agent is not None and t0 - lo < 12 and text[t0 - lo:t0 - lo + 4].lower() == "with":
            done = _after(ms, agent.end, rule.object, text, lo)  # "With a grant from X, Y built ...": Y is funded
        return agent, done
    if rule.layout == "between":  # "the partnership between A and B"
        a = _after(ms, t1, rule.subject, text, lo)
        if a is not None and not _TITLE_BETWEEN.fullmatch(text, t1 - lo, a.start - lo):
            a = None
        k = ms.index(a) if a is not None else -1
        if a is None or k + 1 >= len(ms) or ms[k + 1].type not in rule.object:
            return None, None
        return a, (ms[k + 1] if _BETWEEN_AND.fullmatch(text[a.end - lo:ms[k + 1].start - lo]) else None)
    if rule.layout == "hosting":  # "A hosted officials from B for training": B may come after "from"
        return _before(ms, t0, rule.subject, text, lo), _after(ms, t1, rule.object, text, lo)
    if rule.layout == "under":
        k = bisect.bisect_left(ms, t1, key=_start)  # ``ms`` is sorted by start
        scheme = ms[k] if k < len(ms) else None
        if scheme is None or scheme.start != t1 or scheme.type not in rule.subject:
            return None, None
        return scheme, _before(ms, t0, rule.object, text, lo, actor=False) or _after(ms, scheme.end, rule.object, text, lo)
    if rule.layout == "adjacent":  # "the Award from B": the subject right before the trigger
        k = bisect.bisect_left(ms, t0, key=_start) - 1
        subject = ms[k] if k >= 0 and ms[k].type in rule.subject and not text[ms[k].end - lo:t0 - lo].strip() else None
        return subject, (_after(ms, t1, rule.object, text, lo) if subject else None)
    if rule.layout in ("own", "own-part", "owner", "based"):  # "its Climate Plan", "Hue's Climate Plan", "Toyama-based Hokuriku"
        k = bisect.bisect_left(ms, t1, key=_start)
        after = ms[k] if k < len(ms) and ms[k].start == t1 else None
        if after is not None and rule.layout != "based" and _MODIFIER.match(text, after.end - lo):
            return None, None  # "Kitakyushu's SDGs activities": the name describes another thing
        if rule.layout in ("own", "own-part"):  # "its Climate Plan"; "its Water Bureau" (the bureau is part of it)
            ours = ms[k - 1] if k > 0 and ms[k - 1].start == t0 and ms[k - 1].type in rule.subject else None  # "our": the author
            owner = (ours or _before(ms, t0, rule.subject, text, lo)) if after and after.type in rule.object else None
            return (owner, after) if rule.layout == "own" else (after, owner) if owner else (None, None)
        before = next((m for m in reversed(ms[:k]) if m.end == t0 - 1), None)  # right before the "'" or "-"
        s, o = (before, after) if rule.layout == "owner" else (after, before)
        return (s, o) if s and o and s.type in rule.subject and o.type in rule.object else (None, None)
    if rule.layout == "by-to":  # "a visit by A to B"
        visitor = _after(ms, t1, rule.subject, text, lo)
        place = _after(ms, visitor.end, rule.object, text, lo) if visitor else None
        return (visitor, place) if place and re.search(r"\bto\s+(?:the\s+)?$", text[visitor.end - lo:place.start - lo]) else (None, None)
    if rule.layout in ("award-by", "visit-by"):  # "was granted the A by B": A by B; "a visit to A by B": B visited A
        first = _after(ms, t1, rule.subject if rule.layout == "award-by" else rule.object, text, lo)
        agent = _after(ms, first.end, rule.object if rule.layout == "award-by" else rule.subject, text, lo) if first else None
        if agent is None or not _BY.search(text[first.end - lo:agent.start - lo]):
            return None, None
        return (first, agent) if rule.layout == "award-by" else (agent, first)
    if rule.layout == "selector":  # "selected by B as the first A": A is awarded by B
        selector = _after(ms, t1, rule.object, text, lo)
        return (_after(ms, selector.end, rule.subject, text, lo), selector) if selector else (None, None)
    if rule.layout == "sent":  # "Engineers from A were sent to B": A named inside the trigger, else before it
        inside = next((m for m in ms if t0 <= m.start and m.end <= t1 and m.type in rule.subject), None)
        return inside or _before(ms, t0, rule.subject, text, lo), _after(ms, t1, rule.object, text, lo)
    if rule.layout == "technology-place":
        tech = _after(ms, t1, rule.subject, text, lo) or _before(ms, t0, rule.subject, text, lo, actor=False)
        return tech, (_after(ms, max(t1, tech.end), rule.object, text, lo) if tech else None)
    a = _before(ms, t0, rule.subject, text, lo)  # pair: "A ... with B", else "A and B ..."
    if a is not None and _ALONGSIDE.match(text, t0 - lo):  # "A monitored B jointly with C": A works with C
        a = next((m for m in ms if m.type in rule.subject and m.end <= t0 and _actor(m, text, lo)
                  and not _CLAUSE.search(text, m.end - lo, t0 - lo) and not _JOINED.search(text, m.end - lo, t0 - lo)), a)
    b = _after(ms, t1, rule.object, text, lo, skip=a.key if a else None)
    if b is not None and b.type in _PLACES and LOCATIVE.search(text[max(0, b.start - lo - 30):b.start - lo]):
        b = None  # "signed a memorandum in Changsha": where, not with whom
    linked = b is not None and (_LINKED.search(text[t1 - lo:b.start - lo]) or _ENDS_LINKED.search(text, t0 - lo, t1 - lo))
    if a is not None and not linked:
        first = _before([m for m in ms if m.key != a.key], a.start, rule.object, text, lo, elided=False)
        if first is not None and _JOINED.search(text[first.end - lo:a.start - lo]):
            return first, a
    return a, b


_AND = re.compile(r"(?: (?:City|Province|Prefecture|Government|City Hall))?(?:\s*\([A-Z][\w&\-]*\))?\s*(?:,|,? and|&)\s+(?:the\s+)?")


_AND_OTHERS = re.compile(r",? (?:and|&) (?:others|other \w+)\b|,? etc\b")


def conjuncts(ms: list[Found], m: Found, types: frozenset[str], text: str, lo: int, *, forward: bool) -> list[Found]:
    """The mentions joined to ``m`` by "and" or commas ("to Hanoi and Hai Duong")."""
    out, i = [], ms.index(m)
    step = 1 if forward else -1
    while 0 <= i + step < len(ms):
        nxt = ms[i + step]
        if forward and nxt.type in _PLACES and nxt.type not in types and text[m.end - lo:nxt.start - lo] == " in " \
                and i + 2 * step < len(ms):  # "Lianyungang in China and Wellington": past the place
            m, i = nxt, i + step
            continue
        a, b = (m, nxt) if forward else (nxt, m)
        gap = text[a.end - lo:b.start - lo]
        if nxt.type not in types or not _AND.fullmatch(gap) or (not forward and ", and" in gap):
            break  # backwards, ", and" joins clauses more often than names
        if forward and nxt.type == "Country" and m.type != "Country" and gap.strip() == ",":
            break  # "Kuala Lumpur, Malaysia": the country places the city
        if not forward and not out and "and" not in gap and "&" not in gap and not _AND_OTHERS.match(text, m.end - lo):
            break  # "Under a project by A, B did ...": backwards, a list ends in "and" ("A, B and others")
        out.append(nxt)
        m, i = nxt, i + step
    return out


_GOVERNMENT_TYPES = frozenset({"City", "Region", "LocalGovernment"})
def joined(found: list[Found], f: Found, text: str, lo: int = 0) -> Found | None:
    """The mention joined to ``f`` by "and" right after it, if of a like type ("Tokyo and Kuala
    Lumpur"); ``text`` starts at offset ``lo`` of the document."""
    k = bisect.bisect_right(found, f)
    if (k < len(found) and _AND.fullmatch(text, f.end - lo, found[k].start - lo)
            and ", " not in text[f.end - lo:found[k].start - lo]):
        g = found[k]
        if g.key != f.key and (g.type == f.type or {f.type, g.type} <= _GOVERNMENT_TYPES):
            return g
    return None
