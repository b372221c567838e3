"""The Word view of a document: paragraphs, runs and revisions, ready for the templates.

This is the layer between the resolution model and WordprocessingML, like python-docx's proxy
objects over its ``CT_*`` elements but in the other direction: :mod:`.compose` turns a
:class:`~resodraft.model.Resolution` or a :class:`~resodraft.model.Redline` into a
:class:`Story`, and the Jinja templates under ``templates/docx/`` turn a :class:`Story` into
XML. Nothing here knows XML syntax; the templates know nothing about resolutions.

- :class:`Run` is one ``<w:r>``: a piece of text (``<w:t>``, or ``<w:delText>`` when
  ``deleted``), a tab, a line break, a footnote call or a footnote's own number mark.
- :class:`Chunk` is a sequence of runs, bare or wrapped in one ``<w:ins>`` / ``<w:del>``.
- :class:`Para` is one ``<w:p>`` with its style and, for an inserted or deleted paragraph,
  the :class:`Revision` of its paragraph mark.
- :class:`Note` is one ``<w:footnote>``; :class:`Story` is the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from resodraft.model import Meta

RunKind = Literal["text", "tab", "break", "note", "note-mark"]


@dataclass(frozen=True)
class Revision:
    """A tracked change: ``<w:ins>`` or ``<w:del>`` with its unique ``w:id``.

    ``date`` is already in the form Word expects (``2021-11-04T00:00:00Z``).
    """

    kind: Literal["ins", "del"]
    id: int
    author: str
    date: str


@dataclass(frozen=True)
class Run:
    """One ``<w:r>``.

    ``kind`` ``text`` carries ``text`` (written as ``<w:delText>`` when ``deleted``, else
    ``<w:t>``, always with ``xml:space="preserve"``); ``note`` is a footnote call to Word
    footnote ``note``; ``note-mark`` is the footnote's own number at the start of its text.
    ``style`` is a character style id (``None``: no character style).
    """

    kind: RunKind = "text"
    text: str = ""
    deleted: bool = False
    italic: bool = False
    bold: bool = False
    underline: bool = False
    strike: bool = False
    sup: bool = False
    style: str | None = None
    note: int | None = None

    @property
    def has_props(self) -> bool:
        """True when the run needs a ``<w:rPr>``."""
        return bool(self.style or self.italic or self.bold or self.underline or self.strike or self.sup)


@dataclass(frozen=True)
class Chunk:
    """Runs written together; ``revision`` ``None`` means plain text (not a tracked change)."""

    runs: tuple[Run, ...]
    revision: Revision | None = None


@dataclass(frozen=True)
class Para:
    """One ``<w:p>``: paragraph style id, content, and the paragraph mark's revision.

    ``mark`` ``None`` means the paragraph mark is in both versions. An inserted paragraph has
    ``mark.kind == "ins"`` and a deleted one ``"del"``, except at the end of the document,
    where :func:`resodraft.writers.docx.compose.shift_trailing_marks` moves the marks one
    paragraph up (OOXML.md §1).
    """

    style: str
    chunks: tuple[Chunk, ...]
    mark: Revision | None = None


@dataclass(frozen=True)
class Note:
    """One Word footnote: its numeric ``w:id`` (1, 2, …) and its paragraphs."""

    id: int
    paras: tuple[Para, ...]


@dataclass(frozen=True)
class Masthead:
    """The head of the resolution; each line is ``None`` when the text does not have it.

    An adopted text has ``symbol`` ("Résolution ICC-ASP/19/Res.2"), ``adopted`` and ``title``;
    a draft has ``session`` ("Assemblée des États Parties, vingtième session"), ``title``
    ("Projet de résolution sur la coopération") or ``draft`` ("Draft resolution") above its
    title (see :mod:`resodraft.masthead`).
    """

    symbol: Para | None = None
    adopted: Para | None = None
    title: Para | None = None
    formula: Para | None = None
    session: Para | None = None
    draft: Para | None = None

    @property
    def lines(self) -> tuple[Para | None, ...]:
        """The lines above the formula in the order they are printed (``None`` where absent)."""
        return (self.symbol, self.session, self.adopted, self.draft, self.title)


@dataclass(frozen=True)
class Story:
    """Everything the templates render: masthead, body, footnotes and document settings.

    ``paragraphs`` is the masthead followed by the body, in document order. ``meta`` feeds
    ``docProps/core.xml``; ``tracked`` switches on ``<w:trackRevisions/>``; ``date`` is the
    fixed timestamp written into ``core.xml``; ``revisions`` counts the tracked changes.
    """

    masthead: Masthead
    body: tuple[Para, ...]
    notes: tuple[Note, ...]
    meta: Meta
    language: str
    tracked: bool
    date: str
    revisions: int = 0

    @property
    def paragraphs(self) -> tuple[Para, ...]:
        m = self.masthead
        head = tuple(p for p in (*m.lines, m.formula) if p is not None)
        return head + self.body


class RevisionIds:
    """Hands out ``w:id`` values for revisions, unique across ``document.xml`` and ``footnotes.xml``.

    Counting starts above ``floor`` (the largest id already used in the package: footnote
    ids, bookmark ids), so revisions never share an id with anything else (OOXML.md §3).
    """

    def __init__(self, floor: int = 0) -> None:
        self.floor = max(floor, 0)
        self._next = self.floor + 1

    def __call__(self) -> int:
        value = self._next
        self._next += 1
        return value

    @property
    def issued(self) -> int:
        """How many ids were handed out."""
        return self._next - 1 - self.floor


# --------------------------------------------------------------------------------------------
# dates

DEFAULT_DATE = "2000-01-01T00:00:00Z"
"""Date of tracked changes and of ``core.xml`` when none is given: fixed, so output is reproducible."""

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$")


def word_date(value: str | None) -> str | None:
    """``2021-11-04`` → ``2021-11-04T00:00:00Z`` (Word's form); ``None`` stays ``None``.

    A full UTC stamp ``2021-11-04T10:30:00Z`` is kept. Anything else raises ``ValueError``.
    """
    if value is None:
        return None
    value = str(value).strip()
    m = _DAY.match(value)
    if m:
        _check_day(m)
        return f"{value}T00:00:00Z"
    m = _STAMP.match(value)
    if m:
        _check_day(m)
        return value
    raise ValueError(value)


def _check_day(m: re.Match[str]) -> None:
    import datetime

    datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
