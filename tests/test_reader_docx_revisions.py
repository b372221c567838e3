"""Word files holding tracked changes: refused until the user chooses, then read either way.

- ``resodraft import X.docx`` refuses a file with tracked changes, saying how many and by
  whom, and naming ``--accept-changes`` and ``--reject-changes``; each option gives its text.
- Our own ``STEM.tracked.docx``: accepting every change gives the clean text, rejecting every
  change gives last year's text (French and English).
- Word's own shapes, hand-made: a paragraph added by "Enter at the end of a paragraph" (the
  *preceding* paragraph's mark is the inserted one), a deleted paragraph, two paragraphs
  merged by deleting a mark, one split by inserting one, the last paragraph deleted, a
  deletion inside another author's insertion, a move, formatting and numbering changes, a
  change inside a footnote.
- The library API for ``resodraft amendments``: ``parse_docx`` gives the revisions (kind,
  author, date, id, paragraph) and ``to_resolution(accept=…)`` accepts one author's changes
  and rejects the others'.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli
from docx_samples import footnotes, note, numbering, p, package, r, rev
from resodraft import api
from resodraft.api import to_markdown
from resodraft.errors import InputError
from resodraft.readers.docx import parse_docx, to_resolution
from test_reader_docx import carried  # what a Word masthead carries, as the reader reads it back

ROOT = Path(__file__).resolve().parents[1]
RES2 = ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"
GA = ROOT / "tests" / "fixtures" / "ga-en.md"

FORMULA = p(r("The General Assembly,"))
PP = p(r("Recalling", i=True), r(" its resolution 79/6,"))
TAB = r(extra="<w:tab/>")


def body_of(md: str) -> str:
    return re.sub(r"\A---\n.*?\n---\n\n", "", md, flags=re.S)


def both(body: str, **parts: str) -> tuple[list[str], list[str]]:
    """The paragraphs of the text with every change accepted, and with every change rejected."""
    doc = parse_docx(package(body, **parts), "x.docx")
    out = []
    for take in (True, False):
        res = to_resolution(doc, accept=lambda _r, take=take: take)
        out.append(body_of(to_markdown(res)).rstrip("\n").split("\n\n"))
    return out[0], out[1]


# --------------------------------------------------------------------------------------------
# the policy


@pytest.fixture(scope="module")
def res2_job(tmp_path_factory):
    out = tmp_path_factory.mktemp("res2")
    job = api.redline_job(str(RES2), [str(ROOT / "drafts" / "2021" / "Res.2")], str(out), date="2021-11-04")
    for name, data in job.files.items():
        Path(name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return job, out / "ICC-ASP-19-Res.2.fr.tracked.docx"


def test_a_tracked_docx_is_refused_until_the_user_chooses(res2_job, tmp_path):
    _, tracked = res2_job
    code, out, err = run_cli(["import", str(tracked), "-o", str(tmp_path / "x.md")])
    assert (code, out) == (2, "")
    assert err == (
        f"resodraft: error: {tracked}: this Word file holds 26 tracked changes "
        "(Co-facilitateurs (France, Sénégal): 15, Secrétariat (mise à jour technique): 11) — choose how to read it: resodraft import FILE "
        "--accept-changes (all accepted) or --reject-changes (all rejected), or accept or reject them in Word first\n"
    )
    assert not (tmp_path / "x.md").exists()


def test_accepting_our_tracked_file_gives_the_clean_text_and_rejecting_it_last_years(res2_job, tmp_path):
    job, tracked = res2_job
    for option, expected in (("--accept-changes", job.result.new), ("--reject-changes", job.result.base)):
        target = tmp_path / f"{option}.md"
        code, _, err = run_cli(["import", str(tracked), option, "-o", str(target)])
        assert code == 0, err
        assert target.read_text(encoding="utf-8") == to_markdown(carried(expected))
        verdict = "accepted" if option == "--accept-changes" else "rejected"
        assert f"all 26 tracked changes {verdict} (Co-facilitateurs (France, Sénégal): 15, Secrétariat (mise à jour technique): 11)" in " ".join(err.split())


def test_english_tracked_file_both_ways(tmp_path):
    amend = tmp_path / "uk.toml"
    amend.write_text(
        'sponsor = "United Kingdom"\ndate = 2025-10-01\n\n'
        '[[change]]\nop = "substitute"\nat = "OP1"\nfind = "report"\nreplace = "annual report"\n\n'
        '[[change]]\nop = "insert"\nafter = "OP2"\ntext = "*Encourages* States to cooperate;"\n\n'
        '[[change]]\nop = "delete"\nat = "OP24"\n',
        encoding="utf-8",
    )
    job = api.redline_job(str(GA), [str(amend)], str(tmp_path / "out"), date="2025-10-01")
    tracked = next(v for k, v in job.files.items() if k.endswith(".tracked.docx"))
    doc = parse_docx(tracked, "ga.tracked.docx")
    assert "United Kingdom" in doc.revision_authors()
    accepted = to_resolution(doc, accept=lambda _r: True)
    rejected = to_resolution(doc, accept=lambda _r: False)
    assert to_markdown(accepted) == to_markdown(carried(job.result.new))
    assert to_markdown(rejected) == to_markdown(carried(job.result.base))


def test_one_authors_changes_accepted_and_the_others_rejected(tmp_path):
    """What ``resodraft amendments`` needs: the text as one sponsor would have it."""
    france, chile = tmp_path / "france.toml", tmp_path / "chile.toml"
    france.write_text('sponsor = "France"\n\n[[change]]\nop = "substitute"\nat = "OP3"\nfind = "Prend note"\nreplace = "Se félicite"\n', encoding="utf-8")
    chile.write_text(
        'sponsor = "Chile"\n\n[[change]]\nop = "substitute"\nat = "PP2"\nfind = "l\'impunité"\nreplace = "l\'impunité totale"\n\n'
        '[[change]]\nop = "replace"\nat = "OP38"\ntext = "*Décide* de rester saisie de la question."\n',
        encoding="utf-8",
    )
    job = api.redline_job(str(RES2), [str(france), str(chile)], str(tmp_path / "out"), date="2021-11-04")
    tracked = next(v for k, v in job.files.items() if k.endswith(".tracked.docx"))
    doc = parse_docx(tracked, "res2.tracked.docx")
    # Chile: an insertion in PP2, four revisions in OP38 and its footnote's deleted text
    assert doc.revision_authors() == {"Chile": 6, "France": 2}
    assert [(rv.kind, rv.author, rv.paragraph, rv.date) for rv in doc.revisions][:3] == [
        ("insert", "Chile", 6, "2021-11-04T00:00:00Z"),
        ("delete", "France", 20, "2021-11-04T00:00:00Z"),
        ("insert", "France", 20, "2021-11-04T00:00:00Z"),
    ]
    assert [rv.text for rv in doc.revisions][:3] == [" totale", "Prend note", "Se félicite"]
    assert len({rv.id for rv in doc.revisions}) == len(doc.revisions)
    for sponsor, path in (("France", france), ("Chile", chile)):
        only = to_resolution(doc, accept=lambda rv, s=sponsor: rv.author == s)
        expected = api.apply_files(str(RES2), [str(path)]).new
        assert to_markdown(only) == to_markdown(carried(expected))


# --------------------------------------------------------------------------------------------
# Word's own shapes


def test_a_paragraph_added_by_enter_marks_the_preceding_paragraph_mark():
    body = (
        FORMULA + PP
        + p(r("1."), TAB, r("Welcomes", i=True), r(" the report;"), mark=rev("ins", "France", 1))
        + p(rev("ins", "France", 2, r("2.") + TAB + r("Encourages", i=True) + r(" States;")))
        + p(r("2."), TAB, r("Decides", i=True), r(" to remain seized."))
    )
    accepted, rejected = both(body)
    assert accepted[2:] == ["1. *Welcomes* the report;", "2. *Encourages* States;", "2. *Decides* to remain seized."]
    assert rejected[2:] == ["1. *Welcomes* the report;", "2. *Decides* to remain seized."]


def test_a_deleted_paragraph_and_a_deleted_last_paragraph():
    body = (
        FORMULA + PP
        + p(r("1."), TAB, r("Welcomes", i=True), r(" the report;"))
        + p(rev("del", "Chile", 1, r("2.", tag="delText") + TAB + r("Regrets", i=True, tag="delText") + r(" the delay;", tag="delText")),
            mark=rev("del", "Chile", 2))
        + p(r("2."), TAB, r("Notes", i=True), r(" the statement;"), mark=rev("del", "Chile", 3))
        + p(rev("del", "Chile", 4, r("3.", tag="delText") + TAB + r("Decides", i=True, tag="delText") + r(" to remain seized.", tag="delText")))
    )
    accepted, rejected = both(body)
    assert accepted[2:] == ["1. *Welcomes* the report;", "2. *Notes* the statement;"]
    assert rejected[2:] == ["1. *Welcomes* the report;", "2. *Regrets* the delay;", "2. *Notes* the statement;", "3. *Decides* to remain seized."]


def test_paragraphs_merged_by_a_deleted_mark_and_split_by_an_inserted_one():
    """Deleting a paragraph mark joins two paragraphs (nothing is added between them); Enter
    typed inside a paragraph (its mark inserted) splits it, here with a new number typed."""
    body = (
        FORMULA
        + p(r("Recalling", i=True), r(" its resolution 79/6, "), mark=rev("del", "France", 1))
        + p(r("Recalling also", i=True), r(" its resolution 80/1,"))
        + p(r("1."), TAB, r("Requests", i=True), r(" the Secretary-General to report; "), mark=rev("ins", "Chile", 2))
        + p(rev("ins", "Chile", 3, r("2.") + TAB), r("Decides", i=True), r(" to remain seized."))
    )
    accepted, rejected = both(body)
    assert accepted == [
        "The General Assembly,",
        "*Recalling* its resolution 79/6, *Recalling also* its resolution 80/1,",
        "1. *Requests* the Secretary-General to report;",
        "2. *Decides* to remain seized.",
    ]
    assert rejected == [
        "The General Assembly,",
        "*Recalling* its resolution 79/6,",
        "*Recalling also* its resolution 80/1,",
        "1. *Requests* the Secretary-General to report; *Decides* to remain seized.",
    ]


def test_a_deletion_inside_another_authors_insertion():
    body = (
        FORMULA + PP
        + p(r("1."), TAB, r("Welcomes", i=True), r(" the report"),
            rev("ins", "France", 1, r(" and the ") + rev("del", "Chile", 2, r("excellent ", tag="delText")) + r("statement")), r(";"))
    )
    doc = parse_docx(package(body), "x.docx")
    def text(accept) -> str:
        return body_of(to_markdown(to_resolution(doc, accept=accept))).rstrip().split("\n\n")[-1]
    assert text(lambda rv: True) == "1. *Welcomes* the report and the statement;"
    assert text(lambda rv: rv.author == "France") == "1. *Welcomes* the report and the excellent statement;"
    assert text(lambda rv: rv.author == "Chile") == "1. *Welcomes* the report;"
    assert text(lambda rv: False) == "1. *Welcomes* the report;"


def test_a_moved_paragraph():
    body = (
        FORMULA
        + p('<w:moveToRangeStart w:id="10" w:name="move1" w:author="France" w:date="2021-11-04T00:00:00Z"/>',
            rev("moveTo", "France", 11, r("Noting", i=True) + r(" the report,")), '<w:moveToRangeEnd w:id="10"/>', mark=rev("moveTo", "France", 12))
        + PP
        + p('<w:moveFromRangeStart w:id="13" w:name="move1" w:author="France" w:date="2021-11-04T00:00:00Z"/>',
            rev("moveFrom", "France", 14, r("Noting", i=True) + r(" the report,")), '<w:moveFromRangeEnd w:id="13"/>', mark=rev("moveFrom", "France", 15))
        + p(r("1."), TAB, r("Decides", i=True), r(" to remain seized."))
    )
    accepted, rejected = both(body)
    assert accepted == ["The General Assembly,", "*Noting* the report,", "*Recalling* its resolution 79/6,", "1. *Decides* to remain seized."]
    assert rejected == ["The General Assembly,", "*Recalling* its resolution 79/6,", "*Noting* the report,", "1. *Decides* to remain seized."]


def test_formatting_and_numbering_changes():
    num = numbering((1, [("decimal", "%1."), ("lowerLetter", "(%2)")]), nums=[(1, 1, {})])
    change = '<w:rPrChange w:id="1" w:author="France" w:date="2021-11-04T00:00:00Z"><w:rPr/></w:rPrChange>'
    body = (
        FORMULA + PP
        + p(r("Requests", i=True), r(" the Secretary-General:"), num=(1, 0))
        + p(r("To report;"), num=(1, 1))
        + p(f"<w:r><w:rPr><w:i/>{change}</w:rPr><w:t>Decides</w:t></w:r>", r(" to remain seized."), num=(1, 0),
            ppr='<w:pPrChange w:id="2" w:author="Chile" w:date="2021-11-04T00:00:00Z"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange>')
    )
    accepted, rejected = both(body, numbering=num)
    assert accepted[2:] == ["1. *Requests* the Secretary-General:", "(a) To report;", "2. *Decides* to remain seized."]
    assert rejected[2:] == ["1. *Requests* the Secretary-General:", "(a) To report;", "(b) Decides to remain seized."]
    doc = parse_docx(package(body, numbering=num), "x.docx")
    assert [(rv.kind, rv.author, rv.paragraph, rv.text) for rv in doc.revisions] == [
        ("format", "Chile", 5, ""), ("format", "France", 5, "Decides"),
    ]


def test_a_change_inside_a_footnote():
    notes = footnotes("See A/80/305.").replace(
        r(" See A/80/305."), r(" See ") + rev("del", "France", 7, r("A/80/305", tag="delText")) + rev("ins", "France", 8, r("A/81/300")) + r(".")
    )
    body = FORMULA + p(r("Recalling", i=True), r(" the report,"), note(1)) + p(r("1."), TAB, r("Decides", i=True), r(" to remain seized."))
    accepted, rejected = both(body, footnotes=notes)
    assert accepted[-1] == "[^1]: See A/81/300." and rejected[-1] == "[^1]: See A/80/305."
    doc = parse_docx(package(body, footnotes=notes), "x.docx")
    assert [(rv.kind, rv.paragraph, rv.note, rv.text) for rv in doc.revisions] == [("delete", 2, "1", "A/80/305"), ("insert", 2, "1", "A/81/300")]


def test_to_resolution_without_a_decision_refuses_a_tracked_document():
    body = FORMULA + PP + p(r("1."), TAB, r("Decides", i=True), rev("ins", "France", 1, r(" to remain seized")), r("."))
    doc = parse_docx(package(body), "x.docx")
    with pytest.raises(InputError, match=r"holds 1 tracked change \(France: 1\)"):
        to_resolution(doc)


def test_import_options_on_a_word_made_tracked_file(tmp_path):
    body = (
        FORMULA + PP
        + p(r("1."), TAB, r("Decides", i=True), r(" to remain "), rev("del", "France", 1, r("actively ", tag="delText")),
            r("seized of the "), rev("ins", "France", 2, r("whole ")), r("matter."))
    )
    path = tmp_path / "draft.docx"
    path.write_bytes(package(body))
    code, out, err = run_cli(["import", str(path), "--accept-changes"])
    assert code == 0 and out.rstrip().endswith("1. *Decides* to remain seized of the whole matter.")
    assert "all 2 tracked changes accepted (France: 2)" in " ".join(err.split())
    code, out, err = run_cli(["import", str(path), "--reject-changes"])
    assert code == 0 and out.rstrip().endswith("1. *Decides* to remain actively seized of the matter.")
    code, out, err = run_cli(["import", str(path), "--reject-changes", "--accept-changes"])
    assert (code, out) == (2, "") and "exclude each other" in err
