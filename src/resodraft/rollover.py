"""Roll-over: the routine amendments that turn last year's adopted text into this year's draft.

``resodraft rollover BASE`` reads the adopted text of session N and writes an ordinary
amendment file (DESIGN.md §8) whose changes a secretariat makes every year, each with a
``note`` naming its rule:

``session``
    A session of the resolution's **own** assembly that lies after N moves on by one:
    "à sa vingtième session" → "vingt-et-unième", "at its eighty-first session" →
    "eighty-second", "20^e session" → "21^e session". Sessions of other bodies (the Assembly
    of States Parties in a General Assembly text, the Security Council, a conference) and
    past sessions stay (:mod:`resodraft.sessions` decides whose session an ordinal is).
``recalled``
    The base resolution joins the chain of recalled resolutions. A list of two or more
    resolutions of this series whose last one is of the session before N (or N − 2, N − 3
    for a text renewed every two or three years, when the list has that stride) gets the
    base added: "…, ICC-ASP/17/Res.3 et ICC-ASP/18/Res.3" → "…, ICC-ASP/17/Res.3,
    ICC-ASP/18/Res.3 et ICC-ASP/19/Res.2". A single "its resolution 79/6 of 29 October 2024"
    / "sa résolution …" of session N − 1 in a paragraph that recalls (*Recalling*,
    *Rappelant*, *Reaffirming* …) is replaced by the base's own number and adoption date,
    "80/6 of 11 November 2025", when the paragraph is the first preambular one or speaks of
    earlier resolutions ("and all its previous relevant resolutions", "the most recent of
    which is"); otherwise it is only suggested.
``meta``
    The ``[meta]`` table makes the text a draft of session N + 1: ``status = "draft"``,
    ``session = N + 1``; the base's ``symbol``, ``adopted`` and ``date`` are removed — a
    draft has no resolution symbol or adoption line yet (its ``L.`` document symbol is set
    by hand when the secretariat issues it), and the base's date is not the draft's — and so
    are the keys of an imported masthead that describe the base's document
    (:data:`DOCUMENT_KEYS`: ``issued``, ``meeting``, ``committee`` …) and those an extraction
    tool wrote about it (:data:`RECORD_KEYS`). ``title``, ``language`` and any other key stay.

What it recognises but must not decide alone goes into the file as **commented-out**
``[[change]]`` tables, each with its reason: a session of the own assembly equal to N in a
forward-looking clause ("until the end of its eightieth session"), a reporting period
("2024/25"), a year of N's calendar year or later ("en 2021", "in 2022"), a count of
seminars or meetings ("7^e séminaire"), a single recalled resolution of session N − 1 it is
not sure of; dates of that year or later are listed for review.

With ``others`` (the amendment files applied with the roll-over), a routine change inside
text those files already change is left out as a comment naming the other change, so the
files compose (Annex II deletes the passage of B.1 h) whose "vingtième session" roll-over
would otherwise move on).

The output is deterministic: changes in document order, no timestamp.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from resodraft.errors import UsageError
from resodraft.model import Footnote, Inlines, Resolution, Text, iter_labelled, plain_text
from resodraft.sessions import mentions, next_ordinal, ordinal_before, own_assembly, session_of_meta

DEFAULT_SPONSOR = {"fr": "Secrétariat (mise à jour technique)", "en": "Secretariat (technical update)"}
MARKER = "# resodraft rollover"
"""The first words of every file rollover writes (so ``--with`` never reads one back)."""

RULES = ("session", "recalled", "meta", "current-session", "reporting-period", "year", "count", "date")

_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}


# --------------------------------------------------------------------------------------------
# what a proposal is


@dataclass(frozen=True)
class Proposal:
    """One change roll-over proposes, applied (a ``[[change]]``) or suggested (commented out).

    ``find``/``replace`` are the base paragraph's plain text and the new Markdown inline text;
    ``occurrence`` picks among equal phrases of the paragraph. ``what`` is a short quotation
    for the reader ("vingtième session", "2024/25"); ``reason`` says why a suggestion is not
    applied, or which other change a left-out one collides with. ``replace`` is ``None`` for
    a date listed for review only.
    """

    rule: str
    at: str
    find: str
    replace: str | None
    what: str
    applied: bool
    occurrence: int | None = None
    reason: str | None = None
    order: tuple[int, int] = (0, 0)


@dataclass
class Rollover:
    """The roll-over of one base text: the proposals and the new front matter."""

    base: Resolution
    language: str
    session: int
    session_source: str
    sponsor: str
    assembly: str | None
    meta: dict[str, str | int] = field(default_factory=dict)
    proposals: list[Proposal] = field(default_factory=list)

    @property
    def applied(self) -> list[Proposal]:
        return [p for p in self.proposals if p.applied]

    @property
    def suggested(self) -> list[Proposal]:
        return [p for p in self.proposals if not p.applied]


# --------------------------------------------------------------------------------------------
# the rules


def _paragraphs(base: Resolution) -> list[tuple[str, object, str, int]]:
    """``(label, node, plain text, document position)`` of every paragraph and footnote."""
    out: list[tuple[str, object, str, int]] = []
    for k, item in enumerate(iter_labelled(base)):
        out.append((item.label, item.node, plain_text(item.node.content), k))
    for k, note in enumerate(base.footnotes, start=len(out)):
        out.append((f"FN{note.id}", note, plain_text(note.content), k))
    return out


def _occurrence(text: str, find: str, start: int) -> int | None:
    """Which occurrence of ``find`` starts at ``start`` (``None`` when it is the only one)."""
    hits = [m.start() for m in re.finditer(re.escape(find), text)]
    if len(hits) <= 1:
        return None
    return hits.index(start) + 1 if start in hits else None


def _is_sup(content: Inlines, start: int, end: int) -> bool:
    """True when the characters ``start:end`` of the plain text are all superscript."""
    pos = 0
    marks: list[bool] = []
    for item in content:
        if isinstance(item, Text):
            for ch in item.text:
                if start <= pos < end:
                    marks.append("sup" in item.marks)
                pos += 1
    return bool(marks) and all(marks)


def _suffix_sup(content: Inlines, start: int, end: int, phrase: str) -> bool:
    """True when the suffix of a figure ordinal ("e" of "20^e") is printed as a superscript."""
    digits = len(re.match(r"\d*", phrase).group(0))  # type: ignore[union-attr]
    return _is_sup(content, start + digits, end)


def _figure_md(figure: str, sup: bool) -> str:
    """``21e`` → ``21^e`` when the suffix of the figure it replaces was a superscript."""
    m = re.match(r"^(\d+)(\D+)$", figure)
    if not m or not sup:
        return figure
    return f"{m.group(1)}^{m.group(2)}"


def _breaks(content: Inlines) -> list[int]:
    from resodraft.check.sessions import italic_breaks

    return italic_breaks(content)


def _session_rule(r: Rollover, label: str, node: object, text: str, order: int, out: list[Proposal]) -> None:
    content = node.content  # type: ignore[attr-defined]
    preambular = not isinstance(node, Footnote) and getattr(node, "kind", "") == "preambular"
    for m in mentions(text, own=r.assembly, language=r.language, preambular=preambular, breaks=_breaks(content)):  # type: ignore[arg-type]
        if not m.own:
            continue
        find = text[m.start : m.session_end]
        if m.value > r.session:
            new = next_ordinal(m.phrase, m.value, m.value + 1, r.language)
            if m.figure:
                new = _figure_md(new, _suffix_sup(content, m.start, m.end, m.phrase))
            out.append(
                Proposal("session", label, find, new + text[m.end : m.session_end], find, True,
                         _occurrence(text, find, m.start), order=(order, m.start))
            )
        elif m.value == r.session and m.tense == "forward" and not isinstance(node, Footnote):
            new = next_ordinal(m.phrase, m.value, m.value + 1, r.language)
            if m.figure:
                new = _figure_md(new, _suffix_sup(content, m.start, m.end, m.phrase))
            out.append(
                Proposal("current-session", label, find, new + text[m.end : m.session_end], find, False,
                         _occurrence(text, find, m.start), order=(order, m.start))
            )


# recalled resolutions ------------------------------------------------------------------------

_ASP_REF = re.compile(r"ICC-ASP[/-](\d{1,3})/R[ée]s\.\s?(\d{1,3})")
_GA_REF = re.compile(r"(?<![\w/.-])(\d{1,3})/(\d{1,4})(?: [A-Z](?![\w]))?(?![\w/])")
_DATE_WORDS = {
    "fr": r"(?:1er|\d{1,2})\s+(?:" + "|".join(_MONTHS["fr"]) + r")\s+\d{4}",
    "en": r"\d{1,2}\s+(?:" + "|".join(_MONTHS["en"]) + r")\s+\d{4}",
}
_REF_DATE = {
    "fr": re.compile(r"\s+du\s+(" + _DATE_WORDS["fr"] + ")"),
    "en": re.compile(r"\s+of\s+(" + _DATE_WORDS["en"] + ")"),
}
_SEPARATOR = re.compile(r"^(?:,\s+|\s+(?:et|and)\s+|,\s+(?:et|and)\s+)$")
_RECALL_LEAD = re.compile(
    r"^(?:Recalling|Recalls|Reaffirming|Reaffirms|Bearing in mind|Rappelant|Rappelle|Réaffirmant|Réaffirme|Ayant à l['’]esprit)"
    r"(?:\s+(?:also|further|en\s+outre|également|aussi))?\b(?!\s*(?:that\b|que\b|qu['’]|,))"
)
_OWN_RESOLUTION = re.compile(r"\b(?:its|sa|ses)\s+(?:resolutions?|résolutions?)\s+$|\b(?:in particular|the most recent of which is|notamment la|dont la plus récente est la)\s+(?:resolution|résolution)\s+$", re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:previous|earlier|all\s+relevant|antérieures?|précédentes?|most\s+recent|plus\s+récente)\b", re.IGNORECASE)
_ABOUT_IT = re.compile(r"^\s*(?:,\s*)?(?:in\s+which|by\s+which|which|that|dans\s+laquelle|par\s+laquelle|qui)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Ref:
    start: int
    end: int  # after the date, when the reference has one
    session: int
    number: str
    text: str  # as printed, date included
    date: str | None


def _refs(text: str, assembly: str | None, language: str) -> list[_Ref]:
    out: list[_Ref] = []
    lang = "fr" if language == "fr" else "en"
    pattern = _ASP_REF if assembly == "asp" else _GA_REF
    for m in pattern.finditer(text):
        end = m.end()
        date = None
        d = _REF_DATE[lang].match(text, end)
        if d:
            date = d.group(1)
            end = d.end()
        out.append(_Ref(m.start(), end, int(m.group(1)), m.group(2), text[m.start() : end], date))
    return out


def _chains(text: str, refs: list[_Ref]) -> list[list[_Ref]]:
    """Runs of references joined only by ", " / " et " / " and "."""
    chains: list[list[_Ref]] = []
    for ref in refs:
        if chains and _SEPARATOR.match(text[chains[-1][-1].end : ref.start]):
            chains[-1].append(ref)
        else:
            chains.append([ref])
    return chains


def _base_reference(r: Rollover) -> tuple[str, str | None] | None:
    """The base as the chain cites it: ``ICC-ASP/19/Res.2`` / ``80/6`` and its adoption date in
    words ("11 November 2025", "16 décembre 2020"), or ``None`` without a symbol."""
    symbol = r.base.meta.symbol
    if not symbol:
        return None
    if r.assembly == "asp":
        number = symbol.strip()
    else:
        m = re.match(r"^A/RES/(\d{1,3}/\d{1,4}(?: [A-Z])?)$", symbol.strip())
        if not m:
            return None
        number = m.group(1)
    return number, adoption_date(r.base.meta, r.language)


def adoption_date(meta: object, language: str) -> str | None:
    """The date the base was adopted, in words: from its ``adopted`` line ("… on 11 November
    2025", "… le 16 décembre 2020"), else its front-matter ``date``."""
    lang = "fr" if language == "fr" else "en"
    adopted = getattr(meta, "adopted", None) or ""
    m = re.search(_DATE_WORDS[lang], adopted)
    if m:
        return " ".join(m.group(0).split())
    date = getattr(meta, "date", None)
    if date:
        try:
            day = _dt.date.fromisoformat(date)
        except ValueError:
            return None
        d = "1er" if lang == "fr" and day.day == 1 else str(day.day)
        return f"{d} {_MONTHS[lang][day.month - 1]} {day.year}"
    return None


def _recalled_rule(r: Rollover, label: str, node: object, text: str, order: int, first_pp: bool, out: list[Proposal]) -> None:
    cited = _base_reference(r)
    if cited is None or isinstance(node, Footnote):
        return
    number, date = cited
    n = r.session
    refs = _refs(text, r.assembly, r.language)
    if any(ref.text.startswith(number) or ref.text.replace("-", "/", 1).startswith(number) for ref in refs):
        return  # already cited (a draft rolled over twice)
    lang = "fr" if r.language == "fr" else "en"
    joiner = " et " if lang == "fr" else " and "
    date_word = " du " if lang == "fr" else " of "

    def cite(example: _Ref) -> str:
        if example.date is None:
            return number
        return f"{number}{date_word}{date}" if date else f"{number}{date_word}[…]"

    for chain in _chains(text, refs):
        sessions = [ref.session for ref in chain]
        last = chain[-1]
        if len(chain) >= 2 and all(a < b for a, b in zip(sessions, sessions[1:])):
            stride = sessions[-1] - sessions[-2]
            if not (last.session == n - 1 or (stride in (2, 3) and last.session == n - stride)):
                continue
            gap = text[chain[-2].end : last.start]
            if re.search(r"\b(?:et|and)\b", gap):
                # "…, X et Y" → "…, X, Y et BASE"
                find = text[chain[-2].start : last.end]
                new = f"{chain[-2].text}, {last.text}{joiner}{cite(last)}"
            else:
                find = last.text
                new = f"{last.text}, {cite(last)}"
            applied = date is not None or last.date is None
            reason = None if applied else "the base's adoption date is not known: write it in place of […]"
            out.append(Proposal("recalled", label, find, new, find, applied, _occurrence(text, find, chain[-2].start if find != last.text else last.start), reason, (order, last.start)))
            return
        if len(chain) == 1 and last.session == n - 1:
            own = _OWN_RESOLUTION.search(text[max(0, last.start - 40) : last.start])
            if not own or not _RECALL_LEAD.match(text) or _ABOUT_IT.match(text[last.end :]):
                continue
            sure = (first_pp or _EARLIER.search(text)) and (date is not None or last.date is None)
            reason = None
            if not sure:
                reason = (
                    "the base's adoption date is not known: write it in place of […]"
                    if date is None and last.date is not None
                    else "a resolution of the previous session is recalled: if it is this resolution's predecessor, cite the base instead"
                )
            out.append(Proposal("recalled", label, last.text, cite(last), last.text, bool(sure),
                                _occurrence(text, last.text, last.start), reason, (order, last.start)))
            return


# suggestions -------------------------------------------------------------------------------

_PERIOD = re.compile(r"(?<![\w/])((?:19|20)\d{2})/(\d{2})(?![\w/])")
_YEAR = re.compile(r"(?<![\w/.\-])((?:19|20)\d{2})(?![\w/]|-\d)")
_COUNT_NOUN = re.compile(r"\b(?:séminaires?|seminars?|ateliers?|workshops?|retraites?|retreats?|colloques?)\b", re.IGNORECASE)
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
_FIGURE_WORD = re.compile(r"^\d{1,3}(?:e|ème|er|re|st|nd|rd|th)$", re.IGNORECASE)


def _dates(text: str, language: str) -> list[tuple[int, int, int]]:
    """``(start, end, year)`` of the dates (and "month year") written in words."""
    lang = "fr" if language == "fr" else "en"
    months = "|".join(_MONTHS[lang])
    pattern = re.compile(rf"(?:(?:1er|\d{{1,2}})\s+)?(?:{months})\s+(\d{{4}})", re.IGNORECASE if lang == "fr" else 0)
    return [(m.start(), m.end(), int(m.group(1))) for m in pattern.finditer(text)]


def _suggestions(r: Rollover, label: str, node: object, text: str, order: int, out: list[Proposal]) -> None:
    """Reporting periods, years, dates and counts worth a look (never in footnotes, which cite
    documents, nor inside quotation marks, which quote other texts word for word)."""
    if isinstance(node, Footnote):
        return
    content = node.content  # type: ignore[attr-defined]
    year = _base_year(r)
    taken: list[tuple[int, int]] = [q.span() for q in _QUOTED.finditer(text)]
    quoted = list(taken)

    def inside_quote(pos: int) -> bool:
        return any(a <= pos < b for a, b in quoted)

    fr = r.language == "fr"
    for m in _PERIOD.finditer(text):
        first, second = int(m.group(1)), int(m.group(2))
        if (first + 1) % 100 != second or inside_quote(m.start()):
            continue
        new = f"{first + 1}/{(second + 1) % 100:02d}"
        reason = (
            "période couverte par un rapport : celui de l'année prochaine couvre en principe la suivante"
            if fr else "a reporting period: next year's report usually covers the next one"
        )
        out.append(Proposal("reporting-period", label, m.group(0), new, m.group(0), False,
                            _occurrence(text, m.group(0), m.start()), reason, (order, m.start())))
        taken.append(m.span())
    dates = _dates(text, r.language) if year else []
    for start, end, y in dates:
        taken.append((start, end))
        if year is not None and y >= year and not inside_quote(start):
            what = text[start:end]
            reason = (
                f"une date de {y} : l'événement appartient-il encore au nouveau texte ?"
                if fr else f"a date in {y}: does the event still belong in the new text?"
            )
            out.append(Proposal("date", label, what, None, what, False, None, reason, (order, start)))
    if year is not None:
        for m in _YEAR.finditer(text):
            if any(a <= m.start() < b for a, b in taken) or _in_symbol_or_url(text, m.start()):
                continue
            y = int(m.group(1))
            if y < year:
                continue
            find = _year_phrase(text, m.start(), m.end())
            new = f"{find[: len(find) - 4]}{y + 1}"
            reason = (
                f"une année ({y}) de la session de base ou postérieure : l'année prochaine, probablement {y + 1}"
                if fr else f"a year ({y}) of the base's session or later: next year probably {y + 1}"
            )
            start = m.end() - len(find)
            out.append(Proposal("year", label, find, new, find, False, _occurrence(text, find, start), reason, (order, start)))
    for m in _COUNT_NOUN.finditer(text):
        if inside_quote(m.start()):
            continue
        found = ordinal_before(text, m.start())
        if found is None:
            continue
        start, end, value = found
        phrase = text[start:end]
        new = next_ordinal(phrase, value, value + 1, r.language)
        if _FIGURE_WORD.match(phrase):
            new = _figure_md(new, _suffix_sup(content, start, end, phrase))
        find = text[start : m.end()]
        what = find
        replacement = new + text[end : m.end()]
        reason = (
            "le numéro d'une réunion ou d'un séminaire : à avancer seulement s'il a eu lieu"
            if fr else "the number of a meeting or seminar: move it on only if that one has taken place"
        )
        out.append(Proposal("count", label, find, replacement, what, False, _occurrence(text, find, start), reason, (order, start)))


def _year_phrase(text: str, start: int, end: int) -> str:
    """The year with the word before it ("en 2021", "in 2021", "l'année 2021"), for a readable
    and unique ``find``."""
    m = re.search(r"(?:\b\w+['’]?\s+|\b\w+['’])$", text[max(0, start - 15) : start])
    return text[start - len(m.group(0)) : end] if m else text[start:end]


def _in_symbol_or_url(text: str, pos: int) -> bool:
    token = re.search(r"\S*$", text[:pos])
    return bool(token and ("/" in token.group(0) or "http" in token.group(0) or "www" in token.group(0)))


def _base_year(r: Rollover) -> int | None:
    for value in (r.base.meta.date or "", r.base.meta.adopted or ""):
        m = re.search(r"\b((?:19|20)\d{2})\b", value)
        if m:
            return int(m.group(1))
    return None


# --------------------------------------------------------------------------------------------
# putting it together


def rollover(
    base: Resolution,
    *,
    session: int | None = None,
    sponsor: str | None = None,
    others: Sequence[object] = (),
) -> Rollover:
    """The roll-over of ``base`` (module docstring). ``session``: the session that adopted
    ``base`` when its front matter and symbol do not say; ``others``: the amendment changes
    applied together with the roll-over (overlaps are left out, as comments)."""
    language = base.language
    if session is not None:
        n, source = session, "--session"
    else:
        found = session_of_meta(base.meta)
        if found is None:
            raise UsageError(
                "cannot tell which session adopted the base text: its front matter has no 'session' and its symbol none",
                hint="give --session N (the session that adopted it), or add 'session: N' to its front matter",
            )
        n, source = found
    if not 1 <= n <= 998:
        raise UsageError(f"session {n} is out of range", hint="sessions are numbered from 1")
    lang = "fr" if language == "fr" else "en"
    r = Rollover(
        base=base,
        language=lang,
        session=n,
        session_source=source,
        sponsor=sponsor or DEFAULT_SPONSOR[lang],
        assembly=own_assembly(plain_text(base.formula or ()), base.meta.symbol),
    )
    r.meta = _new_meta(base, n)
    proposals: list[Proposal] = []
    first_pp = True
    for label, node, text, order in _paragraphs(base):
        _session_rule(r, label, node, text, order, proposals)
        is_pp = getattr(node, "kind", "") == "preambular"
        if not any(p.rule == "recalled" for p in proposals):
            _recalled_rule(r, label, node, text, order, first_pp and is_pp, proposals)
        if is_pp:
            first_pp = False
        _suggestions(r, label, node, text, order, proposals)
    proposals.sort(key=lambda p: (p.order, RULES.index(p.rule)))
    r.proposals = _against(base, _without_overlaps(proposals), list(others), lang)
    return r


DOCUMENT_KEYS = ("distribution", "issued", "original", "agenda_item", "committee", "meeting")
"""Front-matter keys an imported masthead gives that describe the base's document (its Distr.
line, issue date, agenda item, committee line, meeting): a draft of the next session has none
of them yet; roll-over removes them."""
RECORD_KEYS = ("record_id", "source_pdf", "source_url", "extract_version", "extracted_at")
"""Keys a tool that extracted the base from its PDF wrote (the UN library record, the
extraction): they describe the base's document, not the draft; roll-over removes them."""


def _new_meta(base: Resolution, n: int) -> dict[str, str | int]:
    """The draft keeps its ``title``, ``language`` and the keys resodraft does not know (the
    drafter's own); ``status`` and ``session`` are set; what belongs to the base's document is
    removed."""
    meta: dict[str, str | int] = {"status": "draft", "session": n + 1}
    for key in ("symbol", "adopted", "date"):
        if getattr(base.meta, key):
            meta[key] = ""
    extra = dict(base.meta.extra)
    for key in DOCUMENT_KEYS + RECORD_KEYS:
        if key in extra:
            meta[key] = ""
    return meta


def _without_overlaps(proposals: list[Proposal]) -> list[Proposal]:
    """Suggestions never overlap an applied change of the same paragraph (the applied wins)."""
    applied = [p for p in proposals if p.applied]
    return [
        p
        for p in proposals
        if p.applied or not any(a.at == p.at and (p.find in a.find or a.find in p.find) for a in applied)
    ]


def _as_change(p: Proposal, sponsor: str) -> object:
    from resodraft.amend import Change

    return Change(op="substitute", file="<rollover>", line=1, index=1, sponsor=sponsor, at=p.at, find=p.find,
                  replace=p.replace or "", occurrence=p.occurrence)


_OTHER = re.compile(r"the one at (?P<file>.+?):(?P<line>\d+) \((?P<op>\w+) (?P<label>.*)\)$")


def _against(base: Resolution, proposals: list[Proposal], others: list[object], language: str) -> list[Proposal]:
    """Leave out (as comments) the changes that collide with the other files' changes."""
    if not others:
        return proposals
    from pathlib import Path

    from resodraft.amend import plan
    from resodraft.errors import AmendmentError

    plan(base, others)  # the other files must be sound on their own (raises otherwise)
    out: list[Proposal] = []
    for p in proposals:
        probe = p if p.replace is not None else replace(p, replace=p.find)
        try:
            plan(base, [*others, _as_change(probe, "rollover")])
        except AmendmentError as exc:
            m = _OTHER.search(exc.message)
            where = f"{Path(m['file']).name}:{m['line']} ({m['op']} {m['label']})" if m else exc.message
            if p.applied:
                out.append(replace(p, applied=False, reason=_MESSAGES[language]["overlap"].format(where=where)))
            else:
                said = _MESSAGES[language]["overlap_also"].format(where=where)
                out.append(replace(p, reason=f"{p.reason} ({said})" if p.reason else said))
            continue
        out.append(p)
    return out


# --------------------------------------------------------------------------------------------
# the amendment file

_MESSAGES = {
    "fr": {
        "title": "# resodraft rollover : mise à jour technique de {symbol} ({n}e session), projet pour la {m}e session",
        "command": "# Commande : {command}",
        "intro": [
            "#",
            "# Un fichier d'amendements ordinaire, à relire : chaque [[change]] dit dans sa note la règle",
            "# qui l'a produit ; supprimez ceux qui ne conviennent pas. Les suggestions en commentaire, à la",
            "# fin, ne s'appliquent que si vous les décommentez.",
            "#",
            "# Ce qu'il fait :",
        ],
        "did_meta": "# - [meta] : le texte devient un projet de la {m}e session ; {removed} de la résolution de base {are} retirés.",
        "did_meta_none": "# - [meta] : le texte devient un projet de la {m}e session.",
        "removed": {"symbol": "le symbole", "adopted": "la ligne d'adoption", "date": "la date",
                    "distribution": "la distribution", "issued": "la date de parution", "original": "la langue originale",
                    "agenda_item": "le point de l'ordre du jour", "committee": "la ligne de la commission",
                    "meeting": "la séance", "record": "les références de son document ({keys})"},
        "did_session": ("# - Une mention d'une session de {body} postérieure à la {n}e avance d'une session (règle « session »).",
                        "# - {k} mentions d'une session de {body} postérieure à la {n}e avancent d'une session (règle « session »)."),
        "did_recalled": "# - {base} rejoint les résolutions rappelées, en {at} (règle « recalled »).",
        "no_recalled": "# - Aucune liste de résolutions rappelées de la {p}e session n'a été trouvée : ajoutez {base} à la main s'il le faut.",
        "no_symbol": "# - La résolution de base n'a pas de symbole : ajoutez-la à la main aux résolutions rappelées.",
        "did_left": ("# - Un changement de routine est laissé en commentaire : les autres fichiers (--with) modifient déjà ce texte.",
                     "# - {k} changements de routine sont laissés en commentaire : les autres fichiers (--with) modifient déjà ce texte."),
        "review": "# À relire : {what}.\n# Ce que la mise à jour annuelle demande d'autre (événements de l'année, rapports) reste à écrire.",
        "review_what": ("les suggestions en commentaire", "les dates listées à la fin", "chaque changement"),
        "source": "# Session de la résolution de base lue dans : {source}.",
        "file_note": "Mise à jour technique : de la {n}e à la {m}e session (resodraft rollover)",
        "meta_comment": {
            "symbol": "retiré : un projet n'a pas de symbole de résolution (indiquez celui du document L. quand il paraît)",
            "adopted": "retiré : le projet n'est pas encore adopté",
            "date": "retiré : la date de la résolution de base n'est pas celle du projet",
            "distribution": "retiré : la distribution du document de la résolution de base",
            "issued": "retiré : la date de parution de la résolution de base",
            "original": "retiré : la langue originale du document de la résolution de base",
            "agenda_item": "retiré : l'ordre du jour de la prochaine session numérote ses points à nouveau",
            "committee": "retiré : la ligne de la commission de la résolution de base (son document L. ou son rapport)",
            "meeting": "retiré : la séance qui a adopté la résolution de base",
            "record": "retiré : décrit le document de la résolution de base, pas le projet",
        },
        "note_session": "roll-over (session) : session de {body} postérieure à la {n}e, avancée d'une session",
        "note_recalled_add": "roll-over (recalled) : la résolution de base {base} rejoint les résolutions rappelées",
        "note_recalled_replace": "roll-over (recalled) : la résolution de base {base} remplace celle de la session précédente",
        "suggestions": [
            "# ---------------------------------------------------------------------------------------------",
            "# Suggestions, non appliquées : décommentez un [[change]] (toutes ses lignes) pour l'appliquer.",
        ],
        "dates": "# Dates à vérifier (aucun changement proposé) :",
        "overlap": "laissé de côté : {where} modifie déjà ce texte",
        "overlap_also": "{where} le modifie déjà",
        "current": "la session en cours ({n}e) dans une demande tournée vers l'avenir : probablement la {m}e l'an prochain",
        "body": {"asp": "l'Assemblée", "ga": "l'Assemblée générale", None: "l'Assemblée"},
    },
    "en": {
        "title": "# resodraft rollover: technical update of {symbol} (session {n}), draft for session {m}",
        "command": "# Command: {command}",
        "intro": [
            "#",
            "# An ordinary amendment file, to review: the note of each [[change]] names the rule that made it;",
            "# delete those that do not fit. The suggestions commented out at the end apply only if you",
            "# uncomment them.",
            "#",
            "# What it does:",
        ],
        "did_meta": "# - [meta]: the text becomes a draft of session {m}; the base resolution's {removed} {are} removed.",
        "did_meta_none": "# - [meta]: the text becomes a draft of session {m}.",
        "removed": {"symbol": "symbol", "adopted": "adoption line", "date": "date",
                    "distribution": "distribution", "issued": "issue date", "original": "original language",
                    "agenda_item": "agenda item", "committee": "committee line", "meeting": "meeting",
                    "record": "document record ({keys})"},
        "did_session": ("# - One mention of a session of {body} after session {n} moves on by one session (rule 'session').",
                        "# - {k} mentions of a session of {body} after session {n} move on by one session (rule 'session')."),
        "did_recalled": "# - {base} joins the recalled resolutions, in {at} (rule 'recalled').",
        "no_recalled": "# - No list of recalled resolutions of session {p} was found: add {base} by hand if needed.",
        "no_symbol": "# - The base resolution has no symbol: add it to the recalled resolutions by hand.",
        "did_left": ("# - One routine change is left out as a comment: the other files (--with) already change that text.",
                     "# - {k} routine changes are left out as comments: the other files (--with) already change that text."),
        "review": "# To review: {what}.\n# Whatever else the yearly update needs (events of the year, new reports) is still to be written.",
        "review_what": ("the suggestions commented out", "the dates listed at the end", "each change"),
        "source": "# Session of the base resolution read from: {source}.",
        "file_note": "Technical update: from session {n} to session {m} (resodraft rollover)",
        "meta_comment": {
            "symbol": "removed: a draft has no resolution symbol (give its L. document symbol when issued)",
            "adopted": "removed: the draft is not adopted yet",
            "date": "removed: the base resolution's date is not the draft's",
            "distribution": "removed: the distribution of the base resolution's document",
            "issued": "removed: the date the base resolution was issued",
            "original": "removed: the original language of the base resolution's document",
            "agenda_item": "removed: the next session's agenda numbers its items anew",
            "committee": "removed: the base resolution's committee line (its L. document or report)",
            "meeting": "removed: the meeting that adopted the base resolution",
            "record": "removed: it describes the base resolution's document, not the draft",
        },
        "note_session": "roll-over (session): a session of {body} after session {n}, moved on by one",
        "note_recalled_add": "roll-over (recalled): the base resolution {base} joins the recalled resolutions",
        "note_recalled_replace": "roll-over (recalled): the base resolution {base} replaces the previous session's",
        "suggestions": [
            "# ---------------------------------------------------------------------------------------------",
            "# Suggestions, not applied: uncomment a [[change]] (all its lines) to apply it.",
        ],
        "dates": "# Dates to check (no change proposed):",
        "overlap": "left out: {where} already changes this text",
        "overlap_also": "{where} already changes it",
        "current": "the current session ({n}) in a forward-looking request: probably session {m} next year",
        "body": {"asp": "the Assembly", "ga": "the General Assembly", None: "the Assembly"},
    },
}


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string (quotes, backslashes and control characters escaped)."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _change_lines(p: Proposal, note: str) -> list[str]:
    lines = ["[[change]]", 'op = "substitute"', f"at = {toml_string(p.at)}", f"find = {toml_string(p.find)}"]
    lines.append(f"replace = {toml_string(p.replace or '')}")
    if p.occurrence is not None:
        lines.append(f"occurrence = {p.occurrence}")
    lines.append(f"note = {toml_string(note)}")
    return lines


def to_toml(r: Rollover, *, command: str, base_ref: str | None = None) -> str:
    """The amendment file of a roll-over: header comment, ``base``, ``sponsor``, ``[meta]``, the
    applied changes in document order, then the suggestions commented out."""
    t = _MESSAGES[r.language]
    n, m = r.session, r.session + 1
    symbol = r.base.meta.symbol or r.base.meta.title or "?"
    body = t["body"].get(r.assembly, t["body"][None])
    cited = _base_reference(r)
    base_cite = cited[0] if cited else (r.base.meta.symbol or "?")
    applied = [p for p in r.proposals if p.applied]
    left = [p for p in r.proposals if not p.applied and p.reason and ("laissé de côté" in p.reason or "left out" in p.reason)]
    suggested = [p for p in r.proposals if not p.applied and p.replace is not None]
    dates = [p for p in r.proposals if p.replace is None]

    lines = [t["title"].format(symbol=symbol, n=n, m=m), t["command"].format(command=command), *t["intro"]]
    removed = [k for k in ("symbol", "adopted", "date", *DOCUMENT_KEYS) if k in r.meta]
    records = [k for k in RECORD_KEYS if k in r.meta]
    if removed or records:
        words = [t["removed"][k] for k in removed]
        if records:
            words.append(t["removed"]["record"].format(keys=", ".join(records)))
        joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + (" et " if r.language == "fr" else " and ") + words[-1]
        are = ("est" if len(words) == 1 else "sont") if r.language == "fr" else ("is" if len(words) == 1 else "are")
        lines.append(t["did_meta"].format(m=m, removed=joined, are=are))
    else:
        lines.append(t["did_meta_none"].format(m=m))
    sessions = [p for p in applied if p.rule == "session"]
    if sessions:
        lines.append(t["did_session"][len(sessions) > 1].format(k=len(sessions), body=body, n=n))
    recalled = [p for p in applied if p.rule == "recalled"]
    if recalled:
        lines.append(t["did_recalled"].format(base=base_cite, at=recalled[0].at))
    elif not r.base.meta.symbol:
        lines.append(t["no_symbol"])
    elif not any(p.rule == "recalled" for p in r.proposals):
        lines.append(t["no_recalled"].format(p=n - 1, base=base_cite))
    if left:
        lines.append(t["did_left"][len(left) > 1].format(k=len(left)))
    parts = [t["review_what"][0]] if suggested else []
    parts += [t["review_what"][1]] if dates else []
    what = (" et " if r.language == "fr" else " and ").join(parts) if parts else t["review_what"][2]
    lines += ["#", *t["review"].format(what=what).split("\n")]
    lines.append(t["source"].format(source=r.session_source))
    lines.append("")
    if base_ref:
        lines.append(f"base = {toml_string(base_ref)}")
    lines.append(f"sponsor = {toml_string(r.sponsor)}")
    lines.append(f"note = {toml_string(t['file_note'].format(n=n, m=m))}")
    lines += ["", "[meta]"]
    for key, value in r.meta.items():
        text = str(value) if isinstance(value, int) else toml_string(value)
        comment = t["meta_comment"].get("record" if key in RECORD_KEYS else key)
        lines.append(f"{key} = {text}" + (f"  # {comment}" if comment else ""))

    for p in applied:
        if p.rule == "session":
            note = t["note_session"].format(body=body, n=n)
        elif p.rule == "recalled":
            note = t["note_recalled_add" if base_cite in (p.replace or "") and p.find in (p.replace or "") else "note_recalled_replace"].format(base=base_cite)
        else:
            note = f"roll-over ({p.rule})"
        lines += ["", *_change_lines(p, note)]

    if suggested or dates:
        lines += ["", *t["suggestions"]]
    for p in suggested:
        reason = p.reason
        if p.rule == "current-session":
            reason = t["current"].format(n=n, m=m)
        lines += ["", f"# {p.at} « {p.what} » — {reason}" if r.language == "fr" else f"# {p.at} '{p.what}' — {reason}"]
        lines += ["# " + line for line in _change_lines(p, f"roll-over ({p.rule})")]
    if dates:
        lines += ["", t["dates"]]
        for p in dates:
            quoted = f"« {p.what} »" if r.language == "fr" else f"'{p.what}'"
            lines.append(f"#   {p.at} {quoted} — {p.reason}")
    return "\n".join(lines) + "\n"


__all__ = ["DEFAULT_SPONSOR", "MARKER", "Proposal", "Rollover", "adoption_date", "rollover", "to_toml", "toml_string"]
