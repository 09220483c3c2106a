"""Tests for the nutrient catalog in content/nutrients.yaml and its validation."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml

from bot.content.catalogs import load_catalog
from bot.content.location import DEFAULT_CATALOG_PATH
from bot.domain.nutrition import NutrientCatalog
from bot.domain.nutrition.catalog import MAX_LABEL
from bot.domain.profile import AgeBand

CATALOG_PATH = Path(__file__).resolve().parents[2] / "content" / "nutrients.yaml"
Edit = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def catalog() -> NutrientCatalog:
    return load_catalog(CATALOG_PATH)


def _nutrient(raw: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(n for n in raw["nutrients"] if n["key"] == key)
    return found


def _broken_copy(tmp_path: Path, edit: Edit) -> Path:
    raw = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "nutrients.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_default_path_points_at_the_content_file() -> None:
    """DEFAULT_CATALOG_PATH is the content/nutrients.yaml the tests load."""
    assert DEFAULT_CATALOG_PATH == CATALOG_PATH
    assert CATALOG_PATH.is_file()


def test_real_catalog_lists_the_six_nutrients(catalog: NutrientCatalog) -> None:
    """The shipped catalog validates and holds the six check-in nutrients in order."""
    assert catalog.keys == ("calcium", "vitamin_d", "k2", "magnesium", "protein", "omega3")
    assert [n.name for n in catalog.nutrients] == [
        "Calcium",
        "Vitamin D3",
        "Vitamin K2 (MK-7)",
        "Magnesium",
        "Protein",
        "Omega-3 (EPA+DHA)",
    ]
    assert [n.unit for n in catalog.nutrients] == ["mg", "IU", "µg", "mg", "g", "mg"]


def test_every_nutrient_has_three_or_four_short_buttons(catalog: NutrientCatalog) -> None:
    """Each nutrient offers three or four one-tap ranges with labels that fit a button."""
    for nutrient in catalog.nutrients:
        options = nutrient.one_tap.options
        assert len(options) in {3, 4}
        assert all(len(option.label) <= MAX_LABEL for option in options)


def test_every_figure_carries_a_source_and_status(catalog: NutrientCatalog) -> None:
    """Targets, limits, references, interactions and ranges all name a source and status."""
    for nutrient in catalog.nutrients:
        figures = [nutrient.target, nutrient.plausible, nutrient.one_tap]
        figures += [*nutrient.references, *nutrient.interactions]
        figures += [nutrient.limit] if nutrient.limit else []
        for figure in figures:
            assert figure.source.strip(), nutrient.key
            assert figure.status in {"C", "S", "U", "definitional"}, nutrient.key


@pytest.mark.parametrize(
    ("key", "band", "target", "limit"),
    [
        ("calcium", AgeBand.B40_49, 1000, 2500),
        ("calcium", AgeBand.B50_59, 1000, 2000),
        ("calcium", AgeBand.B70_PLUS, 1200, 2000),
        ("calcium", None, 1000, 2000),
        ("vitamin_d", AgeBand.B60_69, 600, 4000),
        ("vitamin_d", AgeBand.B70_PLUS, 800, 4000),
        ("magnesium", AgeBand.UNDER_30, 400, 350),
        ("magnesium", AgeBand.B30_39, 420, 350),
        ("omega3", None, 250, 5000),
    ],
)
def test_figures_match_clinical_defaults(
    catalog: NutrientCatalog, key: str, band: AgeBand | None, target: float, limit: float
) -> None:
    """Targets and limits per age band are the figures from clinical-defaults §4."""
    nutrient = catalog.get(key)
    assert nutrient.target.for_age(band) == target
    assert nutrient.limit is not None
    assert nutrient.limit.for_age(band) == limit


def test_reference_figures_match_clinical_defaults(catalog: NutrientCatalog) -> None:
    """Protein g/kg figures, the K2 reference and trial dose, and the warfarin caution are kept."""
    protein = catalog.get("protein")
    assert (protein.per_kg, protein.target.amount, protein.target.high) == (True, 1.0, 1.2)
    assert [r.amount for r in protein.references if r.label == "RDA"] == [0.8]
    k2 = catalog.get("k2")
    assert (k2.target.kind, k2.target.amount, k2.limit) == ("reference", 120, None)
    assert [r.amount for r in k2.references] == [180]
    assert "prescriber" in k2.interactions[0].warning
    magnesium_limit = catalog.get("magnesium").limit
    assert magnesium_limit is not None
    assert magnesium_limit.applies_to == "supplements"


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [
        ("calcium", 0, 4000),
        ("vitamin_d", 0, 10000),
        ("k2", 0, 1000),
        ("magnesium", 0, 1500),
        ("protein", 0.3, 3.5),
        ("omega3", 0, 5000),
    ],
)
def test_plausible_ranges(catalog: NutrientCatalog, key: str, low: float, high: float) -> None:
    """The plausible input range of each nutrient is the validation heuristic from §4."""
    plausible = catalog.get(key).plausible
    assert (plausible.low, plausible.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("calcium", "calcium"),
        ("Ca", "calcium"),
        ("calc", "calcium"),
        ("d", "vitamin_d"),
        ("D3", "vitamin_d"),
        ("vit d", "vitamin_d"),
        ("Vitamin D3", "vitamin_d"),
        ("vit. D", "vitamin_d"),
        ("k2", "k2"),
        ("MK-7", "k2"),
        ("mk7", "k2"),
        ("vit k2", "k2"),
        ("mg", "magnesium"),
        ("Mag", "magnesium"),
        ("protein", "protein"),
        ("prot", "protein"),
        ("omega 3", "omega3"),
        ("Omega-3", "omega3"),
        ("omega3", "omega3"),
        ("fish oil", "omega3"),
        ("EPA", "omega3"),
        ("dha", "omega3"),
        ("EPA+DHA", "omega3"),
        ("Omega-3 (EPA+DHA)", "omega3"),
    ],
)
def test_find_matches_aliases_loosely(catalog: NutrientCatalog, text: str, key: str) -> None:
    """Aliases match regardless of case, spaces and punctuation."""
    found = catalog.find(text)
    assert found is not None
    assert found.key == key


@pytest.mark.parametrize("text", ["", "  ", "zinc", "vitamin", "-", "omega"])
def test_find_returns_none_for_unknown_names(catalog: NutrientCatalog, text: str) -> None:
    """Unknown or empty names find nothing."""
    assert catalog.find(text) is None


def test_get_unknown_key_raises_key_error(catalog: NutrientCatalog) -> None:
    """get() only accepts catalog keys, not aliases."""
    with pytest.raises(KeyError, match="d3"):
        catalog.get("d3")


def test_catalog_models_are_frozen(catalog: NutrientCatalog) -> None:
    """Loaded catalog objects cannot be changed by accident."""
    with pytest.raises(pydantic.ValidationError):
        catalog.get("calcium").target.amount = 5  # type: ignore[misc]


def _add_alias(raw: dict[str, Any]) -> None:
    _nutrient(raw, "magnesium")["aliases"].append("CA")


def _widen_range(raw: dict[str, Any]) -> None:
    _nutrient(raw, "calcium")["one_tap"]["options"][3]["high"] = 5000


def _drop_source(raw: dict[str, Any]) -> None:
    del _nutrient(raw, "calcium")["target"]["source"]


def _blank_source(raw: dict[str, Any]) -> None:
    _nutrient(raw, "vitamin_d")["limit"]["source"] = "  "


def _bad_status(raw: dict[str, Any]) -> None:
    _nutrient(raw, "k2")["target"]["status"] = "maybe"


def _swap_ranges(raw: dict[str, Any]) -> None:
    options = _nutrient(raw, "magnesium")["one_tap"]["options"]
    options[0], options[1] = options[1], options[0]


def _amount_outside(raw: dict[str, Any]) -> None:
    _nutrient(raw, "omega3")["one_tap"]["options"][1]["amount"] = 300


def _duplicate_key(raw: dict[str, Any]) -> None:
    _nutrient(raw, "omega3")["key"] = "calcium"


def _extra_field(raw: dict[str, Any]) -> None:
    _nutrient(raw, "protein")["dose"] = 100


def _unsourced_conversion(raw: dict[str, Any]) -> None:
    del _nutrient(raw, "vitamin_d")["units"][1]["source"]


def _long_label(raw: dict[str, Any]) -> None:
    _nutrient(raw, "calcium")["one_tap"]["options"][0]["label"] = "less than five hundred mg"


def _two_buttons(raw: dict[str, Any]) -> None:
    _nutrient(raw, "k2")["one_tap"]["options"].pop()


def _straddle_limit(raw: dict[str, Any]) -> None:
    _nutrient(raw, "vitamin_d")["one_tap"]["options"][2]["high"] = 5000
    _nutrient(raw, "vitamin_d")["one_tap"]["options"][3]["low"] = 5000
    _nutrient(raw, "vitamin_d")["one_tap"]["options"][3]["amount"] = 5000


def _over_band_at_limit(raw: dict[str, Any]) -> None:
    _nutrient(raw, "vitamin_d")["one_tap"]["options"][3]["amount"] = 4000


def _top_band_short(raw: dict[str, Any]) -> None:
    top = _nutrient(raw, "magnesium")["one_tap"]["options"][2]
    top["low"], top["amount"] = 400, 400
    _nutrient(raw, "magnesium")["one_tap"]["options"][1]["high"] = 400


def _duplicate_spelling(raw: dict[str, Any]) -> None:
    _nutrient(raw, "calcium")["units"][1]["spellings"].append("MG")


@pytest.mark.parametrize(
    ("edit", "fragments"),
    [
        (_add_alias, ["alias 'ca' is used by both calcium and magnesium"]),
        (_widen_range, ["nutrient 'calcium'", "one_tap.options 'over'", "plausible range 0–4000"]),
        (_straddle_limit, ["nutrient 'vitamin_d'", "1000–4000 IU straddles the limit 4000"]),
        (_over_band_at_limit, ["nutrient 'vitamin_d'", "'over': amount must be above the limit"]),
        (_top_band_short, ["nutrient 'magnesium'", "the top band must reach the target"]),
        (_drop_source, ["nutrient 'calcium'", "field 'target.source'", "Field required"]),
        (_blank_source, ["nutrient 'vitamin_d'", "field 'limit.source'", "at least 1 character"]),
        (_bad_status, ["nutrient 'k2'", "field 'target.status'"]),
        (_swap_ranges, ["nutrient 'magnesium'", "one_tap.options 'lo'", "out of order"]),
        (_amount_outside, ["nutrient 'omega3'", "amount 300 is outside its own range"]),
        (_duplicate_key, ["nutrient key 'calcium' is used twice"]),
        (_extra_field, ["nutrient 'protein'", "field 'dose'", "Extra inputs are not permitted"]),
        (_unsourced_conversion, ["nutrient 'vitamin_d'", "conversion 'µg' needs a source"]),
        (_long_label, ["nutrient 'calcium'", "field 'one_tap.options.0.label'"]),
        (_two_buttons, ["nutrient 'k2'", "field 'one_tap.options"]),
        (_duplicate_spelling, ["nutrient 'calcium'", "spelling mg is listed twice"]),
    ],
)
def test_broken_catalog_is_rejected_with_a_clear_message(
    tmp_path: Path, edit: Edit, fragments: list[str]
) -> None:
    """A broken copy fails to load, and the message names the nutrient, field and problem."""
    path = _broken_copy(tmp_path, edit)
    with pytest.raises(ValueError, match=r"nutrients\.yaml is invalid") as caught:
        load_catalog(path)
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_invalid_yaml_is_rejected(tmp_path: Path) -> None:
    """A file that is not YAML fails with a ValueError saying so."""
    path = tmp_path / "nutrients.yaml"
    path.write_text("nutrients: [unclosed", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid YAML"):
        load_catalog(path)


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    """An empty file is not a catalog."""
    path = tmp_path / "nutrients.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match=r"nutrients\.yaml is invalid"):
        load_catalog(path)
