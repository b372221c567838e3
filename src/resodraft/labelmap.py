"""The old → new map of labels that ``resodraft redline --map FILE`` writes (JSON).

One row per paragraph and per footnote, in the order of the new text (a deleted paragraph
where it stood), with the labels of DESIGN.md §3 on both sides::

    {
      "paragraphs": [
        {"old": "OP21", "new": "OP21", "status": "same"},
        {"old": null, "new": "OP22", "status": "inserted", "file": "drafts/2021/Res.2/02-paragraphes.toml", "change": 1, "sponsor": "…"},
        {"old": "OP22", "new": "OP23", "status": "renumbered"},
        {"old": "OP39", "new": null, "status": "deleted", "file": "…", "change": 3, "sponsor": "…"},
        {"old": "OP7", "new": "OP12", "status": "moved", "file": "…", "change": 2, "sponsor": "…"}
      ],
      "footnotes": [
        {"old": "5", "new": null, "status": "deleted"},
        {"old": "7", "new": "5", "status": "renumbered"}
      ]
    }

``old`` is the label in the base text (``null``: the paragraph is new), ``new`` its label in
the amended text (``null``: deleted). ``status`` is ``same``, ``renumbered``, ``inserted``,
``deleted`` or ``moved`` (a paragraph whose words changed keeps its status: this is a map of
labels, the redline shows the words). Inserted, deleted and moved paragraphs name the
amendment ``file``, the ``change``'s number in that file (1 for its first ``[[change]]``) and
its ``sponsor``. Footnotes are numbers (``[^5]``); a footnote new in the amended text has
``"old": null``.
"""

from __future__ import annotations

import json
from typing import Any

from resodraft.model import Redline


def _change_for(result: Any, uid: str | None, old: str | None, op: str) -> Any:
    """The change that inserted ``uid`` / deleted or moved ``old`` (or its parent paragraph)."""
    for change in result.changes:
        if op == "insert" and uid is not None and change.op == "insert" and f"+{change.ref}" == uid:
            return change
        if op in ("delete", "move") and old is not None and change.op == op and change.at:
            at = change.at
            if at.lower() == old.lower() or old.lower().startswith(at.lower() + "("):
                return change
    return None


def _about(change: Any) -> dict[str, Any]:
    if change is None:
        return {}
    return {"file": change.file, "change": change.index, "sponsor": change.sponsor}


def label_map(result: Any, redline: Redline) -> dict[str, list[dict[str, Any]]]:
    """The rows of the map for an :class:`~resodraft.api.ApplyResult` and its redline."""
    uid_of_new = {new: uid for uid, new in result.label_map.items()}
    rows: list[dict[str, Any]] = []
    for p in redline.paragraphs:
        if p.status == "moved" and p.new is None:
            continue  # the origin of a move: the row is written at its destination
        row: dict[str, Any] = {"old": p.old, "new": p.new}
        if p.old is None:
            row["status"] = "inserted"
            row.update(_about(_change_for(result, uid_of_new.get(p.new or ""), None, "insert")))
        elif p.new is None:
            row["status"] = "deleted"
            row.update(_about(_change_for(result, None, p.old, "delete")))
        elif p.status == "moved":
            row["status"] = "moved"
            row.update(_about(_change_for(result, None, p.old, "move")))
        else:
            row["status"] = "same" if p.old == p.new else "renumbered"
        rows.append(row)
    notes = []
    for n in redline.footnotes:
        status = "inserted" if n.old is None else "deleted" if n.new is None else "same" if n.old == n.new else "renumbered"
        notes.append({"old": n.old, "new": n.new, "status": status})
    return {"paragraphs": rows, "footnotes": notes}


def to_json(result: Any, redline: Redline) -> str:
    """:func:`label_map` as the text of the ``--map`` file."""
    return json.dumps(label_map(result, redline), ensure_ascii=False, indent=2) + "\n"


__all__ = ["label_map", "to_json"]
