"""One module per CLI command group; each defines ``register(app)`` (see :func:`cli.main`).

Option checks shared by several commands live here.
"""

from __future__ import annotations

import re

from resodraft.errors import UsageError


def check_date(value: str | None) -> str | None:
    """``--date`` must be YYYY-MM-DD (it becomes the date of the tracked changes)."""
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise UsageError(f"--date {value!r} is not a date", hint="write it as 2021-11-04 (year-month-day)")
    return value


def check_spacing(value: str) -> str:
    """``--french-spacing`` is one of narrow, nbsp, off (:mod:`resodraft.typography`)."""
    from resodraft.typography import SPACINGS

    if value not in SPACINGS:
        raise UsageError(
            f"--french-spacing {value!r} is unknown",
            hint="use narrow (U+202F before ; ! ? », U+00A0 before :), nbsp (U+00A0 everywhere) or off",
        )
    return value


TYPED_NUMBERS_HELP = (
    "Type paragraph numbers as text in the clean and tracked Word files instead of Word's automatic numbering."
)
FRENCH_SPACING_HELP = (
    "French no-break spaces in the Word files: narrow (U+202F before ; ! ? » and after «, U+00A0 before :),"
    " nbsp (U+00A0 everywhere) or off."
)
