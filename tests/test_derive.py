"""Amendments derived from an edited copy: what a facilitator gets for what a delegation sent.

Each test gives a base and an edited copy and checks the derived changes one by one (they are
the reviewed answer), then that applying them gives the copy back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resodraft import api
from resodraft.amend import load_amendments, parse_amendment_text
from resodraft.derive import REPLACE_SHARE, changed_share, derive
from resodraft.model import iter_labelled
from resodraft.number import renumber
from resodraft.readers.markdown import parse_inline, read_markdown

REPO = Path(__file__).resolve().parent.parent
HEAD = "---\nlanguage: fr\n---\n\nL'Assemblée des États Parties,\n\n"


def doc(body: str) -> str:
    return HEAD + body.strip() + "\n"


def derived(base_md: str, edited_md: str):
    base = read_markdown(base_md, "base.md")
    edited = read_markdown(edited_md, "edited.md")
    derivation, toml = api.derive_amendments(base, edited, sponsor="France", derived_on="2021-11-04")
    if derivation.proposals:
        got = api.apply(base, parse_amendment_text(toml, "france.toml")).new
        if not derivation.unexpressed and not derivation.remarks:
            assert api.to_markdown(got) == api.to_markdown(edited)
    return derivation


def changes(derivation) -> list[dict]:
    return [dict(p.keys()) for p in derivation.proposals]


BASE = doc("""
*Rappelant* sa résolution ICC-ASP/19/Res.2,

*Notant* le rapport de la Cour,

1. *Prie* la Cour de faire rapport à la Cour sur la coopération ;

2. *Invite* les États à coopérer ;

3. *Prie* le Bureau :

a) de poursuivre les discussions ;

b) de faire rapport à l'Assemblée à sa vingtième session ;

4. *Décide* de rester saisie de la question.
""")


def edit(*pairs: tuple[str, str], base: str = BASE) -> str:
    out = base
    for old, new in pairs:
        assert old in out, old
        out = out.replace(old, new)
    return out


# --------------------------------------------------------------------------------------------
# the bundled annexes: no more changes than the co-facilitators wrote by hand


@pytest.mark.parametrize(
    "base, hand, accepted",
    [
        ("drafts/ICC-ASP-19-Res.2.fr.md", "drafts/2021/Res.2", "tests/golden/annex1.accepted.md"),
        ("drafts/ICC-ASP-19-Res.6-coop.fr.md", "drafts/2021/Res.6-coop", "tests/golden/annex2.accepted.md"),
    ],
)
def test_annex_derived_from_the_accepted_text_is_no_bigger_than_the_hand_written_set(base, hand, accepted):
    base_res = api.load(str(REPO / base))
    edited = api.load(str(REPO / accepted))
    derivation = derive(base_res, edited)
    by_hand = load_amendments([str(REPO / hand)])
    assert derivation.unexpressed == []
    # a [meta] key counts as one change, as amend counts it
    assert len(derivation.proposals) + len(derivation.meta_table) <= len(by_hand)
    for p in derivation.proposals:
        if p.op == "replace":
            old = next(x.node for x in iter_labelled(base_res) if x.label == p.at)
            assert changed_share(old.content, parse_inline(p.text)) > REPLACE_SHARE
    result = api.apply(base_res, derivation.changes("Co-facilitateurs"))
    assert api.to_markdown(result.new) == (REPO / accepted).read_text(encoding="utf-8")


def test_annex_one_changes_are_the_co_facilitators_own():
    accepted = (REPO / "tests/golden/annex1.accepted.md").read_text(encoding="utf-8")
    added = re.search(r"ICC-ASP-18/Res\.3, (\S+) et", accepted).group(1)  # the seed's symbol, or roll-over's
    derivation = derive(api.load(str(REPO / "drafts/ICC-ASP-19-Res.2.fr.md")), api.load(str(REPO / "tests/golden/annex1.accepted.md")))
    got = [(p.op, p.at or p.after, p.find, p.replace) for p in derivation.proposals]
    deleted = (
        " et gardant à l'esprit le mécanisme créé pour assurer le suivi de l'évaluation et de la mise en œuvre des "
        "recommandations des experts indépendants, conformément à la résolution sur l'examen de la Cour pénale "
        "internationale et au Plan d'action global du Mécanisme d'examen, de poursuivre son évaluation des "
        "recommandations relatives à la coopération et leur suivi, dont leur mise en œuvre s'il y a lieu, en vue de "
        "cerner des défis, mesures concrètes et activités de suivi afin de surmonter ces défis"
    )
    assert got == [
        ("substitute", "PP1", "ICC-ASP-18/Res.3", f"ICC-ASP-18/Res.3, {added}"),
        ("substitute", "OP2", "de deux suspects en juin 2020 et en novembre 2020", "d'un suspect en janvier 2021"),
        ("insert", "OP21", None, None),
        ("substitute", "OP24", "vingtième", "vingt-et-unième"),
        ("substitute", "OP32", "Prie", "*Encourage*"),
        ("substitute", "OP32", "d'accélérer", "à poursuivre"),
        ("substitute", "OP33", deleted, ""),
        ("substitute", "OP33", "vingtième", "vingt-et-unième"),
        ("substitute", "OP33", ", conformément au cadre général mis en place par l'Assemblée pour le Mécanisme", ""),
        ("substitute", "OP37", "7e", "8^e"),
        ("substitute", "OP37", "2021", "2022"),
        ("insert", "OP37", None, None),
        ("substitute", "OP38", "vingtième", "vingt-et-unième"),
    ]
    reviews = [p.review for p in derivation.proposals]
    assert reviews[3] == "OP24: « sa vingtième session » → « sa vingt-et-unième session »"
    assert reviews[2] == "new paragraph after OP21: « Se félicite de la conclusion d'un accord entre la Cour et la … sur l'exécution des peines ; »"


def test_the_derived_annex_file_is_the_reviewed_one(tmp_path):
    """The whole file, as written for a facilitator: header, base line, the ``[meta]`` table
    (Annex I is a draft of the 20th session), one comment per change and per key."""
    _, text = api.derive_amendments(
        api.load(str(REPO / "drafts/ICC-ASP-19-Res.2.fr.md")),
        api.load(str(REPO / "tests/golden/annex1.accepted.md")),
        sponsor="Co-facilitateurs (France, Sénégal)",
        date="2021-11-04",
        base_name="drafts/ICC-ASP-19-Res.2.fr.md",
        edited_name="tests/golden/annex1.accepted.md",
        base_ref="../../drafts/ICC-ASP-19-Res.2.fr.md",
        derived_on="2021-11-04",
    )
    golden = REPO / "tests/golden/annex1.derived.toml"
    assert text == golden.read_text(encoding="utf-8").replace("{version}", __import__("resodraft").__version__)


# --------------------------------------------------------------------------------------------
# words inside a paragraph


def test_the_find_is_the_changed_word_when_it_is_unique():
    d = derived(BASE, edit(("vingtième session", "vingt-et-unième session")))
    assert changes(d) == [{"op": "substitute", "at": "OP3(b)", "find": "vingtième", "replace": "vingt-et-unième"}]
    assert d.proposals[0].review == "OP3(b): « sa vingtième session » → « sa vingt-et-unième session »"


def test_a_repeated_word_borrows_the_fewest_neighbours_that_make_it_unique():
    d = derived(BASE, edit(("à la Cour sur", "à la Présidence sur")))
    assert changes(d) == [{"op": "substitute", "at": "OP1", "find": "Cour sur", "replace": "Présidence sur"}]


def test_occurrence_only_when_no_short_find_is_unique():
    base = doc("1. *Note* " + ", ".join(["la Cour"] * 12) + " ;\n\n2. *Décide* de rester saisie.")
    words = ["la Cour"] * 12
    words[5] = "la Chambre"
    d = derived(base, doc("1. *Note* " + ", ".join(words) + " ;\n\n2. *Décide* de rester saisie."))
    assert changes(d) == [{"op": "substitute", "at": "OP1", "find": "Cour", "replace": "Chambre", "occurrence": 6}]


def test_a_new_lead_verb_keeps_its_italics():
    d = derived(BASE, edit(("3. *Prie* le Bureau", "3. *Encourage* le Bureau")))
    assert changes(d) == [{"op": "substitute", "at": "OP3", "find": "Prie", "replace": "*Encourage*"}]


def test_words_added_at_the_end_are_anchored_on_a_neighbour():
    d = derived(BASE, edit(("les États à coopérer ;", "les États à coopérer pleinement avec la Cour ;")))
    assert changes(d) == [
        {"op": "substitute", "at": "OP2", "find": "coopérer", "replace": "coopérer pleinement avec la Cour"}
    ]


def test_a_deletion_takes_its_space_with_it():
    d = derived(BASE, edit(("de rester saisie de la question.", "de rester saisie.")))
    assert changes(d) == [{"op": "substitute", "at": "OP4", "find": " de la question", "replace": ""}]


def test_a_rewritten_paragraph_is_one_replace():
    new = "2. *Demande* aux organisations régionales de soutenir pleinement la Présidence ;"
    d = derived(BASE, edit(("2. *Invite* les États à coopérer ;", new)))
    assert changes(d) == [
        {"op": "replace", "at": "OP2", "text": "*Demande* aux organisations régionales de soutenir pleinement la Présidence ;"}
    ]
    assert d.proposals[0].review.startswith("OP2 replaced: « Invite les États à coopérer ; » → « Demande aux")


def test_a_paragraph_cut_by_most_of_its_words_still_gets_a_substitute():
    base = doc("1. *Prie* le Bureau de faire rapport à l'Assemblée, conformément au cadre général mis en place "
               "par l'Assemblée pour le Mécanisme d'examen et au Plan d'action global, à sa vingtième session ;"
               "\n\n2. *Décide* de rester saisie.")
    cut = base.replace(", conformément au cadre général mis en place par l'Assemblée pour le Mécanisme d'examen et au "
                       "Plan d'action global,", "")
    d = derived(base, cut)
    assert [p.op for p in d.proposals] == ["substitute"]


# --------------------------------------------------------------------------------------------
# paragraphs


def test_a_new_paragraph_is_inserted_after_the_one_before_it():
    d = derived(BASE, edit(("2. *Invite*", "2. *Salue* les progrès accomplis ;\n\n3. *Invite*"), ("3. *Prie* le", "4. *Prie* le"),
                           ("4. *Décide*", "5. *Décide*")))
    assert changes(d) == [{"op": "insert", "after": "OP1", "text": "*Salue* les progrès accomplis ;"}]


def test_a_new_first_operative_paragraph_goes_before_the_first_one():
    body = BASE.replace("1. *Prie* la Cour", "1. *Souligne* l'importance de la coopération ;\n\n2. *Prie* la Cour")
    for old, new in (("2. *Invite*", "3. *Invite*"), ("3. *Prie* le", "4. *Prie* le"), ("4. *Décide*", "5. *Décide*")):
        body = body.replace(old, new, 1) if old != "2. *Invite*" else body.replace(old, new)
    d = derived(BASE, body)
    assert changes(d) == [{"op": "insert", "before": "OP1", "text": "*Souligne* l'importance de la coopération ;"}]


def test_a_new_heading():
    d = derived(BASE, edit(("2. *Invite*", "## Coopération volontaire\n\n2. *Invite*")))
    assert changes(d) == [{"op": "insert", "after": "OP1", "heading": "Coopération volontaire"}]
    assert d.proposals[0].review == "new heading after OP1: « Coopération volontaire »"


def test_a_deleted_paragraph_and_its_sub_paragraphs():
    d = derived(BASE, edit(("3. *Prie* le Bureau :\n\na) de poursuivre les discussions ;\n\nb) de faire rapport à l'Assemblée "
                            "à sa vingtième session ;\n\n4.", "3.")))
    assert changes(d) == [{"op": "delete", "at": "OP3"}]
    assert d.proposals[0].review == "OP3 deleted: « Prie le Bureau : »"


def test_a_moved_paragraph():
    moved = BASE.replace("1. *Prie* la Cour de faire rapport à la Cour sur la coopération ;\n\n2. *Invite* les États à coopérer ;",
                         "1. *Invite* les États à coopérer ;\n\n2. *Prie* la Cour de faire rapport à la Cour sur la coopération ;")
    d = derived(BASE, moved)
    assert changes(d) == [{"op": "move", "at": "OP1", "after": "OP2"}]


def test_a_moved_and_edited_paragraph_is_a_move_and_a_substitute():
    moved = BASE.replace("1. *Prie* la Cour de faire rapport à la Cour sur la coopération ;\n\n2. *Invite* les États à coopérer ;",
                         "1. *Invite* les États à coopérer ;\n\n2. *Prie* la Cour de faire rapport à la Cour sur la coopération "
                         "judiciaire ;")
    d = derived(BASE, moved)
    assert changes(d) == [
        {"op": "substitute", "at": "OP1", "find": "coopération", "replace": "coopération judiciaire"},
        {"op": "move", "at": "OP1", "after": "OP2"},
    ]


def test_sub_paragraphs_change_arrive_and_go():
    d = derived(BASE, edit(("a) de poursuivre les discussions ;\n\nb) de faire rapport à l'Assemblée à sa vingtième session ;",
                            "a) de faire rapport à l'Assemblée à sa prochaine session ;\n\nb) de consulter les États ;")))
    assert changes(d) == [
        {"op": "delete", "at": "OP3(a)"},
        {"op": "substitute", "at": "OP3(b)", "find": "vingtième", "replace": "prochaine"},
        {"op": "insert", "after": "OP3(b)", "text": "de consulter les États ;"},
    ]


def test_lettered_parts_address_part_labels():
    base = (REPO / "tests/fixtures/xref/mandats-parts.fr.md").read_text(encoding="utf-8")
    d = derived(base, base.replace("c) *invite* la Cour à continuer", "c) *encourage* la Cour à continuer"))
    assert changes(d) == [{"op": "substitute", "at": "B.OP1(c)", "find": "invite", "replace": "*encourage*"}]


# --------------------------------------------------------------------------------------------
# numbers and references: consequences, not changes


COOP = (REPO / "tests/fixtures/xref/cooperation.fr.md").read_text(encoding="utf-8")


def test_renumbered_paragraphs_and_repaired_references_are_not_changes():
    """A new paragraph 2: the copy shows paragraphs 3–9 and references renumbered, as apply would."""
    base = read_markdown(COOP, "coop.md")
    insert = parse_amendment_text(
        'sponsor = "x"\n[[change]]\nop = "insert"\nafter = "OP1"\ntext = "*Salue* l\'accord conclu ;"\n', "x.toml"
    )
    edited = api.to_markdown(api.apply(base, insert).new)
    assert "paragraphes 3, 5 et 7 de la présente résolution" in edited  # renumbered in the copy
    d = derived(COOP, edited)
    assert changes(d) == [{"op": "insert", "after": "OP1", "text": "*Salue* l'accord conclu ;"}]


def test_a_reference_the_delegation_writes_is_written_in_base_numbering():
    base = read_markdown(COOP, "coop.md")
    insert = parse_amendment_text(
        'sponsor = "x"\n[[change]]\nop = "insert"\nafter = "OP1"\ntext = "*Salue* l\'accord conclu ;"\n', "x.toml"
    )
    copy = api.to_markdown(api.apply(base, insert).new)
    # in the copy, paragraph 6 is the base's OP5: the delegation refers to it by its new number
    copy = copy.replace("8. *Décide* d'examiner", "8. *Décide*, compte tenu du paragraphe 6 ci-dessus, d'examiner")
    d = derived(COOP, copy)
    assert changes(d)[1] == {"op": "substitute", "at": "OP7", "find": "Décide", "replace": "*Décide*, compte tenu du paragraphe 5 ci-dessus,"}


def test_references_a_word_processor_left_unrenumbered_are_apply_s_to_renumber():
    """Word numbers the paragraphs of a copy, not the references typed in them: those stay as
    the base wrote them. They are no change of the delegation's; apply renumbers them."""
    copy = COOP.replace("1. *Souligne* l'importance d'une coopération efficace avec la Cour ;",
                        "1. *Souligne* l'importance d'une coopération efficace avec la Cour ;\n\n1. *Salue* l'accord ;")
    copy = api.to_markdown(renumber(read_markdown(copy, "copy.md"))[0])
    assert "8. *Décide* d'examiner à nouveau les paragraphes 2, 4 et 6" in copy  # stale
    d = derived(COOP, copy)
    assert changes(d) == [{"op": "insert", "after": "OP1", "text": "*Salue* l'accord ;"}]
    assert d.unexpressed == []
    assert ("OP7: the copy renumbers the paragraphs but keeps « paragraphes 2, 4 et 6 de »; apply writes "
            "« paragraphes 3, 5 et 7 de », the same paragraph in the new numbering") in d.remarks


def test_a_copy_typed_without_renumbering_is_read_in_the_base_numbering():
    copy = COOP.replace("2. *Rappelle*", "2. *Salue* l'accord ;\n\n2. *Rappelle*")
    d = derived(COOP, copy)
    assert changes(d) == [{"op": "insert", "after": "OP1", "text": "*Salue* l'accord ;"}]
    assert d.unexpressed == []
    assert d.remarks == [
        "the copy's paragraphs are not numbered 1, 2, 3 …: its references are read in the base's numbering, "
        "and apply numbers both"
    ]


# --------------------------------------------------------------------------------------------
# footnotes


def test_a_new_paragraph_brings_its_new_footnote():
    d = derived(BASE + "", edit(("2. *Invite* les États à coopérer ;", "2. *Invite* les États à coopérer ;\n\n3. *Salue* "
                                 "l'accord[^1] ;"), ("3. *Prie* le", "4. *Prie* le"), ("4. *Décide*", "5. *Décide*"))
                + "\n[^1]: ICC-ASP/20/12.\n")
    assert changes(d) == [
        {"op": "insert", "after": "OP2", "text": "*Salue* l'accord[^n1] ;", "notes": {"n1": "ICC-ASP/20/12."}}
    ]


def test_a_deleted_call_takes_its_footnote_without_another_change():
    base = doc("*Saluant* le rapport de la Cour[^1],\n\n1. *Prie* la Cour ;\n\n2. *Décide* de rester saisie.\n\n[^1]: ICC-ASP/19/25.")
    d = derived(base, base.replace(" de la Cour[^1]", "").replace("\n\n[^1]: ICC-ASP/19/25.", ""))
    assert changes(d) == [{"op": "substitute", "at": "PP1", "find": " de la Cour", "replace": ""}]


def test_a_changed_call_among_changed_words():
    base = doc("*Saluant* le rapport de la Cour[^1] et son annexe,\n\n1. *Prie* la Cour ;\n\n2. *Décide* de rester saisie."
               "\n\n[^1]: ICC-ASP/19/25.")
    d = derived(base, base.replace("de la Cour[^1] et", "du Greffe et").replace("\n\n[^1]: ICC-ASP/19/25.", ""))
    assert [p.op for p in d.proposals] == ["substitute", "substitute"]


# --------------------------------------------------------------------------------------------
# what an amendment file cannot say (yet): reported, never hidden


def test_a_changed_footnote_and_front_matter_are_fn_changes_and_a_meta_table():
    base = doc("*Saluant* le rapport[^1],\n\n1. *Prie* la Cour ;\n\n2. *Décide* de rester saisie.\n\n[^1]: ICC-ASP/19/25.")
    copy = base.replace("language: fr", "language: fr\nsession: 20").replace("ICC-ASP/19/25.", "ICC-ASP/20/25.")
    d = derived(base, copy)
    assert changes(d) == [{"op": "replace", "at": "FN1", "text": "ICC-ASP/20/25."}]
    assert d.proposals[0].review == "FN1 replaced: « ICC-ASP/19/25. » → « ICC-ASP/20/25. »"
    assert d.meta_table == [("session", "20")]
    assert d.unexpressed == []
    result = api.apply(read_markdown(base, "b.md"), d.changes("France")).new
    assert api.to_markdown(result) == api.to_markdown(read_markdown(copy, "c.md"))


def test_a_few_words_of_a_footnote_are_a_substitute_on_its_label():
    base = doc("*Saluant* le rapport[^1],\n\n1. *Prie* la Cour ;\n\n2. *Décide* de rester saisie.\n\n"
               "[^1]: Rapport de la Cour sur la coopération, ICC-ASP/19/25, paragraphe 12.")
    d = derived(base, base.replace("ICC-ASP/19/25", "ICC-ASP/20/25"))
    assert changes(d) == [{"op": "substitute", "at": "FN1", "find": "ICC-ASP/19/25", "replace": "ICC-ASP/20/25"}]
    assert d.unexpressed == []


def test_what_a_meta_table_cannot_set_is_reported():
    base = doc("1. *Prie* la Cour ;\n\n2. *Décide* de rester saisie.")
    d = derived(base, base.replace("language: fr", "language: fr\nrapporteur: M. X"))
    assert d.proposals == [] and d.meta_table == []
    assert d.unexpressed == [
        "front matter: the copy changes rapporteur from nothing to « M. X »; a [meta] table sets symbol, title, "
        "session, date, status, adopted, not rapporteur"
    ]


def test_sub_paragraphs_under_a_new_paragraph_are_reported():
    d = derived(BASE, edit(("4. *Décide*", "4. *Prie* la Présidence :\n\na) de consulter ;\n\nb) de faire rapport ;\n\n5. *Décide*")))
    assert changes(d) == [{"op": "insert", "after": "OP3", "text": "*Prie* la Présidence :"}]
    assert d.unexpressed == [
        "OP4 of the copy, a new paragraph, has sub-paragraphs; amendment files cannot insert sub-paragraphs under "
        "a new paragraph: add them after applying"
    ]


def test_no_change_derives_nothing():
    d = derived(BASE, BASE.replace("\n\n", "\n\n\n"))
    assert d.proposals == [] and d.unexpressed == []


# --------------------------------------------------------------------------------------------
# amend: what deriving found


def test_amend_places_inserts_among_the_sub_paragraphs_of_a_moved_paragraph():
    base = read_markdown(BASE, "base.md")
    changes_ = parse_amendment_text(
        'sponsor = "x"\n[[change]]\nop = "move"\nat = "OP3"\nafter = "OP4"\n'
        '[[change]]\nop = "insert"\nafter = "OP3(a)"\ntext = "de consulter ;"\n',
        "x.toml",
    )
    new = api.apply(base, changes_).new
    assert [x.label for x in iter_labelled(new)][-4:] == ["OP4", "OP4(a)", "OP4(b)", "OP4(c)"]
    assert api.to_markdown(new).count("b) de consulter ;") == 1
