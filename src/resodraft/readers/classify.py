"""Stage 2 of every reader: paragraph-like *units* → :class:`~resodraft.model.Resolution`.

A reader (Markdown, Word, PDF, pasted text) turns its source into :class:`Unit`\\ s — one per
paragraph, with its inline content, the line (or paragraph index) it starts on and its *probe*
(the source of its first line, markers such as ``a) `` or ``12. `` included where they are
written) — and hands them to :func:`classify`, which reads them the way a drafter reads a
resolution: masthead lines, the enacting formula, preambular paragraphs, numbered operative
paragraphs, sub-paragraphs ``a)``/``(a)``, section headings, lettered parts. Paragraphs split by a
page break (the second part starts in lower case) are joined again.

Guarantees: the result has at least one operative paragraph; every block carries the source
line it starts on; inline content is canonical (:func:`resodraft.text.canonical_inlines`);
errors are :class:`~resodraft.errors.ParseError` with file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from resodraft.lazyre import lazy
from resodraft.errors import ParseError, UsageError
from resodraft.model import (
    Block,
    Footnote,
    Heading,
    Inline,
    Inlines,
    Meta,
    Operative,
    Part,
    Preambular,
    Resolution,
    SubParagraph,
    Text,
    normalize,
    lead,
    plain_text,
    with_uids,
)
from resodraft.readers import masthead as _masthead
from resodraft.readers.leads import starts_with_lead
from resodraft.readers.report import ImportReport
from resodraft.text import LANGUAGES, canonical_inlines, guess_language

SUB_MARKER = re.compile(r"^(\()?([a-z]{1,2}|[ivxl]{1,6})\)\s+")
"""A sub-paragraph marker at the start of a line: ``a) ``, ``(a) ``, ``ii) ``, ``(iii) ``."""
OP_MARKER = re.compile(r"^(\d{1,4})[.)]\s+")
"""An operative paragraph number at the start of a line: ``12. ``."""
PART_MARKER = re.compile(r"^([A-Z])\.\s+(\S.*)$")
"""A lettered part: ``A. Coopération``."""
_ORGAN = lazy(
    r"(assembl|conseil|council|conf[ée]rence|commission|board|bureau|comit[ée]|committee)",
    re.IGNORECASE,
)
_ORGAN_NAME = re.compile(
    r"^(?:The\s+|L['’]|La\s+|Le\s+)?(?:General Assembly|Assembly of States Parties|Security Council|"
    r"Economic and Social Council|Human Rights Council|Assemblée générale|Assemblée des États Parties|"
    r"Conseil de sécurité|Conseil économique et social|Conseil des droits de l['’]homme)\s*,?$"
)
"""An enacting formula that is the organ's name alone: ``The General Assembly`` (no comma when
the resolution is a single unnumbered paragraph, as in A/RES/80/9)."""
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|(?:[-*_]\s){2,}[-*_])$")
"""A horizontal rule (``---``): layout, not text."""
_ANNEX = lazy(r"^(Annexe?|Appendix|Appendice)\b", re.IGNORECASE)
_FUNCTION_END = lazy(
    r"\b(?:the|of|and|or|to|in|on|by|for|with|a|an|its|their|that|which|from|at|as|under|"
    r"le|la|les|de|du|des|et|ou|à|au|aux|en|par|pour|sur|dans|avec|sa|son|ses|leur|leurs|que|qui)$",
    re.IGNORECASE,
)
_TERMINAL = (";", ".", ",", ":", "»", "!", "?")
_ROMAN = lazy(r"^[ivxl]+$")


@dataclass
class Unit:
    """One paragraph-like unit of the source, before classification."""

    kind: str  # "para" | "item" | "heading" | "notedef" | "bullet"
    inlines: list[Inline]
    line: int
    number: str | None = None  # list item number, heading level, footnote label
    children: list["Unit"] = field(default_factory=list)
    split: bool = False  # started by a line break inside a Markdown paragraph
    probe: str = ""  # the source of its first line (see Line)



def _drop_prefix(inlines: list[Inline], n: int) -> list[Inline]:
    """Remove leading white space and then ``n`` characters (a marker such as ``a) ``).

    The marker is plain text at the start of the line (its probe matched), so the ``n``
    characters are the first ``n`` characters of the leading text runs.
    """
    out: list[Inline] = []
    started = False
    for item in inlines:
        if isinstance(item, Text) and n > 0:
            t = item.text if started else item.text.lstrip()
            started = started or bool(t)
            cut = min(n, len(t))
            t, n = t[cut:], n - cut
            if t:
                out.append(Text(t, item.marks))
        else:
            out.append(item)
    return out


def _strip(inlines: list[Inline]) -> list[Inline]:
    """Trim white space at both ends."""
    items = list(inlines)
    while items and isinstance(items[0], Text) and not items[0].text.strip():
        items.pop(0)
    while items and isinstance(items[-1], Text) and not items[-1].text.strip():
        items.pop()
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip(), items[0].marks)
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip(), items[-1].marks)
    return items


def _finish(inlines: list[Inline]) -> Inlines:
    """Canonical inline tuple: runs merged, trimmed, formatting without edge white space."""
    return canonical_inlines(_strip(list(normalize(inlines))))



def _ends_open(inlines: list[Inline]) -> bool:
    """True when the text does not end with punctuation (a paragraph cut by a page break)."""
    text = plain_text(inlines).rstrip()
    return bool(text) and not text.endswith(_TERMINAL)


def _starts_lower(unit: Unit) -> bool:
    text = plain_text(unit.inlines).lstrip()
    return bool(text) and text[0].islower() and not SUB_MARKER.match(unit.probe.lstrip())



# --------------------------------------------------------------------------------------------
# classification


def _roman_value(s: str) -> int:
    vals = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _roman_next(s: str) -> str:
    return _roman(_roman_value(s) + 1)


def _letter_next(prev: str) -> str:
    """``a`` → ``b``; after ``z`` come ``aa``, ``bb``, … (UN style)."""
    if prev == "z":
        return "aa"
    if len(set(prev)) == 1 and prev[0] < "z":
        return chr(ord(prev[0]) + 1) * len(prev)
    return ""


class _Builder:
    """Accumulates classified blocks; keeps the state a drafter keeps while reading."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.blocks: list[Block] = []
        self.formula: Inlines | None = None
        self.masthead: list[tuple[str, int]] = []  # (text, line)
        self.region = "masthead"  # → "preamble" → "operative"
        self.subs_open: list[SubParagraph] = []  # level-1 subs of the current operative
        self.last_part: str | None = None

    # -- operative and sub-paragraphs

    def _close_operative(self) -> None:
        if self.blocks and isinstance(self.blocks[-1], Operative) and self.subs_open:
            self.blocks[-1] = replace(self.blocks[-1], subs=tuple(self.subs_open))
        self.subs_open = []

    def operative(self, number: str | None, content: Inlines, line: int) -> None:
        self._close_operative()
        self.region = "operative"
        self.blocks.append(Operative(number, content, line=line))

    def sub(self, marker: re.Match[str], content: Inlines, line: int, following: str | None) -> None:
        """Add a sub-paragraph; ``following`` is the number of the next one, if any.

        Levels, as a drafter reads them: the next letter continues the first level; a roman
        numeral that is not the next letter is on the second level. Where the next letter is
        also the next roman numeral (``(i)`` after ``(h)``, ``(v)`` after ``(u)`` and ``(iv)``),
        it is a letter unless the sub-paragraph after it carries the roman numeral after it.
        """
        number = marker.group(2)
        style = "()" if marker.group(1) else ")"
        level = 1
        if self.subs_open:
            last = self.subs_open[-1]
            expected = _letter_next(last.number)
            roman_expected = _roman_next(last.subs[-1].number) if last.subs and _ROMAN.match(last.subs[-1].number) else "i"
            if number == expected:
                if number == roman_expected and _ROMAN.match(number) and following == _roman_next(number):
                    level = 2
            elif _ROMAN.match(number):
                level = 2
        sub = SubParagraph(number, content, style=style, line=line)
        if level == 2:
            last = self.subs_open[-1]
            self.subs_open[-1] = replace(last, subs=last.subs + (sub,))
        else:
            self.subs_open.append(sub)

    def part(self, letter: str, content: Inlines, line: int) -> None:
        self.add(Part(letter, content, line=line))
        self.last_part = letter
        self.region = "operative"

    def expected_part(self) -> str:
        return "A" if self.last_part is None else chr(ord(self.last_part) + 1)

    def add(self, block: Block) -> None:
        self._close_operative()
        self.blocks.append(block)

    def finish(self) -> None:
        self._close_operative()


def _is_formula(inlines: list[Inline]) -> bool:
    """The enacting formula: the organ, then a comma (``The General Assembly,``).

    Printed in roman or, as the UN prints it, in italics (``*The General Assembly,*``); a
    paragraph that only *opens* in italics (``*Recalling* the report of the Assembly,``) is a
    preambular paragraph. The organ's name alone (``The General Assembly``) is the formula too.
    """
    text = plain_text(inlines).strip()
    if _ORGAN_NAME.match(text):
        return True
    if not text.endswith(",") or len(text.split()) > 10:
        return False
    runs = [i for i in inlines if isinstance(i, Text) and i.text.strip()]
    all_italic = bool(runs) and all("i" in i.marks for i in runs)
    if runs and "i" in runs[0].marks and not all_italic:
        return False
    return bool(_ORGAN.search(text)) and text[:1].isupper()


def _is_organ_heading(text: str) -> bool:
    """The organ's name alone, without article or comma ("General Assembly", "Assemblée des États
    Parties"): the heading of a masthead or of a first-page header, not the enacting formula."""
    return bool(_ORGAN_NAME.match(text)) and not text.endswith(",") and not _ARTICLE.match(text)


_ARTICLE = re.compile(r"^(?:The\s|L['’]|La\s|Le\s)")


def _is_heading_like(inlines: list[Inline]) -> bool:
    text = plain_text(inlines).strip()
    return bool(text) and not text.endswith(_TERMINAL) and len(text.split()) <= 25 and not text[0].islower()


def _is_masthead_line(text: str) -> bool:
    return _masthead.is_masthead_line(text)


def _mark_single_operative(units: list[Unit]) -> None:
    """UN rule: a single operative paragraph is not numbered.

    In a text without numbered paragraphs, the first paragraph after the masthead that does
    not end with a comma (and is not a heading) is the operative paragraph; sub-paragraphs
    may follow it.
    """
    if any(u.kind == "item" for u in units):
        return
    for unit in units:
        if unit.kind != "para":
            continue
        text = plain_text(unit.inlines).strip()
        if not text or text.endswith(",") or _is_heading_like(unit.inlines) or _is_masthead_line(text):
            continue
        if SUB_MARKER.match(unit.probe.lstrip()) or PART_MARKER.match(unit.probe.lstrip()):
            continue
        unit.kind, unit.number = "item", None
        return


def _check_language(language: str | None) -> None:
    if language is not None and language not in LANGUAGES:
        raise UsageError(f"unknown language {language!r}", hint="use --lang fr or --lang en")



def continues_paragraph(prev: list[Inline] | Inlines, unit: Unit) -> bool:
    """Does ``unit`` continue the paragraph ``prev``, though it starts with a capital or a digit?

    A page break can split a paragraph before a capitalised word ("… a Group of Scientific
    and" / "Technical Experts on …, as well as …,", A/RES/80/53). It reads as the rest of the
    previous paragraph when: the previous paragraph does not end with punctuation; this one is
    a plain paragraph (no number, no sub-paragraph marker, no italic or lexicon lead such as
    "Recalling" or "Decides", not a masthead or closing line); and either it ends with
    punctuation (headings never do) or the previous one ends with a word that cannot end a
    paragraph ("and", "of", "the", "de", "la", …).
    """
    if unit.kind != "para":
        return False
    probe = unit.probe.lstrip()
    if SUB_MARKER.match(probe) or OP_MARKER.match(probe):
        return False
    text = plain_text(unit.inlines).strip()
    before = plain_text(prev).rstrip()
    if not text or not before or before.endswith(_TERMINAL) or _RULE.match(text):
        return False
    first = next((i for i in unit.inlines if isinstance(i, Text) and i.text.strip()), None)
    if first is not None and "i" in first.marks:
        return False
    if starts_with_lead(text) or _is_masthead_line(text) or _masthead.is_closing_line(text):
        return False
    if _ANNEX.match(text) or PART_MARKER.match(probe):
        return False
    return text.endswith(_TERMINAL) or bool(_FUNCTION_END.search(before))


def _open_paragraph(b: "_Builder") -> Inlines | None:
    """The content of the paragraph the builder would continue (last sub-paragraph first)."""
    if b.subs_open:
        last = b.subs_open[-1]
        return last.subs[-1].content if last.subs else last.content
    if b.blocks and isinstance(b.blocks[-1], (Preambular, Operative)):
        return b.blocks[-1].content
    if b.blocks and isinstance(b.blocks[-1], Heading) and b.region == "preamble":
        # "*Recalling further* the concept of a Group of Scientific and": a paragraph cut
        # short, read as a heading for want of punctuation
        content = b.blocks[-1].content
        if lead(content) or starts_with_lead(plain_text(content)):
            return content
    return None


def classify(
    body: list[Unit],
    footnotes: list[Footnote],
    meta: Meta,
    *,
    file: str,
    language: str | None = None,
    report: ImportReport | None = None,
    where: dict[int, str] | None = None,
    strict: bool = False,
) -> Resolution:
    """Read ``body`` (units without footnote definitions) as a resolution; see the module doc.

    ``meta`` is what the source said explicitly (front matter); masthead lines and the closing
    line (:mod:`resodraft.readers.masthead`) fill what it leaves unset. ``language``
    (``fr``/``en``) is used when ``meta`` does not say; otherwise the language is guessed from
    the text. ``report``, when given, records what the masthead and closing line gave;
    ``where`` names a unit's place for it (``page 2, line 5`` for a PDF) when ``line N`` would
    not do. ``strict`` (documents resodraft did not write: PDF, pasted text): a text with
    neither an enacting formula nor a numbered operative paragraph (a letter, a report) is no
    resolution — the UN's one unnumbered operative paragraph counts only after a formula.

    A paragraph that continues the previous one after a page break but starts with a capital
    (:func:`continues_paragraph`) is an error naming the line: "join this line to the previous
    paragraph" (the text reader joins such lines itself before classifying). A horizontal rule
    (``---``) is layout and is skipped. Text after the closing line ("35th plenary meeting")
    is an annex, which resodraft does not read: an error naming its line.
    """
    # paragraphs cut by a page break: the next part starts in lower case
    joined: list[Unit] = []
    for unit in body:
        if (
            joined
            and unit.kind == "para"
            and joined[-1].kind in ("para", "item")
            and _ends_open(joined[-1].inlines)
            and _starts_lower(unit)
        ):
            joined[-1].inlines.extend([Text(" "), *unit.inlines])
        else:
            joined.append(unit)
    _mark_single_operative(joined)

    b = _Builder(file)
    closing: tuple[str, int] | None = None
    for index, unit in enumerate(joined):
        content = unit.inlines
        text_ = plain_text(content).strip()
        probe = unit.probe.lstrip()
        if unit.kind != "item" and _RULE.match(text_):
            continue
        if closing is not None and text_:
            raise ParseError(
                f"text after the closing line '{closing[0]}' (line {closing[1]}): an annex?",
                file=file,
                line=unit.line,
                hint="resodraft reads a resolution without its annexes: remove the annex from this file, or import it on its own",
            )
        if unit.kind == "bullet":
            raise ParseError(
                "bulleted lists are not part of a resolution",
                file=file,
                line=unit.line,
                hint="number operative paragraphs '1.', letter sub-paragraphs 'a)' or '(a)'",
            )
        if unit.kind in ("heading", "para") and b.region != "masthead" and _masthead.is_closing_line(text_):
            closing = (text_, unit.line)
            continue
        if unit.kind == "heading":
            level = int(unit.number or 2)
            m = PART_MARKER.match(probe)
            # a lettered part is "A. …" in a top-level heading, or in any heading when it is
            # the next letter (Word files give parts the outline level they like: resodraft's
            # put the title above them)
            if m and (level == 1 or m.group(1) == b.expected_part()):
                b.part(m.group(1), _finish(_drop_prefix(content, m.start(2))), unit.line)
            elif level == 1 and b.region == "masthead":
                b.masthead.append((_masthead_text(content), unit.line))
            else:
                b.add(Heading(_finish(content), max(2, level), line=unit.line))
            continue
        if unit.kind == "item":
            if not text_:
                raise ParseError(
                    f"operative paragraph {unit.number} is empty",
                    file=file,
                    line=unit.line,
                    hint="write its text after the number, or remove the number",
                )
            number = str(int(unit.number)) if unit.number is not None else None
            b.operative(number, _finish(content), unit.line)
            continue
        if not text_:
            continue
        sub = SUB_MARKER.match(probe)
        if sub and b.region == "operative" and b.blocks and isinstance(b.blocks[-1], Operative):
            nxt = joined[index + 1] if index + 1 < len(joined) else None
            following = None
            if nxt is not None and nxt.kind == "para":
                m2 = SUB_MARKER.match(nxt.probe.lstrip())
                following = m2.group(2) if m2 else None
            b.sub(sub, _finish(_drop_prefix(content, sub.end())), unit.line, following)
            continue
        part = PART_MARKER.match(probe)
        if (
            part
            and part.group(1) == b.expected_part()
            and _is_heading_like(content)
            and len(text_.split()) <= 15
        ):
            b.part(part.group(1), _finish(_drop_prefix(content, part.start(2))), unit.line)
            continue
        if b.region == "masthead":
            # the organ's name alone ("General Assembly", no article, no comma) is the masthead's
            # heading (a page header of resodraft's own first page), not the formula
            if _is_formula(content) and not _is_organ_heading(text_):
                b.formula = _finish(content)
                b.region = "preamble"
                continue
            nxt = joined[index + 1] if index + 1 < len(joined) else None
            if text_.endswith(","):
                b.region = "preamble"
            elif (
                _is_masthead_line(text_)
                or _is_heading_like(content)
                or text_.endswith("]")
                # the title right above the formula, however long, or ending " :" as library
                # records write it ("Report of the International Criminal Court :")
                or (nxt is not None and nxt.kind == "para" and _is_formula(nxt.inlines))
            ):
                b.masthead.append((_masthead_text(content), unit.line))
                continue
            else:
                b.region = "preamble"
        previous = _open_paragraph(b)
        if previous is not None and continues_paragraph(previous, unit):
            raise ParseError(
                "this line continues the previous paragraph, which does not end with punctuation "
                "(a paragraph split by a page break?)",
                file=file,
                line=unit.line,
                hint="join this line to the previous paragraph",
            )
        if b.region == "preamble":
            if _is_heading_like(content):
                b.add(Heading(_finish(content), line=unit.line))
            else:
                b.add(Preambular(_finish(content), line=unit.line))
            continue
        # operative region: a heading, or a preambular-type paragraph, or a stray paragraph
        if _is_heading_like(content):
            b.add(Heading(_finish(content), line=unit.line))
        elif text_.endswith(","):
            b.add(Preambular(_finish(content), line=unit.line))
        else:
            raise ParseError(
                "paragraph has no number, but operative paragraphs are numbered",
                file=file,
                line=unit.line,
                hint="number it ('12. …'); a heading has no final punctuation, or write it '## Heading'",
            )
    b.finish()

    blocks = b.blocks
    numbered = any(isinstance(x, Operative) and x.number is not None for x in blocks)
    if not any(isinstance(x, Operative) for x in blocks) or (strict and b.formula is None and not numbered):
        last = blocks[-1] if blocks else None
        raise ParseError(
            "no operative paragraph found: this does not read as a resolution",
            file=file,
            line=(last.line if last is not None and last.line else 1),
            hint="operative paragraphs are numbered '1. *Decides* … ;' (see docs/format.md)",
        )

    meta, said = _masthead.read_masthead(meta, [t for t, _ in b.masthead], closing[0] if closing else None)
    if report is not None:
        place = (lambda n: (where or {}).get(n) or f"line {n}")  # noqa: E731
        first = place(b.masthead[0][1]) if b.masthead else None
        for sentence in said:
            kind = "masthead-dropped" if sentence.startswith("dropped") else "masthead"
            report.add(kind, f"masthead → front matter {sentence}" if kind == "masthead" else sentence, first)
        if closing is not None:
            report.add("closing-line", f"closing line '{closing[0]}' → front matter", place(closing[1]))
    if meta.language is None:
        meta = replace(meta, language=language or guess_language(_all_text(b.formula, blocks)))
    res = Resolution(meta=meta, formula=b.formula, blocks=tuple(blocks), footnotes=tuple(footnotes))
    return with_uids(res)



def _masthead_text(inlines: list[Inline]) -> str:
    """A masthead line as front matter writes it: superscripts as ``^e`` ("4^e séance")."""
    return "".join(
        (f"^{i.text}" if "sup" in i.marks else i.text) for i in inlines if isinstance(i, Text)
    ).strip()


def _all_text(formula: Inlines | None, blocks: list[Block]) -> str:
    parts = [plain_text(formula or ())]
    for block in blocks[:20]:
        parts.append(plain_text(block.content))
    return " ".join(parts)
