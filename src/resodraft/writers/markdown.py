"""Markdown writer: :class:`~resodraft.model.Resolution` → the canonical draft (``docs/format.md``).

Guarantees (tested by ``tests/test_roundtrip.py``):

- a canonical file is reproduced byte for byte: ``write_markdown(read_markdown(f)) == f``;
- ``read_markdown(write_markdown(res)) == res`` for every resolution the reader can produce
  (canonical inline content, :func:`resodraft.text.canonical_inlines`), and writing is
  idempotent;
- inline content Markdown cannot express as it stands (formatting that starts with a
  punctuation mark glued to a letter, ``a*(b)*``; italic and struck at once inside a word)
  loses the formatting of the characters concerned rather than turning into stray
  asterisks (:func:`markdown_safe`).

Only what Markdown (or the reader) would otherwise misread is escaped: ``*``, ``^``, ``~``, a
``_`` outside a word, a ``\\`` before punctuation, and at the start of a paragraph what would
start a list, a heading, a sub-paragraph (``a\\)``) or a lettered part (``A\\.``). The one
thing that cannot be escaped is a paragraph starting with a superscript number and a space
(``⁵ text``): the reader takes it for a footnote in the seed's style.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from resodraft.model import (
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
)
from resodraft.text import canonical_inlines

_DELIMS = {"i": "*", "b": "**", "s": "~~"}
_ORDER = ("s", "b", "i")  # opening order, outermost first, when marks last equally long
_ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_SHORT_SUP = re.compile(r"[^\W_]{1,8}")
_WORD_START = re.compile(r"[^\W_]")

# what Markdown or the reader would take for structure at the start of a paragraph
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(\s|$)")
_BLOCK_CHAR = re.compile(r"^([-+]|#{1,6})(\s|$)")
_SUB_START = re.compile(r"^(\(?(?:[a-z]{1,2}|[ivxl]{1,6}))(\))\s")
_PART_START = re.compile(r"^([A-Z])(\.)\s")


# --------------------------------------------------------------------------------------------
# characters as markdown-it sees them (emphasis "flanking" rules)


def _is_ws(ch: str) -> bool:
    return ch in "\t\n\x0b\x0c\r " or unicodedata.category(ch) == "Zs"


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S"))


def _flanking(prev: str, nxt: str) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) of a delimiter run between ``prev`` and ``nxt``."""
    pw, nw, pp, np_ = _is_ws(prev), _is_ws(nxt), _is_punct(prev), _is_punct(nxt)
    left = not (nw or (np_ and not (pw or pp)))
    right = not (pw or (pp and not (nw or np_)))
    return left, right


# --------------------------------------------------------------------------------------------
# escaping


_NEEDS_ESCAPE = re.compile(r"[*~^_\\\n]")


def escape(text: str, *, at_line_start: bool = False) -> str:
    """Backslash-escape what Markdown would read as markup in a run of plain text.

    With ``at_line_start``, also what would start a list or a heading (``1\\.``, ``\\-``,
    ``\\#``), a sub-paragraph (``a\\)``, ``(a\\)``) or a lettered part (``A\\.``).
    """
    if not _NEEDS_ESCAPE.search(text):  # the common case: nothing to escape
        return _escape_line_start(text) if at_line_start else text
    out = []
    for k, ch in enumerate(text):
        nxt = text[k + 1] if k + 1 < len(text) else ""
        prev = text[k - 1] if k else ""
        if ch in "*~^":
            out.append("\\" + ch)
        elif ch == "_" and not (prev.isalnum() and nxt.isalnum()):
            out.append("\\_")
        elif ch == "\\" and (not nxt or nxt in _ASCII_PUNCT):
            out.append("\\\\")
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    result = "".join(out)
    if at_line_start:
        result = _escape_line_start(result)
    return result


def _escape_line_start(md: str) -> str:
    for pattern in (_LIST_NUMBER, _SUB_START, _PART_START):
        m = pattern.match(md)
        if m:
            return md[: m.end(1)] + "\\" + md[m.end(1) :]
    if _BLOCK_CHAR.match(md):
        return "\\" + md
    return md


def _escape_block_start(md: str) -> str:
    """Escape what would start a list or heading inside a list item or footnote."""
    m = _LIST_NUMBER.match(md)
    if m:
        return md[: m.end(1)] + "\\" + md[m.end(1) :]
    if _BLOCK_CHAR.match(md):
        return "\\" + md
    return md


# --------------------------------------------------------------------------------------------
# inline content


def _dmarks(item: Inline) -> frozenset[str]:
    """The marks written with delimiters (superscript is written ``^``)."""
    return item.marks - {"sup"} if isinstance(item, Text) else frozenset()


def _first_char(item: Inline) -> str:
    if isinstance(item, NoteRef):
        return "["
    return "^" if "sup" in item.marks else item.text[0]


def _last_char(item: Inline) -> str:
    """The last character written for ``item`` when delimiters follow it."""
    if isinstance(item, NoteRef):
        return "]"
    if "sup" in item.marks:
        return item.text[-1] if _SHORT_SUP.fullmatch(item.text) else "}"
    return item.text[-1]


def _extent(items: Sequence[Inline], k: int, mark: str) -> int:
    n = 0
    while k + n < len(items) and mark in _dmarks(items[k + n]):
        n += 1
    return n


def _plan(items: Sequence[Inline]) -> list[tuple[list[str], list[str]]]:
    """For each boundary before item ``k`` (and one after the last): marks closed, opened."""
    stack: list[str] = []
    plan: list[tuple[list[str], list[str]]] = []
    for k in range(len(items) + 1):
        want = _dmarks(items[k]) if k < len(items) else frozenset()
        keep = 0
        while keep < len(stack) and stack[keep] in want:
            keep += 1
        closed = list(reversed(stack[keep:]))
        del stack[keep:]
        opened = sorted(want - set(stack), key=lambda m: (-_extent(items, k, m), _ORDER.index(m)))
        stack.extend(opened)
        plan.append((closed, opened))
    return plan


def _boundary_fault(prev: str, closed: list[str], opened: list[str], nxt: str) -> str | None:
    """``"close"``/``"open"`` if markdown-it would not read these delimiters as written."""
    if set(closed) & set(opened):
        return "open"  # a mark closed and reopened at once: the two would merge
    runs: list[list] = []  # [char, closes, opens]
    for kind, marks in (("close", closed), ("open", opened)):
        for mark in marks:
            ch = _DELIMS[mark][0]
            if runs and runs[-1][0] == ch:
                runs[-1][1 if kind == "close" else 2] = True
            else:
                runs.append([ch, kind == "close", kind == "open"])
    for n, (ch, closes, opens) in enumerate(runs):
        before = prev if n == 0 else runs[n - 1][0]
        after = nxt if n == len(runs) - 1 else runs[n + 1][0]
        left, right = _flanking(before, after)
        if closes and not right:
            return "close"
        if opens and not left:
            return "open"
    return None


def _peel(item: Inline, keep: frozenset[str], last: bool) -> list[Inline]:
    """``item`` with its last (or first) character reduced to the marks ``keep``."""
    assert isinstance(item, Text)
    if "sup" in item.marks:
        return [Text(item.text, keep | {"sup"})]
    if last:
        return [Text(item.text[:-1], item.marks), Text(item.text[-1], keep)]
    return [Text(item.text[0], keep), Text(item.text[1:], item.marks)]


def _render(items: Sequence[Inline], plan: list[tuple[list[str], list[str]]], *, at_line_start: bool, block_start: bool) -> str:
    """The Markdown of canonical ``items`` with the delimiters of ``plan``."""
    out: list[str] = []
    texts = [escape(i.text) if isinstance(i, Text) and "sup" not in i.marks else "" for i in items]
    for k, item in enumerate(items):
        closed, opened = plan[k]
        out.extend(_DELIMS[m] for m in closed)
        out.extend(_DELIMS[m] for m in opened)
        if isinstance(item, NoteRef):
            out.append(f"[^{item.id}]")
        elif "sup" in item.marks:
            nxt_closed, nxt_opened = plan[k + 1]
            if nxt_closed or nxt_opened or k + 1 == len(items):
                next_char = ""
            else:
                following = items[k + 1]
                next_char = "[" if isinstance(following, NoteRef) else (texts[k + 1][:1] or "^")
            if not closed and not opened and out and out[-1].endswith("["):
                out[-1] = out[-1][:-1] + "\\["  # "[" + "^e" would read as a footnote call
            out.append(_sup(item.text, next_char))
        else:
            text = texts[k]
            if k == 0 and at_line_start and not opened:
                text = _escape_line_start(text)
            elif k == 0 and block_start and not opened:
                text = _escape_block_start(text)
            elif k == 1 and (at_line_start or block_start) and isinstance(items[0], NoteRef) and not opened:
                if text.startswith(":"):  # "[^1]:" would start a footnote definition
                    text = "\\" + text
            out.append(text)
    out.extend(_DELIMS[m] for m in plan[-1][0])
    return "".join(out)


def _atoms(items: Sequence[Inline]) -> list[tuple[str, frozenset[str] | None, int]]:
    """Characters (a footnote call or a superscript as one) with their marks and item index."""
    out: list[tuple[str, frozenset[str] | None, int]] = []
    for k, item in enumerate(items):
        if isinstance(item, NoteRef):
            out.append(("[^" + item.id, None, k))
        elif "sup" in item.marks:
            out.append(("^" + item.text, item.marks, k))
        else:
            out.extend((ch, item.marks, k) for ch in item.text)
    return out


def _read_back(md: str) -> Inlines:
    """How the reader's inline parser reads ``md`` (white space at the ends kept)."""
    from resodraft.readers.markdown import inline_lines, parser

    tokens = parser().parseInline(md, {})
    lines = inline_lines(tokens[0]) if tokens else []
    return canonical_inlines(x for line in lines for x in line.inlines)


def _mismatch(items: Sequence[Inline], plan: list[tuple[list[str], list[str]]], back: Inlines) -> tuple[int, str] | None:
    """The boundary (and side) to narrow where Markdown read ``items`` differently."""
    want, got = _atoms(items), _atoms(back)
    n = 0
    while n < len(want) and n < len(got) and want[n][:2] == got[n][:2]:
        n += 1
    start = want[n][2] if n < len(want) else len(items)
    for k in [*range(start, -1, -1), *range(start + 1, len(plan))]:
        closed, opened = plan[k]
        if opened:
            return k, "open"
        if closed:
            return k, "close"
    return None


def _first_fault(items: Sequence[Inline], plan: list[tuple[list[str], list[str]]]) -> tuple[int, str] | None:
    for k, (closed, opened) in enumerate(plan):
        if not closed and not opened:
            continue
        prev = _last_char(items[k - 1]) if k > 0 else " "
        nxt = _first_char(items[k]) if k < len(items) else " "
        fault = _boundary_fault(prev, closed, opened, nxt)
        if fault is not None:
            return k, fault
    return None


def markdown_safe(inlines: Iterable[Inline]) -> Inlines:
    """Canonical inlines that Markdown reads back exactly as :func:`inlines_to_md` writes them.

    Formatting whose delimiters Markdown would not recognise (``a*(b)*c``: an opening ``*``
    between a letter and a punctuation mark; ``a~~*b*~~c``) is narrowed, one character at a
    time, until Markdown reads it back as written (``a(*b*)c``). Each step removes the marks
    that change at one boundary from the character next to it, so the loop ends; the result
    is checked by reading it back. Content read from Markdown never needs this.
    """
    items = list(canonical_inlines(Text(i.text.replace("\n", " "), i.marks) if isinstance(i, Text) else i for i in inlines))
    while True:
        plan = _plan(items)
        fix = _first_fault(items, plan)
        if fix is None:
            if not any(closed or opened for closed, opened in plan):
                return tuple(items)
            back = _read_back(_render(items, plan, at_line_start=False, block_start=False))
            if back == tuple(items):
                return tuple(items)
            fix = _mismatch(items, plan, back)
            if fix is None:  # pragma: no cover - plain text always reads back
                return tuple(items)
        # the character next to the boundary loses one of the marks that change there (the
        # innermost): each step removes a mark from a character, so the loop ends
        k, side = fix
        closed, opened = plan[k]
        if side == "close" or not opened:
            items[k - 1 : k] = _peel(items[k - 1], _dmarks(items[k - 1]) - {closed[0]}, last=True)
        else:
            items[k : k + 1] = _peel(items[k], _dmarks(items[k]) - {opened[-1]}, last=False)
        items = list(canonical_inlines(items))


def _sup(text: str, next_char: str) -> str:
    """``^e`` where the reader stops at the right place, ``^{…}`` otherwise."""
    if _SHORT_SUP.fullmatch(text) and not _WORD_START.match(next_char):
        return "^" + text
    body = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("\n", " ")
    return "^{" + body + "}"


def inlines_to_md(inlines: Iterable[Inline], *, at_line_start: bool = True, block_start: bool = False) -> str:
    """Inline content as Markdown: ``*italic*``, ``**bold**``, ``~~struck~~``, ``7^e``, ``[^5]``.

    ``at_line_start``: the text starts a paragraph (escape list, heading, sub-paragraph and
    part markers). ``block_start``: it starts the content of a list item or footnote (escape
    list and heading markers only). The content goes through :func:`markdown_safe` first.
    """
    items = list(markdown_safe(inlines))
    return _render(items, _plan(items), at_line_start=at_line_start, block_start=block_start)


# --------------------------------------------------------------------------------------------
# blocks


def _front_value(value: str) -> str:
    value = value.replace("\n", " ")
    quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "'\""
    if value == "" or value != value.strip() or quoted:
        quote = "'" if value.startswith('"') and value.endswith('"') and value else '"'
        return f"{quote}{value}{quote}"
    return value


def _front_matter(meta: Meta) -> str:
    items = meta.as_dict()
    if not items:
        return ""
    lines = ["---"] + [f"{k}: {_front_value(v)}" for k, v in items.items()] + ["---", ""]
    return "\n".join(lines) + "\n"


def _heading_text(md: str) -> str:
    """Escape a closing sequence of ``#`` that Markdown would drop from a heading."""
    m = re.search(r"(^|[ \t])(#+)[ \t]*$", md)
    if m:
        return md[: m.start(2)] + "\\" + md[m.start(2) :]
    return md


def _sub_lines(sub: SubParagraph) -> Iterable[str]:
    marker = f"({sub.number})" if sub.style == "()" else f"{sub.number})"
    yield f"{marker} {inlines_to_md(sub.content, at_line_start=False)}"
    for child in sub.subs:
        yield from _sub_lines(child)


def _footnote(note: Footnote) -> str:
    return f"[^{note.id}]: {inlines_to_md(note.content, at_line_start=False, block_start=True)}"


def write_markdown(res: Resolution) -> str:
    """The canonical Markdown of ``res``: one block per line, blank lines between blocks."""
    paras: list[str] = []
    if res.formula is not None:
        paras.append(inlines_to_md(res.formula))
    for block in res.blocks:
        if isinstance(block, Preambular):
            paras.append(inlines_to_md(block.content))
        elif isinstance(block, Operative):
            if block.number is None:
                paras.append(inlines_to_md(block.content))
            else:
                body = inlines_to_md(block.content, at_line_start=False, block_start=True)
                paras.append(f"{block.number}. {body}")
            for sub in block.subs:
                paras.extend(_sub_lines(sub))
        elif isinstance(block, Heading):
            body = _heading_text(inlines_to_md(block.content, at_line_start=False))
            paras.append("#" * max(2, block.level) + " " + body)
        elif isinstance(block, Part):
            body = _heading_text(inlines_to_md(block.content, at_line_start=False))
            paras.append(f"# {block.letter}. {body}")
    for note in res.footnotes:
        paras.append(_footnote(note))
    return _front_matter(res.meta) + "\n\n".join(paras) + "\n"


__all__ = ["escape", "inlines_to_md", "markdown_safe", "write_markdown"]
