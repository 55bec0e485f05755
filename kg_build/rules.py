"""Relation rules: the table of trigger words and the typed mentions each rule joins.

Each ``Rule`` names a property, a trigger (a regular expression over the document), the
types its subject and object may have, how its arguments sit around the trigger (its
layout, read by ``arguments.py``), a base confidence, and the words its trigger starts with
(or, for a rule tried where a mention begins, ends with). ``relations.apply`` runs them.

Layouts:
- ``active``: subject before the trigger, object after ("A dispatched experts to B");
- ``passive``: object before, subject after ("B was funded by A");
- ``pair``: two partners, before and after, or both before ("A and B signed an MOU");
- ``between``: both after ("the partnership between A and B");
- ``under``: the scheme after the trigger funds the initiative before it ("... under the JCM");
- ``own``, ``owner``, ``based``, ``adjacent``: ends right next to the trigger ("its Climate
  Plan", "Hue's Climate Plan", "Toyama-based Hokuriku", "the Award of X");
- ``selector``, ``award-by``, ``visit-by``, ``by-to``, ``sent``, ``hosting``,
  ``technology-place``: the orders those phrasings take.

A mention's key is an entity's, or, for a reference that ``reference.py`` resolves, one no
entity has: ``PAIR`` ("the two cities", "they"), ``REFER`` ("it", "we"), ``DEF`` ("the
plant"), each followed by the key(s) it stands for and where they are named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .sentences import Sentence
from .signatures import expand


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
    ends: frozenset[str] = frozenset()  # without starts: the last words (lowercase, "of the" for "of the") or marks a trigger ends with
    reach: int = 32  # ... and the most characters it can take before the mention


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


def _rule(name, prop, starts, trigger, subject, obj, layout="active", confidence=0.7, ends="", reach=32) -> Rule:
    return Rule(name, prop, re.compile(trigger, re.IGNORECASE), expand(*subject), expand(*obj), layout, confidence,
                tuple(starts.split()), frozenset(e.replace("_", " ") for e in ends.split()), reach)


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
    _rule("award-of", "awardedBy", "", r"\bof (?:the )?", ("Award",), _AGENT, "adjacent", 0.65, ends="of of_the"),  # "the Green Prize of the Society"
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
          "adjacent", 0.65, ends="of of_the"),  # "the International Affairs Division of Kumamoto City"
    _rule("place-apposition", "partOf", "",
          r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}(?:city|town|municipality|district|port|capital|province)\s+(?:in|of)\s+(?:the\s+)?",
          ("City", "Region"), ("Region",), "adjacent", 0.65, ends="in of in_the of_the", reach=100),  # "Minamata, a small coastal city in Kumamoto Prefecture"
    _rule("city-region", "partOf", "", r",\s+", ("City",), ("Region",), "adjacent", 0.6, ends=","),  # "Minamata City, Kumamoto Prefecture"
    _rule("region-in", "partOf", "", r"\bin (?:the )?", ("Region",), ("City", "Region"), "adjacent", 0.65, ends="in in_the"),  # "Cat Ba Island in Hai Phong"
    _rule("facility-in", "locatedIn", "", r"\b(?:in|at) (?:the )?", ("Facility",), ("City", "Region", "Country"), "adjacent", 0.65, ends="in at in_the at_the"),
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


PAIR = " the two cities\t"  # a key no entity has: "the two cities", then the keys of the two
REFER = " it\t"  # a key no entity has: a pronoun, then the key of what it stands for and where that is named
DEF = " the\t"  # a key no entity has: a definite description, then the key of what it stands for and where
