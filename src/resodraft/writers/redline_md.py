"""Markdown redline: the co-facilitators' convention ``~~deleted~~ **inserted**``.

The file reads like the draft (front matter, one paragraph per line, ``##`` headings, ``# A.``
parts, ``a)`` sub-paragraphs, footnotes ``[^n]: …`` at the end) with the changes marked as in
the seed (``~~de deux suspects … 2020~~ **d'un suspect en janvier 2021**``):

- a changed paragraph marks its deleted words struck and its inserted words in bold, deletion
  first, formatting kept inside the marks (``~~*Prie*~~ ***Encourage***``);
- an inserted paragraph is in bold after its number, a deleted one is struck with its number;
  a moved paragraph is struck where it was and in bold where it now stands, each followed by
  a note in italics saying where it went or came from (``*(déplacé du paragraphe 3)*``,
  ``*(moved from paragraph 3)*``; CriticMarkup comments ``{>>…<<}`` with ``critic``), see
  :mod:`resodraft.writers.moved`;
- ``mark_renumbering=True`` also shows number changes (``~~24~~ **25**. …``);
- ``critic=True`` writes CriticMarkup instead: ``{--deleted--}{++inserted++}``;
- the front matter is the new text's, with changed keys marked the same way
  (``session: ~~19~~ **20**``, ``symbol: ~~ICC-ASP/19/Res.2~~``, ``status: **draft**``).

Footnotes are numbered 1…n in order of first call in the redline
(:func:`resodraft.redline.note_numbers`), so a footnote called only from deleted text keeps a
number of its own.

White space at the edge of a change is written outside the marks (``la Cour ~~organisée
…~~ tenue``), as Markdown requires. A change that starts with punctuation right after a word
is marked exactly where it starts, as the seed does (``ICC-ASP-18/Res.3**, ICC-ASP-19/Res.2**
et``): pandoc reads it, strict CommonMark renderers show those marks as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from resodraft.model import META_KEYS, Inline, Inlines, NoteRef, Op, ParaDiff, Redline, Text, normalize
from resodraft.redline import NoteNumbers, note_numbers
from resodraft.writers.markdown import inlines_to_md


def _renumber_calls(inlines: Inlines, kind: str, numbers: NoteNumbers) -> Inlines:
    out: list[Inline] = []
    for item in inlines:
        if isinstance(item, NoteRef):
            n = numbers.of_call(item, kind)
            out.append(NoteRef(str(n) if n is not None else item.id))
        else:
            out.append(item)
    return tuple(out)


def _without(inlines: Inlines, mark: str) -> Inlines:
    return normalize(Text(i.text, i.marks - {mark}) if isinstance(i, Text) else i for i in inlines)


def _split_ws(inlines: Inlines) -> tuple[str, Inlines, str]:
    """Leading white space, the inlines without it at either edge, trailing white space."""
    items = list(inlines)
    lead = trail = ""
    if items and isinstance(items[0], Text):
        t = items[0]
        stripped = t.text.lstrip()
        lead = t.text[: len(t.text) - len(stripped)]
        items[0] = Text(stripped, t.marks)
    if items and isinstance(items[-1], Text):
        t = items[-1]
        stripped = t.text.rstrip()
        trail = t.text[len(stripped) :]
        items[-1] = Text(stripped, t.marks)
    return lead, normalize(items), trail


@dataclass
class _Group:
    """Kept text (``same``) or one change: deleted then inserted inlines."""

    same: Inlines | None = None
    dels: Inlines | None = None
    inss: Inlines | None = None

    @property
    def is_change(self) -> bool:
        return self.same is None


def _groups(ops: Sequence[Op], numbers: NoteNumbers) -> list[_Group]:
    out: list[_Group] = []
    for op in ops:
        content = _renumber_calls(op.content, op.kind, numbers)
        if op.kind == "=":
            out.append(_Group(same=content))
        elif op.kind == "-":
            out.append(_Group(dels=content))
        elif out and out[-1].is_change and out[-1].inss is None:
            out[-1].inss = content
        else:
            out.append(_Group(inss=content))
    return out


def _mark(inlines: Inlines, delim: str, strip: str) -> tuple[str, str, str]:
    """``(leading white space, marked text, trailing white space)``; no text: ``(ws, "", "")``."""
    lead, core, trail = _split_ws(_without(inlines, strip))
    if not core:
        return lead + trail, "", ""
    return lead, f"{delim}{inlines_to_md(core, at_line_start=False)}{delim}", trail


def _render_change(g: _Group, critic: bool) -> str:
    if critic:
        parts = []
        if g.dels:
            parts.append("{--" + inlines_to_md(g.dels, at_line_start=False) + "--}")
        if g.inss:
            parts.append("{++" + inlines_to_md(g.inss, at_line_start=False) + "++}")
        return "".join(parts)
    text = d_trail = ""
    if g.dels:
        lead, body, d_trail = _mark(g.dels, "~~", "s")
        if body:  # deleted white space alone cannot be shown struck: the new text shows
            text = lead + body
        else:
            d_trail = ""
    if g.inss:
        lead, body, trail = _mark(g.inss, "**", "b")
        if text and body and not d_trail and not lead:
            lead = " "  # ~~deleted~~ **inserted**, as the co-facilitators write it
        text += d_trail + lead + body + trail
    else:
        text += d_trail
    return text


def ops_to_md(ops: Sequence[Op], numbers: NoteNumbers, *, critic: bool = False, at_line_start: bool = True) -> str:
    """The Markdown of one paragraph's ops (footnote calls renumbered with ``numbers``)."""
    groups = _groups(ops, numbers)
    out: list[str] = []
    for g in groups:
        if g.is_change:
            out.append(_render_change(g, critic))
        elif g.same:
            out.append(inlines_to_md(g.same, at_line_start=at_line_start and not out))
    return "".join(out)


def _struck(prefix: str, ops: Sequence[Op], numbers: NoteNumbers, critic: bool) -> str:
    """A whole deleted paragraph, its number or marker struck with it."""
    content = normalize(x for op in ops for x in _renumber_calls(op.content, op.kind, numbers))
    body = inlines_to_md(_without(content, "s"), at_line_start=False)
    if critic:
        return "{--" + prefix + body + "--}"
    return f"~~{prefix}{body}~~"


def _number_md(old: str | None, new: str | None, mark: bool, critic: bool) -> str:
    if mark and old is not None and new is not None and old != new:
        return f"{{--{old}--}}{{++{new}++}}" if critic else f"~~{old}~~ **{new}**"
    return new if new is not None else (old or "")


def _prefix(p: ParaDiff, number: str) -> str:
    if p.kind == "operative":
        return f"{number}. " if number else ""
    if p.kind == "subparagraph":
        return f"({number}) " if p.style == "()" else f"{number}) "
    if p.kind == "part":
        return f"{number}. "
    return ""


def paragraph_to_md(
    p: ParaDiff, numbers: NoteNumbers, *, critic: bool = False, mark_renumbering: bool = False, note: str | None = None
) -> str:
    """One paragraph of the redline as one Markdown line; ``note`` (a moved paragraph's
    "(moved from paragraph 3)") is written after it, in italics or as a CriticMarkup comment."""
    line = _paragraph_line(p, numbers, critic=critic, mark_renumbering=mark_renumbering)
    if note:
        line += f" {{>>{note[1:-1]}<<}}" if critic else f" *{note}*"
    return line


def _paragraph_line(p: ParaDiff, numbers: NoteNumbers, *, critic: bool, mark_renumbering: bool) -> str:
    head = ""
    if p.kind == "heading":
        head = "#" * max(2, p.level) + " "
    elif p.kind == "part":
        head = "# "
    gone = p.new is None and p.status in ("deleted", "moved")
    if gone:
        if p.kind == "formula":
            return _struck("", p.ops, numbers, critic)
        return head + _struck(_prefix(p, p.old_number or ""), p.ops, numbers, critic)
    marked = mark_renumbering and p.status in ("equal", "changed")
    number = _number_md(p.old_number, p.new_number, marked, critic)
    prefix = _prefix(p, number)
    body = ops_to_md(p.ops, numbers, critic=critic, at_line_start=not (head or prefix))
    return head + prefix + body


def _front_matter(redline: Redline, critic: bool = False) -> str:
    """The new front matter, each changed key marked like the text (``session: ~~19~~ **20**``).

    A key the amendments removed is struck (``symbol: ~~ICC-ASP/19/Res.2~~``), a new one in
    bold (``status: **draft**``); unchanged keys are written as they are.
    """
    old, new = redline.old_meta.as_dict(), redline.meta.as_dict()
    known = [k for k in META_KEYS if k in old or k in new]
    keys = known + [k for k in [*new, *old] if k not in known]
    keys = list(dict.fromkeys(keys))
    if not keys:
        return ""
    lines = ["---"]
    for key in keys:
        a, b = old.get(key), new.get(key)
        if a == b:
            lines.append(f"{key}: {b}")
            continue
        dels = ("{--" + a + "--}" if critic else f"~~{a}~~") if a else ""
        inss = ("{++" + b + "++}" if critic else f"**{b}**") if b else ""
        lines.append(f"{key}: {(dels + ('' if critic else ' ') + inss).strip()}")
    return "\n".join([*lines, "---", ""]) + "\n"


def _lines(redline: Redline, critic: bool, mark_renumbering: bool) -> Iterable[str]:
    from resodraft.writers.moved import move_notes

    numbers = note_numbers(redline)
    notes_after = move_notes(redline)
    if redline.formula is not None:
        yield paragraph_to_md(redline.formula, numbers, critic=critic)
    for k, p in enumerate(redline.paragraphs):
        yield paragraph_to_md(p, numbers, critic=critic, mark_renumbering=mark_renumbering, note=notes_after.get(k))
    notes = sorted(zip(numbers.numbers, redline.footnotes), key=lambda x: x[0])
    for n, note in notes:
        if note.new is None:
            body = _struck("", note.ops, numbers, critic)
        else:
            body = ops_to_md(note.ops, numbers, critic=critic, at_line_start=False)
        yield f"[^{n}]: {body}"


def write_redline_md(redline: Redline, *, critic: bool = False, mark_renumbering: bool = False) -> str:
    """The redline as Markdown: ``~~deleted~~ **inserted**`` (or CriticMarkup with ``critic``)."""
    return _front_matter(redline, critic) + "\n\n".join(_lines(redline, critic, mark_renumbering)) + "\n"
