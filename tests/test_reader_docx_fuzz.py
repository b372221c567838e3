"""Hostile and damaged Word files never crash the Word reader.

Every mutation of real packages (ours, pandoc's with automatic numbering and footnotes, one
with tracked changes) — elements removed, duplicated or moved, attributes set to nonsense
(empty, negative, huge, not a number, a style that bases itself on itself) — is either read
as a resolution or refused with a one-line :class:`~resodraft.errors.ResodraftError`; never a
Python exception, never a hang. Like ``tests/test_fuzz.py`` for the Markdown reader.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from docx_samples import pandoc_docx, zip_of
from resodraft.errors import ResodraftError
from resodraft.readers import READERS, ReadOptions, read
from resodraft.writers.docx import write_clean_docx

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "word/footnotes.xml")
NONSENSE = ["", "-1", "0", "99999999999999999999", "abc", "1e5", "%1%2%9%0", "Normal", "1", "FFFF", "D800", "110000"]


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> list[bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    ours = write_clean_docx(read(str(ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md")))
    pandoc_docx(read(str(ROOT / "tests" / "fixtures" / "ga-en.md")), folder / "p.docx")
    from resodraft import api

    job = api.redline_job(str(ROOT / "tests" / "bad" / "base.md"), [str(ROOT / "tests" / "bad" / "good.toml")], str(folder))
    tracked = next(v for k, v in job.files.items() if k.endswith(".tracked.docx"))
    return [ours, (folder / "p.docx").read_bytes(), tracked]  # type: ignore[list-item]


def mutate(data: bytes, rnd: random.Random, n: int) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    files = {name: src.read(name) for name in src.namelist()}
    for _ in range(n):
        name = rnd.choice([p for p in PARTS if p in files])
        root = etree.fromstring(files[name])
        elements = list(root.iter())
        el = rnd.choice(elements)
        action = rnd.choice(["remove", "duplicate", "attribute", "attribute", "move", "text"])
        parent = el.getparent()
        if action == "remove" and parent is not None:
            parent.remove(el)
        elif action == "duplicate" and parent is not None:
            parent.insert(parent.index(el), etree.fromstring(etree.tostring(el)))
        elif action == "move" and parent is not None:
            target = rnd.choice(elements)
            if target is not el and el not in target.iterancestors() and target is not parent:
                parent.remove(el)
                target.append(el)
        elif action == "text":
            el.text = rnd.choice(NONSENSE)
        else:
            attrs = list(el.attrib) or ["{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"]
            el.set(rnd.choice(attrs), rnd.choice(NONSENSE))
        files[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return zip_of(files)


@settings(max_examples=100, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False), n=st.integers(1, 6), which=st.integers(0, 2),
       revisions=st.sampled_from(["accept", "reject"]))
def test_mutated_word_files_are_read_or_refused_in_one_line(samples, rnd, n, which, revisions):
    data = mutate(samples[which], rnd, n)
    try:
        READERS["docx"](data, "fuzzed.docx", ReadOptions(revisions=revisions))
    except ResodraftError as exc:
        assert "\n" not in str(exc)
        assert str(exc).startswith("fuzzed.docx")


def test_a_style_based_on_itself_and_a_numbering_style_that_links_to_itself():
    from docx_samples import numbering, p, package, r

    styles = ('<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop2"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop 2"/><w:basedOn w:val="Loop"/></w:style>'
              '<w:style w:type="numbering" w:styleId="L"><w:name w:val="L"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    num = numbering((1, [("decimal", "%1.")]), nums=[(1, 1, {})]).replace(
        '<w:abstractNum w:abstractNumId="1">', '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="L"/>')
    body = p(r("The General Assembly,"), style="Loop") + p(r("Decides", i=True), r(" to remain seized."), num=(1, 0))
    res = READERS["docx"](package(body, styles=styles, numbering=num), "x.docx", ReadOptions())
    assert [b.kind for b in res.blocks] == ["operative"]


def test_a_field_that_never_ends_is_reported():
    from docx_samples import p, package, r
    from resodraft.readers.report import ImportReport

    body = (p(r("The General Assembly,")) + p(r("Recalling", i=True), r(" its resolution,"))
            + p(r("1."), r(extra="<w:tab/>"), r("Decides", i=True), r(" to remain seized."))
            + p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>', r("7")))
    report = ImportReport("x.docx")
    READERS["docx"](package(body), "x.docx", ReadOptions(report=report))
    assert any("never ends" in i.message and i.where == "paragraph 4" for i in report.items)


def test_c1_control_characters_are_removed_and_reported():
    """XML 1.0 lets U+0080–U+009F through (a Word file cannot hold C0 controls): never text."""
    from docx_samples import p, package, r
    from resodraft.readers.report import ImportReport

    body = (p(r("The General Assembly,")) + p(r("Recalling", i=True), r(" its reso\u0085lution\u009b2J,"))
            + p(r("1."), r(extra="<w:tab/>"), r("Decides", i=True), r(" to remain seized."),
                '<w:r><w:sym w:font="Symbol" w:char="001B"/></w:r>'))
    report = ImportReport("x.docx")
    res = READERS["docx"](package(body), "x.docx", ReadOptions(report=report))
    from resodraft.model import plain_text

    assert plain_text(res.blocks[0].content) == "Recalling its resolution2J,"
    assert any(i.kind == "control-characters" and i.message == "removed 2 control character(s) from the text" for i in report.items)
