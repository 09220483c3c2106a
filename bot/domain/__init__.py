"""Pure domain rules in topic packages: no Telegram, no database, no I/O, no clock.

text (answer clean-up, the lesson HTML subset), profile (questions, values, answer parsers),
schedule (local times across DST, quiet hours, prompt timing), nutrition, labs, lessons,
red_flags and training. Each package's __init__ is its public API; inside bot/domain a module
imports a sibling by its module path and another package by the package.
"""
