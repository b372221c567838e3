"""Rule ``session-ordinal``: a request for a future session names a session that is not future.

Recurring resolutions are updated every year, and "faire rapport à l'Assemblée à sa vingtième
session" is the phrase most often forgotten. The rule applies when the front matter gives the
draft's ``session`` (the session that adopts it, N) and reports a mention of session M ≤ N
that stands in a forward-looking request.

- **Mentions**: an ordinal right before the word "session": French words ("vingtième",
  "vingt-et-unième", "vingt et unième", "soixante-dix-septième", "quatre-vingtième"), English
  words ("twentieth", "twenty-first", "eighty-first") or figures ("20^e", "21e", "20th",
  "21st"). "session extraordinaire" and "special session" are other series: not checked.
- **At the session that will act**: the ordinal follows "à sa", "lors de sa", "pour sa",
  "jusqu'à sa", "ordre du jour (provisoire) de sa"; "at its", "to its", "for its", "until
  its", "before its", "agenda of its" ("depuis sa vingtième session" / "since its twentieth
  session" look back: not checked).
- **Forward-looking**: the clause (text since the last ";" or ":" of the paragraph) contains a
  request verb before the mention — fr "faire rapport", "rendre compte", "soumettre",
  "présenter", "transmettre", "inscrire", "examiner", "tenir", "convoquer"; en "to report",
  "to submit", "to present", "to transmit", "to include", "to consider", "to review", "to hold",
  "to convene", "report to" — and no past participle stands between that verb and the mention
  ("soumis", "présenté", "adoptée", "tenue", "lors de"; "submitted", "presented", "adopted",
  "held", "considered"). So "Rappelle le rapport soumis à l'Assemblée, à sa treizième session"
  (a past session) is not reported, and "prie la Cour de soumettre à l'Assemblée, à sa
  vingtième session, un rapport" is reported when the draft is for session 20 or later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from resodraft.check.core import Context, Finding

_FR_CARDINAL = {
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100, "cents": 100,
}  # fmt: skip
_FR_ORDINAL = {
    "premier": 1, "première": 1, "unième": 1, "second": 2, "seconde": 2, "deuxième": 2,
    "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8,
    "neuvième": 9, "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13,
    "quatorzième": 14, "quinzième": 15, "seizième": 16, "vingtième": 20, "trentième": 30,
    "quarantième": 40, "cinquantième": 50, "soixantième": 60, "centième": 100,
}  # fmt: skip
_EN_CARDINAL = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "one": 1,
}  # fmt: skip
_EN_ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
_CONNECTORS = {"et", "and"}
_FIGURE = re.compile(r"^(\d{1,3})(?:e|ème|eme|er|re|ère|st|nd|rd|th)$")
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9]+")
_SESSION = re.compile(r"\bsession\b(?!\s+(?:extraordinaire|spéciale))", re.IGNORECASE)

_FORWARD = {
    "fr": re.compile(
        r"\b(?:faire rapport|fasse rapport|faire le point|rendre compte|rende compte|soumettre|soumette|"
        r"présenter|transmettre|inscrire|examiner|tenir|convoquer|revenir sur)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:to (?:report|submit|present|transmit|include|consider|review|revert|hold|convene)|"
        r"report(?:ing)? (?:back )?to)\b",
        re.IGNORECASE,
    ),
}
_PAST = {
    "fr": re.compile(r"\b(?:soumise?s?|présentée?s?|adoptée?s?|tenue?s?|examinée?s?)\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:submitted|presented|adopted|held|considered|issued)\b", re.IGNORECASE),
}
# what stands right before the ordinal in a mention of the session that will act
_LEAD_IN = {
    "fr": re.compile(r"(?:\b(?:à|lors de|pour|jusqu'à)|ordre du jour (?:provisoire )?de) (?:sa|la|leur)\s+$", re.IGNORECASE),
    "en": re.compile(r"(?:\b(?:at|to|for|until|before)|agenda of) (?:its|the|their)\s+$", re.IGNORECASE),
}


def ordinal_value(words: list[str]) -> int | None:
    """The number an ordinal written as ``words`` stands for, or ``None``.

    >>> ordinal_value(["vingt", "et", "unième"]), ordinal_value(["quatre", "vingtième"])
    (21, 80)
    >>> ordinal_value(["twenty", "first"]), ordinal_value(["20e"]), ordinal_value(["treize"])
    (21, 20, None)
    """
    if not words:
        return None
    *head, last = [w.lower() for w in words]
    figure = _FIGURE.match(last)
    if figure:
        return int(figure.group(1)) if not head else None
    final = _FR_ORDINAL.get(last) or _EN_ORDINAL.get(last)
    if final is None or (last in ("premier", "première") and head):
        return None
    values = []
    for w in head:
        if w in _CONNECTORS:
            continue
        v = _FR_CARDINAL.get(w) or _EN_CARDINAL.get(w)
        if v is None:
            return None
        values.append((w, v))
    values.append((last, final))
    total = 0
    prev = ""
    for w, v in values:
        if v == 100:
            total = max(total, 1) * 100
        elif v == 20 and prev == "quatre":
            total += 80 - 4
        else:
            total += v
        prev = w
    return total


def session_mentions(text: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, M)`` for each "…Mth session" in ``text`` (start of the ordinal)."""
    for m in _SESSION.finditer(text):
        before = list(_TOKEN.finditer(text[max(0, m.start() - 80) : m.start()]))
        shift = max(0, m.start() - 80)
        best: tuple[int, int] | None = None
        # the longest run of tokens right before "session" that reads as an ordinal
        for k in range(len(before) - 1, max(-1, len(before) - 7), -1):
            run = before[k:]
            gap = text[shift + run[-1].end() : m.start()]
            if gap.strip():
                break
            joins = [text[shift + a.end() : shift + b.start()] for a, b in zip(run, run[1:])]
            if any(j not in ("-", " ") for j in joins):
                break
            value = ordinal_value([t.group(0) for t in run])
            if value is not None:
                best = (shift + run[0].start(), value)
        if best is not None:
            yield best[0], m.end(), best[1]


def _forward(clause: str, language: str) -> bool:
    verbs = list(_FORWARD[language].finditer(clause))
    if not verbs:
        return False
    return not _PAST[language].search(clause[verbs[-1].end() :])


def session_ordinal(ctx: Context) -> Iterator[Finding]:
    """A forward-looking mention of a session that is not later than the draft's own."""
    session = (ctx.res.meta.session or "").strip()
    if not session.isdigit():
        return
    current = int(session)
    language = ctx.language if ctx.language in _FORWARD else "en"
    for node, text in ctx.texts():
        for start, end, value in session_mentions(text):
            clause_start = max(text.rfind(";", 0, start), text.rfind(":", 0, start)) + 1
            if value > current or not _LEAD_IN[language].search(text[max(0, start - 40) : start]):
                continue
            if not _forward(text[clause_start:start], language):
                continue
            phrase = text[start:end]
            message = (
                f"'{phrase}' ({value}) in a request for a future session, but this draft is for "
                f"session {current} (front matter): a later session is expected"
            )
            yield ctx.finding(node, start, message, text[max(clause_start, start - 60) : end])


__all__ = ["ordinal_value", "session_mentions", "session_ordinal"]
