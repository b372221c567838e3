"""The outline of a resolution as data: what ``resodraft show`` prints (JSON contract §5)."""

from __future__ import annotations

from typing import Any

from resodraft.model import Resolution, iter_labelled, plain


def outline(res: Resolution) -> dict[str, Any]:
    """``{"meta": …, "blocks": [{"label", "kind", "number", "text"}], "footnotes": […]}``.

    Each footnote is ``{"id": "4", "label": "FN4", "text": …}``: ``label`` is what amendment
    files address (``at = "FN4"``).
    """
    meta: dict[str, Any] = dict(res.meta.as_dict())
    meta.setdefault("language", res.language)
    if res.formula is not None:
        meta["formula"] = plain(res.formula)
    blocks = [
        {
            "label": item.label,
            "kind": item.kind,
            "number": item.number,
            "text": plain(item.node.content),
            "line": item.node.line,
        }
        for item in iter_labelled(res)
    ]
    notes = [{"id": n.id, "label": f"FN{n.id}", "text": plain(n.content)} for n in res.footnotes]
    return {"meta": meta, "blocks": blocks, "footnotes": notes}
