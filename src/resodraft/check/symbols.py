"""Rule ``symbol-malformed``: document symbols that are not written the way they are issued.

Precision first: a symbol is only reported for a fault that is certain, never because it is
unfamiliar. What counts as a symbol: ``ICC-ASP/…``, ``RC/…`` (Review Conference) and the UN
series ``A/``, ``S/``, ``E/``, ``ST/`` followed by at least two components, one with a digit
(so "A/B", "et/ou", "2024/25" and dates are never symbols). Web addresses are skipped.

Well formed (never reported): ``ICC-ASP/19/Res.2``, ``ICC-ASP/19/Rés.2``, ``ICC-ASP/20/26``,
``ICC-ASP/7/20/Add.1``, ``ICC-ASP/20/INF.3``, ``RC/Dec.2``, ``A/RES/80/6``, ``A/80/L.9``,
``A/C.3/78/L.60/Rev.1``, ``S/PRST/2013/2``, ``S/RES/2334 (2016)``, ``A/ES-10/L.22``,
``A/77/714-S/2023/31``; and placeholders such as ``ICC-ASP/20/Res.[...]``.

Reported (each fault, with the corrected symbol where it is certain):

- ``ICC-ASP-18/Res.3``: a hyphen instead of the slash after ICC-ASP;
- ``ICC-ASP/19/ Res.7``: a space inside the symbol; ``A/RES//80``: a doubled slash;
- ``ICC-ASP/19/Res2``: ``Res``/``Rés``/``Dec`` without its dot; ``ICC-ASP/19/Res.``: no number;
- ``ICC-ASP/20/26-19/33``: a component that is two numbers joined by a hyphen ("26-19");
- ``ICC-ASP/20/2549/33``: two document numbers in a row after the session (ICC-ASP symbols
  are ``ICC-ASP/session/number`` or ``ICC-ASP/session/Res.n``, then only ``Add.``/``Rev.``/…);
- ``ICC-ASP/Res.2``: no session number after ICC-ASP;
- ``ICC-ASP/19/``: a symbol that ends with a slash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from resodraft.check.core import Context, Finding, around

_COMP = r"[A-Za-zÀ-ÿ0-9]+(?:[.\-][A-Za-zÀ-ÿ0-9]+)*"
_SEP = r"(?://|/ (?=\S*\d)| /(?=\S*\d)|/|-(?=\d))"
SYMBOL = re.compile(
    rf"(?<![\w/.\-])(?P<prefix>ICC-ASP|RC|ST|A|S|E)(?P<rest>(?:{_SEP}{_COMP})+)(?P<tail>/?)"
)
_PART = re.compile(rf"({_SEP})({_COMP})")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_RES_NO_DOT = re.compile(r"^(Res|Rés|RES|Dec|Déc)(\d+)$")
_RES_NO_NUMBER = re.compile(r"^(Res|Rés|RES|Dec|Déc)$")
_HYPHENED_NUMBERS = re.compile(r"^\d+-\d+$")
_PLACEHOLDER = re.compile(r"^\.?\s?[\[…]")


def _problems(prefix: str, parts: list[tuple[str, str]], tail: str) -> tuple[list[str], str | None]:
    """The faults of a symbol and its corrected form (``None`` if it cannot be corrected)."""
    faults: list[str] = []
    fixable = True
    fixed_parts: list[str] = []
    for k, (sep, comp) in enumerate(parts):
        if sep == "-":
            faults.append("'-' instead of '/' after ICC-ASP")
        elif sep.strip() != sep:
            faults.append("a space inside the symbol")
        elif sep == "//":
            faults.append("a doubled '/'")
        m = _RES_NO_DOT.match(comp)
        if m:
            faults.append(f"'{comp}' has no dot")
            comp = f"{m.group(1)}.{m.group(2)}"
        elif _RES_NO_NUMBER.match(comp) and k == len(parts) - 1:
            faults.append(f"'{comp}.' has no number")
            fixable = False
        if _HYPHENED_NUMBERS.match(comp):
            faults.append(f"'{comp}' is not a document number")
            fixable = False
        fixed_parts.append(comp)
    if prefix == "ICC-ASP":
        comps = [c for _, c in parts]
        if not comps[0].isdigit():
            faults.append("the session number is missing after 'ICC-ASP/'")
            fixable = False
        for a, b in zip(comps[1:], comps[2:]):
            if a.isdigit() and b.isdigit():
                faults.append(f"two document numbers in a row ('{a}/{b}')")
                fixable = False
                break
    if tail:
        faults.append("it ends with '/'")
        fixable = False
    fixed = prefix + "".join("/" + c for c in fixed_parts)
    return faults, (fixed if fixable else None)


def find_malformed(text: str) -> Iterator[tuple[int, str, str]]:
    """``(offset, symbol as written, message)`` for every malformed symbol in ``text``."""
    urls = [m.span() for m in _URL.finditer(text)]
    for m in SYMBOL.finditer(text):
        if any(a <= m.start() < b for a, b in urls):
            continue
        prefix = m.group("prefix")
        parts = _PART.findall(m.group("rest"))
        if parts[0][0] == "-" and prefix != "ICC-ASP":
            continue
        comps = [c for _, c in parts]
        if prefix in ("A", "S", "E", "ST") and (len(comps) < 2 or not any(ch.isdigit() for c in comps for ch in c)):
            continue
        if prefix == "RC" and not any(ch.isdigit() for c in comps for ch in c):
            continue
        tail = m.group("tail")
        after = text[m.end("rest") :]
        if _PLACEHOLDER.match(after):
            continue
        if tail and after[1:2].isalnum():
            tail = ""  # "A/80/1/…": the regex stopped on something else; not a trailing slash
        faults, fixed = _problems(prefix, parts, tail)
        if not faults:
            continue
        written = m.group(0)
        message = f"malformed symbol '{written}': {faults[0]}"
        if fixed is not None:
            message += f" — write '{fixed}'"
        yield m.start(), written, message


def symbol_malformed(ctx: Context) -> Iterator[Finding]:
    """Document symbols in the text, the footnotes and the front matter ``symbol``."""
    symbol = ctx.res.meta.symbol
    if symbol:
        for n, line in enumerate(ctx.source.split("\n")[:40], start=1):
            m = re.match(r"^symbol:\s*", line)
            if m:
                for offset, written, message in find_malformed(symbol):
                    col = line.find(written, m.end())
                    yield ctx.finding_at(n, (col if col >= 0 else m.end() + offset) + 1, message, written)
                break
    for node, text in ctx.texts():
        for offset, written, message in find_malformed(text):
            yield ctx.finding(node, offset, message, around(text, offset, offset + len(written)))


__all__ = ["SYMBOL", "find_malformed", "symbol_malformed"]
