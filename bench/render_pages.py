"""Render pages of resodraft's Word files as PNG with LibreOffice (the README pictures).

    python bench/render_pages.py --readme              # the README pictures, in docs/ (see README)
    python bench/render_pages.py --pair res6           # docs/redline-page1.png (visual redline, Res.6)
    python bench/render_pages.py --job res2 --mode tracked --find "Se félicite de la conclusion" --out /tmp/p.png
    python bench/render_pages.py --pair res2 --mode tracked --page 3 --out /tmp/page3.png

Two sources:

- ``--pair``: last year's text and the accepted text of the seed's annex, compared
  (``res2`` = drafts/ICC-ASP-19-Res.2.fr.md → tests/golden/annex1.accepted.md, ``res6`` =
  drafts/ICC-ASP-19-Res.6-coop.fr.md → tests/golden/annex2.accepted.md);
- ``--job``: the main job, last year's text and its 2021 amendments (``drafts/2021/Res.2`` or
  ``Res.6-coop``), plus any ``--amend FILE.toml`` (``bench/pages/res2-move.toml`` adds a move).

``--mode clean|redline|tracked`` picks the file; ``--page N`` or ``--find TEXT`` (the first page
whose text contains TEXT) the page. Steps: the .docx writer (dated 2021-11-04, so the files are
reproducible), ``soffice --headless --convert-to pdf`` (private profile, so it never touches a
running LibreOffice; one soffice for all the files of a run), ``pdftoppm -png -r 80``. LibreOffice
shows tracked changes as it displays them on screen (inserted text underlined, deleted struck,
both coloured by author, a change bar in the margin; moves in green). The fonts are the metric-
compatible ones fontconfig substitutes for the styles' Times New Roman (Liberation Serif) and
the theme's Calibri/Cambria (Carlito, Caladea): ``pdffonts`` lists what the PDF embeds, and this
script prints it. Needs ``soffice``, ``pdftoppm``, ``pdftotext`` and ``pdffonts`` (poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = {
    "res2": ("drafts/ICC-ASP-19-Res.2.fr.md", "tests/golden/annex1.accepted.md"),
    "res6": ("drafts/ICC-ASP-19-Res.6-coop.fr.md", "tests/golden/annex2.accepted.md"),
}
JOBS = {
    "res2": ("drafts/ICC-ASP-19-Res.2.fr.md", "drafts/2021/Res.2"),
    "res6": ("drafts/ICC-ASP-19-Res.6-coop.fr.md", "drafts/2021/Res.6-coop"),
}
DATE = "2021-11-04"


@dataclass(frozen=True)
class Picture:
    """One page to draw: which file of which source, which page, where to."""

    out: Path
    mode: str  # clean | redline | tracked
    job: str | None = None
    pair: str | None = None
    amend: tuple[str, ...] = ()
    page: int | None = None
    find: str | None = None
    insert_style: str = "bold"


README_PICTURES = (
    # page 1 of the clean file: masthead, first-page header, footer
    Picture(ROOT / "docs" / "clean-page1.png", "clean", job="res2", page=1),
    # a tracked page: a move (bench/pages/res2-move.toml), an inserted paragraph, renumbering
    Picture(ROOT / "docs" / "tracked-page.png", "tracked", job="res2", amend=("bench/pages/res2-move.toml",),
            find="Se félicite de la conclusion"),
    # the visual redline: replacements, a deleted phrase, the symbol line (the README's
    # "--pair res6 --out docs/redline-page1.png" draws the same page)
    Picture(ROOT / "docs" / "redline-page1.png", "redline", pair="res6", page=1),
)


def docx_bytes(picture: Picture) -> bytes:
    """The .docx the picture shows."""
    from resodraft import api
    from resodraft.readers import read
    from resodraft.redline import compare
    from resodraft.writers.docx import write_clean_docx, write_redline_docx, write_tracked_docx

    if picture.job is not None:
        base, folder = JOBS[picture.job]
        amendments = [str(ROOT / folder), *(str(ROOT / a) for a in picture.amend)]
        job = api.redline_job(str(ROOT / base), amendments, "out", date=DATE, insert_style=picture.insert_style)
        suffix = {"clean": "clean.docx", "redline": "redline.docx", "tracked": "tracked.docx"}[picture.mode]
        data = next(v for k, v in job.files.items() if k.endswith(suffix))
        assert isinstance(data, bytes)
        return data
    assert picture.pair is not None
    old_path, new_path = PAIRS[picture.pair]
    old, new = read(str(ROOT / old_path)), read(str(ROOT / new_path))
    if picture.mode == "clean":
        return write_clean_docx(new, date=DATE)
    redline = compare(old, new)
    if picture.mode == "redline":
        return write_redline_docx(redline, insert_style=picture.insert_style, date=DATE)
    return write_tracked_docx(redline, date=DATE)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"needs {name} (LibreOffice: soffice; poppler-utils: pdftoppm, pdftotext, pdffonts)")
    return path


def render(pictures: list[Picture], *, dpi: int = 80, keep_docx: Path | None = None) -> dict[str, float]:
    """Write the PNG of each picture; returns the seconds each step took."""
    soffice, pdftoppm, pdftotext, pdffonts = (_tool(t) for t in ("soffice", "pdftoppm", "pdftotext", "pdffonts"))
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="resodraft-render-") as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        files = []
        for k, picture in enumerate(pictures):
            path = folder / f"page{k}.{picture.mode}.docx"
            path.write_bytes(docx_bytes(picture))
            files.append(path)
            if keep_docx is not None:
                keep_docx.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, keep_docx / picture.out.with_suffix(".docx").name)
        times["write .docx"] = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{folder / 'profile'}",
             "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
        )
        times["soffice pdf"] = time.perf_counter() - t
        t = time.perf_counter()
        for picture, path in zip(pictures, files):
            pdf = path.with_suffix(".pdf")
            page = picture.page or _find_page(pdftotext, pdf, picture.find or "")
            subprocess.run(
                [pdftoppm, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                 str(folder / "page")],
                check=True, timeout=60,
            )
            picture.out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / "page.png", picture.out)
            fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
            names = sorted({line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()})
            print(f"{picture.out.relative_to(ROOT) if picture.out.is_relative_to(ROOT) else picture.out}: "
                  f"{picture.mode}, page {page}; fonts {', '.join(names)}")
        times["pdftoppm png"] = time.perf_counter() - t
    return times


def _find_page(pdftotext: str, pdf: Path, text: str) -> int:
    """The first page of ``pdf`` whose text contains ``text`` (white space folded)."""
    whole = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    wanted = " ".join(text.split())
    for number, page in enumerate(whole.split("\f"), start=1):
        if wanted in " ".join(page.split()):
            return number
    raise SystemExit(f"no page of {pdf.name} contains {text!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="draw the README pictures (docs/*.png)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--pair", choices=sorted(PAIRS), help="compare last year's text with the annex")
    source.add_argument("--job", choices=sorted(JOBS), help="run the main job with the 2021 amendments")
    parser.add_argument("--amend", action="append", default=[], help="another amendment file for --job")
    parser.add_argument("--mode", choices=("clean", "redline", "tracked"), default="redline")
    parser.add_argument("--insert-style", default="bold", choices=("bold", "underline", "bold-underline"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "redline-page1.png")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--page", type=int, help="which page to draw (default 1)")
    where.add_argument("--find", help="draw the first page containing this text")
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--keep-docx", type=Path, help="also save the .docx files in this folder")
    args = parser.parse_args(argv)

    if args.readme:
        pictures = list(README_PICTURES)
    else:
        pair = args.pair or (None if args.job else "res6")  # by default the README's redline page
        pictures = [Picture(args.out, args.mode, job=args.job, pair=pair,
                            amend=tuple(args.amend), page=args.page if args.page or args.find else 1,
                            find=args.find, insert_style=args.insert_style)]
    times = render(pictures, dpi=args.dpi, keep_docx=args.keep_docx)
    for step, seconds in times.items():
        print(f"{step} {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
