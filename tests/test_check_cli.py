"""``resodraft check`` on the command line: formats, exit status, configuration, baseline, folders.

Every test runs the real entry point (:func:`resodraft.cli.main`) in-process from a working
folder and asserts the exact exit status and output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from resodraft import cli
from resodraft.check import ALL_RULES

ROOT = Path(__file__).resolve().parents[1]
RES2 = "drafts/ICC-ASP-19-Res.2.fr.md"
RES6 = "drafts/ICC-ASP-19-Res.6-coop.fr.md"

CLEAN = """\
---
symbol: ICC-ASP/22/Res.1
language: fr
session: 22
---

L'Assemblée des États Parties,

*Rappelant* sa résolution ICC-ASP/21/Res.1,

1. *Salue* le rapport du Bureau ;

2. *Prie* le Bureau de faire rapport à l'Assemblée à sa vingt-troisième session ;

3. *Décide* de demeurer saisie de la question.
"""


def run(cwd: Path, *args: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """``resodraft ARGS`` from ``cwd``: (exit status, standard output, standard error)."""
    monkeypatch.chdir(cwd)
    with pytest.raises(SystemExit) as done:
        cli.main(list(args))
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


@pytest.fixture
def resodraft(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def call(cwd: Path, *args: str) -> tuple[int, str, str]:
        return run(cwd, *args, capsys=capsys, monkeypatch=monkeypatch)

    return call


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# the bundled drafts


def test_the_adopted_resolution_has_findings_and_exits_1(resodraft) -> None:  # type: ignore[no-untyped-def]
    code, out, err = resodraft(ROOT, "check", RES2, "--no-baseline")
    assert (code, err) == (1, "")
    assert out == (
        f"{RES2}:12:471 symbol-malformed malformed symbol 'ICC-ASP-18/Res.3': '-' instead of '/' after ICC-ASP — write 'ICC-ASP/18/Res.3'\n"
        f"{RES2}:138:7 symbol-malformed malformed symbol 'ICC-ASP/20/26-19/33': '26-19' is not a document number\n"
        f"{RES2}:140:7 symbol-malformed malformed symbol 'ICC-ASP/19/ Res.7': a space inside the symbol — write 'ICC-ASP/19/Res.7'\n"
        f"{RES2}:144:7 symbol-malformed malformed symbol 'ICC-ASP/20/2549/33': two document numbers in a row ('2549/33')\n"
        "4 errors in 1 file.\n"
    )


def test_the_project_baseline_accepts_the_known_defects_of_the_drafts(resodraft) -> None:  # type: ignore[no-untyped-def]
    """From the repository root, resodraft.toml points at drafts/check-baseline.json."""
    code, out, err = resodraft(ROOT, "check", "drafts/")
    assert (code, out, err) == (0, "No findings in 9 files; 7 accepted by the baseline.\n", "")


def test_json_format(resodraft) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = resodraft(ROOT, "check", RES6, "--no-baseline", "--format", "json")
    assert code == 1
    assert json.loads(out) == {
        "findings": [
            {"file": RES6, "line": 39, "column": 200, "rule": "fr-spacing", "severity": "warning",
             "message": "no space before ';' (French typography: a narrow no-break space)"},
            {"file": RES6, "line": 57, "column": 7, "rule": "symbol-malformed", "severity": "error",
             "message": "malformed symbol 'ICC-ASP/20/2549/33': two document numbers in a row ('2549/33')"},
            {"file": RES6, "line": 61, "column": 7, "rule": "symbol-malformed", "severity": "error",
             "message": "malformed symbol 'ICC-ASP/19/ Res.7': a space inside the symbol — write 'ICC-ASP/19/Res.7'"},
        ]
    }  # fmt: skip


def test_github_format(resodraft) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = resodraft(ROOT, "check", RES6, "--no-baseline", "--format", "github")
    assert code == 1
    assert out == (
        f"::warning file={RES6},line=39,col=200::fr-spacing: no space before ';' (French typography: a narrow no-break space)\n"
        f"::error file={RES6},line=57,col=7::symbol-malformed: malformed symbol 'ICC-ASP/20/2549/33': two document numbers in a row ('2549/33')\n"
        f"::error file={RES6},line=61,col=7::symbol-malformed: malformed symbol 'ICC-ASP/19/ Res.7': a space inside the symbol — write 'ICC-ASP/19/Res.7'\n"
    )


def test_github_format_escapes_commas_and_colons_in_the_file_name(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "a,b:c.md", CLEAN.replace("rapport du Bureau ;", "rapport du Bureau;"))
    code, out, _ = resodraft(tmp_path, "check", "a,b:c.md", "--format", "github")
    assert (code, out) == (0, "::warning file=a%2Cb%3Ac.md,line=11,col=32::fr-spacing: no space before ';' (French typography: a narrow no-break space)\n")


def test_a_clean_draft_exits_0_in_every_format(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "clean.md", CLEAN)
    assert resodraft(tmp_path, "check", "clean.md") == (0, "No findings in 1 file.\n", "")
    assert resodraft(tmp_path, "check", "clean.md", "--format", "json") == (0, '{\n  "findings": []\n}\n', "")
    assert resodraft(tmp_path, "check", "clean.md", "--format", "github") == (0, "", "")


def test_fail_on_warning(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "d.md", CLEAN.replace("rapport du Bureau ;", "rapport du Bureau;"))
    expected = "d.md:11:32 fr-spacing no space before ';' (French typography: a narrow no-break space)\n1 warning in 1 file.\n"
    assert resodraft(tmp_path, "check", "d.md") == (0, expected, "")
    assert resodraft(tmp_path, "check", "d.md", "--fail-on", "warning") == (1, expected, "")


# --------------------------------------------------------------------------------------------
# bad input: exit 2, one line on standard error


def test_unreadable_inputs_exit_2_with_one_line(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bin.md").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "latin1.md").write_bytes("1. *Décide* x.\n".encode("latin-1"))
    write(tmp_path / "bullets.md", "- un\n- deux\n")
    # the reader's own words after "—" (its hint) are the reader's business; the line is ours
    for name, where in (
        ("bin.md", "bin.md:1: this is a binary file, not a text draft — "),
        ("latin1.md", "latin1.md:1:6: the file is not UTF-8 text — "),
        ("bullets.md", "bullets.md:1: bulleted lists are not part of a resolution — "),
    ):
        code, out, err = resodraft(tmp_path, "check", name)
        assert (code, out, err.count("\n")) == (2, "", 1), name
        assert err.startswith(f"resodraft: error: {where}"), err
    assert resodraft(tmp_path, "check", "missing.md") == (
        2, "", "resodraft: error: missing.md: file not found — check the path of the draft or folder\n")
    assert resodraft(tmp_path, "check", "bullets.md", "--format", "xml") == (
        2, "", "resodraft: error: unknown format 'xml' — use one of text, json, github\n")
    assert resodraft(tmp_path, "check") == (
        2, "", "resodraft: error: give at least one draft or folder to check — e.g. resodraft check drafts/\n")
    # fmt: skip


# --------------------------------------------------------------------------------------------
# configuration


def test_configuration_disables_and_changes_severities(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    draft = CLEAN.replace("rapport du Bureau ;", "rapport du Bureau;").replace("ICC-ASP/21/Res.1", "ICC-ASP-21/Res.1")
    write(tmp_path / "drafts" / "d.md", draft)
    code, out, _ = resodraft(tmp_path, "check", "drafts")
    assert (code, out.splitlines()[-1]) == (1, "1 error and 1 warning in 1 file.")

    write(tmp_path / "resodraft.toml", '[check]\nseverity = { fr-spacing = "error", symbol-malformed = "warning" }\n')
    code, out, _ = resodraft(tmp_path / "drafts", "check", "d.md")
    assert code == 1
    assert out == (
        "d.md:9:27 symbol-malformed malformed symbol 'ICC-ASP-21/Res.1': '-' instead of '/' after ICC-ASP — write 'ICC-ASP/21/Res.1'\n"
        "d.md:11:32 fr-spacing no space before ';' (French typography: a narrow no-break space)\n"
        "1 error and 1 warning in 1 file.\n"
    )
    write(tmp_path / "resodraft.toml", '[check]\ndisable = ["fr-spacing"]\nseverity = { symbol-malformed = "off" }\n')
    assert resodraft(tmp_path / "drafts", "check", "d.md") == (0, "No findings in 1 file.\n", "")


def test_configuration_in_pyproject_and_with_config_option(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "d.md", CLEAN.replace("rapport du Bureau ;", "rapport du Bureau;"))
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.resodraft.check]\nseverity = { fr-spacing = "error" }\n')
    assert resodraft(tmp_path, "check", "d.md")[0] == 1
    write(tmp_path / "other.toml", '[check]\ndisable = ["fr-spacing"]\n')
    assert resodraft(tmp_path, "check", "d.md", "--config", "other.toml") == (0, "No findings in 1 file.\n", "")


def test_bad_configuration_exits_2(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "d.md", CLEAN)
    write(tmp_path / "resodraft.toml", '[check]\ndisable = ["fr-spaces"]\n')
    assert resodraft(tmp_path, "check", "d.md") == (
        2, "", "resodraft: error: resodraft.toml: unknown rule 'fr-spaces' — 'resodraft check --list-rules' lists them\n")
    write(tmp_path / "resodraft.toml", '[check]\nignore = ["fr-spacing"]\n')
    assert resodraft(tmp_path, "check", "d.md") == (
        2, "", "resodraft: error: resodraft.toml: unknown key 'ignore' in the check configuration — use disable, severity, baseline, exclude\n")
    write(tmp_path / "resodraft.toml", '[check]\nseverity = { fr-spacing = "fatal" }\n')
    assert resodraft(tmp_path, "check", "d.md") == (
        2, "", "resodraft: error: resodraft.toml: unknown severity 'fatal' for fr-spacing — use 'error', 'warning' or 'off'\n")
    # fmt: skip


# --------------------------------------------------------------------------------------------
# baseline


def test_baseline_accepts_known_findings_and_reports_new_ones(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "resodraft.toml", '[check]\nbaseline = "baseline.json"\n')
    draft = CLEAN.replace("ICC-ASP/21/Res.1", "ICC-ASP-21/Res.1")
    write(tmp_path / "d.md", draft)
    assert resodraft(tmp_path, "check", "d.md", "--update-baseline") == (0, "Wrote 1 accepted findings to baseline.json.\n", "")
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["file"], e["rule"], e["message"]) for e in entries] == [
        ("d.md", "symbol-malformed", "malformed symbol 'ICC-ASP-21/Res.1': '-' instead of '/' after ICC-ASP — write 'ICC-ASP/21/Res.1'")
    ]
    assert re.fullmatch(r"[0-9a-f]{16}", entries[0]["fingerprint"])
    assert resodraft(tmp_path, "check", "d.md") == (0, "No findings in 1 file; 1 accepted by the baseline.\n", "")

    # edits elsewhere move the accepted finding down two lines: still accepted
    moved = draft.replace("L'Assemblée des États Parties,", "L'Assemblée des États Parties,\n\n*Notant* le rapport,")
    write(tmp_path / "d.md", moved)
    assert resodraft(tmp_path, "check", "d.md") == (0, "No findings in 1 file; 1 accepted by the baseline.\n", "")

    # a second occurrence of the same defect is new
    write(tmp_path / "d.md", moved.replace("*Notant* le rapport,", "*Notant* le rapport ICC-ASP-21/Res.1,"))
    assert resodraft(tmp_path, "check", "d.md") == (
        1,
        "d.md:9:21 symbol-malformed malformed symbol 'ICC-ASP-21/Res.1': '-' instead of '/' after ICC-ASP — write 'ICC-ASP/21/Res.1'\n"
        "1 error in 1 file; 1 accepted by the baseline.\n",
        "",
    )
    assert resodraft(tmp_path, "check", "d.md", "--no-baseline")[1].splitlines()[-1] == "2 errors in 1 file."


def test_update_baseline_keeps_the_entries_of_files_not_checked(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "resodraft.toml", '[check]\nbaseline = "baseline.json"\n')
    write(tmp_path / "a.md", CLEAN.replace("ICC-ASP/21/Res.1", "ICC-ASP-21/Res.1"))
    write(tmp_path / "b.md", CLEAN.replace("ICC-ASP/21/Res.1", "ICC-ASP/21/ Res.1"))
    assert resodraft(tmp_path, "check", ".", "--update-baseline")[1] == "Wrote 2 accepted findings to baseline.json.\n"
    write(tmp_path / "a.md", CLEAN)
    assert resodraft(tmp_path, "check", "a.md", "--update-baseline")[1] == "Wrote 1 accepted findings to baseline.json.\n"
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [e["file"] for e in entries] == ["b.md"]


def test_update_baseline_needs_a_baseline_file(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "d.md", CLEAN)
    assert resodraft(tmp_path, "check", "d.md", "--update-baseline") == (
        2, "", "resodraft: error: no baseline file to update — add baseline = \"…\" to the [check] configuration, or give --baseline FILE\n")
    # fmt: skip


# --------------------------------------------------------------------------------------------
# folders and amendment files


def test_folders_skip_readme_excluded_and_hidden_files(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "drafts" / "README.md", "# Provenance\n\n- not a draft\n")
    write(tmp_path / "drafts" / ".cache" / "x.md", "- not a draft\n")
    write(tmp_path / "docs" / "notes.md", "- not a draft\n")
    write(tmp_path / "drafts" / "d.md", CLEAN)
    write(tmp_path / "resodraft.toml", '[check]\nexclude = ["docs/*"]\n')
    assert resodraft(tmp_path, "check", ".") == (0, "No findings in 1 file.\n", "")
    # named files that are never drafts are skipped, and said so: never "No findings in 0 files"
    assert resodraft(tmp_path, "check", "docs/notes.md", "drafts/README.md") == (
        0,
        "Nothing checked: 2 named files skipped (see above).\n",
        "resodraft: skipped docs/notes.md: excluded by resodraft.toml ('exclude')\n"
        "resodraft: skipped drafts/README.md: README files are not drafts\n",
    )


BASE = """\
---
language: fr
session: 20
---

1. *Décide* x ;

2. *Rappelle* le paragraphe 1 ci-dessus ;

3. *Décide* de faire rapport à sa vingt-et-unième session.
"""


def test_amendment_files_are_applied_to_the_base_they_name(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "base.md", BASE)
    good = 'base = "../base.md"\nsponsor = "France"\n\n[[change]]\nop = "substitute"\nat = "OP3"\nfind = "vingt-et-unième"\nreplace = "vingt-deuxième"\n'
    write(tmp_path / "2021" / "01.toml", good)
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert resodraft(tmp_path, "check", ".") == (0, "No findings in 2 files.\n", "")

    write(tmp_path / "2021" / "02.toml", 'base = "../base.md"\nsponsor = "Sénégal"\n\n[[change]]\nop = "delete"\nat = "OP9"\n')
    write(tmp_path / "2021" / "03.toml", 'sponsor = "Kenya"\n\n[[change]]\nop = "remove"\nat = "OP2"\n')
    write(tmp_path / "2021" / "04.toml", 'base = "../nowhere.md"\nsponsor = "Chili"\n\n[[change]]\nop = "delete"\nat = "OP2"\n')
    code, out, _ = resodraft(tmp_path, "check", "2021")
    assert code == 1
    assert out == (
        "2021/03.toml:4:1 amendment-invalid unknown op 'remove' — did you mean 'move'?\n"
        "2021/04.toml:1:1 amendment-invalid base text '../nowhere.md' not found\n"
        "2021/02.toml:6:1 amendment-invalid unknown label 'OP9' — did you mean 'OP3'?; the base has OP1…OP3; run 'resodraft show BASE' to list the labels\n"
        "3 errors in 4 files.\n"
    )


def test_an_amendment_deleting_a_referenced_paragraph_is_reported(tmp_path: Path, resodraft) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "base.md", BASE)
    write(tmp_path / "a" / "01.toml", 'base = "../base.md"\nsponsor = "France"\n\n[[change]]\nop = "delete"\nat = "OP1"\n')
    assert resodraft(tmp_path, "check", "a") == (
        1,
        "base.md:8:1 amendment-invalid OP2 (now OP1): 'paragraphe 1 ci-dessus' points at OP1, which the amendments "
        "delete — change or remove the reference in an amendment to OP2, or keep OP1\n"
        "1 error in 1 file.\n",
        "",
    )


# --------------------------------------------------------------------------------------------
# rules list, documentation, pre-commit


def test_list_rules(resodraft) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = resodraft(ROOT, "check", "--list-rules")
    assert code == 0
    assert out.splitlines()[0] == "xref-dangling           error    an internal reference names a paragraph the text does not have"
    assert [line.split()[0] for line in out.splitlines()] == [r.id for r in ALL_RULES]


def test_every_rule_is_documented_with_its_severity() -> None:
    doc = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    for rule in ALL_RULES:
        assert f"| `{rule.id}` | {rule.severity} |" in doc, rule.id


def test_pre_commit_hook_definition() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: resodraft-check\n" in text and "  entry: resodraft check\n" in text
    files = re.search(r"^  files: (.+)$", text, re.MULTILINE).group(1)  # type: ignore[union-attr]
    assert [bool(re.search(files, p)) for p in ("drafts/a.md", "drafts/2021/01.toml", "src/x.py")] == [True, True, False]
