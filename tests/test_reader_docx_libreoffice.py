"""Word files written by LibreOffice, read by the Word reader (marked ``libreoffice``).

LibreOffice writes Word files its own way: its own numbering definitions and list styles,
its own style names and footnote ids, tracked changes split into one revision per run. One
``soffice`` serves the whole test session (``lo_author`` in conftest.py) (``tests/oracles/lo_author.py serve``, under the system
Python with python3-uno); the tests are skipped, with the reason, when soffice or python3-uno
is missing.

- A pandoc document opened in LibreOffice and saved as "MS Word 2007 XML" imports to its
  source draft (French with lettered parts, English with two levels of sub-paragraphs).
- Tracked changes authored in LibreOffice by two people (a replaced phrase, a paragraph added
  with Enter at the end of another, a paragraph deleted) in a draft whose operative paragraphs
  are one Word list: refused without an option; accepted they give the text the same changes
  give as an amendment file (Word's numbering renumbers as resodraft does), rejected the
  source; one author's changes can be taken alone.
- The same document saved as an old binary .doc is refused with what to do.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import run_cli
from docx_samples import counts, leads, one_operative_list, pandoc_docx, renumber_notes, similarity
from resodraft import api
from resodraft.api import to_markdown
from resodraft.model import Meta
from resodraft.readers import read
from resodraft.readers.docx import parse_docx, to_resolution

ROOT = Path(__file__).resolve().parents[1]
AUTHOR = ROOT / "tests" / "oracles" / "lo_author.py"
SYSTEM_PYTHON = "/usr/bin/python3"
SOURCES = {
    "fr": ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md",
    "en": ROOT / "tests" / "fixtures" / "ga-en.md",
}

pytestmark = pytest.mark.libreoffice


def _missing() -> str | None:
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} (the system Python with python3-uno) is missing"
    if subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode != 0:
        return f"python3-uno is not importable by {SYSTEM_PYTHON} (apt-get install python3-uno)"
    return None


class Author:
    """Client of ``lo_author.py serve``: one soffice for the test session."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [SYSTEM_PYTHON, str(AUTHOR), "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )
        ready = json.loads(self.proc.stdout.readline() or "{}")
        if not ready.get("ready"):
            self.close()
            raise RuntimeError("the LibreOffice author did not start")

    def __call__(self, **request) -> dict:
        request = {k: str(v) if isinstance(v, Path) else v for k, v in request.items()}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        assert answer["ok"], answer
        return answer

    def close(self) -> None:
        self.proc.stdin.close()  # end of input: the server stops its soffice and exits
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()  # the server process we started (its soffice has its own group)
            self.proc.wait()
        self.proc.stdout.close()


@pytest.fixture(scope="module")
def pandoc_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pandoc")
    out = {}
    for lang, path in SOURCES.items():
        src = renumber_notes(read(str(path)))
        pandoc_docx(src, folder / f"{lang}.docx")
        out[lang] = (src, folder / f"{lang}.docx")
    return out


@pytest.mark.parametrize("lang", sorted(SOURCES))
def test_libreoffice_docx_imports_to_its_source(lang, lo_author, pandoc_files, tmp_path):
    src, pandoc = pandoc_files[lang]
    saved = tmp_path / "libreoffice.docx"
    lo_author(op="save", path=pandoc, out=saved)
    assert saved.read_bytes() != pandoc.read_bytes()
    got = read(str(saved))
    assert counts(got) == counts(src)
    assert leads(got) == leads(src)
    assert similarity(got, src) >= 0.995
    assert (got.formula, got.blocks, got.footnotes) == (src.formula, src.blocks, src.footnotes)
    assert (got.meta.symbol, got.meta.title) == (src.meta.symbol, src.meta.title)


EDITS = [
    {"author": "Marie Dupont", "action": "replace",
     "find": "report of the International Criminal Court for 2024/25", "with": "annual report of the International Criminal Court for 2024/25"},
    {"author": "John Smith", "action": "append", "after": "Calls upon States parties", "text": "Encourages States to cooperate with the Court;"},
    {"author": "Marie Dupont", "action": "delete", "find": "Stresses the importance of a fair and effective defence"},
]
SAME_AS_AMENDMENTS = """sponsor = "{sponsor}"

[[change]]
op = "substitute"
at = "OP1"
find = "report of the International"
replace = "annual report of the International"

[[change]]
op = "insert"
after = "OP4"
text = "Encourages States to cooperate with the Court;"

[[change]]
op = "delete"
at = "OP18"
"""


@pytest.fixture(scope="module")
def lo_tracked(lo_author, pandoc_files, tmp_path_factory):
    """The English draft as one Word list of operative paragraphs, edited in LibreOffice."""
    _, pandoc = pandoc_files["en"]
    folder = tmp_path_factory.mktemp("tracked")
    base = folder / "ga.docx"
    base.write_bytes(one_operative_list(pandoc.read_bytes()))
    out = folder / "ga.tracked.docx"
    answer = lo_author(op="track", path=base, out=out, edits=EDITS)
    assert {(r["type"], r["author"]) for r in answer["redlines"]} == {
        ("Delete", "Marie Dupont"), ("Insert", "Marie Dupont"), ("Insert", "John Smith"),
    }
    return out


def test_libreoffice_tracked_changes_are_refused_until_the_user_chooses(lo_tracked):
    code, out, err = run_cli(["import", str(lo_tracked)])
    assert (code, out) == (2, "")
    assert err.startswith(f"resodraft: error: {lo_tracked}: this Word file holds 4 tracked changes (Marie Dupont: 3, John Smith: 1) — ")


def test_libreoffice_tracked_changes_accepted_and_rejected(lo_tracked, pandoc_files, tmp_path):
    src, _ = pandoc_files["en"]
    amendments = tmp_path / "same.toml"
    amendments.write_text(SAME_AS_AMENDMENTS.format(sponsor="LibreOffice"), encoding="utf-8")
    source_md = tmp_path / "ga.md"
    source_md.write_text(to_markdown(src), encoding="utf-8")
    expected = api.apply_files(str(source_md), [str(amendments)]).new
    for option, want in (("--accept-changes", expected), ("--reject-changes", src)):
        code, out, err = run_cli(["import", str(lo_tracked), option])
        assert code == 0, err
        got = read_markdown_text(out)
        assert (got.formula, got.blocks, got.footnotes) == (want.formula, want.blocks, want.footnotes), option


def read_markdown_text(md: str):
    from resodraft.readers.markdown import read_markdown

    return read_markdown(md, "imported.md")


def test_one_libreoffice_authors_changes_alone(lo_tracked, pandoc_files):
    src, _ = pandoc_files["en"]
    doc = parse_docx(lo_tracked.read_bytes(), "ga.tracked.docx")
    assert doc.revision_authors() == {"Marie Dupont": 3, "John Smith": 1}
    smith = to_resolution(doc, accept=lambda r: r.author == "John Smith")
    body = to_markdown(replace(smith, meta=Meta(language="en")))
    assert "5. Encourages States to cooperate with the Court;" in body
    assert "1. *Welcomes* the report of the International Criminal Court for 2024/25;" in body
    assert "*Stresses* the importance of a fair and effective defence" in body
    assert len(re.findall(r"(?m)^\d+\. ", body)) == 25


def test_an_old_doc_saved_by_libreoffice_is_refused(lo_author, pandoc_files, tmp_path):
    _, pandoc = pandoc_files["fr"]
    doc = tmp_path / "Res.6.doc"
    lo_author(op="save", path=pandoc, out=doc, filter="MS Word 97")
    code, out, err = run_cli(["import", str(doc), "-o", str(tmp_path / "x.md")])
    assert (code, out) == (2, "")
    assert err == (
        f"resodraft: error: {doc}: this is an old Word document (.doc), which resodraft does not read — "
        "open it in Word or LibreOffice and save it as a Word document (.docx)\n"
    )
    assert not (tmp_path / "x.md").exists()
