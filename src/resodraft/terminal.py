"""Terminal views (rich): the outline of a draft; the redline in colour (see :mod:`redline`)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

_NAMES = {
    "preambular": ("preambular", "preambular"),
    "operative": ("operative", "operative"),
    "subparagraph": ("sub-paragraph", "sub-paragraphs"),
    "heading": ("heading", "headings"),
    "part": ("part", "parts"),
}


def _count(n: int, kind: str) -> str:
    one, many = _NAMES.get(kind, (kind, kind + "s"))
    return f"{n} {one if n == 1 else many}"


def outline_summary(data: dict[str, Any]) -> str:
    """``12 preambular, 38 operative, 10 headings; 7 footnotes`` (paragraphs by kind)."""
    counts: dict[str, int] = {}
    for block in data["blocks"]:
        counts[block["kind"]] = counts.get(block["kind"], 0) + 1
    parts = [_count(counts[k], k) for k in _NAMES if k in counts]
    parts += [_count(n, k) for k, n in counts.items() if k not in _NAMES]
    notes = len(data["footnotes"])
    return ", ".join(parts) + ("; 1 footnote" if notes == 1 else f"; {notes} footnotes")


def print_outline(data: dict[str, Any], console: Console | None = None) -> None:
    """The title, then one line per paragraph (label, kind, start of the text) and per
    footnote (``FN1``…), then counts.

    Labels are never shortened (they are what amendment files refer to); the text is cut
    with "…" at the width of the terminal (80 columns when the output is not a terminal).
    """
    console = console or Console(highlight=False)
    meta = data["meta"]
    title = " · ".join(str(meta[k]) for k in ("symbol", "title") if meta.get(k)) or "(untitled draft)"
    console.print(Text(title, style="bold"), overflow="fold")
    notes = [{"label": n.get("label", f"FN{n['id']}"), "kind": "footnote", "text": n["text"]} for n in data["footnotes"]]
    label_w = max([len("label")] + [len(b["label"]) for b in [*data["blocks"], *notes]])
    kind_w = max(len("subparagraph"), *(len(b["kind"]) for b in data["blocks"]))
    text_w = max(20, console.width - label_w - kind_w - 4)
    header = Text(f"{'label':<{label_w}}  {'kind':<{kind_w}}  text", style="dim")
    console.print(header, no_wrap=True, crop=False)
    for block in [*data["blocks"], *notes]:
        indent = "  " if block["kind"] == "subparagraph" else ""
        text = Text(indent + block["text"])
        text.truncate(text_w, overflow="ellipsis")
        line = Text.assemble(
            (f"{block['label']:<{label_w}}", "bold cyan"), "  ", f"{block['kind']:<{kind_w}}", "  ", text
        )
        console.print(line, no_wrap=True, crop=False)
    console.print(outline_summary(data), no_wrap=True, crop=False)


def print_report(report: Any, console: Console | None = None) -> None:
    """What an import inferred, one line each on standard error: ``where: message``."""
    console = console or Console(stderr=True, highlight=False)
    console.print(Text(f"{report.file}: read as {report.format}", style="bold"), overflow="fold")
    for item in report.items:
        where = f"{item.where}: " if item.where else ""
        console.print(Text.assemble((where, "cyan"), item.message), overflow="fold")
