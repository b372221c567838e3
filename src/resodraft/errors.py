"""The one error tree of resodraft, and the exit codes it maps to.

Every error a user can cause (a bad draft, a bad amendment file, a missing file, an output
that cannot be written) is a :class:`ResodraftError`. The CLI prints ``str(error)`` as one
line and exits with :attr:`ResodraftError.exit_code`; only ``--traceback`` shows the stack.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit codes (contract, DESIGN.md §5)."""

    OK = 0
    FINDINGS = 1  # `check` found problems at or above --fail-on
    BAD_INPUT = 2  # bad input or usage; nothing was written
    INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2
    TERMINATED = 143  # SIGTERM: 128 + 15


class ResodraftError(Exception):
    """Something the user can fix: names the file (and line, column) and what to do."""

    exit_code = ExitStatus.BAD_INPUT

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint

    @property
    def where(self) -> str:
        """``FILE:LINE:COL`` as far as known, or an empty string."""
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        text = self.message
        if self.hint:
            text = f"{text} — {self.hint}"
        where = self.where
        return f"{where}: {text}" if where else text


class InputError(ResodraftError):
    """An input file is missing, unreadable, empty, binary or not UTF-8."""


class ParseError(ResodraftError):
    """A draft could not be read as a resolution."""


class AmendmentError(ResodraftError):
    """An amendment file is malformed or does not fit the base text."""


class ConflictError(AmendmentError):
    """Two amendments overlap or contradict each other."""


class DanglingReferenceError(ResodraftError):
    """An internal cross-reference points at a paragraph that no longer exists."""


class TemplateError(ResodraftError):
    """A Jinja template (bundled or the user's) is broken."""


class OutputError(ResodraftError):
    """An output cannot be written where asked (it is a folder, read-only, or an input)."""


class UsageError(ResodraftError):
    """The command line asks for something that does not make sense."""


class Interrupted(ResodraftError):
    """The run was stopped by SIGINT (Ctrl-C, exit 130) or SIGTERM (exit 143).

    Raised by the signal handlers of :mod:`resodraft.cli` and :mod:`resodraft.output`; the
    message says what happened to the outputs (nothing written, or which were replaced).
    """

    def __init__(self, message: str, *, signum: int) -> None:
        super().__init__(message)
        import signal

        self.signum = signum
        self.exit_code = ExitStatus.TERMINATED if signum == signal.SIGTERM else ExitStatus.INTERRUPTED  # type: ignore[misc]


# --------------------------------------------------------------------------------------------
# quoting what the user wrote, in one short line

QUOTE_LIMIT = 60
"""Quotes of the user's text in error messages are cut to about this many characters."""


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut in the middle with ``…`` when longer than ``limit`` characters.

    >>> shorten("a" * 100, 21)
    'aaaaaaaaaaaaaa…aaaaaa'
    """
    if len(text) <= limit:
        return text
    head = (limit * 2) // 3
    tail = limit - head - 1
    return text[:head] + "…" + (text[-tail:] if tail > 0 else "")


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``repr`` of ``text`` (control characters escaped), cut to ``limit`` characters.

    >>> quote("vingtième")
    "'vingtième'"
    >>> quote("x" * 200, 12)
    "'xxxxxxx…xxxx'"
    """
    return repr(shorten(text, limit))
