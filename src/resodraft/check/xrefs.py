"""Rules on internal cross-references, read by :func:`resodraft.xref.find_references`.

Which references are internal ("paragraphe 5 ci-dessus", "paragraph 7 above", "alinéa b) du
paragraphe 4") and which are external ("paragraphe 376 de la résolution ICC-ASP/19/Res.23",
"article 12, paragraph 3, of the Rome Statute") is :mod:`resodraft.xref`'s decision; these
rules only judge the internal ones:

- ``xref-dangling``: a target the text does not have (paragraph 41 of a 40-paragraph text,
  sub-paragraph k) of a paragraph that stops at j));
- ``xref-direction``: "ci-dessus"/"supra"/"above" naming a paragraph that comes later, or
  "ci-dessous"/"infra"/"below" naming one that comes earlier (the containing paragraph itself
  and its own sub-paragraphs are not judged).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from resodraft.check.core import Context, Finding, Node, around
from resodraft.model import plain_text
from resodraft.model import NoteRef

_UP = re.compile(r"\b(ci-dessus|supra|above)\b", re.IGNORECASE)
_DOWN = re.compile(r"\b(ci-dessous|infra|below)\b", re.IGNORECASE)


def _references(ctx: Context) -> list:  # list[resodraft.xref.Reference]
    """The draft's references (:func:`resodraft.xref.find_references`), computed once."""
    if "references" not in ctx.memo:
        from resodraft.xref import find_references

        ctx.memo["references"] = find_references(ctx.res)
    return ctx.memo["references"]  # type: ignore[return-value]


def _container(ctx: Context, ref) -> Node | None:  # type: ignore[no-untyped-def]
    if ref.label is not None:
        for item in ctx.labelled:
            if item.label == ref.label:
                return item.node
    if ref.note is not None:
        return ctx.res.footnote(ref.note)
    return None


def _where(ref) -> str:  # type: ignore[no-untyped-def]
    """``OP4`` (without the ``#2`` that makes a duplicate label unique) or ``footnote 3``."""
    return re.sub(r"#\d+", "", ref.where)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def xref_dangling(ctx: Context) -> Iterator[Finding]:
    """An internal reference names a paragraph or sub-paragraph that the text does not have."""
    for ref in _references(ctx):
        if not ref.dangling:
            continue
        node = _container(ctx, ref)
        if node is None:
            continue
        missing = list(dict.fromkeys(t.label or "a sub-paragraph of no paragraph" for t in ref.targets if t.uid is None))
        message = f"{_where(ref)}: '{ref.text}' points at {_join(missing)}, which this text does not have"
        yield ctx.finding(node, ref.start, message, around(plain_text(node.content), ref.start, ref.end))


def _position(ctx: Context) -> dict[str, int]:
    return {item.label: k for k, item in enumerate(ctx.labelled)}


def _note_position(ctx: Context, note: str, order: dict[str, int]) -> int | None:
    for item in ctx.labelled:
        if any(isinstance(i, NoteRef) and i.id == note for i in item.node.content):
            return order[item.label]
    return None


def xref_direction(ctx: Context) -> Iterator[Finding]:
    """"ci-dessus"/"above" pointing below, or "ci-dessous"/"below" pointing above."""
    order = _position(ctx)
    for ref in _references(ctx):
        if not ref.internal or ref.dangling:
            continue
        up, down = _UP.search(ref.text), _DOWN.search(ref.text)
        if bool(up) == bool(down):
            continue
        here = order.get(ref.label) if ref.label is not None else None
        if here is None and ref.note is not None:
            here = _note_position(ctx, ref.note, order)
        if here is None:
            continue
        container = ref.label or ""
        wrong = []
        for t in ref.targets:
            if t.label is None or t.label not in order or t.label == container:
                continue
            if t.label.startswith(container + "(") or container.startswith(t.label + "("):
                continue
            there = order[t.label]
            if (up and there > here) or (down and there < here):
                wrong.append(t.label)
        if not wrong:
            continue
        node = _container(ctx, ref)
        if node is None:
            continue
        marker = (up or down).group(1)  # type: ignore[union-attr]
        side = "after" if up else "before"
        verb = "comes" if len(wrong) == 1 else "come"
        message = f"{_where(ref)}: '{ref.text}' says '{marker}', but {_join(wrong)} {verb} {side} it"
        yield ctx.finding(node, ref.start, message, around(plain_text(node.content), ref.start, ref.end))


__all__ = ["xref_dangling", "xref_direction"]
