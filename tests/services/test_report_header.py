"""The clinician PDF's header line: age band, weight rounded in his unit, anastrozole start."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from plain_account import plain_account

from bot.domain.profile import AgeBand, AnastrozoleUse, Weight, WeightUnit
from bot.domain.profile.values import KG_PER_LB, StartDate
from bot.services.progress_report import patient_label

ME = plain_account()


@pytest.mark.parametrize(
    ("weight", "shown"),
    [
        (Weight(60.0, WeightUnit.LB), "weight 132 lb"),  # 132.28 lb: no "132.3 lb"
        (Weight(182 * KG_PER_LB, WeightUnit.LB), "weight 182 lb"),
        (Weight(82.4, WeightUnit.KG), "weight 82 kg"),
        (None, "weight not given"),
    ],
)
def test_weight_is_rounded_to_a_whole_number_in_his_unit(weight: Weight | None, shown: str) -> None:
    """His weight prints as a whole number in the unit he weighs himself in."""
    assert shown in patient_label(replace(ME, weight=weight))


@pytest.mark.parametrize(
    ("use", "since", "shown"),
    [
        (AnastrozoleUse.YES, StartDate(date(2025, 3, 1), False), "anastrozole since Mar 2025"),
        (AnastrozoleUse.YES, StartDate(date(2025, 9, 1), True), "anastrozole since about Sep 2025"),
        (AnastrozoleUse.YES, None, "anastrozole: yes, start not given"),
        (AnastrozoleUse.PLANNED, None, "anastrozole planned"),
        (AnastrozoleUse.NO, None, "not on anastrozole"),
        (None, None, "anastrozole: not given"),
    ],
)
def test_anastrozole_start_is_stated(
    use: AnastrozoleUse | None, since: StartDate | None, shown: str
) -> None:
    """The header says since when he takes anastrozole, to the month, or why it cannot."""
    label = patient_label(replace(ME, anastrozole=use, anastrozole_since=since))
    assert label.endswith(shown)


def test_age_band_leads_the_header() -> None:
    """The age band comes first; no TRT date is printed (BoneCoach stores none)."""
    label = patient_label(replace(ME, age_band=AgeBand.B60_69))
    assert label.startswith("Age band 60–69 · ")
    assert "TRT" not in label


def test_the_trt_date_is_printed_when_he_gave_one() -> None:
    """/trt changed's latest date is in the header; without one nothing about TRT is said."""
    assert "TRT" not in patient_label(ME)
    changed = replace(ME, trt_changed_on=date(2026, 3, 4))
    assert patient_label(changed).endswith("· TRT started or changed 4 Mar 2026")
