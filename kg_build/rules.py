"""Relation rules: trigger words in a sentence and the typed mentions around them.

Each ``Rule`` names a property, a trigger (a regular expression over the document), the
types its subject and object may have, how its arguments sit around the trigger, and a base
confidence. ``apply`` runs every rule over one document's sentences and returns ``Hit``s:
subject, property, object, kind, year, the rule that fired and a confidence that falls as
the arguments sit further from the trigger.

Argument layouts:
- ``active``: subject before the trigger, object after ("A dispatched experts to B");
- ``passive``: object before, subject after ("B was funded by A");
- ``pair``: two partners, before and after, or both before ("A and B signed an MOU");
- ``under``: the scheme after the trigger funds the initiative before it ("... under the JCM").

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
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import ahocorasick

from .sentences import Sentence
from .signatures import expand, fits


class Found(NamedTuple):
    """A mention with its entity key and type, offsets into the document (a tuple: cheap to
    send between processes)."""

    start: int
    end: int
    key: str
    type: str


@dataclass(frozen=True)
class Rule:
    name: str
    prop: str
    trigger: re.Pattern
    subject: frozenset[str]
    object: frozenset[str]
    layout: str = "active"
    confidence: float = 0.7
    starts: tuple[str, ...] = ()  # lowercase beginnings of the trigger ("_" a space: "in_" is the word "in")


@dataclass(frozen=True)
class Hit:
    s: str
    p: str
    o: str
    rule: str
    confidence: float
    sentence: Sentence
    kind: str | None = None
    year: int | None = None


def _rule(name, prop, starts, trigger, subject, obj, layout="active", confidence=0.7) -> Rule:
    return Rule(name, prop, re.compile(trigger, re.IGNORECASE), expand(*subject), expand(*obj), layout, confidence,
                tuple(starts.split()))


_AGENT = ("Agent",)
_DOING = ("Initiative", "Plan", "Technology", "Facility", "Agreement", "Event")
_ORGS = ("Organisation", "Initiative", "Facility", "Event", "Plan")
_AGREEMENT_WORDS = r"(?=[^.;]{0,90}\b(?:MOU|MoU|MOC|memorand\w*|agreements?|letters? of intent|LOI|declarations?|partnerships?|sister)\b)"
RULES: tuple[Rule, ...] = (
    _rule("agreement-signed", "partnerOf", "sign conclud renew exchang entered",
          r"\b(?:sign(?:ed|s|ing)?|conclud(?:ed|es|ing)|renew(?:ed|s|ing)?|exchang(?:ed|es|ing)|entered into|concluded)\b"
          + _AGREEMENT_WORDS, _AGENT, _AGENT, "pair", 0.85),
    _rule("sister-city", "partnerOf", "environmental_sister sister friendship twin partner",
          r"\b(?:(?:environmental )?sister[- ]cit(?:y|ies)|friendship[- ]cit(?:y|ies)|twin(?:ned)? cit(?:y|ies)|"
          r"(?:friendship|sister|partner) (?:city )?(?:relationship|ties|affiliation)|partner cit(?:y|ies))\b",
          ("City", "Region", "LocalGovernment"), ("City", "Region", "LocalGovernment"), "pair", 0.8),
    _rule("partnership-between", "partnerOf", "between",  # anchored on the rarer word, the kind of tie before it
          r"(?:(?<=\bpartnership )|(?<=\brelationship )|(?<=\bagreement )|(?<=\bties )|(?<=\bunderstanding ))between\b",
          ("City", "Region", "LocalGovernment"), ("City", "Region", "LocalGovernment"), "between", 0.8),
    _rule("agreement-signed-passive", "partnerOf", "was_sign was_conclud was_exchang was_renew were_sign were_conclud "
          "were_exchang were_renew been_sign been_conclud been_exchang been_renew",
          r"\b(?:was|were|been) (?:sign|conclud|exchang|renew)ed (?:between|by|with)\b",
          _AGENT, _AGENT, "pair", 0.8),
    _rule("agreement-signed-document", "signed", "sign conclud renew",
          r"\b(?:sign(?:ed|s|ing)?|conclud(?:ed|es|ing)|renew(?:ed|s|ing)?)\b", _AGENT, ("Agreement",), "active", 0.75),
    _rule("experts-dispatched", "supports", "dispatch send sent seconded",
          r"\b(?:dispatch(?:ed|es|ing)?|sen[dt]s?|seconded)\b(?=[^.;]{0,50}\b(?:experts?|engineers?|staff|advisers?|advisors?|specialists?)\b)"
          r"(?![^.;]{0,90}\bfor (?:training|study)\b)",
          _AGENT, ("Agent", "Initiative", "Plan"), "active", 0.8),
    _rule("sent-for-training", "supports", "sent send dispatch",
          r"\b(?:sen[dt]s?|dispatch(?:ed|es)?)\b(?=[^.;]{0,60}\b(?:officials?|officers?|staff|engineers?|trainees?|employees?|"
          r"workers?|technicians?)\b[^.;]{0,40}\bfor (?:training|study|a study tour)\b)",
          _AGENT, _AGENT, "passive", 0.75),
    _rule("trainees-accepted", "supports", "accept receiv host invit",
          r"\b(?:accept(?:ed|s|ing)?|receiv(?:ed|es|ing)|host(?:ed|s|ing)?|invit(?:ed|es|ing))\b(?=[^.;]{0,40}\b(?:trainees?|interns?|"
          r"(?:officials?|officers?|staff|engineers?|technicians?|employees?|delegates?)\b[^.;]{0,40}\bfor (?:training|study|a study tour))\b)",
          _AGENT, _AGENT, "hosting", 0.75),
    _rule("sharing", "supports", "shar",
          r"\bshar(?:e|es|ed|ing) (?:its |their )?(?:\w+ )?(?:experience|know-how|expertise|knowledge|lessons)\b[^.;]{0,60}?\bwith\b",
          _AGENT, ("Agent",), "active", 0.7),
    _rule("support", "supports", "support assist help advis train provid technical capacity",
          r"(?<!was )(?<!were )(?<!been )(?<! are )(?<! is )(?<! be )"
          r"\b(?:support(?:ed|s|ing)?|assist(?:ed|s|ing)?|help(?:ed|s|ing)?|advis(?:ed|es|ing)|train(?:ed|s)|"
          r"provid(?:ed|es|ing) (?:technical |financial )?(?:support|assistance|advice|training|guidance)|"
          r"(?:technical|capacity[- ]building) (?:cooperation|assistance|support) (?:to|for))\b(?! (?:by|from|of)\b)",
          _AGENT, ("Agent", "Initiative", "Plan"), "active", 0.7),
    _rule("support-passive", "supports", "support assist advis help train with_ back",
          r"\b(?:support|assist|advis|help|train|back)(?:ed)? by\b|\btrained (?:in|at)\b|"
          r"\bwith (?:the )?(?:technical |financial )?(?:support|assistance|help|cooperation|advice) (?:of|from)\b",
          _AGENT, ("Agent", "Initiative", "Plan"), "passive", 0.7),
    _rule("funding", "funds", "fund financ grant subsidi co-financ gave give given award provid",
          r"\b(?:fund(?:ed|s|ing)?|financ(?:ed|es|ing)|grant(?:ed)? aid (?:to|for)|subsidi[sz](?:ed|es|ing)|(?<=co-)financ(?:e|ed|es|ing)|"
          r"(?:gave|give[sn]?|award(?:ed|s)?|provid(?:ed|es)) (?:\w+ )?grants? (?:to|for))\b(?! (?:by|from|through)\b)",
          ("Agent", "FundingScheme", "Programme"), ("Initiative", "Facility", "Plan", "Agent", "Technology"), "active", 0.75),
    _rule("funding-passive", "funds", "fund financ subsidi co-financ sponsor with_",
          r"\b(?:fund|financ|subsidi[sz]|co-financ|sponsor)(?:ed)? (?:by|through)\b|"
          r"\bwith (?:the )?(?:funding|financing|financial support|grant aid|a grant|a loan|a subsidy) (?:of|from)\b",
          ("Agent", "FundingScheme", "Programme"), ("Initiative", "Facility", "Plan", "Agent", "Technology"), "passive", 0.75),
    _rule("under-scheme", "funds", "under_ through_ using_ via_ with_",
          r"\b(?:under|through|using|via|with) (?:the |a )?(?=[A-Z])", ("FundingScheme",),
          ("Project", "Facility", "Technology", "Plan"), "under", 0.7),
    _rule("introduced-in", "introducedIn", "introduc install demonstrat deploy appl adopt piloted tested brought",
          r"\b(?:introduc(?:ed|es|ing)|install(?:ed|s|ing)|demonstrat(?:ed|es|ing)|deploy(?:ed|s|ing)|"
          r"appl(?:ied|ies|ying)|adopt(?:ed|s|ing)|piloted|tested|brought)\b",
          ("Technology",), ("City", "Region", "Country", "Facility"), "technology-place", 0.7),
    _rule("deploys", "deploys", "introduc install demonstrat deploy appl adopt used uses using piloted tested",
          r"\b(?:introduc(?:ed|es|ing)|install(?:ed|s|ing)|demonstrat(?:ed|es|ing)|deploy(?:ed|s|ing)|"
          r"appl(?:ied|ies|ying)|adopt(?:ed|s|ing)|us(?:ed|es|ing)|piloted|tested)\b(?! by)",
          ("Agent", "Place", "Project"), ("Technology",), "active", 0.65),
    _rule("spread-to", "spreadTo", "spread expand replicat disseminat transfer extend scal rolled diffus taken carried",
          r"\b(?:spread|expand(?:ed|s|ing)?|replicat(?:ed|es|ing)|disseminat(?:ed|es|ing)|transferr?(?:ed|ing|s)?|"
          r"extend(?:ed|s|ing)?|scal(?:ed|es|ing) up|rolled out|diffus(?:ed|es|ing)|taken|carried over)\b(?=[^.;]{0,60}\b(?:to|into)\b)",
          ("Technology", "Programme", "Project"), ("City", "Region", "Country"), "active", 0.75),
    _rule("spread-by", "spreadTo", "copied replicated emulated imitated taken followed",
          r"\b(?:copied|replicated|emulated|imitated|taken up|followed) by\b",
          ("Technology", "Programme", "Project"), ("City", "Region"), "active", 0.7),
    _rule("established", "established", "establish found set launch creat inaugurat",
          r"\b(?:establish(?:ed|es|ing)?|found(?:ed|s|ing)|set(?:s|ting)? up|launch(?:ed|es|ing)?|creat(?:ed|es|ing)|inaugurat(?:ed|es))\b(?! by)",
          _AGENT, _ORGS, "active", 0.75),
    _rule("established-passive", "established", "established founded set launched created inaugurated",
          r"\b(?:established|founded|set up|launched|created|inaugurated) (?:jointly )?by\b", _AGENT, _ORGS, "passive", 0.75),
    _rule("received", "received", "receiv award win won gain earn selected certified recogni named",
          r"\b(?:receiv(?:ed|es|ing)|award(?:ed|s)?|w[oi]n|won|gain(?:ed|s)?|earn(?:ed|s)?|selected as|certified as|recogni[sz]ed as|named)\b(?! by)",
          ("Agent", "Project", "Programme"), ("Award",), "active", 0.8),
    _rule("awarded-by", "awardedBy", "award given presented granted conferred bestowed",
          r"\b(?:award(?:ed)?|given|presented|granted|conferred|bestowed) by\b", ("Award",), _AGENT, "active", 0.75),
    _rule("award-from", "awardedBy", "from_",
          r"\bfrom\b", ("Award",), _AGENT, "adjacent", 0.7),
    _rule("member-of", "memberOf", "member join belong accession signator",
          r"\b(?:members? of|join(?:ed|s|ing)?(?! (?:as|in|with|hands|forces)\b)|belong(?:s|ed)? to|accession to|signator(?:y|ies) (?:of|to))\b",
          _AGENT, ("Organisation",), "active", 0.75),
    _rule("cooperation", "cooperatesWith", "cooperated cooperates cooperating collaborated collaborates collaborating work "
          "in_cooperation in_collaboration in_partnership in_close through_cooperation through_collaboration "
          "through_partnership through_close jointly together partner",
          r"\b(?:cooperat(?:ed|es|ing)|collaborat(?:ed|es|ing)|work(?:ed|s|ing) with|work(?:ed|s|ing)? (?:together|closely|jointly) with|work(?:ed|s|ing)? together|"
          r"(?:in|through) (?:close )?(?:cooperation|collaboration|partnership) (?:with|between)|"
          r"(?<!organised )(?<!organized )(?<!hosted )(?<!held )jointly with|together with|"
          r"partner(?:ed|s)? with)\b",
          _AGENT, _AGENT, "pair", 0.6),
    _rule("participation", "participatesIn", "participat took take taking involved engaged attend",
          r"\b(?:participat(?:ed|es|ing) in|took part in|take[sn]? part in|taking part in|attend(?:ed|s|ing)|involved in|engaged in)\b",
          _AGENT, ("Initiative", "Event", "CityNetwork"), "active", 0.65),
    _rule("participation-joined", "participatesIn", "joined join",
          r"\bjoin(?:ed|s|ing)?\b", _AGENT, ("Initiative", "Event"), "active", 0.65),
    _rule("model-city", "participatesIn", "model pilot demonstration",
          r"\b(?:model|pilot|demonstration) (?:city|cities|province|provinces|site|sites|municipality|town) (?:of|for|under|in)\b",
          _AGENT, ("Initiative",), "active", 0.7),
    _rule("implementation", "implements", "implement carr conduct undert execut run",
          r"\b(?:implement(?:ed|s|ing)?|carr(?:ied|ies|y) out|conduct(?:ed|s|ing)?|undert(?:ook|akes|aken)|execut(?:ed|es|ing)|run(?:s)?)\b(?! by)",
          _AGENT, ("Project", "Programme", "Plan", "Technology"), "active", 0.65),
    _rule("implementation-passive", "implements", "implemented carried conducted undertaken executed run led",
          r"\b(?:implemented|carried out|conducted|undertaken|executed|run|led) by\b",
          _AGENT, ("Project", "Programme", "Plan", "Technology"), "passive", 0.7),
    _rule("formulation", "formulated", "formulat draft drew draw prepar developed develops developing adopt compil devis",
          r"\b(?:formulat(?:ed|es|ing)|draft(?:ed|s|ing)|dr[ea]w(?:s)? up|prepar(?:ed|es|ing)|develop(?:ed|s|ing)|adopt(?:ed|s)|"
          r"compil(?:ed|es)|devis(?:ed|es))\b(?! by)", _AGENT, ("Plan",), "active", 0.7),
    _rule("formulation-passive", "formulated", "formulated drafted drawn prepared adopted compiled",
          r"\b(?:formulated|drafted|drawn up|prepared|adopted|compiled) by\b", _AGENT, ("Plan",), "passive", 0.7),
    _rule("developed-by", "developedBy", "developed_by develop_by invent design devis pioneer",
          r"\b(?:develop(?:ed)?|invent(?:ed)?|design(?:ed)?|devis(?:ed)?|pioneer(?:ed)?) by\b",
          ("Technology", "Plan"), _AGENT, "active", 0.75),
    _rule("hosting", "hosts", "host organi held holds conven",
          r"\b(?:host(?:ed|s|ing)?|organi[sz](?:ed|es|ing)|held|holds|convened?)\b(?! by)",
          ("Agent", "Place"), ("Event",), "active", 0.7),
    _rule("hosting-passive", "hosts", "hosted organi held convened",
          r"\b(?:(?:co-)?hosted|(?:co-)?organi[sz]ed|held|convened) (?:jointly )?(?:by|in|at|with)\b",
          ("Agent", "Place"), ("Event",), "passive", 0.7),
    _rule("located-in", "locatedIn", "located based situated headquartered sited built",
          r"\b(?:located|based|situated|headquartered|sited|built) in\b",
          ("Facility", "Organisation", "Project"), ("City", "Region", "Country"), "active", 0.7),
    _rule("operation", "operates", "operat runs manages managed managing",
          r"\b(?:operat(?:es|ed|ing)|runs|manag(?:es|ed|ing))\b(?! by)", _AGENT, ("Facility",), "active", 0.65),
    _rule("operation-passive", "operates", "operated run managed",
          r"\b(?:operated|run|managed) by\b", _AGENT, ("Facility",), "passive", 0.7),
    _rule("visit", "visited", "visit study mission",
          r"\bvisit(?:ed|s|ing)?\b|\bstudy (?:tour|trip|visit)s? to\b|\bmission to\b", _AGENT, ("Place", "Agent"), "active", 0.55),
    _rule("affiliated-with", "affiliatedWith",
          "affiliat attach agenc bod arm unit foundation corporat organi office institut associat entit enterpris "
          "compan subsidiar outpost cent under wholly owned",
          r"\b(?:affiliated (?:with|to)|attached to|under the (?:jurisdiction|supervision|auspices) of|(?:wholly )?owned by|"
          r"(?-i:agency|body|arm|unit|subsidiary|affiliate|outpost|corporation|organi[sz]ation|association|entity) "
          r"(?:under|of|(?:run|owned|overseen|supervised) by)|"
          r"(?-i:foundation|company|enterprise|institute|office|centre|center) (?:under|(?:run|owned|overseen|supervised) by))\b",
          _AGENT, _AGENT, "active", 0.7),
    _rule("role-in", "affiliatedWith",
          "mayor governor director head president chair professor lecturer researcher official engineer officer "
          "manager minister secretary advis staff employee member",
          r"\b(?-i:(?:vice[- ])?(?:mayor|governor|director(?:[- ]general)?|head|president|chair(?:man|woman|person)?|"
          r"professor|lecturer|researcher|official|engineer|officer|manager|minister|secretary(?:[- ]general)?|adviser|"
          r"advisor|staff member|employee|member of staff)s?) (?:of|at|from|with|for|in)\b",
          ("Person",), _AGENT, "active", 0.75),
    _rule("capital-of", "partOf", "capital",
          r"\bcapital (?:city )?of\b", ("City",), ("Region",), "active", 0.75),
    _rule("part-of", "partOf", "is_part is_a_part was_part was_a_part are_part are_a_part were_part were_a_part as_part "
          "as_a_part under_the_umbrella component one_of_the_projects",
          r"\b(?:(?:is|was|are|were|as) (?:a )?part of|under the umbrella of|component of|one of the projects of)\b",
          ("Initiative", "Organisation", "Facility", "Event"), ("Initiative", "Organisation", "City", "Region"), "active", 0.6),
    _rule("addresses", "addresses", "in_the_field in_the_area in_the_sector related focus aim to_improve on_",
          r"\b(?:in the (?:field|area|sector)s? of|related to|focus(?:ed|ing|es)? on|aim(?:ed|s|ing)? (?:at|to)|to improve|on)\b",
          _DOING, ("Sector",), "active", 0.55),
)

_PARTNERSHIP_KINDS = (
    (r"environmental sister", "environmental-sister-city"), (r"friendship and cooperation", "friendship-and-cooperation"),
    (r"sister[- ]cit|twin", "sister-city"), (r"friendship", "friendship"), (r"letters? of intent|\bLOI\b", "letter-of-intent"),
    (r"memorand|\bMO[UC]s?\b", "mou"), (r"strategic partnership", "strategic-partnership"),
    (r"joint declaration|declaration", "joint-declaration"), (r"agreement", "cooperation-agreement"),
)
_SUPPORT_MODES = (
    (r"experts?|engineers?|specialists?", "experts"), (r"trainees?|interns?", "trainees"), (r"training|workshops?|seminars?", "training"),
    (r"advi[cs]", "advice"), (r"equipment|machines|vehicles", "equipment"), (r"survey|feasibility|study", "survey"),
    (r"capacity", "capacity-building"), (r"plan(?:s|ning)?\b", "planning"), (r"technical", "technical-cooperation"),
)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_REACH = 160  # characters an argument may sit from its trigger
_PLACES = expand("Place")
_CLAUSE = re.compile(r";|\. |, (?:which|who|while|whereas|but)\b")


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


def _year(text: str, at: int) -> int | None:
    years = [(abs(start - at), year) for start, year in _years(text)]
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


_LOCATIVE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:[a-z][\w-]*\s+)?$")  # "in (northeastern) Thailand"  # "experts from A visited": A acts


# a relative clause or an apposition between a subject and its verb: "A, which works with B,
# is ...", "A, an agency under B, chairs ..."
_RELATIVE = re.compile(r",\s+(?:which|who|whose|(?:an?|the)\s+[a-z])[^,;()]*,[^,;]*$")


def _before(ms: list[Found], at: int, types: frozenset[str], text: str, lo: int, *, actor: bool = True) -> Found | None:
    """The nearest mention of a fitting type before ``at`` in the same clause, passing over
    a relative clause ("A, which works with B, is ..."); as an ``actor``, a place named as
    a location ("... in Japan") does not count."""
    window = text[max(0, at - lo - _REACH):at - lo]
    if window.count(",") >= 2 and (rel := _RELATIVE.search(window)):
        at -= len(window) - rel.start()
    for m in reversed(ms):
        if m.end <= at and m.type in types:
            gap = text[m.end - lo:at - lo]
            if at - m.end > _REACH or (_CLAUSE.search(gap) and not _OWN_CLAUSE.fullmatch(gap)):
                return None
            if actor and m.type in _PLACES and _LOCATIVE.search(text[max(0, m.start - lo - 30):m.start - lo]):
                continue
            return m
    return None


# the trigger in a relative clause of the mention right before it: "the Fund, which gave grants"
_OWN_CLAUSE = re.compile(r",\s+(?:which|who)\s+(?:[a-z]+\s+){0,3}")
_SOURCE = re.compile(r"\b(?:from|under)\s+(?:its\s+|their\s+|the\s+|a\s+)?$")


def _after(ms: list[Found], at: int, types: frozenset[str], text: str, lo: int, skip: str | None = None,
           *, source: bool = True) -> Found | None:
    """The nearest mention of a fitting type after ``at`` in the same clause; unless
    ``source``, one introduced by "from" ("experts from its bureau to ...") does not count."""
    for m in ms:
        if m.start >= at and m.type in types and m.key != skip:
            if m.start - at > _REACH or _CLAUSE.search(text[at - lo:m.start - lo]):
                return None
            if not source and _SOURCE.search(text[max(0, at - lo, m.start - lo - 12):m.start - lo]):  # not the trigger's own "under"
                continue
            return m
    return None


def _start(m: Found) -> int:
    return m.start


_BETWEEN_AND = re.compile(r"(?: City| Municipality)?,? (?:and|&) (?:the )?(?:City of )?")
_LINKED = re.compile(r"\b(?:with|between|and)\b")
_JOINED = re.compile(r"\band\b|&")


def _arguments(rule: Rule, ms: list[Found], t0: int, t1: int, text: str, lo: int):
    if rule.layout == "active":
        return _before(ms, t0, rule.subject, text, lo), _after(ms, t1, rule.object, text, lo, source=False)
    if rule.layout == "passive":  # the agent follows "by" in the same phrase: "adopted by the council, ... Kyoto" is not Kyoto's
        agent = _after(ms, t1, rule.subject, text, lo)
        if agent is not None and "," in text[t1 - lo:agent.start - lo]:
            return None, None
        return agent, _before(ms, t0, rule.object, text, lo, actor=False)
    if rule.layout == "between":  # "the partnership between A and B"
        a = _after(ms, t1, rule.subject, text, lo)
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
    if rule.layout == "technology-place":
        tech = _after(ms, t1, rule.subject, text, lo) or _before(ms, t0, rule.subject, text, lo, actor=False)
        return tech, (_after(ms, max(t1, tech.end), rule.object, text, lo) if tech else None)
    a = _before(ms, t0, rule.subject, text, lo)  # pair: "A ... with B", else "A and B ..."
    b = _after(ms, t1, rule.object, text, lo, skip=a.key if a else None)
    if a is not None and (b is None or not _LINKED.search(text[t1 - lo:b.start - lo])):
        first = _before([m for m in ms if m.key != a.key], a.start, rule.object, text, lo)
        if first is not None and _JOINED.search(text[first.end - lo:a.start - lo]):
            return first, a
    return a, b


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


_AND = re.compile(r"(?: (?:City|Province|Prefecture|Government|City Hall))?\s*(?:,|,? and|&)\s+(?:the\s+)?")


_AND_OTHERS = re.compile(r",? (?:and|&) (?:others|other \w+)\b|,? etc\b")


def _conjuncts(ms: list[Found], m: Found, types: frozenset[str], text: str, lo: int, *, forward: bool) -> list[Found]:
    """The mentions joined to ``m`` by "and" or commas ("to Hanoi and Hai Duong")."""
    out, i = [], ms.index(m)
    step = 1 if forward else -1
    while 0 <= i + step < len(ms):
        nxt = ms[i + step]
        a, b = (m, nxt) if forward else (nxt, m)
        gap = text[a.end - lo:b.start - lo]
        if nxt.type not in types or not _AND.fullmatch(gap) or (not forward and ", and" in gap):
            break  # backwards, ", and" joins clauses more often than names
        if not forward and not out and "and" not in gap and "&" not in gap and not _AND_OTHERS.match(text, m.end - lo):
            break  # "Under a project by A, B did ...": backwards, a list ends in "and" ("A, B and others")
        out.append(nxt)
        m, i = nxt, i + step
    return out


_PAIR = " the two cities\t"  # a key no entity has: "the two cities", then the keys of the two
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


def _two_cities(text: str, sentences: list[Sentence], found: list[Found], main: str) -> list[Found]:
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
                    out.append(Found(phrase_start, phrase_end, f"{_PAIR}{main}\t{partner}\t{span}", "City"))
            continue
        other = max(others, key=lambda key: named[key])
        at = min(named[main][1], named[other][1])
        span = sentences[bisect.bisect_right(sentence_starts, at) - 1].start
        out.append(Found(phrase_start, phrase_end, f"{_PAIR}{main}\t{other}\t{span}", "City"))
    return out


def _partner(found: list[Found], main: str) -> str | None:
    """The city other than ``main`` that the document names most, if at least twice and
    more often than any third city."""
    counts: dict[str, int] = {}
    for m in found:
        if m.type == "City" and m.key != main and not m.key.startswith(_PAIR):
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


def _pair(m: Found) -> list[Found]:
    """``m``, or the two cities it stands for."""
    if not m.key.startswith(_PAIR):
        return [m]
    return [m._replace(key=key) for key in m.key[len(_PAIR):].split("\t")[:2]]


def _evidence(sent: Sentence, text: str, *ends: Found) -> Sentence:
    """``sent``, or, when an end is "the two cities", the sentences from where both are named."""
    spans = [int(m.key.rsplit("\t", 1)[1]) for m in ends if m.key.startswith(_PAIR)]
    return Sentence(min(spans), sent.end, text[min(spans):sent.end]) if spans else sent


def apply(text: str, sentences: list[Sentence], found: list[Found], *, rules: tuple[Rule, ...] = RULES,
          main: str | None = None) -> list[Hit]:
    """Every relation the rules find in ``text`` (whose ``sentences`` and mentions are given).
    With ``main``, the city the document is about, "the two cities" and "both cities" stand
    for it and the other city named most just before."""
    if main is not None and (extra := _two_cities(text, sentences, found, main)):
        found = list(found)
        for f in extra:
            bisect.insort(found, f)  # few: cheaper than sorting again
    starts = [s.start for s in sentences]
    mention_starts = [m.start for m in found]
    hits: list[Hit] = []
    words = " " + text.encode("ascii", "replace").translate(_WORDS_ONLY).decode("ascii")
    mentions_of = _sentence_mentions(sentences, found, mention_starts)
    allowed: list[frozenset[int] | None] = [None] * len(sentences)  # the rules that may fire in each sentence
    table = _fitting(rules)
    bisect_right = bisect.bisect_right
    triggers = [rule.trigger.match for rule in rules]
    for end, (length, ids) in _anchors(rules).iter(words):
        at = end - length  # in ``text``: the leading space shifts by one
        i = bisect_right(starts, at) - 1
        if i < 0 or (ms := mentions_of[i]) is None:
            continue
        fitting = allowed[i]
        if fitting is None:
            fitting = allowed[i] = _rules_for(table, ms)
        sent = sentences[i]
        for k in ids:
            if k in fitting and (trig := triggers[k](text, at)):
                _rule_hits(rules[k], trig, sent, ms, hits, text)
    best: dict[tuple, Hit] = {}  # one hit per sentence, fact and rule: the surest
    for h in hits:
        key = (h.sentence.start, h.s, h.p, h.o, h.rule)
        if key not in best or (h.confidence, h.kind or "") > (best[key].confidence, best[key].kind or ""):
            best[key] = h
    return sorted(best.values(), key=lambda h: (h.sentence.start, h.p, h.s, h.o, h.rule))


def _sentence_mentions(sentences: list[Sentence], found: list[Found], starts: list[int]) -> list[list[Found] | None]:
    """The mentions of each sentence (a slice of ``found``, whose ``starts`` are given, made
    once for all its trigger words), or None for a sentence naming too few for any rule
    (many do): one mention, unless it is "the two cities"."""
    out: list[list[Found] | None] = []
    for s in sentences:
        lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        out.append(found[lo:hi] if hi - lo >= 2 or (hi > lo and found[lo].key.startswith(_PAIR)) else None)
    return out


def _rule_hits(rule: Rule, trig, sent: Sentence, ms: list[Found], hits: list[Hit], text: str) -> None:
    """The hits of one trigger match ``trig`` of ``rule`` in ``sent`` (mentions ``ms``)."""
    if trig.end() > sent.end:
        return
    s, o = _arguments(rule, ms, trig.start(), trig.end(), sent.text, sent.start)
    if s is not None and s.key.startswith(_PAIR) and (o is None or o.key == s.key) and rule.layout == "pair":
        o = s  # "the two cities signed an MOU": one with the other
    if s is None or o is None:
        return
    evidence = _evidence(sent, text, s, o)
    gap = max(abs(trig.start() - s.end), abs(o.start - trig.end()), 0)
    subjects, objects = [s], [o]
    if rule.layout in ("active", "hosting"):  # "A and B are members of C", "spread to C and D"
        subjects += _conjuncts(ms, s, rule.subject, sent.text, sent.start, forward=False)
        objects += _conjuncts(ms, o, rule.object, sent.text, sent.start, forward=True)
    elif rule.layout == "passive":  # "C was organised with A and B"
        subjects += _conjuncts(ms, s, rule.subject, sent.text, sent.start, forward=True)
    subjects = [e for m in subjects for e in _pair(m)]  # "both cities are members of C": each of them
    objects = [e for m in objects for e in _pair(m)]
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
        window = sent.text[max(0, trig.start() - sent.start - 40):trig.end() - sent.start]
    else:
        window = sent.text[trig.start() - sent.start:trig.end() - sent.start + 90]
    kind, year = _kind(rule, window), _year(sent.text, trig.start() - sent.start)
    confidence = _confidence(rule, gap)
    for subj, obj in pairs:
        hits.append(Hit(subj.key, rule.prop, obj.key, rule.name, confidence, evidence, kind, year))


_GOVERNMENTS = frozenset({"City", "Region"})
_NATIONAL_NAME = re.compile(r"\b(?:Ministry|National|State|Japan|Government)\b")
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
        if i >= 0 and body.end <= sentences[i].end:
            hits[(body.key, place.key)] = Hit(body.key, "partOf", place.key, "name-part-of", 0.75, sentences[i])
    return list(hits.values())


_ADDRESS = re.compile(r", (?:the )?")


def parts_by_address(text: str, sentences: list[Sentence], found: list[Found]) -> list[Hit]:
    """A local government body written as an address, its parent after a comma at the end of a
    line ("Global Partnerships Section, Nagoya City Environment Bureau") is part of it.

    >>> from c2ckg.kg_build.sentences import split
    >>> text = "Contact: Water Section, Hue City\\nMore news."
    >>> ms = [Found(9, 22, "water-section", "LocalGovernment"), Found(24, 32, "hue", "City")]
    >>> [(h.s, h.p, h.o) for h in parts_by_address(text, split(text), ms)]
    [('water-section', 'partOf', 'hue')]
    """
    starts = [s.start for s in sentences]
    hits: dict[tuple[str, str], Hit] = {}
    for a, b in zip(found, found[1:]):
        if a.type != "LocalGovernment" or b.type not in ("LocalGovernment", "City", "Region") or a.key == b.key:
            continue
        if not _ADDRESS.fullmatch(text, a.end, b.start) or text[b.end:b.end + 1] not in ("\n", ""):
            continue
        i = bisect.bisect_right(starts, a.start) - 1
        if i >= 0 and (a.key, b.key) not in hits and fits("partOf", a.type, b.type):
            hits[(a.key, b.key)] = Hit(a.key, "partOf", b.key, "address-part-of", 0.7, sentences[i])
    return list(hits.values())
