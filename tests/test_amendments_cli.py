"""``resodraft amendments BASE EDITED``: what a facilitator types and sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "drafts/ICC-ASP-19-Res.2.fr.md"
ACCEPTED = REPO / "tests/golden/annex1.accepted.md"


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A folder with the base and a delegation's copy (the accepted Annex I), as a facilitator has them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1636000000")  # 2021-11-04
    shutil.copy(BASE, tmp_path / "base.md")
    shutil.copy(ACCEPTED, tmp_path / "france.md")
    return tmp_path


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_into_a_folder_the_file_is_named_after_the_sponsor_and_applies_to_the_copy(work):
    code, out, err = run_cli(
        ["amendments", "base.md", "france.md", "--sponsor", "Co-facilitateurs (France, Sénégal)", "--date", "2021-11-04",
         "-o", "amend/"],
        cwd=work,
    )
    assert code == 0, err
    assert out == ""
    meta = "; [meta] symbol, session, date, adopted, status"  # Annex I is a draft of the 20th session
    assert err == f"13 changes by Co-facilitateurs (France, Sénégal) (11 substitute, 2 insert{meta}) → " \
                  "amend/co-facilitateurs-france-senegal.toml\n"
    text = (work / "amend/co-facilitateurs-france-senegal.toml").read_text(encoding="utf-8")
    assert 'base = "../base.md"\nsponsor = "Co-facilitateurs (France, Sénégal)"\ndate = 2021-11-04\n' in text
    assert f"# Derived on 2021-11-04: 13 changes (11 substitute, 2 insert{meta})." in text
    code, out, err = run_cli(["apply", "base.md", "amend", "-o", "new.md"], cwd=work)
    assert code == 0, err
    assert (work / "new.md").read_text(encoding="utf-8") == ACCEPTED.read_text(encoding="utf-8")


def test_to_standard_output_without_a_base_line(work):
    code, out, err = run_cli(["amendments", "base.md", "france.md", "--sponsor", "France"], cwd=work)
    assert code == 0, err
    assert out.startswith("# Amendments derived by resodraft")
    assert "\nsponsor = \"France\"\n" in out and "\nbase = " not in out
    assert err.endswith("→ standard output\n")


def test_to_a_named_file(work):
    code, _, err = run_cli(["amendments", "base.md", "france.md", "--sponsor", "France", "-o", "out/fr.toml"], cwd=work)
    assert code == 0, err
    assert 'base = "../base.md"' in (work / "out/fr.toml").read_text(encoding="utf-8")


def test_a_delegation_s_proposals_for_the_compilation(work):
    code, _, err = run_cli(
        ["amendments", "base.md", "france.md", "--sponsor", "Union européenne", "--tag", "UE", "--status", "proposed",
         "-o", "amend/"],
        cwd=work,
    )
    assert code == 0, err
    text = (work / "amend/union-europeenne.toml").read_text(encoding="utf-8")
    assert 'sponsor = "Union européenne"\nstatus = "proposed"\ntag = "UE"\n' in text
    code, out, err = run_cli(["apply", "base.md", "amend"], cwd=work)  # proposals are not applied
    assert code == 0 and out == (work / "base.md").read_text(encoding="utf-8")
    code, out, err = run_cli(["apply", "base.md", "amend", "--include", "proposed"], cwd=work)
    assert code == 0 and out == ACCEPTED.read_text(encoding="utf-8")


def test_a_copy_that_changes_nothing_writes_nothing_and_says_so(work):
    shutil.copy(work / "base.md", work / "same.md")
    code, out, err = run_cli(["amendments", "base.md", "same.md", "--sponsor", "France", "-o", "amend/"], cwd=work)
    assert (code, out) == (0, "")
    assert err == "no change: same.md says the same as the base text (numbering aside); no file written\n"
    assert files(work) == ["base.md", "france.md", "same.md"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["base.md", "base.md", "--sponsor", "France"],
         "BASE and EDITED are the same file (base.md) — give last year's text as BASE and the delegation's edited "
         "copy of it as EDITED"),
        (["base.md", "./base.md", "--sponsor", "France"],
         "BASE and EDITED are the same file (./base.md) — give last year's text as BASE and the delegation's edited "
         "copy of it as EDITED"),
        (["-", "-", "--sponsor", "France"], "only one of BASE and EDITED can be read from standard input (-)"),
        (["base.md", "france.md"],
         'who proposes these changes? the edited copy does not say — add --sponsor "…" (e.g. --sponsor "France"): '
         "it becomes the author of the tracked changes"),
        (["base.md", "france.md", "--sponsor", "  "],
         'who proposes these changes? the edited copy does not say — add --sponsor "…" (e.g. --sponsor "France"): '
         "it becomes the author of the tracked changes"),
        (["base.md", "france.md", "--sponsor", "France", "--date", "4 novembre"],
         "--date '4 novembre' is not a date — write it as 2021-11-04 (year-month-day)"),
        (["base.md", "france.md", "--sponsor", "France", "-o", "france"],
         "-o france: an amendment file's name ends with .toml — give FILE.toml, or a folder (end it with / to create it)"),
        (["base.md", "nowhere.md", "--sponsor", "France"], "nowhere.md: file not found — check the path"),
        (["base.md", "france.md", "--sponsor", "France", "--status", "propose"],
         "--status 'propose' is unknown — use --status agreed, proposed or withdrawn"),
        (["base.md", "france.md", "--sponsor", "France", "--tag", "[EU]"],
         "--tag '[EU]' cannot be shown in a compilation — give a short name without brackets, e.g. --tag EU"),
        (["base.md", "france.md", "--sponsor", "France", "-o", "base.md.toml", "--lang", "de"],
         "unknown language 'de' — use --lang fr or --lang en"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(work, args, message):
    before = files(work)
    code, out, err = run_cli(["amendments", *args], cwd=work)
    assert (code, out) == (2, "")
    assert err == f"resodraft: error: {message}\n"
    assert files(work) == before


def test_a_text_that_is_not_a_version_of_the_base_is_refused_saying_how_much_they_share(work):
    shutil.copy(REPO / "drafts/ICC-ASP-19-Res.6-coop.fr.md", work / "other.md")
    code, out, err = run_cli(["amendments", "base.md", "other.md", "--sponsor", "France", "-o", "amend/"], cwd=work)
    assert (code, out) == (2, "")
    assert err == (
        "resodraft: error: other.md: only 10% of its paragraphs (6 of 60) are found in base.md: it is not an edited copy of "
        "that text — give last year's text as BASE and a delegation's edited copy of it as EDITED\n"
    )
    assert not (work / "amend").exists()


def test_a_copy_whose_only_changes_cannot_be_amendments_is_refused(work):
    text = (work / "base.md").read_text(encoding="utf-8").replace("L'Assemblée des États Parties,", "L'Assemblée,")
    (work / "meta.md").write_text(text, encoding="utf-8")
    code, out, err = run_cli(["amendments", "base.md", "meta.md", "--sponsor", "France", "-o", "amend/"], cwd=work)
    assert (code, out) == (2, "")
    assert err == (
        "resodraft: error: meta.md: amendment files cannot express what this copy changes: the copy changes the "
        "enacting formula to « L'Assemblée, »; amendment files cannot change it — make those changes by hand after "
        "applying the other amendments\n"
    )


def test_what_cannot_be_said_is_a_warning_and_a_comment_in_the_file(work):
    text = (work / "france.md").read_text(encoding="utf-8").replace("L'Assemblée des États Parties,", "L'Assemblée,")
    (work / "france.md").write_text(text, encoding="utf-8")
    code, _, err = run_cli(["amendments", "base.md", "france.md", "--sponsor", "France", "-o", "fr.toml"], cwd=work)
    assert code == 0
    warning = "the copy changes the enacting formula to « L'Assemblée, »; amendment files cannot change it"
    assert err.startswith(f"warning: {warning}\n")
    assert f"# - {warning}\n" in (work / "fr.toml").read_text(encoding="utf-8")


def test_help_shows_an_example():
    code, out, _ = run_cli(["amendments", "--help"])
    assert code == 0
    assert "resodraft amendments drafts/ICC-ASP-19-Res.2.fr.md france.md --sponsor France -o amendments/" in out


def test_a_word_copy_of_our_clean_file_gives_only_the_delegations_words(work):
    """A delegation edits the clean .docx resodraft rendered (no tracked changes) and sends it
    back: the amendments are their words only. The adopted text's masthead prints no session
    line, so the Word copy states no ``session``: that is not a [meta] change; nor are the
    French no-break spaces and the symbols' non-breaking hyphens the Word file printed."""
    import zipfile

    assert run_cli(["render", "base.md", "-o", "clean.docx"], cwd=work)[0] == 0
    with zipfile.ZipFile(work / "clean.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    assert body.count("à sa vingtième session") == 3 and "\u202f;" in body and "noBreakHyphen" in body
    parts["word/document.xml"] = body.replace("à sa vingtième session", "à sa vingt-et-unième session", 1).encode("utf-8")
    with zipfile.ZipFile(work / "france.docx", "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    code, out, err = run_cli(["amendments", "base.md", "france.docx", "--sponsor", "France", "-o", "amend/"], cwd=work)
    assert code == 0, err
    assert err == "1 change by France (1 substitute) → amend/france.toml\n"
    text = (work / "amend/france.toml").read_text(encoding="utf-8")
    assert "[meta]" not in text and 'find = "vingtième"\nreplace = "vingt-et-unième"' in text
