"""Proposing entities the catalog does not know, from the text itself.

Ten patterns, each a rule name that the review report shows:

- ``acronym``: a capitalised name followed by its acronym in brackets whose letters follow
  the name's initials, e.g. "Green Harbour Agency (GHA)";
- ``head``: a run of capitalised words holding a typical head (Agency, Bureau, Institute,
  Bank, Programme, Co., Ltd. ...), e.g. "Bandung Water Authority";
- ``quoted``: a capitalised name in quotation marks;
- ``method``: a named method, model or system, e.g. "the Fukuoka method";
- ``named``: a capitalised name before a lowercase "project", "programme" or "initiative"
  ("the Hanoi Metro project" -> Hanoi Metro, a Project), or a described facility ("the
  Cengkareng Drain pumping station");
- ``city``: one capitalised word before "City" that the text never writes in lowercase
  ("Minamata City" -> Minamata, a City);
- ``network``: one word in two capitalised parts that a city is a member of ("members of
  CityNet" -> CityNet, a CityNetwork);
- ``device``: a lowercase kind of equipment or method that something introduced, installed or
  piloted ("piloted heat-only boilers" -> heat-only boilers, a Technology);
- ``listed``: places listed after "the provinces of" or "the cities of" ("the neighbouring
  cities of Marikina and Pasig" -> Marikina and Pasig, cities);
- ``person``: a name after "Mr.", "Ms." or "Dr." ("Mr. Khamphan Sisouvong" -> a Person).

The head word gives the type guess (``HEADS``).

>>> [(c.name, c.type, c.rule, c.acronym) for c in propose("The Lotus Bay Port Authority (LBPA) met Hanoi Clean Air Co., Ltd. on the Osaka method.")]
[('Lotus Bay Port Authority', 'NationalGovernmentBody', 'acronym', 'LBPA'), ('Hanoi Clean Air Co., Ltd.', 'Company', 'head', None), ('Osaka method', 'Technology', 'method', None)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import ahocorasick

from .mentions import word_view

_GEOGRAPHIC = ("Sea", "Gulf", "Bay", "River", "Lake", "Delta", "Peninsula", "Basin")  # heads of places, never actors
# Head word -> type guess. The rightmost head before "of/for/on" decides.
HEADS: dict[str, str] = {
    **dict.fromkeys("Ministry Embassy Agency Authority Commission".split(), "NationalGovernmentBody"),
    **dict.fromkeys("Bureau Department Office Board Council Committee Secretariat Division Section Government".split(),
                    "LocalGovernment"),
    **dict.fromkeys("Province Prefecture Regency District".split(), "Region"),
    **dict.fromkeys(_GEOGRAPHIC, "Region"),
    **dict.fromkeys("Association Federation Foundation Club Chamber Organisation Organization Society".split(), "NGO"),
    **dict.fromkeys("Institute Centre Center Laboratory Academy".split(), "ResearchInstitute"),
    **dict.fromkeys("University College".split(), "University"),
    **dict.fromkeys("Bank".split(), "InternationalOrganisation"),
    **dict.fromkeys("Fund Mechanism Scheme Facility".split(), "FundingScheme"),
    **dict.fromkeys("Programme Program Initiative".split(), "Programme"),
    **dict.fromkeys("Project Pilot".split(), "Project"),
    **dict.fromkeys("Network Alliance League Partnership Platform Consortium Covenant Cluster".split(), "CityNetwork"),
    **dict.fromkeys("Co. Ltd. Ltd Inc. Inc Corporation Corp. Company Group".split(), "Company"),
    **dict.fromkeys("Plant Landfill Station Depot Incinerator Estate".split(), "Facility"),
    **dict.fromkeys("Plan Strategy Roadmap Blueprint Policy Guideline Guidelines Law Act".split(), "Plan"),
    **dict.fromkeys("Forum Summit Conference Workshop Symposium Seminar Expo Congress".split(), "Event"),
    **dict.fromkeys("Award Prize Accreditation Certification".split(), "Award"),
    **dict.fromkeys("Agreement Memorandum Declaration Convention Protocol".split(), "Agreement"),
    **dict.fromkeys("System Method Model Technology Technique".split(), "Technology"),
}
_HEADS_WITH_OF = frozenset({"Society"})  # heads of a name only with "of"/"for" after them
# words that make no name with a head alone: "the City Government (of Bacolod)", "the Municipal Office"
_GENERIC = frozenset("City Municipal Provincial Prefectural Metropolitan Town National Local Central Regional".split())
_INTERNATIONAL = re.compile(r"\b(?:Asian|World|International|United Nations|Global|Inter-American|African)\b")
_LOCAL = re.compile(r"\b(?:City|Municipal|Metropolitan|Prefectural|Provincial|Town|District)\b")

# Capitalised function words that start sentences or headings, never part of a name.
_LEADING = frozenset("""The A An In On At Under With By For From Through This These That Those Since
After Before During As Both Each Its Their Our His Her And Also Then Today In Later When While
Meanwhile Moreover However Furthermore Besides Via Between Among Within Dear Mr Mrs Ms Dr""".split())
_CONNECTOR = r"(?:of|for|and|the|on|in|de|du|des|la|le|&|to)"
_WORD = r"(?:[A-Z][A-Za-z0-9'’\-]*|[0-9]+[A-Za-z]*)"  # a name's words never cross a tab (table cell)
_COMPANY_TAIL = r"(?:,?\s+(?:Co\.,?\s*Ltd\.|Co\.|Ltd\.|Inc\.|Corp\.|Corporation|LLC|Pte\.?\s*Ltd\.))"
_NAME = rf"{_WORD}(?: +(?:{_CONNECTOR} +)*{_WORD})*{_COMPANY_TAIL}?"
_ABBREVIATED_TAIL = re.compile(r"\.(?:,?[ \t]*Ltd\.)?")
_BRACKETED = re.compile(r"\([ \t]*([A-Z][A-Za-z0-9&\-]{1,11})[ \t]*\)")
_NAME_BEFORE = re.compile(rf"({_NAME})(?:,[ \t]*[A-Z][a-z]+)?[ \t]*$")
# up to the last character that cannot stand in a name before a bracket
_LAST_NOT_NAME = re.compile(r"(?s).*[^A-Za-z0-9'’\- &.,\s]")
_QUOTED = re.compile(r"[“\"]([A-Z][^”\"\n]{2,70}?)[”\"]")
# Lowercase heads after a capitalised name: "the Fukuoka method", "the Hanoi Metro project".
_NAMED = {**dict.fromkeys("method model system approach technique".split(), "Technology"),
          **dict.fromkeys("plant station landfill incinerator depot facility".split(), "Facility"),
          "project": "Project", "programme": "Programme", "program": "Programme", "initiative": "Programme"}
_METHOD_DESCRIBED = re.compile(r"\b[Tt]he[ \t]+((?:[A-Z][\w\-]*[ \t]+){0,3}[A-Z][\w\-]*(?:[ \t]+[a-z][\w\-]*){1,2})[ \t]+$")
# a leading number that is not a year belongs to the name: "the 100 Resilient Cities programme"
_METHOD_LEAD = re.compile(r"\b((?:(?!(?:19|20)\d\d\b)\d+[ \t]+)?(?:[A-Z][\w\-]*[ \t]+){0,5}[A-Z][\w\-]*)[ \t]+$")
# capitalised words that describe rather than name a facility: "the Japanese incineration plant"
_DESCRIPTIVE = frozenset("""Japanese Chinese Vietnamese Indonesian Thai Cambodian Malaysian Filipino Philippine
Korean Indian Mongolian Myanmar Lao Laotian Burmese Asian European American National Municipal Provincial
Local Existing New Old First Second Pilot Model""".split())
_RUN_BEFORE = re.compile(rf"\b{_WORD}(?: +(?:(?:and|&) +)?{_WORD})*$")  # the words before a head
# up to the last character that cannot stand in a run of words before a head
_LAST_NOT_RUN = re.compile(r"(?s).*[^A-Za-z0-9'’\- &]")
_POSSESSIVE = re.compile(r".*(?<!People)['’]s +")  # not "Hanoi People's Committee"
_BASED = re.compile(r"[A-Z][\w\-]*-(?:based|headquartered) +")  # "Toyama-based": where the body is, not its name
_MEMBERSHIP_BEFORE = re.compile(r"\b(?:members? of|belongs? to|joined)\s+(?:the\s+)?$")
_YEAR_AFTER = re.compile(r" (?:19|20)\d\d(?:[-–](?:19|20)?\d\d)?\b")
_CAPWORD = r"[A-Z][A-Za-z0-9'’\-]*"
_NAME_GOES_ON = re.compile(r" [A-Z]")
_RUN_AFTER = re.compile(rf"(?: +(?:of|for|on)(?: +the)? +{_CAPWORD}(?: +(?:and +|& +)?{_CAPWORD})*"
                        rf"(?: +for(?: +the)? +{_CAPWORD}(?: +(?:and +|& +)?{_CAPWORD})*)?)?")  # "Covenant of Mayors for Climate & Energy"


@dataclass(frozen=True)
class Candidate:
    """A name proposed as a new entity, where it was found (offsets into the text given)."""

    name: str
    type: str
    rule: str
    start: int
    end: int
    acronym: str | None = None


_WORD_IN_NAME = re.compile(r"[A-Za-z0-9][\w'’\-]*\.?")
_NATIONAL = re.compile(r"\bNational|Japan|Ministry\b")


def _words(name: str) -> list[str]:
    return _WORD_IN_NAME.findall(name)


@lru_cache(maxsize=4096)  # a document names its bodies again and again
def guess_type(name: str) -> str | None:
    """The type a name's head word suggests, or None if it has no head.

    >>> guess_type("Japan Bank for International Cooperation"), guess_type("Da Nang Water Bureau")
    ('InternationalOrganisation', 'LocalGovernment')
    """
    words = _words(name)
    cut = next((i for i, w in enumerate(words) if w in ("of", "for", "on")), len(words))
    if not cut or words[cut - 1] not in HEADS:  # the head ends the name, or comes before "of X"
        return None
    if cut == 1 and HEADS[words[0]] in ("Agreement", "Plan", "Project", "Programme", "Award", "Event"):
        return None  # "Memorandum of Understanding", "Project of ...": generic, not a name
    heads = [words[cut - 1]]
    kind = HEADS[heads[-1]]
    if kind == "LocalGovernment" and not _LOCAL.search(name) and _NATIONAL.search(name):
        kind = "NationalGovernmentBody"
    if kind == "NationalGovernmentBody" and _LOCAL.search(name):
        kind = "LocalGovernment"
    if heads[-1] == "Bank" and not _INTERNATIONAL.search(name):
        kind = "Company"
    if kind == "NGO" and heads[-1].startswith("Organi") and _INTERNATIONAL.search(name):
        kind = "InternationalOrganisation"
    elif kind == "NGO" and heads[-1].startswith("Organi") and _LOCAL.search(name):
        kind = "LocalGovernment"  # "Phuket Provincial Administrative Organization"
    return kind


_FIRST_WORD = re.compile(r"(\S+)[ \t]+")


def _trim(name: str, start: int) -> tuple[str, int]:
    """Drop leading function words ("The", "In") from a capitalised run."""
    while True:
        first = _FIRST_WORD.match(name)
        if not first or first.group(1) not in _LEADING:
            return name, start
        name, start = name[first.end():], start + first.end()


def _initials_match(name: str, acronym: str) -> int | None:
    """Index of the word of ``name`` where the acronym starts, if its letters follow the
    initials: the last such word that gives every letter, else one letter short."""
    words = _words(name)
    letters = [c for c in acronym if c.isupper()]
    if len(letters) < 2:
        return None
    found: dict[int, int] = {}
    for first in range(len(words)):
        if words[first][0].upper() != letters[0]:
            continue
        i = 1
        for w in words[first + 1:]:
            if i < len(letters) and w[0].upper() == letters[i]:
                i += 1
        found[first] = i
    for need in (len(letters), len(letters) - 1):
        best = [f for f, i in found.items() if i >= max(2, need)]
        if best:
            return max(best)
    return None


def _acronyms(text: str):
    for bracket in _BRACKETED.finditer(text):
        if not any(c.isupper() for c in bracket.group(1)[1:]):  # "(Japan)": no acronym; before the costly search
            continue
        lo = max(0, bracket.start() - 160)
        gap = _LAST_NOT_NAME.match(text, lo, bracket.start())  # the name cannot start before it
        m = _NAME_BEFORE.search(text, gap.end() if gap else lo, bracket.start())
        if m is None:
            continue
        name, acronym = m.group(1), bracket.group(1)
        first = _initials_match(name, acronym)
        if first is None:
            continue
        words = list(_WORD_IN_NAME.finditer(name))
        at = words[first].start()
        start = m.start(1) + at
        name = name[at:]
        generic = _words(name)[0] in HEADS  # "Memorandum of Understanding (MOU)"
        kind = guess_type(name) or ("Programme" if len(_words(name)) >= 3 and not generic else None)
        if kind is not None and len(_words(name)) >= 2:
            yield Candidate(name, kind, "acronym", start, start + len(name), acronym)


@cache
def _cue_automaton():
    """Head words ("Agency", "Co") and the lowercase heads of named methods and projects
    ("method", "project") in one automaton, so that one pass over a text finds both; each
    between two word breaks, for the text's word view (``mentions.word_view``), so that it
    reports whole words only."""
    automaton = ahocorasick.Automaton()
    words: dict[str, set[str]] = {}
    for kind, group in (("start", _START_WORDS), ("device", _DEVICE_FORMS), ("method", _NAMED),
                        ("head", {h.rstrip(".") for h in HEADS})):
        for word in group:
            words.setdefault(word, set()).add(kind)  # "Lake": a head and a start; "system": a method and a device
    for word, kinds in words.items():
        automaton.add_word(f"\0{word}\0", (len(word), tuple(sorted(kinds))))
    automaton.make_automaton()
    return automaton


def _cue_words(text: str) -> dict[str, list[tuple[int, int]]]:
    """(start, end) of every whole word of each kind: "head" ("Agency"), "method" (a lowercase
    head: "method", "project"), "device" ("boilers"), and "start" (where a pattern of a few
    words begins: "Mr", "Lake", "provinces"); a word of two kinds counts for both."""
    out: dict[str, list[tuple[int, int]]] = {"head": [], "method": [], "device": [], "start": []}
    for end, (length, kinds) in _cue_automaton().iter("\0" + word_view(text) + "\0"):
        start, end = end - length - 1, end - 1  # the view's leading break, and the one after the word
        for kind in kinds:
            out[kind].append((start, end))
    return out


_SHORT_HEADS = ("Co", "Inc", "Ltd", "Corp")  # heads written with a dot after them, which the name takes


def _heads(text: str, cues: list[tuple[int, int]]):
    seen: set[int] = set()
    for head_start, head_end in reversed(cues):  # of two heads in one run the last ends the name ("Policy Bureau")
        lo = max(0, head_start - 90)
        gap = _LAST_NOT_RUN.match(text, lo, head_end)  # a run cannot start before it
        before = _RUN_BEFORE.search(text, gap.end() if gap else lo, head_end)
        if before is None or (first := before.start()) in seen:
            continue
        end = _RUN_AFTER.match(text, head_end).end()
        if end > head_end and any(HEADS.get(w, "Technology") != "Technology" and (w not in _HEADS_WITH_OF or text.startswith(" of ", end))
                                  for w in _words(text[head_end:end])):  # "for Zero-Carbon Society" ends a name
            end = head_end  # "the Programme of the Ministry of ...": two names, not one
        head = text[head_start:head_end]
        if end > head_end and HEADS[head] in ("LocalGovernment", "Region") and head not in _GEOGRAPHIC and _of_a_place(text[head_end:end]):
            end = head_end  # "the International Affairs Division of Kumamoto City": the division, part of the city
        if end == head_end and (head in _HEADS_WITH_OF or (first == head_start and head.isalpha() and head not in _SHORT_HEADS)):
            continue  # "a Sustainable Society": a phrase; "Japan Society of Civil Engineers": a name; "the Agency": one word
        if end == head_end and _NAME_GOES_ON.match(text, end) and (head in _GEOGRAPHIC or HEADS[head] == "Technology"):
            continue  # "the Iloilo River Esplanade", "an Environmental Model City": the name ends later
        year = _YEAR_AFTER.match(text, end) if HEADS.get(head) in ("Plan", "Programme", "Event") else None
        name, start = _trim(text[first:end], first)
        cut = _second_name(name)
        if cut:  # the run held two names: this head's is the second; the first head's cue finds the first
            name, start = name[cut:], start + cut
        else:
            seen.add(first)
        owner = (_POSSESSIVE.match(name) if "'" in name or "’" in name else None) or _BASED.match(name)
        if owner:  # "Sapporo's Snow Bureau", "Toyama-based Hokuriku Electric": the name starts after
            name, start = name[owner.end():], start + owner.end()
        tail = _ABBREVIATED_TAIL.match(text, end) if name.rsplit(None, 1)[-1] in _SHORT_HEADS else None
        if tail:
            name += tail.group()
        name = name.rstrip(",")
        words = _words(name)
        if len(words) < 2 or words[-1] in ("of", "for", "and", "the") or not name[0].isalpha():
            continue
        kind = guess_type(name)
        if kind == "Event" and words[-1] in ("Forum", "Summit") and _MEMBERSHIP_BEFORE.search(text, max(0, start - 30), start):
            kind = "CityNetwork"  # "members of the Northern Forum": a body one belongs to, not a meeting
        if kind is not None and not all(w in HEADS or w in _GENERIC or w.islower() for w in words):
            if year and start + len(name) == end:  # "Clean Air Action Plan 2021-2025"
                name += year.group()
            yield Candidate(name, kind, "head", start, start + len(name))


_OF_PLACE = re.compile(r" +of +(?:the +)?(?:City of +)?([A-Z][\w\-]*(?: [A-Z][\w\-]*)*?)(?: City| Prefecture| Province)?$")


def _of_a_place(tail: str) -> bool:
    """Whether ``tail`` ("of Kumamoto City", "of the Can Tho") names a gazetteer city."""
    from .gazetteer import gazetteer  # built once; imported late, as most texts never ask
    m = _OF_PLACE.match(tail)
    return m is not None and m.group(1) in gazetteer() and gazetteer()[m.group(1)].type == "City"  # "Cabinet Office of Japan" stays


def _second_name(name: str) -> int:
    """Where the second of two names joined by "and" starts in ``name``, or 0 if it is one
    name: "... Industry and the Institute for ...", "Shiga Prefecture and Hunan Province" (a
    head word before the "and"), but not "Ministry of Industry and Trade".

    >>> _second_name("Shiga Prefecture and Hunan Province"), _second_name("Department of Natural Resources and Environment")
    (21, 0)
    >>> _second_name("Bali Waste Policy and Strategy")
    0
    """
    if " and the " in name:
        return name.rindex(" and the ") + len(" and the ")
    at = name.rfind(" and ")
    if at <= 0:
        return 0
    before, last = HEADS.get(name[:at].rsplit(None, 1)[-1]), HEADS.get(name.rsplit(None, 1)[-1])
    if (before == last and before not in (None, "Plan", "Programme", "Technology", "Event")) or name.split(None, 1)[0] in _GEOGRAPHIC_FIRST:
        return at + len(" and ")  # two bodies or places; "Waste Management Policy and Strategy" is one plan's name
    return 0


_GEOGRAPHIC_FIRST = frozenset({"Lake", "Mount", "Mt.", "Gulf", "Bay", "Sea", "River"})
_PLACE_AFTER_HEAD = re.compile(r"\b(?:Lake|Mount|Metro) [A-Z][a-z]+\b(?![ \t]+[A-Z])")  # "Lake Biwa", not "Lake Biwa Environment ..."
_UN_BODY = re.compile(r"\bUN-[A-Z][a-z]+\b")  # "UN-Water", "UN-Habitat"


def _starting(text: str, starts: list[tuple[int, int]], words: frozenset[str], pattern: re.Pattern):
    """The matches of ``pattern`` where one of ``words`` stands as a whole word (``starts``,
    from the one automaton pass of ``_cue_words``): far faster than a regular expression
    scanning the whole text for them."""
    for a, b in starts:
        if text[a:b] in words and (m := pattern.match(text, a)):
            yield m


def _prefixed_places(text: str, starts: list[tuple[int, int]]):
    for m in _starting(text, starts, frozenset({"Lake", "Mount", "Metro"}), _PLACE_AFTER_HEAD):
        previous = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if not (previous and previous.group(1)[0].isupper() and previous.group(1) not in _LEADING):  # not "Hanoi Metro Line"
            yield Candidate(m.group(), "Region", "head", m.start(), m.end())
    for m in _starting(text, starts, frozenset({"UN"}), _UN_BODY):
        yield Candidate(m.group(), "InternationalOrganisation", "head", m.start(), m.end())


def _quote_marks(text: str) -> list[int]:
    """Every offset of an opening quotation mark, in order (``str.find`` skips to each at C
    speed; a regular expression starting on a set of characters tests every offset)."""
    out: list[int] = []
    for mark in "“\"":
        at = text.find(mark)
        while at >= 0:
            out.append(at)
            at = text.find(mark, at + 1)
    out.sort()
    return out


def _quoted_matches(text: str):
    """The matches of ``_QUOTED`` in ``text``, as ``finditer`` gives them."""
    after = 0
    for at in _quote_marks(text):
        if at >= after and (m := _QUOTED.match(text, at)):
            after = m.end()
            yield m


def _quoted(text: str):
    for m in _quoted_matches(text):
        name = m.group(1).strip()
        words = _words(name)
        caps = sum(w[0].isupper() for w in words)
        if 2 <= len(words) <= 7 and caps * 2 > len(words):
            yield Candidate(name, guess_type(name) or "Programme", "quoted", m.start(1), m.start(1) + len(name))
        elif 2 <= len(words) <= 6 and _NAMED.get(words[-1]) == "Technology":  # "the "Sakai eco-point system""
            yield Candidate(name, "Technology", "quoted", m.start(1), m.start(1) + len(name))


def _methods(text: str, cues: list[tuple[int, int]]):
    for head_start, head_end in cues:
        lo = max(0, head_start - 80)
        m = _METHOD_DESCRIBED.search(text, lo, head_start) or _METHOD_LEAD.search(text, lo, head_start)
        if m is None:  # "the Sapporo heating model", "the Fukuoka method"
            continue
        lead, start = _trim(m.group(1), m.start(1))
        if lead in _LEADING or lead.split()[0] in _LEADING:
            continue
        head = text[head_start:head_end]
        kind = _NAMED[head]
        if kind == "Facility" and (m.re is not _METHOD_DESCRIBED or lead.split()[0] in _DESCRIPTIVE):
            continue  # a facility's name describes it: "the Cengkareng Drain pumping station", not "the Hue plant"
        name = f"{lead} {head}" if kind in ("Technology", "Facility") else lead  # "Osaka model"; "Hanoi Metro"
        yield Candidate(name, kind, "method" if kind == "Technology" else "named", start, start + len(name))


_CITY_BEFORE = re.compile(r"(?<![\w\-'’])([A-Z][a-z]{2,})$")  # the word before " City"
# words that make "X City" a kind of city or a title, not a city's name
_NOT_CITY_NAMES = frozenset("""Model Future Smart Eco Green Sister Partner Partnership Capital Compact Resilient
Friendship Inner Port Garden Mega Host Member Pilot Carbon Environmental Environment Sustainable Low Zero Livable
Liveable Clean Creative Digital Learning Healthy Safe Global World Asian International Twin Forest Water Island""".split())


def _cities(text: str):
    """A single capitalised word before "City" is a city's name when the text never writes
    it in lowercase and no capitalised word or hyphen precedes it ("Minamata City", not
    "Environmental Model City" or "Zero-Carbon City"); the gazetteer's cities are found
    before these."""
    lowercase: dict[str, bool] = {}
    end = text.find(" City")
    while end >= 0:  # str.find: a regular expression over the whole text costs far more
        m = _CITY_BEFORE.search(text, max(0, end - 30), end)
        if m and not text[end + 5:end + 6].isalnum():
            word, at = m.group(1), m.start()
            previous = _WORD_BEFORE.search(text, max(0, at - 30), at)
            if (word not in _NOT_CITY_NAMES and word not in _LEADING
                    and not (previous and previous.group(1)[0].isupper() and previous.group(1) not in _LEADING)):
                if word not in lowercase:  # "Ho Chi Minh City", "Environmental Model City" are passed over above
                    lowercase[word] = f" {word.lower()} " in text
                if not lowercase[word]:
                    yield Candidate(word, "City", "city", at, end)
        end = text.find(" City", end + 5)


_DEVICE_HEADS = ("system", "method", "technology", "technique", "boiler", "chiller", "turbine", "digester", "incinerator",
                 "composter", "reactor", "pump", "panel", "unit", "light", "lamp", "sorting", "detection", "gasification",
                 "bus", "meter", "sensor", "dryer", "drying", "digestion", "PV")
_DEVICE_FORMS = frozenset(f for h in _DEVICE_HEADS for f in (h, h + "s", *((h + "es",) if h.endswith("s") else ())))
_START_WORDS = frozenset({"Lake", "Mount", "Metro", "UN", "Mr", "Ms", "Mrs", "Dr", "Prof", "member", "members", "joined", "belong",
                          "belongs", "province", "provinces", "district", "districts", "prefecture", "prefectures", "regency",
                          "regencies", "cities", "towns", "municipalities", "Mayor", "Governor", "Director", "President", "Chair",
                          "Chairman", "Chairwoman", "Chairperson", "Minister", "Professor", "Ambassador", "Consul", "Secretary",
                          "Dean", "Rector", "Vice", "Deputy"})
_DEVICE_WORD = r"(?:[a-z][a-z\-]*|[A-Z]{2,5})[ \t]+"  # "rooftop solar PV", "LED street lights"
_DEVICE = re.compile(r"\b(?:introduc|install|pilot|deploy|demonstrat|adopt|appl[iy]|test|suppl[iy]|deliver|us|employ|brought|"
                     r"provid|buil[dt])\w* (?:an? |the |two |three |four |five |several |\d+ )?"
                     r"(?:[\d,.]+ ?(?:kW|MW|kWh|MWh|t|tonnes?|m3|litres?|liters?)[ \t]+)?"
                     r"((?:" + _DEVICE_WORD + r"){1,3}(?:" + "|".join(_DEVICE_HEADS) + r")(?:es|s)?)\Z")
# words that describe a device without naming its kind: "a new system", "the same method"
_NOT_DEVICE = frozenset("""new same this that these those similar other existing traditional conventional simple
basic modern advanced efficient appropriate suitable such its their our improved proposed pilot small large""".split())


_DEVICE_NAMED_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he) ((?:" + _DEVICE_WORD + r"){1,3}(?:" + "|".join(_DEVICE_HEADS) + r")(?:es|s)?)\Z")
_DEVICE_PASSIVE = re.compile(r" (?:(?:was|were|has been|have been) (?:introduc|install|pilot|deploy|demonstrat|adopt|appl[iy]|test)|"
                             r"(?:developed|invented|designed|pioneered) by)")


def _device_matches(text: str, heads: list[tuple[int, int]]):
    """Each device named after a deploying verb or before a passive one, found from its head
    word (``heads``, whole words from ``_cue_words``)."""
    for i, end in heads:
        if i > 0 and text[i - 1] in " \t-":
            lo = max(0, i - 120)
            m = _DEVICE.search(text, lo, end) or (_DEVICE_NAMED_BEFORE.search(text, lo, end) if _DEVICE_PASSIVE.match(text, end) else None)
            if m:
                yield m


def _devices(text: str, heads: list[tuple[int, int]]):
    for m in _device_matches(text, heads):
        words = m.group(1).split()
        if words[0] not in _NOT_DEVICE and not any(w in ("and", "or", "of", "the", "a", "to", "in", "at", "for") for w in words):
            yield Candidate(" ".join(words), "Technology", "device", m.start(1), m.end(1))


_PLACE_LIST_WORDS = frozenset("province provinces district districts prefecture prefectures regency regencies cities towns "
                               "municipalities".split())
_PLACES_OF = re.compile(r"\b(provinces?|districts?|prefectures?|regency|regencies|cities|towns|municipalities) of "
                        r"((?:[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:(?:, | and |, and )[A-Z][a-z]+(?: [A-Z][a-z]+)?)*)")
_PLACE_IN_LIST = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?")


def _listed_places(text: str, starts: list[tuple[int, int]]):
    """The places named after "the provinces of" or "the cities of" ("the neighbouring cities of
    Marikina and Pasig"): regions, or cities for cities, towns and municipalities."""
    for m in _starting(text, starts, _PLACE_LIST_WORDS, _PLACES_OF):
        kind = "City" if m.group(1) in ("cities", "towns", "municipalities") else "Region"
        for p in _PLACE_IN_LIST.finditer(m.group(2)):
            yield Candidate(p.group(), kind, "listed", m.start(2) + p.start(), m.start(2) + p.end())


_PERSON = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof)\.? ((?:[A-Z][a-z]+|[A-Z]\.)(?: [A-Z][a-z]+){1,2})\b")
_TITLES = frozenset({"Mayor", "Governor", "Director", "President", "Chair", "Chairman", "Chairwoman", "Chairperson", "Minister",
                     "Professor", "Ambassador", "Consul", "Secretary", "Dean", "Rector", "Vice", "Deputy"})
_TITLED = re.compile(r"(?:(?:Vice|Deputy)[- ])?(?:Mayor|Governor|Director(?:[- ]General)?|President|Chair(?:man|woman|person)?|"
                     r"Minister|Professor|Ambassador|Consul[- ]General|Secretary[- ]General|Dean|Rector) "
                     r"([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b(?! (?:of|for|City|Prefecture|Province)\b)")


def _persons(text: str, starts: list[tuple[int, int]]):
    """A name after "Mr.", "Ms." or "Dr.", or after a title ("Mayor Hiroshi Tanabe"), is a
    person's; not one holding a head word or a sentence's first word ("Director Environment
    Bureau", "Mayor The")."""
    for m in [*_starting(text, starts, frozenset({"Mr", "Ms", "Mrs", "Dr", "Prof"}), _PERSON), *_starting(text, starts, _TITLES, _TITLED)]:
        words = m.group(1).split()
        if not any(w in HEADS or w in _LEADING or w in _GENERIC for w in words):
            yield Candidate(m.group(1), "Person", "person", m.start(1), m.end(1))


_NETWORK = re.compile(r"\b(?:members? of|joined|belongs? to)\s+(?:the\s+)?([A-Z][a-z]+[A-Z][a-z]+)\b(?![\w-])")


def _networks(text: str, starts: list[tuple[int, int]]):
    for m in _starting(text, starts, frozenset({"member", "members", "joined", "belong", "belongs"}), _NETWORK):
        yield Candidate(m.group(1), "CityNetwork", "network", m.start(1), m.end(1))


_WORD_BEFORE = re.compile(r"([\w\-]+)[ \t]+$")


def after_known(cand: Candidate, known_end: int, text: str) -> Candidate | None:
    """``cand`` without a known name it starts with and the "and" after it ("Yokohama City
    and Nippon Koei Co., Ltd." -> "Nippon Koei Co., Ltd."), or None if nothing is left.

    >>> after_known(Candidate("Osaka City and Hanoi Water Co.", "Company", "head", 0, 30), 5, "Osaka City and Hanoi Water Co.")
    Candidate(name='Hanoi Water Co.', type='Company', rule='head', start=15, end=30, acronym=None)
    """
    m = _AFTER_KNOWN.match(text, known_end, cand.end)
    if m is None:
        return cand
    rest = text[m.end():cand.end]
    if len(_words(rest)) < 2 or guess_type(rest) is None:
        return None
    return Candidate(rest, guess_type(rest), cand.rule, m.end(), cand.end, cand.acronym)


_AFTER_KNOWN = re.compile(r"(?: (?:City|Province|Prefecture|Government))? (?:and|&) (?:the )?")


def propose(text: str) -> list[Candidate]:
    """Every candidate name in ``text``, by position; where two overlap the earlier rule wins."""
    cues = _cue_words(text)
    starts = cues["start"]
    found = [*_acronyms(text), *_heads(text, cues["head"]), *_prefixed_places(text, starts), *_quoted(text),
             *_methods(text, cues["method"]), *_cities(text), *_networks(text, starts), *_devices(text, cues["device"]),
             *_listed_places(text, starts), *_persons(text, starts)]
    order = {"acronym": 0, "quoted": 1, "head": 2, "method": 3, "named": 4, "city": 5, "network": 6, "device": 7, "listed": 8,
             "person": 9}
    found.sort(key=lambda c: (order[c.rule], c.start, -(c.end - c.start)))
    taken = bytearray(len(text) + 1)
    kept: list[Candidate] = []
    for cand in found:
        if not any(taken[cand.start:cand.end]):
            kept.append(cand)
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    kept = [replace(c, name=" ".join(c.name.split())) if "  " in c.name else c for c in kept]  # "Parks   Agency"
    return sorted(kept, key=lambda c: (c.start, c.end))
