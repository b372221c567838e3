"""The masthead and the closing line of a resolution → front matter (:class:`~resodraft.model.Meta`).

An adopted resolution printed by the UN or the ICC opens with a masthead and the General
Assembly's ends with the meeting that adopted it::

    United Nations                                   A/RES/80/6
    General Assembly                    Distr.: General 12 November 2025
    Eightieth session
    Agenda item 74
    Resolution adopted by the General Assembly on 11 November 2025
    [without reference to a Main Committee (A/80/L.9)]
    80/6. Report of the International Criminal Court
    …
    35th plenary meeting
    11 November 2025

Text extracted from a PDF runs the columns together ("General Assembly Distr.: General 12
November 2025", "Eightieth session Agenda item 74"), so a line is read as a sequence of the
items below, each taken off its start (or, for a symbol, its end) in turn:

=====================================================  ===========================================
masthead item                                           front matter
=====================================================  ===========================================
"United Nations", "Nations Unies", "General Assembly",   dropped (the organ's name, not metadata)
"Assemblée générale"
"A/RES/80/6", "Résolution ICC-ASP/19/Res.2"             ``symbol``
"Distr.: General 12 November 2025"                      ``distribution: General``, ``issued: 2025-11-12``
"Eightieth session", "Quatre-vingtième session"         ``session: 80``
"Agenda item 99 (gg) General and complete disarmament"  ``agenda_item: 99 (gg) General and …``
"Resolution adopted by the General Assembly on 11       ``adopted`` (the line as printed) and
November 2025", "Adoptée à la 4e séance plénière, le     ``date: 2025-11-11`` (the date in it)
16 décembre 2020, par consensus"
"[without reference to a Main Committee (A/80/L.9)]"    ``committee: without reference to …``
"80/6. Report of the International Criminal Court"      ``title: Report of the International …``
"Assemblée des États Parties, vingtième session"         ``session: 20`` (a draft's session line)
"Projet de résolution sur la coopération", "Draft        ``status: draft``, ``title: Résolution sur la
resolution"                                              coopération`` (a draft's masthead,
                                                         :mod:`resodraft.masthead`, read back)
=====================================================  ===========================================

The closing line ("35th plenary meeting, 11 November 2025", "4e séance plénière, 16 décembre
2020") goes into ``adopted`` when nothing else filled it, and otherwise into ``meeting`` (the
General Assembly prints both an adoption line and a closing line). Front matter always wins
over the masthead: a key the source's front matter sets is never overwritten.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from resodraft.lazyre import lazy
from resodraft.model import META_KEYS, Meta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = lazy(rf"\b(\d{{1,2}})(?:er|\^er\^?|\^\{{er\}})?\s+({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
"""A date as printed: ``11 November 2025``, ``1er décembre 2020``."""

_HEADER_WORDS = lazy(
    r"^(?:United Nations|Nations Unies|General Assembly|Assemblée générale|Security Council|Conseil de sécurité)\b\s*",
    re.IGNORECASE,
)
# a symbol printed with non-breaking hyphens (U+2011, as Word files keep them from breaking
# across lines: resodraft's own, and many secretariats') is the same symbol
_SYMBOL_START = lazy(r"^(?:R[ée]solution\s+)?((?:ICC[-\u2011]ASP|A|S|E)/[^\s,;]*\d[^\s,;]*)(?=\s|$)\s*")
_SYMBOL_END = lazy(r"\s+((?:ICC[-\u2011]ASP|A|S|E)/[^\s,;]*\d[^\s,;]*)$")
_DISTR = lazy(
    r"^Distr\.?\s*:?\s*(General|Limited|Restricted|Générale|Limitée|Restreinte)\b\s*", re.IGNORECASE
)
_DATE_START = lazy(rf"^{DATE.pattern}\s*", re.IGNORECASE)
_ORIGINAL = lazy(r"^Original\s*:\s*(\w+)\s*", re.IGNORECASE)
_SESSION = lazy(r"^(.+?)\s+session\b\s*", re.IGNORECASE)
_ASP_SESSION = lazy(
    r"^(?:Assembl[ée]e des [ÉE]tats Parties|Assembly of States Parties)\s*,\s*(.+?)\s+session\b\s*", re.IGNORECASE
)
"""A draft's session line (:mod:`resodraft.masthead`): ``Assemblée des États Parties, vingtième session``."""
_DRAFT = lazy(r"^(Projet de r[ée]solution|Draft resolution)\b", re.IGNORECASE)
"""A draft's line: ``Projet de résolution sur la coopération``, ``Draft resolution``."""
_AGENDA = lazy(r"^(?:Agenda items?|Point(?:s)? de l['’]ordre du jour|Points?)\s+(\S.*)$", re.IGNORECASE)
_AGENDA_FR = lazy(r"^Point\s+(\S+(?:\s+\([a-z]+\))?)\s+de l['’]ordre du jour\b\s*(.*)$", re.IGNORECASE)
ADOPTED = lazy(r"^(Adopt[ée]e?s?|Adopted|Resolution adopted|Résolution adoptée)\b", re.IGNORECASE)
"""An adoption line: ``Resolution adopted by the General Assembly on …``, ``Adoptée à la …``."""
_COMMITTEE = lazy(r"^\[(.+)\]$")
_RES_NUMBER = lazy(r"^\d{1,3}/\d{1,4}\s*\.\s+(?=\S)")
_ANNEX = lazy(r"^(Annexe?|Appendix|Appendice)\b", re.IGNORECASE)
CLOSING = re.compile(
    r"^(\d{1,3})\s*(?:\^?(?:st|nd|rd|th|e|re|er|ème)\^?)?\s+(plenary meeting|séance plénière)\b[\s,.]*(.*?)\s*$",
    re.IGNORECASE,
)
"""The closing line: ``35th plenary meeting 11 November 2025``, ``4e séance plénière``."""


# --------------------------------------------------------------------------------------------
# session ordinals written as words (English and French)


def ordinal_value(words: str) -> int | None:
    """The number an ordinal written in words stands for, or ``None`` (the session line of a
    masthead: ``Eightieth session``, ``vingtième session``).

    ``Eightieth`` → 80, ``eighty-first`` → 81, ``one hundred and first`` → 101,
    ``vingtième`` → 20, ``vingt et unième`` → 21, ``quatre-vingtième`` → 80,
    ``quatre-vingt-onzième`` → 91, ``soixante-dixième`` → 70; numerals ``80th``, ``20^e^``.
    The words are read by :func:`resodraft.sessions.ordinal_value`, as ``check`` and
    ``rollover`` read them.
    """
    from resodraft.sessions import ordinal_value as value_of

    text = words.strip().lower().replace("’", "'").replace("^", "")
    text = re.sub(r"^(\d{1,3})\s+(?=[a-zè]+$)", r"\1", text)  # "80 th"
    return value_of([p for p in re.split(r"[\s\-]+", text) if p])


def iso_date(text: str) -> str | None:
    """The first date printed in ``text`` (``11 November 2025``) as ``2025-11-11``, or ``None``."""
    m = DATE.search(text)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# reading


def is_masthead_line(text: str) -> bool:
    """Does ``text`` read as a masthead line (symbol, adoption line, Distr., session, agenda item)?

    The title is a masthead line too, but only by its place (before the enacting formula) —
    except a title numbered as the General Assembly numbers them (``80/45. …``); this
    tells the lines that open with a masthead item (text extracted from a PDF runs them
    together: "Eightieth session Agenda item 13 Integrated and …").
    """
    text = text.strip()
    if _SYMBOL_START.match(text) and not _SYMBOL_START.sub("", text, count=1).strip():
        return True
    if _RES_NUMBER.match(text):
        return True  # a numbered title ("80/45. Follow-up to …"), however long
    if ADOPTED.match(text) or _DISTR.match(text) or _AGENDA.match(text) or _AGENDA_FR.match(text):
        return True
    found: dict[str, str] = {}
    dropped: list[str] = []
    read_line(text, found, dropped)
    return bool(set(found) - {"title"} or dropped)


def is_closing_line(text: str) -> bool:
    """``35th plenary meeting 11 November 2025``, ``4e séance plénière, le 16 décembre 2020``."""
    return bool(CLOSING.match(text.strip()))


def _set(found: dict[str, str], key: str, value: str) -> None:
    if key == "symbol":
        value = value.replace("\u2011", "-")
    if value and key not in found:
        found[key] = value


def _session(words: str) -> str | None:
    value = ordinal_value(words)
    return str(value) if value is not None else None


def _only_masthead_after(rest: str) -> bool:
    """Is what follows the organ's name empty or another masthead item (not a title)?"""
    rest = rest.strip()
    return not rest or bool(
        _HEADER_WORDS.match(rest) or _SYMBOL_START.match(rest) or _DISTR.match(rest) or _SESSION.match(rest)
    )


def read_line(line: str, found: dict[str, str], dropped: list[str]) -> str | None:
    """Take the masthead items off ``line`` into ``found``; return what is left (the title?).

    ``dropped`` collects the organ's name when it is taken off. Only the first value of each
    key is kept (the masthead is read top down).
    """
    rest = line.strip()
    while rest:
        before = rest
        m = _HEADER_WORDS.match(rest)
        if m and _only_masthead_after(rest[m.end() :]):
            dropped.append(m.group(0).strip())
            rest = rest[m.end() :]
            continue
        m = _SYMBOL_START.match(rest)
        if m:
            _set(found, "symbol", m.group(1))
            rest = rest[m.end() :]
            continue
        m = _SYMBOL_END.search(rest)
        if m and (_HEADER_WORDS.match(rest) or _DISTR.match(rest)):
            _set(found, "symbol", m.group(1))
            rest = rest[: m.start()]
            continue
        m = _DISTR.match(rest)
        if m:
            _set(found, "distribution", m.group(1))
            rest = rest[m.end() :]
            d = _DATE_START.match(rest)
            if d:
                _set(found, "issued", iso_date(d.group(0)) or "")
                rest = rest[d.end() :]
            continue
        m = _ORIGINAL.match(rest)
        if m:
            _set(found, "original", m.group(1))
            rest = rest[m.end() :]
            continue
        m = _ASP_SESSION.match(rest)
        if m and _session(m.group(1)) is not None:
            _set(found, "session", _session(m.group(1)) or "")
            rest = rest[m.end() :]
            continue
        m = _DRAFT.match(rest)
        if m:
            # the masthead of a draft (resodraft.masthead): "Projet de résolution sur la
            # coopération" is the title "Résolution sur la coopération" of a text under negotiation
            _set(found, "status", "draft")
            tail = rest[m.end() :]
            if not tail.strip():
                return None
            return ("Résolution" if m.group(1).lower().startswith("projet") else "Resolution") + tail.rstrip()
        m = _SESSION.match(rest)
        if m and _session(m.group(1)) is not None:
            _set(found, "session", _session(m.group(1)) or "")
            rest = rest[m.end() :]
            continue
        m = _AGENDA_FR.match(rest)
        if m:
            _set(found, "agenda_item", " ".join(x for x in m.groups() if x).strip())
            return None
        m = _AGENDA.match(rest)
        if m:
            _set(found, "agenda_item", m.group(1).strip())
            return None
        if ADOPTED.match(rest):
            _set(found, "adopted", rest)
            _set(found, "date", iso_date(rest) or "")
            return None
        m = _COMMITTEE.match(rest)
        if m:
            _set(found, "committee", m.group(1).strip())
            return None
        if rest == before:
            break
    return rest.strip() or None


def read_masthead(meta: Meta, lines: list[str], closing: str | None = None) -> tuple[Meta, list[str]]:
    """Fill what ``meta`` leaves unset from the masthead ``lines`` and the ``closing`` line.

    Returns the new metadata and what was read, one sentence per item, for the import report.
    The title is the last line that is no masthead item (not ``Annex I``), without its
    resolution number (``80/6. ``).
    """
    found: dict[str, str] = {}
    dropped: list[str] = []
    title = None
    for line in lines:
        rest = read_line(line, found, dropped)
        if rest and not _ANNEX.match(rest):
            title = _RES_NUMBER.sub("", rest)
    if title:
        found.setdefault("title", title)
    if closing:
        m = CLOSING.match(closing.strip())
        key = "adopted" if "adopted" not in found and meta.adopted is None else "meeting"
        found.setdefault(key, closing.strip())
        if m:
            found.setdefault("date", iso_date(m.group(3)) or "")
    said: list[str] = []
    known = meta.as_dict()
    updates: dict[str, str] = {}
    extra = list(meta.extra)
    for key, value in found.items():
        if not value or key in known:
            continue
        if key in META_KEYS:
            updates[key] = value
        else:
            extra.append((key, value))
        said.append(f"{key}: {value}")
    for word in dropped:
        said.append(f"dropped the heading '{word}'")
    return replace(meta, **updates, extra=tuple(extra)), said
