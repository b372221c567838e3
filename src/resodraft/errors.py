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
