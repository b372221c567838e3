"""What every check rule works with: :class:`Finding`, :class:`Rule` and :class:`Context`.

A rule is a small function ``(ctx: Context) -> Iterable[Finding]`` (one signature for all, like
markdown-it's rules). It reads the parsed :class:`~resodraft.model.Resolution` in ``ctx.res``
and builds each finding with :meth:`Context.finding`, which turns "offset 37 in the plain text
of this paragraph" into the 1-based line and column of that character in the **source file**.
Rules leave ``rule`` and ``severity`` empty: :func:`resodraft.check.run_rules` stamps them from
the rule table, so the table is the one place that names rules and their severities.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, Union

from resodraft.model import (
    Footnote,
    Labelled,
    Paragraph,
    Resolution,
    iter_labelled,
    plain_text,
)

Severity = Literal["error", "warning"]
SEVERITIES: tuple[str, ...] = ("error", "warning")

Node = Union[Paragraph, Footnote]


@dataclass(frozen=True)
class Finding:
    """One problem found in a file.

    ``line`` and ``column`` are 1-based and point at the offending text in the source file.
    ``snippet`` is the offending text itself (a symbol, the end of a paragraph, …): the
    baseline matches on its :attr:`fingerprint`, not on the line, so edits elsewhere in the
    file do not invalidate accepted findings. ``snippet`` is not part of the JSON output.
    """

    file: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    snippet: str = field(default="", compare=False)

    @property
    def fingerprint(self) -> str:
        """A short hash of the rule and the offending text (whitespace-normalised)."""
        text = " ".join(self.snippet.split())
        return hashlib.sha1(f"{self.rule}\0{text}".encode()).hexdigest()[:16]

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of DESIGN.md §5 (contract)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }


RuleFunc = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A check rule: stable ``id``, default ``severity``, one-line ``hint`` and its function."""

    id: str
    severity: Severity
    hint: str
    func: RuleFunc


# --------------------------------------------------------------------------------------------
# mapping plain text back to the source


_CALL = re.compile(r"\[\^[^\]\s]+\]")
_ESCAPABLE = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_SEED_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# What precedes a node's text on its first source line (the number, the letter, '#', the label).
_PREFIX: dict[str, re.Pattern[str]] = {
    "operative": re.compile(r"^\s*(?:\d{1,4}[.)]\s+)?"),
    "subparagraph": re.compile(r"^\s*(?:\(?(?:[a-z]{1,2}|[ivxl]{1,6})\)\s+)?"),
    "heading": re.compile(r"^\s*(?:#{1,6}\s+)?"),
    "part": re.compile(r"^\s*(?:#{1,6}\s+)?(?:[A-Z]\.\s+)?"),
    "footnote": re.compile(rf"^\s*(?:\[\^[^\]\s]+\]:\s*|[{_SEED_SUP}]+\s+)?"),
    "preambular": re.compile(r"^\s*"),
}


def _kind(node: Node) -> str:
    return "footnote" if isinstance(node, Footnote) else node.kind


def _visible(lines: list[tuple[int, str]], prefix: re.Pattern[str]) -> tuple[str, list[tuple[int, int]]]:
    """The source lines as a string to align with, and the (line, column) of each character.

    Removed: the node's prefix on its first line (number, letter, ``#``, ``[^n]:``), footnote
    calls ``[^n]`` (their digits must not match digits of the text) and escaping backslashes.
    Other markup (``*``, ``~~``, ``^``) stays: plain text never contains it, so the alignment
    simply steps over it. Line ends become ``\n``.
    """
    chars: list[str] = []
    pos: list[tuple[int, int]] = []
    for k, (lineno, s) in enumerate(lines):
        i = prefix.match(s).end() if k == 0 else 0  # type: ignore[union-attr]
        while i < len(s):
            if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in _ESCAPABLE:
                chars.append(s[i + 1])
                pos.append((lineno, i + 2))
                i += 2
                continue
            m = _CALL.match(s, i)
            if m:
                i = m.end()
                continue
            chars.append(s[i])
            pos.append((lineno, i + 1))
            i += 1
        chars.append("\n")
        pos.append((lineno, len(s) + 1))
    return "".join(chars), pos


def _align(plain: str, visible: str, pos: list[tuple[int, int]], start: tuple[int, int]) -> list[tuple[int, int]]:
    """(line, column) of every character of ``plain``, plus one for the end of the text.

    ``plain`` is (up to white space) a subsequence of ``visible``: each character is matched
    to the next equal one (any white space matches any white space). A character that cannot
    be found keeps the previous position, so the result is always complete.
    """
    out: list[tuple[int, int]] = []
    j = 0
    last = start
    for ch in plain:
        k = j
        while k < len(visible) and not (visible[k] == ch or (ch.isspace() and visible[k].isspace())):
            k += 1
        if k < len(visible):
            last = pos[k]
            j = k + 1
        out.append(last)
    end = last if not out else (last[0], last[1] + 1)
    out.append(end)
    return out


class SourceMap:
    """Finds where a node's text stands in the source file (blocks start at ``node.line``).

    A node owns the lines from its ``line`` up to the next node's first line (blank lines
    excluded), which covers canonical drafts (one paragraph per line), soft-wrapped paragraphs
    and paragraphs joined across a page break.
    """

    def __init__(self, source: str, res: Resolution) -> None:
        self.lines = source.split("\n")
        nodes: list[Node] = [item.node for item in iter_labelled(res)]
        nodes.extend(res.footnotes)
        self._starts = sorted({n.line for n in nodes if n.line})
        self._cache: dict[int, tuple[Node, list[tuple[int, int]]]] = {}

    def owned_lines(self, node: Node) -> list[tuple[int, str]]:
        """``(line number, text)`` of the source lines that hold ``node``."""
        if not node.line:
            return []
        later = [s for s in self._starts if s > node.line]
        end = later[0] if later else len(self.lines) + 1
        out = []
        for n in range(node.line, min(end, len(self.lines) + 1)):
            text = self.lines[n - 1]
            if text.strip() or n == node.line:
                out.append((n, text))
        return out

    def start(self, node: Node) -> tuple[int, int]:
        """Line and column of the first non-blank character of the node's first line."""
        if not node.line or node.line > len(self.lines):
            return (node.line or 1, 1)
        text = self.lines[node.line - 1]
        return (node.line, len(text) - len(text.lstrip()) + 1)

    def _positions(self, node: Node) -> list[tuple[int, int]]:
        cached = self._cache.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        lines = self.owned_lines(node)
        visible, pos = _visible(lines, _PREFIX[_kind(node)])
        positions = _align(plain_text(node.content), visible, pos, self.start(node))
        self._cache[id(node)] = (node, positions)
        return positions

    def locate(self, node: Node, offset: int) -> tuple[int, int]:
        """Line and column of character ``offset`` of ``plain_text(node.content)``."""
        positions = self._positions(node)
        return positions[max(0, min(offset, len(positions) - 1))]

    def locate_markup(self, node: Node, offset: int) -> tuple[int, int]:
        """Like :meth:`locate`, but at the markup right before that character, if any.

        For ``la ~~*Salue*~~ création`` and the offset of ``Salue`` this is the ``~~``.
        """
        line, col = self.locate(node, offset)
        text = self.lines[line - 1]
        if offset == 0:
            if line != node.line:
                return line, col
            k = _PREFIX[_kind(node)].match(text).end()  # type: ignore[union-attr]
            return (line, k + 1) if k < col else (line, col)
        pline, pcol = self.locate(node, offset - 1)
        if pline != line:
            return line, col
        k = pcol  # 0-based index just after the previous character
        while k < col - 1 and text[k].isspace():
            k += 1
        return line, k + 1

    def find_call(self, node: Node, ident: str, nth: int = 1) -> tuple[int, int]:
        """Line and column of the ``nth`` call ``[^ident]`` (or seed superscript) in ``node``."""
        needles = [re.compile(re.escape(f"[^{ident}]"))]
        if ident.isdigit():
            sup = ident.translate(str.maketrans("0123456789", _SEED_SUP))
            needles.append(re.compile(rf"(?<=\S){re.escape(sup)}(?![{_SEED_SUP}])"))
        for needle in needles:
            seen = 0
            for lineno, text in self.owned_lines(node):
                for m in needle.finditer(text):
                    seen += 1
                    if seen == nth:
                        return lineno, m.start() + 1
        return self.start(node)


# --------------------------------------------------------------------------------------------
# the context a rule reads


@dataclass
class Context:
    """One parsed draft and its source text, as every rule sees it."""

    file: str
    source: str
    res: Resolution
    smap: SourceMap = field(init=False)
    labelled: list[Labelled] = field(init=False)
    memo: dict[str, object] = field(init=False, default_factory=dict)
    """Results several rules share (the cross-references), computed once per draft."""

    def __post_init__(self) -> None:
        self.smap = SourceMap(self.source, self.res)
        self.labelled = list(iter_labelled(self.res))

    @property
    def language(self) -> str:
        """``fr`` or ``en``."""
        return self.res.language

    def texts(self) -> Iterator[tuple[Node, str]]:
        """Every node that carries text, with its plain text: blocks, sub-paragraphs, footnotes."""
        for item in self.labelled:
            yield item.node, plain_text(item.node.content)
        for note in self.res.footnotes:
            yield note, plain_text(note.content)

    def finding(self, node: Node, offset: int | None, message: str, snippet: str, *, markup: bool = False) -> Finding:
        """A finding at character ``offset`` of the node's plain text (``None``: its start).

        ``markup=True`` points at markup just before that character (``~~``, ``*``).
        """
        if offset is None:
            line, col = self.smap.start(node)
        elif markup:
            line, col = self.smap.locate_markup(node, offset)
        else:
            line, col = self.smap.locate(node, offset)
        return Finding(self.file, line, col, "", "", message, snippet)

    def finding_at(self, line: int, column: int, message: str, snippet: str) -> Finding:
        """A finding at a known source position."""
        return Finding(self.file, line, column, "", "", message, snippet)


def around(text: str, start: int, end: int, before: int = 30) -> str:
    """``text[start:end]`` with up to ``before`` characters in front: a finding's snippet.

    The words in front tell two occurrences of the same fault apart in the baseline.
    """
    return text[max(0, start - before) : end]


def sub_marker(number: str, style: str) -> str:
    """``b)`` or ``(b)`` as printed."""
    return f"({number})" if style == "()" else f"{number})"
