#!/usr/bin/env python3
"""Measured speed and memory of resodraft against the tools a user would pick instead.

    python bench/run.py            # the full run (sizes 1×, 2×, 5×, 20×, 50×), about 3 minutes
    python bench/run.py --quick    # 1×, 2× and 5× only, fewer repeats, no powertools engine
    python bench/run.py --repeat 7 --sizes 1,20 --budget 60

What it does, in one run:

1. **Inputs** (``bench/inputs/``, regenerated every run): the bundled ICC-ASP/19/Res.2 at k× size
   — the preamble once, the operative part (paragraphs, headings, footnotes) repeated k times
   and numbered on — and the 2021 amendment set replicated per repetition with its labels
   shifted (``OP24`` → ``OP62`` in the second copy, ``H3`` → ``H13``). From those, resodraft
   writes the new text (``.new.md``) and the clean Word files of both versions
   (``.old.docx``/``.new.docx``), the pair the Word-to-Word peers compare.
2. **Tools**, each in its own subprocess so that peak memory (``ru_maxrss``) is comparable:

   ``job``          ``api.redline_job`` + ``write_files``: the main job, all five outputs;
   ``job-md``       the same without the Word outputs (``word=False``);
   ``cli``          ``resodraft redline BASE AMEND -o DIR`` end to end (start-up included);
   ``diff``         ``api.diff_files`` + the Markdown redline writer, old.md vs new.md;
   ``redlines``     ``Redlines(old, new).output_markdown`` on the same two Markdown texts;
   ``docxodus``     python-redlines' ``DocxodusEngine`` on the .docx pair (tracked changes);
   ``powertools``   python-redlines' ``XmlPowerToolsEngine`` on the .docx pair.

   A tool's time is the median of up to ``--repeat`` runs after one warm-up run; a cell stops
   repeating when its total passes ``--cell-budget`` seconds, and a warm-up run longer than
   that is the only run (except for ``cli``, whose first run compiles bytecode). A peer whose predicted time (from
   the previous sizes, growing at least quadratically) exceeds ``--budget`` is skipped and says
   so; a peer's run that passes ``--budget`` is killed and reported as a timeout (resodraft's
   own tools get ten times as long: they are never skipped). Against a peer
   that timed out or was skipped, the speed-up is reported as a lower bound (``≥``). A peer that is not
   installed (or whose engine cannot run here) is reported as unavailable, never estimated.
3. **Start-up**: the wall time of ``resodraft --help`` and whether python-docx, lxml, jinja2
   (or markdown-it, diff-match-patch) were imported to print it.
4. **Targets** (printed and in the JSON): diff of a ~14,000-word pair ≥5× faster than
   ``redlines``; the main job ≥2× faster than python-redlines comparing the two .docx alone;
   the main job at 20× within 25× its 1× time; peak memory < 200 MB at 50×.

Results go to ``bench/results.json`` with the commit hash. Memory is the peak resident set
(VmHWM) of the tool's process; for ``cli`` the ``resodraft`` process; for the python-redlines
engines the Python process plus the .NET engine process it starts, added up. "words" are the words of the base text; "pair" adds the new text.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
INPUTS = HERE / "inputs"
BASE = ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"
AMEND = ROOT / "drafts" / "2021" / "Res.2"
OURS = ("job", "job-md", "cli", "diff", "cli-diff")
PEERS = ("redlines", "docxodus", "powertools", "redlines-e2e", "docxodus-e2e")
TOOLS = OURS + PEERS
PEER_OF = {
    "diff": ("redlines",),
    "job": ("docxodus", "powertools"),
    "job-md": ("redlines",),
    "cli": ("docxodus-e2e", "docxodus", "powertools"),
    "cli-diff": ("redlines-e2e", "redlines"),
}
DOCX_PEERS = {"docxodus": "DocxodusEngine", "powertools": "XmlPowerToolsEngine"}
PROCESS_TOOLS = ("cli", "cli-diff", "redlines-e2e", "docxodus-e2e")  # timed as a fresh process each run
# The peers end to end: a fresh Python process that imports the peer, reads the two inputs, compares
# them and writes the result, as a script calling the library would (the least a user pays).
E2E_SCRIPTS = {
    "redlines-e2e": (
        "import sys\nfrom redlines import Redlines\n"
        "old = open(sys.argv[1], encoding='utf-8').read()\nnew = open(sys.argv[2], encoding='utf-8').read()\n"
        "open(sys.argv[3], 'w', encoding='utf-8').write(Redlines(old, new).output_markdown)\n"
    ),
    "docxodus-e2e": (
        "import sys, warnings\nwarnings.simplefilter('ignore')\nfrom python_redlines import DocxodusEngine\n"
        "old = open(sys.argv[1], 'rb').read()\nnew = open(sys.argv[2], 'rb').read()\n"
        "open(sys.argv[3], 'wb').write(DocxodusEngine().run_redline('bench', old, new)[0])\n"
    ),
}
_PYCACHE: list[str] = []  # made on first use (importing this module creates nothing)


def child_env() -> dict[str, str]:
    """The environment of every process the bench starts.

    Bytecode is cached as after a normal ``pip install`` (an editable install under
    ``PYTHONDONTWRITEBYTECODE=1`` would recompile resodraft on every start); the cache goes to
    a temporary folder (``PYTHONPYCACHEPREFIX``), so nothing is written into the checkout.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if not _PYCACHE:
        _PYCACHE.append(os.environ.get("RESODRAFT_BENCH_PYCACHE") or tempfile.mkdtemp(prefix="resodraft-bench-pycache-"))
        os.environ["RESODRAFT_BENCH_PYCACHE"] = _PYCACHE[0]  # the workers share it
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE[0]
    env["COLUMNS"] = "120"
    return env


def resodraft_command() -> list[str]:
    """How a user starts resodraft: the console script next to this Python, or ``-m``."""
    script = Path(sys.executable).with_name("resodraft")
    if script.exists():
        return [str(script)]
    found = shutil.which("resodraft")
    return [found] if found else [sys.executable, "-m", "resodraft"]


# ------------------------------------------------------------------------------------------
# inputs


def words(text: str) -> int:
    """Words of a Markdown draft, front matter left out."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            text = text[end + 5 :]
    return len(text.split())


def scale_draft(text: str, k: int) -> tuple[str, int, int]:
    """The draft with its operative part repeated ``k`` times and numbered on.

    Returns the text, the number of operative paragraphs and of headings in one copy.
    """
    lines = text.split("\n")
    op_start = next(i for i, line in enumerate(lines) if re.match(r"^1\. ", line))
    fn_start = next(i for i, line in enumerate(lines) if re.match(r"^\[\^[^\]]+\]: ", line))
    head, ops, notes = lines[:op_start], lines[op_start:fn_start], lines[fn_start:]
    while ops and not ops[-1].strip():
        ops.pop()
    n_ops = sum(1 for line in ops if re.match(r"^\d+\. ", line))
    n_heads = sum(1 for line in ops if line.startswith("#"))
    if any(line.startswith("#") for line in head):
        raise SystemExit("bench: the preamble has headings; the label shift below assumes it has none")
    definitions = {m.group(1): line[m.end() :] for line in notes if (m := re.match(r"^\[\^([^\]]+)\]: ", line))}
    op_notes: list[str] = []
    for line in ops:
        for note in re.findall(r"\[\^([^\]]+)\]", line):
            if note not in op_notes:
                op_notes.append(note)
    out = list(head) + list(ops)
    extra_defs: list[str] = []
    for i in range(1, k):
        ids = {note: str(len(definitions) + (i - 1) * len(op_notes) + j + 1) for j, note in enumerate(op_notes)}
        out.append("")
        for line in ops:
            line = re.sub(r"^(\d+)\. ", lambda m: f"{int(m.group(1)) + i * n_ops}. ", line)
            line = re.sub(r"\[\^([^\]]+)\]", lambda m: f"[^{ids.get(m.group(1), m.group(1))}]", line)
            out.append(line)
        extra_defs += [f"[^{ids[note]}]: {definitions[note]}" for note in op_notes] 
    defs = [line for line in notes if line.strip()]
    body = "\n".join(out).rstrip("\n") + "\n\n" + "\n\n".join(defs + extra_defs) + "\n"
    return body, n_ops, n_heads


def scale_amendments(text: str, name: str, k: int, n_ops: int, n_heads: int) -> str:
    """The amendment file with its changes repeated for each copy, labels shifted."""
    if re.search(r"^\s*footnotes\s*=", text, re.M):
        raise SystemExit(f"bench: {name} adds footnotes; scaling their labels is not implemented")
    parts = re.split(r"(?m)^(?=\[\[change\]\])", text)
    head, changes = parts[0], parts[1:]
    head = re.sub(r'(?m)^base\s*=.*\n', "", head)  # the scaled file amends the scaled base
    out = [head]
    for i in range(k):
        for change in changes:
            anchors = re.findall(r'(?m)^(?:at|after|before)\s*=\s*"([^"]*)"', change)
            if i and any(a.startswith("PP") for a in anchors):
                continue  # the preamble is not repeated

            def shift(m: re.Match[str]) -> str:
                kind, num, rest = m.group(2), int(m.group(3)), m.group(4)
                num += i * (n_ops if kind == "OP" else n_heads)
                return f'{m.group(1)}"{kind}{num}{rest}"'

            out.append(re.sub(r'(?m)^((?:at|after|before)\s*=\s*)"(OP|H)(\d+)([^"]*)"', shift, change))
    return "".join(out)


def make_inputs(sizes: list[int]) -> dict[int, dict[str, object]]:
    """Write every size's inputs into bench/inputs/ and return their paths and word counts."""
    sys.path.insert(0, str(ROOT / "src"))
    from resodraft import api
    from resodraft.readers import read_text

    base_text = read_text(str(BASE))
    shutil.rmtree(INPUTS, ignore_errors=True)
    INPUTS.mkdir(parents=True)
    (INPUTS / "README.txt").write_text("Generated by bench/run.py on every run; not versioned.\n", encoding="utf-8")
    made: dict[int, dict[str, object]] = {}
    try:
        from resodraft.writers.docx import write_clean_docx
    except ImportError:
        write_clean_docx = None
    for k in sizes:
        stem = INPUTS / f"res2-{k}x"
        text, n_ops, n_heads = scale_draft(base_text, k)
        old = stem.with_suffix(".md")
        old.write_text(text, encoding="utf-8")
        folder = Path(f"{stem}.amend")
        folder.mkdir()
        for toml in sorted(AMEND.glob("*.toml")):
            scaled = scale_amendments(read_text(str(toml)), toml.name, k, n_ops, n_heads)
            (folder / toml.name).write_text(scaled, encoding="utf-8")
        result = api.apply_files(str(old), [str(folder)])
        new_text = api.to_markdown(result.new)
        new = Path(f"{stem}.new.md")
        new.write_text(new_text, encoding="utf-8")
        entry: dict[str, object] = {
            "old": str(old),
            "new": str(new),
            "amend": str(folder),
            "words": words(text),
            "pair_words": words(text) + words(new_text),
            "changes": len(result.changes),
        }
        if write_clean_docx is not None:
            old_docx, new_docx = Path(f"{stem}.old.docx"), Path(f"{stem}.new.docx")
            old_docx.write_bytes(write_clean_docx(result.base))
            new_docx.write_bytes(write_clean_docx(result.new))
            entry["old_docx"], entry["new_docx"] = str(old_docx), str(new_docx)
        made[k] = entry
    return made


# ------------------------------------------------------------------------------------------
# peak memory
#
# ru_maxrss is no good here: on Linux a process started with vfork/posix_spawn (as subprocess
# does) inherits its parent's high-water mark at exec, so every worker would report at least
# the size of the bench itself. /proc/PID/status VmHWM is the high-water mark of the process's
# own memory map, reset at exec: it is read for the worker itself and, polled while they run,
# for the processes it starts (resodraft's CLI, the .NET engines of python-redlines).

_CHILD_PEAK_KB = [0]


def hwm_kb(pid: int | str = "self") -> int | None:
    """The peak resident set of a process in KB (Linux), or None."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def run_watched(cmd, *args, **kwargs) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    """``subprocess.run`` that also records the child's peak memory in ``_CHILD_PEAK_KB``."""
    check = kwargs.pop("check", False)
    text = kwargs.pop("text", None) or kwargs.pop("universal_newlines", None)
    outs = {}
    for key in ("stdout", "stderr"):
        if kwargs.get(key) == subprocess.PIPE:
            outs[key] = kwargs[key] = tempfile.TemporaryFile()
    with subprocess.Popen(cmd, *args, **kwargs) as proc:
        peak = 0
        while True:
            seen = hwm_kb(proc.pid)
            if seen:
                peak = max(peak, seen)
            if proc.poll() is not None:
                break
            time.sleep(0.005)
    _CHILD_PEAK_KB[0] = max(_CHILD_PEAK_KB[0], peak)
    got = {}
    for key, fh in outs.items():
        fh.seek(0)
        data = fh.read()
        fh.close()
        got[key] = data.decode("utf-8", "replace") if text else data
    done = subprocess.CompletedProcess(cmd, proc.returncode, got.get("stdout"), got.get("stderr"))
    if check:
        done.check_returncode()
    return done


# ------------------------------------------------------------------------------------------
# workers: one tool, one size, in a process of its own


def _operation(tool: str, spec: dict[str, str], scratch: str):
    """A function running ``tool`` once on ``spec``'s inputs (imports done here, untimed)."""
    if tool in ("job", "job-md"):
        from resodraft import api
        from resodraft.output import write_files

        word = tool == "job"

        def run() -> None:
            job = api.redline_job(spec["old"], [spec["amend"]], scratch, word=word)
            write_files(job.files, inputs=[spec["old"], spec["amend"]])

        return run
    if tool == "cli":
        cmd = resodraft_command()

        def run() -> None:
            run_watched(
                [*cmd, "redline", spec["old"], spec["amend"], "-o", scratch],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=child_env(),
            )

        return run
    if tool == "cli-diff":
        cmd = resodraft_command()
        out = str(Path(scratch) / "diff.md")

        def run() -> None:
            run_watched([*cmd, "diff", spec["old"], spec["new"], "-o", out], check=True,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env())

        return run
    if tool in E2E_SCRIPTS:
        if tool == "redlines-e2e":
            import redlines  # noqa: F401 - unavailable peers are reported, not measured
            args = [spec["old"], spec["new"], str(Path(scratch) / "redlines.md")]
        else:
            import python_redlines  # noqa: F401
            if "old_docx" not in spec:
                raise RuntimeError("no .docx pair: resodraft's Word writer is not available")
            args = [spec["old_docx"], spec["new_docx"], str(Path(scratch) / "docxodus.docx")]

        def run() -> None:
            run_watched([sys.executable, "-c", E2E_SCRIPTS[tool], *args], check=True,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env())

        return run
    if tool == "diff":
        from resodraft import api
        from resodraft.writers import get_writer

        write_md = get_writer("md")

        def run() -> str:
            return write_md(api.diff_files(spec["old"], spec["new"]))

        return run
    if tool == "redlines":
        from redlines import Redlines

        def run() -> str:
            old = Path(spec["old"]).read_text(encoding="utf-8")
            new = Path(spec["new"]).read_text(encoding="utf-8")
            return Redlines(old, new).output_markdown

        return run
    if tool in DOCX_PEERS:
        import warnings

        import python_redlines
        import python_redlines.engines

        python_redlines.engines.subprocess.run = run_watched  # to see the .NET engine's peak memory
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            engine = getattr(python_redlines, DOCX_PEERS[tool])()
        if "old_docx" not in spec:
            raise RuntimeError("no .docx pair: resodraft's Word writer is not available")

        def run() -> bytes:
            old = Path(spec["old_docx"]).read_bytes()
            new = Path(spec["new_docx"]).read_bytes()
            return engine.run_redline("bench", old, new)[0]

        return run
    raise SystemExit(f"unknown tool {tool}")


def cpu_now(tool: str) -> float:
    """CPU seconds used so far by this process (not for ``cli``) and the children it waited for."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = 0.0 if tool in PROCESS_TOOLS else time.process_time()
    return own + kids.ru_utime + kids.ru_stime


def worker(tool: str, spec: dict[str, str], repeat: int, cell_budget: float) -> dict[str, object]:
    """Run in the child process: warm up, time up to ``repeat`` runs, report peak memory."""
    with tempfile.TemporaryDirectory(prefix="resodraft-bench-") as scratch:
        try:
            run = _operation(tool, spec, scratch)
        except Exception as exc:  # noqa: BLE001 - a peer that cannot run is a result, not a crash
            return {"status": "unavailable", "reason": f"{type(exc).__name__}: {exc}".splitlines()[0][:300]}
        times: list[float] = []
        cpus: list[float] = []

        def timed() -> None:
            c0, w0 = cpu_now(tool), time.perf_counter()
            run()
            times.append(time.perf_counter() - w0)
            cpus.append(cpu_now(tool) - c0)

        timed()  # warm-up: lazy imports, template compilation, engine extraction
        warm = times.pop()
        warm_cpu = cpus.pop()
        if warm > cell_budget and tool not in PROCESS_TOOLS:
            # too slow to repeat: the single run is the measurement (for the cli the first run
            # compiles resodraft's bytecode, so it always gets a run of its own)
            times.append(warm)
            cpus.append(warm_cpu)
        else:
            while len(times) < repeat and (sum(times) < cell_budget or not times):
                timed()
    own_kb = hwm_kb() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = _CHILD_PEAK_KB[0] or resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    own, children = own_kb / 1024, children_kb / 1024
    peak = children if tool in PROCESS_TOOLS else own + children if tool in DOCX_PEERS else own
    return {
        "status": "ok",
        "median_s": statistics.median(times),
        "min_s": min(times),
        "cpu_s": statistics.median(cpus),
        "runs": len(times),
        "warmup_s": warm,
        "peak_mb": round(peak, 1),
        "rss_self_mb": round(own, 1),
        "rss_children_mb": round(children, 1),
    }


def measure(tool: str, spec: dict[str, object], repeat: int, cell_budget: float, budget: float) -> dict[str, object]:
    """Run :func:`worker` for ``tool`` in a fresh interpreter, killed after ``budget`` seconds."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", tool, "--spec", json.dumps(spec),
           "--repeat", str(repeat), "--cell-budget", str(cell_budget)]
    t0 = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=budget, cwd=ROOT, env=child_env())
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "reason": f"killed after {budget:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"status": "error", "reason": tail[:300]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = round(time.perf_counter() - t0, 3)
    return result


# ------------------------------------------------------------------------------------------
# start-up


HEAVY = ("docx", "lxml", "jinja2", "markdown_it", "mdit_py_plugins", "diff_match_patch", "rich", "pydantic")


def _imported(args: list[str]) -> set[str]:
    """Top-level packages imported by ``resodraft ARGS`` (``python -X importtime``)."""
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "resodraft", *args],
        capture_output=True, text=True, cwd=ROOT, env=child_env(),
    )
    if "import time:" not in probe.stderr:
        raise SystemExit(f"bench: cannot probe the imports of resodraft {' '.join(args)}: {probe.stderr[-300:]}")
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in probe.stderr.splitlines() if "|" in line}


def startup(repeat: int) -> dict[str, object]:
    """Wall time of a bare ``python -c pass``, ``resodraft --version``, ``--help`` and ``show``.

    Each is the median of ``max(repeat, 5)`` runs after one warm-up; the heavy modules each
    one imported are listed (``python -X importtime``).
    """
    cmd = resodraft_command()
    runs = max(repeat, 5)
    commands = {
        "python": [sys.executable, "-c", "pass"],
        "version": [*cmd, "--version"],
        "help": [*cmd, "--help"],
        "show": [*cmd, "show", str(BASE)],
    }
    out: dict[str, object] = {"runs": runs, "commands": {}}
    for name, argv in commands.items():
        times, cpus = [], []
        for _ in range(runs + 1):
            c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True, env=child_env())
            times.append(time.perf_counter() - t0)
            c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime)
        entry: dict[str, object] = {
            "command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(argv)).replace(str(ROOT) + "/", ""),
            "median_s": statistics.median(times[1:]),
            "cpu_s": statistics.median(cpus[1:]),
        }
        if name != "python":
            imported = _imported(argv[len(cmd):])
            entry["imported"] = {h: h in imported for h in HEAVY}
            entry["modules"] = len(imported)
        out["commands"][name] = entry  # type: ignore[index]
    c = out["commands"]  # type: ignore[assignment]
    out["version_over_python_s"] = round(float(c["version"]["median_s"]) - float(c["python"]["median_s"]), 4)  # type: ignore[index]
    # kept for readers of older results.json: the figures of ``resodraft --help``
    out.update({"command": c["help"]["command"], "median_s": c["help"]["median_s"], "imported": c["help"]["imported"]})  # type: ignore[index]
    return out


# ------------------------------------------------------------------------------------------
# the run


def versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for name in ("resodraft", "redlines", "python-redlines", "python-redlines-docxodus", "python-redlines-ooxmlpowertools",
                 "diff-match-patch", "python-docx", "lxml"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def commit() -> dict[str, object]:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    return {"hash": git("rev-parse", "HEAD") or None, "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def cell(row: dict[str, object]) -> str:
    if row["status"] == "ok":
        return fmt_time(float(row["median_s"]))  # type: ignore[arg-type]
    return str(row["status"])


def _ratio(row: dict[str, object], peer: str) -> str:
    x = row.get(f"x_vs_{peer}")
    if x:
        return f"{x:.1f}× faster than {peer}" if float(x) >= 1 else f"{1 / float(x):.1f}× slower than {peer}"  # type: ignore[arg-type]
    least = row.get(f"x_vs_{peer}_at_least")
    return f"≥{least}× faster than {peer} (it ran out of time)" if least else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="sizes 1,2,5, 3 repeats, without the slow powertools engine")
    ap.add_argument("--sizes", help="comma-separated multiples of the base text (default 1,2,5,20,50)")
    ap.add_argument("--repeat", type=int, help="timed runs per tool and size; the median is reported (default 5)")
    ap.add_argument("--cell-budget", type=float, default=5.0, help="stop repeating a cell after this many seconds")
    ap.add_argument("--budget", type=float, default=20.0,
                    help="kill a peer's run after this many seconds (resodraft's own tools get 10 times as long)")
    ap.add_argument("--tools", help=f"comma-separated subset of {','.join(TOOLS)}")
    ap.add_argument("--json", default=str(HERE / "results.json"), help="where to write the results")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--spec", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.worker, json.loads(args.spec), args.repeat, args.cell_budget)))
        return 0

    sizes = [int(s) for s in (args.sizes or ("1,2,5" if args.quick else "1,2,5,20,50")).split(",")]
    repeat = args.repeat or (3 if args.quick else 5)
    default_tools = [t for t in TOOLS if t != "powertools"] if args.quick else list(TOOLS)
    tools = args.tools.split(",") if args.tools else default_tools
    for t in tools:
        if t not in TOOLS:
            ap.error(f"unknown tool {t!r}; use {', '.join(TOOLS)}")
    started = time.perf_counter()
    print(f"resodraft bench: sizes {', '.join(f'{k}×' for k in sizes)}; median of ≤{repeat} runs; "
          f"{os.cpu_count()} CPUs; Python {platform.python_version()}", flush=True)
    load_before = os.getloadavg()[0]
    inputs = make_inputs(sizes)

    rows: list[dict[str, object]] = []
    seen: dict[str, list[tuple[int, float]]] = {}  # tool -> (words, seconds) at the sizes so far
    for k in sizes:
        spec = {key: value for key, value in inputs[k].items() if isinstance(value, str)}
        n = int(inputs[k]["words"])  # type: ignore[arg-type]
        for tool in tools:
            if tool in PEERS and seen.get(tool):
                w0, t0 = seen[tool][-1]
                growth = 1.5  # from one size; from two, the growth they show (at least linear)
                if len(seen[tool]) >= 2 and seen[tool][-2][0] < w0:
                    w1, t1 = seen[tool][-2]
                    growth = max(1.0, math.log(t0 / t1) / math.log(w0 / w1)) if t1 > 0 and t0 > 0 else growth
                predicted = t0 * (n / w0) ** growth
                if predicted > args.budget:
                    rows.append({"size": k, "tool": tool, "words": n, "status": "skipped",
                                 "reason": f"predicted {predicted:.0f} s (growth n^{growth:.1f} from {fmt_time(t0)} at {w0} words) > --budget {args.budget:.0f} s"})
                    print(f"  {k:>3}× {tool:<10} skipped (predicted {predicted:.0f} s)", flush=True)
                    continue
            result = measure(tool, spec, repeat, args.cell_budget, args.budget if tool in PEERS else 10 * args.budget)
            row = {"size": k, "tool": tool, "words": n, "pair_words": inputs[k]["pair_words"], **result}
            rows.append(row)
            if result["status"] == "ok":
                seen.setdefault(tool, []).append((n, float(result["median_s"])))  # type: ignore[arg-type]
            elif result["status"] == "timeout":
                seen.setdefault(tool, []).append((n, args.budget))
            print(f"  {k:>3}× {tool:<10} {cell(row):>9}" + (f"  {row.get('reason')}" if result["status"] != "ok" else ""),
                  flush=True)

    start = startup(repeat)
    by = {(r["size"], r["tool"]): r for r in rows}

    def ok(k: int, tool: str) -> dict[str, object] | None:
        r = by.get((k, tool))
        return r if r and r["status"] == "ok" else None

    for r in rows:
        if r["status"] != "ok":
            continue
        r["ms_per_1000_words"] = round(float(r["median_s"]) * 1e6 / float(r["words"]), 2)  # type: ignore[arg-type]
        for peer in PEER_OF.get(str(r["tool"]), ()):
            p = ok(int(r["size"]), peer)  # type: ignore[arg-type]
            r[f"x_vs_{peer}"] = round(float(p["median_s"]) / float(r["median_s"]), 2) if p else None  # type: ignore[arg-type]
            r[f"cpu_x_vs_{peer}"] = round(float(p["cpu_s"]) / float(r["cpu_s"]), 2) if p and float(r["cpu_s"]) > 0 else None  # type: ignore[arg-type]
            slow = by.get((r["size"], peer))
            if not p and slow and slow["status"] in ("timeout", "skipped"):
                # the peer took (or would take) longer than --budget: a lower bound, marked as such
                r[f"x_vs_{peer}_at_least"] = round(args.budget / float(r["median_s"]), 1)  # type: ignore[arg-type]

    # ---- the table ----
    print()
    header = f"{'size':>5} {'words':>7} {'tool':<11} {'wall':>9} {'cpu':>9} {'runs':>4} {'peak MB':>8} {'ms/1k w':>8}  vs peers (wall)"
    print(header)
    print("-" * (len(header) + 20))
    for r in rows:
        if r["status"] != "ok":
            print(f"{str(r['size']) + '×':>5} {r.get('words', ''):>7} {r['tool']:<11} {r['status']:>9} {'':>9}  {r.get('reason', '')}")
            continue
        ratios = "  ".join(_ratio(r, peer) for peer in PEER_OF.get(str(r["tool"]), ()) if _ratio(r, peer))
        print(f"{str(r['size']) + '×':>5} {r['words']:>7} {r['tool']:<11} {fmt_time(float(r['median_s'])):>9} {fmt_time(float(r['cpu_s'])):>9} "
              f"{r['runs']:>4} {r['peak_mb']:>8.0f} {r['ms_per_1000_words']:>8.1f}  {ratios}")
    print()
    print(f"start-up (median of {start['runs']} runs, wall / cpu):")
    for entry in start["commands"].values():  # type: ignore[union-attr]
        heavy = [name for name, hit in entry.get("imported", {}).items() if hit]
        what = f"; imports {', '.join(heavy)}" if heavy else ("" if "imported" not in entry else "; imports none of " + ", ".join(HEAVY))
        print(f"  {entry['command']:<32} {fmt_time(float(entry['median_s'])):>7} / {fmt_time(float(entry['cpu_s'])):>7}{what}")

    # ---- targets ----
    targets = []

    def speedup(k: int, ours: str, peer: str) -> tuple[float | None, bool]:
        """How many times faster ``ours`` is than ``peer`` at size k (and whether it is a lower bound)."""
        r = by.get((k, ours))
        if not r or r["status"] != "ok":
            return None, False
        if r.get(f"x_vs_{peer}") is not None:
            return float(r[f"x_vs_{peer}"]), False  # type: ignore[arg-type]
        if r.get(f"x_vs_{peer}") is None and ok(k, peer):
            return None, False
        if r.get(f"x_vs_{peer}_at_least") is not None:
            return float(r[f"x_vs_{peer}_at_least"]), True  # type: ignore[arg-type]
        p = ok(k, peer)
        return (round(float(p["median_s"]) / float(r["median_s"]), 2), False) if p else (None, False)  # type: ignore[arg-type]

    def cpu_ratio(k: int, ours: str, peer: str) -> float | None:
        r = by.get((k, ours))
        return r.get(f"cpu_x_vs_{peer}") if r else None  # type: ignore[return-value]

    # "a ~14,000-word pair" read both ways: 14,000 words in all (2×), or two texts of ~14,000 (5×)
    by_total = min(sizes, key=lambda k: abs(int(inputs[k]["pair_words"]) - 14000))  # type: ignore[arg-type]
    by_each = min(sizes, key=lambda k: abs(int(inputs[k]["words"]) - 14000))  # type: ignore[arg-type]
    readings = [(by_total, f"{inputs[by_total]['pair_words']} words in all")]
    if by_each != by_total:
        readings.append((by_each, f"two texts of ~{inputs[by_each]['words']} words"))
    for k, how in readings:
        value, bound = speedup(k, "diff", "redlines")
        targets.append({"target": f"diff of a ~14,000-word pair ({how}) ≥5× faster than redlines", "uses": ["diff", "redlines"],
                        "size": k, "value": value, "lower_bound": bound, "goal": 5.0,
                        "cpu_value": cpu_ratio(k, "diff", "redlines")})
    # issue 15, end to end (process start included on both sides)
    for k, how in readings:
        value, bound = speedup(k, "cli-diff", "redlines-e2e")
        targets.append({"target": f"resodraft diff end to end on a ~14,000-word pair ({how}) ≥8× faster than redlines end to end",
                        "uses": ["cli-diff", "redlines-e2e"], "size": k, "value": value, "lower_bound": bound, "goal": 8.0,
                        "cpu_value": cpu_ratio(k, "cli-diff", "redlines-e2e")})
    for peer in ("docxodus-e2e", "docxodus"):
        value, bound = speedup(1, "cli", peer)
        how = "end to end" if peer.endswith("e2e") else "in-process (its start-up not counted)"
        targets.append({"target": f"resodraft redline end to end on Res.2 ≥4× faster than docxodus {how} on the .docx pair",
                        "uses": ["cli", peer], "size": 1, "value": value, "lower_bound": bound, "goal": 4.0,
                        "cpu_value": cpu_ratio(1, "cli", peer)})
    for ours, what in (("job", "main job in-process"), ("cli", "main job, resodraft redline end to end")):
        for peer in ("docxodus", "powertools"):
            for k in sizes:
                value, bound = speedup(k, ours, peer)
                targets.append({"target": f"{what} ≥2× faster than python-redlines {peer} on the .docx pair",
                                "uses": [ours, peer], "size": k, "value": value, "lower_bound": bound, "goal": 2.0,
                                "cpu_value": cpu_ratio(k, ours, peer)})
    for tool in ("job", "job-md", "cli", "diff"):
        a, b = ok(1, tool), ok(20, tool)
        targets.append({
            "target": f"{tool} at 20× ≤ 25× its 1× time", "size": 20, "uses": [tool],
            "value": round(float(b["median_s"]) / float(a["median_s"]), 2) if a and b else None,  # type: ignore[arg-type]
            "goal": 25.0, "lower_is_better": True,
        })
    for tool in ("job", "job-md", "cli", "diff"):
        m = ok(50, tool)
        targets.append({"target": f"{tool} peak memory at 50× < 200 MB", "size": 50, "uses": [tool],
                        "value": float(m["peak_mb"]) if m else None, "goal": 200.0, "lower_is_better": True})  # type: ignore[arg-type]
    print()
    groups: dict[str, list[str]] = {}
    targets = [t for t in targets if t["size"] in sizes and all(u in tools for u in t["uses"])]
    for t in targets:
        if t["value"] is None:
            t["met"] = None
            verdict = "not measured"
        else:
            t["met"] = t["value"] < t["goal"] if t.get("lower_is_better") else t["value"] >= t["goal"]
            if t.get("lower_bound") and not t["met"]:
                t["met"] = None  # the peer ran out of time: "at least 1.9×" neither meets nor misses 2×
            unit = " MB" if "memory" in t["target"] else "×"
            verdict = f"{'≥' if t.get('lower_bound') else ''}{t['value']}{unit}"
            if t.get("cpu_value"):
                verdict += f" (cpu {t['cpu_value']}×)"
            verdict += {True: " met", False: " NOT MET", None: " inconclusive"}[t["met"]]
        groups.setdefault(str(t["target"]), []).append(f"{t['size']}× {verdict}")
    over = float(start["version_over_python_s"])  # type: ignore[arg-type]
    targets.append({"target": "resodraft --version within 0.1 s of a bare python -c pass", "size": 0, "uses": [],
                    "value": round(over, 3), "goal": 0.1, "lower_is_better": True,
                    "met": over < 0.1})
    groups["resodraft --version within 0.1 s of a bare python -c pass"] = [
        f"{over * 1000:.0f} ms over python {'met' if over < 0.1 else 'NOT MET'}"]
    for name, verdicts in groups.items():
        print(f"target: {name}: " + "; ".join(verdicts))

    elapsed = time.perf_counter() - started
    load = max(load_before, os.getloadavg()[0])
    busy = load > (os.cpu_count() or 1)
    print(f"\nbench took {elapsed:.0f} s; load average {load:.1f} on {os.cpu_count()} CPUs"
          + (" — the machine was busy: wall times are inflated, compare the cpu column" if busy else ""))
    results = {
        "commit": commit(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average": round(load, 2), "busy": busy},
        "settings": {"sizes": sizes, "repeat": repeat, "cell_budget_s": args.cell_budget, "budget_s": args.budget,
                     "quick": args.quick},
        "versions": versions(),
        "inputs": {str(k): {key: v for key, v in inputs[k].items() if key in ("words", "pair_words", "changes")} for k in sizes},
        "rows": rows,
        "startup": start,
        "targets": targets,
        "elapsed_s": round(elapsed, 1),
    }
    Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {Path(args.json).relative_to(ROOT) if Path(args.json).is_relative_to(ROOT) else args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
