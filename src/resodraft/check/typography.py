"""Rules on typography: French spacing, and change marks left in a clean draft.

French (DESIGN.md §6): a space — ideally a narrow no-break space (U+202F) — before ``;`` ``:``
``!`` ``?`` and inside ``« »``. An ordinary space or a no-break space (U+00A0) is accepted:
resodraft keeps spacing as written. Not checked inside web addresses, nor for ``:`` between
digits (``10:30``).

A clean draft carries no change marks: no ``~~struck~~`` text, no CriticMarkup (``{++ ++}``,
``{-- --}``, ``{~~ ~> ~~}``, ``{== ==}``, ``{>> <<}``) and no ``<ins>``/``<del>`` tags. Bold
alone is not reported: the mandates annex of ICC-ASP resolutions sets subjects in bold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from resodraft.check.core import Context, Finding, Node, around
from resodraft.model import Text

SPACES = (" ", "\u00a0", "\u202f")
_URL = re.compile(r"(?:https?://|www\.)\S+")


def _masked(text: str) -> list[bool]:
    """For each character: True when it lies inside a web address."""
    mask = [False] * len(text)
    for m in _URL.finditer(text):
        for k in range(m.start(), m.end()):
            mask[k] = True
    return mask


def _spacing_problems(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, message)`` for each French spacing fault in ``text``."""
    mask = _masked(text)
    for i, c in enumerate(text):
        if mask[i]:
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if c in ";:!?" and prev and prev not in SPACES:
            if c == ":" and prev.isdigit() and nxt.isdigit():
                continue
            if c in "!?" and prev in "!?":
                continue
            yield i, f"no space before '{c}' (French typography: a narrow no-break space)"
        elif c == "«" and nxt and nxt not in SPACES:
            yield i, "no space after '«' (French typography: a narrow no-break space)"
        elif c == "»" and prev and prev not in SPACES:
            yield i, "no space before '»' (French typography: a narrow no-break space)"


def fr_spacing(ctx: Context) -> Iterator[Finding]:
    """French drafts: a space before ``; : ! ?`` and inside ``« »``."""
    if ctx.language != "fr":
        return
    for node, text in ctx.texts():
        for offset, message in _spacing_problems(text):
            yield ctx.finding(node, offset, message, around(text, offset, offset + 2))


_CRITIC_SPAN = re.compile(
    r"\{\+\+.*?\+\+\}|\{--.*?--\}|\{~~.*?~~\}|\{==.*?==\}|\{>>.*?<<\}"
    r"|<(ins|del|s|strike)>.*?</\1>",
    re.IGNORECASE,
)
_CRITIC_MARK = re.compile(r"\{\+\+|\{--|\{~~|\{==|\{>>|\+\+\}|--\}|~~\}|==\}|<<\}|</?(?:ins|del|s|strike)>|~~", re.IGNORECASE)


def _struck_runs(node: Node) -> list[tuple[int, str]]:
    """``(offset, text)`` of each stretch of struck text (``~~…~~``) in the node's plain text."""
    runs: list[tuple[int, str]] = []
    offset = 0
    for inline in node.content:
        if not isinstance(inline, Text):
            continue
        if "s" in inline.marks:
            if runs and runs[-1][0] + len(runs[-1][1]) == offset:
                runs[-1] = (runs[-1][0], runs[-1][1] + inline.text)
            else:
                runs.append((offset, inline.text))
        offset += len(inline.text)
    return runs


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def redline_leftover(ctx: Context) -> Iterator[Finding]:
    """Struck text, CriticMarkup, ``<ins>``/``<del>`` tags or a stray ``~~`` in a clean draft.

    One finding per struck stretch and per marked-up span (``{++ … ++}`` once, at its
    opening mark); a mark without its partner is reported on its own.
    """
    for node, text in ctx.texts():
        for start, words in _struck_runs(node):
            message = f"struck text '~~{_short(words)}~~' in a clean draft — accept or reject the change"
            yield ctx.finding(node, start, message, around(text, start, start + len(words)), markup=True)
        covered: list[tuple[int, int]] = []
        for m in _CRITIC_SPAN.finditer(text):
            covered.append(m.span())
            yield ctx.finding(node, m.start(), f"change mark '{_short(m.group(0))}' in a clean draft", around(text, *m.span()))
        for m in _CRITIC_MARK.finditer(text):
            if any(a <= m.start() < b for a, b in covered):
                continue
            what = "stray '~~' (strikethrough mark)" if m.group(0) == "~~" else f"change mark '{m.group(0)}'"
            yield ctx.finding(node, m.start(), f"{what} in a clean draft", around(text, m.start(), m.start() + 40))


__all__ = ["fr_spacing", "redline_leftover"]
