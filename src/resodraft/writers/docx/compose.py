"""Resolution / Redline → :class:`~resodraft.writers.docx.story.Story` (the Word view).

Three ways of showing the same paragraphs, so that the three documents always agree:

- ``clean``: the text, no marks (a :class:`Resolution` is composed as a redline in which every
  paragraph is unchanged, so the clean document is exactly the tracked one with all changes
  accepted);
- ``tracked``: real Word revisions (``<w:ins>``/``<w:del>``, paragraph-mark revisions,
  ``<w:moveFrom>``/``<w:moveTo>`` for a paragraph the amendments moved, changes inside
  footnotes, and the text of a footnote whose call is deleted or inserted), following
  OOXML.md §3;
- ``visual``: deletions struck through and insertions in bold (or underlined), as in the annexes
  the co-facilitators circulate, a space between a deletion and the insertion that replaces it,
  and a note "(déplacé du paragraphe 3)" after a moved paragraph (:mod:`resodraft.writers.moved`).

**Numbers.** In the clean and tracked documents operative paragraphs and sub-paragraphs use
Word's automatic numbering (:mod:`.numbering`): a renumbered paragraph is not a revision, and
the number of an inserted or deleted paragraph comes and goes with its paragraph mark. The
visual redline, ``typed_numbers=True``, ``mark_renumbering=True`` in a tracked document, and
texts whose numbers Word would not reproduce (:func:`.numbering.plan_numbering`) get the
numbers as text ("12." and a tab, "a)", "(a)"); in a tracked document a changed typed number
is then a revision (otherwise Word's *Reject All* would not give back last year's numbering).
Part letters ("A.") are always text.

**Typography** (:mod:`resodraft.typography`) is applied to every paragraph's ops before they
become runs: French no-break spaces, non-breaking hyphens in document symbols, language tags.
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
    normalize,
    side,
)
from resodraft.typography import NBHYPHEN, SPACINGS, language_of, typeset_ops

from .numbering import NumberingPlan, plan_numbering
from .story import (
    Chunk,
    Masthead,
    MoveRange,
    Note,
    NumRef,
    Para,
    Revision,
    RevisionIds,
    Run,
    WORD_LANGUAGE,
    Story,
    run_date,
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
_SPLIT = re.compile("(\t|\r\n|\n|\r|\u2011)")
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
    """A footnote call waiting for its note: which op kind called it, which note it is, and
    who made the change that added or removed the call (``kind`` ``=``: nobody)."""

    kind: str  # "=", "+", "-"
    note: NoteDiff | None
    author: str | None = None
    date: str | None = None


class Composer:
    """Builds a :class:`Story` from a :class:`Redline` in one of the three modes.

    ``author``/``date`` are the defaults for changes that carry none (tracked mode); ``date``
    ``None`` means the run's date (:func:`~resodraft.writers.docx.story.run_date`: ``--date``,
    else ``SOURCE_DATE_EPOCH``, else now). ``insert_style`` is how visual mode shows inserted
    text. ``mark_renumbering``: in visual mode, show a changed number as struck old number and
    inserted new number (``False``: print the new number only, as the annexes do); in tracked
    mode it types the numbers, and a changed number is a revision by the paragraph's author
    (without it, automatic numbering makes renumbering no revision at all; with
    ``typed_numbers`` it is a revision by :data:`RENUMBERING_AUTHOR`, which reviewers can hide
    in Word under *Show Markup › People*). ``typed_numbers`` writes numbers as text in the
    clean and tracked documents too. ``spacing`` is the French spacing of
    :mod:`resodraft.typography` (``narrow``, ``nbsp`` or ``off``).

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
        typed_numbers: bool = False,
        spacing: str = "narrow",
    ) -> None:
        if insert_style not in INSERT_STYLES:
            raise UsageError(
                f"unknown insert style {insert_style!r}",
                hint=f"use one of: {', '.join(INSERT_STYLES)}",
            )
        if spacing not in SPACINGS:
            raise UsageError(
                f"unknown French spacing {spacing!r}",
                hint=f"use one of: {', '.join(SPACINGS)}",
            )
        self.mode = mode
        self.author = author or DEFAULT_AUTHOR
        self.date = _run_date(date)
        self.insert_bold = "bold" in insert_style
        self.insert_underline = "underline" in insert_style
        self.mark_renumbering = mark_renumbering
        self.typed_numbers = typed_numbers or mode == "visual" or (mode == "tracked" and mark_renumbering)
        self.spacing = spacing
        self.language = "fr"
        self.ids = RevisionIds()
        self.id_floor = 0  # the largest w:id the package holds besides revisions (reference headers)
        self._calls: list[_Call] = []
        self._by_new: dict[str, NoteDiff] = {}
        self._by_old: dict[str, NoteDiff] = {}
        self._plan: NumberingPlan | None = None
        self._moves: dict[int, tuple[str, str]] = {}  # paragraph index → (from|to, move name)
        self._move_notes: dict[int, str] = {}

    # ---- public -----------------------------------------------------------------------

    def compose(self, redline: Redline) -> Story:
        """The whole document: masthead, formula, body paragraphs and footnotes."""
        for nd in redline.footnotes:
            if nd.new is not None:
                self._by_new.setdefault(nd.new, nd)
            if nd.old is not None:
                self._by_old.setdefault(nd.old, nd)
        # revision ids start above every footnote id the package can contain
        self.ids = RevisionIds(floor=max(_count_calls(redline), self.id_floor))
        language = redline.meta.language or redline.old_meta.language or "fr"
        self.language = language
        if not self.typed_numbers:
            self._plan = plan_numbering(redline, language)
        if self.mode == "tracked":
            self._moves = _word_moves(redline)
        if self.mode == "visual":
            from resodraft.writers.moved import move_notes

            self._move_notes = move_notes(redline)
        masthead = self._masthead(redline, language)
        formula = self.paragraph(redline.formula) if redline.formula is not None else None
        body = [self.paragraph(pd, k) for k, pd in enumerate(redline.paragraphs)]
        head = [*masthead.lines, formula]
        present = [p for p in head if p is not None] + body
        shifted = iter(shift_trailing_marks(present))
        fixed_head = [next(shifted) if p is not None else None for p in head]
        fixed_body = tuple(shifted)
        masthead = Masthead(**dict(zip(("symbol", "session", "adopted", "draft", "title", "formula"), fixed_head)))
        notes = tuple(self._note(k + 1, call) for k, call in enumerate(self._calls))
        formula_text = (
            "".join(x.text for op in redline.formula.ops if op.kind != "-" for x in op.content if isinstance(x, Text))
            if redline.formula is not None else None
        )
        return Story(
            masthead=masthead,
            body=fixed_body,
            notes=notes,
            meta=redline.meta,
            language=language,
            tracked=self.mode == "tracked",
            date=self.date,
            revisions=self.ids.issued,
            numbering=self._plan.numbering if self._plan is not None else None,
            formula=formula_text,
            assembly=_assembly(formula_text, redline),
        )

    def paragraph(self, pd: ParaDiff, index: int | None = None) -> Para:
        """One paragraph of the redline as a Word paragraph (number, text, paragraph mark).

        ``index`` is the paragraph's place in ``redline.paragraphs`` (``None`` for the
        masthead and the formula), which says whether it has an automatic number or is moved.
        """
        status = _effective_status(pd)
        number = self._plan.refs.get(index) if self._plan is not None and index is not None else None
        move = self._moves.get(index) if index is not None else None
        shown_number = pd.new_number if pd.new is not None else pd.old_number
        style, _ = shape(pd.kind, shown_number, pd.style, pd.level)
        if number is not None:
            old_prefix = new_prefix = None
        else:
            _, old_prefix = shape(pd.kind, pd.old_number, pd.style, pd.level)
            _, new_prefix = shape(pd.kind, pd.new_number, pd.style, pd.level)
        ops_in = typeset_ops(pd.ops, self.language, self.spacing)
        chunks: list[Chunk] = []
        if status == "inserted":
            ops = [replace(op, kind="+") for op in ops_in if op.kind != "-"]
            chunks += self._prefix(pd, None, new_prefix, whole="+")
        elif status == "deleted":
            ops = [replace(op, kind="-") for op in ops_in if op.kind != "+"]
            chunks += self._prefix(pd, old_prefix, None, whole="-")
        else:
            ops = list(ops_in)
            chunks += self._prefix(pd, old_prefix, new_prefix, whole=None)
        previous: Op | None = None
        for op in ops:
            if self.mode == "visual" and previous is not None and _needs_space(previous, op):
                chunks.append(Chunk((Run(text=" "),)))  # ~~Prie~~ **Encourage**, not PrieEncourage
            chunks.extend(self._op_chunks(op, pd))
            if op.content:
                previous = op
        if index is not None and index in self._move_notes:
            chunks.append(Chunk((Run(text=" "), Run(text=self._move_notes[index], italic=True))))
        mark = None
        move_range = None
        if self.mode == "tracked" and status in ("inserted", "deleted"):
            author = _paragraph_author(pd) or self.author
            date = _date(pd.date) or self.date
            if move is not None:
                kind = "moveTo" if status == "inserted" else "moveFrom"
                mark = Revision(kind, self.ids(), author, date)
                move_range = MoveRange(move[0], self.ids(), move[1], author, date)  # type: ignore[arg-type]
                chunks = [replace(c, revision=replace(c.revision, kind=kind)) if c.revision else c for c in chunks]
                chunks = [
                    replace(c, runs=tuple(replace(r, deleted=False) for r in c.runs)) if kind == "moveFrom" else c
                    for c in chunks
                ]
            else:
                mark = Revision("ins" if status == "inserted" else "del", self.ids(), author, date)
        return Para(style, tuple(chunks), mark, number=number, move=move_range)

    # ---- pieces -----------------------------------------------------------------------

    def _masthead(self, redline: Redline, language: str) -> Masthead:
        """The masthead as its status wants it (:mod:`resodraft.masthead`): an adopted text's
        symbol and adoption line, a draft's session and "Projet de résolution" line; changes
        made by a ``[meta]`` table are authored by its sponsor."""
        from resodraft.masthead import redline_masthead

        lines = {pd.kind: self.paragraph(pd) for pd in redline_masthead(redline, language, inlines=meta_inlines)}
        return Masthead(**lines)

    def _prefix(self, pd: ParaDiff, old: str | None, new: str | None, whole: str | None) -> list[Chunk]:
        """The typed number and its tab. ``whole`` is ``+``/``-`` for an inserted/deleted paragraph."""
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
            if old is not None and new is not None:
                chunks.append(Chunk((Run(text=" "),)))
            if new is not None:
                chunks.append(self._chunk("+", [Run(text=new)], None, None))
            return chunks + [Chunk((tab,))]
        return [] if new is None else [Chunk((Run(text=new), tab))]

    def _op_chunks(self, op: Op, pd: ParaDiff | None) -> list[Chunk]:
        if not op.content:
            return []
        author = op.author or (pd.author if pd else None)
        date = op.date or (pd.date if pd else None)
        runs = list(self._runs(op.content, op.kind, author, date))
        if not runs:
            return []
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

    def _runs(self, content: Inlines, kind: str, author: str | None = None, date: str | None = None) -> Iterator[Run]:
        for item in content:
            if isinstance(item, NoteRef):
                number = self._call(item, kind, author, date)
                yield Run("note", style=STYLES["note-ref"], sup=True, note=number)
                continue
            yield from text_runs(item)

    def _call(self, ref: NoteRef, kind: str, author: str | None = None, date: str | None = None) -> int:
        """Register a footnote call; returns the Word footnote id (1, 2, … in order of calls)."""
        if kind == "-":
            note = self._by_old.get(ref.id) or self._by_new.get(ref.id)
        else:
            note = self._by_new.get(ref.id) or self._by_old.get(ref.id)
        self._calls.append(_Call(kind, note, author, date))
        return len(self._calls)

    def _note(self, number: int, call: _Call) -> Note:
        """The footnote for one call: its own changes when the call is kept, else one side,
        deleted or inserted with its call (struck or marked in visual mode, a revision by the
        call's author in tracked mode)."""
        mark = Run("note-mark", style=STYLES["note-ref"], sup=True)
        nd = call.note
        if nd is None:
            ops: list[Op] = []
        elif call.kind == "=":
            ops = list(nd.ops)
        else:
            which = "new" if call.kind == "+" else "old"
            ops = [Op(call.kind, side(nd.ops, which), call.author, call.date)]
        shown = call.kind if self.mode in ("visual", "tracked") else "="
        if shown != "=":
            ops = [replace(op, kind=shown) for op in ops if op.kind in ("=", shown)]
        ops = list(typeset_ops(ops, self.language, self.spacing))
        chunks = [self._chunk(shown, [mark, Run(text=" ")], call.author, call.date)]
        previous: Op | None = None
        for op in ops:
            # a footnote carries text only: a call inside a footnote is dropped
            runs = [r for x in op.content if isinstance(x, Text) for r in text_runs(x)]
            if runs:
                if self.mode == "visual" and previous is not None and _needs_space(previous, op):
                    chunks.append(Chunk((Run(text=" "),)))
                author = op.author or (nd.author if nd else None) or call.author
                date = op.date or (nd.date if nd else None) or call.date
                chunks.append(self._chunk(op.kind, runs, author, date))
                previous = op
        return Note(number, (Para(STYLES["note"], tuple(chunks)),))


# --------------------------------------------------------------------------------------------
# helpers


def text_runs(item: Text) -> Iterator[Run]:
    """A text run as Word runs: tabs, line breaks and non-breaking hyphens (U+2011, see
    :mod:`resodraft.typography`) become their own runs; characters that XML 1.0 cannot carry
    (control characters) are dropped; a ``lang:`` mark becomes the run's language tag."""
    text = _NOT_XML.sub("", item.text)
    lang = language_of(item.marks)
    props = dict(
        italic="i" in item.marks,
        bold="b" in item.marks,
        sup="sup" in item.marks,
        strike="s" in item.marks,
        lang=WORD_LANGUAGE.get(lang, lang) if lang else None,
    )
    for piece in _SPLIT.split(text):
        if not piece:
            continue
        if piece == "\t":
            yield Run("tab", **props)
        elif piece in ("\n", "\r", "\r\n"):
            yield Run("break", **props)
        elif piece == NBHYPHEN:
            yield Run("nbhyphen", **props)
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
        assert mark is not None
        # a shifted mark no longer belongs to a moved paragraph: it is a plain insertion/deletion
        plain = {"moveFrom": "del", "moveTo": "ins"}.get(mark.kind, mark.kind)
        out[i] = replace(out[i], mark=replace(mark, kind=plain))  # type: ignore[arg-type]
    out[-1] = replace(out[-1], mark=None)
    return out


def _effective_status(pd: ParaDiff) -> str:
    """A moved paragraph is a deletion where it was (``new`` is ``None``) and an insertion
    where it is now; the tracked document writes the pair as a Word move when it can
    (:func:`_word_moves`)."""
    if pd.status == "moved":
        return "deleted" if pd.new is None else "inserted"
    return pd.status


def _assembly(formula: str | None, redline: Redline) -> str | None:
    """Which assembly adopts the text (``asp``, ``ga``, ``None``): from the enacting formula or
    the symbol, else from last year's symbol (a draft has none yet, an excerpt no formula)."""
    from resodraft.sessions import own_assembly

    return own_assembly(formula, redline.meta.symbol) or own_assembly(None, redline.old_meta.symbol)


def _word_moves(redline: Redline) -> dict[int, tuple[str, str]]:
    """The moved paragraphs written as Word moves: index → (``from``/``to``, range name).

    Both places of a paragraph the redline marks ``moved`` share one name (``move1``, …).
    Only a paragraph whose text is the same at both places is written as a Word move
    (OOXML.md §3); one moved *and* edited stays a deletion and an insertion.
    """
    old_to_new = {nd.old: nd.new for nd in redline.footnotes if nd.old is not None and nd.new is not None}

    def key(ops: Sequence[Op], which: str) -> tuple:
        out = []
        for item in normalize(side(ops, which)):  # type: ignore[arg-type]
            if isinstance(item, NoteRef):
                out.append(("^", old_to_new.get(item.id, "\x00" + item.id) if which == "old" else item.id))
            else:
                out.append((item.text, tuple(sorted(item.marks))))
        return tuple(out)

    origins: dict[str, int] = {}
    for k, pd in enumerate(redline.paragraphs):
        if pd.status == "moved" and pd.new is None and pd.old is not None:
            origins.setdefault(pd.old, k)
    moves: dict[int, tuple[str, str]] = {}
    for k, pd in enumerate(redline.paragraphs):
        if pd.status != "moved" or pd.new is None or pd.old not in origins:
            continue
        o = origins.pop(pd.old)
        if key(redline.paragraphs[o].ops, "old") != key(pd.ops, "new"):
            continue
        name = f"move{len(moves) // 2 + 1}"
        moves[o] = ("from", name)
        moves[k] = ("to", name)
    return moves


def _needs_space(deleted: Op, inserted: Op) -> bool:
    """Whether a visual redline needs a space between a deletion and the insertion after it
    (neither has white space at that edge)."""
    if deleted.kind != "-" or inserted.kind != "+":
        return False
    left = next((i.text for i in reversed(deleted.content) if isinstance(i, Text) and i.text), "")
    right = next((i.text for i in inserted.content if isinstance(i, Text) and i.text), "")
    if isinstance(deleted.content[-1], NoteRef):
        left = "x"
    if isinstance(inserted.content[0], NoteRef):
        right = "x"
    return bool(left) and bool(right) and not left[-1].isspace() and not right[0].isspace()


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


def _run_date(value: str | None) -> str:
    return run_date(value)


def compose_clean(
    res: Resolution, *, date: str | None = None, typed_numbers: bool = False, spacing: str = "narrow"
) -> Story:
    """The clean document of ``res``."""
    composer = Composer("clean", date=date, typed_numbers=typed_numbers, spacing=spacing)
    return composer.compose(resolution_as_redline(res))


def compose_tracked(
    redline: Redline,
    *,
    author: str = DEFAULT_AUTHOR,
    date: str | None = None,
    mark_renumbering: bool = False,
    typed_numbers: bool = False,
    spacing: str = "narrow",
) -> Story:
    """The document with real Word revisions."""
    composer = Composer(
        "tracked", author=author, date=date, mark_renumbering=mark_renumbering, typed_numbers=typed_numbers,
        spacing=spacing,
    )
    return composer.compose(redline)


def compose_visual(
    redline: Redline,
    *,
    insert_style: str = "bold",
    mark_renumbering: bool = False,
    date: str | None = None,
    spacing: str = "narrow",
) -> Story:
    """The document with struck deletions and bold/underlined insertions (no revisions)."""
    composer = Composer("visual", insert_style=insert_style, mark_renumbering=mark_renumbering, date=date, spacing=spacing)
    return composer.compose(redline)


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
