"""The Markdown writer: the canonical layout, and escaping only what would be misread.

A drafter reads and edits the canonical file by hand, so ordinary text stays as it is
(``[...]``, ``« … »``, ``l'*Examen*``, ``snake_case``); only characters Markdown or the reader
would take for structure get a backslash.
"""

from __future__ import annotations

import pytest

from resodraft.model import (
    Footnote,
    Heading,
    Meta,
    NoteRef,
    Operative,
    Part,
    Preambular,
    Resolution,
    SubParagraph,
    Text,
)
from resodraft.readers.markdown import read_markdown
from resodraft.writers.markdown import escape, inlines_to_md, markdown_safe, write_markdown

I, B, S, SUP = frozenset({"i"}), frozenset({"b"}), frozenset({"s"}), frozenset({"sup"})
BI, SI = frozenset({"b", "i"}), frozenset({"s", "i"})
NNBSP = "\u202f"


def test_canonical_layout() -> None:
    res = Resolution(
        meta=Meta(symbol="ICC-ASP/20/Res.3", title="Coopération", language="fr", session="20", date="2021-12-09"),
        formula=(Text("L'Assemblée des États Parties,"),),
        blocks=(
            Preambular((Text("Rappelant", I), Text(" le Statut de Rome,"), NoteRef("1"))),
            Part("A", (Text("Coopération"),)),
            Operative("1", (Text("Décide", I), Text(" :")), (
                SubParagraph("a", (Text("de faire rapport ;"),), (SubParagraph("i", (Text("sur x ;"),)),)),
                SubParagraph("b", (Text("de poursuivre ;"),)),
            )),
            Heading((Text("Mandats"),), 2),
            Heading((Text("Sous-section"),), 3),
            Operative("2", (Text("Prie", I), Text(" le Bureau."))),
        ),
        footnotes=(Footnote("1", (Text("RC/Dec.2."),)),),
    )
    assert write_markdown(res) == (
        "---\n"
        "symbol: ICC-ASP/20/Res.3\n"
        "title: Coopération\n"
        "language: fr\n"
        "session: 20\n"
        "date: 2021-12-09\n"
        "---\n"
        "\n"
        "L'Assemblée des États Parties,\n"
        "\n"
        "*Rappelant* le Statut de Rome,[^1]\n"
        "\n"
        "# A. Coopération\n"
        "\n"
        "1. *Décide* :\n"
        "\n"
        "a) de faire rapport ;\n"
        "\n"
        "i) sur x ;\n"
        "\n"
        "b) de poursuivre ;\n"
        "\n"
        "## Mandats\n"
        "\n"
        "### Sous-section\n"
        "\n"
        "2. *Prie* le Bureau.\n"
        "\n"
        "[^1]: RC/Dec.2.\n"
    )


def test_english_sub_paragraphs_and_no_front_matter_without_meta() -> None:
    res = Resolution(
        blocks=(Operative(None, (Text("Decides", I), Text(":")), (
            SubParagraph("a", (Text("To act;"),), style="()"),
            SubParagraph("b", (Text("To report."),), (SubParagraph("i", (Text("annually."),), style="()"),), style="()"),
        )),),
    )
    assert write_markdown(res) == "*Decides*:\n\n(a) To act;\n\n(b) To report.\n\n(i) annually.\n"


def test_ordinary_text_is_not_escaped() -> None:
    text = f"Res.[...] «{NNBSP}Examen{NNBSP}» ; l'art. 8 (2) a), snake_case, A/RES/80/6, 50 % & <b> `x` #3 1.5"
    assert escape(text) == text


def test_markup_characters_are_escaped() -> None:
    assert escape("a*b ^e ~x _y_ \\* \\q C:\\") == "a\\*b \\^e \\~x \\_y\\_ \\\\\\* \\q C:\\\\"


@pytest.mark.parametrize(
    ("text", "paragraph", "in_list_item", "after_marker"),
    [
        ("1. foo,", "1\\. foo,", "1\\. foo,", "1. foo,"),
        ("12) foo,", "12\\) foo,", "12\\) foo,", "12) foo,"),
        ("a) foo,", "a\\) foo,", "a) foo,", "a) foo,"),
        ("(iv) foo,", "(iv\\) foo,", "(iv) foo,", "(iv) foo,"),
        ("A. Foo,", "A\\. Foo,", "A. Foo,", "A. Foo,"),
        ("- foo,", "\\- foo,", "\\- foo,", "- foo,"),
        ("+ foo,", "\\+ foo,", "\\+ foo,", "+ foo,"),
        ("# x,", "\\# x,", "\\# x,", "# x,"),
        ("#3 x,", "#3 x,", "#3 x,", "#3 x,"),
        ("Art. 8,", "Art. 8,", "Art. 8,", "Art. 8,"),
    ],
)
def test_what_would_start_a_block_is_escaped_at_the_start_only(text: str, paragraph: str, in_list_item: str, after_marker: str) -> None:
    content = (Text(text),)
    assert inlines_to_md(content) == paragraph
    assert inlines_to_md(content, at_line_start=False, block_start=True) == in_list_item
    assert inlines_to_md(content, at_line_start=False) == after_marker


def test_a_leading_footnote_call_followed_by_a_colon_is_not_a_definition() -> None:
    assert inlines_to_md((NoteRef("1"), Text(": voir,"))) == "[^1]\\: voir,"
    assert inlines_to_md((NoteRef("1"), Text(": voir,")), at_line_start=False) == "[^1]: voir,"


def test_heading_ending_with_hashes_keeps_them() -> None:
    res = Resolution(blocks=(Heading((Text("Point #"),)), Operative("1", (Text("x."),))))
    assert write_markdown(res) == "## Point \\#\n\n1. x.\n"
    assert read_markdown(write_markdown(res)).blocks[0].content == (Text("Point #"),)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ((Text("7"), Text("e", SUP), Text(" séance")), "7^e séance"),
        ((Text("1"), Text("er", SUP), Text("x")), "1^{er}x"),
        ((Text("x"), Text("e.r", SUP), Text(" y")), "x^{e.r} y"),
        ((Text("x"), Text("{a}", SUP)), "x^{\\{a\\}}"),
        ((Text("voir ["), Text("e", SUP), Text("]")), "voir \\[^e]"),
        ((Text("la "), Text("7", I), Text("e", I | SUP), Text(" séance")), "la *7^e* séance"),
    ],
)
def test_superscripts(content: tuple, expected: str) -> None:
    assert inlines_to_md(content, at_line_start=False) == expected
    assert read_markdown(f"1. {expected}\n").blocks[0].content == content


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ((Text("a", I), Text(" "), Text("b", I)), "*a* *b*"),
        ((Text("a b", I),), "*a b*"),
        ((Text("Se félicite ;", BI),), "***Se félicite ;***"),
        ((Text("a", BI), Text("b", I)), "***a**b*"),
        ((Text("a", B), Text("b", BI)), "**a*b***"),
        ((Text("l'"), Text("Examen", I)), "l'*Examen*"),
        ((Text("2022"), Text("1", S), Text(",")), "2022~~1~~,"),
        ((Text("d'"), Text("Salue", SI)), "d'~~*Salue*~~"),
        ((Text("Prenant note", I), NoteRef("2"), Text(",")), "*Prenant note*[^2],"),
        ((Text("Rappelant ", I), Text("x")), "*Rappelant* x"),
        ((Text("a\nb"),), "a b"),
    ],
)
def test_formatting_delimiters(content: tuple, expected: str) -> None:
    assert inlines_to_md(content, at_line_start=False) == expected


@pytest.mark.parametrize(
    ("content", "expected_md", "expected_model"),
    [
        # an opening * between a letter and a punctuation mark is not emphasis in Markdown
        ((Text("a"), Text("(b)", I), Text("c")), "a(*b*)c", (Text("a("), Text("b", I), Text(")c"))),
        # struck and italic glued to letters on both sides: the strike is kept
        ((Text("a"), Text("b", SI), Text("c")), "a~~b~~c", (Text("a"), Text("b", S), Text("c"))),
        # bold ending where italic goes on: the italic restarts after the bold
        ((Text("x", B), Text("y", BI), Text("z", I)), "**x*y***z", (Text("x", B), Text("y", BI), Text("z"))),
    ],
)
def test_formatting_markdown_cannot_express_is_narrowed_never_garbled(content: tuple, expected_md: str, expected_model: tuple) -> None:
    assert markdown_safe(content) == expected_model
    assert inlines_to_md(content, at_line_start=False) == expected_md
    assert read_markdown(f"1. {expected_md}\n").blocks[0].content == expected_model


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Coopération : suivi", "Coopération : suivi"),
        (" Titre ", '" Titre "'),
        ('"cité"', "'\"cité\"'"),
        ("'cité'", "\"'cité'\""),
        ("", '""'),
    ],
)
def test_front_matter_values_are_quoted_only_when_needed(value: str, written: str) -> None:
    res = Resolution(meta=Meta(title=value, language="fr"), blocks=(Operative("1", (Text("x."),)),))
    text = write_markdown(res)
    assert text.split("\n")[1] == f"title: {written}"
    assert read_markdown(text).meta.title == value


def test_unknown_front_matter_keys_are_written_back_in_order() -> None:
    res = Resolution(meta=Meta(language="en", extra=(("committee", "Sixth Committee"), ("agenda_item", "74"))), blocks=(Operative("1", (Text("x."),)),))
    assert write_markdown(res) == "---\nlanguage: en\ncommittee: Sixth Committee\nagenda_item: 74\n---\n\n1. x.\n"
