"""Outputs are written all or nothing, by rename, and never over an input.

The main job computes every output in memory, then :func:`resodraft.output.write_files` writes
each to a temporary file next to its target and renames it over the target. These tests break
the job at different points and look at the output folder afterwards:

- a writer fails after the first outputs were computed → no file written, older outputs intact;
- the disk fills up while the temporary files are written → no file written, no temporary left;
- a successful run replaces an older output by rename (new inode; a hard link to the old file
  still sees the old bytes), leaves no temporary file behind, writes mode 0644;
- an output that is, or links to, an input is refused, and the input keeps its bytes.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from resodraft import cli
from resodraft.errors import OutputError, ResodraftError, TemplateError
from resodraft.output import write_files

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "bad" / "base.md"
GOOD = ROOT / "tests" / "bad" / "good.toml"
OLD = 946_684_800  # 2000-01-01
OUTPUTS = ["base.clean.md", "base.redline.md", "base.clean.docx", "base.redline.docx", "base.tracked.docx"]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "base.md").write_bytes(BASE.read_bytes())
    (tmp_path / "good.toml").write_bytes(GOOD.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    older = out / "base.clean.md"
    older.write_text("older clean text\n", encoding="utf-8")
    os.utime(older, (OLD, OLD))
    return tmp_path


def state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino) for p in sorted(folder.iterdir())}


def run(work: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``resodraft ARGS`` in-process (so writers can be patched), from ``work``."""
    cwd = os.getcwd()
    os.chdir(work)
    try:
        with pytest.raises(SystemExit) as done:
            cli.main(list(args))
    finally:
        os.chdir(cwd)
    return int(done.value.code or 0), capsys.readouterr().err


def test_a_writer_failing_midway_writes_nothing(work: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The tracked .docx is the last output computed; when it fails, the four before it are dropped."""
    import resodraft.writers.docx as docx

    computed: list[str] = []
    real_clean = docx.write_clean_docx

    def clean(*a, **k):
        computed.append("clean.docx")
        return real_clean(*a, **k)

    def tracked(*a, **k):
        computed.append("tracked.docx")
        raise TemplateError("the template failed: simulated", file="tpl/docx/document.xml.j2", line=3)

    monkeypatch.setattr(docx, "write_clean_docx", clean)
    monkeypatch.setattr(docx, "write_tracked_docx", tracked)
    before = state(work / "out")
    code, err = run(work, "redline", "base.md", "good.toml", "-o", "out", capsys=capsys)
    assert computed == ["clean.docx", "tracked.docx"]
    assert code == 2
    assert err == "resodraft: error: tpl/docx/document.xml.j2:3: the template failed: simulated\n"
    assert state(work / "out") == before


def test_disk_full_while_writing_leaves_nothing(work: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The third temporary file cannot be written (ENOSPC): the two before it are removed."""
    import resodraft.output as output

    calls = {"n": 0}

    def hook(step: str, path: str) -> None:
        if step == "write":
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(errno.ENOSPC, "No space left on device")  # as write(2) raises it: no file name

    monkeypatch.setattr(output, "fault_hook", hook)
    before = state(work / "out")
    code, err = run(work, "redline", "base.md", "good.toml", "-o", "out", capsys=capsys)
    assert calls["n"] == 3
    assert code == 2
    assert err.startswith("resodraft: error: ") and err.count("\n") == 1
    assert "the disk is full" in err
    assert "base.clean.docx" in err, "the error should name the output it could not write"
    assert state(work / "out") == before, "a temporary file or an output was left behind"


def test_a_rename_failing_midway_is_a_clean_error(work: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """If renaming the second output fails, the user gets one error line and no temporary files."""
    import resodraft.output as output

    real_replace = os.replace
    calls = {"n": 0}

    def replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.EACCES, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    code, err = run(work, "redline", "base.md", "good.toml", "-o", "out", capsys=capsys)
    assert code == 2
    assert err.startswith("resodraft: error: ") and err.count("\n") == 1 and "Traceback" not in err
    leftovers = [p.name for p in (work / "out").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_success_replaces_by_rename_and_leaves_no_temporaries(work: Path, capsys) -> None:
    out = work / "out"
    older = out / "base.clean.md"
    old_inode = older.stat().st_ino
    os.link(older, work / "hardlink-to-older")  # a rename leaves this one with the old bytes
    code, _ = run(work, "redline", "base.md", "good.toml", "-o", "out", capsys=capsys)
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(OUTPUTS)
    assert older.stat().st_ino != old_inode
    assert (work / "hardlink-to-older").read_text(encoding="utf-8") == "older clean text\n"
    assert "vingt-et-unième" in older.read_text(encoding="utf-8")
    for name in OUTPUTS:
        st = (out / name).stat()
        assert st.st_mode & 0o777 == 0o644, name
        assert st.st_mtime > OLD
    assert (work / "base.md").read_bytes() == BASE.read_bytes()


def test_second_run_gives_the_same_bytes(work: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1636019400")  # the Word files are dated: same date, same bytes
    assert run(work, "redline", "base.md", "good.toml", "-o", "out", capsys=capsys)[0] == 0
    first = {n: (work / "out" / n).read_bytes() for n in OUTPUTS}
    assert run(work, "redline", "base.md", "good.toml", "-o", "out", capsys=capsys)[0] == 0
    assert {n: (work / "out" / n).read_bytes() for n in OUTPUTS} == first
    assert not [p for p in (work / "out").iterdir() if p.name.startswith(".")]


def test_write_files_refuses_an_input_before_writing_anything(tmp_path: Path) -> None:
    src = tmp_path / "in.md"
    src.write_text("input\n", encoding="utf-8")
    first = tmp_path / "a.md"
    with pytest.raises(OutputError) as err:
        write_files({str(first): "a", str(src): "b"}, inputs=[str(src)])
    assert str(err.value).startswith(f"{src}: refusing to write over an input file")
    assert src.read_text(encoding="utf-8") == "input\n"
    assert not first.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.md"]


def test_an_output_that_is_a_symlink_to_the_input_is_refused(work: Path, capsys) -> None:
    (work / "out" / "base.clean.md").unlink()
    (work / "out" / "base.clean.md").symlink_to(work / "base.md")
    code, err = run(work, "redline", "base.md", "good.toml", "-o", "out", capsys=capsys)
    assert code == 2
    assert "refusing to write over an input file" in err
    assert (work / "base.md").read_bytes() == BASE.read_bytes()
    assert (work / "out" / "base.clean.md").is_symlink()
    assert sorted(p.name for p in (work / "out").iterdir()) == ["base.clean.md"]


def test_an_output_hard_linked_to_the_input_leaves_the_input_alone(work: Path, capsys) -> None:
    """A hard link is another name for the input: replacing the name by rename spares the input."""
    (work / "out" / "base.clean.md").unlink()
    os.link(work / "base.md", work / "out" / "base.clean.md")
    code, _ = run(work, "redline", "base.md", "good.toml", "-o", "out", capsys=capsys)
    if code == 2:  # refusing is fine too
        assert (work / "out" / "base.clean.md").samefile(work / "base.md")
    else:
        assert code == 0
        assert not (work / "out" / "base.clean.md").samefile(work / "base.md")
    assert (work / "base.md").read_bytes() == BASE.read_bytes()


def test_apply_to_stdout_writes_no_file(work: Path, capsys) -> None:
    before = sorted(p.name for p in work.rglob("*"))
    code, _ = run(work, "apply", "base.md", "good.toml", capsys=capsys)
    assert code == 0
    assert sorted(p.name for p in work.rglob("*")) == before


def test_every_error_is_a_resodraft_error() -> None:
    assert issubclass(OutputError, ResodraftError) and issubclass(TemplateError, ResodraftError)
