"""Word automatic numbering for operative paragraphs and sub-paragraphs (``numbering.xml``).

With automatic numbering the printed numbers are Word's, not text: in the tracked document a
renumbered paragraph is not a revision at all, *Accept All* and *Reject All* renumber by
themselves (an inserted paragraph's number comes and goes with its paragraph mark), and a
person who inserts a paragraph in Word gets the right number.

One abstract list has a level per depth: ``1.`` (decimal), ``a)`` or ``(a)`` (lower-case
letters: after ``z`` Word doubles them, ``aa``, ``bb``, as the UN does), ``i)`` or ``(i)``
(roman), then letters and roman numerals again. Each run of operative paragraphs — those before
the first lettered part, then each part ("A.", "B.") — is its own list instance
(``<w:num>`` with a ``<w:startOverride>``), so numbering restarts in each part; sub-paragraph
letters restart under each operative paragraph, as Word's levels do.

:func:`plan_numbering` checks that Word would print exactly the model's numbers on each side of
the redline (the old text and the new one). When it would not — numbers with a gap or a
"5 bis", a lone unnumbered operative paragraph that becomes numbered, a lettered part inserted or
deleted, sub-paragraphs written ``a)`` and ``(b)`` in one document — it returns ``None`` and the
writer types the numbers as text, so the document always shows the text's own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from resodraft.model import ParaDiff, Redline
from resodraft.number import letter, roman

from .story import Level, Numbering, NumRef

STEP = 567  # twips: the 1 cm indent step of the reference styles
_MAX_LEVELS = 9


@dataclass(frozen=True)
class NumberingPlan:
    """The list definition and the number of each numbered paragraph (by its index in
    ``redline.paragraphs``)."""

    numbering: Numbering
    refs: dict[int, NumRef]


def _format(level: int) -> str:
    if level == 0:
        return "decimal"
    return "lowerLetter" if level % 2 == 1 else "lowerRoman"


def _label(level: int, n: int) -> str:
    if level == 0:
        return str(n)
    return letter(n) if level % 2 == 1 else roman(n)


def _present(pd: ParaDiff) -> tuple[bool, bool]:
    """Whether the paragraph stands here in the old text and in the new one."""
    if pd.status == "moved":
        return (pd.new is None, pd.new is not None)
    return (pd.old is not None, pd.new is not None)


def plan_numbering(redline: Redline, language: str = "fr") -> NumberingPlan | None:
    """Automatic numbers for ``redline``'s operative paragraphs and sub-paragraphs, or ``None``
    when Word's numbering would not print the model's numbers on both sides (module doc)."""
    instance = 0
    entries: list[tuple[int, int, int, str | None, str | None, bool, bool]] = []
    styles: dict[int, set[str]] = {}
    for k, pd in enumerate(redline.paragraphs):
        if pd.kind == "part":
            if pd.status not in ("equal", "changed"):
                return None  # a part inserted, deleted or moved changes where numbering restarts
            instance += 1
            continue
        if pd.kind not in ("operative", "subparagraph"):
            continue
        level = 0 if pd.kind == "operative" else max(1, pd.level)
        if level >= _MAX_LEVELS:
            return None
        in_old, in_new = _present(pd)
        old_n = pd.old_number if in_old else None
        new_n = pd.new_number if in_new else None
        if in_old and in_new and (old_n is None) != (new_n is None):
            return None  # numbered in one version, not in the other
        if old_n is None and new_n is None:
            continue
        if level > 0:
            styles.setdefault(level, set()).add(pd.style)
        entries.append((k, instance, level, old_n, new_n, in_old, in_new))
    if not entries:
        return None
    if any(len(s) > 1 for s in styles.values()):
        return None

    starts: dict[int, int] = {}
    for which in (0, 1):
        counters: dict[int, list[int]] = {}
        started: set[int] = set()
        for _, inst, level, old_n, new_n, in_old, in_new in entries:
            number = (old_n, new_n)[which]
            if not (in_old, in_new)[which] or number is None:
                continue
            c = counters.setdefault(inst, [0] * _MAX_LEVELS)
            if level == 0 and inst not in started:
                started.add(inst)
                if not number.isdigit() or number.startswith("0"):
                    return None
                start = int(number)
                if starts.setdefault(inst, start) != start:
                    return None
                c[0] = start - 1
            c[level] += 1
            for deeper in range(level + 1, _MAX_LEVELS):
                c[deeper] = 0
            if _label(level, c[level]) != number:
                return None

    default = "()" if language == "en" else ")"
    levels = []
    for level in range(max(e[2] for e in entries) + 1):
        if level == 0:
            text = "%1."
        else:
            style = next(iter(styles.get(level, {default})))
            text = f"({'%'}{level + 1})" if style == "()" else f"%{level + 1})"
        indent = STEP * (min(level, 2) + 1)
        levels.append(Level(level, _format(level), text, indent, STEP))
    used = sorted({e[1] for e in entries})
    num_ids = {inst: k + 1 for k, inst in enumerate(used)}
    refs = {e[0]: NumRef(num_ids[e[1]], e[2]) for e in entries}
    numbering = Numbering(tuple(levels), tuple(starts.get(inst, 1) for inst in used))
    return NumberingPlan(numbering, refs)


__all__ = ["NumberingPlan", "plan_numbering"]
