"""Tests for red-flag detection in free text (bot/domain/red_flags*.py, content/red_flags.yaml)."""

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.catalogs import load_red_flags
from bot.content.location import DEFAULT_RED_FLAGS_PATH
from bot.domain.red_flags import RedFlagCatalog, RedFlagMatch, detect
from bot.domain.red_flags.text import clean_tokens, split_message

CATALOG_PATH = Path(__file__).resolve().parents[2] / "content" / "red_flags.yaml"
Edit = Callable[[dict[str, Any]], None]
EMERGENCY_NUMBERS = "112 / 911 / 999"


@pytest.fixture(scope="module")
def catalog() -> RedFlagCatalog:
    return load_red_flags(CATALOG_PATH)


def _key(text: str, catalog: RedFlagCatalog, age: int | None = None) -> str | None:
    match = detect(text, catalog, age=age)
    return None if match is None else match.key


# Realistic reports, each with the flag it must raise (the most severe one in the text).
MUST_FIRE: list[tuple[str, str]] = [
    # fall_injury
    ("fall_injury", "fell off my bike yesterday and now my wrist is bent and super painful"),
    ("fall_injury", "slipped on ice, can't put any weight on my left leg"),
    ("fall_injury", "Slipped on the ice. Now I can’t put any weight on my ankle"),
    ("fall_injury", "dropped a 20kg plate on my foot and I can't walk on it"),
    ("fall_injury", "dropped the bar on my foot, hurts like hell and it's turning purple"),
    ("fall_injury", "tripped over the dog and landed on my shoulder, I think it's broken"),
    (
        "fall_injury",
        "took a nasty fall on the stairs, my knee looks wrong and I cant straighten it",
    ),
    ("fall_injury", "fell in the gym and heard a crack in my wrist"),
    ("fall_injury", "banged my shin on the box, pain is 9/10"),
    ("fall_injury", "had a fall at work today and couldn't get back up for a while"),
    ("fall_injury", "rolled my ankle on a run, it's massively swollen and I can barely walk"),
    ("fall_injury", "crashed my bike, my collarbone is sticking out"),
    ("fall_injury", "Came off my mountain bike, my arm is at a weird angle"),
    ("fall_injury", "fell down and my ankle is killing me, cant stand on it"),
    ("fall_injury", "slipped in the shower, I think I broke my toe"),
    ("fall_injury", "my kid knocked me over and now my hip hurts so bad I can hardly walk"),
    ("fall_injury", "missed a step and landed badly, my foot looks deformed"),
    ("fall_injury", "fell on my wrist and it's swelling up like crazy, can't move it"),
    ("fall_injury", "ate shit on my skateboard, wrist is def broken, it's bent"),
    ("fall_injury", "fell off a ladder, leg hurts like crazy and i cant stand"),
    ("fall_injury", "fell on my hand and now my wrist looks deformed"),
    # back_pain_nerve_signs
    ("back_pain_nerve_signs", "back pain and now my legs feel numb and I can't control my bladder"),
    ("back_pain_nerve_signs", "lower back is killing me and I have numbness in my groin"),
    ("back_pain_nerve_signs", "my back hurts and both legs are weak, keep almost falling over"),
    ("back_pain_nerve_signs", "Sciatica flared up and now I can't pee properly"),
    ("back_pain_nerve_signs", "back went out this morning and I can’t feel my feet"),
    ("back_pain_nerve_signs", "pulled my back, now I wet myself and didn't even notice"),
    ("back_pain_nerve_signs", "My lower back hurts and I'm having trouble peeing"),
    ("back_pain_nerve_signs", "slipped disc flaring and my legs keep giving way"),
    ("back_pain_nerve_signs", "back pain plus numbness between my legs"),
    ("back_pain_nerve_signs", "back pain, numb butt and can't pee"),
    # sudden_back_pain
    ("sudden_back_pain", "woke up with the worst back pain of my life out of nowhere"),
    ("sudden_back_pain", "sudden severe back pain, no idea what caused it"),
    ("sudden_back_pain", "my back just started hurting really badly for no reason"),
    ("sudden_back_pain", "I sneezed and got a sharp pain in my back, can barely move"),
    ("sudden_back_pain", "intense pain in my mid back since yesterday, didn't do anything to it"),
    (
        "sudden_back_pain",
        "All of a sudden my back started hurting so bad I can't stand up straight",
    ),
    ("sudden_back_pain", "Random excruciating back pain today, never had it before"),
    ("sudden_back_pain", "terrible back pain came on suddenly this morning, no lifting yesterday"),
    (
        "sudden_back_pain",
        "my mid back suddenly started hurting like crazy while I was just sitting at my desk",
    ),
    ("sudden_back_pain", "back pain out of the blue, really severe"),
    # leg_clot_signs
    ("leg_clot_signs", "my calf is swollen, red and warm since this morning"),
    ("leg_clot_signs", "is it bad that my calf is swollen and hot?"),
    ("leg_clot_signs", "left leg is way bigger than the other and feels hot"),
    ("leg_clot_signs", "my calve is swolen and kinda red, no idea why"),
    ("leg_clot_signs", "back of my knee is swollen and tender after the long flight"),
    ("leg_clot_signs", "i think i have a blood clot in my leg"),
    ("leg_clot_signs", "pain in my left calf for no reason, been 2 days"),
    ("leg_clot_signs", "thigh has gone red and puffy and it's warm to touch"),
    ("leg_clot_signs", "right calf swollen and warm, had a long drive yesterday"),
    ("leg_clot_signs", "My leg is swollen and hot. Should I worry?"),
    ("leg_clot_signs", "swelling in my left leg, red and sore to touch"),
    ("leg_clot_signs", "could this be a dvt? calf is tight and a bit red"),
    ("leg_clot_signs", "no injury but my calf is swollen and red"),
    ("leg_clot_signs", "I didn't fall or anything, my calf just swelled up and it's hot"),
    ("leg_clot_signs", "Calf swollen??"),
    ("leg_clot_signs", "my leg is all swollen and purple"),
    ("leg_clot_signs", "my calf is swollen & red, what do I do?"),
    ("leg_clot_signs", "my lower leg is super swolen and kinda hot to the touch"),
    ("leg_clot_signs", "calf looks swollen compared to the other one"),
    ("leg_clot_signs", "one of my calves is much bigger than the other and it's warm"),
    # lung_clot_signs
    ("lung_clot_signs", "suddenly can't catch my breath just sitting on the couch"),
    ("lung_clot_signs", "coughed up some blood"),
    ("lung_clot_signs", "sharp chest pain when I breathe in"),
    ("lung_clot_signs", "I'm short of breath even lying in bed"),
    ("lung_clot_signs", "got really brethless all of a sudden while watching tv"),
    ("lung_clot_signs", "chest hurts and I can't breathe properly"),
    ("lung_clot_signs", "there was blood when I coughed this morning"),
    ("lung_clot_signs", "i cant breathe"),
    ("lung_clot_signs", "stabbing pain in my chest, started an hour ago"),
    ("lung_clot_signs", "I get out of breath just walking to the car now"),
    ("lung_clot_signs", "struggling to breathe since this afternoon"),
    ("lung_clot_signs", "chest pain out of nowhere, not training"),
    ("lung_clot_signs", "spitting blood when I cough"),
    ("lung_clot_signs", "suddenly breathless and my heart is racing"),
    ("lung_clot_signs", "not training today, just sitting and I'm short of breath"),
    ("lung_clot_signs", "why am I coughing up blood?"),
    ("lung_clot_signs", "shortness of breath at rest since yesterday"),
    ("lung_clot_signs", "Sudden shortness of breath, no exercise today"),
    ("lung_clot_signs", "cant breath properly and chest feels tight, just woke up"),
    ("lung_clot_signs", "im so breathles today and havent even trained"),
    ("lung_clot_signs", "Chest pain!!"),
    ("lung_clot_signs", "I think I'm having a heart attack"),
    ("lung_clot_signs", "woke up gasping for air"),
    # stroke_signs
    ("stroke_signs", "wife says my face looks droopy and my speech is slurred"),
    ("stroke_signs", "my left arm suddenly went weak and I dropped my coffee"),
    ("stroke_signs", "one side of my face feels numb and my smile is crooked"),
    ("stroke_signs", "can't get my words out properly, it's weird"),
    ("stroke_signs", "think I'm having a stroke"),
    ("stroke_signs", "my speech is slurring and I haven't had anything to drink"),
    ("stroke_signs", "Husband here, his mouth is drooping on one side"),
    ("stroke_signs", "my words are coming out jumbled"),
    ("stroke_signs", "right arm feels numb and heavy since lunch"),
    ("stroke_signs", "half my face feels droopy"),
    ("stroke_signs", "face drooping, can't lift my arm"),
    ("stroke_signs", "My speech sounds weird and my face feels droopy on one side"),
    ("stroke_signs", "my mouth is droopy and my arm feels weak"),
    # prescriber_symptoms
    ("prescriber_symptoms", "got a pounding headache and blurry vision since my last injection"),
    ("prescriber_symptoms", "been dizzy every day this week"),
    ("prescriber_symptoms", "ringing in my ears since I upped my dose"),
    ("prescriber_symptoms", "my hands keep tingling, pins and needles all the time"),
    ("prescriber_symptoms", "headaches every morning lately"),
    ("prescriber_symptoms", "vision's been blurry on and off"),
    ("prescriber_symptoms", "bad headache and I feel lightheaded"),
    ("prescriber_symptoms", "anyone else get blurry vision on adex?"),
    ("prescriber_symptoms", "Since starting TRT I get headaches"),
    ("prescriber_symptoms", "dizzy and my ears are ringing"),
    ("prescriber_symptoms", "throbbing headache for 3 days now"),
    ("prescriber_symptoms", "tingly fingers and a headache since yesterday"),
    ("prescriber_symptoms", "blurred vision since the new anastrozole dose"),
    ("prescriber_symptoms", "dizzy all the time since I started the AI"),
    ("prescriber_symptoms", "been getting headaches and feeling dizzy a lot lately"),
    ("prescriber_symptoms", "my ears keep ringing"),
    ("prescriber_symptoms", "blurry vision all day, kind of scary"),
    # height_loss
    ("height_loss", "lost 4 cm of height according to my doctor"),
    ("height_loss", "doc measured me 5cm shorter than last year"),
    ("height_loss", "my wife says I'm stooping more"),
    ("height_loss", "I think I'm getting shorter"),
    ("height_loss", "lost about two inches in height over the years"),
    ("height_loss", "I've lost 3.5 cm in height"),
    ("height_loss", "posture is getting worse, I'm starting to stoop"),
    ("height_loss", "I've shrunk about 4cm according to the nurse"),
    ("height_loss", "Nurse said I'm 3.5 cm shorter than at my last visit"),
    # fragility_fracture
    ("fragility_fracture", "broke my wrist just tripping on the curb, I'm 62"),
    ("fragility_fracture", "slipped in the shower and fractured my hip last month. 58 years old"),
    ("fragility_fracture", "I'm 55 and cracked a rib after a small fall at home"),
    ("fragility_fracture", "fell over in the garden and broke my wrist. I'm 67"),
    ("fragility_fracture", "I am sixty and fractured my ankle after slipping on a wet floor"),
    ("fragility_fracture", "I'm 71, tripped on a rug and broke my arm"),
    (
        "fragility_fracture",
        "58 yo, slipped on a wet floor last week, x-ray showed a fractured wrist",
    ),
]

# Ordinary messages that must raise nothing.
MUST_NOT_FIRE: list[str] = [
    # Training talk: soreness, pump, DOMS, effort
    "my legs are sore after squats",
    "chest day done, great pump",
    "chest day was great",
    "my grip gave out on deadlifts",
    "lower back a bit tight after deadlifts, normal stuff",
    "deadlifts hurt my grip",
    "pulled my back a bit on deadlifts",
    "burning in my quads after the leg press",
    "calves are pumped and swollen after calf raises",
    "legs feel like jelly after leg day",
    "chest hurts from bench, probably DOMS",
    "pec feels tight after flyes",
    "my back is sore from rows",
    "knee hurts a little after lunges",
    "my arms are weak after curls",
    "my hands went numb from the farmers carries",
    "hit a PR on squats, legs are dead",
    "my left arm is weak after bench day",
    "back day went well, lats are sore",
    "my legs feel heavy after sprint intervals",
    "bent over rows felt great today",
    "my calf cramped up during sprints",
    "legs are swollen from the pump lol",
    "lower back pain after deadlifts, I think my form was bad",
    "my legs gave out on the last rep of squats",
    "back and legs are sore, great session",
    "felt a pop in my shoulder during bench, sore but ok",
    "chest tight after bench, normal pump",
    "my back is killing me after deadlifts",
    "heel is a bit tender after running",
    "sore calves today",
    "my legs feel dead after leg day",
    "my legs are tired, hamstrings tight",
    "legs feel hot after my run",
    "shin is tender after running",
    "my back feels great after the mobility work",
    "my calves were burning on the stairmaster",
    "feeling sore and tired, skipping cardio",
    "forearms pumped after farmers walks, grip shot",
    "my wrist hurts a little after front squats",
    "legs red from the sauna",
    "red face after sprints",
    "my calves are warm after the warm up",
    "the hot tub made my legs red",
    # Breathlessness from exercise
    "out of breath after the sprints but fine now",
    "short of breath after sprints, as usual",
    "bit dizzy after heavy squats",
    "saw stars after a heavy deadlift",
    "winded after the assault bike intervals",
    "legs were burning and I was out of breath on the hill sprints",
    "heavy breathing during burpees is normal right?",
    "out of breath on the stairs after leg day",
    "my heart rate was high during intervals",
    "is it normal to be short of breath after burpees?",
    "my buddy says sprints leave him breathless",
    "I'm out of breath sitting here after my run",
    "resting between sets and still out of breath",
    "short of breath during my intervals today but recovered quickly",
    # Idioms and everyday words (fell asleep, hit a PR, broke my record)
    "I fell asleep early",
    "I fell behind on my protein",
    "I fell behind on my plan",
    "fell off the wagon with my diet this week",
    "slipped up on my diet at the party",
    "crashed hard after lunch, so tired",
    "I hit my protein target today",
    "fell short of my step goal",
    "fall is my favorite season for training",
    "I almost fell asleep on the bike",
    "broke my PR today!",
    "trip to the gym was rough, legs tired",
    "took a break from training",
    "I broke my squat record",
    "dropped my phone on my foot lol",
    "my speech at work went off without a hitch",
    "this workout almost gave me a heart attack lol",
    "feeling a bit down today",
    "never felt better",
    "had a fall in my training volume this week",
    "my waist is down 4 cm!",
    "lost 3 cm around my waist",
    "my face is puffy from the cut",
    "heart is racing after the espresso",
    # Minor knocks and falls without severe pain or weight-bearing trouble
    "dropped the bar on my foot",
    "I didn't fall, just slipped a bit on the stairs and caught myself",
    "I tripped over a weight plate but I'm fine",
    "no pain, no swelling, walking fine after my fall last week",
    "I hit my head on the squat rack, it's fine",
    "I slipped on the stairs but caught the rail, no pain",
    "I fell on my ass during box jumps lol, all good",
    "I tripped on the curb, no harm done",
    "knee is a little swollen after the hike? it's fine, iced it",
    # Negated symptoms
    "no chest pain, just tired",
    "not dizzy at all today",
    "no swelling, redness or warmth in my calf",
    "without any swelling",
    "haven't lost any height",
    "My back pain is gone after the deload",
    "no numbness, no weakness, back just a bit stiff",
    "my calf is not swollen or red, just tight",
    "no dizziness, no headache, feeling great",
    "swelling in my calf is gone now",
    "calf pain free after the massage",
    "Not short of breath anymore",
    "never had chest pain, all good",
    "I had a slight headache but it went away",
    "i can breathe fine",
    # Questions asking for information, hypotheticals, other people
    "what are the signs of a blood clot?",
    "what are the signs of a blood clot",
    "can trt cause blood clots?",
    "does anastrozole cause headaches?",
    "what should I do if I ever get chest pain?",
    "my doctor told me to watch for calf swelling",
    "is dizziness a side effect of anastrozole?",
    "I'm 55 and just started lifting, what should I focus on?",
    "how do I prevent blood clots on trt?",
    "my dad had a stroke last year, should I worry?",
    "I'm worried about blood clots",
    "what does a clot feel like?",
    "how do I know if I have a blood clot?",
    "will anastrozole make me dizzy?",
    "what are the symptoms of a stroke?",
    "What does a PE feel like?",
    "can a blood clot cause leg swelling?",
    "if my calf ever swells up should I call a doctor?",
    "what if I get dizzy during squats?",
    "Is blurry vision a side effect of high estradiol?",
    "I read that sudden back pain can be a fracture",
    "I'm worried about falling when I'm older",
    "how common is dizziness on TRT?",
    "should I take vitamin D?",
    "I want to avoid falling as I get older",
    "I'm 60, how much calcium should I take?",
    "what's a normal hematocrit on trt?",
    # Ordinary causes and single everyday symptoms
    "had a headache from the sun?",
    "got a headache",
    "headache after too many beers last night",
    "ears ringing after the concert",
    "dizzy because I stood up too fast",
    "tingling from the pre workout",
    "lost 1 cm of height over ten years, doc says normal",
    "blood pressure was fine at my checkup",
    "coughing a bit from a cold",
    "red wine with dinner, legs a bit sore from training",
    "my arm went dead after sleeping on it",
    "slurring my words a bit after a few beers lol",
    "headache today, I think I'm dehydrated",
    "a bit lightheaded when I stand up fast",
    "doc says my bones are fine",
    "I'm 52, squats feel good",
    "numb hands from the bike handlebars",
    "my left hand went numb carrying the groceries",
    "ribs sore from coughing",
    "I've been stooping over my desk all day? lol",
    "dizzy after the rollercoaster",
    "the pain in my knee came back after squats",
]


@pytest.mark.parametrize(("key", "text"), MUST_FIRE)
def test_reports_raise_their_red_flag(key: str, text: str, catalog: RedFlagCatalog) -> None:
    """A message that reports a red flag is detected as exactly that flag."""
    assert _key(text, catalog) == key


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_ordinary_messages_raise_nothing(text: str, catalog: RedFlagCatalog) -> None:
    """Training talk, negations, questions and ordinary causes raise no red flag."""
    assert detect(text, catalog) is None


def test_phrase_lists_are_big_and_distinct() -> None:
    """Both phrase lists hold at least 45 distinct phrases and cover every flag."""
    assert len({text for _, text in MUST_FIRE}) == len(MUST_FIRE) >= 45
    assert len(set(MUST_NOT_FIRE)) == len(MUST_NOT_FIRE) >= 45
    assert not {text for _, text in MUST_FIRE} & set(MUST_NOT_FIRE)
    catalog = load_red_flags(CATALOG_PATH)
    assert {key for key, _ in MUST_FIRE} == set(catalog.keys)


# ---- the match itself ----


def test_match_carries_the_catalog_message(catalog: RedFlagCatalog) -> None:
    """detect returns the flag's key, severity and the message written in the catalog."""
    match = detect("coughed up some blood", catalog)
    flag = next(f for f in catalog.flags if f.key == "lung_clot_signs")
    assert match == RedFlagMatch("lung_clot_signs", "emergency", flag.message)


def test_most_severe_flag_wins(catalog: RedFlagCatalog) -> None:
    """A prompt-level symptom plus an emergency in one message gives the emergency."""
    text = "pounding headache since my injection and now my calf is swollen and red"
    assert _key("pounding headache since my injection", catalog) == "prescriber_symptoms"
    assert _key(text, catalog) == "leg_clot_signs"


def test_empty_or_wordless_text_is_nothing(catalog: RedFlagCatalog) -> None:
    """Empty text, whitespace and emoji-only messages raise nothing."""
    for text in ("", "   ", "👍🔥", "?!"):
        assert detect(text, catalog) is None


# ---- negation ----


@pytest.mark.parametrize(
    ("negated", "reported"),
    [
        ("no chest pain, just tired", "chest pain, just tired"),
        ("not dizzy and no blurry vision", "dizzy and blurry vision"),
        ("my calf has no swelling, redness or warmth", "my calf has swelling, redness and warmth"),
        ("didn't fall, I can't walk far after leg day", "did fall, I can't walk"),
        ("I don't have any ringing in my ears", "I have ringing in my ears"),
        ("calf swelling is gone now", "calf swelling is bad now"),
        ("back pain free, legs numb from sitting on the bike", "back pain, legs numb"),
    ],
)
def test_negation_cancels_only_the_negated_symptom(
    negated: str, reported: str, catalog: RedFlagCatalog
) -> None:
    """A negated symptom raises nothing; the same words without the negation do."""
    assert detect(negated, catalog) is None
    assert detect(reported, catalog) is not None


def test_negation_stops_at_a_clause_break(catalog: RedFlagCatalog) -> None:
    """ "but"/"now" end a negation's reach: what follows is still reported."""
    assert _key("no pain at first but now my calf is swollen", catalog) == "leg_clot_signs"
    assert _key("I didn't fall, now my calf is red and swollen", catalog) == "leg_clot_signs"


def test_negation_reaches_only_a_few_words(catalog: RedFlagCatalog) -> None:
    """A "no" far before the symptom does not cancel it."""
    text = "no clue about my plan this week, coughing up blood"
    assert _key(text, catalog) == "lung_clot_signs"
    text = "didn't sleep well at all last night and woke up coughing blood"
    assert _key(text, catalog) == "lung_clot_signs"


def test_negation_words_inside_other_phrases_negate_nothing(catalog: RedFlagCatalog) -> None:
    """ "no" in "for no reason" or "no idea" is not a negation of the symptom after it."""
    assert _key("no idea why but my calf is swollen", catalog) == "leg_clot_signs"
    assert _key("for no reason my calf is swollen and hot", catalog) == "leg_clot_signs"
    assert _key("not gonna lie, my calf is swollen and red", catalog) == "leg_clot_signs"


def test_never_like_this_is_a_report(catalog: RedFlagCatalog) -> None:
    """ "Never had X like this" reports X instead of denying it."""
    assert _key("never had chest pain like this before", catalog) == "lung_clot_signs"


# ---- questions and hypotheticals ----


def test_questions_asking_for_information_are_not_reports(catalog: RedFlagCatalog) -> None:
    """A question word first, "?" last and no "I/my": asking about a topic, not reporting."""
    assert detect("what are the signs of a blood clot?", catalog) is None
    assert detect("can a swollen calf be a clot?", catalog) is None
    assert detect("is coughing blood dangerous?", catalog) is None


def test_questions_about_the_users_own_body_are_reports(catalog: RedFlagCatalog) -> None:
    """ "Is it bad that my calf is swollen and hot?" is a report despite the question mark."""
    assert _key("is it bad that my calf is swollen and hot?", catalog) == "leg_clot_signs"
    assert _key("why am I coughing blood?", catalog) == "lung_clot_signs"
    assert _key("Calf swollen and red - is that a clot?", catalog) == "leg_clot_signs"


def test_hypothetical_frames_cover_the_rest_of_the_clause(catalog: RedFlagCatalog) -> None:
    """ "What if"/"signs of"/"can X cause" frames cancel what follows, not what precedes."""
    assert detect("what if I ever get chest pain during squats", catalog) is None
    assert detect("TRT can cause dizziness and headaches they say", catalog) is None
    text = "got blurry vision and a headache, is that a side effect of anastrozole"
    assert _key(text, catalog) == "prescriber_symptoms"


def test_a_real_report_after_a_question_still_counts(catalog: RedFlagCatalog) -> None:
    """An information question in one sentence does not hide a report in the next."""
    text = "What are the signs of a blood clot? My calf has been swollen and red since Monday."
    assert _key(text, catalog) == "leg_clot_signs"


# ---- training context ----


def test_breathlessness_counts_at_rest_not_after_sprints(catalog: RedFlagCatalog) -> None:
    """Out of breath after sprints is normal; out of breath on the couch is a red flag."""
    assert detect("out of breath after sprints, as usual", catalog) is None
    assert _key("out of breath on the couch doing nothing", catalog) == "lung_clot_signs"
    text = "Out of breath after sprints yesterday. Today I'm short of breath lying in bed."
    assert _key(text, catalog) == "lung_clot_signs"


def test_a_dropped_bar_needs_severe_pain_or_no_weight_bearing(catalog: RedFlagCatalog) -> None:
    """A dropped bar alone is nothing; with severe pain or no weight bearing it is a flag."""
    assert detect("dropped the bar on my foot", catalog) is None
    assert _key("dropped the bar on my foot and can't walk", catalog) == "fall_injury"
    assert _key("dropped the bar on my foot, super painful", catalog) == "fall_injury"


def test_back_pain_with_a_training_cause_is_not_sudden(catalog: RedFlagCatalog) -> None:
    """ "Pulled my back a bit" is not a flag; severe back pain out of nowhere is."""
    assert detect("pulled my back a bit on deadlifts", catalog) is None
    assert detect("severe back pain after heavy deadlifts", catalog) is None
    assert _key("sudden severe back pain", catalog) == "sudden_back_pain"


def test_single_everyday_headache_is_not_a_flag(catalog: RedFlagCatalog) -> None:
    """One plain headache is nothing; severe, persistent or dose-linked ones are."""
    assert detect("got a headache", catalog) is None
    assert detect("had a headache from the sun?", catalog) is None
    assert _key("headache every day this week", catalog) == "prescriber_symptoms"
    assert _key("headache since my last shot", catalog) == "prescriber_symptoms"


# ---- age for the fragility flag ----


def test_fragility_fracture_needs_an_age_of_fifty(catalog: RedFlagCatalog) -> None:
    """A fracture from a minor fall is the fragility flag from age 50, stated or passed in."""
    text = "broke my wrist tripping on the curb"
    assert _key(text, catalog) is None
    assert _key(text, catalog, age=62) == "fragility_fracture"
    assert _key(text, catalog, age=45) is None
    assert _key(text + ", I'm 62", catalog, age=45) == "fragility_fracture"
    assert _key(text + ", I'm 45", catalog, age=62) is None


def test_weights_are_not_ages(catalog: RedFlagCatalog) -> None:
    """ "I'm 90 kg" is a body weight, not an age."""
    assert _key("broke my wrist tripping on the curb, I'm 90 kg", catalog) is None


def test_fall_with_severe_symptoms_outranks_fragility(catalog: RedFlagCatalog) -> None:
    """A fall with a deformed, painful limb is urgent care, even when a fracture is known."""
    text = "tripped on the curb and broke my wrist, it's bent and super painful, I'm 62"
    assert _key(text, catalog) == "fall_injury"


# ---- text clean-up ----


def test_text_is_cleaned_like_the_patterns() -> None:
    """Case, curly apostrophes, accents, "'s" endings and decimal commas are normalised."""
    assert clean_tokens("Can’t CATCH my breath") == ["cant", "catch", "my", "breath"]
    assert clean_tokens("naïve calf's 3,5cm") == ["naive", "calf", "3.5", "cm"]


def test_messages_split_into_sentences_and_questions() -> None:
    """Sentences end at . ! ? ; and new lines (not at decimal points); "?" marks a question."""
    message = split_message("Lost 3.5 cm. Is that bad?\nok", {})
    assert message.words == ("lost", "3.5", "cm", "is", "that", "bad", "ok")
    assert [(s.start, s.end, s.asked) for s in message.sentences] == [
        (0, 3, False),
        (3, 6, True),
        (6, 7, False),
    ]


def test_typos_and_variants_are_respelled(catalog: RedFlagCatalog) -> None:
    """Common misspellings ("brethless", "swolen", "cannot") match like the right spelling."""
    assert _key("suddenly brethless on the sofa", catalog) == "lung_clot_signs"
    assert _key("calf swolen and hot", catalog) == "leg_clot_signs"
    assert _key("I cannot breathe", catalog) == "lung_clot_signs"


# ---- the catalog and its loader ----


def test_default_path_points_at_the_content_file() -> None:
    """DEFAULT_RED_FLAGS_PATH is the content/red_flags.yaml the tests load."""
    assert DEFAULT_RED_FLAGS_PATH == CATALOG_PATH
    assert CATALOG_PATH.is_file()


def test_real_catalog_lists_the_nine_flags(catalog: RedFlagCatalog) -> None:
    """The shipped catalog validates and holds the nine free-text flags with their severity."""
    assert {f.key: f.severity for f in catalog.flags} == {
        "fall_injury": "urgent",
        "back_pain_nerve_signs": "emergency",
        "sudden_back_pain": "urgent",
        "leg_clot_signs": "emergency",
        "lung_clot_signs": "emergency",
        "stroke_signs": "emergency",
        "prescriber_symptoms": "prompt",
        "height_loss": "prompt",
        "fragility_fracture": "prompt",
    }


def test_messages_say_what_to_do_now(catalog: RedFlagCatalog) -> None:
    """Emergency messages give the emergency numbers; every message disclaims assessment."""
    for flag in catalog.flags:
        assert "BoneCoach can't assess" in flag.message
        assert (EMERGENCY_NUMBERS in flag.message) == (flag.severity == "emergency") or (
            flag.key == "sudden_back_pain"
        )
        assert flag.source.startswith("clinical-defaults.md §6")


@functools.cache
def _raw_text() -> str:
    return CATALOG_PATH.read_text(encoding="utf-8")


def _broken_copy(tmp_path: Path, edit: Edit) -> Path:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    raw = yaml.load(_raw_text(), Loader=loader)  # noqa: S506
    edit(raw)
    path = tmp_path / "red_flags.yaml"
    path.write_text(yaml.dump(raw, Dumper=dumper, allow_unicode=True), encoding="utf-8")
    return path


def _flag(raw: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in raw["flags"] if f["key"] == key)
    return found


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda raw: _flag(raw, "stroke_signs").update(severity="critical"),
            "flag 'stroke_signs', field 'severity'",
        ),
        (
            lambda raw: _flag(raw, "height_loss").update(status="X"),
            "flag 'height_loss', field 'status'",
        ),
        (
            lambda raw: _flag(raw, "height_loss").pop("message"),
            "flag 'height_loss', field 'message': Field required",
        ),
        (
            lambda raw: _flag(raw, "height_loss").update(colour="red"),
            "flag 'height_loss', field 'colour': Extra inputs are not permitted",
        ),
        (
            lambda raw: _flag(raw, "height_loss")["rules"][0].update(all=["height_loss | shrunk"]),
            "flag 'height_loss' rule 1: unknown concept 'shrunk'",
        ),
        (
            lambda raw: raw["flags"].append(dict(_flag(raw, "height_loss"))),
            "flag key 'height_loss' is used twice",
        ),
        (
            lambda raw: raw["concepts"].update(spare={"phrases": ["spare"]}),
            "concept 'spare' is not used by any rule",
        ),
        (
            lambda raw: raw["concepts"]["clot"]["phrases"].append("clot ..."),
            "concept 'clot' phrase 'clot ...': '...' must sit between two words",
        ),
        (
            lambda raw: raw["concepts"]["clot"]["phrases"].append("@organs clot"),
            "unknown word list '@organs'",
        ),
        (
            lambda raw: raw["concepts"]["height_loss"]["phrases"].append("lost <9-3> cm"),
            "number range '<9-3>' runs backwards",
        ),
        (
            lambda raw: raw["concepts"]["clot"]["phrases"].append("clot/blood-clot"),
            "'blood-clot' in 'clot/blood-clot' must be exactly one word",
        ),
        (
            lambda raw: raw["concepts"]["clot"]["phrases"].append("c* in my leg"),
            "'c*' needs a one-word stem of 3+ letters",
        ),
        (
            lambda raw: raw["age"]["phrases"].append("my age"),
            "age: every phrase needs exactly one number range",
        ),
        (
            lambda raw: _flag(raw, "prescriber_symptoms")["rules"][1].update(at_least=9),
            "`at_least` must be 1 to 5 when `of` is given",
        ),
        (
            lambda raw: _flag(raw, "height_loss")["rules"][0].update(all=[]),
            "a rule needs `all` or `of`",
        ),
        (lambda raw: raw.update(version=2), "field 'version'"),
    ],
)
def test_loader_names_the_problem(tmp_path: Path, edit: Edit, expected: str) -> None:
    """A broken catalog fails to load with a ValueError naming the flag or concept at fault."""
    with pytest.raises(ValueError, match=r"red_flags\.yaml is invalid") as caught:
        load_red_flags(_broken_copy(tmp_path, edit))
    assert expected in str(caught.value)


def test_loader_rejects_broken_yaml(tmp_path: Path) -> None:
    """A file that is not YAML at all is reported as such."""
    path = tmp_path / "red_flags.yaml"
    path.write_text("flags: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"red_flags\.yaml is not valid YAML"):
        load_red_flags(path)


def test_loader_rejects_a_non_mapping(tmp_path: Path) -> None:
    """A YAML list instead of a catalog mapping is invalid, not a crash."""
    path = tmp_path / "red_flags.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"red_flags\.yaml is invalid"):
        load_red_flags(path)
