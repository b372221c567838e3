"""Typography on output: French no-break spaces, unbreakable document symbols, language tags.

The model keeps the text as the drafter wrote it (DESIGN.md §6: a no-break space is kept as
written, never collapsed). The Word writers typeset it as they write it, so that a line never
starts with a lone ``;`` or ends with ``«``, and ``ICC-ASP/11/Res.5`` never breaks at its
hyphen:

- **French spacing** (``language == "fr"``): before ``;`` ``!`` ``?`` and ``»`` and after
  ``«`` a narrow no-break space U+202F; before ``:`` a no-break space U+00A0 (the Imprimerie
  nationale's rule, which the UN French service follows). An ordinary space there becomes the
  no-break one; where there is no space at all (``session;``) one is added. A no-break space
  already in the text is kept as it is. ``spacing="nbsp"`` uses U+00A0 everywhere (for fonts
  without U+202F), ``spacing="off"`` leaves spaces alone. Punctuation inside a word or an
  address (``10:30``, ``https://``) is not punctuation and is left alone.
- **Document symbols**: the hyphens of ``ICC-ASP/19/Res.2`` (any language) become U+2011
  NON-BREAKING HYPHEN, which the Word writer writes as ``<w:noBreakHyphen/>``.
- **Language tags**: a run of at least three words whose function words are all of the other
  language (``*Matrix over possible areas of strengthening the Court*`` in a French text: "over",
  "of", "the", and no "de", "la", "et") gets the mark ``lang:en`` (``lang:fr`` in an English
  text); the Word writer writes it as ``<w:lang>``, so Word checks its spelling in English.
  Its characters are not typeset the French way.

Everything works on a paragraph's redline ops (:class:`~resodraft.model.Op`), so the clean, the
visual and the tracked documents get the same characters, and in a tracked document typesetting
is never a change: a space kept by both versions becomes a no-break space only when both
versions call for it. The ``lang:`` marks exist only between this module and the Word writer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from resodraft.model import Op, Text

NNBSP = "\u202f"
NBSP = "\u00a0"
NBHYPHEN = "\u2011"
SPACINGS: tuple[str, ...] = ("narrow", "nbsp", "off")
"""Values of the French spacing option: narrow no-break spaces (default), U+00A0 only, none."""

_NARROW_BEFORE = frozenset(";!?»")
_WIDE_BEFORE = frozenset(":")
_PUNCT = _NARROW_BEFORE | _WIDE_BEFORE
_NO_BREAK = frozenset("\u00a0\u202f\u2007\u2060")
_CLOSERS = frozenset(")]»\"'’”")

_SYMBOL = re.compile(r"\b[A-Z][\w\-]*(?:\.[\w\-]+)*(?:/(?:[\w\-]+(?:\.[\w\-]+)*(?:\.\[(?:\.\.\.|…)\])?|\[(?:\.\.\.|…)\]))+")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_FUNCTION_WORDS = {
    "en": frozenset(
        "the of and for over with to from by in its their this that these is are be into "
        "which who between under within upon".split()
    ),
    "fr": frozenset(
        "le la les de des du et pour sur dans par aux au une un à est sont avec ces cette "
        "qui que entre sous selon leur leurs".split()
    ),
}
LANG_MARK = "lang:"


def protect_symbols(text: str) -> str:
    """The hyphens inside document symbols made non-breaking (U+2011).

    >>> protect_symbols("la résolution ICC-ASP/11/Res.5 et le co-facilitateur")
    'la résolution ICC‑ASP/11/Res.5 et le co-facilitateur'
    """
    if "-" not in text or "/" not in text:
        return text
    return _SYMBOL.sub(lambda m: m.group(0).replace("-", NBHYPHEN), text)


def foreign_language(text: str, language: str) -> str | None:
    """The other language (``en`` in a French text, ``fr`` in an English one) when ``text``
    is written in it, judged by its function words; ``None`` otherwise.

    >>> foreign_language("Matrix over possible areas of strengthening the Court", "fr")
    'en'
    >>> foreign_language("le document Matrix of the Court", "fr") is None
    True
    """
    other = {"fr": "en", "en": "fr"}.get(language)
    if other is None:
        return None
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3:
        return None
    theirs = sum(w in _FUNCTION_WORDS[other] for w in words)
    ours = sum(w in _FUNCTION_WORDS[language] for w in words)
    return other if theirs >= 2 and ours == 0 else None


def language_of(marks: frozenset[str]) -> str | None:
    """The language a run was tagged with (``lang:en`` → ``en``), or ``None``."""
    for mark in marks:
        if mark.startswith(LANG_MARK):
            return mark[len(LANG_MARK) :]
    return None


@dataclass
class _Cell:
    """One character of a paragraph's ops, or a footnote call (``char`` ``None``)."""

    char: str | None
    kind: str  # "=", "-", "+"
    op: int
    item: int
    pos: int
    foreign: bool


def _sides(kind: str) -> tuple[str, ...]:
    return {"=": ("old", "new"), "-": ("old",), "+": ("new",)}[kind]


def typeset_ops(ops: Sequence[Op], language: str, spacing: str = "narrow") -> tuple[Op, ...]:
    """``ops`` with the typography of the module docstring applied (same kinds, same order).

    A character kept by both versions (an ``=`` op) changes only when both versions call for
    the same change, so accepting or rejecting every change gives each version typeset on its
    own, and typesetting is never itself a change.
    """
    if spacing not in SPACINGS:
        raise ValueError(spacing)
    tagged = [_tag_languages(op, language) for op in ops]
    if language != "fr" or spacing == "off":
        return tuple(_map_text(op, protect_symbols) for op in tagged)
    narrow = NNBSP if spacing == "narrow" else NBSP
    cells: list[_Cell] = []
    for k, op in enumerate(tagged):
        for n, item in enumerate(op.content):
            if isinstance(item, Text):
                foreign = language_of(item.marks) is not None
                cells.extend(_Cell(ch, op.kind, k, n, p, foreign) for p, ch in enumerate(item.text))
            else:
                cells.append(_Cell(None, op.kind, k, n, 0, False))

    # what each version wants: replace the character, or insert one before/after it
    want: dict[str, dict[tuple[int, str], str]] = {"old": {}, "new": {}}
    for which in ("old", "new"):
        seq = [c for c in cells if which in _sides(c.kind)]
        for i, c in enumerate(seq):
            if c.char is None or c.foreign:
                continue
            prev = seq[i - 1] if i > 0 else None
            nxt = seq[i + 1] if i + 1 < len(seq) else None
            if c.char == " ":
                if nxt is not None and nxt.char in _PUNCT and not nxt.foreign and _is_punctuation(seq, i + 1):
                    want[which][(id(c), "replace")] = NBSP if nxt.char in _WIDE_BEFORE else narrow
                elif prev is not None and prev.char == "«":
                    want[which][(id(c), "replace")] = narrow
            elif c.char in _PUNCT and _is_punctuation(seq, i) and prev is not None and _glued(prev) and prev.char != "«":
                want[which][(id(c), "before")] = NBSP if c.char in _WIDE_BEFORE else narrow
            elif c.char == "«" and nxt is not None and _glued(nxt) and nxt.char not in _PUNCT and not nxt.foreign:
                want[which][(id(c), "after")] = narrow

    edits: dict[tuple[int, int], dict[int, tuple[str, str]]] = {}
    for c in cells:
        if c.char is None:
            continue
        for action in ("replace", "before", "after"):
            key = (id(c), action)
            choices = [want[w].get(key) for w in _sides(c.kind)]
            if choices[0] is not None and all(x == choices[0] for x in choices):
                edits.setdefault((c.op, c.item), {})[c.pos] = (action, choices[0])
                break

    out: list[Op] = []
    for k, op in enumerate(tagged):
        content = []
        for n, item in enumerate(op.content):
            if isinstance(item, Text):
                text = item.text
                changes = edits.get((k, n))
                if changes:
                    pieces = []
                    for p, ch in enumerate(text):
                        action, value = changes.get(p, ("", ""))
                        pieces.append(
                            value if action == "replace"
                            else value + ch if action == "before"
                            else ch + value if action == "after"
                            else ch
                        )
                    text = "".join(pieces)
                item = replace(item, text=protect_symbols(text))
            content.append(item)
        out.append(replace(op, content=tuple(content)))
    return tuple(out)


def _is_punctuation(seq: list[_Cell], i: int) -> bool:
    """Whether the mark at ``seq[i]`` ends a phrase (followed by a space, the end, a call,
    a closing mark or more punctuation), not a character inside a word or an address."""
    c = seq[i]
    if c.char == "»":
        return True
    nxt = seq[i + 1] if i + 1 < len(seq) else None
    if nxt is None or nxt.char is None:
        return True
    return nxt.char.isspace() or nxt.char in _PUNCT or nxt.char in _CLOSERS or nxt.char in ".,"


def _glued(cell: _Cell) -> bool:
    """Whether ``cell`` is text a mark is glued to (no space or no-break space in between)."""
    if cell.char is None:
        return True  # a footnote call: "…Agreement[^8];"
    return not cell.char.isspace() and cell.char not in _NO_BREAK


def _tag_languages(op: Op, language: str) -> Op:
    if not any(isinstance(i, Text) for i in op.content):
        return op
    content = []
    for item in op.content:
        if isinstance(item, Text) and (other := foreign_language(item.text, language)):
            item = Text(item.text, item.marks | {LANG_MARK + other})
        content.append(item)
    return replace(op, content=tuple(content))


def _map_text(op: Op, fn) -> Op:  # type: ignore[no-untyped-def]
    return replace(
        op, content=tuple(Text(fn(i.text), i.marks) if isinstance(i, Text) else i for i in op.content)
    )


__all__ = [
    "LANG_MARK",
    "NBHYPHEN",
    "NBSP",
    "NNBSP",
    "SPACINGS",
    "foreign_language",
    "language_of",
    "protect_symbols",
    "typeset_ops",
]
