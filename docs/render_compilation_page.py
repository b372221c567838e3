#!/usr/bin/env python3
"""Render the README's picture of a compilation page: headless Chromium screenshots the HTML.

    python docs/render_compilation_page.py [--out docs/compilation-page.png]

Compiles the example negotiation (docs/examples/negotiation, on the bundled Res.2), writes the
review page to a temporary folder, and has the distribution's Chromium (/usr/bin/chromium)
take a screenshot of it scrolled to OP6 (three competing wordings) and OP8 bis/ter. Starts one
browser with a fresh profile and waits for it; nothing is left running.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "compilation-page.png"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from resodraft.compile import compile_files
    from resodraft.writers.html import write_compilation_html

    compilation = compile_files(str(ROOT / "drafts/ICC-ASP-19-Res.2.fr.md"), [str(ROOT / "docs/examples/negotiation")])
    html = write_compilation_html(compilation, show_withdrawn=True)
    # show the part under negotiation: hide the paragraphs before OP2 and after OP9 for the picture only
    crop = ("<style>main .row{display:none} main #OP2, main #OP5, main #OP6, main #OP7, main #OP8,"
            " main #OP8-bis, main #OP8-ter{display:block} section.footnotes, section.withdrawn{display:none}</style></head>")
    html = html.replace("</head>", crop, 1)
    with tempfile.TemporaryDirectory(prefix="resodraft-shot-") as tmp:
        page = Path(tmp) / "compilation.html"
        page.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"
        subprocess.run(
            [args.chromium, *FLAGS, f"--user-data-dir={profile}", "--window-size=1100,1500",
             f"--screenshot={args.out}", page.as_uri()],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
        )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
