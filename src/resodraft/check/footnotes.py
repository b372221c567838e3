"""Rules on footnotes: every call has a text, every text is called, numbers follow first calls.

DESIGN.md §6: footnotes are numbered 1…n in order of first call. Calls are :class:`NoteRef`
items in paragraph content (``[^5]`` in the draft); definitions are ``[^5]: text`` lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from resodraft.check.core import Context, Finding, Node
from resodraft.model import NoteRef, plain_text


def _calls(ctx: Context) -> Iterator[tuple[Node, str, int]]:
    """Every footnote call in the body, in reading order: (node, id, nth call of id in node)."""
    for item in ctx.labelled:
        counts: dict[str, int] = {}
        for inline in item.node.content:
            if isinstance(inline, NoteRef):
                counts[inline.id] = counts.get(inline.id, 0) + 1
                yield item.node, inline.id, counts[inline.id]


def footnote_missing_text(ctx: Context) -> Iterator[Finding]:
    """A footnote is called (``[^8]``) but no ``[^8]: …`` definition gives its text."""
    defined = {note.id for note in ctx.res.footnotes}
    for node, ident, nth in _calls(ctx):
        if ident not in defined:
            line, col = ctx.smap.find_call(node, ident, nth)
            yield ctx.finding_at(line, col, f"footnote [^{ident}] is called but has no text", f"[^{ident}]")


def footnote_unused(ctx: Context) -> Iterator[Finding]:
    """A footnote text (``[^8]: …``) that no paragraph calls."""
    called = {ident for _, ident, _ in _calls(ctx)}
    for note in ctx.res.footnotes:
        if note.id not in called:
            text = plain_text(note.content)
            yield ctx.finding(note, None, f"footnote [^{note.id}] is never called", f"[^{note.id}]: {text[:60]}")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def footnote_order(ctx: Context) -> Iterator[Finding]:
    """Numbered footnotes are 1, 2, 3… in order of first call; reports the first that is not.

    Only one finding per draft: once one number is off, every later one is too, and
    renumbering fixes them all. Drafts that name footnotes (``[^a]``) are not checked.
    """
    order: list[tuple[Node, str, int]] = []
    seen: set[str] = set()
    for node, ident, nth in _calls(ctx):
        if ident not in seen:
            seen.add(ident)
            order.append((node, ident, nth))
    if not order or not all(ident.isdigit() for _, ident, _ in order):
        return
    for position, (node, ident, nth) in enumerate(order, start=1):
        if int(ident) != position:
            line, col = ctx.smap.find_call(node, ident, nth)
            message = (
                f"footnote [^{ident}] is the {_ordinal(position)} footnote called, so it should be "
                f"[^{position}] (footnotes are numbered in order of first call)"
            )
            yield ctx.finding_at(line, col, message, f"[^{ident}] at {position}")
            return


__all__ = ["footnote_missing_text", "footnote_order", "footnote_unused"]
