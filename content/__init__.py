"""BoneCoach's content: lessons (Markdown) and catalogues (YAML), data only.

This folder ships inside the wheel as the package ``bot.content.data`` (see pyproject.toml's
``package-dir``); this file is what makes setuptools treat it as one. The bot reads it through
``bot.content`` with ``importlib.resources``, never by a path next to the code.
"""
