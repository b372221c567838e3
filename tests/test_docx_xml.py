"""The Word writers at the XML level: every rule of OOXML.md §3, goldens, templates, packaging.

The documents are read back with lxml, part by part. Golden parts live in ``tests/golden/``
(``small.*.xml``) and are compared as canonical XML (C14N); to accept a deliberate change of
the templates, run ``RESODRAFT_UPDATE_GOLDEN=1 pytest tests/test_docx_xml.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from resodraft.errors import InputError, TemplateError, UsageError
from resodraft.model import (
    Footnote,
    Heading,
    Meta,
    NoteDiff,
    NoteRef,
    Op,
    Operative,
    ParaDiff,
    Part,
    Preambular,
    Redline,
    Resolution,
    SubParagraph,
    Text,
)
from resodraft.writers.docx import write_clean_docx, write_redline_docx, write_tracked_docx
from resodraft.writers.docx.compose import shift_trailing_marks
from resodraft.writers.docx.reference import build_reference_docx
from resodraft.writers.docx.story import Chunk, Para, Revision, Run

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ITALIC = frozenset({"i"})


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def T(text: str, marks: frozenset[str] = frozenset()) -> Text:
    return Text(text, marks)


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def body_paragraphs(data: bytes) -> list[etree._Element]:
    return part(data, "word/document.xml").findall("w:body/w:p", NS)


_REMOVED_ON_ACCEPT = (w("del"), w("moveFrom"))
_ADDED = (w("ins"), w("moveTo"))
NB = "\u2011"  # how a non-breaking hyphen (<w:noBreakHyphen/>) reads
NNBSP, NBSP = "\u202f", "\u00a0"


def para_text(p: etree._Element, *, deleted: bool = False) -> str:
    """The text of a paragraph as Word shows it with changes accepted (``deleted``: rejected);
    Word's automatic numbers are not text, a non-breaking hyphen reads U+2011."""
    out = []
    for el in p.iter(w("t"), w("delText"), w("tab"), w("noBreakHyphen")):
        wrapper = el.getparent().getparent().tag
        if wrapper in (_ADDED if deleted else _REMOVED_ON_ACCEPT):
            continue
        if el.tag == w("tab"):
            out.append("\t")
        elif el.tag == w("noBreakHyphen"):
            out.append(NB)
        else:
            out.append(el.text or "")
    return "".join(out)


def number_of(p: etree._Element) -> tuple[str, str] | None:
    """A paragraph's automatic number: ``(numId, ilvl)``, or ``None``."""
    num = p.find("w:pPr/w:numPr", NS)
    if num is None:
        return None
    return num.find("w:numId", NS).get(w("val")), num.find("w:ilvl", NS).get(w("val"))


# --------------------------------------------------------------------------------------------
# the small fixture: every kind of change, once

META_OLD = Meta(symbol="ICC-ASP/19/Res.2", title="Résolution sur la coopération", language="fr",
                adopted="Adoptée à la 4^e séance plénière")
META_NEW = Meta(symbol="ICC-ASP/20/Res.2", title="Résolution sur la coopération", language="fr",
                adopted="Adoptée à la 4^e séance plénière")


def small_redline() -> Redline:
    paragraphs = (
        ParaDiff("PP1", "PP1", "changed", "preambular", (
            Op("=", (T("Rappelant", ITALIC), T(" les résolutions ICC-ASP/18/Res.3"))),
            Op("+", (T(", ICC-ASP/19/Res.2"),), author="France", date="2021-10-01"),
            Op("=", (T(" et le rapport"), NoteRef("1"), T(","))),
        )),
        ParaDiff("OP1", "OP1", "equal", "operative", (Op("=", (T("Souligne", ITALIC), T(" l'importance ;"))),), "1", "1"),
        ParaDiff(None, "OP2", "inserted", "operative",
                 (Op("+", (T("Se félicite", ITALIC), T(" de l'accord avec la France ;"), NoteRef("2"))),),
                 None, "2", author="France", date="2021-10-02"),
        ParaDiff("H1", "H1", "equal", "heading", (Op("=", (T("Exécution des mandats d'arrêt"),)),), level=2),
        ParaDiff("OP2", "OP3", "changed", "operative", (
            Op("=", (T("Exprime", ITALIC), T(" sa préoccupation concernant "))),
            Op("-", (T("deux suspects en juin 2020"),)),
            Op("+", (T("un suspect en janvier 2021"),)),
            Op("=", (T(" :"),)),
        ), "2", "3"),
        ParaDiff("OP2(a)", "OP3(a)", "equal", "subparagraph", (Op("=", (T("de coopérer ;"),)),), "a", "a"),
        ParaDiff("OP3", None, "moved", "operative", (Op("-", (T("Décide", ITALIC), T(" de rester saisie ;"))),), "3", None),
        ParaDiff("OP4", None, "deleted", "operative", (Op("-", (T("Prie", ITALIC), T(" le Bureau ;"))),), "4", None),
        ParaDiff("OP3", "OP4", "moved", "operative", (Op("+", (T("Décide", ITALIC), T(" de rester saisie ;"))),), "3", "4"),
        ParaDiff(None, "OP5", "inserted", "operative",
                 (Op("+", (T("Décide aussi", ITALIC), T(" d'inscrire la question à sa vingt-et-unième session."))),),
                 None, "5"),
    )
    notes = (
        NoteDiff("1", "1", "changed", (Op("=", (T("ICC-ASP/19/"),)), Op("-", (T("25"),)), Op("+", (T("26"),)), Op("=", (T("."),)))),
        NoteDiff(None, "2", "inserted", (Op("+", (T("Accord du 3 novembre 2021."),)),)),
    )
    formula = ParaDiff("F", "F", "equal", "formula", (Op("=", (T("L'Assemblée des États Parties,"),)),))
    return Redline(META_OLD, META_NEW, paragraphs, notes, formula)


def small_resolution() -> Resolution:
    return Resolution(
        meta=META_OLD,
        formula=(T("L'Assemblée des États Parties,"),),
        blocks=(
            Preambular((T("Rappelant", ITALIC), T(" le rapport"), NoteRef("1"), T(","))),
            Operative("1", (T("Prie", ITALIC), T(" le Bureau :")), subs=(SubParagraph("a", (T("de poursuivre ;"),)),)),
            Heading((T("Législation"),)),
            Operative("2", (T("Décide", ITALIC), T(" de rester saisie."))),
        ),
        footnotes=(Footnote("1", (T("ICC-ASP/19/25."),)),),
    )


@pytest.fixture(scope="module")
def tracked() -> bytes:
    return write_tracked_docx(small_redline(), author="Co-facilitateurs", date="2021-11-04")


@pytest.fixture(scope="module")
def visual() -> bytes:
    return write_redline_docx(small_redline())


@pytest.fixture(scope="module")
def clean() -> bytes:
    return write_clean_docx(small_resolution())


def revision_elements(data: bytes) -> list[etree._Element]:
    out = []
    for name in ("word/document.xml", "word/footnotes.xml"):
        root = part(data, name)
        out += root.xpath("//w:ins | //w:del | //w:moveFrom | //w:moveTo", namespaces=NS)
    return out


# --------------------------------------------------------------------------------------------
# OOXML.md §3: emitter rules


def test_revision_ids_are_unique_across_document_and_footnotes_and_above_footnote_ids(tracked):
    ids = [int(el.get(w("id"))) for el in revision_elements(tracked)]
    # symbol 2, PP1 1, OP2 2 (mark, text), OP3 2 (words: del+ins), OP3 moved away 2 (mark, text),
    # OP4 deleted 2, OP3 moved here 2, OP5 2, footnote 1: 2 (25 → 26), footnote 2 (inserted with
    # its call): 2 (number mark, text); the numbers are Word's, not revisions
    assert len(ids) == 19
    ranges = part(tracked, "word/document.xml").xpath("//w:moveFromRangeStart | //w:moveToRangeStart", namespaces=NS)
    ids += [int(el.get(w("id"))) for el in ranges]
    assert len(ids) == 21
    assert len(set(ids)) == len(ids)
    note_ids = [int(x) for x in part(tracked, "word/footnotes.xml").xpath("//w:footnote/@w:id", namespaces=NS)]
    assert note_ids == [-1, 0, 1, 2]
    assert min(ids) > max(note_ids)


def test_every_text_node_preserves_spaces(tracked, visual, clean):
    for data in (tracked, visual, clean):
        for name in ("word/document.xml", "word/footnotes.xml"):
            nodes = part(data, name).xpath("//w:t | //w:delText", namespaces=NS)
            assert nodes
            for node in nodes:
                assert node.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_deleted_text_is_deltext_and_only_inside_deletions(tracked):
    for name in ("word/document.xml", "word/footnotes.xml"):
        root = part(tracked, name)
        assert root.xpath("//w:del//w:t", namespaces=NS) == []
        for node in root.xpath("//w:delText", namespaces=NS):
            assert node.getparent().getparent().tag == w("del")


def test_deletion_comes_before_insertion(tracked):
    pairs = 0
    for name in ("word/document.xml", "word/footnotes.xml"):
        for el in part(tracked, name).xpath("//w:p/w:ins", namespaces=NS):
            nxt = el.getnext()
            assert nxt is None or nxt.tag != w("del"), etree.tostring(el.getparent())
        for el in part(tracked, name).xpath("//w:p/w:del", namespaces=NS):
            if el.getnext() is not None and el.getnext().tag == w("ins"):
                pairs += 1
    # symbol line, OP3 words, the footnote's "25" → "26" (numbers are automatic: no revision)
    assert pairs == 3


def test_no_revision_is_nested_in_another(tracked):
    for name in ("word/document.xml", "word/footnotes.xml"):
        root = part(tracked, name)
        assert root.xpath("//w:ins//w:del | //w:del//w:ins | //w:ins//w:ins | //w:del//w:del", namespaces=NS) == []


def test_a_moved_paragraph_is_a_word_move_with_named_ranges(tracked):
    root = part(tracked, "word/document.xml")
    origin = root.xpath("//w:p[w:moveFromRangeStart]", namespaces=NS)
    dest = root.xpath("//w:p[w:moveToRangeStart]", namespaces=NS)
    assert len(origin) == len(dest) == 1
    start_from, start_to = origin[0].find("w:moveFromRangeStart", NS), dest[0].find("w:moveToRangeStart", NS)
    assert start_from.get(w("name")) == start_to.get(w("name")) == "move1"
    for p, kind in ((origin[0], "From"), (dest[0], "To")):
        start, end = p.find(f"w:move{kind}RangeStart", NS), p.find(f"w:move{kind}RangeEnd", NS)
        assert start.get(w("id")) == end.get(w("id"))
        assert p.index(start) == 1 and p[-1] is end  # around the whole content, after w:pPr
        assert start.get(w("author")) and start.get(w("date"))
        assert [c.tag for c in p[2:-1]] == [w(f"move{kind}")]
        # moved text is w:t on both sides (ECMA-376 17.13.5.22), never w:delText
        assert p.xpath(".//w:delText", namespaces=NS) == []
        assert "".join(p.xpath(".//w:t/text()", namespaces=NS)) == f"Décide de rester saisie{NNBSP};"
    assert para_text(origin[0]) == "" and para_text(origin[0], deleted=True) == f"Décide de rester saisie{NNBSP};"
    assert para_text(dest[0]) == f"Décide de rester saisie{NNBSP};" and para_text(dest[0], deleted=True) == ""


def test_a_paragraph_moved_and_edited_is_a_deletion_and_an_insertion():
    paragraphs = (
        ParaDiff("PP1", "PP1", "equal", "preambular", (Op("=", (T("Alpha."),)),)),
        ParaDiff("PP2", None, "moved", "preambular", (Op("-", (T("Beta."),)),), author="Sénégal"),
        ParaDiff("PP3", "PP2", "equal", "preambular", (Op("=", (T("Gamma."),)),)),
        ParaDiff("PP2", "PP3", "moved", "preambular", (Op("+", (T("Beta bis."),)),), author="Sénégal"),
        ParaDiff("PP4", "PP4", "equal", "preambular", (Op("=", (T("Delta."),)),)),
    )
    data = write_tracked_docx(Redline(Meta(language="en"), Meta(language="en"), paragraphs), date="2021-11-04")
    root = part(data, "word/document.xml")
    assert root.xpath("//w:moveFrom | //w:moveTo | //w:moveFromRangeStart | //w:moveToRangeStart", namespaces=NS) == []
    assert root.xpath("//w:del/@w:author | //w:ins/@w:author", namespaces=NS) == ["Sénégal"] * 4


def test_paragraph_mark_revision_is_the_first_child_of_ppr_rpr(tracked):
    marks = 0
    for p in body_paragraphs(tracked):
        ppr = p.find("w:pPr", NS)
        assert ppr[0].tag == w("pStyle")
        rpr = ppr.find("w:rPr", NS)
        if rpr is None:
            continue
        assert ppr[-1] is rpr
        assert rpr[0].tag in (w("ins"), w("del"))
        assert len(rpr.findall("w:ins", NS)) + len(rpr.findall("w:del", NS)) == 1
        assert rpr[0].get(w("author")) and rpr[0].get(w("date"))
        marks += 1
    # OP2 inserted, OP3-old moved away, OP4 deleted, OP4-new moved here; OP5 (last) shifted up
    assert marks == 5


def test_inserted_last_paragraph_marks_the_preceding_paragraph(tracked):
    paras = body_paragraphs(tracked)
    last, before = paras[-1], paras[-2]
    assert last.find("w:pPr/w:rPr", NS) is None
    assert [c.tag for c in last if c.tag != w("pPr")] == [w("ins")]  # its text (its number is Word's)
    assert number_of(last) == ("1", "0")
    mark = before.find("w:pPr/w:rPr/w:ins", NS)
    assert mark is not None  # the moveTo mark, shifted, is a plain insertion of the paragraph mark
    assert para_text(before) == f"Décide de rester saisie{NNBSP};"


def _tail_redline(*tail: tuple[str, str]) -> Redline:
    paras = [ParaDiff("PP1", "PP1", "equal", "preambular", (Op("=", (T("Alpha."),)),))]
    for status, text in tail:
        kind = "+" if status == "inserted" else "-"
        old = None if status == "inserted" else text
        new = None if status == "deleted" else text
        paras.append(ParaDiff(old, new, status, "preambular", (Op(kind, (T(text),)),)))
    return Redline(Meta(language="en"), Meta(language="en"), tuple(paras))


def _marks(data: bytes) -> list[str | None]:
    out = []
    for p in body_paragraphs(data):
        rpr = p.find("w:pPr/w:rPr", NS)
        out.append(None if rpr is None else etree.QName(rpr[0]).localname)
    return out


@pytest.mark.parametrize(
    "tail, marks",
    [
        ((("inserted", "Beta."),), ["ins", None]),
        ((("deleted", "Beta."),), ["del", None]),
        ((("inserted", "Beta."), ("inserted", "Gamma.")), ["ins", "ins", None]),
        ((("deleted", "Beta."), ("inserted", "Gamma.")), ["del", "ins", None]),
    ],
)
def test_end_of_document_paragraph_changes_mark_the_preceding_paragraph(tail, marks):
    data = write_tracked_docx(_tail_redline(*tail))
    assert _marks(data) == marks


def test_shift_trailing_marks_leaves_a_document_without_a_kept_paragraph_alone():
    rev = Revision("ins", 7, "a", "2021-11-04T00:00:00Z")
    paras = [Para("S", (Chunk((Run(text="x"),), rev),), rev), Para("S", (Chunk((Run(text="y"),), rev),), rev)]
    assert shift_trailing_marks(paras) == paras
    kept = Para("S", (Chunk((Run(text="k"),)),))
    assert [p.mark for p in shift_trailing_marks([kept, paras[0]])] == [rev, None]
    assert shift_trailing_marks([paras[0], kept]) == [paras[0], kept]


def test_authors_and_dates_come_from_the_op_the_paragraph_or_the_defaults(tracked, monkeypatch):
    root = part(tracked, "word/document.xml")
    france = root.xpath(f"//w:ins[w:r/w:t[text()=', ICC']]", namespaces=NS)[0]
    assert (france.get(w("author")), france.get(w("date"))) == ("France", "2021-10-01T00:00:00Z")
    inserted = root.xpath("//w:p[w:pPr/w:rPr/w:ins][.//w:t[contains(., \"l'accord\")]]", namespaces=NS)[0]
    mark = inserted.find("w:pPr/w:rPr/w:ins", NS)
    assert (mark.get(w("author")), mark.get(w("date"))) == ("France", "2021-10-02T00:00:00Z")
    plain = root.xpath("//w:ins[w:r/w:t[text()='un suspect en janvier 2021']]", namespaces=NS)[0]
    assert (plain.get(w("author")), plain.get(w("date"))) == ("Co-facilitateurs", "2021-11-04T00:00:00Z")
    assert root.xpath("//w:ins[w:r/w:t[text()='3.']]", namespaces=NS) == []  # renumbering is no revision
    typed = part(write_tracked_docx(small_redline(), typed_numbers=True, date="2021-11-04"), "word/document.xml")
    renumbered = typed.xpath("//w:ins[w:r/w:t[text()='3.']]", namespaces=NS)[0]
    assert renumbered.get(w("author")) == "resodraft (renumbering)"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1636019400")  # 2021-11-04 09:50:00 UTC
    undated = write_tracked_docx(small_redline())
    dates = {el.get(w("date")) for el in revision_elements(undated)}
    assert dates == {"2021-11-04T09:50:00Z", "2021-10-01T00:00:00Z", "2021-10-02T00:00:00Z"}


def test_without_date_or_source_date_epoch_revisions_are_dated_now(monkeypatch):
    import datetime

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    data = write_tracked_docx(small_redline())
    after = datetime.datetime.now(datetime.timezone.utc)
    stamps = {el.get(w("date")) for el in revision_elements(data)} - {"2021-10-01T00:00:00Z", "2021-10-02T00:00:00Z"}
    core = part(data, "docProps/core.xml")
    stamps |= {el.text for el in core if etree.QName(el).localname in ("created", "modified")}
    assert len(stamps) == 1
    moment = datetime.datetime.strptime(stamps.pop(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    assert before <= moment <= after


def test_a_malformed_source_date_epoch_is_a_usage_error(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError) as err:
        write_clean_docx(small_resolution())
    assert str(err.value) == (
        "SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970"
        " — set it to a whole number (date +%s) or unset it, or give --date"
    )


def test_mark_renumbering_attributes_number_changes_to_the_paragraph_author():
    data = write_tracked_docx(small_redline(), author="Bureau", mark_renumbering=True)
    root = part(data, "word/document.xml")
    renumbered = root.xpath("//w:ins[w:r/w:t[text()='3.']]", namespaces=NS)[0]
    assert renumbered.get(w("author")) == "Bureau"
    assert root.xpath("//w:numPr", namespaces=NS) == []  # marking numbers types them


def test_changes_inside_footnotes_are_tracked_in_footnotes_xml(tracked):
    notes = part(tracked, "word/footnotes.xml")
    first = notes.find("w:footnote[@w:id='1']", NS)
    assert first.xpath(".//w:del/w:r/w:delText/text()", namespaces=NS) == ["25"]
    assert first.xpath(".//w:ins/w:r/w:t/text()", namespaces=NS) == ["26"]
    # the new footnote is called from an inserted paragraph: its call and its text are inserted,
    # by the paragraph's author, so Reject All takes both away
    doc = part(tracked, "word/document.xml")
    call = doc.xpath("//w:footnoteReference[@w:id='2']", namespaces=NS)[0]
    assert call.getparent().getparent().tag == w("ins")
    second = notes.find("w:footnote[@w:id='2']", NS)
    assert [c.tag for c in second.find("w:p", NS) if c.tag != w("pPr")] == [w("ins"), w("ins")]
    assert {i.get(w("author")) for i in second.iter(w("ins"))} == {"France"}
    assert "".join(second.xpath(".//w:ins/w:r/w:t/text()", namespaces=NS)) == " Accord du 3 novembre 2021."


def test_a_deleted_footnote_call_deletes_the_footnote_text_too():
    keep = ParaDiff("PP1", "PP1", "changed", "preambular",
                    (Op("=", (T("Alpha"),)), Op("-", (NoteRef("1"),), author="Sénégal", date="2021-10-05"), Op("=", (T("."),))))
    note = NoteDiff("1", None, "deleted", (Op("-", (T("Note."),)),))
    data = write_tracked_docx(Redline(Meta(language="en"), Meta(language="en"), (keep,), (note,)), date="2021-11-04")
    call = part(data, "word/document.xml").xpath("//w:footnoteReference", namespaces=NS)[0]
    assert call.getparent().getparent().tag == w("del")
    footnote = part(data, "word/footnotes.xml").find("w:footnote[@w:id='1']", NS)
    body = [c for c in footnote.find("w:p", NS) if c.tag != w("pPr")]
    assert [c.tag for c in body] == [w("del"), w("del")]  # number mark and text
    assert {(c.get(w("author")), c.get(w("date"))) for c in body} == {("Sénégal", "2021-10-05T00:00:00Z")}
    assert "".join(footnote.xpath(".//w:delText/text()", namespaces=NS)) == " Note."
    assert footnote.xpath(".//w:t", namespaces=NS) == []


def test_footnote_parts_relationships_content_types_and_settings(tracked):
    with zipfile.ZipFile(io.BytesIO(tracked)) as zf:
        names = zf.namelist()
        types = etree.fromstring(zf.read("[Content_Types].xml"))
        rels = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])
    ct = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(ct + "Override")}
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
    assert overrides["/word/footnotes.xml"] == wml + "footnotes+xml"
    assert overrides["/word/numbering.xml"] == wml + "numbering+xml"
    assert overrides["/word/header1.xml"] == wml + "header+xml" and overrides["/word/footer2.xml"] == wml + "footer+xml"
    assert set(overrides) == {"/" + n for n in names if n.endswith(".xml") and n != "[Content_Types].xml"}
    targets = {r.get("Target"): r.get("Type").rsplit("/", 1)[1] for r in rels}
    assert targets["footnotes.xml"] == "footnotes" and targets["numbering.xml"] == "numbering"
    assert targets["styles.xml"] == "styles" and targets["settings.xml"] == "settings"
    assert [targets[f"{k}{n}.xml"] for k in ("header", "footer") for n in (1, 2)] == ["header"] * 2 + ["footer"] * 2
    settings = part(tracked, "word/settings.xml")
    assert settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]
    assert settings.find("w:trackRevisions", NS) is not None
    notes = part(tracked, "word/footnotes.xml")
    kinds = [(n.get(w("type")), n.get(w("id"))) for n in notes.findall("w:footnote", NS)[:2]]
    assert kinds == [("separator", "-1"), ("continuationSeparator", "0")]
    for note in notes.findall("w:footnote", NS)[2:]:
        assert note.xpath("w:p/w:r/w:footnoteRef | w:p/w:ins/w:r/w:footnoteRef", namespaces=NS)
    called = part(tracked, "word/document.xml").xpath("//w:footnoteReference/@w:id", namespaces=NS)
    assert called == ["1", "2"]


def test_clean_and_visual_documents_have_no_revisions_and_do_not_switch_tracking_on(visual, clean):
    for data in (visual, clean):
        assert revision_elements(data) == []
        assert part(data, "word/settings.xml").find("w:trackRevisions", NS) is None


# --------------------------------------------------------------------------------------------
# layout: numbers, styles, italics, visual marks


def test_clean_paragraphs_have_numbers_styles_and_italic_lead_verbs(clean):
    paras = body_paragraphs(clean)
    styles = [p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in paras]
    assert styles == ["ResoSymbol", "ResoAdopted", "ResoTitle", "ResoFormula", "ResoPreambular",
                      "ResoOperative", "ResoSubparagraph", "ResoHeading", "ResoOperative"]
    assert [para_text(p) for p in paras] == [
        f"Résolution ICC{NB}ASP/19/Res.2",
        "Adoptée à la 4e séance plénière",
        "Résolution sur la coopération",
        "L'Assemblée des États Parties,",
        "Rappelant le rapport,",
        f"Prie le Bureau{NBSP}:",
        f"de poursuivre{NNBSP};",
        "Législation",
        "Décide de rester saisie.",
    ]
    # Word numbers the operative paragraphs (level 0) and their sub-paragraphs (level 1)
    assert [number_of(p) for p in paras] == [None] * 5 + [("1", "0"), ("1", "1"), None, ("1", "0")]
    lead = paras[5].findall("w:r", NS)[0]
    assert lead.find("w:rPr/w:i", NS) is not None and lead.find("w:t", NS).text == "Prie"
    sup = paras[1].findall("w:r", NS)[1]
    assert sup.find("w:rPr/w:vertAlign", NS).get(w("val")) == "superscript"


def _levels(data: bytes) -> list[tuple[str, str, str, str]]:
    numbering = part(data, "word/numbering.xml")
    return [
        (lvl.find("w:numFmt", NS).get(w("val")), lvl.find("w:lvlText", NS).get(w("val")),
         lvl.find("w:pPr/w:ind", NS).get(w("left")), lvl.find("w:pPr/w:ind", NS).get(w("hanging")))
        for lvl in numbering.findall("w:abstractNum/w:lvl", NS)
    ]


def test_numbering_xml_defines_the_resolution_levels_and_restarts_per_part():
    res = Resolution(
        meta=Meta(language="fr"),
        blocks=(
            Operative("1", (T("Souligne", ITALIC), T(" :")), subs=(
                SubParagraph("a", (T("de coopérer :"),), subs=(SubParagraph("i", (T("vite ;"),)),)),)),
            Operative("2", (T("Prie", ITALIC), T(" ;"))),
            Part("A", (T("Coopération"),)),
            Operative("1", (T("Salue", ITALIC), T(" ;"))),
            Part("B", (T("Mandats"),)),
            Operative("1", (T("Décide", ITALIC), T(" ;"))),
            Operative("2", (T("Décide aussi", ITALIC), T("."))),
        ),
    )
    data = write_clean_docx(res, date="2021-11-04")
    assert _levels(data) == [("decimal", "%1.", "567", "567"), ("lowerLetter", "%2)", "1134", "567"),
                             ("lowerRoman", "%3)", "1701", "567")]
    numbering = part(data, "word/numbering.xml")
    nums = [(n.get(w("numId")), n.find("w:abstractNumId", NS).get(w("val")),
             n.find("w:lvlOverride/w:startOverride", NS).get(w("val"))) for n in numbering.findall("w:num", NS)]
    assert nums == [("1", "0", "1"), ("2", "0", "1"), ("3", "0", "1")]  # one list per part, each from 1
    paras = body_paragraphs(data)
    assert [number_of(p) for p in paras] == [("1", "0"), ("1", "1"), ("1", "2"), ("1", "0"), None, ("2", "0"),
                                             None, ("3", "0"), ("3", "0")]
    assert [para_text(p) for p in paras if p.find("w:pPr/w:pStyle", NS).get(w("val")) == "ResoPart"] == [
        "A.\tCoopération", "B.\tMandats"]  # part letters stay text


def test_english_subparagraphs_are_written_in_parentheses_and_a_single_operative_is_unnumbered():
    res = Resolution(
        meta=Meta(language="en"),
        blocks=(Operative(None, (T("Decides", ITALIC), T(" to:")), subs=(
            SubParagraph("a", (T("act;"),), style="()", subs=(SubParagraph("i", (T("now;"),), style="()"),)),)),),
    )
    data = write_clean_docx(res)
    paras = body_paragraphs(data)
    assert [para_text(p) for p in paras] == ["Decides to:", "act;", "now;"]
    assert [number_of(p) for p in paras] == [None, ("1", "1"), ("1", "2")]
    assert [lvl[:2] for lvl in _levels(data)] == [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]
    styles = [p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in paras]
    assert styles == ["ResoOperativeUnnumbered", "ResoSubparagraph", "ResoSubparagraph2"]
    typed = body_paragraphs(write_clean_docx(res, typed_numbers=True))
    assert [para_text(p) for p in typed] == ["Decides to:", "(a)\tact;", "(i)\tnow;"]


@pytest.mark.parametrize(
    "blocks, why",
    [
        ((Operative("1", (T("Un ;"),)), Operative("3", (T("Trois ;"),))), "a gap"),
        ((Operative("1", (T("Un ;"),)), Operative("1 bis", (T("Un bis ;"),))), "negotiation numbering"),
        ((Operative("1", (T("Un :"),), subs=(SubParagraph("a", (T("x ;"),)), SubParagraph("c", (T("y ;"),)))),),
         "a sub-paragraph letter skipped"),
    ],
)
def test_numbers_word_would_not_reproduce_are_typed(blocks, why):
    data = write_clean_docx(Resolution(meta=Meta(language="fr"), blocks=blocks))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "word/numbering.xml" not in zf.namelist(), why
    texts = [para_text(p) for p in body_paragraphs(data)]
    numbers = [b.number for b in blocks] + [s.number for b in blocks for s in b.subs]
    assert all(any(t.startswith(n + (")" if n.isalpha() else ".")) for t in texts) for n in numbers)


def test_renumbered_paragraphs_are_no_revision_and_the_new_ones_follow_their_mark(tracked):
    paras = body_paragraphs(tracked)
    numbered = [(number_of(p), p.find("w:pPr/w:rPr/*", NS), para_text(p), para_text(p, deleted=True)) for p in paras
                if number_of(p) is not None]
    assert [(n, None if m is None else etree.QName(m).localname) for n, m, _, _ in numbered] == [
        (("1", "0"), None),
        (("1", "0"), "ins"),  # inserted OP2: its number comes and goes with its paragraph mark
        (("1", "0"), None),   # old OP2, now 3: renumbered, no revision
        # the last four paragraphs are marked (OP3 moved away, OP4 deleted, OP3 moved here, OP5
        # inserted last): the marks move one paragraph up, Word style (shift_trailing_marks), as
        # plain deletions/insertions of the paragraph marks
        (("1", "1"), "del"),
        (("1", "0"), "del"),
        (("1", "0"), "ins"),
        (("1", "0"), "ins"),
        (("1", "0"), None),
    ]
    texts = [(t, old) for _, _, t, old in numbered]
    assert texts[2] == (f"Exprime sa préoccupation concernant un suspect en janvier 2021{NBSP}:",
                        f"Exprime sa préoccupation concernant deux suspects en juin 2020{NBSP}:")


def test_a_tracked_document_whose_numbering_changes_shape_types_its_numbers():
    # one operative paragraph (unnumbered) becomes two (numbered): Word cannot show that with
    # one list, so the numbers are typed and their appearance is a revision
    paras = (
        ParaDiff("OP1", "OP1", "equal", "operative", (Op("=", (T("Décide", ITALIC), T(" ;"))),), None, "1"),
        ParaDiff(None, "OP2", "inserted", "operative", (Op("+", (T("Prie", ITALIC), T("."))),), None, "2"),
    )
    data = write_tracked_docx(Redline(Meta(language="fr"), Meta(language="fr"), paras), date="2021-11-04")
    root = part(data, "word/document.xml")
    assert root.xpath("//w:numPr", namespaces=NS) == []
    assert root.xpath("//w:ins/w:r/w:t[text()='1.']", namespaces=NS)


def test_reference_styles_times_new_roman_and_hanging_indent(clean):
    styles = part(clean, "word/styles.xml")
    normal = styles.find("w:style[@w:styleId='Normal']", NS)
    assert normal.find("w:rPr/w:rFonts", NS).get(w("ascii")) == "Times New Roman"
    assert normal.find("w:rPr/w:sz", NS).get(w("val")) == "24"
    operative = styles.find("w:style[@w:styleId='ResoOperative']", NS)
    ind = operative.find("w:pPr/w:ind", NS)
    assert (ind.get(w("left")), ind.get(w("hanging"))) == ("567", "567")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(w("val")) == "fr-FR"
    for style_id in ("ResoSymbol", "ResoAdopted", "ResoTitle", "ResoFormula", "ResoPreambular",
                     "ResoOperativeUnnumbered", "ResoSubparagraph", "ResoSubparagraph2", "ResoHeading",
                     "ResoHeading3", "ResoPart", "FootnoteText", "FootnoteReference", "Header", "Footer"):
        assert styles.find(f"w:style[@w:styleId='{style_id}']", NS) is not None, style_id


def test_headings_have_outline_levels_for_the_navigation_pane(clean):
    styles = part(clean, "word/styles.xml")
    levels = {
        style_id: styles.find(f"w:style[@w:styleId='{style_id}']/w:pPr/w:outlineLvl", NS).get(w("val"))
        for style_id in ("ResoTitle", "ResoPart", "ResoHeading", "ResoHeading3")
    }
    assert levels == {"ResoTitle": "0", "ResoPart": "1", "ResoHeading": "2", "ResoHeading3": "3"}
    for style_id in ("ResoPreambular", "ResoOperative", "ResoSubparagraph"):
        assert styles.find(f"w:style[@w:styleId='{style_id}']/w:pPr/w:outlineLvl", NS) is None


@pytest.mark.parametrize(
    "insert_style, bold, underline",
    [("bold", True, False), ("underline", False, True), ("bold-underline", True, True)],
)
def test_visual_redline_strikes_deletions_and_marks_insertions(insert_style, bold, underline):
    root = part(write_redline_docx(small_redline(), insert_style=insert_style), "word/document.xml")
    struck = root.xpath("//w:r[w:rPr/w:strike]/w:t/text()", namespaces=NS)
    assert "deux suspects en juin 2020" in struck
    assert "Prie" in struck and f" le Bureau{NNBSP};" in struck and "4." in struck
    new = root.xpath("//w:r[w:t[text()='un suspect en janvier 2021']]", namespaces=NS)[0]
    assert (new.find("w:rPr/w:b", NS) is not None, new.find("w:rPr/w:u", NS) is not None) == (bold, underline)
    assert root.xpath("//w:r[w:rPr/w:strike]/w:t[text()='2.']", namespaces=NS) == []  # renumbering not marked


def test_visual_redline_marks_renumbering_on_request():
    root = part(write_redline_docx(small_redline(), mark_renumbering=True), "word/document.xml")
    assert root.xpath("//w:r[w:rPr/w:strike]/w:t[text()='2.']", namespaces=NS)
    assert root.xpath("//w:r[w:rPr/w:b]/w:t[text()='3.']", namespaces=NS)


def test_unknown_insert_style_is_a_usage_error():
    with pytest.raises(UsageError) as err:
        write_redline_docx(small_redline(), insert_style="italic")
    assert str(err.value) == "unknown insert style 'italic' — use one of: bold, underline, bold-underline"


def test_bad_date_is_a_usage_error():
    with pytest.raises(UsageError) as err:
        write_tracked_docx(small_redline(), date="04/11/2021")
    assert str(err.value) == "invalid date '04/11/2021' for the tracked changes — write dates as YYYY-MM-DD, e.g. 2021-11-04"


# --------------------------------------------------------------------------------------------
# escaping, reproducibility, goldens


def test_text_with_markup_characters_is_written_as_text():
    tricky = 'a < b && c > d "cité" l\'État ]]> <![CDATA[x]]> </w:t>'
    res = Resolution(meta=Meta(title="Titre <&>", language="fr"),
                     blocks=(Preambular((T(tricky),)), Preambular((T("tab\there\x0bvt"),))))
    data = write_clean_docx(res)
    paras = body_paragraphs(data)
    assert [para_text(p) for p in paras] == ["Titre <&>", tricky, "tab\therevt"]
    assert part(data, "docProps/core.xml").findtext("{http://purl.org/dc/elements/1.1/}title") == "Titre <&>"
    redline = Redline(Meta(), Meta(), (ParaDiff("PP1", "PP1", "changed", "preambular",
                                                (Op("-", (T(tricky),)), Op("+", (T("]]>"),)))),))
    doc = part(write_tracked_docx(redline), "word/document.xml")
    assert doc.xpath("//w:delText/text()", namespaces=NS) == [tricky]
    assert doc.xpath("//w:ins//w:t/text()", namespaces=NS) == ["]]>"]


def test_same_input_gives_the_same_bytes():
    first = write_tracked_docx(small_redline(), date="2021-11-04")
    assert write_tracked_docx(small_redline(), date="2021-11-04") == first
    assert write_tracked_docx(small_redline(), date="2021-11-05") != first
    assert write_clean_docx(small_resolution()) == write_clean_docx(small_resolution())
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = part(first, "docProps/core.xml")
    dates = [el.text for el in core if etree.QName(el).localname in ("created", "modified")]
    assert dates == ["2021-11-04T00:00:00Z", "2021-11-04T00:00:00Z"]


def _canonical(xml: bytes) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(xml, parser), method="c14n")


@pytest.mark.parametrize(
    "name, make, part_name",
    [
        ("small.tracked.document.xml", lambda: write_tracked_docx(small_redline(), author="Co-facilitateurs", date="2021-11-04"), "word/document.xml"),
        ("small.tracked.footnotes.xml", lambda: write_tracked_docx(small_redline(), author="Co-facilitateurs", date="2021-11-04"), "word/footnotes.xml"),
        ("small.redline.document.xml", lambda: write_redline_docx(small_redline()), "word/document.xml"),
        ("small.clean.document.xml", lambda: write_clean_docx(small_resolution()), "word/document.xml"),
    ],
)
def test_golden_parts(name, make, part_name):
    with zipfile.ZipFile(io.BytesIO(make())) as zf:
        actual = zf.read(part_name)
    path = GOLDEN / name
    if os.environ.get("RESODRAFT_UPDATE_GOLDEN"):
        path.write_bytes(etree.tostring(etree.fromstring(actual, etree.XMLParser(remove_blank_text=True)),
                                        pretty_print=True, xml_declaration=True, encoding="UTF-8"))
    assert _canonical(actual) == _canonical(path.read_bytes())


# --------------------------------------------------------------------------------------------
# user templates and reference documents


def _user_template(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "docx").mkdir(exist_ok=True)
    (tmp_path / "docx" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_user_template_overrides_the_bundled_one(tmp_path):
    folder = _user_template(tmp_path, "masthead.xml.j2", (
        '{%- from "docx/macros.xml.j2" import para -%}\n'
        '<w:p><w:r><w:t xml:space="preserve">PROJET — {{ meta.symbol ~ " & co" }}</w:t></w:r></w:p>\n'
        "{{ para(masthead.title) }}\n"
    ))
    paras = body_paragraphs(write_clean_docx(small_resolution(), template_dir=folder))
    assert [para_text(p) for p in paras[:2]] == ["PROJET — ICC-ASP/19/Res.2 & co", "Résolution sur la coopération"]


def test_a_template_syntax_error_names_the_template_and_line(tmp_path):
    folder = _user_template(tmp_path, "masthead.xml.j2", "<w:p/>\n\n{% for p in %}\n")
    with pytest.raises(TemplateError) as err:
        write_clean_docx(small_resolution(), template_dir=folder)
    assert err.value.file.endswith("docx/masthead.xml.j2")
    assert err.value.line == 3
    assert str(err.value).startswith(f"{err.value.file}:3: template syntax error: ")


def test_an_undefined_name_in_a_template_names_the_template_and_line(tmp_path):
    folder = _user_template(tmp_path, "masthead.xml.j2", "<w:p/>\n{{ masthead.subtitle }}\n")
    with pytest.raises(TemplateError) as err:
        write_clean_docx(small_resolution(), template_dir=folder)
    assert err.value.file == str(folder / "docx" / "masthead.xml.j2")
    assert err.value.line == 2
    assert err.value.message == (
        "the template uses an unknown value: 'resodraft.writers.docx.story.Masthead object' has no attribute 'subtitle'"
    )


def test_user_templates_run_in_the_sandbox(tmp_path):
    folder = _user_template(tmp_path, "masthead.xml.j2", "{{ masthead.__class__.__init__.__globals__ }}\n")
    with pytest.raises(TemplateError) as err:
        write_clean_docx(small_resolution(), template_dir=folder)
    assert err.value.line == 1
    assert err.value.message.startswith("the template does something not allowed: access to attribute ")
    assert err.value.message.endswith(" is unsafe.")


def test_a_template_that_writes_broken_xml_is_reported(tmp_path):
    folder = _user_template(tmp_path, "masthead.xml.j2", "<w:p>\n")
    with pytest.raises(TemplateError) as err:
        write_clean_docx(small_resolution(), template_dir=folder)
    assert err.value.file.endswith("docx/document.xml.j2")
    assert err.value.message.startswith("the template produced XML that Word cannot read")


def test_a_missing_template_folder_is_reported(tmp_path):
    with pytest.raises(TemplateError) as err:
        write_clean_docx(small_resolution(), template_dir=tmp_path / "nope")
    assert str(err.value) == (
        f"{tmp_path / 'nope'}: the template folder does not exist"
        " — give the folder holding your copies of the templates with --template-dir"
    )


def test_the_bundled_reference_docx_is_what_the_generator_builds():
    assert (ROOT / "templates" / "reference.docx").read_bytes() == build_reference_docx()


def test_a_user_reference_docx_gives_its_styles_and_page_and_keeps_ours(tmp_path):
    import docx
    from docx.shared import Cm, Pt

    user = docx.Document()
    user.styles["Normal"].font.name = "Arial"
    user.styles["Normal"].font.size = Pt(11)
    user.sections[0].page_width = Cm(20)
    path = tmp_path / "house.docx"
    user.save(path)
    data = write_clean_docx(small_resolution(), reference_docx=path)
    styles = part(data, "word/styles.xml")
    normal = styles.find("w:style[@w:styleId='Normal']", NS)
    assert normal.find("w:rPr/w:rFonts", NS).get(w("ascii")) == "Arial"
    assert styles.find("w:style[@w:styleId='ResoOperative']", NS) is not None  # merged from ours
    size = part(data, "word/document.xml").find("w:body/w:sectPr/w:pgSz", NS)
    assert size.get(w("w")) == str(round(Cm(20).twips))


def test_a_reference_that_is_not_a_word_file_is_an_input_error(tmp_path):
    bad = tmp_path / "notes.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError) as err:
        write_clean_docx(small_resolution(), reference_docx=bad)
    assert str(err.value) == (
        f"{bad}: the reference document is not a readable Word (.docx) file"
        " — save it from Word as .docx (Word Document), or leave out --reference-docx"
    )


# --------------------------------------------------------------------------------------------
# the render command


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "resodraft", *args], cwd=cwd, capture_output=True, text=True)


def test_render_writes_a_clean_docx(tmp_path):
    out = tmp_path / "res2.docx"
    done = run_cli("render", str(ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"), "-o", str(out), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    paras = body_paragraphs(out.read_bytes())
    assert para_text(paras[0]) == f"Résolution ICC{NB}ASP/19/Res.2"
    assert sum(p.find("w:pPr/w:pStyle", NS).get(w("val")) == "ResoOperative" for p in paras) == 38


def test_render_tracked_compares_with_base(tmp_path):
    out = tmp_path / "res2.tracked.docx"
    done = run_cli("render", str(ROOT / "tests" / "golden" / "annex1.accepted.md"), "--mode", "tracked",
                   "--base", str(ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"), "--author", "Co-facilitateurs",
                   "--date", "2021-11-04", "-o", str(out), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    authors = {el.get(w("author")) for el in revision_elements(out.read_bytes())}
    assert authors == {"Co-facilitateurs"}  # renumbering is Word's automatic numbering, no revision
    typed = tmp_path / "res2.typed.docx"
    done = run_cli("render", str(ROOT / "tests" / "golden" / "annex1.accepted.md"), "--mode", "tracked",
                   "--base", str(ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"), "--author", "Co-facilitateurs",
                   "--date", "2021-11-04", "--typed-numbers", "-o", str(typed), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    authors = {el.get(w("author")) for el in revision_elements(typed.read_bytes())}
    assert authors == {"Co-facilitateurs", "resodraft (renumbering)"}


def test_render_redline_without_base_is_a_usage_error(tmp_path):
    done = run_cli("render", str(ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"), "--mode", "redline",
                   "-o", str(tmp_path / "x.docx"), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "resodraft: error: --mode redline shows the changes from an older text, and none was given"
        " — add --base LAST-YEAR.md (resodraft render NEW.md --mode redline --base OLD.md -o OUT.docx)\n"
    )
    assert not (tmp_path / "x.docx").exists()


def test_render_help_does_not_import_word_libraries(tmp_path):
    code = (
        "import sys\n"
        "from resodraft.cli import main\n"
        "try:\n    main(['render', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('docx', 'lxml', 'jinja2') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "[]"
    assert "--reference-docx" in done.stdout
