"""Text pasted from a PDF (``.txt``, or a ``.md`` that does not read as a draft) → :class:`Resolution`.

The same repairs as the PDF reader (:mod:`resodraft.readers.repair`), without fonts:

1. **Front matter**, if the text starts with one (``---`` … ``---``), as in a draft; language
   tags are case-insensitive (``EN``, ``fr-FR``). Another tool wrote it, so what the masthead
   prints wins (the title without a library record's " :", the adoption date): each value
   that disagrees is reported (``front-matter``); keys the masthead does not give are kept. A
   masthead title the extraction cut after its first line is completed from the front
   matter's when that one starts with it (reported, to check).
2. **Pages**: a form feed (``\\f``, as ``pdftotext`` writes) starts a page. Running headers and
   footers are dropped (:func:`~resodraft.readers.repair.drop_running_lines`): lines repeated at
   the top or foot of several pages, job numbers, page numbers, the symbol and title line.
3. **Footnote texts**: ``[^5]: text`` lines (with indented continuation lines), and blocks of
   numbered lines ``5 text`` at the foot of a page (after a blank line or a ``____`` rule, numbered
   on from the last footnote) or after the closing line ("35th plenary meeting").
4. **Paragraphs**: blank lines separate them; hard-wrapped lines are joined (line-end hyphens
   undone where the word is no compound), so is ``post- conflict`` where the extraction turned
   a line break into a space; paragraphs split by a page break are joined again.
5. **Footnote calls** printed as plain digits ("Court,2", "Court 1 reaffirms") become calls.
6. :func:`~resodraft.readers.classify.classify` (masthead → front matter, formula, preamble,
   operative paragraphs, sub-paragraphs, headings, the closing line), then the **lead words**
   are italicised from the lexicon.

In a ``.md`` file the paragraphs' inline Markdown is read (``*Recalling*``, ``[^5]``,
``7^e``); in a ``.txt`` file the text is taken as it is, except footnote calls ``[^5]`` and
superscript digits (``⁵``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from resodraft.model import META_KEYS, Meta, Resolution
from resodraft.readers.classify import OP_MARKER, SUB_MARKER, Unit, classify
from resodraft.readers.markdown import parse_front_matter, parse_inline
from resodraft.readers.masthead import ADOPTED, is_closing_line
from resodraft.readers.repair import (
    Line,
    NoteText,
    Para,
    Run,
    collapse_spaces,
    drop_running_lines,
    footnote_calls,
    footnote_definitions,
    footnote_start,
    italicise_leads,
    join_page_breaks,
    paragraphs,
    restore_sub_markers,
    runs_to_inlines,
    undo_spaced_hyphens,
    vocabulary,
)
from resodraft.readers.report import ImportReport
from resodraft.text import guess_language

_SEPARATOR = re.compile(r"^\s*(?:_{5,}|-{5,}|—{3,})\s*$")
_RES_TITLE = re.compile(r"^\d{1,3}/\d{1,4}\s*\.\s+(\S.*)$")
_SYMBOL_LINE = re.compile(r"(?:^|\s)((?:A|S|E)/RES/[^\s,;]*\d|ICC-ASP/\d+/R[ée]s\.\d+)(?=\s|$)")


def read_pasted_text(
    text: str,
    file: str = "<text>",
    language: str | None = None,
    *,
    report: ImportReport | None = None,
    markdown: bool = False,
) -> Resolution:
    """Read text pasted from a PDF (see the module doc). Raises :class:`ParseError`.

    ``markdown``: read inline Markdown in the paragraphs (a ``.md`` file).
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body_start = _front_matter(text, file)
    raw_lines = text.split("\n")[body_start:]

    # pages and lines
    pages: list[list[Line]] = [[]]
    blank = True
    for offset, raw in enumerate(raw_lines):
        number = body_start + offset + 1
        while "\f" in raw:
            head, raw = raw.split("\f", 1)
            if head.strip():
                pages[-1].append(Line([Run(head.rstrip())], len(pages), number, new_para=blank))
            pages.append([])
            blank = True
        if not raw.strip():
            blank = True
            continue
        pages[-1].append(Line([Run(raw.rstrip())], len(pages), number, new_para=blank))
        blank = False
    pages = [p for p in pages if p] or [[]]

    symbol, title = _symbol_and_title(meta, [line for page in pages for line in page])
    pages = drop_running_lines(pages, report, symbol=symbol, title=title)

    pages, notes = _take_footnote_texts(pages, report)
    lines = [line for page in pages for line in page]
    vocab = vocabulary(line.text for line in lines)
    paras = paragraphs(lines, report, vocab)
    for para in paras:
        for run in para.runs:
            run.text = undo_spaced_hyphens(run.text, vocab, report, para.where)
    paras = join_page_breaks(paras, report)
    collapse_spaces([(p.runs, p.where) for p in paras] + [(n.runs, n.where) for n in notes], report)
    restore_sub_markers(paras, report, style=_sub_style(paras, meta, language))

    footnotes = footnote_definitions(notes, report)
    ids = [f.id for f in footnotes]
    units = [_unit(para, set(ids), markdown) for para in paras]
    wheres = {id(u): p.where for u, p in zip(units, paras)}
    footnote_calls(units, ids, report, wheres)
    # the masthead printed on the document says what it is; the front matter of a file that does
    # not read as a draft was written by another tool (a library record's title "Report of … :",
    # its issue date): what the masthead reads wins, each disagreement is reported
    read_as = Meta(language=meta.language, adopted=meta.adopted)
    res = classify(units, footnotes, read_as, file=file, language=language, report=report, strict=True)
    key_lines = {}
    for number, raw in enumerate(text.split("\n")[1:body_start], start=2):
        key_lines.setdefault(raw.split(":", 1)[0].strip(), f"line {number}")
    res = replace(res, meta=_with_front_matter(res.meta, meta, report, key_lines))
    return italicise_leads(res, report)


def _with_front_matter(printed: Meta, front: Meta, report: ImportReport | None, lines: dict[str, str]) -> Meta:
    """``printed`` (read from the masthead and the closing line) completed with what the source's
    front matter says; where both say something different, the printed value is kept and the
    difference reported. Front-matter keys come first, in their order."""
    updates: dict[str, str] = {}
    for key in META_KEYS:
        said, seen = getattr(front, key), getattr(printed, key)
        if said is None or said == seen:
            continue
        if key == "title" and seen is not None:
            # the extraction keeps only the first line of a title printed on two ("80/4.
            # Necessity of ending the economic, commercial and financial"): the front matter's
            # (a library record's, ending " :") completes it
            full = said.removesuffix(" :").rstrip()
            if len(full) > len(seen) and full.lower().startswith(seen.lower()) and full[len(seen)] == " ":
                updates[key] = seen + full[len(seen) :]
                if report is not None:
                    report.add(
                        "front-matter",
                        f"the masthead's title '{seen}' is cut short (a line lost by the extraction?): "
                        f"completed from the front matter's '{said}' — check it against the document",
                        lines.get(key),
                    )
                continue
        if seen is None:
            updates[key] = said
        elif report is not None:
            report.add("front-matter", _differs(key, said, seen), lines.get(key))
    seen_extra = dict(printed.extra)
    extra = []
    for key, said in front.extra:
        value = seen_extra.pop(key, said)
        if value != said and report is not None:
            report.add("front-matter", _differs(key, said, value), lines.get(key))
        extra.append((key, value))
    extra.extend(seen_extra.items())
    return replace(printed, **updates, extra=tuple(extra))


def _differs(key: str, said: str, printed: str) -> str:
    if key == "title" and said.removesuffix(" :") == printed:
        return f"front matter title '{said}' ends with a library record's ' :': kept the masthead's, as printed"
    return f"front matter {key} '{said}' is not the masthead's '{printed}': kept the masthead's, as printed"


def _front_matter(text: str, file: str) -> tuple[Meta, int]:
    """The front matter (as a draft's) and the index of the first body line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Meta(), 0
    for i, line in enumerate(lines[1:80], start=1):
        if line.strip() == "---":
            return parse_front_matter("\n".join(lines[1:i]), file), i + 1
    return Meta(), 0


def _symbol_and_title(meta: Meta, lines: list[Line]) -> tuple[str | None, str | None]:
    """The document's symbol and title, for recognising running headers: from the front matter,
    else from the masthead lines (``A/RES/80/6``, ``80/6. Report of …``)."""
    symbol, title = meta.symbol, None
    for line in lines[:40]:
        t = line.text.strip()
        if symbol is None:
            m = _SYMBOL_LINE.search(t)
            if m:
                symbol = m.group(1)
        m = _RES_TITLE.match(t)
        if m and title is None:
            title = m.group(1)
    if title is None and meta.title:
        title = meta.title.rstrip(" :")
    return symbol, title


def _take_footnote_texts(pages: list[list[Line]], report: ImportReport | None) -> tuple[list[list[Line]], list[NoteText]]:
    """Take the footnote texts out of the pages (see the module doc, step 3)."""
    notes: list[NoteText] = []
    out: list[list[Line]] = []
    closed = False  # after the closing line, numbered lines are footnotes
    for page in pages:
        kept: list[Line] = []
        i = 0
        # the foot of the page: numbered lines continuing the footnote numbering
        foot_from = _foot_start(page, notes)
        while i < len(page):
            line = page[i]
            t = line.text.strip()
            if is_closing_line(t):
                closed = True
            md = t.startswith("[^") and footnote_start(t) is not None
            plain_note = (i >= foot_from or closed) and footnote_start(t) is not None
            if _SEPARATOR.match(t) and (i + 1 < len(page) and footnote_start(page[i + 1].text.strip())):
                i += 1
                continue
            if md or plain_note:
                ident, rest = footnote_start(t) or ("", "")
                note = NoteText(ident, [Run(rest)], line.where(False), line.number)
                i += 1
                # continuation lines: indented, or following without a blank line and not
                # starting another footnote
                while i < len(page):
                    nxt = page[i]
                    nt = nxt.text
                    if footnote_start(nt.strip()) is not None and (nt.strip().startswith("[^") or i >= foot_from or closed):
                        if nt.strip().startswith("[^") and not nxt.new_para:
                            break  # joined or not by footnote_definitions
                        break
                    if nxt.new_para and not nt.startswith(("  ", "\t")):
                        break
                    note.runs.append(Run(" " + nt.strip()))
                    i += 1
                notes.append(note)
                continue
            kept.append(line)
            i += 1
        out.append(kept)
    if notes and report is not None:
        report.add("footnote-texts", f"read {len(notes)} footnote texts", notes[0].where)
    return out, notes


def _foot_start(page: list[Line], notes: list[NoteText]) -> int:
    """Index of the first footnote line at the foot of ``page`` (``len(page)`` when none).

    From the bottom up: a run of lines starting with numbers that continue the footnote
    numbering (and their continuation lines), preceded by a blank line or a rule.
    """
    expected = int(notes[-1].id) + 1 if notes and notes[-1].id.isdigit() else 1
    starts = []
    for i, line in enumerate(page):
        s = footnote_start(line.text.strip())
        if s is not None and not line.text.strip().startswith("[^") and not OP_MARKER.match(line.text.strip()):
            starts.append((i, s[0]))
    # the longest run of consecutive numbers starting at `expected` whose first line starts a block
    for i, ident in starts:
        if ident != str(expected):
            continue
        line = page[i]
        prev = page[i - 1] if i else None
        if not (line.new_para or (prev is not None and _SEPARATOR.match(prev.text))):
            continue
        # every later numbered line must continue the sequence
        n = expected
        ok = True
        for j, other in starts:
            if j <= i:
                continue
            if other == str(n + 1):
                n += 1
        if ok and i > 0:
            return i if not (prev is not None and _SEPARATOR.match(prev.text)) else i
    return len(page)


def _sub_style(paras: list[Para], meta: Meta, language: str | None) -> str:
    """``()`` for ``(a)`` or ``)`` for ``a)``: the style the text prints, else by language."""
    for para in paras:
        m = SUB_MARKER.match(para.text.lstrip())
        if m:
            return "()" if m.group(1) else ")"
    lang = meta.language or language or guess_language(" ".join(p.text for p in paras[:30]))
    return ")" if lang == "fr" else "()"


def _unit(para: Para, note_ids: set[str], markdown: bool) -> Unit:
    """A paragraph as a classification unit: ``12. …`` is an operative item."""
    text = para.text
    if markdown:
        inlines = list(parse_inline(text))
    else:
        inlines = runs_to_inlines(para.runs, note_ids)
    m = OP_MARKER.match(text.lstrip())
    if m and not ADOPTED.match(text):
        from resodraft.readers.classify import _drop_prefix

        return Unit("item", _drop_prefix(inlines, m.end()), para.line, m.group(1), probe=text.lstrip()[m.end() :])
    return Unit("para", inlines, para.line, probe=text)
