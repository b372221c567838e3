"""What a document editor checks before circulating the three Word files of the main job.

- page header (document symbol; first page: organ and symbol) and footer (page number), from the
  templates, or the ``--reference-docx``'s own, kept with its pictures;
- French typography on output: a no-break space before ``; ! ? » :`` and after ``«`` in every
  French file, nothing added to English ones, the text's own no-break spaces kept, and document
  symbols that cannot break at a hyphen — without any of it being a revision;
- the visual redline puts a space between a deletion and its replacement, and says where a
  moved paragraph went and came from;
- language tags on a run in the other language; no date 2000-01-01 anywhere.

The bundled 2021 job (``drafts/ICC-ASP-19-Res.2.fr.md`` + ``drafts/2021/Res.2``) is the real case.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

from resodraft import api
from resodraft.model import Meta, Op, ParaDiff, Preambular, Redline, Resolution, Text
from resodraft.readers import read
from resodraft.typography import NBSP, NNBSP
from resodraft.writers.docx import write_clean_docx, write_redline_docx, write_tracked_docx

ROOT = Path(__file__).resolve().parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
RES2 = str(ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md")
EN = str(ROOT / "tests" / "fixtures" / "ga-en.md")
SYMBOL = re.compile(r"\b[A-Z][\w\-\u2011]*(?:\.[\w\-\u2011]+)*(?:/[\w\-\u2011.\[\]…]+)+")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.namelist()


@pytest.fixture(scope="module")
def job() -> dict[str, bytes]:
    """The three Word files of the bundled 2021 job for Res.2."""
    result = api.redline_job(RES2, [str(ROOT / "drafts" / "2021" / "Res.2")], "out", date="2021-11-04")
    return {k.rsplit(".", 2)[-2]: v for k, v in result.files.items() if k.endswith(".docx")}


def visible_text(data: bytes, part_name: str = "word/document.xml") -> list[str]:
    """Every paragraph's characters as Word shows them with markup (deleted and inserted
    text both), a non-breaking hyphen as U+2011; text tagged with another language left out."""
    out = []
    for p in part(data, part_name).iter(w("p")):
        pieces = []
        for el in p.iter(w("t"), w("delText"), w("noBreakHyphen"), w("tab")):
            run = el.getparent()
            if run.find("w:rPr/w:lang", NS) is not None:
                pieces.append("\x00")  # another language: not typeset the French way
            elif el.tag == w("noBreakHyphen"):
                pieces.append("\u2011")
            elif el.tag == w("tab"):
                pieces.append("\t")
            else:
                pieces.append(el.text or "")
        out.append("".join(pieces))
    return out


# --------------------------------------------------------------------------------------------
# header and footer


def _header_text(data: bytes, name: str) -> str:
    root = part(data, name)
    out = []
    for el in root.iter(w("t"), w("tab"), w("noBreakHyphen"), w("fldSimple")):
        if el.tag == w("tab"):
            out.append("\t")
        elif el.tag == w("noBreakHyphen"):
            out.append("\u2011")
        elif el.tag == w("fldSimple"):
            out.append("{" + el.get(w("instr")).strip() + "}")
        elif el.getparent().getparent().tag != w("fldSimple"):
            out.append(el.text or "")
    return "".join(out)


def test_every_page_has_the_symbol_in_its_header_and_the_page_number_in_its_footer(job):
    for kind, data in job.items():
        sect = part(data, "word/document.xml").find("w:body/w:sectPr", NS)
        refs = [(etree.QName(el).localname, el.get(w("type"))) for el in sect if el.get(f"{{{R}}}id")]
        assert refs == [("headerReference", "default"), ("headerReference", "first"),
                        ("footerReference", "default"), ("footerReference", "first")], kind
        assert sect.find("w:titlePg", NS) is not None  # a first page of its own
        # the 2021 job makes a draft (00-rollover.toml): no symbol yet, its title names it
        assert _header_text(data, "word/header1.xml") == "Projet de résolution sur la coopération"
        assert _header_text(data, "word/header2.xml") == "Assemblée des États Parties"
        assert _header_text(data, "word/footer1.xml") == _header_text(data, "word/footer2.xml") == "{PAGE}"
    adopted = write_clean_docx(read(RES2), date="2021-11-04")
    assert _header_text(adopted, "word/header1.xml") == "ICC\u2011ASP/19/Res.2"
    assert _header_text(adopted, "word/header2.xml") == "Assemblée des États Parties\t\tICC\u2011ASP/19/Res.2"


def test_the_header_names_the_general_assembly_for_a_un_symbol_and_nothing_without_a_symbol():
    en = write_clean_docx(read(EN), date="2021-11-04")
    assert _header_text(en, "word/header2.xml") == "General Assembly\t\tA/RES/80/99"
    # an excerpt (no enacting formula) made a draft (no symbol): the assembly of last year's symbol
    from resodraft.redline import compare

    excerpt = compare(read(str(ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md")), read(str(ROOT / "tests" / "golden" / "annex2.accepted.md")))
    visual = write_redline_docx(excerpt, date="2021-11-04")
    assert _header_text(visual, "word/header2.xml") == "Assemblée des États Parties"
    assert _header_text(visual, "word/header1.xml").startswith("Renforcement de la Cour pénale internationale")
    bare = write_clean_docx(Resolution(blocks=(Preambular((Text("Alpha."),)),)), date="2021-11-04")
    assert _header_text(bare, "word/header1.xml") == _header_text(bare, "word/header2.xml") == ""
    assert part(bare, "word/header1.xml").find("w:p", NS) is not None  # a header holds a paragraph


def test_a_user_header_template_replaces_the_bundled_one(tmp_path):
    (tmp_path / "docx").mkdir()
    (tmp_path / "docx" / "header.xml.j2").write_text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:p><w:r><w:t>{{ "PREMIÈRE PAGE" if first else "Projet" }} — {{ meta.symbol }}</w:t></w:r></w:p></w:hdr>\n',
        encoding="utf-8",
    )
    data = write_clean_docx(read(RES2), template_dir=tmp_path, date="2021-11-04")
    assert _header_text(data, "word/header1.xml") == "Projet — ICC-ASP/19/Res.2"
    assert _header_text(data, "word/header2.xml") == "PREMIÈRE PAGE — ICC-ASP/19/Res.2"


def _png() -> bytes:
    """A 1×1 white PNG."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def test_a_reference_docx_keeps_its_own_header_and_footer_with_their_picture(tmp_path):
    import docx
    from docx.shared import Cm

    house = docx.Document()
    section = house.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "MINISTÈRE DES AFFAIRES ÉTRANGÈRES"
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    section.first_page_header.paragraphs[0].add_run().add_picture(str(logo), width=Cm(1))
    section.footer.paragraphs[0].text = "Diffusion restreinte"
    path = tmp_path / "house.docx"
    house.save(path)

    data = write_clean_docx(read(RES2), reference_docx=path, date="2021-11-04")
    sect = part(data, "word/document.xml").find("w:body/w:sectPr", NS)
    refs = {(etree.QName(el).localname, el.get(w("type"))): el.get(f"{{{R}}}id") for el in sect if el.get(f"{{{R}}}id")}
    # as the reference has them: no first-page footer of its own (the first page has none)
    assert set(refs) == {("headerReference", "default"), ("headerReference", "first"), ("footerReference", "default")}
    assert sect.find("w:titlePg", NS) is not None
    rels = {r.get("Id"): r.get("Target") for r in part(data, "word/_rels/document.xml.rels")}
    texts = {key: _header_text(data, "word/" + rels[rid]) for key, rid in refs.items()}
    assert texts[("headerReference", "default")] == "MINISTÈRE DES AFFAIRES ÉTRANGÈRES"
    assert texts[("footerReference", "default")] == "Diffusion restreinte"
    assert "Assemblée des États Parties" not in "".join(texts.values())  # the templates' are not used
    first = "word/" + rels[refs[("headerReference", "first")]]
    picture_rels = part(data, first.replace("word/", "word/_rels/") + ".rels")
    target = picture_rels[0].get("Target")
    assert target.startswith("media/") and "word/" + target in names(data)
    types = part(data, "[Content_Types].xml")
    defaults = {d.get("Extension"): d.get("ContentType") for d in types if d.get("Extension")}
    assert defaults["png"] == "image/png"


# --------------------------------------------------------------------------------------------
# French typography


FRENCH_MARKS = re.compile(r"[;!?»:]")


def _bad_spaces(paragraphs: list[str]) -> list[str]:
    """Every ; ! ? » : not preceded, and « not followed, by a no-break space (U+00A0, U+202F),
    leaving out marks inside a word or an address (10:30, https://…)."""
    bad = []
    for text in paragraphs:
        for m in FRENCH_MARKS.finditer(text):
            k = m.start()
            after = text[k + 1 : k + 2]
            if m.group() != "»" and after and not (after.isspace() or after in ";!?:.,»)\x00" or after == "\u202f"):
                continue  # not punctuation: 10:30, http://
            if k == 0 or text[k - 1] not in (NBSP, NNBSP) and text[k - 1] != "\x00":
                bad.append(text[max(0, k - 15) : k + 5])
        for m in re.finditer("«", text):
            if text[m.end() : m.end() + 1] not in (NBSP, NNBSP):
                bad.append(text[m.start() : m.end() + 15])
    return bad


def test_every_french_mark_has_its_no_break_space_in_the_three_files(job):
    for kind, data in job.items():
        for name in ("word/document.xml", "word/footnotes.xml"):
            assert _bad_spaces(visible_text(data, name)) == [], (kind, name)
    # the adopted text had 51 ordinary spaces there (and no mark glued to its word: where a text
    # has one, as Res.6's "session;", it stays glued, see the next test)
    clean = "\n".join(visible_text(job["clean"]))
    assert clean.count(NNBSP + ";") > 40 and "intitulé «" + NNBSP in clean


def test_a_mark_the_adopted_text_glued_to_its_word_stays_glued_and_check_reports_it():
    """Res.6's "vingtième session;" has no space before ";": the Word files print the text as
    adopted (they never add a character) and `check` reports the defect, so a drafter fixes it
    in the draft if the facilitation agrees (it is accepted in the bundled drafts' baseline)."""
    from resodraft.check import check_file

    res6 = str(ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md")
    clean = "\n".join(visible_text(write_clean_docx(read(res6), date="2021-11-04")))
    assert "vingtième session;" in clean and "vingtième session" + NNBSP + ";" not in clean
    assert clean.count(NNBSP + ";") > 10  # the spaces the text has are no-break ones
    found = [(f.line, f.message, f.snippet) for f in check_file(res6) if f.rule == "fr-spacing"]
    assert (39, "no space before ';' (French typography: a narrow no-break space)",
            "semblée à sa vingtième session;") in found


def test_no_document_symbol_breaks_at_a_hyphen(job):
    english = write_clean_docx(read(EN), date="2021-11-04")
    for kind, data in [*job.items(), ("english", english)]:
        text = "\n".join(visible_text(data) + visible_text(data, "word/footnotes.xml"))
        symbols = SYMBOL.findall(text)
        assert any("\u2011" in s for s in symbols) or kind == "english"
        assert [s for s in symbols if "-" in s] == [], kind  # ICC‑ASP/11/Res.5: every hyphen a w:noBreakHyphen


def test_english_files_get_no_french_spaces_and_the_texts_own_no_break_spaces_are_kept():
    res = read(EN)
    data = write_clean_docx(res, date="2021-11-04")
    model = "".join(t.text for b in res.blocks for t in b.content if isinstance(t, Text))
    text = "".join(visible_text(data))
    assert text.count(NNBSP) == model.count(NNBSP) and text.count(NBSP) == model.count(NBSP)
    own = Resolution(meta=Meta(language="fr"), blocks=(Preambular((Text(f"Notant{NBSP}; et «{NBSP}sic{NBSP}»,"),)),))
    paragraph = visible_text(write_clean_docx(own, date="2021-11-04"))[-1]
    assert paragraph == f"Notant{NBSP}; et «{NBSP}sic{NBSP}»,"  # never turned into narrow ones


@pytest.mark.parametrize("spacing, before_semicolon, before_colon", [("narrow", NNBSP, NBSP), ("nbsp", NBSP, NBSP), ("off", " ", " ")])
def test_french_spacing_is_configurable(spacing, before_semicolon, before_colon):
    res = Resolution(meta=Meta(language="fr"), blocks=(Preambular((Text("Notant ceci : cela ; « sic » ?"),)),))
    text = visible_text(write_clean_docx(res, spacing=spacing, date="2021-11-04"))[-1]
    assert text.startswith(f"Notant ceci{before_colon}: cela{before_semicolon};")


def test_typography_is_no_revision_in_the_tracked_file():
    job_off = api.redline_job(RES2, [str(ROOT / "drafts" / "2021" / "Res.2")], "out", date="2021-11-04",
                              french_spacing="off")
    job_on = api.redline_job(RES2, [str(ROOT / "drafts" / "2021" / "Res.2")], "out", date="2021-11-04")

    def revisions(result):
        data = next(v for k, v in result.files.items() if k.endswith("tracked.docx"))
        return len(part(data, "word/document.xml").xpath("//w:ins | //w:del", namespaces=NS))

    assert revisions(job_on) == revisions(job_off)


def test_an_english_title_in_a_french_text_is_tagged_english(job):
    for data in job.values():
        tagged = {
            "".join(r.xpath("w:t/text()", namespaces=NS)): r.find("w:rPr/w:lang", NS).get(w("val"))
            for r in part(data, "word/document.xml").iter(w("r")) if r.find("w:rPr/w:lang", NS) is not None
        }
        assert tagged == {"Matrix over possible areas of strengthening the Court and the Rome Statute System": "en-GB"}
    styles = part(job["clean"], "word/styles.xml")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(w("val")) == "fr-FR"


# --------------------------------------------------------------------------------------------
# visual redline


def _runs(data: bytes, part_name: str = "word/document.xml", paragraphs: bool = False):
    """(kind, text) of every run: ``-`` struck, ``+`` bold (inserted), ``=`` plain; with
    ``paragraphs``, one such list per paragraph."""
    out = []
    for p in part(data, part_name).iter(w("p")):
        runs = []
        for r in p.iter(w("r")):
            text = "".join(r.xpath("w:t/text()", namespaces=NS)) + ("\u2011" if r.find("w:noBreakHyphen", NS) is not None else "")
            kind = "-" if r.find("w:rPr/w:strike", NS) is not None else "+" if r.find("w:rPr/w:b", NS) is not None else "="
            runs.append((kind, text))
        out.append(runs)
    return out if paragraphs else [r for runs in out for r in runs]


def test_the_visual_redline_puts_a_space_between_a_deletion_and_its_replacement(job):
    six = api.redline_job(str(ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md"), [str(ROOT / "drafts" / "2021" / "Res.6-coop")],
                          "out", date="2021-11-04")
    six_visual = next(v for k, v in six.files.items() if k.endswith("redline.docx"))
    for data in (job["redline"], six_visual):
        for name in ("word/document.xml", "word/footnotes.xml"):
            for runs in _runs(data, name, paragraphs=True):
                glued = [(a[1], b[1]) for a, b in zip(runs, runs[1:])
                         if a[0] == "-" and b[0] == "+" and a[1] and b[1] and not a[1][-1].isspace() and not b[1][0].isspace()]
                assert glued == [], name
    # and inside a footnote: ICC-ASP/19/~~25~~ **26**.
    from resodraft.model import NoteDiff, NoteRef

    para = ParaDiff("PP1", "PP1", "equal", "preambular", (Op("=", (Text("Rappelant"), NoteRef("1"), Text(","))),))
    note = NoteDiff("1", "1", "changed", (Op("=", (Text("ICC-ASP/19/"),)), Op("-", (Text("25"),)), Op("+", (Text("26"),)),
                                          Op("=", (Text("."),))))
    notes = _runs(write_redline_docx(Redline(Meta(), Meta(), (para,), (note,))), "word/footnotes.xml")
    at = notes.index(("-", "25"))
    assert notes[at + 1 : at + 3] == [("=", " "), ("+", "26")]
    runs = _runs(job["redline"])
    at = runs.index(("-", "Prie"))
    assert runs[at + 1 : at + 3] == [("=", " "), ("+", "Encourage")]  # ~~Prie~~ **Encourage**


def test_the_visual_redline_says_where_a_moved_paragraph_went_and_came_from(tmp_path):
    move = tmp_path / "move.toml"
    move.write_text('sponsor = "Sénégal"\n\n[[change]]\nop = "move"\nat = "OP9"\nafter = "OP12"\n', encoding="utf-8")
    result = api.redline_job(RES2, [str(move)], str(tmp_path / "out"), date="2021-11-04")
    visual = next(v for k, v in result.files.items() if k.endswith("redline.docx"))
    notes = [t for k, t in _runs(visual) if t.startswith("(déplacé")]
    assert notes == ["(déplacé au paragraphe 12)", "(déplacé du paragraphe 9)"]
    tracked = next(v for k, v in result.files.items() if k.endswith("tracked.docx"))
    assert not any("déplacé" in t for t in visible_text(tracked))  # Word shows the move itself
    markdown = next(v for k, v in result.files.items() if k.endswith("redline.md"))
    assert "*(déplacé du paragraphe 9)*" in markdown and "*(déplacé au paragraphe 12)*" in markdown


# --------------------------------------------------------------------------------------------
# dates


def test_nothing_is_dated_2000_01_01(job, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    undated = api.redline_job(RES2, [str(ROOT / "drafts" / "2021" / "Res.2")], "out")
    for data in [*job.values(), *(v for k, v in undated.files.items() if k.endswith(".docx"))]:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in zf.namelist():
                assert b"2000-01-01" not in zf.read(name), name
    core = part(job["clean"], "docProps/core.xml")
    assert [el.text for el in core if etree.QName(el).localname in ("created", "modified")] == ["2021-11-04T00:00:00Z"] * 2


def test_source_date_epoch_dates_the_files_and_makes_them_reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1636019400")
    first = api.redline_job(RES2, [str(ROOT / "drafts" / "2021" / "Res.2")], "out").files
    second = api.redline_job(RES2, [str(ROOT / "drafts" / "2021" / "Res.2")], "out").files
    assert first == second
    core = part(next(v for k, v in first.items() if k.endswith("clean.docx")), "docProps/core.xml")
    assert {el.text for el in core if etree.QName(el).localname == "modified"} == {"2021-11-04T09:50:00Z"}


def test_the_redline_of_two_texts_without_authors_dates_its_revisions_with_the_run(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1636019400")
    paragraphs = (ParaDiff("PP1", "PP1", "changed", "preambular", (Op("-", (Text("a"),)), Op("+", (Text("b"),)))),)
    data = write_tracked_docx(Redline(Meta(), Meta(), paragraphs))
    dates = set(part(data, "word/document.xml").xpath("//w:ins/@w:date | //w:del/@w:date", namespaces=NS))
    assert dates == {"2021-11-04T09:50:00Z"}
    assert write_redline_docx(Redline(Meta(), Meta(), paragraphs)) == write_redline_docx(Redline(Meta(), Meta(), paragraphs))


def test_a_reference_header_with_a_doctype_is_refused(tmp_path):
    import docx

    from resodraft.errors import InputError

    house = docx.Document()
    house.sections[0].header.paragraphs[0].text = "EN-TÊTE"
    plain = tmp_path / "plain.docx"
    house.save(plain)
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(bad, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("word/header"):
                data = data.replace(b"?>", b'?><!DOCTYPE w:hdr [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1)
            out.writestr(item, data)
    with pytest.raises(InputError) as err:
        write_clean_docx(read(RES2), reference_docx=bad, date="2021-11-04")
    assert str(err.value) == (
        f"{bad}: word/header1.xml declares a DOCTYPE (with entities), which Word files never do"
        " — save it again from Word as .docx (Word Document), or leave out --reference-docx"
    )
