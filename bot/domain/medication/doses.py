"""Spotting questions about doses, which the bot never answers: it says to ask the prescriber.

Deliberately broad for medicines and supplements ("how much anastrozole should I take", "should
I up my dose", "what dose of d3", "mg of arimidex"), and quiet about food and training ("how much
protein do I need", "how often should I jump", "is the benefit dose-dependent").
"""

from __future__ import annotations

import re

from bot.domain.text import normalize

_MEDICINES = (
    r"anastrozole|arimidex|aromatase inhibitors?|ais?|letrozole|femara|exemestane|aromasin"
    r"|testosterone|trt|cypionate|enanthate|hcg|clomid|clomiphene|enclomiphene|tamoxifen"
    r"|nolvadex|bisphosphonates?|alendronate|fosamax|risedronate|ibandronate|zoledronic acid"
    r"|denosumab|prolia|medications?|medicines?|meds|drugs?"
)
_SUPPLEMENTS = (
    r"vit(?:amin|\.)?\s*d\s*3?|d3|cholecalciferol|vit(?:amin|\.)?\s*k\s*2?|k2|mk\s*-?\s*7"
    r"|menaquinone|supplements?|multivitamins?"
)
_FOODS_TAKEN = r"calcium|magnesium|omega\s*-?\s*3s?|fish\s*oils?|zinc|boron|creatine"
_FORMS = r"pills?|tablets?|tabs?|capsules?|caps|softgels?|injections?|shots?|drops"
_TAKEN = rf"(?:{_MEDICINES}|{_SUPPLEMENTS}|{_FORMS})"
_ANY_TAKEN = rf"(?:{_MEDICINES}|{_SUPPLEMENTS}|{_FORMS}|{_FOODS_TAKEN})"
_HOW_MUCH = r"\bhow\s+(?:much|many|often)\b"
_TAKE = r"\b(?:take|taking|inject|injecting|pin|pinning)\b"
_UNITS = r"mg|mgs|mcg|µg|μg|ug|iu|ius|milligrams?|micrograms?|international units?"
_CHANGE = (
    r"up|upping|increase|increasing|raise|raising|bump|bumping|lower|lowering|reduce|reducing"
    r"|decrease|decreasing|cut|cutting|drop|dropping|double|doubling|halve|halving|adjust"
    r"|adjusting|change|changing|skip|skipping|stop|stopping|quit|quitting|split|splitting"
    r"|taper|tapering"
)

_RULES = tuple(
    re.compile(rule)
    for rule in (
        # "what dose of d3", "my dosage", "dosing schedule" (not "dose-dependent" effects)
        r"\bdos(?:e|es|age|ages|ing|ed)\b(?!\s*-?\s*(?:dependent|response|related))",
        r"\btitrat\w*",
        # "2 pills", "half a tab"
        rf"(?:\d|\bhalf\b|\bquarter\b)\S*\s+(?:(?:a|of|my)\s+)*(?:{_FORMS})\b",
        # "how much anastrozole", "how many of my pills", "the right amount of d3"
        rf"\bhow\s+(?:much|many)\s+(?:(?:of|my|the|your)\s+)*(?:{_TAKEN})\b",
        rf"\b(?:amount|quantity)\s+of\s+(?:(?:my|the|your)\s+)*(?:{_ANY_TAKEN})\b",
        # "how often should I take my arimidex", "how much calcium should I take a day"
        rf"{_HOW_MUCH}.*{_TAKE}(?:\s+[\w']+){{0,2}}?\s+(?:{_ANY_TAKEN})\b",
        rf"{_HOW_MUCH}.*{_TAKE}\s*(?:$|(?:it|them|this|that|each|every|per|a day|a week"
        r"|daily|weekly)\b)",
        # "should I up my dose", "can I lower my anastrozole", "stopping my ai?" (not "does
        # lifting raise testosterone": the asker has to be the one changing it)
        rf"(?:^|\b(?:i|im|we)\b.*\b)(?:{_CHANGE})\b(?:\s+[\w']+){{0,3}}?\s+(?:{_ANY_TAKEN})\b",
        # "take more vitamin d", "taking extra calcium", "take too much magnesium"
        rf"{_TAKE}\s+(?:\w+\s+)?(?:more|less|extra|fewer|double|half|too much|another)\s+"
        rf"(?:[\w']+\s+){{0,2}}?(?:{_ANY_TAKEN})\b",
    )
)


# An amount ("mg", "iu") is a dose question next to a medicine ("0.5mg arimidex twice a week"),
# or when the text asks something ("is 5000 iu of d3 ok?"); "calcium 1200 mg" or "/log d3
# 90000 iu" states what he took, and the nutrition log answers for the amount.
_AMOUNT = re.compile(rf"\d\s*(?:{_UNITS})\b|\b(?:{_UNITS})\b")
_MEDICINE = re.compile(rf"\b(?:{_MEDICINES})\b")
_ASKING = re.compile(
    r"\?|^(?:should|can|could|is|are|do|does|did|how|what|which|would|will|may|am)\b"
    r"|\b(?:should i|can i|could i|may i|is it|is that|is this|ok|okay|safe|too much|too little"
    r"|enough|right amount)\b"
)


def is_dose_question(text: str) -> bool:
    """True when text asks about a dose of a medicine or supplement, or about changing it."""
    folded = normalize(text)
    if _AMOUNT.search(folded) and (_MEDICINE.search(folded) or _ASKING.search(folded)):
        return True
    return any(rule.search(folded) for rule in _RULES)
