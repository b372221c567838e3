"""The PDF reader: resolutions printed to PDF, and the PDFs it must refuse.

Two kinds of PDF (tests/pdf_samples.py):

- written byte by byte, placed line by line (fast, no word processor): a two-page resolution with
  italic leads (Times-Italic), superscript footnote calls, footnote texts set smaller at the
  foot of the page, a running header and footer, a paragraph cut by the page break; a scanned
  page (an image, no text layer); a letter; a password-protected PDF; a PDF cut short;
- **printed by LibreOffice** (marked ``libreoffice``, made once per test session): our drafts
  written to Word by pandoc (automatic numbering, real footnotes), with a running header (the
  symbol and title) and a footer with the job number and "2/4" page fields added with
  python-docx, then ``soffice --convert-to pdf``. They must import with exactly the source's
  counts of preambular and operative paragraphs, sub-paragraphs and footnotes, every call in
  place, the leads italic, and a word similarity ≥ 0.99 to the source draft.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from resodraft import api
from resodraft.errors import InputError, ParseError
from resodraft.model import NoteRef, iter_labelled, lead, paragraph_count, plain, plain_text
from resodraft.readers import read, sniff
from resodraft.readers.pdf import read_pdf
from resodraft.readers.report import ImportReport
from conftest import run_cli
from pdf_samples import draft_docx, encrypted_pdf, image_pdf, libreoffice_missing, libreoffice_pdfs, text_pdf

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def node(res, label: str):  # type: ignore[no-untyped-def]
    for item in iter_labelled(res):
        if item.label == label:
            return item.node
    raise KeyError(label)


def calls(res) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.id for item in iter_labelled(res) for i in item.node.content if isinstance(i, NoteRef)]


# --------------------------------------------------------------------------------------------
# a resolution placed line by line


def _two_pages() -> bytes:
    head = ("A/RES/80/99 Cooperation with the International Criminal Court", 72, 40, 10, "R")
    r, i = "R", "I"
    page1 = [
        head,
        ("United Nations                                   A/RES/80/99", 72, 80, 12, r),
        ("Eightieth session", 72, 100, 12, r),
        ("Resolution adopted by the General Assembly on 4 December 2025", 72, 120, 12, r),
        ("80/99. Cooperation with the International Criminal Court", 72, 144, 12, "B"),
        ("The General Assembly,", 72, 172, 12, r),
        ("Recalling", 72, 196, 12, i), ("the Rome Statute of the International Criminal Court,^1 and its", 128, 196, 12, r),
        ("article 2 on the relationship with the United Nations,", 72, 210, 12, r),
        ("Deeply concerned", 72, 234, 12, i), ("that arrest warrants issued by the Court remain outstanding", 172, 234, 12, r),
        ("against a number of persons, some of them for more than ten", 72, 248, 12, r),
        ("1 United Nations, Treaty Series, vol. 2187, No. 38544.", 72, 760, 10, r),
        ("25-20001 (E)    1/2", 72, 810, 10, r),
    ]
    page2 = [
        head,
        ("years, and that the cooperation of States is essential,^2", 72, 80, 12, r),
        ("1.    ", 72, 104, 12, r), ("Welcomes", 100, 104, 12, i), ("the report of the Court for 2024/25;", 152, 104, 12, r),
        ("2.    ", 72, 128, 12, r), ("Requests", 100, 128, 12, i), ("the Secretary-General to continue to facilitate the imple-", 152, 128, 12, r),
        ("mentation of the Relationship Agreement, in particular:", 100, 142, 12, r),
        ("(a) The provision of information;", 100, 166, 12, r),
        ("(b) The provision of logistical support in the field;", 100, 190, 12, r),
        ("3.    ", 72, 214, 12, r), ("Decides", 100, 214, 12, i), ("to remain seized of the matter.", 146, 214, 12, r),
        ("35th plenary meeting", 72, 250, 12, r),
        ("4 December 2025", 72, 264, 12, r),
        ("2 A/67/828-S/2013/210, annex.", 72, 760, 10, r),
        ("25-20001 (E)    2/2", 72, 810, 10, r),
    ]
    return text_pdf([page1, page2])


def test_a_two_page_pdf_reads_as_the_resolution(tmp_path: Path) -> None:
    report = ImportReport("x.pdf")
    res = read_pdf(_two_pages(), "x.pdf", report=report)
    assert paragraph_count(res) == {"preambular": 2, "operative": 3, "subparagraph": 2}
    assert [f.id for f in res.footnotes] == ["1", "2"] and calls(res) == ["1", "2"]
    assert plain(res.footnotes[0].content) == "United Nations, Treaty Series, vol. 2187, No. 38544."
    assert [lead(b.content) for b in res.blocks] == ["Recalling", "Deeply concerned", "Welcomes", "Requests", "Decides"]
    # the paragraph cut by the page break, with its call
    assert plain(node(res, "PP2").content) == (
        "Deeply concerned that arrest warrants issued by the Court remain outstanding against a number of "
        "persons, some of them for more than ten years, and that the cooperation of States is essential,[^2]"
    )
    assert plain_text(node(res, "OP2").content).startswith("Requests the Secretary-General to continue to facilitate the implementation of")
    assert res.meta.as_dict() == {
        "symbol": "A/RES/80/99",
        "title": "Cooperation with the International Criminal Court",
        "language": "en",
        "session": "80",
        "date": "2025-12-04",
        "adopted": "Resolution adopted by the General Assembly on 4 December 2025",
        "meeting": "35th plenary meeting 4 December 2025",
    }
    dropped = [(i.where, i.message) for i in report.items if i.kind == "running-line"]
    assert [w for w, _ in dropped] == ["page 1, line 1", "page 1, line 12", "page 2, line 1", "page 2, line 12"]
    assert ("hyphenation", "page 2, line 5") in [(i.kind, i.where) for i in report.items]
    assert any(i.kind == "joined-page-break" and i.where == "page 2, line 2" for i in report.items)


def test_the_pdf_reader_is_chosen_by_content(tmp_path: Path) -> None:
    path = tmp_path / "resolution.bin"
    path.write_bytes(_two_pages())
    assert sniff(path.read_bytes(), str(path)) == "pdf"
    res, report = api.import_file(str(path))
    assert report.format == "pdf" and paragraph_count(res)["operative"] == 3
    code, out, err = run_cli(["show", str(path)])
    assert code == 0 and "OP2(b)" in out


# --------------------------------------------------------------------------------------------
# PDFs that are refused: one line, exit 2, nothing written


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("scan.pdf", image_pdf(2), "scan.pdf: this PDF has no text layer (a scanned PDF): run OCR first — make a searchable PDF (OCR) or ask for the Word file, then import that"),
        ("locked.pdf", encrypted_pdf(), "locked.pdf: this PDF is password-protected — save a copy without a password (or print it to a new PDF) and import that"),
        ("cut.pdf", text_pdf([[("The General Assembly,", 72, 72, 12, "R")]])[:200], "cut.pdf: this PDF is damaged and cannot be read — open it in a PDF viewer and print it to a new PDF, or import the Word file instead"),
        ("letter.pdf", text_pdf([[("Dear Colleague,", 72, 72, 12, "R"), ("Thank you for your letter of 3 May.", 72, 96, 12, "R"), ("Yours sincerely,", 72, 120, 12, "R")]]),
         "letter.pdf: no operative paragraph found: this does not read as a resolution (page 1, line 2) — operative paragraphs are numbered '1. *Decides* … ;' (see docs/format.md)"),
    ],
)
def test_bad_pdfs_are_refused_with_one_line_and_nothing_is_written(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    (tmp_path / name).write_bytes(data)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = run_cli(["import", name, "-o", "out.md"], cwd=tmp_path)
    assert (code, out, err) == (2, "", f"resodraft: error: {expected}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_errors_are_resodraft_errors() -> None:
    with pytest.raises(InputError):
        read_pdf(image_pdf(), "scan.pdf")
    with pytest.raises(ParseError):
        read_pdf(text_pdf([[("Minutes of the meeting", 72, 72, 12, "R")]]), "minutes.pdf")


# --------------------------------------------------------------------------------------------
# PDFs printed by LibreOffice from Word files written by pandoc

SOURCES = {
    "ga-en": (FIXTURES / "ga-en.md", "25-18744"),
    "asp-fr": (FIXTURES / "asp-fr.md", "21-17500"),
    # written to Word by `resodraft render` (its own first page: a header with the organ and the
    # symbol, the title in bold), with a long title set on two lines, ending " :" as the UN
    # library's records give it: the title is one masthead line, no preambular paragraph, and
    # the formula gets no sub-paragraph letter
    "ga-en-rendered": (FIXTURES / "ga-en.md", None),
    # the same page in French: its header names the Assembly of States Parties
    "asp-fr-rendered": (FIXTURES / "asp-fr.md", None),
}
RENDERED_TITLE = (
    "Implementation of the Convention on the Prohibition of the Development, Production, Stockpiling and Use "
    "of Chemical Weapons and on Their Destruction :"
)  # A/RES/80/34's, set on two lines, the first ending "Production,"


def _rendered_source(name: str, folder: Path) -> Path:
    text = SOURCES[name][0].read_text(encoding="utf-8")
    if name == "ga-en-rendered":
        text = re.sub(r"(?m)^title: .*$", f"title: {RENDERED_TITLE}", text, count=1)
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sources printed to PDF by LibreOffice, once per test session (one soffice run)."""
    reason = libreoffice_missing()
    if reason:
        pytest.skip(reason)
    from resodraft.commands.render import render_docx

    folder = tmp_path_factory.mktemp("printed")
    docs = {}
    for name, (path, job) in SOURCES.items():
        if job is None:
            docs[name] = render_docx(str(_rendered_source(name, folder)), date="2025-12-04")
        else:
            docs[name] = draft_docx(path.read_text(encoding="utf-8"), job=job)
    return libreoffice_pdfs(docs, folder)


def _source_of(name: str, printed: dict[str, Path]) -> Path:
    return printed[name].with_suffix(".md") if SOURCES[name][1] is None else SOURCES[name][0]


def _words(res) -> list[str]:  # type: ignore[no-untyped-def]
    text = api.to_markdown(res).split("\n---\n", 1)[-1]
    return re.findall(r"\w+|[^\w\s]", text)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", list(SOURCES))
def test_a_pdf_printed_by_libreoffice_imports_to_its_source(printed: dict[str, Path], name: str) -> None:
    source = read(str(_source_of(name, printed)))
    res, report = api.import_file(str(printed[name]))
    assert report.format == "pdf"
    assert paragraph_count(res) == paragraph_count(source)
    assert len(res.footnotes) == len(source.footnotes)
    assert calls(res) == calls(source)
    assert [lead(b.content) for b in res.blocks] == [lead(b.content) for b in source.blocks]
    similarity = difflib.SequenceMatcher(None, _words(res), _words(source), autojunk=False).ratio()
    assert similarity >= 0.99
    kinds = {i.kind for i in report.items}
    assert {"running-line", "footnote-texts", "masthead"} <= kinds
    # the masthead the printed page carries reaches the front matter (resodraft's own first
    # page does not print the session)
    rendered = SOURCES[name][1] is None
    for key in ("symbol", "title", "language", "adopted") + (() if rendered else ("session",)):
        assert getattr(res.meta, key) == getattr(source.meta, key), key
    assert res.formula is not None and plain(res.formula) == plain(source.formula)


@pytest.mark.libreoffice
def test_our_own_rendered_title_ending_with_a_colon_is_the_title(printed: dict[str, Path], tmp_path: Path) -> None:
    """What the user sees: `import` of the PDF, then `show`, counts as the source's."""
    out = tmp_path / "back.md"
    code, _, err = run_cli(["import", str(printed["ga-en-rendered"]), "-o", str(out)])
    assert code == 0, err
    code, shown, _ = run_cli(["show", str(out)])
    _, expected, _ = run_cli(["show", str(printed["ga-en-rendered"].with_suffix(".md"))])
    assert shown.splitlines()[-1] == expected.splitlines()[-1] == (
        "14 preambular, 24 operative, 19 sub-paragraphs, 1 heading; 5 footnotes"
    )
    text = out.read_text(encoding="utf-8")
    assert f"title: {RENDERED_TITLE}\n" in text
    assert "\nThe General Assembly,\n" in text and "(a) The General Assembly" not in text
    assert "dropped the heading 'General Assembly'" in err


@pytest.mark.libreoffice
def test_the_printed_pdf_is_read_page_by_page(printed: dict[str, Path]) -> None:
    _, report = api.import_file(str(printed["ga-en"]))
    pages = {i.where.split(",")[0] for i in report.items if i.kind == "running-line"}
    assert len(pages) >= 2  # the header and the footer of every page
    dropped = [i.message for i in report.items if i.kind == "running-line"]
    assert any("25-18744 2/" in m for m in dropped)
    assert any(m.startswith("dropped running header/footer 'A/RES/80/99 Cooperation between") for m in dropped)


@pytest.mark.libreoffice
def test_commands_take_the_pdf_directly(printed: dict[str, Path], tmp_path: Path) -> None:
    code, out, err = run_cli(["show", str(printed["asp-fr"])])
    assert code == 0 and "OP2(c)" in out
    code, out, err = run_cli(["diff", str(printed["ga-en"]), str(FIXTURES / "ga-en.md"), "--to", "json"])
    assert code == 0
    import json

    assert {p["status"] for p in json.loads(out)["paragraphs"]} == {"equal"}
