#!/usr/bin/env python3
"""How long ``resodraft import`` takes on a 10-page PDF (figures comparable across commits).

    python bench/import_time.py              # build the PDF if needed, then time it
    python bench/import_time.py --repeat 9   # more runs

The input is the bundled ``drafts/ICC-ASP-19-Res.2.fr.md`` (3,379 words, 38 operative
paragraphs, 7 footnotes) written to Word by pandoc with a running header and a "page/pages"
footer (``tests/pdf_samples.py``), its margins set so that it fills exactly 10 pages, and
printed by LibreOffice. It is built once into ``bench/inputs/`` (not versioned) and rebuilt
when missing; LibreOffice (``soffice``) is needed to build it, not to time it.

Printed: the in-process time of :func:`resodraft.api.import_file` (median and best of
``--repeat`` runs after one warm-up run: pdfminer's parsing, the repairs, classification) and
the wall time of ``resodraft import FILE -o OUT`` in a fresh process (start-up included), with
the commit they were measured on. A Word figure will join it when the Word reader lands.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "bench" / "inputs"
PDF = INPUTS / "ICC-ASP-19-Res.2.10pages.pdf"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def pages(path: Path) -> int:
    from pdfminer.pdfpage import PDFPage

    with path.open("rb") as f:
        return sum(1 for _ in PDFPage.get_pages(f))


def build(target: int = 10) -> Path:
    """Print the draft to a ``target``-page PDF (margins adjusted until it has that many pages)."""
    import docx
    from docx.shared import Inches

    from pdf_samples import draft_docx, libreoffice_pdfs

    source = (ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md").read_text(encoding="utf-8")
    base = draft_docx(source, job="20-10001")
    INPUTS.mkdir(parents=True, exist_ok=True)
    for margin in (1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6):
        document = docx.Document(io.BytesIO(base))
        for section in document.sections:
            section.left_margin = section.right_margin = Inches(margin)
            section.top_margin = section.bottom_margin = Inches(margin)
        buf = io.BytesIO()
        document.save(buf)
        with tempfile.TemporaryDirectory() as tmp:
            out = libreoffice_pdfs({"draft": buf.getvalue()}, Path(tmp))["draft"]
            if pages(out) == target:
                PDF.write_bytes(out.read_bytes())
                return PDF
    raise SystemExit(f"bench: could not print the draft to exactly {target} pages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if not PDF.exists():
        build()
    from resodraft import api

    api.import_file(str(PDF))  # warm-up: imports, caches
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        res, _report = api.import_file(str(PDF))
        times.append(time.perf_counter() - t0)
    with tempfile.TemporaryDirectory() as tmp:
        walls = []
        for _ in range(max(1, args.repeat // 2)):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "resodraft", "import", str(PDF), "-o", str(Path(tmp) / "out.md")],
                           check=True, capture_output=True, cwd=ROOT)
            walls.append(time.perf_counter() - t0)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    result = {
        "commit": commit,
        "input": {"file": PDF.name, "pages": pages(PDF), "bytes": PDF.stat().st_size,
                  "operative": sum(1 for b in res.blocks if b.kind == "operative"), "footnotes": len(res.footnotes)},
        "import_file_s": {"median": round(statistics.median(times), 3), "best": round(min(times), 3), "runs": len(times)},
        "cli_wall_s": {"median": round(statistics.median(walls), 3), "runs": len(walls)},
    }
    print(json.dumps(result, indent=1))
    print(
        f"\n10-page PDF ({result['input']['pages']} pages, {result['input']['operative']} operative paragraphs): "
        f"api.import_file {result['import_file_s']['median']} s (median of {len(times)}), "
        f"resodraft import {result['cli_wall_s']['median']} s wall — commit {commit}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
