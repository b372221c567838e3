"""The document itself is amendable: ``[meta]``, footnotes ``FN4``, new footnotes ``notes = {…}``,
labels without regard to case — and every output shows those changes (issue 11, DESIGN.md §8).
"""

from __future__ import annotations

import io
import json
import textwrap
import zipfile

import pytest
from lxml import etree

from conftest import run_cli
from resodraft import api
from resodraft.amend import amend, parse_amendment_text
from resodraft.errors import AmendmentError, ConflictError
from resodraft.masthead import masthead_lines
from resodraft.model import Meta, NoteRef, plain
from resodraft.readers.markdown import read_markdown
from resodraft.writers import get_writer
from resodraft.writers.markdown import write_markdown

BASE = textwrap.dedent(
    """\
    ---
    symbol: ICC-ASP/19/Res.9
    title: Résolution sur les victimes
    language: fr
    session: 19
    date: 2020-12-16
    adopted: Adoptée à la 4^e séance plénière, le 16 décembre 2020, par consensus
    ---

    L'Assemblée des États Parties,

    *Rappelant* le rapport de la Cour[^1] et le rapport du Fonds[^2],

    1. *Souligne* l'importance de la coopération[^2] ;

    2. *Prie* le Bureau de faire rapport à sa vingtième session[^3] ;

    17. *Décide* de poursuivre l'examen de la question.

    [^1]: ICC-ASP/19/25.

    [^2]: ICC-ASP/19/14, paragraphe 3.

    [^3]: ICC-ASP/19/ Res.7.
    """
).replace("17. *Décide*", "3. *Décide*")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def base():
    return read_markdown(BASE, "base.md")


def changes(toml: str, file: str = "a.toml"):
    return parse_amendment_text(textwrap.dedent(toml), file)


def applied(*tomls: str):
    all_changes = []
    for k, toml in enumerate(tomls, start=1):
        all_changes += changes(toml, f"{k:02}.toml")
    return api.apply(base(), all_changes)


# --------------------------------------------------------------------------------------------
# [meta]

META = 'sponsor = "Secrétariat"\n\n[meta]\nstatus = "draft"\nsession = 20\nsymbol = ""\nadopted = ""\ndate = ""\n'


def test_meta_table_sets_and_removes_front_matter_keys():
    new = applied(META).new
    assert new.meta == Meta(title="Résolution sur les victimes", language="fr", session="20", status="draft")
    assert write_markdown(new).startswith("---\ntitle: Résolution sur les victimes\nlanguage: fr\nsession: 20\nstatus: draft\n---\n")


def test_meta_alone_is_a_valid_amendment_file_and_keeps_the_text():
    result = applied(META)
    assert result.new.blocks == result.base.blocks and result.new.footnotes == result.base.footnotes
    assert result.authors["meta.session"] == ("Secrétariat", None)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('sponsor = "X"\n\n[meta]\nsesion = 20\n', "a.toml:4: unknown key 'sesion' in [meta] — did you mean 'session'?"),
        ('sponsor = "X"\n\n[meta]\nlanguage = "en"\n', "a.toml:4: unknown key 'language' in [meta] — the language of a text is not amended: write the new text in its own file"),
        ('sponsor = "X"\n\n[meta]\nsession = "vingt"\n', "a.toml:4: session 'vingt' is not a session number — write it as a number: session = 20"),
        ('sponsor = "X"\n\n[meta]\nstatus = "adoptée"\n', "a.toml:4: unknown status 'adoptée' — use status = \"draft\" (a text under negotiation) or status = \"adopted\""),
        ('sponsor = "X"\n\n[meta]\ntitle = 3\n', "a.toml:4: 'title' must be text in quotes, not int — write title = \"…\" (\"\" removes it)"),
        ('sponsor = "X"\n\n[meta]\ndate = "16 décembre"\n', "a.toml:4: date '16 décembre' is not a date — write it as 2021-11-04 (year-month-day, no quotes)"),
        ('sponsor = "X"\nsymbol = "ICC-ASP/20/L.3"\n', "a.toml:2: unknown key 'symbol' — the document's symbol is set in a [meta] table: [meta] then symbol = \"…\""),
    ],
)
def test_bad_meta_tables_name_the_line(toml, message):
    with pytest.raises(AmendmentError) as err:
        changes(toml)
    assert str(err.value) == message


def test_meta_removes_the_bases_other_front_matter_keys_and_only_those_it_has():
    """An imported masthead's keys (meeting, committee …) are removed with ""; a key the base
    does not have is an error (a typo would otherwise do nothing); such keys are not set."""
    front = "---\ntitle: T\nlanguage: fr\nsession: 19\nmeeting: 4e séance plénière\nfacilitator: Costa Rica\n---\n\n"
    res = read_markdown(front + "L'Assemblée des États Parties,\n\n1. *Décide* de rester saisie.\n", "b.md")
    new = amend(res, changes('sponsor = "X"\n\n[meta]\nmeeting = ""\n')).resolution
    assert write_markdown(new).startswith("---\ntitle: T\nlanguage: fr\nsession: 19\nfacilitator: Costa Rica\n---\n")
    with pytest.raises(AmendmentError) as err:
        amend(res, changes('sponsor = "X"\n\n[meta]\nmeting = ""\n'))
    assert str(err.value) == "a.toml:4: the base text has no front-matter key 'meting' to remove — did you mean 'meeting'?"
    with pytest.raises(AmendmentError) as err:
        changes('sponsor = "X"\n\n[meta]\nmeeting = "5e séance"\n')
    assert str(err.value) == (
        "a.toml:4: unknown key 'meeting' in [meta] — [meta] sets symbol, title, session, date, status, adopted; "
        "the base's other front-matter keys can only be removed (meeting = \"\")"
    )


def test_two_files_setting_one_key_differently_conflict_naming_both():
    with pytest.raises(ConflictError) as err:
        applied(META, 'sponsor = "Y"\n[meta]\nsession = 21\n')
    assert str(err.value) == (
        "02.toml:3: [meta] session is set twice, to '21' here and to '20' at 01.toml:5 — keep one value, in one file"
    )
    # near miss: the same value twice is no conflict; the first file authors it
    result = applied(META, 'sponsor = "Y"\n[meta]\nsession = 20\n')
    assert result.new.meta.session == "20" and result.authors["meta.session"] == ("Secrétariat", None)


def test_addressing_the_symbol_as_a_paragraph_points_at_the_meta_table():
    with pytest.raises(AmendmentError) as err:
        amend(base(), changes('sponsor = "X"\n[[change]]\nop = "substitute"\nat = "symbol"\nfind = "19"\nreplace = "20"\n'))
    assert str(err.value) == "a.toml:4: unknown label 'symbol' — the symbol is not a paragraph: set it in a [meta] table ([meta] then symbol = \"…\")"


# --------------------------------------------------------------------------------------------
# footnotes


def test_footnote_text_is_amended_by_its_label():
    new = applied('sponsor = "X"\n[[change]]\nop = "substitute"\nat = "FN3"\nfind = "19/ Res.7"\nreplace = "19/Res.7"\n').new
    assert plain(new.footnotes[2].content) == "ICC-ASP/19/Res.7."
    new = applied('sponsor = "X"\n[[change]]\nop = "replace"\nat = "FN1"\ntext = "ICC-ASP/20/25."\n').new
    assert plain(new.footnotes[0].content) == "ICC-ASP/20/25."


def test_a_call_label_and_lower_case_labels_are_read_as_the_base_spells_them():
    for at in ("[^3]", "fn3", "Fn3"):
        new = applied(f'sponsor = "X"\n[[change]]\nop = "replace"\nat = "{at}"\ntext = "Note."\n').new
        assert plain(new.footnotes[2].content) == "Note.", at
    new = applied('sponsor = "X"\n[[change]]\nop = "delete"\nat = "op2"\n').new
    assert [plain(b.content)[:8] for b in new.blocks] == ["Rappelan", "Souligne", "Décide d"]


def test_label_suggestions_ignore_case():
    with pytest.raises(AmendmentError) as err:
        amend(base(), changes('sponsor = "X"\n[[change]]\nop = "delete"\nat = "0p2"\n'))
    assert str(err.value) == "a.toml:4: unknown label '0p2' — did you mean 'OP2'?; the base has OP1…OP3; run 'resodraft show BASE' to list the labels"
    with pytest.raises(AmendmentError) as err:
        amend(base(), changes('sponsor = "X"\n[[change]]\nop = "delete"\nat = "fn9"\n'))
    assert str(err.value) == "a.toml:4: unknown label 'fn9' — did you mean 'FN3'?; the base has footnotes FN1…FN3; run 'resodraft show BASE' to list the labels"


def test_deleting_a_footnote_removes_every_call_and_renumbers_the_rest():
    result = applied('sponsor = "X"\n[[change]]\nop = "delete"\nat = "FN2"\n')
    new = result.new
    # FN2 was called twice (PP1 and OP1): both calls go; FN3 becomes [^2]
    assert [n.id for n in new.footnotes] == ["1", "2"]
    assert plain(new.footnotes[1].content) == "ICC-ASP/19/ Res.7."
    assert plain(new.blocks[0].content) == "Rappelant le rapport de la Cour[^1] et le rapport du Fonds,"
    assert plain(new.blocks[1].content) == "Souligne l'importance de la coopération ;"
    assert plain(new.blocks[2].content) == "Prie le Bureau de faire rapport à sa vingtième session[^2] ;"
    assert result.authors["FN2"] == ("X", None)


def test_new_footnotes_in_notes_and_the_old_footnotes_name():
    for key in ("notes", "footnotes"):
        new = applied(
            f'sponsor = "X"\n[[change]]\nop = "insert"\nafter = "OP1"\ntext = "*Salue* le rapport[^a] ;"\n{key} = {{ a = "ICC-ASP/20/9." }}\n'
        ).new
        assert plain(new.blocks[2].content) == "Salue le rapport[^3] ;"
        assert [plain(n.content) for n in new.footnotes] == ["ICC-ASP/19/25.", "ICC-ASP/19/14, paragraphe 3.", "ICC-ASP/20/9.", "ICC-ASP/19/ Res.7."]
    with pytest.raises(AmendmentError) as err:
        changes('sponsor = "X"\n[[change]]\nop = "replace"\nat = "OP1"\ntext = "x[^a]"\nnotes = { a = "A" }\nfootnotes = { b = "B" }\n')
    assert str(err.value) == "a.toml:7: give new footnotes once, in 'notes' — 'footnotes' is the old name of 'notes': merge the two tables"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[change]]\nop = "insert"\nafter = "FN1"\ntext = "x"\n', "a.toml:4: FN1 is a footnote, not a place in the text — to add a footnote, call it in a paragraph's text (\"…[^a]\") and give notes = { a = \"…\" }"),
        ('[[change]]\nop = "move"\nat = "FN1"\nafter = "OP2"\n', "a.toml:4: FN1 is a footnote: footnotes follow their calls and cannot be moved — move the paragraph that calls it, or delete the footnote and call a new one"),
    ],
)
def test_footnotes_are_not_places(toml, message):
    with pytest.raises(AmendmentError) as err:
        amend(base(), changes('sponsor = "X"\n' + toml))
    assert str(err.value) == message


def test_a_deleted_footnote_cannot_also_be_amended():
    for first, second in (("delete", "substitute"), ("substitute", "delete")):
        ops = {
            "delete": '[[change]]\nop = "delete"\nat = "FN1"\n',
            "substitute": '[[change]]\nop = "substitute"\nat = "FN1"\nfind = "25"\nreplace = "26"\n',
        }
        with pytest.raises(ConflictError) as err:
            amend(base(), changes('sponsor = "X"\n' + ops[first] + ops[second]))
        assert "FN1 is " in str(err.value) and "also" in str(err.value), (first, str(err.value))


# --------------------------------------------------------------------------------------------
# the masthead follows the status


@pytest.mark.parametrize(
    ("meta", "language", "formula", "lines"),
    [
        (Meta(symbol="ICC-ASP/19/Res.2", title="Résolution sur la coopération", session="19", adopted="Adoptée le 16 décembre 2020"),
         "fr", "L'Assemblée des États Parties,",
         [("symbol", "Résolution ICC-ASP/19/Res.2"), ("adopted", "Adoptée le 16 décembre 2020"), ("title", "Résolution sur la coopération")]),
        (Meta(title="Résolution sur la coopération", session="20", status="draft"), "fr", "L'Assemblée des États Parties,",
         [("session", "Assemblée des États Parties, vingtième session"), ("title", "Projet de résolution sur la coopération")]),
        (Meta(title="Resolution on cooperation", session="21", status="draft"), "en", "The Assembly of States Parties,",
         [("session", "Assembly of States Parties, twenty-first session"), ("title", "Draft resolution on cooperation")]),
        (Meta(symbol="A/80/L.9", title="Report of the International Criminal Court", session="80", status="draft"), "en", "The General Assembly,",
         [("symbol", "A/80/L.9"), ("session", "Eightieth session"), ("draft", "Draft resolution"), ("title", "Report of the International Criminal Court")]),
        (Meta(title="Rapport de la Cour pénale internationale", session="81", status="draft"), "fr", "L'Assemblée générale,",
         [("session", "Quatre-vingt-unième session"), ("draft", "Projet de résolution"), ("title", "Rapport de la Cour pénale internationale")]),
    ],
)
def test_masthead_lines_follow_the_status(meta, language, formula, lines):
    assert [(x.kind, x.text) for x in masthead_lines(meta, language, formula)] == lines


def _paragraphs(docx: bytes, n: int) -> list[list[tuple[str, str, str | None]]]:
    """The first ``n`` paragraphs as ``[(how, text, author)]``: kept, ins, del, struck, bold."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        runs = []
        for r in p.iter(f"{W}r"):
            # a document symbol's hyphens are Word non-breaking hyphens, in runs of their own
            text = "".join("-" if t.tag == f"{W}noBreakHyphen" else (t.text or "")
                           for t in r if t.tag in (f"{W}t", f"{W}delText", f"{W}noBreakHyphen"))
            if not text:
                continue
            parent = r.getparent()
            how, author = "=", None
            if parent.tag in (f"{W}ins", f"{W}del"):
                how, author = ("+" if parent.tag == f"{W}ins" else "-"), parent.get(f"{W}author")
            elif r.find(f"{W}rPr/{W}strike") is not None:
                how = "struck"
            elif r.find(f"{W}rPr/{W}b") is not None:
                how = "bold"
            if runs and runs[-1][0] == how and runs[-1][2] == author:
                runs[-1] = (how, runs[-1][1] + text, author)
            else:
                runs.append((how, text, author))
        out.append(runs)
        if len(out) == n:
            break
    return out


def test_meta_changes_appear_in_every_output(tmp_path):
    amendment = tmp_path / "00.toml"
    amendment.write_text(META, encoding="utf-8")
    base_path = tmp_path / "base.md"
    base_path.write_text(BASE, encoding="utf-8")
    job = api.redline_job(str(base_path), [str(amendment)], str(tmp_path / "out"), author="resodraft", date="2021-11-04")
    files = {name.rsplit("/", 1)[-1]: data for name, data in job.files.items()}
    assert files["base.clean.md"].startswith("---\ntitle: Résolution sur les victimes\nlanguage: fr\nsession: 20\nstatus: draft\n---\n")
    assert files["base.redline.md"].startswith(
        "---\nsymbol: ~~ICC-ASP/19/Res.9~~\ntitle: Résolution sur les victimes\nlanguage: fr\nsession: ~~19~~ **20**\n"
        "date: ~~2020-12-16~~\nstatus: **draft**\nadopted: ~~Adoptée à la 4^e séance plénière, le 16 décembre 2020, par consensus~~\n---\n"
    )
    assert get_writer("md")(job.redline, critic=True).startswith("---\nsymbol: {--ICC-ASP/19/Res.9--}\n")
    clean = _paragraphs(files["base.clean.docx"], 3)
    assert [[t for _, t, _ in p] for p in clean] == [
        ["Assemblée des États Parties, vingtième session"], ["Projet de résolution sur les victimes"], ["L'Assemblée des États Parties,"]]
    visual = _paragraphs(files["base.redline.docx"], 4)
    assert visual[0] == [("struck", "Résolution ICC-ASP/19/Res.9", None)]
    assert visual[1] == [("bold", "Assemblée des États Parties, vingtième session", None)]
    # ~~Résolution~~ **Projet de résolution**: a space between a deletion and its replacement
    assert visual[3][:3] == [("struck", "Résolution", None), ("=", " ", None), ("bold", "Projet de résolution", None)]
    tracked = _paragraphs(files["base.tracked.docx"], 4)
    assert tracked[0] == [("-", "Résolution ICC-ASP/19/Res.9", "Secrétariat")]
    assert tracked[1] == [("+", "Assemblée des États Parties, vingtième session", "Secrétariat")]
    assert {a for p in tracked for _, _, a in p if a} == {"Secrétariat"}


def test_footnote_changes_are_tracked_by_their_sponsor(tmp_path):
    amendment = tmp_path / "00.toml"
    amendment.write_text(
        'sponsor = "Secrétariat"\n[[change]]\nop = "delete"\nat = "FN2"\n\n'
        '[[change]]\nop = "substitute"\nat = "FN3"\nfind = "19/ Res.7"\nreplace = "19/Res.7"\n',
        encoding="utf-8",
    )
    base_path = tmp_path / "base.md"
    base_path.write_text(BASE, encoding="utf-8")
    job = api.redline_job(str(base_path), [str(amendment)], str(tmp_path / "out"), author="resodraft")
    red = job.redline
    assert [(n.old, n.new, n.status, n.author) for n in red.footnotes] == [
        ("1", "1", "equal", None), ("2", None, "deleted", "Secrétariat"), ("3", "2", "changed", None)]
    assert {op.author for n in red.footnotes for op in n.ops if op.kind != "="} == {"Secrétariat"}
    calls = [op for p in red.paragraphs for op in p.ops if op.kind == "-" and any(isinstance(x, NoteRef) for x in op.content)]
    assert len(calls) == 2 and {op.author for op in calls} == {"Secrétariat"}
    with zipfile.ZipFile(io.BytesIO(job.files[str(tmp_path / "out" / "base.tracked.docx")])) as zf:
        xml = zf.read("word/document.xml").decode() + zf.read("word/footnotes.xml").decode()
    assert 'w:author="resodraft"' not in xml and 'w:author="Secrétariat"' in xml


def test_show_lists_footnotes_with_their_labels(tmp_path):
    path = tmp_path / "base.md"
    path.write_text(BASE, encoding="utf-8")
    code, out, _ = run_cli(["show", str(path), "--json"])
    assert code == 0
    assert json.loads(out)["footnotes"][2] == {"id": "3", "label": "FN3", "text": "ICC-ASP/19/ Res.7."}
    code, out, _ = run_cli(["show", str(path)])
    assert [line.split()[:2] for line in out.splitlines() if line.startswith("FN")] == [["FN1", "footnote"], ["FN2", "footnote"], ["FN3", "footnote"]]
