"""Render the first page of a redline .docx as PDF and PNG with LibreOffice (the README picture).

    python bench/render_pages.py                       # docs/redline-page1.png (visual redline, Res.2)
    python bench/render_pages.py --mode tracked --pair res6 --out /tmp/tracked.png
    python bench/render_pages.py --page 3 --out /tmp/page3.png

The pair is last year's text and the accepted text of the seed's annex:
``res2`` = drafts/ICC-ASP-19-Res.2.fr.md → tests/golden/annex1.accepted.md,
``res6`` = drafts/ICC-ASP-19-Res.6-coop.fr.md → tests/golden/annex2.accepted.md.
Steps: ``resodraft.redline.compare``, the .docx writer, ``soffice --headless --convert-to pdf``
(private profile, so it never touches a running LibreOffice), ``pdftoppm -png -r 80 -f 1 -l 1``.
Prints the time of each step. Needs ``soffice`` and ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = {
    "res2": ("drafts/ICC-ASP-19-Res.2.fr.md", "tests/golden/annex1.accepted.md"),
    "res6": ("drafts/ICC-ASP-19-Res.6-coop.fr.md", "tests/golden/annex2.accepted.md"),
}


def render_page(docx: Path, png: Path, *, page: int = 1, dpi: int = 80) -> dict[str, float]:
    """``docx`` → PDF (LibreOffice) → PNG of ``page`` at ``dpi``; returns the seconds per step."""
    soffice = shutil.which("soffice")
    pdftoppm = shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        raise SystemExit("needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="resodraft-render-") as tmp:
        profile = Path(tmp) / "profile"
        t = time.perf_counter()
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
             "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
        )
        times["soffice pdf"] = time.perf_counter() - t
        pdf = Path(tmp) / (docx.stem + ".pdf")
        t = time.perf_counter()
        subprocess.run(
            [pdftoppm, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(Path(tmp) / "page")],
            check=True, timeout=60,
        )
        times["pdftoppm png"] = time.perf_counter() - t
        png.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(tmp) / "page.png", png)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", choices=sorted(PAIRS), default="res2")
    parser.add_argument("--mode", choices=("redline", "tracked"), default="redline")
    parser.add_argument("--insert-style", default="bold", choices=("bold", "underline", "bold-underline"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "redline-page1.png")
    parser.add_argument("--page", type=int, default=1, help="which page to render (default 1)")
    parser.add_argument("--keep-docx", type=Path, help="also save the .docx here")
    args = parser.parse_args(argv)

    from resodraft.readers import read
    from resodraft.redline import compare
    from resodraft.writers.docx import write_redline_docx, write_tracked_docx

    old_path, new_path = PAIRS[args.pair]
    t = time.perf_counter()
    redline = compare(read(str(ROOT / old_path)), read(str(ROOT / new_path)))
    t_compare = time.perf_counter() - t
    t = time.perf_counter()
    if args.mode == "redline":
        data = write_redline_docx(redline, insert_style=args.insert_style)
    else:
        data = write_tracked_docx(redline, date="2021-11-04")
    t_write = time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="resodraft-bench-") as tmp:
        docx = Path(tmp) / f"{args.pair}.{args.mode}.docx"
        docx.write_bytes(data)
        if args.keep_docx:
            shutil.copyfile(docx, args.keep_docx)
        times = render_page(docx, args.out, page=args.page)
    print(f"compare {t_compare:.3f} s, write .docx {t_write:.3f} s ({len(data)} bytes)")
    for step, seconds in times.items():
        print(f"{step} {seconds:.2f} s")
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
