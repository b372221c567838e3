"""Amendments from an edited copy: what a delegation changed, written as a drafter would.

A delegation sends last year's text edited freely. :func:`derive` turns the difference between
the base and that copy into amendment changes (DESIGN.md §4, §8) that address the **base**
labels, so that applying them (amend → renumber → repair references) gives the edited copy
back exactly. In stages, each reusing the engine rather than a second differ:

1. **Align** paragraphs by content (:func:`resodraft.redline.align_paragraphs`): equal and
   changed pairs in order, moved paragraphs (also moved *and* edited ones), then what is left
   between two paired paragraphs is paired kind by kind (a paragraph rewritten in place is one
   paragraph); the rest is deleted or inserted. Footnotes are matched by their calls (a call
   among the same words calls the same footnote, whatever its text became), then by content.
2. **Speak base numbering.** The edited copy shows renumbered paragraphs and repaired
   references ("paragraphe 31 ci-dessus" where the base says 30): those are consequences,
   which ``apply`` redoes. The copy's internal references are read back into the base
   numbering (:func:`resodraft.xref.fix_crossrefs` run from the copy to the base labels), so a
   reference that was only renumbered is no change, and a reference a delegation wrote is
   written the way amendment files want it (in base numbers). A copy whose paragraphs were
   renumbered but whose typed references were not (Word numbers paragraphs only), and a copy
   not renumbered at all, are read as written: ``apply`` renumbers those references, and
   :attr:`Derivation.remarks` says where.
3. **Structure**: per list of siblings (the blocks, the sub-paragraphs of one paragraph),
   paragraphs that kept their order stay (the fewest moves); the others are moved (``move``),
   new ones inserted (``insert``) (``heading = …`` for a heading, ``kind`` when the neighbour would say
   otherwise), each anchored ``after`` the nearest paragraph that stays, or ``before`` the next
   one of its own kind; paragraphs not found are deleted (``delete``; sub-paragraphs go with
   their paragraph).
4. **Words**: inside each paragraph found on both sides, the word diff
   (:func:`resodraft.redline.word_changes`) gives the changed stretches. Each becomes a
   ``substitute`` whose ``find`` is the changed words, extended with neighbouring words only as
   far as needed to be unique in the paragraph (``occurrence`` only when nothing short is), never
   cutting a word; its ``replace`` is Markdown inline (``*Encourage*``, ``8^e``, ``[^n1]``).
   A paragraph rewritten (:func:`changed_share` over :data:`REPLACE_SHARE`) gets one
   ``replace`` instead. Every candidate is tried on the paragraph with
   :func:`resodraft.amend.amend` itself, so what is written is what ``amend`` does.
5. **Footnotes and the front matter** are compared as data (:class:`NoteChange`,
   :class:`MetaChange`): new footnotes called by new text travel with the change that calls them
   (``notes = { n1 = "…" }``); a changed footnote text becomes changes on its label ``FN4``
   (stage 4 again), a changed front matter a ``[meta]`` table; what the table cannot set (the
   language, keys resodraft does not know) is reported in :attr:`Derivation.unexpressed`.
6. **Verify**: the changes are applied to the base exactly as ``resodraft apply`` would and the
   result compared with the edited copy, paragraph by paragraph. A paragraph that does not come
   out right is derived again more plainly (without the reference reading of stage 2, then as a
   whole-paragraph ``replace``); what still differs is reported, never hidden.

Guarantee (tested by properties): for an edited copy whose every difference an amendment file
can express, ``apply(base, derive(base, edited).changes())`` is ``edited`` (canonical Markdown,
numbered as ``apply`` numbers, without footnotes the copy no longer calls); everything else is
listed in :attr:`Derivation.unexpressed`. The result is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from resodraft.model import (
    Heading,
    Inline,
    Inlines,
    Labelled,
    NoteRef,
    Part,
    Preambular,
    Resolution,
    iter_labelled,
    normalize,
    plain_text,
)
from resodraft.text import canonical_inlines

REPLACE_SHARE = 0.5
"""A paragraph is replaced as a whole when more than this share of its old words are deleted
*and* more than this share of its new words are new (:func:`changed_share`); otherwise it gets
substitutes."""

COMMON_MIN = 0.4
"""An edited copy must share at least this share of its paragraphs with the base (equal or
similar, in place or moved; over the longer of the two) to be read as a version of it. On the
55 GA resolutions of session 80, two different resolutions share at most 36 % (two on related
items), and copies with 12 to 20 edits each at least 50 % (``bench/derive_corpus.py``)."""

MAX_CONTEXT_WORDS = 6
"""How many neighbouring words (or punctuation marks) a ``find`` may borrow to become unique
before ``occurrence`` is used."""

QUOTE_MAX = 90
"""Review comments quote at most this many characters of each side."""


# --------------------------------------------------------------------------------------------
# the derived changes, as data


@dataclass(frozen=True)
class Proposal:
    """One derived ``[[change]]``, with the keys of an amendment file (DESIGN.md §4).

    ``review`` is the one-line comment written above it, quoting the old words so a person can
    check the file (``OP24: « vingtième session » → « vingt-et-unième session »``).
    ``footnotes`` are new footnotes its text calls: ``(label, Markdown text)``. ``note`` is
    the change's ``note`` key (a Word comment on it, for a tracked file); ``source`` the label
    of the copy's paragraph the change comes from (``None`` for a deletion or a footnote), so a
    caller can tell which changes sit in which paragraph of the copy.
    """

    op: str
    at: str | None = None
    after: str | None = None
    before: str | None = None
    find: str | None = None
    replace: str | None = None
    occurrence: int | None = None
    text: str | None = None
    heading: str | None = None
    kind: str | None = None
    footnotes: tuple[tuple[str, str], ...] = ()
    review: str = ""
    note: str | None = None
    source: str | None = field(default=None, compare=False)

    def keys(self) -> list[tuple[str, Any]]:
        """The keys of the ``[[change]]`` table in the order they are written, unset ones left
        out; new footnotes in a ``notes`` table."""
        order = ("op", "at", "after", "before", "find", "replace", "occurrence", "text", "heading", "kind", "note")
        out: list[tuple[str, Any]] = [(k, getattr(self, k)) for k in order if getattr(self, k) is not None]
        if self.footnotes:
            out.append(("notes", dict(self.footnotes)))
        return out


@dataclass(frozen=True)
class MetaChange:
    """A front-matter key whose value differs (``None``: not set on that side)."""

    key: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class NoteChange:
    """A base footnote whose text the edited copy changes (``FN4``: the footnote ``[^4]`` of
    the base); ``new`` is the copy's text with its references in base numbering."""

    label: str
    old: Inlines
    new: Inlines
    id: str = ""


@dataclass
class Derivation:
    """What :func:`derive` found: the changes, in file order, and what they cannot say.

    ``proposals`` are the ``[[change]]`` tables; ``meta`` and ``notes`` the front-matter and
    footnote-text differences (data for the amendment-file extensions of DESIGN.md §8);
    ``unexpressed`` one line per difference no change expresses (the result of applying the
    changes differs from the edited copy exactly there); ``common`` the share of paragraphs the
    two texts have in common, ``shared`` the same as (paragraphs found on both sides, paragraphs
    of the longer text); ``remarks`` what a reviewer should know that is not a difference (a
    reference the copy did not renumber, which ``apply`` will); ``meta_table`` the ``[meta]``
    table written (key, value; ``""`` removes a key).
    """

    proposals: list[Proposal]
    meta: list[MetaChange] = field(default_factory=list)
    notes: list[NoteChange] = field(default_factory=list)
    unexpressed: list[str] = field(default_factory=list)
    common: float = 1.0
    shared: tuple[int, int] = (0, 0)
    remarks: list[str] = field(default_factory=list)
    meta_table: list[tuple[str, str]] = field(default_factory=list)
    language: str = "fr"

    def counts(self) -> dict[str, int]:
        """How many changes of each op, in the order of DESIGN.md §4."""
        out: dict[str, int] = {}
        for op in ("substitute", "replace", "insert", "delete", "move"):
            n = sum(p.op == op for p in self.proposals)
            if n:
                out[op] = n
        return out

    def changes(self, sponsor: str = "derived", date: str | None = None, file: str = "<derived>") -> list[Any]:
        """The proposals (and the ``[meta]`` table) as :class:`resodraft.amend.Change` objects,
        ready for ``amend``/``apply``."""
        out = [_to_change(p, k, sponsor, date, file) for k, p in enumerate(self.proposals, start=1)]
        return out + _meta_to_changes(self.meta_table, sponsor, date, file)


def _meta_to_changes(table: Sequence[tuple[str, str]], sponsor: str, date: str | None, file: str) -> list[Any]:
    from resodraft.amend import Change

    return [
        Change(op="meta", file=file, line=k, index=k, sponsor=sponsor, date=date, at=f"meta.{key}", replace=value)
        for k, (key, value) in enumerate(table, start=1)
    ]


def _to_change(p: Proposal, index: int, sponsor: str, date: str | None, file: str) -> Any:
    from resodraft.amend import Change

    return Change(
        op=p.op,
        file=file,
        line=index,
        index=index,
        sponsor=sponsor,
        date=date,
        at=p.at,
        after=p.after,
        before=p.before,
        find=p.find,
        replace=p.replace,
        occurrence=p.occurrence,
        text=p.text,
        heading=p.heading,
        kind=p.kind,
        footnotes=p.footnotes,
        note=p.note,
    )


# --------------------------------------------------------------------------------------------
# small helpers


def _md(inlines: Inlines) -> str:
    """Inline content as the Markdown an amendment's text is written in."""
    from resodraft.writers.markdown import inlines_to_md

    return inlines_to_md(inlines, at_line_start=False)


def _quote(text: str, language: str) -> str:
    """A short quotation for a review comment: « … » in French, “…” in English."""
    text = " ".join(text.split())
    if len(text) > QUOTE_MAX:
        head = QUOTE_MAX * 2 // 3
        tail = QUOTE_MAX - head - 1
        text = text[:head].rstrip() + " … " + text[-tail:].lstrip()
    return f"« {text} »" if language == "fr" else f"“{text}”"


def _same(a: Inlines, b: Inlines) -> bool:
    return canonical_inlines(normalize(a)) == canonical_inlines(normalize(b))


def _map_notes(inlines: Iterable[Inline], ids: dict[str, str]) -> Inlines:
    return tuple(NoteRef(ids.get(i.id, i.id)) if isinstance(i, NoteRef) else i for i in inlines)


# --------------------------------------------------------------------------------------------
# stage 2: the edited copy in base numbering


def _in_base_numbering(edited: Resolution, to_base: dict[str, str]) -> Resolution:
    """``edited`` with its internal references rewritten to the base numbers of their targets.

    ``to_base`` maps edited labels (the reader's uids) to base labels; a reference to a
    paragraph the copy inserts has no base number and stays as written.
    """
    from resodraft.xref import fix_crossrefs

    out, _ = fix_crossrefs(edited, edited, to_base, allow_dangling=True)
    return out


# --------------------------------------------------------------------------------------------
# stage 4: one paragraph's words


@dataclass
class _Para:
    """What stage 4 needs to know about one paragraph found on both sides."""

    label: str  # base label
    node: Any  # base node
    new: Inlines  # edited content, base numbering, edited footnote ids
    note_map: dict[str, str]  # base footnote id -> edited id
    note_ids: dict[str, str]  # edited footnote id -> id to write (base id or new label)
    language: str


def _try(base_node: Any, footnotes: Sequence[Any], changes: list[Any]) -> Inlines | None:
    """The content ``amend`` gives one paragraph for ``changes`` (labelled ``PP1``), or ``None``."""
    from resodraft.amend import amend
    from resodraft.errors import ResodraftError

    probe = Resolution(blocks=(Preambular(base_node.content),), footnotes=tuple(footnotes))
    try:
        out = amend(probe, [replace(c, at="PP1") for c in changes])
    except ResodraftError:
        return None
    return out.resolution.blocks[0].content


def _expected(old: Sequence[Any], new: Sequence[Any], span: tuple[int, int, int, int], note_ids: dict[str, str]) -> Inlines:
    """The old tokens with one change applied, footnote calls written as they will be."""
    from resodraft.tokenize import detokenize

    i, j, k, l = span
    middle = _map_notes(detokenize(new[k:l]), note_ids)
    return canonical_inlines(normalize(detokenize(old[:i]) + middle + detokenize(old[j:])))


def _offsets(tokens: Sequence[Any]) -> list[int]:
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t.text))
    return out


def _hits(haystack: str, needle: str) -> list[int]:
    out, start = [], 0
    while (k := haystack.find(needle, start)) >= 0:
        out.append(k)
        start = k + 1
    return out


def _extensions(tokens: Sequence[Any], at: list[int], lo: int, i: int, j: int, hi: int) -> list[tuple[int, int]]:
    """Ways to widen the token range ``[i, j)`` with whole neighbouring tokens, within ``[lo, hi)``.

    Returned as ``(start, end)`` ranges ordered by how many neighbours (words, punctuation
    marks, footnote calls) they borrow — none first —, then those that start and end on words
    (a drafter anchors on "Cour", not on " ;"), then by length in characters (``at``: the
    tokens' offsets); a borrowed neighbour
    comes with the white space between it and the range, so a find never starts or ends
    inside a word and never starts or ends with borrowed white space.
    """
    def solid(t: Any) -> bool:
        return t.kind != "space"

    left = [i]
    k = i
    while k > lo and len(left) <= MAX_CONTEXT_WORDS:
        k -= 1
        while k > lo and not solid(tokens[k]):
            k -= 1
        if not solid(tokens[k]):
            break
        left.append(k)
    right = [j]
    k = j
    while k < hi and len(right) <= MAX_CONTEXT_WORDS:
        while k < hi and not solid(tokens[k]):
            k += 1
        if k >= hi:
            break
        k += 1
        right.append(k)
    def ragged(a: int, b: int) -> int:  # edges that are not words: " ;" anchors worse than "Cour"
        return (not tokens[a].is_word) + (not tokens[b - 1].is_word) if b > a else 2

    out = [(a, b, na + nb) for na, a in enumerate(left) for nb, b in enumerate(right) if na + nb <= MAX_CONTEXT_WORDS]
    out.sort(key=lambda x: (x[2], ragged(x[0], x[1]), at[x[1]] - at[x[0]], -x[0]))
    return [(a, b) for a, b, _ in out]


def _substitutes(para: _Para, footnotes: Sequence[Any]) -> list[Proposal] | None:
    """The paragraph's changes as substitutes (``None`` when they do not reproduce it)."""
    from resodraft.redline import word_changes

    old, new, spans = word_changes(para.node.content, para.new, note_map=para.note_map)
    if not spans:
        return []
    plain = plain_text(para.node.content)
    at = _offsets(old)
    out: list[Proposal] = []
    lo = 0
    queue = list(spans)
    while queue:
        span = queue.pop(0)
        i, j, k, l = span
        hi = queue[0][0] if queue else len(old)
        chosen = _substitute(para, footnotes, old, new, span, lo, hi, plain, at)
        if chosen is None and i < j and k < l:
            # deleted words and new words in one find may not do (a footnote call in the
            # deleted words stays with a non-empty replacement): delete, then insert
            queue[:0] = [(i, j, k, k), (j, j, k, l)]
            continue
        if chosen is None:
            return None
        out.append(replace(chosen[0], review=_review_substitute(para, old, new, span)))
        lo = chosen[1]
    # all together
    got = _try(para.node, footnotes, [_to_change(p, n, "x", None, "<try>") for n, p in enumerate(out, 1)])
    if got is None or not _same(got, _map_notes(para.new, para.note_ids)):
        return None
    return out


def _substitute(
    para: _Para,
    footnotes: Sequence[Any],
    old: Sequence[Any],
    new: Sequence[Any],
    span: tuple[int, int, int, int],
    lo: int,
    hi: int,
    plain: str,
    at: list[int],
) -> tuple[Proposal, int] | None:
    """The substitute for one change with the shortest unique find (within tokens ``lo``–``hi``)
    that ``amend`` turns into exactly the new words, and where its find ends; or ``None``."""
    from resodraft.tokenize import detokenize

    i, j, k, l = span
    expected = _expected(old, new, span, para.note_ids)
    candidates: list[tuple[int, int, str, list[int]]] = []
    for a, b in _extensions(old, at, lo, i, j, hi):
        find = plain[at[a] : at[b]]
        if find.strip():
            candidates.append((a, b, find, _hits(plain, find)))
    unique = [c for c in candidates if len(c[3]) == 1]
    # occurrence = N only when no find short enough is unique: the plainest find, numbered
    numbered = [c for c in candidates if len(c[3]) > 1 and at[c[0]] in c[3]]
    for a, b, find, hits in unique + numbered:
        repl = _replacement_md(
            detokenize(old[a:i]) + _map_notes(detokenize(new[k:l]), para.note_ids) + detokenize(old[j:b])
        )
        occurrence = hits.index(at[a]) + 1 if len(hits) > 1 else None
        proposal = Proposal("substitute", at=para.label, find=find, replace=repl, occurrence=occurrence)
        got = _try(para.node, footnotes, [_to_change(proposal, 1, "x", None, "<try>")])
        if got is not None and _same(got, expected):
            return proposal, b
    return None


def _replacement_md(inlines: Inlines) -> str:
    """The ``replace`` text of a substitute: Markdown, with the white space at its edges kept
    outside the markup (``amend`` keeps a replacement's edge spaces as typed)."""
    inlines = canonical_inlines(normalize(inlines))
    plain = plain_text(inlines)
    if not plain.strip() and not any(isinstance(x, NoteRef) for x in inlines):
        return plain
    lead = plain[: len(plain) - len(plain.lstrip())] if plain.strip() else ""
    trail = plain[len(plain.rstrip()) :] if plain.strip() else ""
    return lead + _md(inlines).strip() + trail


def _review_substitute(para: _Para, old: Sequence[Any], new: Sequence[Any], span: tuple[int, int, int, int]) -> str:
    """``OP24: « vingtième session » → « vingt-et-unième session »``: the change with a word of context."""
    i, j, k, l = span
    a, b = i, j
    # one word of context on each side makes the quotation readable
    while a > 0 and not old[a - 1].is_word:
        a -= 1
    if a > 0:
        a -= 1
    while b < len(old) and not old[b].is_word:
        b += 1
    if b < len(old):
        b += 1
    before = "".join(t.text for t in old[a:i])
    after = "".join(t.text for t in old[j:b])
    was = before + "".join(t.text for t in old[i:j]) + after
    now = before + "".join(t.text for t in new[k:l]) + after
    return f"{para.label}: {_quote(was, para.language)} → {_quote(now, para.language)}"


def changed_share(old: Inlines, new: Inlines, note_map: dict[str, str] | None = None) -> float:
    """How much of a paragraph changed: the smaller of the share of its old words deleted and
    the share of its new words inserted (word diff of :func:`resodraft.redline.word_changes`).

    A paragraph is rewritten (a ``replace`` reads best) only when both are high: most of the
    old words gone *and* most of the new words new. A long deletion or a long addition
    leaves one side mostly as it was, and substitutes show it better.
    """
    from resodraft.redline import word_changes

    a, b, spans = word_changes(old, new, note_map=note_map)
    old_words = sum(t.is_word for t in a)
    new_words = sum(t.is_word for t in b)
    deleted = sum(sum(t.is_word for t in a[i:j]) for i, j, _, _ in spans)
    inserted = sum(sum(t.is_word for t in b[k:l]) for _, _, k, l in spans)
    return min(deleted / old_words if old_words else 1.0, inserted / new_words if new_words else 1.0)


def _replace(para: _Para) -> Proposal:
    text = _md(_map_notes(para.new, para.note_ids))
    review = (
        f"{para.label} replaced: {_quote(plain_text(para.node.content), para.language)}"
        f" → {_quote(plain_text(para.new), para.language)}"
    )
    return Proposal("replace", at=para.label, text=text, review=review)


def paragraph_changes(para: _Para, footnotes: Sequence[Any], *, whole: bool = False) -> list[Proposal]:
    """Stage 4 for one paragraph: substitutes, or one replace when most of it changed."""
    if _same(_map_notes(para.node.content, para.note_map), para.new):
        return []
    can_replace = not isinstance(para.node, Part)
    if can_replace and (whole or changed_share(para.node.content, para.new, para.note_map) > REPLACE_SHARE):
        return [_replace(para)]
    subs = _substitutes(para, footnotes)
    if subs is not None:
        return subs
    if can_replace:
        return [_replace(para)]
    return []


# --------------------------------------------------------------------------------------------
# stage 3: structure


@dataclass
class _Tree:
    """Labelled items of one text by label, and the children of each parent (``None``: top)."""

    items: dict[str, Labelled]
    children: dict[str | None, list[str]]
    order: dict[str, int]

    @classmethod
    def of(cls, res: Resolution) -> "_Tree":
        items: dict[str, Labelled] = {}
        children: dict[str | None, list[str]] = {}
        order: dict[str, int] = {}
        for n, item in enumerate(iter_labelled(res)):
            items[item.label] = item
            children.setdefault(item.parent, []).append(item.label)
            order[item.label] = n
        return cls(items, children, order)

    def ancestors(self, label: str) -> list[str]:
        out = []
        parent = self.items[label].parent
        while parent is not None:
            out.append(parent)
            parent = self.items[parent].parent
        return out

    def last_descendant(self, label: str) -> str:
        kids = self.children.get(label)
        return self.last_descendant(kids[-1]) if kids else label


def _kind_name(item: Labelled) -> str:
    return {
        "preambular": "preambular paragraph",
        "operative": "paragraph",
        "subparagraph": "sub-paragraph",
        "heading": "heading",
        "part": "part",
    }.get(item.kind, "paragraph")


@dataclass
class _Placed:
    """A proposal and where it goes in the file: (position in the base, slot, sequence)."""

    key: tuple[int, int, int]
    proposal: Proposal


class _Deriver:
    """One derivation: the two texts, their alignment, and the per-paragraph strategies.

    ``levels`` says how plainly each edited paragraph is derived (stage 6 raises it for a
    paragraph that did not come out right): 0 words against the copy read in base numbering,
    1 words against the copy as written, 2 and 3 the same as a whole-paragraph ``replace``.
    """

    def __init__(self, base: Resolution, edited: Resolution) -> None:
        from resodraft.redline import align_paragraphs

        base, edited = _relabelled(base), _relabelled(edited)
        self.base = base
        self.edited = edited
        self.language = base.language
        self.bt = _Tree.of(base)
        self.et = _Tree.of(edited)
        alignment = align_paragraphs(base, edited, moved_changed=True)
        self.to_base: dict[str, str] = {}
        for b, e in alignment.pairs + alignment.moved:
            if self.bt.items[b].kind == self.et.items[e].kind:
                self.to_base[e] = b
        self.shared = (len(self.to_base), max(len(self.bt.items), len(self.et.items)))
        self.common = self.shared[0] / max(self.shared[1], 1)
        self._pair_rewritten(alignment.pairs)
        self._drop_impossible_pairs()
        self.to_edited = {b: e for e, b in self.to_base.items()}
        # a copy typed without renumbering refers to its paragraphs by the base's numbers
        numbered = _numbered(edited)
        self.unnumbered = [x.label for x in iter_labelled(numbered)] != list(self.et.items)
        self.target_labels = dict(zip((x.label for x in iter_labelled(numbered)), self.et.items))
        self._in_base_res = edited if self.unnumbered else _in_base_numbering(edited, self.to_base)
        self.in_base = _Tree.of(self._in_base_res)
        self.note_map, self.note_ids, self.new_notes, self.note_changes = self._notes(alignment.notes)
        self.stale: set[str] = set()
        self.levels: dict[str, int] = {}
        self.unexpressed: list[str] = []
        self.reported: set[str] = set()  # edited labels an unexpressed line is about
        self.seq = 0

    # -- alignment repairs

    def _pair_rewritten(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Pair what is left on both sides between the same two paired paragraphs, kind by kind
        in order: a paragraph rewritten in place is one paragraph (a ``replace``, its
        sub-paragraphs kept), not a deletion and an insertion."""
        base_labels = list(self.bt.items)
        edited_labels = list(self.et.items)
        taken_base = set(self.to_base.values())
        bounds = sorted((self.bt.order[b], self.et.order[e]) for b, e in pairs if self.to_base.get(e) == b)
        bounds.append((len(base_labels), len(edited_labels)))
        lo_b = lo_e = 0
        for hi_b, hi_e in bounds:
            olds = [b for b in base_labels[lo_b:hi_b] if b not in taken_base]
            for e in edited_labels[lo_e:hi_e]:
                if e in self.to_base:
                    continue
                kind = self.et.items[e].kind
                match = next((b for b in olds if self.bt.items[b].kind == kind), None)
                if match is None:
                    continue
                olds = olds[olds.index(match) + 1 :]
                self.to_base[e] = match
                taken_base.add(match)
            lo_b, lo_e = hi_b + 1, hi_e + 1

    def _drop_impossible_pairs(self) -> None:
        """Unpair what an amendment cannot keep: a paragraph whose base parent is deleted, or
        whose edited parent is new (a sub-paragraph cannot move under an inserted paragraph)."""
        changed = True
        while changed:
            changed = False
            found = set(self.to_base.values())
            for e, b in list(self.to_base.items()):
                base_gone = any(a not in found for a in self.bt.ancestors(b))
                parent_new = any(a not in self.to_base for a in self.et.ancestors(e))
                if base_gone or parent_new:
                    del self.to_base[e]
                    changed = True

    # -- footnotes

    def _notes(
        self, pairs: Sequence[tuple[str, str]]
    ) -> tuple[dict[str, str], dict[str, str], list[tuple[str, Any]], list[NoteChange]]:
        """Base→edited ids, edited→written ids, new footnotes to define, changed footnote texts.

        Footnotes are matched by their calls first (:meth:`_notes_by_call`), then by content
        (``pairs``, from the alignment). A base footnote the copy does not have is read as a different footnote from any
        edited one (so its call differs); a footnote only the copy has gets a new label
        (``n1``, ``n2`` …, never one the base uses) and its text travels with the change
        that first calls it.
        """
        by_call = self._notes_by_call()
        called_b = {b for b, _ in by_call}
        called_e = {e for _, e in by_call}
        pairs = by_call + [(b, e) for b, e in pairs if b not in called_b and e not in called_e]
        note_map = {b: e for b, e in pairs}
        for note in self.base.footnotes:
            note_map.setdefault(note.id, "\x00base:" + note.id)
        written = {e: b for b, e in pairs}
        used = {n.id for n in self.base.footnotes}
        new_notes: list[tuple[str, Any]] = []
        k = 0
        for note in self.edited.footnotes:
            if note.id in written:
                continue
            k += 1
            while f"n{k}" in used:
                k += 1
            used.add(f"n{k}")
            written[note.id] = f"n{k}"
            new_notes.append((f"n{k}", note))
        edited_notes = {n.id: n for n in self._in_base_res.footnotes}  # references in base numbering
        changed = []
        as_written = {n.id: n for n in self.edited.footnotes}
        for note in self.base.footnotes:
            e = dict(pairs).get(note.id)
            if e is None:
                continue
            mapped = _map_notes(note.content, note_map)
            if _same(mapped, as_written[e].content):  # untouched (a stale reference is apply's to renumber)
                continue
            if not _same(mapped, edited_notes[e].content):
                changed.append(NoteChange(f"FN{note.id}", note.content, edited_notes[e].content, note.id))
        return note_map, written, new_notes, changed

    def _notes_by_call(self) -> list[tuple[str, str]]:
        """Footnotes matched by their call: a call standing among the same words in a paragraph
        found on both sides calls the same footnote, whatever its text became (two footnotes
        with the same text are told apart this way, a footnote whose text changed is found)."""
        from resodraft.redline import word_changes

        left_base = {n.id for n in self.base.footnotes}
        left_edited = {n.id for n in self.edited.footnotes}
        found: list[tuple[str, str]] = []
        for e, b in self.to_base.items():
            old_content, new_content = self.bt.items[b].node.content, self.et.items[e].node.content
            if not any(isinstance(x, NoteRef) for x in old_content):
                continue
            anonymous = {i.id: "" for i in (*old_content, *new_content) if isinstance(i, NoteRef)}
            old, new, spans = word_changes(
                _map_notes(old_content, anonymous), _map_notes(new_content, anonymous), note_map=None
            )
            old_real = [i for i in old_content if isinstance(i, NoteRef)]
            new_real = [i for i in new_content if isinstance(i, NoteRef)]
            # walk the kept stretches: tokens there correspond one to one
            oi = ni = 0  # calls seen so far on each side
            i = j = 0
            for start, end, nstart, nend in [*spans, (len(old), len(old), len(new), len(new))]:
                while i < start:
                    if old[i].kind == "note":
                        b_id, e_id = old_real[oi].id, new_real[ni].id
                        if b_id in left_base and e_id in left_edited:
                            found.append((b_id, e_id))
                            left_base.discard(b_id)
                            left_edited.discard(e_id)
                        oi += 1
                        ni += 1
                    i += 1
                    j += 1
                oi += sum(t.kind == "note" for t in old[start:end])
                ni += sum(t.kind == "note" for t in new[nstart:nend])
                i, j = end, nend
        return found

    # -- placing proposals

    def _place(self, label: str, slot: int, proposal: Proposal) -> _Placed:
        """``proposal`` placed in the file by base label: before it (slot 0), at it (1), or
        after it and its sub-paragraphs (2); in the order made at one place."""
        self.seq += 1
        anchor = self.bt.last_descendant(label) if slot == 2 else label
        return _Placed((self.bt.order[anchor], slot, self.seq), proposal)

    def _content(self, e: str, *, level: int) -> Inlines:
        """The edited paragraph's content as a change writes it (see :attr:`levels`)."""
        source = self.in_base if level % 2 == 0 else self.et
        return source.items[e].node.content

    # -- stage 3

    def structure(self) -> list[_Placed]:
        """Deletes, moves and inserts, per list of siblings of the edited copy."""
        out: list[_Placed] = []
        gone = [b for b in self.bt.items if b not in self.to_edited]
        for b in gone:
            item = self.bt.items[b]
            if item.parent is not None and item.parent in gone:
                continue  # goes with its paragraph
            if item.kind == "part":
                self._cannot(
                    f"{b}: the copy removes part {b}; amendment files cannot delete a part heading "
                    "(its paragraphs are deleted one by one)"
                )
                continue
            review = f"{b} deleted: {_quote(plain_text(item.node.content), self.language)}"
            out.append(self._place(b, 1, Proposal("delete", at=b, review=review)))
        out.extend(self._siblings(None))
        return out

    def _siblings(self, parent: str | None) -> list[_Placed]:
        """Stage 3 for the children of one edited paragraph (``None``: the blocks)."""
        out: list[_Placed] = []
        kids = self.et.children.get(parent, [])
        base_parent = self.to_base.get(parent) if parent is not None else None
        if parent is not None and base_parent is None:
            if kids:
                self._cannot(
                    f"{parent} of the copy, a new {_kind_name(self.et.items[parent])}, has sub-paragraphs; "
                    "amendment files cannot insert sub-paragraphs under a new paragraph: add them after applying",
                    *self._family(parent),
                )
            return out
        base_kids = self.bt.children.get(base_parent, [])
        position = {b: n for n, b in enumerate(base_kids)}
        native = [e for e in kids if e in self.to_base and self.bt.items[self.to_base[e]].parent == base_parent]
        # a paragraph that loses a sub-paragraph cannot also be moved (amend refuses it): keep it
        weights = [1 + 1000 * self._loses_family(self.to_base[e]) for e in native]
        keep_idx = _heaviest_increasing([position[self.to_base[e]] for e in native], weights)
        stable = {native[k] for k in keep_idx}
        anchor: str | None = None
        pending: list[str] = []

        def flush(following: str | None) -> None:
            # after the paragraph before them; but from the first one of the next paragraph's
            # kind (a new operative paragraph after the preamble), before the next paragraph
            split = len(pending)
            if anchor is None:
                split = 0
            elif following is not None:
                kind = self.bt.items[following].kind
                if self.bt.items[anchor].kind != kind:
                    split = next((n for n, e in enumerate(pending) if self.et.items[e].kind == kind), split)
            for n, e in enumerate(pending):
                after, before = (anchor, None) if n < split else (None, following)
                placed = self._arrive(e, after, before, base_kids)
                if placed is not None:
                    out.append(placed)
            pending.clear()

        for e in kids:
            if e in stable:
                if pending:
                    flush(self.to_base[e])
                anchor = self.to_base[e]
            else:
                pending.append(e)
        if pending:
            flush(None)
        for e in kids:
            out.extend(self._siblings(e))
        return out

    def _cannot(self, message: str, *labels: str) -> None:
        """Record a difference no amendment can express (``labels``: the copy's paragraphs concerned)."""
        self.unexpressed.append(message)
        self.reported.update(labels)

    def _family(self, e: str) -> list[str]:
        """An edited paragraph and its sub-paragraphs, at any depth."""
        return [e] + [x for k in self.et.children.get(e, []) for x in self._family(k)]

    def _loses_family(self, b: str) -> bool:
        """Does the copy delete a sub-paragraph (at any depth) of base paragraph ``b``?"""
        kids = self.bt.children.get(b, [])
        return any(k not in self.to_edited or self._loses_family(k) for k in kids)

    def _arrive(self, e: str, after: str | None, before: str | None, base_kids: list[str]) -> _Placed | None:
        """The move or insert that puts edited paragraph ``e`` after ``after`` (or before ``before``)."""
        item = self.et.items[e]
        if after is None and before is None:
            if not base_kids:
                parent = item.parent or e
                if parent not in self.reported:
                    where = self.to_base.get(parent, parent)
                    self._cannot(
                        f"{where}: the copy gives it sub-paragraphs; amendment files cannot add "
                        "sub-paragraphs to a paragraph that has none: add them after applying",
                        *self._family(parent),
                    )
                return None
            before = base_kids[0]
        anchor_key = {"after": after} if after else {"before": before}
        anchor_label = after or before
        assert anchor_label is not None
        slot = 2 if after else 0
        where = f"after {after}" if after else f"before {before}"
        if e in self.to_base:
            b = self.to_base[e]
            if self._loses_family(b):
                self._cannot(
                    f"{b}: the copy moves it and deletes one of its sub-paragraphs; an amendment file "
                    "cannot do both to one paragraph: move it after applying",
                    *self._family(e),
                )
                return None
            review = f"{b} moved {where}"
            return self._place(anchor_label, slot, Proposal("move", at=b, review=review, source=e, **anchor_key))
        if item.kind == "part":
            self._cannot(f"the copy adds part {e}; amendment files cannot insert a part heading: add it after applying", e)
            return None
        level = self.levels.get(e, 0)
        content = _map_notes(self._content(e, level=level), self.note_ids)
        quoted = _quote(plain_text(content), self.language)
        if item.kind == "heading":
            node = item.node
            assert isinstance(node, Heading)
            if node.level != 2:
                self._cannot(f"the copy's new heading {e} is of level {node.level}; inserted headings are of level 2", e)
            proposal = Proposal("insert", heading=_md(content), review=f"new heading {where}: {quoted}", source=e, **anchor_key)
            return self._place(anchor_label, slot, proposal)
        anchor_node = self.bt.items[anchor_label].node
        kind = None
        if item.kind == "preambular" and not isinstance(anchor_node, Preambular):
            kind = "preambular"
        elif item.kind == "operative" and isinstance(anchor_node, Preambular):
            kind = "operative"
        name = _kind_name(item)
        proposal = Proposal("insert", text=_md(content), kind=kind, review=f"new {name} {where}: {quoted}", source=e, **anchor_key)
        return self._place(anchor_label, slot, proposal)

    # -- stage 4

    def words(self) -> list[_Placed]:
        """Substitutes or replaces for every paragraph found on both sides.

        At level 0 a paragraph whose references the copy's numbering reads differently is
        derived both ways — from the copy read in base numbering, and from the copy as written
        — and the way with fewer changes wins: a reference the copy left as the base wrote it
        while its paragraphs were renumbered (Word numbers paragraphs, not the references typed
        in the text) is no change of the delegation's; ``apply`` renumbers it (:attr:`stale`).
        """
        out: list[_Placed] = []
        footnotes = self.base.footnotes
        self.stale = set(self.to_base) if self.unnumbered else set()
        for e, b in sorted(self.to_base.items(), key=lambda x: self.bt.order[x[1]]):
            level = self.levels.get(e, 0)
            chosen = paragraph_changes(self._para(e, b, level), footnotes, whole=level >= 2)
            if level == 0 and not _same(self._content(e, level=0), self._content(e, level=1)):
                as_written = paragraph_changes(self._para(e, b, 1), footnotes)
                if len(as_written) < len(chosen):
                    chosen = as_written
                    self.stale.add(e)
            elif level == 0:
                self.stale.add(e)  # read in base numbering or as written, the same: numbers as written
            for proposal in chosen:
                out.append(self._place(b, 1, replace(proposal, source=e)))
        return out

    def _para(self, e: str, b: str, level: int) -> _Para:
        return _Para(
            label=b,
            node=self.bt.items[b].node,
            new=self._content(e, level=level),
            note_map=self.note_map,
            note_ids=self.note_ids,
            language=self.language,
        )

    # -- all stages, once

    def footnote_texts(self) -> list[_Placed]:
        """Substitutes or replaces on ``FN4`` for the footnotes whose text the copy changes,
        after the paragraphs' changes."""
        out: list[_Placed] = []
        base_notes = {n.id: n for n in self.base.footnotes}
        end = len(self.bt.order)
        for position, change in enumerate(self.note_changes):
            para = _Para(change.label, base_notes[change.id], change.new, self.note_map, self.note_ids, self.language)
            for proposal in paragraph_changes(para, self.base.footnotes):
                self.seq += 1
                out.append(_Placed((end + position, 1, self.seq), proposal))
        return out

    def proposals(self) -> list[Proposal]:
        self.unexpressed = []
        self.seq = 0
        placed = self.structure() + self.words() + self.footnote_texts()
        placed.sort(key=lambda p: p.key)
        return _attach_notes([p.proposal for p in placed], self.new_notes)


def _heaviest_increasing(values: list[int], weights: list[int]) -> set[int]:
    """Indices of the increasing subsequence of ``values`` with the most weight: the paragraphs
    that stay in place (the fewest moves; a paragraph that must not move weighs more). On a tie
    the earlier paragraphs stay: of two swapped paragraphs, the first is the one moved down."""
    n = len(values)
    if n > 1000 and all(w == 1 for w in weights):  # a long list without constraints: n log n
        from resodraft.redline import _longest_increasing

        return _longest_increasing(values)
    best = list(weights)
    prev = [-1] * n
    for k in range(n):
        for j in range(k):
            if values[j] < values[k] and best[j] + weights[k] > best[k]:
                best[k] = best[j] + weights[k]
                prev[k] = j
    keep: set[int] = set()
    k = max(range(n), key=lambda x: (best[x], -x)) if n else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    return keep


def _attach_notes(proposals: list[Proposal], new_notes: list[tuple[str, Any]]) -> list[Proposal]:
    """Give each new footnote's text to the first change whose text calls it."""
    import re

    out = list(proposals)
    for label, note in new_notes:
        call = re.compile(r"\[\^" + re.escape(label) + r"\]")
        for n, p in enumerate(out):
            text = p.text or p.replace or p.heading or ""
            if call.search(text):
                out[n] = replace(p, footnotes=p.footnotes + ((label, _md(note.content)),))
                break
    return out


def _relabelled(res: Resolution) -> Resolution:
    """``res`` with every block's ``uid`` its own label (the reader's; a text made by ``apply``
    carries the uids of the text it was made from)."""
    from resodraft.model import Operative, SubParagraph, with_uids

    def clear(node: Any) -> Any:
        if isinstance(node, (Operative, SubParagraph)):
            return replace(node, uid=None, subs=tuple(clear(s) for s in node.subs))
        return replace(node, uid=None)

    return with_uids(replace(res, blocks=tuple(clear(b) for b in res.blocks)))


def _meta_changes(base: Resolution, edited: Resolution) -> list[MetaChange]:
    a, b = base.meta.as_dict(), edited.meta.as_dict()
    return [MetaChange(k, a.get(k), b.get(k)) for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)]


# --------------------------------------------------------------------------------------------
# stage 6 and the entry point


MAX_LEVEL = 3

UNNUMBERED_REMARK = (
    "the copy's paragraphs are not numbered 1, 2, 3 …: its references are read in the base's "
    "numbering, and apply numbers both"
)
"""The remark made on a copy typed without renumbering (a tracked file's reading of one
author's changes is one whenever the numbers are typed: it leaves this remark out)."""


def derive(base: Resolution, edited: Resolution) -> Derivation:
    """The changes that turn ``base`` into ``edited``, as a drafter would write them (module doc).

    Raises nothing for texts that share little: check :attr:`Derivation.common` (the command
    refuses a copy below :data:`COMMON_MIN`).
    """
    d = _Deriver(base, edited)
    base, edited = d.base, d.edited
    meta = _meta_changes(base, edited)
    if d.common < COMMON_MIN:
        return Derivation([], meta, d.note_changes, [], d.common, d.shared, [], [], d.language)
    from resodraft.amend import META_FIELDS

    table = [(m.key, m.new or "") for m in meta if m.key in META_FIELDS]
    target = _target(edited, d)
    for _ in range(2 * (MAX_LEVEL + 1)):
        proposals = d.proposals()
        check = _verify(base, proposals, target, d, table)
        raised = False
        for e in check.wrong:
            if d.levels.get(e, 0) < MAX_LEVEL:
                d.levels[e] = d.levels.get(e, 0) + 1
                raised = True
        if not raised:
            break
    unexpressed = list(d.unexpressed)
    q = d.language
    if not _same(base.formula or (), edited.formula or ()):
        unexpressed.append(
            f"the copy changes the enacting formula to {_quote(plain_text(edited.formula or ()), q)}; "
            "amendment files cannot change it"
        )
    for change in meta:
        if change.key in META_FIELDS:
            continue
        why = (
            "the language of a text is not amended"
            if change.key == "language"
            else f"a [meta] table sets {', '.join(META_FIELDS)}, not {change.key}"
        )
        unexpressed.append(
            f"front matter: the copy changes {change.key} from {_quote(change.old or '', q) if change.old else 'nothing'} "
            f"to {_quote(change.new, q) if change.new else 'nothing'}; {why}"
        )
    if check.error is not None:
        unexpressed.append(f"the derived changes contradict each other ({check.error}); please report this")
    elif not check.structure and not d.unexpressed:
        unexpressed.append("applying the changes does not give the copy's paragraphs in the copy's order")
    for e in check.wrong:
        if e not in d.reported:
            unexpressed.append(f"{e} of the copy: the changes derived for it do not give its text exactly")
    if not check.footnotes and check.structure and not check.wrong:
        unexpressed.append("applying the changes does not give the copy's footnotes exactly")
    remarks = []
    if d.unnumbered:
        remarks.append(UNNUMBERED_REMARK)
    else:
        for e, applied in check.renumbered:
            for was, now in _number_changes(d.et.items[e].node.content, applied):
                remarks.append(
                    f"{d.to_base.get(e, e)}: the copy renumbers the paragraphs but keeps {_quote(was, q)}; "
                    f"apply writes {_quote(now, q)}, the same paragraph in the new numbering"
                )
    return Derivation(proposals, meta, d.note_changes, unexpressed, d.common, d.shared, remarks, table, d.language)


def _number_changes(a: Inlines, b: Inlines) -> list[tuple[str, str]]:
    """The stretches of ``a`` and ``b`` that differ, each with a word of context on both sides."""
    from resodraft.redline import word_changes

    old, new, spans = word_changes(a, b)
    out = []
    for i, j, k, l in spans:
        a0, b0 = i, j
        while a0 > 0 and not old[a0 - 1].is_word:
            a0 -= 1
        a0 = max(0, a0 - 1)
        while b0 < len(old) and not old[b0].is_word:
            b0 += 1
        b0 = min(len(old), b0 + 1)
        before = "".join(t.text for t in old[a0:i])
        after = "".join(t.text for t in old[j:b0])
        out.append((before + "".join(t.text for t in old[i:j]) + after, before + "".join(t.text for t in new[k:l]) + after))
    return out


def _numbered(res: Resolution) -> Resolution:
    """``res`` numbered the way ``apply`` numbers (paragraphs, sub-paragraphs, footnotes)."""
    from resodraft.number import renumber

    return renumber(res)[0]


def _target(edited: Resolution, d: "_Deriver") -> Resolution:
    """What applying the derived changes must give: the copy, numbered the way ``apply`` numbers,
    without the footnotes it no longer calls that the base called (``apply`` drops a footnote
    whose calls the amendments delete, as Word does; a copy edited as text may keep it)."""
    from resodraft.amend import _called

    called_base = _called(d.base)
    called_copy = _called(edited)
    base_of = {e: b for b, e in d.note_map.items()}
    orphans = {n.id for n in edited.footnotes if n.id not in called_copy and base_of.get(n.id) in called_base}
    if orphans:
        edited = replace(edited, footnotes=tuple(n for n in edited.footnotes if n.id not in orphans))
    return _numbered(edited)


@dataclass
class _Check:
    """How the result of applying the derived changes compares with the copy.

    ``wrong``: edited labels of paragraphs whose text differs; ``renumbered``: edited labels of
    paragraphs whose references ``apply`` renumbers where the copy did not, with the text
    ``apply`` gives; ``structure``: the same kinds of
    paragraph in the same order; ``footnotes``: the same footnotes; ``error``: why applying
    failed, if it did.
    """

    wrong: list[str] = field(default_factory=list)
    renumbered: list[tuple[str, Inlines]] = field(default_factory=list)
    structure: bool = True
    footnotes: bool = True
    error: str | None = None


def _verify(
    base: Resolution, proposals: list[Proposal], target: Resolution, d: "_Deriver", table: Sequence[tuple[str, str]] = ()
) -> _Check:
    """Apply ``proposals`` as ``resodraft apply`` would and compare with ``target``.

    The result's labels are the copy's once numbered (``d.target_labels`` gives the copy's).
    In the paragraphs ``d.stale`` names, numbers may differ: the copy left a reference as the
    base wrote it, and ``apply`` renumbers it (:attr:`_Check.renumbered`).
    """
    from resodraft import api
    from resodraft.errors import ResodraftError

    changes = [_to_change(p, k, "derived", None, "<derived>") for k, p in enumerate(proposals, 1)]
    changes += _meta_to_changes(table, "derived", None, "<derived>")
    try:
        new = api.apply(base, changes, allow_dangling=True).new if changes else _numbered(base)
    except ResodraftError as exc:
        return _Check(structure=False, error=str(exc))
    got = list(iter_labelled(new))
    want = list(iter_labelled(target))
    check = _Check(
        footnotes=len(new.footnotes) == len(target.footnotes)
        and all(
            a.id == b.id and (_same(a.content, b.content) or _numbers_only(b.content, a.content))
            for a, b in zip(new.footnotes, target.footnotes)
        )
    )
    if [g.kind for g in got] != [w.kind for w in want]:
        check.structure = False
        return check
    for g, w in zip(got, want):
        if _same(g.node.content, w.node.content):
            continue
        e = d.target_labels.get(w.label, w.label)
        if e in d.stale and _numbers_only(w.node.content, g.node.content):
            check.renumbered.append((e, g.node.content))
        else:
            check.wrong.append(e)
    return check


def _numbers_only(a: Inlines, b: Inlines) -> bool:
    """Do ``a`` and ``b`` differ only in numbers (digits, ordinal words, sub-paragraph letters),
    token for token?"""
    from resodraft.redline import word_changes

    def number(t: Any) -> bool:
        text = t.text.lower()
        return text.isdigit() or (len(text) <= 3 and text.isalpha()) or text.endswith(("ième", "th", "st", "nd", "rd"))

    old, new, spans = word_changes(a, b)
    for i, j, k, l in spans:
        if j - i != l - k:
            return False
        for x, y in zip(old[i:j], new[k:l]):
            if x.key != y.key and not (number(x) and number(y)):
                return False
    return True
