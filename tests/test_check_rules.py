"""``resodraft check`` rules: each one finds its fault where it is, and leaves its near miss alone.

Every test gives a small draft (one block per line, blocks separated by a blank line, so block
``k`` is on line ``2k + 1`` when there is no front matter) and asserts the exact findings as
``(line, column, rule, message)``. Columns are 1-based and point at the offending character in
the source file, markup included.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resodraft.check import RULES, check_file, check_text
from resodraft.check.sessions import ordinal_value
from resodraft.check.symbols import find_malformed

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "check"


def check(*blocks: str, lang: str = "fr", front: str | None = None) -> list[tuple[int, int, str, str]]:
    """Findings of a draft made of ``blocks`` as ``(line, column, rule, message)``."""
    text = "\n\n".join(blocks) + "\n"
    if front is not None:
        text = f"---\n{front}\n---\n\n{text}"
    return [(f.line, f.column, f.rule, f.message) for f in check_text(text, "d.md", language=lang)]


def rules_of(findings: list[tuple[int, int, str, str]]) -> list[str]:
    return [f[2] for f in findings]


# --------------------------------------------------------------------------------------------
# numbering


def test_numbering_gap_is_reported_at_the_paragraph_after_the_hole() -> None:
    assert check("1. *Décide* a ;", "2. *Décide* b ;", "4. *Décide* c ;", "5. *Décide* d.") == [
        (5, 1, "numbering-gap", "OP4: operative paragraph 3 is missing (2 is followed by 4)")
    ]


def test_numbering_that_starts_above_one_is_a_gap() -> None:
    assert check("2. *Décide* a ;", "3. *Décide* b.") == [
        (1, 1, "numbering-gap", "OP2: numbering starts at 2 — operative paragraph 1 is missing")
    ]


def test_numbering_out_of_order() -> None:
    assert check("1. *Décide* a ;", "3. *Décide* b ;", "2. *Décide* c.") == [
        (5, 1, "numbering-gap", "OP2 comes after OP3: operative paragraphs are out of order")
    ]


def test_numbering_restarts_in_each_lettered_part() -> None:
    # near miss: B restarts at 1; the fault is the hole in B only
    assert check("# A. Un", "1. *Décide* a ;", "2. *Décide* b ;", "# B. Deux", "1. *Décide* c ;", "3. *Décide* d.") == [
        (11, 1, "numbering-gap", "B.OP3: operative paragraph B.2 is missing (B.1 is followed by B.3)")
    ]


def test_numbering_duplicate_and_no_gap() -> None:
    assert check("1. *Décide* a ;", "2. *Décide* b ;", "2. *Décide* c ;", "3. *Décide* d.") == [
        (5, 1, "numbering-duplicate", "OP2: two operative paragraphs are numbered 2")
    ]


def test_a_single_unnumbered_operative_paragraph_is_not_a_numbering_fault() -> None:
    assert check("L'Assemblée des États Parties,", "*Rappelant* sa résolution,", "*Décide* de rester saisie de la question.") == []


def test_subparagraph_letter_skipped() -> None:
    assert check("1. *Prie* le Bureau :", "a) de x ;", "b) de y ;", "d) de z ;", "2. *Décide* d.") == [
        (7, 1, "subparagraph-sequence", "OP1: sub-paragraph d) where c) is expected")
    ]


def test_second_level_subparagraphs_run_in_roman_numerals() -> None:
    assert check("1. *Prie* le Bureau :", "a) de x ;", "b) de y :", "i) de y1 ;", "iii) de y2 ;", "2. *Décide* d.") == [
        (9, 1, "subparagraph-sequence", "OP1(b): sub-paragraph iii) where ii) is expected")
    ]
    assert check("1. *Prie* le Bureau :", "a) de x ;", "b) de y :", "i) de y1 ;", "ii) de y2 ;", "2. *Décide* d.") == []


def test_english_subparagraphs_are_named_as_printed() -> None:
    assert check("1. *Requests* the Bureau:", "(a) To do x;", "(a) To do y;", "2. *Decides* z.", lang="en") == [
        (5, 1, "subparagraph-sequence", "OP1: sub-paragraph (a) where (b) is expected")
    ]


# --------------------------------------------------------------------------------------------
# punctuation


def test_preambular_paragraph_ending_with_a_semicolon() -> None:
    assert check("L'Assemblée des États Parties,", "*Rappelant* sa résolution ;", "1. *Décide* x.") == [
        (3, 27, "punctuation-preambular", "PP1 ends with ';' — ',' expected (a preambular paragraph ends with a comma)")
    ]


def test_preambular_comma_before_a_footnote_call_is_enough() -> None:
    assert check("L'Assemblée des États Parties,", "*Rappelant* sa résolution,[^1]", "1. *Décide* x.", "[^1]: Note.") == []


def test_preambular_paragraph_without_punctuation_reads_as_a_heading_and_is_reported() -> None:
    assert check("L'Assemblée des États Parties,", "*Rappelant* sa résolution,", "*Notant* le rapport", "1. *Décide* x.") == [
        (5, 20, "punctuation-preambular", "H1 ('Notant le rapport') reads as a heading: a preambular paragraph ends with ','")
    ]
    # near miss: a heading marked as such in the source is a heading
    assert check("L'Assemblée des États Parties,", "*Rappelant* sa résolution,", "## *Notant* le rapport", "1. *Décide* x.") == []


def test_operative_punctuation_faults() -> None:
    assert check("1. *Décide* x ;", "2. *Prie* le Bureau ;", "a) de x ;", "b) de y,", "3. *Décide* z ;") == [
        (3, 21, "punctuation-operative", "OP2 ends with ';' — ':' expected (it introduces sub-paragraphs)"),
        (7, 8, "punctuation-operative", "OP2(b) ends with ',' — ';' expected"),
        (9, 15, "punctuation-operative", "OP3 ends with ';' — '.' expected (it is the last paragraph of the text)"),
    ]


def test_operative_punctuation_near_misses() -> None:
    assert check("1. *Décide* x ;", "2. *Prie* le Bureau :", "a) de x ;", "b) de y ;", "3. *Décide* z.") == []
    # "; and" between sub-paragraphs, and the last sub-paragraph of the last paragraph ends with "."
    assert check("1. *Requests* the Bureau:", "(a) To do x;", "(b) To do y; and", "(c) To do z.", lang="en") == []
    # the ICC-ASP mandates annex: "En ce qui concerne la coopération," then sub-paragraphs
    assert check("1. En ce qui concerne la **coopération**,", "a) *prie* le Bureau de x ;", "b) *invite* la Cour à y.") == []


def test_colon_without_subparagraphs_and_missing_punctuation() -> None:
    assert check("1. *Décide* x :", "2. *Décide* y", "3. *Décide* z.") == [
        (1, 15, "punctuation-operative", "OP1 ends with ':' but no sub-paragraph follows — ';' expected"),
        (3, 14, "punctuation-operative", "OP2 does not end with ';'"),
    ]


# --------------------------------------------------------------------------------------------
# leads


ITALIC_FR = ("*Rappelant* a,", "*Notant* b,", "*Notant en outre* c,")
ITALIC_OPS = ("3. *Décide* z ;", "4. *Prie* w ;", "5. *Décide* v ;", "6. *Décide* u.")


def test_lead_in_roman_and_lead_missing_where_the_draft_keeps_italics() -> None:
    assert check(*ITALIC_FR, "Soulignant d,", "En outre e,", "1. *Décide* x ;", "2. Prie y ;", *ITALIC_OPS) == [
        (7, 1, "lead-not-italic", "PP4: the lead 'Soulignant' is not in italics"),
        (9, 1, "lead-missing", "PP5 does not open with an italic lead ('En outre e,')"),
        (13, 4, "lead-not-italic", "OP2: the lead 'Prie' is not in italics"),
    ]


def test_leads_are_not_judged_where_the_draft_lost_its_italics() -> None:
    # fewer than two thirds of the paragraphs have an italic lead: an extraction without formatting
    assert check("Rappelant a,", "Notant b,", "*Soulignant* c,", "1. Décide x ;", "2. Prie y.") == []


def test_an_introduction_whose_subparagraphs_carry_the_leads_needs_no_lead() -> None:
    """The ICC-ASP mandates annex: "1. En ce qui concerne la coopération, a) *prie* le Bureau …"."""
    intro = ("1. En ce qui concerne la **coopération**,", "a) *prie* le Bureau de x ;", "b) *invite* la Cour à y ;")
    assert check(*ITALIC_FR, *intro, "2. *Décide* z ;", "3. *Prie* w.") == []
    plain_subs = ("1. En ce qui concerne la **coopération**,", "a) le Bureau x ;", "b) la Cour y ;")
    assert check(*ITALIC_FR, *plain_subs, "2. *Décide* z ;", "3. *Prie* w.") == [
        (7, 4, "lead-missing", "OP1 does not open with an italic lead ('En ce qui concerne …')")
    ]


def test_english_leads_and_placeholders() -> None:
    blocks = ("*Recalling* a,", "*Noting* a,", "Noting b,", "*Convinced* a,", "1. *Decides* x;", "2. Requests y;",
              "3. The Assembly z;", "4. [Reserved];", "5. *Decides* w;", "6. *Decides* w;", "7. *Decides* w.")
    assert check(*blocks, lang="en") == [
        (5, 1, "lead-not-italic", "PP3: the lead 'Noting' is not in italics"),
        (11, 4, "lead-not-italic", "OP2: the lead 'Requests' is not in italics"),
        (13, 4, "lead-missing", "OP3 does not open with an italic lead ('The Assembly z;')"),
    ]


# --------------------------------------------------------------------------------------------
# footnotes


def test_footnote_called_without_text_and_text_never_called() -> None:
    assert check("1. *Décide* x[^1] ;", "2. *Décide* y[^2] ;", "3. *Décide* z[^3].", "[^1]: A.", "[^3]: C.", "[^4]: D.") == [
        (3, 14, "footnote-missing-text", "footnote [^2] is called but has no text"),
        (11, 1, "footnote-unused", "footnote [^4] is never called"),
    ]


def test_footnote_order_reported_once_at_the_first_call_out_of_order() -> None:
    assert check("1. *Décide* x[^1] ;", "2. *Décide* y[^3] ;", "3. *Décide* z[^2].", "[^1]: A.", "[^2]: B.", "[^3]: C.") == [
        (3, 14, "footnote-order", "footnote [^3] is the 2nd footnote called, so it should be [^2] (footnotes are numbered in order of first call)")
    ]


def test_footnote_order_near_misses() -> None:
    # a second call of footnote 1 after footnote 2 is in order (order of FIRST call)
    assert check("1. *Décide* x[^1] ;", "2. *Décide* y[^2] et[^1] ;", "3. *Décide* z.", "[^1]: A.", "[^2]: B.") == []
    # named footnotes are not numbered
    assert check("1. *Décide* x[^b] ;", "2. *Décide* y[^a].", "[^b]: A.", "[^a]: B.") == []


def test_seed_superscript_footnotes_are_located() -> None:
    # the reader accepts the seed's superscript calls ("coopération⁶" and a line "⁶ text")
    assert check("1. *Décide* x ;", "2. *Salue* la coopération⁶ et⁵ ;", "3. *Décide* z.", "⁵ Note.", "⁶ Note.", "⁷ Orpheline.") == [
        (3, 26, "footnote-order", "footnote [^6] is the 1st footnote called, so it should be [^1] (footnotes are numbered in order of first call)"),
        (11, 1, "footnote-unused", "footnote [^7] is never called"),
    ]


# --------------------------------------------------------------------------------------------
# French spacing


def test_french_spacing_faults() -> None:
    assert check("1. *Décide* x; y : z ;", "2. *Décide* « a» et «b » ;", "3. *Décide* fin.") == [
        (1, 14, "fr-spacing", "no space before ';' (French typography: a narrow no-break space)"),
        (3, 16, "fr-spacing", "no space before '»' (French typography: a narrow no-break space)"),
        (3, 21, "fr-spacing", "no space after '«' (French typography: a narrow no-break space)"),
    ]


def test_french_spacing_near_misses() -> None:
    # narrow no-break space, no-break space, a time, a web address
    assert check("1. *Décide*\u202f: x\u00a0; « y » ;", "2. *Décide* à 10:30, voir https://x.org/a?b=c;d ;", "3. *Décide* fin.") == []
    # English drafts are not judged
    assert check("1. *Decides* x; y: z.", lang="en") == []


# --------------------------------------------------------------------------------------------
# symbols


@pytest.mark.parametrize(
    "symbol",
    [
        "ICC-ASP/19/Res.2", "ICC-ASP/19/Rés.2", "A/RES/80/6", "A/80/L.9", "A/C.3/78/L.60/Rev.1",
        "S/PRST/2013/2", "S/RES/2334 (2016)", "RC/Dec.2", "RC/11", "ICC-ASP/20/26", "ICC-ASP/7/20/Add.1",
        "ICC-ASP/20/INF.3", "A/ES-10/L.22", "A/77/714-S/2023/31", "E/CN.4/2005/L.10/Add.17",
        "ICC-ASP/20/Res.[...]", "et/ou", "2024/25", "16/12/2020", "ICC-01/04-01/06-2904",
        "https://asp.icc-cpi.int/iccdocs/asp_docs/ASP20/RM-Comprehensive Action Plan-FRA.pdf",
    ],
)  # fmt: skip
def test_well_formed_symbols_are_not_reported(symbol: str) -> None:
    assert list(find_malformed(f"voir {symbol}, et la suite")) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ICC-ASP-18/Res.3", "malformed symbol 'ICC-ASP-18/Res.3': '-' instead of '/' after ICC-ASP — write 'ICC-ASP/18/Res.3'"),
        ("ICC-ASP/19/ Res.7", "malformed symbol 'ICC-ASP/19/ Res.7': a space inside the symbol — write 'ICC-ASP/19/Res.7'"),
        ("ICC-ASP/20/2549/33", "malformed symbol 'ICC-ASP/20/2549/33': two document numbers in a row ('2549/33')"),
        ("ICC-ASP/20/26-19/33", "malformed symbol 'ICC-ASP/20/26-19/33': '26-19' is not a document number"),
        ("ICC-ASP/19/Res2", "malformed symbol 'ICC-ASP/19/Res2': 'Res2' has no dot — write 'ICC-ASP/19/Res.2'"),
        ("ICC-ASP/Res.2", "malformed symbol 'ICC-ASP/Res.2': the session number is missing after 'ICC-ASP/'"),
        ("A/RES//80/6", "malformed symbol 'A/RES//80/6': a doubled '/' — write 'A/RES/80/6'"),
        ("A /80/342", "malformed symbol 'A /80/342': a space inside the symbol — write 'A/80/342'"),
    ],
)
def test_malformed_symbols(text: str, message: str) -> None:
    assert list(find_malformed(f"voir {text}, et la suite")) == [(5, text.split(",")[0], message)]


def test_symbol_in_front_matter_is_located_on_its_line() -> None:
    assert check("1. *Décide* x.", front="symbol: ICC-ASP-22/Res.9\nlanguage: fr") == [
        (2, 9, "symbol-malformed", "malformed symbol 'ICC-ASP-22/Res.9': '-' instead of '/' after ICC-ASP — write 'ICC-ASP/22/Res.9'")
    ]


# --------------------------------------------------------------------------------------------
# sessions


def test_ordinals() -> None:
    assert [ordinal_value(w) for w in (["vingtième"], ["vingt", "et", "unième"], ["vingt", "deuxième"],
                                        ["soixante", "dix", "septième"], ["quatre", "vingtième"],
                                        ["quatre", "vingt", "dix", "neuvième"], ["eighty", "first"],
                                        ["twentieth"], ["20e"], ["21st"], ["treize"], ["sa", "vingtième"])] == [
        20, 21, 22, 77, 80, 99, 81, 20, 20, 21, None, None,
    ]  # fmt: skip


def test_request_for_the_current_session_is_reported() -> None:
    front = "language: fr\nsession: 20"
    assert check("1. *Prie* la Cour de soumettre à l'Assemblée, à sa vingtième session, un rapport.", front=front) == [
        (6, 52, "session-ordinal", "'vingtième session' (20) in a request for a future session, but this draft is for session 20 (front matter): a later session is expected")
    ]
    assert check("1. *Prie* la Cour de faire rapport à sa 20^e session.", front=front) == [
        (6, 41, "session-ordinal", "'20e session' (20) in a request for a future session, but this draft is for session 20 (front matter): a later session is expected")
    ]


def test_session_near_misses() -> None:
    front = "language: fr\nsession: 20"
    # a later session; a past session (participle); "depuis"; no session in the front matter
    assert check("1. *Prie* la Cour de faire rapport à l'Assemblée à sa vingt-et-unième session ;",
                 "2. *Rappelle* le rapport soumis à l'Assemblée, à sa treizième session ;",
                 "3. *Prie* la Cour de présenter un bilan des activités depuis sa vingtième session ;",
                 "4. *Prie* la Cour de soumettre un rapport, présenté à sa vingtième session.", front=front) == []  # fmt: skip
    assert check("1. *Prie* la Cour de faire rapport à sa vingtième session.") == []


def test_english_session_ordinal_and_agenda() -> None:
    front = "language: en\nsession: 80"
    assert check("1. *Decides* to consider the question at its eightieth session;",
                 "2. *Decides* to include in the provisional agenda of its eighty-first session the item.", front=front) == [
        (6, 46, "session-ordinal", "'eightieth session' (80) in a request for a future session, but this draft is for session 80 (front matter): a later session is expected")
    ]  # fmt: skip


# --------------------------------------------------------------------------------------------
# change marks


def test_struck_text_is_reported_at_its_markup() -> None:
    assert check("1. *Décide* de ~~tenir~~ organiser un séminaire ;", "2. ~~*Salue*~~ *Rappelle* la création.") == [
        (1, 16, "redline-leftover", "struck text '~~tenir~~' in a clean draft — accept or reject the change"),
        (3, 4, "redline-leftover", "struck text '~~Salue~~' in a clean draft — accept or reject the change"),
    ]


def test_critic_markup_and_tags_are_reported_once_per_span() -> None:
    assert check("1. *Welcomes* the work {++of the Registry++};", "2. *Decides* to <del>promptly</del> act {>>check<<}.", lang="en") == [
        (1, 24, "redline-leftover", "change mark '{++of the Registry++}' in a clean draft"),
        (3, 17, "redline-leftover", "change mark '<del>promptly</del>' in a clean draft"),
        (3, 41, "redline-leftover", "change mark '{>>check<<}' in a clean draft"),
    ]


def test_bold_alone_is_not_a_change_mark() -> None:
    assert check("1. En ce qui concerne la **coopération**,", "a) *prie* le Bureau de x.") == []


# --------------------------------------------------------------------------------------------
# cross-references


def test_reference_to_a_missing_paragraph_and_subparagraph() -> None:
    assert check("1. *Prie* le Bureau :", "a) de x ;", "b) de y ;", "2. *Rappelle* le paragraphe 5 ci-dessus ;",
                 "3. *Rappelle* l'alinéa c) du paragraphe 1 ci-dessus.") == [
        (7, 18, "xref-dangling", "OP2: 'paragraphe 5 ci-dessus' points at OP5, which this text does not have"),
        (9, 17, "xref-dangling", "OP3: 'alinéa c) du paragraphe 1 ci-dessus' points at OP1(c), which this text does not have"),
    ]  # fmt: skip


def test_references_to_other_texts_are_not_dangling() -> None:
    assert check("1. *Rappelle* le paragraphe 376 de la résolution ICC-ASP/19/Res.2 ;",
                 "2. *Rappelle* le paragraphe 3 de l'article 87 du Statut de Rome.") == []  # fmt: skip


def test_reference_direction() -> None:
    assert check("1. *Decides* x;", "2. *Requests* the Secretary-General to implement paragraph 3 below;",
                 "3. *Recalls* paragraph 1 below;", "4. *Recalls* paragraph 3 above.", lang="en") == [
        (5, 14, "xref-direction", "OP3: 'paragraph 1 below' says 'below', but OP1 comes before it")
    ]  # fmt: skip
    assert check("1. *Décide* x ;", "2. *Invite* les États à appliquer le paragraphe 3 ci-dessus ;", "3. *Décide* z.") == [
        (3, 38, "xref-direction", "OP2: 'paragraphe 3 ci-dessus' says 'ci-dessus', but OP3 comes after it")
    ]


# --------------------------------------------------------------------------------------------
# columns in the source


def test_columns_account_for_markup_escapes_and_soft_wrapped_lines() -> None:
    text = (
        "1. *Décide* \\*vraiment\\* de voir\n"  # escaped stars are text
        "ICC-ASP-18/Res.3 et la suite.\n"  # a soft-wrapped second line of the same paragraph
    )
    assert [(f.line, f.column, f.rule) for f in check_text(text, "d.md", language="fr")] == [(2, 1, "symbol-malformed")]


def test_columns_in_footnote_definitions() -> None:
    assert check("1. *Décide* x[^1].", "[^1]:   Voir ICC-ASP/19/ Res.7.") == [
        (3, 14, "symbol-malformed", "malformed symbol 'ICC-ASP/19/ Res.7': a space inside the symbol — write 'ICC-ASP/19/Res.7'")
    ]


# --------------------------------------------------------------------------------------------
# whole drafts


def test_unseen_well_formed_drafts_have_no_finding() -> None:
    """A GA-style English resolution (12 PP, 25 OP) and an ICC-ASP French one: nothing to report."""
    for name in ("ga-en.md", "asp-fr.md"):
        assert check_file(str(FIXTURES / name)) == [], name


def test_the_defect_fixtures_report_every_planted_defect() -> None:
    found = {
        name: [(f.line, f.column, f.rule) for f in check_file(str(FIXTURES / name))]
        for name in ("defects-fr.md", "defects-en.md")
    }
    assert found["defects-fr.md"] == [
        (2, 9, "symbol-malformed"),
        (12, 32, "punctuation-preambular"),
        (14, 1, "lead-not-italic"),
        (16, 32, "footnote-missing-text"),
        (16, 32, "footnote-order"),
        (18, 57, "session-ordinal"),
        (18, 79, "fr-spacing"),
        (20, 1, "numbering-gap"),
        (20, 18, "xref-dangling"),
        (22, 1, "numbering-duplicate"),
        (22, 38, "xref-direction"),
        (28, 1, "subparagraph-sequence"),
        (28, 7, "redline-leftover"),
        (30, 47, "punctuation-operative"),
        (34, 7, "symbol-malformed"),
        (36, 1, "footnote-unused"),
    ]
    assert found["defects-en.md"] == [
        (10, 28, "symbol-malformed"),
        (10, 41, "footnote-order"),
        (14, 35, "redline-leftover"),
        (16, 46, "session-ordinal"),
        (20, 14, "xref-direction"),
        (22, 25, "punctuation-operative"),
        (28, 1, "subparagraph-sequence"),
        (28, 8, "redline-leftover"),
        (30, 4, "lead-missing"),
    ]


def test_the_bundled_resolution_reports_its_known_defects() -> None:
    """drafts/README.md lists them: ICC-ASP-18/Res.3 (PP1), and three garbled symbols in footnotes."""
    found = [(f.line, f.column, f.rule, f.severity, f.message) for f in check_file(str(ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"))]
    assert found == [
        (12, 471, "symbol-malformed", "error", "malformed symbol 'ICC-ASP-18/Res.3': '-' instead of '/' after ICC-ASP — write 'ICC-ASP/18/Res.3'"),
        (138, 7, "symbol-malformed", "error", "malformed symbol 'ICC-ASP/20/26-19/33': '26-19' is not a document number"),
        (140, 7, "symbol-malformed", "error", "malformed symbol 'ICC-ASP/19/ Res.7': a space inside the symbol — write 'ICC-ASP/19/Res.7'"),
        (144, 7, "symbol-malformed", "error", "malformed symbol 'ICC-ASP/20/2549/33': two document numbers in a row ('2549/33')"),
    ]
    line = (ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md").read_text(encoding="utf-8").split("\n")[11]
    assert line[470:].startswith("ICC-ASP-18/Res.3")


def test_the_general_resolution_extract_reports_session_without_space() -> None:
    found = [(f.line, f.column, f.rule) for f in check_file(str(ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md"))]
    assert (39, 200, "fr-spacing") in found
    line = (ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md").read_text(encoding="utf-8").split("\n")[38]
    assert line[192:200] == "session;"


def test_the_accepted_annex_reports_the_subparagraph_ending_with_a_comma() -> None:
    found = [(f.line, f.rule, f.message) for f in check_file(str(ROOT / "tests" / "golden" / "annex2.accepted.md"))]
    assert (52, "punctuation-operative", "B.OP1(h) ends with ',' — ';' expected") in found


def test_every_rule_has_an_id_a_severity_and_a_hint() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) == 16
    assert all(r.severity in ("error", "warning") and r.hint and not r.hint.endswith(".") for r in RULES)
