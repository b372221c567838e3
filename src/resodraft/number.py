"""Renumbering: operative paragraphs, sub-paragraphs and footnotes, numbered the UN way.

After amendments insert, delete or move paragraphs, the printed numbers are stale. This module
prints them again and, like bluebell's renumbering, **returns the old→new map as data**, so the
caller can carry base labels (which amendment files and cross-references are written against)
over to the new text.

The rules (DESIGN.md §6; UN Editorial Manual, "Paragraphs and subparagraphs"):

- **Operative paragraphs** are numbered 1…n in document order. In a text with lettered parts
  ("A. Coopération", "B. Mandats …") numbering restarts at 1 after each part heading;
  paragraphs before the first part form their own run. Part letters are kept as written (an
  excerpt may start at part "F").
- **A single operative paragraph is not numbered** (its number becomes ``None``) when the text
  has no lettered parts. As soon as there are two, both are numbered. Inside lettered parts a
  lone paragraph keeps its number ("B. … 1. En ce qui concerne la coopération, …").
- **Sub-paragraphs** are lettered a, b, c … z, aa, bb … under each operative paragraph; the
  second level gets roman numerals i, ii, iii …; deeper levels alternate again. Each
  sub-paragraph keeps its own style (``a)`` or ``(a)``).
- **Footnotes** are numbered 1…n in the order of their first call: the enacting formula, then
  the blocks in order (a paragraph before its sub-paragraphs), then calls inside footnotes.
  Footnotes that nothing calls are **kept**, numbered after the called ones in their previous
  order, so that ``check`` can report them; they are never dropped silently.

Worked example (the counters, in the manner of slaw's ``Counters``). A base text::

    PP1  *Rappelant* …,
    OP1  1. *Souligne* …[^2] ;
    OP2  2. *Prie* … :
    OP2(a)   a) … ;
    OP2(b)   b) …[^1] ;
    H1   ## Coopération volontaire
    OP3  3. *Salue* … ;

An amendment deletes OP1 and inserts a paragraph (uid ``+1``) after OP2. Before renumbering the
blocks still carry the base numbers (the inserted one has none); :func:`renumber` walks them
with one counter per run of operative paragraphs and one per sub-paragraph level:

=========  =============  ==================  ==========================
uid        number before  operative counter   new label
=========  =============  ==================  ==========================
PP1        –              –                   PP1
OP2        2              1                   OP1
OP2(a)     a              (sub counter 1: a)  OP1(a)
OP2(b)     b              (sub counter 2: b)  OP1(b)
+1         None           2                   OP2
H1         –              –                   H1
OP3        3              3                   OP3
=========  =============  ==================  ==========================

and returns ``{"PP1": "PP1", "OP2": "OP1", "OP2(a)": "OP1(a)", "OP2(b)": "OP1(b)",
"+1": "OP2", "H1": "H1", "OP3": "OP3"}``. The deleted ``OP1`` is not in the map: a uid missing
from the map is how callers (and :func:`resodraft.xref.fix_crossrefs`) know a paragraph is
gone. The footnote that OP1 called (``[^2]``) is no longer called and goes last: ``[^1]`` stays
``1`` and ``[^2]`` stays ``2``, but had OP1 survived, ``[^2]`` would have become ``1`` and
``[^1]`` ``2`` (order of first call).

Renumbering is idempotent: renumbering a renumbered text returns it unchanged, and the map it
returns then sends every uid to the label the block already has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from resodraft.model import (
    Block,
    Footnote,
    Inline,
    Inlines,
    NoteRef,
    Operative,
    Part,
    Resolution,
    SubParagraph,
    iter_labelled,
)

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def letter(n: int) -> str:
    """The ``n``-th sub-paragraph letter, UN style: ``1 → "a"``, ``26 → "z"``, ``27 → "aa"``,
    ``28 → "bb"``, ``53 → "aaa"`` (after z the letter is doubled, then tripled)."""
    if n < 1:
        raise ValueError(f"sub-paragraph numbers start at 1, not {n}")
    return _LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1)


def roman(n: int) -> str:
    """Lower-case roman numeral: ``1 → "i"``, ``4 → "iv"``, ``14 → "xiv"``."""
    if n < 1:
        raise ValueError(f"roman numerals start at 1, not {n}")
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def sub_number(n: int, level: int) -> str:
    """The marker of the ``n``-th sub-paragraph at ``level`` (1 = ``a``, 2 = ``i``, 3 = ``a`` …)."""
    return letter(n) if level % 2 == 1 else roman(n)


def _renumber_subs(subs: tuple[SubParagraph, ...], level: int) -> tuple[SubParagraph, ...]:
    return tuple(
        replace(sub, number=sub_number(i, level), subs=_renumber_subs(sub.subs, level + 1))
        for i, sub in enumerate(subs, start=1)
    )


def renumber(res: Resolution) -> tuple[Resolution, dict[str, str]]:
    """Print the numbers again: operative paragraphs, sub-paragraphs, footnotes (module doc).

    Returns the renumbered resolution and the map **uid → new label** for every block and
    sub-paragraph (preambular paragraphs, headings and parts included, since their labels
    ``PP3``/``H2`` also shift when blocks come and go). A block without a ``uid`` is keyed by
    the label it had before renumbering. Content, uids, lines and authorship are untouched;
    only ``Operative.number``, ``SubParagraph.number``, footnote ids and footnote calls change.
    Use :func:`renumber_footnotes` for the footnote id map.
    """
    res, _ = renumber_footnotes(res)
    before = list(iter_labelled(res))

    operative_total = sum(isinstance(b, Operative) for b in res.blocks)
    unnumbered = operative_total == 1 and not res.has_parts
    counter = 0
    blocks: list[Block] = []
    for block in res.blocks:
        if isinstance(block, Part):
            counter = 0
        elif isinstance(block, Operative):
            counter += 1
            number = None if unnumbered else str(counter)
            block = replace(block, number=number, subs=_renumber_subs(block.subs, 1))
        blocks.append(block)
    new = replace(res, blocks=tuple(blocks))

    after = list(iter_labelled(new))
    mapping = {
        (old.node.uid or old.label): now.label for old, now in zip(before, after, strict=True)
    }
    return new, mapping


# --------------------------------------------------------------------------------------------
# footnotes


def _calls(inlines: Iterable[Inline]) -> Iterable[str]:
    for item in inlines:
        if isinstance(item, NoteRef):
            yield item.id


def _sub_calls(subs: tuple[SubParagraph, ...]) -> Iterable[str]:
    for sub in subs:
        yield from _calls(sub.content)
        yield from _sub_calls(sub.subs)


def _call_order(res: Resolution) -> list[str]:
    order: dict[str, None] = {}
    for note_id in _calls(res.formula or ()):
        order.setdefault(note_id)
    for block in res.blocks:
        for note_id in _calls(block.content):
            order.setdefault(note_id)
        if isinstance(block, Operative):
            for note_id in _sub_calls(block.subs):
                order.setdefault(note_id)
    # calls inside footnotes, in footnote order, for notes the text itself does not call
    for note in res.footnotes:
        for note_id in _calls(note.content):
            order.setdefault(note_id)
    return list(order)


def _rename(inlines: Inlines, ids: dict[str, str]) -> Inlines:
    return tuple(NoteRef(ids[i.id]) if isinstance(i, NoteRef) else i for i in inlines)


def _rename_subs(subs: tuple[SubParagraph, ...], ids: dict[str, str]) -> tuple[SubParagraph, ...]:
    return tuple(
        replace(s, content=_rename(s.content, ids), subs=_rename_subs(s.subs, ids)) for s in subs
    )


def renumber_footnotes(res: Resolution) -> tuple[Resolution, dict[str, str]]:
    """Number footnotes 1…n in the order of their first call; return the map old id → new id.

    Worked example: the text calls ``[^3]``, then ``[^1]``, then ``[^3]`` again; footnote
    ``[^2]`` is defined but never called. The map is ``{"3": "1", "1": "2", "2": "3"}``: the
    first call gets 1, the second new call 2, the uncalled note goes last (kept, for ``check``
    to report). The footnotes come out in their new order. A call to an id with no
    definition is numbered like any other call (``check`` reports the missing definition).
    """
    order = _call_order(res)
    ids: dict[str, str] = {}
    for old in order:
        ids[old] = str(len(ids) + 1)
    for note in res.footnotes:
        if note.id not in ids:
            ids[note.id] = str(len(ids) + 1)

    formula = _rename(res.formula, ids) if res.formula is not None else None
    blocks: list[Block] = []
    for block in res.blocks:
        block = replace(block, content=_rename(block.content, ids))
        if isinstance(block, Operative):
            block = replace(block, subs=_rename_subs(block.subs, ids))
        blocks.append(block)
    notes: list[Footnote] = []
    seen: set[str] = set()
    last = len(ids)
    for note in res.footnotes:
        new_id = ids[note.id]
        if new_id in seen:
            # a second definition with the same id: give it a number of its own, at the end
            last += 1
            new_id = str(last)
        seen.add(new_id)
        notes.append(replace(note, id=new_id, content=_rename(note.content, ids)))
    notes.sort(key=lambda n: int(n.id))
    return replace(res, formula=formula, blocks=tuple(blocks), footnotes=tuple(notes)), ids
