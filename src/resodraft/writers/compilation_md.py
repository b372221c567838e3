"""Markdown compilation text: the agreed draft with every proposal in place, tagged.

Reads like the redline (``~~deleted~~ **inserted**``, one paragraph per line, footnotes at
the end) with the conventions of a negotiation's compilation text:

- a proposal nobody else competes with is marked inline and followed by its tag:
  ``~~de deux suspects~~ **d'un suspect** [EU]``;
- competing proposals on the same words are numbered alternatives in square brackets, in
  file order: ``[Alt 1 [EU] … / Alt 2 [AG] … / Alt 3 [CH] …]``;
- a proposed new paragraph is numbered after the agreed one it follows (``8 bis.``), in bold,
  tagged; a proposed move is a remark after the paragraph (``([EU]: move OP7 after OP12)``);
- withdrawn proposals are left out, or listed at the end under "Withdrawn proposals" with
  ``show_withdrawn``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from resodraft.compile import Alternative, Compilation, CompiledParagraph, Contest, Kept, Proposal
from resodraft.model import NoteRef, Op
from resodraft.writers.markdown import inlines_to_md
from resodraft.writers.redline_md import ops_to_md


class CallNumbers:
    """Footnote numbers in order of first call in the compilation (what ``ops_to_md`` asks)."""

    def __init__(self, compilation: Compilation) -> None:
        self.by_id: dict[str, int] = {}
        for content in _contents(compilation):
            for item in content:
                if isinstance(item, NoteRef) and item.id not in self.by_id:
                    self.by_id[item.id] = len(self.by_id) + 1
        for note in compilation.footnotes:
            self.by_id.setdefault(note.id, len(self.by_id) + 1)

    def of_call(self, ref: NoteRef, kind: str) -> int | None:
        return self.by_id.get(ref.id)


def _contents(compilation: Compilation) -> Iterator[tuple]:
    if compilation.formula:
        yield compilation.formula
    for p in compilation.paragraphs:
        for seg in p.segments:
            if isinstance(seg, Kept):
                yield seg.content
            else:
                for alt in seg.alternatives:
                    for op in alt.ops:
                        yield op.content


def _edges(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead, core, trail


def render_contest(contest: Contest, compilation: Compilation, numbers: CallNumbers) -> str:
    """One contested stretch: inline and tagged, or ``[Alt 1 [EU] … / Alt 2 [AG] …]``."""
    rendered = [ops_to_md(a.ops, numbers, at_line_start=False) for a in contest.alternatives]
    if not contest.competing:
        lead, core, trail = _edges(rendered[0])
        return f"{lead}{core} {compilation.tag(contest.alternatives[0].proposal)}{trail}"
    lead, _, trail = _edges(inlines_to_md(contest.old, at_line_start=False) if contest.old else "")
    items = [
        f"Alt {k} {compilation.tag(a.proposal)} {text.strip()}"
        for k, (a, text) in enumerate(zip(contest.alternatives, rendered), start=1)
    ]
    return f"{lead}[{' / '.join(items)}]{trail}"


def _prefix(p: CompiledParagraph) -> str:
    if p.kind == "heading":
        return "#" * max(2, p.level) + " "
    if p.kind == "part":
        return f"# {p.number}. " if p.number else "# "
    if p.number is None:
        return ""
    if p.kind == "operative":
        return f"{p.number}. "
    if p.kind == "subparagraph":
        return f"({p.number}) " if p.style == "()" else f"{p.number}) "
    return ""


def paragraph_md(p: CompiledParagraph, compilation: Compilation, numbers: CallNumbers) -> str:
    """One paragraph of the compilation as one Markdown line."""
    prefix = _prefix(p)
    if p.status == "proposed":
        assert p.proposal is not None
        body = ops_to_md(p.segments[0].alternatives[0].ops, numbers, at_line_start=False)  # type: ignore[union-attr]
        number = f"**{prefix.strip()}** " if p.kind in ("operative", "subparagraph") and prefix else prefix
        return f"{number}{body} {compilation.tag(p.proposal)}"
    out: list[str] = []
    for seg in p.segments:
        if isinstance(seg, Kept):
            out.append(inlines_to_md(seg.content, at_line_start=not out and not prefix))
        else:
            out.append(render_contest(seg, compilation, numbers))
    line = prefix + "".join(out)
    for move in p.moves:
        line += f" ({compilation.tag(move)}: {move.summary})"
    return line


def _front_matter(compilation: Compilation) -> str:
    items = compilation.meta.as_dict()
    if not items:
        return ""
    return "\n".join(["---", *(f"{k}: {v}" for k, v in items.items()), "---", ""]) + "\n"


def withdrawn_lines(withdrawn: Iterable[Proposal], compilation: Compilation) -> list[str]:
    """The list of withdrawn proposals, one per line."""
    out = []
    for w in withdrawn:
        note = f" — {w.note}" if w.note else ""
        out.append(f"- {compilation.tag(w)} {w.summary} (withdrawn){note}")
    return out


def write_compilation_md(compilation: Compilation, *, show_withdrawn: bool = False) -> str:
    """The compilation text as Markdown (see the module docstring)."""
    numbers = CallNumbers(compilation)
    blocks: list[str] = []
    if compilation.formula:
        blocks.append(inlines_to_md(compilation.formula))
    for p in compilation.paragraphs:
        blocks.append(paragraph_md(p, compilation, numbers))
    if show_withdrawn and compilation.withdrawn:
        blocks.append("## Withdrawn proposals")
        blocks.append("\n".join(withdrawn_lines(compilation.withdrawn, compilation)))
    notes = sorted(compilation.footnotes, key=lambda n: numbers.by_id.get(n.id, 0))
    for note in notes:
        body = ops_to_md((Op("=", note.content),), numbers, at_line_start=False)
        if note.proposal is not None:
            body = f"**{body.strip()}** {compilation.tag(note.proposal)}"
        blocks.append(f"[^{numbers.by_id[note.id]}]: {body}")
    return _front_matter(compilation) + "\n\n".join(blocks) + "\n"


def alternative_md(alternative: Alternative, numbers: CallNumbers) -> str:
    """The Markdown of one alternative's ops (for the HTML page's plain-text titles and tests)."""
    return ops_to_md(alternative.ops, numbers, at_line_start=False)
