"""JSON redline (DESIGN.md §5 contract): what ``resodraft diff --to json`` prints.

::

    {"meta": {...}, "old_meta": {...},
     "summary": {"equal": 53, "changed": 6, "inserted": 3, "deleted": 1, "moved": 0},
     "formula": {"status": "equal", "ops": [["=", "L'Assemblée des États Parties,"]]},
     "paragraphs": [{"old": "OP2", "new": "OP2", "status": "changed", "kind": "operative",
                     "old_number": "2", "new_number": "2", "author": null, "date": null,
                     "ops": [["=", "…la Cour "], ["-", "de deux suspects…"], ["+", "d'un suspect…"]]}],
     "footnotes": [{"old": "7", "new": "5", "status": "equal", "ops": [["=", "ICC-ASP/20/2549/33."]]}]}

Texts are plain (no formatting); a footnote call is written ``[^id]`` with the *new* id in
``=``/``+`` ops and the *old* id in ``-`` ops. A moved paragraph has two entries (see
:mod:`resodraft.redline`): where it was (``"new": null``) and where it now stands.
``formula`` is ``null`` when neither text has an enacting formula. UTF-8, not ASCII-escaped.
"""

from __future__ import annotations

import json
from typing import Any

from resodraft.model import NoteDiff, Op, ParaDiff, Redline, plain
from resodraft.redline import summary


def _ops(ops: tuple[Op, ...]) -> list[list[str]]:
    return [[op.kind, plain(op.content)] for op in ops]


def _paragraph(p: ParaDiff) -> dict[str, Any]:
    return {
        "old": p.old,
        "new": p.new,
        "status": p.status,
        "kind": p.kind,
        "old_number": p.old_number,
        "new_number": p.new_number,
        "author": p.author,
        "date": p.date,
        "ops": _ops(p.ops),
    }


def _note(n: NoteDiff) -> dict[str, Any]:
    return {"old": n.old, "new": n.new, "status": n.status, "ops": _ops(n.ops)}


def redline_to_data(redline: Redline) -> dict[str, Any]:
    """The redline as plain data (dicts, lists, strings), in the shape documented above."""
    formula = None
    if redline.formula is not None:
        formula = {"status": redline.formula.status, "ops": _ops(redline.formula.ops)}
    return {
        "meta": redline.meta.as_dict(),
        "old_meta": redline.old_meta.as_dict(),
        "summary": summary(redline),
        "formula": formula,
        "paragraphs": [_paragraph(p) for p in redline.paragraphs],
        "footnotes": [_note(n) for n in redline.footnotes],
    }


def write_redline_json(redline: Redline, *, indent: int | None = 2) -> str:
    """The redline as JSON text (UTF-8 characters kept as they are), ending with a newline."""
    return json.dumps(redline_to_data(redline), ensure_ascii=False, indent=indent) + "\n"
