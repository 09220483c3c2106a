"""Tests for the exercise catalog file and its loader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.catalog_file import ContentError
from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.training import ExerciseCatalog
from bot.domain.training.catalog_parts import Region

Raw = dict[str, Any]


@pytest.fixture(scope="module")
def catalog() -> ExerciseCatalog:
    return load_exercise_catalog(DEFAULT_EXERCISES_PATH)


def _raw() -> Raw:
    data = yaml.safe_load(DEFAULT_EXERCISES_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "exercises.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_default_path_points_at_content_file() -> None:
    """DEFAULT_EXERCISES_PATH is content/exercises.yaml at the repository root."""
    assert DEFAULT_EXERCISES_PATH.is_file()
    assert DEFAULT_EXERCISES_PATH.parts[-2:] == ("content", "exercises.yaml")


def test_main_lifts_regions_and_increments(catalog: ExerciseCatalog) -> None:
    """Squat and deadlift are lower body (+2.5 kg / 5 lb), the press upper (+1.25 kg / 2.5 lb)."""
    by_key = {lift.key: lift for lift in catalog.lifts}
    assert list(by_key) == ["squat", "deadlift", "overhead_press"]
    for key in ("squat", "deadlift"):
        assert by_key[key].region is Region.LOWER
        assert (by_key[key].increment.kg, by_key[key].increment.lb) == (2.5, 5.0)
    press = by_key["overhead_press"]
    assert press.region is Region.UPPER
    assert (press.increment.kg, press.increment.lb) == (1.25, 2.5)


def test_load_rules_come_from_the_catalogue(catalog: ExerciseCatalog) -> None:
    """A lift's LoadRules carry its own increment and the shared progression numbers."""
    rules = catalog.load_rules("overhead_press")
    shared = catalog.progression
    assert (rules.increment_kg, rules.increment_lb) == (1.25, 2.5)
    assert (rules.rise_every_days, rules.technique_reps) == (7, 15)
    assert (rules.deload_fraction, rules.misses_before_deload) == (
        shared.deload_fraction,
        shared.misses_before_deload,
    )
    assert catalog.technique_weeks() == 4


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("squat", "squat"),
        ("Back Squat", "squat"),
        ("sq", "squat"),
        ("dl", "deadlift"),
        ("deadlifts", "deadlift"),
        ("ohp", "overhead_press"),
        ("press", "overhead_press"),
        ("overhead press", "overhead_press"),
        ("Military press", "overhead_press"),
    ],
)
def test_aliases_resolve_to_lifts(catalog: ExerciseCatalog, name: str, key: str) -> None:
    """Common names and abbreviations resolve to the right lift, ignoring case."""
    lift = catalog.lift_for_name(name)
    assert lift is not None
    assert lift.key == key


@pytest.mark.parametrize("name", ["rdl", "romanian deadlift", "bench", "bench press", ""])
def test_other_exercises_are_not_aliases(catalog: ExerciseCatalog, name: str) -> None:
    """RDL and bench press are different lifts and are not matched."""
    assert catalog.lift_for_name(name) is None


def test_unknown_lift_key_raises(catalog: ExerciseCatalog) -> None:
    """Asking for a lift key that does not exist raises ValueError naming it."""
    with pytest.raises(ValueError, match="unknown lift key 'bench'"):
        catalog.lift("bench")


def test_phases_follow_the_documented_plan(catalog: ExerciseCatalog) -> None:
    """Familiarization 1–4 (3×8–10), build 5–8 (5×5), heavy 9+ (5×5 at 80–85 %, LIFTMOR)."""
    fam, build, heavy = catalog.phases
    assert (fam.key, fam.weeks.first, fam.weeks.last) == ("familiarization", 1, 4)
    assert (fam.lifts.sets, fam.lifts.reps_min, fam.lifts.reps_max) == (3, 8, 10)
    assert (fam.lifts.pct_1rm_low, fam.lifts.pct_1rm_high) == (50, 70)
    assert (build.key, build.weeks.first, build.weeks.last) == ("build", 5, 8)
    assert (build.lifts.sets, build.lifts.reps_min, build.lifts.pct_1rm_high) == (5, 5, 80)
    assert (heavy.key, heavy.weeks.first, heavy.weeks.last) == ("heavy", 9, None)
    assert (heavy.lifts.pct_1rm_low, heavy.lifts.pct_1rm_high) == (80, 85)
    assert heavy.lifts.status == "C"
    assert "LIFTMOR" in heavy.lifts.source


def test_phase_lengths_are_marked_design_defaults(catalog: ExerciseCatalog) -> None:
    """Phase lengths are not from a source, so each is marked U."""
    assert {phase.weeks.status for phase in catalog.phases} == {"U"}


def test_impact_carries_and_doses_are_present(catalog: ExerciseCatalog) -> None:
    """The impact exercise, its alternatives, the carry and the off-day doses are listed."""
    assert catalog.impact.name == "Jumping chin-ups with drop landings"
    alternatives = {alt.key for alt in catalog.impact.alternatives}
    assert alternatives == {"drop_jump", "jump_squat"}
    assert [carry.key for carry in catalog.carries] == ["farmers_carry"]
    texts = {dose.render(20) for dose in catalog.off_day_doses}
    assert {"20 jumps + 20-minute brisk walk", "30-minute brisk walk"} <= texts
    assert any(dose.key == "rest" for dose in catalog.off_day_doses)


def test_every_figure_has_source_and_status() -> None:
    """Each mapping in the file that holds a number (not a yes/no flag) names a source and a
    C/S/U status."""

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            numbers = [
                k
                for k, v in node.items()
                if isinstance(v, int | float) and not isinstance(v, bool) and k != "version"
            ]
            if numbers:
                assert node.get("status") in {"C", "S", "U"}, where
                assert str(node.get("source", "")).strip(), where
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    walk(_raw(), "catalog")


def _dup_alias(d: Raw) -> None:
    d["lifts"][2]["aliases"].append("DL")


def _dup_key(d: Raw) -> None:
    d["lifts"][1]["key"] = "squat"


def _zero_increment(d: Raw) -> None:
    d["lifts"][0]["increment"]["kg"] = 0


def _negative_lb_increment(d: Raw) -> None:
    d["lifts"][2]["increment"]["lb"] = -5


def _gap(d: Raw) -> None:
    d["phases"][1]["weeks"]["first"] = 6


def _overlap(d: Raw) -> None:
    d["phases"][2]["weeks"]["first"] = 8


def _late_start(d: Raw) -> None:
    d["phases"][0]["weeks"]["first"] = 2


def _closed_end(d: Raw) -> None:
    d["phases"][2]["weeks"]["last"] = 52


def _open_middle(d: Raw) -> None:
    d["phases"][1]["weeks"]["last"] = None


def _backwards(d: Raw) -> None:
    d["phases"][1]["weeks"]["last"] = 4


def _digit_alias(d: Raw) -> None:
    d["lifts"][0]["aliases"].append("sq 5x5")


def _numeric_carry_alias(d: Raw) -> None:
    d["carries"][0]["aliases"].append("4x30")


def _dup_exercise_alias(d: Raw) -> None:
    d["other_lifts"][0]["aliases"].append("Farmer's-walk")


def _extra_field(d: Raw) -> None:
    d["lifts"][0]["colour"] = "red"


def _bad_status(d: Raw) -> None:
    d["lifts"][0]["status"] = "X"


def _bad_placeholder(d: Raw) -> None:
    d["off_day_doses"][0]["text"] = "{hops} hops"


def _string_number(d: Raw) -> None:
    d["phases"][0]["lifts"]["sets"] = "3"


def _reps_backwards(d: Raw) -> None:
    d["phases"][0]["lifts"]["reps_max"] = 6


def _dup_dose(d: Raw) -> None:
    d["off_day_doses"][1]["key"] = d["off_day_doses"][0]["key"]


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (_dup_alias, "duplicate lift alias: dl"),
        (_dup_key, "duplicate lift key: squat"),
        (_zero_increment, r"lift 'squat', field 'increment.kg': Input should be greater than 0"),
        (
            _negative_lb_increment,
            r"lift 'overhead_press', field 'increment.lb': Input should be greater than 0",
        ),
        (_gap, "phase 'build' starts at week 6, expected week 5"),
        (_overlap, "phase 'heavy' starts at week 8, expected week 9"),
        (_late_start, "phase 'familiarization' starts at week 2, expected week 1"),
        (_closed_end, "the last phase 'heavy' must be open-ended"),
        (_open_middle, "only the last phase may be open-ended, not 'build'"),
        (_backwards, r"phase 'build', field 'weeks': weeks run backwards \(5 to 4\)"),
        (_digit_alias, "alias 'sq 5x5' has a word /log would read as a number"),
        (_numeric_carry_alias, "alias '4x30' has a word"),
        (_dup_exercise_alias, "duplicate exercise alias: farmers walk"),
        (_extra_field, "lift 'squat', field 'colour': Extra inputs are not permitted"),
        (_bad_status, "lift 'squat', field 'status': Input should be 'C', 'S' or 'U'"),
        (_bad_placeholder, "may only use the {jumps} placeholder"),
        (
            _string_number,
            "phase 'familiarization', field 'lifts.sets': Input should be a valid integer",
        ),
        (_reps_backwards, "reps and %1RM ranges must run low to high"),
        (_dup_dose, "duplicate off-day dose key: jumps_walk"),
    ],
)
def test_invalid_catalog_is_rejected(
    tmp_path: Path, mutate: Callable[[Raw], None], fragment: str
) -> None:
    """A broken catalog raises ValueError naming the problem and the file."""
    data = _raw()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(ValueError, match=fragment) as info:
        load_exercise_catalog(path)
    assert str(path) in str(info.value)


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    """A file holding a list instead of a mapping is rejected."""
    with pytest.raises(ValueError, match="expected a mapping at the top level"):
        load_exercise_catalog(_write(tmp_path, ["squat"]))


def test_invalid_yaml_is_rejected(tmp_path: Path) -> None:
    """Unparsable YAML raises ValueError rather than a yaml error."""
    path = tmp_path / "exercises.yaml"
    path.write_text("lifts: [squat\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid YAML"):
        load_exercise_catalog(path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    """A missing catalog file is a content error naming the file."""
    with pytest.raises(ContentError, match=r"nope\.yaml: no such file"):
        load_exercise_catalog(tmp_path / "nope.yaml")
