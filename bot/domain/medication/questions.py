"""Spotting questions about changing a medicine: stop, pause, switch, skip, come off, go
without, drop, replace, every other day, take less or more, start a new bone drug, "is this
dose ok". The bot answers none of them; it sends him to his prescriber.

Learning questions stay with the lessons: "why does anastrozole hurt bone?", "how does
fosamax work?", "does lifting raise testosterone?". A verb that also means something in
training ("switch", "skip", "drop", "start", "stop") counts only next to a medicine's name;
a verb that can describe what a medicine does ("lower", "raise", "increase") counts only when
he is the one changing it ("should I lower my anastrozole?").
"""

from __future__ import annotations

import re

from bot.domain.medication.doses import is_dose_question
from bot.domain.text import normalize

# Medicines he may be told to change, and the supplements men try in their place.
_AI = (
    r"anastrozole|anastrazole|anastrozol|arimidex|adex|ais?|aromatase\s+inhibitors?"
    r"|letrozole|femara|exemestane|aromasin"
)
_TRT = (
    r"testosterone|trt|test\s+(?:cyp|c|e|enanthate|cypionate)|cypionate|enanthate|sustanon"
    r"|hcg|clomid|clomiphene|enclomiphene|tamoxifen|nolvadex|raloxifene"
)
_BONE_DRUGS = (
    r"bisphosphonates?|alendronate|alendronic\s+acid|fosamax|risedronate|actonel|ibandronate"
    r"|boniva|zoledronic\s+acid|zoledronate|reclast|aclasta|denosumab|prolia|teriparatide"
    r"|forteo|romosozumab|evenity"
)
_SWAPS = r"dim|diindolylmethane|calcium\s+d\s*-?\s*glucarate|chrysin|zinc"
_GENERIC = (
    r"meds|medications?|medicines?|pills?|tablets?|tabs|prescriptions?|script|doses?|dosage"
    r"|jabs?|injections?|shots?|gel"
)
_LEAD = r"(?:(?:the|my|your|an?|this|that|of|from|to|with|on)\s+)*"  # "off the", "to my"
_MED = rf"{_LEAD}(?:{_AI}|{_TRT}|{_BONE_DRUGS})"
_ANY_MED = rf"{_LEAD}(?:{_AI}|{_TRT}|{_BONE_DRUGS}|{_GENERIC})"
_NEAR = r"(?:\s+[\w'.,-]+){0,4}?\s+"  # up to four words between

# Changing it: these count next to any medicine, in either order.
_CHANGE = (
    r"stop|stopping|stopped|quit|quitting|pause|pausing|switch|switching|swap|swapping|skip"
    r"|skipping|miss|missing|drop|dropping|ditch|ditching|replace|replacing|substitute"
    r"|come\s+off|coming\s+off|go\s+off|going\s+off|get\s+off|getting\s+off|cycle\s+off"
    r"|taper|tapering|wean|weaning|halve|halving|double|doubling|split|splitting|cut"
    r"|cutting|restart|restarting|cold\s+turkey|go\s+without|going\s+without|do\s+without"
    r"|break\s+from|instead|every\s+other\s+day|eod|less|fewer|more|lower|reduce|up|increase"
    r"|a\s+break|hold|holding|not\s+take|not\s+taking|don't\s+take|dont\s+take"
)
# How often: "every third day", "on alternate days", "only twice a week".
_FREQUENCY = (
    r"every\s+(?:other|second|third|fourth|\w+)\s+days?|alternate\s+days|eod|e3d"
    r"|(?:once|twice|\w+\s+times)\s+(?:a|per)\s+(?:week|day)"
)
# Starting one: only bone drugs, the AI's stand-ins, or "should I start/begin/add" + a medicine.
_START = r"start|starting|begin|beginning|add|adding|try|trying|be\s+on|go\s+on|get\s+on"

_RULES = tuple(
    re.compile(rule)
    for rule in (
        # "stop taking arimidex", "come off the AI", "switch to letrozole", "drop the adex"
        rf"\b(?:{_CHANGE})\b(?:\s+(?:taking|using|on|off|with|to|the|my|from))*{_NEAR}?(?:{_ANY_MED})\b",
        rf"\b(?:{_CHANGE})\b{_NEAR}(?:{_ANY_MED})\b",
        # "adex every other day", "anastrozole: should I drop it?"
        rf"\b(?:{_MED})\b{_NEAR}?(?:{_CHANGE})\b",
        # "replace with DIM", "switch to letrozole", "use DIM instead"
        rf"\b(?:replace|replacing|swap|switch|substitute)\w*\s+(?:it\s+)?(?:with|for|to)\s+(?:{_SWAPS}|{_AI}|{_BONE_DRUGS})\b",
        rf"\b(?:{_SWAPS})\b\s+instead\b",
        rf"\binstead\s+of\s+(?:the\s+|my\s+)?(?:{_AI}|{_TRT})\b",
        # "every other day instead", "eod instead", "twice a week instead"
        r"\b(?:every\s+other\s+day|eod|twice\s+a\s+week|once\s+a\s+week|every\s+\w+\s+days)\b.*\binstead\b",
        # "adex only twice a week", "my AI on alternate days", "every third day"
        rf"\b(?:{_MED})\b.*\b(?:{_FREQUENCY})\b",
        rf"\b(?:{_FREQUENCY})\b.*\b(?:{_MED})\b",
        # "start fosamax", "should I start alendronate?", "can I start prolia?"
        rf"\b(?:{_START})\b{_NEAR}?(?:{_BONE_DRUGS}|{_SWAPS})\b",
        rf"\b(?:should|can|could|may|must|do)\s+i\b.*\b(?:{_START})\b{_NEAR}?(?:{_MED})\b",
        # "my doctor mentioned fosamax, should I start it?"
        rf"\b(?:{_AI}|{_TRT}|{_BONE_DRUGS})\b.*\b(?:should|can|could|do)\s+i\s+(?:{_START}|{_CHANGE}|take)\b",
        # "do I still need anastrozole", "do I need to keep taking it"
        rf"\bneed\s+(?:to\s+(?:keep\s+taking|take|stay\s+on|be\s+on)\s+)?(?:{_MED})\b",
        rf"\b(?:keep\s+taking|continue|stay\s+on){_NEAR}?(?:{_MED})\b",
        r"\b(?:keep|continue)\s+taking\b",
        # "is this dose ok", "is my dose right", "is 1mg a week ok"
        r"\bis\s+(?:this|my|that|the|it)\s+(?:\w+\s+){0,3}?dos(?:e|age)\b",
        r"\bdos(?:e|age)\s+(?:ok|okay|right|fine|safe|too\s+(?:high|low|much))\b",
        rf"\b(?:{_AI}|{_TRT})\b.*\b(?:ok|okay|fine|safe|too\s+much|too\s+little)\b\s*\??$",
    )
)
# A learning question about what a medicine does, with no change in it, stays a lesson.
_LEARNING = re.compile(
    r"^(?:why|how|what)\s+(?:does|do|did|is|are|can|could|would|will)\b(?!.*\b(?:i|me|my)\b)"
)
_AS_ACTOR = re.compile(
    rf"\b(?:{_AI}|{_TRT}|{_BONE_DRUGS})\s+(?:lowers?|raises?|increases?|reduces?|cuts?|drops?|stops?|blocks?|works?)\b"
)


def is_medication_question(text: str) -> bool:
    """True when text asks about changing, pausing, stopping, switching or starting a
    medicine, or whether a dose is right (dose questions included)."""
    folded = normalize(text).replace("’", "'")
    if is_dose_question(text):
        return True
    if _LEARNING.match(folded) and not re.search(
        r"\b(?:stop|stopping|quit|come off|skip|switch|pause|without)\b", folded
    ):
        return False
    if _AS_ACTOR.search(folded) and not re.search(r"\b(?:i|i'm|im|my)\b", folded):
        return False
    return any(rule.search(folded) for rule in _RULES)
