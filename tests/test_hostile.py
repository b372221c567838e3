"""Issue 15: nothing lost, ever — writes under failure, signals, kills and concurrency; hostile text.

The bad-input suite (``tests/bad/``) runs the refusals through the real command line. Here:

- **every step of the write sequence** (:data:`resodraft.output.STEPS`) is made to fail, to be
  interrupted by SIGTERM, and to be "killed" (the folder copied as it stands at that instant,
  then the next run started on the copy), for a redline job's five outputs over older ones:
  at every instant each final name holds a complete old or new file, a failed run leaves
  nothing of its own behind, and the next run after a kill cleans what the killed one left;
- the folder lock: a held lock makes a run wait, then stop with one line; stale lock files
  and temporaries of killed runs are reused or removed, never mistaken for outputs;
- **the real thing**: ``resodraft redline`` on a large draft SIGKILLed at 50 random points of
  its write phase, and 8 × 20 runs into one folder at once (forked processes);
- hostile text: terminal escapes stripped from every terminal rendering, control characters
  and encodings refused by the readers, user templates bounded, the hardened XML parser,
  unreadable folders reported;
- start-up: ``--version`` imports nothing, ``--help`` nothing heavy; compiled templates are
  cached and an edited template is seen.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from resodraft import output
from resodraft.errors import Interrupted, OutputError

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "bad"
OUTPUTS = ["base.clean.md", "base.redline.md", "base.clean.docx", "base.redline.docx", "base.tracked.docx"]


# --------------------------------------------------------------------------------------------
# a redline job computed once: its five outputs (new) and older versions of them (old)


@pytest.fixture(scope="module")
def job_files() -> dict[str, bytes]:
    from resodraft import api

    job = api.redline_job(str(BAD / "base.md"), [str(BAD / "good.toml")], "OUT")
    return {Path(k).name: (v.encode("utf-8") if isinstance(v, str) else v) for k, v in job.files.items()}


def old_bytes(name: str) -> bytes:
    return f"last run's {name}\n".encode() * 50


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_bytes(old_bytes(name))
    return out


def files_for(folder: Path, job_files: dict[str, bytes]) -> dict[str, bytes]:
    return {str(folder / name): data for name, data in job_files.items()}


def assert_whole(folder: Path, job_files: dict[str, bytes]) -> dict[str, str]:
    """Every final name holds the complete old or the complete new file; returns which."""
    state = {}
    for name in OUTPUTS:
        data = (folder / name).read_bytes()  # never missing
        assert data in (old_bytes(name), job_files[name]), f"{name} is partial or foreign"
        state[name] = "old" if data == old_bytes(name) else "new"
    return state


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in OUTPUTS)


def record_steps(tmp_path: Path, job_files: dict[str, bytes]) -> list[tuple[str, str]]:
    """The steps of writing the five outputs over older ones."""
    out = tmp_path / "record"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_bytes(old_bytes(name))
    steps: list[tuple[str, str]] = []
    output.fault_hook = lambda step, path: steps.append((step, Path(path).name))
    try:
        output.write_files(files_for(out, job_files))
    finally:
        output.fault_hook = None
    return steps


def test_the_write_sequence_is_the_documented_one(tmp_path: Path, job_files: dict[str, bytes]) -> None:
    steps = record_steps(tmp_path, job_files)
    kinds = [s for s, _ in steps]
    per_file = ["open", "write", "fsync", "close"]
    assert kinds == ["lock"] + per_file * 5 + ["link"] * 5 + ["replace"] * 5 + ["fsync-dir"] + ["drop-old"] * 5 + ["unlock"]
    assert [name for step, name in steps if step == "replace"] == list(job_files)
    assert set(kinds) <= set(output.STEPS)
    # a new output has nothing to keep: no link, no drop-old
    fresh = tmp_path / "fresh"
    seen: list[str] = []
    output.fault_hook = lambda step, path: seen.append(step)
    try:
        output.write_files(files_for(fresh, job_files))
    finally:
        output.fault_hook = None
    assert "link" not in seen and "drop-old" not in seen


@pytest.mark.parametrize("fault", ["disk-full", "sigterm", "sigint"])
def test_a_failure_at_every_step_leaves_every_output_whole(
    tmp_path: Path, job_files: dict[str, bytes], fault: str
) -> None:
    """Fail (ENOSPC) or signal (a real SIGTERM/SIGINT to this process) at step k, for every k.

    Before the commit point (the folder's fsync after the renames) every output is put back:
    all old, nothing left behind. After it the run has written everything: all new.
    """
    steps = record_steps(tmp_path, job_files)
    commit = next(i for i, (s, _) in enumerate(steps) if s == "fsync-dir")
    for k in range(len(steps) - 1):  # the last step, unlock, comes after everything
        out = tmp_path / f"{fault}-{k}"
        out.mkdir()
        for name in OUTPUTS:
            (out / name).write_bytes(old_bytes(name))
        seen = {"n": 0}

        def hook(step: str, path: str) -> None:
            seen["n"] += 1
            assert_whole(out, job_files)  # the invariant, at this very instant
            if seen["n"] - 1 == k:
                if fault == "disk-full":
                    raise OSError(errno.ENOSPC, "No space left on device")
                os.kill(os.getpid(), signal.SIGTERM if fault == "sigterm" else signal.SIGINT)

        output.fault_hook = hook
        try:
            if k <= commit:
                with pytest.raises((OutputError, Interrupted)) as err:
                    output.write_files(files_for(out, job_files))
            else:
                output.write_files(files_for(out, job_files))
        finally:
            output.fault_hook = None
        state = assert_whole(out, job_files)
        if k > commit:
            assert set(state.values()) == {"new"}, f"step {k} ({steps[k][0]})"
            assert all(output.TEMP_PATTERN.match(n) for n in leftovers(out)), leftovers(out)
            continue
        assert set(state.values()) == {"old"}, f"step {k} ({steps[k][0]}): not put back"
        assert leftovers(out) == [], f"step {k} ({steps[k][0]}) left {leftovers(out)}"
        message = str(err.value)
        assert "\n" not in message and message.endswith("nothing was written")
        if fault == "disk-full":
            assert "cannot write the output (the disk is full)" in message
        else:
            assert isinstance(err.value, Interrupted)
            assert err.value.exit_code == (143 if fault == "sigterm" else 130)
            assert message == "interrupted by " + ("SIGTERM" if fault == "sigterm" else "Ctrl-C (SIGINT)") + " — nothing was written"


class Killed(BaseException):
    """Stands for SIGKILL: the test copies the folder as it is, then stops the run."""


def test_a_kill_at_every_step_is_repaired_by_the_next_run(tmp_path: Path, job_files: dict[str, bytes]) -> None:
    steps = record_steps(tmp_path, job_files)
    for k in range(len(steps)):
        out = tmp_path / f"run-{k}"
        out.mkdir()
        for name in OUTPUTS:
            (out / name).write_bytes(old_bytes(name))
        frozen = tmp_path / f"killed-{k}" / "out"
        seen = {"n": 0}

        def hook(step: str, path: str) -> None:
            seen["n"] += 1
            if seen["n"] - 1 == k:
                shutil.copytree(out, frozen, symlinks=True)  # the disk as a SIGKILL would leave it
                raise Killed

        output.fault_hook = hook
        try:
            with pytest.raises(Killed):
                output.write_files(files_for(out, job_files))
        finally:
            output.fault_hook = None
        assert_whole(frozen, job_files)
        stray = leftovers(frozen)
        assert all(output.TEMP_PATTERN.match(n) or n == output.LOCK_NAME for n in stray), stray
        output.write_files(files_for(frozen, job_files))  # the next run
        assert set(assert_whole(frozen, job_files).values()) == {"new"}
        assert leftovers(frozen) == [], f"after a kill at step {k} ({steps[k][0]}) the next run left {leftovers(frozen)}"


def test_stale_temporaries_are_removed_and_other_files_kept(folder: Path, job_files: dict[str, bytes]) -> None:
    stale = [".resodraft-4194301-0badc0de.tmp", ".resodraft-1-deadbeef.tmp"]
    kept = [".base.clean.md.a1b2c3.bak", ".notes.tmp", "resodraft-2-deadbeef.tmp", "README.md"]
    for name in stale + kept:
        (folder / name).write_bytes(b"x")
    (folder / output.LOCK_NAME).write_bytes(b"")  # a killed run's lock file: reused, then removed
    output.write_files(files_for(folder, job_files))
    assert sorted(leftovers(folder)) == sorted(kept)


def test_a_held_lock_makes_the_run_wait_then_stop(folder: Path, job_files: dict[str, bytes], monkeypatch) -> None:
    import fcntl

    monkeypatch.setenv("RESODRAFT_LOCK_TIMEOUT", "0.3")
    fd = os.open(folder / output.LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        started = time.monotonic()
        with pytest.raises(OutputError) as err:
            output.write_files(files_for(folder, job_files))
        waited = time.monotonic() - started
    finally:
        os.close(fd)
    assert str(err.value) == (
        f"{folder}: another resodraft run is writing into this folder (waited 0.3 s)"
        " — let it finish and run again, or write elsewhere with -o"
    )
    assert 0.25 <= waited < 5
    assert set(assert_whole(folder, job_files).values()) == {"old"}
    assert leftovers(folder) == [output.LOCK_NAME]  # ours, held by the test


def test_a_lock_released_in_time_lets_the_run_through(folder: Path, job_files: dict[str, bytes]) -> None:
    import fcntl
    import threading

    fd = os.open(folder / output.LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)

    def release() -> None:
        time.sleep(0.2)
        os.unlink(folder / output.LOCK_NAME)  # as a finishing run does: unlink while holding
        os.close(fd)

    threading.Thread(target=release).start()
    output.write_files(files_for(folder, job_files))
    assert set(assert_whole(folder, job_files).values()) == {"new"}
    assert leftovers(folder) == []


def test_nothing_written_removes_the_folders_made_for_it(tmp_path: Path, job_files: dict[str, bytes]) -> None:
    target = tmp_path / "new" / "deeper"

    def hook(step: str, path: str) -> None:
        if step == "write":
            raise OSError(errno.EIO, "Input/output error")

    output.fault_hook = hook
    try:
        with pytest.raises(OutputError, match="input/output error"):
            output.write_files(files_for(target, job_files))
    finally:
        output.fault_hook = None
    assert list(tmp_path.iterdir()) == []


def test_outputs_are_checked_before_anything_is_written(tmp_path: Path) -> None:
    src = tmp_path / "am"
    src.mkdir()
    (src / "01.toml").write_text("x", encoding="utf-8")
    (src / "notes.json").write_text("{}", encoding="utf-8")
    os.link(src / "01.toml", tmp_path / "hard.toml")
    # a hard link to a file found inside an input folder is that input
    with pytest.raises(OutputError, match=r"refusing to write over an input file \(it is .*01.toml"):
        output.check_outputs([str(tmp_path / "a.md"), str(tmp_path / "hard.toml")], inputs=[str(src)])
    # files resodraft does not read in an input folder (a baseline's .json) may be written
    output.check_outputs([str(src / "notes.json")], inputs=[str(src)])
    assert not (tmp_path / "a.md").exists()


def test_a_named_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    """-o on a pipe (or /dev/null, /dev/stdout) streams into it: renaming over it would replace
    the device itself (as root, /dev/full would become a plain file)."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    output.write_files({str(fifo): "through the pipe\n"})
    reader.join(timeout=10)
    assert got == [b"through the pipe\n"]
    assert fifo.is_fifo() and sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_disk_device_or_socket_is_refused(tmp_path: Path) -> None:
    import socket

    sock = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    try:
        with pytest.raises(OutputError, match="the output is not a file"):
            output.write_files({str(sock): "x"})
    finally:
        server.close()
    assert sock.is_socket()


def test_an_input_too_big_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    from resodraft import readers
    from resodraft.errors import InputError

    monkeypatch.setattr(readers, "MAX_INPUT", 1000)
    (tmp_path / "big.md").write_bytes(b"x" * 1001)
    with pytest.raises(InputError, match=r"big.md: the file is too big to be a resolution"):
        readers.read_bytes(str(tmp_path / "big.md"))


def test_a_toml_nested_too_deeply_is_one_line() -> None:
    from resodraft.amend import parse_amendment_text
    from resodraft.errors import AmendmentError

    text = 'sponsor = "A"\nx = ' + "[" * 100_000 + "]" * 100_000 + '\n[[change]]\nop = "delete"\nat = "OP1"\n'
    with pytest.raises(AmendmentError, match="^a.toml: the file nests arrays or tables too deeply"):
        parse_amendment_text(text, "a.toml")


def test_a_bug_is_one_line_too(cli, monkeypatch) -> None:
    from resodraft import api

    def broken(*a, **k):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "outline", broken)
    code, out, err = cli(["show", str(BAD / "base.md")])
    assert (code, out) == (2, "")
    assert err.startswith("resodraft: error: internal error (ZeroDivisionError: division by zero) — this is a bug")
    assert err.count("\n") == 1


# --------------------------------------------------------------------------------------------
# the real thing: SIGKILL a real `resodraft redline` during its write phase, 50 times


def scaled_base(tmp: Path, k: int) -> tuple[Path, Path]:
    """Res.2 with its operative part repeated k times, and the 2021 amendments (bench/run.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run as bench  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    text, n_ops, n_heads = bench.scale_draft((ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md").read_text(encoding="utf-8"), k)
    base = tmp / "res2.md"
    base.write_text(text, encoding="utf-8")
    amend = tmp / "amend"
    amend.mkdir()
    for toml in sorted((ROOT / "drafts" / "2021" / "Res.2").glob("*.toml")):
        scaled = bench.scale_amendments(toml.read_text(encoding="utf-8"), toml.name, k, n_ops, n_heads)
        (amend / toml.name).write_text(scaled, encoding="utf-8")
    return base, amend


# The child is `resodraft redline` itself; a hook reports each step of the write on stderr,
# so the parent knows when the write phase starts and can kill at a random instant of it.
CHILD = """
import sys, time
from resodraft import output
def hook(step, path):
    sys.stderr.write(f"@@ {step} {time.monotonic():.6f}\\n"); sys.stderr.flush()
output.fault_hook = hook
from resodraft.launch import main
main(sys.argv[1:])
"""


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"})
    return env


def _forked_redline(argv: list[str], steps_fd: int) -> int:
    """Fork a process that runs ``resodraft ARGV`` (:func:`resodraft.cli.main`, as the console
    script does, minus the interpreter start) and reports each write step on ``steps_fd``."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        output.fault_hook = lambda step, path: os.write(steps_fd, f"{step}\n".encode())
        from resodraft.cli import main

        try:
            main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    finally:
        os._exit(code)


def test_sigkill_during_the_write_phase_never_loses_an_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """50 SIGKILLs at random instants (seeded) of the write phase of ``resodraft redline`` runs
    on Res.2 at 2× (6,121 words; one subprocess started as a user would, then forked processes running the
    same command, so each round pays for the work, not for starting Python).

    Each time every final output is the complete old or new file (a mix of old and new files is
    possible only if the kill lands in the five renames, a fraction of a millisecond); the next
    run (the next round) finds the killed run's temporaries and removes them; at the end no
    stray file is left. About 15 s on a quiet 2-core machine, 35-65 s on a busy one.
    """
    # every run writes the same bytes (Word files are dated by SOURCE_DATE_EPOCH, not the time of the run)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1636000000")
    base, amend = scaled_base(tmp_path, 2)
    out = tmp_path / "out"
    argv = ["redline", str(base), str(amend), "-o", str(out), "--stem", "base"]
    first = subprocess.run(
        [sys.executable, "-c", CHILD, *argv], capture_output=True, text=True, env=child_env(), timeout=300,
    )
    assert first.returncode == 0, first.stderr
    new = {name: (out / name).read_bytes() for name in OUTPUTS}
    stamps = [float(line.split()[2]) for line in first.stderr.splitlines() if line.startswith("@@ ")]
    phase = stamps[-1] - stamps[0]  # lock … unlock of an unhurried run
    import resodraft.commands.redline  # noqa: F401 - loaded once, before forking
    import resodraft.writers.docx  # noqa: F401

    rng = random.Random(15)
    mixed = kept_temp = 0
    for round_ in range(50):
        for name in OUTPUTS:  # older outputs, so old and new can be told apart
            (out / name).write_bytes(old_bytes(name))
        read_fd, write_fd = os.pipe()
        pid = _forked_redline(argv, write_fd)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as steps:
            if steps.readline() != b"lock\n":
                pytest.fail(f"round {round_}: the run ended before writing")
            time.sleep(rng.uniform(0, phase * 1.2))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        states = set()
        for name in OUTPUTS:
            data = (out / name).read_bytes()
            assert data in (old_bytes(name), new[name]), f"round {round_}: {name} is partial"
            states.add("new" if data == new[name] else "old")
        mixed += len(states) == 2
        stray = [p.name for p in out.iterdir() if p.name not in OUTPUTS]
        assert all(output.TEMP_PATTERN.match(n) or n == output.LOCK_NAME for n in stray), stray
        kept_temp += any(output.TEMP_PATTERN.match(n) for n in stray)
    last = subprocess.run([sys.executable, "-m", "resodraft", *argv], capture_output=True, env=child_env(), timeout=300)
    assert last.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == new
    print(f"\n50 kills: {kept_temp} left temporaries (cleaned by the next run), {mixed} a mix of old and new outputs")
    # the five renames are ~0.2 % of the write phase (second links to the old files): a mix is
    # possible for a kill, just rare (0 of 50 measured; 4 to 7 of 50 without the second links)
    assert mixed <= 5


# --------------------------------------------------------------------------------------------
# 8 × 20 runs into one folder at once


def _worker(args: tuple[str, str, str, int, int]) -> list[int]:
    base, amend, out, author, rounds = args
    from resodraft.cli import main

    codes = []
    for _ in range(rounds):
        try:
            main(["redline", base, amend, "-o", out, "--author", f"Délégation {author}"])
        except SystemExit as exc:
            codes.append(int(exc.code or 0))
    return codes


def test_eight_runs_at_once_twenty_times_into_one_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """8 processes × 20 runs of ``resodraft redline`` into one folder: all succeed, and every
    output is one run's complete file (the authors differ, so the tracked files do too)."""
    # every run writes the same bytes (Word files are dated by SOURCE_DATE_EPOCH, not the time of the run)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1636000000")
    base, amend = BAD / "base.md", BAD / "good.toml"
    out = tmp_path / "out"
    expected: dict[str, set[bytes]] = {name: set() for name in OUTPUTS}
    from resodraft import api

    for author in range(8):
        job = api.redline_job(str(base), [str(amend)], str(out), author=f"Délégation {author}")
        for key, value in job.files.items():
            expected[Path(key).name].add(value.encode("utf-8") if isinstance(value, str) else value)
    ctx = multiprocessing.get_context("fork")
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(1)
    os.dup2(devnull, 1)  # the 160 summaries
    try:
        with ctx.Pool(8) as pool:
            results = pool.map(_worker, [(str(base), str(amend), str(out), a, 20) for a in range(8)])
    finally:
        os.dup2(saved, 1)
        os.close(devnull)
        os.close(saved)
    assert [c for codes in results for c in codes] == [0] * 160
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    for name in OUTPUTS:
        assert (out / name).read_bytes() in expected[name], f"{name} is not one run's complete output"


# --------------------------------------------------------------------------------------------
# hostile text reaching a terminal


ESCAPES = "*Rappelant* \x1b]0;pwned\x07ses\x1b[2J résolutions\x9b31m antérieures sur la coopération,"


def hostile_base() -> str:
    text = (BAD / "base.md").read_text(encoding="utf-8")
    return text.replace("*Rappelant* ses résolutions antérieures sur la coopération,", ESCAPES).replace(
        "title: Résolution", "title: \x1b[31mRésolution"
    )


def test_terminal_renderings_strip_escape_sequences() -> None:
    """Readers refuse control characters; a future reader that lets one through still cannot
    reach the terminal: show, the terminal redline and import reports print text only."""
    import io

    from rich.console import Console

    from resodraft.outline import outline
    from resodraft.readers.markdown import read_markdown
    from resodraft.redline import compare
    from resodraft.terminal import print_outline, print_report
    from resodraft.writers.terminal import print_redline, write_redline_term

    old = read_markdown((BAD / "base.md").read_text(encoding="utf-8"), file="base.md")
    new = read_markdown(hostile_base(), file="hostile.md")
    for color in (True, False):
        text = write_redline_term(compare(old, new), color=color)
        assert "pwned" not in text and "\x07" not in text and "\x9b" not in text
        assert "\x1b]" not in text and "\x1b[2J" not in text
        assert ("\x1b[" in text) == color  # only our own colours
    buf = io.StringIO()
    print_redline(compare(old, new), Console(file=buf, force_terminal=True, width=200))
    assert "\x1b]" not in buf.getvalue() and "\x1b[2J" not in buf.getvalue()
    buf = io.StringIO()
    print_outline(outline(new), Console(file=buf, force_terminal=False, width=200))
    assert not any(c in buf.getvalue() for c in "\x1b\x07\x9b")

    class Item:
        where = "x.pdf:3"
        message = "dropped \x1b]0;pwned\x07 a header"

    class Report:
        file, format, items = "x\x1b[2J.pdf", "pdf", [Item()]

    buf = io.StringIO()
    print_report(Report(), Console(file=buf, force_terminal=False, width=200))
    assert not any(c in buf.getvalue() for c in "\x1b\x07")


@pytest.mark.parametrize("command", ["redline", "compile"])
def test_a_sponsor_that_looks_like_markup_is_printed_as_written(cli, tmp_path: Path, command: str) -> None:
    """Summaries are rich tables: a sponsor '[/]' or '[bold]' is text, not rich markup."""
    (tmp_path / "a.toml").write_text(
        'sponsor = "Fr[/]ance [bold]x"\n\n[[change]]\nop = "substitute"\nat = "OP2"\nfind = "vingtième"\nreplace = "vingt-et-unième"\n',
        encoding="utf-8",
    )
    code, out, err = cli([command, str(BAD / "base.md"), str(tmp_path / "a.toml"), "-o", str(tmp_path / "out")])
    assert (code, err) == (0, "")
    assert "Fr[/]ance [bold]x" in out


def test_error_lines_are_short_and_show_control_characters_as_escapes(cli, tmp_path: Path) -> None:
    big = "«\x1b[2J" + "x" * 5000
    code, _, err = cli(["apply", str(tmp_path / big[:200])])
    assert code == 2
    line = err.rstrip("\n")
    assert "\n" not in line and "\x1b" not in line and "\\x1b[2J" in line
    assert len(line) < 400


def test_the_readers_refuse_control_characters_with_line_and_column() -> None:
    from resodraft.errors import InputError
    from resodraft.readers import decode_text

    with pytest.raises(InputError) as err:
        decode_text(hostile_base().encode("utf-8"), "x.md")
    assert str(err.value).startswith("x.md:3:8: the file holds a control character, U+001B (escape)")
    assert decode_text("a\tb\r\nc\n".encode(), "x.md") == "a\tb\nc\n"
    assert decode_text("\ufeffa\fb\n".encode(), "x.txt", allow="\f") == "a\fb\n"


# --------------------------------------------------------------------------------------------
# folders that cannot be read (as root, permissions do not stop reading: os.scandir is failed)


@pytest.fixture
def unreadable(monkeypatch):
    real = os.scandir

    def scandir(path=".", *a, **k):
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *a, **k)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_amendment_folder_says_so(cli, tmp_path: Path, unreadable) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "01.toml").write_bytes((BAD / "good.toml").read_bytes())
    code, out, err = cli(["apply", str(BAD / "base.md"), str(tmp_path / "locked")])
    assert (code, out) == (2, "")
    assert err == f"resodraft: error: {tmp_path / 'locked'}: cannot read the folder (permission denied) — give yourself read access to it, or move it out of the way\n"


def test_check_reports_an_unreadable_sub_folder(cli, tmp_path: Path, unreadable) -> None:
    (tmp_path / "drafts" / "locked").mkdir(parents=True)
    (tmp_path / "drafts" / "a.md").write_bytes((BAD / "base.md").read_bytes())
    code, _, err = cli(["check", str(tmp_path / "drafts")])
    assert code == 2
    assert err.startswith(f"resodraft: error: {tmp_path / 'drafts' / 'locked'}: cannot read the folder (permission denied)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their permissions")
def test_check_reports_a_folder_without_read_permission(cli, tmp_path: Path) -> None:
    (tmp_path / "drafts" / "locked").mkdir(parents=True)
    (tmp_path / "drafts" / "locked").chmod(0)
    try:
        code, _, err = cli(["check", str(tmp_path / "drafts")])
    finally:
        (tmp_path / "drafts" / "locked").chmod(0o755)
    assert code == 2 and "cannot read the folder" in err


# --------------------------------------------------------------------------------------------
# user templates and reference documents


@pytest.mark.parametrize(
    ("body", "expect"),
    [
        ("{{ 'a' * 10**9 }}", "a repeated text or list is too big"),
        ("{{ [0] * 10**9 }}", "a repeated text or list is too big"),
        ("{% for i in range(10**9) %}x{% endfor %}", "the number 1000000000 is too big"),
        ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "range() of 99999 items"),
        ("{{ 'a'|center(10**9) }}", "the number 1000000000 is too big"),
        ("{{ 'a'.ljust(10**9) }}", "the number 1000000000 is too big"),
        ("{{ '{:>999999999}'.format(1) }}", "a format width is too big"),
        ("{{ '%*d' % (999999999, 1) }}", "a %-format width is too big"),
        ("{{ 7 ** 99999 }}", "a power is too big"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "the template calls itself without end"),
    ],
)
def test_user_templates_are_bounded(tmp_path: Path, body: str, expect: str) -> None:
    from resodraft import templating
    from resodraft.errors import TemplateError

    (tmp_path / "t.xml.j2").write_text(body + "\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(TemplateError) as err:
        templating.render("t.xml.j2", {}, template_dir=tmp_path)
    assert expect in str(err.value)
    assert "\n" not in str(err.value)
    assert time.monotonic() - started < 10


def test_a_user_template_cannot_build_a_gigabyte(tmp_path: Path) -> None:
    from resodraft import templating
    from resodraft.errors import TemplateError

    doubling = "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
    (tmp_path / "t.xml.j2").write_text(doubling, encoding="utf-8")
    if not sys.platform.startswith("linux"):
        pytest.skip("the memory bound is Linux-only")
    with pytest.raises(TemplateError, match="needs more memory than a document can"):
        templating.render("t.xml.j2", {}, template_dir=tmp_path)


def test_a_sane_user_template_still_works(tmp_path: Path) -> None:
    from resodraft import templating

    (tmp_path / "t.xml.j2").write_text("{% for i in range(3) %}{{ '%02d' % i }}{{ 'x' * 2 }}{% endfor %}", encoding="utf-8")
    assert templating.render("t.xml.j2", {}, template_dir=tmp_path) == "00xx01xx02xx"


def test_compiled_templates_are_cached_and_edits_are_seen(tmp_path: Path, monkeypatch) -> None:
    from resodraft import templating

    cache = tmp_path / "cache"
    monkeypatch.setenv("RESODRAFT_CACHE_DIR", str(cache))
    templating._environment.cache_clear()
    user = tmp_path / "tpl"
    user.mkdir()
    (user / "t.xml.j2").write_text("one {{ x }}", encoding="utf-8")
    try:
        assert templating.render("t.xml.j2", {"x": 1}, template_dir=user) == "one 1"
        cached = list(cache.rglob("*.cache"))
        assert len(cached) == 1
        templating._environment.cache_clear()  # a new process: the compiled code comes from the cache
        assert templating.render("t.xml.j2", {"x": 2}, template_dir=user) == "one 2"
        (user / "t.xml.j2").write_text("two {{ x }}", encoding="utf-8")
        os.utime(user / "t.xml.j2", (time.time() + 5, time.time() + 5))
        templating._environment.cache_clear()
        assert templating.render("t.xml.j2", {"x": 3}, template_dir=user) == "two 3"
    finally:
        templating._environment.cache_clear()


def test_an_unusable_cache_folder_is_skipped(tmp_path: Path, monkeypatch) -> None:
    from resodraft import templating

    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("RESODRAFT_CACHE_DIR", str(tmp_path / "file" / "cache"))
    templating._environment.cache_clear()
    try:
        assert templating.cache_dir() is None
        (tmp_path / "t.xml.j2").write_text("ok", encoding="utf-8")
        assert templating.render("t.xml.j2", {}, template_dir=tmp_path) == "ok"
    finally:
        templating._environment.cache_clear()


def test_the_hardened_parser_refuses_entities_and_malformed_xml() -> None:
    from resodraft import xmlsafe
    from resodraft.errors import InputError

    with pytest.raises(InputError, match="word/styles.xml declares a DOCTYPE"):
        xmlsafe.parse(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', file="r.docx", part="word/styles.xml")
    with pytest.raises(InputError, match=r"^r.docx: word/styles.xml is not well-formed XML \(line 1: "):
        xmlsafe.parse(b"<x><y></x>", file="r.docx", part="word/styles.xml")
    assert xmlsafe.parse(b"<x a='1'/>", file="r.docx", part="p").get("a") == "1"


def test_a_reference_with_a_part_too_big_is_refused(cli, tmp_path: Path) -> None:
    import zipfile

    ref = tmp_path / "bomb.docx"
    with zipfile.ZipFile(ROOT / "templates" / "reference.docx") as zin, zipfile.ZipFile(ref, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            z.writestr(info.filename, zin.read(info))
        z.writestr("word/big.xml", b"<a>" + b" " * (60 << 20) + b"</a>")
    assert ref.stat().st_size < 1_000_000
    code, _, err = cli(["render", str(BAD / "base.md"), "-o", str(tmp_path / "x.docx"), "--reference-docx", str(ref)])
    assert code == 2
    assert "word/big.xml would inflate to 60 MB" in err
    assert not (tmp_path / "x.docx").exists()


# --------------------------------------------------------------------------------------------
# start-up


MODULES = """
import atexit, json, sys
atexit.register(lambda: sys.__stderr__.write("@@MODULES " + json.dumps(sorted(sys.modules)) + "\\n"))
from resodraft.launch import main
main(sys.argv[1:])
"""


def imported_by(*args: str) -> set[str]:
    """The modules loaded by ``resodraft ARGS`` (``sys.modules`` at exit: ``-X importtime``
    does not see modules loaded with ``importlib.import_module``)."""
    done = subprocess.run(
        [sys.executable, "-c", MODULES, *args], capture_output=True, text=True, cwd=ROOT, env=child_env(), timeout=60,
    )
    assert done.returncode == 0, done.stderr[-500:]
    line = next(x for x in done.stderr.splitlines() if x.startswith("@@MODULES "))
    return set(json.loads(line[len("@@MODULES "):]))


def test_version_imports_nothing_and_help_nothing_heavy() -> None:
    version = imported_by("--version")
    assert not {m for m in version if m.split(".")[0] in ("typer", "rich", "click")}
    assert {m for m in version if m.startswith("resodraft")} == {"resodraft", "resodraft.launch"}
    heavy = ("docx", "lxml", "jinja2", "markdown_it", "mdit_py_plugins", "diff_match_patch", "pydantic", "rich")
    help_ = {m.split(".")[0] for m in imported_by("--help")}
    assert not help_ & set(heavy), sorted(help_ & set(heavy))


def test_a_command_imports_only_its_own_module() -> None:
    mods = imported_by("show", str(BAD / "base.md"))
    assert {m for m in mods if m.startswith("resodraft.commands")} == set()
    assert not {m.split(".")[0] for m in mods} & {"docx", "lxml", "jinja2", "pydantic"}
    mods = imported_by("diff", str(BAD / "base.md"), str(BAD / "base.md"))
    assert {m for m in mods if m.startswith("resodraft.commands.")} == {"resodraft.commands.diff"}
    assert not {m.split(".")[0] for m in mods} & {"docx", "lxml", "jinja2", "pydantic"}


# The child says when the job starts computing, then computes slowly enough to be stopped.
COMPUTING = """
import sys, time
from resodraft import api
real = api.redline_job
def slow(*a, **k):
    sys.stderr.write("@@ computing\\n"); sys.stderr.flush()
    time.sleep(30)
    return real(*a, **k)
api.redline_job = slow
from resodraft.launch import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize(("sig", "code", "name"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "Ctrl-C (SIGINT)")])
def test_a_signal_before_the_write_exits_with_one_line(tmp_path: Path, sig: int, code: int, name: str) -> None:
    """A run stopped while it computes writes nothing and says so (SIGTERM → 143, SIGINT → 130)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", COMPUTING, "redline", str(BAD / "base.md"), str(BAD / "good.toml"), "-o", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=child_env(),
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == "@@ computing\n"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert err == f"resodraft: error: interrupted by {name} — nothing was written\n"
    assert not (tmp_path / "out").exists()


def test_a_signal_during_the_write_exits_with_one_line(tmp_path: Path) -> None:
    """SIGTERM between two renames: the output already replaced is put back, the temporaries go."""
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_bytes(old_bytes(name))
    child = CHILD.replace(
        'sys.stderr.write(f"@@ {step} {time.monotonic():.6f}\\n"); sys.stderr.flush()',
        'import os, signal\n    if step == "replace" and path.endswith("redline.md"): os.kill(os.getpid(), signal.SIGTERM)',
    )
    done = subprocess.run(
        [sys.executable, "-c", child, "redline", str(BAD / "base.md"), str(BAD / "good.toml"), "-o", str(out)],
        capture_output=True, text=True, env=child_env(), timeout=120,
    )
    assert done.returncode == 143
    assert done.stderr == "resodraft: error: interrupted by SIGTERM — nothing was written\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    assert all((out / name).read_bytes() == old_bytes(name) for name in OUTPUTS), "the replaced output was not put back"


# --------------------------------------------------------------------------------------------
# documents resodraft did not write: page breaks in pasted text, control characters from PDFs


def test_pasted_text_keeps_its_page_breaks_and_a_draft_refuses_them(cli, tmp_path: Path) -> None:
    pasted = (ROOT / "tests" / "fixtures" / "pasted" / "ga-en.txt").read_bytes()
    assert b"\x0c" in pasted
    (tmp_path / "copied.md").write_bytes(pasted)  # pasted text saved as .md
    code, out, err = cli(["import", str(tmp_path / "copied.md"), "--json"])
    assert code == 0, err
    assert "page breaks (form feeds)" in err
    code, _, err = cli(["show", str(tmp_path / "copied.md")])
    assert code == 2 and "control character, U+000C (form feed, a page break)" in err


def test_control_characters_from_a_pdf_are_removed_and_reported() -> None:
    from resodraft.controls import strip_from_resolution
    from resodraft.model import Footnote, Meta, Operative, Resolution, SubParagraph, Text

    res = Resolution(
        meta=Meta(title="Ré\x03solution"),
        blocks=(Operative("1", (Text("Dé\x00cide :"),), subs=(SubParagraph("a", (Text("à\x1b ;"),)),)),),
        footnotes=(Footnote("1", (Text("ICC\x07-ASP/1/2."),)),),
    )
    clean, removed = strip_from_resolution(res)
    assert removed == 4
    assert clean.meta.title == "Résolution"
    assert clean.blocks[0].content == (Text("Décide :"),)
    assert clean.blocks[0].subs[0].content == (Text("à ;"),)
    assert clean.footnotes[0].content == (Text("ICC-ASP/1/2."),)
    assert strip_from_resolution(clean) == (clean, 0)
