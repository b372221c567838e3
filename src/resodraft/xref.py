"""Cross-references: find them, and keep internal ones pointing at the same paragraph.

A resolution refers to its own paragraphs ("au paragraphe 5 ci-dessus", "paragraphs 3 to 5
above", "alinéa b) du paragraphe 4", "the third preambular paragraph") and to other texts
("paragraphe 30 du dispositif de la résolution ICC-ASP/17/Res.3", "article 12, paragraph 3, of
the Rome Statute", "resolution 58/318"). When amendments insert, delete or move paragraphs and
:func:`resodraft.number.renumber` prints the numbers again, the **internal** references must be
rewritten to the new numbers; the **external** ones must never change.

How references are recognised
-----------------------------
The plain text of a paragraph (:func:`resodraft.model.plain_text`) is cut into tokens (words,
French elisions ``l'``/``d'``, numbers, sub-paragraph markers ``b)``/``(b)``, document symbols
such as ``ICC-ASP/17/Res.3`` or ``58/318``, punctuation). A small grammar per language, built
from token patterns (``seq``, ``alt``, ``opt``, ``star``), matches a reference in two steps:

1. a **nucleus**: the noun and the numbers: ``paragraphe(s) 3 à 5``, ``paragraphes 3, 5 et 7``,
   ``alinéa(s) b) du paragraphe 4``, ``paragraphe 14, alinéa e)``, ``troisième alinéa du
   préambule``; ``(operative) paragraph(s) 4 (b) and (c)``, ``subparagraph (b) of paragraph 4``,
   ``the third preambular paragraph``; and always-external ones: ``article(s) N``
   (``article 12, paragraph 3,``), ``part/partie/chapter/chapitre N``, ``rule/règle N``,
   ``resolution/résolution SYMBOL``;
2. a **tail** that decides what it points at:

   - ``ci-dessus``, ``ci-dessous``, ``supra``, ``infra``, ``de la présente résolution``,
     ``du présent projet de résolution``; ``above``, ``below``, ``of the present resolution``,
     ``of this resolution`` → internal (basis ``"marker"``);
   - a complement naming another text: ``de la résolution …``, ``de l'article 87``, ``du Statut
     de Rome``, ``des recommandations``; ``of resolution 58/318``, ``of the Rome Statute``,
     ``of the resolution`` (a resolution named elsewhere) → external (basis ``"tail"``);
   - ``du dispositif`` / ``du préambule`` / ``operative`` / ``preambular`` → internal, unless
     the same clause already names another text (below);
   - nothing → internal (basis ``"bare"``), unless the same clause (since the last ``;`` or
     ``.``) names another text first: a document symbol or an external reference
     ("*Rappelant* sa résolution ICC-ASP/17/Res.3, notamment le paragraphe 30 du dispositif"),
     or a possessive stands before the noun ("son paragraphe 12", "its paragraph 12"). Those
     are external (basis ``"context"``).

Numbers that no grammar rule introduces are never references: dates ("5 octobre 2020"),
counts ("66 recommandations"), session ordinals ("vingtième session", "7^e séminaire"),
footnote calls, symbols. After a list separator, a number directly followed by an ordinary
word ("paragraphe 5 et 66 recommandations") ends the list.

Scope: in a text with lettered parts, an internal reference points inside the part that
contains it ("paragraphe 5 ci-dessus" in part B is ``B.OP5``). "alinéa b) ci-dessus" with no
paragraph number points at a sub-paragraph of the operative paragraph that contains it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from resodraft.errors import DanglingReferenceError
from resodraft.model import (
    Block,
    Footnote,
    Inlines,
    Labelled,
    NoteRef,
    Operative,
    Paragraph,
    Resolution,
    Span,
    SubParagraph,
    Text,
    iter_labelled,
    normalize,
    plain_text,
)

P = TypeVar("P", bound=Paragraph)

RENUMBERING_AUTHOR = "resodraft (renumbering)"
"""Author of the spans :func:`fix_crossrefs` adds, so redlines attribute them to renumbering."""

ALWAYS_EXTERNAL = frozenset({"article", "part", "rule", "resolution"})

# --------------------------------------------------------------------------------------------
# public records


@dataclass(frozen=True)
class Target:
    """One paragraph a reference designates, as written and as resolved.

    ``number`` is the paragraph number as written (``"5"``; an ordinal's value, ``"3"`` for
    "troisième"); ``None`` in "alinéa b) ci-dessus", which designates a sub-paragraph of the
    operative paragraph containing the reference. ``subs`` are the sub-paragraph markers as
    written, without punctuation (``("b",)``, ``("b", "ii")``). ``label`` is the label this
    designates in the text it was resolved against (``"OP4(b)"``, ``"B.OP5"``, ``"PP3"``) and
    ``uid`` the uid of the block that has it: ``None`` when no block has that label (a
    dangling reference). External references are not resolved: ``label``/``uid`` are ``None``.
    ``range_end`` is true when this target closes a range ("3 à 5") opened by the previous one.
    ``number_span``/``sub_spans`` are offsets of the characters to rewrite (the digits, the
    ordinal word, the letters inside ``(b)``), in the paragraph's plain text; targets sharing a
    written number ("alinéas a) et b) du paragraphe 4") share its span.
    """

    number: str | None
    subs: tuple[str, ...] = ()
    label: str | None = None
    uid: str | None = None
    range_end: bool = False
    number_span: tuple[int, int] | None = None
    sub_spans: tuple[tuple[int, int], ...] = ()
    ordinal: bool = False


@dataclass(frozen=True)
class Reference:
    """A reference found in a paragraph's text.

    ``start``/``end`` are offsets in :func:`~resodraft.model.plain_text` of the containing
    paragraph's own content (not its sub-paragraphs) and ``text`` is ``plain[start:end]``: the
    nucleus and its tail ("paragraphe 30 du dispositif de la résolution ICC-ASP/17/Res.3"),
    without a leading "au"/"the". ``kind`` is ``paragraph``, ``subparagraph``, ``preambular``,
    ``article``, ``part``, ``rule`` or ``resolution``. ``basis`` says why it is internal or
    external: ``kind`` (articles, parts, rules, resolutions are always external), ``tail``
    (names another text), ``marker`` (ci-dessus, above, du dispositif …), ``context`` (the
    clause names another text first, or a possessive) or ``bare`` (no marker: internal).
    ``label``/``uid`` identify the containing block or sub-paragraph; in a footnote they are
    ``None`` and ``note`` is the footnote id.
    """

    text: str
    start: int
    end: int
    internal: bool
    kind: str
    basis: str
    targets: tuple[Target, ...]
    label: str | None = None
    uid: str | None = None
    note: str | None = None

    @property
    def where(self) -> str:
        """``OP12``, ``B.OP1(f)`` or ``footnote 3``."""
        if self.label is not None:
            return self.label
        if self.note is not None:
            return f"footnote {self.note}"
        return "text"

    @property
    def dangling(self) -> bool:
        """True for an internal reference one of whose targets does not exist."""
        return self.internal and any(t.uid is None for t in self.targets)


# --------------------------------------------------------------------------------------------
# tokens


@dataclass(frozen=True, slots=True)
class Token:
    """A token of plain text: ``kind`` is word, elision, num, ordnum, sub, sym or punct."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.text.replace("’", "'").casefold()


_TOKEN = re.compile(
    r"""
      (?P<sym>(?<![\w/])(?=[\w./-]*\d)[A-Za-z0-9][\w.-]*/[\w./-]*\w)
    | (?P<sub>\((?:[a-z]{1,2}|[ivxl]{1,6})\)|(?<![\w(])(?:[a-z]{1,2}|[ivxl]{1,6})\))
    | (?P<elision>(?<!\w)(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=\w))
    | (?P<ordnum>(?<!\w)\d+(?:er|re|ère|ème|e|st|nd|rd|th)(?!\w))
    | (?P<num>(?<![\w/])\d+(?![\w/]))
    | (?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)
    | (?P<punct>\S)
    """,
    re.VERBOSE,
)


def tokenize(text: str) -> list[Token]:
    """Cut plain text into tokens (white space, including no-break spaces, separates them)."""
    return [Token(m.lastgroup or "punct", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


# --------------------------------------------------------------------------------------------
# token patterns: a parser takes (tokens, index) and returns (next index, captures) or None.
# Captures are (name, token index) pairs in order; the reference builder reads them in turn.

Caps = tuple[tuple[str, int], ...]
Parser = Callable[[Sequence[Token], int], "tuple[int, Caps] | None"]


def _tok(test: Callable[[Token], bool]) -> Parser:
    def parse(toks: Sequence[Token], i: int) -> tuple[int, Caps] | None:
        return (i + 1, ()) if i < len(toks) and test(toks[i]) else None

    return parse


def word(*words: str) -> Parser:
    """One word (or elision) among ``words``, case-insensitive; ``'`` and ``’`` are the same."""
    keys = frozenset(w.replace("’", "'").casefold() for w in words)
    return _tok(lambda t: t.kind in ("word", "elision") and t.key in keys)


def kind(*kinds: str) -> Parser:
    """One token of one of these kinds."""
    return _tok(lambda t: t.kind in kinds)


def punct(*chars: str) -> Parser:
    """One punctuation token among ``chars``."""
    return _tok(lambda t: t.kind == "punct" and t.text in chars)


def seq(*parsers: Parser) -> Parser:
    """All of ``parsers``, one after the other."""

    def parse(toks: Sequence[Token], i: int) -> tuple[int, Caps] | None:
        caps: Caps = ()
        for p in parsers:
            r = p(toks, i)
            if r is None:
                return None
            i, more = r
            caps += more
        return i, caps

    return parse


def alt(*parsers: Parser) -> Parser:
    """The first of ``parsers`` that matches (ordered choice)."""

    def parse(toks: Sequence[Token], i: int) -> tuple[int, Caps] | None:
        for p in parsers:
            r = p(toks, i)
            if r is not None:
                return r
        return None

    return parse


def opt(parser: Parser) -> Parser:
    """``parser`` or nothing."""

    def parse(toks: Sequence[Token], i: int) -> tuple[int, Caps] | None:
        return parser(toks, i) or (i, ())

    return parse


def star(parser: Parser) -> Parser:
    """``parser`` as many times as it matches (greedy)."""

    def parse(toks: Sequence[Token], i: int) -> tuple[int, Caps] | None:
        caps: Caps = ()
        while (r := parser(toks, i)) is not None and r[0] > i:
            i, more = r
            caps += more
        return i, caps

    return parse


def not_(parser: Parser) -> Parser:
    """Matches nothing, and only where ``parser`` does not match (negative look-ahead)."""

    def parse(toks: Sequence[Token], i: int) -> tuple[int, Caps] | None:
        return None if parser(toks, i) is not None else (i, ())

    return parse


def cap(name: str, parser: Parser) -> Parser:
    """``parser``, recording ``(name, index of its first token)``."""

    def parse(toks: Sequence[Token], i: int) -> tuple[int, Caps] | None:
        r = parser(toks, i)
        return None if r is None else (r[0], ((name, i),) + r[1])

    return parse


# --------------------------------------------------------------------------------------------
# the grammars


_FR_ORDINALS = {
    "premier": 1, "première": 1, "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3,
    "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8,
    "neuvième": 9, "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13,
    "quatorzième": 14, "quinzième": 15, "seizième": 16, "dix-septième": 17,
    "dix-huitième": 18, "dix-neuvième": 19, "vingtième": 20, "vingt-et-unième": 21,
    "vingt-deuxième": 22, "vingt-troisième": 23, "vingt-quatrième": 24, "vingt-cinquième": 25,
    "vingt-sixième": 26, "vingt-septième": 27, "vingt-huitième": 28, "vingt-neuvième": 29,
    "trentième": 30,
}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
}
_FR_ORDINAL_WORDS = {
    v: k for k, v in _FR_ORDINALS.items() if k not in ("première", "second", "seconde")
}
_EN_ORDINAL_WORDS = {v: k for k, v in _EN_ORDINALS.items()}

# words that may follow a listed number without ending the list ("paragraphes 3 et 4 ci-dessus")
_FR_FOLLOWERS = frozenset(
    "et ou à au aux du de des d' la le les l' ci-dessus ci-dessous supra infra en dans sur par "
    "pour qui que qu' afin ainsi concernant relatifs relatives relatif relative sont est ont a "
    "se s' ne n' y respectivement".split()
)
_EN_FOLLOWERS = frozenset(
    "and or to of above below in on for by which that as with is are was were shall should "
    "concerning regarding relating respectively the through be have has also".split()
)


@dataclass(frozen=True)
class Grammar:
    """The reference grammar of one language (see the module docstring)."""

    language: str
    nuclei: tuple[tuple[str, Parser], ...]
    internal: Parser  # ci-dessus, above, de la présente résolution …
    weak: Parser  # du dispositif: internal unless the clause names another text
    external: Parser  # de la résolution X, of the Rome Statute …
    possessives: frozenset[str]
    ordinals: dict[str, int]


def _ordinal_value(tok: Token, ordinals: dict[str, int]) -> int | None:
    if tok.kind == "ordnum":
        return int(re.match(r"\d+", tok.text).group())  # type: ignore[union-attr]
    if tok.kind == "word":
        return ordinals.get(tok.key)
    return None


def _common(language: str) -> dict[str, Parser]:
    fr = language == "fr"
    followers = _FR_FOLLOWERS if fr else _EN_FOLLOWERS
    ordinals = _FR_ORDINALS if fr else _EN_ORDINALS
    # "paragraphe 5 bis" names a paragraph inserted during negotiation: never a number to move
    num = seq(kind("num"), not_(word("bis", "ter", "quater", "quinquies")))
    sub = kind("sub")
    # a number after a separator must not be a count of something ("et 66 recommandations")
    guarded = seq(num, not_(_tok(lambda t: t.kind == "word" and t.key not in followers)))
    and_ = "et" if fr else "and"
    list_sep = alt(seq(punct(","), word(and_)), punct(","), word(and_), word("ou" if fr else "or"))
    range_sep = alt(word("à") if fr else word("to", "through"), punct("-", "–"))
    item = seq(cap("num", num), star(cap("sub", sub)))
    numlist = seq(
        item,
        star(
            alt(
                seq(range_sep, cap("to", guarded)),
                seq(range_sep, cap("xto", sub)),
                seq(list_sep, cap("num", guarded), star(cap("sub", sub))),
                seq(list_sep, cap("xsub", sub)),
            )
        ),
    )
    sublist = seq(
        cap("psub", sub),
        star(alt(seq(range_sep, cap("psubto", sub)), seq(list_sep, cap("psub", sub)))),
    )
    ordw = _tok(lambda t: _ordinal_value(t, ordinals) is not None)
    ordlist = seq(cap("ord", ordw), star(seq(list_sep, cap("ord", ordw))))
    capword = _tok(lambda t: t.kind == "word" and t.text[:1].isupper())
    roman = _tok(lambda t: t.kind == "word" and re.fullmatch(r"[IVXLC]+", t.text) is not None)
    symlist = seq(kind("sym"), star(seq(list_sep, kind("sym"))))
    return {
        "num": num, "sub": sub, "numlist": numlist, "sublist": sublist, "ordlist": ordlist,
        "capword": capword, "roman": roman, "symlist": symlist, "list_sep": list_sep,
    }


@lru_cache(maxsize=None)
def grammar(language: str) -> Grammar:
    """The grammar for ``fr`` or ``en`` (anything else reads as ``fr``)."""
    return _english() if language == "en" else _french()


def _french() -> Grammar:
    c = _common("fr")
    para = word("paragraphe", "paragraphes")
    alinea = word("alinéa", "alinéas")
    dispositif = seq(word("du"), word("dispositif"))
    preambule = seq(word("du"), word("préambule"))
    nuclei = (
        ("article", seq(word("article", "articles"), c["numlist"],
                        opt(seq(punct(","), para, c["numlist"], opt(punct(",")))))),
        ("resolution", seq(word("résolution", "résolutions"), c["symlist"])),
        ("part", seq(word("partie", "parties", "chapitre", "chapitres"),
                     cap("num", alt(c["num"], c["roman"])))),
        ("rule", seq(word("règle", "règles"), c["numlist"])),
        ("preambular", seq(c["ordlist"], alt(alinea, para), cap("weak", preambule))),
        ("preambular", seq(alt(alinea, para), c["numlist"], cap("weak", preambule))),
        ("subparagraph", seq(alinea, c["sublist"],
                             alt(word("du", "des"), seq(word("de"), word("l'"))),
                             para, cap("num", c["num"]))),
        ("paragraph", seq(para, c["numlist"],
                          opt(seq(punct(","), alinea, cap("sub", c["sub"]),
                                  star(seq(c["list_sep"], cap("xsub", c["sub"]))))))),
        ("subparagraph", seq(alinea, c["sublist"])),
    )
    present = seq(
        alt(seq(word("de"), word("la")), word("du")),
        word("présente", "présent"),
        alt(word("résolution", "texte", "décision"),
            seq(word("projet"), word("de"), word("résolution"))),
    )
    internal = alt(word("ci-dessus", "ci-dessous", "supra", "infra"), present)
    conn = alt(
        seq(word("de"), word("la", "sa", "leur", "cette", "ladite")),
        seq(word("de"), word("l'")),
        word("du", "des", "dudit", "desdits", "desdites"),
        word("d'"),
    )
    doc = seq(
        not_(word("présente", "présent")),
        alt(kind("word"), kind("sym")),
        star(alt(kind("sym"), kind("num"), c["capword"],
                 seq(word("de", "des", "du", "d'"), c["capword"]))),
    )
    return Grammar(
        language="fr",
        nuclei=nuclei,
        internal=internal,
        weak=cap("weak", dispositif),
        external=seq(conn, doc),
        possessives=frozenset({"son", "sa", "ses", "leur", "leurs"}),
        ordinals=_FR_ORDINALS,
    )


def _english() -> Grammar:
    c = _common("en")
    para = word("paragraph", "paragraphs")
    subpara = word("subparagraph", "subparagraphs", "sub-paragraph", "sub-paragraphs")
    nuclei = (
        ("article", seq(word("article", "articles"), c["numlist"],
                        opt(seq(punct(","), para, c["numlist"], opt(punct(",")))))),
        ("resolution", seq(word("resolution", "resolutions"), c["symlist"])),
        ("part", seq(word("part", "parts", "chapter", "chapters", "section", "sections"),
                     cap("num", alt(c["num"], c["roman"])))),
        ("rule", seq(word("rule", "rules"), c["numlist"])),
        ("preambular", seq(c["ordlist"], cap("weak", word("preambular")), para)),
        ("preambular", seq(cap("weak", word("preambular")), para, c["numlist"])),
        ("preambular", seq(para, c["numlist"],
                           cap("weak", seq(word("of"), word("the"), word("preamble"))))),
        ("subparagraph", seq(subpara, c["sublist"], word("of"),
                             opt(cap("weak", word("operative"))), para, cap("num", c["num"]))),
        ("paragraph", seq(subpara, c["numlist"])),  # "subparagraph 4 (b)"
        ("paragraph", seq(opt(cap("weak", word("operative"))), para, c["numlist"])),
        ("subparagraph", seq(subpara, c["sublist"])),
    )
    year = _tok(lambda t: t.kind == "num" and len(t.text) == 4)
    lower = _tok(lambda t: t.kind == "word" and t.text[:1].islower())
    internal = alt(
        word("above", "below"),
        seq(opt(punct(",")), word("of"), alt(seq(word("the"), word("present")), word("this")),
            opt(word("draft")), word("resolution", "text", "decision")),
    )
    doc = seq(
        alt(kind("word"), kind("sym"), seq(year, lower)),  # "of the 2025 report"
        star(alt(kind("sym"), kind("num"), c["capword"])),
    )
    # "paragraph 63 (d), of the Final Document", "paragraph 187 (35) of NPT/CONF.2020/WP.77"
    external = seq(
        opt(punct(",")),
        opt(seq(punct("("), kind("num"), punct(")"))),
        word("of"),
        opt(word("the", "its", "their", "that", "said", "a", "an")),
        doc,
    )
    return Grammar(
        language="en",
        nuclei=nuclei,
        internal=internal,
        weak=lambda toks, i: None,
        external=external,
        possessives=frozenset({"its", "their"}),
        ordinals=_EN_ORDINALS,
    )


# --------------------------------------------------------------------------------------------
# scanning


def _letters_span(tok: Token) -> tuple[int, int]:
    """Offsets of the letters inside a ``(b)`` or ``b)`` marker."""
    return (tok.start + 1, tok.end - 1) if tok.text.startswith("(") else (tok.start, tok.end - 1)


def _letters(tok: Token) -> str:
    return tok.text.strip("()")


def _targets(toks: Sequence[Token], caps: Caps, ordinals: dict[str, int]) -> tuple[Target, ...]:
    """Read the captures of a nucleus in order and build its targets (see :class:`Target`)."""
    out: list[Target] = []
    pending: list[tuple[Token, bool]] = []  # "alinéas a) et b) du paragraphe 4": subs first

    def add(number: Token | None, sub: Token | None, range_end: bool, ordinal: bool = False) -> None:
        if number is None:
            value, span = None, None
        elif ordinal:
            value, span = str(_ordinal_value(number, ordinals)), _ordinal_span(number)
        else:
            value, span = number.text, (number.start, number.end)
        out.append(
            Target(
                number=value,
                subs=(_letters(sub),) if sub else (),
                range_end=range_end,
                number_span=span,
                sub_spans=(_letters_span(sub),) if sub else (),
                ordinal=ordinal,
            )
        )

    for name, index in caps:
        tok = toks[index]
        if name == "num":
            if pending:
                for sub, range_end in pending:
                    add(tok, sub, range_end)
                pending = []
            else:
                add(tok, None, False)
        elif name == "to":
            add(tok, None, True)
        elif name == "sub" and out:
            t = out[-1]
            out[-1] = replace(
                t, subs=t.subs + (_letters(tok),), sub_spans=t.sub_spans + (_letters_span(tok),)
            )
        elif name in ("xsub", "xto") and out:
            t = out[-1]
            out.append(
                replace(
                    t,
                    subs=t.subs[:-1] + (_letters(tok),) if t.subs else (_letters(tok),),
                    sub_spans=t.sub_spans[:-1] + (_letters_span(tok),)
                    if t.sub_spans
                    else (_letters_span(tok),),
                    range_end=name == "xto",
                )
            )
        elif name in ("psub", "psubto"):
            pending.append((tok, name == "psubto"))
        elif name == "ord":
            add(tok, None, False, ordinal=True)
    for sub, range_end in pending:  # "alinéa b) ci-dessus": the containing paragraph's
        add(None, sub, range_end)
    return tuple(out)


def _ordinal_span(tok: Token) -> tuple[int, int]:
    if tok.kind == "ordnum":
        digits = re.match(r"\d+", tok.text)
        assert digits is not None
        return (tok.start, tok.start + digits.end())
    return (tok.start, tok.end)


def _clause_start(toks: Sequence[Token], i: int) -> int:
    j = i - 1
    while j >= 0:
        if toks[j].kind == "punct" and toks[j].text in (";", "."):
            return j + 1
        j -= 1
    return 0


def scan_text(text: str, language: str = "fr") -> list[Reference]:
    """Every reference in ``text`` (one paragraph's plain text), in order, not resolved.

    >>> [r.text for r in scan_text("conformément au paragraphe 30 du dispositif de la "
    ...                            "résolution ICC-ASP/17/Res.3 et au paragraphe 5 ci-dessus")]
    ['paragraphe 30 du dispositif de la résolution ICC-ASP/17/Res.3', 'paragraphe 5 ci-dessus']
    """
    g = grammar(language)
    toks = tokenize(text)
    found: list[tuple[int, int, Reference]] = []  # (first token, end token, reference)
    i = 0
    while i < len(toks):
        for kind_, parser in g.nuclei:
            r = parser(toks, i)
            if r is not None:
                break
        else:
            i += 1
            continue
        j, caps = r
        weak = any(name == "weak" for name, _ in caps)
        if kind_ in ALWAYS_EXTERNAL:
            tail = g.external(toks, j)
            if tail is not None:
                j = tail[0]
            internal, basis = False, "kind"
        else:
            w = g.weak(toks, j)
            if w is not None:
                j, weak = w[0], True
            if (m := g.internal(toks, j)) is not None:
                j, internal, basis = m[0], True, "marker"
            elif (e := g.external(toks, j)) is not None:
                j, internal, basis = e[0], False, "tail"
            elif i > 0 and toks[i - 1].kind == "word" and toks[i - 1].key in g.possessives:
                internal, basis = False, "context"
            elif _names_other_text(toks, i, found):
                internal, basis = False, "context"
            else:
                internal, basis = True, "marker" if weak else "bare"
        targets = _targets(toks, caps, g.ordinals)
        if kind_ == "paragraph" and any(t.subs for t in targets):
            kind_ = "subparagraph"
        start, end = toks[i].start, toks[j - 1].end
        found.append((i, j, Reference(text[start:end], start, end, internal, kind_, basis, targets)))
        if not internal and basis == "tail" and toks[j - 1].start > 0 and _comma_tail(toks, i, j):
            # "paragraphs 60 to 63, and in particular paragraph 63 (d), of the Final Document":
            # the text named after the comma is the text of the earlier references of the clause
            clause = _clause_start(toks, i)
            for k, (first, last, ref) in enumerate(found[:-1]):
                if first >= clause and ref.internal and ref.basis == "bare":
                    found[k] = (first, last, replace(ref, internal=False, basis="context"))
        i = j
    quoted = _quoted_spans(text)
    return [
        replace(ref, internal=False, basis="quoted") if ref.internal and any(a < ref.start < b for a, b in quoted) else ref
        for _, _, ref in found
    ]


def _comma_tail(toks: Sequence[Token], i: int, j: int) -> bool:
    """Does the reference ``toks[i:j]`` end with a comma and then its external tail (", of …")?"""
    return any(toks[k].text == "," and k + 1 < j and toks[k + 1].key == "of" for k in range(i, j))


_QUOTES = re.compile(r"“[^”]*”|«[^»]*»|„[^“”]*[“”]")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quotations (“…”, «…»): a paragraph number inside one is part of a quoted title
    ("section entitled “Article VI and eighth to twelfth preambular paragraphs”"), never a
    reference to this text."""
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def _names_other_text(toks: Sequence[Token], i: int, found: list[tuple[int, int, Reference]]) -> bool:
    """Does the clause before token ``i`` name another text (a symbol, an external reference)?"""
    start = _clause_start(toks, i)
    if any(t.kind == "sym" for t in toks[start:i]):
        return True
    return any(not ref.internal and first >= start for first, _, ref in found)


# --------------------------------------------------------------------------------------------
# resolving against a resolution


@dataclass(frozen=True)
class _Context:
    """Where a reference stands, in the labels of the text it is resolved against."""

    part: str | None = None
    operative: str | None = None  # label of the operative paragraph containing it
    parent_sub: str | None = None  # label of the first-level sub containing it (level 2)


_ROMAN_ONLY = re.compile(r"[ivxl]+")


def _target_label(ref: Reference, t: Target, ctx: _Context) -> str | None:
    if ref.kind == "preambular":
        return f"PP{t.number}"
    subs = "".join(f"({s})" for s in t.subs)
    if t.number is None:
        if ctx.parent_sub is not None and t.subs and _ROMAN_ONLY.fullmatch(t.subs[0]):
            return f"{ctx.parent_sub}{subs}"
        return f"{ctx.operative}{subs}" if ctx.operative else None
    prefix = f"{ctx.part}." if ctx.part else ""
    return f"{prefix}OP{t.number}{subs}"


def _resolve(ref: Reference, ctx: _Context, index: dict[str, str]) -> Reference:
    if not ref.internal:
        return ref
    targets = []
    for t in ref.targets:
        label = _target_label(ref, t, ctx)
        targets.append(replace(t, label=label, uid=index.get(label) if label else None))
    return replace(ref, targets=tuple(targets))


def _uid(item: Labelled) -> str:
    return item.node.uid or item.label


def _contexts(res: Resolution) -> dict[str, _Context]:
    """Label → context for every block and sub-paragraph of ``res``."""
    out: dict[str, _Context] = {}
    parents: dict[str, Labelled] = {}
    for item in iter_labelled(res):
        parents[item.label] = item
        if item.kind == "operative":
            out[item.label] = _Context(item.part, item.label, None)
        elif item.kind == "subparagraph":
            chain = [item]
            while chain[-1].parent is not None:
                chain.append(parents[chain[-1].parent])
            top = chain[-1].label
            level = len(chain) - 1
            parent_sub = chain[1].label if level >= 2 else None
            out[item.label] = _Context(item.part, top, parent_sub)
        else:
            out[item.label] = _Context(item.part)
    return out


def _note_parts(res: Resolution) -> dict[str, str | None]:
    """Footnote id → part of the block that first calls it."""
    out: dict[str, str | None] = {}
    for item in iter_labelled(res):
        for inline in item.node.content:
            if isinstance(inline, NoteRef):
                out.setdefault(inline.id, item.part)
    return out


def find_references(res: Resolution) -> list[Reference]:
    """Every reference in ``res`` (blocks, sub-paragraphs, footnotes), resolved against ``res``.

    Internal targets get the label and uid of the block they designate in ``res`` itself
    (``uid`` ``None`` when nothing has that number: :attr:`Reference.dangling`). Order: blocks
    in document order (a paragraph before its sub-paragraphs), then footnotes.
    """
    g_lang = res.language
    index = {item.label: _uid(item) for item in iter_labelled(res)}
    contexts = _contexts(res)
    out: list[Reference] = []
    for item in iter_labelled(res):
        ctx = contexts[item.label]
        for ref in scan_text(plain_text(item.node.content), g_lang):
            out.append(replace(_resolve(ref, ctx, index), label=item.label, uid=_uid(item)))
    parts = _note_parts(res)
    for note in res.footnotes:
        ctx = _Context(parts.get(note.id))
        for ref in scan_text(plain_text(note.content), g_lang):
            out.append(replace(_resolve(ref, ctx, index), note=note.id))
    return out


# --------------------------------------------------------------------------------------------
# rewriting


def _splice(inlines: Inlines, start: int, end: int, new: str) -> Inlines:
    """Replace plain-text characters ``start:end`` by ``new``, in the run where they start."""
    out: list = []
    pos = 0
    placed = False
    for item in inlines:
        if not isinstance(item, Text):
            out.append(item)
            continue
        s, e = pos, pos + len(item.text)
        pos = e
        if e <= start or s >= end:
            out.append(item)
            continue
        a, b = max(start, s) - s, min(end, e) - s
        out.append(Text(item.text[:a] + ("" if placed else new) + item.text[b:], item.marks))
        placed = True
    return normalize(out)


def _apply_edits(
    content: Inlines, authors: tuple[Span, ...], edits: dict[tuple[int, int], str]
) -> tuple[Inlines, tuple[Span, ...]]:
    """Apply ``{(start, end): new text}`` and keep ``authors`` aligned with the new text.

    Existing spans after an edit shift by the change in length; a span containing an edit
    stretches or shrinks with it. Each edit gets a :data:`RENUMBERING_AUTHOR` span.
    """
    ordered = sorted(edits.items())
    for (start, end), new in reversed(ordered):
        content = _splice(content, start, end, new)

    def shift(pos: int) -> int:
        delta = 0
        for (start, end), new in ordered:
            if pos >= end:
                delta += len(new) - (end - start)
            elif pos > start:
                return start + delta + min(pos - start, len(new))
        return pos + delta

    moved = tuple(replace(s, start=shift(s.start), end=shift(s.end)) for s in authors)
    added = []
    delta = 0
    for (start, end), new in ordered:
        added.append(Span(start + delta, start + delta + len(new), RENUMBERING_AUTHOR))
        delta += len(new) - (end - start)
    return content, moved + tuple(added)


_LABEL = re.compile(r"^(?:(?P<part>[A-Z])\.)?(?P<kind>OP|PP)(?P<n>\d+)(?P<subs>(?:\([a-z]+\))*)(?:#\d+)?$")


def _ordinal_text(old: str, value: int, language: str) -> str | None:
    """The ordinal for ``value`` written like ``old`` ("troisième" → "quatrième", "3" → "4")."""
    if old.isdigit():
        return str(value)
    words = _EN_ORDINAL_WORDS if language == "en" else _FR_ORDINAL_WORDS
    out = words.get(value)
    if out is None:
        return None
    if language == "fr" and value == 1 and old.casefold() == "première":
        out = "première"
    if language == "fr" and value == 2 and old.casefold() in ("second", "seconde"):
        out = old.casefold()
    return out[0].upper() + out[1:] if old[:1].isupper() else out


def _ordnum_ok(plain: str, span: tuple[int, int], value: int, language: str) -> bool:
    """May the digits of "3e"/"3rd" become ``value`` without changing the suffix?"""
    suffix = re.match(r"[^\W\d_]*", plain[span[1] :])
    assert suffix is not None
    suf = suffix.group()
    if not suf:
        return True
    if language == "en":
        last = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return suf == last
    return (value == 1) == (suf in ("er", "re", "ère"))


@dataclass
class _Fixer:
    base: Resolution
    new: Resolution
    label_map: dict[str, str]
    allow_dangling: bool
    file: str | None

    def __post_init__(self) -> None:
        self.language = self.new.language
        base_items = list(iter_labelled(self.base))
        self.base_index = {item.label: _uid(item) for item in base_items}
        self.base_label = {_uid(item): item.label for item in base_items}
        self.base_contexts = _contexts(self.base)
        self.new_items = {item.label: item for item in iter_labelled(self.new)}
        self.new_contexts = _contexts(self.new)
        self.base_seq, self.base_runs = _sequences(self.base)
        self.new_seq, self.new_runs = _sequences(self.new)
        self.children: dict[str, list[Labelled]] = {}
        for item in self.new_items.values():
            if item.parent is not None:
                self.children.setdefault(item.parent, []).append(item)
        self.warnings: list[str] = []
        self.dangling: list[_Dangling] = []

    # -- where things are, for messages

    def where(self, uid: str | None, new_label: str | None, note: str | None = None) -> str:
        if note is not None:
            return f"footnote {note}"
        base_label = self.base_label.get(uid or "")
        if base_label is None:
            return f"{new_label} (new paragraph)"
        if new_label and new_label != base_label:
            return f"{base_label} (now {new_label})"
        return base_label

    def prefix(self, line: int | None) -> str:
        parts = [str(p) for p in (self.file, line) if p is not None]
        return ":".join(parts) + ": " if parts else ""

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(self.prefix(line) + message)

    # -- one container

    def context(self, uid: str, new_label: str) -> _Context:
        base_label = self.base_label.get(uid)
        if base_label is not None:
            return self.base_contexts[base_label]
        # an inserted paragraph: its part in the new text; its operative if that is a base one
        ctx = self.new_contexts[new_label]
        op = self.new_items[ctx.operative].node.uid if ctx.operative else None
        sub = self.new_items[ctx.parent_sub].node.uid if ctx.parent_sub else None
        return _Context(ctx.part, self.base_label.get(op or ""), self.base_label.get(sub or ""))

    def fix(
        self,
        content: Inlines,
        authors: tuple[Span, ...],
        ctx: _Context,
        new_ctx: _Context,
        where: _Where,
    ) -> tuple[Inlines, tuple[Span, ...]]:
        """Rewrite the internal references of one paragraph's content (``ctx`` in base labels,
        ``new_ctx`` in new labels)."""
        plain = plain_text(content)
        edits: dict[tuple[int, int], str] = {}
        for ref in scan_text(plain, self.language):
            if not ref.internal:
                continue
            ref = _resolve(ref, ctx, self.base_index)
            planned = self.plan(ref, plain, new_ctx, where)
            if planned:
                edits.update(planned)
        if not edits:
            return content, authors
        return _apply_edits(content, authors, edits)

    def plan(
        self, ref: Reference, plain: str, new_ctx: _Context, at: _Where
    ) -> dict[tuple[int, int], str] | None:
        """The edits that make ``ref`` point at the same paragraphs, or ``None`` (reported)."""
        where, line = at.text, at.line
        quoted = f"'{ref.text}'"
        missing = [t for t in ref.targets if t.uid is None]
        if missing:
            names = _join(sorted({t.label or "a sub-paragraph" for t in missing}))
            self.warn(line, f"{where}: {quoted} points at {names}, which the base text does not "
                            f"have — left as written; check the reference")
            return None
        gone = [t for t in ref.targets if t.uid not in self.label_map]
        if gone:
            names = _join(list(dict.fromkeys(t.label or "" for t in gone)))
            message = f"{where}: {quoted} points at {names}, which the amendments delete"
            if self.allow_dangling:
                self.warn(line, f"{message} — left as written")
            else:
                self.dangling.append(_Dangling(message, at, names))
            return None

        edits: dict[tuple[int, int], str] = {}
        for t in ref.targets:
            assert t.uid is not None
            new_label = self.label_map[t.uid]
            m = _LABEL.match(new_label)
            if m is None:
                self.warn(line, f"{where}: {quoted}: {t.label} is now {new_label}, which a "
                                f"paragraph number cannot designate — left as written")
                return None
            if m["kind"] == "OP":
                if m["part"] != new_ctx.part:
                    self.warn(line, f"{where}: {quoted}: {t.label} is now {new_label}, in "
                                    f"another part — left as written; name the part")
                    return None
                top = self.new_items.get(new_label.split("(")[0])
                if top is not None and isinstance(top.node, Operative) and top.node.number is None:
                    self.warn(line, f"{where}: {quoted}: {t.label} is now the only operative "
                                    f"paragraph, which is not numbered — left as written")
                    return None
                if t.number is None and not _same_parent(new_label, t.subs, new_ctx):
                    self.warn(line, f"{where}: {quoted}: {t.label} is now {new_label}, under "
                                    f"another paragraph — left as written; give its paragraph "
                                    f"number")
                    return None
            if t.number_span is not None and t.number is not None:
                value = int(m["n"])
                if t.ordinal:
                    old = plain[t.number_span[0] : t.number_span[1]]
                    text = _ordinal_text(old, value, self.language)
                    if text is None or (
                        old.isdigit() and not _ordnum_ok(plain, t.number_span, value, self.language)
                    ):
                        self.warn(line, f"{where}: {quoted}: {t.label} is now {new_label} — "
                                        f"left as written; write the ordinal yourself")
                        return None
                else:
                    text = m["n"]
                if not self._put(edits, t.number_span, text, ref, at):
                    return None
            new_subs = re.findall(r"\(([a-z]+)\)", m["subs"])
            written = t.sub_spans
            for span, letters in zip(written, new_subs[len(new_subs) - len(written) :]):
                if not self._put(edits, span, letters, ref, at):
                    return None
        if not self.ranges_ok(ref, at):
            return None
        return {span: text for span, text in edits.items() if plain[span[0] : span[1]] != text}

    def _put(
        self,
        edits: dict[tuple[int, int], str],
        span: tuple[int, int],
        text: str,
        ref: Reference,
        at: _Where,
    ) -> bool:
        if edits.get(span, text) != text:
            self.warn(at.line, f"{at.text}: '{ref.text}': the paragraphs it names no longer share "
                            f"one number — left as written; rewrite the reference")
            return False
        edits[span] = text
        return True

    def ranges_ok(self, ref: Reference, at: _Where) -> bool:
        """Both ends of each range survive and the range is still contiguous (warn otherwise)."""
        where, line = at.text, at.line
        for first, last in zip(ref.targets, ref.targets[1:]):
            if not last.range_end:
                continue
            assert first.uid is not None and last.uid is not None
            key, a = self.base_seq.get(first.uid, (None, -1))
            key_b, b = self.base_seq.get(last.uid, (None, -1))
            if key is None or key != key_b or a > b:
                self.warn(line, f"{where}: '{ref.text}' is not a range of consecutive paragraphs "
                                f"in the base text — left as written")
                return False
            members = self.base_runs[key][a : b + 1]
            surviving = [u for u in members if u in self.label_map]
            nkey, na = self.new_seq[first.uid]
            nkey_b, nb = self.new_seq[last.uid]
            if nkey != nkey_b or na > nb:
                self.warn(line, f"{where}: '{ref.text}': its ends are no longer in order after "
                                f"the amendments — left as written; rewrite the reference")
                return False
            now = self.new_runs[nkey][na : nb + 1]
            if now != surviving:
                extra = [self.where(u, self.label_map.get(u)) for u in now if u not in surviving]
                self.warn(line, f"{where}: '{ref.text}' would now also cover {_join(extra)}, "
                                f"which the amendments put inside the range — left as written; "
                                f"write the new numbers yourself")
                return False
            deleted = [self.base_label.get(u, u) for u in members if u not in self.label_map]
            if deleted:
                self.warn(line, f"{where}: '{ref.text}' now covers {len(surviving)} paragraphs: "
                                f"the amendments delete {_join(deleted)} — check that the range "
                                f"still says what you mean")
        return True


@dataclass(frozen=True)
class _Where:
    """A paragraph, for messages: ``OP12 (now OP13)``, its base label and source line."""

    text: str
    label: str | None  # base label; None for an inserted paragraph or a footnote
    line: int | None


@dataclass(frozen=True)
class _Dangling:
    message: str
    at: _Where
    targets: str


def _same_parent(new_label: str, subs: tuple[str, ...], new_ctx: _Context) -> bool:
    """Is the sub-paragraph ``new_label`` still a sibling, as "alinéa b) ci-dessus" needs?"""
    parent = new_label.rsplit("(", len(subs))[0]
    return parent in (new_ctx.operative, new_ctx.parent_sub)


def _sequences(res: Resolution) -> tuple[dict[str, tuple[object, int]], dict[object, list[str]]]:
    """Runs of paragraphs a range can span: operatives per part, subs per parent, preambulars.

    Returns uid → (run key, position) and run key → uids in order.
    """
    seqs: dict[object, list[str]] = {}
    for item in iter_labelled(res):
        if item.kind == "operative":
            key: object = ("op", item.part)
        elif item.kind == "subparagraph":
            key = ("sub", item.parent)
        elif item.kind == "preambular":
            key = ("pp",)
        else:
            continue
        seqs.setdefault(key, []).append(_uid(item))
    out = {uid: (key, i) for key, uids in seqs.items() for i, uid in enumerate(uids)}
    return out, seqs


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def fix_crossrefs(
    base: Resolution,
    new: Resolution,
    label_map: dict[str, str],
    *,
    allow_dangling: bool = False,
    file: str | None = None,
) -> tuple[Resolution, list[str]]:
    """Rewrite the internal references of ``new`` so they point at the same paragraphs.

    ``new`` is the amended and renumbered text (:func:`resodraft.number.renumber`), ``label_map``
    the map renumbering returned (uid → new label; a uid missing from it was deleted), and
    ``base`` the text the amendments were written against: every reference in ``new`` —
    including references inside inserted text — is read with the **base** numbering and
    rewritten to its target's new number. Returns the new resolution and warnings
    (``FILE:LINE: OP12: '…' … — what to do``).

    - Only the number characters change ("paragraphe **31** ci-dessus", the letters in
      "(**c**)", an ordinal word); formatting and every other character stay byte-identical.
      Each edit adds ``Span(start, end, "resodraft (renumbering)")`` to the block's ``authors``
      (offsets in the new plain text; existing spans after the edit are shifted).
    - External references never change.
    - A range ("paragraphes 3 à 5") is rewritten when both ends survive and the paragraphs
      between them are exactly the surviving ones (a deleted member is reported in a warning);
      when the amendments put a paragraph inside it, or its ends change order, it is left as
      written with a warning, since only the drafter knows whether the new paragraph belongs.
    - A reference whose target the amendments delete raises :class:`DanglingReferenceError`
      naming the paragraph, the reference and the target ("OP12: 'paragraphe 30 ci-dessus'
      points at OP30, which the amendments delete"), all such references in one message;
      with ``allow_dangling`` it becomes a warning and the reference is left as written.
    - A reference to a number the base text does not have, a target moved to another part,
      or one that became the single unnumbered operative paragraph: warning, left as written.

    Paragraphs are matched by ``uid`` (readers set it with :func:`~resodraft.model.with_uids`;
    transforms keep it), so run this once, on the output of ``renumber``.
    """
    fx = _Fixer(base, new, label_map, allow_dangling, file)
    note_parts = _note_parts(new)

    def fix_subs(subs: tuple[SubParagraph, ...], parent: str) -> tuple[SubParagraph, ...]:
        out = []
        for item, sub in zip(fx.children.get(parent, []), subs, strict=True):
            out.append(replace(fix_node(sub, item.label), subs=fix_subs(sub.subs, item.label)))
        return tuple(out)

    def fix_node(node: P, label: str) -> P:
        item = fx.new_items[label]
        uid = _uid(item)
        base_label = fx.base_label.get(uid)
        at = _Where(fx.where(uid, label), base_label, node.line if base_label else None)
        content, authors = fx.fix(
            node.content, node.authors, fx.context(uid, label), fx.new_contexts[label], at
        )
        if content is node.content:
            return node
        return replace(node, content=content, authors=authors)

    blocks: list[Block] = []
    top = [item for item in fx.new_items.values() if item.parent is None]
    for item, block in zip(top, new.blocks, strict=True):
        fixed = fix_node(block, item.label)
        if isinstance(fixed, Operative):
            fixed = replace(fixed, subs=fix_subs(fixed.subs, item.label))
        blocks.append(fixed)

    notes: list[Footnote] = []
    for note in new.footnotes:
        ctx = _Context(note_parts.get(note.id))
        at = _Where(fx.where(None, None, note.id), None, note.line)
        content, authors = fx.fix(note.content, note.authors, ctx, ctx, at)
        notes.append(note if content is note.content else replace(note, content=content, authors=authors))

    if fx.dangling:
        first = fx.dangling[0]
        if len(fx.dangling) > 1:
            hint = "change or remove those references in the amendments, or keep the paragraphs"
        elif first.at.label is None:
            hint = f"change or remove the reference in the amendment that adds it, or keep {first.targets}"
        else:
            hint = f"change or remove the reference in an amendment to {first.at.label}, or keep {first.targets}"
        message = "; ".join(d.message for d in fx.dangling)
        raise DanglingReferenceError(message, file=file, line=first.at.line, hint=hint)
    return replace(new, blocks=tuple(blocks), footnotes=tuple(notes)), fx.warnings

