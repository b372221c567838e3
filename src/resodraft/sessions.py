"""Session ordinals in resolutions: read them, write them, and say whose session they are.

Recurring resolutions name sessions as ordinals: "à sa vingtième session", "at its
eighty-first session", "20^e session", "the twenty-fifth session of the Assembly of States
Parties". Two tools need the same reading: the ``session-ordinal`` rule of ``check`` (a
forgotten "vingtième session" in next year's draft) and ``rollover`` (which moves them on).
This module is that reading; it knows no file format.

- :func:`ordinal_value` reads an ordinal written in words (French or English, up to the
  hundreds: "vingt-et-unième", "vingt et unième", "quatre-vingt-unième", "eighty-first",
  "one hundred and first") or in figures ("20e", "20^e" read as plain text, "21st");
  :func:`ordinal_words` and :func:`ordinal_figure` write one, in the style of the one they
  replace (:func:`next_ordinal`).
- :func:`mentions` finds every "<ordinal> session" of a paragraph and decides, for each,
  **whose** session it is (:attr:`Mention.owner`) and whether the paragraph **looks forward**
  to it (:attr:`Mention.tense`).

Whose session (the *owner*):

1. "…session of the Human Rights Council" / "…session de l'Assemblée": the body named right
   after "session of/de" owns it;
2. otherwise the body named last before the ordinal, in the same clause (a clause starts at
   the start of the paragraph, at ";" and at a new lead verb: ", and requests", "*prie*"),
   owns it — "the Assembly of States Parties … at its twenty-third session" is the ASP's,
   "report to the General Assembly at its eighty-first session" the General Assembly's;
   "lui"/"to it" after that body points back to the resolution's own assembly;
3. no body named: the session is the resolution's own assembly's ("Decides to include in the
   provisional agenda of its eighty-first session").

Bodies are the organs that hold sessions: assemblies, councils, commissions, committees,
conferences, boards, forums, working groups, meetings of States parties — singular forms
only, since "its"/"sa" points at one. The Court, the Secretary-General, the Bureau or a
Registry hold no sessions and are never owners. The bare "the Assembly"/"l'Assemblée" is the
resolution's own assembly; "the General Assembly" is its own in a GA text and another body's
in an ASP text, and the reverse for "the Assembly of States Parties".

Tense (only decided for the own assembly's sessions):

- ``citation``: a publication title ("Official Records of the General Assembly, Eightieth
  Session, Supplement No. 1", "Ibid., Forty-seventh Session");
- ``past``: "since its"/"depuis sa", a past participle between the last request verb and the
  ordinal ("the report submitted to the Assembly at its thirteenth session"), or a
  preambular paragraph with no request verb ("Recalling … at its forty-eighth session");
- ``forward``: a request verb of the clause comes before the ordinal ("to report", "to
  submit", "to be submitted", "to inform", "for consideration", "faire rapport",
  "soumettre", "présenter", "examiner", "inscrire" …), or the ordinal follows "provisional
  agenda of its", "until its", "no later than", "ordre du jour provisoire de sa",
  "jusqu'à sa";
- ``unknown``: none of these (an operative paragraph that only mentions a session).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

Assembly = Literal["asp", "ga"]
Tense = Literal["forward", "past", "citation", "unknown"]

# --------------------------------------------------------------------------------------------
# reading ordinals

_FR_CARDINAL = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100,
}  # fmt: skip
_FR_ORDINAL = {
    "premier": 1, "première": 1, "unième": 1, "second": 2, "seconde": 2, "deuxième": 2,
    "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8,
    "neuvième": 9, "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13,
    "quatorzième": 14, "quinzième": 15, "seizième": 16, "vingtième": 20, "trentième": 30,
    "quarantième": 40, "cinquantième": 50, "soixantième": 60, "centième": 100,
}  # fmt: skip
_EN_CARDINAL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_EN_ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
_CONNECTORS = {"et", "and"}
_FIGURE = re.compile(r"^(\d{1,3})(e|ème|eme|er|re|ère|st|nd|rd|th)$", re.IGNORECASE)


def ordinal_value(words: Sequence[str]) -> int | None:
    """The number an ordinal written as ``words`` stands for, or ``None``.

    >>> ordinal_value(["vingt", "et", "unième"]), ordinal_value(["quatre", "vingtième"])
    (21, 80)
    >>> ordinal_value(["quatre", "vingt", "unième"]), ordinal_value(["soixante", "et", "onzième"])
    (81, 71)
    >>> ordinal_value(["twenty", "first"]), ordinal_value(["one", "hundred", "and", "first"])
    (21, 101)
    >>> ordinal_value(["20e"]), ordinal_value(["81st"]), ordinal_value(["treize"])
    (20, 81, None)
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


# --------------------------------------------------------------------------------------------
# writing ordinals

_FR_UNITS = (
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
)  # fmt: skip
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}
_EN_ONES = (
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}
_EN_ORDINAL_OF = {v: k for k, v in _EN_ORDINAL.items()}


def _fr_cardinal(n: int, joiner: str) -> list[str]:
    """French cardinal words of ``1 ≤ n ≤ 999`` as a word list ("et" included)."""
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = ["cent"] if hundreds == 1 else [_FR_UNITS[hundreds], "cents" if rest == 0 else "cent"]
        return head + (_fr_cardinal(rest, joiner) if rest else [])
    if n <= 16:
        return [_FR_UNITS[n]]
    if n < 20:
        return ["dix", _FR_UNITS[n - 10]]
    if n < 70:
        tens, unit = divmod(n, 10)
        word = _FR_TENS[tens * 10]
        if unit == 0:
            return [word]
        return [word, "et", "un"] if unit == 1 else [word, _FR_UNITS[unit]]
    if n < 80:
        rest = n - 60
        return ["soixante", "et", "onze"] if rest == 11 else ["soixante", *_fr_cardinal(rest, joiner)]
    rest = n - 80
    return ["quatre", "vingts"] if rest == 0 else ["quatre", "vingt", *_fr_cardinal(rest, joiner)]


def _fr_ordinal_word(word: str) -> str:
    """``quatre`` → ``quatrième``, ``cinq`` → ``cinquième``, ``vingts`` → ``vingtième``."""
    if word in ("vingts", "cents"):
        word = word[:-1]
    if word == "cinq":
        return "cinquième"
    if word == "neuf":
        return "neuvième"
    if word.endswith("e"):
        word = word[:-1]
    return word + "ième"


def ordinal_words(n: int, language: str, *, spaced: bool = False, capital: bool = False) -> str:
    """``n`` as an ordinal in words, feminine in French (``session`` is feminine).

    French uses the hyphens of the 1990 spelling that the ASP texts use ("vingt-et-unième",
    "quatre-vingt-unième", "soixante-et-onzième"); ``spaced`` gives the traditional spelling
    ("vingt et unième", "soixante et onzième": spaces around "et" only, as printed before
    1990). English: "twenty-first", "eighty-second", "one hundred and first".

    >>> ordinal_words(21, "fr"), ordinal_words(21, "fr", spaced=True), ordinal_words(81, "fr")
    ('vingt-et-unième', 'vingt et unième', 'quatre-vingt-unième')
    >>> ordinal_words(80, "fr"), ordinal_words(1, "fr"), ordinal_words(82, "en", capital=True)
    ('quatre-vingtième', 'première', 'Eighty-second')
    """
    if not 1 <= n <= 999:
        raise ValueError(f"session ordinals run from 1 to 999, not {n}")
    if language == "fr":
        if n == 1:
            text = "première"
        else:
            words = _fr_cardinal(n, "-")
            words[-1] = _fr_ordinal_word(words[-1])
            if spaced:
                out = words[0]
                for prev, word in zip(words, words[1:]):
                    out += " " if "et" in (prev, word) else "-"
                    out += word
                text = out
            else:
                text = "-".join(words)
    else:
        text = _en_ordinal(n)
    return text[:1].upper() + text[1:] if capital else text


def _en_ordinal(n: int) -> str:
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = f"{_EN_ONES[hundreds]} hundred"
        return f"{head}th" if rest == 0 else f"{head} and {_en_ordinal(rest)}"
    if n in _EN_ORDINAL_OF:
        return _EN_ORDINAL_OF[n]
    tens, unit = divmod(n, 10)
    return f"{_EN_TENS[tens * 10]}-{_EN_ORDINAL_OF[unit]}"


def ordinal_figure(n: int, language: str, suffix: str = "") -> str:
    """``n`` in figures with the suffix of its kind: ``21e`` / ``21ème`` (the suffix of the
    ordinal it replaces), ``1re``; English ``21st``, ``22nd``, ``23rd``, ``11th``."""
    if language == "fr":
        if n == 1:
            return "1re" if suffix.lower() in ("e", "re", "") else "1ère"
        return f"{n}{'ème' if suffix.lower() in ('ème', 'eme', 'ère') else 'e'}"
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return str(n) + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def next_ordinal(phrase: str, value: int, new: int, language: str) -> str:
    """The ordinal ``new`` written like ``phrase`` (the ordinal for ``value`` as printed).

    Figures stay figures ("20e" → "21e", "81st" → "82nd"); words stay words, with the same
    initial capital and, in French, the same spelling ("vingt et unième" is spaced, so its
    successor is "vingt-deuxième"; a hyphenated or one-word ordinal gives hyphens).

    >>> next_ordinal("vingtième", 20, 21, "fr"), next_ordinal("Eighty-first", 81, 82, "en")
    ('vingt-et-unième', 'Eighty-second')
    >>> next_ordinal("20e", 20, 21, "fr"), next_ordinal("81st", 81, 82, "en")
    ('21e', '82nd')
    """
    figure = _FIGURE.match(phrase)
    if figure:
        return ordinal_figure(new, language if language in ("fr", "en") else "en", figure.group(2))
    lang = "fr" if language == "fr" else "en"
    spaced = lang == "fr" and " et " in phrase.lower()
    return ordinal_words(new, lang, spaced=spaced, capital=phrase[:1].isupper())


# --------------------------------------------------------------------------------------------
# finding "<ordinal> session"

_TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9]+")
_SESSION = re.compile(r"\bsessions?\b", re.IGNORECASE)
_OTHER_SERIES = re.compile(r"\s*(?:extraordinaire|spéciale|extraordinary)\b", re.IGNORECASE)
_JOINS = ("-", " ", "- ", "‑", "\u00a0")


@dataclass(frozen=True)
class Mention:
    """One "<ordinal> session" of a text.

    ``start``/``end``: the ordinal's characters in the text (``text[start:end]`` is
    ``phrase``, "vingtième", "eighty-first", "20e"); ``session_end`` is the end of the word
    "session". ``value`` is the session's number, ``figure`` says it is written in figures.
    ``owner`` is ``"own"`` (the resolution's own assembly), or the name of the other body as
    written ("Assembly of States Parties", "Human Rights Council"); ``tense`` is one of
    ``forward``, ``past``, ``citation``, ``unknown`` (see the module's docstring).
    """

    start: int
    end: int
    session_end: int
    value: int
    phrase: str
    figure: bool
    owner: str
    tense: Tense

    @property
    def own(self) -> bool:
        return self.owner == "own"


def ordinal_before(text: str, pos: int) -> tuple[int, int, int] | None:
    """``(start, end, value)`` of the ordinal that ends right before ``text[pos]`` (one space
    between), the longest run of words that reads as one ("vingt et unième", "eighty- first"),
    or ``None``."""
    before = list(_TOKEN.finditer(text, max(0, pos - 90), pos))
    best: tuple[int, int] | None = None
    for k in range(len(before) - 1, max(-1, len(before) - 8), -1):
        run = before[k:]
        if text[run[-1].end() : pos] not in (" ", "\u00a0", "\u202f"):
            break
        joins = [text[a.end() : b.start()] for a, b in zip(run, run[1:])]
        if any(j not in _JOINS for j in joins):
            break
        value = ordinal_value([t.group(0) for t in run])
        if value is not None:
            best = (run[0].start(), value)
    return (best[0], before[-1].end(), best[1]) if best is not None else None


def _ordinals(text: str) -> Iterator[tuple[int, int, int, int]]:
    """``(start, end, session_end, value)`` for each "<ordinal> session" (special sessions
    and "session extraordinaire" are another series and are skipped)."""
    for m in _SESSION.finditer(text):
        if _OTHER_SERIES.match(text, m.end()):
            continue
        found = ordinal_before(text, m.start())
        if found is not None:
            yield found[0], found[1], m.end(), found[2]


# --------------------------------------------------------------------------------------------
# bodies

_BODY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("asp", r"Assembl(?:y|ée)\s+(?:of|des)\s+(?:States\s+Parties|États\s+[Pp]arties)"),
    ("ga", r"General\s+Assembly|Assemblée\s+générale"),
    ("other", r"(?:World\s+Health|Environment|Health|Parliamentary|[A-Z][a-z]+)\s+Assembly(?!\s+of\s+States)"),
    ("other", r"Assembly\s+of\s+(?:the\s+)?[A-Z]\w+|Assemblée\s+(?:mondiale|parlementaire|de\s+l'|du\s+)\w*"),
    ("assembly", r"\b(?:(?:[Tt]he|[Tt]his|[Ll]['’]|[Cc]ette)\s*)?Assembl(?:y|ée)\b(?!\s+(?:of\b|des\b|générale|general|mondiale|parlementaire))"),
    ("other", r"\b(?:Council|Conseil|Commission|Committee|Comité|Conference|Conférence|Board|Forum|Summit|Sommet)\b"),
    ("other", r"\bWorking\s+Group\b|\bGroupe\s+de\s+travail\b|\bMeeting\s+of\s+(?:the\s+)?(?:States\s+)?Parties\b|\bRéunion\s+des\s+États\s+parties\b"),
)
_BODIES = re.compile("|".join(f"(?P<{kind}{k}>{p})" for k, (kind, p) in enumerate(_BODY_PATTERNS)))
_ARTICLE = re.compile(r"\b(?:the|la|le)\s+$", re.IGNORECASE)
_AFTER = re.compile(r"\s+(?:of\s+(?:the\s+)?|de\s+(?:la\s+|l['’]\s*)?|du\s+|des\s+)")
_POINTS_BACK = re.compile(r"\b(?:lui|to it|before it|it at its)\b", re.IGNORECASE)

_CLAUSE_EN = re.compile(
    r"(?:,|\band)\s+(?:also\s+|further\s+|again\s+|once\s+again\s+|in\s+this\s+regard\s+|strongly\s+)?"
    r"(?:decides|requests|invites|calls\s+upon|urges|encourages|welcomes|recalls|reaffirms|notes|takes\s+note|"
    r"stresses|emphasizes|underlines|expresses|acknowledges|looks\s+forward|recognizes|reiterates|commends|"
    r"appeals|approves|endorses|supports|affirms)\b"
)
_CLAUSE_FR = re.compile(
    r"(?:,|\bet)\s+(?:en\s+outre\s+|également\s+|aussi\s+)?"
    r"(?:décide|prie|invite|demande|engage|exhorte|encourage|salue|se\s+félicite|rappelle|réaffirme|note|"
    r"prend\s+note|prend\s+acte|souligne|insiste|exprime|reconnaît|réitère|remercie|approuve|appuie|soutient|"
    r"lance\s+un\s+appel|en\s+appelle)\b"
)
_CLAUSE_END = re.compile(r"[;]|,?\s*\b(?:with\s+a\s+view\s+to|en\s+vue\s+d[e'’])\s")
"""Where a clause ends: ";", and a purpose ("with a view to taking a decision at its
eighty-third session": the decision is the assembly's, whatever bodies the report considers)."""


def own_assembly(formula: str | None, symbol: str | None = None) -> Assembly | None:
    """Which assembly adopts the text: ``asp``, ``ga`` or ``None`` (cannot tell).

    Read from the enacting formula ("L'Assemblée des États Parties,", "The General
    Assembly,"), else from the symbol (``ICC-ASP/…``, ``A/…``).
    """
    for text in (formula or "", symbol or ""):
        if re.search(_BODY_PATTERNS[0][1], text):
            return "asp"
        if re.search(_BODY_PATTERNS[1][1], text):
            return "ga"
        if text.startswith("ICC-ASP"):
            return "asp"
        if re.match(r"A/", text):
            return "ga"
    return None


def _body_kind(m: re.Match[str]) -> str:
    assert m.lastgroup is not None
    return m.lastgroup.rstrip("0123456789")


def _owner_of(kind: str, name: str, own: Assembly | None) -> str:
    """``"own"`` for the resolution's own assembly (any assembly when it is not known)."""
    if kind == "assembly" or (kind in ("asp", "ga") and own in (kind, None)):
        return "own"
    return " ".join(name.split())


_DECIDES = re.compile(r"^\s*(?:(?:also|further)\s+)?(?:decides|décide)\b", re.IGNORECASE)
_AND_TO = {"en": re.compile(r"(?:,\s*|\s)and\s+to\s+\w"), "fr": re.compile(r"(?:,\s*|\s)et\s+(?:de|d['’]|à)\s*\w")}


def _clause_start(text: str, pos: int, language: str, breaks: Iterable[int]) -> int:
    """Where the clause holding ``pos`` starts: after the last ";", a new lead verb (", and
    requests"), an italic lead inside the paragraph (``breaks``) and, in a paragraph that
    *decides* ("Decides to convene …, and to include …"), each infinitive it decides: their
    subject is the resolution's assembly, whatever bodies the previous one named."""
    start = 0
    for m in _CLAUSE_END.finditer(text, 0, pos):
        start = m.end()
    pattern = _CLAUSE_FR if language == "fr" else _CLAUSE_EN
    for m in pattern.finditer(text, start, pos):
        start = max(start, m.start() + 1)
    if _DECIDES.match(text[start:]) or (start == 0 and _DECIDES.match(text)):
        for m in _AND_TO["fr" if language == "fr" else "en"].finditer(text, start, pos):
            start = max(start, m.start() + 1)
    for b in breaks:
        if start < b <= pos:
            start = b
    return start


def owner(text: str, start: int, session_end: int, own: Assembly | None, language: str, breaks: Iterable[int] = ()) -> str:
    """``"own"`` or the name of the body whose session ``text[start:session_end]`` is."""
    after = _AFTER.match(text, session_end)
    if after:
        m = _BODIES.match(text, after.end())
        if m is not None:
            return _owner_of(_body_kind(m), m.group(0), own)
    # "its/sa Nth session" points at the clause's subject or the body it names; "the Nth
    # session" at the session of a body named earlier in the paragraph
    article = _ARTICLE.search(text, max(0, start - 12), start)
    clause = 0 if article else _clause_start(text, start, language, breaks)
    last: re.Match[str] | None = None
    for m in _BODIES.finditer(text, clause, start):
        last = m
    if last is None:
        return "own"
    if _POINTS_BACK.search(text, last.end(), start):
        return "own"
    return _owner_of(_body_kind(last), last.group(0), own)


# --------------------------------------------------------------------------------------------
# tense

_CITATION = re.compile(
    r"(?:Official\s+Records\s+of\s+the\s+[\w\s]+?|Documents\s+officiels\s+de\s+l['’][\w\s]+?|Ibid\.?|Ibidem),\s*$",
    re.IGNORECASE,
)
_PAST_LEAD = re.compile(r"\b(?:since|depuis|from)\s+(?:its|the|sa|la)\s+$", re.IGNORECASE)
_FORWARD_LEAD = re.compile(
    r"(?:provisional\s+agenda\s+of\s+(?:its|the)|until\s+(?:the\s+end\s+of\s+)?(?:its|the)|no\s+later\s+than\s+(?:its|the)|"
    r"ordre\s+du\s+jour\s+(?:provisoire\s+)?de\s+(?:sa|la)|jusqu['’]à\s+(?:la\s+fin\s+de\s+)?(?:sa|la)|"
    r"au\s+plus\s+tard\s+(?:à|lors\s+de)\s+(?:sa|la)|(?:at|à)\s+(?:its|sa)\s+(?:next|forthcoming|prochaine))\s+$",
    re.IGNORECASE,
)
_FORWARD = {
    "fr": re.compile(
        r"\b(?:faire\s+rapport|fasse\s+rapport|faire\s+le\s+point|rendre\s+compte|rende\s+compte|soumettre|soumette|"
        r"présenter|transmettre|inscrire|examiner|tenir|convoquer|revenir\s+sur|informer|poursuivre|"
        r"continuer|fournir|communiquer|pour\s+examen|pour\s+qu['’]elle\s+l['’]examine|décide\s+que|"
        r"(?:sera|seront|soit|soient|être)\s+(?:soumise?s?|présentée?s?|examinée?s?|tenue?s?|inscrite?s?))\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:to\s+(?:report|submit|present|transmit|include|consider|review|revert|hold|convene|inform|apprise|"
        r"provide|continue|decide|take|brief|address|keep|return|resume|remain|be\s+(?:submitted|presented|"
        r"considered|held|included|convened|reviewed))|report(?:ing)?\s+(?:back\s+|thereon\s+)?to|"
        r"for\s+(?:its\s+)?consideration|with\s+a\s+view\s+to|taking\s+a\s+decision|decides?\s+that|shall|will)\b",
        re.IGNORECASE,
    ),
}
_PAST = {
    "fr": re.compile(
        r"(?<!être\s)(?<!sera\s)(?<!seront\s)(?<!soit\s)(?<!la\s)(?<!de\s)\b(?:soumise?s?|présentée?s?|adoptée?s?|"
        r"tenue?s?|examinée?s?|convoquée?s?|décidée?s?|lancée?s?|créée?s?|approuvée?s?|a\s+été|ont\s+été|avait)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"(?<!be\s)\b(?:submitted|presented|adopted|held|considered|issued|convened|decided|taken|received|"
        r"initiated|launched|established|approved|endorsed|was|were|had)\b",
        re.IGNORECASE,
    ),
}


_WHAT_IT_DID = re.compile(
    r"\b(?:in|by|through)\s+which\s+(?:it|they)\s+(?:\w+\s+)?\w+ed\b|"
    r"\b(?:dans|par)\s+la(?:quelle|quelles)\s+(?:elle|il|elles|ils)\s+(?:a|avait|ont)\s+\w+",
    re.IGNORECASE,
)
"""A relative clause about what an earlier text did ("in which it decided to include …")."""


def tense(text: str, start: int, language: str, *, preambular: bool, clause: int = 0) -> Tense:
    """Whether the own assembly's session at ``start`` is looked forward to (module doc)."""
    before = text[max(0, start - 120) : start]
    if _CITATION.search(before):
        return "citation"
    lang = "fr" if language == "fr" else "en"
    if _PAST_LEAD.search(before[-30:]):
        return "past"
    head = text[clause:start]
    if (preambular and _PAST[lang].search(head)) or _WHAT_IT_DID.search(head):
        return "past"  # "Recalling its resolution 78/10, in which it decided to include … its eightieth session"
    if _FORWARD_LEAD.search(before[-60:]):
        return "forward"
    verbs = list(_FORWARD[lang].finditer(head))
    if verbs:
        return "past" if _PAST[lang].search(head, verbs[-1].end()) else "forward"
    if preambular or _PAST[lang].search(head):
        return "past"
    return "unknown"


# --------------------------------------------------------------------------------------------
# the whole reading


def mentions(
    text: str,
    *,
    own: Assembly | None,
    language: str,
    preambular: bool = False,
    breaks: Iterable[int] = (),
) -> list[Mention]:
    """Every "<ordinal> session" of ``text`` (one paragraph's plain text), read.

    ``own``: the resolution's own assembly (:func:`own_assembly`); ``preambular``: the text
    is a preambular paragraph (no request verb there means a past session); ``breaks``:
    offsets where a new clause starts that the text alone does not show (an italic lead
    verb inside the paragraph, "*prie*").
    """
    breaks = tuple(breaks)
    out: list[Mention] = []
    for start, end, session_end, value in _ordinals(text):
        who = owner(text, start, session_end, own, language, breaks)
        when: Tense = "unknown"
        if who == "own":
            clause = _clause_start(text, start, language, breaks)
            when = tense(text, start, language, preambular=preambular, clause=clause)
        phrase = text[start:end]
        out.append(Mention(start, end, session_end, value, phrase, bool(_FIGURE.match(phrase)), who, when))
    return out


def session_from_symbol(symbol: str | None) -> int | None:
    """The session a symbol belongs to: ``ICC-ASP/19/Res.2`` → 19, ``A/RES/80/6`` → 80,
    ``A/80/L.9`` → 80; ``None`` for other symbols."""
    if not symbol:
        return None
    m = re.match(r"^(?:ICC-ASP[/-]|A/RES/|A/)(\d{1,3})/", symbol.strip())
    return int(m.group(1)) if m else None


def session_of_meta(meta: object) -> tuple[int, str] | None:
    """The session of a text and where it was read: ``(19, "front matter")`` from its
    ``session``, ``(80, "symbol A/RES/80/6")`` from its symbol, or ``None``."""
    session = (getattr(meta, "session", None) or "").strip()
    if session.isdigit():
        return int(session), "front matter"
    symbol = getattr(meta, "symbol", None)
    from_symbol = session_from_symbol(symbol)
    if from_symbol is not None:
        return from_symbol, f"symbol {symbol}"
    for key, value in getattr(meta, "extra", ()):
        m = re.fullmatch(r"\s*(\S+(?:[-\s]\S+)*)\s+session\s*", str(value), re.IGNORECASE)
        if m:
            number = ordinal_value(re.split(r"[\s-]+", m.group(1)))
            if number:
                return number, f"front matter {key}"
    return None


__all__ = [
    "Mention",
    "mentions",
    "ordinal_before",
    "next_ordinal",
    "ordinal_figure",
    "ordinal_value",
    "ordinal_words",
    "own_assembly",
    "owner",
    "session_from_symbol",
    "session_of_meta",
    "tense",
]
