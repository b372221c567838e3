"""PDF reader: a resolution printed to PDF → :class:`~resodraft.model.Resolution`.

Built on **pdfminer.six** (pure Python; pdfplumber is a layer over it that adds tables, page
images and Pillow/pypdfium2, none of which a resolution needs). pdfminer gives every glyph
with its font name, size and position; this module does the rest, in stages:

1. **Glyphs → lines** (:func:`page_lines`): glyphs are grouped by baseline; a glyph smaller
   than the line it stands on (under 80 % of its size) and raised above its baseline is a
   superscript (a footnote call, the ``e`` of ``7e``); words are separated where the gap
   between two glyphs is wider than a fifth of the size; italics and bold come from the font
   name (``…-Italic``, ``…Oblique``, ``…Bold``). Reading order: top to bottom, left to right
   (a masthead's two columns on one baseline read as one line: the masthead reader expects
   that). Each line keeps its size and position.
2. **Footnote texts** (:func:`split_foot`): the lines at the foot of each page below the
   footnote separator (a short horizontal rule), or, without one, the block of lines set
   smaller than the body at the foot of the page that opens with a footnote number. A line
   that starts with a number (superscript or not) starts a footnote; others continue it, on
   the next page too.
3. **Running headers and footers** (:func:`~resodraft.readers.repair.drop_running_lines`):
   lines repeated at the same height on several pages, job numbers, page numbers, the symbol
   and title line.
4. **Paragraphs**: a paragraph starts after a vertical gap wider than the usual line spacing,
   where the font size changes (a heading),
   at an indented first line, after a line that ends with punctuation well before the right
   margin, and at a number, a sub-paragraph marker or a lead word after a line that ends a
   paragraph; the first line of a page continues the last paragraph of the previous page
   unless that one was finished. Then the shared repairs: line-end hyphens, page-break
   joins, lost sub-paragraph letters, footnote calls (superscripts first, digits printed on
   the line second), :func:`~resodraft.readers.classify.classify` (masthead, formula,
   preamble, operative part) and lead words italicised where the PDF has no italics.

Errors, one line each, nothing written: a PDF with no text layer ("scanned PDF: run OCR
first"), a password-protected PDF, a damaged PDF, and a PDF with no resolution in it (what
:func:`classify` says, with the page).
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache

from resodraft.errors import InputError, ParseError
from resodraft.model import Resolution
from resodraft.readers.classify import OP_MARKER, SUB_MARKER, Unit, classify
from resodraft.readers.repair import (
    Line,
    NoteText,
    Para,
    Run,
    _ends_paragraph,
    _starts_paragraph,
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

_ITALIC = re.compile(r"italic|oblique|[-,]it\b|[-,]ital", re.IGNORECASE)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    font: str


@dataclass
class PdfLine:
    """A line of glyphs on a page (PDF coordinates: y grows upwards)."""

    glyphs: list[Glyph]
    base: float  # y0 of its body glyphs
    size: float  # median size of its body glyphs
    sup: set[int] = field(default_factory=set)  # indexes of superscript glyphs

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def top(self) -> float:
        return max(g.y1 for g in self.glyphs)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[PdfLine]
    rules: list[tuple[float, float, float]]  # horizontal rules: (y, x0, x1)


# --------------------------------------------------------------------------------------------
# stage 1: pdfminer → pages of lines


def load_pages(data: bytes, file: str) -> list[Page]:
    """Every page's glyphs and rules; the errors a user can meet are :class:`InputError`\\ s."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException

    damaged = InputError(
        "this PDF is damaged and cannot be read",
        file=file,
        hint="open it in a PDF viewer and print it to a new PDF, or import the Word file instead",
    )
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(
            "this PDF is password-protected",
            file=file,
            hint="save a copy without a password (or print it to a new PDF) and import that",
        ) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError):
        raise damaged from None
    rsrc = PDFResourceManager()
    device = PDFPageAggregator(rsrc, laparams=None)
    interpreter = PDFPageInterpreter(rsrc, device)
    pages: list[Page] = []
    images = 0
    try:
        for number, pdf_page in enumerate(PDFPage.create_pages(document), start=1):
            interpreter.process_page(pdf_page)
            layout = device.get_result()
            glyphs: list[Glyph] = []
            rules: list[tuple[float, float, float]] = []

            def walk(item: object) -> None:
                nonlocal images
                if isinstance(item, LTChar):
                    if item.upright and item.get_text():
                        glyphs.append(Glyph(item.get_text(), item.x0, item.x1, item.y0, item.y1, item.size, item.fontname))
                elif isinstance(item, LTImage):
                    images += 1
                elif isinstance(item, LTCurve):
                    if item.height < 2 and item.width > 20:
                        rules.append(((item.y0 + item.y1) / 2, item.x0, item.x1))
                if isinstance(item, LTContainer):
                    for child in item:
                        walk(child)

            walk(layout)
            pages.append(Page(number, layout.width, layout.height, page_lines(glyphs), rules))
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError):
        raise damaged from None
    if not pages:
        raise damaged
    if not any(p.lines for p in pages):
        raise InputError(
            "this PDF has no text layer (a scanned PDF): run OCR first" if images else "this PDF has no text in it",
            file=file,
            hint="make a searchable PDF (OCR) or ask for the Word file, then import that",
        )
    return pages


def page_lines(glyphs: list[Glyph]) -> list[PdfLine]:
    """Group a page's glyphs into lines, top to bottom; superscripts join the line they rise on."""
    if not glyphs:
        return []
    glyphs = sorted(glyphs, key=lambda g: (-g.y0, g.x0))
    clusters: list[list[Glyph]] = []
    for g in glyphs:
        for cluster in reversed(clusters[-4:]):
            ref = cluster[0]
            if abs(ref.y0 - g.y0) <= 0.2 * max(ref.size, g.size) and abs(ref.size - g.size) <= 0.25 * max(ref.size, g.size):
                cluster.append(g)
                break
        else:
            clusters.append([g])
    lines = [PdfLine(c, statistics.median(g.y0 for g in c), statistics.median(g.size for g in c)) for c in clusters]
    # superscripts: a cluster of small glyphs raised on a line of bigger ones
    merged: list[PdfLine] = []
    small = [ln for ln in lines if _is_small_cluster(ln, lines)]
    for line in lines:
        if line in small:
            continue
        merged.append(line)
    for s in small:
        host = _host_line(s, merged)
        if host is None:
            merged.append(s)
            continue
        start = len(host.glyphs)
        host.glyphs.extend(s.glyphs)
        host.sup.update(range(start, start + len(s.glyphs)))
    for line in merged:
        order = sorted(range(len(line.glyphs)), key=lambda k: line.glyphs[k].x0)
        sup = {order.index(k) for k in line.sup}
        line.glyphs = [line.glyphs[k] for k in order]
        line.sup = sup
    merged.sort(key=lambda ln: (-ln.base, ln.x0))
    return merged


def _is_small_cluster(line: PdfLine, lines: list[PdfLine]) -> bool:
    return _host_line(line, [o for o in lines if o is not line]) is not None


def _host_line(s: PdfLine, lines: list[PdfLine]) -> PdfLine | None:
    """The line a small raised cluster sits on: bigger glyphs whose height spans its baseline,
    a baseline below it, and glyphs next to it."""
    best = None
    for line in lines:
        if s.size >= 0.85 * line.size:
            continue
        if not (line.base < s.base <= line.base + 0.8 * line.size):
            continue
        if s.x0 > line.x1 + 2 * line.size or s.x1 < line.x0 - 2 * line.size:
            continue
        if best is None or abs(line.base - s.base) < abs(best.base - s.base):
            best = line
    return best


@lru_cache(maxsize=256)
def _font_style(font: str) -> tuple[bool, bool]:
    """(italic, bold) from a font name: ``TimesNewRomanPS-ItalicMT``, ``LiberationSerif-Bold``."""
    return bool(_ITALIC.search(font)), bool(_BOLD.search(font))


def line_runs(line: PdfLine) -> list[Run]:
    """The text of a line as runs (italic, bold, superscript), spaces put in where glyphs are apart."""
    runs: list[Run] = []
    prev: Glyph | None = None
    for k, g in enumerate(line.glyphs):
        sup = k in line.sup
        italic, bold = _font_style(g.font)
        text = g.text
        if prev is not None and g.x0 - prev.x1 > 0.18 * min(g.size, prev.size) * (0.6 if sup or k - 1 in line.sup else 1):
            if not prev.text.isspace() and not text.isspace():
                text = " " + text
        if runs and runs[-1].italic == italic and runs[-1].bold == bold and runs[-1].sup == sup:
            runs[-1].text += text
        elif text.startswith(" ") and not sup and runs:
            # the space belongs to the run before a change of formatting only if both are plain
            runs.append(Run(" ", False, False, False))
            runs.append(Run(text[1:], italic, bold, sup))
        else:
            runs.append(Run(text, italic, bold, sup))
        prev = g
    for run in runs:
        run.text = re.sub(r"[ \t\u00a0]{2,}", " ", run.text)
    return [r for r in runs if r.text]


# --------------------------------------------------------------------------------------------
# stage 2: footnote texts at the foot of each page


def split_foot(page: Page, body_size: float, notes: list[NoteText], report: ImportReport | None) -> list[PdfLine]:
    """The body lines of ``page``; its footnote texts are appended to ``notes``."""
    lines = page.lines
    if not lines:
        return lines
    rule_y = None
    # the footnote separator: a short rule with a line opening with a footnote number below it
    for y, x0, x1 in sorted(page.rules, key=lambda r: r[0]):
        if x1 - x0 >= 0.6 * page.width:
            continue
        below = [ln for ln in lines if ln.top <= y + 1]
        if below and footnote_start(_text(below[0])) is not None:
            rule_y = y
            break
    if rule_y is not None:
        foot = [ln for ln in lines if ln.top <= rule_y + 1]
    else:
        foot = []
        for line in reversed(lines):
            if line.size < 0.92 * body_size:
                foot.insert(0, line)
            else:
                break
        # the block must open with a footnote number
        while foot and footnote_start(_text(foot[0])) is None:
            foot.pop(0)
    foot_ids = {id(ln) for ln in foot}
    for line in foot:
        runs = line_runs(line)
        text = "".join(r.text for r in runs).strip()
        if not text:
            continue
        start = footnote_start(text)
        first_sup = runs[0].sup if runs else False
        if start is not None and (first_sup or not notes or notes[-1].id.isdigit() and start[0] == str(int(notes[-1].id) + 1) or not notes):
            ident, _ = start
            rest_runs = _drop_chars(runs, len(text) - len(text.lstrip()) + _mark_length(text))
            notes.append(NoteText(ident, rest_runs, f"page {page.number}", page.number))
        elif notes:
            if notes[-1].runs and not notes[-1].runs[-1].text.endswith(" "):
                notes[-1].runs.append(Run(" "))
            notes[-1].runs.extend(runs)
    return [ln for ln in lines if id(ln) not in foot_ids]


def _mark_length(text: str) -> int:
    m = re.match(r"^(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*", text.strip())
    return m.end() if m else 0


def _drop_chars(runs: list[Run], n: int) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if n >= len(run.text):
            n -= len(run.text)
            continue
        out.append(Run(run.text[n:], run.italic, run.bold, False if n else run.sup))
        n = 0
    if out:
        out[0].text = out[0].text.lstrip()
    return out


def _text(line: PdfLine) -> str:
    return "".join(r.text for r in line_runs(line)).strip()


# --------------------------------------------------------------------------------------------
# the reader


def read_pdf(data: bytes, file: str = "<pdf>", language: str | None = None, *, report: ImportReport | None = None) -> Resolution:
    """Read a PDF (see the module doc). Raises :class:`InputError` or :class:`ParseError`."""
    pages = load_pages(data, file)
    sizes = [round(ln.size, 1) for p in pages for ln in p.lines for _ in ln.glyphs]
    body_size = statistics.mode(sizes) if sizes else 12.0

    notes: list[NoteText] = []
    body_pages: list[list[Line]] = []
    # running lines first (they sit below the footnotes), then the foot of each page
    raw_pages = [[_to_line(ln, p, n) for n, ln in enumerate(p.lines, start=1)] for p in pages]
    symbol, title = _symbol_and_title(raw_pages)
    kept_pages = drop_running_lines(raw_pages, report, symbol=symbol, title=title, pdf=True)
    for page, kept in zip(pages, kept_pages):
        numbers = {id(line.pdf): line.number for line in kept}  # type: ignore[attr-defined]
        page.lines = [ln for ln in page.lines if id(ln) in numbers]
        body = split_foot(page, body_size, notes, report)
        body_pages.append([_to_line(ln, page, numbers[id(ln)]) for ln in body])
    if notes and report is not None:
        report.add("footnote-texts", f"read {len(notes)} footnote texts at the foot of the pages", notes[0].where)

    lines = _mark_paragraphs(body_pages, body_size)
    vocab = vocabulary(line.text for line in lines)
    paras = paragraphs(lines, report, vocab, pdf=True)
    for para in paras:
        for run in para.runs:
            run.text = undo_spaced_hyphens(run.text, vocab, report, para.where)
    paras = join_page_breaks(paras, report)
    restore_sub_markers(paras, report, style=_sub_style(paras, language))

    footnotes = footnote_definitions(notes, report)
    ids = [f.id for f in footnotes]
    units = [_unit(para, set(ids), n) for n, para in enumerate(paras, start=1)]
    sup_calls = sum(1 for u in units for i in u.inlines if type(i).__name__ == "NoteRef")
    if sup_calls and report is not None:
        report.add("footnote-call", f"read {sup_calls} footnote calls from superscript numbers")
    wheres = {id(u): p.where for u, p in zip(units, paras)}
    # digits printed on the line, only for footnotes no superscript calls
    called = {i.id for u in units for i in u.inlines if type(i).__name__ == "NoteRef"}
    footnote_calls(units, [i for i in ids if i not in called], report, wheres)
    from resodraft.model import Meta

    try:
        where = {n: p.where for n, p in enumerate(paras, start=1)}
        res = classify(units, footnotes, Meta(), file=file, language=language, report=report, where=where, strict=True)
    except ParseError as exc:
        where = paras[exc.line - 1].where if exc.line and 0 < exc.line <= len(paras) else None
        raise ParseError(exc.message + (f" ({where})" if where else ""), file=file, hint=exc.hint) from None
    return italicise_leads(res, report, where_of={n: p.where for n, p in enumerate(paras, start=1)})


def _to_line(ln: PdfLine, page: Page, number: int = 0) -> Line:
    line = Line(line_runs(ln), page.number, number, top=page.height - ln.top, left=ln.x0, size=ln.size)
    line.pdf = ln  # type: ignore[attr-defined]
    line.right = ln.x1  # type: ignore[attr-defined]
    line.base = ln.base  # type: ignore[attr-defined]
    return line


def _symbol_and_title(pages: list[list[Line]]) -> tuple[str | None, str | None]:
    from resodraft.readers.text import _RES_TITLE, _SYMBOL_LINE

    symbol = title = None
    for line in (pages[0] if pages else [])[:30]:
        t = line.text.strip()
        m = _SYMBOL_LINE.search(t)
        if m and symbol is None:
            symbol = m.group(1)
        m = _RES_TITLE.match(t)
        if m and title is None:
            title = m.group(1)
    return symbol, title


def _mark_paragraphs(pages: list[list[Line]], body_size: float) -> list[Line]:
    """Mark where paragraphs start (module doc, stage 4); the lines in reading order."""
    gaps: list[float] = []
    for page in pages:
        for a, b in zip(page, page[1:]):
            gap = a.base - b.base  # type: ignore[attr-defined]
            if 0 < gap < 3 * body_size and abs((a.size or 0) - body_size) < 0.1 * body_size:
                gaps.append(round(gap, 1))
    # the line spacing inside a paragraph: the smallest gap that recurs
    counts = {g: gaps.count(g) for g in gaps}
    recurring = [g for g, n in counts.items() if n >= 2]
    leading = min(recurring) if recurring else (min(gaps) if gaps else 1.2 * body_size)
    lefts = [ln.left for page in pages for ln in page if ln.left is not None]
    margin = min(lefts) if lefts else 0.0
    rights = [ln.right for page in pages for ln in page]  # type: ignore[attr-defined]
    column_right = max(rights) if rights else 0.0
    out: list[Line] = []
    prev: Line | None = None
    for page in pages:
        for line in page:
            text = line.text.strip()
            if prev is None:
                line.new_para = True
            else:
                same_page = prev.page == line.page
                gap = prev.base - line.base if same_page else None  # type: ignore[attr-defined]
                finished = _ends_paragraph(prev.text)
                # the previous line stops short: its paragraph ends there, unless the first word
                # of this line would not have fitted at its end
                room = column_right - prev.right  # type: ignore[attr-defined]
                short = room > 2.5 * body_size and room > _first_word_width(line) + 0.5 * body_size
                indented = (line.left or 0) > (prev.left or 0) + 0.8 * body_size and (line.left or 0) > margin + 0.8 * body_size
                if same_page and gap is not None and gap > 1.4 * leading:
                    line.new_para = True
                elif same_page and _all_bold(prev) and _all_bold(line) and abs((line.size or 0) - (prev.size or 0)) <= 0.1 * body_size:
                    line.new_para = False  # a bold title or heading set on two lines
                elif abs((line.size or 0) - (prev.size or 0)) > 0.1 * body_size:
                    line.new_para = True  # a heading set larger, a quotation set smaller
                elif finished and (_starts_paragraph(text) or short or (indented and not OP_MARKER.match(prev.text.strip()))):
                    line.new_para = True
                elif OP_MARKER.match(text) and finished:
                    line.new_para = True
                elif not same_page:
                    line.new_para = finished and (short or _starts_paragraph(text) or text[:1].isupper())
                else:
                    line.new_para = False
            out.append(line)
            prev = line
    return out


def _all_bold(line: Line) -> bool:
    return all(r.bold for r in line.runs if r.text.strip())


def _first_word_width(line: Line) -> float:
    """Width of the first word of a line, from its glyphs."""
    glyphs = line.pdf.glyphs  # type: ignore[attr-defined]
    end = glyphs[0].x0 if glyphs else 0.0
    for g in glyphs:
        if g.text.isspace():
            break
        end = g.x1
    return end - (glyphs[0].x0 if glyphs else 0.0)


def _sub_style(paras: list[Para], language: str | None) -> str:
    for para in paras:
        m = SUB_MARKER.match(para.text.lstrip())
        if m:
            return "()" if m.group(1) else ")"
    lang = language or guess_language(" ".join(p.text for p in paras[:30]))
    return ")" if lang == "fr" else "()"


def _unit(para: Para, note_ids: set[str], index: int) -> Unit:
    """A paragraph as a classification unit; its "line" is its index (a PDF has no lines to
    point at: messages and the report say the page and line instead)."""
    from resodraft.readers.classify import _drop_prefix
    from resodraft.readers.masthead import ADOPTED

    inlines = runs_to_inlines(para.runs, note_ids)
    text = para.text
    m = OP_MARKER.match(text.lstrip())
    if m and not ADOPTED.match(text):
        return Unit("item", _drop_prefix(inlines, m.end()), index, m.group(1), probe=text.lstrip()[m.end() :])
    return Unit("para", inlines, index, probe=text)
