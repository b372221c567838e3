"""The pasted-text reader: text copied out of a PDF (``.txt``), and a ``.md`` that does not read as
a draft, imported with ``resodraft import``.

Fixtures (tests/fixtures/pasted/, written for these tests in the shapes of the development
corpus — the UN texts themselves are not in this repository):

- ``ga-en.txt``: a General Assembly resolution as ``pdftotext`` gives it: masthead items run
  together on one line, three pages separated by form feeds, running headers (the symbol and
  the title, on either side), job numbers and page numbers ("2/3 25-20001"), a barcode, footnote
  texts at the foot of the pages under a rule, footnote calls printed as digits ("Court,1",
  "Court 2 which", "2024/25; 4"), "post- conflict", paragraphs split by a page break (the rest
  starting in lower case, and with a capital: "International Criminal Court, and takes note"),
  sub-paragraphs whose letters the extraction lost, the closing line;
- ``asp-fr.txt``: an ICC-ASP resolution in French: the "Résolution …"/"Adoptée …" masthead, the
  Official Records' running header (ICC-ASP/20/20) and job number (20F170419), line-end hyphens
  ("de-"/"mander", "vingt-"/"et-unième"), a sub-paragraph cut by a page break;
- ``ga-en-extracted.md``: a Markdown file as the corpus's extraction writes them (front matter
  with ``language: EN`` and keys of its own, the masthead, a paragraph split before a capital,
  footnote definitions with a line taken for a definition, "[^7]: February 1984.").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resodraft import api
from resodraft.errors import ParseError
from resodraft.model import NoteRef, iter_labelled, lead, paragraph_count, plain
from resodraft.readers import read, sniff
from resodraft.readers.report import ImportReport
from resodraft.readers.text import read_pasted_text
from conftest import run_cli

PASTED = Path(__file__).resolve().parent / "fixtures" / "pasted"


def node(res, label: str):  # type: ignore[no-untyped-def]
    for item in iter_labelled(res):
        if item.label == label:
            return item.node
    raise KeyError(label)


def imported(name: str) -> tuple[object, ImportReport]:
    return api.import_file(str(PASTED / name))


def calls(res) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.id for item in iter_labelled(res) for i in item.node.content if isinstance(i, NoteRef)]


# --------------------------------------------------------------------------------------------
# English: a General Assembly resolution from pdftotext


def test_english_pasted_text_reads_as_the_resolution() -> None:
    res, report = imported("ga-en.txt")
    assert report.format == "text"
    assert paragraph_count(res) == {"preambular": 5, "operative": 5, "subparagraph": 2}
    assert [f.id for f in res.footnotes] == ["1", "2", "3", "4"]
    assert calls(res) == ["1", "2", "3", "4"]
    assert res.meta.as_dict() == {
        "symbol": "A/RES/80/99",
        "title": "Cooperation between the United Nations and the International Criminal Court",
        "language": "en",
        "session": "80",
        "date": "2025-12-04",
        "adopted": "Resolution adopted by the General Assembly on 4 December 2025",
        "distribution": "General",
        "issued": "2025-12-05",
        "agenda_item": "74",
        "committee": "without reference to a Main Committee (A/80/L.21)",
        "meeting": "52nd plenary meeting 4 December 2025",
    }


def test_english_repairs_each_in_place() -> None:
    res, _ = imported("ga-en.txt")
    assert plain(node(res, "PP2").content).startswith("Recalling also the Relationship Agreement between the United Nations and the International Criminal Court[^2] which")
    assert "in conflict and post-conflict societies" in plain(node(res, "PP3").content)
    # split by a page break after "international and", running header and footer in between
    assert plain(node(res, "PP4").content) == (
        "Convinced that effective and timely cooperation by States and by other international and "
        "regional organizations is essential for the Court to carry out its mandate,"
    )
    assert plain(node(res, "OP1").content) == "Welcomes the report of the International Criminal Court for 2024/25;[^4]"
    # the rest after the page break starts with a capital, and the real numbers stay
    assert plain(node(res, "OP3").content) == (
        "Recalls, by virtue of article 12, paragraph 3, of the Rome Statute, the guidance issued by the "
        "Secretary-General on contacts with persons who are the subject of arrest warrants issued by the "
        "International Criminal Court, and takes note of the information included in the report held in "
        "Kampala from 31 May to 11 June 2010;"
    )
    assert [lead(b.content) for b in res.blocks] == [
        "Recalling", "Recalling also", "Emphasizing", "Convinced", "Welcoming",
        "Welcomes", "Also welcomes", "Recalls", "Requests", "Decides",
    ]
    assert plain(node(res, "OP4(b)").content).startswith("To report on the expenses")


def test_english_report_says_what_was_inferred_and_where() -> None:
    _, report = imported("ga-en.txt")
    items = [(i.kind, i.where) for i in report.items]
    dropped = [i.message for i in report.items if i.kind == "running-line"]
    assert any("'25-20001 (E) 081225'" in m for m in dropped)
    assert any("'*2520001*'" in m for m in dropped)
    assert any("'A/RES/80/99 Cooperation between the United Nations" in m for m in dropped)
    assert any("'Cooperation between the United Nations and the International Criminal Court A/RES/80/99'" in m for m in dropped)
    assert any("'2/3 25-20001'" in m for m in dropped)
    assert ("joined-page-break", "line 32") in items  # "regional organizations …" after "international and"
    assert ("joined-page-break", "line 51") in items  # "International Criminal Court, and takes note …"
    assert ("hyphenation", "line 19") in items
    assert [i.where for i in report.items if i.kind == "footnote-call"] == ["line 15", "line 17", "line 34", "line 36"]
    assert ("sub-marker", "line 55") in items and ("sub-marker", "line 57") in items
    assert ("closing-line", "line 61") in items
    assert all(i.where for i in report.items)
    assert sum(1 for k, _ in items if k == "lead-italic") == 10


def test_cli_import_writes_the_draft_and_prints_the_report(tmp_path: Path) -> None:
    out = tmp_path / "A-RES-80-99.en.md"
    code, stdout, err = run_cli(["import", str(PASTED / "ga-en.txt"), "-o", str(out)])
    assert (code, stdout) == (0, "")
    assert err.splitlines()[0] == f"{PASTED / 'ga-en.txt'}: read as text"
    assert "line 32: joined to the previous paragraph (split by a page break)" in " ".join(err.split())
    draft = out.read_text(encoding="utf-8")
    assert draft.startswith("---\nsymbol: A/RES/80/99\n")
    # the draft is canonical: reading it back gives it again, and `check` finds no error in it
    assert api.to_markdown(read(str(out))) == draft
    code, stdout, _ = run_cli(["check", str(out), "--no-baseline", "--format", "json"])
    import json

    assert [f for f in json.loads(stdout)["findings"] if f["severity"] == "error"] == []


def test_cli_import_json_report(tmp_path: Path) -> None:
    import json

    code, _, err = run_cli(["import", str(PASTED / "ga-en.txt"), "-o", str(tmp_path / "x.md"), "--json"])
    data = json.loads(err)
    assert code == 0 and data["format"] == "text"
    assert {"kind": "closing-line", "message": "closing line '52nd plenary meeting 4 December 2025' → front matter", "where": "line 61"} in data["inferences"]


# --------------------------------------------------------------------------------------------
# French: an ICC-ASP resolution


def test_french_pasted_text() -> None:
    res, report = imported("asp-fr.txt")
    assert paragraph_count(res) == {"preambular": 4, "operative": 4, "subparagraph": 2, "heading": 1}
    assert calls(res) == ["1", "2", "3"]
    assert res.meta.as_dict() == {
        "symbol": "ICC-ASP/20/Res.3",
        "title": "Résolution sur les victimes et les communautés affectées, les réparations et le Fonds au profit des victimes",
        "language": "fr",
        "date": "2021-12-09",
        "adopted": "Adoptée par consensus à la 6e séance plénière, le 9 décembre 2021",
    }
    assert "de demander réparation" in plain(node(res, "PP3").content)
    assert "à la vingt-et-unième session" in plain(node(res, "OP1").content)
    assert plain(node(res, "OP2(b)").content) == (
        "de renforcer la présence du Greffe sur le terrain, notamment dans les situations où des réparations ont été ordonnées ;"
    )
    assert [lead(b.content) for b in res.blocks if b.kind != "heading"] == [
        "Rappelant", "Rappelant en outre", "Consciente", "Prenant note", "Réaffirme", "Demande", "Invite instamment", "Décide",
    ]
    dropped = [i.message for i in report.items if i.kind == "running-line"]
    assert any("'ICC-ASP/20/20'" in m for m in dropped) and sum("'20F170419'" in m for m in dropped) == 2


# --------------------------------------------------------------------------------------------
# a Markdown file that does not read as a draft


def test_a_markdown_file_that_fails_as_a_draft_is_read_as_pasted_text_and_the_report_says_why() -> None:
    path = str(PASTED / "ga-en-extracted.md")
    with pytest.raises(ParseError) as info:
        read(path)  # `show`, `check`: a draft is read as a draft
    assert info.value.hint == "join this line to the previous paragraph"
    res, report = api.import_file(path)
    assert report.format == "text"
    assert report.items[0].kind == "read-as-text"
    assert report.items[0].message.startswith("read as text pasted from a PDF: it does not read as a draft (line 28: this line continues")
    assert paragraph_count(res) == {"preambular": 3, "operative": 2}
    assert calls(res) == ["1", "2", "3"]
    assert plain(res.footnotes[1].content) == "The Committee on Disarmament was redesignated the Conference on Disarmament as from 7 February 1984."
    assert plain(node(res, "OP1").content).endswith("consisting of 21 members, participating in their personal capacity;")
    # the extraction's own keys are kept; language EN is en
    assert res.meta.language == "en" and dict(res.meta.extra)["record_id"] == "4099999"


def test_a_markdown_draft_that_reads_but_looks_pasted_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "pasted.md"
    path.write_text(
        "The General Assembly,\n\nRecalling its resolution 79/6,1\n\nNoting the report,\n\n"
        "1. Decides to remain seized of the matter.\n\n[^1]: A/79/1.\n",
        encoding="utf-8",
    )
    res, report = api.import_file(str(path))
    assert report.items[0].message == "read as text pasted from a PDF: no lead word is in italics"
    assert calls(res) == ["1"] and lead(res.blocks[0].content) == "Recalling"


def test_a_canonical_draft_imports_as_itself() -> None:
    path = Path(__file__).resolve().parent / "fixtures" / "ga-en.md"
    res, report = api.import_file(str(path))
    assert report.format == "markdown" and not any(i.kind == "read-as-text" for i in report.items)
    assert api.to_markdown(res) == path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# sniffing and refusals


def test_txt_files_are_pasted_text_and_md_files_drafts() -> None:
    assert sniff(b"The General Assembly,", "x.txt") == "text"
    assert sniff(b"The General Assembly,", "x.md") == "markdown"
    assert sniff(b"%PDF-1.7", "x.txt") == "pdf"


def test_pasted_text_that_is_no_resolution_is_refused_with_its_line() -> None:
    with pytest.raises(ParseError) as info:
        read_pasted_text("Dear Colleague,\n\nThank you for your letter of 3 May.\n\nYours sincerely,\n", "letter.txt")
    assert str(info.value).startswith("letter.txt:5: no operative paragraph found: this does not read as a resolution")


def test_an_annex_after_the_closing_line_is_refused_with_its_line() -> None:
    text = (PASTED / "ga-en.txt").read_text(encoding="utf-8") + "\nAnnex\n\n1. We, the Heads of State, reaffirm our commitment.\n"
    with pytest.raises(ParseError) as info:
        read_pasted_text(text, "with-annex.txt")
    assert info.value.line == 66 and "annex" in info.value.message


def test_runs_of_spaces_from_the_extraction_become_one_and_are_reported(tmp_path: Path) -> None:
    """"1990 3  and 1995" as the extraction leaves it: one space in the draft, said on standard
    error; no-break spaces (the writer's choice) stay."""
    source = (PASTED / "ga-en-extracted.md").read_text(encoding="utf-8")
    source = source.replace("Criminal Court 1 and all", "Criminal Court 1  and   all")
    source = source.replace("Welcoming the report of the Court,3", "Welcoming the report of the Court,3  \u00a0\u00a0of 2025,")
    source = source.replace("[^3]: A/80/305.", "[^3]: A/80/305,  para.  7.")
    (tmp_path / "in.md").write_text(source, encoding="utf-8")
    out = tmp_path / "out.md"
    code, _, err = run_cli(["import", str(tmp_path / "in.md"), "-o", str(out), "--json"])
    assert code == 0, err
    draft = out.read_text(encoding="utf-8")
    assert "International Criminal Court[^1] and all its previous" in draft
    assert "*Welcoming* the report of the Court,[^3] \u00a0\u00a0of 2025," in draft
    assert "[^3]: A/80/305, para. 7." in draft
    import json

    said = [(i["where"], i["message"]) for i in json.loads(err)["inferences"] if i["kind"] == "spaces"]
    assert said == [
        ("line 24", "2 runs of spaces → one space: 'nal Criminal Court 1  and   all it'"),
        ("line 30", "1 run of spaces → one space: 'eport of the Court,3  \u00a0\u00a0of 2025,'"),
        ("line 47", "2 runs of spaces → one space: 'A/80/305,  para.  7.'"),
    ]
    # a draft (read by the Markdown reader) is the drafter's text: its spaces are kept
    (tmp_path / "draft.md").write_text("---\nlanguage: en\n---\n\nThe General Assembly,\n\n1. *Decides* to act  now.\n", encoding="utf-8")
    code, out_text, err = run_cli(["import", str(tmp_path / "draft.md")])
    assert code == 0 and "1. *Decides* to act  now.\n" in out_text and "run of spaces" not in err


def test_the_masthead_as_printed_wins_over_another_tools_front_matter(tmp_path: Path) -> None:
    """The corpus's extraction gives the library record's title ("… Court :") and the issue
    date; the draft takes the title and the adoption date the document prints, and the report
    says where the two disagree. The extraction's own keys stay."""
    out = tmp_path / "out.md"
    code, _, err = run_cli(["import", str(PASTED / "ga-en-extracted.md"), "-o", str(out), "--json"])
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith(
        "---\nsymbol: A/RES/80/99\n"
        "title: Cooperation between the United Nations and the International Criminal Court\n"
        "language: en\nsession: 80\ndate: 2025-12-04\n"
        "adopted: Resolution adopted by the General Assembly on 4 December 2025\n"
        "record_id: 4099999\nextract_version: 1.3.0\n"
    )
    import json

    said = [(i["where"], i["message"]) for i in json.loads(err)["inferences"] if i["kind"] == "front-matter"]
    assert said == [
        ("line 4", "front matter title 'Cooperation between the United Nations and the International Criminal Court :' "
         "ends with a library record's ' :': kept the masthead's, as printed"),
        ("line 5", "front matter date '2025-12-05' is not the masthead's '2025-12-04': kept the masthead's, as printed"),
    ]
    code, shown, _ = run_cli(["show", str(out)])
    assert " ".join(shown.split()).startswith("A/RES/80/99 · Cooperation between the United Nations and the International Criminal Court label")


@pytest.mark.parametrize(
    ("front", "printed", "title", "message"),
    [
        # the extraction kept the first line of a title printed on two: the record completes it
        ("Cooperation between the United Nations and the International Criminal Court :",
         "Cooperation between the United Nations and the",
         "Cooperation between the United Nations and the International Criminal Court",
         "the masthead's title 'Cooperation between the United Nations and the' is cut short (a line lost by the "
         "extraction?): completed from the front matter's 'Cooperation between the United Nations and the International "
         "Criminal Court :' — check it against the document"),
        # a record of another resolution: the document says what it is
        ("Treaty on the South-East Asia Nuclear-Weapon-Free Zone (Bangkok Treaty) :",
         "Cooperation between the United Nations and the International Criminal Court",
         "Cooperation between the United Nations and the International Criminal Court",
         "front matter title 'Treaty on the South-East Asia Nuclear-Weapon-Free Zone (Bangkok Treaty) :' is not the "
         "masthead's 'Cooperation between the United Nations and the International Criminal Court': kept the masthead's, as printed"),
    ],
)
def test_a_title_the_extraction_cut_is_completed_and_a_wrong_record_is_not_taken(tmp_path: Path, front, printed, title, message) -> None:
    source = (PASTED / "ga-en-extracted.md").read_text(encoding="utf-8")
    source = source.replace(
        'title: "Cooperation between the United Nations and the International Criminal Court :"', f'title: "{front}"'
    ).replace("80/99. Cooperation between the United Nations and the International Criminal Court", f"80/99. {printed}")
    (tmp_path / "in.md").write_text(source, encoding="utf-8")
    out = tmp_path / "out.md"
    code, _, err = run_cli(["import", str(tmp_path / "in.md"), "-o", str(out), "--json"])
    assert code == 0, err
    assert f"\ntitle: {title}\n" in out.read_text(encoding="utf-8")
    import json

    assert {"kind": "front-matter", "message": message, "where": "line 4"} in json.loads(err)["inferences"]


def test_footnote_texts_at_the_same_place_on_several_pages_are_not_running_lines(tmp_path: Path) -> None:
    """"10 See S/2020/310, annex." at the foot of one page and "11 See S/2021/371, annex." at
    the foot of the next have the same shape at the same place, as a running footer has: they
    are footnote texts all the same (A/RES/80/34 printed to PDF lost 9 of its 24 footnotes)."""
    page = (
        "{body}\n\n"
        "____________\n"
        "{n} See S/20{n}/3{n}, annex.\n\n"
        "25-18744 {k}/3\n"
    )
    text = (
        "A/RES/80/99\n\n80/99. Reports\n\nThe General Assembly,\n\n"
        + page.format(body="Recalling the reports of the Secretary-General,1", n=1, k=1)
        + "\f"
        + page.format(body="Noting the reports of the Secretary-General,2", n=2, k=2)
        + "\f"
        + page.format(body="1. Decides to remain seized of the matter.3\n\n52nd plenary meeting 4 December 2025", n=3, k=3)
    )
    (tmp_path / "in.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.md"
    code, _, err = run_cli(["import", str(tmp_path / "in.txt"), "-o", str(out)])
    assert code == 0, err
    draft = out.read_text(encoding="utf-8")
    assert draft.endswith("[^1]: See S/201/31, annex.\n\n[^2]: See S/202/32, annex.\n\n[^3]: See S/203/33, annex.\n")
