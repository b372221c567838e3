"""``resodraft diff OLD NEW``: exit codes and outputs as a user sees them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from resodraft.cli import main
from resodraft.readers import read
from resodraft.redline import compare
from resodraft.writers.redline_md import write_redline_md

ROOT = Path(__file__).resolve().parent.parent
BASE = str(ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md")
ACCEPTED = str(ROOT / "tests" / "golden" / "annex2.accepted.md")

OLD = "1. *Prie* le Bureau de faire rapport à sa vingtième session ;\n\n2. *Décide* de rester saisie de la question ;\n"
NEW = "1. *Prie* le Bureau de faire rapport à sa vingt-et-unième session ;\n\n2. *Salue* la France ;\n\n3. *Décide* de rester saisie de la question ;\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


@pytest.fixture
def pair(tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


def test_markdown_redline_on_standard_output_by_default(capsys, pair):
    code, out, err = run(capsys, "diff", *pair)
    assert (code, err) == (0, "")
    assert out == (
        "---\nlanguage: fr\n---\n\n"
        "1. *Prie* le Bureau de faire rapport à sa ~~vingtième~~ **vingt-et-unième** session ;\n\n"
        "2. ***Salue* la France ;**\n\n"
        "3. *Décide* de rester saisie de la question ;\n"
    )


def test_json_redline(capsys, pair):
    code, out, _ = run(capsys, "diff", *pair, "--to", "json")
    assert code == 0
    data = json.loads(out)
    assert [(p["old"], p["new"], p["status"]) for p in data["paragraphs"]] == [
        ("OP1", "OP1", "changed"),
        (None, "OP2", "inserted"),
        ("OP2", "OP3", "equal"),
    ]
    assert data["paragraphs"][0]["ops"] == [
        ["=", "Prie le Bureau de faire rapport à sa "],
        ["-", "vingtième"],
        ["+", "vingt-et-unième"],
        ["=", " session ;"],
    ]


def test_options_reach_the_markdown_writer(capsys, pair):
    code, out, _ = run(capsys, "diff", *pair, "--critic", "--mark-renumbering")
    assert code == 0
    assert "1. *Prie* le Bureau de faire rapport à sa {--vingtième--}{++vingt-et-unième++} session ;" in out
    assert "{--2--}{++3++}. *Décide* de rester saisie de la question ;" in out


def test_html_to_a_file_with_the_author_and_date_of_the_changes(capsys, pair, tmp_path):
    target = tmp_path / "out" / "changes.html"
    code, out, err = run(capsys, "diff", *pair, "--to", "html", "-o", str(target), "--author", "Co-facilitateurs", "--date", "2021-11-04")
    assert (code, out, err) == (0, "", "")
    html = target.read_text(encoding="utf-8")
    assert '<del title="Co-facilitateurs, 2021-11-04">vingtième</del> <ins title="Co-facilitateurs, 2021-11-04">vingt-et-unième</ins></span>' in html


def test_terminal_output_piped_brackets_the_changes(capsys, pair):
    code, out, _ = run(capsys, "diff", *pair, "--to", "term")
    assert code == 0
    assert out.split("\n\n")[0] == "1. Prie le Bureau de faire rapport à sa [-vingtième-]{+vingt-et-unième+} session ;"


def test_terminal_output_to_a_file_has_no_colour_codes(capsys, pair, tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    target = tmp_path / "changes.txt"
    code, out, _ = run(capsys, "diff", *pair, "--to", "term", "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith(
        "1. Prie le Bureau de faire rapport à sa [-vingtième-]{+vingt-et-unième+} session ;\n\n2. {+Salue la France ;+}\n"
    )


def test_the_bundled_drafts_give_the_golden_redline(capsys):
    code, out, _ = run(capsys, "diff", BASE, ACCEPTED)
    assert code == 0
    assert out == (ROOT / "tests" / "golden" / "annex2.redline.md").read_text(encoding="utf-8")


def test_standard_input_for_one_version(capsys, monkeypatch, pair):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NEW.encode("utf-8"))))
    code, out, _ = run(capsys, "diff", pair[0], "-")
    assert code == 0
    assert out == write_redline_md(compare(read(pair[0]), read(pair[1])))


def test_tracked_word_document(capsys, pair, tmp_path):
    pytest.importorskip("resodraft.writers.docx")
    target = tmp_path / "changes.docx"
    code, _, err = run(capsys, "diff", *pair, "--to", "docx", "-o", str(target), "--author", "Co-facilitateurs")
    assert (code, err) == (0, "")
    with zipfile.ZipFile(target) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "<w:del " in body and "<w:ins " in body and 'w:author="Co-facilitateurs"' in body
    assert "<w:numPr>" in body and "\u202f;" in body  # automatic numbers, French spacing
    code, _, err = run(capsys, "diff", *pair, "--to", "docx", "-o", str(target), "--typed-numbers", "--french-spacing", "off")
    assert (code, err) == (0, "")
    with zipfile.ZipFile(target) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "<w:numPr>" not in body and "\u202f" not in body


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--to", "pdf"], "resodraft: error: unknown output format 'pdf' — use --to md, json, html, term, docx\n"),
        (["--to", "docx"], "resodraft: error: a Word document cannot be printed on the terminal — add -o FILE.docx\n"),
        (["--to", "json", "--critic"], "resodraft: error: --critic applies to Markdown output only — add --to md, or drop --critic\n"),
        (["--date", "4 novembre"], "resodraft: error: --date '4 novembre' is not a date — write it as 2021-11-04 (year-month-day)\n"),
        (["--template-dir", "."], "resodraft: error: --template-dir applies to --to html and --to docx only\n"),
        (["--typed-numbers"], "resodraft: error: --typed-numbers and --french-spacing apply to --to docx only\n"),
        (["--to", "docx", "-o", "x.docx", "--french-spacing", "wide"],
         "resodraft: error: --french-spacing 'wide' is unknown — use narrow (U+202F before ; ! ? », U+00A0 before :),"
         " nbsp (U+00A0 everywhere) or off\n"),
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys, pair, extra, message):
    code, out, err = run(capsys, "diff", *pair, *extra)
    assert (code, out, err) == (2, "", message)


def test_a_missing_file_exits_2(capsys, pair, tmp_path):
    missing = str(tmp_path / "nope.md")
    code, out, err = run(capsys, "diff", pair[0], missing)
    assert (code, out, err) == (2, "", f"resodraft: error: {missing}: file not found — check the path\n")


def test_never_writes_over_an_input(capsys, pair):
    code, _, err = run(capsys, "diff", *pair, "-o", pair[1])
    assert code == 2
    assert err == f"resodraft: error: {pair[1]}: refusing to write over an input file — choose another output name (-o); inputs are never modified\n"
    assert Path(pair[1]).read_text(encoding="utf-8") == NEW


def test_the_installed_command_exits_2_on_bad_input(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "resodraft", "diff", str(tmp_path / "a.md"), str(tmp_path / "b.md")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr == f"resodraft: error: {tmp_path / 'a.md'}: file not found — check the path\n"
