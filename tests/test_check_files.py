"""Which files ``resodraft check`` reads: nothing named is silently skipped; folder walks leave out
resodraft's own outputs and what .gitignore excludes, unless ``--all-files`` (issue 11)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from test_check_cli import CLEAN, resodraft, write  # noqa: F401  (the fixture and helpers)


def test_a_named_file_of_another_kind_is_exit_2_with_the_reason(tmp_path: Path, resodraft) -> None:  # noqa: F811
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n")
    assert resodraft(tmp_path, "check", "scan.png") == (
        2,
        "",
        "resodraft: error: scan.png: cannot be read as a draft: '.png' files are neither drafts nor amendment files "
        "— name drafts (.md, .docx, .pdf, .txt) and amendment files (.toml)\n",
    )


def test_a_named_word_or_pdf_file_is_read_never_skipped(tmp_path: Path, resodraft) -> None:  # noqa: F811
    (tmp_path / "draft.docx").write_bytes(b"PK\x03\x04\x14\x00\x00\x00 a broken Word package")
    (tmp_path / "draft.pdf").write_bytes(b"%PDF-1.4\n\x00\x01 a broken PDF")
    for name in ("draft.docx", "draft.pdf"):
        code, out, err = resodraft(tmp_path, "check", name)
        assert code == 2 and out == "", name
        assert err.startswith(f"resodraft: error: {name}") and err.count("\n") == 1, err
        assert "No findings" not in out + err


def test_a_named_text_file_is_checked_as_a_draft(tmp_path: Path, resodraft) -> None:  # noqa: F811
    write(tmp_path / "pasted.txt", CLEAN.replace("rapport du Bureau ;", "rapport du Bureau;"))
    code, out, _ = resodraft(tmp_path, "check", "pasted.txt")
    assert (code, out.splitlines()[-1]) == (0, "1 warning in 1 file.")


def test_named_files_that_are_never_drafts_are_skipped_and_said_so(tmp_path: Path, resodraft) -> None:  # noqa: F811
    write(tmp_path / "README.md", "# Notes\n")
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "other.toml", "[tool]\nx = 1\n")
    write(tmp_path / "d.md", CLEAN)
    code, out, err = resodraft(tmp_path, "check", "README.md", "pyproject.toml", "other.toml", "d.md")
    assert (code, out) == (0, "No findings in 1 file.\n")
    assert err == (
        "resodraft: skipped README.md: README files are not drafts\n"
        "resodraft: skipped pyproject.toml: a configuration file, not an amendment file\n"
        "resodraft: skipped other.toml: not an amendment file (it has neither 'sponsor' nor [[change]])\n"
    )


def test_folder_walks_skip_resodrafts_outputs_unless_all_files(tmp_path: Path, resodraft) -> None:  # noqa: F811
    write(tmp_path / "d.md", CLEAN)
    write(tmp_path / "build" / "d.clean.md", CLEAN.replace("rapport du Bureau ;", "rapport du Bureau;"))
    write(tmp_path / "build" / "d.redline.md", "1. *Salue* ~~le~~ **un** rapport.\n")
    write(tmp_path / "build" / "d.compilation.md", "1. *Salue* le rapport.\n")
    assert resodraft(tmp_path, "check", ".") == (0, "No findings in 1 file.\n", "")
    code, out, _ = resodraft(tmp_path, "check", ".", "--all-files")
    assert code == 1 and out.endswith("in 4 files.\n") and "d.redline.md:1:12 redline-leftover" in out
    # an output named on the command line is checked: the user asked for it
    code, out, _ = resodraft(tmp_path, "check", "build/d.clean.md")
    assert (code, out) == (0, "build/d.clean.md:11:32 fr-spacing no space before ';' (French typography: a narrow no-break space)\n1 warning in 1 file.\n")


def test_a_folder_with_nothing_to_check_is_exit_2(tmp_path: Path, resodraft) -> None:  # noqa: F811
    write(tmp_path / "build" / "d.redline.md", "1. *Salue* ~~le~~ **un** rapport.\n")
    (tmp_path / "empty").mkdir()
    assert resodraft(tmp_path, "check", "empty") == (
        2, "", "resodraft: error: empty: no drafts (.md) or amendment files (.toml) to check in this folder — check the folder's path\n")
    assert resodraft(tmp_path, "check", "build") == (
        2, "", "resodraft: error: build: no drafts (.md) or amendment files (.toml) to check in this folder "
        "(1 output of resodraft skipped) — add --all-files to check outputs and ignored files\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed: .gitignore is read through git check-ignore")
def test_folder_walks_skip_gitignored_files_but_not_tracked_ones(tmp_path: Path, resodraft) -> None:  # noqa: F811
    home = tmp_path.parent / f"{tmp_path.name}-home"  # git's own settings: none (an empty file)
    home.mkdir()
    (home / ".gitconfig").write_text("", encoding="utf-8")

    def git(*args: str) -> None:
        env = {"GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "GIT_CONFIG_NOSYSTEM": "1",
               "PATH": "/usr/bin:/bin", "HOME": str(home)}
        done = subprocess.run(["git", "-C", str(tmp_path), *args], capture_output=True, text=True, env=env)
        assert done.returncode == 0, f"git {' '.join(args)}: exit {done.returncode}: {done.stderr}"

    git("init", "-q")
    write(tmp_path / ".gitignore", "scratch/\nold-*.md\n")
    write(tmp_path / "d.md", CLEAN)
    write(tmp_path / "scratch" / "notes.md", "- not a draft\n")
    write(tmp_path / "old-draft.md", "- not a draft either\n")
    write(tmp_path / "old-kept.md", CLEAN)
    git("add", "-f", "old-kept.md")  # tracked: a tracked file is never ignored
    assert resodraft(tmp_path, "check", ".") == (0, "No findings in 2 files.\n", "")
    code, _, err = resodraft(tmp_path, "check", ".", "--all-files")
    assert code == 2 and "old-draft.md:1: bulleted lists" in err  # the ignored files are read: not drafts
