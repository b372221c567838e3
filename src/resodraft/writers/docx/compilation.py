"""The compilation text as a Word document: each proposal a tracked revision by its sponsor.

Why revisions rather than bold and strike-through formatting: Word then *knows* who proposed
what. Each delegation's proposals carry its name as author (Word colours them per author,
*Review › Show Markup › People* shows one delegation's proposals, the reviewing pane lists
them), and the facilitator can accept one proposal where it stands. The document reads as the
Markdown and HTML compilations do (tags ``[EU]``, ``[Alt 1 [EU] … / Alt 2 [AG] …]``,
``8 bis.``), built as a :class:`~resodraft.model.Redline` from the agreed text and rendered
by the tracked-changes writer, so:

- *Reject All* gives exactly the agreed text (what the tests check with pandoc and LibreOffice);
- an uncontested proposal is its sponsor's ``w:del``/``w:ins`` on the agreed words;
- the tags, ``Alt n`` labels and brackets are insertions by ``resodraft (compilation)``, so
  rejecting that author's revisions removes them;
- in a contest the first alternative is the revision on the agreed words, and each further
  alternative is inserted whole by its sponsor, the words it would delete struck through;
- a proposed new paragraph (``8 bis``) is an inserted paragraph by its sponsor;
- a proposal's ``note`` is a Word comment (``word/comments.xml``) by the sponsor, anchored on
  the proposal's revisions (:func:`add_comments`, a separate part builder).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from resodraft.compile import COMPILATION_AUTHOR, Compilation, CompiledParagraph, Contest, Kept, Proposal
from resodraft.model import NoteDiff, Op, ParaDiff, Redline, Text, normalize

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _text(op_kind: str, text: str, author: str | None = COMPILATION_AUTHOR, date: str | None = None) -> Op:
    return Op(op_kind, (Text(text),), author, date)  # type: ignore[arg-type]


def _strip(ops: list[Op], lead: str, trail: str) -> list[Op]:
    """Take the contest's edge white space out of its first and last op (it stays outside the brackets)."""
    ops = list(ops)
    if lead and ops and ops[0].kind != "+" and isinstance(ops[0].content[0], Text) and ops[0].content[0].text.startswith(lead):
        first = ops[0].content[0]
        ops[0] = Op(ops[0].kind, normalize((Text(first.text[len(lead):], first.marks),) + ops[0].content[1:]), ops[0].author, ops[0].date)
    if trail and ops and ops[-1].kind != "+" and isinstance(ops[-1].content[-1], Text) and ops[-1].content[-1].text.endswith(trail):
        last = ops[-1].content[-1]
        ops[-1] = Op(ops[-1].kind, normalize(ops[-1].content[:-1] + (Text(last.text[: len(last.text) - len(trail)], last.marks),)), ops[-1].author, ops[-1].date)
    return [op for op in ops if op.content]


def _copy(ops: Sequence[Op], p: Proposal) -> list[Op]:
    """A further alternative, inserted whole by its sponsor: its deleted words struck, its new words bold."""
    out = []
    for op in ops:
        mark = {"-": "s", "+": "b"}.get(op.kind)
        content = tuple(Text(x.text, x.marks | {mark}) if mark and isinstance(x, Text) else x for x in op.content)
        out.append(Op("+", content, p.sponsor, p.date))
    return out


def _edges(contest: Contest) -> tuple[str, str]:
    text = "".join(x.text for x in contest.old if isinstance(x, Text))
    if not text.strip():
        return "", ""
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def contest_ops(contest: Contest, compilation: Compilation) -> list[Op]:
    """The ops showing one contested stretch (see the module docstring)."""
    lead, trail = _edges(contest)
    alts = contest.alternatives
    texts = [x for x in contest.old if isinstance(x, Text)]
    out: list[Op] = [Op("=", (Text(lead, texts[0].marks),))] if lead else []
    if not contest.competing:
        out += _strip(list(alts[0].ops), lead, trail)
        out.append(_text("+", f" {compilation.tag(alts[0].proposal)}"))
    else:
        for k, alt in enumerate(alts, start=1):
            opening = "[" if k == 1 else " / "
            out.append(_text("+", f"{opening}Alt {k} {compilation.tag(alt.proposal)} "))
            ops = _strip(list(alt.ops), lead, trail)
            out += ops if k == 1 else _copy(ops, alt.proposal)
        out.append(_text("+", "]"))
    if trail:
        out.append(Op("=", (Text(trail, texts[-1].marks),)))
    return out


def paragraph_diff(p: CompiledParagraph, compilation: Compilation, index: int) -> ParaDiff:
    """One paragraph of the compilation as a paragraph of a redline from the agreed text."""
    if p.status == "proposed":
        assert p.proposal is not None
        seg = p.segments[0]
        assert isinstance(seg, Contest)
        ops = tuple(seg.alternatives[0].ops) + (_text("+", f" {compilation.tag(p.proposal)}"),)
        return ParaDiff(None, f"new{index}", "inserted", p.kind, ops, None, p.number, p.style, p.level,
                        author=p.proposal.sponsor, date=p.proposal.date)
    ops: list[Op] = []
    for seg in p.segments:
        ops += [Op("=", seg.content)] if isinstance(seg, Kept) else contest_ops(seg, compilation)
    for move in p.moves:
        ops.append(_text("+", f" ({compilation.tag(move)}: {move.summary})", move.sponsor, move.date))
    status = "changed" if any(op.kind != "=" for op in ops) else "equal"
    label = p.label or f"p{index}"
    return ParaDiff(label, label, status, p.kind, _merge(ops), p.number, p.number, p.style, p.level)  # type: ignore[arg-type]


def _merge(ops: list[Op]) -> tuple[Op, ...]:
    out: list[Op] = []
    for op in ops:
        if not op.content:
            continue
        if out and out[-1].kind == op.kind and out[-1].author == op.author and out[-1].date == op.date:
            out[-1] = Op(op.kind, normalize(out[-1].content + op.content), op.author, op.date)
        else:
            out.append(op)
    return tuple(out)


def as_redline(compilation: Compilation, *, show_withdrawn: bool = False) -> Redline:
    """The compilation as a redline whose old side is the agreed text (Reject All = agreed)."""
    paragraphs = [paragraph_diff(p, compilation, k) for k, p in enumerate(compilation.paragraphs)]
    if show_withdrawn and compilation.withdrawn:
        from resodraft.writers.compilation_md import withdrawn_lines

        paragraphs.append(ParaDiff(None, "withdrawn", "inserted", "heading", (_text("+", "Withdrawn proposals"),), level=2,
                                   author=COMPILATION_AUTHOR))
        for k, line in enumerate(withdrawn_lines(compilation.withdrawn, compilation)):
            paragraphs.append(ParaDiff(None, f"withdrawn{k}", "inserted", "preambular", (_text("+", line[2:]),),
                                       author=COMPILATION_AUTHOR))
    notes = tuple(
        NoteDiff(n.id, n.id, "equal", (Op("=", n.content),)) if n.proposal is None
        else NoteDiff(None, n.id, "inserted", (Op("+", n.content, n.proposal.sponsor, n.proposal.date),),
                      n.proposal.sponsor, n.proposal.date)
        for n in compilation.footnotes
    )
    formula = None
    if compilation.formula:
        formula = ParaDiff(None, None, "equal", "formula", (Op("=", compilation.formula),))
    return Redline(compilation.meta, compilation.meta, tuple(paragraphs), notes, formula)


# --------------------------------------------------------------------------------------------
# comments: a separate part, anchored on the revisions of each proposal


@dataclass(frozen=True)
class Comment:
    """One Word comment: ``id``, ``author`` (the sponsor), ``initials`` (its tag), ``date``, ``lines``."""

    id: int
    author: str
    initials: str
    date: str
    lines: tuple[str, ...]


def add_comments(document: bytes, anchors: list[tuple[Comment, int, int]]) -> bytes:
    """``document.xml`` with each comment anchored from revision ``first`` to revision ``last`` (``w:id``s)."""
    from lxml import etree

    root = etree.fromstring(document)
    by_id = {el.get(f"{{{W}}}id"): el for el in root.iter(f"{{{W}}}ins", f"{{{W}}}del")}
    for comment, first, last in anchors:
        start, end = by_id.get(str(first)), by_id.get(str(last))
        if start is None or end is None:
            continue
        cid = str(comment.id)
        start.addprevious(etree.Element(f"{{{W}}}commentRangeStart", {f"{{{W}}}id": cid}))
        end.addnext(etree.Element(f"{{{W}}}commentRangeEnd", {f"{{{W}}}id": cid}))
        run = etree.Element(f"{{{W}}}r")
        etree.SubElement(run, f"{{{W}}}commentReference", {f"{{{W}}}id": cid})
        end.getnext().addnext(run)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _comment_lines(p: Proposal, compilation: Compilation) -> tuple[str, ...]:
    lines = [f"{compilation.tag(p)} {p.sponsor}: {p.summary}"]
    if p.note:
        lines.append(p.note)
    return tuple(lines)


def write_compilation_docx(
    compilation: Compilation,
    *,
    show_withdrawn: bool = False,
    date: str | None = None,
    template_dir: str | Path | None = None,
    reference_docx: str | Path | None = None,
) -> bytes:
    """The compilation as a .docx (see the module docstring); reproducible for the same inputs."""
    from resodraft.templating import environment

    from .compose import compose_tracked
    from .headers import section_with_headers, template_headers
    from .package import assemble, load_reference
    from .parts import render, render_parts
    from .story import word_date

    redline = as_redline(compilation, show_withdrawn=show_withdrawn)
    # typed numbers: a compilation shows "8 bis." and alternatives, which Word's numbering would renumber
    story = compose_tracked(redline, author=COMPILATION_AUTHOR, date=date, typed_numbers=True)
    reference = load_reference(reference_docx, story.language, template_dir)
    headers = reference.headers or template_headers()  # page header and footer, as the other Word files
    parts = render_parts(story, section_with_headers(reference.section, headers), template_dir, headers)

    # the revisions of each proposal, paragraph by paragraph (the story's body follows the redline)
    ids = [int(x) for x in _all_ids(parts["word/document.xml"])]
    next_id = max(ids, default=0) + 1
    anchors: list[tuple[Comment, int, int]] = []
    seen: set[str] = set()
    for para, compiled in zip(story.body, compilation.paragraphs):
        for proposal in compiled.proposals:
            if proposal.ref in seen or not proposal.note:
                continue
            revs = [c.revision.id for c in para.chunks if c.revision is not None and c.revision.author == proposal.sponsor]
            if not revs:
                continue
            seen.add(proposal.ref)
            when = word_date(proposal.date) if proposal.date else story.date
            comment = Comment(next_id, proposal.sponsor, proposal.tag, when or story.date, _comment_lines(proposal, compilation))
            next_id += 1
            anchors.append((comment, revs[0], revs[-1]))
    if anchors:
        parts["word/document.xml"] = add_comments(parts["word/document.xml"], anchors)
        env = environment(template_dir)
        parts["word/comments.xml"] = render(env, "docx/comments.xml.j2", {"comments": [c for c, _, _ in anchors]})
    return assemble(parts, reference, story.meta, language=story.language, date=story.date, headers=headers)


def _all_ids(document: bytes) -> list[str]:
    import re

    return re.findall(rb'w:id="(\d+)"', document)  # type: ignore[return-value]
