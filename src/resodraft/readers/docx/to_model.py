"""Stage 2 of the Word reader: :class:`~.parse.WordDocument` → :class:`~resodraft.model.Resolution`.

Like pandoc's ``Readers/Docx.hs``, this is where Word's tree becomes the document model, in
small steps:

1. **Revisions decided** (:func:`resolve`): each tracked change is accepted or rejected by the
   caller's ``accept(revision) -> bool``. Inserted text stays when accepted, deleted text when
   rejected; a paragraph whose mark is removed (a deleted paragraph mark accepted, an inserted
   one rejected) merges with the next paragraph, which is how Word joins two paragraphs and how
   "Enter at the end of a paragraph" insertions disappear on reject. A merged paragraph keeps
   the properties of its first part that still has text (the last part's when none has).
   Tracked formatting changes give the new marks when accepted, the old ones when rejected.
2. **Numbers printed** (:class:`~.numbering.Counters`) over the paragraphs that remain, in order,
   exactly as Word would show them.
3. **Units** (:func:`units`) for :func:`~resodraft.readers.classify.classify`, one per
   paragraph: a typed number (``12.`` + tab) or an automatic one makes an operative item; an
   automatic or typed ``a)``/``(a)`` stays in the unit's probe so classification reads a
   sub-paragraph; heading styles and outline levels make heading units (level 1 ``A. …`` is a
   lettered part); tabs become spaces; a manual line break is a space, unless the next line
   starts like a new paragraph (``5.`` after ``;``/``:``/``.``) . Adjacent runs with the same
   formatting are merged (pandoc's ``Combine``), so Word's arbitrary run splits never reach the
   model; curly quotes and no-break spaces are kept as they are.
4. **Footnotes** numbered 1…n in order of first call (endnotes continue the sequence), each
   with its own paragraphs joined by a space.
5. **Classified** by the shared :func:`~resodraft.readers.classify.classify` (masthead lines
   and closing line into front matter, formula, preamble, operative part, headings, parts) —
   strictly for files other programs wrote, as for PDFs: a text with neither an enacting
   formula nor a numbered paragraph is no resolution — then **tidied**: a heading printed all
   bold or all italic by its style is a plain heading.

Every inference goes to the :class:`~resodraft.readers.report.ImportReport` with the paragraph
it happened at ("paragraph 12" counts the body's paragraphs from 1, empty ones included).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from resodraft.errors import InputError, ParseError
from resodraft.model import (
    Footnote,
    Heading,
    Inline,
    Meta,
    NoteRef,
    Part,
    Resolution,
    Text,
    normalize,
    plain_text,
)
from resodraft.readers.classify import OP_MARKER, SUB_MARKER, Unit, _drop_prefix, _finish, classify
from resodraft.readers.docx.numbering import Counters
from resodraft.readers.docx.parse import Paragraph, ParaProps, Piece, Revision, WordDocument
from resodraft.readers.report import ImportReport
from resodraft.typography import untypeset, untypeset_inlines

Accept = Callable[[Revision], bool]
KEPT_MARKS = frozenset({"i", "b", "s", "sup"})
_NUMBER_LABEL = re.compile(r"^\(?(\d{1,4})[.)]?$")
_BULLETS = set("•●○◦▪■□–—-·*o\uf0b7\uf0a7\uf0d8\uf076\uf0fc")
_ENDS = (";", ":", ".")


# --------------------------------------------------------------------------------------------
# 1. revisions


@dataclass
class EffectiveParagraph:
    """A paragraph as it reads once revisions are decided (possibly several Word paragraphs).

    ``index`` is the Word paragraph it is reported at; ``pieces`` are ``(kind, text, marks,
    note, own_marks)`` tuples (``own_marks``: the marks without the paragraph style's); ``label``
    is its printed automatic number, if any.
    """

    index: int
    props: ParaProps
    pieces: list[tuple[str, str, frozenset[str], tuple[str, str] | None, frozenset[str]]] = field(default_factory=list)
    row: int | None = None  # the table row it was read from
    label: str | None = None
    label_source: str | None = None  # the numbering instance that printed ``label``
    own_marks: set[str] = field(default_factory=set)  # marks its runs have without the paragraph style

    @property
    def has_content(self) -> bool:
        return any(k == "note" or (k == "text" and t.strip()) for k, t, *_ in self.pieces)


def _present(piece: Piece, accept: Accept) -> bool:
    for rev in piece.changes:
        taken = accept(rev)
        if taken == rev.removes:  # an accepted deletion, or a rejected insertion
            return False
    return True


def _mark_kept(para: Paragraph, accept: Accept) -> bool:
    rev = para.mark
    if rev is None:
        return True
    return accept(rev) != rev.removes


def resolve(paragraphs: list[Paragraph], accept: Accept) -> list[EffectiveParagraph]:
    """Apply the revision decisions to a story's paragraphs (see the module docstring, step 1)."""
    out: list[EffectiveParagraph] = []
    pending: list[EffectiveParagraph] = []
    for k, para in enumerate(paragraphs):
        props = para.props
        if para.props_change is not None and not accept(para.props_change) and para.old_props is not None:
            props = para.old_props
        seg = EffectiveParagraph(para.index, props, row=para.row)
        for piece in para.pieces:
            if not _present(piece, accept):
                continue
            marks = piece.marks
            if piece.format_change is not None and piece.old_marks is not None and not accept(piece.format_change):
                marks = piece.old_marks
            own = piece.own_marks if marks is piece.marks else marks
            seg.pieces.append((piece.kind, piece.text, marks, piece.note, own))
            if piece.kind == "text" and piece.text.strip():
                seg.own_marks |= piece.own_marks
        pending.append(seg)
        nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
        if _mark_kept(para, accept) or nxt is None or nxt.container != para.container:
            out.append(_merge(pending))
            pending = []
    return out


def _merge(segments: list[EffectiveParagraph]) -> EffectiveParagraph:
    if len(segments) == 1:
        return segments[0]
    lead = next((s for s in segments if s.has_content), segments[-1])
    merged = EffectiveParagraph(lead.index, lead.props, row=lead.row)
    for seg in segments:
        merged.pieces.extend(seg.pieces)
        merged.own_marks |= seg.own_marks
    return merged


ROW_WORDS = 40
"""A table row of at most this many words reads as one line (unless its cells read as paragraphs)."""


def join_rows(paragraphs: list[EffectiveParagraph]) -> tuple[list[EffectiveParagraph], list[int]]:
    """Short table rows as one paragraph each: the cells' texts joined by a space.

    A masthead laid out in a table ("United Nations | A/RES/80/6", "General Assembly |
    Distr.: General 12 November 2025") reads as the printed lines do, cell after cell; a row
    with more text, numbered paragraphs or a cell ending like a paragraph (``,`` ``;`` ``:``)
    keeps its paragraphs. Returns the paragraphs and the ids of the rows joined.
    """
    out: list[EffectiveParagraph] = []
    joined: list[int] = []
    k = 0
    while k < len(paragraphs):
        para = paragraphs[k]
        if para.row is None:
            out.append(para)
            k += 1
            continue
        end = k
        while end < len(paragraphs) and paragraphs[end].row == para.row:
            end += 1
        row = [p for p in paragraphs[k:end]]
        texts = ["".join(t for kind, t, *_ in p.pieces if kind == "text").strip() for p in row]
        like_lines = not any(p.label for p in row) and not any(t.endswith((",", ";", ":")) for t in texts)
        if len(row) > 1 and like_lines and len(" ".join(texts).split()) <= ROW_WORDS:
            merged = EffectiveParagraph(row[0].index, row[0].props, row=para.row)
            for p in row:
                if not p.has_content:
                    continue
                if merged.pieces:
                    merged.pieces.append(("text", " ", frozenset(), None, frozenset()))
                merged.pieces.extend(p.pieces)
                merged.own_marks |= p.own_marks
            out.append(merged)
            joined.append(para.row)
        else:
            out.extend(row)
        k = end
    return out, joined


# --------------------------------------------------------------------------------------------
# 2.–3. numbers and units


def number(paragraphs: list[EffectiveParagraph], doc: WordDocument) -> None:
    """Print the automatic numbers of ``paragraphs`` (in place), as Word shows them."""
    counters = Counters(doc.numbering)
    for para in paragraphs:
        num = para.props.num
        if num is not None:
            para.label = counters.label(num.num_id, num.ilvl or 0)
            para.label_source = num.num_id


def _inlines(pieces, note_ids: dict[tuple[str, str], str], *, own: bool = False) -> list[list[Inline]]:
    """The inline content of a paragraph, one list per line (split at manual line breaks).

    With ``own``, runs keep only the formatting set on them, not their paragraph style's
    (for headings: the bold of a heading style is its look, not formatting of its words).
    """
    lines: list[list[Inline]] = [[]]
    for kind, text, marks, note, own_marks in pieces:
        if kind == "text":
            lines[-1].append(Text(text, (own_marks if own else marks) & KEPT_MARKS))
        elif kind in ("tab", "page-break"):
            lines[-1].append(Text(" "))
        elif kind == "break":
            lines.append([])
        elif kind == "note" and note is not None:
            lines[-1].append(NoteRef(note_ids[note]))
    return lines


def _line_end(inlines: list[Inline]) -> str:
    return plain_text(inlines).rstrip()[-1:]


def _starts_new_paragraph(prev: list[Inline], line: list[Inline]) -> bool:
    """A manual line break followed by ``5. …`` or ``b) …`` after ``;``, ``:`` or ``.`` starts a paragraph."""
    probe = plain_text(line).lstrip()
    return _line_end(prev) in _ENDS and bool(OP_MARKER.match(probe) or SUB_MARKER.match(probe))


def heading_level(para: EffectiveParagraph, doc: WordDocument) -> int | None:
    """1–9 when the paragraph is a heading by outline level or heading style (resodraft's own
    heading styles by their name: see :meth:`Styles.own_heading_level`)."""
    own = doc.styles.own_heading_level(para.props.style)
    if own is not None:
        return own
    if para.props.outline is not None:
        return para.props.outline + 1
    return doc.styles.heading_level(para.props.style)


def units(
    paragraphs: list[EffectiveParagraph],
    doc: WordDocument,
    note_ids: dict[tuple[str, str], str],
    report: ImportReport | None,
) -> list[Unit]:
    """One :class:`~resodraft.readers.classify.Unit` per paragraph with text (step 3)."""
    out: list[Unit] = []
    headings: dict[str, list[int]] = {}
    for para in paragraphs:
        level = heading_level(para, doc)
        lines = _inlines(para.pieces, note_ids, own=level is not None)
        first = lines[0]
        label = para.label
        if not para.has_content:
            if label and label.strip() and not _is_bullet(label) and report is not None:
                report.add(
                    "docx-empty-numbered",
                    f"an empty paragraph numbered '{label}' was skipped (Word still shows its number)",
                    f"paragraph {para.index}",
                )
            continue
        if label is not None and _is_bullet(label):
            if report is not None:
                report.add("docx-bullet", "a bulleted paragraph was read as a plain paragraph", f"paragraph {para.index}")
            label = None
        unit: Unit
        m_label = _NUMBER_LABEL.match(label.strip()) if label else None
        if level is not None:
            inlines = ([Text(label + " ")] if label else []) + first
            unit = Unit("heading", inlines, para.index, str(level), probe=_probe(inlines))
            by_style = para.props.outline is None or doc.styles.heading_level(para.props.style) == level
            style_name = doc.styles.name(para.props.style)
            reason = f"their style '{style_name}'" if by_style else f"their outline level {level}"
            if not (by_style and style_name.strip().lower() in ("title", "reso title")):
                headings.setdefault(reason, []).append(para.index)  # a title: classify reports it
        elif m_label:
            unit = Unit("item", list(first), para.index, m_label.group(1), probe=_probe(first))
        elif label:
            inlines = [Text(label + " ")] + first
            unit = Unit("para", inlines, para.index, probe=_probe(inlines))
        else:
            probe = _probe(first)
            typed = OP_MARKER.match(probe.lstrip())
            if typed:
                stripped = probe.lstrip()
                unit = Unit("item", _drop_prefix(first, typed.end()), para.index, typed.group(1), probe=stripped[typed.end():])
            else:
                unit = Unit("para", list(first), para.index, probe=probe)
        out.append(unit)
        for prev, line in zip(lines, lines[1:]):
            if _starts_new_paragraph(prev, line):
                probe = _probe(line).lstrip()
                typed = OP_MARKER.match(probe)
                if typed:
                    out.append(Unit("item", _drop_prefix(line, typed.end()), para.index, typed.group(1), probe=probe[typed.end():]))
                else:
                    out.append(Unit("para", list(line), para.index, probe=probe))
                if report is not None:
                    report.add("docx-line-break", "a manual line break starts a new paragraph here", f"paragraph {para.index}")
            else:
                out[-1].inlines.append(Text(" "))
                out[-1].inlines.extend(line)
    if report is not None:
        for reason, indexes in headings.items():
            n = len(indexes)
            report.add("docx-heading", f"{n} paragraph{'s' if n != 1 else ''} read as heading{'s' if n != 1 else ''} by {reason}", _list(indexes))
    return out


def _list(indexes: list[int]) -> str:
    """``paragraph 4`` or ``paragraphs 4, 9, 12, …`` (six at most)."""
    if len(indexes) == 1:
        return f"paragraph {indexes[0]}"
    shown = ", ".join(str(i) for i in indexes[:6]) + (", …" if len(indexes) > 6 else "")
    return f"paragraphs {shown}"


def _is_bullet(label: str) -> bool:
    text = label.strip()
    return len(text) <= 2 and all(ch in _BULLETS for ch in text) if text else False


def _probe(inlines: list[Inline]) -> str:
    """What classification reads at the start of a paragraph: its text, calls written ``[^n]``."""
    return "".join(i.text if isinstance(i, Text) else f"[^{i.id}]" for i in inlines)


# --------------------------------------------------------------------------------------------
# 4. footnotes


def note_order(paragraphs: list[EffectiveParagraph]) -> dict[tuple[str, str], str]:
    """Display ids of the notes called, in order of first call: ``"1"``, ``"2"``… or a custom mark."""
    ids: dict[tuple[str, str], str] = {}
    for para in paragraphs:
        for kind, text, _, note, _ in para.pieces:
            if kind == "note" and note is not None and note not in ids:
                ids[note] = text.strip() or str(sum(1 for v in ids.values() if v.isdigit()) + 1)
    return ids


def footnotes(doc: WordDocument, ids: dict[tuple[str, str], str], accept: Accept, callers: dict[tuple[str, str], int]) -> list[Footnote]:
    out: list[Footnote] = []
    for key, ident in ids.items():
        note = doc.notes.get(key)
        if note is None:
            continue
        inlines: list[Inline] = []
        for para in resolve(note.paragraphs, accept):
            for line in _inlines([p for p in para.pieces if p[0] != "note"], {}):
                line = list(_finish(line))
                if line and inlines:
                    inlines.append(Text(" "))
                inlines.extend(line)
        out.append(Footnote(ident, _finish(inlines), line=callers.get(key)))
    return out


# --------------------------------------------------------------------------------------------
# 5. tidy


def _whole_marks(content) -> frozenset[str]:
    texts = [i for i in content if isinstance(i, Text) and i.text.strip()]
    if not texts:
        return frozenset()
    common = set(texts[0].marks)
    for item in texts[1:]:
        common &= item.marks
    return frozenset(common & {"b", "i"})


def _unmark(content, marks: frozenset[str]):
    return _finish([Text(i.text, i.marks - marks) if isinstance(i, Text) else i for i in content])


def tidy(res: Resolution, style_marks: dict[int, frozenset[str]]) -> Resolution:
    """Headings and parts printed all bold or all italic by their paragraph style are plain.

    ``style_marks`` maps a paragraph's index to the marks its style gives and none of its runs
    sets itself: those are the look of the heading, not formatting of its words. Formatting
    set on the runs (a heading typed in bold by hand, an italic word) stays.
    """
    blocks = []
    for block in res.blocks:
        if isinstance(block, (Heading, Part)) and block.line in style_marks:
            whole = _whole_marks(block.content) & style_marks[block.line]
            if whole:
                block = replace(block, content=_unmark(block.content, whole))
        blocks.append(block)
    return replace(res, blocks=tuple(blocks))


# --------------------------------------------------------------------------------------------
# the whole conversion

_WORD_HINTS = (
    ("paragraph has no number", "number it (type '12.' and a tab, or use Word's numbering), or give a heading a Heading style"),
    ("no operative paragraph found", "operative paragraphs are numbered '1.' (typed, or with Word's numbering)"),
    ("is empty", "write its text after the number, or remove the numbering"),
    ("bulleted lists", "number operative paragraphs '1.' and letter sub-paragraphs 'a)' or '(a)'"),
)


def _word_error(exc: ParseError, file: str, paragraphs: dict[int, str]) -> ParseError:
    """A classification error, placed by Word paragraph (with its first words) instead of line."""
    where = ""
    if exc.line is not None:
        words = paragraphs.get(exc.line, "").split()
        snippet = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        where = f"paragraph {exc.line}" + (f" (“{snippet}”)" if snippet else "") + ": "
    hint = exc.hint
    for needle, word_hint in _WORD_HINTS:
        if needle in exc.message:
            hint = word_hint
            break
    return ParseError(where + exc.message, file=file, hint=hint)


def revisions_error(doc: WordDocument, file: str) -> InputError:
    """The refusal of a Word file holding tracked changes when the caller did not choose."""
    authors = doc.revision_authors()
    n = sum(authors.values())
    shown = ", ".join(f"{a}: {c}" for a, c in list(authors.items())[:4]) + (", …" if len(authors) > 4 else "")
    noun = "tracked change" if n == 1 else "tracked changes"
    return InputError(
        f"this Word file holds {n} {noun} ({shown})",
        file=file,
        hint=(
            "choose how to read it: resodraft import FILE --accept-changes (all accepted) or "
            "--reject-changes (all rejected), or accept or reject them in Word first"
        ),
    )


def to_resolution(
    doc: WordDocument,
    *,
    file: str | None = None,
    language: str | None = None,
    accept: Accept | None = None,
    report: ImportReport | None = None,
) -> Resolution:
    """Read a parsed Word document as a resolution (public API; see the module docstring).

    ``accept(revision) -> bool`` decides each tracked change (``True``: accepted). ``None``
    is only allowed for a document without tracked changes (an :class:`InputError` names the
    authors otherwise). ``language`` (``fr``/``en``) is used when the text does not say;
    ``report`` receives every inference. Raises :class:`~resodraft.errors.ParseError` when
    the text does not read as a resolution, placed by Word paragraph.
    """
    file = file or doc.file
    if accept is None:
        if doc.revisions:
            raise revisions_error(doc, file)
        accept = _accept_all
    paragraphs = resolve(doc.paragraphs, accept)
    number(paragraphs, doc)
    paragraphs, joined_rows = join_rows(paragraphs)
    ids = note_order(paragraphs)
    callers: dict[tuple[str, str], int] = {}
    for para in paragraphs:
        for kind, _, _, note, _ in para.pieces:
            if kind == "note" and note is not None:
                callers.setdefault(note, para.index)
    body = units(paragraphs, doc, ids, report)
    notes = footnotes(doc, ids, accept, callers)
    if typeset_by_resodraft(doc):
        body, notes = _untypeset(body, notes)
    texts = {p.index: "".join(t for k, t, *_ in p.pieces if k == "text") for p in paragraphs}
    try:
        res = classify(
            body, notes, Meta(), file=file, language=language, report=report,
            where={p.index: f"paragraph {p.index}" for p in paragraphs},
            strict=doc.application != "resodraft",
        )
    except ParseError as exc:
        raise _word_error(exc, file, texts) from None
    style_marks = {p.index: doc.styles.marks(p.props.style, None, {}) - p.own_marks for p in paragraphs}
    res = tidy(res, style_marks)
    if report is not None:
        _report(report, doc, paragraphs, ids, accept, joined_rows)
    return res


def typeset_by_resodraft(doc: WordDocument) -> bool:
    """True when the body's paragraphs are in resodraft's own styles (``Reso Preambular`` …):
    a file resodraft rendered, perhaps edited and saved again in Word."""
    for para in doc.paragraphs:
        if para.props.style and doc.styles.name(para.props.style).lower().startswith("reso "):
            return True
    return False


def _untypeset(body: list[Unit], notes: list[Footnote]) -> tuple[list[Unit], list[Footnote]]:
    """The typesetting resodraft's writers add, undone (:func:`resodraft.typography.untypeset`:
    French no-break spaces, the non-breaking hyphens of document symbols), so that a file
    resodraft rendered reads back as the draft it was rendered from."""

    def text(inlines) -> list[Inline]:  # type: ignore[no-untyped-def]
        return untypeset_inlines(normalize(inlines))

    for unit in body:
        unit.inlines = text(unit.inlines)
        unit.probe = untypeset(unit.probe)
    return body, [replace(n, content=tuple(text(n.content))) for n in notes]


def _accept_all(_: Revision) -> bool:
    return True


def _span(indexes: list[int]) -> str:
    return f"paragraph {indexes[0]}" if len(indexes) == 1 else f"paragraphs {indexes[0]}–{indexes[-1]}"


def _report(
    report: ImportReport,
    doc: WordDocument,
    paragraphs: list[EffectiveParagraph],
    ids: dict[tuple[str, str], str],
    accept: Accept,
    joined_rows: list[int],
) -> None:
    numbered = [p for p in paragraphs if p.label and not _is_bullet(p.label) and p.has_content]
    if numbered:
        numbers = [p.label for p in numbered if p.label and _NUMBER_LABEL.match(p.label.strip())]
        letters = [p.label for p in numbered if p.label not in numbers]
        parts = []
        if numbers:
            parts.append(f"{len(numbers)} paragraph number{'s' if len(numbers) != 1 else ''}")
        if letters:
            parts.append(f"{len(letters)} sub-paragraph letter{'s' if len(letters) != 1 else ''} (or other label{'s' if len(letters) != 1 else ''})")
        report.add(
            "docx-numbering",
            f"{' and '.join(parts)} computed from Word's automatic numbering",
            _span([p.index for p in numbered]),
        )
    if ids:
        n_foot = sum(1 for k in ids if k[0] == "footnote")
        n_end = len(ids) - n_foot
        parts = []
        if n_foot:
            parts.append(f"{n_foot} footnote{'s' if n_foot > 1 else ''}")
        if n_end:
            parts.append(f"{n_end} endnote{'s' if n_end > 1 else ''} (numbered on after the footnotes)")
        report.add("docx-footnotes", f"{' and '.join(parts)} read with {'its call' if len(ids) == 1 else 'their calls'}, numbered 1… in order of first call", None)
    uncalled = [key for key in doc.notes if key not in ids]
    if uncalled:
        n = len(uncalled)
        report.add("docx-notes-dropped", f"{n} footnote{'s' if n != 1 else ''} that the text no longer calls left out (the call was deleted)", None)
    if doc.revisions:
        by_author: dict[str, list[int]] = {author: [0, 0] for author in doc.revision_authors()}
        for group in doc.changes():
            by_author[group[0].author][0 if accept(group[0]) else 1] += 1
        n = sum(a + b for a, b in by_author.values())
        taken = sum(c[0] for c in by_author.values())
        if taken in (0, n):
            detail = ", ".join(f"{a}: {c[0] + c[1]}" for a, c in by_author.items())
            verdict = "accepted" if taken else "rejected"
            message = f"{'all ' if n > 1 else ''}{n} tracked change{'s' if n != 1 else ''} {verdict} ({detail})"
        else:
            detail = "; ".join(f"{a}: {c[0]} accepted, {c[1]} rejected" for a, c in by_author.items())
            message = f"{taken} of {n} tracked changes accepted, the others rejected ({detail})"
        report.add("docx-revisions", message, None)
    for table in doc.tables:
        rows = f"{table.rows} row{'s' if table.rows != 1 else ''} × {table.columns} column{'s' if table.columns != 1 else ''}"
        short = len(set(table.row_ids) & set(joined_rows))
        how = "each row read as one line, its cells joined by a space" if short == table.rows else (
            "read cell by cell, row after row" if not short else f"read row after row ({short} short row{'s' if short != 1 else ''} as one line each)"
        )
        report.add("docx-table", f"a table ({rows}): {how}", f"paragraph {table.first_paragraph}")
    if doc.headers_footers:
        report.add("docx-headers", "page headers and footers are not read (running heads, page numbers)", None)
    if doc.comments:
        authors = sorted({c.author for c in doc.comments})
        report.add(
            "docx-comments",
            f"{len(doc.comments)} comment{'s' if len(doc.comments) != 1 else ''} ({', '.join(authors)}) not read into the text",
            None,
        )
    for kind, message, where in doc.dropped:
        report.add(f"docx-{kind}", message, f"paragraph {where}" if where else None)
