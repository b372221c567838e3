"""Resolution / Redline → :class:`~resodraft.writers.docx.story.Story` (the Word view).

Three ways of showing the same paragraphs, so that the three documents always agree:

- ``clean``: the text, no marks (a :class:`Resolution` is composed as a redline in which every
  paragraph is unchanged, so the clean document is exactly the tracked one with all changes
  accepted);
- ``tracked``: real Word revisions (``<w:ins>``/``<w:del>``, paragraph-mark revisions,
  changes inside footnotes), following OOXML.md §3;
- ``visual``: deletions struck through and insertions in bold (or underlined), as in the annexes
  the co-facilitators circulate.

Paragraph numbers are written as text ("12." and a tab, "a)", "(a)", "A."), so the printed
number is the model's number. In a tracked document a changed number is always a revision
(otherwise Word's *Reject All* would not give back last year's numbering).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from resodraft.errors import UsageError
from resodraft.model import (
    Heading,
    Inline,
    Inlines,
    Meta,
    NoteDiff,
    NoteRef,
    Op,
    Operative,
    ParaDiff,
    Part,
    Preambular,
    Redline,
    Resolution,
    SubParagraph,
    Text,
    side,
)

from .story import (
    DEFAULT_DATE,
    Chunk,
    Masthead,
    Note,
    Para,
    Revision,
    RevisionIds,
    Run,
    Story,
    word_date,
)

Mode = Literal["clean", "tracked", "visual"]
InsertStyle = Literal["bold", "underline", "bold-underline"]
INSERT_STYLES: tuple[str, ...] = ("bold", "underline", "bold-underline")

DEFAULT_AUTHOR = "resodraft"
RENUMBERING_AUTHOR = "resodraft (renumbering)"
"""Author of the revisions that only change a paragraph's number (see ``mark_renumbering``)."""

# Paragraph and character style ids; templates/reference.docx defines every one of them.
STYLES: dict[str, str] = {
    "symbol": "ResoSymbol",
    "session": "ResoSymbol",
    "adopted": "ResoAdopted",
    "draft": "ResoTitle",
    "title": "ResoTitle",
    "formula": "ResoFormula",
    "preambular": "ResoPreambular",
    "operative": "ResoOperative",
    "operative-unnumbered": "ResoOperativeUnnumbered",
    "subparagraph": "ResoSubparagraph",
    "subparagraph-2": "ResoSubparagraph2",
    "heading": "ResoHeading",
    "heading-3": "ResoHeading3",
    "part": "ResoPart",
    "note": "FootnoteText",
    "note-ref": "FootnoteReference",
}

RESOLUTION_WORD = {"fr": "Résolution", "en": "Resolution"}

# Characters XML 1.0 cannot carry (control characters other than tab and newline).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPLIT = re.compile(r"(\t|\r\n|\n|\r)")
_META_SUP = re.compile(r"\^\{([^{}\n]{1,12})\}|\^([^\W_]{1,8})\^?")


# --------------------------------------------------------------------------------------------
# paragraph shapes


def shape(kind: str, number: str | None, sub_style: str = ")", level: int = 1) -> tuple[str, str | None]:
    """The paragraph style id and the printed number ("12.", "a)", "(a)", "A.") of a paragraph.

    The number is ``None`` for paragraphs that have none (preambular, headings, the single
    unnumbered operative paragraph). An unknown kind is laid out as a preambular paragraph.
    """
    if kind == "operative":
        if number:
            return STYLES["operative"], f"{number}."
        return STYLES["operative-unnumbered"], None
    if kind == "subparagraph":
        style = STYLES["subparagraph"] if level <= 1 else STYLES["subparagraph-2"]
        if not number:
            return style, None
        return style, (f"({number})" if sub_style == "()" else f"{number})")
    if kind == "part":
        return STYLES["part"], (f"{number}." if number else None)
    if kind == "heading":
        return (STYLES["heading-3"] if level >= 3 else STYLES["heading"]), None
    if kind in ("symbol", "session", "adopted", "draft", "title", "formula"):
        return STYLES[kind], None
    return STYLES["preambular"], None


def meta_inlines(text: str) -> Inlines:
    """A front-matter value as inline content: ``4^e`` and ``1^{er}`` become superscripts."""
    out: list[Inline] = []
    pos = 0
    for m in _META_SUP.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos : m.start()]))
        out.append(Text(m.group(1) or m.group(2), frozenset({"sup"})))
        pos = m.end()
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Resolution → an all-equal redline (what the clean document is made of)


def resolution_as_redline(res: Resolution) -> Redline:
    """``res`` as a :class:`Redline` in which nothing changed (old and new are both ``res``)."""
    paras: list[ParaDiff] = []

    def equal(label: str, kind: str, content: Inlines, number: str | None = None, **kw: object) -> ParaDiff:
        ops = (Op("=", content),) if content else ()
        return ParaDiff(label, label, "equal", kind, ops, number, number, **kw)  # type: ignore[arg-type]

    def subs(parent: str, items: Sequence[SubParagraph], level: int) -> Iterator[ParaDiff]:
        for sub in items:
            label = f"{parent}({sub.number})"
            yield equal(label, "subparagraph", sub.content, sub.number, style=sub.style, level=level)
            yield from subs(label, sub.subs, level + 1)

    for k, block in enumerate(res.blocks):
        label = f"B{k + 1}"
        if isinstance(block, Preambular):
            paras.append(equal(label, "preambular", block.content))
        elif isinstance(block, Operative):
            paras.append(equal(label, "operative", block.content, block.number))
            paras.extend(subs(label, block.subs, 1))
        elif isinstance(block, Heading):
            paras.append(equal(label, "heading", block.content, level=block.level))
        elif isinstance(block, Part):
            paras.append(equal(label, "part", block.content, block.letter))
    notes = tuple(NoteDiff(n.id, n.id, "equal", (Op("=", n.content),)) for n in res.footnotes)
    formula = equal("formula", "formula", res.formula) if res.formula is not None else None
    return Redline(res.meta, res.meta, tuple(paras), notes, formula)


# --------------------------------------------------------------------------------------------
# the composer


@dataclass(frozen=True)
class _Call:
    """A footnote call waiting for its note: which op kind called it and which note it is."""

    kind: str  # "=", "+", "-"
    note: NoteDiff | None


class Composer:
    """Builds a :class:`Story` from a :class:`Redline` in one of the three modes.

    ``author``/``date`` are the defaults for changes that carry none (tracked mode); ``date``
    ``None`` means :data:`~resodraft.writers.docx.story.DEFAULT_DATE`. ``insert_style`` is how
    visual mode shows inserted text. ``mark_renumbering``: in visual mode, show a changed
    number as struck old number and inserted new number (``False``: print the new number
    only, as the annexes do); in tracked mode, a changed number is always a revision, written
    by the paragraph's author when ``True`` and by :data:`RENUMBERING_AUTHOR` when ``False``
    (so reviewers can hide renumbering in Word under *Show Markup › People*).

    A composer keeps the footnote calls and revision ids of one document: use a new one for
    each document (the ``compose_*`` functions do).
    """

    def __init__(
        self,
        mode: Mode,
        *,
        author: str = DEFAULT_AUTHOR,
        date: str | None = None,
        insert_style: str = "bold",
        mark_renumbering: bool = False,
    ) -> None:
        if insert_style not in INSERT_STYLES:
            raise UsageError(
                f"unknown insert style {insert_style!r}",
                hint=f"use one of: {', '.join(INSERT_STYLES)}",
            )
        self.mode = mode
        self.author = author or DEFAULT_AUTHOR
        self.date = _date(date) or DEFAULT_DATE
        self.insert_bold = "bold" in insert_style
        self.insert_underline = "underline" in insert_style
        self.mark_renumbering = mark_renumbering
        self.ids = RevisionIds()
        self._calls: list[_Call] = []
        self._by_new: dict[str, NoteDiff] = {}
        self._by_old: dict[str, NoteDiff] = {}

    # ---- public -----------------------------------------------------------------------

    def compose(self, redline: Redline) -> Story:
        """The whole document: masthead, formula, body paragraphs and footnotes."""
        for nd in redline.footnotes:
            if nd.new is not None:
                self._by_new.setdefault(nd.new, nd)
            if nd.old is not None:
                self._by_old.setdefault(nd.old, nd)
        # revision ids start above every footnote id the package can contain
        self.ids = RevisionIds(floor=_count_calls(redline))
        language = redline.meta.language or redline.old_meta.language or "fr"
        masthead = self._masthead(redline, language)
        formula = self.paragraph(redline.formula) if redline.formula is not None else None
        body = [self.paragraph(pd) for pd in redline.paragraphs]
        head = [*masthead.lines, formula]
        present = [p for p in head if p is not None] + body
        shifted = iter(shift_trailing_marks(present))
        fixed_head = [next(shifted) if p is not None else None for p in head]
        fixed_body = tuple(shifted)
        masthead = Masthead(**dict(zip(("symbol", "session", "adopted", "draft", "title", "formula"), fixed_head)))
        notes = tuple(self._note(k + 1, call) for k, call in enumerate(self._calls))
        return Story(
            masthead=masthead,
            body=fixed_body,
            notes=notes,
            meta=redline.meta,
            language=language,
            tracked=self.mode == "tracked",
            date=self.date,
            revisions=self.ids.issued,
        )

    def paragraph(self, pd: ParaDiff) -> Para:
        """One paragraph of the redline as a Word paragraph (number, text, paragraph mark)."""
        status = _effective_status(pd)
        shown_number = pd.new_number if pd.new is not None else pd.old_number
        style, _ = shape(pd.kind, shown_number, pd.style, pd.level)
        _, old_prefix = shape(pd.kind, pd.old_number, pd.style, pd.level)
        _, new_prefix = shape(pd.kind, pd.new_number, pd.style, pd.level)
        chunks: list[Chunk] = []
        if status == "inserted":
            ops = [replace(op, kind="+") for op in pd.ops if op.kind != "-"]
            chunks += self._prefix(pd, None, new_prefix, whole="+")
        elif status == "deleted":
            ops = [replace(op, kind="-") for op in pd.ops if op.kind != "+"]
            chunks += self._prefix(pd, old_prefix, None, whole="-")
        else:
            ops = list(pd.ops)
            chunks += self._prefix(pd, old_prefix, new_prefix, whole=None)
        for op in ops:
            chunks.extend(self._op_chunks(op, pd))
        mark = None
        if self.mode == "tracked" and status in ("inserted", "deleted"):
            author = _paragraph_author(pd) or self.author
            date = _date(pd.date) or self.date
            mark = Revision("ins" if status == "inserted" else "del", self.ids(), author, date)
        return Para(style, tuple(chunks), mark)

    # ---- pieces -----------------------------------------------------------------------

    def _masthead(self, redline: Redline, language: str) -> Masthead:
        """The masthead as its status wants it (:mod:`resodraft.masthead`): an adopted text's
        symbol and adoption line, a draft's session and "Projet de résolution" line; changes
        made by a ``[meta]`` table are authored by its sponsor."""
        from resodraft.masthead import redline_masthead

        lines = {pd.kind: self.paragraph(pd) for pd in redline_masthead(redline, language, inlines=meta_inlines)}
        return Masthead(**lines)

    def _prefix(self, pd: ParaDiff, old: str | None, new: str | None, whole: str | None) -> list[Chunk]:
        """The number and its tab. ``whole`` is ``+``/``-`` for an inserted/deleted paragraph."""
        tab = Run("tab")
        if whole == "+":
            if new is None:
                return []
            kind = "+" if (self.mode == "tracked" or self.mark_renumbering) else "="
            return [self._chunk(kind, [Run(text=new), tab], _paragraph_author(pd), pd.date)]
        if whole == "-":
            if old is None:
                return []
            return [self._chunk("-", [Run(text=old), tab], _paragraph_author(pd), pd.date)]
        if old == new:
            return [] if new is None else [Chunk((Run(text=new), tab))]
        renumber_author = _paragraph_author(pd) if self.mark_renumbering else RENUMBERING_AUTHOR
        if self.mode == "tracked":
            chunks = []
            if old is not None:
                chunks.append(self._chunk("-", [Run(text=old)], renumber_author, pd.date))
            if new is not None:
                chunks.append(self._chunk("+", [Run(text=new)], renumber_author, pd.date))
            # the tab belongs to whichever side has a number (both: it is common)
            tab_kind = "=" if (old is not None and new is not None) else ("+" if new is not None else "-")
            chunks.append(self._chunk(tab_kind, [tab], renumber_author, pd.date))
            return chunks
        if self.mode == "visual" and self.mark_renumbering:
            chunks = []
            if old is not None:
                chunks.append(self._chunk("-", [Run(text=old)], None, None))
            if new is not None:
                chunks.append(self._chunk("+", [Run(text=new)], None, None))
            return chunks + [Chunk((tab,))]
        return [] if new is None else [Chunk((Run(text=new), tab))]

    def _op_chunks(self, op: Op, pd: ParaDiff | None) -> list[Chunk]:
        if not op.content:
            return []
        runs = list(self._runs(op.content, op.kind))
        if not runs:
            return []
        author = op.author or (pd.author if pd else None)
        date = op.date or (pd.date if pd else None)
        return [self._chunk(op.kind, runs, author, date)]

    def _chunk(self, kind: str, runs: Iterable[Run], author: str | None, date: str | None) -> Chunk:
        """Runs shown as kept (``=``), deleted (``-``) or inserted (``+``) in this mode."""
        runs = tuple(runs)
        if kind == "=" or self.mode == "clean":
            return Chunk(runs)
        if self.mode == "tracked":
            if kind == "-":
                runs = tuple(replace(r, deleted=True) if r.kind == "text" else r for r in runs)
            rev = Revision(
                "del" if kind == "-" else "ins", self.ids(), author or self.author, _date(date) or self.date
            )
            return Chunk(runs, rev)
        if kind == "-":
            return Chunk(tuple(replace(r, strike=True) for r in runs))
        return Chunk(
            tuple(
                replace(r, bold=r.bold or self.insert_bold, underline=r.underline or self.insert_underline)
                for r in runs
            )
        )

    def _runs(self, content: Inlines, kind: str) -> Iterator[Run]:
        for item in content:
            if isinstance(item, NoteRef):
                number = self._call(item, kind)
                yield Run("note", style=STYLES["note-ref"], sup=True, note=number)
                continue
            yield from text_runs(item)

    def _call(self, ref: NoteRef, kind: str) -> int:
        """Register a footnote call; returns the Word footnote id (1, 2, … in order of calls)."""
        if kind == "-":
            note = self._by_old.get(ref.id) or self._by_new.get(ref.id)
        else:
            note = self._by_new.get(ref.id) or self._by_old.get(ref.id)
        self._calls.append(_Call(kind, note))
        return len(self._calls)

    def _note(self, number: int, call: _Call) -> Note:
        """The footnote for one call: its own changes when the call is kept, else one side."""
        mark = Run("note-mark", style=STYLES["note-ref"], sup=True)
        nd = call.note
        if nd is None:
            ops: list[Op] = []
        elif call.kind == "=":
            ops = list(nd.ops)
        else:
            which = "new" if call.kind == "+" else "old"
            ops = [Op("=", side(nd.ops, which))]
        # in visual mode a struck or inserted call shows its whole note the same way
        shown = call.kind if self.mode == "visual" else "="
        if shown != "=":
            ops = [replace(op, kind=shown) for op in ops if op.kind in ("=", shown)]
        chunks = [self._chunk(shown, [mark, Run(text=" ")], None, None)]
        for op in ops:
            # a footnote carries text only: a call inside a footnote is dropped
            runs = [r for x in op.content if isinstance(x, Text) for r in text_runs(x)]
            if runs:
                author = op.author or (nd.author if nd else None)
                date = op.date or (nd.date if nd else None)
                chunks.append(self._chunk(op.kind, runs, author, date))
        return Note(number, (Para(STYLES["note"], tuple(chunks)),))


# --------------------------------------------------------------------------------------------
# helpers


def text_runs(item: Text) -> Iterator[Run]:
    """A text run as Word runs: tabs and line breaks become their own runs; characters that
    XML 1.0 cannot carry (control characters) are dropped."""
    text = _NOT_XML.sub("", item.text)
    props = dict(
        italic="i" in item.marks,
        bold="b" in item.marks,
        sup="sup" in item.marks,
        strike="s" in item.marks,
    )
    for piece in _SPLIT.split(text):
        if not piece:
            continue
        if piece == "\t":
            yield Run("tab", **props)
        elif piece in ("\n", "\r", "\r\n"):
            yield Run("break", **props)
        else:
            yield Run("text", piece, **props)


def shift_trailing_marks(paras: Sequence[Para]) -> list[Para]:
    """Move the paragraph-mark revisions of paragraphs inserted or deleted at the very end
    of the document one paragraph up (OOXML.md §1, "Word style").

    The last paragraph mark of a document cannot be removed, so Word marks the *preceding*
    paragraph's mark instead: with ``P1`` kept and ``P2`` inserted last, ``P1``'s mark is
    inserted and ``P2``'s is not; *Reject All* then merges ``P1`` with the emptied ``P2`` and
    leaves exactly ``P1``. For a trailing run ``Pk…Pn`` of inserted/deleted paragraphs, the
    mark of ``P(i-1)`` takes ``Pi``'s revision and ``Pn``'s mark is kept. Nothing changes when
    the last paragraph is kept, or when every paragraph is inserted/deleted (there is no
    paragraph above to carry the mark).
    """
    out = list(paras)
    k = len(out)
    while k > 0 and out[k - 1].mark is not None:
        k -= 1
    if k == len(out) or k == 0:
        return out
    marks = [p.mark for p in out[k:]]
    for i, mark in zip(range(k - 1, len(out) - 1), marks, strict=True):
        out[i] = replace(out[i], mark=mark)
    out[-1] = replace(out[-1], mark=None)
    return out


def _effective_status(pd: ParaDiff) -> str:
    """A moved paragraph is written as a deletion where it was (``new`` is ``None``) and an
    insertion where it is now (moves are never written as Word moves: OOXML.md §3)."""
    if pd.status == "moved":
        return "deleted" if pd.new is None else "inserted"
    return pd.status


def _paragraph_author(pd: ParaDiff) -> str | None:
    """Who inserted/deleted/renumbered a paragraph: its own author, else its first change's."""
    if pd.author:
        return pd.author
    for op in pd.ops:
        if op.kind != "=" and op.author:
            return op.author
    return None


def _count_calls(redline: Redline) -> int:
    """An upper bound of the number of footnote calls (hence of Word footnote ids)."""
    paras = list(redline.paragraphs) + ([redline.formula] if redline.formula else [])
    return sum(1 for pd in paras for op in pd.ops for x in op.content if isinstance(x, NoteRef))


def _date(value: str | None) -> str | None:
    try:
        return word_date(value)
    except ValueError:
        raise UsageError(
            f"invalid date {value!r} for the tracked changes",
            hint="write dates as YYYY-MM-DD, e.g. 2021-11-04",
        ) from None


def compose_clean(res: Resolution) -> Story:
    """The clean document of ``res``."""
    return Composer("clean").compose(resolution_as_redline(res))


def compose_tracked(
    redline: Redline, *, author: str = DEFAULT_AUTHOR, date: str | None = None, mark_renumbering: bool = False
) -> Story:
    """The document with real Word revisions."""
    return Composer("tracked", author=author, date=date, mark_renumbering=mark_renumbering).compose(redline)


def compose_visual(redline: Redline, *, insert_style: str = "bold", mark_renumbering: bool = False) -> Story:
    """The document with struck deletions and bold/underlined insertions (no revisions)."""
    return Composer("visual", insert_style=insert_style, mark_renumbering=mark_renumbering).compose(redline)


__all__ = [
    "Composer",
    "DEFAULT_AUTHOR",
    "INSERT_STYLES",
    "RENUMBERING_AUTHOR",
    "STYLES",
    "compose_clean",
    "compose_tracked",
    "compose_visual",
    "meta_inlines",
    "resolution_as_redline",
    "shape",
    "shift_trailing_marks",
    "text_runs",
]
