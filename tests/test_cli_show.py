"""``resodraft show`` and ``resodraft apply`` (no amendment) as a user runs them.

Commands run in-process through :func:`conftest.run_cli` (exit code, stdout, stderr), and in a
subprocess where the interpreter matters (``python -m resodraft``, imports made by ``--help``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from resodraft import __version__

ROOT = Path(__file__).resolve().parents[1]
RES2 = ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"
RES6 = ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def _terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def test_show_json_reports_the_outline_of_the_cooperation_resolution() -> None:
    code, out, err = run_cli(["show", str(RES2), "--json"])
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"meta", "blocks", "footnotes"}
    assert data["meta"] == {
        "symbol": "ICC-ASP/19/Res.2",
        "title": "Résolution sur la coopération",
        "language": "fr",
        "session": "19",
        "date": "2020-12-16",
        "adopted": "Adoptée à la 4^e séance plénière, le 16 décembre 2020, par consensus",
        "formula": "L'Assemblée des États Parties,",
    }
    kinds = [b["kind"] for b in data["blocks"]]
    assert (kinds.count("preambular"), kinds.count("operative"), kinds.count("heading")) == (12, 38, 10)
    assert len(data["footnotes"]) == 7
    assert all(set(b) == {"label", "kind", "number", "text", "line"} for b in data["blocks"])
    assert data["blocks"][3] == {
        "label": "PP4",
        "kind": "preambular",
        "number": None,
        "text": "Saluant le rapport de la Cour sur la coopération[^1], soumis conformément au paragraphe 376 de la résolution ICC-ASP/19/Res.23,",
        "line": 18,
    }
    op25 = next(b for b in data["blocks"] if b["label"] == "OP25")
    assert (op25["kind"], op25["number"]) == ("operative", "25")
    assert op25["text"].startswith("Salue et continue d'encourager la coopération accrue entre la Cour et l'Organisation des Nations Unies")
    assert [b["label"] for b in data["blocks"] if b["kind"] == "heading"][:2] == ["H1", "H2"]
    assert data["footnotes"][0] == {"id": "1", "label": "FN1", "text": "ICC-ASP/19/25."}
    assert data["footnotes"][-1] == {"id": "7", "label": "FN7", "text": "ICC-ASP/20/2549/33."}


def test_show_json_labels_of_lettered_parts() -> None:
    code, out, _ = run_cli(["show", str(RES6), "--json"])
    assert code == 0
    blocks = json.loads(out)["blocks"]
    by_label = {b["label"]: b for b in blocks}
    assert by_label["A"] == {"label": "A", "kind": "part", "number": "A", "text": "Coopération", "line": 9}
    assert by_label["A.OP11"]["kind"] == "operative"
    assert by_label["B.OP1(j)"]["kind"] == "subparagraph" and by_label["B.OP1(j)"]["number"] == "j"


def test_show_prints_a_table_of_labels() -> None:
    code, out, err = run_cli(["show", str(RES2)])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "ICC-ASP/19/Res.2 · Résolution sur la coopération",
        "label  kind          text",
        "PP1    preambular    Rappelant les dispositions du Statut de Rome, la Déclarati…",
        "PP2    preambular    Déterminée à mettre un terme à l'impunité des auteurs des …",
    ]
    assert "H1     heading       Exécution des mandats d'arrêt" in lines
    assert lines[-1] == "12 preambular, 38 operative, 10 headings; 7 footnotes"
    assert max(len(line) for line in lines) <= 80


def test_show_indents_sub_paragraphs_and_never_cuts_labels() -> None:
    code, out, _ = run_cli(["show", str(FIXTURES / "ga-en.md")])
    assert code == 0
    lines = out.splitlines()
    assert "OP6(a)(iii)  subparagraph    On request of a Chamber of the Court;" in lines
    assert lines[-1] == "14 preambular, 24 operative, 19 sub-paragraphs, 1 heading; 5 footnotes"


def test_show_reads_standard_input_and_takes_the_language_option() -> None:
    text = "Rappelant x,\n\n1. Décide y.\n"
    code, out, _ = run_cli(["show", "-", "--json", "--lang", "en"], stdin=text)
    assert code == 0
    data = json.loads(out)
    assert data["meta"] == {"language": "en"}
    assert [b["label"] for b in data["blocks"]] == ["PP1", "OP1"]


@pytest.mark.parametrize(
    "path",
    [RES2, RES6, FIXTURES / "ga-en.md", FIXTURES / "asp-fr.md", FIXTURES / "single-op.md"],
    ids=lambda p: p.name,
)
def test_apply_without_amendments_reproduces_a_canonical_draft(path: Path) -> None:
    code, out, err = run_cli(["apply", str(path)])
    assert (code, err) == (0, "")
    assert out == path.read_text(encoding="utf-8")


def test_apply_writes_the_canonical_form_of_a_seed_annex_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "annex1.md"
    code, out, err = run_cli(["apply", str(FIXTURES / "seed-annex1.md"), "-o", str(target)])
    assert (code, out, err) == (0, "", "")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Projet de résolution sur la coopération\nlanguage: fr\n---\n\nL'Assemblée des États Parties,\n")
    assert run_cli(["apply", str(target)])[1] == text


def test_version() -> None:
    assert run_cli(["--version"]) == (0, f"resodraft {__version__}\n", "")


def test_python_dash_m_version() -> None:
    done = subprocess.run([sys.executable, "-m", "resodraft", "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"resodraft {__version__}\n", "")


def test_help_does_not_import_word_or_template_libraries() -> None:
    script = (
        "import sys\n"
        "from resodraft.cli import main\n"
        "for args in (['--help'], ['show', '--help'], ['apply', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'lxml', 'jinja2'})\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "Usage: resodraft" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "HEAVY []"


def _bad(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("make_args", "expected"),
    [
        (lambda d: ["show", str(d / "missing.md")], "{d}/missing.md: file not found — check the path"),
        (lambda d: ["show", str(d)], "{d}: is a folder, not a file — give the draft's file name"),
        (lambda d: ["show", _bad(d, "empty.md", b"")], "{d}/empty.md:1: the file is empty — give a draft with text in it"),
        (lambda d: ["apply", _bad(d, "bin.md", b"\x00\x01\x02")],
         "{d}/bin.md:1: this is a binary file, not a text draft — give the draft as a Markdown (.md) text file"),
        (lambda d: ["show", _bad(d, "latin.md", "1. *Décide*".encode("latin-1"))],
         "{d}/latin.md:1:6: the file is not UTF-8 text — save the draft as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)"),
        (lambda d: ["show", _bad(d, "pp.md", "L'Assemblée des États Parties,\n\n*Rappelant* x,\n".encode())],
         "{d}/pp.md:3: no operative paragraph found: this does not read as a resolution — operative paragraphs are numbered '1. *Decides* … ;' (see docs/format.md)"),
        (lambda d: ["show", _bad(d, "fm.md", b"---\nlanguage: de\n---\n\n1. x.\n"), "--json"],
         "{d}/fm.md:2: unknown language 'de' in front matter — use 'language: fr' or 'language: en'"),
        (lambda d: ["show", str(RES2), "--lang", "es"], "unknown language 'es' — use --lang fr or --lang en"),
        (lambda d: ["show"], "Missing argument 'doc'. — see 'resodraft show --help'"),
    ],
    ids=["missing", "folder", "empty", "binary", "latin-1", "no-operative", "front-matter", "lang", "no-argument"],
)
def test_bad_input_exits_2_with_one_line_on_stderr(tmp_path: Path, make_args, expected: str) -> None:
    code, out, err = run_cli(make_args(tmp_path))
    assert code == 2
    assert out == ""
    assert err == "resodraft: error: " + expected.format(d=tmp_path) + "\n"
    assert "Traceback" not in err
