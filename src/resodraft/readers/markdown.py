"""Markdown reader: a draft in the format of ``docs/format.md`` → :class:`~resodraft.model.Resolution`.

In stages, like pandoc's docx reader:

1. **Parse** with markdown-it-py (CommonMark, strikethrough, front matter and footnote plugins,
   plus a small inline rule for ``7^e`` superscripts) into *units*: one per Markdown paragraph,
   list item or heading, each with its inline content, its source line and its *probe* (the
   source of its first line with markup and backslash escapes kept, so ``a\\)`` is not read as
   a sub-paragraph marker). Hard-wrapped lines are joined with a space. A line starts a new
   unit when the line before it ends a paragraph and it begins like a new one (rules in
   :func:`_starts_new_unit`), so a draft without blank lines reads the same.
2. **Footnotes**: Markdown footnote definitions, and the seed's superscript footnotes
   (``coopération⁵`` and a line ``⁵ text``), become :class:`~resodraft.model.Footnote`\\ s.
3. **Classify** the rest with :func:`resodraft.readers.classify.classify`, shared by every
   reader: masthead lines, the enacting formula, preambular and operative paragraphs,
   sub-paragraphs, headings, lettered parts; page-break splits joined.

Guarantees: the result has at least one operative paragraph; every block carries the source
line it starts on; inline content is canonical (:func:`resodraft.text.canonical_inlines`);
errors are :class:`~resodraft.errors.ParseError` with file and line.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
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
    Footnote,
    Inline,
    Inlines,
    Meta,
    NoteRef,
    Resolution,
    Text,
    plain_text,
)
from resodraft.readers.report import ImportReport
from resodraft.readers.classify import (
    OP_MARKER,
    SUB_MARKER,
    Unit,
    _drop_prefix,
    _finish,
    classify,
)
from resodraft.text import LANGUAGES, language_tag

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

_SEED_NOTE_DEF = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s+")
_SEED_NOTE_CALL = re.compile(rf"(?<=\S)([{SUPERSCRIPT_DIGITS}]+)")
_SUPERSCRIPT = re.compile(r"\^(?:\{((?:\\[^\n]|[^{}\\\n]){1,40})\}|([^\W_]{1,8})\^?)")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
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
        if key == "language" and language_tag(value) in LANGUAGES:
            value = language_tag(value)
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


def read_markdown(
    text: str, file: str = "<draft>", language: str | None = None, *, report: ImportReport | None = None
) -> Resolution:
    """Read a draft (``docs/format.md``) into a :class:`Resolution`. Raises :class:`ParseError`.

    ``language`` (``fr``/``en``) is used when the front matter does not say; otherwise the
    language is guessed from the text. ``report`` records what the masthead gave.
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

    return classify(body, footnotes, meta, file=file, language=language, report=report)


def _check_language(language: str | None) -> None:
    if language is not None and language not in LANGUAGES:
        raise UsageError(f"unknown language {language!r}", hint="use --lang fr or --lang en")


def read_markdown_file(path: str, language: str | None = None) -> Resolution:
    """Read a draft file (see :func:`resodraft.readers.read_text`) into a :class:`Resolution`."""
    from resodraft.readers import read_text

    return read_markdown(read_text(path), file=path, language=language)
