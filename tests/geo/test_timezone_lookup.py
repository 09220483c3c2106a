"""Tests for the offline time zone lookup."""

import math
import time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.geo.timezone_lookup import ZoneChoice, find_zones, is_valid_zone, zone_at


def zones(text: str) -> list[str]:
    return [choice.zone for choice in find_zones(text)]


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("Europe/Berlin", "Europe/Berlin"),
        ("America/New York", "America/New_York"),
        ("america / new_york", "America/New_York"),
        ("New York", "America/New_York"),
        ("new york city", "America/New_York"),
        ("NYC", "America/New_York"),
        ("munchen", "Europe/Berlin"),
        ("München", "Europe/Berlin"),
        ("Munich", "Europe/Berlin"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("São Paulo", "America/Sao_Paulo"),
        ("Tokyo", "Asia/Tokyo"),
        ("Sydney", "Australia/Sydney"),
        ("zurich", "Europe/Zurich"),
        ("Kiev", "Europe/Kyiv"),
        ("London, UK", "Europe/London"),
        ("Paris France", "Europe/Paris"),
        ("Germany", "Europe/Berlin"),
        ("DE", "Europe/Berlin"),
        ("India", "Asia/Kolkata"),
        ("USA", "America/New_York"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("Z", "UTC"),
        ("GMT", "UTC"),
        ("UTC+0", "UTC"),
        ("EST", "America/New_York"),
        ("  Tokyo.  ", "Asia/Tokyo"),
    ],
)
def test_find_zones_best_match(text: str, zone: str) -> None:
    """The first choice for a zone name, city, country or UTC alias is the expected zone."""
    assert zones(text)[0] == zone


@pytest.mark.parametrize("text", ["Portland", "portland"])
def test_find_zones_ambiguous_city_offers_each_zone_once(text: str) -> None:
    """Portland offers both the Oregon and Maine zones, biggest first, without duplicates."""
    found = zones(text)
    assert found[:2] == ["America/Los_Angeles", "America/New_York"]
    assert len(found) == len(set(found))


def test_find_zones_city_qualified_by_state_or_country() -> None:
    """'Portland, OR' and 'London Canada' narrow by state code or country."""
    assert zones("Portland, OR") == ["America/Los_Angeles"]
    assert zones("london canada") == ["America/Toronto"]
    assert zones("Paris, Germany") == []


def test_find_zones_ignores_an_unknown_qualifier() -> None:
    """A qualifier we cannot interpret ('Oregon') falls back to every city of that name."""
    assert zones("Portland, Oregon") == zones("Portland")


def test_find_zones_city_labels_name_city_country_and_zone() -> None:
    """City choices are labelled 'City, CC — Zone'; IANA names are labelled with the name."""
    assert find_zones("Portland")[0] == ZoneChoice(
        "America/Los_Angeles", "Portland, US — America/Los_Angeles"
    )
    assert find_zones("europe/berlin") == [ZoneChoice("Europe/Berlin", "Europe/Berlin")]
    assert find_zones("Germany") == [ZoneChoice("Europe/Berlin", "Germany — Europe/Berlin")]


@pytest.mark.parametrize(
    ("text", "zone", "label"),
    [
        ("UTC+2", "Etc/GMT-2", "UTC+2 (no daylight saving)"),
        ("utc +2", "Etc/GMT-2", "UTC+2 (no daylight saving)"),
        ("GMT-5", "Etc/GMT+5", "UTC-5 (no daylight saving)"),
        ("UTC−5", "Etc/GMT+5", "UTC-5 (no daylight saving)"),
        ("+10", "Etc/GMT-10", "UTC+10 (no daylight saving)"),
        ("UTC+14", "Etc/GMT-14", "UTC+14 (no daylight saving)"),
        ("UTC-12:00", "Etc/GMT+12", "UTC-12 (no daylight saving)"),
    ],
)
def test_find_zones_fixed_offsets_use_inverted_etc_sign(text: str, zone: str, label: str) -> None:
    """UTC±N maps to the fixed Etc/GMT∓N zone, labelled as having no daylight saving."""
    assert find_zones(text) == [ZoneChoice(zone, label)]
    offset = ZoneInfo(zone).utcoffset(None)
    assert offset is not None
    assert offset.total_seconds() / 3600 == float(label[3:].split(" ")[0])


def test_find_zones_half_hour_offset_offers_fixed_city_zones() -> None:
    """UTC+5:30 has no Etc zone, so it offers zones fixed at +5:30 such as Asia/Kolkata."""
    assert "Asia/Kolkata" in zones("UTC+5:30")


def test_find_zones_country_with_many_zones_lists_its_biggest_cities() -> None:
    """A multi-zone country offers its most populous cities' zones."""
    found = zones("United States")
    assert found[:3] == ["America/New_York", "America/Los_Angeles", "America/Chicago"]
    assert len(found) == 6


@pytest.mark.parametrize("text", ["nonsenseville", "", "   ", "UTC+15", "xyzzy, france", "!!!"])
def test_find_zones_no_match_is_empty(text: str) -> None:
    """Unknown places and impossible offsets give an empty list."""
    assert find_zones(text) == []


def test_find_zones_respects_limit() -> None:
    """No more than `limit` choices are returned."""
    assert len(find_zones("Russia", limit=3)) == 3
    assert find_zones("Berlin", limit=0) == []


@pytest.mark.parametrize(
    "text", ["Berlin", "Portland", "Russia", "US", "UTC+2", "UTC+5:30", "GMT", "EST", "Paris"]
)
def test_find_zones_returns_only_valid_zones(text: str) -> None:
    """Every zone offered exists in the installed tz database."""
    for choice in find_zones(text):
        assert is_valid_zone(choice.zone)
        ZoneInfo(choice.zone)


def test_find_zones_is_fast_after_first_call() -> None:
    """After the index is built, a lookup takes well under 5 ms."""
    find_zones("warm up")
    queries = ["Berlin", "Portland", "munchen", "Germany", "UTC+2", "nonsenseville", "Paris, FR"]
    started = time.perf_counter()
    for query in queries * 10:
        find_zones(query)
    assert (time.perf_counter() - started) / (len(queries) * 10) < 0.005


@pytest.mark.parametrize(
    ("latitude", "longitude", "zone"),
    [
        (52.52, 13.40, "Europe/Berlin"),
        (40.71, -74.0, "America/New_York"),
        (34.05, -118.24, "America/Los_Angeles"),
        (35.68, 139.69, "Asia/Tokyo"),
        (-33.87, 151.21, "Australia/Sydney"),
        (-23.55, -46.63, "America/Sao_Paulo"),
        (51.51, -0.13, "Europe/London"),
    ],
)
def test_zone_at_nearest_city(latitude: float, longitude: float, zone: str) -> None:
    """A point resolves to the zone of the nearest city."""
    assert zone_at(latitude, longitude) == zone


def test_zone_at_handles_the_antimeridian() -> None:
    """Distances wrap around ±180° longitude (Fiji straddles it)."""
    assert zone_at(-17.8, 179.99) == zone_at(-17.8, -179.99) == "Pacific/Fiji"


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(90.1, 0.0), (-91.0, 0.0), (0.0, 180.5), (0.0, -181.0), (math.nan, 0.0), (0.0, math.inf)],
)
def test_zone_at_rejects_invalid_coordinates(latitude: float, longitude: float) -> None:
    """Coordinates outside the globe raise ValueError."""
    with pytest.raises(ValueError, match="Invalid coordinates"):
        zone_at(latitude, longitude)


def test_zone_at_is_fast() -> None:
    """A nearest-city scan takes under 50 ms once the index is built."""
    zone_at(0.0, 0.0)
    started = time.perf_counter()
    zone_at(48.85, 2.35)
    assert time.perf_counter() - started < 0.05


@settings(max_examples=25, deadline=None)
@given(st.floats(-90, 90), st.floats(-180, 180))
def test_zone_at_always_returns_a_valid_zone(latitude: float, longitude: float) -> None:
    """Any valid coordinate resolves to a usable IANA zone."""
    assert is_valid_zone(zone_at(latitude, longitude))


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("Europe/Berlin", True),
        ("UTC", True),
        ("Etc/GMT-2", True),
        ("europe/berlin", False),
        ("Mars/Olympus", False),
        ("", False),
        ("localtime", False),
    ],
)
def test_is_valid_zone(name: str, valid: bool) -> None:
    """Only exact, installed IANA zone names are valid."""
    assert is_valid_zone(name) is valid


@pytest.mark.parametrize(
    ("text", "zone"),
    [("Berlin", "Europe/Berlin"), ("London", "Europe/London"), ("Sydney", "Australia/Sydney")],
)
def test_a_big_city_is_not_shadowed_by_small_namesakes(text: str, zone: str) -> None:
    """A city far bigger than every namesake in another zone is the only choice offered."""
    assert [choice.zone for choice in find_zones(text)] == [zone]
