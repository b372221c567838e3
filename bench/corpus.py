#!/usr/bin/env python3
"""Import + show + check over a folder of resolutions as people hold them; figures per file.

    python bench/corpus.py PATH                  # a folder (*.md, *.txt, *.pdf, *.docx) or files
    python bench/corpus.py PATH --markdown OUT.md   # also write the table as Markdown
    python bench/corpus.py PATH --json OUT.json     # every figure, per file

For each file, in-process through the library API (:func:`resodraft.api.import_file`,
:func:`resodraft.api.outline`, :func:`resodraft.check.check_text` on the imported draft):

- **imported** or **refused** (the one-line error a user would see);
- **PP / OP / sub / fn**: what the import found (``show``) against what the source itself
  says, counted here *independently of the reader*, from the source text's own lines:

  * OP: lines starting ``N.`` before the closing line ("35th plenary meeting");
  * sub: lines starting ``(a)``/``a)``/``(ii)`` before the closing line;
  * PP: blank-line-separated blocks between the enacting formula and the first ``1.`` that
    end with a comma (a footnote call may follow it: ``,2`` or ``,[^2]``), so a paragraph split
    in two by a page break counts once;
  * fn: footnote definitions ``[^N]:`` numbered 1, 2, 3… in order (a "definition" that breaks
    the sequence is a line of the previous footnote that starts with a number).

  The counts are only computed for text sources (``.md``/``.txt``); for PDF and Word files the
  column shows what the import found.
- **calls**: footnotes called in the imported text / footnotes defined in the source (each UN
  footnote is called once);
- **errors**: ``check``'s error findings on the imported draft, by rule.

The totals line gives the targets of issue 10: imported ≥ 52/55, OP counts right on every
imported file, ≥ 95 % of footnote calls recognised, < 0.5 error findings per imported
resolution.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from resodraft import api  # noqa: E402
from resodraft.check import check_text  # noqa: E402
from resodraft.errors import ResodraftError  # noqa: E402
from resodraft.model import NoteRef, iter_labelled  # noqa: E402

SUFFIXES = (".md", ".txt", ".pdf", ".docx")
_CLOSING = re.compile(r"^\d{1,3}\s*(?:st|nd|rd|th|e|re|er)?\s+(?:plenary meeting|séance plénière)\b", re.I)
_OP = re.compile(r"^\d{1,3}\.\s")
_SUB = re.compile(r"^\(?(?:[a-z]{1,2}|[ivx]{1,5})\)\s")
_DEF = re.compile(r"^\[\^(\d+)\]:")
_FORMULA = re.compile(r"^(?:The General Assembly|L['’]Assemblée générale|The Assembly of States Parties|L['’]Assemblée des États Parties)\s*,?\s*$")
_PP_END = re.compile(r",\s?(?:\d{1,3}|\[\^\d+\])?$")


def source_counts(text: str) -> dict[str, int]:
    """PP/OP/sub/fn counted from the source's own lines (see the module doc)."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    body: list[str] = []
    for line in lines:
        if _CLOSING.match(line.strip()):
            break
        body.append(line)
    op = sum(1 for line in body if _OP.match(line))
    sub = sum(1 for line in body if _SUB.match(line))
    # preamble blocks
    pp = 0
    in_preamble = False
    block: list[str] = []
    for line in body + [""]:
        s = line.strip()
        if _FORMULA.match(s):
            in_preamble = True
            continue
        if in_preamble and _OP.match(s):
            break
        if not s:
            if in_preamble and block and _PP_END.search(" ".join(block)):
                pp += 1
            block = []
            continue
        block.append(s)
    expected = 1
    for line in lines:
        m = _DEF.match(line)
        if m and int(m.group(1)) == expected:
            expected += 1
    return {"pp": pp, "op": op, "sub": sub, "fn": expected - 1}


def run_file(path: Path) -> dict[str, object]:
    row: dict[str, object] = {"file": path.name}
    t0 = time.perf_counter()
    source = None
    if path.suffix in (".md", ".txt"):
        source = source_counts(path.read_text(encoding="utf-8"))
    row["source"] = source
    try:
        res, report = api.import_file(str(path))
    except ResodraftError as exc:
        row.update(status="refused", why=str(exc), seconds=round(time.perf_counter() - t0, 3))
        return row
    data = api.outline(res)  # what `resodraft show` prints
    kinds = Counter(b["kind"] for b in data["blocks"])
    called = {i.id for item in iter_labelled(res) for i in item.node.content if isinstance(i, NoteRef)}
    defined = {f.id for f in res.footnotes}
    draft = api.to_markdown(res)
    findings = check_text(draft, path.stem + ".imported.md")
    errors = Counter(f.rule for f in findings if f.severity == "error")
    row.update(
        status="imported",
        format=report.format,
        got={"pp": kinds["preambular"], "op": kinds["operative"], "sub": kinds["subparagraph"], "fn": len(res.footnotes)},
        calls=len(called & defined),
        inferences=Counter(i.kind for i in report.items),
        errors=dict(errors),
        error_messages=[f"{f.line}: {f.rule} {f.message}" for f in findings if f.severity == "error"],
        seconds=round(time.perf_counter() - t0, 3),
    )
    return row


def _cell(got: int, want: int | None) -> str:
    if want is None:
        return str(got)
    return f"{got}" if got == want else f"{got}≠{want}"


def table(rows: list[dict[str, object]]) -> tuple[list[str], dict[str, object]]:
    out = ["| file | import | PP | OP | sub | fn | calls | errors |", "|---|---|---|---|---|---|---|---|"]
    imported = op_right = calls = expected = errs = 0
    refused: list[str] = []
    rules: Counter[str] = Counter()
    for row in rows:
        src = row.get("source") or {}
        if row["status"] != "imported":
            out.append(f"| {row['file']} | refused: {row['why']} | | | | | | |")
            refused.append(str(row["file"]))
            continue
        got = row["got"]
        imported += 1
        want_fn = src.get("fn", got["fn"]) if src else got["fn"]
        op_ok = not src or got["op"] == src["op"]
        op_right += op_ok
        calls += row["calls"]
        expected += want_fn
        e = sum(row["errors"].values())
        errs += e
        rules.update(row["errors"])
        err = ", ".join(f"{r} {n}" for r, n in sorted(row["errors"].items())) or "0"
        out.append(
            f"| {row['file']} | {row['format']} | {_cell(got['pp'], src.get('pp'))} | {_cell(got['op'], src.get('op'))} "
            f"| {_cell(got['sub'], src.get('sub'))} | {_cell(got['fn'], src.get('fn'))} | {row['calls']}/{want_fn} | {err} |"
        )
    total = {
        "files": len(rows),
        "imported": imported,
        "op_right": op_right,
        "calls": calls,
        "calls_expected": expected,
        "calls_pct": round(100 * calls / expected, 1) if expected else 100.0,
        "errors": errs,
        "errors_per_resolution": round(errs / imported, 2) if imported else 0.0,
        "errors_by_rule": dict(rules),
        "refused": refused,
    }
    out.append(
        f"| **total** | **{imported}/{len(rows)} imported** | | **OP right {op_right}/{imported}** | | "
        f"| **{calls}/{expected} ({total['calls_pct']} %)** | **{errs} ({total['errors_per_resolution']}/resolution)** |"
    )
    return out, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="folders or files")
    parser.add_argument("--markdown", help="write the table as Markdown here")
    parser.add_argument("--json", help="write every figure here")
    parser.add_argument("--errors", action="store_true", help="list every error finding")
    args = parser.parse_args(argv)
    files: list[Path] = []
    for p in map(Path, args.paths):
        files.extend(sorted((f for f in p.iterdir() if f.suffix in SUFFIXES), key=_natural) if p.is_dir() else [p])
    rows = [run_file(f) for f in files]
    lines, total = table(rows)
    print("\n".join(lines))
    print()
    print(
        f"imported {total['imported']}/{total['files']}; OP counts right on {total['op_right']}/{total['imported']}; "
        f"footnote calls {total['calls']}/{total['calls_expected']} ({total['calls_pct']} %); "
        f"check errors {total['errors']} ({total['errors_per_resolution']} per resolution) {total['errors_by_rule']}"
    )
    if args.errors:
        for row in rows:
            for msg in row.get("error_messages", []):
                print(f"{row['file']}:{msg}")
    if args.markdown:
        Path(args.markdown).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps({"total": total, "files": rows}, ensure_ascii=False, indent=1, default=dict), encoding="utf-8")
    return 0


def _natural(p: Path) -> list[object]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name)]


if __name__ == "__main__":
    raise SystemExit(main())
