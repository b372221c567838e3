"""Markdown reader: a draft in the format of ``docs/format.md`` → :class:`~resodraft.model.Resolution`.

Two stages, like pandoc's docx reader:

1. **Parse** with markdown-it-py (CommonMark, strikethrough, front matter and footnote plugins,
   plus a small inline rule for ``7^e`` superscripts) into *units*: one per Markdown paragraph,
   list item or heading, each with its inline content, its source line and its *probe* (the
   source of its first line with markup and backslash escapes kept, so ``a\\)`` is not read as
   a sub-paragraph marker). Hard-wrapped lines are joined with a space. A line starts a new
   unit when the line before it ends a paragraph and it begins like a new one (rules in
   :func:`_starts_new_unit`), so a draft without blank lines reads the same.
2. **Classify** the units the way a drafter reads a resolution: masthead lines, the enacting
   formula, preambular paragraphs, numbered operative paragraphs, sub-paragraphs ``a)``/``(a)``,
   section headings, lettered parts, footnotes. Paragraphs split by a page break (the second
   part starts in lower case) are joined again, and the seed's superscript footnotes
   (``coopération⁵`` and a line ``⁵ text``) become ordinary footnotes.

Guarantees: the result has at least one operative paragraph; every block carries the source
line it starts on; inline content is canonical (:func:`resodraft.text.canonical_inlines`);
errors are :class:`~resodraft.errors.ParseError` with file and line.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from resodraft.errors import ParseError, UsageError
from resodraft.model import (
    META_KEYS,
    STATUSES,
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
from resodraft.text import LANGUAGES, canonical_inlines, guess_language

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

SUB_MARKER = re.compile(r"^(\()?([a-z]{1,2}|[ivxl]{1,6})\)\s+")
"""A sub-paragraph marker at the start of a line: ``a) ``, ``(a) ``, ``ii) ``, ``(iii) ``."""
OP_MARKER = re.compile(r"^(\d{1,4})[.)]\s+")
"""An operative paragraph number at the start of a line: ``12. ``."""
PART_MARKER = re.compile(r"^([A-Z])\.\s+(\S.*)$")
"""A lettered part: ``A. Coopération``."""

_SEED_NOTE_DEF = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s+")
_SEED_NOTE_CALL = re.compile(rf"(?<=\S)([{SUPERSCRIPT_DIGITS}]+)")
_SUPERSCRIPT = re.compile(r"\^(?:\{((?:\\[^\n]|[^{}\\\n]){1,40})\}|([^\W_]{1,8})\^?)")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ORGAN = re.compile(
    r"(assembl|conseil|council|conf[ée]rence|commission|board|bureau|comit[ée]|committee)",
    re.IGNORECASE,
)
_SYMBOL_LINE = re.compile(r"^(?:R[ée]solution\s+)?((?:ICC-ASP|A|S|E)/\S+)$")
_ADOPTED = re.compile(r"^(Adopt[ée]e?s?|Adopted|Resolution adopted)\b", re.IGNORECASE)
_ANNEX = re.compile(r"^(Annexe?|Appendix|Appendice)\b", re.IGNORECASE)
_RES_NUMBER = re.compile(r"^\d{1,3}/\d{1,4}\.\s+(?=\S)")
_TERMINAL = (";", ".", ",", ":", "»", "!", "?")
_ROMAN = re.compile(r"^[ivxl]+$")
_FRONT_KEY = re.compile(r"^[A-Za-z_][\w-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --------------------------------------------------------------------------------------------
# stage 1: markdown-it → units


def _superscript_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule for the seed's superscripts: ``7^e``, ``1^er``, ``1^{er}``, ``2^e^``."""
    src, pos = state.src, state.pos
    if src[pos] != "^" or pos + 1 >= state.posMax:
        return False
    if src[pos + 1] == "[":
        return False
    m = _SUPERSCRIPT.match(src, pos, state.posMax)
    if not m:
        return False
    if not silent:
        token = state.push("sup", "sup", 0)
        token.content = _UNESCAPE.sub(r"\1", m.group(1)) if m.group(1) is not None else m.group(2)
        token.markup = m.group(0)
    state.pos = m.end()
    return True


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The configured markdown-it parser (built once).

    ``text_join`` is off so that backslash escapes stay visible (``text_special`` tokens):
    the reader needs them to tell ``a\\) …`` (text) from ``a) …`` (a sub-paragraph).
    """
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
                "text_join",
            ]
        )
    )
    md.inline.ruler.before("emphasis", "superscript", _superscript_rule)
    return md


@dataclass
class Line:
    """One source line of a paragraph: its inlines and its *probe*.

    The probe is the line's source as far as classification needs it: text, with emphasis
    delimiters, backslash escapes, superscripts and footnote calls as written. Markers such
    as ``a) `` or ``A. `` count only where the probe starts with them.
    """

    inlines: list[Inline]
    probe: str = ""


_MARK_OF = {"em": "i", "strong": "b", "s": "s"}


def inline_lines(token: Token) -> list[Line]:
    """Convert an ``inline`` token's children to :class:`Line`\\ s (split at line breaks)."""
    lines = [Line([])]
    marks: list[str] = []
    for child in token.children or []:
        t = child.type
        cur = lines[-1]
        if t == "text":
            cur.inlines.append(Text(child.content, frozenset(marks)))
            cur.probe += child.content
        elif t == "text_special":  # a backslash escape: the character, written with its backslash
            cur.inlines.append(Text(child.content, frozenset(marks)))
            cur.probe += child.markup
        elif t in ("softbreak", "hardbreak"):
            lines.append(Line([]))
        elif t.endswith("_open") and t[:-5] in _MARK_OF:
            marks.append(_MARK_OF[t[:-5]])
            cur.probe += child.markup
        elif t.endswith("_close") and t[:-6] in _MARK_OF:
            want = _MARK_OF[t[:-6]]
            for k in range(len(marks) - 1, -1, -1):
                if marks[k] == want:
                    del marks[k]
                    break
            cur.probe += child.markup
        elif t == "sup":
            cur.inlines.append(Text(child.content, frozenset(marks) | {"sup"}))
            cur.probe += child.markup
        elif t == "footnote_ref":
            label = str(child.meta["label"])
            cur.inlines.append(NoteRef(label))
            cur.probe += f"[^{label}]"
        else:  # anything else is kept as its source text
            cur.inlines.append(Text(child.content or child.markup, frozenset(marks)))
            cur.probe += child.content or child.markup
    return lines


def _inline_lines(token: Token) -> list[list[Inline]]:
    """The inlines of each line of an ``inline`` token (see :func:`inline_lines`)."""
    return [line.inlines for line in inline_lines(token)]


def parse_inline(text: str) -> Inlines:
    """Markdown inline text (``*Se félicite* de la 7^e session[^3] ;``) as canonical inlines.

    Line breaks become spaces. Used for the text of amendments.
    """
    tokens = parser().parseInline(text.strip(), {})
    inlines: list[Inline] = []
    for n, line in enumerate(inline_lines(tokens[0]) if tokens else []):
        if n:
            inlines.append(Text(" "))
        inlines.extend(line.inlines)
    return _finish(inlines)


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


def _line_end(line: Line) -> str:
    text = plain_text(line.inlines).rstrip()
    return text[-1:]


def _starts_new_unit(prev: Line, line: Line) -> bool:
    """Does ``line`` start a new paragraph, in a Markdown paragraph without blank lines?

    The rules a drafter would state: a line starting with an operative number (``5. ``) after
    a line ending with ``;`` ``:`` ``.`` or ``,``; a line starting with a sub-paragraph marker
    (``b) ``, ``(b) ``) after a line ending with ``;`` ``:`` or ``.``; a line starting with a
    capitalised italic word (``*Convinced* …``) after a line ending with a comma (the next
    preambular paragraph). Elsewhere a line break is only a hard wrap: "in subparagraph
    (b) of paragraph 4" stays one paragraph.
    """
    end = _line_end(prev)
    probe = line.probe.lstrip()
    if OP_MARKER.match(probe):
        return end in (";", ":", ".", ",")
    if SUB_MARKER.match(probe):
        return end in (";", ":", ".")
    if end == "," and probe[:1] in ("*", "_"):
        first = next((i for i in line.inlines if not (isinstance(i, Text) and not i.text.strip())), None)
        return isinstance(first, Text) and "i" in first.marks and first.text.lstrip()[:1].isupper()
    return False


def _split_lines(kind: str, lines: list[Line], line: int, number: str | None) -> list[Unit]:
    """Join hard-wrapped lines with a space; a line that starts a new paragraph starts a unit."""
    units = [Unit(kind, list(lines[0].inlines), line, number, probe=lines[0].probe)]
    for offset, ln in enumerate(lines[1:], start=1):
        if _starts_new_unit(lines[offset - 1], ln):
            units.append(Unit("para", list(ln.inlines), line + offset, split=True, probe=ln.probe))
        else:
            units[-1].inlines.append(Text(" "))
            units[-1].inlines.extend(ln.inlines)
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
            lines = inline_lines(tokens[i + 1])
            unit = Unit("heading", list(lines[0].inlines), line, tok.tag[1:], probe=lines[0].probe)
            for extra in lines[1:]:
                unit.inlines.append(Text(" "))
                unit.inlines.extend(extra.inlines)
            (stack[-1].children if stack else units).append(unit)
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
            parts = _split_lines("para", inline_lines(tokens[i + 1]), line, None)
            owner = stack[-1] if stack else None
            if owner is not None and not owner.inlines and not owner.children:
                # first paragraph of a list item / footnote: its own content
                owner.inlines.extend(parts[0].inlines)
                owner.probe = parts[0].probe
                owner.children.extend(parts[1:])
            else:
                (owner.children if owner is not None else units).extend(parts)
            i += 3
            continue
        i += 1
    if front is None and text.split("\n", 1)[0].rstrip() == "---":
        raise ParseError(
            "the front matter is not closed",
            file=file,
            line=1,
            hint="end it with a line '---' (or remove the '---' on line 1)",
        )
    return front, _flatten(units)


def _flatten(units: list[Unit]) -> list[Unit]:
    """List items and footnotes keep their first paragraph; later paragraphs follow as units.

    A line that :func:`_split_lines` split off and that starts with an operative number
    becomes an operative item.
    """
    out: list[Unit] = []
    for unit in units:
        children, unit.children = unit.children, []
        if unit.kind == "notedef":
            for child in _flatten(children):  # a multi-paragraph footnote: join with a space
                unit.inlines.append(Text(" "))
                unit.inlines.extend(child.inlines)
            out.append(unit)
            continue
        out.append(unit)
        out.extend(_flatten(children))
    for unit in out:
        if unit.kind == "para" and unit.split:
            m = OP_MARKER.match(unit.probe.lstrip())
            if m:
                unit.kind, unit.number = "item", m.group(1)
                unit.inlines = _drop_prefix(unit.inlines, m.end())
                unit.probe = unit.probe.lstrip()[m.end() :]
    return out


# --------------------------------------------------------------------------------------------
# inline helpers


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


def _convert_calls(inlines: list[Inline], seed_ids: set[str]) -> list[Inline]:
    """Turn the seed's superscript calls (``coopération⁵``) into :class:`NoteRef`.

    Only superscript numbers that a seed-style definition (a line ``⁵ text``) defines are
    calls; any other superscript digit (``m²``) is text. Markdown calls ``[^5]`` are read by
    markdown-it; an escaped ``\\[^5]`` stays text.
    """
    if not seed_ids:
        return list(inlines)
    out: list[Inline] = []
    for item in inlines:
        if not isinstance(item, Text) or "sup" in item.marks:
            out.append(item)
            continue
        pos = 0
        text = item.text
        for m in _SEED_NOTE_CALL.finditer(text):
            ident = m.group(1).translate(_SUP_TO_ASCII)
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


def _starts_lower(unit: Unit) -> bool:
    text = plain_text(unit.inlines).lstrip()
    return bool(text) and text[0].islower() and not SUB_MARKER.match(unit.probe.lstrip())


# --------------------------------------------------------------------------------------------
# front matter


_FRONT_KEYS = META_KEYS


def parse_front_matter(raw: str, file: str) -> Meta:
    """Flat ``key: value`` front matter (a small, documented subset of YAML).

    A value may be quoted (``title: "…"``) to keep white space at its ends. ``language`` must
    be ``fr`` or ``en`` and ``date`` a date ``YYYY-MM-DD``; a key may be given once.
    """
    known: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(raw.splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if sep and " " in key and _FRONT_KEY.match(key.replace(" ", "_")) and not line[:1].isspace():
            raise ParseError(
                f"front matter key {key!r} has a space in it",
                file=file,
                line=lineno,
                hint=f"write the key as one word, e.g. '{key.replace(' ', '_')}:'",
            )
        if not sep or not _FRONT_KEY.match(key) or line[:1].isspace():
            shown = line.strip()
            shown = shown if len(shown) <= 60 else shown[:57] + "…"
            raise ParseError(
                f"front matter line is not 'key: value': {shown!r}",
                file=file,
                line=lineno,
                hint="write one 'key: value' per line between the '---' lines",
            )
        if key in seen:
            raise ParseError(
                f"front matter key {key!r} is given twice (first on line {seen[key]})",
                file=file,
                line=lineno,
                hint="keep one of the two lines",
            )
        seen[key] = lineno
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if key == "language" and value not in LANGUAGES:
            raise ParseError(
                f"unknown language {value!r} in front matter",
                file=file,
                line=lineno,
                hint="use 'language: fr' or 'language: en'",
            )
        if key == "date" and not _is_date(value):
            raise ParseError(
                f"date {value!r} is not a date written YYYY-MM-DD",
                file=file,
                line=lineno,
                hint="write it like 'date: 2021-12-09'",
            )
        if key == "status" and value not in STATUSES:
            raise ParseError(
                f"unknown status {value!r} in front matter",
                file=file,
                line=lineno,
                hint="use 'status: draft' (a text under negotiation) or 'status: adopted'",
            )
        if key in _FRONT_KEYS:
            known[key] = value
        else:
            extra.append((key, value))
    return Meta(**known, extra=tuple(extra))


def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------------------------
# stage 2: classify


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
        self.masthead: list[str] = []
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


def _is_masthead_line(text: str) -> bool:
    return bool(_SYMBOL_LINE.match(text) or _ADOPTED.match(text))


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


def read_markdown(text: str, file: str = "<draft>", language: str | None = None) -> Resolution:
    """Read a draft (``docs/format.md``) into a :class:`Resolution`. Raises :class:`ParseError`.

    ``language`` (``fr``/``en``) is used when the front matter does not say; otherwise the
    language is guessed from the text.
    """
    _check_language(language)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    raw_front, units = parse_units(text, file)
    meta = parse_front_matter(raw_front, file) if raw_front is not None else Meta()

    # seed-style footnote definitions: "⁵ ICC-ASP/19/25."
    seed_ids: set[str] = set()
    for unit in units:
        if unit.kind == "para":
            m = _SEED_NOTE_DEF.match(unit.probe)
            if m:
                unit.kind = "notedef"
                unit.number = m.group(1).translate(_SUP_TO_ASCII)
                unit.inlines = _drop_prefix(unit.inlines, m.end())
                seed_ids.add(unit.number)
    for unit in units:
        unit.inlines = _convert_calls(unit.inlines, seed_ids)

    footnotes: list[Footnote] = []
    defined: dict[str, int] = {}
    for unit in units:
        if unit.kind != "notedef":
            continue
        ident = unit.number or ""
        if ident in defined:
            raise ParseError(
                f"footnote {ident} is defined twice (first on line {defined[ident]})",
                file=file,
                line=unit.line,
                hint="give each footnote its own number",
            )
        defined[ident] = unit.line
        footnotes.append(Footnote(ident, _finish(unit.inlines), line=unit.line))
    body = [u for u in units if u.kind != "notedef"]

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
    for index, unit in enumerate(joined):
        content = unit.inlines
        text_ = plain_text(content).strip()
        probe = unit.probe.lstrip()
        if unit.kind == "bullet":
            raise ParseError(
                "bulleted lists are not part of a resolution",
                file=file,
                line=unit.line,
                hint="number operative paragraphs '1.', letter sub-paragraphs 'a)' or '(a)'",
            )
        if unit.kind == "heading":
            level = int(unit.number or 2)
            m = PART_MARKER.match(probe)
            if level == 1 and m:
                b.part(m.group(1), _finish(_drop_prefix(content, m.start(2))), unit.line)
            elif level == 1 and b.region == "masthead":
                b.masthead.append(text_)
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
            if _is_formula(content):
                b.formula = _finish(content)
                b.region = "preamble"
                continue
            if text_.endswith(","):
                b.region = "preamble"
            elif _is_masthead_line(text_) or _is_heading_like(content) or text_.endswith("]"):
                b.masthead.append(text_)
                continue
            else:
                b.region = "preamble"
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
    if not any(isinstance(x, Operative) for x in blocks):
        last = blocks[-1] if blocks else None
        raise ParseError(
            "no operative paragraph found: this does not read as a resolution",
            file=file,
            line=(last.line if last is not None and last.line else 1),
            hint="operative paragraphs are numbered '1. *Decides* … ;' (see docs/format.md)",
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
    """Symbol, adoption line and title from the lines before the enacting formula.

    ``Résolution ICC-ASP/19/Res.2`` or ``A/RES/80/6`` gives the symbol; ``Adoptée …`` /
    ``Resolution adopted …`` the adoption line; the last other line (not ``Annexe I``, not a
    bracketed provenance line) the title, without a resolution number (``80/6. ``).
    Front matter wins over the masthead.
    """
    title = None
    for line in lines:
        m = _SYMBOL_LINE.match(line)
        if m:
            if meta.symbol is None:
                meta = replace(meta, symbol=m.group(1))
        elif _ADOPTED.match(line):
            if meta.adopted is None:
                meta = replace(meta, adopted=line)
        elif not _ANNEX.match(line) and not line.startswith("["):
            title = _RES_NUMBER.sub("", line)
    if title and meta.title is None:
        meta = replace(meta, title=title)
    return meta


def read_markdown_file(path: str, language: str | None = None) -> Resolution:
    """Read a draft file (see :func:`resodraft.readers.read_text`) into a :class:`Resolution`."""
    from resodraft.readers import read_text

    return read_markdown(read_text(path), file=path, language=language)
