"""Tests for the lab catalog in content/labs.yaml and its validation."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.catalogs import load_lab_catalog
from bot.content.location import DEFAULT_LABS_PATH
from bot.domain.labs import LabCatalog, catalog_problems
from bot.domain.profile import AgeBand, LabUnits

CATALOG_PATH = Path(__file__).resolve().parents[2] / "content" / "labs.yaml"
Edit = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def catalog() -> LabCatalog:
    return load_lab_catalog(CATALOG_PATH)


def _raw() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    return raw


def _lab(raw: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(lab for lab in raw["labs"] if lab["key"] == key)
    return found


def _write(tmp_path: Path, raw: Any) -> Path:
    path = tmp_path / "labs.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _sourced_items(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping in the raw YAML that carries a source or a status."""
    if isinstance(node, dict):
        if "source" in node or "status" in node:
            yield where, node
        for key, value in node.items():
            yield from _sourced_items(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _sourced_items(value, f"{where}[{index}]")


def test_default_path_points_at_the_content_file() -> None:
    """DEFAULT_LABS_PATH is the content/labs.yaml the tests load."""
    assert DEFAULT_LABS_PATH == CATALOG_PATH
    assert CATALOG_PATH.is_file()


def test_real_catalog_lists_the_eight_labs(catalog: LabCatalog) -> None:
    """The shipped catalog validates and holds the eight labs with their canonical units."""
    assert catalog.keys == ("vitd", "e2", "ctx", "p1np", "dxa_spine", "dxa_hip", "hct", "tt")
    units = [lab.unit for lab in catalog.labs]
    assert units == ["ng/mL", "pg/mL", "pg/mL", "µg/L", "T", "T", "%", "ng/dL"]
    assert catalog_problems(catalog) == []


def test_every_figure_carries_a_source_and_a_known_status() -> None:
    """Each interval, threshold, unit factor and note in the YAML has both source and status."""
    items = list(_sourced_items(_raw()))
    assert len(items) > 60
    for where, item in items:
        assert item.get("source"), where
        assert item.get("status") in {"C", "S", "U", "definitional"}, where


def test_every_conversion_and_rule_is_sourced(catalog: LabCatalog) -> None:
    """Every non-canonical unit, band, rule, note and schedule figure has a source."""
    for lab in catalog.labs:
        for unit in lab.units:
            assert unit.name == lab.unit or (unit.source and unit.status), (lab.key, unit.name)
        flags, schedule = lab.flags, lab.schedule
        rules: list[Any] = [*flags.bands, *flags.t_bands, *flags.z_bands, *lab.notes]
        rules += [lab.plausible]
        rules += [flags.t_under_50, flags.ai_context, flags.rise_vs_baseline, flags.info]
        rules += [flags.own_upper_limit, flags.reference_ranges, schedule.baseline]
        rules += [flags.usual_range, flags.usual_range and flags.usual_range.above]
        rules += [schedule.recheck, schedule.interval, schedule.if_low]
        for rule in rules:
            assert rule is None or (rule.source and rule.status), lab.key


@pytest.mark.parametrize(
    ("key", "unit", "factor"),
    [
        ("vitd", "nmol/L", 2.496),
        ("e2", "pmol/L", 3.671),
        ("tt", "nmol/L", 0.03467),
        ("ctx", "ng/mL", 0.001),
        ("ctx", "ng/L", 1),
        ("p1np", "ng/mL", 1),
        ("hct", "L/L", 0.01),
    ],
)
def test_unit_factors_match_the_reference(
    catalog: LabCatalog, key: str, unit: str, factor: float
) -> None:
    """Unit factors are those of clinical-defaults §3 (one canonical unit in that unit)."""
    assert catalog.get(key).unit_named(unit).factor == factor


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [
        ("vitd", 1, 200),
        ("e2", 0.5, 500),
        ("ctx", 10, 3000),
        ("p1np", 5, 500),
        ("dxa_spine", -6, 6),
        ("dxa_hip", -6, 6),
        ("hct", 20, 70),
        ("tt", 10, 3000),
    ],
)
def test_plausible_ranges_are_u_defaults(
    catalog: LabCatalog, key: str, low: float, high: float
) -> None:
    """Plausible input ranges are the chosen bounds and marked U (design defaults)."""
    plausible = catalog.get(key).plausible
    assert (plausible.low, plausible.high, plausible.status) == (low, high, "U")


@pytest.mark.parametrize(
    ("key", "conventional", "si"),
    [
        ("vitd", ("ng/mL", "nmol/L"), ("nmol/L", "ng/mL")),
        ("e2", ("pg/mL", "pmol/L"), ("pmol/L", "pg/mL")),
        ("tt", ("ng/dL", "nmol/L"), ("nmol/L", "ng/dL")),
        ("hct", ("%", "L/L"), ("L/L", "%")),
        ("ctx", ("pg/mL", "pg/mL"), ("pg/mL", "pg/mL")),
        ("p1np", ("µg/L", "µg/L"), ("µg/L", "µg/L")),
        ("dxa_spine", ("T", "T"), ("T", "T")),
    ],
)
def test_display_units_follow_the_preference(
    catalog: LabCatalog, key: str, conventional: tuple[str, str], si: tuple[str, str]
) -> None:
    """Each lab shows its conventional or SI unit first; labs without an SI unit show the same."""
    display = catalog.get(key).display
    assert display.order(LabUnits.CONVENTIONAL) == conventional
    assert display.order(LabUnits.SI) == si


def test_schedule_figures_sit_inside_the_reference_windows(catalog: LabCatalog) -> None:
    """Recheck days fall inside each reference window; intervals match section 1."""
    weeks, months = 7, 30.4
    windows = {"e2": (6 * weeks, 12 * weeks), "ctx": (3 * months - 1, 6 * months)}
    windows |= {"p1np": windows["ctx"], "tt": (2 * months - 1, 3 * months), "hct": windows["ctx"]}
    for key, (low, high) in windows.items():
        recheck = catalog.get(key).schedule.recheck
        assert recheck is not None
        assert low <= recheck.days <= high, key
    intervals = {"vitd": 365, "e2": 182, "dxa_spine": 730, "dxa_hip": 730, "hct": 365}
    assert {k: catalog.get(k).schedule.interval.days for k in intervals} == intervals
    assert catalog.get("dxa_spine").schedule.if_low.days == 365  # type: ignore[union-attr]
    assert catalog.get("vitd").schedule.if_low.days == 91  # type: ignore[union-attr]
    assert catalog.get("e2").schedule.recheck.status == "U"  # type: ignore[union-attr]
    assert catalog.get("dxa_spine").schedule.recheck is None


def test_preparation_notes_come_from_the_reference(catalog: LabCatalog) -> None:
    """CTX, E2, P1NP and TT carry the collection notes of section 1; DXA invents none."""

    def prep(key: str) -> str:
        return " ".join(n.text for n in catalog.get(key).notes if n.kind == "preparation")

    assert all(word in prep("ctx") for word in ("Fasting", "10 am", "same time", "biotin", "8 h"))
    assert "same lab" in prep("e2") and "LC-MS/MS" in prep("e2")
    assert "same time of day" in prep("p1np")
    assert "midway between doses" in prep("tt")
    assert "machine" not in prep("dxa_spine") and "calcium" not in prep("dxa_spine")


def test_ctx_reference_ranges_cover_every_age_band(catalog: LabCatalog) -> None:
    """The Roche-type CTX ranges exist for every AgeBand, as in section 2."""
    ranges = catalog.get("ctx").flags.reference_ranges
    assert ranges is not None
    assert set(ranges.by_age) == set(AgeBand)
    assert (ranges.by_age[AgeBand.UNDER_30].low, ranges.by_age[AgeBand.UNDER_30].high) == (
        238,
        1019,
    )
    assert (ranges.by_age[AgeBand.B70_PLUS].low, ranges.by_age[AgeBand.B70_PLUS].high) == (
        118,
        776,
    )


def test_catalog_lookups(catalog: LabCatalog) -> None:
    """get() finds a key or raises KeyError; find() matches aliases ignoring punctuation."""
    assert catalog.get("hct").name == "Hematocrit"
    with pytest.raises(KeyError):
        catalog.get("ldl")
    assert catalog.find("25(OH)D") is catalog.get("vitd")
    assert catalog.find("Beta CrossLaps") is catalog.get("ctx")
    assert catalog.find("dxa") is None  # ambiguous: the parser asks which site
    assert catalog.find("ldl") is None


def _set(path: str, value: Any) -> Edit:
    """An edit setting labs[key].a.b... (path "key:a.b") or deleting it when value is ...."""

    def edit(raw: dict[str, Any]) -> None:
        key, _, dotted = path.partition(":")
        node: Any = _lab(raw, key)
        *parents, last = dotted.split(".")
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if value is ...:
            del node[int(last) if isinstance(node, list) else last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return edit


def _swap_first_bands(raw: dict[str, Any]) -> None:
    bands = _lab(raw, "vitd")["flags"]["bands"]
    bands[0], bands[1] = bands[1], bands[0]


def _duplicate_alias(raw: dict[str, Any]) -> None:
    _lab(raw, "tt")["aliases"].append("E-2")


def _duplicate_key(raw: dict[str, Any]) -> None:
    _lab(raw, "tt")["key"] = "e2"


def _unknown_ambiguous_lab(raw: dict[str, Any]) -> None:
    raw["ambiguous"][0]["labs"] = ["dxa_spine", "dxa_knee"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_swap_first_bands, "lab 'vitd', field 'flags.bands[1]': bound 12 is out of order"),
        (_duplicate_alias, "lab 'tt', field 'aliases': 'e2' is also used by lab 'e2'"),
        (_duplicate_key, "lab key e2 is used twice"),
        (_unknown_ambiguous_lab, "unknown lab dxa_knee"),
        (_set("vitd:flags.bands.0.below", ...), "field 'flags.bands[0]': needs a bound"),
        (_set("hct:flags.bands.1.below", 60), "field 'flags.bands[1]': the last band has no"),
        (_set("hct:flags.bands.0.below", 54), "give `below` or `up_to`, not both"),
        (_set("e2:flags.bands.0.below", 900), "outside the plausible range"),
        (_set("e2:flags.bands.0.below", 9), "text must mention its bound 9"),
        (_set("e2:flags.bands.2.level", "note"), "field 'flags.bands': one band must be ok"),
        (_set("hct:flags.bands.0.source", ...), "lab 'hct', field 'flags.bands.0.source'"),
        (_set("hct:flags.bands.0.status", "maybe"), "lab 'hct', field 'flags.bands.0.status'"),
        (_set("hct:flags.bands.0.text", "fine."), "text must not end with a full stop"),
        (_set("ctx:flags.rise_vs_baseline.text", "up {pct} %"), "unknown placeholder pct"),
        (_set("ctx:flags.reference_ranges.by_age.70+", ...), "no range for 70+"),
        (_set("vitd:units.1.source", ...), "conversion 'nmol/L' needs a source and status"),
        (_set("vitd:units.1.factor", 0), "lab 'vitd', field 'units.1.factor'"),
        (_set("vitd:units.1.spellings", ["ng/ml"]), "spelling ng/ml is listed twice"),
        (_set("vitd:units.0.factor", 2), "canonical unit 'ng/mL' must be listed with factor 1"),
        (_set("vitd:display.si", "mmol/L"), "field 'display': 'mmol/L' is not one of the units"),
        (_set("vitd:bare_unit", "IU"), "field 'bare_unit': 'IU' is not one of the units"),
        (_set("vitd:plausible.low", 500), "field 'plausible': low must be below high"),
        (_set("vitd:schedule.interval.days", 0), "field 'schedule.interval.days'"),
        (_set("vitd:schedule.recheck", {"days": 30}), "field 'schedule.recheck.window'"),
        (_set("vitd:aliases", ["vit d", "Vit-D"]), "field 'aliases': vitd is listed twice"),
        (_set("vitd:colour", "red"), "lab 'vitd', field 'colour': Extra inputs"),
        (_set("p1np:flags.usual_range", ...), "field 'flags': give bands, info, reference"),
        (
            _set("vitd:flags.bands.0.plain", "Low (threshold C; tier U)."),
            "field 'flags.bands[0].plain': text must not show a status code",
        ),
        (
            _set("vitd:flags.bands.0.plain", "Your vitamin D is very low"),
            "field 'flags.bands[0].plain': text must end with a full stop",
        ),
        (
            _set("tt:flags.t_under_50", {"text": "x", "plain": "x.", "source": "s", "status": "C"}),
            "lab 'tt', field 'flags.t_under_50': not used for labs with units",
        ),
        (_set("tt:flags.ai_context", {}), "lab 'tt', field 'flags.ai_context"),
    ],
)
def test_broken_catalogs_name_the_lab_and_field(tmp_path: Path, edit: Edit, message: str) -> None:
    """A catalog with a specific mistake is refused with a message naming the lab and field."""
    raw = _raw()
    edit(raw)
    with pytest.raises(ValueError, match=r"labs\.yaml is invalid") as caught:
        load_lab_catalog(_write(tmp_path, raw))
    assert message in str(caught.value)


def test_a_score_lab_needs_both_band_sets(tmp_path: Path) -> None:
    """A DXA lab without z_bands is refused (an under-50 man is read by Z-score)."""
    raw = _raw()
    hip = _lab(raw, "dxa_hip")
    hip["flags"] = {k: v for k, v in hip["flags"].items() if k != "z_bands"}
    with pytest.raises(ValueError, match="lab 'dxa_hip', field 'flags': a DXA score lab needs"):
        load_lab_catalog(_write(tmp_path, raw))


def test_mixing_score_and_plain_units_is_refused(tmp_path: Path) -> None:
    """A lab whose units mix score kinds and plain units is refused."""
    raw = _raw()
    _lab(raw, "dxa_spine")["units"] = [
        *_lab(raw, "dxa_spine")["units"],
        {"name": "g/cm2", "factor": 1, "decimals": 2, "source": "x", "status": "U"},
    ]
    with pytest.raises(ValueError, match="'g/cm2': give all units a score_kind and label"):
        load_lab_catalog(_write(tmp_path, raw))


def test_not_yaml_or_wrong_shape_is_refused(tmp_path: Path) -> None:
    """Unreadable YAML and a catalog without labs give a clear ValueError."""
    path = tmp_path / "labs.yaml"
    path.write_text("labs: [unclosed", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid YAML"):
        load_lab_catalog(path)
    with pytest.raises(ValueError, match="catalog, field 'labs'"):
        load_lab_catalog(_write(tmp_path, {"version": 1, "labs": []}))
