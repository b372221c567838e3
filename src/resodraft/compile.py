"""The compilation text of a negotiation: the agreed draft with every live proposal in place.

During a negotiation several delegations propose wordings for the same paragraph; the
facilitator circulates a *compilation*: the text as agreed so far, each proposal shown where
it applies, struck and bold, tagged with its sponsor (``[EU]``), competing proposals on the
same words side by side as numbered alternatives (``[Alt 1 [EU] … / Alt 2 [G77] …]``), and
proposed new paragraphs numbered ``5 bis``, ``5 ter`` so the agreed numbering does not move
while negotiating (the UN Editorial Manual's convention for alternative versions).

:func:`compile_changes` builds that document as data, a :class:`Compilation`, which every
writer renders (Markdown, Word, the HTML review page), as they render a
:class:`~resodraft.model.Redline`:

1. the ``agreed`` changes are applied, renumbered and their cross-references repaired (the
   ordinary pipeline; overlapping agreed changes are still an error);
2. each ``proposed`` change is checked against the base text on its own (unknown label,
   phrase not found: ``FILE:LINE`` errors as for any change), then applied **on its own**
   on top of the agreed changes it does not contradict, and the result is compared with the
   agreed text (:func:`resodraft.redline.compare`): what differs is that proposal's effect,
   expressed on the agreed words (a proposal that rewrites words an agreed change also
   rewrote shows the agreed words struck and its own in bold);
3. per agreed paragraph, the changed stretches of all its proposals are merged where they
   overlap or touch: a stretch changed by one proposal is shown inline, a stretch changed
   by several is a :class:`Contest` whose alternatives are numbered in file order;
4. proposed new paragraphs are placed after the agreed paragraph they follow and numbered
   ``bis``, ``ter``, … after the last agreed number; a proposed move is a remark on the
   paragraph; ``withdrawn`` changes are kept aside (listed with ``--show-withdrawn``).

Nothing here imports a file format library.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from resodraft.model import Inline, Inlines, Meta, NoteRef, Op, ParaDiff, Resolution, Text, normalize, plain_text

COMPILATION_AUTHOR = "resodraft (compilation)"
"""Author of what the compilation adds around proposals in Word (tags, "Alt 1", brackets)."""

LATIN = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
"""Suffixes of paragraphs inserted between two numbered ones: 5 bis, 5 ter, …"""

DEFAULT_TAG_FORMAT = "[{tag}]"


def latin(n: int) -> str:
    """The suffix of the ``n``-th paragraph inserted after one number (1 → ``bis``)."""
    return LATIN[n - 1] if n <= len(LATIN) else f"{n + 1}"


@dataclass(frozen=True)
class Proposal:
    """One change of an amendment file that is not (yet) agreed.

    ``ref`` is the change's stable name (``eu.toml#2``), ``tag`` the short name shown in the
    text (the file's or change's ``tag``, else the sponsor), ``summary`` a one-line
    description in the agreed numbering (``replace OP12``), ``note`` the change's note.
    """

    ref: str
    sponsor: str
    tag: str
    status: str
    op: str
    summary: str
    file: str
    line: int
    note: str | None = None
    date: str | None = None
    target: str | None = None  # the agreed label it addresses (None: a label the agreed text lost)


@dataclass(frozen=True)
class Alternative:
    """What one proposal makes of a contested stretch: ops whose old side is the agreed words."""

    proposal: Proposal
    ops: tuple[Op, ...]


@dataclass(frozen=True)
class Contest:
    """A stretch of agreed words that proposals change; one alternative per proposal.

    With one alternative it is shown inline (``~~old~~ **new** [EU]``); with several, as
    numbered alternatives in square brackets. ``old`` is the agreed text of the stretch.
    """

    old: Inlines
    alternatives: tuple[Alternative, ...]

    @property
    def competing(self) -> bool:
        return len(self.alternatives) > 1


@dataclass(frozen=True)
class Kept:
    """Agreed words no proposal touches."""

    content: Inlines


Segment = Union[Kept, Contest]


@dataclass(frozen=True)
class CompiledParagraph:
    """One paragraph of the compilation.

    An agreed paragraph has ``label`` (its label in the agreed text), ``base`` (its label in
    the base text, ``None`` if an agreed change inserted it) and ``status`` ``"agreed"``; a
    proposed new paragraph has ``status`` ``"proposed"``, ``label`` ``None``, a ``number``
    such as ``"5 bis"`` and its ``proposal``. ``segments`` alternate kept words and contests;
    ``moves`` are proposals to move the paragraph (``"move after OP12"``).
    """

    kind: str
    number: str | None
    segments: tuple[Segment, ...]
    status: str = "agreed"
    label: str | None = None
    base: str | None = None
    style: str = ")"
    level: int = 1
    proposal: Proposal | None = None
    moves: tuple[Proposal, ...] = ()
    changed: bool = False  # an agreed change altered it (vs the base text)

    @property
    def contests(self) -> list[Contest]:
        return [s for s in self.segments if isinstance(s, Contest)]

    @property
    def proposals(self) -> list[Proposal]:
        """Every proposal shown in this paragraph, in order, each once."""
        out: list[Proposal] = []
        found = ([self.proposal] if self.proposal else []) + [a.proposal for c in self.contests for a in c.alternatives]
        for p in found + list(self.moves):
            if p not in out:
                out.append(p)
        return out


@dataclass(frozen=True)
class CompiledNote:
    """A footnote of the compilation: agreed (``proposal`` ``None``) or added by a proposal."""

    id: str
    content: Inlines
    proposal: Proposal | None = None


@dataclass(frozen=True)
class SponsorCount:
    """How many changes one sponsor has in each status."""

    sponsor: str
    tag: str
    agreed: int = 0
    proposed: int = 0
    withdrawn: int = 0


@dataclass(frozen=True)
class Compilation:
    """The compilation text (see the module docstring); every writer renders this.

    ``label_map`` maps base labels to agreed labels (and a proposed new paragraph's change
    ref ``+eu.toml#1`` to its number ``OP5 bis``); ``sponsors`` counts changes per sponsor
    and status; ``withdrawn`` lists withdrawn proposals (shown only when asked).
    """

    meta: Meta
    base_meta: Meta
    formula: Inlines | None
    paragraphs: tuple[CompiledParagraph, ...]
    footnotes: tuple[CompiledNote, ...]
    proposals: tuple[Proposal, ...]
    withdrawn: tuple[Proposal, ...]
    sponsors: tuple[SponsorCount, ...]
    label_map: dict[str, str] = field(default_factory=dict)
    tag_format: str = DEFAULT_TAG_FORMAT
    warnings: tuple[str, ...] = ()

    def tag(self, proposal: Proposal) -> str:
        """The tag as printed (``[EU]`` with the default format)."""
        return self.tag_format.replace("{tag}", proposal.tag)

    @property
    def language(self) -> str:
        return self.meta.language or self.base_meta.language or "fr"


# --------------------------------------------------------------------------------------------
# building


def _number_word(label: str | None) -> str:
    return label or "?"


def _describe(change: Any, where: dict[str, str]) -> str:
    """``replace OP12``, ``insert after OP5``, ``"Prie" → "Encourage" in OP32`` (agreed labels)."""

    def lab(x: str | None) -> str:
        return where.get(x or "", x or "?")

    if change.op == "substitute":
        new = change.replace or ""
        if not new.strip():
            return f"delete « {change.find} » in {lab(change.at)}"
        return f"« {change.find} » → « {new.strip()} » in {lab(change.at)}"
    if change.op == "insert":
        what = "heading" if change.heading else "paragraph"
        side = "after" if change.after else "before"
        return f"new {what} {side} {lab(change.after or change.before)}"
    if change.op == "move":
        side = "after" if change.after else "before"
        return f"move {lab(change.at)} {side} {lab(change.after or change.before)}"
    return f"{change.op} {lab(change.at)}"


def _proposal(change: Any, where: dict[str, str]) -> Proposal:
    target = change.at or change.after or change.before
    return Proposal(
        ref=change.ref,
        sponsor=change.sponsor,
        tag=change.label,
        status=change.status,
        op=change.op,
        summary=_describe(change, where),
        file=change.file,
        line=change.line,
        note=change.note,
        date=change.date,
        target=where.get(target or ""),
    )


def _conflicts(base: Resolution, a: Any, b: Any) -> bool:
    """Whether two changes cannot both be applied (the planner refuses them together)."""
    from resodraft.amend import plan
    from resodraft.errors import ConflictError

    try:
        plan(base, [a, b])
    except ConflictError:
        return True
    return False


def _split(content: Inlines, start: int, end: int) -> Inlines:
    """The part of ``content`` between plain-text offsets ``start`` and ``end``."""
    from resodraft.amend import _split_at

    if start == 0:
        # a footnote call at the very start belongs to the first stretch
        before, middle, _ = _split_at(content, start, end)
        return normalize([x for x in before if isinstance(x, NoteRef)] + middle)
    return normalize(_split_at(content, start, end)[1])


def _remap(content: Inlines, ids: dict[str, str]) -> Inlines:
    return tuple(NoteRef(ids.get(x.id, x.id)) if isinstance(x, NoteRef) else x for x in content)


@dataclass
class _Effect:
    """What one proposal does to the agreed text."""

    proposal: Proposal
    changed: dict[str, tuple[Op, ...]] = field(default_factory=dict)  # agreed label -> ops on it
    inserted: list[tuple[str | None, ParaDiff]] = field(default_factory=list)  # (anchor label, paragraph)
    moved: list[str] = field(default_factory=list)  # agreed labels it moves


def _effect(proposal: Proposal, agreed: Resolution, result: Any, notes: dict[str, CompiledNote]) -> _Effect:
    """Compare the agreed text with the text the proposal would give (``result``)."""
    from resodraft.redline import compare
    from resodraft.xref import RENUMBERING_AUTHOR

    red = compare(agreed, result.new, by_uid=True, authors=result.authors, moved=result.moved)
    ids: dict[str, str] = {}
    for nd in red.footnotes:
        if nd.old is not None and nd.new is not None:
            ids[nd.new] = nd.old
        elif nd.new is not None:
            key = f"{proposal.ref}:{nd.new}"
            ids[nd.new] = key
    for nd in red.footnotes:
        if nd.old is None and nd.new is not None:
            content = tuple(x for op in nd.ops if op.kind != "-" for x in op.content)
            notes.setdefault(ids[nd.new], CompiledNote(ids[nd.new], _remap(normalize(content), ids), proposal))

    def own(op: Op) -> Op | None:
        """The op as the proposal's: renumbering repairs are not proposals (the agreed text keeps its numbers)."""
        if op.kind != "=" and op.author == RENUMBERING_AUTHOR:
            return Op("=", op.content) if op.kind == "-" else None
        content = op.content if op.kind == "-" else _remap(op.content, ids)
        if op.kind == "=":
            return Op("=", content)
        return Op(op.kind, content, proposal.sponsor, proposal.date)

    effect = _Effect(proposal)
    anchor: str | None = None
    for pd in red.paragraphs:
        if pd.status == "equal":
            anchor = pd.old
            continue
        if pd.status == "changed":
            ops = tuple(o for o in (own(op) for op in pd.ops) if o is not None)
            if any(o.kind != "=" for o in ops):
                effect.changed[pd.old or ""] = _merge_kept(ops)
            anchor = pd.old
        elif pd.status == "deleted":
            content = normalize(x for op in pd.ops for x in op.content)
            effect.changed[pd.old or ""] = (Op("-", content, proposal.sponsor, proposal.date),) if content else ()
            anchor = pd.old
        elif pd.status == "moved" and pd.new is None:
            effect.moved.append(pd.old or "")
            anchor = pd.old
        elif pd.status == "inserted":
            content = _remap(normalize(x for op in pd.ops for x in op.content), ids)
            ops = (Op("+", content, proposal.sponsor, proposal.date),)
            effect.inserted.append((anchor, ParaDiff(None, pd.new, "inserted", pd.kind, ops, None, None, pd.style, pd.level)))
    return effect


def _merge_kept(ops: Sequence[Op]) -> tuple[Op, ...]:
    out: list[Op] = []
    for op in ops:
        if out and op.kind == "=" and out[-1].kind == "=":
            out[-1] = Op("=", normalize(out[-1].content + op.content))
        elif op.content:
            out.append(op)
    return tuple(out)


# ---- contests inside one agreed paragraph -------------------------------------------------


@dataclass
class _Run:
    kind: str  # "=" or "change"
    ops: list[Op]
    start: int
    end: int
    cluster: int = -1


def _runs(ops: Sequence[Op]) -> list[_Run]:
    """Kept stretches and **one** changed stretch, from the proposal's first change to its last.

    A proposal is one wording of one place: the words it keeps between two of its changes
    belong to that wording (``~~instamment~~ les États Parties à ~~éviter~~ **limiter**``),
    so another proposal touching any of them competes with the whole of it.
    """
    runs: list[_Run] = []
    pos = 0
    for op in ops:
        size = len(plain_text(op.content)) if op.kind != "+" else 0
        kind = "=" if op.kind == "=" else "change"
        if runs and runs[-1].kind == kind == "change":
            runs[-1].ops.append(op)
            runs[-1].end = pos + size
        else:
            runs.append(_Run(kind, [op], pos, pos + size))
        pos += size
    changes = [k for k, r in enumerate(runs) if r.kind == "change"]
    if len(changes) > 1:
        first, last = changes[0], changes[-1]
        merged = _Run("change", [op for r in runs[first : last + 1] for op in r.ops], runs[first].start, runs[last].end)
        runs = runs[:first] + [merged] + runs[last + 1 :]
    return runs


def _segments(content: Inlines, effects: Sequence[tuple[Proposal, tuple[Op, ...]]]) -> tuple[Segment, ...]:
    """Kept stretches and contests of one agreed paragraph changed by ``effects``."""
    runs = [(p, _runs(ops)) for p, ops in effects]
    intervals = sorted(((r.start, r.end), k, r) for k, (_, rs) in enumerate(runs) for r in rs if r.kind == "change")
    clusters: list[list[int]] = []  # [start, end]
    for (start, end), _, run in intervals:
        if clusters and start <= clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], end)
        else:
            clusters.append([start, end])
        run.cluster = len(clusters) - 1
    segments: list[Segment] = []
    pos = 0
    total = len(plain_text(content))
    for c, (start, end) in enumerate(clusters):
        if start > pos:
            segments.append(Kept(_split(content, pos, start)))
        alternatives = []
        for proposal, rs in runs:
            if not any(r.cluster == c for r in rs if r.kind == "change"):
                continue
            ops: list[Op] = []
            for r in rs:
                if r.kind == "change":
                    if r.cluster == c:
                        ops.extend(r.ops)
                elif r.end > start and r.start < end:
                    lo, hi = max(r.start, start), min(r.end, end)
                    piece = _split(r.ops[0].content, lo - r.start, hi - r.start)
                    if piece:
                        ops.append(Op("=", piece))
            alternatives.append(Alternative(proposal, tuple(ops)))
        segments.append(Contest(_split(content, start, end) if end > start else (), tuple(alternatives)))
        pos = end
    if pos < total or not segments:
        rest = _split(content, pos, total) if pos else content
        if rest:
            segments.append(Kept(rest))
    return tuple(segments)


# ---- the whole document ---------------------------------------------------------------------


def _sponsors(changes: Iterable[Any]) -> tuple[SponsorCount, ...]:
    counts: dict[str, dict[str, Any]] = {}
    for c in changes:
        row = counts.setdefault(c.sponsor, {"tag": c.label, "agreed": 0, "proposed": 0, "withdrawn": 0})
        row[c.status] += 1
    return tuple(SponsorCount(s, **row) for s, row in counts.items())


def compile_changes(
    base: Resolution,
    changes: list[Any],
    *,
    file: str | None = None,
    allow_dangling: bool = False,
    tag_format: str = DEFAULT_TAG_FORMAT,
) -> Compilation:
    """The compilation of ``changes`` (all addressing ``base``) — see the module docstring."""
    from resodraft.amend import plan, select
    from resodraft.api import apply
    from resodraft.redline import compare

    agreed_changes = select(changes, ("agreed",))
    proposed = select(changes, ("proposed",))
    agreed_result = apply(base, agreed_changes, allow_dangling=allow_dangling, file=file)
    agreed = agreed_result.new
    where = {k: v for k, v in agreed_result.label_map.items() if not k.startswith("+")}
    order = {id(c): k for k, c in enumerate(changes)}
    warnings = list(agreed_result.warnings)

    notes: dict[str, CompiledNote] = {}
    effects: list[_Effect] = []
    proposals: list[Proposal] = []
    for change in proposed:
        plan(base, [change])  # its own faults first: unknown label, phrase not found
        proposal = _proposal(change, where)
        proposals.append(proposal)
        keep = [a for a in agreed_changes if not _conflicts(base, a, change)]
        together = sorted(keep + [change], key=lambda c: order[id(c)])
        result = apply(base, together, allow_dangling=True, file=file)
        effects.append(_effect(proposal, agreed, result, notes))

    skeleton = compare(agreed, agreed, by_uid=True)
    changed_uids = {
        pd.new for pd in compare(base, agreed, by_uid=True, moved=agreed_result.moved).paragraphs
        if pd.status != "equal" and pd.new
    }
    label_map = dict(agreed_result.label_map)
    paragraphs: list[CompiledParagraph] = []
    last_op: str | None = None
    last_sub: str | None = None
    bis: dict[tuple[str, str | None], int] = {}

    def new_paragraphs(anchor: str | None) -> None:
        for effect in effects:
            for at, pd in effect.inserted:
                if at != anchor:
                    continue
                number = None
                if pd.kind in ("operative", "subparagraph"):
                    head = (last_op or "0") if pd.kind == "operative" else (last_sub or "0")
                    key = (pd.kind, f"{last_op}:{head}" if pd.kind == "subparagraph" else head)
                    bis[key] = bis.get(key, 0) + 1
                    number = f"{head} {latin(bis[key])}"
                label_map[f"+{effect.proposal.ref}" if pd.kind != "subparagraph" else f"+{effect.proposal.ref}({number})"] = (
                    f"OP{number}" if pd.kind == "operative" else (number or pd.kind)
                )
                paragraphs.append(
                    CompiledParagraph(
                        kind=pd.kind,
                        number=number,
                        segments=(Contest((), (Alternative(effect.proposal, pd.ops),)),),
                        status="proposed",
                        style=pd.style,
                        level=pd.level,
                        proposal=effect.proposal,
                    )
                )

    new_paragraphs(None)
    base_of = {v: k for k, v in agreed_result.label_map.items()}
    for pd in skeleton.paragraphs:
        label = pd.new or ""
        if pd.kind == "operative":
            last_op, last_sub = pd.new_number, None
        elif pd.kind == "subparagraph":
            last_sub = pd.new_number
        content = normalize(x for op in pd.ops for x in op.content)
        on_it = [(e.proposal, e.changed[label]) for e in effects if label in e.changed]
        base_label = base_of.get(label)
        paragraphs.append(
            CompiledParagraph(
                kind=pd.kind,
                number=pd.new_number,
                segments=_segments(content, on_it) if on_it else ((Kept(content),) if content else ()),
                label=label,
                base=None if base_label is None or base_label.startswith("+") else base_label,
                style=pd.style,
                level=pd.level,
                moves=tuple(e.proposal for e in effects if label in e.moved),
                changed=_uid_of(agreed, label) in changed_uids,
            )
        )
        new_paragraphs(label)

    agreed_notes = [CompiledNote(n.id, n.content) for n in agreed.footnotes]
    withdrawn = [_proposal(c, where) for c in select(changes, ("withdrawn",))]
    return Compilation(
        meta=agreed.meta,
        base_meta=base.meta,
        formula=agreed.formula,
        paragraphs=tuple(paragraphs),
        footnotes=tuple(agreed_notes) + tuple(notes.values()),
        proposals=tuple(proposals),
        withdrawn=tuple(withdrawn),
        sponsors=_sponsors(changes),
        label_map=label_map,
        tag_format=tag_format,
        warnings=tuple(warnings),
    )


def _uid_of(res: Resolution, label: str) -> str:
    """Labels in ``compare``'s output are the agreed text's labels; agreed == its own uid space."""
    return label


def compile_files(
    base_path: str,
    amendment_paths: list[str],
    *,
    language: str | None = None,
    allow_dangling: bool = False,
    tag_format: str = DEFAULT_TAG_FORMAT,
) -> Compilation:
    """Read the base text and the amendment files, and compile them."""
    from resodraft.amend import load_amendments
    from resodraft.api import _check_named_base, load

    base = load(base_path, language=language)
    changes = load_amendments(amendment_paths)
    _check_named_base(base_path, changes)
    return compile_changes(base, changes, file=base_path, allow_dangling=allow_dangling, tag_format=tag_format)


def stem_of(path: str) -> str:
    """The output stem of a base file (``drafts/X.fr.md`` → ``X.fr``)."""
    from resodraft.api import _stem

    return _stem(path) if path != "-" else Path("stdin").name


__all__ = [
    "COMPILATION_AUTHOR",
    "Alternative",
    "CompiledNote",
    "CompiledParagraph",
    "Compilation",
    "Contest",
    "Kept",
    "Proposal",
    "SponsorCount",
    "compile_changes",
    "compile_files",
    "latin",
]


def inline_plain(content: Iterable[Inline]) -> str:
    """Plain text of inlines (for summaries and tests)."""
    return "".join(x.text for x in content if isinstance(x, Text))
