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
