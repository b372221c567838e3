"""Word tokens for redlines (DESIGN.md §6): the units a change may start or end at.

A redline never starts or ends a change inside a word, so the word diff in :mod:`redline`
compares sequences of tokens, never characters. The token kinds are:

- ``word`` — letters and digits, hyphenated compounds kept whole (``vingt-et-unième``,
  ``Prie-t-elle``, ``co-facilitateurs``, ``COVID-19``), numbers with their ordinal suffix
  (``21st``; ``7^e`` is the runs ``7`` + superscript ``e`` and makes one token), an apostrophe
  inside an English word (``Court's``);
- ``elision`` — a French elided article or conjunction as its own token: ``l'``, ``d'``,
  ``qu'``, ``jusqu'``, ``lorsqu'``, ``s'``, ``n'``, ``c'`` … (also with the typographic ``’``),
  so that ``l'Assemblée`` is ``l'`` + ``Assemblée``;
- ``symbol`` — a document symbol (``ICC-ASP/19/Res.2``, ``A/RES/80/6``, ``RC/Dec.2``,
  ``ICC-ASP/20/Res.[...]``) or a web address;
- ``number`` — a decimal number (``1,5``, ``2.5``);
- ``space`` — a run of white space (including no-break and narrow no-break spaces);
- ``punct`` — one punctuation mark (``[...]`` and ``...`` are one token);
- ``note`` — a footnote call.

Tokens work on formatted inline content: a token keeps its runs (:class:`~resodraft.model.Text`
with marks, or a :class:`~resodraft.model.NoteRef`), and two tokens are the same for the diff
when their ``key`` is: the same text with the same marks (so a formatting-only change shows),
or calls of the same footnote (old ids are translated with a ``note_map``).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import NamedTuple

from resodraft.model import Inline, Inlines, NoteRef, Text, normalize, plain_text

_ELISIONS = r"(?:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[ldnscjmt])['’]"
_SEGMENT = r"[\w\-]+(?:\.[\w\-]+)*(?:\.\[(?:\.\.\.|…)\])?"

TOKEN_RE = re.compile(
    rf"""
    (?P<space>\s+)
    |(?P<symbol>https?://[^\s<>«»"]*[^\s<>«»".,;:!?)\]]        # a web address
              |[A-Z][\w\-]*(?:\.[\w\-]+)*(?:/(?:{_SEGMENT}|\[(?:\.\.\.|…)\]))+)  # ICC-ASP/19/Res.2
    |(?P<elision>(?i:{_ELISIONS})(?=\w))
    |(?P<number>\d+(?:[.,]\d+)+(?![\w-]))
    |(?P<word>\w+(?:[-‑'’]\w+)*)
    |(?P<punct>\[(?:\.\.\.|…)\]|\.\.\.|.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Token(NamedTuple):
    """One token: its ``kind``, its formatted ``content`` and the ``key`` the diff compares."""

    kind: str
    content: Inlines
    key: Hashable

    @property
    def text(self) -> str:
        """The token's plain text (``""`` for a footnote call)."""
        return plain_text(self.content)

    @property
    def is_word(self) -> bool:
        """True for words, elisions, symbols and numbers (what a reader counts as words)."""
        return self.kind in ("word", "elision", "symbol", "number")


def _spans(text: str) -> Iterator[tuple[str, int, int]]:
    """``(kind, start, end)`` of every token of a plain string, in order, covering it all."""
    for m in TOKEN_RE.finditer(text):
        yield m.lastgroup or "punct", m.start(), m.end()


def split_words(text: str) -> list[str]:
    """The tokens of a plain string, as strings (white space included).

    >>> split_words("l'Assemblée, à sa vingt-et-unième session")
    ["l'", 'Assemblée', ',', ' ', 'à', ' ', 'sa', ' ', 'vingt-et-unième', ' ', 'session']
    """
    return [text[a:b] for _, a, b in _spans(text)]


def word_set(text: str) -> frozenset[str]:
    """The distinct words of a plain string, lower-cased (for paragraph similarity)."""
    return frozenset(text[a:b].lower() for kind, a, b in _spans(text) if kind not in ("space", "punct"))


def word_list(text: str) -> list[str]:
    """The words of a plain string in order, lower-cased (no spaces, no punctuation)."""
    return [text[a:b].lower() for kind, a, b in _spans(text) if kind not in ("space", "punct")]


def _marks_key(marks: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(marks))


_CACHE: dict[tuple[str, frozenset[str]], Token] = {}
_CACHE_SIZE = 50_000


def _simple(piece: str, kind: str, marks: frozenset[str]) -> Token:
    """The token of one piece of a single run (shared: tokens are immutable)."""
    token = _CACHE.get((piece, marks))
    if token is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        token = _CACHE[(piece, marks)] = Token(kind, (Text(piece, marks),), ((piece, _marks_key(marks)),))
    return token


def tokenize(inlines: Iterable[Inline], note_map: Mapping[str, str] | None = None) -> list[Token]:
    """The tokens of formatted inline content, in order; their contents concatenate to it.

    A word whose formatting changes in the middle (``*Prie*-t-elle``, ``7^e``) stays one token
    made of several runs. A footnote call is a token of its own, whose key is the id translated
    by ``note_map`` (ids not in the map are kept as they are).
    """
    tokens: list[Token] = []
    runs: list[Text] = []

    def flush() -> None:
        if not runs:
            return
        if len(runs) == 1:  # the usual case: one run between two footnote calls
            run = runs[0]
            marks = run.marks
            for m in TOKEN_RE.finditer(run.text):
                tokens.append(_simple(m.group(), m.lastgroup or "punct", marks))
            runs.clear()
            return
        text = "".join(r.text for r in runs)
        ends: list[int] = []  # end offset of each run in the concatenated text
        at = 0
        for r in runs:
            at += len(r.text)
            ends.append(at)
        k = 0
        for m in TOKEN_RE.finditer(text):
            a, b = m.span()
            while ends[k] <= a:
                k += 1
            if b <= ends[k]:  # inside one run
                tokens.append(_simple(m.group(), m.lastgroup or "punct", runs[k].marks))
                continue
            parts: list[Text] = []
            j, start = k, a
            while start < b:
                stop = min(b, ends[j])
                parts.append(Text(text[start:stop], runs[j].marks))
                start = stop
                j += 1
            content = tuple(normalize(parts))
            key = tuple((p.text, _marks_key(p.marks)) for p in content if isinstance(p, Text))
            tokens.append(Token(m.lastgroup or "punct", content, key))
        runs.clear()

    for item in inlines:
        if isinstance(item, NoteRef):
            flush()
            mapped = note_map.get(item.id, item.id) if note_map else item.id
            tokens.append(Token("note", (item,), ("^", mapped)))
        elif item.text:
            runs.append(item)
    flush()
    return tokens


def detokenize(tokens: Iterable[Token]) -> Inlines:
    """The inline content of a sequence of tokens (adjacent runs with the same marks merged)."""
    out: list[Inline] = []
    for tok in tokens:
        for item in tok.content:
            if isinstance(item, Text) and out and isinstance(out[-1], Text) and out[-1].marks == item.marks:
                out[-1] = Text(out[-1].text + item.text, item.marks)
            else:
                out.append(item)
    return tuple(out)
