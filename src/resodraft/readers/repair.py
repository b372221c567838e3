"""Repairs that text read from a PDF needs, shared by the PDF and the pasted-text readers.

A PDF is a picture of pages, and text extracted from it (by resodraft's PDF reader, or by
whoever pasted it) carries the pages with it: running headers and footers, paragraphs cut by a
page break, words hyphenated at a line end, footnote calls printed as plain digits, footnote
texts at the foot of each page, lead words that have lost their italics. Each repair below is a
small function whose docstring states its guarantee; each records what it did, and where (page
N / line N), in the :class:`~resodraft.readers.report.ImportReport`, so a person can review it.

The readers build :class:`Line`\\ s (one per printed line, grouped in pages), and then run, in
order: :func:`drop_running_lines`, footnote texts (:func:`footnote_definitions` on the lines
each reader finds at the foot of the pages), :func:`paragraphs` (hard wraps joined, with
:func:`join_hyphenated`), :func:`join_page_breaks`, :func:`footnote_calls`, then
:func:`~resodraft.readers.classify.classify` and :func:`italicise_leads`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from resodraft.model import (
    Footnote,
    Inline,
    NoteRef,
    Operative,
    Preambular,
    Resolution,
    Text,
    plain_text,
)
from resodraft.readers.classify import (
    _TERMINAL,
    OP_MARKER,
    SUB_MARKER,
    Unit,
    _is_formula,
    continues_paragraph,
)
from resodraft.readers.leads import lead_length, starts_with_lead
from resodraft.readers.masthead import MONTHS, is_closing_line, is_masthead_line
from resodraft.readers.report import ImportReport

# --------------------------------------------------------------------------------------------
# the intermediate form: lines of runs, in pages


@dataclass
class Run:
    """A piece of a line with one formatting: italic/bold from the font, ``sup`` for raised
    smaller glyphs (a footnote call, or ``e`` in ``7e``)."""

    text: str
    italic: bool = False
    bold: bool = False
    sup: bool = False

    @property
    def marks(self) -> frozenset[str]:
        return frozenset(m for m, on in (("i", self.italic), ("b", self.bold), ("sup", self.sup)) if on)


@dataclass
class Line:
    """One printed line. ``page`` counts from 1; ``number`` is the line in the text file, or
    the line on its page for a PDF. Layout (PDF only): ``top`` and ``left`` in points from the
    page's top left corner, ``size`` the body font size of the line. ``new_para``: a paragraph
    starts here (a blank line before it, or a vertical gap or indent in a PDF)."""

    runs: list[Run]
    page: int = 1
    number: int = 1
    top: float | None = None
    left: float | None = None
    size: float | None = None
    new_para: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def where(self, pdf: bool) -> str:
        return f"page {self.page}, line {self.number}" if pdf else f"line {self.number}"


@dataclass
class Para:
    """A paragraph being assembled: its runs, where it starts, and whether a page break cut it."""

    runs: list[Run]
    page: int
    line: int
    where: str
    crosses_page: bool = False  # a page boundary lies inside or just before it
    page_first: bool = False  # it is the first paragraph of its page
    notes: list[Inline] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _say(report: ImportReport | None, kind: str, message: str, where: str | None = None) -> None:
    if report is not None:
        report.add(kind, message, where)


# --------------------------------------------------------------------------------------------
# running headers and footers


JOB_NUMBER = re.compile(r"^(?:\d{2}[EFS]\d{6}|\d{2}-\d{5}(?:\s*\([A-Z]\))?)(?:\s+\d{6}){0,2}(?:\s+\*\d{7}\*)?$")
"""A UN job number printed at the foot of each page: ``25-18744``, ``25-18744 (E) 131125``."""
PAGE_NUMBER = re.compile(
    r"^(?:\d{1,3}\s*/\s*\d{1,3}|[-–—]\s*\d{1,3}\s*[-–—]|(?:page|p\.)\s*\d{1,3}(?:\s*(?:of|sur|de|/)\s*\d{1,3})?|\d{1,3})$",
    re.IGNORECASE,
)
"""A page number on a line of its own: ``2/6``, ``- 3 -``, ``Page 2 of 6``, ``Page 2 sur 6``, ``4``."""
_JOB_AND_PAGE = re.compile(
    r"^(?:\d{2}-\d{5}(?:\s*\([A-Z]\))?\s+\d{1,3}\s*/\s*\d{1,3}|\d{1,3}\s*/\s*\d{1,3}\s+\d{2}-\d{5}(?:\s*\([A-Z]\))?)$"
)
_SYMBOL = re.compile(r"(?:ICC-ASP|A|S|E)/[^\s,;]*\d[^\s,;]*")
_BARCODE = re.compile(r"^\*\d{7,}\*$")


def _shape(text: str) -> str:
    """A line's text with its numbers replaced, so "Page 2 of 6" and "Page 3 of 6" match."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def is_running_text(text: str, *, symbol: str | None = None, title: str | None = None) -> str | None:
    """Why ``text`` (a whole line) reads as a running header or footer, or ``None``.

    A job number (``25-18744``), a page number (``2/6``, ``- 3 -``, ``Page 2 of 6``), both
    together, a barcode, the document's symbol with or without its title
    (``A/RES/80/6 Report of the International Criminal Court``), or the title alone
    (UN resolutions print it as the running header of odd pages).
    """
    t = re.sub(r"\s+", " ", text.strip())
    if not t:
        return None
    if JOB_NUMBER.match(t):
        return "job number"
    if _JOB_AND_PAGE.match(t):
        return "job number and page number"
    if PAGE_NUMBER.match(t):
        return "page number"
    if _BARCODE.match(t):
        return "barcode"
    if symbol:
        s = re.escape(symbol)
        rest = re.sub(rf"^{s}\s*|\s*{s}$", "", t)
        if rest != t and (not rest or (title and _same_title(rest, title))):
            return "running header (symbol and title)"
    if title and len(t) > 12 and _same_title(t, title):
        return "running header (title)"
    return None


def _same_title(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"[\W_]+", " ", s).strip().lower()  # noqa: E731
    a, b = norm(a), norm(b)
    return bool(a) and (a == b or (len(a) > 20 and b.startswith(a)) or (len(b) > 20 and a.startswith(b)))


def drop_running_lines(
    pages: list[list[Line]],
    report: ImportReport | None,
    *,
    symbol: str | None = None,
    title: str | None = None,
    pdf: bool = False,
    edge: int = 3,
) -> list[list[Line]]:
    """Drop running headers and footers; guarantee: no line of body text is dropped.

    A line is dropped when it is one of the ``edge`` first or last lines of its page and
    either (1) a line of the same shape (numbers aside) stands at the same place on at least
    two pages — for a PDF the same place is the same height on the page (within 3 pt), for text
    the same rank from the top or bottom of the page — or (2) it reads as running text on its
    own (:func:`is_running_text`: job number, page number, symbol and title). Without page
    breaks (text pasted without form feeds) only (2) applies, and only to a line that stands
    alone between blank lines. A document symbol alone at the edge of a page after the first
    is the running header of the volume it was printed in ("ICC-ASP/20/20"). The masthead's
    symbol and title on the first page are kept unless repeated. Each drop is reported with
    the page and line.
    """
    many = len(pages) >= 2
    seen: Counter[tuple[str, object]] = Counter()
    if many:
        for page in pages:
            keys = set()
            for key in _edge_keys(page, edge, pdf):
                keys.add(key)
            for key in keys:
                seen[key] += 1
    out: list[list[Line]] = []
    for p, page in enumerate(pages):
        kept: list[Line] = []
        edge_ids = {id(line) for line in page[:edge]} | {id(line) for line in page[-edge:]}
        for i, line in enumerate(page):
            text = line.text.strip()
            why = None
            repeated = False
            if many and id(line) in edge_ids:
                key = _position_key(page, i, pdf)
                if key is not None and seen[(_shape(text), key)] >= 2 and text and footnote_start(text) is None:
                    # (a footnote text "10 See S/2020/310, annex." is no running line, though
                    # another page has "12 See S/2023/81, annex." at its foot)
                    why, repeated = "repeated at the same place on several pages", True
                if why is None:
                    why = is_running_text(text, symbol=symbol, title=title)
                if why is None and p > 0 and _SYMBOL.fullmatch(text):
                    why = "running header (a document symbol alone)"  # "ICC-ASP/20/20"
            elif not many and _alone(page, i):
                why = is_running_text(text, symbol=symbol, title=title)
                if why == "page number" and not re.search(r"[/\-–—]|page", text, re.IGNORECASE):
                    why = None  # a lone "4" in pasted text may be anything
            if why and not repeated and p == 0 and (is_masthead_line(text) or _before_formula(page, i)):
                why = None  # the masthead's symbol and title, not a running header
            if why:
                _say(report, "running-line", f"dropped running header/footer '{text}' ({why})", line.where(pdf))
                continue
            kept.append(line)
        out.append(kept)
    return out


def _before_formula(page: list[Line], i: int) -> bool:
    for line in page[i + 1 :]:
        if _is_formula([Text(line.text.strip())]):
            return True
    return False


def _alone(page: list[Line], i: int) -> bool:
    """The line stands alone: a blank line (or the page edge) before and after it."""
    line = page[i]
    after = page[i + 1] if i + 1 < len(page) else None
    return (line.new_para or i == 0) and (after is None or after.new_para)


def _position_key(page: list[Line], i: int, pdf: bool) -> object:
    line = page[i]
    if pdf and line.top is not None:
        return round(line.top / 3)
    from_end = len(page) - i
    return ("top", i) if i < from_end else ("bottom", from_end)


def _edge_keys(page: list[Line], edge: int, pdf: bool) -> Iterable[tuple[str, object]]:
    n = len(page)
    for i in list(range(min(edge, n))) + list(range(max(n - edge, 0), n)):
        text = page[i].text.strip()
        if text:
            yield (_shape(text), _position_key(page, i, pdf))


# --------------------------------------------------------------------------------------------
# hyphenation


COMPOUND_PREFIXES = frozenset(
    """non post pre self co ex anti quasi semi cross well follow long short high low full half vice
    mid multi inter intra extra counter over under socio macro micro
    twenty thirty forty fifty sixty seventy eighty ninety
    vingt trente quarante cinquante soixante quatre dix sous après avant contre auto demi mi
    arrière grand c'est peut""".split()
)
"""First halves that are written with their hyphen (``non-State``, ``post-conflict``,
``twenty-first``, ``vingt-et-unième``, ``sous-comité``): a line break after them keeps it."""
_CLITICS = frozenset("t-il t-elle t-on il elle on ils elles je nous vous même ci là être dire".split())
_SUSPENDED = frozenset("and or to nor et ou à".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-cased words of the document (hyphenated compounds as one word and as their parts)."""
    vocab: Counter[str] = Counter()
    for text in texts:
        for w in _WORD.findall(text):
            vocab[w.lower()] += 1
    return vocab


def join_hyphenated(left: str, right: str, vocab: Counter[str]) -> tuple[str, str]:
    """Join ``left`` (a word ending with ``-`` at a line end) and ``right`` (the next line's
    first word); return the joined text and the rule that decided.

    A line-end hyphen is undone only where the word is not a real compound. Rules, in order:

    1. ``right`` starts with a capital or a digit (``non-State``, ``Kunming-Montreal``): keep;
    2. ``right`` is "and", "or", "to", "et", "ou": a suspended hyphen (``pre- and
       post-conflict``): keep the hyphen *and* the space;
    3. the document writes the compound with its hyphen elsewhere (``follow-up``): keep;
    4. the document writes the joined word elsewhere (``informa-``/``tion`` → ``information``):
       join;
    5. ``left`` is a prefix that takes a hyphen (:data:`COMPOUND_PREFIXES`: ``post-``, ``non-``,
       ``twenty-``, ``vingt-``), or ``right`` holds a hyphen itself (``vingt-``/``et-unième``) or
       is a French clitic (``Prie-``/``t-elle``): keep;
    6. both halves are words the document uses on their own elsewhere (``capacity-``/``building``;
       the halves themselves count once, so "de-"/"mander" is no compound of "de" and "mander"): keep;
    7. otherwise it was hyphenation: join.
    """
    stem = left[:-1]
    head = re.match(r"[^\W\d_]+(?:['’][^\W\d_]+)?$", stem.split()[-1] if stem.split() else "")
    first = _WORD.match(right)
    if not stem or not right:
        return left + right, "kept"
    if right[0].isupper() or right[0].isdigit() or not head or not first:
        return left + right, "compound (capital or number)"
    if right.split()[0].lower() in _SUSPENDED or first.group(0).lower() in _SUSPENDED:
        return left + " " + right, "suspended hyphen"
    a, b = head.group(0), first.group(0)
    if f"{a}-{b}".lower() in vocab:
        return left + right, "compound written so elsewhere"
    if f"{a}{b}".lower() in vocab:
        return stem + right, "word written so elsewhere"
    if a.lower() in COMPOUND_PREFIXES or "-" in b or b.lower() in _CLITICS:
        return left + right, "compound"
    if vocab.get(a.lower(), 0) >= 2 and vocab.get(b.lower(), 0) >= 2:
        return left + right, "compound of two words"
    return stem + right, "hyphenation"


_SPACES = re.compile(r"  +")  # ordinary spaces only: a no-break space is the writer's choice


def collapse_spaces(pieces: Sequence[tuple[list[Run], str]], report: ImportReport | None) -> None:
    """Runs of ordinary spaces in text extracted from a PDF ("1990 3  and 1995") become one
    space, each paragraph or footnote text (``pieces``: its runs and where it starts) reported
    once with the first place; no-break spaces (U+00A0, U+202F) are left as they are."""
    for runs, where in pieces:
        count = 0
        first = None
        prev_space = False
        for run in runs:
            m = _SPACES.search(run.text)
            if m and first is None:
                first = run.text[max(0, m.start() - 20) : m.end() + 12]
            count += len(_SPACES.findall(run.text))
            text = _SPACES.sub(" ", run.text)
            if prev_space and text.startswith(" "):
                text = text[1:]  # two runs meeting with a space each
                count += 1
            run.text = text
            if text:
                prev_space = text.endswith(" ")
        if count:
            shown = f": '{first.strip()}'" if first else ""
            _say(report, "spaces", f"{count} run{'s' if count > 1 else ''} of spaces → one space{shown}", where)


_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_])- (?=[^\W\d_])")


def undo_spaced_hyphens(text: str, vocab: Counter[str], report: ImportReport | None, where: str) -> str:
    """``post- conflict`` (a line-end hyphen whose line break became a space when the text was
    extracted) → ``post-conflict`` or ``information``, by :func:`join_hyphenated`; the text is
    otherwise unchanged."""
    out: list[str] = []
    pos = 0
    for m in _SPACED_HYPHEN.finditer(text):
        start = text.rfind(" ", 0, m.start()) + 1
        nxt = re.match(r"\S+", text[m.end() :])
        right = nxt.group(0) if nxt else ""
        joined, rule = join_hyphenated(text[start : m.start() + 1], right, vocab)
        out.append(text[pos:start])
        out.append(joined)
        pos = m.end() + len(right)
        if rule != "suspended hyphen":
            _say(report, "hyphenation", f"'{text[start:m.start() + 1]} {right}' → '{joined}' ({rule})", where)
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------------------------
# paragraphs


def _ends_paragraph(text: str) -> bool:
    """The text ends a paragraph: final punctuation, maybe followed by a footnote call."""
    t = text.rstrip()
    t = re.sub(r"(?<=[,;.:])\s?\d{1,3}$", "", t)
    return t.endswith(_TERMINAL)


def _starts_paragraph(text: str) -> bool:
    t = text.lstrip()
    return bool(OP_MARKER.match(t) or SUB_MARKER.match(t) or starts_with_lead(t))


def paragraphs(lines: list[Line], report: ImportReport | None, vocab: Counter[str], *, pdf: bool = False) -> list[Para]:
    """Assemble lines into paragraphs; guarantee: every character of the lines is kept, in
    order, except the line breaks (a space) and the hyphens :func:`join_hyphenated` undoes.

    A paragraph starts at a line marked ``new_para`` (a blank line, a vertical gap), at an
    operative number or a sub-paragraph marker (``5.``, ``(b)``) after a line that ends a
    paragraph, and at a lead word (``Recalling``, ``Decides``) after a line that ends with
    punctuation. A paragraph whose lines cross a page boundary is marked, for
    :func:`join_page_breaks` and the report.
    """
    out: list[Para] = []
    prev: Line | None = None
    for line in lines:
        text = line.text
        if not text.strip():
            prev = None if not pdf else prev
            continue
        start = (
            prev is None
            or line.new_para
            or (_ends_paragraph(prev.text) and _starts_paragraph(text))
        )
        if start:
            para = Para(
                [replace(r) for r in line.runs],
                line.page,
                line.number,
                line.where(pdf),
                page_first=bool(out) and out[-1].page != line.page or (prev is not None and prev.page != line.page),
            )
            if prev is not None and prev.page != line.page:
                para.crosses_page = True
            out.append(para)
        else:
            para = out[-1]
            if line.page != para.page or (prev is not None and prev.page != line.page):
                para.crosses_page = True
                _say(report, "joined-page-break", "joined the lines of a paragraph split by a page break", line.where(pdf))
            _append_line(para, line, vocab, report, pdf)
        prev = line
    return out


def _append_line(para: Para, line: Line, vocab: Counter[str], report: ImportReport | None, pdf: bool) -> None:
    """Join ``line`` to ``para``: a space, or nothing after a line-end hyphen (if undone)."""
    last = para.runs[-1] if para.runs else None
    runs = [replace(r) for r in line.runs]
    if runs:
        runs[0].text = runs[0].text.lstrip()
    if last is not None and last.text.rstrip().endswith("-") and runs and runs[0].text:
        last.text = last.text.rstrip()
        words = last.text.split(" ")
        left = words[-1]
        right_m = re.match(r"\S+", runs[0].text)
        right = right_m.group(0) if right_m else ""
        joined, rule = join_hyphenated(left, right, vocab)
        words[-1] = joined
        last.text = " ".join(words)
        runs[0].text = runs[0].text[len(right) :]
        if rule != "suspended hyphen":
            _say(report, "hyphenation", f"line-end '{left}' + '{right}' → '{joined}' ({rule})", line.where(pdf))
    elif last is not None:
        if not last.text.endswith(" "):
            last.text += " "
    para.runs.extend(r for r in runs if r.text)


def join_page_breaks(paras: list[Para], report: ImportReport | None) -> list[Para]:
    """Join the parts of a paragraph that a page break (or a blank line where the extraction put
    one) split in two; guarantee: a part is joined only to the paragraph just before it, and
    only when that paragraph does not end with punctuation.

    The second part is joined when it starts in lower case (and is no sub-paragraph marker:
    a paragraph never starts in lower case, so this holds even after a comma), or when
    it starts with a capital or a digit but reads as the rest of the sentence
    (:func:`~resodraft.readers.classify.continues_paragraph`: it ends with punctuation, or the
    first part ends with a word such as "and", "of", "the"). A heading (no final punctuation)
    after an unfinished paragraph is left alone, and so are the masthead lines before the
    enacting formula. Each join is reported.
    """
    out: list[Para] = []
    formula_seen = not any(_is_formula([Text(p.text.strip())]) for p in paras)
    for para in paras:
        if _is_formula([Text(para.text.strip())]):
            formula_seen = True
            out.append(para)
            continue
        lower = para.text.lstrip()[:1].islower() and not SUB_MARKER.match(para.text.lstrip())
        if formula_seen and out and (lower or not _ends_paragraph(out[-1].text)) and _is_continuation(out[-1], para):
            prev = out[-1]
            if prev.runs and not prev.runs[-1].text.endswith(" "):
                prev.runs[-1].text = prev.runs[-1].text.rstrip() + " "
            prev.runs.extend(para.runs)
            prev.crosses_page = prev.crosses_page or para.page != prev.page or para.crosses_page
            where = para.where
            _say(report, "joined-page-break", f"joined to the previous paragraph (split by a page break): '{_clip(para.text)}'", where)
            continue
        out.append(para)
    return out


def _is_continuation(prev: Para, para: Para) -> bool:
    text = para.text.lstrip()
    if not text or not prev.text.strip():
        return False
    if is_masthead_line(prev.text) or is_closing_line(prev.text) or _is_formula([Text(prev.text.strip())]):
        return False
    if text[0].islower() and not SUB_MARKER.match(text):
        return True
    if OP_MARKER.match(text) or SUB_MARKER.match(text):
        return False
    unit = Unit("para", [Text(text)], para.line, probe=text)
    if continues_paragraph([Text(prev.text)], unit):
        return True
    # a page break inside a long paragraph: the first part fills the page to its foot
    return (para.page_first or para.crosses_page) and len(prev.text.split()) > 25 and not starts_with_lead(text)


# --------------------------------------------------------------------------------------------
# sub-paragraph letters lost in the extraction


def _letter(n: int) -> str:
    """1 → ``a``, 26 → ``z``, 27 → ``aa`` (UN style)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _letter_index(label: str) -> int | None:
    if label and len(set(label)) == 1 and label[0].isalpha():
        return (ord(label[0]) - ord("a") + 1) + 26 * (len(label) - 1)
    return None


_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def restore_sub_markers(paras: list[Para], report: ImportReport | None, *, style: str = "()") -> None:
    """Put back the letters of sub-paragraphs the extraction lost; guarantee: only paragraphs
    that follow a paragraph ending with ":" and that end like a sub-paragraph (";", ".", ":",
    "; and"; in the preamble ",", and no lead word such as "Recalling" opens them) get a marker,
    and a letter the text prints is never changed.

    Letters lost before a printed one are filled in from the gap ("To continue …", "To
    circulate …", "(c) To continue …" → (a), (b)); a paragraph after one ending with ":" opens
    the second level (i), (ii); elsewhere the next letter is taken. ``style`` is ``()`` for
    ``(a)`` or ``)`` for ``a)``, the style the document prints elsewhere. Each marker put back
    is reported.
    """
    i = 0
    while i < len(paras):
        head = paras[i].text.strip()
        operative = bool(OP_MARKER.match(head))
        if not _strip_call(head).endswith(":") or SUB_MARKER.match(head) or is_masthead_line(head):
            i += 1
            continue
        group: list[Para] = []
        j = i + 1
        while j < len(paras):
            t = paras[j].text.strip()
            if OP_MARKER.match(t) or is_closing_line(t) or not _ends_paragraph(t) or _is_formula([Text(t)]):
                break  # the enacting formula after a title ending ":" is no sub-paragraph
            if operative and _strip_call(t).endswith(","):
                break
            if not operative and (starts_with_lead(t) or not SUB_MARKER.match(t) and _strip_call(t).endswith(".")):
                break
            group.append(paras[j])
            j += 1
        _fill_group(group, report, style)
        i = max(j, i + 1)


def _strip_call(text: str) -> str:
    return re.sub(r"(?<=[,;.:])\s?\d{1,3}$", "", text.rstrip())


def _fill_group(group: list[Para], report: ImportReport | None, style: str) -> None:
    known: list[tuple[int, int | None]] = []  # (level, index) per item; index None = lost
    for para in group:
        m = SUB_MARKER.match(para.text.lstrip())
        if m is None:
            known.append((0, None))
            continue
        label = m.group(2)
        idx = _letter_index(label)
        roman = label in _ROMANS
        known.append((2 if roman and not (idx is not None and label in ("i", "v", "x") and _expected_letter(known) == idx) else 1, idx if not roman or label in ("i", "v", "x") else _ROMANS.index(label) + 1))
    last1 = 0  # index of the last level-1 letter
    last2 = 0
    level_prev = 0
    for k, para in enumerate(group):
        level, idx = known[k]
        if idx is not None and level:
            if level == 1:
                last1, last2 = idx, 0
            else:
                last2 = idx
            level_prev = level
            continue
        prev_text = _strip_call(group[k - 1].text) if k else ""
        # the run of lost markers this one belongs to, and the next printed one
        run_end = k
        while run_end < len(group) and known[run_end][1] is None:
            run_end += 1
        following = known[run_end] if run_end < len(group) else None
        run_len = run_end - k
        if prev_text.endswith(":"):
            level, number = 2, 1
        elif following is not None and following[0] == 1 and following[1] is not None and following[1] - last1 - 1 == run_len:
            level, number = 1, last1 + 1
        elif level_prev == 2 and following is not None and following[0] == 2:
            level, number = 2, last2 + 1
        else:
            level, number = 1, last1 + 1
        label = _letter(number) if level == 1 else _ROMANS[min(number, len(_ROMANS)) - 1]
        if level == 1:
            last1, last2 = number, 0
        else:
            last2 = number
        level_prev = level
        known[k] = (level, number)
        marker = f"({label})" if style == "()" else f"{label})"
        para.runs.insert(0, Run(marker + " "))
        _say(report, "sub-marker", f"sub-paragraph without its letter (lost in the extraction): read as {marker}", para.where)


def _expected_letter(known: list[tuple[int, int | None]]) -> int:
    last = 0
    for level, idx in known:
        if level == 1 and idx is not None:
            last = idx
    return last + 1


def _clip(text: str, n: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------------------------
# footnote texts


_NOTE_MD = re.compile(r"^\[\^([^\]\s]+)\]:\s?(.*)$")
_NOTE_PLAIN = re.compile(r"^(\d{1,3})[\s\u00a0\t]+(?=\S)(.*)$")
_NOTE_SUP = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$")
_SUP_TO_ASCII = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass
class NoteText:
    """A footnote text being read: its id, runs and where it starts."""

    id: str
    runs: list[Run]
    where: str
    line: int


def footnote_start(text: str) -> tuple[str, str] | None:
    """``(id, rest)`` when ``text`` starts a footnote text: ``[^3]: …``, ``3 …``, ``³ …``."""
    for pattern in (_NOTE_MD, _NOTE_SUP, _NOTE_PLAIN):
        m = pattern.match(text.strip())
        if m:
            return m.group(1).translate(_SUP_TO_ASCII), m.group(2)
    return None


def footnote_definitions(notes: list[NoteText], report: ImportReport | None) -> list[Footnote]:
    """Footnote texts in order, each once; guarantee: no text is lost.

    A "definition" whose number breaks the sequence 1, 2, 3… and that follows a footnote text
    not ending with punctuation is the rest of that text, cut at a line that starts with a
    number ("… as from" / "7 February 1984.", "… 31 July" / "2013 (S/INF/68)."): it is joined
    back, number included, and reported. A number given twice keeps the first text and adds
    the second to it (reported).
    """
    out: list[NoteText] = []
    for note in notes:
        prev = out[-1] if out else None
        expected = str(int(prev.id) + 1) if prev is not None and prev.id.isdigit() else None
        text = "".join(r.text for r in note.runs)
        if (
            prev is not None
            and expected is not None
            and note.id != expected
            and not _ends_paragraph("".join(r.text for r in prev.runs))
        ):
            prev.runs.append(Run(" " + note.id + (" " if text and not text.startswith(" ") else "")))
            prev.runs.extend(note.runs)
            _say(report, "footnote-text-joined", f"'{note.id} {_clip(text)}' continues footnote {prev.id} (a line starting with a number)", note.where)
            continue
        same = next((n for n in out if n.id == note.id), None)
        if same is not None:
            same.runs.append(Run(" "))
            same.runs.extend(note.runs)
            _say(report, "footnote-text-joined", f"footnote {note.id} given twice: the texts are joined", note.where)
            continue
        out.append(note)
    from resodraft.readers.classify import _finish

    return [Footnote(n.id, _finish(runs_to_inlines(n.runs)), line=n.line) for n in out]


# --------------------------------------------------------------------------------------------
# inline conversion


_MD_CALL = re.compile(r"\[\^([^\]\s]+)\]")
_SUP_CALL = re.compile(r"(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")


def runs_to_inlines(runs: Sequence[Run], note_ids: set[str] | None = None) -> list[Inline]:
    """Runs as model inlines. ``[^5]`` is a footnote call; so are superscript digits (a raised
    run, or ``⁵``) that name a footnote of ``note_ids``. Other superscripts stay text marked
    ``sup`` (``7e``)."""
    out: list[Inline] = []
    for run in runs:
        if not run.text:
            continue
        if run.sup:
            ident = run.text.strip().translate(_SUP_TO_ASCII)
            if note_ids is not None and ident in note_ids:
                out.append(NoteRef(ident))
            else:
                out.append(Text(run.text, run.marks))
            continue
        pos = 0
        text = run.text
        tokens = sorted(
            [(m.start(), m.end(), m.group(1)) for m in _MD_CALL.finditer(text)]
            + [
                (m.start(), m.end(), m.group(1).translate(_SUP_TO_ASCII))
                for m in _SUP_CALL.finditer(text)
                if note_ids is not None and m.group(1).translate(_SUP_TO_ASCII) in note_ids
            ]
        )
        for start, end, ident in tokens:
            if start < pos:
                continue
            if text[pos:start]:
                out.append(Text(text[pos:start], run.marks))
            out.append(NoteRef(ident))
            pos = end
        if text[pos:]:
            out.append(Text(text[pos:], run.marks))
    return out


# --------------------------------------------------------------------------------------------
# footnote calls printed as plain digits


NUMBER_NOUNS = frozenset(
    """paragraph paragraphs para paras subparagraph subparagraphs article articles art arts
    resolution resolutions decision decisions rule rules regulation regulations section sections
    sect chapter chapters chap part parts annex annexes page pages p pp vol vols volume volumes no
    nos number numbers principle principles goal goals target targets action actions item items
    point points recommendation recommendations protocol protocols supplement phase phases step
    steps level levels stage stages pillar pillars objective objectives indicator indicators
    criterion criteria option options tier priority priorities article session sessions year
    years table tables figure figures box boxes category categories
    line lines footnote footnotes note notes appendix schedule title titles book books
    paragraphe paragraphes alinéa alinéas résolution résolutions règle règles chapitre chapitres
    partie parties annexe annexes objectif objectifs cible cibles principe principes mesure
    mesures n° nº tableau tableaux figure encadré""".split()
)
"""Words a number follows as part of the text ("resolution 58/318", "article 12, paragraph 3"),
never as a footnote call."""
FUNCTION_WORDS = frozenset(
    """of to from the a an and or by in on at for with than some all over under about nearly
    approximately least between within per each every only last first next past until since
    into onto upon via nor but as its their his her our these those this that which whose
    de du des le la les à au aux et ou par en sur pour dans avec entre ses son sa leurs leur
    ces cette ce un une depuis vers jusqu'à""".split()
)
_FOLLOWING_UNITS = re.compile(
    rf"^\s*(?:{'|'.join(MONTHS)}|per\s*cent|percent|%|years?|months?|weeks?|days?|hours?|minutes?|"
    r"million|billion|trillion|thousand|members?|States|countries|times|p\.m\.|a\.m\.|km|kg|"
    r"°|h\b|ans?\b|mois\b|jours?\b|pour\s*cent|milliards?|millions?|membres|États|pays|fois)\b",
    re.IGNORECASE,
)
_CANDIDATE = re.compile(
    r"(?P<glued>(?<=[,;.:)\]”’\"'»])(?P<g>\d{1,3})(?=\s|$|[,;.:)]|[^\W\d_]{2,}))"
    r"|(?P<spaced>(?<=\S)\s(?P<s>\d{1,3})(?=\s|$|[,;.:)]|[^\W\d_A-Z]{2,}))"
    r"|(?P<year>(?<![\d/.])(?P<y>(?:19|20)\d\d)(?P<yc>\d{1,2})(?=\s|$|[,;.:)]))"
)
_YEAR = re.compile(r"(?:19|20)\d\d(?:\s?[–-]\s?(?:19|20)?\d\d)?")


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"(\S+)\s*$", text[:pos])
    return m.group(1) if m else ""


def call_candidate_kind(text: str, m: re.Match[str]) -> str | None:
    """How a digit found by :data:`_CANDIDATE` reads: ``strong`` (glued after punctuation:
    ``Court,2``, ``Agreement;8``; after punctuation and a space at the end of a paragraph:
    ``2024/25; 4``), ``year`` (glued to a year: ``20055`` = 2005 + call 5), ``spaced-punct``
    (after punctuation and a space: ``Action, 8 the``), ``after-year`` (``of 1990 3 and``),
    ``weak`` (after a word, space-separated: ``Court 1 reaffirms``), or ``None`` when the
    number is part of the text ("resolution 58/318", "article 12, paragraph 3", "for 2024/25",
    "31 May", "from 5 to 8 August", "consisting of 21 members", "1,000", "2.5").
    """
    if m.group("glued") is not None:
        start = m.start("g")
        before = text[: start - 1]
        punct = text[start - 1]
        after = text[m.end() :]
        if before[-1:].isdigit():
            if punct == "," and len(m.group("g")) == 3:
                return None  # "1,000"
            if punct == "." and not re.search(r"(?:19|20)\d\d$", before):
                return None  # "2.5"
        if _FOLLOWING_UNITS.match(after) or re.match(r"^[/.\-]\d", after):
            return None
        token = text[text.rfind(" ", 0, start) + 1 : start]
        if "/" in token and punct == ".":
            return None  # "A/80/L.9", "ICC-ASP/19/Res.2": a document symbol
        if re.search(r"\b(?:No|no|vol|para|paras|art|p|pp|chap|sect|n°)\.$", token):
            return None
        return "strong"
    if m.group("year") is not None:
        year = int(m.group("y"))
        word = re.sub(r"(?<=[,;.:])\d{1,3}$", "", _word_before(text, m.start("y")).lower())  # "2022,2 20233"
        if not 1945 <= year <= 2035 or _FOLLOWING_UNITS.match(text[m.end() :]):
            return None
        if not (
            word.endswith((",", "–", "-"))
            or word in MONTHS
            or word in ("of", "in", "since", "from", "until", "and", "the", "de", "en", "depuis", "et", "le", "la", "les")
        ):
            return None
        return "year"
    start = m.start("s")
    after = text[m.end() :]
    if re.match(r"^[/.\-–]\d", after) or _FOLLOWING_UNITS.match(after):
        return None
    word = _word_before(text, start)
    if not word:
        return None
    bare = word.strip("([“\"'‘").rstrip(",;:.)”’\"»").lower()
    if word[-1] in ",;:)”’\"»" or (word.endswith(".") and bare not in NUMBER_NOUNS and len(bare) > 3):
        # "verification, 2 as well as", "for 2024/25; 4", "session; 1": after punctuation
        if bare.isdigit() and not _YEAR.fullmatch(bare):
            return None
        return "strong" if not after.strip() else "spaced-punct"
    if bare == "action" and word[:1] == "A" and _word_before(text, start - len(word) - 1).lower() == "of":
        return "weak"  # "the Durban Declaration and Programme of Action 9 and …": a title
    if bare in NUMBER_NOUNS or bare in FUNCTION_WORDS:
        return None
    if _YEAR.fullmatch(bare):
        return "after-year"  # "the reports of 1990 3 and 1995", "Action Plan 2021–2026 3 to"
    if bare.isdigit() or re.fullmatch(r"[\d/.,\-–]+", bare):
        return None
    if not re.search(r"[^\W\d_]", bare):
        return None
    if bare in MONTHS:
        return None
    # "Annex 2", "Goal 5": a capitalised noun before a number of a series
    nxt = re.match(r"\s*(\S+)", after)
    if nxt and nxt.group(1)[:1].isupper() and word[:1].isupper() and len(word) <= 12:
        return None
    return "weak"


def footnote_calls(units: list[Unit], note_ids: Sequence[str], report: ImportReport | None, wheres: dict[int, str]) -> int:
    """Turn digits printed after a word or punctuation into footnote calls; return how many.

    Guarantee: only the footnotes of ``note_ids`` are called, in the order they are numbered
    (footnote numbers follow the order of the calls), each at most once; real numbers are
    kept. The text is read in order, expecting the next footnote number ``k``: a digit equal to
    ``k`` becomes a call when it is placed as a call is (:func:`call_candidate_kind`: glued to
    punctuation, "Court,2"; after a word, "Court 1 reaffirms"; after punctuation and a space,
    "2024/25; 4"; glued to a year, "20055"); a glued call to ``k+1`` or ``k+2`` is accepted too
    (a call the text lost). Calls already read (``[^5]``, superscript glyphs) move ``k`` on.
    Units before the enacting formula (the masthead) are not read.
    """
    numeric = [i for i in note_ids if i.isdigit()]
    if not numeric:
        return 0
    order = {ident: n for n, ident in enumerate(numeric)}
    nxt = 0  # index in numeric of the expected call
    made = 0
    start = 0
    for k, unit in enumerate(units):
        if _is_formula(unit.inlines):
            start = k + 1
            break
    for k, unit in enumerate(units[start:], start=start):
        if nxt >= len(numeric):
            break
        if unit.kind in ("heading",) or is_closing_line(plain_text(unit.inlines)):
            continue
        new: list[Inline] = []
        for item in unit.inlines:
            if isinstance(item, NoteRef):
                if item.id in order:
                    nxt = max(nxt, order[item.id] + 1)
                new.append(item)
                continue
            if "sup" in item.marks or nxt >= len(numeric):
                new.append(item)
                continue
            prior = "".join(i.text for i in new if isinstance(i, Text))
            offset = len(prior)
            text = prior + item.text
            pos = offset
            for m in _CANDIDATE.finditer(text, offset):
                if nxt >= len(numeric):
                    break
                kind = call_candidate_kind(text, m)
                if kind is None:
                    continue
                digits = m.group("g") or m.group("s") or m.group("yc")
                if digits is None:
                    continue
                ident = str(int(digits))
                idx = order.get(ident)
                if idx is None:
                    continue
                ok = idx == nxt or (kind in ("strong", "year") and nxt < idx <= nxt + 2)
                if kind == "year" and idx != nxt:
                    ok = False
                if not ok:
                    continue
                if kind == "year":
                    cut = m.start("yc")
                    end = m.end("yc")
                    keep_before = text[pos:cut]
                else:
                    span_start = m.start("g") if m.group("g") is not None else m.start("spaced")
                    cut = span_start
                    end = m.end()
                    keep_before = text[pos:cut]
                if keep_before:
                    new.append(Text(keep_before, item.marks))
                new.append(NoteRef(ident))
                if text[end : end + 1].isalpha():
                    new.append(Text(" ", item.marks))  # "Weapons 6and" → "Weapons[^6] and"
                made += 1
                where = wheres.get(id(unit)) or f"line {unit.line}"
                shown = text[max(0, cut - 25) : end].lstrip()
                _say(report, "footnote-call", f"'{shown}': {digits} read as a call to footnote {ident}", where)
                nxt = idx + 1
                pos = end
            if text[pos:]:
                new.append(Text(text[pos:], item.marks))
        unit.inlines = new
    return made


# --------------------------------------------------------------------------------------------
# lead words


def _lead_kind(block: object) -> str:
    return "preambular" if isinstance(block, Preambular) else "operative"


def italicise_leads(res: Resolution, report: ImportReport | None, *, where_of: dict[int, str] | None = None) -> Resolution:
    """Italicise the lead words of preambular and operative paragraphs that have none.

    Guarantee: only a paragraph whose first words are not already italic is touched, and only
    the words of the lexicon (:mod:`resodraft.readers.leads`: the head, its adverbs and fixed
    complements — "Recalling also", "Also welcomes", "Takes note with appreciation", "Prie en
    outre") become italic; the text is unchanged. A paragraph that opens with no lead of the
    lexicon is kept as written and reported, so a person can italicise its lead by hand.
    """
    blocks = []
    done = 0
    for block in res.blocks:
        if not isinstance(block, (Preambular, Operative)) or not block.content:
            blocks.append(block)
            continue
        first = block.content[0]
        where = f"line {block.line}" if block.line else None
        if where_of and block.line in where_of:
            where = where_of[block.line]
        if not isinstance(first, Text) or "i" in first.marks:
            blocks.append(block)
            continue
        n = lead_length(first.text, _lead_kind(block))
        if n == 0:
            head = " ".join(first.text.split()[:2])
            _say(report, "lead-unknown", f"no known lead word at '{_clip(first.text, 30)}': kept as written (italicise '{head}…' by hand if it is the lead)", where)
            blocks.append(block)
            continue
        content = (Text(first.text[:n], first.marks | {"i"}), Text(first.text[n:], first.marks), *block.content[1:])
        from resodraft.readers.classify import _finish

        blocks.append(replace(block, content=_finish(list(content))))
        done += 1
        _say(report, "lead-italic", f"italicised the lead '{first.text[:n]}'", where)
    return replace(res, blocks=tuple(blocks))
