"""The Word reader, as a user meets it: ``resodraft import X.docx`` and every command on a .docx.

- **Our own Word files** (``render`` and ``redline``'s clean file) import to the draft they were
  rendered from, French and English.
- **Word files made by other programs**: pandoc (automatic numbering from ordered lists, real
  footnotes, Heading styles) and a document typed with python-docx (``12.`` + tab, italic lead
  words as runs, footnotes added at the XML level). For each: the same number of preambular
  and operative paragraphs, sub-paragraphs, headings, parts and footnotes as the source, the
  same italic lead words, word similarity ≥ 0.995 — and in fact the same resolution.
- **Word features one at a time** (hand-made packages, ``docx_samples``): footnotes, automatic
  numbering (lettered parts restarting at 1, ``a)``/``(a)`` letters, multi-level lists),
  headings by style and by outline level, what must never leak into the text (hyperlink
  fields' codes, PAGE fields, comments, bookmarks, headers and footers, hidden text), curly
  quotes and no-break spaces kept.
- **Every command takes a .docx**: ``show``, ``apply``, ``check``, ``redline``, ``diff``, ``render``.
- **Property**: a generated resolution rendered by ``render_clean`` imports back unchanged.

Tracked changes are in ``test_reader_docx_revisions.py``, LibreOffice's files in
``test_reader_docx_libreoffice.py``, unreadable files in ``tests/bad/``.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import run_cli
from docx_samples import (
    HEADING_STYLES,
    counts,
    footnotes,
    leads,
    note,
    numbering,
    one_note_per_call,
    p,
    package,
    pandoc_docx,
    r,
    renumber_notes,
    similarity,
    typed_docx,
)
from resodraft.api import to_markdown
from resodraft.model import Meta, Resolution, Text
from resodraft.readers import READERS, ReadOptions, read
from resodraft.readers.markdown import read_markdown
from resodraft.readers.report import ImportReport
from resodraft.typography import typeset_ops, untypeset_inlines

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "Res.2 (fr)": ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md",
    "Res.6-coop, parts (fr)": ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md",
    "ASP victims (fr)": ROOT / "tests" / "fixtures" / "asp-fr.md",
    "seed annex I (fr)": ROOT / "tests" / "fixtures" / "seed-annex1.md",
    "seed annex II, parts (fr)": ROOT / "tests" / "fixtures" / "seed-annex2.md",
    "GA 80/99 (en)": ROOT / "tests" / "fixtures" / "ga-en.md",
    "GA 80/99 wrapped (en)": ROOT / "tests" / "fixtures" / "ga-en-wrapped.md",
    "single operative (en)": ROOT / "tests" / "fixtures" / "single-op.md",
}
FRENCH = "Res.2 (fr)"
ENGLISH = "GA 80/99 (en)"


def import_bytes(data: bytes, name: str = "x.docx", **options) -> tuple[Resolution, ImportReport]:
    report = ImportReport(name)
    res = READERS["docx"](data, name, ReadOptions(report=report, **options))
    return res, report


def imported_md(body: str, **parts: str) -> str:
    """The Markdown ``resodraft import`` writes for a package with this body and these parts."""
    res, _ = import_bytes(package(body, **parts))
    return to_markdown(res)


def body_of(md: str) -> str:
    """The draft without its front matter."""
    return re.sub(r"\A---\n.*?\n---\n\n", "", md, flags=re.S)


def _as_read_back(res: Resolution) -> Resolution:
    """Each paragraph as the Word writer typesets it (``typeset_ops``) and the reader undoes it."""
    from resodraft.model import Op, normalize

    def para(content):
        typeset = typeset_ops((Op("=", tuple(content)),), res.language)[0].content
        typeset = [Text(i.text, frozenset(m for m in i.marks if not m.startswith("lang:"))) if isinstance(i, Text) else i
                   for i in typeset]  # a language tag is the Word writer's, not the text's
        return tuple(normalize(untypeset_inlines(typeset)))

    def node(n):
        return replace(n, content=para(n.content), **({"subs": tuple(node(s) for s in n.subs)} if getattr(n, "subs", None) else {}))

    return replace(
        res,
        formula=para(res.formula) if res.formula is not None else None,
        blocks=tuple(node(b) for b in res.blocks),
        footnotes=tuple(node(f) for f in res.footnotes),
    )


def carried(src: Resolution) -> Resolution:
    """What a Word masthead carries of ``src`` (see the round-trip test's docstring), with the
    text as the Word writer typesets it and the reader reads it back: French spacing put in,
    then read as ordinary spaces (a space the drafter left out before ``;`` comes back)."""
    src = _as_read_back(src)
    meta = src.meta
    date = meta.date if meta.adopted else None  # read back from the adoption line
    draft = meta.status == "draft"  # a draft's masthead prints its session and "Projet de résolution"
    return replace(
        renumber_notes(src),
        meta=Meta(
            symbol=meta.symbol, title=meta.title, language=meta.language, date=date, adopted=meta.adopted,
            session=meta.session if draft else None, status="draft" if draft else None,
        ),
    )


# --------------------------------------------------------------------------------------------
# our own Word files


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_import_of_our_clean_docx_gives_back_the_draft(name, tmp_path):
    """``render DRAFT.md -o X.docx`` then ``import X.docx`` gives the draft back.

    Equal canonical Markdown, front matter included as far as the masthead carries it: the
    symbol, the title and the adoption line (``Adoptée à la 4^e séance plénière, le 16
    décembre 2020``, superscript kept) are printed in the masthead and read back, and the
    adoption line gives the ``date`` again. What a Word file cannot carry: ``session`` (the
    masthead prints no session line) and ``date`` when there is no adoption line to state it;
    the bracketed provenance line and other front matter keys (``committee`` …: not printed);
    footnote numbers other than 1…n in order of first call (Word numbers footnotes itself, so
    the seed's ``[^12]`` comes back as ``[^1]``).
    """
    src = read(str(SOURCES[name]))
    docx, back = tmp_path / "x.docx", tmp_path / "back.md"
    assert run_cli(["render", str(SOURCES[name]), "-o", str(docx)])[0] == 0
    code, out, err = run_cli(["import", str(docx), "-o", str(back)])
    assert code == 0, err
    assert back.read_text(encoding="utf-8") == to_markdown(carried(src))


def test_import_reports_what_it_read_from_our_clean_docx(tmp_path):
    docx = tmp_path / "res2.docx"
    run_cli(["render", str(SOURCES[FRENCH]), "-o", str(docx)])
    code, out, err = run_cli(["import", str(docx), "--json"])
    assert code == 0
    report = json.loads(err)
    assert report["format"] == "docx"
    said = {(i["kind"], i["message"], i["where"]) for i in report["inferences"]}
    assert ("masthead", "masthead → front matter symbol: ICC-ASP/19/Res.2", "paragraph 1") in said
    assert ("masthead", "masthead → front matter date: 2020-12-16", "paragraph 1") in said
    assert ("docx-footnotes", "7 footnotes read with their calls, numbered 1… in order of first call", None) in said
    headings = next(i for i in report["inferences"] if i["kind"] == "docx-heading")
    assert headings["message"] == "10 paragraphs read as headings by their style 'Reso Heading'"
    assert headings["where"].startswith("paragraphs 18, 24, 27,")
    assert out.startswith("---\nsymbol: ICC-ASP/19/Res.2\n")


def test_redline_clean_docx_imports_to_the_clean_text(tmp_path):
    from resodraft import api

    job = api.redline_job(str(SOURCES[FRENCH]), [str(ROOT / "drafts" / "2021" / "Res.2")], str(tmp_path), date="2021-11-04")
    clean = next(v for k, v in job.files.items() if k.endswith(".clean.docx"))
    res, _ = import_bytes(clean, "ICC-ASP-19-Res.2.fr.clean.docx")
    assert to_markdown(res) == to_markdown(carried(job.result.new))


# --------------------------------------------------------------------------------------------
# Word files made by other programs


def assert_imports_to(got: Resolution, src: Resolution) -> None:
    assert counts(got) == counts(src)
    assert leads(got) == leads(src)
    assert all(leads(got)[k] for k, x in enumerate(leads(src)) if x), "every lead word is italic"
    assert similarity(got, src) >= 0.995
    assert (got.formula, got.blocks, got.footnotes) == (src.formula, src.blocks, src.footnotes)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_pandoc_docx_imports_to_its_source(name, tmp_path):
    """pandoc writes operative paragraphs and sub-paragraphs as Word lists (automatic
    numbering, each list instance starting at its first number), footnotes as real footnotes,
    headings in Heading styles, and the masthead as plain paragraphs."""
    src = renumber_notes(read(str(SOURCES[name])))
    pandoc_docx(src, tmp_path / "pandoc.docx")
    got, report = import_bytes((tmp_path / "pandoc.docx").read_bytes(), "pandoc.docx")
    assert_imports_to(got, src)
    assert (got.meta.symbol, got.meta.title) == (src.meta.symbol, src.meta.title)
    if counts(src).get("operative", 0) > 1:
        assert any(i.kind == "docx-numbering" for i in report.items)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_typed_docx_from_python_docx_imports_to_its_source(name):
    """Typed numbers (``12.`` + tab), italic lead words as runs, Heading styles, footnotes
    added at the XML level."""
    src = renumber_notes(read(str(SOURCES[name])))
    got, report = import_bytes(typed_docx(src), "typed.docx")
    assert_imports_to(got, src)
    assert not any(i.kind == "docx-numbering" for i in report.items)


# --------------------------------------------------------------------------------------------
# Word features, one at a time

FORMULA = p(r("The General Assembly,"))
PP = p(r("Recalling", i=True), r(" its resolution 79/6,"))
TAB = r(extra="<w:tab/>")


def test_footnotes_with_their_calls_custom_marks_and_endnotes():
    body = (
        FORMULA
        + p(r("Recalling", i=True), r(" the Rome Statute,"), note(2), r(" and its article 2,"))
        + p(r("1."), r(extra="<w:tab/>"), r("Welcomes", i=True), r(" the report"), note(1), r(";"))
        + p(r("2."), r(extra="<w:tab/>"), r("Decides", i=True), r(" to remain seized"),
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteReference w:id="1"/></w:r>', r("."))
    )
    notes = footnotes("See A/80/305.", "United Nations, Treaty Series, vol. 2187.")
    notes = notes.replace('<w:footnote w:id="1">', '<w:footnote w:id="1"><w:p><w:r><w:t>First part of the note.</w:t></w:r></w:p>', 1)
    endnotes = '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> A/67/828.</w:t></w:r></w:p></w:endnote>'
    md = imported_md(body, footnotes=notes, endnotes=endnotes)
    assert body_of(md) == (
        "The General Assembly,\n\n"
        "*Recalling* the Rome Statute,[^1] and its article 2,\n\n"
        "1. *Welcomes* the report[^2];\n\n"
        "2. *Decides* to remain seized[^3].\n\n"
        "[^1]: United Nations, Treaty Series, vol. 2187.\n\n"
        "[^2]: First part of the note. See A/80/305.\n\n"
        "[^3]: A/67/828.\n"
    )


def test_lettered_parts_restart_at_one_and_lists_continue_across_headings():
    """One numbering definition, a new instance with a start override for each lettered part
    (the shape Word gives a list restarted at 1), and a heading inside part A: the list goes
    on after it, as Word shows it."""
    num = numbering(
        (1, [("decimal", "%1."), ("lowerLetter", "%2)")]),
        (2, [("upperLetter", "%1.")]),
        nums=[(10, 1, {}), (11, 1, {0: 1}), (20, 2, {})],
    )
    body = (
        p(r("Coopération"), style="Heading1", num=(20, 0))
        + p(r("Rappelle", i=True), r(" sa résolution ;"), num=(10, 0))
        + p(r("Exécution des mandats"), style="Heading2")
        + p(r("Prie", i=True), r(" le Bureau :"), num=(10, 0))
        + p(r("de poursuivre ;"), num=(10, 1))
        + p(r("de faire rapport ;"), num=(10, 1))
        + p(r("Mandats"), style="Heading1", num=(20, 0))
        + p(r("En ce qui concerne la coopération,"), num=(11, 0))
        + p(r("invite", i=True), r(" le Bureau ;"), num=(11, 1))
        + p(r("Décide", i=True), r(" de rester saisie de la question."), num=(11, 0))
    )
    res, report = import_bytes(package(body, styles=HEADING_STYLES, numbering=num))
    assert body_of(to_markdown(res)) == (
        "# A. Coopération\n\n"
        "1. *Rappelle* sa résolution ;\n\n"
        "## Exécution des mandats\n\n"
        "2. *Prie* le Bureau :\n\n"
        "a) de poursuivre ;\n\n"
        "b) de faire rapport ;\n\n"
        "# B. Mandats\n\n"
        "1. En ce qui concerne la coopération,\n\n"
        "a) *invite* le Bureau ;\n\n"
        "2. *Décide* de rester saisie de la question.\n"
    )
    from resodraft.model import labels

    assert labels(res) == ["A", "A.OP1", "H1", "A.OP2", "A.OP2(a)", "A.OP2(b)", "B", "B.OP1", "B.OP1(a)", "B.OP2"]
    numbering_note = next(i for i in report.items if i.kind == "docx-numbering")
    assert (numbering_note.message, numbering_note.where) == (
        "4 paragraph numbers and 5 sub-paragraph letters (or other labels) computed from Word's automatic numbering",
        "paragraphs 1–10",
    )


def test_english_sub_paragraphs_on_two_levels_from_a_multilevel_list():
    num = numbering(
        (1, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]),
        nums=[(1, 1, {})],
    )
    body = (
        FORMULA + PP
        + p(r("Requests", i=True), r(" the Secretary-General:"), num=(1, 0))
        + p(r("The provision of information:"), num=(1, 1))
        + p(r("On request of the Prosecutor;"), num=(1, 2))
        + p(r("On request of the defence;"), num=(1, 2))
        + p(r("Reparations to victims;"), num=(1, 1))
        + p(r("Decides", i=True), r(" to remain seized of the matter."), num=(1, 0))
    )
    res, _ = import_bytes(package(body, numbering=num))
    assert body_of(to_markdown(res)).split("\n\n")[2:] == [
        "1. *Requests* the Secretary-General:",
        "(a) The provision of information:",
        "(i) On request of the Prosecutor;",
        "(ii) On request of the defence;",
        "(b) Reparations to victims;",
        "2. *Decides* to remain seized of the matter.\n",
    ]
    from resodraft.model import labels

    assert "OP1(a)(ii)" in labels(res) and "OP1(b)" in labels(res)


def test_headings_by_style_and_by_outline_level_are_plain_text():
    """Heading 2 (bold by its style), a custom style with an outline level (italic by its
    style) and a paragraph given an outline level directly are headings; the bold or italic
    their style prints is not part of their text."""
    body = (
        FORMULA + PP
        + p(r("1."), r(extra="<w:tab/>"), r("Welcomes", i=True), r(" the report;"))
        + p(r("Cooperation with the Court"), style="Heading2")
        + p(r("2."), r(extra="<w:tab/>"), r("Calls upon", i=True), r(" States;"))
        + p(r("Reparations"), style="Section")
        + p(r("3."), r(extra="<w:tab/>"), r("Stresses", i=True), r(" the importance;"))
        + p(r("Outreach and "), r("ad hoc", i=True), r(" visits"), ppr='<w:outlineLvl w:val="2"/>')
        + p(r("4."), r(extra="<w:tab/>"), r("Decides", i=True), r(" to remain seized."))
    )
    res, report = import_bytes(package(body, styles=HEADING_STYLES))
    assert body_of(to_markdown(res)).split("\n\n")[3:8] == [
        "## Cooperation with the Court",
        "2. *Calls upon* States;",
        "## Reparations",
        "3. *Stresses* the importance;",
        "### Outreach and *ad hoc* visits",
    ]
    said = sorted((i.message, i.where) for i in report.items if i.kind == "docx-heading")
    assert said == [
        ("1 paragraph read as heading by their outline level 3", "paragraph 8"),
        ("1 paragraph read as heading by their style 'Section title'", "paragraph 6"),
        ("1 paragraph read as heading by their style 'heading 2'", "paragraph 4"),
    ]


def test_hyperlinks_page_fields_comments_bookmarks_headers_and_footers_never_leak():
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://undocs.org/A/80/305" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("A/80/305")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    page = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("7") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    body = (
        FORMULA
        + p(r("Recalling", i=True), '<w:bookmarkStart w:id="0" w:name="_Ref1"/>', r(" the report"),
            '<w:bookmarkEnd w:id="0"/>', r(" ("), field, r("),"))
        + p(r("1."), r(extra="<w:tab/>"), '<w:commentRangeStart w:id="5"/>', r("Welcomes", i=True),
            r(" the "), '<w:hyperlink r:id="rId99"><w:r><w:t>Court’s report</w:t></w:r></w:hyperlink>',
            '<w:commentRangeEnd w:id="5"/>', '<w:r><w:commentReference w:id="5"/></w:r>', r(";"), page)
        + p(r("2."), r(extra="<w:tab/>"), r("Decides", i=True), r(" to remain seized"),
            '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>12</w:t></w:r></w:fldSimple>',
            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden drafting note</w:t></w:r>', r("."))
    )
    comments = '<w:comment w:id="5" w:author="France" w:date="2025-10-01T00:00:00Z"><w:p><w:r><w:t>Check this.</w:t></w:r></w:p></w:comment>'
    header = p(r("A/RES/80/99"))
    footer = p(r("25-18744"), '<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>', r("/6"))
    res, report = import_bytes(package(body, comments=comments, header=header, footer=footer))
    assert body_of(to_markdown(res)) == (
        "The General Assembly,\n\n"
        "*Recalling* the report (A/80/305),\n\n"
        "1. *Welcomes* the Court’s report;\n\n"
        "2. *Decides* to remain seized.\n"
    )
    kinds = {i.kind for i in report.items}
    assert {"docx-comments", "docx-headers", "docx-field", "docx-hidden"} <= kinds
    comment = next(i for i in report.items if i.kind == "docx-comments")
    assert comment.message == "1 comment (France) not read into the text"


def test_comments_are_data_with_their_anchor_paragraphs():
    from resodraft.readers.docx import parse_docx

    body = (
        FORMULA + PP
        + p(r("1."), r(extra="<w:tab/>"), '<w:commentRangeStart w:id="1"/>', r("Welcomes", i=True), r(" the report;"))
        + p(r("2."), r(extra="<w:tab/>"), r("Decides", i=True), r(" to remain"), '<w:commentRangeEnd w:id="1"/>',
            '<w:r><w:commentReference w:id="1"/></w:r>', r(" seized."))
    )
    comments = ('<w:comment w:id="1" w:author="Chile" w:date="2025-10-02T09:00:00Z" w:initials="CL">'
                '<w:p><w:r><w:t>Merge these two?</w:t></w:r></w:p><w:p><w:r><w:t>Or keep both.</w:t></w:r></w:p></w:comment>')
    doc = parse_docx(package(body, comments=comments), "x.docx")
    (comment,) = doc.comments
    assert (comment.author, comment.date, comment.initials) == ("Chile", "2025-10-02T09:00:00Z", "CL")
    assert comment.text == "Merge these two?\nOr keep both."
    assert comment.paragraphs == (3, 4)
    assert comment.anchor == "Welcomes the report;\n2.\tDecides to remain"


def test_curly_quotes_no_break_spaces_and_no_break_hyphens_are_kept():
    body = (
        p(r("L’Assemblée des États Parties,"))
        + p(r("Rappelant", i=True), r(" l’importance du «\u202fsystème\u202f» de\u00a0Rome,"))
        + p(r("1."), r(extra="<w:tab/>"), r("Décide", i=True), r(" de rester saisie de la question"),
            r(extra="<w:noBreakHyphen/>"), r("clé\u202f."))
    )
    assert body_of(imported_md(body)) == (
        "L’Assemblée des États Parties,\n\n"
        "*Rappelant* l’importance du «\u202fsystème\u202f» de\u00a0Rome,\n\n"
        "1. *Décide* de rester saisie de la question\u2011clé\u202f.\n"
    )


def test_runs_split_anywhere_merge_and_character_styles_give_italics():
    """Word splits runs at random (spell checking, revisions saved, language tags); the
    text reads as one run per formatting. An italic character style is italic."""
    body = (
        FORMULA
        + p(r("Rec"), '<w:proofErr w:type="spellStart"/>', r("all", style="Lead"), r("ing", i=True),
            '<w:proofErr w:type="spellEnd"/>', r(" its "), r("reso"), r("lution"), r(" 79/6,"))
        + p(r("1."), r(extra="<w:tab/>"), r("Dec", style="Lead"), r("ides", style="Lead"), r(" to remain seized."))
    )
    res, _ = import_bytes(package(body, styles=HEADING_STYLES))
    assert body_of(to_markdown(res)) == "The General Assembly,\n\nRec*alling* its resolution 79/6,\n\n1. *Decides* to remain seized.\n"


def test_a_un_masthead_laid_out_in_a_table_reaches_the_front_matter():
    """The General Assembly's masthead as a Word file lays it out: a table (each short row read
    as one line, cell after cell, as it is printed), a symbol in a content control, session,
    agenda item, adoption line, provenance line, numbered title; the closing line at the end,
    broken over two lines; a job number in the footer, which is never read."""
    table = (
        "<w:tbl><w:tr><w:tc>" + p(r("United Nations")) + "</w:tc><w:tc>"
        + '<w:sdt><w:sdtPr><w:alias w:val="Symbol"/></w:sdtPr><w:sdtContent>' + p(r("A/RES/80/6")) + "</w:sdtContent></w:sdt>"
        + "</w:tc></w:tr><w:tr><w:tc>" + p(r("General Assembly")) + "</w:tc><w:tc>"
        + p(r("Distr.: General")) + p(r("12 November 2025")) + "</w:tc></w:tr></w:tbl>"
    )
    body = (
        table + p(r("Eightieth session")) + p(r("Agenda item 74")) + p(r("Report of the International Criminal Court"))
        + p(r("Resolution adopted by the General Assembly on 11 November 2025"))
        + p(r("[without reference to a Main Committee (A/80/L.9)]"))
        + p(r("80/6.", b=True), r(extra="<w:tab/>"), r("Report of the International Criminal Court", b=True))
        + p(r("The General Assembly,", i=True))
        + p(r("Recalling", i=True), r(" its resolution 79/6 of 29 October 2024,"))
        + p(r("1."), TAB, r("Welcomes", i=True), r(" the report of the Court;"))
        + p(r("2."), TAB, r("Decides", i=True), r(" to include the item in the provisional agenda of its eighty-first session."))
        + p(r("35th plenary meeting"), r(extra="<w:br/>"), r("11 November 2025"))
    )
    res, report = import_bytes(package(body, footer=p(r("25-18744 (E)"))), "A_RES_80_6.docx")
    assert res.meta.as_dict() == {
        "symbol": "A/RES/80/6",
        "title": "Report of the International Criminal Court",
        "language": "en",
        "session": "80",
        "date": "2025-11-11",
        "adopted": "Resolution adopted by the General Assembly on 11 November 2025",
        "distribution": "General",
        "issued": "2025-11-12",
        "agenda_item": "74",
        "committee": "without reference to a Main Committee (A/80/L.9)",
        "meeting": "35th plenary meeting 11 November 2025",
    }
    assert [b.kind for b in res.blocks] == ["preambular", "operative", "operative"]
    said = {(i.kind, i.message, i.where) for i in report.items}
    assert ("docx-table", "a table (2 rows × 2 columns): each row read as one line, its cells joined by a space", "paragraph 1") in said
    assert ("closing-line", "closing line '35th plenary meeting 11 November 2025' → front matter", "paragraph 16") in said
    assert ("masthead", "masthead → front matter session: 80", "paragraph 1") in said
    assert "25-18744" not in to_markdown(res)


def test_an_asp_masthead_in_french_reaches_the_front_matter():
    body = (
        p(r("Résolution ICC-ASP/19/Res.2"))
        + p(r("Adoptée à la 4"), r("e", sup=True), r(" séance plénière, le 16 décembre 2020, par consensus"))
        + p(r("ICC-ASP/19/Res.2"))
        + p(r("Résolution sur la coopération"))
        + p(r("L’Assemblée des États Parties,"))
        + p(r("Rappelant", i=True), r(" les dispositions du Statut de Rome,"))
        + p(r("1."), TAB, r("Décide", i=True), r(" de rester saisie de la question."))
    )
    res, _ = import_bytes(package(body))
    assert res.meta.as_dict() == {
        "symbol": "ICC-ASP/19/Res.2",
        "title": "Résolution sur la coopération",
        "language": "fr",
        "date": "2020-12-16",
        "adopted": "Adoptée à la 4^e séance plénière, le 16 décembre 2020, par consensus",
    }
    assert res.formula == (Text("L’Assemblée des États Parties,"),)


def test_a_long_table_row_keeps_its_paragraphs():
    cell = "Recalling its resolutions on the question, and stressing the importance of the Relationship Agreement between the Court and the Organization,"
    table = "<w:tbl><w:tr><w:tc>" + p(r(cell)) + "</w:tc><w:tc>" + p(r(cell.replace("Recalling", "Noting"))) + "</w:tc></w:tr></w:tbl>"
    body = FORMULA + table + p(r("1."), TAB, r("Decides", i=True), r(" to remain seized."))
    res, report = import_bytes(package(body))
    assert [b.kind for b in res.blocks] == ["preambular", "preambular", "operative"]
    assert any(i.message == "a table (1 row × 2 columns): read cell by cell, row after row" for i in report.items)


def test_a_manual_line_break_before_a_number_starts_a_paragraph():
    body = (
        FORMULA + PP
        + p(r("1."), r(extra="<w:tab/>"), r("Welcomes", i=True), r(" the report;"), r(extra="<w:br/>"),
            r("2."), r(extra="<w:tab/>"), r("Decides", i=True), r(" to remain"), r(extra="<w:br/>"), r("seized."))
    )
    assert body_of(imported_md(body)).split("\n\n")[2:] == ["1. *Welcomes* the report;", "2. *Decides* to remain seized.\n"]


def test_an_empty_numbered_paragraph_is_skipped_and_reported():
    num = numbering((1, [("decimal", "%1.")]), nums=[(1, 1, {})])
    body = FORMULA + PP + p(r("Welcomes", i=True), r(" the report;"), num=(1, 0)) + p(num=(1, 0)) + p(r("Decides", i=True), r(" to remain seized."), num=(1, 0))
    res, report = import_bytes(package(body, numbering=num))
    assert body_of(to_markdown(res)).split("\n\n")[2:] == ["1. *Welcomes* the report;", "3. *Decides* to remain seized.\n"]
    (empty,) = [i for i in report.items if i.kind == "docx-empty-numbered"]
    assert (empty.message, empty.where) == ("an empty paragraph numbered '2.' was skipped (Word still shows its number)", "paragraph 4")


def test_a_paragraph_that_does_not_read_is_placed_by_its_word_paragraph():
    body = FORMULA + PP + p(r("1."), r(extra="<w:tab/>"), r("Welcomes", i=True), r(" the report;")) + p(r("Also welcomes", i=True), r(" the statement;"))
    with pytest.raises(Exception) as info:
        import_bytes(package(body), "draft.docx")
    assert str(info.value) == (
        "draft.docx: paragraph 4 (“Also welcomes the statement;”): paragraph has no number, but operative "
        "paragraphs are numbered — number it (type '12.' and a tab, or use Word's numbering), or give a heading a Heading style"
    )


# --------------------------------------------------------------------------------------------
# every command takes a .docx


@pytest.fixture
def res6_docx(tmp_path) -> Path:
    path = tmp_path / "Res.6-coop.docx"
    assert run_cli(["render", str(SOURCES["Res.6-coop, parts (fr)"]), "-o", str(path)])[0] == 0
    return path


def test_show_a_docx_lists_the_same_labels_as_the_draft(res6_docx):
    code, out, err = run_cli(["show", str(res6_docx), "--json"])
    assert (code, err) == (0, "")
    _, ref, _ = run_cli(["show", str(SOURCES["Res.6-coop, parts (fr)"]), "--json"])
    got, want = json.loads(out), json.loads(ref)
    assert [b["label"] for b in got["blocks"]] == [b["label"] for b in want["blocks"]]
    assert [b["text"] for b in got["blocks"]] == [b["text"] for b in want["blocks"]]
    assert got["footnotes"] == want["footnotes"]


def test_apply_and_redline_take_a_docx_and_name_outputs_after_it(res6_docx, tmp_path):
    amend = tmp_path / "amendments"  # the bundled ones name their Markdown base: amend the .docx instead
    amend.mkdir()
    for toml in sorted((ROOT / "drafts" / "2021" / "Res.6-coop").glob("*.toml")):
        text = re.sub(r"(?m)^base = .*\n", "", toml.read_text(encoding="utf-8"))
        (amend / toml.name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run_cli(["redline", str(res6_docx), str(amend), "-o", str(out), "--date", "2021-11-04"])
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "Res.6-coop.clean.docx", "Res.6-coop.clean.md", "Res.6-coop.redline.docx", "Res.6-coop.redline.md", "Res.6-coop.tracked.docx",
    ]
    reference = tmp_path / "ref"
    run_cli(["redline", str(SOURCES["Res.6-coop, parts (fr)"]), str(amend), "-o", str(reference), "--date", "2021-11-04"])
    assert body_of((out / "Res.6-coop.clean.md").read_text(encoding="utf-8")) == body_of(
        (reference / "ICC-ASP-19-Res.6-coop.fr.clean.md").read_text(encoding="utf-8")
    )
    code, applied, _ = run_cli(["apply", str(res6_docx), str(amend)])
    assert code == 0 and body_of(applied) == body_of((out / "Res.6-coop.clean.md").read_text(encoding="utf-8"))


def test_diff_a_docx_with_a_draft(res6_docx):
    code, out, err = run_cli(["diff", str(res6_docx), str(ROOT / "tests" / "golden" / "annex2.accepted.md"), "--to", "json"])
    assert code == 0, err
    statuses = [p["status"] for p in json.loads(out)["paragraphs"]]
    assert "inserted" in statuses and "changed" in statuses
    code, out, _ = run_cli(["diff", str(res6_docx), str(SOURCES["Res.6-coop, parts (fr)"]), "--to", "json"])
    assert {p["status"] for p in json.loads(out)["paragraphs"]} == {"equal"}


def test_render_a_docx_again(res6_docx, tmp_path):
    again = tmp_path / "again.docx"
    assert run_cli(["render", str(res6_docx), "-o", str(again)])[0] == 0
    assert to_markdown(read(str(again))) == to_markdown(read(str(res6_docx)))


def test_check_a_docx_reports_findings_by_paragraph_and_label(res6_docx):
    code, out, err = run_cli(["check", str(res6_docx), "--no-baseline", "--format", "json"])
    assert code == 1, err
    findings = json.loads(out)["findings"]
    assert [(f["line"], f["column"], f["rule"]) for f in findings] == [
        (8, 1, "symbol-malformed"), (18, 195, "fr-spacing"), (24, 1, "symbol-malformed"),
    ]
    assert findings[1]["message"] == "B.OP1(b): no space before ';' (French typography: a narrow no-break space)"
    assert findings[0]["message"].startswith("footnote 1: malformed symbol 'ICC-ASP/20/2549/33'")
    assert {f["file"] for f in findings} == {str(res6_docx)}
    _, md_out, _ = run_cli(["check", str(SOURCES["Res.6-coop, parts (fr)"]), "--no-baseline", "--format", "json"])
    assert sorted(f["rule"] for f in json.loads(md_out)["findings"]) == sorted(f["rule"] for f in findings)


def test_check_a_clean_typed_docx_in_english(tmp_path):
    path = tmp_path / "ga.docx"
    path.write_bytes(typed_docx(read(str(SOURCES[ENGLISH]))))
    code, out, err = run_cli(["check", str(path)])
    assert (code, err) == (0, "")
    assert out.strip() == "No findings in 1 file."


# --------------------------------------------------------------------------------------------
# the property


def _word_safe(res: Resolution) -> Resolution:
    """What a Word file carries of a generated resolution: its language as the only front
    matter (the masthead prints generated strings that need not read as a masthead), and
    footnotes numbered 1…n in order of call, one footnote per call (Word numbers footnotes
    itself, and a Word footnote has exactly one call: a note called twice is two notes), and
    the text as the writer typesets it and the reader reads it back (see :func:`carried`)."""
    res = _as_read_back(res)
    return replace(one_note_per_call(res), meta=Meta(language=res.meta.language))


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(res=__import__("test_roundtrip").resolutions())
def test_generated_resolution_survives_render_clean_then_import(res):
    from resodraft.writers.docx import write_clean_docx

    res = _word_safe(res)
    md = to_markdown(res)
    res = read_markdown(md, "generated.md")  # what the user renders: the draft as read
    got, _ = import_bytes(write_clean_docx(res), "generated.docx", language=res.meta.language)
    assert (got.formula, got.blocks, got.footnotes) == (res.formula, res.blocks, res.footnotes), md


def test_import_reads_a_docx_from_standard_input(res6_docx):
    code, out, err = run_cli(["import", "-"], stdin=res6_docx.read_bytes())
    assert code == 0, err
    assert err.startswith("<stdin>: read as docx")
    assert body_of(out) == body_of(to_markdown(read(str(SOURCES["Res.6-coop, parts (fr)"]))))


def test_a_letter_in_word_is_not_a_resolution():
    """As for PDFs: a Word file another program wrote with neither an enacting formula nor a
    numbered paragraph is refused (resodraft's own files may hold one unnumbered operative
    paragraph without a formula, as a draft may)."""
    body = p(r("Dear colleagues,")) + p(r("Please find attached the revised draft for the informal consultations."))
    with pytest.raises(Exception) as info:
        import_bytes(package(body), "letter.docx")
    assert str(info.value).startswith("letter.docx: paragraph 2 (“Please find attached the revised draft for the …”): "
                                      "no operative paragraph found: this does not read as a resolution")


LONG_TITLE = ("Follow-up to nuclear disarmament obligations agreed to at the 1995, 2000 and 2010 Review "
              "Conferences of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons")


def test_a_long_title_stays_in_the_masthead(tmp_path):
    """A 27-word title (A/RES/80/45) is no heading by its shape: in our own file its style says
    it is the title; in a typed one, its number (``80/45.``) does."""
    from resodraft.writers.docx import write_clean_docx

    src = read(str(SOURCES[ENGLISH]))
    src = replace(src, meta=replace(src.meta, symbol="A/RES/80/45", title=LONG_TITLE))
    ours, _ = import_bytes(write_clean_docx(src))
    assert (ours.meta.title, ours.formula, ours.blocks) == (LONG_TITLE, src.formula, src.blocks)
    typed = replace(src, meta=replace(src.meta, adopted=None))  # typed_docx prints "80/45. Follow-up …"
    theirs, _ = import_bytes(typed_docx(typed))
    assert (theirs.meta.title, theirs.formula, theirs.blocks) == (LONG_TITLE, src.formula, src.blocks)


@pytest.mark.parametrize("name", [FRENCH, ENGLISH])
def test_a_drafts_masthead_reads_back_as_a_draft(name):
    """A draft (``status: draft``) is printed with its session line and "Projet de résolution"
    / "Draft resolution" (resodraft.masthead); importing it gives that front matter back."""
    from resodraft.writers.docx import write_clean_docx

    src = read(str(SOURCES[name]))
    draft = replace(src, meta=Meta(title=src.meta.title if name == ENGLISH else "Résolution sur la coopération",
                                   language=src.meta.language, session="81" if name == ENGLISH else "20", status="draft"))
    got, report = import_bytes(write_clean_docx(draft))
    assert got.meta == draft.meta
    assert (got.formula, got.blocks) == (draft.formula, draft.blocks)
    assert any(i.message == "masthead → front matter status: draft" for i in report.items)


def test_lettered_parts_in_a_second_level_heading_are_parts():
    """A Word file whose lettered parts sit one level below its title (resodraft's own put the
    title at outline level 1, the parts at 2) still has parts: "A. …" when A is the next
    letter; a heading lettered out of turn stays a heading."""
    body = (
        p(r("L'Assemblée des États Parties,"))
        + p(r("A.\tCoopération"), style="Heading2")
        + p(r("1.\t"), r("Rappelle", i=True), r(" sa résolution ;"))
        + p(r("C.\tExécution"), style="Heading2")
        + p(r("2.\t"), r("Prie", i=True), r(" le Bureau ;"))
        + p(r("B.\tMandats"), style="Heading2")
        + p(r("1.\t"), r("Décide", i=True), r(" de rester saisie de la question."))
    )
    res, _ = import_bytes(package(body, styles=HEADING_STYLES))
    from resodraft.model import labels

    assert labels(res) == ["A", "A.OP1", "H1", "A.OP2", "B", "B.OP1"]
