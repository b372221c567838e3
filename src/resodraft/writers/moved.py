"""The "(moved from paragraph 16)" notes of the visual redlines (Markdown and Word).

A moved paragraph appears twice in a redline (:mod:`resodraft.redline`): struck where it was and
marked as new where it now stands. The visual redlines say so after each of the two, in the
words a drafter would use, with the numbers of the text each place belongs to — the old number
where the paragraph was, the new one where it went::

    ~~3. *Décide* de rester saisie ;~~ *(déplacé au paragraphe 4)*
    4. ***Décide* de rester saisie ;** *(déplacé du paragraphe 3)*

    ~~*Recalling* its resolution 79/6,~~ *(moved to preambular paragraph 5)*
    *Recalling* … *(moved from preambular paragraph 2)*

Sub-paragraphs are named with their paragraph ("de l'alinéa b) du paragraphe 4", "from
subparagraph (b) of paragraph 4"), paragraphs of a lettered part with their part ("du
paragraphe 1 de la partie B", "from paragraph 1 of part B"). The sub-paragraphs that move with
their paragraph get no note of their own. The tracked Word file needs no
such note: Word shows the move itself.
"""

from __future__ import annotations

import re

from resodraft.model import ParaDiff, Redline

_LABEL = re.compile(r"^(?:(?P<part>[A-Z]+)\.)?(?P<kind>PP|OP|H)(?P<n>\d+)(?P<subs>(?:\([a-z]+\))*)$")


def _place(label: str | None, style: str, language: str) -> str | None:
    """``B.OP4(b)`` → ``l'alinéa b) du paragraphe 4 de la partie B`` (fr), ``subparagraph (b)
    of paragraph 4 of part B`` (en); ``None`` for a label it cannot name."""
    m = _LABEL.match(label or "")
    if m is None:
        return None
    kind, n, part = m.group("kind"), m.group("n"), m.group("part")
    subs = re.findall(r"\(([a-z]+)\)", m.group("subs"))
    fr = language == "fr"
    if kind == "PP":
        return f"l'alinéa {n} du préambule" if fr else f"preambular paragraph {n}"
    if kind == "H":
        return None
    if fr:
        where = f"paragraphe {n}" + (f" de la partie {part}" if part else "")
        if subs:
            marks = " ".join(f"({s})" if style == "()" else f"{s})" for s in subs)
            return f"l'alinéa {marks} du {where}"
        return f"le {where}"
    where = f"paragraph {n}" + (f" of part {part}" if part else "")
    if subs:
        marks = "".join(f"({s})" for s in subs)
        return f"subparagraph {marks} of {where}"
    return where


def _sentence(place: str | None, to: bool, language: str) -> str:
    if language == "fr":
        if place is None:
            return "(déplacé)"
        if place.startswith("le "):
            place = place[3:]
            return f"(déplacé au {place})" if to else f"(déplacé du {place})"
        return f"(déplacé à {place})" if to else f"(déplacé de {place})"
    if place is None:
        return "(moved)"
    return f"(moved to {place})" if to else f"(moved from {place})"


def _parent(label: str) -> str | None:
    """``OP4(b)`` → ``OP4``; ``None`` for a label without a parent."""
    if label.endswith(")") and "(" in label:
        return label[: label.rindex("(")]
    return None


def move_notes(redline: Redline) -> dict[int, str]:
    """Index in ``redline.paragraphs`` → the note written after that moved paragraph."""
    language = redline.meta.language or redline.old_meta.language or "fr"
    language = "en" if language == "en" else "fr"
    dest: dict[str, ParaDiff] = {}
    origin: dict[str, ParaDiff] = {}
    for pd in redline.paragraphs:
        if pd.status == "moved" and pd.old is not None:
            (dest if pd.new is not None else origin)[pd.old] = pd
    notes: dict[int, str] = {}
    for k, pd in enumerate(redline.paragraphs):
        if pd.status != "moved" or pd.old is None:
            continue
        parent = _parent(pd.old)
        if parent is not None and parent in (origin if pd.new is None else dest):
            continue  # a sub-paragraph that went with its paragraph: the paragraph's note says it
        if pd.new is None:  # the old place: say where it went (new numbering)
            there = dest.get(pd.old)
            notes[k] = _sentence(_place(there.new if there else None, pd.style, language), True, language)
        else:  # the new place: say where it came from (old numbering)
            notes[k] = _sentence(_place(pd.old, pd.style, language), False, language)
    return notes


__all__ = ["move_notes"]
