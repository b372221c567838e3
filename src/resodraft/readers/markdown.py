"""Markdown reader: a draft in the format of ``docs/format.md`` → :class:`~resodraft.model.Resolution`.

Two stages, like pandoc's docx reader:

1. **Parse** with markdown-it-py (CommonMark, strikethrough, front matter and footnote plugins,
   plus a small inline rule for ``7^e`` superscripts) into *units*: one per Markdown paragraph,
   list item or heading, each with its inline content and source line. Soft line breaks that
   start a new numbered or lettered paragraph split a unit, so a draft without blank lines reads
   the same.
2. **Classify** the units the way a drafter reads a resolution: masthead lines, the enacting
   formula, preambular paragraphs, numbered operative paragraphs, sub-paragraphs ``a)``/``(a)``,
   section headings, lettered parts, footnotes. Paragraphs split by a page break (the second
   part starts in lower case) are joined again, and the seed's superscript footnotes
   (``coopération⁵`` and a line ``⁵ text``) become ordinary footnotes.

Guarantees: the result has at least one operative paragraph; every block carries the source
line it starts on; errors are :class:`~resodraft.errors.ParseError` with file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from resodraft.errors import ParseError
from resodraft.model import (
    Block,
    Footnote,
    Heading,
    Inline,
    Inlines,
    Meta,
    NoteRef,
    Operative,
    Part,
    Preambular,
    Resolution,
    SubParagraph,
    Text,
    normalize,
    plain_text,
    with_uids,
)
from resodraft.text import canonical_inlines, guess_language

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

_SUB_MARKER = re.compile(r"^(\()?([a-z]{1,2}|[ivxl]{1,6})\)\s+")
_OP_MARKER = re.compile(r"^(\d{1,4})[.)]\s+")
_PART = re.compile(r"^([A-Z])\.\s+(\S.*)$")
_SEED_NOTE_DEF = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s+")
_SEED_NOTE_CALL = re.compile(rf"(?<=\S)([{SUPERSCRIPT_DIGITS}]+)")
_LITERAL_CALL = re.compile(r"\[\^([^\]\s]+)\]")
_ORGAN = re.compile(
    r"(assembl|conseil|council|conf[ée]rence|commission|board|bureau|comit[ée]|committee)",
    re.IGNORECASE,
)
_SYMBOL_LINE = re.compile(r"^(?:R[ée]solution\s+)?((?:ICC-ASP|A|S|E)/\S+)$")
_ADOPTED = re.compile(r"^(Adopt[ée]e?|Adopted|Resolution adopted)\b", re.IGNORECASE)
_ANNEX = re.compile(r"^(Annexe?|Appendix|Appendice)\b", re.IGNORECASE)
_TERMINAL = (";", ".", ",", ":", "»", "!", "?")
_ROMAN = re.compile(r"^[ivxl]+$")


# --------------------------------------------------------------------------------------------
# stage 1: markdown-it → units


def _superscript_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule for the seed's superscripts: ``7^e``, ``1^er``, ``1^{er}``, ``2^e^``."""
    src, pos = state.src, state.pos
    if src[pos] != "^" or pos + 1 >= state.posMax:
        return False
    if src[pos + 1] == "[":
        return False
    m = re.compile(r"\^(?:\{([^{}\n]{1,12})\}|([^\W_]{1,8})\^?)").match(src, pos, state.posMax)
    if not m:
        return False
    if not silent:
        token = state.push("sup", "sup", 0)
        token.content = m.group(1) or m.group(2)
        token.markup = m.group(0)
    state.pos = m.end()
    return True


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The configured markdown-it parser (built once)."""
    md = (
        MarkdownIt("commonmark", {"html": False})
        .use(front_matter_plugin)
        .use(footnote_plugin, always_match_refs=True)
        .enable("strikethrough")
        # A draft is prose: indentation, HTML, links, code spans and entities are literal text.
        .disable(
            [
                "code",
                "fence",
                "blockquote",
                "hr",
                "reference",
                "html_block",
                "lheading",
                "backticks",
                "link",
                "image",
                "autolink",
                "html_inline",
                "entity",
                "footnote_inline",
                "footnote_tail",
            ]
        )
    )
    md.inline.ruler.before("emphasis", "superscript", _superscript_rule)
    return md


@dataclass
class Unit:
    """One paragraph-like unit of the source, before classification."""

    kind: str  # "para" | "item" | "heading" | "notedef" | "bullet"
    inlines: list[Inline]
    line: int
    number: str | None = None  # list item number, heading level, footnote label
    children: list["Unit"] = field(default_factory=list)
    split: bool = False  # started by a soft line break inside a Markdown paragraph


def _inline_lines(token: Token) -> list[list[Inline]]:
    """Convert an ``inline`` token's children to inlines, split at soft line breaks."""
    lines: list[list[Inline]] = [[]]
    marks: list[str] = []
    for child in token.children or []:
        t = child.type
        if t == "text":
            lines[-1].append(Text(child.content, frozenset(marks)))
        elif t in ("softbreak", "hardbreak"):
            lines.append([])
        elif t == "em_open":
            marks.append("i")
        elif t == "strong_open":
            marks.append("b")
        elif t == "s_open":
            marks.append("s")
        elif t in ("em_close", "strong_close", "s_close"):
            want = {"em_close": "i", "strong_close": "b", "s_close": "s"}[t]
            for k in range(len(marks) - 1, -1, -1):
                if marks[k] == want:
                    del marks[k]
                    break
        elif t == "sup":
            lines[-1].append(Text(child.content, frozenset(marks) | {"sup"}))
        elif t == "footnote_ref":
            lines[-1].append(NoteRef(str(child.meta["label"])))
        else:  # anything else is kept as its source text
            lines[-1].append(Text(child.content or child.markup, frozenset(marks)))
    return lines


def _starts_new_unit(line: list[Inline]) -> bool:
    text = plain_text(line[:3]).lstrip()
    return bool(_SUB_MARKER.match(text) or _OP_MARKER.match(text))


def _split_lines(kind: str, lines: list[list[Inline]], line: int, number: str | None) -> list[Unit]:
    """Join soft-wrapped lines with a space; a line starting ``a)`` or ``5.`` starts a new unit."""
    units = [Unit(kind, list(lines[0]), line, number)]
    for offset, ln in enumerate(lines[1:], start=1):
        if _starts_new_unit(ln):
            units.append(Unit("para", list(ln), line + offset, split=True))
        else:
            units[-1].inlines.append(Text(" "))
            units[-1].inlines.extend(ln)
    return units


def parse_units(text: str, file: str) -> tuple[str | None, list[Unit]]:
    """Stage 1: the front matter (raw) and the units of ``text``."""
    tokens = parser().parse(text, {})
    front: str | None = None
    units: list[Unit] = []
    stack: list[Unit] = []  # open list items / footnote definitions
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        line = (tok.map[0] + 1) if tok.map else (stack[-1].line if stack else 1)
        if t == "front_matter":
            front = tok.content
        elif t == "heading_open":
            inline = tokens[i + 1]
            level = int(tok.tag[1])
            units.append(Unit("heading", _inline_lines(inline)[0], line, str(level)))
            for extra in _inline_lines(inline)[1:]:
                units[-1].inlines.append(Text(" "))
                units[-1].inlines.extend(extra)
            i += 3
            continue
        elif t == "list_item_open":
            kind = "item" if tok.markup in (".", ")") else "bullet"
            unit = Unit(kind, [], line, tok.info or None)
            (stack[-1].children if stack else units).append(unit)
            stack.append(unit)
        elif t == "footnote_reference_open":
            unit = Unit("notedef", [], line, str(tok.meta["label"]))
            units.append(unit)
            stack.append(unit)
        elif t in ("list_item_close", "footnote_reference_close"):
            stack.pop()
        elif t == "paragraph_open":
            inline = tokens[i + 1]
            lines = _inline_lines(inline)
            owner = stack[-1] if stack else None
            if owner is not None and not owner.inlines and not owner.children:
                # first paragraph of a list item / footnote: its own content
                first = _split_lines("para", lines, line, None)
                owner.inlines.extend(first[0].inlines)
                owner.children.extend(first[1:])
            else:
                parts = _split_lines("para", lines, line, None)
                (owner.children if owner is not None else units).extend(parts)
            i += 3
            continue
        i += 1
    return front, _flatten(units)


def _flatten(units: list[Unit]) -> list[Unit]:
    """List items and footnotes keep their first paragraph; later paragraphs follow as units."""
    out: list[Unit] = []
    for unit in units:
        children, unit.children = unit.children, []
        if unit.kind == "notedef":
            for child in children:  # a multi-paragraph footnote: join with a space
                unit.inlines.append(Text(" "))
                unit.inlines.extend(child.inlines)
            out.append(unit)
            continue
        out.append(unit)
        out.extend(_flatten(children))
    # a numbered line produced by a soft-break split is an operative item
    for unit in out:
        if unit.kind == "para":
            m = _OP_MARKER.match(plain_text(unit.inlines[:3]).lstrip())
            if m and unit.split:
                unit.kind, unit.number = "item", m.group(1)
                unit.inlines = _drop_prefix(unit.inlines, m.end())
    return out


# --------------------------------------------------------------------------------------------
# inline helpers


def _drop_prefix(inlines: list[Inline], n: int) -> list[Inline]:
    """Remove leading white space and then ``n`` characters (a marker such as ``a) ``)."""
    out: list[Inline] = []
    started = False
    for item in inlines:
        if isinstance(item, Text) and (n > 0 or not started):
            t = item.text if started else item.text.lstrip()
            started = started or bool(t)
            cut = min(n, len(t))
            t, n = t[cut:], n - cut
            if t:
                out.append(Text(t, item.marks))
        else:
            started = True
            out.append(item)
    return out


def _strip(inlines: list[Inline]) -> list[Inline]:
    """Trim whitespace at both ends."""
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
    """Canonical inline tuple: trimmed, single spaces kept as written, runs merged."""
    return canonical_inlines(normalize(_strip(inlines)))


def _convert_calls(inlines: list[Inline], seed_ids: set[str]) -> list[Inline]:
    """Turn literal ``[^n]`` and the seed's superscript calls (``⁵``) into :class:`NoteRef`."""
    out: list[Inline] = []
    for item in inlines:
        if not isinstance(item, Text) or "sup" in item.marks:
            out.append(item)
            continue
        pos = 0
        text = item.text
        pattern = _LITERAL_CALL if not seed_ids else re.compile(
            rf"{_LITERAL_CALL.pattern}|{_SEED_NOTE_CALL.pattern}"
        )
        for m in pattern.finditer(text):
            if m.group(1):
                ident = m.group(1)
            else:
                ident = m.group(2).translate(_SUP_TO_ASCII)
                if ident not in seed_ids:
                    continue
            out.append(Text(text[pos : m.start()], item.marks))
            out.append(NoteRef(ident))
            pos = m.end()
        out.append(Text(text[pos:], item.marks))
    return out


def _ends_open(inlines: list[Inline]) -> bool:
    """True when the text does not end with punctuation (a paragraph cut by a page break)."""
    text = plain_text(inlines).rstrip()
    return bool(text) and not text.endswith(_TERMINAL)


def _starts_lower(inlines: list[Inline]) -> bool:
    text = plain_text(inlines).lstrip()
    return bool(text) and text[0].islower() and not _SUB_MARKER.match(text)


# --------------------------------------------------------------------------------------------
# front matter


_FRONT_KEYS = ("symbol", "title", "language", "session", "date", "adopted")


def parse_front_matter(raw: str, file: str) -> Meta:
    """Flat ``key: value`` front matter (a small, documented subset of YAML)."""
    known: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    for offset, line in enumerate(raw.splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or not key or " " in key or line[:1].isspace():
            raise ParseError(
                f"front matter line is not 'key: value': {line.strip()!r}",
                file=file,
                line=offset,
                hint="write one 'key: value' per line between the '---' lines",
            )
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if key in _FRONT_KEYS:
            known[key] = value
        else:
            extra.append((key, value))
    lang = known.get("language")
    if lang is not None and lang not in ("fr", "en"):
        raise ParseError(
            f"unknown language {lang!r} in front matter",
            file=file,
            line=2,
            hint="use 'language: fr' or 'language: en'",
        )
    return Meta(**known, extra=tuple(extra))


# --------------------------------------------------------------------------------------------
# stage 2: classify


def _roman_value(s: str) -> int:
    vals = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


def _letter_next(prev: str) -> str:
    return chr(ord(prev[-1]) + 1) if len(prev) == 1 else prev


class _Builder:
    """Accumulates classified blocks; keeps the state a drafter keeps while reading."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.blocks: list[Block] = []
        self.formula: Inlines | None = None
        self.masthead: list[str] = []
        self.region = "masthead"  # → "preamble" → "operative"
        self.subs_open: list[SubParagraph] = []  # level-1 subs of the current operative
        self.sub_style: str | None = None

    # -- operative and sub-paragraphs

    def _close_operative(self) -> None:
        if self.blocks and isinstance(self.blocks[-1], Operative) and self.subs_open:
            self.blocks[-1] = replace(self.blocks[-1], subs=tuple(self.subs_open))
        self.subs_open = []

    def operative(self, number: str, content: Inlines, line: int) -> None:
        self._close_operative()
        self.region = "operative"
        self.blocks.append(Operative(number, content, line=line))

    def sub(self, marker: re.Match[str], content: Inlines, line: int) -> None:
        paren, number = bool(marker.group(1)), marker.group(2)
        style = "()" if paren else ")"
        level = 1
        if self.subs_open:
            last = self.subs_open[-1]
            expected = _letter_next(last.number)
            if number != expected and _ROMAN.match(number) and (
                not last.subs or _roman_value(number) == _roman_value(last.subs[-1].number) + 1
            ):
                level = 2
            elif last.subs and number != expected and _ROMAN.match(number):
                level = 2
        sub = SubParagraph(number, content, style=style, line=line)
        if level == 2:
            last = self.subs_open[-1]
            self.subs_open[-1] = replace(last, subs=last.subs + (sub,))
        else:
            self.subs_open.append(sub)

    def add(self, block: Block) -> None:
        self._close_operative()
        self.blocks.append(block)

    def finish(self) -> None:
        self._close_operative()


def _is_formula(inlines: list[Inline]) -> bool:
    text = plain_text(inlines).strip()
    if not text.endswith(",") or len(text.split()) > 10:
        return False
    first = next((i for i in inlines if isinstance(i, Text) and i.text.strip()), None)
    if first is not None and "i" in first.marks:
        return False
    return bool(_ORGAN.search(text)) and text[:1].isupper()


def _is_heading_like(inlines: list[Inline]) -> bool:
    text = plain_text(inlines).strip()
    return bool(text) and not text.endswith(_TERMINAL) and len(text.split()) <= 25 and not text[0].islower()


def read_markdown(text: str, file: str = "<draft>", language: str | None = None) -> Resolution:
    """Read a draft (``docs/format.md``) into a :class:`Resolution`. Raises :class:`ParseError`."""
    raw_front, units = parse_units(text, file)
    meta = parse_front_matter(raw_front, file) if raw_front is not None else Meta()

    # seed-style footnote definitions: "⁵ ICC-ASP/19/25."
    seed_ids: set[str] = set()
    for unit in units:
        if unit.kind == "para":
            m = _SEED_NOTE_DEF.match(plain_text(unit.inlines[:1]))
            if m:
                unit.kind = "notedef"
                unit.number = m.group(1).translate(_SUP_TO_ASCII)
                unit.inlines = _drop_prefix(unit.inlines, m.end())
                seed_ids.add(unit.number)
    for unit in units:
        unit.inlines = _convert_calls(unit.inlines, seed_ids)

    footnotes = [
        Footnote(u.number or "", _finish(u.inlines), line=u.line) for u in units if u.kind == "notedef"
    ]
    body = [u for u in units if u.kind != "notedef"]

    # paragraphs cut by a page break: the next part starts in lower case
    joined: list[Unit] = []
    for unit in body:
        if (
            joined
            and unit.kind == "para"
            and joined[-1].kind in ("para", "item")
            and _ends_open(joined[-1].inlines)
            and _starts_lower(unit.inlines)
        ):
            joined[-1].inlines.extend([Text(" ")] + unit.inlines)
        else:
            joined.append(unit)

    b = _Builder(file)
    for unit in joined:
        content = unit.inlines
        text_ = plain_text(content).strip()
        if unit.kind == "bullet":
            raise ParseError(
                "bulleted lists are not part of a resolution",
                file=file,
                line=unit.line,
                hint="number operative paragraphs '1.', letter sub-paragraphs 'a)' or '(a)'",
            )
        if unit.kind == "heading":
            m = _PART.match(text_)
            if m and (unit.number == "1" or len(text_.split()) <= 15):
                b.add(Part(m.group(1), _finish(_drop_prefix(content, m.start(2))), line=unit.line))
                b.region = "operative"
            elif b.region == "masthead" and unit.number == "1":
                b.masthead.append(text_)
            else:
                b.add(Heading(_finish(content), int(unit.number or 2), line=unit.line))
            continue
        if unit.kind == "item":
            if not text_:
                raise ParseError(
                    f"operative paragraph {unit.number} is empty",
                    file=file,
                    line=unit.line,
                    hint="write its text after the number, or remove the number",
                )
            b.operative(str(int(unit.number or "1")), _finish(content), unit.line)
            continue
        if not text_:
            continue
        sub = _SUB_MARKER.match(text_)
        if sub and b.region == "operative" and b.blocks and isinstance(b.blocks[-1], Operative):
            b.sub(sub, _finish(_drop_prefix(content, sub.end())), unit.line)
            continue
        part = _PART.match(text_)
        if part and _is_heading_like(content) and len(text_.split()) <= 15:
            b.add(Part(part.group(1), _finish(_drop_prefix(content, part.start(2))), line=unit.line))
            b.region = "operative"
            continue
        if b.region == "masthead":
            if _is_formula(content):
                b.formula = _finish(content)
                b.region = "preamble"
                continue
            if text_.endswith(","):
                b.region = "preamble"
            elif _is_heading_like(content) or text_.endswith("]"):
                b.masthead.append(text_)
                continue
            else:
                b.region = "preamble"
        if b.region == "preamble":
            if _is_heading_like(content) and not text_.endswith(","):
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
                hint="number it ('12. …') or, if it is a heading, put it on a line of its own",
            )
    b.finish()

    blocks = b.blocks
    operative = [x for x in blocks if isinstance(x, Operative)]
    if not operative:
        # UN rule: a single operative paragraph is not numbered; it is the last paragraph
        # of the text and does not end with a comma.
        last = blocks[-1] if blocks else None
        if isinstance(last, Preambular) and not plain_text(last.content).rstrip().endswith(","):
            blocks[-1] = Operative(None, last.content, line=last.line)
        else:
            raise ParseError(
                "no operative paragraph found: this does not read as a resolution",
                file=file,
                line=(last.line if last and last.line else 1),
                hint="operative paragraphs are numbered '1. *Verbe* … ;' (see docs/format.md)",
            )

    meta = _meta_from_masthead(meta, b.masthead)
    if meta.language is None:
        meta = replace(meta, language=language or guess_language(_all_text(b.formula, blocks)))
    res = Resolution(meta=meta, formula=b.formula, blocks=tuple(blocks), footnotes=tuple(footnotes))
    return with_uids(res)


def _all_text(formula: Inlines | None, blocks: list[Block]) -> str:
    parts = [plain_text(formula or ())]
    for block in blocks[:20]:
        parts.append(plain_text(block.content))
    return " ".join(parts)


def _meta_from_masthead(meta: Meta, lines: list[str]) -> Meta:
    """Symbol, adoption line and title from the lines before the enacting formula."""
    title = None
    for line in lines:
        m = _SYMBOL_LINE.match(line)
        if m and meta.symbol is None:
            meta = replace(meta, symbol=m.group(1))
        elif _ADOPTED.match(line) and meta.adopted is None:
            meta = replace(meta, adopted=line)
        elif not _ANNEX.match(line) and not line.startswith("["):
            title = line
    if title and meta.title is None:
        meta = replace(meta, title=title)
    return meta


def read_markdown_file(path: str, language: str | None = None) -> Resolution:
    """Read a draft file (see :func:`resodraft.readers.read_text`) into a :class:`Resolution`."""
    from resodraft.readers import read_text

    return read_markdown(read_text(path), file=path, language=language)
