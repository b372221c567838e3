"""The Markdown reader: what a drafter's file reads as, and what it refuses (with file and line).

Fixtures (tests/fixtures/): ``ga-en.md`` (a UN General Assembly resolution in canonical form),
``ga-en-wrapped.md`` (the same text hard-wrapped, without front matter, with a masthead and
no blank lines between some paragraphs), ``asp-fr.md`` (an ASP resolution in French with
narrow no-break spaces), ``seed-annex1.md``/``seed-annex2.md`` (the seed's annexes as written),
``single-op.md`` (one unnumbered operative paragraph).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resodraft.errors import InputError, ParseError, UsageError
from resodraft.model import (
    Heading,
    NoteRef,
    Operative,
    Part,
    Preambular,
    Text,
    iter_labelled,
    labels,
    lead,
    paragraph_count,
    plain,
    plain_text,
)
from resodraft.readers import read
from resodraft.readers.markdown import read_markdown

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DRAFTS = Path(__file__).resolve().parents[1] / "drafts"
I, B, S, SUP = frozenset({"i"}), frozenset({"b"}), frozenset({"s"}), frozenset({"sup"})
NNBSP = "\u202f"


def fixture(name: str):
    return read(str(FIXTURES / name))


def node(res, label: str):
    for item in iter_labelled(res):
        if item.label == label:
            return item.node
    raise KeyError(label)


def md(text: str, **kw):
    return read_markdown(text, "d.md", **kw)


# --------------------------------------------------------------------------------------------
# the English General Assembly resolution


def test_english_resolution_labels_kinds_and_counts() -> None:
    res = fixture("ga-en.md")
    assert paragraph_count(res) == {"preambular": 14, "operative": 24, "heading": 1, "subparagraph": 19}
    assert labels(res)[12:35] == [
        "PP13", "PP14", "OP1", "OP2", "OP3", "H1", "OP4", "OP5", "OP5(a)", "OP5(b)", "OP5(c)",
        "OP5(d)", "OP6", "OP6(a)", "OP6(a)(i)", "OP6(a)(ii)", "OP6(a)(iii)", "OP6(b)", "OP6(c)",
        "OP7", "OP8", "OP9", "OP9(a)",
    ]
    assert labels(res)[labels(res).index("OP9(h)") :][:3] == ["OP9(h)", "OP9(i)", "OP10"]
    assert labels(res)[-1] == "OP24"
    assert [item.number for item in iter_labelled(res) if item.kind == "operative"] == [str(n) for n in range(1, 25)]


def test_english_resolution_meta_and_formula() -> None:
    res = fixture("ga-en.md")
    assert res.meta.as_dict() == {
        "symbol": "A/RES/80/99",
        "title": "Cooperation between the United Nations and the International Criminal Court",
        "language": "en",
        "session": "80",
        "date": "2025-12-04",
        "adopted": "Resolution adopted by the General Assembly on 4 December 2025",
    }
    assert res.formula == (Text("The General Assembly,"),)


def test_english_preambular_leads_are_multi_word() -> None:
    res = fixture("ga-en.md")
    assert [lead(b.content) for b in res.blocks if isinstance(b, Preambular)] == [
        "Recalling", "Recalling also", "Reaffirming", "Convinced", "Convinced also", "Mindful",
        "Expressing its appreciation", "Deeply concerned", "Welcoming", "Noting with appreciation",
        "Taking note", "Stressing", "Recognizing", "Having considered",
    ]
    assert [lead(node(res, f"OP{n}").content) for n in (2, 3, 4, 17, 23)] == [
        "Also welcomes", "Further welcomes", "Calls upon", "Takes note", "Also requests",
    ]


def test_footnote_calls_after_punctuation_and_definitions() -> None:
    res = fixture("ga-en.md")
    assert node(res, "PP1").content[:3] == (
        Text("Recalling", I),
        Text(" the Rome Statute of the International Criminal Court,"),
        NoteRef("1"),
    )
    assert plain(node(res, "OP13").content).endswith("issued by the Court;[^5]")
    assert [(n.id, plain(n.content), n.line) for n in res.footnotes] == [
        ("1", "United Nations, Treaty Series, vol. 2187, No. 38544.", 128),
        ("2", "Ibid., vol. 2283, No. 1272.", 130),
        ("3", "See A/80/305.", 132),
        ("4", "A/80/340.", 134),
        ("5", "A/67/828-S/2013/210, annex.", 136),
    ]
    assert res.footnotes[0].content == (Text("United Nations, "), Text("Treaty Series", I), Text(", vol. 2187, No. 38544."))


def test_sub_paragraph_levels_english() -> None:
    res = fixture("ga-en.md")
    op6 = node(res, "OP6")
    assert [s.number for s in op6.subs] == ["a", "b", "c"]
    assert [s.number for s in op6.subs[0].subs] == ["i", "ii", "iii"]
    assert {s.style for s in op6.subs} == {"()"}
    # (i) after (h) is the ninth letter, not a second-level (i)
    op9 = node(res, "OP9")
    assert [s.number for s in op9.subs] == list("abcdefghi")
    assert all(not s.subs for s in op9.subs)
    assert plain(node(res, "OP9(i)").content) == "Outreach to affected communities;"
    assert plain(node(res, "OP6(a)(ii)").content) == "On request of the defence, subject to the conditions set out in article 20;"


def test_superscript_and_heading() -> None:
    res = fixture("ga-en.md")
    assert node(res, "OP19").content[-2:] == (Text("st", SUP), Text(" century;"))
    assert node(res, "H1") == Heading((Text("Cooperation with the Court"),), 2)
    assert node(res, "H1").line == 46
    assert node(res, "OP24").line == 126


# --------------------------------------------------------------------------------------------
# the same text, hard-wrapped, without front matter


def test_hard_wrapped_text_without_blank_lines_reads_the_same() -> None:
    canonical, wrapped = fixture("ga-en.md"), fixture("ga-en-wrapped.md")
    assert wrapped.blocks == canonical.blocks
    assert wrapped.footnotes == canonical.footnotes
    assert wrapped.formula == canonical.formula
    assert labels(wrapped) == labels(canonical)


def test_hard_wrap_before_a_marker_mid_sentence_is_not_a_new_paragraph() -> None:
    res = fixture("ga-en-wrapped.md")
    assert "in accordance with subparagraph (b) of paragraph 4 of resolution 79/12;" in plain(node(res, "OP7").content)
    assert [node(res, label).line for label in ("PP3", "PP4", "PP5", "OP5(a)", "OP5(b)", "OP9(c)", "OP10", "OP11")] == [
        19, 22, 25, 72, 73, 111, 118, 120,
    ]


def test_masthead_gives_symbol_adoption_date_committee_and_title_and_language_is_guessed() -> None:
    res = fixture("ga-en-wrapped.md")
    assert res.meta.as_dict() == {
        "symbol": "A/RES/80/99",
        "title": "Cooperation between the United Nations and the International Criminal Court",
        "language": "en",
        "date": "2025-12-04",
        "adopted": "Resolution adopted by the General Assembly on 4 December 2025",
        "committee": "without reference to a Main Committee (A/80/L.21)",
    }


# --------------------------------------------------------------------------------------------
# French


def test_french_resolution() -> None:
    res = fixture("asp-fr.md")
    assert paragraph_count(res) == {"preambular": 9, "operative": 8, "subparagraph": 3, "heading": 2}
    assert res.meta.symbol == "ICC-ASP/20/Res.3"
    assert res.meta.adopted == "Adoptée par consensus à la 6^e séance plénière, le 9 décembre 2021"
    assert res.formula == (Text("L’Assemblée des États Parties,"),)
    assert [lead(b.content) for b in res.blocks if isinstance(b, Preambular)][:2] == ["Rappelant", "Rappelant en outre"]
    assert node(res, "OP6").content[0] == Text("Prend note avec satisfaction", I)


def test_french_superscripts_guillemets_and_narrow_spaces_are_kept() -> None:
    res = fixture("asp-fr.md")
    assert node(res, "PP1").content[1:4] == (
        Text(" le Statut de Rome de la Cour pénale internationale, entré en vigueur le 1"),
        Text("er", SUP),
        Text(" juillet 2002, et en particulier ses articles 68, 75 et 79,"),
    )
    assert f"intitulée «{NNBSP}Reconnaître les victimes, réparer les préjudices{NNBSP}» pour" in plain(node(res, "PP8").content)
    assert plain(node(res, "OP7").content).endswith(
        f"sur la question{NNBSP}: «{NNBSP}Comment renforcer l’assistance aux victimes{NNBSP}?{NNBSP}»{NNBSP};"
    )
    assert plain(node(res, "OP4").content).endswith(f"le 1er janvier 2021[^3]{NNBSP};")


def test_french_sub_paragraphs() -> None:
    res = fixture("asp-fr.md")
    subs = node(res, "OP2").subs
    assert [(s.number, s.style) for s in subs] == [("a", ")"), ("b", ")"), ("c", ")")]
    assert plain(subs[0].content) == f"de simplifier les formulaires de demande{NNBSP};"
    assert plain_text(node(res, "OP2").content).endswith(f"et prie le Greffe{NNBSP}:")


def test_french_second_level_sub_paragraphs() -> None:
    res = md("1. *Prie* le Bureau :\n\na) de faire rapport :\n\ni) sur la coopération ;\n\nii) sur les arrestations ;\n\nb) de poursuivre ses travaux.\n")
    assert labels(res) == ["OP1", "OP1(a)", "OP1(a)(i)", "OP1(a)(ii)", "OP1(b)"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (i) after (h), followed by (ii): the second level of (h)
        ("1. *Decides*:\n\n(g) x;\n\n(h) y:\n\n(i) one;\n\n(ii) two;\n", ["OP1", "OP1(g)", "OP1(h)", "OP1(h)(i)", "OP1(h)(ii)"]),
        # (i) after (h), followed by (j): the letter i
        ("1. *Decides*:\n\n(g) x;\n\n(h) y;\n\n(i) z;\n\n(j) w.\n", ["OP1", "OP1(g)", "OP1(h)", "OP1(i)", "OP1(j)"]),
        # (v) after (u) and (iv): the fifth roman numeral when (vi) follows
        ("1. *Decides*:\n\n(u) x:\n\n(i) a;\n\n(ii) b;\n\n(iii) c;\n\n(iv) d;\n\n(v) e;\n\n(vi) f;\n",
         ["OP1", "OP1(u)", "OP1(u)(i)", "OP1(u)(ii)", "OP1(u)(iii)", "OP1(u)(iv)", "OP1(u)(v)", "OP1(u)(vi)"]),
    ],
)
def test_roman_or_letter_is_decided_as_a_drafter_would(text: str, expected: list[str]) -> None:
    assert labels(md(text)) == expected


# --------------------------------------------------------------------------------------------
# the seed's annexes, as written


def test_seed_annex1() -> None:
    res = fixture("seed-annex1.md")
    assert paragraph_count(res) == {"preambular": 12, "operative": 40, "heading": 10}
    assert res.meta.title == "Projet de résolution sur la coopération"
    assert res.meta.symbol is None and res.meta.language == "fr"
    assert res.formula == (Text("L'Assemblée des États Parties,"),)
    assert [(n.id, plain(n.content), n.line) for n in res.footnotes] == [
        ("5", "ICC-ASP/19/25.", 27),
        ("6", "Résolution ICC-ASP/18/Res.7, adoptée à la 9e réunion plénière, le 6 décembre 2019.", 51),
        ("7", "Résolution ICC-ASP/6/Res.2, annexe II.", 127),
        ("8", "ICC-ASP/20/26-19/33.", 129),
        ("9", "ICC-ASP/19/ Res.7.", 131),
        ("10", "https://asp.icc-cpi.int/iccdocs/asp_docs/ASP20/RM-Comprehensive Action Plan-FRA.pdf.", 133),
        ("11", "ICC-ASP/20/2549/33.", 147),
    ]
    # superscript calls become footnote calls
    assert node(res, "PP4").content == (
        Text("Saluant le rapport de la Cour sur la coopération"),
        NoteRef("5"),
        Text(", soumis conformément au paragraphe 376 de la résolution ICC-ASP/19/Res.23,"),
    )
    assert plain(node(res, "OP40").content).endswith("Rapport de la Cour sur la coopération[^11], qui contenait des données ventilées par État Partie et mettait en exergue les principaux défis, prie la Cour de soumettre à l'Assemblée, à sa vingt-et-unième session, un rapport actualisé sur la coopération.")


def test_seed_paragraphs_split_by_a_page_break_are_joined() -> None:
    res = fixture("seed-annex1.md")
    op27 = plain(node(res, "OP27").content)
    assert "lorsque le Conseil de sécurité des Nations Unies renvoie des situations à la Cour" in op27
    assert node(res, "OP27").line == 103
    op35 = plain(node(res, "OP35").content)
    assert "et d'approfondir des relations entre les Nations Unies et leurs organismes et entités" in op35
    assert op35.endswith("de manière à encourager la coopération avec la Cour ;")
    assert node(res, "OP36").line == 137


def test_seed_headings_italics_bold_and_strikes() -> None:
    res = fixture("seed-annex1.md")
    assert [plain(b.content) for b in res.blocks if isinstance(b, Heading)][:3] == [
        "Exécution des mandats d'arrêt",
        "Législation de mise en œuvre du Statut de Rome",
        "Consultations informelles et création de points focaux",
    ]
    assert node(res, "OP22").content == (Text("Se félicite de la conclusion d'un accord entre la Cour et la France sur l'exécution des peines ;", frozenset({"b", "i"})),)
    op2 = node(res, "OP2").content
    assert Text("un de deux", S) in op2 and Text("janvier 2021", B) in op2
    assert node(res, "OP38").content[1:6] == (
        Text(" qu'en raison de la pandémie de COVID-19, la Cour n'a pas été en mesure d'organiser son 7"),
        Text("e", SUP),
        Text(" 8"),
        Text("e", SUP),
        Text(" séminaire des points focaux sur la coopération au cours de la période considérée, son report étant prévu au cours de l'année 2022"),
    )
    assert lead(node(res, "PP11").content) == "Prenant note de la Résolution sur l'Examen de la Cour pénale internationale et du système du Statut de Rome"
    assert lead(node(res, "PP1").content) == ""  # the seed does not italicise its preambular leads


def test_seed_annex2_lettered_parts() -> None:
    res = fixture("seed-annex2.md")
    assert labels(res) == (
        ["A"] + [f"A.OP{n}" for n in range(1, 13)] + ["B", "B.OP1"] + [f"B.OP1({c})" for c in "abcdefghij"]
    )
    assert res.blocks[0] == Part("A", (Text("Coopération"),))
    assert node(res, "B") == Part("B", (Text("Mandats de l'Assemblée des États Parties pour la période intersession"),))
    assert res.formula is None
    assert res.meta.title == "Proposition de formulation pour la résolution générale"
    assert [n.id for n in res.footnotes] == ["12", "13", "14", "15"]
    assert plain(node(res, "A.OP5").content).startswith("Salue le Rapport de la Cour et la présentation exhaustive concernant la coopération[^12],")
    assert plain(node(res, "B.OP1").content) == "En ce qui concerne la coopération,"


def test_bundled_drafts() -> None:
    res2 = read(str(DRAFTS / "ICC-ASP-19-Res.2.fr.md"))
    assert paragraph_count(res2) == {"preambular": 12, "operative": 38, "heading": 10}
    assert len(res2.footnotes) == 7
    res6 = read(str(DRAFTS / "ICC-ASP-19-Res.6-coop.fr.md"))
    assert "A.OP11" in labels(res6) and "B.OP1(j)" in labels(res6)


def test_single_operative_paragraph_is_unnumbered_and_labelled_op1() -> None:
    res = fixture("single-op.md")
    assert labels(res) == ["PP1", "PP2", "OP1"]
    op = node(res, "OP1")
    assert isinstance(op, Operative) and op.number is None
    assert lead(op.content) == "Decides"


def test_single_operative_paragraph_with_sub_paragraphs() -> None:
    res = md("The General Assembly,\n\n*Recalling* its resolution 79/1,\n\n*Decides*:\n\n(a) To act;\n\n(b) To report.\n")
    assert labels(res) == ["PP1", "OP1", "OP1(a)", "OP1(b)"]
    assert res.blocks[1].number is None


# --------------------------------------------------------------------------------------------
# rules on small texts


def test_inline_formatting() -> None:
    res = md("1. *Prie* **instamment** ***le Bureau*** de tenir la 7^e et la 1^{er} ~~réunion~~ ;\n")
    assert res.blocks[0].content == (
        Text("Prie", I), Text(" "), Text("instamment", B), Text(" "), Text("le Bureau", frozenset({"b", "i"})),
        Text(" de tenir la 7"), Text("e", SUP), Text(" et la 1"), Text("er", SUP), Text(" "), Text("réunion", S),
        Text(" ;"),
    )


def test_headings_preambular_and_operative_are_told_apart() -> None:
    text = (
        "L'Assemblée des États Parties,\n\nCoopération\n\n*Rappelant* x,\n\n1. *Décide* y ;\n\n"
        "Exécution des mandats\n\n2. *Prie* z ;\n\n## Mandats\n\n*Rappelant en outre* w,\n\n3. *Décide* v.\n"
    )
    res = md(text)
    assert [(x.label, x.kind) for x in iter_labelled(res)] == [
        ("H1", "heading"), ("PP1", "preambular"), ("OP1", "operative"), ("H2", "heading"),
        ("OP2", "operative"), ("H3", "heading"), ("PP2", "preambular"), ("OP3", "operative"),
    ]


def test_a_roman_section_line_is_a_heading_not_a_part() -> None:
    res = md("1. *Décide* x ;\n\nI. Questions générales\n\n2. *Prie* y.\n")
    assert labels(res) == ["OP1", "H1", "OP2"]
    res = md("A. Coopération\n\n1. *Décide* x ;\n\nB. Mandats\n\n1. *Prie* y.\n")
    assert labels(res) == ["A", "A.OP1", "B", "B.OP1"]


def test_escaped_markers_are_text() -> None:
    res = md("1. *Décide* x :\n\na\\) ce texte n'est pas un alinéa,\n\n\\[\\^1] et 2\\^e\n\n[^1]: Note.\n")
    assert labels(res) == ["OP1", "PP1", "H1"]
    assert plain(res.blocks[1].content) == "a) ce texte n'est pas un alinéa,"
    assert plain(res.blocks[2].content) == "[^1] et 2^e"
    assert all(isinstance(i, Text) for i in res.blocks[2].content)


def test_hard_wrapped_preambular_paragraphs_split_on_a_capitalised_italic_lead() -> None:
    res = md("The General Assembly,\n*Recalling* its resolution,\n*inter alia* on cooperation,\n*Noting* the report,\n1. *Decides* to act.\n")
    assert res.formula == (Text("The General Assembly,"),)
    assert [plain(b.content) for b in res.blocks] == [
        "Recalling its resolution, inter alia on cooperation,",
        "Noting the report,",
        "Decides to act.",
    ]


def test_numbered_line_after_a_full_stop_starts_a_paragraph() -> None:
    res = md("1. *Decides* to act;\n2. *Requests* a report\non 4 December\n2025. *Also decides* x.\n")
    assert labels(res) == ["OP1", "OP2", "OP2025"]
    res = md("1. *Decides* to act;\n2. *Requests* a report on 4 December\n2025;\n3. *Also decides* x.\n")
    assert labels(res) == ["OP1", "OP2", "OP3"]


def test_superscript_digit_without_a_definition_is_text() -> None:
    res = md("1. *Décide* d'attribuer 20 m² au Greffe.\n")
    assert res.blocks[0].content == (Text("Décide", I), Text(" d'attribuer 20 m² au Greffe."))
    assert res.footnotes == ()


def test_masthead_lines_with_a_final_full_stop_stay_in_the_masthead() -> None:
    res = md("Résolution ICC-ASP/7/Res.1\n\nAdoptée par consensus à la septième séance plénière, le 21 novembre 2008.\n\n"
             "Renforcement de la Cour pénale internationale\n\nL'Assemblée des États Parties,\n\n*Rappelant* x,\n\n1. *Décide* y.\n")
    assert res.meta.as_dict() == {
        "symbol": "ICC-ASP/7/Res.1",
        "title": "Renforcement de la Cour pénale internationale",
        "language": "fr",
        "date": "2008-11-21",
        "adopted": "Adoptée par consensus à la septième séance plénière, le 21 novembre 2008.",
    }
    assert labels(res) == ["PP1", "OP1"]


def test_language_front_matter_then_lang_option_then_guess() -> None:
    fr = "L'Assemblée des États Parties,\n\n1. *Décide* de la question.\n"
    en = "The General Assembly,\n\n1. *Decides* to act on the report of the Court.\n"
    assert md(fr).meta.language == "fr"
    assert md(en).meta.language == "en"
    assert md(fr, language="en").meta.language == "en"
    assert md("---\nlanguage: fr\n---\n\n" + en, language="en").meta.language == "fr"


def test_front_matter_values_and_unknown_keys() -> None:
    res = md('---\ntitle: "  Titre  "\nsymbol: \'ICC-ASP/20/Res.3\'\ncote: A12\n# a comment\n---\n\n1. *Décide* x.\n')
    assert res.meta.title == "  Titre  "
    assert res.meta.symbol == "ICC-ASP/20/Res.3"
    assert res.meta.extra == (("cote", "A12"),)


def test_crlf_and_bom_are_read() -> None:
    res = md("\ufeff---\r\ntitle: T\r\n---\r\n\r\n1. *Décide* x ;\r\n\r\n2. *Prie* y.\r\n")
    assert res.meta.title == "T" and labels(res) == ["OP1", "OP2"]


# --------------------------------------------------------------------------------------------
# errors: one line, FILE:LINE, what is wrong — what to do


def _error(tmp_path: Path, data: bytes, lang: str | None = None) -> str:
    path = tmp_path / "draft.md"
    path.write_bytes(data)
    with pytest.raises((InputError, ParseError, UsageError)) as info:
        read(str(path), language=lang)
    return str(info.value).replace(str(path), "draft.md")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "draft.md:1: the file is empty — give a draft with text in it"),
        (b"  \n\n\t \n", "draft.md:1: the file is empty — give a draft with text in it"),
        (b"\xef\xbb\xbf", "draft.md:1: the file is empty — give a draft with text in it"),
        (b"1. x\x00\x00\x01", "draft.md:1: this is a binary file, not a text draft — give the draft as a Markdown (.md) text file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "draft.md: cannot read docx files — resodraft reads markdown, text, pdf"),
        ("L'Assemblée,\n\n*Rappelant* x,\n\n1. *Décide* de la coopération".encode("latin-1"),
         "draft.md:1:10: the file is not UTF-8 text — save the draft as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)"),
        ("L'Assemblée,\n\n*Rappelant* x,\n\n1. *Décide* de la coop".encode("utf-8") + "ération".encode("latin-1"),
         "draft.md:5:23: the file is not UTF-8 text — save the draft as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)"),
        ("The General Assembly,\n\n*Recalling* its resolution 79/1,\n\n*Noting* the report,\n".encode(),
         "draft.md:5: no operative paragraph found: this does not read as a resolution — operative paragraphs are numbered '1. *Decides* … ;' (see docs/format.md)"),
        ("The General Assembly,\n\n1. *Decides* to act;\n\n*Requests* the Secretary-General to report;\n\n2. *Decides* to remain seized.\n".encode(),
         "draft.md:5: paragraph has no number, but operative paragraphs are numbered — number it ('12. …'); a heading has no final punctuation, or write it '## Heading'"),
        ("The General Assembly,\n\n1. *Decides*:\n\n- to act;\n- to report.\n".encode(),
         "draft.md:5: bulleted lists are not part of a resolution — number operative paragraphs '1.', letter sub-paragraphs 'a)' or '(a)'"),
        ("---\ntitle: Coopération\n  - liste\n---\n\n1. *Décide* x.\n".encode(),
         "draft.md:3: front matter line is not 'key: value': '- liste' — write one 'key: value' per line between the '---' lines"),
        ("---\ntitle: Coopération\nagenda item: 74\n---\n\n1. *Décide* x.\n".encode(),
         "draft.md:3: front matter key 'agenda item' has a space in it — write the key as one word, e.g. 'agenda_item:'"),
        ("---\ntitle: Coopération\n\n1. *Décide* x.\n".encode(),
         "draft.md:1: the front matter is not closed — end it with a line '---' (or remove the '---' on line 1)"),
        ("---\ntitle: Coopération\nlanguage: de\n---\n\n1. *Décide* x.\n".encode(),
         "draft.md:3: unknown language 'de' in front matter — use 'language: fr' or 'language: en'"),
        ("---\ndate: 16 décembre 2020\n---\n\n1. *Décide* x.\n".encode(),
         "draft.md:2: date '16 décembre 2020' is not a date written YYYY-MM-DD — write it like 'date: 2021-12-09'"),
        ("---\ntitle: A\ntitle: B\n---\n\n1. *Décide* x.\n".encode(),
         "draft.md:3: front matter key 'title' is given twice (first on line 2) — keep one of the two lines"),
        ("1. *Décide* x.[^1]\n\n[^1]: A.\n\n[^1]: B.\n".encode(),
         "draft.md:5: footnote 1 is defined twice (first on line 3) — give each footnote its own number"),
        ("1. *Décide* x ;\n\n2.\n".encode(),
         "draft.md:3: operative paragraph 2 is empty — write its text after the number, or remove the number"),
    ],
    ids=[
        "empty", "whitespace", "bom-only", "nul-bytes", "zip", "latin-1-line-1", "latin-1-line-5",
        "no-operative", "unnumbered-in-operative-part", "bullets", "front-matter-list", "front-matter-key-space",
        "front-matter-not-closed", "front-matter-language", "front-matter-date", "front-matter-duplicate",
        "footnote-twice", "empty-operative",
    ],
)
def test_bad_input_is_refused_with_file_line_and_hint(tmp_path: Path, data: bytes, expected: str) -> None:
    assert _error(tmp_path, data) == expected


def test_error_carries_file_line_and_type(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("The General Assembly,\n\n*Recalling* x,\n", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        read(str(path))
    assert (info.value.file, info.value.line) == (str(path), 3)
    path.write_bytes(b"1. caf\xe9")
    with pytest.raises(InputError) as info:
        read(str(path))
    assert (info.value.line, info.value.column) == (1, 7)


def test_unknown_language_option_is_a_usage_error(tmp_path: Path) -> None:
    assert _error(tmp_path, b"1. *Decides* x.\n", lang="de") == "unknown language 'de' — use --lang fr or --lang en"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read(str(tmp_path / "nope.md"))
    assert str(info.value) == f"{tmp_path / 'nope.md'}: file not found — check the path"
    with pytest.raises(InputError) as info:
        read(str(tmp_path))
    assert str(info.value) == f"{tmp_path}: is a folder, not a file — give the draft's file name"
