"""Amendments from a Word file with tracked changes: one amendment file per reviser.

A delegation (or several, passing one file around) edits last year's text in Word with Track
Changes on. :func:`derive_tracked` turns that file into one amendment file per sponsor, each
addressing the **base** labels, so that the files applied together give the text Word's
*Accept All* gives. In steps, on the reader's tree (:mod:`resodraft.readers.docx`, where
revisions stay data until the end):

1. **Who owns what.** Every revision belongs to its author's sponsor (the Word user name, or
   the sponsor ``--sponsor "Jean Dupont=France"`` maps it to; several names may map to one
   sponsor, whose file then holds all their changes). Revisions by ``resodraft (renumbering)``
   — paragraph numbers and references our own tracked files renumber — are consequences, not
   amendments: they belong to nobody and are always rejected (``apply`` renumbers anyway).
   A change that only exists inside another sponsor's change goes with that change
   (:func:`_reown`): words deleted or formatted inside someone else's insertion (Word nests the
   revisions), words typed inside or right after someone else's inserted words (replacing
   some of them, say), words added to or removed from a paragraph someone else inserted or
   deleted whole, changes inside a footnote someone else's change calls or removes. The file of the
   outer change gets the text as it stands after both, and says so; an amendment file cannot
   amend another sponsor's proposal.
2. **The base check.** The text with every change rejected must be BASE (the same
   paragraphs, labels and words, footnotes included): otherwise the file was edited from
   another text, and nothing is derived (:class:`~resodraft.errors.InputError` saying where it
   first differs). The Word reader gives a file in resodraft's styles back with ordinary
   spaces before ``;`` ``:`` ``!`` ``?`` ``»`` and after ``«`` and plain hyphens in symbols
   (:func:`resodraft.typography.untypeset`: our writers print no-break ones); BASE may have
   typed no-break ones there, so the comparison takes a space for a space and a non-breaking
   hyphen for a hyphen (:func:`typographic_map`).
3. **One reading per sponsor**: that sponsor's revisions accepted, every other rejected, read
   as an edited copy and given back BASE's own characters wherever it is BASE's text
   (:func:`transfer_typography`), so typography never becomes an amendment; the words the
   sponsor typed stay as read. The front
   matter a reading shows is compared with the rejected reading's (a masthead prints fewer
   keys than a draft's front matter holds), and only what the sponsor changed goes to
   ``[meta]``. Then :func:`resodraft.derive.derive` does the rest, exactly as for an edited
   copy (smallest substitutes, base labels, a review comment per change).
4. **Comments** anchored in a paragraph become the ``note`` of the changes their author (after
   the same mapping) made in that paragraph; a comment by someone who made no change there
   is not put in another sponsor's mouth: it is listed for the reviewer
   (:attr:`SponsorFile.remarks` of the files with changes there, and on standard error).
5. **The combination check**: all the files applied together to BASE must give the text with
   all their sponsors' revisions accepted (numbers aside, which ``apply`` redoes). Two changes
   amendment files cannot combine (two sponsors' changes to the same words that are not
   nested) are refused, naming both sponsors and the paragraph.

Dates: a file's ``date`` is the day of its sponsor's **latest** revision — the proposals as
they stood when the file was sent (a facilitator dates a proposal by its last version); a
sponsor whose revisions span several days is told so in the file's header.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from resodraft.errors import InputError
from resodraft.model import (
    Footnote,
    Inlines,
    NoteRef,
    Operative,
    Resolution,
    SubParagraph,
    Text,
    iter_labelled,
    normalize,
    plain_text,
)

RENUMBERING_AUTHOR = "resodraft (renumbering)"
"""The author our tracked files give renumbered paragraph numbers and repaired references
(:data:`resodraft.xref.RENUMBERING_AUTHOR`): never an amendment."""

ADOPTED_ONLY = ("symbol", "adopted", "date")
"""Front-matter keys an adopted text has and a draft does not (``resodraft rollover`` removes
them): a sponsor whose changes make the masthead a draft's removes them, printed or not."""

SPACES = " \u00a0\u202f\u2007"
"""Space characters that are one space to a reader: BASE may type a no-break one where the Word
reader gives an ordinary one back (:func:`resodraft.typography.untypeset`), or the reverse."""
HYPHENS = {"\u2011": "-"}
"""Characters that print as another: a non-breaking hyphen in a symbol."""


# --------------------------------------------------------------------------------------------
# the result, as data


@dataclass
class SponsorFile:
    """What one sponsor's tracked changes give.

    ``authors``: the Word user names whose revisions these are; ``date``: the day of the
    latest of them (``YYYY-MM-DD``, ``None`` when Word recorded none), ``first_date`` the
    earliest; ``derivation``: the :class:`~resodraft.derive.Derivation` (its proposals carry
    the comments as ``note``); ``remarks``: what the reviewer should know (comments by others
    in the paragraphs it changes, changes of others folded into its own); ``revisions``: how
    many changes (as Word's Reviewing pane counts them) the sponsor made.
    """

    sponsor: str
    authors: tuple[str, ...]
    date: str | None
    first_date: str | None
    derivation: Any
    remarks: list[str] = field(default_factory=list)
    revisions: int = 0
    notes: int = 0


@dataclass
class TrackedDerivation:
    """Every sponsor's file, and what belongs to nobody.

    ``files``: one :class:`SponsorFile` per sponsor with revisions (in the order of their first
    revision in the document); ``skipped``: changes left out, by author (``resodraft
    (renumbering)``, authors not selected); ``remarks``: comments attached to no change, and
    other notes for standard error.
    """

    files: list[SponsorFile]
    skipped: dict[str, int] = field(default_factory=dict)
    remarks: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# step 1: who owns each revision


class Owners:
    """``owner(revision)``: the sponsor a revision belongs to (``None``: nobody's).

    ``mapping`` maps Word user names to sponsors; an unmapped name is its own sponsor. The
    revisions :func:`_reown` gives to another sponsor are proxies registered here.
    """

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping
        self._proxies: dict[int, str | None] = {}
        self._keep: list[Any] = []  # the proxies, so their ids stay theirs

    def sponsor_of(self, author: str) -> str | None:
        if author == RENUMBERING_AUTHOR:
            return None
        return self.mapping.get(author, author)

    def __call__(self, rev: Any) -> str | None:
        found = self._proxies.get(id(rev), False)
        if found is not False:
            return found  # type: ignore[return-value]
        return self.sponsor_of(rev.author)

    def proxy(self, rev: Any, owner: str | None) -> Any:
        """A copy of ``rev`` owned by ``owner`` (the same change, decided with another's)."""
        copy = replace(rev)
        self._proxies[id(copy)] = owner
        self._keep.append(copy)
        return copy


@dataclass(frozen=True)
class Folded:
    """A change of ``other`` that goes with ``owner``'s, in Word paragraph ``paragraph``."""

    owner: str
    other: str
    paragraph: int
    why: str  # "inside a change by {owner}", "in a paragraph {owner} adds", …


def _story_paragraph_owners(paragraphs: Sequence[Any], owners: Owners) -> dict[int, tuple[str, str]]:
    """Paragraphs (by position in ``paragraphs``) that exist only in one sponsor's change, or
    that one sponsor deletes whole: position → that sponsor.

    A paragraph is new when all its text is inserted and its mark, or the mark of the
    paragraph before it (Enter at the end of a paragraph: Word marks that one), is inserted;
    deleted when all its text is removed and its mark (or, for the last paragraph, the one
    before it) is removed. The sponsor is the one whose mark revision it is; with it, the
    reason (``in a paragraph {owner} adds`` or ``deletes``).
    """
    out: dict[int, tuple[str, str]] = {}
    for k, para in enumerate(paragraphs):
        texts = [p for p in para.pieces if p.kind in ("text", "note", "tab") and (p.kind != "text" or p.text.strip())]
        if not texts:
            continue
        prev = paragraphs[k - 1] if k > 0 and paragraphs[k - 1].container == para.container else None
        nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) and paragraphs[k + 1].container == para.container else None
        inserted = all(any(not c.removes for c in p.changes) for p in texts)
        removed = all(any(c.removes for c in p.changes) for p in texts)
        mark = None
        if inserted:
            for cand in (para.mark, prev.mark if prev is not None else None):
                if cand is not None and not cand.removes:
                    mark = cand
                    break
        elif removed:
            for cand in (para.mark, prev.mark if prev is not None and nxt is None else None):
                if cand is not None and cand.removes:
                    mark = cand
                    break
        if mark is not None and owners(mark) is not None:
            out[k] = (owners(mark), "in a paragraph {owner} " + ("adds" if inserted else "deletes"))  # type: ignore[assignment]
    return out


def _reown(doc: Any, owners: Owners) -> list[Folded]:
    """Give each change that only exists inside another sponsor's change to that sponsor.

    Pieces of ``doc`` are rewritten in place with proxies of their revisions (see
    :class:`Owners`): a piece inside revisions of several sponsors is decided by the
    outermost one's; inserted words that run on from another sponsor's inserted words (no
    text of the base between them) by that sponsor's; every piece of a paragraph one sponsor
    inserts or deletes whole by that sponsor's; every piece of a footnote whose call one
    sponsor inserts or deletes by that sponsor's. Returns what was folded, for the reviewer.
    """
    folded: list[Folded] = []
    seen: set[tuple[str, str, int]] = set()

    def record(owner: str, other: str, paragraph: int, why: str) -> None:
        if (owner, other, paragraph) not in seen:
            seen.add((owner, other, paragraph))
            folded.append(Folded(owner, other, paragraph, why))

    def fold(pieces: list[Any], where: Callable[[Any], int], forced: tuple[str, str] | None) -> list[Any]:
        out = []
        stretch: str | None = None  # the sponsor of the inserted words the pieces run on from
        for piece in pieces:
            chain = list(piece.changes) + ([piece.format_change] if piece.format_change is not None else [])
            sponsors = [owners(r) for r in chain]
            present = {s for s in sponsors if s is not None}
            inserted = bool(piece.changes) and not piece.changes[0].removes
            if not inserted:
                stretch = None
            elif stretch is None:
                stretch = sponsors[0]
            if forced is not None:
                owner, why = forced
            elif inserted and stretch is not None and stretch != sponsors[0]:
                owner, why = stretch, "next to words {owner} adds"
            else:
                owner, why = (sponsors[0] if sponsors else None), "inside a change by {owner}"
            if owner is None or not (present - {owner}):
                out.append(piece)
                continue
            for rev, s in zip(chain, sponsors):
                if s is not None and s != owner:
                    record(owner, s, where(rev), why)
            new_changes = tuple(owners.proxy(r, owner) if owners(r) not in (owner, None) else r for r in piece.changes)
            fc = piece.format_change
            if fc is not None and owners(fc) not in (owner, None):
                fc = owners.proxy(fc, owner)
            out.append(replace(piece, changes=new_changes, format_change=fc))
        return out

    body = doc.paragraphs
    whole = _story_paragraph_owners(body, owners)
    note_owner: dict[tuple[str, str], tuple[str, int]] = {}
    for k, para in enumerate(body):
        para.pieces = fold(para.pieces, lambda r, i=para.index: i, whole.get(k))
        for piece in para.pieces:
            if piece.kind == "note" and piece.note is not None and piece.changes:
                owner = owners(piece.changes[0])
                if owner is not None:
                    note_owner[piece.note] = (owner, para.index)
    for key, note in doc.notes.items():
        forced_note = note_owner.get(key)
        inner = _story_paragraph_owners(note.paragraphs, owners)
        for k, para in enumerate(note.paragraphs):
            if forced_note is not None:
                owner, caller = forced_note
                why = "in a footnote whose call {owner} adds or deletes"
                para.pieces = fold(para.pieces, lambda r, c=caller: c, (owner, why))
            else:
                para.pieces = fold(para.pieces, lambda r: r.paragraph, inner.get(k))
    return folded


# --------------------------------------------------------------------------------------------
# readings


@dataclass
class Reading:
    """One reading of the tracked file: the resolution, its Word paragraphs and footnotes.

    ``lines`` maps a Word paragraph (1-based) to the labels read from it; ``notes`` maps a
    footnote's id in the reading to Word's ``(kind, id)``.
    """

    res: Resolution
    lines: dict[int, list[str]]
    notes: dict[str, tuple[str, str]]


def read(doc: Any, accept: Callable[[Any], bool], *, file: str, language: str | None) -> Reading:
    """The resolution ``doc`` gives with ``accept`` deciding each revision."""
    from resodraft.readers.docx.to_model import note_order, resolve, to_resolution

    res = to_resolution(doc, file=file, language=language, accept=accept)
    lines: dict[int, list[str]] = {}
    for item in iter_labelled(res):
        if item.node.line is not None:
            lines.setdefault(item.node.line, []).append(item.label)
    ids = note_order(resolve(doc.paragraphs, accept))
    return Reading(res, lines, {v: k for k, v in ids.items()})


# --------------------------------------------------------------------------------------------
# step 2: typography, and the base check


def _flat(inlines: Iterable[Any]) -> list[Any]:
    """Inline content as a list of ``(character, marks)`` and :class:`NoteRef` items (canonical
    form first)."""
    from resodraft.text import canonical_inlines

    out: list[Any] = []
    for item in canonical_inlines(normalize(tuple(inlines))):
        if isinstance(item, Text):
            for ch in item.text:
                out.append((ch, item.marks))
        else:
            out.append(item)
    return out


def _unflat(items: Iterable[Any]) -> Inlines:
    out: list[Any] = []
    for item in items:
        if isinstance(item, NoteRef):
            out.append(item)
        else:
            out.append(Text(item[0], item[1]))
    return normalize(out)


def _variant(ours: str, theirs: str) -> bool:
    """Do ``ours`` (as read from the Word file) and ``theirs`` (BASE's) print as the same
    character? Two spaces, no-break or not; a non-breaking hyphen and a hyphen, either way."""
    if ours == theirs or (ours in SPACES and theirs in SPACES):
        return True
    return HYPHENS.get(ours) == theirs or HYPHENS.get(theirs) == ours


def typographic_map(read_items: Sequence[Any], base_items: Sequence[Any]) -> tuple[list[Any] | None, int, int]:
    """Match a paragraph as read from Word with BASE's, character by character.

    Returns, for each item read, the BASE item it stands for, or ``None`` and the positions
    (read, base) where the two first differ in more than typography. Footnote calls match
    footnote calls (their ids are compared elsewhere); characters match when equal with the
    same marks, or when they are two spaces (no-break or not) or a non-breaking hyphen for a
    hyphen: the reader gives ordinary spaces and hyphens back for the ones our Word writers
    print (:func:`resodraft.typography.untypeset`), where BASE may have typed no-break ones.
    """
    out: list[Any] = []
    i = j = 0
    while i < len(read_items) or j < len(base_items):
        x = read_items[i] if i < len(read_items) else None
        y = base_items[j] if j < len(base_items) else None
        if x is not None and y is not None:
            if isinstance(x, NoteRef) and isinstance(y, NoteRef):
                out.append(y)
                i += 1
                j += 1
                continue
            if not isinstance(x, NoteRef) and not isinstance(y, NoteRef) and _variant(x[0], y[0]) and (
                x[1] == y[1] or x[0].isspace()
            ):
                out.append(y)
                i += 1
                j += 1
                continue
        return None, i, j
    return out, -1, -1


def transfer_typography(base: Inlines, rejected: Inlines, edited: Inlines, note_keys: Callable[[Any, str], Any]) -> Inlines:
    """``edited`` (a paragraph of one sponsor's reading) with BASE's characters wherever it
    still has the text of ``rejected`` (the same paragraph with every change rejected), which
    reads as ``base`` up to typography (:func:`typographic_map`): where BASE has a no-break
    space before ``;`` and the reader gives an ordinary one, BASE's comes back, so it is no
    amendment. The words the sponsor typed stay as read.

    ``note_keys(side, id)`` names a footnote call the same way in both readings (Word's note
    key), so calls match whatever their numbers; the calls kept are ``edited``'s.
    """
    if edited == rejected and not any(isinstance(x, NoteRef) for x in base):
        return base  # untouched: BASE's own characters (a quick way to the same result)
    r, b, t = _flat(rejected), _flat(base), _flat(edited)
    mapping = list(b) if r == b else typographic_map(r, b)[0]
    if mapping is None:
        return edited

    def key(item: Any, side: str) -> Any:
        return ("note", note_keys(side, item.id)) if isinstance(item, NoteRef) else item

    rk = [key(x, "rejected") for x in r]
    tk = [key(x, "edited") for x in t]
    if rk == tk and r == b and not any(isinstance(x, NoteRef) for x in r):
        return base  # the sponsor left this paragraph as it was
    # the common start and end first: difflib then only sees the stretch that changed
    head = 0
    while head < min(len(rk), len(tk)) and rk[head] == tk[head]:
        head += 1
    tail = 0
    while tail < min(len(rk), len(tk)) - head and rk[-1 - tail] == tk[-1 - tail]:
        tail += 1
    ops: list[tuple[str, int, int, int, int]] = [("equal", 0, head, 0, head)]
    middle = difflib.SequenceMatcher(None, rk[head : len(rk) - tail], tk[head : len(tk) - tail], autojunk=False)
    ops += [(op, i1 + head, i2 + head, j1 + head, j2 + head) for op, i1, i2, j1, j2 in middle.get_opcodes()]
    ops.append(("equal", len(rk) - tail, len(rk), len(tk) - tail, len(tk)))
    out: list[Any] = []
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            out.extend(t[j1 + k] if isinstance(r[i1 + k], NoteRef) else mapping[i1 + k] for k in range(i2 - i1))
        else:
            out.extend(t[j1:j2])
    return _unflat(out)


def _words_at(items: Sequence[Any], at: int, language: str) -> str:
    """A few words of ``items`` around position ``at``, quoted for a message."""
    text = "".join(x[0] if not isinstance(x, NoteRef) else f"[^{x.id}]" for x in items)
    at = min(at, len(text))
    start = at
    for _ in range(4):
        start = text.rfind(" ", 0, max(start - 1, 0))
        if start < 0:
            start = 0
            break
    end = at
    for _ in range(4):
        nxt = text.find(" ", end + 1)
        if nxt < 0:
            end = len(text)
            break
        end = nxt
    snippet = " ".join(text[start:end].split())
    if not snippet:
        return "nothing" if language != "fr" else "rien"
    lead = "… " if start > 0 else ""
    tail = " …" if end < len(text) else ""
    return f"« {lead}{snippet}{tail} »" if language == "fr" else f"“{lead}{snippet}{tail}”"


def check_base(base: Resolution, rejected: Resolution, *, file: str, base_name: str) -> dict[str, str]:
    """Refuse a tracked file whose text with every change rejected is not ``base``.

    Returns the rejected reading's footnote ids → BASE's (they match by their calls). Raises
    an :class:`InputError` naming where the two first differ: the label and the words.
    """
    lang = base.language
    hint = (
        "give as BASE the text the changes were made on (the file sent out for comments); "
        f"to compare the accepted text with this BASE instead, import it (resodraft import {file} "
        "--accept-changes -o copy.md) and derive from the copy"
    )

    def refuse(where: str) -> InputError:
        return InputError(f"this file was edited from another text: {where}", file=file, hint=hint)

    if (base.formula is None) != (rejected.formula is None) or (
        base.formula is not None and typographic_map(_flat(rejected.formula or ()), _flat(base.formula))[0] is None
    ):
        mine = plain_text(rejected.formula or ()) or "no enacting formula"
        theirs = plain_text(base.formula or ()) or "none"
        raise refuse(f"with its changes rejected, the enacting formula reads « {mine} » where {base_name} has « {theirs} »")
    ours = list(iter_labelled(rejected))
    theirs = list(iter_labelled(base))
    note_ids: dict[str, str] = {}
    for k, (a, b) in enumerate(zip(ours, theirs)):
        if a.label != b.label or a.kind != b.kind:
            raise refuse(
                f"with its changes rejected, its {_ordinal(k + 1)} paragraph is {a.label} "
                f"{_words_at(_flat(a.node.content), 0, lang)} where {base_name} has {b.label} "
                f"{_words_at(_flat(b.node.content), 0, lang)}"
            )
        r, bb = _flat(a.node.content), _flat(b.node.content)
        mapping, i, j = typographic_map(r, bb)
        if mapping is None:
            raise refuse(
                f"with its changes rejected, {a.label} reads {_words_at(r, i, lang)} "
                f"where {base_name} has {_words_at(bb, j, lang)}"
            )
        for x, y in zip(r, mapping):
            if isinstance(x, NoteRef):
                note_ids.setdefault(x.id, y.id)
    if len(ours) != len(theirs):
        if len(ours) > len(theirs):
            extra = ours[len(theirs)]
            raise refuse(
                f"with its changes rejected, it has {extra.label} {_words_at(_flat(extra.node.content), 0, lang)}, "
                f"which {base_name} does not have"
            )
        missing = theirs[len(ours)]
        raise refuse(
            f"with its changes rejected, it ends before {base_name}'s {missing.label} "
            f"{_words_at(_flat(missing.node.content), 0, lang)}"
        )
    base_notes = {n.id: n for n in base.footnotes}
    for note in rejected.footnotes:
        other = base_notes.get(note_ids.get(note.id, ""))
        if other is None:
            raise refuse(f"with its changes rejected, it has a footnote {note.id} that {base_name} does not have")
        r, bb = _flat(note.content), _flat(other.content)
        mapping, i, j = typographic_map(r, bb)
        if mapping is None:
            raise refuse(
                f"with its changes rejected, footnote {note.id} reads {_words_at(r, i, lang)} "
                f"where {base_name}'s footnote {other.id} has {_words_at(bb, j, lang)}"
            )
    if len(rejected.footnotes) != len(base.footnotes):
        called = set(note_ids.values())
        missing_notes = [n.id for n in base.footnotes if n.id not in called]
        if missing_notes:
            raise refuse(f"with its changes rejected, it has no footnote {missing_notes[0]}, which {base_name} has")
    return note_ids


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n if n < 20 else n % 10, f"{n}th") if not 10 < n % 100 < 14 else f"{n}th"


# --------------------------------------------------------------------------------------------
# step 3: one sponsor's reading, in BASE's typography


def _map_tree(res: Resolution, fn: Callable[[Any], Inlines | None]) -> Resolution:
    """``res`` with each paragraph's content replaced by ``fn(node)`` (``None``: kept)."""

    def one(node: Any) -> Any:
        content = fn(node)
        changes: dict[str, Any] = {}
        if content is not None:
            changes["content"] = content
        if isinstance(node, (Operative, SubParagraph)) and node.subs:
            changes["subs"] = tuple(one(s) for s in node.subs)
        return replace(node, **changes) if changes else node

    return replace(res, blocks=tuple(one(b) for b in res.blocks))


def in_base_typography(
    base: Resolution, rejected: Reading, edited: Reading, base_note_ids: dict[str, str]
) -> Resolution:
    """One sponsor's reading with BASE's typography and front matter where it has BASE's text.

    Paragraphs pair by the Word paragraph they were read from, footnotes by Word's note key;
    the front matter is BASE's, with the keys this reading shows differently from the
    rejected one.
    """
    base_nodes = {item.label: item.node for item in iter_labelled(base)}
    rejected_nodes = {item.node.line: item for item in iter_labelled(rejected.res) if item.node.line is not None}
    key_of = {"rejected": rejected.notes, "edited": edited.notes}

    def note_key(side: str, ident: str) -> Any:
        return key_of[side].get(ident, (side, ident))

    def fn(node: Any) -> Inlines | None:
        r = rejected_nodes.get(node.line) if node.line is not None else None
        if r is None or r.kind != node.kind or r.label not in base_nodes:
            return None  # a paragraph only the sponsor wrote: as read
        return transfer_typography(base_nodes[r.label].content, r.node.content, node.content, note_key)

    res = _map_tree(edited.res, fn)
    by_key = {rejected.notes.get(n.id): n for n in rejected.res.footnotes}
    base_notes = {n.id: n for n in base.footnotes}
    # footnotes take BASE's ids: a footnote BASE calls twice is two footnotes in Word (with
    # the same text), one again here; a footnote only the sponsor's reading has gets an id
    # BASE does not use
    notes: list[Footnote] = []
    ids: dict[str, str] = {}
    taken: dict[str, Footnote] = {}
    for note in res.footnotes:
        r_note = by_key.get(edited.notes.get(note.id))
        b_id = base_note_ids.get(r_note.id, "") if r_note is not None else ""
        b_note = base_notes.get(b_id)
        if r_note is not None and b_note is not None:
            content = transfer_typography(b_note.content, r_note.content, note.content, note_key)
            if b_id not in taken or taken[b_id].content == content:
                ids[note.id] = b_id
                if b_id not in taken:
                    taken[b_id] = replace(note, id=b_id, content=content)
                    notes.append(taken[b_id])
                continue
        else:
            content = note.content
        new_id = note.id
        while new_id in base_notes or new_id in ids.values():
            new_id = "w" + new_id
        ids[note.id] = new_id
        notes.append(replace(note, id=new_id, content=content))
    if rejected.res.formula is not None and base.formula is not None and res.formula is not None:
        res = replace(res, formula=transfer_typography(base.formula, rejected.res.formula, res.formula, note_key))
    res = _map_tree(res, lambda node: _renote(node.content, ids))
    if res.formula is not None:
        res = replace(res, formula=_renote(res.formula, ids))
    meta = base.meta
    changed = {
        f.name: getattr(edited.res.meta, f.name)
        for f in fields(meta)
        if f.name not in ("language", "extra") and getattr(edited.res.meta, f.name) != getattr(rejected.res.meta, f.name)
    }
    if changed.get("status") == "draft":
        # a text that becomes a draft loses what only an adopted text has (as roll-over removes
        # them), also when its masthead never printed it (a date without an adoption line)
        for key in ADOPTED_ONLY:
            if key not in changed and getattr(rejected.res.meta, key) is None:
                changed[key] = None
    return replace(res, footnotes=tuple(notes), meta=replace(meta, **changed))


def _renote(content: Inlines, ids: dict[str, str]) -> Inlines:
    return tuple(NoteRef(ids.get(x.id, x.id)) if isinstance(x, NoteRef) else x for x in content)


# --------------------------------------------------------------------------------------------
# the whole derivation


def _day(date: str | None) -> str | None:
    import datetime as dt

    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).isoformat()
    except ValueError:
        return None


def derive_tracked(
    base: Resolution,
    doc: Any,
    *,
    file: str,
    base_name: str,
    mapping: dict[str, str] | None = None,
    selected: Sequence[str] | None = None,
    language: str | None = None,
) -> TrackedDerivation:
    """One :class:`SponsorFile` per sponsor of ``doc``'s tracked changes (module docstring).

    ``mapping``: Word user name → sponsor; ``selected``: the sponsors to derive (``None``:
    all). Raises :class:`InputError` when the text with every change rejected is not
    ``base`` (:func:`check_base`) and when the files would not combine into the accepted text.
    """
    from resodraft.derive import UNNUMBERED_REMARK, derive

    owners = Owners(dict(mapping or {}))
    folded = _reown(doc, owners)
    language = language or base.meta.language
    rejected = read(doc, lambda r: False, file=file, language=language)
    base_note_ids = check_base(base, rejected.res, file=file, base_name=base_name)

    groups = doc.changes()
    sponsors: list[str] = []
    counts: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for group in groups:
        sponsor = owners.sponsor_of(group[0].author)
        if sponsor is None:
            skipped[group[0].author] = skipped.get(group[0].author, 0) + 1
            continue
        if sponsor not in sponsors:
            sponsors.append(sponsor)
        counts[sponsor] = counts.get(sponsor, 0) + 1
    chosen = [s for s in sponsors if selected is None or s in selected]
    for s in sponsors:
        if s not in chosen:
            for a in _authors_of(doc, owners, s):
                skipped[a] = skipped.get(a, 0) + sum(1 for g in groups if g[0].author == a)

    files: list[SponsorFile] = []
    readings: dict[str, Reading] = {}
    for sponsor in chosen:
        reading = read(doc, lambda r, s=sponsor: owners(r) == s, file=file, language=language)
        readings[sponsor] = reading
        copy = in_base_typography(base, rejected, reading, base_note_ids)
        derivation = derive(base, copy)
        derivation.remarks = [r for r in derivation.remarks if r != UNNUMBERED_REMARK]
        if any(rev.author == RENUMBERING_AUTHOR for rev in doc.revisions):
            # our own tracked file: the references it renumbered are RENUMBERING_AUTHOR's,
            # rejected in every reading, so a reading's references are the base's (apply's)
            derivation.remarks = []
        dates = sorted(d for d in (_day(r.date) for r in doc.revisions if owners.sponsor_of(r.author) == sponsor) if d)
        files.append(
            SponsorFile(
                sponsor=sponsor,
                authors=tuple(_authors_of(doc, owners, sponsor)),
                date=dates[-1] if dates else None,
                first_date=dates[0] if dates else None,
                derivation=derivation,
                revisions=counts.get(sponsor, 0),
            )
        )
    out = TrackedDerivation(files, skipped)
    _order_inserts(base, out, readings)
    _fold_remarks(out, folded, rejected, readings)
    _attach_comments(out, doc, owners, rejected, readings)
    if files:
        _check_combination(base, out, doc, owners, rejected, base_note_ids, file=file, language=language)
    return out


def _order_inserts(base: Resolution, out: TrackedDerivation, readings: dict[str, Reading]) -> None:
    """Two sponsors' new paragraphs in the same place keep Word's order whatever the order the
    files are applied in: the later one is placed ``before`` the next paragraph of BASE
    instead of ``after`` the same one (``apply`` puts what goes after a paragraph before what
    goes before the next)."""
    siblings: dict[str | None, list[str]] = {}
    kinds: dict[str, str] = {}
    for item in iter_labelled(base):
        siblings.setdefault(item.parent, []).append(item.label)
        kinds[item.label] = item.kind
    parent_of = {item.label: item.parent for item in iter_labelled(base)}
    where: dict[str, list[tuple[int, SponsorFile, int]]] = {}
    for sf in out.files:
        reading = readings[sf.sponsor]
        line_of = {label: line for line, labels in reading.lines.items() for label in labels}
        for n, p in enumerate(sf.derivation.proposals):
            if p.op in ("insert", "move") and p.after and p.source in line_of:
                where.setdefault(p.after, []).append((line_of[p.source], sf, n))
    for anchor, items in where.items():
        if len({id(sf) for _, sf, _ in items}) < 2:
            continue
        items.sort(key=lambda x: x[0])
        first = items[0][1]
        kin = siblings.get(parent_of.get(anchor), [])
        k = kin.index(anchor) if anchor in kin else -1
        nxt = kin[k + 1] if 0 <= k < len(kin) - 1 else None
        if nxt is None:
            continue  # the end of a list: the order the files are applied in decides
        for _, sf, n in items:
            if sf is first:
                continue
            p = sf.derivation.proposals[n]
            if p.op == "insert" and p.heading is None and kinds.get(nxt) != (p.kind or kinds.get(anchor, "operative")):
                continue  # before a paragraph of another kind it would become one
            sf.derivation.proposals[n] = replace(p, after=None, before=nxt)


def _authors_of(doc: Any, owners: Owners, sponsor: str) -> list[str]:
    out: list[str] = []
    for rev in doc.revisions:
        if owners.sponsor_of(rev.author) == sponsor and rev.author not in out:
            out.append(rev.author)
    return out


def _fold_remarks(out: TrackedDerivation, folded: list[Folded], rejected: Reading, readings: dict[str, Reading]) -> None:
    by_sponsor = {f.sponsor: f for f in out.files}
    for item in folded:
        target = by_sponsor.get(item.owner)
        where = _describe(item.paragraph, rejected, readings.get(item.owner), target)
        why = item.why.format(owner=item.owner)
        line = (
            f"{where}: {item.other}'s change {why} goes with it, in {item.owner}'s file "
            "(an amendment file cannot amend another sponsor's proposal)"
        )
        if target is not None:
            target.remarks.append(line)
        else:
            out.remarks.append(line)


def _describe(paragraph: int, rejected: Reading, reading: Reading | None, sf: SponsorFile | None) -> str:
    """Word paragraph ``paragraph`` for a reviewer: BASE's label, or the new paragraph a
    sponsor's change inserts (``the new paragraph after PP2``)."""
    labels = rejected.lines.get(paragraph)
    if labels:
        return labels[0]
    if reading is not None and sf is not None:
        for label in reading.lines.get(paragraph, []):
            for p in sf.derivation.proposals:
                if p.source == label and p.op == "insert":
                    return f"the new paragraph {'after ' + p.after if p.after else 'before ' + str(p.before)}"
    return f"Word paragraph {paragraph}"


def _attach_comments(out: TrackedDerivation, doc: Any, owners: Owners, rejected: Reading, readings: dict[str, Reading]) -> None:
    """Comments → ``note`` of their author's changes in the paragraphs they are anchored in."""
    for comment in doc.comments:
        text = " ".join(comment.text.split())
        if not text or not comment.paragraphs:
            continue
        author_sponsor = owners.sponsor_of(comment.author)
        touched: list[SponsorFile] = []
        attached = False
        for sf in out.files:
            reading = readings[sf.sponsor]
            edited_labels = {lab for p in comment.paragraphs for lab in reading.lines.get(p, [])}
            base_labels = {lab for p in comment.paragraphs for lab in rejected.lines.get(p, [])}
            hits = [
                n
                for n, p in enumerate(sf.derivation.proposals)
                if (p.source is not None and p.source in edited_labels)
                or (p.source is None and p.at in base_labels and p.op in ("delete", "substitute", "replace"))
            ]
            if not hits:
                continue
            if sf.sponsor == author_sponsor:
                for n in hits:
                    p = sf.derivation.proposals[n]
                    note = f"{p.note} / {text}" if p.note else text
                    sf.derivation.proposals[n] = replace(p, note=note)
                sf.notes += 1
                attached = True
            else:
                touched.append(sf)
        if attached:
            continue
        where = next(
            (
                w
                for sf in out.files
                if not (w := _describe(comment.paragraphs[0], rejected, readings[sf.sponsor], sf)).startswith("Word ")
            ),
            f"Word paragraph {comment.paragraphs[0]}",
        )
        line = f"{where}: comment by {comment.author}, who made no change there: « {text} »"
        for sf in touched:
            sf.remarks.append(line)
        if not touched:
            out.remarks.append(line + " (attached to no change)")


# --------------------------------------------------------------------------------------------
# step 5: the files together


def _check_combination(
    base: Resolution,
    out: TrackedDerivation,
    doc: Any,
    owners: Owners,
    rejected: Reading,
    base_note_ids: dict[str, str],
    *,
    file: str,
    language: str | None,
) -> None:
    """Refuse files that do not combine into the text with all their revisions accepted."""
    from resodraft import api
    from resodraft.derive import _numbered, _numbers_only, _same
    from resodraft.errors import ConflictError

    chosen = {sf.sponsor for sf in out.files}
    changes: list[Any] = []
    for sf in sorted(out.files, key=lambda f: api.slug(f.sponsor)):  # as apply reads a folder of them
        changes += sf.derivation.changes(sponsor=sf.sponsor, file=sf.sponsor)
    try:
        combined = api.apply(base, changes, allow_dangling=True).new
    except ConflictError as exc:
        raise _conflict(exc, out, file) from None
    if any(sf.derivation.unexpressed for sf in out.files):
        return  # each file already says where it differs from its reading
    accepted = read(doc, lambda r: owners(r) in chosen, file=file, language=language)
    target = _numbered(in_base_typography(base, rejected, accepted, base_note_ids))
    got, want = list(iter_labelled(combined)), list(iter_labelled(target))
    for k, w in enumerate(want):
        g = got[k] if k < len(got) else None
        if g is not None and g.kind == w.kind and (
            _same(g.node.content, w.node.content) or _numbers_only(w.node.content, g.node.content)
        ):
            continue
        line = w.node.line
        sponsors = sorted({owners(r) for r in doc.revisions if r.paragraph in (line, (line or 0) - 1) and owners(r) in chosen})
        raise InputError(
            f"the changes of {_names(sponsors or sorted(chosen))} in {w.label} "
            f"({_words_at(_flat(w.node.content), 0, base.language)}) depend on each other in a way amendment "
            "files cannot say: applied together, the derived files would not give the accepted text",
            file=file,
            hint="accept or reject one of them in Word first, or derive one sponsor at a time with --author NAME",
        )
    if len(got) != len(want):
        raise InputError(
            f"the changes of {_names(sorted(chosen))} depend on each other in a way amendment files cannot say: "
            "applied together, the derived files would not give the accepted text",
            file=file,
            hint="accept or reject some of them in Word first, or derive one sponsor at a time with --author NAME",
        )


def _names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _conflict(exc: Any, out: TrackedDerivation, file: str) -> InputError:
    """Two sponsors' derived changes that overlap, said in the tracked file's terms."""
    import re

    files = {sf.sponsor for sf in out.files}
    named = [exc.file] if exc.file in files else []
    for sponsor in sorted(files, key=len, reverse=True):
        if sponsor != exc.file and re.search(re.escape(sponsor) + r":\d+", exc.message):
            named.append(sponsor)
    label = None
    if exc.file in files and exc.line:
        sf = next(s for s in out.files if s.sponsor == exc.file)
        if 0 < exc.line <= len(sf.derivation.proposals):
            p = sf.derivation.proposals[exc.line - 1]
            label = p.at or p.after or p.before
    where = f" in {label}" if label else ""
    order = [sf.sponsor for sf in out.files]
    named = sorted(named or order, key=order.index)
    return InputError(
        f"the changes of {_names(named)}{where} overlap: amendment files cannot combine them",
        file=file,
        hint="accept or reject one of them in Word first, or derive one sponsor at a time with --author NAME",
    )
