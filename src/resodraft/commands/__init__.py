"""One module per CLI command group; each defines ``register(app)`` (see :func:`cli.main`).

Option checks shared by several commands live here.
"""

from __future__ import annotations

import re

from resodraft.errors import UsageError, quote


def check_text(value: str | None, option: str) -> str | None:
    """An option holding text for the documents (``--author``, ``--sponsor``, ``--stem``):
    a control character in it is a one-line :class:`UsageError`."""
    from resodraft.controls import check_option

    return check_option(value, option)


def check_date(value: str | None) -> str | None:
    """``--date`` must be YYYY-MM-DD (it becomes the date of the tracked changes)."""
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise UsageError(f"--date {quote(value)} is not a date", hint="write it as 2021-11-04 (year-month-day)")
    if value is not None:
        import datetime

        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise UsageError(
                f"--date {value!r} does not exist", hint="write it as 2021-11-04 (month 1–12, a day the month has)"
            ) from None
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


def statuses(include: list[str] | None, only: str | None = None) -> tuple[str, ...]:
    """The statuses of the changes to apply: agreed, plus what ``--include`` adds.

    ``--only agreed`` (DESIGN.md §8's spelling) is the default said out loud; ``--include
    proposed`` previews the proposals still under negotiation as if agreed (and ``--include
    withdrawn`` the withdrawn ones). Each is checked, so a typo is an error, not a silent no-op.
    """
    from resodraft.amend import STATUSES

    if only is not None and only != "agreed":
        raise UsageError(
            f"--only {only!r} is not supported",
            hint="the draft always holds the agreed changes; add others with --include proposed",
        )
    wanted = ["agreed"]
    for value in include or []:
        if value not in STATUSES:
            raise UsageError(f"--include {value!r} is unknown", hint="use --include proposed (or withdrawn)")
        if only is not None and value != "agreed":
            raise UsageError("--only agreed and --include cannot be used together", hint="drop one of them")
        if value not in wanted:
            wanted.append(value)
    return tuple(wanted)
