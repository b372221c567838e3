"""Stage 1 of the Word reader: the package → :class:`WordDocument`, a tree that mirrors Word.

Like pandoc's ``Readers/Docx/Parse.hs``, nothing here knows about resolutions. The tree keeps
what Word keeps, in Word's terms:

- :class:`Paragraph`: its style, automatic numbering reference (:class:`~.styles.NumRef`, from
  the paragraph or its style), outline level, the :class:`Piece`\\ s of its content, the
  revision of its paragraph mark (a paragraph inserted or deleted, or two paragraphs split or
  merged), and its previous properties when a formatting change is tracked;
- :class:`Piece`: text with its marks (italic, bold, struck, superscript — resolved from
  direct formatting and character/paragraph styles), a tab, a line or page break, or a
  footnote/endnote call; no-break hyphens and spaces stay characters;
- :class:`Revision`: every tracked change (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``,
  paragraph-mark insertions and deletions, ``w:rPrChange``/``w:pPrChange``) with its id,
  author, date and the paragraph it sits in. Pieces keep the revisions that enclose them, so
  deciding what to accept happens later (:mod:`.to_model`), per revision;
- :class:`Note`: a footnote's (or endnote's) own paragraphs, separators skipped;
- :class:`Comment`: author, date, text and the paragraphs its range is anchored in.

Never part of the text: headers and footers (other parts, not read), comments' text,
bookmarks, field instructions (``w:instrText``) and the results of page-ish fields (``PAGE``,
``NUMPAGES``, ``PAGEREF``, ``DATE``, ``FILENAME``…; the result of ``HYPERLINK``, ``REF`` and
other fields whose result is document text is kept), hidden text, drawings and text boxes.
Content controls (``w:sdt``), smart tags and custom XML are read through. Tables are read cell
by cell, in order (a resolution has none, but UN mastheads are often laid out in one, and
refusing them would refuse real documents); each table is recorded in :attr:`WordDocument.tables`.
What is not read is listed in :attr:`WordDocument.dropped` so the import report can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from resodraft.readers.docx.numbering import Numbering
from resodraft.readers.docx.package import Package, open_package
from resodraft.readers.docx.styles import NumRef, Styles, rpr_props

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _local(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _ns(el) -> str:
    tag = el.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


REVISION_KINDS = {"ins": "insert", "del": "delete", "moveFrom": "move-from", "moveTo": "move-to"}
"""Word's revision elements and the kind a :class:`Revision` gets for them."""
REMOVING = ("delete", "move-from")
"""Revision kinds whose content is removed when they are accepted (kept when rejected)."""

DROPPED_FIELDS = frozenset(
    """PAGE NUMPAGES SECTIONPAGES SECTION PAGEREF DATE TIME CREATEDATE SAVEDATE PRINTDATE EDITTIME
    FILENAME FILESIZE NUMWORDS NUMCHARS TOC TOA INDEX USERNAME USERINITIALS USERADDRESS AUTHOR
    LASTSAVEDBY TEMPLATE XE TC TA RD PRINT ADVANCE GOTOBUTTON MACROBUTTON""".split()
)
"""Fields whose printed result is not document text (page numbers, dates, file names, indexes)."""


@dataclass(eq=False)
class Revision:
    """One tracked change.

    ``kind``: ``insert``, ``delete``, ``move-from``, ``move-to`` (text, or the paragraph mark
    when ``mark`` is true), or ``format`` (``w:rPrChange``/``w:pPrChange``). ``id`` is Word's
    ``w:id``; ``author`` and ``date`` (ISO 8601 as Word wrote it, or ``None``) say who and when.
    ``paragraph`` is the 1-based index of the body paragraph it sits in (for a change inside a
    footnote, the paragraph that calls the footnote), ``note`` the footnote's Word id (or
    ``None``), ``text`` the text it inserts or deletes. Elements that share an id, kind and
    author are one revision. Compared by identity: a caller's ``accept`` may keep sets of them.
    """

    id: str
    kind: str
    author: str
    date: str | None
    paragraph: int
    note: str | None = None
    mark: bool = False
    text: str = ""

    @property
    def removes(self) -> bool:
        """True for a deletion or the source of a move: accepting it removes its content."""
        return self.kind in REMOVING


@dataclass(frozen=True)
class Piece:
    """One piece of a paragraph's content.

    ``kind``: ``text`` (``text`` with ``marks``), ``tab``, ``break`` (a line break),
    ``page-break``, or ``note`` (a call to note ``note`` = ``(kind, word id)``, ``kind``
    ``footnote`` or ``endnote``; ``text`` is a custom mark, if the call has one).
    ``changes`` are the insertions/deletions/moves enclosing it (outermost first); when a
    formatting change is tracked on its run, ``format_change`` is that revision and
    ``old_marks`` the marks it had before.
    """

    kind: str
    text: str = ""
    marks: frozenset[str] = frozenset()
    changes: tuple[Revision, ...] = ()
    old_marks: frozenset[str] | None = None
    format_change: Revision | None = None
    note: tuple[str, str] | None = None
    own_marks: frozenset[str] = frozenset()
    """The marks the run has without its paragraph's style (direct and character-style formatting)."""


@dataclass(frozen=True)
class ParaProps:
    """The paragraph properties resodraft reads: style id, numbering, outline level (0–8)."""

    style: str | None = None
    num: NumRef | None = None
    outline: int | None = None


@dataclass(eq=False)
class Paragraph:
    """A ``w:p``: ``index`` is its 1-based position in its story (the body, or one note).

    ``container`` identifies the story or table cell it belongs to: paragraphs whose mark is
    deleted merge only with the next paragraph of the same container. ``mark`` is the revision
    of its paragraph mark; ``props_change``/``old_props`` a tracked change of its properties.
    ``row`` identifies the table row of a paragraph read from a table cell (``None`` outside
    tables; nested tables count their own rows).
    """

    index: int
    props: ParaProps
    pieces: list[Piece] = field(default_factory=list)
    mark: Revision | None = None
    old_props: ParaProps | None = None
    props_change: Revision | None = None
    container: int = 0
    row: int | None = None

    @property
    def in_table(self) -> bool:
        return self.row is not None

    @property
    def text(self) -> str:
        """The text of all its pieces, every revision shown (tabs as ``\\t``, breaks as ``\\n``)."""
        out = []
        for piece in self.pieces:
            out.append({"tab": "\t", "break": "\n", "page-break": "\n"}.get(piece.kind, piece.text))
        return "".join(out)


@dataclass
class Note:
    """A footnote or endnote: ``kind`` (``footnote``/``endnote``), Word id, its paragraphs."""

    kind: str
    id: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Comment:
    """A Word comment: who, when, what it says, and where it is anchored.

    ``paragraphs`` are the 1-based indexes of the body paragraphs its range covers (the
    paragraph of its reference mark when it has no range); ``anchor`` is the commented text.
    """

    id: str
    author: str
    date: str | None
    text: str
    initials: str | None = None
    paragraphs: tuple[int, ...] = ()
    anchor: str = ""


@dataclass(frozen=True)
class Table:
    """A table met in the body: the index of its first paragraph, its rows and columns, and
    the ids its rows give their paragraphs (:attr:`Paragraph.row`)."""

    first_paragraph: int
    rows: int
    columns: int
    row_ids: tuple[int, ...] = ()


@dataclass
class WordDocument:
    """A Word document as Word holds it (the intermediate tree; see the module docstring).

    ``paragraphs``: the body's paragraphs in order (table cells included); ``notes`` by
    ``(kind, id)``; ``revisions`` and ``comments`` in document order; ``dropped``: what was not
    read, as ``(kind, message, paragraph index)``.
    """

    file: str
    paragraphs: list[Paragraph]
    notes: dict[tuple[str, str], Note]
    revisions: list[Revision]
    comments: list[Comment]
    styles: Styles
    numbering: Numbering
    tables: list[Table] = field(default_factory=list)
    dropped: list[tuple[str, str, int]] = field(default_factory=list)
    headers_footers: int = 0
    """How many header and footer parts the document has (never read)."""
    application: str | None = None
    """The program that wrote the file, as the file says (``resodraft``, ``Microsoft Office Word``…)."""

    def changes(self) -> list[list[Revision]]:
        """The revisions grouped as a reviewer counts changes.

        Word and LibreOffice split one change into several revision elements (one per run,
        and one for the paragraph mark of a deleted or inserted paragraph): consecutive
        revisions of the same author, kind and date in the same or the next paragraph (and
        the same footnote) are one change.
        """
        groups: list[list[Revision]] = []
        for rev in self.revisions:
            last = groups[-1][-1] if groups else None
            if (
                last is not None
                and (last.author, last.kind, last.date, last.note) == (rev.author, rev.kind, rev.date, rev.note)
                and 0 <= rev.paragraph - last.paragraph <= 1
            ):
                groups[-1].append(rev)
            else:
                groups.append([rev])
        return groups

    def revision_authors(self) -> dict[str, int]:
        """How many changes (:meth:`changes`) each author made, most first."""
        counts: dict[str, int] = {}
        for group in self.changes():
            author = group[0].author
            counts[author] = counts.get(author, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# --------------------------------------------------------------------------------------------
# the parser


@dataclass
class _Field:
    instr: list[str] = field(default_factory=list)
    phase: str = "instr"  # → "result"
    keep: bool = True
    start: int = 0  # the paragraph it begins in


class _Parser:
    """Walks the XML of one package, filling a :class:`WordDocument`."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self.file = pkg.file
        styles_part = pkg.related("styles")
        self.styles = Styles(pkg.xml(styles_part) if styles_part and pkg.has(styles_part) else None)
        numbering_part = pkg.related("numbering")
        style_nums = {sid: s.num.num_id for sid, s in self.styles.by_id.items() if s.type == "numbering" and s.num}
        root = pkg.xml(numbering_part) if numbering_part and pkg.has(numbering_part) else None
        self.numbering = Numbering.from_xml(root, style_nums)
        self.paragraphs: list[Paragraph] = []
        self.revisions: list[Revision] = []
        self._rev_index: dict[tuple[str, str, str, str | None], Revision] = {}
        self.comments: dict[str, Comment] = {}
        self._open_comments: dict[str, list] = {}  # id → [paragraph indexes, anchor text parts]
        self.tables: list[Table] = []
        self.dropped: list[tuple[str, str, int]] = []
        self._dropped_seen: set[tuple[str, str]] = set()
        self.fields: list[_Field] = []
        self._containers = 0
        self.note: tuple[str, str] | None = None  # the note being parsed
        self.note_callers: dict[tuple[str, str], int] = {}
        self.story: list[Paragraph] = self.paragraphs
        self._custom_mark = False

    # -- helpers

    def drop(self, kind: str, message: str, where: int) -> None:
        """Record something not read (once per kind and message)."""
        if (kind, message) in self._dropped_seen:
            return
        self._dropped_seen.add((kind, message))
        self.dropped.append((kind, message, where))

    def _where(self) -> int:
        """The body paragraph a revision or drop is reported at."""
        if self.note is not None:
            return self.note_callers.get(self.note, 0)
        return len(self.paragraphs)

    def revision(self, el, kind: str, *, mark: bool = False) -> Revision:
        rid = el.get(_w("id"), "")
        author = el.get(_w("author"), "") or "(unknown author)"
        date = el.get(_w("date"))
        note = self.note[1] if self.note is not None else None
        key = (rid, kind, author, note) if rid else (f"anon{len(self.revisions)}", kind, author, note)
        rev = self._rev_index.get(key)
        if rev is None:
            rev = Revision(rid, kind, author, date, self._where(), note=note, mark=mark)
            self._rev_index[key] = rev
            self.revisions.append(rev)
        return rev

    def _new_container(self) -> int:
        self._containers += 1
        return self._containers

    def _emitting(self) -> bool:
        return all(f.phase == "result" and f.keep for f in self.fields)

    # -- block level

    def blocks(self, el, container: int, row: int | None) -> None:
        for child in el:
            if _ns(child) == MC and _local(child) == "AlternateContent":
                fallback = child.find(f"{{{MC}}}Fallback")
                if fallback is not None:
                    self.blocks(fallback, container, row)
                continue
            tag = _local(child) if _ns(child) == W else ""
            if tag == "p":
                self.paragraph(child, container, row)
            elif tag == "tbl":
                self.table(child)
            elif tag in ("sdt",):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.blocks(content, container, row)
            elif tag in ("customXml", "ins", "del", "moveFrom", "moveTo"):
                self.blocks(child, container, row)
            elif tag == "altChunk":
                self.drop("embedded", "an embedded document (altChunk) is not read", self._where())

    def _rows(self, tbl):
        for child in tbl:
            tag = _local(child)
            if tag == "tr":
                yield child
            elif tag == "sdt":
                content = child.find(_w("sdtContent"))
                if content is not None:
                    yield from self._rows(content)
            elif tag == "customXml":
                yield from self._rows(child)

    def _cells(self, tr):
        for child in tr:
            tag = _local(child)
            if tag == "tc":
                yield child
            elif tag == "sdt":
                content = child.find(_w("sdtContent"))
                if content is not None:
                    yield from self._cells(content)
            elif tag == "customXml":
                yield from self._cells(child)

    def table(self, tbl) -> None:
        first = len(self.story) + 1
        rows = list(self._rows(tbl))
        columns = 0
        row_ids: list[int] = []
        for tr in rows:
            trpr = tr.find(_w("trPr"))
            if trpr is not None:
                for tag, kind in (("ins", "insert"), ("del", "delete")):
                    el = trpr.find(_w(tag))
                    if el is not None:
                        self.revision(el, kind)
            cells = list(self._cells(tr))
            columns = max(columns, len(cells))
            row = self._new_container()
            row_ids.append(row)
            for tc in cells:
                self.blocks(tc, self._new_container(), row)
        if self.note is None:
            self.tables.append(Table(first, len(rows), columns, tuple(row_ids)))

    def props(self, ppr) -> ParaProps:
        """Style, numbering and outline level of a ``w:pPr`` (the style's when it says nothing)."""
        style_id = None
        num: NumRef | None = None
        outline = None
        direct_ilvl: int | None = None
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            if ps is not None:
                style_id = ps.get(_w("val"))
            numpr = ppr.find(_w("numPr"))
            if numpr is not None:
                num_el, ilvl_el = numpr.find(_w("numId")), numpr.find(_w("ilvl"))
                if ilvl_el is not None:
                    try:
                        direct_ilvl = int(ilvl_el.get(_w("val"), "0"))
                    except ValueError:
                        direct_ilvl = 0
                if num_el is not None:
                    num = NumRef(num_el.get(_w("val"), "0"), direct_ilvl)
            ol = ppr.find(_w("outlineLvl"))
            if ol is not None:
                try:
                    outline = int(ol.get(_w("val"), "9"))
                except ValueError:
                    outline = None
        style_id = self.styles.paragraph_style(style_id)
        if num is None:
            from_style = self.styles.numbering(style_id)
            if from_style is not None:
                ilvl = direct_ilvl if direct_ilvl is not None else from_style.ilvl
                if ilvl is None and style_id is not None:
                    ilvl = self.numbering.level_for_style(from_style.num_id, style_id)
                num = NumRef(from_style.num_id, ilvl)
        if num is not None and (num.num_id in ("0", "") or num.num_id not in self.numbering.instances):
            num = None
        elif num is not None and num.ilvl is None:
            num = NumRef(num.num_id, 0)
        if outline is None:
            outline = self.styles.outline(style_id)
        return ParaProps(style_id, num, outline if outline is not None and 0 <= outline <= 8 else None)

    def paragraph(self, p, container: int, row: int | None) -> None:
        ppr = p.find(_w("pPr"))
        para = Paragraph(len(self.story) + 1, self.props(ppr), container=container, row=row)
        self.story.append(para)
        if ppr is not None:
            rpr = ppr.find(_w("rPr"))
            if rpr is not None:
                for tag, kind in REVISION_KINDS.items():
                    el = rpr.find(_w(tag))
                    if el is not None:
                        para.mark = self.revision(el, kind, mark=True)
                        break
            change = ppr.find(_w("pPrChange"))
            if change is not None:
                para.props_change = self.revision(change, "format")
                para.old_props = self.props(change.find(_w("pPr")))
        self.inline(p, para, ())
        if para.mark is not None and not para.mark.text:
            para.mark.text = "¶"

    # -- inline level

    def inline(self, el, para: Paragraph, changes: tuple[Revision, ...]) -> None:
        for child in el:
            ns, tag = _ns(child), _local(child)
            if ns == MC and tag == "AlternateContent":
                fallback = child.find(f"{{{MC}}}Fallback")
                if fallback is not None:
                    self.inline(fallback, para, changes)
                continue
            if ns == M:
                if tag in ("oMath", "oMathPara"):
                    text = "".join(t.text or "" for t in child.iter(f"{{{M}}}t"))
                    if text:
                        self.emit(para, Piece("text", text, changes=changes))
                continue
            if ns != W:
                continue
            if tag == "r":
                self.run(child, para, changes)
            elif tag in REVISION_KINDS:
                rev = self.revision(child, REVISION_KINDS[tag])
                self.inline(child, para, changes + (rev,))
            elif tag in ("hyperlink", "smartTag", "customXml", "dir", "bdo"):
                self.inline(child, para, changes)
            elif tag == "sdt":
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.inline(content, para, changes)
            elif tag == "fldSimple":
                instr = (child.get(_w("instr")) or "").strip()
                name = instr.split()[0].upper() if instr.split() else ""
                if name in DROPPED_FIELDS:
                    self.drop("field", f"the {name} field's printed result is not document text", para.index)
                else:
                    self.inline(child, para, changes)
            elif tag == "commentRangeStart":
                cid = child.get(_w("id"), "")
                self._open_comments[cid] = [[para.index], []]
            elif tag == "commentRangeEnd":
                cid = child.get(_w("id"), "")
                state = self._open_comments.pop(cid, None)
                if state is not None:
                    self._anchor(cid, state, para.index)
            elif tag == "subDoc":
                self.drop("embedded", "a linked sub-document is not read", para.index)

    def _anchor(self, cid: str, state: list, end: int) -> None:
        paras = sorted(set(state[0]) | {end})
        if self.note is not None:
            paras = [self.note_callers.get(self.note, 0)]
        comment = self.comments.setdefault(cid, Comment(cid, "", None, ""))
        comment.paragraphs = tuple(sorted(set(comment.paragraphs) | set(range(paras[0], paras[-1] + 1))))
        comment.anchor += "".join(state[1])

    def emit(self, para: Paragraph, piece: Piece) -> None:
        if not self._emitting():
            return
        para.pieces.append(piece)
        text = piece.text if piece.kind == "text" else {"tab": "\t", "break": "\n"}.get(piece.kind, "")
        if text:
            for rev in piece.changes:
                rev.text += text
            if piece.format_change is not None:
                piece.format_change.text += text
            for state in self._open_comments.values():
                if para.index not in state[0]:
                    state[0].append(para.index)
                    if state[1]:
                        state[1].append("\n")
                state[1].append(text)

    def run(self, r, para: Paragraph, changes: tuple[Revision, ...]) -> None:
        rpr = r.find(_w("rPr"))
        rstyle = None
        if rpr is not None:
            rs = rpr.find(_w("rStyle"))
            rstyle = rs.get(_w("val")) if rs is not None else None
        direct = rpr_props(rpr)
        marks = self.styles.marks(para.props.style, rstyle, direct)
        own_marks = self.styles.marks(None, rstyle, direct) - {"hidden"}
        old_marks = None
        format_change = None
        if rpr is not None:
            change = rpr.find(_w("rPrChange"))
            if change is not None:
                format_change = self.revision(change, "format")
                old_rpr = change.find(_w("rPr"))
                old_style = None
                if old_rpr is not None:
                    rs = old_rpr.find(_w("rStyle"))
                    old_style = rs.get(_w("val")) if rs is not None else None
                old_marks = self.styles.marks(para.props.style, old_style, rpr_props(old_rpr))
        if "hidden" in marks and (old_marks is None or "hidden" in old_marks):
            if any(_local(c) in ("t", "delText") for c in r):
                self.drop("hidden", "hidden text is not read", para.index)
            self._fields_only(r)
            return
        marks = marks - {"hidden"}
        if old_marks is not None:
            old_marks = old_marks - {"hidden"}

        def piece(kind: str, text: str = "", note: tuple[str, str] | None = None) -> Piece:
            return Piece(kind, text, marks, changes, old_marks, format_change, note, own_marks)

        for child in r:
            if _ns(child) == MC and _local(child) == "AlternateContent":
                self.drop("drawing", "drawings and text boxes are not read", para.index)
                continue
            if _ns(child) != W:
                continue
            tag = _local(child)
            if tag in ("t", "delText"):
                text = child.text or ""
                if self._custom_mark:
                    self._custom_mark = False
                    last = para.pieces[-1] if para.pieces else None
                    if last is not None and last.kind == "note" and not last.text:
                        para.pieces[-1] = Piece("note", text, last.marks, last.changes, note=last.note)
                        continue
                if text:
                    self.emit(para, piece("text", text))
            elif tag in ("instrText", "delInstrText"):
                if self.fields and self.fields[-1].phase == "instr":
                    self.fields[-1].instr.append(child.text or "")
            elif tag == "fldChar":
                self._field_char(child, para)
            elif tag in ("tab", "ptab"):
                self.emit(para, piece("tab"))
            elif tag == "br":
                kind = child.get(_w("type"), "textWrapping")
                self.emit(para, piece("page-break" if kind in ("page", "column") else "break"))
            elif tag == "cr":
                self.emit(para, piece("break"))
            elif tag == "noBreakHyphen":
                self.emit(para, piece("text", "\u2011"))
            elif tag == "sym":
                code = child.get(_w("char"), "")
                try:
                    value = int(code, 16)
                except ValueError:
                    continue
                if 0xF000 <= value <= 0xF0FF or not 0x20 <= value <= 0x10FFFF or 0x7F <= value <= 0x9F or 0xD800 <= value <= 0xDFFF:
                    self.drop("symbol", f"a symbol-font character ({child.get(_w('font'), 'Symbol')} {code}) is not read", para.index)
                else:
                    self.emit(para, piece("text", chr(value)))
            elif tag in ("footnoteReference", "endnoteReference"):
                kind = "footnote" if tag == "footnoteReference" else "endnote"
                key = (kind, child.get(_w("id"), ""))
                if self._emitting():
                    self.note_callers.setdefault(key, para.index)
                self.emit(para, piece("note", note=key))
                self._custom_mark = child.get(_w("customMarkFollows")) in ("1", "true", "on")
            elif tag == "commentReference":
                cid = child.get(_w("id"), "")
                comment = self.comments.setdefault(cid, Comment(cid, "", None, ""))
                if not comment.paragraphs and cid not in self._open_comments:
                    comment.paragraphs = (self._where() if self.note is not None else para.index,)
            elif tag in ("drawing", "pict", "object"):
                self.drop("drawing", "drawings, pictures and text boxes are not read", para.index)
            elif tag == "ruby":
                base = child.find(_w("rubyBase"))
                if base is not None:
                    self.inline(base, para, changes)

    def _fields_only(self, r) -> None:
        """Keep field state right through a hidden run."""
        for child in r:
            tag = _local(child)
            if tag == "fldChar":
                self._field_char(child, None)
            elif tag in ("instrText", "delInstrText") and self.fields and self.fields[-1].phase == "instr":
                self.fields[-1].instr.append(child.text or "")

    def _field_char(self, el, para: Paragraph | None) -> None:
        kind = el.get(_w("fldCharType"))
        if kind == "begin":
            self.fields.append(_Field(start=para.index if para else self._where()))
        elif kind == "separate" and self.fields:
            top = self.fields[-1]
            top.phase = "result"
            instr = "".join(top.instr).strip()
            name = instr.split()[0].upper() if instr.split() else ""
            top.keep = name not in DROPPED_FIELDS
            if not top.keep:
                self.drop("field", f"the {name} field's printed result is not document text", para.index if para else self._where())
        elif kind == "end" and self.fields:
            self.fields.pop()

    # -- stories

    def body(self) -> None:
        root = self.pkg.xml(self.pkg.main)
        body = root.find(_w("body"))
        if body is None:
            return
        self.fields = []
        self.blocks(body, self._new_container(), None)
        if self.fields:
            self.drop(
                "field",
                f"a field that begins in paragraph {self.fields[0].start} never ends: the text after it was not read "
                "(open the file in Word and save it again)",
                self.fields[0].start,
            )
        for cid, state in list(self._open_comments.items()):
            self._anchor(cid, state, state[0][-1])
        self._open_comments.clear()

    def notes(self, kind: str) -> dict[tuple[str, str], Note]:
        part = self.pkg.related(f"{kind}s")
        out: dict[tuple[str, str], Note] = {}
        if not part or not self.pkg.has(part):
            return out
        root = self.pkg.xml(part)
        for el in root.findall(_w(kind)):
            if el.get(_w("type"), "normal") != "normal":
                continue  # separator, continuationSeparator, continuationNotice
            key = (kind, el.get(_w("id"), ""))
            note = Note(kind, key[1])
            self.note = key
            self.story = note.paragraphs
            self.fields = []
            self.blocks(el, self._new_container(), None)
            self._open_comments.clear()
            out[key] = note
        self.note = None
        self.story = self.paragraphs
        return out

    def read_comments(self) -> list[Comment]:
        part = self.pkg.related("comments")
        if part and self.pkg.has(part):
            root = self.pkg.xml(part)
            for el in root.findall(_w("comment")):
                cid = el.get(_w("id"), "")
                paras = []
                for p in el.iter(_w("p")):
                    paras.append("".join((t.text or "") for t in p.iter(_w("t"))))
                comment = self.comments.setdefault(cid, Comment(cid, "", None, ""))
                comment.author = el.get(_w("author"), "") or "(unknown author)"
                comment.date = el.get(_w("date"))
                comment.initials = el.get(_w("initials"))
                comment.text = "\n".join(paras).strip()
        return [c for c in self.comments.values() if c.author]


def parse_package(pkg: Package) -> WordDocument:
    """Read an opened package into a :class:`WordDocument` (the body first, then the notes)."""
    parser = _Parser(pkg)
    parser.body()
    notes = parser.notes("footnote")
    notes.update(parser.notes("endnote"))
    comments = parser.read_comments()
    return WordDocument(
        file=pkg.file,
        paragraphs=parser.paragraphs,
        notes=notes,
        revisions=parser.revisions,
        comments=comments,
        styles=parser.styles,
        numbering=parser.numbering,
        tables=parser.tables,
        dropped=parser.dropped,
        headers_footers=len(pkg.relationships.get("header", [])) + len(pkg.relationships.get("footer", [])),
        application=pkg.application(),
    )


def parse_docx(data: bytes, file: str = "<docx>") -> WordDocument:
    """Parse the bytes of a Word file into a :class:`WordDocument` (public API).

    Raises :class:`~resodraft.errors.InputError` for anything that is not a readable Word
    document (see :func:`~.package.open_package`).
    """
    return parse_package(open_package(data, file))
