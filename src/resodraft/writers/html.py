"""HTML redline: a standalone page rendered from ``templates/redline.html.j2``.

Deleted text is ``<del>`` (red, struck), inserted text ``<ins>`` (green, bold); the author
and date of a change, when known, are the ``title`` of its element (shown on hover). The
layout and the CSS are in the template: copy it into a folder, edit it and pass the folder
with ``--template-dir`` to change them. This module only prepares plain data for it:

- ``title``, ``lang``, ``meta``, ``old_meta``, ``summary`` (counts per status);
- ``formula`` (a paragraph or ``None``), ``paragraphs``, ``footnotes``: each a dict with
  ``status``, ``kind``, ``level``, ``old``, ``new`` (labels), ``marker`` (``old``, ``new``,
  ``changed``, ``before``, ``after``: the number or letter and its punctuation), ``note``
  (``"moved from OP7"`` …) and ``ops``: ``{"kind": "=|-|+", "title": "author, date" | "",
  "runs": [{"text", "i", "b", "sup", "note"}]}`` (``note`` is the footnote number of a call).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from resodraft.model import Inlines, NoteRef, Op, ParaDiff, Redline
from resodraft.redline import NoteNumbers, note_numbers, summary

TEMPLATE = "redline.html.j2"


def _runs(content: Inlines, kind: str, numbers: NoteNumbers) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    for item in content:
        if isinstance(item, NoteRef):
            n = numbers.of_call(item, kind)
            runs.append({"text": "", "i": False, "b": False, "sup": True, "note": n if n is not None else item.id})
        else:
            runs.append(
                {"text": item.text, "i": "i" in item.marks, "b": "b" in item.marks, "sup": "sup" in item.marks, "note": None}
            )
    return runs


def _title(author: str | None, date: str | None) -> str:
    return ", ".join(x for x in (author, date) if x)


def _ops(ops: tuple[Op, ...], numbers: NoteNumbers) -> list[dict[str, Any]]:
    return [
        {"kind": op.kind, "title": _title(op.author, op.date), "runs": _runs(op.content, op.kind, numbers)}
        for op in ops
    ]


def _marker(p: ParaDiff, mark_renumbering: bool) -> dict[str, Any]:
    before, after = "", ""
    if p.kind == "operative" or p.kind == "part":
        after = "."
    elif p.kind == "subparagraph":
        before, after = ("(", ")") if p.style == "()" else ("", ")")
    old, new = p.old_number, p.new_number
    if p.kind not in ("operative", "part", "subparagraph") or (old is None and new is None):
        return {"old": None, "new": None, "changed": False, "before": "", "after": ""}
    changed = mark_renumbering and p.status in ("equal", "changed") and old != new
    return {"old": old, "new": new, "changed": changed, "before": before, "after": after}


def _paragraph(
    p: ParaDiff, numbers: NoteNumbers, mark_renumbering: bool, moved_to: dict[str, str]
) -> dict[str, Any]:
    note = ""
    if p.status == "moved":
        note = f"moved to {moved_to.get(p.old or '', '?')}" if p.new is None else f"moved from {p.old}"
    return {
        "status": p.status,
        "kind": p.kind,
        "level": p.level,
        "old": p.old,
        "new": p.new,
        "gone": p.new is None and p.status in ("deleted", "moved"),
        "marker": _marker(p, mark_renumbering),
        "note": note,
        "title": _title(p.author, p.date),
        "ops": _ops(p.ops, numbers),
    }


def redline_context(redline: Redline, *, mark_renumbering: bool = False) -> dict[str, Any]:
    """The data the HTML template renders (documented in the module docstring)."""
    numbers = note_numbers(redline)
    moved_to = {p.old: p.new for p in redline.paragraphs if p.status == "moved" and p.old and p.new}
    meta = redline.meta
    title = " — ".join(x for x in (meta.symbol, meta.title) if x) or "Redline"
    notes = []
    for n, d in sorted(zip(numbers.numbers, redline.footnotes), key=lambda x: x[0]):
        notes.append(
            {
                "number": n,
                "status": d.status,
                "old": d.old,
                "new": d.new,
                "gone": d.new is None,
                "ops": _ops(d.ops, numbers),
            }
        )
    formula = None
    if redline.formula is not None:
        formula = _paragraph(redline.formula, numbers, False, moved_to)
    return {
        "title": title,
        "lang": meta.language or redline.old_meta.language or "fr",
        "meta": meta.as_dict(),
        "old_meta": redline.old_meta.as_dict(),
        "summary": summary(redline),
        "formula": formula,
        "paragraphs": [_paragraph(p, numbers, mark_renumbering, moved_to) for p in redline.paragraphs],
        "footnotes": notes,
    }


def write_redline_html(
    redline: Redline, *, mark_renumbering: bool = False, template_dir: str | Path | None = None
) -> str:
    """A standalone HTML page showing the redline (``template_dir`` overrides the template)."""
    from resodraft.templating import render

    return render(TEMPLATE, redline_context(redline, mark_renumbering=mark_renumbering), template_dir=template_dir)
