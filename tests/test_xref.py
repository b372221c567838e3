"""Cross-references: recognising them (French and English) and keeping them pointing right."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from resodraft.errors import DanglingReferenceError, ResodraftError
from resodraft.model import (
    Block,
    Meta,
    Operative,
    Preambular,
    Resolution,
    Span,
    SubParagraph,
    Text,
    plain_text,
)
from resodraft.number import renumber
from resodraft.readers.markdown import read_markdown
from resodraft.writers.markdown import write_markdown
from resodraft.xref import RENUMBERING_AUTHOR, Reference, find_references, fix_crossrefs, scan_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "xref"
ITALIC = frozenset({"i"})


def load(name: str) -> Resolution:
    return read_markdown((FIXTURES / name).read_text("utf-8"), name)


def shape(ref: Reference) -> tuple:
    """What a reader of the text sees: the phrase, internal?, kind, and the numbers written."""
    return (
        ref.text,
        ref.internal,
        ref.kind,
        [(t.number, "".join(f"({s})" for s in t.subs), "…" if t.range_end else "") for t in ref.targets],
    )


def shapes(text: str, language: str) -> list[tuple]:
    return [shape(r) for r in scan_text(text, language)]


# --------------------------------------------------------------------------------------------
# French phrase shapes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "conformément au paragraphe 5 ci-dessus ;",
            ("paragraphe 5 ci-dessus", True, "paragraph", [("5", "", "")]),
        ),
        (
            "visées au paragraphe 12 ci-dessous",
            ("paragraphe 12 ci-dessous", True, "paragraph", [("12", "", "")]),
        ),
        (
            "conformément au paragraphe 30 du dispositif",
            ("paragraphe 30 du dispositif", True, "paragraph", [("30", "", "")]),
        ),
        (
            "les paragraphes 3 à 5 ci-dessus",
            ("paragraphes 3 à 5 ci-dessus", True, "paragraph", [("3", "", ""), ("5", "", "…")]),
        ),
        (
            "les paragraphes 3 et 7 ci-dessus",
            ("paragraphes 3 et 7 ci-dessus", True, "paragraph", [("3", "", ""), ("7", "", "")]),
        ),
        (
            "les paragraphes 3, 5 et 7 ci-dessus",
            (
                "paragraphes 3, 5 et 7 ci-dessus",
                True,
                "paragraph",
                [("3", "", ""), ("5", "", ""), ("7", "", "")],
            ),
        ),
        (
            "(paragraphe 29, 30 et 31 du dispositif)",
            (
                "paragraphe 29, 30 et 31 du dispositif",
                True,
                "paragraph",
                [("29", "", ""), ("30", "", ""), ("31", "", "")],
            ),
        ),
        (
            "en application de l'alinéa b) du paragraphe 4",
            ("alinéa b) du paragraphe 4", True, "subparagraph", [("4", "(b)", "")]),
        ),
        (
            "les alinéas a) et c) du paragraphe 4 ci-dessus",
            (
                "alinéas a) et c) du paragraphe 4 ci-dessus",
                True,
                "subparagraph",
                [("4", "(a)", ""), ("4", "(c)", "")],
            ),
        ),
        (
            "sur l'alinéa b) ci-dessus",
            ("alinéa b) ci-dessus", True, "subparagraph", [(None, "(b)", "")]),
        ),
        (
            "le paragraphe 5 de la présente résolution",
            ("paragraphe 5 de la présente résolution", True, "paragraph", [("5", "", "")]),
        ),
        (
            "le troisième alinéa du préambule",
            ("troisième alinéa du préambule", True, "preambular", [("3", "", "")]),
        ),
        (
            "les deuxième et quatrième alinéas du préambule",
            (
                "deuxième et quatrième alinéas du préambule",
                True,
                "preambular",
                [("2", "", ""), ("4", "", "")],
            ),
        ),
    ],
)
def test_french_internal_shapes(text: str, expected: tuple) -> None:
    assert shapes(text, "fr") == [expected]


def test_french_spans_are_offsets_in_the_plain_text() -> None:
    text = "*Prie* … conformément aux paragraphes 3 à 5 ci-dessus ;"
    (ref,) = scan_text(text, "fr")
    assert (ref.start, ref.end) == (26, 53)
    assert text[ref.start : ref.end] == "paragraphes 3 à 5 ci-dessus"
    assert [t.number_span for t in ref.targets] == [(38, 39), (42, 43)]


def test_sub_letter_span_covers_the_letter_only() -> None:
    (ref,) = scan_text("de l'alinéa b) du paragraphe 4", "fr")
    assert ref.targets[0].sub_spans == ((12, 13),)
    assert ref.targets[0].number_span == (29, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "conformément au paragraphe 30 du dispositif de la résolution ICC-ASP/17/Res.3",
            ("paragraphe 30 du dispositif de la résolution ICC-ASP/17/Res.3", False, "paragraph", [("30", "", "")]),
        ),
        (
            "conformément aux paragraphes 5 et 7 de l'article 87",
            ("paragraphes 5 et 7 de l'article 87", False, "paragraph", [("5", "", ""), ("7", "", "")]),
        ),
        (
            "soumis conformément au paragraphe 376 de la résolution ICC-ASP/19/Res.23,",
            ("paragraphe 376 de la résolution ICC-ASP/19/Res.23", False, "paragraph", [("376", "", "")]),
        ),
        (
            "énoncée à l'article 93 du Statut de Rome,",
            ("article 93 du Statut de Rome", False, "article", [("93", "", "")]),
        ),
        (
            "aux termes de l'alinéa b) de l'article 13 du règlement intérieur",
            ("alinéa b) de l'article 13", False, "subparagraph", [(None, "(b)", "")]),
        ),
        (
            "en vertu du chapitre IX du Statut de Rome",
            ("chapitre IX du Statut de Rome", False, "part", [("IX", "", "")]),
        ),
        (
            "jointes à la résolution ICC-ASP/6/Res.2,",
            ("résolution ICC-ASP/6/Res.2", False, "resolution", []),
        ),
        (
            "Le paragraphe 14, alinéa (e) de la Procédure",
            ("paragraphe 14, alinéa (e) de la Procédure", False, "subparagraph", [("14", "(e)", "")]),
        ),
        (
            "le troisième alinéa du préambule de la résolution ICC-ASP/18/Res.7",
            ("troisième alinéa du préambule de la résolution ICC-ASP/18/Res.7", False, "preambular", [("3", "", "")]),
        ),
    ],
)
def test_french_external_shapes(text: str, expected: tuple) -> None:
    assert shapes(text, "fr") == [expected]


def test_french_clause_naming_a_resolution_makes_a_bare_reference_external() -> None:
    # seed, ICC-ASP/20/…, para. 1: the numbers are those of ICC-ASP/19/Res.2, not of this text
    text = (
        "Par la résolution ICC-ASP/19/Res.2 adoptée le 16 décembre 2020 "
        "(paragraphe 29, 30 et 31 du dispositif), le Bureau a été prié ; "
        "voir le paragraphe 4 du dispositif"
    )
    refs = scan_text(text, "fr")
    assert [(r.text, r.internal, r.basis) for r in refs] == [
        ("résolution ICC-ASP/19/Res.2", False, "kind"),
        ("paragraphe 29, 30 et 31 du dispositif", False, "context"),
        ("paragraphe 4 du dispositif", True, "marker"),  # a new clause after ";"
    ]


def test_french_possessive_makes_a_reference_external() -> None:
    (ref,) = scan_text("ICC-ASP/29/25, notamment son paragraphe 12.", "fr")
    assert (ref.text, ref.internal, ref.basis) == ("paragraphe 12", False, "context")


def test_french_bare_reference_is_internal() -> None:
    (ref,) = scan_text("*Invite* les États, conformément au paragraphe 5, à coopérer ;", "fr")
    assert (ref.text, ref.internal, ref.basis) == ("paragraphe 5", True, "bare")


# --------------------------------------------------------------------------------------------
# English phrase shapes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("referred to in paragraph 5 above;", ("paragraph 5 above", True, "paragraph", [("5", "", "")])),
        ("as set out in paragraph 12 below", ("paragraph 12 below", True, "paragraph", [("12", "", "")])),
        ("Reaffirms operative paragraph 7;", ("operative paragraph 7", True, "paragraph", [("7", "", "")])),
        (
            "in paragraphs 3 to 5 above",
            ("paragraphs 3 to 5 above", True, "paragraph", [("3", "", ""), ("5", "", "…")]),
        ),
        (
            "in paragraphs 3 and 7 above",
            ("paragraphs 3 and 7 above", True, "paragraph", [("3", "", ""), ("7", "", "")]),
        ),
        (
            "in paragraphs 3, 5 and 7 above",
            ("paragraphs 3, 5 and 7 above", True, "paragraph", [("3", "", ""), ("5", "", ""), ("7", "", "")]),
        ),
        (
            "in paragraphs 3, 5, and 7 above",
            ("paragraphs 3, 5, and 7 above", True, "paragraph", [("3", "", ""), ("5", "", ""), ("7", "", "")]),
        ),
        (
            "to implement subparagraph (b) of paragraph 4;",
            ("subparagraph (b) of paragraph 4", True, "subparagraph", [("4", "(b)", "")]),
        ),
        (
            "the matters in paragraph 4 (b) above",
            ("paragraph 4 (b) above", True, "subparagraph", [("4", "(b)", "")]),
        ),
        (
            "the matters in paragraph 4 (b) and (c) above",
            ("paragraph 4 (b) and (c) above", True, "subparagraph", [("4", "(b)", ""), ("4", "(c)", "")]),
        ),
        (
            "in subparagraph 4 (b) (ii) above",
            ("subparagraph 4 (b) (ii) above", True, "subparagraph", [("4", "(b)(ii)", "")]),
        ),
        (
            "to consider subparagraph (b) above",
            ("subparagraph (b) above", True, "subparagraph", [(None, "(b)", "")]),
        ),
        (
            "the measures in paragraph 5 of the present resolution",
            ("paragraph 5 of the present resolution", True, "paragraph", [("5", "", "")]),
        ),
        (
            "as set out in the third preambular paragraph",
            ("third preambular paragraph", True, "preambular", [("3", "", "")]),
        ),
    ],
)
def test_english_internal_shapes(text: str, expected: tuple) -> None:
    assert shapes(text, "en") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "article 12, paragraph 3, of the Rome Statute",
            [("article 12, paragraph 3, of the Rome Statute", False, "article", [("12", "", ""), ("3", "", "")])],
        ),
        (
            "recalling resolution 58/318 of 13 September 2004",
            [("resolution 58/318", False, "resolution", [])],
        ),
        (
            "including paragraph 3 of the resolution",
            [("paragraph 3 of the resolution", False, "paragraph", [("3", "", "")])],
        ),
        (
            "recalling paragraph 3 of resolution 58/318;",
            [("paragraph 3 of resolution 58/318", False, "paragraph", [("3", "", "")])],
        ),
        ("part 9 of the Rome Statute", [("part 9 of the Rome Statute", False, "part", [("9", "", "")])]),
        (
            "article 3 of the Relationship Agreement",
            [("article 3 of the Relationship Agreement", False, "article", [("3", "", "")])],
        ),
        (
            "articles 124 and 8 of the Rome Statute",
            [("articles 124 and 8 of the Rome Statute", False, "article", [("124", "", ""), ("8", "", "")])],
        ),
        (
            "rule 119 of the Rules of Procedure and Evidence",
            [("rule 119 of the Rules", False, "rule", [("119", "", "")])],
        ),
    ],
)
def test_english_external_shapes(text: str, expected: list) -> None:
    assert shapes(text, "en") == expected


def test_english_clause_naming_a_resolution_makes_a_bare_reference_external() -> None:
    refs = scan_text("Recalling resolution 60/1, in particular paragraph 138, and paragraph 4 above,", "en")
    assert [(r.text, r.internal, r.basis) for r in refs] == [
        ("resolution 60/1", False, "kind"),
        ("paragraph 138", False, "context"),
        ("paragraph 4 above", True, "marker"),  # "above" always means this text
    ]


# --------------------------------------------------------------------------------------------
# near misses: numbers that are not references


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("la table ronde organisée le 5 octobre 2020 ;", "fr"),
        ("une lettre en date du 3 avril 2013 du Secrétaire général", "fr"),
        ("de faire rapport à l'Assemblée à sa vingtième session ;", "fr"),
        ("d'organiser son 7e séminaire des points focaux", "fr"),
        ("l'exécution des 66 recommandations sur la coopération", "fr"),
        ("concerne 123 personnes, nonobstant deux suspects", "fr"),
        ("à la 4e séance plénière, le 16 décembre 2020", "fr"),
        ("Ibid., vol. 2283, No. 1272.", "en"),
        ("at its 100th session, on 11 November 2025", "en"),
        ("the report of the Court for 2024/25", "en"),
        ("A/80/342 and ICC-ASP/20/26-19/33", "en"),
        ("the second paragraph of the letter", "en"),
        ("conformément au paragraphe 5 bis ci-dessus", "fr"),
        ("as set out in paragraph 12 ter above", "en"),
    ],
)
def test_near_misses_are_not_references(text: str, language: str) -> None:
    assert scan_text(text, language) == []


def test_a_bis_paragraph_ends_a_list_and_is_left_alone() -> None:
    assert shapes("aux paragraphes 3 et 5 bis ci-dessus", "fr") == [
        ("paragraphes 3", True, "paragraph", [("3", "", "")])
    ]


def test_a_count_after_a_listed_number_ends_the_list() -> None:
    assert shapes("au paragraphe 5 et 66 recommandations", "fr") == [
        ("paragraphe 5", True, "paragraph", [("5", "", "")])
    ]


# --------------------------------------------------------------------------------------------
# find_references on whole resolutions


def test_find_references_resolves_french_fixture() -> None:
    res = load("cooperation.fr.md")
    found = [
        (r.where, r.text, [t.uid for t in r.targets]) for r in find_references(res) if r.internal
    ]
    assert found == [
        ("OP3(a)", "paragraphe 1 ci-dessus", ["OP1"]),
        ("OP3(b)", "alinéa a) ci-dessus", ["OP3(a)"]),
        ("OP4", "paragraphes 1 à 3 ci-dessus", ["OP1", "OP3"]),
        ("OP6", "alinéa b) du paragraphe 3", ["OP3(b)"]),
        ("OP6", "paragraphes 4 et 5 du dispositif", ["OP4", "OP5"]),
        ("OP7", "paragraphes 2, 4 et 6 de la présente résolution", ["OP2", "OP4", "OP6"]),
        ("OP7", "troisième alinéa du préambule", ["PP3"]),
        ("OP8", "paragraphe 7 ci-dessus", ["OP7"]),
        ("footnote 2", "paragraphe 6 ci-dessus", ["OP6"]),
    ]
    external = [(r.where, r.text) for r in find_references(res) if not r.internal]
    assert external == [
        ("PP1", "paragraphe 3 de l'article 87"),
        ("PP1", "article 93 du Statut de Rome"),
        ("PP1", "résolution ICC-ASP/6/Res.2"),
        ("PP2", "paragraphe 30 du dispositif de la résolution ICC-ASP/17/Res.3"),
        ("OP8", "paragraphe 12 de la résolution ICC-ASP/19/Res.6"),
        ("footnote 1", "paragraphe 12"),
        ("footnote 2", "Résolution ICC-ASP/6/Res.2"),
    ]


def test_find_references_scopes_to_the_lettered_part() -> None:
    res = load("mandats-parts.fr.md")
    found = [(r.where, r.text, [t.label for t in r.targets]) for r in find_references(res) if r.internal]
    assert found == [
        ("A.OP3", "paragraphe 2 ci-dessus", ["A.OP2"]),
        ("B.OP1(b)", "alinéa a) ci-dessus", ["B.OP1(a)"]),
        ("B.OP2", "paragraphe 1 ci-dessus", ["B.OP1"]),
        ("B.OP2", "alinéas b) et c) du paragraphe 1", ["B.OP1(b)", "B.OP1(c)"]),
        ("B.OP3", "paragraphes 1 et 2 ci-dessus", ["B.OP1", "B.OP2"]),
    ]


def test_find_references_reports_dangling_targets() -> None:
    res = read_markdown(
        "L'Assemblée des États Parties,\n\n1. *Décide* … ;\n\n2. *Rappelle* le paragraphe 9 ci-dessus.\n",
        "d.md",
    )
    (ref,) = find_references(res)
    assert ref.dangling
    assert [(t.label, t.uid) for t in ref.targets] == [("OP9", None)]


# --------------------------------------------------------------------------------------------
# end to end: amend (by hand), renumber, fix


def uids(res: Resolution) -> list[str]:
    return [b.uid for b in res.blocks]


def delete(res: Resolution, *gone: str) -> Resolution:
    return replace(res, blocks=tuple(b for b in res.blocks if b.uid not in gone))


def insert(res: Resolution, after: str, block: Block) -> Resolution:
    blocks = list(res.blocks)
    blocks.insert(uids(res).index(after) + 1, block)
    return replace(res, blocks=tuple(blocks))


def move(res: Resolution, uid: str, after: str) -> Resolution:
    blocks = list(res.blocks)
    block = blocks.pop(uids(res).index(uid))
    blocks.insert([b.uid for b in blocks].index(after) + 1, block)
    return replace(res, blocks=tuple(blocks))


def transform(base: Resolution, new: Resolution, **kw) -> tuple[Resolution, list[str]]:
    renumbered, mapping = renumber(new)
    return fix_crossrefs(base, renumbered, mapping, **kw)


def targets_by_container(res: Resolution) -> dict[tuple[str, int], list[str | None]]:
    """(container uid or footnote, n-th reference) → target uids, for internal references."""
    out: dict[tuple[str, int], list[str | None]] = {}
    counts: dict[str, int] = {}
    for ref in find_references(res):
        key = ref.uid or f"note:{ref.note}"
        n = counts[key] = counts.get(key, 0) + 1
        if ref.internal:
            out[(key, n)] = [t.uid for t in ref.targets]
    return out


def external_texts(res: Resolution) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ref in find_references(res):
        if not ref.internal:
            out.setdefault(ref.uid or f"note:{ref.note}", []).append(ref.text)
    return out


def operative(text: str, uid: str) -> Operative:
    verb, rest = text.split(" ", 1)
    return Operative(None, (Text(verb, ITALIC), Text(" " + rest)), uid=uid)


def test_insertion_keeps_every_reference_on_its_paragraph_french() -> None:
    base = load("cooperation.fr.md")
    new = insert(base, "OP1", operative("Décide de revenir au paragraphe 4 ci-dessous ;", "+1"))
    fixed, warnings = transform(base, new, file="cooperation.fr.md")

    before = targets_by_container(base)
    after = targets_by_container(fixed)
    assert after.pop(("+1", 1)) == ["OP4"]  # inserted text is written against the base numbers
    # the range 1 à 3 is left as written (warned below): its numbers now mean OP1…OP2
    assert after.pop(("OP4", 1)) == ["OP1", "OP2"]
    assert before.pop(("OP4", 1)) == ["OP1", "OP3"]
    assert after == before
    assert external_texts(fixed) == external_texts(base)
    assert warnings == [
        "cooperation.fr.md:27: OP4 (now OP5): 'paragraphes 1 à 3 ci-dessus' would now also "
        "cover OP2 (new paragraph), which the amendments put inside the range — left as "
        "written; write the new numbers yourself"
    ]
    text = write_markdown(fixed)
    assert "2. *Décide* de revenir au paragraphe 5 ci-dessous ;" in text
    assert "7. *Prend note* de l'alinéa b) du paragraphe 4 et des paragraphes 5 et 6 du dispositif ;" in text
    assert "8. *Décide* d'examiner à nouveau les paragraphes 3, 5 et 7 de la présente résolution" in text
    assert "[^2]: Résolution ICC-ASP/6/Res.2, annexe II ; voir aussi le paragraphe 7 ci-dessus." in text
    assert "5. *Invite* les États à mettre en œuvre les paragraphes 1 à 3 ci-dessus ;" in text


def test_rewrites_only_the_digits_and_attributes_them_to_renumbering() -> None:
    base = load("cooperation.fr.md")
    fixed, _ = transform(base, insert(base, "PP3", operative("Souligne … ;", "+1")))
    old = next(b for b in base.blocks if b.uid == "OP7")
    new = next(b for b in fixed.blocks if b.uid == "OP7")
    assert new.content[0] == old.content[0] == Text("Décide", ITALIC)
    old_text, new_text = plain_text(old.content), plain_text(new.content)
    assert old_text.replace("2, 4 et 6", "3, 5 et 7") == new_text
    starts = [new_text.index(d, new_text.index("paragraphes")) for d in "357"]
    assert new.authors == tuple(Span(s, s + 1, RENUMBERING_AUTHOR) for s in starts)


def test_existing_spans_move_with_the_text() -> None:
    base = read_markdown(
        "The General Assembly,\n\n"
        + "".join(f"{n}. *Decides* item {n};\n\n" for n in range(1, 10))
        + "10. *Requests* a report on paragraph 9 above and on new matters.\n",
        "g.md",
    )
    last = base.blocks[-1]
    text = plain_text(last.content)
    sponsor = Span(text.index("new"), text.index("new") + 3, "Belgium", "2021-11-04")
    base_with_span = replace(base, blocks=base.blocks[:-1] + (replace(last, authors=(sponsor,)),))
    new = insert(base_with_span, "OP1", operative("Notes item 1bis;", "+1"))
    new = insert(new, "+1", operative("Notes item 1ter;", "+2"))
    fixed, warnings = transform(base, new)
    assert warnings == []
    out = fixed.blocks[-1]
    out_text = plain_text(out.content)
    assert out_text == "Requests a report on paragraph 11 above and on new matters."
    assert out.authors == (
        Span(out_text.index("new"), out_text.index("new") + 3, "Belgium", "2021-11-04"),
        Span(out_text.index("11"), out_text.index("11") + 2, RENUMBERING_AUTHOR),
    )


def test_formatting_of_the_number_run_is_kept() -> None:
    bold = frozenset({"b"})
    base = Resolution(
        meta=Meta(language="en"),
        blocks=(
            Operative("1", (Text("Decides;"),), uid="OP1"),
            Operative(
                "2",
                (Text("Recalls", ITALIC), Text(" paragraph "), Text("1", bold), Text(" above.")),
                uid="OP2",
            ),
        ),
    )
    new = replace(base, blocks=(Operative(None, (Text("Notes;"),), uid="+1"),) + base.blocks)
    fixed, _ = transform(base, new)
    assert fixed.blocks[2].content == (
        Text("Recalls", ITALIC),
        Text(" paragraph "),
        Text("2", bold),
        Text(" above."),
    )


def test_deleting_a_referenced_paragraph_names_it() -> None:
    base = load("cooperation.fr.md")
    with pytest.raises(DanglingReferenceError) as info:
        transform(base, delete(base, "OP2"), file="cooperation.fr.md")
    assert str(info.value) == (
        "cooperation.fr.md:33: OP7 (now OP6): 'paragraphes 2, 4 et 6 de la présente résolution' "
        "points at OP2, which the amendments delete — change or remove the reference in an "
        "amendment to OP7, or keep OP2"
    )
    assert isinstance(info.value, ResodraftError) and info.value.exit_code == 2


def test_deleting_several_referenced_paragraphs_lists_every_reference() -> None:
    base = load("cooperation.fr.md")
    with pytest.raises(DanglingReferenceError) as info:
        transform(base, delete(base, "OP1"))
    assert str(info.value) == (
        "23: OP3(a) (now OP2(a)): 'paragraphe 1 ci-dessus' points at OP1, which the amendments "
        "delete; OP4 (now OP3): 'paragraphes 1 à 3 ci-dessus' points at OP1, which the "
        "amendments delete — change or remove those references in the amendments, or keep "
        "the paragraphs"
    )


def test_allow_dangling_warns_and_leaves_the_reference() -> None:
    base = load("cooperation.fr.md")
    fixed, warnings = transform(base, delete(base, "OP7"), allow_dangling=True, file="c.md")
    assert warnings == [
        "c.md:35: OP8 (now OP7): 'paragraphe 7 ci-dessus' points at OP7, which the amendments "
        "delete — left as written"
    ]
    assert "7. *Prie* la Cour de faire rapport sur l'application du paragraphe 7 ci-dessus" in write_markdown(fixed)


def test_deleting_the_paragraph_that_holds_the_reference_is_fine() -> None:
    base = load("cooperation.fr.md")
    fixed, warnings = transform(base, delete(base, "OP8"))  # OP8 refers to OP7; nobody to OP8
    assert warnings == []
    before = targets_by_container(base)
    assert before.pop(("OP8", 1)) == ["OP7"]
    assert targets_by_container(fixed) == before


def test_deleting_inside_a_range_rewrites_it_and_warns() -> None:
    text = "The General Assembly,\n\n" + "".join(f"{n}. *Decides* item {n};\n\n" for n in range(1, 6))
    text += "6. *Recalls* paragraphs 2 to 4 above.\n"
    base = read_markdown(text, "g.md")
    fixed, warnings = transform(base, delete(base, "OP3"), file="g.md")
    assert plain_text(fixed.blocks[-1].content) == "Recalls paragraphs 2 to 3 above."
    assert warnings == [
        "g.md:13: OP6 (now OP5): 'paragraphs 2 to 4 above' now covers 2 paragraphs: the "
        "amendments delete OP3 — check that the range still says what you mean"
    ]


def test_moving_paragraphs_french() -> None:
    base = load("cooperation.fr.md")
    new = move(base, "OP5", "OP7")  # OP5 is referenced by OP6; its number changes to 7
    fixed, warnings = transform(base, new)
    assert warnings == []
    assert targets_by_container(fixed) == targets_by_container(base)
    text = write_markdown(fixed)
    assert "5. *Prend note* de l'alinéa b) du paragraphe 3 et des paragraphes 4 et 7 du dispositif ;" in text
    assert "6. *Décide* d'examiner à nouveau les paragraphes 2, 4 et 5 de la présente résolution" in text
    assert "8. *Prie* la Cour de faire rapport sur l'application du paragraphe 6 ci-dessus" in text


def test_english_fixture_preamble_subparagraphs_and_a_move() -> None:
    base = load("report-icc.en.md")
    new = insert(base, "PP2", Preambular((Text("Noting", ITALIC), Text(" the report,")), uid="+1"))
    op4 = next(b for b in new.blocks if b.uid == "OP4")
    extra = SubParagraph("z", (Text("To begin;"),), style="()", uid="+2")
    new = replace(new, blocks=tuple(replace(b, subs=(extra,) + b.subs) if b is op4 else b for b in new.blocks))
    new = move(new, "OP7", "OP8")
    fixed, warnings = transform(base, new, file="report-icc.en.md")

    assert warnings == [
        "report-icc.en.md:29: OP4(b) (now OP4(c)): 'paragraphs 5 to 7 below' would now also "
        "cover OP8 (now OP7), which the amendments put inside the range — left as written; "
        "write the new numbers yourself"
    ]
    changed = {k: v for k, v in targets_by_container(fixed).items() if k != ("OP4(b)", 1)}
    expected = {k: v for k, v in targets_by_container(base).items() if k != ("OP4(b)", 1)}
    assert changed == expected
    assert external_texts(fixed) == external_texts(base)
    text = write_markdown(fixed)
    for line in [
        "2. *Calls upon* States to cooperate with the Court, as set out in the fifth preambular paragraph;",
        "(c) To review, at its 100th session, the measures set out in paragraphs 5 to 7 below;",
        "(d) To consider subparagraph (c) above at its next session;",
        "5. *Encourages* States to implement subparagraph (b) of paragraph 4;",
        "6. *Invites* the Court to report on the matters referred to in paragraph 4 (c) and (d) of the present resolution;",
        "7. *Reaffirms* operative paragraph 6 and paragraphs 3, 5 and 8, as well as the fourth preambular paragraph;",
        "8. *Further encourages* States Parties to pay their contributions, recalling paragraph 3 of resolution 58/318;",
        "[^2]: Ibid., vol. 2283, No. 1272; see also paragraph 2 above.",
    ]:
        assert line in text.splitlines()
    assert "and requests the Secretary-General to report on paragraph 7 above." in text


def test_lettered_parts_renumber_within_their_part() -> None:
    base = load("mandats-parts.fr.md")
    new = insert(base, "A", operative("Rappelle la Déclaration de Paris ;", "+1"))
    b1 = next(b for b in new.blocks if b.uid == "B.OP1")
    new = replace(
        new,
        blocks=tuple(
            replace(b, subs=(SubParagraph("z", (Text("prend note ;"),), uid="+2"),) + b.subs) if b is b1 else b
            for b in new.blocks
        ),
    )
    fixed, warnings = transform(base, new)
    assert warnings == []
    assert targets_by_container(fixed) == targets_by_container(base)
    text = write_markdown(fixed)
    assert "4. *Souligne* l'importance des mesures visées au paragraphe 3 ci-dessus ;" in text
    assert "c) *prie* le Bureau de faire rapport sur les suites données à l'alinéa b) ci-dessus ;" in text
    assert (
        "2. *Prie* le Bureau de faire rapport sur l'application du paragraphe 1 ci-dessus et des "
        "alinéas c) et d) du paragraphe 1 ;"
    ) in text


def test_unchanged_numbers_add_no_span() -> None:
    base = load("cooperation.fr.md")
    fixed, warnings = transform(base, insert(base, "OP8", operative("Décide de rester saisie.", "+1")))
    assert warnings == []
    assert fixed.blocks[:-1] == base.blocks
    assert all(b.authors == () for b in fixed.blocks)
    assert fixed.footnotes == base.footnotes


def test_reference_to_a_number_the_base_lacks_is_reported() -> None:
    text = "L'Assemblée des États Parties,\n\n1. *Décide* … ;\n\n2. *Rappelle* le paragraphe 9 ci-dessus.\n"
    base = read_markdown(text, "d.md")
    fixed, warnings = transform(base, insert(base, "OP1", operative("Note … ;", "+1")), file="d.md")
    assert warnings == [
        "d.md:5: OP2 (now OP3): 'paragraphe 9 ci-dessus' points at OP9, which the base text "
        "does not have — left as written; check the reference"
    ]
    assert plain_text(fixed.blocks[-1].content) == "Rappelle le paragraphe 9 ci-dessus."


def test_french_ordinal_of_the_preamble_is_rewritten() -> None:
    base = load("cooperation.fr.md")
    new = insert(base, "PP1", Preambular((Text("Rappelant", ITALIC), Text(" en outre …,")), uid="+1"))
    fixed, warnings = transform(base, new)
    assert warnings == []
    assert "ainsi que le quatrième alinéa du préambule ;" in write_markdown(fixed)


def preamble_draft(reference: str) -> Resolution:
    text = (
        "L'Assemblée des États Parties,\n\n*Rappelant* a,\n\n*Rappelant* b,\n\n*Rappelant* c,\n\n"
        f"1. *Décide* … ;\n\n2. *Rappelle* le {reference}.\n"
    )
    return read_markdown(text, "p.md")


def test_numeric_french_ordinal_keeps_its_superscript_suffix() -> None:
    base = preamble_draft("3^e alinéa du préambule")
    fixed, warnings = transform(base, insert(base, "PP1", Preambular((Text("Notant", ITALIC), Text(" x,")), uid="+1")))
    assert warnings == []
    assert write_markdown(fixed).splitlines()[-1] == "2. *Rappelle* le 4^e alinéa du préambule."


def test_ordinal_whose_suffix_would_change_is_left_with_a_warning() -> None:
    base = preamble_draft("1^er alinéa du préambule")
    new = replace(base, blocks=(Preambular((Text("Notant", ITALIC), Text(" x,")), uid="+1"),) + base.blocks)
    fixed, warnings = transform(base, new, file="p.md")
    assert warnings == [
        "p.md:11: OP2: '1er alinéa du préambule': PP1 is now PP2 — left as written; write the ordinal yourself"
    ]
    assert write_markdown(fixed).splitlines()[-1] == "2. *Rappelle* le 1^er alinéa du préambule."


def test_capitalised_ordinal_word_stays_capitalised() -> None:
    base = load("report-icc.en.md")
    op8 = next(b for b in base.blocks if b.uid == "OP8")
    base = replace(
        base,
        blocks=tuple(
            replace(b, content=(Text("Reaffirms", ITALIC), Text(" the principle. Third preambular paragraph applies;")))
            if b is op8
            else b
            for b in base.blocks
        ),
    )
    new = insert(base, "PP1", Preambular((Text("Noting", ITALIC), Text(" x,")), uid="+1"))
    fixed, _ = transform(base, new)
    op8_fixed = next(b for b in fixed.blocks if b.uid == "OP8")
    assert plain_text(op8_fixed.content) == "Reaffirms the principle. Fourth preambular paragraph applies;"


def test_english_dash_range() -> None:
    assert shapes("in paragraphs 3–5 above", "en") == [
        ("paragraphs 3–5 above", True, "paragraph", [("3", "", ""), ("5", "", "…")])
    ]


def test_real_draft_has_only_external_references() -> None:
    # ICC-ASP/19/Res.2: dates, "66 recommandations", "vingtième session", "7^e séminaire" are
    # not references; every reference it has names another text
    name = "ICC-ASP-19-Res.2.fr.md"
    res = read_markdown((FIXTURES.parent.parent.parent / "drafts" / name).read_text("utf-8"), name)
    assert [(r.where, r.text, r.basis) for r in find_references(res)] == [
        (
            "PP1",
            "résolutions ICC-ASP/8/Res.2, ICC-ASP/9/Res.3, ICC-ASP/10/Res.2, ICC-ASP/11/Res.5, "
            "ICC-ASP/12/Res.3, ICC-ASP/13/Res.3, ICC-ASP/14/Res.3, ICC-ASP/15/Res.3, "
            "ICC-ASP/16/Res.2, ICC-ASP/17/Res.3, ICC-ASP-18/Res.3",
            "kind",
        ),
        ("PP1", "résolution ICC-ASP/6/Res.2", "kind"),
        ("PP3", "article 93 du Statut de Rome", "kind"),
        ("PP4", "paragraphe 376 de la résolution ICC-ASP/19/Res.23", "tail"),
        ("OP1", "chapitre IX du Statut de Rome", "kind"),
        ("OP14", "résolution ICC-ASP/16/Res.2", "kind"),
        ("footnote 2", "Résolution ICC-ASP/18/Res.7", "kind"),
        ("footnote 3", "Résolution ICC-ASP/6/Res.2", "kind"),
    ]
