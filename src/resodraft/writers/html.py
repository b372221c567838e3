"""The HTML review page: one self-contained file for a redline, a diff or a compilation.

``templates/review.html.j2`` holds the layout, the CSS and the small script (filters,
keyboard navigation); ``redline.html.j2`` (``redline --html``, ``diff --to html``) and
``compilation.html.j2`` (``compile``) extend it. No network, no CDN: the page works from
``file://`` and prints without its controls. Everything taken from the document is escaped
by Jinja's autoescaping; the script only reads ``data-`` attributes and never evaluates text.

This module only prepares plain data (copy a template, edit it, pass ``--template-dir``):

- ``title``, ``lang``, ``page`` (``redline``, ``diff`` or ``compilation``), ``meta``;
- ``summary``: paragraphs per status (``equal``, ``changed``, ``inserted``, ``deleted``,
  ``moved``); ``counts``: the changes on the page;
- ``sponsors``: ``[{key, name, tag, changes, agreed, proposed, withdrawn}]`` — empty for a
  plain diff, which has no sponsors (no sponsor filter, no sponsor legend);
- ``statuses``: the status filter's entries ``[{key, label, checked}]``;
- ``numbers``: the old → new number map ``[{old, new}]`` (renumbered paragraphs only);
- ``formula``, ``paragraphs``: each ``{kind, status, level, old, new, id, gone, marker,
  note, title, pieces, sponsor, tag}``; a piece is ``{type: "text", runs}``, ``{type:
  "change", sponsor, status, title, tag, ops}`` or ``{type: "contest", old, alternatives}``
  (each alternative a ``change`` piece with its number); an op is ``{kind, title, runs}``
  and a run ``{text, i, b, sup, s, note}``;
- ``footnotes`` and, for a compilation, ``withdrawn``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from resodraft.model import Inlines, NoteRef, Op, ParaDiff, Redline
from resodraft.redline import NoteNumbers, note_numbers, summary

TEMPLATE = "redline.html.j2"
COMPILATION_TEMPLATE = "compilation.html.j2"


def _runs(content: Inlines, kind: str, numbers: Any) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    for item in content:
        if isinstance(item, NoteRef):
            n = numbers.of_call(item, kind)
            runs.append({"text": "", "i": False, "b": False, "sup": True, "s": False, "note": n if n is not None else item.id})
        else:
            m = item.marks
            runs.append({"text": item.text, "i": "i" in m, "b": "b" in m, "sup": "sup" in m, "s": "s" in m, "note": None})
    return runs


def _title(author: str | None, date: str | None) -> str:
    return ", ".join(x for x in (author, date) if x)


def sponsor_key(name: str) -> str:
    """A stable, attribute-safe key for a sponsor (``Union européenne`` → ``s-union-europ-enne``)."""
    return "s-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x")


def _op(op: Op, numbers: Any) -> dict[str, Any]:
    return {"kind": op.kind, "title": _title(op.author, op.date), "runs": _runs(op.content, op.kind, numbers)}


def _pieces(ops: Sequence[Op], numbers: Any, has_sponsors: bool) -> list[dict[str, Any]]:
    """Kept text and changes (a deletion and the insertion right after it by the same author are one change)."""
    pieces: list[dict[str, Any]] = []
    for op in ops:
        if op.kind == "=":
            pieces.append({"type": "text", "runs": _runs(op.content, "=", numbers)})
            continue
        last = pieces[-1] if pieces else None
        if (
            last is not None and last["type"] == "change" and op.kind == "+"
            and last["ops"][-1]["kind"] == "-" and last["author"] == op.author
        ):
            last["ops"].append(_op(op, numbers))
            continue
        pieces.append({
            "type": "change",
            "author": op.author,
            "sponsor": sponsor_key(op.author) if has_sponsors and op.author else "",
            "status": "",
            "tag": "",
            "title": _title(op.author, op.date),
            "ops": [_op(op, numbers)],
        })
    return pieces


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
    p: ParaDiff, numbers: NoteNumbers, mark_renumbering: bool, moved_to: dict[str, str], has_sponsors: bool
) -> dict[str, Any]:
    note = ""
    if p.status == "moved":
        note = f"moved to {moved_to.get(p.old or '', '?')}" if p.new is None else f"moved from {p.old}"
    gone = p.new is None and p.status in ("deleted", "moved")
    pieces = _pieces(p.ops, numbers, has_sponsors)
    if p.status in ("inserted", "deleted", "moved") and p.author:
        for piece in pieces:
            if piece["type"] == "change" and not piece["author"]:
                piece["sponsor"] = sponsor_key(p.author) if has_sponsors else ""
    return {
        "status": p.status,
        "kind": p.kind,
        "level": p.level,
        "old": p.old,
        "new": p.new,
        "id": p.new if p.new and not gone else None,
        "gone": gone,
        "marker": _marker(p, mark_renumbering),
        "note": note,
        "title": _title(p.author, p.date),
        "pieces": pieces,
        "sponsor": sponsor_key(p.author) if has_sponsors and p.author else "",
        "tag": "",
        "filtered": True,  # the status filter applies to whole paragraphs
        "moves": [],
        "proposal_status": "",
    }


def _runs_of_numbers(pairs: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    from resodraft.commands.redline import runs

    return [{"old": old, "new": new} for old, new in runs(dict(pairs))]


def _notes(redline: Redline, numbers: NoteNumbers, has_sponsors: bool) -> list[dict[str, Any]]:
    notes = []
    for n, d in sorted(zip(numbers.numbers, redline.footnotes), key=lambda x: x[0]):
        notes.append({"number": n, "status": d.status, "gone": d.new is None,
                      "pieces": _pieces(d.ops, numbers, has_sponsors)})
    return notes


_STATUS_LABELS = {
    "changed": "changed",
    "inserted": "inserted",
    "deleted": "deleted",
    "moved": "moved",
    "equal": "unchanged",
}


def redline_context(
    redline: Redline, *, mark_renumbering: bool = False, label_map: dict[str, str] | None = None
) -> dict[str, Any]:
    """The data the review page renders for a redline or a diff (see the module docstring).

    A redline whose changes carry authors (amendment sponsors) is a ``redline`` page with a
    sponsor filter; one without (a plain diff) is a ``diff`` page without.
    """
    numbers = note_numbers(redline)
    moved_to = {p.old: p.new for p in redline.paragraphs if p.status == "moved" and p.old and p.new}
    authors: dict[str, int] = {}
    for p in redline.paragraphs:
        for op in p.ops:
            if op.kind != "=" and (op.author or p.author):
                who = op.author or p.author or ""
                authors[who] = authors.get(who, 0) + 1
    has_sponsors = bool(authors)
    meta = redline.meta
    title = " — ".join(x for x in (meta.symbol, meta.title) if x) or "Redline"
    paragraphs = [_paragraph(p, numbers, mark_renumbering, moved_to, has_sponsors) for p in redline.paragraphs]
    counts = summary(redline)
    if label_map is not None:
        pairs = [(o, n) for o, n in label_map.items() if o != n and not o.startswith("+")]
    else:
        pairs = [(p.old, p.new) for p in redline.paragraphs if p.old and p.new and p.old != p.new and p.status != "moved"]
    statuses = [
        {"key": key, "label": label, "checked": True}
        for key, label in _STATUS_LABELS.items()
        if counts.get(key) or (key == "moved" and any(p.status == "moved" for p in redline.paragraphs))
    ]
    return {
        "title": title,
        "lang": meta.language or redline.old_meta.language or "fr",
        "page": "redline" if has_sponsors else "diff",
        "meta": meta.as_dict(),
        "old_meta": redline.old_meta.as_dict(),
        "summary": counts,
        "counts": {"changes": sum(1 for p in paragraphs for x in p["pieces"] if x["type"] == "change")},
        "sponsors": [
            {"key": sponsor_key(a), "name": a, "tag": "", "changes": n, "agreed": None, "proposed": None, "withdrawn": None}
            for a, n in authors.items()
        ],
        "statuses": statuses,
        "numbers": _runs_of_numbers(pairs),
        "formula": _paragraph(redline.formula, numbers, False, moved_to, has_sponsors) if redline.formula else None,
        "paragraphs": paragraphs,
        "footnotes": _notes(redline, numbers, has_sponsors),
        "withdrawn": [],
        "tag_format": "",
    }


def write_redline_html(
    redline: Redline,
    *,
    mark_renumbering: bool = False,
    template_dir: str | Path | None = None,
    label_map: dict[str, str] | None = None,
) -> str:
    """The review page of a redline (``template_dir`` overrides ``redline.html.j2``)."""
    from resodraft.templating import render

    context = redline_context(redline, mark_renumbering=mark_renumbering, label_map=label_map)
    return render(TEMPLATE, context, template_dir=template_dir)


# --------------------------------------------------------------------------------------------
# the compilation


def compilation_context(compilation: Any, *, show_withdrawn: bool = False) -> dict[str, Any]:
    """The data the review page renders for a compilation (see the module docstring)."""
    from resodraft.compile import Contest, Kept
    from resodraft.writers.compilation_md import CallNumbers

    numbers = CallNumbers(compilation)

    def change(alt: Any, number: int | None = None) -> dict[str, Any]:
        p = alt.proposal
        return {
            "type": "change",
            "author": p.sponsor,
            "sponsor": sponsor_key(p.sponsor),
            "status": p.status,
            "tag": compilation.tag(p),
            "number": number,
            "title": " — ".join(x for x in (f"{p.sponsor}: {p.summary}", p.note or "", p.ref) if x),
            "ops": [_op(op, numbers) for op in alt.ops],
        }

    paragraphs = []
    for p in compilation.paragraphs:
        pieces: list[dict[str, Any]] = []
        for seg in p.segments:
            if isinstance(seg, Kept):
                pieces.append({"type": "text", "runs": _runs(seg.content, "=", numbers)})
            elif p.status == "proposed":
                pieces.append(change(seg.alternatives[0]) | {"whole": True})
            elif seg.competing:
                old = "".join(x.text for x in seg.old if hasattr(x, "text"))
                lead, trail = old[: len(old) - len(old.lstrip())], old[len(old.rstrip()):] if old.strip() else ""
                if lead:
                    pieces.append({"type": "text", "runs": [{"text": lead, "i": False, "b": False, "sup": False, "s": False, "note": None}]})
                pieces.append({
                    "type": "contest",
                    "old": _runs(seg.old, "=", numbers),
                    "alternatives": [change(a, k) for k, a in enumerate(seg.alternatives, start=1)],
                })
                if trail:
                    pieces.append({"type": "text", "runs": [{"text": trail, "i": False, "b": False, "sup": False, "s": False, "note": None}]})
            else:
                pieces.append(change(seg.alternatives[0]))
        moves = [
            {"sponsor": sponsor_key(m.sponsor), "status": m.status, "tag": compilation.tag(m), "summary": m.summary,
             "title": " — ".join(x for x in (m.sponsor, m.note or "", m.ref) if x)}
            for m in p.moves
        ]
        number = p.number
        marker = {"old": None, "new": None, "changed": False, "before": "", "after": ""}
        if number is not None and p.kind in ("operative", "subparagraph", "part"):
            before, after = ("(", ")") if p.kind == "subparagraph" and p.style == "()" else (
                ("", ")") if p.kind == "subparagraph" else ("", "."))
            marker = {"old": number, "new": number, "changed": False, "before": before, "after": after}
        new_label = p.label or (f"OP{number}" if p.kind == "operative" and number else None)
        paragraphs.append({
            "status": p.status if p.status == "proposed" else ("changed" if p.contests or p.moves else "equal"),
            "kind": p.kind,
            "level": p.level,
            "old": p.base,
            "new": new_label,
            "id": (new_label or "").replace(" ", "-") or None,
            "gone": False,
            "marker": marker,
            "note": "",
            "title": "",
            "pieces": pieces,
            "moves": moves,
            "sponsor": sponsor_key(p.proposal.sponsor) if p.proposal else "",
            "tag": compilation.tag(p.proposal) if p.proposal else "",
            "proposal_status": p.proposal.status if p.proposal else "",
            "filtered": False,
        })
    notes = []
    for note in sorted(compilation.footnotes, key=lambda n: numbers.by_id.get(n.id, 0)):
        piece = {"type": "text", "runs": _runs(note.content, "=", numbers)}
        if note.proposal is not None:
            piece = {"type": "change", "author": note.proposal.sponsor, "sponsor": sponsor_key(note.proposal.sponsor),
                     "status": note.proposal.status, "tag": compilation.tag(note.proposal), "number": None,
                     "title": note.proposal.sponsor, "ops": [_op(Op("+", note.content), numbers)]}
        notes.append({"number": numbers.by_id[note.id], "status": "equal", "gone": False, "pieces": [piece]})
    withdrawn = [
        {"sponsor": sponsor_key(w.sponsor), "tag": compilation.tag(w), "summary": w.summary, "note": w.note or "",
         "ref": w.ref, "name": w.sponsor}
        for w in compilation.withdrawn
    ]
    statuses = [{"key": "proposed", "label": "proposed", "checked": True}]
    if withdrawn:
        statuses.append({"key": "withdrawn", "label": "withdrawn", "checked": show_withdrawn})
    meta = compilation.meta
    pairs = [(o, n) for o, n in compilation.label_map.items() if o != n and not o.startswith("+")]
    new_rows = [{"old": "—", "new": f"{n} ({o[1:]})"} for o, n in compilation.label_map.items() if o.startswith("+") and " " in n]
    changes = sum(1 for p in paragraphs for x in p["pieces"] if x["type"] == "change") + sum(
        len(x["alternatives"]) for p in paragraphs for x in p["pieces"] if x["type"] == "contest"
    )
    return {
        "title": " — ".join(x for x in ("Compilation", meta.symbol, meta.title) if x),
        "lang": compilation.language,
        "page": "compilation",
        "meta": meta.as_dict(),
        "old_meta": compilation.base_meta.as_dict(),
        "summary": {
            "equal": sum(1 for p in paragraphs if p["status"] == "equal"),
            "changed": sum(1 for p in paragraphs if p["status"] == "changed"),
            "inserted": sum(1 for p in paragraphs if p["status"] == "proposed"),
            "deleted": 0,
            "moved": 0,
        },
        "counts": {"changes": changes + sum(len(p["moves"]) for p in paragraphs)},
        "sponsors": [
            {"key": sponsor_key(s.sponsor), "name": s.sponsor, "tag": compilation.tag_format.replace("{tag}", s.tag),
             "changes": s.agreed + s.proposed + s.withdrawn, "agreed": s.agreed, "proposed": s.proposed,
             "withdrawn": s.withdrawn}
            for s in compilation.sponsors
        ],
        "statuses": statuses,
        "numbers": _runs_of_numbers(pairs) + new_rows,
        "formula": {"kind": "formula", "status": "equal", "level": 1, "old": None, "new": None, "id": None,
                    "gone": False, "marker": {"old": None, "new": None}, "note": "", "title": "", "moves": [],
                    "pieces": [{"type": "text", "runs": _runs(compilation.formula, "=", numbers)}],
                    "sponsor": "", "tag": "", "proposal_status": "", "filtered": False} if compilation.formula else None,
        "paragraphs": paragraphs,
        "footnotes": notes,
        "withdrawn": withdrawn,
        "tag_format": compilation.tag_format,
    }


def write_compilation_html(compilation: Any, *, show_withdrawn: bool = False, template_dir: str | Path | None = None) -> str:
    """The review page of a compilation (``template_dir`` overrides ``compilation.html.j2``)."""
    from resodraft.templating import render

    return render(COMPILATION_TEMPLATE, compilation_context(compilation, show_withdrawn=show_withdrawn),
                  template_dir=template_dir)
