"""What a reader inferred while reading a document it did not write, and where.

Importing last year's text from Word, PDF or pasted text is a reading, not a copy: running
headers dropped, paragraphs split by a page break joined, digits taken for footnote calls, lead
words italicised. Each such decision is an :class:`Inference` in the :class:`ImportReport`, so
a person can review it (``resodraft import`` prints them on standard error; ``--json`` gives
them as data). Readers append to the report; they never print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Inference:
    """One decision a reader took: ``kind`` (a short stable id such as ``joined-page-break``),
    a sentence for people, and where in the source it happened (``page 3``, ``line 14``,
    ``paragraph 12``; ``None`` for the whole document)."""

    kind: str
    message: str
    where: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "where": self.where}


@dataclass
class ImportReport:
    """The inferences of one reading, in the order they were made.

    ``format`` is the reader that was used (``markdown``, ``docx``, ``pdf``, ``text``).
    """

    file: str
    format: str = ""
    items: list[Inference] = field(default_factory=list)

    def add(self, kind: str, message: str, where: str | None = None) -> None:
        """Record one inference."""
        self.items.append(Inference(kind, message, where))

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "format": self.format, "inferences": [i.as_dict() for i in self.items]}
