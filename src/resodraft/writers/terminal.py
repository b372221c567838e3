"""Terminal redline (rich): deletions red and struck, insertions green and bold.

Used by ``resodraft diff --to term`` and ``resodraft redline --show``. Without colour (output
piped to a file, ``color=False``) the changes are bracketed instead, as ``wdiff`` does:
``[-deleted-]{+inserted+}``, so the meaning survives in plain text.
"""

from __future__ import annotations

import os
import sys
from io import StringIO

from rich.console import Console
from rich.text import Text as RichText

from resodraft.controls import for_terminal
from resodraft.model import Inlines, NoteRef, Op, ParaDiff, Redline
from resodraft.redline import NoteNumbers, note_numbers

DELETED = "red strike"
INSERTED = "bold green"
_MARK_STYLE = {"i": "italic", "b": "bold"}


def _append_inlines(out: RichText, content: Inlines, kind: str, numbers: NoteNumbers, base: str) -> None:
    for item in content:
        if isinstance(item, NoteRef):
            n = numbers.of_call(item, kind)
            out.append(f"[^{n if n is not None else item.id}]", style=f"{base} dim".strip())
            continue
        styles = [base] + [_MARK_STYLE[m] for m in sorted(item.marks) if m in _MARK_STYLE]
        out.append(for_terminal(item.text), style=" ".join(s for s in styles if s))


def _append_ops(out: RichText, ops: tuple[Op, ...], numbers: NoteNumbers, color: bool) -> None:
    for k, op in enumerate(ops):
        if op.kind == "=":
            _append_inlines(out, op.content, "=", numbers, "")
            continue
        style = DELETED if op.kind == "-" else INSERTED
        if color:
            if op.kind == "+" and k and ops[k - 1].kind == "-":
                out.append(" ")
            _append_inlines(out, op.content, op.kind, numbers, style)
        else:
            opening, closing = ("[-", "-]") if op.kind == "-" else ("{+", "+}")
            out.append(opening)
            _append_inlines(out, op.content, op.kind, numbers, "")
            out.append(closing)


def _marker(p: ParaDiff, mark_renumbering: bool, color: bool) -> RichText:
    out = RichText()
    if p.kind not in ("operative", "subparagraph", "part") or (p.old_number is None and p.new_number is None):
        return out
    before, after = ("(", ")") if p.kind == "subparagraph" and p.style == "()" else ("", ")" if p.kind == "subparagraph" else ".")
    gone = p.new is None
    out.append(before)
    if gone:
        out.append(p.old_number or "", style=DELETED if color else "")
    elif mark_renumbering and p.status in ("equal", "changed") and p.old_number != p.new_number:
        if color:
            out.append(p.old_number or "", style=DELETED)
            out.append(p.new_number or "", style=INSERTED)
        else:
            out.append(f"[-{p.old_number}-]{{+{p.new_number}+}}")
    else:
        out.append(p.new_number or "")
    out.append(after + " ")
    return out


def paragraph_text(
    p: ParaDiff,
    numbers: NoteNumbers,
    *,
    color: bool = True,
    mark_renumbering: bool = False,
    moved_to: dict[str, str] | None = None,
) -> RichText:
    """One paragraph of the redline as styled text."""
    out = RichText()
    if p.kind == "heading":
        out.append("#" * max(2, p.level) + " ", style="bold")
    elif p.kind == "part":
        out.append("# ", style="bold")
    if p.kind == "subparagraph":
        out.append("    " * p.level)
    gone = p.new is None and p.status in ("deleted", "moved")
    body = RichText()
    if gone and not color:  # the number or letter goes with the deleted text: [-24. …-]
        body.append("[-")
        body.append_text(_marker(p, mark_renumbering, color))
        _append_inlines(body, tuple(x for op in p.ops for x in op.content), "-", numbers, "")
        body.append("-]")
    else:
        body.append_text(_marker(p, mark_renumbering, color))
        _append_ops(body, p.ops, numbers, color)
    if p.kind in ("heading", "part"):
        body.stylize("bold")
    out.append_text(body)
    if p.status == "moved":
        where = f"moved to {(moved_to or {}).get(p.old or '', '?')}" if p.new is None else f"moved from {p.old}"
        out.append(f"  ({where})", style="dim")
    return out


def redline_texts(redline: Redline, *, color: bool = True, mark_renumbering: bool = False) -> list[RichText]:
    """Every paragraph, then every footnote, of ``redline`` as styled text."""
    numbers = note_numbers(redline)
    moved_to = {p.old: p.new for p in redline.paragraphs if p.status == "moved" and p.old and p.new}
    texts: list[RichText] = []
    if redline.formula is not None:
        texts.append(paragraph_text(redline.formula, numbers, color=color))
    for p in redline.paragraphs:
        texts.append(paragraph_text(p, numbers, color=color, mark_renumbering=mark_renumbering, moved_to=moved_to))
    for n, note in sorted(zip(numbers.numbers, redline.footnotes), key=lambda x: x[0]):
        line = RichText(f"[^{n}]: ", style="dim")
        _append_ops(line, note.ops, numbers, color)
        texts.append(line)
    return texts


def print_redline(redline: Redline, console: Console | None = None, *, mark_renumbering: bool = False) -> None:
    """Print the redline on a rich console (standard output by default), in colour if it can."""
    console = console or Console(highlight=False)
    color = console.color_system is not None
    for k, text in enumerate(redline_texts(redline, color=color, mark_renumbering=mark_renumbering)):
        if k:
            console.print()
        console.print(text, soft_wrap=not console.is_terminal)


def _auto_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def write_redline_term(
    redline: Redline, *, color: bool | None = None, width: int | None = None, mark_renumbering: bool = False
) -> str:
    """The terminal rendering as a string: ANSI colours with ``color``, else ``[-…-]{+…+}``.

    ``color=None`` (the default) colours when standard output is a terminal (``NO_COLOR`` and
    ``FORCE_COLOR`` are honoured). ``width`` wraps lines at that many columns; by default each
    paragraph stays on one line.
    """
    if color is None:
        color = _auto_color()
    buffer = StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        color_system="standard" if color else None,
        width=width or 10_000,
        highlight=False,
        markup=False,
        emoji=False,
    )
    for k, text in enumerate(redline_texts(redline, color=color, mark_renumbering=mark_renumbering)):
        if k:
            console.print()
        console.print(text, soft_wrap=width is None)
    return buffer.getvalue()
