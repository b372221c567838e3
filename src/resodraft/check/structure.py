"""Rules on the structure of a resolution: numbering, sub-paragraph letters, end punctuation, leads.

Conventions (``/work/shared/CONVENTIONS.md`` §2–§4, DESIGN.md §6):

- operative paragraphs are numbered 1…n, restarting in each lettered part;
- sub-paragraphs are lettered a), b), c)… and second-level ones i), ii), iii)…;
- a preambular paragraph ends with ","; an operative paragraph (or sub-paragraph) with ";",
  the last one of the text with "."; one followed by sub-paragraphs with ":" (or "," as in the
  ICC-ASP mandates annex, "En ce qui concerne la coopération,");
- leads (the opening participle or verb) are in italics, which is only checked where the draft
  keeps formatting: when at least two thirds of its paragraphs have an italic lead.

Messages name paragraphs by their label (``PP3``, ``OP12``, ``OP3(b)``, ``B.OP1``) as
``resodraft show`` prints them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from resodraft.check.core import Context, Finding, sub_marker
from resodraft.model import Heading, Labelled, Operative, Preambular, SubParagraph, lead, plain_text

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES.get(b, 0) > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _plain_label(label: str) -> str:
    """``OP5#2`` → ``OP5``, ``OP5#2(a)`` → ``OP5(a)`` (the suffix only makes labels unique)."""
    return re.sub(r"#\d+", "", label)


def _operatives_by_part(ctx: Context) -> Iterator[tuple[str, list[Labelled]]]:
    """Numbered operative paragraphs grouped by lettered part (``""`` outside parts)."""
    groups: dict[str, list[Labelled]] = {}
    for item in ctx.labelled:
        if isinstance(item.node, Operative) and item.node.number is not None:
            groups.setdefault(item.part or "", []).append(item)
    yield from groups.items()


# --------------------------------------------------------------------------------------------
# numbering


def numbering_gap(ctx: Context) -> Iterator[Finding]:
    """Operative numbers must run 1, 2, 3… in document order (per lettered part).

    A run of missing numbers is reported once, at the paragraph that follows the hole; a
    paragraph whose number is lower than one before it is reported as out of order.
    Duplicates are :func:`numbering_duplicate`'s business.
    """
    for part, items in _operatives_by_part(ctx):
        prefix = f"{part}." if part else ""
        numbers = [int(i.node.number) for i in items]  # type: ignore[arg-type]
        present = set(numbers)
        first_at = {}
        for n, item in zip(numbers, items):
            first_at.setdefault(n, item)
        holes = sorted(set(range(1, max(numbers) + 1)) - present)
        runs: list[tuple[int, int]] = []
        for h in holes:
            if runs and runs[-1][1] == h - 1:
                runs[-1] = (runs[-1][0], h)
            else:
                runs.append((h, h))
        for a, b in runs:
            item = first_at[b + 1]
            what = f"paragraph {prefix}{a} is" if a == b else f"paragraphs {prefix}{a} to {prefix}{b} are"
            if a == 1:
                message = f"{_plain_label(item.label)}: numbering starts at {b + 1} — operative {what} missing"
            else:
                message = f"{_plain_label(item.label)}: operative {what} missing ({prefix}{a - 1} is followed by {prefix}{b + 1})"
            yield ctx.finding(item.node, None, message, f"missing {prefix}{a}-{b} before {plain_text(item.node.content)[:60]}")
        highest = 0
        seen: set[int] = set()
        for n, item in zip(numbers, items):
            if n in seen:
                continue
            if n < highest:
                yield ctx.finding(
                    item.node,
                    None,
                    f"{item.label} comes after {prefix}OP{highest}: operative paragraphs are out of order",
                    f"order {prefix}{n} after {prefix}{highest} {plain_text(item.node.content)[:60]}",
                )
            seen.add(n)
            highest = max(highest, n)


def numbering_duplicate(ctx: Context) -> Iterator[Finding]:
    """Two operative paragraphs (in the same part) carry the same number."""
    for part, items in _operatives_by_part(ctx):
        prefix = f"{part}." if part else ""
        seen: set[str] = set()
        for item in items:
            number = item.node.number
            if number in seen:
                yield ctx.finding(
                    item.node,
                    None,
                    f"{_plain_label(item.label)}: two operative paragraphs are numbered {prefix}{number}",
                    f"{prefix}{number} {plain_text(item.node.content)[:80]}",
                )
            seen.add(number)  # type: ignore[arg-type]


def _next_number(number: str, level: int) -> str:
    if level == 1:
        return chr(ord(number) + 1) if len(number) == 1 and number < "z" else number
    return _to_roman(_roman(number) + 1)


def subparagraph_sequence(ctx: Context) -> Iterator[Finding]:
    """Sub-paragraphs run a), b), c)… and second-level ones i), ii), iii)…, from the first."""

    def walk(parent: str, subs: tuple[SubParagraph, ...], level: int, ctx: Context) -> Iterator[Finding]:
        expected = "a" if level == 1 else "i"
        for sub in subs:
            valid = re.fullmatch(r"[a-z]", sub.number) if level == 1 else re.fullmatch(r"[ivxl]+", sub.number)
            if sub.number != expected and valid:
                shown, want = sub_marker(sub.number, sub.style), sub_marker(expected, sub.style)
                message = f"{parent}: sub-paragraph {shown} where {want} is expected"
                yield ctx.finding(sub, None, message, f"{parent} {shown} {plain_text(sub.content)[:60]}")
            if valid:
                expected = _next_number(sub.number, level)
            yield from walk(f"{parent}({sub.number})", sub.subs, level + 1, ctx)

    for item in ctx.labelled:
        if isinstance(item.node, Operative) and item.node.subs:
            yield from walk(_plain_label(item.label), item.node.subs, 1, ctx)


# --------------------------------------------------------------------------------------------
# end punctuation

_SUB_START = re.compile(r"^\(?[a-z]{1,2}\)\s")
_OPEN_LIST = (":", ",")


def _end(text: str) -> tuple[str, int]:
    """The last character of ``text`` and its offset (``("", len)`` for an empty text)."""
    text = text.rstrip()
    return (text[-1], len(text) - 1) if text else ("", 0)


def punctuation_preambular(ctx: Context) -> Iterator[Finding]:
    """A preambular paragraph ends with ",".

    A line of the preamble that opens with an italic lead but has no final punctuation is read
    as a heading by the reader ("*Notant* le rapport"): it is reported here too, unless the
    source marks it as a heading with ``#``. Not checked: a preambular paragraph that introduces
    lettered items (ends with ":" and the next one starts with "(a)"), and such items.
    """
    blocks = ctx.res.blocks
    for item in ctx.labelled:
        node = item.node
        if isinstance(node, Operative):
            return
        text = plain_text(node.content).rstrip()
        if isinstance(node, Heading):
            line = ctx.smap.lines[node.line - 1] if node.line else ""
            if lead(node.content) and not line.lstrip().startswith("#"):
                message = f"{item.label} ('{_opening(text)}') reads as a heading: a preambular paragraph ends with ','"
                yield ctx.finding(node, len(text), message, text[-60:])
            continue
        if not isinstance(node, Preambular) or _SUB_START.match(text):
            continue
        last, offset = _end(text)
        if last == ",":
            continue
        index = next(k for k, b in enumerate(blocks) if b is node)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if last == ":" and isinstance(following, Preambular) and _SUB_START.match(plain_text(following.content)):
            continue
        if last.isalnum() or last in ")»\"”'’]":
            message = f"{item.label} does not end with ',' (a preambular paragraph ends with a comma)"
            offset = len(text)
        else:
            message = f"{item.label} ends with '{last}' — ',' expected (a preambular paragraph ends with a comma)"
        yield ctx.finding(node, offset, message, text[-60:])


def _opening(text: str, words: int = 4) -> str:
    """The first words of ``text``, with "…" when there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _operative_units(ctx: Context) -> list[tuple[str, Operative | SubParagraph]]:
    """Operative paragraphs and their sub-paragraphs, flattened in reading order, with labels."""
    return [
        (_plain_label(item.label), item.node)  # type: ignore[misc]
        for item in ctx.labelled
        if isinstance(item.node, (Operative, SubParagraph))
    ]


_LIST_CONTINUES = re.compile(r";\s*(and|or|et|ou)$")


def punctuation_operative(ctx: Context) -> Iterator[Finding]:
    """Operative paragraphs and sub-paragraphs end with ";", the last one of the text with ".".

    One followed by sub-paragraphs ends with ":" (or ","); a sub-paragraph may end "; and" /
    "; et". Footnote calls after the mark do not count (they are not text).
    """
    units = _operative_units(ctx)
    for k, (label, node) in enumerate(units):
        text = plain_text(node.content).rstrip()
        last, offset = _end(text)
        is_last = k == len(units) - 1
        if node.subs:
            wanted, why = ":", "it introduces sub-paragraphs"
            ok = last in _OPEN_LIST
        elif is_last:
            wanted, why = ".", "it is the last paragraph of the text"
            ok = last == "."
        else:
            wanted, why = ";", ""
            ok = last == ";" or (isinstance(node, SubParagraph) and bool(_LIST_CONTINUES.search(text)))
        if ok:
            continue
        reason = f" ({why})" if why else ""
        if last and not (last.isalnum() or last in ")»\"”'’]"):
            message = f"{label} ends with '{last}' — '{wanted}' expected{reason}"
        else:
            message = f"{label} does not end with '{wanted}'{reason}"
            offset = len(text)
        if last == ":" and not node.subs:
            message = f"{label} ends with ':' but no sub-paragraph follows — '{wanted}' expected"
        yield ctx.finding(node, offset, message, text[-60:])


# --------------------------------------------------------------------------------------------
# leads

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PP_SHAPE = {"en": re.compile(r"^[A-Z][a-z]+(?:ing|ed)$"), "fr": re.compile(r"^[A-ZÉ][a-zéèêëîïôûç]+ant$")}
_OP_SHAPE = {"en": re.compile(r"^[A-Z][a-z]+s$"), "fr": re.compile(r"^(?!)")}


def _lead_paragraphs(ctx: Context) -> list[Labelled]:
    """Preambular and operative paragraphs that should open with a lead.

    Excluded: placeholders ("[Réservé …]") and an operative paragraph whose sub-paragraphs
    carry the leads, as in the ICC-ASP mandates annex ("1. En ce qui concerne la coopération,
    a) *prie* le Bureau …").
    """
    out = []
    for item in ctx.labelled:
        node = item.node
        if isinstance(node, (Preambular, Operative)):
            text = plain_text(node.content).lstrip()
            if isinstance(node, Operative) and any(lead(sub.content) for sub in node.subs):
                continue
            if text and not text.startswith("["):
                out.append(item)
    return out


def _keeps_italics(items: list[Labelled]) -> bool:
    """True when at least 3 paragraphs and two thirds of them have an italic lead."""
    with_lead = sum(1 for item in items if lead(item.node.content))
    return len(items) >= 3 and with_lead * 3 >= len(items) * 2


def _first_word(item: Labelled) -> str:
    m = _WORD.match(plain_text(item.node.content).lstrip())
    return m.group(0) if m else ""


def _lead_problems(ctx: Context) -> Iterator[tuple[str, Labelled, str]]:
    """``("missing"|"roman", paragraph, first word)`` for paragraphs without an italic lead."""
    items = _lead_paragraphs(ctx)
    if not _keeps_italics(items):
        return
    italic_words = {lead(i.node.content).split()[0].lower() for i in items if lead(i.node.content)}
    for item in items:
        if lead(item.node.content):
            continue
        word = _first_word(item)
        shapes = _PP_SHAPE if isinstance(item.node, Preambular) else _OP_SHAPE
        shape = shapes.get(ctx.language, shapes["en"])
        looks_like_lead = bool(word) and word[0].isupper() and (word.lower() in italic_words or bool(shape.match(word)))
        yield ("roman" if looks_like_lead else "missing"), item, word


def lead_missing(ctx: Context) -> Iterator[Finding]:
    """A paragraph does not open with an italic lead (only where the draft keeps italics)."""
    for kind, item, word in _lead_problems(ctx):
        if kind == "missing":
            text = plain_text(item.node.content).lstrip()
            message = f"{_plain_label(item.label)} does not open with an italic lead ('{_opening(text)}')"
            yield ctx.finding(item.node, 0, message, text[:60])


def lead_not_italic(ctx: Context) -> Iterator[Finding]:
    """A paragraph opens with its lead word in roman where the draft's other leads are italic."""
    for kind, item, word in _lead_problems(ctx):
        if kind == "roman":
            text = plain_text(item.node.content).lstrip()
            message = f"{_plain_label(item.label)}: the lead '{word}' is not in italics"
            yield ctx.finding(item.node, 0, message, text[:60])


__all__ = [
    "lead_missing",
    "lead_not_italic",
    "numbering_duplicate",
    "numbering_gap",
    "punctuation_operative",
    "punctuation_preambular",
    "subparagraph_sequence",
]
