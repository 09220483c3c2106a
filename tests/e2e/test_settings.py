"""/settings and the one-line shortcuts, end to end."""

from __future__ import annotations

import pytest
from harness import Harness
from onboarded import onboard, stored, stored_user

from bot.db.models import User, UserBase


def profile(user: User) -> dict[str, object]:
    """The profile fields only (not conversation state such as the open question)."""
    return {name: getattr(user, name) for name in UserBase.model_fields}


async def test_settings_shows_the_profile_and_changes_one_value(harness: Harness) -> None:
    """/settings lists every value; tapping one asks just that question and saves the answer."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/settings")
    text = chat.last_text()
    for expected in ("Europe/Berlin", "07:30", "20:00", "Mon, Wed, Fri", "82 kg", "50–59"):
        assert expected in text
    await chat.tap("Age")
    assert "How old" in chat.last_text()
    assert "Step" not in chat.last_text()
    await chat.tap("60–69", expect=0)
    assert "✅ Age: 60–69" in chat.last_text()
    assert (await stored_user(harness)).age_band == "60-69"


@pytest.mark.parametrize(
    ("command", "field", "value"),
    [
        ("/timezone Europe/London", "timezone", "Europe/London"),
        ("/timezone tokyo", "timezone", "Asia/Tokyo"),
        ("/time 06:15", "training_time", "06:15"),
        ("/time evening 21:30", "nutrition_time", "21:30"),
        ("/days tue thu", "training_days_mask", 0b1010),
        ("/weight 90kg", "weight_kg", 90.0),
        ("/age 71", "age_band", "70+"),
        ("/anastrozole no", "anastrozole_use", "no"),
        ("/units ng/mL", "lab_units", "conventional"),
    ],
)
async def test_a_shortcut_with_an_argument_saves_it(
    harness: Harness, command: str, field: str, value: object
) -> None:
    """`/time 07:30`-style shortcuts change one setting and confirm it."""
    chat = harness.chat()
    await onboard(chat)
    replies = await chat.send(command)
    assert "✅" in (replies[-1].plain_text or "")
    stored = getattr(await stored_user(harness), field)
    shown = stored.strftime("%H:%M") if hasattr(stored, "strftime") else stored
    assert shown == value


async def test_time_with_two_values_sets_both_prompts(harness: Harness) -> None:
    """/time 06:00 19:30 sets the training prompt and the evening check-in."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/time 06:00 19:30", expect=2)
    user = await stored_user(harness)
    assert user.training_time is not None and user.training_time.strftime("%H:%M") == "06:00"
    assert user.nutrition_time is not None and user.nutrition_time.strftime("%H:%M") == "19:30"


@pytest.mark.parametrize(
    "command",
    ["/weight 5000kg", "/time 25:00", "/timezone Qwxzyville", "/days someday", "/age 7"],
)
async def test_a_bad_shortcut_argument_changes_nothing(harness: Harness, command: str) -> None:
    """An unreadable shortcut argument gets a clear message and leaves the profile alone."""
    chat = harness.chat()
    await onboard(chat)
    before = profile(await stored_user(harness))
    replies = await chat.send(command)
    assert "Nothing was changed" in (replies[-1].plain_text or "")
    assert profile(await stored_user(harness)) == before


async def test_shortcut_without_argument_asks_with_buttons(harness: Harness) -> None:
    """/weight alone asks the weight question with its stepper buttons."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/weight")
    assert "What do you weigh" in chat.last_text()
    assert "✅ 82 kg" in chat.buttons()
    await chat.tap("+5", expect=0)
    await chat.tap("✅ 87 kg", expect=0)
    assert (await stored_user(harness)).weight_kg == 87


async def test_ambiguous_city_offers_buttons(harness: Harness) -> None:
    """/timezone Portland offers the matching zones as buttons; a tap saves the one chosen."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/timezone Portland")
    assert "Which one" in chat.last_text()
    await chat.tap("America/New_York", expect=0)
    assert (await stored_user(harness)).timezone == "America/New_York"


async def test_settings_before_setup_is_finished_resumes_setup(harness: Harness) -> None:
    """Settings commands during onboarding bring back the open question instead."""
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("I agree")
    replies = await chat.send("/weight 80kg")
    assert "finish setting up first" in (replies[-1].plain_text or "")
    assert "Which time zone" in (replies[-1].plain_text or "")
    assert (await stored_user(harness)).weight_kg is None


async def test_settings_without_an_account_asks_for_start(harness: Harness) -> None:
    """Commands from someone who never consented point to /start and store nothing."""
    chat = harness.chat()
    replies = await chat.send("/settings")
    assert "/start" in (replies[-1].plain_text or "")


async def test_export_sends_a_zip_of_his_data(harness: Harness) -> None:
    """/export sends a zip a spreadsheet opens: what he logged, in his words and units, and
    data.json with his profile."""
    import csv
    import io
    import json
    import zipfile

    chat = harness.chat()
    await onboard(chat)
    await chat.send("/log squat 60x5 65x5")
    await chat.send("/log calcium 1200mg")
    await chat.send("/lab vitd 28 ng/mL")
    document = (await chat.send("/export"))[0]
    assert document.kind == "document"
    assert document.file_name is not None and document.file_name.endswith(".zip")
    assert document.file_path is not None
    archive = zipfile.ZipFile(io.BytesIO(document.file_path.read_bytes()))

    def sheet(name: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO(archive.read(name).decode())))

    data = json.loads(archive.read("data.json"))
    assert data["bc_user"][0]["timezone"] == "Europe/Berlin"
    assert sheet("lift_sets.csv")[1:] == [
        ["2026-03-02", "Back squat", "1", "5", "60", "132.3"],
        ["2026-03-02", "Back squat", "2", "5", "65", "143.3"],
    ]
    assert sheet("nutrition.csv")[1] == ["2026-03-02", "Calcium", "1200", "mg", "typed 1200 mg"]
    lab = sheet("labs.csv")[1]
    assert lab[1:6] == ["25(OH)D (vitamin D)", "70", "nmol/L", "28", "ng/mL"]  # SI first
    assert lab[6] != ""  # 28 ng/mL is flagged
    profile = dict(sheet("profile.csv")[1:])
    assert profile["training days"] == "Mon, Wed, Fri"
    readme = archive.read("README.md").decode()
    assert "`load_kg`: the load in kilograms" in readme


async def test_delete_asks_twice_then_erases_everything(harness: Harness) -> None:
    """/delete → button → typing DELETE erases him; anything else cancels."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/delete")
    await chat.tap("Delete all my data", expect=0)
    assert "type DELETE" in chat.last_text()
    await chat.send("delete")
    assert "Cancelled" in chat.last_text()
    assert await stored(harness) is not None
    await chat.send("/delete")
    await chat.tap("Delete all my data", expect=0)
    await chat.send("DELETE")
    assert "Every row about you is deleted" in chat.last_text()
    assert "stay in this chat" in chat.last_text()  # files already sent are his to delete
    assert await stored(harness) is None
