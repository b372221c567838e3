"""Typography on output: French no-break spaces, unbreakable document symbols, language tags.

The model keeps the text as the drafter wrote it (DESIGN.md §6: a no-break space is kept as
written, never collapsed). The Word writers typeset it as they write it, so that a line never
starts with a lone ``;`` or ends with ``«``, and ``ICC-ASP/11/Res.5`` never breaks at its
hyphen:

- **French spacing** (``language == "fr"``): before ``;`` ``!`` ``?`` and ``»`` and after
  ``«`` a narrow no-break space U+202F; before ``:`` a no-break space U+00A0 (the Imprimerie
  nationale's rule, which the UN French service follows). An ordinary space there becomes the
  no-break one. Where the text has no space at all (``session;`` in an adopted text) none is
  added: the writers never change the wording, and ``check`` reports it (``fr-spacing``). A
  no-break space already in the text is kept as it is. ``spacing="nbsp"`` uses U+00A0 everywhere (for fonts
  without U+202F), ``spacing="off"`` leaves spaces alone. Punctuation inside a word or an
  address (``10:30``, ``https://``) is not punctuation and is left alone.
- **Document symbols**: the hyphens of ``ICC-ASP/19/Res.2`` (any language) become U+2011
  NON-BREAKING HYPHEN, which the Word writer writes as ``<w:noBreakHyphen/>``.
- **Language tags**: a run of at least three words whose function words are all of the other
  language (``*Matrix over possible areas of strengthening the Court*`` in a French text: "over",
  "of", "the", and no "de", "la", "et") gets the mark ``lang:en`` (``lang:fr`` in an English
  text); the Word writer writes it as ``<w:lang>``, so Word checks its spelling in English.
  Its characters are not typeset the French way.
- **Reading back** (:func:`untypeset`): the Word reader undoes the spaces and hyphens in a file
  in resodraft's own styles, so importing a rendered file gives the draft back.

Everything works on a paragraph's redline ops (:class:`~resodraft.model.Op`), so the clean, the
visual and the tracked documents get the same characters, and in a tracked document typesetting
is never a change: a space kept by both versions becomes a no-break space only when both
versions call for it. The ``lang:`` marks exist only between this module and the Word writer.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from resodraft.model import Inline, Op, Text

NNBSP = "\u202f"
NBSP = "\u00a0"
NBHYPHEN = "\u2011"
SPACINGS: tuple[str, ...] = ("narrow", "nbsp", "off")
"""Values of the French spacing option: narrow no-break spaces (default), U+00A0 only, none."""

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
_FUNCTION_RE = {
    lang: re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?![^\W\d_])", re.I)
    for lang, words in _FUNCTION_WORDS.items()
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


_FOLLOW_TEXT = r"(?:$|[\s;!?:.,)\]»\"'’”\ufffc])"  # after a mark that ends a phrase (not 10:30)
_SYMBOL_READ = re.compile(r"\b[A-Z][\w\-\u2011]*(?:\.[\w\-\u2011]+)*(?:/[\w\-\u2011.\[\]…]+)+")
_TYPESET_SPACE = re.compile(rf"[\u00a0\u202f](?=»|[;!?:]{_FOLLOW_TEXT})|(?<=«)[\u00a0\u202f]")


def untypeset(text: str) -> str:
    """What :func:`protect_symbols` and the French spacing did, undone: for reading back a
    Word file resodraft typeset. A no-break space (U+00A0, U+202F) before ``;`` ``:`` ``!``
    ``?`` ``»`` or after ``«`` becomes an ordinary space, a non-breaking hyphen inside a
    document symbol a hyphen. (A no-break space the drafter typed there comes back as an
    ordinary space too: the writers put it back on output, so nothing a reader sees changes.)

    >>> untypeset("ICC\u2011ASP/20/Res.3 sur la coopération\u202f; l’heure\u00a0: « oui\u202f»")
    'ICC-ASP/20/Res.3 sur la coopération ; l’heure : « oui »'
    """
    if "\u2011" in text:
        text = _SYMBOL_READ.sub(lambda m: m.group(0).replace("\u2011", "-"), text)
    if "\u00a0" in text or "\u202f" in text:
        text = _TYPESET_SPACE.sub(" ", text)
    return text


def untypeset_inlines(inlines: Sequence[Inline]) -> list[Inline]:
    """:func:`untypeset` on a paragraph's inlines, read as one text (a mark may be in a run of
    its own: ``0 `` then an italic ``!``). Each character maps to one character, so every run
    keeps its length and its marks."""
    texts = [i.text if isinstance(i, Text) else "\ufffc" for i in inlines]
    joined = "".join(texts)
    done = untypeset(joined)
    if done == joined:
        return list(inlines)
    out: list[Inline] = []
    at = 0
    for item, text in zip(inlines, texts):
        out.append(Text(done[at : at + len(text)], item.marks) if isinstance(item, Text) else item)
        at += len(text)
    return out


def foreign_language(text: str, language: str) -> str | None:
    """The other language (``en`` in a French text, ``fr`` in an English one) when ``text``
    is written in it, judged by its function words; ``None`` otherwise.

    >>> foreign_language("Matrix over possible areas of strengthening the Court", "fr")
    'en'
    >>> foreign_language("le document Matrix of the Court", "fr") is None
    True
    """
    other = {"fr": "en", "en": "fr"}.get(language)
    if other is None or len(text) < 8 or _FUNCTION_RE[language].search(text):
        return None  # short, or it has a function word of the text's own language (most runs: fast)
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


_NOTE = "\ufffc"  # a footnote call in the strings the rules read
_FOREIGN = "\x00"  # a character of a run in the other language: never typeset, never matched
_FOLLOW = r"(?:$|[\s;!?:.,)\]»\"'’”\ufffc])"  # after a mark that ends a phrase (not 10:30, https://)
# a space before a mark (group 1 or 2) or after «: the spaces that become no-break ones
_RULES = (
    re.compile(rf" (?=(»)|([;!?:]){_FOLLOW})"),
    re.compile(r"(?<=«) ()"),
)


def _wanted(text: str, narrow: str) -> dict[int, str]:
    """What one version of a paragraph calls for: position of a space → its no-break character."""
    out: dict[int, str] = {}
    for pattern in _RULES:
        for m in pattern.finditer(text):
            mark = m.group(1) or (m.group(2) if m.re.groups > 1 else "")
            out.setdefault(m.start(), NBSP if mark == ":" else narrow)
    return out


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
    # every character of the paragraph, in op order: (op, item, start offset, text)
    pieces: list[tuple[int, int, int, str]] = []
    strings: list[str] = []
    offset = 0
    for k, op in enumerate(tagged):
        for n, item in enumerate(op.content):
            if isinstance(item, Text):
                text = _FOREIGN * len(item.text) if language_of(item.marks) else item.text
            else:
                text = _NOTE
            pieces.append((k, n, offset, text))
            strings.append(text)
            offset += len(text)
    kinds = [tagged[k].kind for k, _, _, _ in pieces]
    if all(kind == "=" for kind in kinds):
        edits = _wanted("".join(strings), narrow)
    else:
        sides = {}
        for which, keep in (("old", "=-"), ("new", "=+")):
            chosen = [i for i, kind in enumerate(kinds) if kind in keep]
            text = "".join(strings[i] for i in chosen)
            where = [g for i in chosen for g in range(pieces[i][2], pieces[i][2] + len(strings[i]))]
            sides[which] = {where[at]: action for at, action in _wanted(text, narrow).items()}
        starts = [p[2] for p in pieces]
        edits = {}
        for at in sides["old"].keys() | sides["new"].keys():
            kind = kinds[bisect_right(starts, at) - 1]
            old, new = sides["old"].get(at), sides["new"].get(at)
            value = old if kind == "-" else new if kind == "+" else (old if old == new else None)
            if value is not None:
                edits[at] = value

    out = [list(op.content) for op in tagged]
    positions = sorted(edits)
    for k, n, start, text in pieces:
        item = out[k][n]
        if not isinstance(item, Text):
            continue
        lo, hi = bisect_left(positions, start), bisect_left(positions, start + len(text))
        here = [(at - start, edits[at]) for at in positions[lo:hi]]
        new_text = item.text
        for pos, value in reversed(here):
            new_text = new_text[:pos] + value + new_text[pos + 1 :]
        out[k][n] = replace(item, text=protect_symbols(new_text))
    return tuple(replace(op, content=tuple(content)) for op, content in zip(tagged, out))


def typeset_text(text: str, language: str, spacing: str = "narrow") -> str:
    """One string typeset as :func:`typeset_ops` typesets a kept stretch of a paragraph.

    >>> typeset_text("la session ; « oui »", "fr")
    'la session\u202f; «\u202foui\u202f»'
    """
    ops = typeset_ops((Op("=", (Text(text),)),), language, spacing)
    return "".join(i.text for op in ops for i in op.content if isinstance(i, Text))


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
