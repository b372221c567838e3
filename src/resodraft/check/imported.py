"""Checking a draft that is not Markdown (a Word file, a PDF, pasted text) through its reader.

``resodraft check X.docx`` reads the file with the reader the registry picks
(:func:`resodraft.readers.sniff`), writes the resolution as canonical Markdown and runs the
ordinary rules on that text. Each finding is then placed back in the file it came from:

- ``line`` is where the reader says the paragraph starts — the paragraph's position in a Word
  document (1 = its first paragraph, empty ones counted), the line of a text file, the line
  of a PDF's extracted text;
- ``column`` is the character's position in the paragraph's own text (1 = its first character
  after the number or letter), since a Word paragraph has no columns of its own;
- the message starts with the paragraph's label (``OP12: …``, ``footnote 3: …``) when it does
  not name it already: in Word the label is what a drafter looks for.

Findings in the front matter (the symbol read from the masthead) are placed at line 1.
"""

from __future__ import annotations

from dataclasses import replace

from resodraft.check.config import CheckConfig
from resodraft.check.core import Context, Finding, Node
from resodraft.model import Resolution, iter_labelled


def check_resolution(res: Resolution, file: str, *, language: str | None = None, config: CheckConfig | None = None) -> list[Finding]:
    """The findings of a resolution read from ``file`` by another reader, placed in ``file``."""
    from resodraft.check import run_rules
    from resodraft.readers.markdown import read_markdown
    from resodraft.writers.markdown import write_markdown

    source = write_markdown(res)
    shadow = read_markdown(source, file=file, language=language or res.meta.language)
    ctx = Context(file, source, shadow)
    findings = run_rules(ctx, config)
    pairs: list[tuple[Node, Node, str]] = []
    for mine, theirs in zip(iter_labelled(shadow), iter_labelled(res)):
        pairs.append((mine.node, theirs.node, mine.label))
    for mine_note, their_note in zip(shadow.footnotes, res.footnotes):
        pairs.append((mine_note, their_note, f"footnote {mine_note.id}"))
    starts = sorted(((m.line or 0), k) for k, (m, _, _) in enumerate(pairs))
    out: list[Finding] = []
    for f in findings:
        owner = None
        for line, k in starts:
            if line and line <= f.line:
                owner = k
            elif line > f.line:
                break
        if owner is None:
            out.append(replace(f, line=1, column=1))
            continue
        md_node, node, label = pairs[owner]
        positions = ctx.smap._positions(md_node)
        offset = next((k for k, pos in enumerate(positions) if pos >= (f.line, f.column)), len(positions) - 1)
        message = f.message if label in f.message else f"{label}: {f.message}"
        out.append(replace(f, line=node.line or 1, column=offset + 1, message=message))
    return sorted(out, key=lambda f: (f.line, f.column, f.rule, f.message))
