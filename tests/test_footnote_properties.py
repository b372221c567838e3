"""Footnote amendments keep the numbering right: after deleting, replacing and adding footnotes
(``FN4``, ``notes = {…}``), the new text's footnotes are 1…n in order of first call, every call
has its text, and every footnote of the base that is still called is there (number.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from resodraft import api
from resodraft.amend import parse_amendment_text
from resodraft.model import NoteRef, iter_labelled, plain_text
from resodraft.readers.markdown import read_markdown


@st.composite
def drafts_with_notes(draw):
    """A draft of 2–6 operative paragraphs calling 1–5 footnotes (some twice), canonical ids."""
    n_notes = draw(st.integers(1, 5))
    n_op = draw(st.integers(2, 6))
    calls = [draw(st.lists(st.integers(1, n_notes), max_size=2)) for _ in range(n_op)]
    order: list[int] = []
    for c in calls:
        for n in c:
            if n not in order:
                order.append(n)
    number = {n: k for k, n in enumerate(order, start=1)}
    lines = ["---", "language: fr", "---", "", "L'Assemblée des États Parties,", ""]
    for k, c in enumerate(calls, start=1):
        refs = "".join(f" texte{j}[^{number[n]}]" for j, n in enumerate(c))
        lines += [f"{k}. *Décide* de la question{refs}{' ;' if k < n_op else '.'}", ""]
    lines += [f"[^{number[n]}]: Note {number[n]}." for n in order]
    return "\n".join(lines) + "\n"


@st.composite
def note_changes(draw, text):
    base = read_markdown(text, "base.md")
    ops = ['sponsor = "X"', ""]
    touched: set[str] = set()
    for note in base.footnotes:
        action = draw(st.sampled_from(["keep", "delete", "replace", "substitute"]))
        if action == "delete":
            ops += ["[[change]]", 'op = "delete"', f'at = "FN{note.id}"', ""]
        elif action == "replace":
            ops += ["[[change]]", 'op = "replace"', f'at = "fn{note.id}"', f'text = "Note remplacée {note.id}."', ""]
        elif action == "substitute":
            ops += ["[[change]]", 'op = "substitute"', f'at = "[^{note.id}]"', 'find = "Note"', 'replace = "Nota"', ""]
        touched.add(note.id)
    operatives = [x.label for x in iter_labelled(base) if x.kind == "operative"]
    for k in range(draw(st.integers(0, 2))):
        anchor = draw(st.sampled_from(operatives))
        ops += ["[[change]]", 'op = "insert"', f'after = "{anchor}"', f'text = "*Note* aussi[^new{k}] ;"', f'notes = {{ new{k} = "Nouvelle {k}." }}', ""]
    if len(ops) == 2:
        ops += ["[meta]", 'status = "draft"', ""]
    return "\n".join(ops)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_footnotes_stay_numbered_in_order_of_first_call(data):
    text = data.draw(drafts_with_notes())
    toml = data.draw(note_changes(text))
    base = read_markdown(text, "base.md")
    changes = parse_amendment_text(toml, "a.toml")
    new = api.apply(base, changes).new
    calls: list[str] = []
    for item in iter_labelled(new):
        for x in item.node.content:
            if isinstance(x, NoteRef) and x.id not in calls:
                calls.append(x.id)
    ids = [n.id for n in new.footnotes]
    assert ids == [str(k) for k in range(1, len(ids) + 1)]
    assert calls == ids  # every footnote called, in order of first call, and nothing else
    deleted = {c.at.upper() for c in changes if c.op == "delete"}
    kept = [n for n in base.footnotes if f"FN{n.id}" not in deleted]
    added = [c for c in changes if c.op == "insert"]
    assert len(ids) == len(kept) + len(added)
    texts = {plain_text(n.content) for n in new.footnotes}
    assert not any(f"Note {n.id}." in texts or f"Nota {n.id}." in texts for n in base.footnotes if f"FN{n.id}" in deleted)
