"""The repairs text read from a PDF needs (readers/repair.py), the masthead reading and the lead
lexicon: each with a true positive and a near miss, in English and French.

The examples are the shapes found in the 55 General Assembly resolutions of session 80 as
extracted from their PDFs (the development corpus; its texts are not in this repository), and
in ICC-ASP texts, written out here.
"""

from __future__ import annotations

import pytest

from resodraft.errors import ParseError
from resodraft.model import NoteRef, Operative, Preambular, Resolution, Text, lead, plain, plain_text
from resodraft.readers.classify import Unit
from resodraft.readers.leads import lead_length
from resodraft.readers.markdown import read_markdown
from resodraft.readers.masthead import iso_date, ordinal_value, read_masthead
from resodraft.readers.repair import (
    Line,
    NoteText,
    Para,
    Run,
    drop_running_lines,
    footnote_calls,
    footnote_definitions,
    is_running_text,
    italicise_leads,
    join_hyphenated,
    join_page_breaks,
    restore_sub_markers,
    undo_spaced_hyphens,
    vocabulary,
)
from resodraft.readers.report import ImportReport
from resodraft.model import Meta

I = frozenset({"i"})


def kinds(report: ImportReport) -> list[str]:
    return [i.kind for i in report.items]


# --------------------------------------------------------------------------------------------
# running headers and footers


@pytest.mark.parametrize(
    "text, why",
    [
        ("25-18744", "job number"),
        ("25-18744 (E)", "job number"),
        ("2/6", "page number"),
        ("- 3 -", "page number"),
        ("Page 2 of 6", "page number"),
        ("Page 2 sur 6", "page number"),
        ("25-18744 3/6", "job number and page number"),
        ("A/RES/80/6 Report of the International Criminal Court", "running header (symbol and title)"),
        ("Report of the International Criminal Court A/RES/80/6", "running header (symbol and title)"),
        ("Report of the International Criminal Court", "running header (title)"),
    ],
)
def test_running_text_is_recognised(text: str, why: str) -> None:
    assert is_running_text(text, symbol="A/RES/80/6", title="Report of the International Criminal Court") == why


@pytest.mark.parametrize(
    "text",
    [
        "2 December 2019 and 79/20 of 2 December 2024,",  # a line of text that starts with numbers
        "80/6. Report of the International Criminal Court",  # the masthead title line
        "Recalling its resolution 79/6 of 29 October 2024,",
        "A/80/342.",  # a footnote text
        "Report of the Secretary-General on the work of the Organization",  # another title
    ],
)
def test_running_text_near_misses(text: str) -> None:
    assert is_running_text(text, symbol="A/RES/80/6", title="Report of the International Criminal Court") is None


def _page(n: int, texts: list[str]) -> list[Line]:
    return [Line([Run(t)], n, k, new_para=True) for k, t in enumerate(texts, start=1)]


def test_lines_repeated_at_the_same_place_on_several_pages_are_dropped_and_reported() -> None:
    pages = [
        _page(1, ["A/RES/80/6", "Distr.: General", "The General Assembly,", "Recalling x,", "Welcoming y,", "25-18744 (E) 131125"]),
        _page(2, ["Report of the ICC", "Noting z,", "1. Decides a;", "25-18744 2/3"]),
        _page(3, ["Report of the ICC", "2. Requests b.", "25-18744 3/3"]),
    ]
    report = ImportReport("x.txt")
    kept = drop_running_lines(pages, report, symbol="A/RES/80/6")
    texts = [[line.text for line in page] for page in kept]
    assert texts == [
        ["A/RES/80/6", "Distr.: General", "The General Assembly,", "Recalling x,", "Welcoming y,"],
        ["Noting z,", "1. Decides a;"],
        ["2. Requests b."],
    ]
    assert kinds(report) == ["running-line"] * 5
    assert report.items[1].where == "line 1" and "Report of the ICC" in report.items[1].message


def test_a_body_line_at_the_page_edge_that_is_not_repeated_is_kept() -> None:
    pages = [_page(1, ["Recalling x,", "Noting y,"]), _page(2, ["Welcoming z,", "1. Decides a."])]
    kept = drop_running_lines(pages, None)
    assert [[line.text for line in page] for page in kept] == [["Recalling x,", "Noting y,"], ["Welcoming z,", "1. Decides a."]]


# --------------------------------------------------------------------------------------------
# hyphenation

VOCAB = vocabulary(
    [
        "information on the follow-up and capacity and building, post-conflict societies, capacity, building, "
        "non-governmental organizations and the vingt-et-unième session"
    ]
)


@pytest.mark.parametrize(
    "left, right, joined",
    [
        ("informa-", "tion", "information"),  # the document writes "information"
        ("sustaina-", "bility", "sustainability"),  # no half is a word of the document
        ("transpa-", "rency", "transparency"),
    ],
)
def test_line_end_hyphenation_is_undone(left: str, right: str, joined: str) -> None:
    assert join_hyphenated(left, right, VOCAB)[0] == joined


@pytest.mark.parametrize(
    "left, right, joined",
    [
        ("post-", "conflict", "post-conflict"),  # a prefix written with its hyphen
        ("non-", "State", "non-State"),  # a capital after the hyphen
        ("follow-", "up", "follow-up"),  # the document writes "follow-up"
        ("capacity-", "building", "capacity-building"),  # two words of the document
        ("vingt-", "et-unième", "vingt-et-unième"),  # a French compound ordinal
        ("Prie-", "t-elle", "Prie-t-elle"),
        ("twenty-", "first", "twenty-first"),
        ("Kunming-", "Montreal", "Kunming-Montreal"),
    ],
)
def test_compounds_keep_their_hyphen_at_a_line_end(left: str, right: str, joined: str) -> None:
    assert join_hyphenated(left, right, VOCAB)[0] == joined


def test_a_suspended_hyphen_keeps_its_space() -> None:
    assert join_hyphenated("pre-", "and", VOCAB) == ("pre- and", "suspended hyphen")
    assert undo_spaced_hyphens("in pre- and post-conflict societies", VOCAB, None, "line 1") == "in pre- and post-conflict societies"


def test_a_hyphen_turned_into_a_space_by_the_extraction_is_repaired_and_reported() -> None:
    report = ImportReport("x.txt")
    out = undo_spaced_hyphens("in conflict and post- conflict societies, informa- tion and capacity- building", VOCAB, report, "line 7")
    assert out == "in conflict and post-conflict societies, information and capacity-building"
    assert kinds(report) == ["hyphenation"] * 3
    assert report.items[0].where == "line 7"


# --------------------------------------------------------------------------------------------
# footnote calls printed as digits


def _calls(text: str, ids: list[str]) -> str:
    unit = Unit("para", [Text(text)], 1, probe=text)
    footnote_calls([unit], ids, None, {})
    return plain(unit.inlines)


@pytest.mark.parametrize(
    "text, ids, expected",
    [
        ("the International Criminal Court,2 and", ["1", "2"], "the International Criminal Court,[^2] and"),
        ("the Rome Statute of the International Criminal Court 1 reaffirms the purposes", ["1"],
         "the Rome Statute of the International Criminal Court[^1] reaffirms the purposes"),
        ("the report of the Court for 2024/25; 4", ["4"], "the report of the Court for 2024/25;[^4]"),
        ("the Relationship Agreement;8", ["8"], "the Relationship Agreement;[^8]"),
        ("on 16 September 20055 and the adoption", ["5"], "on 16 September 2005[^5] and the adoption"),
        ("the reports of the Secretary-General of 1990 3 and 1995, 4 and the report", ["3", "4"],
         "the reports of the Secretary-General of 1990[^3] and 1995,[^4] and the report"),
        ("submitted pursuant to resolution 79/43,4 on the views", ["4"], "submitted pursuant to resolution 79/43,[^4] on the views"),
        ("the Treaty on the Non-Proliferation of Nuclear Weapons 6and the advisory opinion", ["6"],
         "the Treaty on the Non-Proliferation of Nuclear Weapons[^6] and the advisory opinion"),
        ("la Déclaration de Kampala,3 et les recommandations", ["3"], "la Déclaration de Kampala,[^3] et les recommandations"),
    ],
)
def test_digits_placed_as_calls_become_calls(text: str, ids: list[str], expected: str) -> None:
    assert _calls(text, ids) == expected


@pytest.mark.parametrize(
    "text",
    [
        "its resolution 58/318 of 13 September 2004, including paragraph 3 of the resolution",
        "by virtue of article 12, paragraph 3, of the Rome Statute",
        "a report on its activities for 2024/25",
        "held in Kampala from 31 May to 11 June 2010",
        "consisting of 21 members",
        "the amendments to articles 124 and 8 of the Rome Statute",
        "more than 1,000 victims",
        "without reference to a Main Committee (A/80/L.9)",
        "la résolution ICC-ASP/19/Res.2 et le paragraphe 3 du dispositif",
    ],
)
def test_numbers_of_the_text_are_never_calls(text: str) -> None:
    assert _calls(text, [str(n) for n in range(1, 25)]) == text


def test_calls_follow_the_footnote_numbering_and_are_reported() -> None:
    report = ImportReport("x.txt")
    units = [
        Unit("para", [Text("The General Assembly,")], 1),
        Unit("para", [Text("Recalling paragraph 2 of its resolution 79/6,1")], 3),  # "2" is no call: 1 comes first
        Unit("para", [Text("Welcoming the report,2")], 5),
    ]
    footnote_calls(units, ["1", "2"], report, {})
    assert [plain(u.inlines) for u in units[1:]] == ["Recalling paragraph 2 of its resolution 79/6,[^1]", "Welcoming the report,[^2]"]
    assert kinds(report) == ["footnote-call", "footnote-call"] and report.items[1].where == "line 5"


def test_the_masthead_is_never_read_for_calls() -> None:
    units = [Unit("para", [Text("Resolution adopted by the General Assembly on 1 December 2025")], 1),
             Unit("para", [Text("The General Assembly,")], 3), Unit("para", [Text("Recalling x,1")], 5)]
    footnote_calls(units, ["1"], None, {})
    assert plain(units[0].inlines) == "Resolution adopted by the General Assembly on 1 December 2025"
    assert units[2].inlines[-1] == NoteRef("1")


# --------------------------------------------------------------------------------------------
# footnote texts


def test_a_footnote_line_that_starts_with_a_number_is_joined_back() -> None:
    notes = [
        NoteText("1", [Run("Resolution S-10/2.")], "line 1", 1),
        NoteText("2", [Run("The Committee on Disarmament was redesignated as from")], "line 3", 3),
        NoteText("7", [Run("February 1984.")], "line 4", 4),
        NoteText("3", [Run("A/S-12/2.")], "line 6", 6),
    ]
    report = ImportReport("x.txt")
    notes_out = footnote_definitions(notes, report)
    assert [(n.id, plain(n.content)) for n in notes_out] == [
        ("1", "Resolution S-10/2."),
        ("2", "The Committee on Disarmament was redesignated as from 7 February 1984."),
        ("3", "A/S-12/2."),
    ]
    assert kinds(report) == ["footnote-text-joined"]


def test_footnotes_in_sequence_are_kept_apart() -> None:
    notes = [NoteText("1", [Run("A/80/342")], "line 1", 1), NoteText("2", [Run("A/80/344.")], "line 2", 2)]
    assert [n.id for n in footnote_definitions(notes, None)] == ["1", "2"]


# --------------------------------------------------------------------------------------------
# paragraphs split by a page break


def _paras(*texts: str, page_first: int | None = None) -> list[Para]:
    return [Para([Run(t)], 1 if page_first is None or k < page_first else 2, k, f"line {k}", page_first=k == page_first)
            for k, t in enumerate(texts)]


def test_a_split_paragraph_is_joined_whether_the_rest_starts_in_lower_case_or_with_a_capital() -> None:
    report = ImportReport("x.txt")
    paras = _paras(
        "The General Assembly,",
        "Recalling that effective cooperation by States, the United Nations and other international and",
        "regional organizations remain essential,",
        "Recalling further its resolution 74/50, to consider the concept of a Group of Scientific and",
        "Technical Experts on Nuclear Disarmament Verification, as well as the reports of the groups,6",
        "1. Decides to establish the Group, consisting of 21 members,",
        "participating in their personal capacity;",
    )
    out = join_page_breaks(paras, report)
    assert [p.text for p in out][1:] == [
        "Recalling that effective cooperation by States, the United Nations and other international and regional organizations remain essential,",
        "Recalling further its resolution 74/50, to consider the concept of a Group of Scientific and Technical Experts on Nuclear Disarmament Verification, as well as the reports of the groups,6",
        "1. Decides to establish the Group, consisting of 21 members, participating in their personal capacity;",
    ]
    assert kinds(report) == ["joined-page-break"] * 3


def test_a_heading_or_a_new_paragraph_after_an_unfinished_one_is_not_joined() -> None:
    paras = _paras(
        "The General Assembly,",
        "1. Decides to remain seized of the matter",  # its final punctuation is missing
        "Cooperation with the Court",  # a heading
        "2. Requests the Secretary-General to report;",
        "3. Encourages States to cooperate with the Court",
        "Recalling its resolution 79/6,",  # a lead word: a new paragraph
    )
    assert [p.text for p in join_page_breaks(paras, None)] == [p.text for p in paras]


# --------------------------------------------------------------------------------------------
# sub-paragraph letters lost in the extraction


def test_lost_letters_are_filled_in_from_the_letters_the_text_prints() -> None:
    report = ImportReport("x.txt")
    paras = _paras(
        "7. Requests the Secretary-General, within available resources:",
        "To continue the practice of sending an annual note verbale;",
        "To circulate annually a note verbale;",
        "(c) To continue consultations with relevant international bodies;",
        "8. Encourages Member States:",
        "To inform the Secretary-General about possible problems;",
        "To continue to provide the Secretary-General with their views;",
        "9. Decides to remain seized of the matter.",
    )
    restore_sub_markers(paras, report)
    assert [p.text[:4] for p in paras] == ["7. R", "(a) ", "(b) ", "(c) ", "8. E", "(a) ", "(b) ", "9. D"]
    assert kinds(report) == ["sub-marker"] * 4


def test_second_level_letters_and_french_style() -> None:
    paras = _paras("1. Prie le Bureau :", "de faire rapport sur :", "la coopération ;", "ii) les mandats ;", "e) de poursuivre ;")
    restore_sub_markers(paras, None, style=")")
    assert [p.text[:4] for p in paras] == ["1. P", "a) d", "i) l", "ii) ", "e) d"]


def test_paragraphs_after_an_operative_paragraph_that_does_not_announce_a_list_are_left_alone() -> None:
    paras = _paras("1. Decides to act;", "To continue the practice;", "2. Requests a report.")
    restore_sub_markers(paras, None)
    assert [p.text for p in paras] == ["1. Decides to act;", "To continue the practice;", "2. Requests a report."]


# --------------------------------------------------------------------------------------------
# lead words


@pytest.mark.parametrize(
    "text, kind, lead_words",
    [
        ("Recalling also that the Rome Statute", "preambular", "Recalling also"),
        ("Expressing its appreciation to the Secretary-General", "preambular", "Expressing its appreciation"),
        ("Deeply concerned that arrest warrants", "preambular", "Deeply concerned"),
        ("Bearing in mind that", "preambular", "Bearing in mind"),
        ("Also welcomes the States", "operative", "Also welcomes"),
        ("Takes note with appreciation of the report", "operative", "Takes note with appreciation"),
        ("Calls upon all States", "operative", "Calls upon"),
        ("Continues to welcome the statement", "operative", "Continues to welcome"),
        ("Rappelant en outre que", "preambular", "Rappelant en outre"),
        ("Ayant à l'esprit que", "preambular", "Ayant à l'esprit"),
        ("Prie en outre le Bureau", "operative", "Prie en outre"),
        ("Invite instamment les États", "operative", "Invite instamment"),
        ("Prend note avec satisfaction du rapport", "operative", "Prend note avec satisfaction"),
        ("Se félicite de la conclusion", "operative", "Se félicite"),
    ],
)
def test_lexicon_leads(text: str, kind: str, lead_words: str) -> None:
    assert text[: lead_length(text, kind)] == lead_words


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Decided to act", "operative"),  # not "Decides"
        ("Noting the report", "operative"),  # a preambular lead where an operative one belongs
        ("Notesworthy", "operative"),
        ("the report of the Court", "preambular"),
        ("Priorité à la coopération", "operative"),  # "Prie" is not a prefix of a word
    ],
)
def test_lexicon_near_misses(text: str, kind: str) -> None:
    assert lead_length(text, kind) == 0


def test_leads_are_italicised_unknown_ones_kept_and_reported() -> None:
    res = Resolution(
        blocks=(
            Preambular((Text("Recalling also its resolution 79/6,"),), line=3),
            Preambular((Text("Recalling", I), Text(" its resolution 78/6,")), line=5),
            Preambular((Text("Mindfully watching the Court,"),), line=7),
            Operative("1", (Text("Also welcomes the report;"),), line=9),
            Operative("2", (Text("Prie en outre le Bureau de faire rapport."),), line=11),
        )
    )
    report = ImportReport("x.txt")
    out = italicise_leads(res, report)
    assert [lead(b.content) for b in out.blocks] == ["Recalling also", "Recalling", "", "Also welcomes", "Prie en outre"]
    assert [plain_text(b.content) for b in out.blocks] == [plain_text(b.content) for b in res.blocks]
    assert kinds(report) == ["lead-italic", "lead-unknown", "lead-italic", "lead-italic"]
    assert report.items[1].where == "line 7" and "Mindfully" in report.items[1].message


# --------------------------------------------------------------------------------------------
# masthead and closing line


def test_masthead_lines_run_together_by_the_extraction_go_into_the_front_matter() -> None:
    meta, said = read_masthead(
        Meta(),
        [
            "United Nations",
            "General Assembly Distr.: General 12 November 2025",
            "Eightieth session Agenda item 74",
            "Resolution adopted by the General Assembly on 11 November 2025",
            "[without reference to a Main Committee (A/80/L.9)]",
            "80/6. Report of the International Criminal Court",
        ],
        "35th plenary meeting 11 November 2025",
    )
    assert meta.as_dict() == {
        "title": "Report of the International Criminal Court",
        "session": "80",
        "date": "2025-11-11",
        "adopted": "Resolution adopted by the General Assembly on 11 November 2025",
        "distribution": "General",
        "issued": "2025-11-12",
        "agenda_item": "74",
        "committee": "without reference to a Main Committee (A/80/L.9)",
        "meeting": "35th plenary meeting 11 November 2025",
    }
    assert "dropped the heading 'United Nations'" in said


def test_french_masthead_and_closing_line_without_an_adoption_line() -> None:
    meta, _ = read_masthead(
        Meta(language="fr"),
        ["Nations Unies", "Assemblée générale", "Quatre-vingtième session", "Point 74 de l'ordre du jour", "80/6. Rapport de la Cour pénale internationale"],
        "35e séance plénière, 11 novembre 2025",
    )
    assert meta.as_dict() == {
        "title": "Rapport de la Cour pénale internationale",
        "language": "fr",
        "session": "80",
        "date": "2025-11-11",
        "adopted": "35e séance plénière, 11 novembre 2025",
        "agenda_item": "74",
    }


def test_front_matter_wins_over_the_masthead() -> None:
    meta, _ = read_masthead(Meta(symbol="A/RES/80/6", session="81"), ["A/RES/80/7", "Eightieth session"])
    assert (meta.symbol, meta.session) == ("A/RES/80/6", "81")


@pytest.mark.parametrize(
    "words, value",
    [("Eightieth", 80), ("eighty-first", 81), ("Twentieth", 20), ("one hundred and first", 101),
     ("vingtième", 20), ("Vingt et unième", 21), ("Quatre-vingtième", 80), ("quatre-vingt-onzième", 91),
     ("soixante-dixième", 70), ("Dix-neuvième", 19), ("80th", 80), ("20e", 20)],
)
def test_session_ordinals(words: str, value: int) -> None:
    assert ordinal_value(words) == value


@pytest.mark.parametrize("words", ["eighty", "Report", "quatre-vingt", ""])
def test_session_ordinal_near_misses(words: str) -> None:
    assert ordinal_value(words) is None


def test_dates() -> None:
    assert iso_date("le 1er décembre 2020, par consensus") == "2020-12-01"
    assert iso_date("on 11 November 2025") == "2025-11-11"
    assert iso_date("on 31 November 2025") is None


# --------------------------------------------------------------------------------------------
# reader defects of issue 10 §5, in hand-written drafts


def test_the_enacting_formula_in_italics_is_the_formula() -> None:
    res = read_markdown("*The General Assembly,*\n\n*Recalling* x,\n\n*Noting* y,\n\n1. *Decides* z.\n", "d.md")
    assert plain_text(res.formula or ()) == "The General Assembly,"
    assert [b.kind for b in res.blocks] == ["preambular", "preambular", "operative"]


def test_a_paragraph_that_opens_in_italics_and_names_the_assembly_is_preambular() -> None:
    res = read_markdown("The General Assembly,\n\n*Recalling* the report of the Assembly,\n\n1. *Decides* z.\n", "d.md")
    assert [b.kind for b in res.blocks] == ["preambular", "operative"]


@pytest.mark.parametrize("tag", ["EN", "en-GB", "En", "en_US"])
def test_language_tags_are_case_insensitive(tag: str) -> None:
    assert read_markdown(f"---\nlanguage: {tag}\n---\n\n1. *Decides* z.\n", "d.md").meta.language == "en"
    assert read_markdown("---\nlanguage: fr-FR\n---\n\n1. *Décide* z.\n", "d.md").meta.language == "fr"


@pytest.mark.parametrize(
    "text, line",
    [
        # the operative part: never "number it"
        ("The General Assembly,\n\n1. *Recalls* the guidance issued on contacts with persons subject to warrants issued by the\n\n"
         "International Criminal Court, and takes note of the report;\n\n2. *Decides* z.\n", 5),
        # the preamble (A/RES/80/53): never a heading
        ("The General Assembly,\n\n*Recalling further* the concept of a Group of Scientific and\n\n"
         "Technical Experts on Nuclear Disarmament Verification, as well as the reports,[^6]\n\n1. *Decides* z.\n\n[^6]: A/74/90.\n", 5),
    ],
)
def test_a_page_break_split_starting_with_a_capital_says_join_this_line(text: str, line: int) -> None:
    with pytest.raises(ParseError) as info:
        read_markdown(text, "d.md")
    assert info.value.line == line
    assert info.value.hint == "join this line to the previous paragraph"


def test_a_missing_comma_before_the_next_preambular_paragraph_is_not_a_split() -> None:
    res = read_markdown("The General Assembly,\n\n*Recalling* the report\n\n*Noting* y,\n\n1. *Decides* z.\n", "d.md")
    # as before: read as a heading, which `check` reports (punctuation-preambular)
    assert [b.kind for b in res.blocks] == ["heading", "preambular", "operative"]


def test_a_rule_and_the_closing_line_are_not_headings() -> None:
    res = read_markdown(
        "---\nadopted: Resolution adopted by the General Assembly on 11 November 2025\n---\n\n"
        "The General Assembly,\n\n1. *Decides* z.\n\n35th plenary meeting 11 November 2025\n\n---\n\n[^1]: A.\n",
        "d.md",
    )
    assert [b.kind for b in res.blocks] == ["operative"]
    assert dict(res.meta.extra)["meeting"] == "35th plenary meeting 11 November 2025"


def test_the_closing_line_goes_into_adopted_when_nothing_else_fills_it_and_round_trips() -> None:
    from resodraft.writers.markdown import write_markdown

    res = read_markdown("L'Assemblée générale,\n\n1. *Décide* z.\n\n4e séance plénière, 16 décembre 2020\n", "d.md")
    assert res.meta.adopted == "4e séance plénière, 16 décembre 2020" and res.meta.date == "2020-12-16"
    text = write_markdown(res)
    assert write_markdown(read_markdown(text, "d.md")) == text


def test_text_after_the_closing_line_is_an_annex_and_is_refused() -> None:
    with pytest.raises(ParseError) as info:
        read_markdown("The General Assembly\n\n*Adopts* the declaration annexed.\n\n48th plenary meeting\n\nAnnex\n\n1. We, the States.\n", "d.md")
    assert info.value.line == 7 and "annex" in info.value.message
