"""compare(): paragraphs aligned first, then words; rejecting every change gives the old text."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resodraft.model import (
    Footnote,
    Heading,
    NoteRef,
    Op,
    Operative,
    Resolution,
    Span,
    SubParagraph,
    Text,
    iter_labelled,
    normalize,
    plain,
    plain_text,
    side,
    with_uids,
)
from resodraft.readers.markdown import read_markdown
from resodraft.redline import compare, equal_pairs, summary, word_diff
from resodraft.tokenize import tokenize

I = frozenset({"i"})


def doc(text: str) -> Resolution:
    return read_markdown(text, "test.md")


def ops_of(redline, label: str) -> list[tuple[str, str]]:
    (p,) = [p for p in redline.paragraphs if p.new == label]
    return [(op.kind, plain(op.content)) for op in p.ops]


def statuses(redline) -> list[tuple[str | None, str | None, str]]:
    return [(p.old, p.new, p.status) for p in redline.paragraphs]


OLD = """L'Assemblée des États Parties,

*Rappelant* sa résolution ICC-ASP/19/Res.2,

1. *Souligne* l'importance de la coopération ;

2. *Exprime* sa vive préoccupation au sujet de la non-exécution des mandats d'arrêt, nonobstant l'arrestation et la remise à la Cour de deux suspects en juin 2020 et en novembre 2020 et *appelle* les États à coopérer pleinement ;

3. *Prie* le Bureau, par l'entremise de ses Groupes de travail, d'accélérer son examen des recommandations ;

4. *Décide* de rester saisie de la question ;
"""


class TestParagraphAlignment:
    def test_an_inserted_paragraph_does_not_turn_the_following_ones_into_changes(self):
        new = OLD.replace("3. *Prie*", "3. *Se félicite* de la conclusion d'un accord entre la Cour et la France ;\n\n4. *Prie*").replace(
            "4. *Décide*", "5. *Décide*"
        )
        r = compare(doc(OLD), doc(new))
        assert statuses(r) == [
            ("PP1", "PP1", "equal"),
            ("OP1", "OP1", "equal"),
            ("OP2", "OP2", "equal"),
            (None, "OP3", "inserted"),
            ("OP3", "OP4", "equal"),
            ("OP4", "OP5", "equal"),
        ]
        assert ops_of(r, "OP3") == [("+", "Se félicite de la conclusion d'un accord entre la Cour et la France ;")]

    def test_a_renumbered_paragraph_is_equal_and_keeps_both_numbers(self):
        new = OLD.replace("1. *Souligne* l'importance de la coopération ;\n\n", "").replace("2. *Exprime*", "1. *Exprime*")
        new = new.replace("3. *Prie*", "2. *Prie*").replace("4. *Décide*", "3. *Décide*")
        r = compare(doc(OLD), doc(new))
        assert statuses(r) == [
            ("PP1", "PP1", "equal"),
            ("OP1", None, "deleted"),
            ("OP2", "OP1", "equal"),
            ("OP3", "OP2", "equal"),
            ("OP4", "OP3", "equal"),
        ]
        deleted = r.paragraphs[1]
        assert (deleted.old_number, deleted.new_number) == ("1", None)
        assert [(op.kind, plain(op.content)) for op in deleted.ops] == [("-", "Souligne l'importance de la coopération ;")]
        assert (r.paragraphs[2].old_number, r.paragraphs[2].new_number) == ("2", "1")

    def test_a_paragraph_moved_elsewhere_is_struck_where_it_was_and_inserted_where_it_stands(self):
        new = """L'Assemblée des États Parties,

*Rappelant* sa résolution ICC-ASP/19/Res.2,

1. *Exprime* sa vive préoccupation au sujet de la non-exécution des mandats d'arrêt, nonobstant l'arrestation et la remise à la Cour de deux suspects en juin 2020 et en novembre 2020 et *appelle* les États à coopérer pleinement ;

2. *Prie* le Bureau, par l'entremise de ses Groupes de travail, d'accélérer son examen des recommandations ;

3. *Décide* de rester saisie de la question ;

4. *Souligne* l'importance de la coopération ;
"""
        r = compare(doc(OLD), doc(new))
        assert statuses(r) == [
            ("PP1", "PP1", "equal"),
            ("OP1", None, "moved"),
            ("OP2", "OP1", "equal"),
            ("OP3", "OP2", "equal"),
            ("OP4", "OP3", "equal"),
            ("OP1", "OP4", "moved"),
        ]
        assert [op.kind for op in r.paragraphs[1].ops] == ["-"]
        assert [op.kind for op in r.paragraphs[5].ops] == ["+"]
        assert summary(r) == {"equal": 4, "changed": 0, "inserted": 0, "deleted": 0, "moved": 1}

    def test_a_cut_down_paragraph_stays_one_changed_paragraph(self):
        old = "1. *Prie* le Bureau, par l'entremise de la facilitation sur la coopération, et gardant à l'esprit le mécanisme créé pour suivre l'évaluation et la mise en œuvre des recommandations des experts indépendants, de continuer à évaluer les recommandations liées à la coopération ;\n"
        new = "1. *Prie* le Bureau, par l'entremise de la facilitation sur la coopération ;\n"
        r = compare(doc(old), doc(new))
        assert statuses(r) == [("OP1", "OP1", "changed")]
        assert ops_of(r, "OP1")[-2:] == [
            ("-", ", et gardant à l'esprit le mécanisme créé pour suivre l'évaluation et la mise en œuvre des recommandations des experts indépendants, de continuer à évaluer les recommandations liées à la coopération"),
            ("=", " ;"),
        ]  # fmt: skip

    def test_unrelated_paragraphs_in_the_same_place_are_deleted_and_inserted_not_changed(self):
        old = "1. *Prie* le Bureau de faire rapport sur la coopération à sa prochaine session ;\n"
        new = "1. *Accueille avec satisfaction* les contributions volontaires versées au Fonds spécial pour les réinstallations ;\n"
        r = compare(doc(old), doc(new))
        assert statuses(r) == [("OP1", None, "deleted"), (None, "OP1", "inserted")]

    def test_headings_parts_and_subparagraphs_are_aligned_like_paragraphs(self):
        old = "# A. Coopération\n\n1. *Rappelle* sa résolution ;\n\n## Mandats\n\n2. En ce qui concerne la coopération,\n\na) *prie* le Bureau de faire rapport à sa vingtième session ;\n\nb) *invite* la Cour à continuer ;\n"
        new = "# A. Coopération\n\n1. *Rappelle* sa résolution ;\n\n## Mandats\n\n2. En ce qui concerne la coopération,\n\na) *prie* le Bureau de faire rapport à sa vingt-et-unième session ;\n\nb) *encourage* les États à coopérer ;\n\nc) *invite* la Cour à continuer ;\n"
        r = compare(doc(old), doc(new))
        assert [(p.kind, p.old, p.new, p.status, p.level) for p in r.paragraphs] == [
            ("part", "A", "A", "equal", 1),
            ("operative", "A.OP1", "A.OP1", "equal", 1),
            ("heading", "H1", "H1", "equal", 2),
            ("operative", "A.OP2", "A.OP2", "equal", 1),
            ("subparagraph", "A.OP2(a)", "A.OP2(a)", "changed", 1),
            ("subparagraph", None, "A.OP2(b)", "inserted", 1),
            ("subparagraph", "A.OP2(b)", "A.OP2(c)", "equal", 1),
        ]
        assert r.paragraphs[6].old_number == "b" and r.paragraphs[6].new_number == "c"

    def test_comparing_a_document_with_itself_gives_only_equal_paragraphs(self):
        r = compare(doc(OLD), doc(OLD))
        assert {p.status for p in r.paragraphs} == {"equal"}
        assert all(op.kind == "=" for p in r.paragraphs for op in p.ops)
        assert r.formula is not None and r.formula.status == "equal"


class TestWordDiff:
    def test_the_op2_change_is_one_deletion_and_one_insertion(self):
        new = OLD.replace("de deux suspects en juin 2020 et en novembre 2020", "d'un suspect en janvier 2021")
        r = compare(doc(OLD), doc(new))
        assert ops_of(r, "OP2") == [
            ("=", "Exprime sa vive préoccupation au sujet de la non-exécution des mandats d'arrêt, nonobstant l'arrestation et la remise à la Cour "),
            ("-", "de deux suspects en juin 2020 et en novembre 2020"),
            ("+", "d'un suspect en janvier 2021"),
            ("=", " et appelle les États à coopérer pleinement ;"),
        ]  # fmt: skip

    def test_a_lead_verb_change_keeps_its_italics_and_deletion_comes_first(self):
        new = OLD.replace("3. *Prie* le Bureau, par l'entremise de ses Groupes de travail, d'accélérer", "3. *Encourage* le Bureau, par l'entremise de ses Groupes de travail, à poursuivre")
        r = compare(doc(OLD), doc(new))
        (p,) = [p for p in r.paragraphs if p.new == "OP3"]
        assert [(op.kind, op.content) for op in p.ops[:3]] == [
            ("-", (Text("Prie", I),)),
            ("+", (Text("Encourage", I),)),
            ("=", (Text(" le Bureau, par l'entremise de ses Groupes de travail, "),)),
        ]
        assert [(op.kind, plain(op.content)) for op in p.ops[3:]] == [
            ("-", "d'accélérer"),
            ("+", "à poursuivre"),
            ("=", " son examen des recommandations ;"),
        ]

    def test_a_formatting_only_change_is_a_change(self):
        ops = word_diff((Text("Prie le Bureau"),), (Text("Prie", I), Text(" le Bureau")))
        assert [(op.kind, op.content) for op in ops] == [
            ("-", (Text("Prie"),)),
            ("+", (Text("Prie", I),)),
            ("=", (Text(" le Bureau"),)),
        ]

    def test_a_longer_unchanged_stretch_keeps_two_changes_apart(self):
        ops = word_diff(
            (Text("à sa vingtième session, conformément au cadre général ;"),),
            (Text("à sa vingt-et-unième session ;"),),
        )
        assert [(op.kind, plain(op.content)) for op in ops] == [
            ("=", "à sa "),
            ("-", "vingtième"),
            ("+", "vingt-et-unième"),
            ("=", " session"),
            ("-", ", conformément au cadre général"),
            ("=", " ;"),
        ]

    def test_a_short_function_word_between_two_changes_is_absorbed(self):
        ops = word_diff((Text("le Greffe de la Cour"),), (Text("le Bureau de l'Assemblée"),))
        assert [(op.kind, plain(op.content)) for op in ops] == [
            ("=", "le "),
            ("-", "Greffe de la Cour"),
            ("+", "Bureau de l'Assemblée"),
        ]

    def test_an_ordinal_and_a_year_change_as_whole_words(self):
        ops = word_diff(
            (Text("son 7"), Text("e", frozenset({"sup"})), Text(" séminaire en 2021,")),
            (Text("son 8"), Text("e", frozenset({"sup"})), Text(" séminaire en 2022,")),
        )
        assert [(op.kind, plain(op.content)) for op in ops] == [
            ("=", "son "),
            ("-", "7e"),
            ("+", "8e"),
            ("=", " séminaire en "),
            ("-", "2021"),
            ("+", "2022"),
            ("=", ","),
        ]

    def test_a_repeated_insertion_is_placed_at_the_end_of_the_sentence(self):
        ops = word_diff((Text("la Cour et la Cour"),), (Text("la Cour et la Cour et la Cour"),))
        assert [(op.kind, plain(op.content)) for op in ops] == [("=", "la Cour et la Cour"), ("+", " et la Cour")]


class TestFootnotes:
    OLD = "1. *Salue* le rapport[^1] ;\n\n2. *Prie* le Bureau, conformément à la résolution[^2], de faire rapport[^3] ;\n\n[^1]: ICC-ASP/19/25.\n\n[^2]: ICC-ASP/19/Res.7.\n\n[^3]: ICC-ASP/20/2549/33.\n"
    NEW = "1. *Salue* le rapport[^1] ;\n\n2. *Prie* le Bureau de faire rapport[^2] ;\n\n[^1]: ICC-ASP/19/25.\n\n[^2]: ICC-ASP/20/2549/33.\n"

    def test_footnotes_are_aligned_by_content_and_a_renumbered_one_is_equal(self):
        r = compare(doc(self.OLD), doc(self.NEW))
        assert [(n.old, n.new, n.status) for n in r.footnotes] == [
            ("1", "1", "equal"),
            ("2", None, "deleted"),
            ("3", "2", "equal"),
        ]

    def test_calls_of_the_same_footnote_are_equal_and_deleted_calls_keep_their_old_id(self):
        r = compare(doc(self.OLD), doc(self.NEW))
        (p,) = [p for p in r.paragraphs if p.new == "OP2"]
        assert [(op.kind, plain(op.content)) for op in p.ops] == [
            ("=", "Prie le Bureau"),
            ("-", ", conformément à la résolution[^2],"),
            ("=", " de faire rapport[^2] ;"),
        ]

    def test_a_changed_footnote_is_word_diffed(self):
        r = compare(doc("1. *Salue* le rapport[^1] ;\n\n[^1]: ICC-ASP/19/25, par. 3.\n"), doc("1. *Salue* le rapport[^1] ;\n\n[^1]: ICC-ASP/20/25, par. 3.\n"))
        (n,) = r.footnotes
        assert n.status == "changed"
        assert [(op.kind, plain(op.content)) for op in n.ops] == [
            ("-", "ICC-ASP/19/25"),
            ("+", "ICC-ASP/20/25"),
            ("=", ", par. 3."),
        ]


class TestAuthors:
    def test_a_change_takes_the_author_of_the_span_it_overlaps(self):
        new_content = (Text("à sa vingt-et-unième session"),)
        ops = word_diff(
            (Text("à sa vingtième session"),),
            new_content,
            spans=(Span(5, 20, "Co-facilitateurs", "2021-11-04"),),
            author="Secrétariat",
        )
        assert [(op.kind, op.author, op.date) for op in ops] == [
            ("=", None, None),
            ("-", "Co-facilitateurs", "2021-11-04"),
            ("+", "Co-facilitateurs", "2021-11-04"),
            ("=", None, None),
        ]

    def test_a_pure_deletion_takes_the_zero_width_span_at_its_place(self):
        ops = word_diff(
            (Text("le Bureau, par l'entremise de ses Groupes de travail, de poursuivre"),),
            (Text("le Bureau de poursuivre"),),
            spans=(Span(9, 9, "France"), Span(0, 2, "Sénégal")),
        )
        assert [(op.kind, plain(op.content), op.author) for op in ops] == [
            ("=", "le Bureau", None),
            ("-", ", par l'entremise de ses Groupes de travail,", "France"),
            ("=", " de poursuivre", None),
        ]

    def test_without_spans_authors_come_from_the_uid_then_the_defaults(self):
        old = doc(OLD)
        new = doc(OLD.replace("juin 2020", "janvier 2021").replace("4. *Décide* de rester saisie de la question ;\n", ""))
        r = compare(old, new, authors={"OP2": ("Suisse", "2021-10-01"), "OP4": ("Japon", None)}, author="Bureau", date="2021-11-04")
        (op2,) = [p for p in r.paragraphs if p.new == "OP2"]
        assert {(op.author, op.date) for op in op2.ops if op.kind != "="} == {("Suisse", "2021-10-01")}
        (gone,) = [p for p in r.paragraphs if p.status == "deleted"]
        assert (gone.author, gone.date) == ("Japon", None)
        assert [(op.kind, op.author) for op in gone.ops] == [("-", "Japon")]

    def test_inserted_paragraphs_take_the_default_author(self):
        r = compare(doc("1. *Décide* ;\n"), doc("1. *Décide* ;\n\n2. *Prie* le Bureau ;\n"), author="Bureau", date="2021-11-04")
        p = r.paragraphs[1]
        assert (p.status, p.author, p.date) == ("inserted", "Bureau", "2021-11-04")
        assert [(op.kind, op.author, op.date) for op in p.ops] == [("+", "Bureau", "2021-11-04")]


class TestByUid:
    def test_blocks_are_aligned_by_uid_whatever_their_text(self):
        old = doc(OLD)
        blocks = list(old.blocks)
        # OP1 rewritten beyond recognition, a new paragraph after it, OP4 moved before OP2
        blocks[1] = replace(blocks[1], content=(Text("Accueille", I), Text(" les contributions volontaires ;")))
        inserted = Operative("2", (Text("Nouveau paragraphe ;"),), uid="+1")
        new = replace(old, blocks=(blocks[0], blocks[1], inserted, blocks[4], blocks[2], blocks[3]))
        r = compare(old, new, by_uid=True)
        assert [(p.old, p.status) for p in r.paragraphs] == [
            ("PP1", "equal"),
            ("OP1", "changed"),
            (None, "inserted"),
            ("OP4", "moved"),
            ("OP2", "equal"),
            ("OP3", "equal"),
            ("OP4", "moved"),
        ]
        assert [p.new for p in r.paragraphs][3] is not None and r.paragraphs[6].new is None


# ----------------------------------------------------------------------------------------------
# properties: rejecting every change gives the old text, accepting every change the new one

WORDS = ["la", "Cour", "de", "l'", "Assemblée", "États", "Parties", "coopération", "vingtième", "vingt-et-unième",
         "session", "ICC-ASP/19/Res.2", "2021", "2022", "prie", "d'", "un", "suspect", "et", "Bureau"]  # fmt: skip
SEPARATORS = [" ", " ", " ", ", ", " ; ", "\u202f"]


@st.composite
def contents(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    text = "".join(w + ("" if w.endswith("'") else s) for w, s in zip(words, seps)).strip()
    lead = draw(st.sampled_from(["Prie", "Décide", "Rappelant", "Encourage"]))
    items = [Text(lead, I), Text(" " + text if text else "")]
    if draw(st.booleans()):
        items.append(NoteRef("1"))
    items.append(Text(" ;"))
    return normalize(items)


@st.composite
def resolutions(draw):
    n = draw(st.integers(1, 6))
    blocks = []
    for k in range(n):
        if draw(st.integers(0, 5)) == 0:
            blocks.append(Heading((Text(draw(st.sampled_from(["Coopération", "Mandats", "Coopération volontaire"]))),)))
        else:
            subs = ()
            if draw(st.integers(0, 4)) == 0:
                subs = (SubParagraph("a", draw(contents())), SubParagraph("b", draw(contents())))
            blocks.append(Operative(str(k + 1), draw(contents()), subs))
    notes = (Footnote("1", (Text("ICC-ASP/19/25."),)),)
    return with_uids(Resolution(formula=(Text("L'Assemblée des États Parties,"),), blocks=tuple(blocks), footnotes=notes))


@st.composite
def edited(draw, res: Resolution):
    blocks = list(res.blocks)
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["word", "insert", "delete", "move", "italic"]))
        if kind == "insert":
            at = draw(st.integers(0, len(blocks)))
            blocks.insert(at, Operative("0", draw(contents()), uid=f"+{len(blocks)}"))
        elif not blocks:
            continue
        else:
            k = draw(st.integers(0, len(blocks) - 1))
            if kind == "delete":
                del blocks[k]
            elif kind == "move":
                b = blocks.pop(k)
                blocks.insert(draw(st.integers(0, len(blocks))), b)
            else:
                b = blocks[k]
                text = plain_text(b.content)
                words = text.split(" ")
                w = draw(st.integers(0, len(words) - 1))
                if kind == "word":
                    words[w] = draw(st.sampled_from(WORDS))
                    content = (Text(" ".join(words)),) + tuple(x for x in b.content if isinstance(x, NoteRef))
                else:
                    content = (Text(" ".join(words[:w]) + " "), Text(words[w], I), Text(" " + " ".join(words[w + 1 :])))
                blocks[k] = replace(b, content=normalize(content))
    number = 0
    renumbered = []
    for b in blocks:
        if isinstance(b, Operative):
            number += 1
            b = replace(b, number=str(number))
        renumbered.append(b)
    return replace(res, blocks=tuple(renumbered))


def check_sides(old: Resolution, new: Resolution, r) -> None:
    old_items = list(iter_labelled(old))
    new_items = list(iter_labelled(new))
    rejected = [(p.old, side(p.ops, "old")) for p in r.paragraphs if p.old is not None and not (p.status == "moved" and p.new)]
    accepted = [(p.new, side(p.ops, "new")) for p in r.paragraphs if p.new is not None]
    assert rejected == [(x.label, normalize(x.node.content)) for x in old_items]
    assert accepted == [(x.label, normalize(x.node.content)) for x in new_items]
    assert side(r.formula.ops, "old") == old.formula and side(r.formula.ops, "new") == new.formula


def boundaries(ops, which: str) -> set[int]:
    at, out = 0, set()
    for op in ops:
        if op.kind in ({"=", "-"} if which == "old" else {"=", "+"}):
            at += len(plain(op.content))
            out.add(at)
    return out


def check_word_boundaries(r) -> None:
    for p in r.paragraphs:
        kinds = "".join(op.kind for op in p.ops)
        assert "+-" not in kinds and "--" not in kinds and "++" not in kinds and "==" not in kinds, kinds
        for which in ("old", "new"):
            content = side(p.ops, which)
            allowed, at = {0}, 0
            for tok in tokenize(content):
                at += len(plain((tok.content)))
                allowed.add(at)
            assert boundaries(p.ops, which) <= allowed, (p, which)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_rejecting_all_gives_the_old_text_and_accepting_all_the_new_one(data):
    old = data.draw(resolutions())
    new = data.draw(edited(old))
    for by_uid in (False, True):
        r = compare(old, new, by_uid=by_uid)
        check_sides(old, new, r)
        check_word_boundaries(r)


@settings(max_examples=40, deadline=None)
@given(resolutions())
def test_a_document_compared_with_itself_is_all_equal(res):
    r = compare(res, res)
    assert {p.status for p in r.paragraphs} <= {"equal"}
    assert {n.status for n in r.footnotes} == {"equal"}
    assert all(op.kind == "=" for p in r.paragraphs for op in p.ops)


@given(st.lists(st.integers(0, 6), max_size=30), st.lists(st.integers(0, 6), max_size=30))
def test_equal_pairs_are_equal_items_in_order(a, b):
    pairs = equal_pairs(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert pairs == sorted(pairs) and len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert [i for i, _ in pairs] == sorted(i for i, _ in pairs) and [j for _, j in pairs] == sorted(j for _, j in pairs)


def test_op_is_the_model_op():
    # word_diff returns the model's Op, so every writer renders the same objects
    assert isinstance(word_diff((Text("a"),), (Text("b"),))[0], Op)
