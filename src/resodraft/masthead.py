"""The masthead of a resolution: the lines above the enacting formula, as its status wants them.

An **adopted** text (``status: adopted``, or no status) is headed by its symbol and the line
that says when it was adopted::

    Résolution ICC-ASP/19/Res.2
    Adoptée à la 4^e séance plénière, le 16 décembre 2020, par consensus
    Résolution sur la coopération

A **draft** (``status: draft``) has no resolution symbol and no adoption line yet; it is headed
by its session and "Projet de résolution" / "Draft resolution", as the drafts the Bureau
circulates are (seed, Annex I: "Vingtième session", "Projet de résolution sur la
coopération")::

    Assemblée des États Parties, vingtième session        (ASP; English: "Assembly of States
    Projet de résolution sur la coopération                Parties, twentieth session")

    Eightieth session                                      (General Assembly)
    Draft resolution
    Report of the International Criminal Court

A title that starts with "Résolution"/"Resolution" becomes "Projet de résolution …"/"Draft
resolution …"; any other title keeps its line under a "Projet de résolution" line. A draft
that has a symbol (an ``L.`` document, ``A/80/L.9``) shows it on the first line.

:func:`masthead_lines` gives the lines of one text; :func:`masthead_diff` compares two (the
base's adopted masthead and the new draft's) into :class:`~resodraft.model.ParaDiff`\\ s of
kinds ``symbol``, ``session``, ``adopted``, ``draft``, ``title``, so the Word writers show the
change like any other paragraph: struck and bold, or as tracked changes authored by whoever
set the ``[meta]`` keys behind the line. Text keeps the front matter's ``4^e`` notation
(writers turn it into a superscript).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from resodraft.model import Meta, Op, ParaDiff, Redline, Text, plain_text
from resodraft.sessions import ordinal_words, own_assembly

KINDS = ("symbol", "session", "adopted", "draft", "title")
"""Masthead line kinds, in the order they are printed."""

_SOURCES = {
    "symbol": ("symbol", "status"),
    "session": ("session", "status"),
    "adopted": ("adopted", "status"),
    "draft": ("status", "title"),
    "title": ("title", "status"),
}
"""The front-matter keys each line is made from (whoever changed the first one changed the line)."""

RESOLUTION_WORD = {"fr": "Résolution", "en": "Resolution"}
DRAFT_WORDS = {"fr": "Projet de résolution", "en": "Draft resolution"}
_BODY_LINE = {
    ("asp", "fr"): "Assemblée des États Parties, {ordinal} session",
    ("asp", "en"): "Assembly of States Parties, {ordinal} session",
}
_RESOLUTION_TITLE = re.compile(r"^(R[ée]solution)\b", re.IGNORECASE)


@dataclass(frozen=True)
class MastheadLine:
    """One line of the masthead: its ``kind`` (:data:`KINDS`) and its text."""

    kind: str
    text: str


def is_draft(meta: Meta) -> bool:
    """True for a text under negotiation (``status: draft``)."""
    return meta.status == "draft"


def session_line(session: str | None, language: str, assembly: str | None) -> str | None:
    """"Assemblée des États Parties, vingtième session" / "Eightieth session" (``None``:
    the session is not known)."""
    if not session or not session.strip().isdigit() or not 1 <= int(session) <= 999:
        return None
    lang = "fr" if language == "fr" else "en"
    template = _BODY_LINE.get((assembly or "", lang))
    if template:
        return template.format(ordinal=ordinal_words(int(session), lang))
    return f"{ordinal_words(int(session), lang, capital=True)} session"


def masthead_lines(meta: Meta, language: str, formula: str | None = None) -> list[MastheadLine]:
    """The masthead of a text with this front matter (module docstring)."""
    lang = "fr" if language == "fr" else "en"
    lines: list[MastheadLine] = []
    if is_draft(meta):
        if meta.symbol:
            lines.append(MastheadLine("symbol", meta.symbol))
        session = session_line(meta.session, lang, own_assembly(formula, meta.symbol))
        if session:
            lines.append(MastheadLine("session", session))
        title = meta.title
        m = _RESOLUTION_TITLE.match(title or "")
        if title and m:
            rest = title[m.end() :]
            lines.append(MastheadLine("title", DRAFT_WORDS[lang] + rest))
        else:
            lines.append(MastheadLine("draft", DRAFT_WORDS[lang]))
            if title:
                lines.append(MastheadLine("title", title))
        return lines
    if meta.symbol:
        lines.append(MastheadLine("symbol", f"{RESOLUTION_WORD[lang]} {meta.symbol}"))
    if meta.adopted:
        lines.append(MastheadLine("adopted", meta.adopted))
    if meta.title:
        lines.append(MastheadLine("title", meta.title))
    return lines


Who = Callable[[str], "tuple[str | None, str | None]"]


def masthead_diff(
    old: Meta,
    new: Meta,
    language: str,
    *,
    formula: str | None = None,
    inlines: Callable[[str], tuple] | None = None,
    who: Who | None = None,
) -> list[ParaDiff]:
    """The masthead lines of ``old`` and ``new`` compared, one :class:`ParaDiff` per line.

    ``inlines`` turns a line's text into inline content (default: plain text); ``who(key)``
    gives ``(author, date)`` of the change to front-matter ``key`` (a line changed by the
    ``[meta]`` table is authored by its sponsor). A line kept word for word is ``equal``.
    """
    from resodraft.redline import word_diff

    to_inlines = inlines or (lambda text: (Text(text),))
    before = {line.kind: line.text for line in masthead_lines(old, language, formula)}
    after = {line.kind: line.text for line in masthead_lines(new, language, formula)}

    def author(kind: str) -> tuple[str | None, str | None]:
        if who is None:
            return None, None
        changed = [key for key in _SOURCES[kind] if getattr(old, key) != getattr(new, key)]
        for key in changed + list(_SOURCES[kind]):
            found = who(key)
            if found[0] is not None:
                return found
        return None, None

    out: list[ParaDiff] = []
    for kind in KINDS:
        a, b = before.get(kind), after.get(kind)
        if a is None and b is None:
            continue
        if a == b:
            out.append(ParaDiff(kind, kind, "equal", kind, (Op("=", to_inlines(b or "")),)))
            continue
        by = author(kind)
        if a is None:
            out.append(ParaDiff(None, kind, "inserted", kind, (Op("+", to_inlines(b or ""), *by),), author=by[0], date=by[1]))
        elif b is None:
            out.append(ParaDiff(kind, None, "deleted", kind, (Op("-", to_inlines(a), *by),), author=by[0], date=by[1]))
        else:
            ops = word_diff(to_inlines(a), to_inlines(b), author=by[0], date=by[1])
            out.append(ParaDiff(kind, kind, "changed", kind, ops, author=by[0], date=by[1]))
    return out


def redline_masthead(redline: Redline, language: str, *, inlines: Callable[[str], tuple] | None = None) -> list[ParaDiff]:
    """:func:`masthead_diff` of a redline's old and new front matter, authored from its
    ``meta_authors``."""
    formula = None
    if redline.formula is not None:
        formula = plain_text(x for op in redline.formula.ops for x in op.content if op.kind != "-")
    return masthead_diff(redline.old_meta, redline.meta, language, formula=formula, inlines=inlines, who=redline.meta_author)


__all__ = [
    "DRAFT_WORDS",
    "KINDS",
    "MastheadLine",
    "is_draft",
    "masthead_diff",
    "masthead_lines",
    "redline_masthead",
    "session_line",
]
