"""The resolution document model: plain frozen dataclasses, no file-format imports.

A :class:`Resolution` is what every reader returns and every writer takes (like pandoc's AST):

- :class:`Meta` — symbol, title, language, session, date;
- ``formula`` — the enacting formula ("L'Assemblée des États Parties,"), or ``None``;
- ``blocks`` — in document order: :class:`Preambular`, :class:`Operative` (with nested
  :class:`SubParagraph`), :class:`Heading`, :class:`Part` (lettered parts "A.", "B.");
- ``footnotes`` — :class:`Footnote` definitions, called from the text by :class:`NoteRef`.

Inline content is a tuple of :class:`Text` runs (each with a set of marks: ``i`` italic,
``b`` bold, ``sup`` superscript, ``s`` struck) and :class:`NoteRef` footnote calls.

Every block has a stable **label** (DESIGN.md §3): ``PP3``, ``OP22``, ``OP34(a)``, ``H2``,
``B.OP1(f)``; :func:`iter_labelled` computes them. Blocks also carry a ``uid``: the label they
had in the text they were read from. Transforms keep the ``uid`` of a block they change or
move, so the redline and the cross-reference repair know which paragraph is which after
renumbering. ``uid``, ``line`` and ``authors`` never take part in equality.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal, Union

MARKS = ("i", "b", "sup", "s")
"""Known inline marks: italic, bold, superscript, struck (struck only appears in redlines)."""


@dataclass(frozen=True, slots=True)
class Text:
    """A run of text with its formatting marks (a subset of :data:`MARKS`)."""

    text: str
    marks: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A footnote call; ``id`` is the footnote's id as written (``"5"``)."""

    id: str


Inline = Union[Text, NoteRef]
Inlines = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """Provenance of part of a paragraph's new text, for tracked-change authorship.

    ``start``/``end`` are offsets in :func:`plain_text` of the paragraph; ``start == end`` marks
    where a pure deletion happened. ``author`` is the sponsor of the amendment (or
    ``resodraft (renumbering)`` for a repaired cross-reference).
    """

    start: int
    end: int
    author: str
    date: str | None = None


@dataclass(frozen=True)
class SubParagraph:
    """A sub-paragraph ``a)`` / ``(a)`` of an operative paragraph (or ``i)`` of a sub-paragraph).

    ``number`` is the letter or roman numeral without punctuation; ``style`` is ``")"`` for
    ``a)`` (French) or ``"()"`` for ``(a)`` (English).
    """

    number: str
    content: Inlines
    subs: tuple["SubParagraph", ...] = ()
    style: str = ")"
    uid: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)
    authors: tuple[Span, ...] = field(default=(), compare=False)

    kind = "subparagraph"


@dataclass(frozen=True)
class Preambular:
    """An unnumbered preambular paragraph (lead participle in italics, ends with a comma)."""

    content: Inlines
    uid: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)
    authors: tuple[Span, ...] = field(default=(), compare=False)

    kind = "preambular"


@dataclass(frozen=True)
class Operative:
    """A numbered operative paragraph; ``number`` is the printed number, ``None`` if unnumbered."""

    number: str | None
    content: Inlines
    subs: tuple[SubParagraph, ...] = ()
    uid: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)
    authors: tuple[Span, ...] = field(default=(), compare=False)

    kind = "operative"


@dataclass(frozen=True)
class Heading:
    """A section heading between paragraphs ("Exécution des mandats d'arrêt")."""

    content: Inlines
    level: int = 2
    uid: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)
    authors: tuple[Span, ...] = field(default=(), compare=False)

    kind = "heading"


@dataclass(frozen=True)
class Part:
    """A lettered part ("A. Coopération") after which operative numbering restarts."""

    letter: str
    content: Inlines
    uid: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)
    authors: tuple[Span, ...] = field(default=(), compare=False)

    kind = "part"


Block = Union[Preambular, Operative, Heading, Part]
Paragraph = Union[Preambular, Operative, SubParagraph, Heading, Part]


@dataclass(frozen=True)
class Footnote:
    """A footnote definition; ``id`` matches the :class:`NoteRef` that calls it.

    ``uid`` is the id the footnote had in the text it was amended from (the amendment pipeline
    sets it; renumbering keeps it), so the redline pairs an amended footnote with its base
    footnote whatever its new number; ``None`` for a footnote read from a file or new.
    """

    id: str
    content: Inlines
    line: int | None = field(default=None, compare=False)
    authors: tuple[Span, ...] = field(default=(), compare=False)
    uid: str | None = field(default=None, compare=False)


META_KEYS = ("symbol", "title", "language", "session", "date", "status", "adopted")
"""The front-matter keys resodraft knows, in the order the canonical writer puts them."""
STATUSES = ("draft", "adopted")


@dataclass(frozen=True)
class Meta:
    """Resolution metadata. ``None`` means "not given" (a file without front matter).

    ``status`` is ``"draft"`` (a text under negotiation: the masthead says "Projet de
    résolution" / "Draft resolution") or ``"adopted"`` (the masthead gives the symbol and the
    adoption line); ``None`` means not said (read as adopted when ``adopted`` is set).
    ``extra`` keeps front-matter keys resodraft does not know, in their order.
    """

    symbol: str | None = None
    title: str | None = None
    language: str | None = None
    session: str | None = None
    date: str | None = None
    status: str | None = None
    adopted: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        """The metadata as an ordered dict of the keys that are set."""
        out = {
            k: v
            for k in META_KEYS
            if (v := getattr(self, k)) is not None
        }
        out.update(dict(self.extra))
        return out


@dataclass(frozen=True)
class Resolution:
    """A whole resolution (or an excerpt of one, such as an annex with lettered parts)."""

    meta: Meta = Meta()
    formula: Inlines | None = None
    blocks: tuple[Block, ...] = ()
    footnotes: tuple[Footnote, ...] = ()

    @property
    def language(self) -> str:
        """``fr`` or ``en`` (``fr`` if the reader could not tell)."""
        return self.meta.language or "fr"

    @property
    def has_parts(self) -> bool:
        """True when lettered parts restart the operative numbering (labels ``A.OP1``)."""
        return any(isinstance(b, Part) for b in self.blocks)

    def footnote(self, id: str) -> Footnote | None:
        """The footnote with this id, or ``None``."""
        for note in self.footnotes:
            if note.id == id:
                return note
        return None


def map_text(res: Resolution, fn: Callable[[str], str]) -> Resolution:
    """``res`` with ``fn`` applied to every text it holds: the front matter's strings, the
    formula, every paragraph and sub-paragraph, heading, part and footnote (for readers that
    undo what a file format did to the text, such as control characters or typesetting)."""

    def inlines(content: Inlines) -> Inlines:
        return normalize(Text(fn(i.text), i.marks) if isinstance(i, Text) else i for i in content)

    def node(n: Any) -> Any:
        changes: dict[str, Any] = {"content": inlines(n.content)}
        if getattr(n, "subs", None):
            changes["subs"] = tuple(node(s) for s in n.subs)
        return replace(n, **changes)

    meta = replace(
        res.meta,
        **{f.name: fn(v) for f in fields(Meta) if f.name != "extra" and isinstance(v := getattr(res.meta, f.name), str)},
    )
    return replace(
        res,
        meta=meta,
        formula=inlines(res.formula) if res.formula is not None else None,
        blocks=tuple(node(b) for b in res.blocks),
        footnotes=tuple(node(f) for f in res.footnotes),
    )


# --------------------------------------------------------------------------------------------
# inline helpers


def normalize(inlines: Iterable[Inline]) -> Inlines:
    """Merge adjacent runs with the same marks and drop empty runs."""
    out: list[Inline] = []
    for item in inlines:
        if isinstance(item, Text):
            if not item.text:
                continue
            if out and isinstance(out[-1], Text) and out[-1].marks == item.marks:
                out[-1] = Text(out[-1].text + item.text, item.marks)
                continue
        out.append(item)
    return tuple(out)


def plain_text(inlines: Iterable[Inline]) -> str:
    """The text of the runs, without formatting and without footnote calls."""
    return "".join(i.text for i in inlines if isinstance(i, Text))


def plain(inlines: Iterable[Inline]) -> str:
    """The text without formatting, footnote calls written ``[^id]`` (JSON contract)."""
    return "".join(i.text if isinstance(i, Text) else f"[^{i.id}]" for i in inlines)


def lead(inlines: Inlines) -> str:
    """The lead words: the italic run a paragraph starts with, or ``""``."""
    for item in inlines:
        if isinstance(item, Text):
            if item.text.strip() == "":
                continue
            return item.text.strip() if "i" in item.marks else ""
        return ""
    return ""


# --------------------------------------------------------------------------------------------
# labels


@dataclass(frozen=True)
class Labelled:
    """A block (or sub-paragraph) with its label, its printed number and its parent's label."""

    label: str
    node: Paragraph
    parent: str | None = None
    part: str | None = None

    @property
    def kind(self) -> str:
        return self.node.kind

    @property
    def number(self) -> str | None:
        node = self.node
        if isinstance(node, (Operative, SubParagraph)):
            return node.number
        if isinstance(node, Part):
            return node.letter
        return None


def sub_label(parent: str, number: str) -> str:
    """``OP34`` + ``a`` → ``OP34(a)``."""
    return f"{parent}({number})"


def iter_labelled(res: Resolution) -> Iterator[Labelled]:
    """Every block and sub-paragraph in document order, with its label (DESIGN.md §3).

    A printed number that occurs twice gets a ``#2`` suffix on its second label (``OP5#2``)
    so that every label is unique; ``check`` reports the duplicate.
    """
    pp = 0
    heading = 0
    part: str | None = None
    seen: dict[str, int] = {}

    def unique(label: str) -> str:
        n = seen.get(label, 0) + 1
        seen[label] = n
        return label if n == 1 else f"{label}#{n}"

    def subs(parent: str, items: tuple[SubParagraph, ...]) -> Iterator[Labelled]:
        for sub in items:
            label = unique(sub_label(parent, sub.number))
            yield Labelled(label, sub, parent, part)
            yield from subs(label, sub.subs)

    for block in res.blocks:
        if isinstance(block, Preambular):
            pp += 1
            yield Labelled(f"PP{pp}", block, None, part)
        elif isinstance(block, Heading):
            heading += 1
            yield Labelled(f"H{heading}", block, None, part)
        elif isinstance(block, Part):
            part = block.letter
            yield Labelled(unique(block.letter), block, None, part)
        elif isinstance(block, Operative):
            number = block.number or "1"
            prefix = f"{part}." if part else ""
            label = unique(f"{prefix}OP{number}")
            yield Labelled(label, block, None, part)
            yield from subs(label, block.subs)


def labels(res: Resolution) -> list[str]:
    """All labels of ``res`` in document order."""
    return [item.label for item in iter_labelled(res)]


def with_uids(res: Resolution) -> Resolution:
    """A copy in which every block without a ``uid`` gets its current label as ``uid``."""

    def fix_subs(items: tuple[SubParagraph, ...], parent: str) -> tuple[SubParagraph, ...]:
        out = []
        for sub in items:
            label = sub_label(parent, sub.number)
            out.append(
                replace(
                    sub,
                    uid=sub.uid or label,
                    subs=fix_subs(sub.subs, label),
                )
            )
        return tuple(out)

    blocks: list[Block] = []
    labelled = [x for x in iter_labelled(res) if x.parent is None]
    for item, block in zip(labelled, res.blocks, strict=True):
        if isinstance(block, Operative):
            block = replace(block, subs=fix_subs(block.subs, item.label))
        blocks.append(replace(block, uid=block.uid or item.label))
    return replace(res, blocks=tuple(blocks))


def paragraph_count(res: Resolution) -> dict[str, int]:
    """How many blocks of each kind (``preambular``, ``operative``, ``subparagraph``, …)."""
    counts: dict[str, int] = {}
    for item in iter_labelled(res):
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts



# --------------------------------------------------------------------------------------------
# the redline model: what `redline.compare` returns and every redline writer renders

OpKind = Literal["=", "-", "+"]
Status = Literal["equal", "changed", "inserted", "deleted", "moved"]


@dataclass(frozen=True)
class Op:
    """One stretch of a paragraph's redline: kept (``=``), deleted (``-``) or inserted (``+``).

    ``content`` keeps formatting and footnote calls. ``author``/``date`` say who proposed a
    change (the amendment's sponsor; ``resodraft (renumbering)`` for reference repairs);
    ``None`` means unknown (a plain ``diff`` of two versions: writers use ``--author``).
    """

    kind: OpKind
    content: Inlines
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class ParaDiff:
    """One paragraph of the redline, aligned between the old and the new text.

    ``old``/``new`` are the paragraph's labels in each text (``None`` where it does not exist).
    ``kind`` is the block kind (``preambular``, ``operative``, ``subparagraph``, ``heading``,
    ``part``, ``formula``); ``old_number``/``new_number`` the printed number or letter;
    ``style`` the sub-paragraph style (``")"`` or ``"()"``); ``level`` the nesting depth of a
    sub-paragraph (1, 2) or a heading's level. ``ops`` joined by kind give the texts:
    ``=`` and ``-`` the old one, ``=`` and ``+`` the new one.
    """

    old: str | None
    new: str | None
    status: Status
    kind: str
    ops: tuple[Op, ...]
    old_number: str | None = None
    new_number: str | None = None
    style: str = ")"
    level: int = 1
    author: str | None = None  # who inserted/deleted/moved the whole paragraph
    date: str | None = None


@dataclass(frozen=True)
class NoteDiff:
    """A footnote of the redline: ids in each text, status and ops (like :class:`ParaDiff`)."""

    old: str | None
    new: str | None
    status: Status
    ops: tuple[Op, ...]
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Redline:
    """The comparison of two versions of a resolution: paragraphs and footnotes, in order.

    Paragraph order is the new text's, with deleted paragraphs where they stood in the old
    one. A footnote call inside an op refers to the *new* footnote id for ``=``/``+`` ops and
    to the *old* id for ``-`` ops.
    """

    old_meta: Meta
    meta: Meta
    paragraphs: tuple[ParaDiff, ...]
    footnotes: tuple[NoteDiff, ...] = ()
    formula: ParaDiff | None = None
    meta_authors: tuple[tuple[str, str | None, str | None], ...] = ()
    """Who changed the front matter: ``(key, author, date)`` per key a ``[meta]`` table set."""

    def meta_author(self, key: str) -> tuple[str | None, str | None]:
        """``(author, date)`` of the change to front-matter ``key`` (``(None, None)``: unknown)."""
        for k, author, date in self.meta_authors:
            if k == key:
                return author, date
        return None, None


def side(ops: Iterable[Op], which: Literal["old", "new"]) -> Inlines:
    """The old (``=`` and ``-``) or new (``=`` and ``+``) content of a sequence of ops."""
    keep = {"=", "-"} if which == "old" else {"=", "+"}
    out: list[Inline] = []
    for op in ops:
        if op.kind in keep:
            out.extend(op.content)
    return normalize(out)
