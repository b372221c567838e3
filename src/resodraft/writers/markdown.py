"""Markdown writer: :class:`~resodraft.model.Resolution` → the canonical draft (``docs/format.md``).

Guarantee: ``read_markdown(write_markdown(res))`` equals ``res`` for every resolution whose
inline content is canonical (see :func:`resodraft.text.canonical_inlines`), and a canonical file
is reproduced byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from resodraft.model import (
    Footnote,
    Heading,
    Inline,
    Meta,
    NoteRef,
    Operative,
    Part,
    Preambular,
    Resolution,
    SubParagraph,
    Text,
)

_DELIMS = {"i": "*", "b": "**", "s": "~~"}
_ORDER = ("s", "b", "i")  # opening order, outermost first
_LINE_START = re.compile(r"^(\d{1,9})([.)])(\s)|^([-+#>])(\s|$)")


def escape(text: str, *, at_line_start: bool = False) -> str:
    """Backslash-escape what Markdown would read as markup."""
    out = []
    for k, ch in enumerate(text):
        nxt = text[k + 1] if k + 1 < len(text) else ""
        prev = text[k - 1] if k else ""
        if ch in "*~^`":
            out.append("\\" + ch)
        elif ch == "_" and not (prev.isalnum() and nxt.isalnum()):
            out.append("\\_")
        elif ch == "[" and nxt == "^":
            out.append("\\[")
        elif ch == "\\" and (not nxt or nxt in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"):
            out.append("\\\\")
        else:
            out.append(ch)
    result = "".join(out)
    if at_line_start:
        m = _LINE_START.match(result)
        if m:
            if m.group(1):
                result = f"{m.group(1)}\\{m.group(2)}{result[m.end(1) + 1 :]}"
            elif m.group(4):
                result = "\\" + result
    return result


def _sup(text: str, nxt: str) -> str:
    body = escape(text)
    if re.fullmatch(r"[^\W_]{1,8}", text) and not (nxt[:1].isalnum() or nxt[:1] == "^"):
        return "^" + body
    return "^{" + body + "}"


def inlines_to_md(inlines: Iterable[Inline], *, at_line_start: bool = True) -> str:
    """Inline content as Markdown: ``*italic*``, ``**bold**``, ``~~struck~~``, ``7^e``, ``[^5]``."""
    items = list(inlines)
    out: list[str] = []
    stack: list[str] = []
    first = at_line_start
    for idx, item in enumerate(items):
        marks = item.marks - {"sup"} if isinstance(item, Text) else frozenset()
        if isinstance(item, Text) and not item.text.strip():
            marks = frozenset(stack)  # white space never opens or closes a mark
        # close what this run does not have (and what sits above it on the stack)
        keep = 0
        while keep < len(stack) and stack[keep] in marks:
            keep += 1
        for mark in reversed(stack[keep:]):
            out.append(_DELIMS[mark])
        del stack[keep:]
        for mark in _ORDER:
            if mark in marks and mark not in stack:
                out.append(_DELIMS[mark])
                stack.append(mark)
        if isinstance(item, NoteRef):
            out.append(f"[^{item.id}]")
        elif "sup" in item.marks:
            nxt = items[idx + 1] if idx + 1 < len(items) else None
            nxt_text = nxt.text if isinstance(nxt, Text) else ("[" if nxt else "")
            out.append(_sup(item.text, nxt_text))
        else:
            out.append(escape(item.text, at_line_start=first and not out))
        first = False
    for mark in reversed(stack):
        out.append(_DELIMS[mark])
    return "".join(out)


def _front_matter(meta: Meta) -> str:
    items = meta.as_dict()
    if not items:
        return ""
    lines = ["---"] + [f"{k}: {v}" for k, v in items.items()] + ["---", ""]
    return "\n".join(lines) + "\n"


def _sub_lines(sub: SubParagraph) -> Iterable[str]:
    marker = f"({sub.number})" if sub.style == "()" else f"{sub.number})"
    yield f"{marker} {inlines_to_md(sub.content, at_line_start=False)}"
    for child in sub.subs:
        yield from _sub_lines(child)


def _footnote(note: Footnote) -> str:
    return f"[^{note.id}]: {inlines_to_md(note.content, at_line_start=False)}"


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
                paras.append(f"{block.number}. {inlines_to_md(block.content, at_line_start=False)}")
            for sub in block.subs:
                paras.extend(_sub_lines(sub))
        elif isinstance(block, Heading):
            paras.append("#" * max(2, block.level) + " " + inlines_to_md(block.content, at_line_start=False))
        elif isinstance(block, Part):
            paras.append(f"# {block.letter}. {inlines_to_md(block.content, at_line_start=False)}")
    for note in res.footnotes:
        paras.append(_footnote(note))
    return _front_matter(res.meta) + "\n\n".join(paras) + "\n"
