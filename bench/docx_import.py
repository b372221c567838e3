"""Import time of a long Word file: ``resodraft import X.docx`` on a 50-page resolution.

The bundled ``drafts/ICC-ASP-19-Res.2.fr.md`` is scaled as ``bench/run.py`` scales it (the
operative part repeated ``k`` times and numbered on), rendered by ``resodraft render`` as a
clean .docx, and imported back. Pages are counted by LibreOffice (the .docx printed to PDF,
pages read from the PDF) when ``soffice`` is installed, else estimated at 420 words a page.
Prints one line per size and, with ``--json``, the figures as JSON::

    python bench/docx_import.py              # 1× (7 pages) and 9× (50 pages)
    python bench/docx_import.py --sizes 1,9,20 --repeat 7

``import (in-process)`` is ``api.import_file`` in this process after a warm-up (median of
``--repeat`` runs); ``resodraft import`` is the command, start-up included (median too).
Not a timed test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from run import child_env, scale_draft, words  # noqa: E402

BASE = ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"
WORDS_PER_PAGE = 420


def pages(docx: Path, scratch: Path) -> tuple[int, str]:
    """Pages of ``docx`` as LibreOffice prints it, or an estimate from its words."""
    soffice = shutil.which("soffice")
    if soffice:
        profile = Path(tempfile.mkdtemp(prefix="resodraft-bench-lo-"))
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(scratch), str(docx)],
                check=True, capture_output=True, timeout=300,
            )
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        pdf = (scratch / docx.name).with_suffix(".pdf").read_bytes()
        counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
        if counts:
            return max(counts), "LibreOffice"
    return 0, "estimate"


def median_time(fn, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(k: int, repeat: int, scratch: Path) -> dict[str, object]:
    from resodraft import api
    from resodraft.writers.docx import write_clean_docx

    text, _, _ = scale_draft(BASE.read_text(encoding="utf-8"), k)
    md = scratch / f"res2-{k}x.md"
    md.write_text(text, encoding="utf-8")
    docx = scratch / f"res2-{k}x.docx"
    docx.write_bytes(write_clean_docx(api.load(str(md))))
    n_pages, how = pages(docx, scratch)
    if not n_pages:
        n_pages = round(words(text) / WORDS_PER_PAGE)
    res, _ = api.import_file(str(docx))
    in_process = median_time(lambda: api.import_file(str(docx)), repeat)
    cmd = [sys.executable, "-m", "resodraft", "import", str(docx), "-o", str(scratch / "out.md")]
    cli = median_time(lambda: subprocess.run(cmd, check=True, capture_output=True, env=child_env()), repeat)
    return {
        "size": k,
        "words": words(text),
        "pages": n_pages,
        "pages_from": how,
        "kilobytes": round(docx.stat().st_size / 1024),
        "paragraphs": sum(1 for _ in api.outline(res)["blocks"]),
        "import_seconds": round(in_process, 3),
        "cli_seconds": round(cli, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,9", help="scale factors of the bundled draft (default 1,9: 7 and 50 pages)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="resodraft-bench-docx-") as tmp:
        for k in (int(s) for s in args.sizes.split(",")):
            rows.append(measure(k, args.repeat, Path(tmp)))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'size':>4} {'words':>7} {'pages':>6} {'KB':>5} {'blocks':>6} {'import (in-process)':>20} {'resodraft import':>17}")
    for r in rows:
        pages_txt = f"{r['pages']}" + ("" if r["pages_from"] == "LibreOffice" else "~")
        print(f"{r['size']:>3}× {r['words']:>7,} {pages_txt:>6} {r['kilobytes']:>5} {r['paragraphs']:>6} "
              f"{r['import_seconds']:>19.3f}s {r['cli_seconds']:>16.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
