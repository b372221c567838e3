"""Amendment files: loading, addressing the base, composing, refusing bad or conflicting changes."""

from __future__ import annotations

import textwrap

import pytest

from resodraft.amend import amend, load_amendments, parse_amendment_text
from resodraft.errors import AmendmentError, ConflictError
from resodraft.model import Operative, Preambular, SubParagraph, Text, labels, plain, plain_text
from resodraft.readers.markdown import read_markdown

BASE = textwrap.dedent(
    """\
    ---
    symbol: ICC-ASP/1/Res.1
    language: fr
    ---

    L'Assemblée des États Parties,

    *Rappelant* ses résolutions antérieures,

    *Notant* le rapport de la Cour,

    1. *Souligne* l'importance de la coopération ;

    2. *Prie* le Bureau de faire rapport à sa vingtième session ;

    3. *Invite* les États :

    a) à coopérer ;

    b) à ratifier l'Accord ;

    4. *Décide* de poursuivre l'examen de la question à sa vingtième session.
    """
)


def base():
    return read_markdown(BASE, "base.md")


def changes(toml: str, file: str = "a.toml"):
    return parse_amendment_text(textwrap.dedent(toml), file)


HEAD = 'sponsor = "France"\ndate = 2021-11-04\n'


def test_substitute_keeps_formatting_of_what_it_replaces():
    res = amend(base(), changes(HEAD + '[[change]]\nop = "substitute"\nat = "OP2"\nfind = "Prie"\nreplace = "Encourage"\n')).resolution
    op2 = res.blocks[3]
    assert isinstance(op2, Operative)
    assert op2.content[0] == Text("Encourage", frozenset({"i"}))
    assert op2.authors[0].author == "France" and op2.authors[0].date == "2021-11-04"
    assert (op2.authors[0].start, op2.authors[0].end) == (0, 9)


def test_substitute_with_markdown_replacement():
    res = amend(base(), changes(HEAD + '[[change]]\nop = "substitute"\nat = "OP1"\nfind = "Souligne"\nreplace = "*Rappelle*"\n')).resolution
    assert res.blocks[2].content[0] == Text("Rappelle", frozenset({"i"}))


def test_empty_replace_deletes_the_phrase():
    res = amend(
        base(),
        changes(HEAD + '[[change]]\nop = "substitute"\nat = "OP2"\nfind = " de faire rapport à sa vingtième session"\nreplace = ""\n'),
    ).resolution
    assert plain(res.blocks[3].content) == "Prie le Bureau ;"
    span = res.blocks[3].authors[0]
    assert span.start == span.end == len("Prie le Bureau")


def test_occurrence_picks_one_of_repeated_phrases():
    doc = BASE.replace("l'examen de la question", "l'examen de la question et de la question")
    res = amend(
        read_markdown(doc, "b.md"),
        changes(HEAD + '[[change]]\nop = "substitute"\nat = "OP4"\nfind = "la question"\nreplace = "ce point"\noccurrence = 2\n'),
    ).resolution
    assert "l'examen de la question et de ce point" in plain(res.blocks[-1].content)


def test_ambiguous_phrase_lists_occurrences():
    doc = BASE.replace("l'examen de la question", "l'examen de la question et de la question")
    with pytest.raises(AmendmentError) as err:
        amend(read_markdown(doc, "b.md"), changes(HEAD + '[[change]]\nop = "substitute"\nat = "OP4"\nfind = "la question"\nreplace = "x"\n'))
    msg = str(err.value)
    assert msg.startswith("a.toml:6: 'la question' occurs 2 times in OP4 (1: …")
    assert msg.endswith("— add occurrence = N, or a longer find")


def test_phrase_not_found():
    with pytest.raises(AmendmentError) as err:
        amend(base(), changes(HEAD + '[[change]]\nop = "substitute"\nat = "OP1"\nfind = "vingt-et-unième"\nreplace = "x"\n'))
    assert str(err.value) == (
        "a.toml:6: 'vingt-et-unième' is not in OP1 — copy the words exactly as they stand "
        "in the base text, without * or ^ markup"
    )


def test_curly_apostrophe_still_finds_the_phrase():
    res = amend(base(), changes(HEAD + "[[change]]\nop = \"substitute\"\nat = \"OP3(b)\"\nfind = \"l’Accord\"\nreplace = \"le Statut\"\n")).resolution
    assert plain(res.blocks[4].subs[1].content) == "à ratifier le Statut ;"


def test_unknown_label_suggests_the_closest():
    with pytest.raises(AmendmentError) as err:
        amend(base(), changes(HEAD + '[[change]]\nop = "delete"\nat = "OP5"\n'))
    assert str(err.value) == (
        "a.toml:5: unknown label 'OP5' — did you mean 'OP4'?; the base has OP1…OP4; "
        "run 'resodraft show BASE' to list the labels"
    )


def test_insert_delete_move_keep_uids_and_authors():
    amended = amend(
        base(),
        changes(
            HEAD
            + '[[change]]\nop = "insert"\nafter = "OP1"\ntext = "*Se félicite* de la conclusion d\'un accord ;"\n'
            + '[[change]]\nop = "delete"\nat = "PP2"\nsponsor = "Sénégal"\n'
            + '[[change]]\nop = "move"\nat = "OP4"\nbefore = "OP2"\n'
        ),
    )
    res = amended.resolution
    assert [b.uid for b in res.blocks] == ["PP1", "OP1", "+a.toml#1", "OP4", "OP2", "OP3"]
    assert isinstance(res.blocks[2], Operative) and res.blocks[2].number is None
    assert amended.authors == {
        "+a.toml#1": ("France", "2021-11-04"),
        "PP2": ("Sénégal", "2021-11-04"),
        "OP4": ("France", "2021-11-04"),
    }
    assert amended.inserted == ["+a.toml#1"] and amended.deleted == ["PP2"] and amended.moved == ["OP4"]
    assert amended.per_sponsor() == {"France": 2, "Sénégal": 1}


def test_insert_sub_paragraph_and_preambular_and_heading():
    res = amend(
        base(),
        changes(
            HEAD
            + '[[change]]\nop = "insert"\nafter = "OP3(a)"\ntext = "à désigner un point focal ;"\n'
            + '[[change]]\nop = "insert"\nafter = "PP1"\ntext = "*Rappelant en outre* le Statut de Rome,"\n'
            + '[[change]]\nop = "insert"\nbefore = "OP3"\nheading = "Coopération volontaire"\n'
        ),
    ).resolution
    kinds = [b.kind for b in res.blocks]
    assert kinds == ["preambular", "preambular", "preambular", "operative", "operative", "heading", "operative", "operative"]
    subs = res.blocks[6].subs
    assert [plain_text(s.content) for s in subs] == ["à coopérer ;", "à désigner un point focal ;", "à ratifier l'Accord ;"]
    assert isinstance(subs[1], SubParagraph) and subs[1].style == ")"


def test_independent_files_compose(tmp_path):
    (tmp_path / "a.toml").write_text(HEAD + '[[change]]\nop = "substitute"\nat = "OP2"\nfind = "vingtième"\nreplace = "vingt-et-unième"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('sponsor = "Sénégal"\n[[change]]\nop = "substitute"\nat = "OP4"\nfind = "vingtième"\nreplace = "vingt-et-unième"\n', encoding="utf-8")
    amended = amend(base(), load_amendments([str(tmp_path)]))
    texts = [plain(b.content) for b in amended.resolution.blocks]
    assert texts[3] == "Prie le Bureau de faire rapport à sa vingt-et-unième session ;"
    assert texts[5] == "Décide de poursuivre l'examen de la question à sa vingt-et-unième session."
    assert [(s.author, s.date) for s in amended.resolution.blocks[5].authors] == [("Sénégal", None)]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[[change]]\nop = "substitute"\nat = "OP2"\nfind = "Bureau de faire"\nreplace = "x"\n'
            '[[change]]\nop = "substitute"\nat = "OP2"\nfind = "faire rapport"\nreplace = "y"\n',
            "a.toml:8: two changes overlap in OP2: this change and the one at a.toml:3 (substitute OP2)",
        ),
        (
            '[[change]]\nop = "replace"\nat = "OP1"\ntext = "x ;"\n'
            '[[change]]\nop = "substitute"\nat = "OP1"\nfind = "importance"\nreplace = "y"\n',
            "a.toml:7: OP1 is also replaced as a whole: this change and the one at a.toml:3 (replace OP1)",
        ),
        (
            '[[change]]\nop = "substitute"\nat = "OP3(a)"\nfind = "coopérer"\nreplace = "x"\n'
            '[[change]]\nop = "delete"\nat = "OP3"\n',
            "a.toml:8: OP3(a) is deleted and also amended: this change and the one at a.toml:3 (substitute OP3(a))",
        ),
        (
            '[[change]]\nop = "delete"\nat = "OP3"\n[[change]]\nop = "move"\nat = "OP3"\nafter = "OP4"\n',
            "a.toml:6: OP3 is moved and also deleted: this change and the one at a.toml:3 (delete OP3)",
        ),
        (
            '[[change]]\nop = "move"\nat = "OP1"\nafter = "OP4"\n[[change]]\nop = "move"\nat = "OP1"\nafter = "OP2"\n',
            "a.toml:7: OP1 is moved twice: this change and the one at a.toml:3 (move OP1)",
        ),
    ],
)
def test_conflicts_name_both_changes(toml, message):
    with pytest.raises(ConflictError) as err:
        amend(base(), changes('sponsor = "X"\n' + "\n" + toml))
    assert str(err.value) == message + " — combine them into one change, or drop one"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('sponsor = "X"\n[[change]]\nop = "substitut"\nat = "OP1"\n', "a.toml:3: unknown op 'substitut' — did you mean 'substitute'?"),
        ('sponsor = "X"\n[[change]]\nop = "delete"\nat = "OP1"\nfnd = "x"\n', "a.toml:5: unknown key 'fnd' for op = 'delete' — allowed: at, date, note, op, sponsor, status, tag"),
        ('sponsor = "X"\n[[change]]\nop = "substitute"\nat = "OP1"\nfind = "x"\n', "a.toml:2: op = 'substitute' needs 'replace' — add replace = …"),
        ('sponsor = "X"\n[[change]]\nop = "delete"\nat = 3\n', "a.toml:4: 'at' must be text in quotes, not int — write at = \"…\""),
        ('[[change]]\nop = "delete"\nat = "OP1"\n', "a.toml:1: the file has no sponsor — add sponsor = \"…\" at the top: it becomes the author of the tracked changes"),
        ('sponsor = "X"\n', "a.toml:1: the file has no [[change]] — add at least one [[change]] table (or a [meta] table)"),
        ('sponsor = "X"\nsponser = "Y"\n[[change]]\nop = "delete"\nat = "OP1"\n', "a.toml:2: unknown key 'sponser' — did you mean 'sponsor'?"),
        ('sponsor = "X"\ndate = "4 novembre"\n[[change]]\nop = "delete"\nat = "OP1"\n', "a.toml:2: date '4 novembre' is not a date — write it as 2021-11-04 (year-month-day, no quotes)"),
        ('sponsor = "X"\n[[change]]\nop = "insert"\nafter = "OP1"\nbefore = "OP2"\ntext = "x"\n', "a.toml:2: op = 'insert' needs exactly one of 'after' or 'before' — e.g. after = \"OP21\""),
        ('sponsor = "X"\n[[change]]\nop = "substitute"\nat = "OP1"\nfind = "la"\nreplace = "le"\noccurrence = 0\n', "a.toml:7: 'occurrence' must be a whole number from 1 — occurrence = 2 picks the second"),
    ],
)
def test_malformed_changes(toml, message):
    with pytest.raises(AmendmentError) as err:
        changes(toml)
    assert str(err.value) == message


def test_broken_toml_names_the_line():
    with pytest.raises(AmendmentError) as err:
        changes('sponsor = "X"\n[[change]]\nop = "delete\nat = "OP1"\n')
    assert str(err.value).startswith("a.toml:3: not valid TOML: ")


def test_missing_amendment_file_and_empty_folder(tmp_path):
    with pytest.raises(AmendmentError) as err:
        load_amendments([str(tmp_path / "nope.toml")])
    assert str(err.value) == f"{tmp_path / 'nope.toml'}: file not found — check the path of the amendment file or folder"
    with pytest.raises(AmendmentError) as err:
        load_amendments([str(tmp_path)])
    assert "the folder has no amendment files (*.toml)" in str(err.value)


def test_deleted_phrase_takes_its_footnote_call_with_it():
    doc = BASE.replace("l'importance de la coopération ;", "l'importance de la coopération[^1] ;") + "\n[^1]: ICC-ASP/1/2.\n"
    res = amend(
        read_markdown(doc, "b.md"),
        changes(HEAD + '[[change]]\nop = "substitute"\nat = "OP1"\nfind = " de la coopération"\nreplace = ""\n'),
    ).resolution
    assert plain(res.blocks[2].content) == "Souligne l'importance ;"


def test_new_footnote_in_inserted_text():
    res = amend(
        base(),
        changes(HEAD + '[[change]]\nop = "insert"\nafter = "PP2"\ntext = "*Saluant* le rapport[^n1],"\nfootnotes = { n1 = "ICC-ASP/20/25." }\n'),
    ).resolution
    assert isinstance(res.blocks[2], Preambular)
    assert plain(res.blocks[2].content) == "Saluant le rapport[^n1],"
    assert [(n.id, plain(n.content)) for n in res.footnotes] == [("n1", "ICC-ASP/20/25.")]


def test_bundled_amendments_apply_to_their_base():
    from resodraft.readers import read

    amended = amend(read("drafts/ICC-ASP-19-Res.2.fr.md"), load_amendments(["drafts/2021/Res.2"]))
    assert len(amended.inserted) == 2
    assert labels(amended.resolution)  # every block is labelled
