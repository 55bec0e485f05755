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
    # lowercase beginnings of the trigger ("_" a space: "in_" is the word "in"); none: the trigger
    # ends where a mention begins, the one the layout puts right after it ("its" Plan)
    starts: tuple[str, ...] = ()
    ends: frozenset[str] = frozenset()  # without starts: the last words (lowercase) or marks a trigger can end with


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


def _rule(name, prop, starts, trigger, subject, obj, layout="active", confidence=0.7, ends="") -> Rule:
    return Rule(name, prop, re.compile(trigger, re.IGNORECASE), expand(*subject), expand(*obj), layout, confidence,
                tuple(starts.split()), frozenset(ends.split()))


_AGENT = ("Agent",)
_DOING = ("Initiative", "Plan", "Technology", "Facility", "Agreement", "Event")
_ORGS = ("Organisation", "Initiative", "Facility", "Event")  # a plan is formulated, not established
_AGREEMENT_WORDS = r"(?=[^.;]{0,90}\b(?:MOU|MoU|MOC|memorand\w*|agreements?|letters? of intent|LOI|declarations?|partnerships?|sister)\b)"
RULES: tuple[Rule, ...] = (
    _rule("agreement-signed", "partnerOf", "sign conclud renew exchang entered issued",
          r"\b(?:sign(?:ed|s|ing)?|conclud(?:ed|es|ing)|renew(?:ed|s|ing)?|exchang(?:ed|es|ing)|entered into|concluded|"
          r"issued (?=(?:an? |the )?joint ))\b"
          + _AGREEMENT_WORDS, _AGENT, _AGENT, "pair", 0.85),
    _rule("sister-city", "partnerOf", "environmental_sister sister friendship friendly twin partner",
          r"\b(?:(?:environmental )?(?:sister|friendship|twin(?:ned)?)[- ](?:cit(?:y|ies)|provinces?|prefectures?|states?|regions?|"
          r"municipalit(?:y|ies)|towns?)|"
          r"(?:friendship|sister|partner) (?:city )?(?:relationship|ties|affiliation)|partner cit(?:y|ies)|"
          r"friendly (?:city )?(?:relationship|relations|ties|exchanges?))\b",
          ("City", "Region", "LocalGovernment"), ("City", "Region", "LocalGovernment"), "pair", 0.8),
    _rule("partnership-between", "partnerOf", "between",  # anchored on the rarer word, the kind of tie before it
          r"(?:(?<=\bpartnership )|(?<=\brelationship )|(?<=\bagreement )|(?<=\bties )|(?<=\bunderstanding )|(?<=\bmou )|"
          r"(?<=\bmoc )|(?<=\bloi )|(?<=\bintent )|(?<=\bdeclaration ))between\b",
          ("City", "Region", "LocalGovernment"), ("City", "Region", "LocalGovernment"), "between", 0.8),
    _rule("cooperation-between", "cooperatesWith", "between",
          r"(?:(?<=\bcooperation )|(?<=\bcollaboration )|(?<=\bexchanges )|(?<=\bexchange ))between\b",
          _AGENT, _AGENT, "between", 0.7),
    _rule("twinned", "partnerOf", "twinned",
          r"\btwinned with\b", ("City", "Region", "LocalGovernment"), ("City", "Region", "LocalGovernment"), "pair", 0.8),
    _rule("agreement-signed-passive", "partnerOf", "was_sign was_conclud was_exchang was_renew were_sign were_conclud "
          "were_exchang were_renew been_sign been_conclud been_exchang been_renew",
          r"\b(?:was|were|been) (?:sign|conclud|exchang|renew)ed (?:by|with|between them)\b",
          _AGENT, _AGENT, "pair", 0.8),
    _rule("agreement-signed-between", "partnerOf", "was_sign was_conclud was_exchang was_renew were_sign were_conclud "
          "were_exchang were_renew been_sign been_conclud been_exchang been_renew",
          r"\b(?:was|were|been) (?:sign|conclud|exchang|renew)ed between\b(?! them)", _AGENT, _AGENT, "between", 0.8),
    _rule("agreement-signed-document", "signed", "sign conclud renew ratif acced",
          r"\b(?:sign(?:ed|s|ing)?|conclud(?:ed|es|ing)|renew(?:ed|s|ing)?|ratif(?:ied|ies|ying)|acceded to)\b", _AGENT, ("Agreement",),
          "active", 0.75),
    _rule("experts-dispatched", "supports", "dispatch send sent seconded",
          r"\b(?:dispatch(?:ed|es|ing)?|sen[dt]s?|seconded)\b(?=[^.;]{0,50}\b(?:experts?|engineers?|staff|advisers?|advisors?|specialists?|"
          r"teams?|volunteers?|instructors?|planners?|technicians?)\b)"
          r"(?![^.;]{0,90}\bfor (?:training|study)\b)",
          _AGENT, ("Agent", "Initiative", "Plan"), "active", 0.8),
    _rule("experts-dispatched-passive", "supports", "expert engineer specialist advis",
          r"\b(?:experts?|engineers?|specialists?|advis[eo]rs?)\b[^.;]{0,80}?\b(?:was|were|been|are|is) (?:dispatched|sent|seconded|assigned) to\b",
          _AGENT, ("Agent", "Initiative", "Plan"), "sent", 0.75),
    _rule("donated", "supports", "donat hand",
          r"\b(?:donat(?:ed|es|ing)|hand(?:ed|s) over)\b(?=[^.;]{0,60}\bto\b)", _AGENT, ("Agent", "Initiative"), "active", 0.7),
    _rule("sent-for-training", "supports", "sent send dispatch",
          r"\b(?:sen[dt]s?|dispatch(?:ed|es)?)\b(?=[^.;]{0,60}\b(?:officials?|officers?|staff|engineers?|trainees?|employees?|"
          r"workers?|technicians?)\b[^.;]{0,40}\bfor (?:training|study|a study tour)\b)",
          _AGENT, _AGENT, "passive", 0.75),
    _rule("trainees-accepted", "supports", "accept receiv host invit",
          r"\b(?:accept(?:ed|s|ing)?|receiv(?:ed|es|ing)|host(?:ed|s|ing)?|invit(?:ed|es|ing))\b(?! by\b)(?=[^.;]{0,40}\b(?:trainees?|interns?|"
          r"(?:officials?|officers?|staff|engineers?|technicians?|employees?|delegates?)\b[^.;]{0,40}\bfor (?:training|study|a study tour)|"
          r"(?:officials?|officers?|staff|engineers?|technicians?|delegations?|delegates?|study teams?|missions?) (?:of|from))\b)",
          _AGENT, _AGENT, "hosting", 0.75),
    _rule("training-given", "supports", "conduct organi held hold ran run deliver offer provid gave give",
          r"\b(?:conduct|organi[sz]|held|hold|ran|run|deliver|offer|provid|gave|give)\w* (?:an? |the )?(?:[\w-]+ ){0,3}"
          r"(?:training|workshops?|seminars?|courses?|lectures?)\b(?=[^.;]{0,20}\b(?:for|to)\b)",
          _AGENT, _AGENT, "hosting", 0.7),
    _rule("trained-people", "supports", "train",
          r"\btrain(?:ed|s|ing)? (?:more than |over |some |about |around |nearly )?(?:[\d,]+ )?(?:[\w-]+ ){0,2}"
          r"(?:engineers|officials|staff|officers|technicians|trainees|people|participants|workers|students|experts)\b(?= (?:from|of)\b)",
          _AGENT, _AGENT, "hosting", 0.75),
    _rule("sharing", "supports", "shar",
          r"\bshar(?:e|es|ed|ing) (?:its |their )?(?:[\w-]+ ){0,2}(?:experiences?|know-how|expertise|knowledge|lessons)\b[^.;]{0,60}?\bwith\b",
          _AGENT, ("Agent",), "active", 0.7),
    _rule("support", "supports", "support assist help advis train provid technical capacity",
          r"(?:(?<!was )(?<!were )(?<!been )(?<! are )(?<! is )(?<! be )"  # not a passive; "is assisting" is active
          r"\b(?:support(?:ed|s)?|assist(?:ed|s)?|help(?:ed|s)?|advis(?:ed|es)|train(?:ed|s))|"
          r"\b(?:support|assist|help|advis)ing|"
          r"provid(?:ed|es|ing) (?:[\w-]+ ){0,2}(?:support|assistance|advices?|training|guidance)|"
          r"\b(?:technical|capacity[- ]building) (?:cooperation|assistance|support) (?:to|for))\b(?! (?:by|from|of)\b)",
          _AGENT, ("Agent", "Initiative", "Plan"), "active", 0.7),
    _rule("support-passive", "supports", "support assist advis help train with_ back received accepted hosted",
          r"\b(?:support|assist|advis|help|train|back)(?:ed)? by\b|\btrained (?:in|at)\b|\b(?:received|accepted|hosted) by\b|"
          r"\bwith (?:the )?(?:technical )?(?:support|assistance|help|cooperation|advice) (?:of|from)\b",
          _AGENT, ("Agent", "Initiative", "Plan"), "passive", 0.7),
    _rule("support-received", "supports", "receiv obtain gain benefit secur enjoy",
          r"\b(?:receiv(?:ed|es|ing)|obtain(?:ed|s)|gain(?:ed|s)|benefit(?:ed|s|ted)? from|secur(?:ed|es)|enjoy(?:ed|s)) "
          r"(?:an? |the )?(?:[\w-]+ ){0,2}(?<!financial )(?:support|assistance|aid|cooperation|advice|help|guidance|training)\b"
          r"[^.;]{0,40}?\b(?:from|of|by)\b", ("Agent",), ("Agent", "Initiative", "Plan"), "passive", 0.7),
    _rule("funding-received", "funds", "receiv obtain gain benefit secur",
          r"\b(?:receiv(?:ed|es|ing)|obtain(?:ed|s)|gain(?:ed|s)|benefit(?:ed|s|ted)? from|secur(?:ed|es)) "
          r"(?:an? |the )?(?:[\w-]+ ){0,2}(?:funding|financing|financial (?:support|assistance)|grants?|loans?|grant aid|subsid(?:y|ies))\b"
          r"[^.;]{0,40}?\b(?:from|by)\b", ("Agent", "FundingScheme", "Programme"),
          ("Initiative", "Facility", "Plan", "Agent", "Technology"), "passive", 0.75),
    _rule("funding-given", "funds", "gave give given award provid extend approv disburs",
          r"\b(?:gave|give[sn]?|award(?:ed|s)?|provid(?:ed|es|ing)|extend(?:ed|s)|approv(?:ed|es)|disburs(?:ed|es)) "
          r"(?:an? |the )?(?:[\w-]+ ){0,2}(?:grants?|loans?|funding|financing|funds|subsid(?:y|ies))\b(?! (?:by|from)\b)"
          r"(?=[^.;]{0,80}?\b(?:to|for)\b)", ("Agent", "FundingScheme", "Programme"),
          ("Initiative", "Facility", "Plan", "Agent", "Technology"), "active", 0.75),
    _rule("commissioned", "funds", "commission",
          r"(?<!\ba )(?<!\ban )\bcommission(?:ed|s)\b(?! by)(?=[^.;]{0,60}?\bto\b)", ("Agent", "FundingScheme", "Programme"), ("Agent", "Initiative"), "active", 0.7),
    _rule("commissioned-passive", "funds", "commissioned",
          r"\bcommissioned by\b", ("Agent", "FundingScheme", "Programme"), ("Agent", "Initiative"), "passive", 0.7),
    _rule("funding", "funds", "fund financ grant subsidi co-financ gave give given award provid",
          r"\b(?:fund(?:ed|s|ing)?|financ(?:ed|es|ing)|grant(?:ed)? aid (?:to|for)|subsidi[sz](?:ed|es|ing)|(?<=co-)financ(?:e|ed|es|ing)|"
          r"(?:gave|give[sn]?|award(?:ed|s)?|provid(?:ed|es)) (?:\w+ )?grants? (?:to|for))\b(?! (?:by|from|through)\b)",
          ("Agent", "FundingScheme", "Programme"), ("Initiative", "Facility", "Plan", "Agent", "Technology"), "active", 0.75),
    _rule("funding-passive", "funds", "fund financ subsidi co-financ sponsor with_",
          r"\b(?:fund|financ|subsidi[sz]|co-financ|sponsor)(?:ed)? (?:by|through)\b|\bfinancially (?:supported|assisted|backed) by\b|"
          r"\bwith (?:the )?(?:core |additional |initial |partial |some )?(?:funding|financing|financial (?:support|assistance)|grant aid|"
          r"a grant|a loan|a subsidy) (?:of|from)\b|"
          r"\b(?:funded|financed|supported) with (?:a |an )?(?:grant|loan|funding|subsidy|financing) (?:of|from)\b",
          ("Agent", "FundingScheme", "Programme"), ("Initiative", "Facility", "Plan", "Agent", "Technology"), "passive", 0.75),
    _rule("under-scheme", "funds", "under_ through_ using_ via_ with_",
          r"\b(?:under|through|using|via|with) (?:the |a )?(?=[A-Z])", ("FundingScheme",),
          ("Project", "Facility", "Technology", "Plan"), "under", 0.7),
    _rule("introduced-in", "introducedIn", "introduc install demonstrat deploy appl adopt piloted tested brought",
          r"\b(?:introduc(?:e|ed|es|ing)|install(?:ed|s|ing)?|demonstrat(?:e|ed|es|ing)|deploy(?:ed|s|ing)?|"
          r"appl(?:ied|ies|ying)|adopt(?:ed|s|ing)?|piloted|tested|brought)\b",
          ("Technology",), ("City", "Region", "Country", "Facility"), "technology-place", 0.7),
    _rule("deploys", "deploys", "introduc install demonstrat deploy appl adopt used uses using piloted tested suppl deliver",
          r"\b(?:introduc(?:ed|es|ing)|install(?:ed|s|ing)|demonstrat(?:ed|es|ing)|deploy(?:ed|s|ing)|"
          r"appl(?:ied|ies|ying)|adopt(?:ed|s|ing)|us(?:ed|es|ing)|piloted|tested|suppl(?:ied|ies)|deliver(?:ed|s))\b(?! by)",
          ("Agent", "Place", "Project"), ("Technology",), "active", 0.65),
    _rule("spread-to", "spreadTo", "spread expand replicat disseminat transfer extend scal rolled diffus taken carried",
          r"\b(?:spread|expand(?:ed|s|ing)?|replicat(?:ed|es|ing)|disseminat(?:ed|es|ing)|transferr?(?:ed|ing|s)?|"
          r"extend(?:ed|s|ing)?|scal(?:ed|es|ing) up|rolled out|diffus(?:ed|es|ing)|taken|carried over)\b(?=[^.;]{0,60}\b(?:to|into)\b)",
          ("Technology", "Programme", "Project"), ("City", "Region", "Country"), "active", 0.75),
    _rule("spread-in", "spreadTo", "replicated copied reproduced scaled rolled expanded",
          r"\b(?:replicated|copied|reproduced|scaled up|rolled out|expanded) (?:\w+ ){0,2}in\b",
          ("Technology", "Programme", "Project"), ("City", "Region", "Country"), "active", 0.7),
    _rule("spread-by", "spreadTo", "copied replicated emulated imitated taken followed",
          r"\b(?:copied|replicated|emulated|imitated|taken up|followed) by\b",
          ("Technology", "Programme", "Project"), ("City", "Region"), "active", 0.7),
    _rule("established", "established", "establish found set launch creat inaugurat",
          r"\b(?:establish(?:ed|es|ing)?|found(?:ed|s|ing)|set(?:s|ting)? up|launch(?:ed|es|ing)?|creat(?:ed|es|ing)|inaugurat(?:ed|es))\b"
          r"(?! by| members?\b)",
          _AGENT, _ORGS, "active", 0.75),
    _rule("established-passive", "established", "established founded set launched created inaugurated",
          r"\b(?:established|founded|set up|launched|created|inaugurated) (?:jointly )?by\b", _AGENT, _ORGS, "passive", 0.75),
    _rule("received", "received", "receiv award win won gain earn selected chosen designated certified recogni named "
          "was_granted were_granted been_granted is_granted are_granted was_given were_given been_given was_presented "
          "were_presented was_conferred were_conferred",
          r"\b(?:receiv(?:ed|es|ing)|award(?:ed|s)?|w[oi]n|won|gain(?:ed|s)?|earn(?:ed|s)?|"
          r"(?:selected|chosen|designated|certified|recogni[sz]ed)(?: by [^,;.]{1,60}?)? as|named|"
          r"(?:was|were|been|is|are) (?:granted|given|presented with|conferred)|(?:recogni[sz]ed|honou?red) with)\b(?! by)",
          ("Agent", "Project", "Programme"), ("Award",), "active", 0.8),
    _rule("granted-by", "awardedBy", "granted awarded given presented conferred",
          r"\b(?:granted|awarded|given|presented with|conferred)\b(?=[^.;]{0,80}?\bby\b)", ("Award",), _AGENT, "award-by", 0.7),
    _rule("selected-by", "awardedBy", "selected chosen designated certified recogni named",
          r"\b(?:selected|chosen|designated|certified|recogni[sz]ed|named) by\b(?=[^.;]{0,80}?\bas\b)", ("Award",), _AGENT,
          "selector", 0.7),
    _rule("awarded-by", "awardedBy", "award given presented granted conferred bestowed",
          r"\b(?:award(?:ed)?|given|presented|granted|conferred|bestowed) by\b", ("Award",), _AGENT, "active", 0.75),
    _rule("award-from", "awardedBy", "from_",
          r"\bfrom\b", ("Award",), _AGENT, "adjacent", 0.7),
    _rule("award-of", "awardedBy", "", r"\bof (?:the )?", ("Award",), _AGENT, "adjacent", 0.65, ends="of the"),  # "the Green Prize of the Society"
    _rule("member-of", "memberOf", "member join belong accession signator sponsor co-sponsor co-founder",
          r"\b(?:members? (?:(?:cit(?:y|ies)|organi[sz]ations?|states?|countries|municipalit(?:y|ies)|governments?) )?of|"
          r"(?:co-)?sponsors? of|co-founders? of|"
          r"join(?:ed|s|ing)?(?! (?:as|in|with|hands|forces)\b)|belong(?:s|ed)? to|accession to|signator(?:y|ies) (?:of|to))\b",
          _AGENT, ("Organisation",), "active", 0.75),
    _rule("joint-event-with", "cooperatesWith", "organi held host co-host conven",
          r"\b(?:organi[sz]ed|held|hosted|co-hosted|convened) (?:an? |the )?(?:joint )?(?:[\w-]+ ){0,4}(?-i:seminars?|workshops?|"
          r"forums?|meetings?|conferences?|symposi(?:um|a)|events?|training(?: courses?)?)\b[^.;]{0,80}?\bwith\b",  # unnamed
          _AGENT, _AGENT, "pair", 0.6),
    _rule("cooperation", "cooperatesWith", "cooperat collaborat joint work "
          "in_cooperation in_collaboration in_partnership in_close through_cooperation through_collaboration "
          "through_partnership through_close jointly together partner",
          r"\b(?:cooperat(?:e|ed|es|ing)|collaborat(?:e|ed|es|ing)|work(?:ed|s|ing) with|work(?:ed|s|ing)? (?:together|closely|jointly) with|work(?:ed|s|ing)? together|"
          r"(?:in|through) (?:close )?(?:cooperation|collaboration|partnership) (?:with|between)|"
          r"(?<!organised )(?<!organized )(?<!hosted )(?<!held )jointly with|together with|"
          r"partner(?:ed|s)? with|(?<=carried out )together\b|(?<=conducted )together\b|(?<=worked )together\b|"
          r"(?:joint|cooperat\w*|collaborat\w*) (?:[\w-]+ ){0,2}(?:projects?|activities|research|stud(?:y|ies)|programmes?) with)\b",
          _AGENT, _AGENT, "pair", 0.6),
    _rule("participation", "participatesIn", "participat took take taking involved engaged attend",
          r"\b(?:participat(?:ed|es|ing) in|took part in|take[sn]? part in|taking part in|attend(?:ed|s|ing)|involved in|engaged in)\b",
          _AGENT, ("Initiative", "Event", "CityNetwork"), "active", 0.65),
    _rule("participation-joined", "participatesIn", "joined join",
          r"\bjoin(?:ed|s|ing)?\b", _AGENT, ("Initiative", "Event"), "active", 0.65),
    _rule("model-city", "participatesIn", "model pilot demonstration",
          r"\b(?:model|pilot|demonstration) (?:city|cities|province|provinces|site|sites|municipality|town) (?:of|for|under|in)\b",
          _AGENT, ("Initiative",), "active", 0.7),
    _rule("selected-for", "participatesIn", "selected chosen designated certified recogni registered",
          r"\b(?:selected|chosen|designated|certified|recogni[sz]ed|registered)(?: by [^,;.]{1,60}?| in (?:19|20)\d\d)? (?:as|for)\b",
          _AGENT, ("Initiative",), "active", 0.7),
    _rule("implementation", "implements", "implement carr conduct undert execut run promot",
          r"(?<!was )(?<!were )(?<! is )(?<! are )(?<!been )(?<! be )"  # "is implemented on": a passive
          r"\b(?:implement(?:ed|s|ing)?|carr(?:ied|ies|y) out|conduct(?:ed|s|ing)?|undert(?:ook|akes|aken)|execut(?:ed|es|ing)|"
          r"run(?:s)?|promot(?:ed|es|ing))\b(?! by)",
          _AGENT, ("Project", "Programme", "Plan", "Technology"), "active", 0.65),
    _rule("developed-project", "implements", "develop",
          r"\bdevelop(?:ed|s|ing)\b(?! by)", _AGENT, ("Project", "Programme"), "active", 0.6),
    _rule("utilising", "participatesIn", "utili",
          r"\butili[sz](?:ed|es|ing|ation of)\b", _AGENT, ("FundingScheme", "Programme"), "active", 0.65),
    _rule("implementation-passive", "implements", "implemented carried conducted undertaken executed run led promoted",
          r"\b(?:implemented|carried out|conducted|undertaken|executed|run|led|promoted) by\b",
          _AGENT, ("Project", "Programme", "Plan", "Technology"), "passive", 0.7),
    _rule("formulation", "formulated", "formulat draft drew draw prepar developed develops developing adopt compil devis "
          "approv launch issu enact publish announc unveil",
          r"\b(?:formulat(?:ed|es|ing)|draft(?:ed|s|ing)|dr[ea]w(?:s)? up|prepar(?:ed|es|ing)|develop(?:ed|s|ing)|adopt(?:ed|s)|"
          r"compil(?:ed|es)|devis(?:ed|es)|approv(?:ed|es)|launch(?:ed|es)|issu(?:ed|es)|enact(?:ed|s)|publish(?:ed|es)|"
          r"announc(?:ed|es)|unveil(?:ed|s))\b(?! by)",
          _AGENT, ("Plan",), "active", 0.7),
    _rule("formulation-passive", "formulated", "formulated drafted drawn prepared adopted compiled approved launched issued "
          "enacted published",
          r"\b(?:formulated|drafted|drawn up|prepared|adopted|compiled|approved|launched|issued|enacted|published) by\b",
          _AGENT, ("Plan",), "passive", 0.7),
    _rule("own-plan", "formulated", "", r"\b(?:its|their|[Oo]ur) ", _AGENT, ("Plan",), "own", 0.6, ends="its their our"),
    _rule("own-scheme", "funds", "", r"\b(?:under|through|via) (?:its|their) ", _AGENT, ("Programme", "FundingScheme"), "own", 0.65, ends="its their"),
    _rule("own-body", "partOf", "", r"\b(?:its|their|[Oo]ur) ", ("City", "Region", "LocalGovernment"), ("LocalGovernment",),
          "own-part", 0.65, ends="its their our"),
    _rule("possessive-plan", "formulated", "",
          r"(?<=['’])s ", ("City", "Region", "Country", "LocalGovernment", "NationalGovernmentBody"), ("Plan",), "owner", 0.65, ends="s"),
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
    _rule("title-before", "affiliatedWith", "",
          r"(?-i:(?:Vice[- ])?(?:Mayor|Governor|Director(?:[- ]General)?|President|Minister|Chair(?:man|woman|person)?|"
          r"Secretary(?:[- ]General)?)) ", ("Person",), _AGENT, "based", 0.75, ends="mayor governor director general president minister chair chairman chairwoman chairperson secretary"),  # "Tokyo Governor Yuriko Koike"
    _rule("body-of-place", "partOf", "", r"\bof (?:the )?(?:City of )?", ("LocalGovernment", "Region"), ("City", "Region"),
          "adjacent", 0.65, ends="of the"),  # "the International Affairs Division of Kumamoto City"
    _rule("place-apposition", "partOf", "",
          r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}(?:city|town|municipality|district|port|capital|province)\s+(?:in|of)\s+(?:the\s+)?",
          ("City", "Region"), ("Region",), "adjacent", 0.65, ends="in of the"),  # "Minamata, a small coastal city in Kumamoto Prefecture"
    _rule("city-region", "partOf", "", r",\s+", ("City",), ("Region",), "adjacent", 0.6, ends=","),  # "Minamata City, Kumamoto Prefecture"
    _rule("region-in", "partOf", "", r"\bin (?:the )?", ("Region",), ("City", "Region"), "adjacent", 0.65, ends="in the"),  # "Cat Ba Island in Hai Phong"
    _rule("facility-in", "locatedIn", "", r"\b(?:in|at) (?:the )?", ("Facility",), ("City", "Region", "Country"), "adjacent", 0.65, ends="in at the"),
    _rule("based-prefix", "locatedIn", "",
          r"(?<=-)(?:based|headquartered) ", ("Facility", "Organisation", "Project"), ("City", "Region", "Country"),
          "based", 0.75, ends="based headquartered"),
    _rule("home-to", "locatedIn", "home",
          r"\bhome to\b", ("Facility", "Organisation", "Project"), ("City", "Region", "Country"), "passive", 0.65),
    _rule("operation", "operates", "operat runs manages managed managing",
          r"\b(?:operat(?:es|ed|ing)|runs|manag(?:es|ed|ing))\b(?! by)", _AGENT, ("Facility",), "active", 0.65),
    _rule("operation-passive", "operates", "operated run managed",
          r"\b(?:operated|run|managed) by\b", _AGENT, ("Facility",), "passive", 0.7),
    _rule("visit-by", "visited", "visit return official study",
          r"\b(?:(?:return|official|study|working) )?visit to\b(?=[^.;]{0,60}?\bby\b)", _AGENT, ("Place", "Agent"), "visit-by", 0.6),
    _rule("visit", "visited", "visit study mission",
          r"\bvisit(?:ed|s|ing)?\b(?! by\b)|\bstudy (?:tour|trip|visit)s? to\b|\bmission to\b", _AGENT, ("Place", "Agent"), "active", 0.55),
    _rule("visit-by-to", "visited", "visit", r"\bvisit by\b(?=[^.;]{0,80}?\bto\b)", _AGENT, ("Place", "Agent"), "by-to", 0.6),
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
    (r"sister[- ]cit|twin", "sister-city"), (r"friendship|friendly", "friendship"), (r"letters? of intent|\bLOI\b", "letter-of-intent"),
    (r"memorand|\bMO[UC]s?\b", "mou"), (r"strategic partnership", "strategic-partnership"),
    (r"joint declaration|declaration", "joint-declaration"), (r"agreement", "cooperation-agreement"),
)
_SUPPORT_MODES = (
    (r"\b(?:experts?|engineers?|specialists?)\b", "experts"), (r"\b(?:trainees?|interns?)\b", "trainees"),
    (r"\b(?:training|workshops?|seminars?)\b", "training"),
    (r"advi[cs]", "advice"), (r"equipment|machines|vehicles", "equipment"), (r"survey|feasibility|study", "survey"),
    (r"capacity", "capacity-building"), (r"plan(?:s|ning)?\b", "planning"), (r"technical", "technical-cooperation"),
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-3]\d)(?!\d)")  # "in FY2015" too
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


_LOCATIVE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:[a-z][\w-]*\s+)?$")  # "in (northeastern) Thailand"  # "experts from A visited": A acts
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
        while first and (joined := _joined(ms, first, text, lo)) and joined.end <= at and joined.type in types:
            first = joined
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
    return not (_LOCATIVE.search(before) or (gap.strip() == "to" and _DESTINATION.search(before))
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
        if m.start >= at and m.type in types and m.key != skip and (pronouns or not m.key.startswith(_REFER)):  # a pronoun: a subject
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


def _arguments(rule: Rule, ms: list[Found], t0: int, t1: int, text: str, lo: int):
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
    if b is not None and b.type in _PLACES and _LOCATIVE.search(text[max(0, b.start - lo - 30):b.start - lo]):
        b = None  # "signed a memorandum in Changsha": where, not with whom
    linked = b is not None and (_LINKED.search(text[t1 - lo:b.start - lo]) or _ENDS_LINKED.search(text, t0 - lo, t1 - lo))
    if a is not None and not linked:
        first = _before([m for m in ms if m.key != a.key], a.start, rule.object, text, lo, elided=False)
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


_AND = re.compile(r"(?: (?:City|Province|Prefecture|Government|City Hall))?(?:\s*\([A-Z][\w&\-]*\))?\s*(?:,|,? and|&)\s+(?:the\s+)?")


_AND_OTHERS = re.compile(r",? (?:and|&) (?:others|other \w+)\b|,? etc\b")


def _conjuncts(ms: list[Found], m: Found, types: frozenset[str], text: str, lo: int, *, forward: bool) -> list[Found]:
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


_REFER = " it\t"  # a key no entity has: a pronoun, then the key of what it stands for and where that is named
# "it" or "the city" as a subject: then auxiliaries or adverbs, then a verb that is not one of
# an empty "it" ("it seems", "it is important", "it was decided that")
_PRONOUN = re.compile(r"\b(it|It|[Tt]he city|they|They) (?:(?:has|have|had|was|is|been|also|then|later|jointly|further|"
                      r"subsequently|successfully|again|now|recently|first|soon|actively|since|currently|formally|officially|"
                      r"both|together) )*"
                      r"(?!(?:seems|appears|means|remains|becomes|became|makes|goes|follows|needs|is|was|has|had)\b)"
                      r"(?:[a-z]+(?:ed|en|es|s)|won|held|built|run|made|took|sent|began|joined|set|are|were|"
                      r"(?:been|is|was) (?=(?:an?|the|one) ))\b(?! (?:that|to)\b)")  # "The city has been a member"


def _pronouns(text: str, sentences: list[Sentence], found: list[Found], spans: list[tuple[int, int]],
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
                out.append(Found(m.start(), m.end(), f"{_REFER}{main}\t{sentences[i].start}", "City"))
    for m in _pronoun_subjects(text):
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
            if _LOCATIVE.search(text, max(0, f.start - 30), f.start):
                continue
            span = sentences[bisect.bisect_right(starts, f.start) - 1].start
            end = m.start() + len(word)  # the pronoun, not the verb after it
            other = _joined(found, f, text) if word in ("they", "They") else None
            key = f"{_PAIR}{f.key}\t{other.key}\t{span}" if other else f"{_REFER}{f.key}\t{span}"
            out.append(Found(m.start(), end, key, f.type))
            break
    return out


_GOVERNMENT_TYPES = frozenset({"City", "Region", "LocalGovernment"})
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


def _joined(found: list[Found], f: Found, text: str, lo: int = 0) -> Found | None:
    """The mention joined to ``f`` by "and" right after it, if of a like type ("Tokyo and Kuala
    Lumpur"); ``text`` starts at offset ``lo`` of the document."""
    k = bisect.bisect_right(found, f)
    if (k < len(found) and _AND.fullmatch(text, f.end - lo, found[k].start - lo)
            and ", " not in text[f.end - lo:found[k].start - lo]):
        g = found[k]
        if g.key != f.key and (g.type == f.type or {f.type, g.type} <= _GOVERNMENT_TYPES):
            return g
    return None


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
_DEF = " the\t"  # a key no entity has: a definite description, then the key of what it stands for and where


def _definites(text: str, sentences: list[Sentence], found: list[Found], spans: list[tuple[int, int]]) -> list[Found]:
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
            out.append(Found(m.start(), m.end(), f"{_DEF}{f.key}\t{span}", f.type))
    return out


def _definite_matches(text: str):
    seen = -1
    for end, length in _definite_automaton().iter(text):
        start = end - length + 1
        if start > seen and (start == 0 or not text[start - 1].isalnum()) and (m := _DEFINITE.match(text, start)):
            seen = start  # "the plan" inside "the plant": one match
            yield m


def _pronoun_subjects(text: str):
    """Every match of ``_PRONOUN``, tried only where str.find sees "it ", "It " or "he city "."""
    at: list[int] = []
    for word, back in (("it ", 0), ("It ", 0), ("he city ", 1), ("they ", 0), ("They ", 0)):
        i = text.find(word)
        while i >= 0:
            if i - back == 0 or not text[i - back - 1].isalnum():
                at.append(i - back)
            i = text.find(word, i + 1)
    for i in sorted(at):
        if m := _PRONOUN.match(text, i):
            yield m


def _pair(m: Found) -> list[Found]:
    """``m``, or the two cities it stands for, or what the pronoun stands for."""
    if m.key.startswith((_REFER, _DEF)):
        return [m._replace(key=m.key.split("\t")[1])]
    if not m.key.startswith(_PAIR):
        return [m]
    return [m._replace(key=key) for key in m.key[len(_PAIR):].split("\t")[:2]]


def _evidence(sent: Sentence, text: str, *ends: Found) -> Sentence:
    """``sent``, or, when an end is "the two cities" or a pronoun, the sentences from where
    what it stands for is named."""
    spans = [int(m.key.rsplit("\t", 1)[1]) for m in ends if m.key.startswith((_PAIR, _REFER, _DEF))]
    return Sentence(min(spans), sent.end, text[min(spans):sent.end]) if spans else sent


def apply(text: str, sentences: list[Sentence], found: list[Found], *, rules: tuple[Rule, ...] = RULES,
          main: str | None = None, author: str | None = None) -> list[Hit]:
    """Every relation the rules find in ``text`` (whose ``sentences`` and mentions are given).
    With ``main``, the city the document is about, "the two cities" and "both cities" stand
    for it and the other city named most just before. "We" and "our" stand for ``author``, the
    city whose text it is (the first it names), and "the plant", "the project" and the like for
    the last name of that kind before them."""
    if main is not None and (extra := _two_cities(text, sentences, found, main)):
        found = list(found)
        for f in extra:
            bisect.insort(found, f)  # few: cheaper than sorting again
    starts = [s.start for s in sentences]
    mention_starts = [m.start for m in found]
    # the mentions of each sentence, as a slice of ``found``
    spans = [(bisect.bisect_left(mention_starts, s.start), bisect.bisect_left(mention_starts, s.end)) for s in sentences]
    if extra := _pronouns(text, sentences, found, spans, author) + _definites(text, sentences, found, spans):
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
    _at_mentions(text, sentences, found, spans, rules, hits)
    best: dict[tuple, Hit] = {}  # one hit per sentence, fact and rule: the surest
    for h in hits:
        key = (h.sentence.start, h.s, h.p, h.o, h.rule)
        if key not in best or (h.confidence, h.kind or "") > (best[key].confidence, best[key].kind or ""):
            best[key] = h
    return sorted(best.values(), key=lambda h: (h.sentence.start, h.p, h.s, h.o, h.rule))


def _at_mentions(text: str, sentences: list[Sentence], found: list[Found], spans: list[tuple[int, int]],
                 rules: tuple[Rule, ...], hits: list[Hit]) -> None:
    """The hits of the rules without start words, each tried at the mentions whose preceding
    word or mark its trigger can end with."""
    by_end = _before_mentions(rules)
    starts = [s.start for s in sentences]
    for m in found:
        chunk = text[max(0, m.start - 24):m.start].rstrip()
        if not chunk:
            continue
        if chunk[-1].isalnum():
            k = len(chunk) - 1
            while k > 0 and chunk[k - 1].isalnum():
                k -= 1
            tried = by_end.get(chunk[k:].lower())
        else:
            tried = by_end.get(chunk[-1])
        for rule, types, ending in tried or ():
            if m.type in types and (trig := ending.search(text, max(0, m.start - 80), m.start)):
                i = bisect.bisect_right(starts, m.start) - 1
                if i >= 0:
                    _rule_hits(rule, trig, sentences[i], found[spans[i][0]:spans[i][1]], hits, text)


def _sentence_mentions(spans: list[tuple[int, int]], found: list[Found]) -> list[list[Found] | None]:
    """The mentions of each sentence (a slice of ``found``, by its ``spans``, made once for all
    its trigger words), or None for a sentence naming too few for any rule (many do): one
    mention, unless it is "the two cities"."""
    return [found[lo:hi] if hi - lo >= 2 or (hi > lo and found[lo].key.startswith(_PAIR)) else None for lo, hi in spans]


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
        window = sent.text[max(0, trig.start() - sent.start - (90 if rule.name.endswith("-between") else 40)):trig.end() - sent.start]
    else:
        window = sent.text[trig.start() - sent.start:trig.end() - sent.start + 90]
    kind, year = _kind(rule, window), _year(sent.text, trig.start() - sent.start, (s, o), sent.start)
    confidence = _confidence(rule, gap)
    for subj, obj in pairs:
        hits.append(Hit(subj.key, rule.prop, obj.key, rule.name, confidence, evidence, kind, year))


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
