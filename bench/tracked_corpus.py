"""Try ``resodraft amendments`` on Word files with tracked changes made from real resolutions.

    python bench/tracked_corpus.py [--corpus /work/corpus/documents/ga-res-80] [--seeds 1] [--limit N]

For every text of the corpus that ``resodraft import`` reads: the base as a canonical draft,
rendered as our clean Word file; LibreOffice (one ``soffice``, ``tests/oracles/lo_author.py``)
edits it with Track Changes on as two or three authors — the same seeded edits as
``tests/test_amendments_tracked_libreoffice.py``: replaced, inserted and deleted words, a
deleted paragraph, a new paragraph — saves it, and accepts all changes. Then
``resodraft amendments BASE TRACKED.docx -o DIR/`` writes one file per author; the files are
applied together, rendered clean, and read back by LibreOffice. Printed: cases, files, changes
derived against edits made, mismatches with LibreOffice's Accept All text (body and footnotes,
paragraph numbers and no-break spaces aside), refusals, time. Needs soffice and python3-uno
(``/usr/bin/python3``). The corpus texts are not part of the repository; only this script and
its figures are.
"""

from __future__ import annotations

import argparse
import glob
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import run_cli  # noqa: E402
from test_amendments_tracked_libreoffice import _mismatch, generate, normalized  # noqa: E402
from test_reader_docx_libreoffice import Author, _missing  # noqa: E402

from resodraft import api  # noqa: E402
from resodraft.errors import ResodraftError  # noqa: E402
from resodraft.readers.markdown import read_markdown  # noqa: E402


def _numbers_only(want: tuple[list[str], list[str]], got: tuple[list[str], list[str]]) -> bool:
    """Do the two texts differ only in numbers (the references ``apply`` renumbers)?"""
    a = [w for side in want for line in side for w in line.split()]
    b = [w for side in got for line in side for w in line.split()]
    return len(a) == len(b) and all(x == y or (x.strip(",;.").isdigit() and y.strip(",;.").isdigit()) for x, y in zip(a, b))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="/work/corpus/documents/ga-res-80")
    parser.add_argument("--seeds", type=int, default=1, help="cases per text")
    parser.add_argument("--limit", type=int, default=0, help="first N texts only")
    args = parser.parse_args()
    reason = _missing()
    if reason:
        print(f"skipped: {reason}")
        return 1
    paths = sorted(glob.glob(f"{args.corpus}/*.md"))
    if args.limit:
        paths = paths[: args.limit]
    office = Author()
    stats = {"texts": 0, "unreadable": 0, "cases": 0, "files": 0, "edits": 0, "changes": 0,
             "mismatches": 0, "refused": 0, "count-differs": 0, "renumbered": 0}
    problems: list[str] = []
    started = time.monotonic()
    derive_time = 0.0
    try:
        with tempfile.TemporaryDirectory(prefix="resodraft-tracked-corpus-") as tmp:
            folder = Path(tmp)
            for path in paths:
                name = Path(path).stem
                try:
                    res, _ = api.import_file(path)
                    base_md = folder / f"{name}.md"
                    base_md.write_text(api.to_markdown(res), encoding="utf-8")
                    base = read_markdown(base_md.read_text(encoding="utf-8"), str(base_md))
                except ResodraftError as exc:
                    stats["unreadable"] += 1
                    problems.append(f"{name}: not read ({exc})")
                    continue
                clean = folder / f"{name}.docx"
                if run_cli(["render", str(base_md), "--mode", "clean", "-o", str(clean)])[0] != 0:
                    stats["unreadable"] += 1
                    continue
                stats["texts"] += 1
                for seed in range(args.seeds):
                    case = folder / f"{name}-{seed}"
                    case.mkdir()
                    edits, made = generate(seed, base)
                    tracked = case / "tracked.docx"
                    answer = office(op="track", path=clean, out=tracked, edits=edits, then="accept")
                    stats["cases"] += 1
                    stats["edits"] += len(edits)
                    t0 = time.monotonic()
                    code, _, err = run_cli(["amendments", str(base_md), str(tracked), "-o", f"{case}/amendments/"])
                    derive_time += time.monotonic() - t0
                    if code != 0:
                        stats["refused"] += 1
                        problems.append(f"{name} seed {seed}: {err.strip()}")
                        continue
                    files = sorted((case / "amendments").glob("*.toml"))
                    stats["files"] += len(files)
                    for author, n in made.items():
                        line = next((x for x in err.splitlines() if f" by {author} (" in x), "")
                        got = int(line.split()[0]) if line[:1].isdigit() else 0
                        stats["changes"] += got
                        if got != n:
                            stats["count-differs"] += 1
                            problems.append(f"{name} seed {seed}: {author} made {n} edits, {got} changes derived")
                    new_md = case / "new.md"
                    new_docx = case / "new.docx"
                    # a reference to a deleted paragraph stays dangling in Word; apply refuses it unless told
                    for step in (["apply", str(base_md), str(case / "amendments"), "--allow-dangling", "-o", str(new_md)],
                                 ["render", str(new_md), "--mode", "clean", "-o", str(new_docx)]):
                        code, _, err = run_cli(step)
                        if code != 0:
                            break
                    if code != 0:
                        stats["mismatches"] += 1
                        problems.append(f"{name} seed {seed}: {step[0]} failed: {err.strip()}")
                        continue
                    ours = office(op="none", path=new_docx)
                    want, got = normalized(answer["then"]), normalized(ours)
                    diff = _mismatch(want[0], got[0]) or _mismatch(want[1], got[1])
                    if diff and _numbers_only(want, got):
                        stats["renumbered"] += 1  # apply renumbers references, Word does not
                        problems.append(f"{name} seed {seed}: references renumbered by apply\n{diff}")
                    elif diff:
                        stats["mismatches"] += 1
                        problems.append(f"{name} seed {seed}: mismatch\n{diff}")
    finally:
        office.close()
    elapsed = time.monotonic() - started
    for line in problems:
        print(line)
    print(
        f"{stats['texts']} texts ({stats['unreadable']} not read), {stats['cases']} cases, {stats['edits']} edits by "
        f"2–3 authors → {stats['files']} files, {stats['changes']} changes; {stats['mismatches']} mismatches with "
        f"LibreOffice's Accept All (and {stats['renumbered']} where only references apply renumbers differ), "
        f"{stats['refused']} refused, {stats['count-differs']} authors whose change count "
        f"differs from their edits; {elapsed:.0f} s ({derive_time / max(stats['cases'], 1):.2f} s per derivation)"
    )
    return 1 if stats["mismatches"] or stats["refused"] else 0


if __name__ == "__main__":
    sys.exit(main())
