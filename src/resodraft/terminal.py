"""Terminal views (rich): the outline of a draft; the redline in colour (see :mod:`redline`)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def print_outline(data: dict[str, Any], console: Console | None = None) -> None:
    """A table of labels, kinds, numbers and the start of each paragraph's text."""
    console = console or Console(highlight=False)
    meta = data["meta"]
    title = " · ".join(str(meta[k]) for k in ("symbol", "title") if meta.get(k)) or "(untitled draft)"
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column("label", style="bold cyan", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("text", overflow="ellipsis", no_wrap=True, max_width=90)
    for block in data["blocks"]:
        indent = "  " if block["kind"] == "subparagraph" else ""
        table.add_row(block["label"], block["kind"], indent + block["text"])
    console.print(table)
    counts: dict[str, int] = {}
    for block in data["blocks"]:
        counts[block["kind"]] = counts.get(block["kind"], 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    console.print(f"{summary}; {len(data['footnotes'])} footnotes")
