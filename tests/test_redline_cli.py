"""`resodraft redline` and `resodraft apply` on the bundled drafts: what a co-facilitator sees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import assert_valid_docx

REPO = Path(__file__).resolve().parent.parent
RES2 = str(REPO / "drafts/ICC-ASP-19-Res.2.fr.md")
RES2_AMEND = str(REPO / "drafts/2021/Res.2")
RES6 = str(REPO / "drafts/ICC-ASP-19-Res.6-coop.fr.md")
RES6_AMEND = str(REPO / "drafts/2021/Res.6-coop")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resodraft", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env={"COLUMNS": "120", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )


@pytest.fixture(scope="module")
def res2_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    proc = run("redline", RES2, RES2_AMEND, "-o", str(out), "--map", str(out / "map.json"), "--date", "2021-11-04")
    return out, proc


def test_redline_writes_the_five_outputs_and_the_map(res2_out):
    out, proc = res2_out
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "ICC-ASP-19-Res.2.fr.clean.docx",
        "ICC-ASP-19-Res.2.fr.clean.md",
        "ICC-ASP-19-Res.2.fr.redline.docx",
        "ICC-ASP-19-Res.2.fr.redline.md",
        "ICC-ASP-19-Res.2.fr.tracked.docx",
        "map.json",
    ]
    for name in names:
        if name.endswith(".docx"):
            assert_valid_docx(out / name)  # openxml-audit: 0 errors
    mapping = json.loads((out / "map.json").read_text(encoding="utf-8"))
    rows = {(r["old"], r["new"]): r for r in mapping["paragraphs"]}
    assert rows[("OP21", "OP21")]["status"] == "same" and rows[("OP22", "OP23")]["status"] == "renumbered"
    assert ("OP38", "OP40") in rows
    inserted = rows[(None, "OP22")]
    assert inserted["file"] == str(REPO / "drafts/2021/Res.2/02-paragraphes.toml")  # as given on the command line
    assert {k: v for k, v in inserted.items() if k != "file"} == {
        "old": None, "new": "OP22", "status": "inserted", "change": 1, "sponsor": "Co-facilitateurs (France, Sénégal)",
    }
    assert rows[(None, "OP39")]["change"] == 2
    news = [r["new"] for r in mapping["paragraphs"]]
    assert news[news.index("OP21") : news.index("OP21") + 3] == ["OP21", "OP22", "OP23"]  # the new text's order
    assert mapping["footnotes"][4:] == [
        {"old": "5", "new": None, "status": "deleted"},
        {"old": "6", "new": None, "status": "deleted"},
        {"old": "7", "new": "5", "status": "renumbered"},
    ]


def test_redline_summary_names_sponsors_counts_and_renumbering(res2_out):
    _, proc = res2_out
    lines = [line.strip("│┃ ") for line in proc.stdout.splitlines()]
    assert any(line.startswith("Co-facilitateurs (France, Sénégal)") and line.endswith(" 9") for line in lines)
    # the roll-over file: four changes and its [meta] table, counted once
    assert any(line.startswith("Secrétariat (mise à jour technique)") and line.endswith(" 5") for line in lines)
    assert "paragraphs inserted: 2, deleted: 0, moved: 0" in proc.stdout
    assert any("OP22–OP37" in line and "OP23–OP38" in line for line in lines)
    assert any(line.replace(" ", "").startswith("OP38│OP40") for line in lines)


def test_clean_output_is_annex_one_as_accepted(res2_out):
    out, _ = res2_out
    golden = (REPO / "tests/golden/annex1.accepted.md").read_text(encoding="utf-8")
    assert (out / "ICC-ASP-19-Res.2.fr.clean.md").read_text(encoding="utf-8") == golden


def test_redline_output_is_the_reviewed_golden(res2_out):
    out, _ = res2_out
    golden = (REPO / "tests/golden/annex1.redline.md").read_text(encoding="utf-8")
    assert (out / "ICC-ASP-19-Res.2.fr.redline.md").read_text(encoding="utf-8") == golden


def test_annex_two_main_job(tmp_path):
    proc = run("redline", RES6, RES6_AMEND, "-o", str(tmp_path), "--stem", "annex2")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "annex2.clean.md").read_text(encoding="utf-8") == (REPO / "tests/golden/annex2.accepted.md").read_text(encoding="utf-8")
    assert (tmp_path / "annex2.redline.md").read_text(encoding="utf-8") == (REPO / "tests/golden/annex2.redline.md").read_text(encoding="utf-8")
    assert "B.OP1(h)" not in proc.stdout  # sub-paragraph letters did not move


def test_same_inputs_and_date_give_identical_word_files(res2_out, tmp_path):
    out, _ = res2_out
    proc = run("redline", RES2, RES2_AMEND, "-o", str(tmp_path), "--date", "2021-11-04")
    assert proc.returncode == 0
    for name in ("clean", "redline", "tracked"):
        a = (out / f"ICC-ASP-19-Res.2.fr.{name}.docx").read_bytes()
        b = (tmp_path / f"ICC-ASP-19-Res.2.fr.{name}.docx").read_bytes()
        assert a == b, name


def test_show_prints_the_redline_in_the_terminal(tmp_path):
    proc = run("redline", RES2, RES2_AMEND, "-o", str(tmp_path), "--show")
    assert proc.returncode == 0
    assert "[-de deux suspects en juin 2020 et en novembre 2020-]{+d'un suspect en janvier 2021+}" in proc.stdout


def test_apply_prints_the_amended_text(tmp_path):
    proc = run("apply", RES2, RES2_AMEND)
    assert proc.returncode == 0
    assert proc.stdout == (REPO / "tests/golden/annex1.accepted.md").read_text(encoding="utf-8")
    proc = run("apply", RES2, RES2_AMEND, "-o", str(tmp_path / "new.md"))
    assert proc.returncode == 0 and proc.stdout == ""
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == (REPO / "tests/golden/annex1.accepted.md").read_text(encoding="utf-8")


def test_a_bad_amendment_writes_nothing(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('sponsor = "France"\n\n[[change]]\nop = "substitute"\nat = "OP25"\nfind = "vingt-deuxième"\nreplace = "x"\n', encoding="utf-8")
    out = tmp_path / "out"
    proc = run("redline", RES2, RES2_AMEND, str(bad), "-o", str(out))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        f"resodraft: error: {bad}:6: 'vingt-deuxième' is not in OP25 — copy the words exactly as they stand "
        "in the base text, without * or ^ markup\n"
    )
    assert not out.exists()


def test_deleting_a_referenced_paragraph_is_refused(tmp_path):
    base = tmp_path / "base.md"
    base.write_text(
        "---\nlanguage: fr\n---\n\nL'Assemblée des États Parties,\n\n*Rappelant* ses résolutions,\n\n"
        "1. *Décide* de poursuivre ;\n\n2. *Prie* le Bureau de donner suite au paragraphe 1 ci-dessus ;\n\n"
        "3. *Décide* de rester saisie de la question.\n",
        encoding="utf-8",
    )
    amend = tmp_path / "a.toml"
    amend.write_text('sponsor = "France"\n[[change]]\nop = "delete"\nat = "OP1"\n', encoding="utf-8")
    proc = run("redline", str(base), str(amend), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"resodraft: error: {base}:")
    assert "'paragraphe 1 ci-dessus' points at OP1, which the amendments delete" in proc.stderr
    assert proc.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()
    proc = run("redline", str(base), str(amend), "-o", str(tmp_path / "out"), "--allow-dangling")
    assert proc.returncode == 0
    assert "warning:" in proc.stderr and "OP1" in proc.stderr


def test_inserting_a_paragraph_repairs_references_and_attributes_them(tmp_path):
    base = tmp_path / "base.md"
    base.write_text(
        "---\nlanguage: fr\n---\n\nL'Assemblée des États Parties,\n\n*Rappelant* ses résolutions,\n\n"
        "1. *Décide* de poursuivre ;\n\n2. *Prie* le Bureau de donner suite au paragraphe 1 ci-dessus "
        "et au paragraphe 30 du dispositif de la résolution ICC-ASP/17/Res.3 ;\n\n"
        "3. *Décide* de rester saisie de la question.\n",
        encoding="utf-8",
    )
    amend = tmp_path / "a.toml"
    amend.write_text('sponsor = "France"\n[[change]]\nop = "insert"\nbefore = "OP1"\ntext = "*Rappelle* sa résolution ;"\n', encoding="utf-8")
    proc = run("apply", str(base), str(amend))
    assert proc.returncode == 0, proc.stderr
    assert "3. *Prie* le Bureau de donner suite au paragraphe 2 ci-dessus et au paragraphe 30 du dispositif de la résolution ICC-ASP/17/Res.3 ;" in proc.stdout
    proc = run("diff", str(base), str(tmp_path / "missing.md"))
    assert proc.returncode == 2


def test_amendments_written_for_another_text_are_refused(tmp_path):
    proc = run("redline", RES6, RES2_AMEND, "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr == (
        "resodraft: error: " + str(Path(RES2_AMEND) / "00-rollover.toml")
        + f":17: this file amends ../../ICC-ASP-19-Res.2.fr.md, not {RES6} — give the base text it was "
        "written for, or change its 'base' line\n"
    )
    assert not (tmp_path / "out").exists()


def test_typed_numbers_and_french_spacing_options(tmp_path):
    import zipfile

    proc = run("redline", RES2, RES2_AMEND, "-o", str(tmp_path), "--date", "2021-11-04", "--typed-numbers",
               "--french-spacing", "nbsp")
    assert (proc.returncode, proc.stderr) == (0, "")
    with zipfile.ZipFile(tmp_path / "ICC-ASP-19-Res.2.fr.tracked.docx") as zf:
        document = zf.read("word/document.xml").decode("utf-8")
        assert "word/numbering.xml" not in zf.namelist()
    assert 'w:author="resodraft (renumbering)"' in document  # typed numbers: renumbering is a revision
    assert "\u202f" not in document and "\u00a0;" in document


def test_an_unknown_french_spacing_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    proc = run("redline", RES2, RES2_AMEND, "-o", str(out), "--french-spacing", "thin")
    assert proc.returncode == 2
    assert proc.stderr == (
        "resodraft: error: --french-spacing 'thin' is unknown — use narrow (U+202F before ; ! ? », U+00A0 before :),"
        " nbsp (U+00A0 everywhere) or off\n"
    )
    assert not out.exists()
