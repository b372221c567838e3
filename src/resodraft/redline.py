"""Compare two versions of a resolution: paragraphs are aligned first, then words (DESIGN.md §6).

:func:`compare` returns a :class:`~resodraft.model.Redline` that every redline writer renders,
so Markdown, HTML, JSON, the terminal and Word show the same decisions:

1. **Footnotes** are aligned by content, which gives the map old id → new id; a footnote call
   is the same token on both sides when it calls the same footnote.
2. **Paragraphs** (preambular, operative, sub-paragraphs, headings, parts) are aligned either by
   ``uid`` (``by_uid=True``: the amendment pipeline keeps the base labels) or by content: equal
   text first, ignoring the printed number, so a renumbered paragraph is *equal*; then, between
   two equal paragraphs, the most similar pairs (word overlap ≥ 0.5) are *changed*; what is
   left is *deleted* or *inserted*, and a paragraph whose text turns up elsewhere is *moved*.
   An inserted paragraph never turns the following ones into changes.
3. **Words** inside each changed pair are diffed on tokens (:mod:`resodraft.tokenize`) with
   diff-match-patch, without its one-second time limit, then cleaned up the way a drafter marks
   changes: small unchanged islands between two changes are absorbed, changes start and end on
   token boundaries, deletions come before insertions.

Paragraph numbers are not part of the ops: a :class:`~resodraft.model.ParaDiff` carries
``old_number`` and ``new_number`` and the writers decide whether to show renumbering.

A moved paragraph appears twice, like a tracked move in Word: at its old place (``status
"moved"``, ``new`` = ``None``, one ``-`` op with the old text) and at its new place (``status
"moved"``, both labels, one ``+`` op with the new text). So, for every paragraph and footnote,
``side(ops, "old")`` is its text in the old version and ``side(ops, "new")`` its text in the
new one: rejecting every change gives the old document, accepting every change the new one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from diff_match_patch import diff_match_patch

from resodraft.model import (
    META_KEYS,
    Footnote,
    Heading,
    Inlines,
    NoteDiff,
    NoteRef,
    Op,
    Paragraph,
    ParaDiff,
    Redline,
    Resolution,
    Span,
    SubParagraph,
    iter_labelled,
    normalize,
    plain_text,
)
from resodraft.tokenize import Token, detokenize, tokenize, word_list, word_set

Authors = Mapping[str, tuple[str, str | None]]

SIMILARITY = 0.5
"""Two paragraphs (or footnotes) sharing at least this share of their words are one changed pair."""

_FULL_DP_LIMIT = 40_000  # old × new paragraphs of one changed stretch compared exhaustively
_BAND = 32  # otherwise only pairs near the diagonal are compared
_CONTAINED_MIN = 6  # see _similarity
_EDGE_MIN = 8  # see _edge_share
_FEW_WORDS = 3  # see _similarity
_SHORT_WORD = 3  # an unchanged word this short between two changes is absorbed ("de", "et")


# --------------------------------------------------------------------------------------------
# sequence diff on hashable items (paragraph keys or word-token keys)


def _char(n: int) -> str:
    n += 0x100  # keep clear of control characters
    if n >= 0xD800:
        n += 0x800  # skip the surrogate range
    return chr(n)


def diff_sequences(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """A minimal diff of two sequences as ``(op, count)`` pairs, op ``0`` kept, ``-1``/``1``.

    Each distinct item is mapped to one character and diff-match-patch diffs the two strings
    (its "lines to chars" trick applied to tokens or paragraphs). The time limit is off: the
    result is always a real minimal diff, never the give-up diff of the 1-second default.
    """
    codes: dict[Hashable, str] = {}

    def encode(seq: Sequence[Hashable]) -> str:
        out = []
        for item in seq:
            ch = codes.get(item)
            if ch is None:
                ch = codes[item] = _char(len(codes))
            out.append(ch)
        return "".join(out)

    ta, tb = encode(a), encode(b)
    if ta == tb:
        return [(0, len(ta))] if ta else []
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return [(op, len(text)) for op, text in dmp.diff_main(ta, tb, False)]


# --------------------------------------------------------------------------------------------
# word diff inside one aligned pair


@dataclass
class _Same:
    """Tokens kept: pairs (old token, new token) with the same key."""

    pairs: list[tuple[Token, Token]]


@dataclass
class _Change:
    """A change: old tokens deleted, new tokens inserted."""

    dels: list[Token]
    inss: list[Token]


def _length(tokens: Sequence[Token]) -> int:
    return sum(len(t.text) or 1 for t in tokens)


def _absorbable(same: _Same, before: _Change, after: _Change) -> bool:
    """Whether an unchanged island between two changes reads better as part of the change.

    Always absorbed: white space and punctuation. Between two replacements (text deleted and
    text inserted on both sides) also: one short function word (``de``, ``et``, ``of``), or
    two short words when both replacements are four times longer. A longer island stays,
    and so does any word next to a pure deletion or insertion, so separate amendments stay
    separate (``rapport~~, conformément à la résolution,~~ à sa ~~vingtième~~ **vingt-et-unième**``).
    """
    toks = [n for _, n in same.pairs]
    if any(t.kind == "note" for t in toks):
        return False
    words = [t for t in toks if t.is_word]
    if not words:
        return True
    if not (before.dels and before.inss and after.dels and after.inss):
        return False
    if len(words) == 1 and len(words[0].text) <= _SHORT_WORD:
        return True
    if len(words) > 2 or any(len(w.text) > _SHORT_WORD for w in words):
        return False
    size = _length(toks)
    return 4 * size <= min(max(_length(before.dels), _length(before.inss)), max(_length(after.dels), _length(after.inss)))


def _kept_dmp(a: list[Hashable], b: list[Hashable]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    x = y = 0
    for op, n in diff_sequences(a, b):
        if op == 0:
            kept.extend((x + k, y + k) for k in range(n))
            x += n
            y += n
        elif op < 0:
            x += n
        else:
            y += n
    return kept


def _kept_runs(a: list[Hashable], b: list[Hashable]) -> list[tuple[int, int]]:
    """Matches that favour long unbroken runs (longest common run first, then either side)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [(x + k, y + k) for x, y, n in matcher.get_matching_blocks() for k in range(n)]


def _segments(
    a: list[Token],
    b: list[Token],
    matcher: Callable[[list[Hashable], list[Hashable]], list[tuple[int, int]]] = _kept_dmp,
) -> list[_Same | _Change]:
    """The raw word diff: words, symbols and punctuation are diffed, white space follows them.

    Diffing white space as tokens of its own would let the spaces between two unrelated
    sentences match one another and cut a rewrite into word-by-word islands; so only the
    other tokens are diffed, and the white space between two kept tokens is kept when it is
    the same on both sides (a change otherwise).
    """
    ai = [k for k, t in enumerate(a) if t.kind != "space"]
    bi = [k for k, t in enumerate(b) if t.kind != "space"]
    kept = [(ai[x], bi[y]) for x, y in matcher([a[k].key for k in ai], [b[k].key for k in bi])]
    segs: list[_Same | _Change] = []

    def same(pairs: Iterable[tuple[Token, Token]]) -> None:
        if segs and isinstance(segs[-1], _Same):
            segs[-1].pairs.extend(pairs)
        else:
            segs.append(_Same(list(pairs)))

    def gap(olds: list[Token], news: list[Token]) -> None:
        if not olds and not news:
            return
        if len(olds) == len(news) == 1 and olds[0].key == news[0].key:  # the space between two kept words
            same(zip(olds, news))
            return
        head = 0
        while head < min(len(olds), len(news)) and olds[head].key == news[head].key:
            head += 1
        tail = 0
        while tail < min(len(olds), len(news)) - head and olds[-1 - tail].key == news[-1 - tail].key:
            tail += 1
        if head:
            same(zip(olds[:head], news[:head]))
        if head < len(olds) - tail or head < len(news) - tail:
            segs.append(_Change(list(olds[head : len(olds) - tail]), list(news[head : len(news) - tail])))
        if tail:
            same(zip(olds[len(olds) - tail :], news[len(news) - tail :]))

    pa = pb = 0
    for i, j in kept:
        gap(a[pa:i], b[pb:j])
        same(((a[i], b[j]),))
        pa, pb = i + 1, j + 1
    gap(a[pa:], b[pb:])
    return segs


def _absorb(segs: list[_Same | _Change]) -> list[_Same | _Change]:
    out: list[_Same | _Change] = []
    for seg in segs:
        if isinstance(seg, _Change):
            while (
                len(out) >= 2
                and isinstance(out[-1], _Same)
                and isinstance(out[-2], _Change)
                and _absorbable(out[-1], out[-2], seg)  # type: ignore[arg-type]
            ):
                same = out.pop()
                prev = out.pop()
                assert isinstance(same, _Same) and isinstance(prev, _Change)
                seg = _Change(
                    prev.dels + [o for o, _ in same.pairs] + seg.dels,
                    prev.inss + [n for _, n in same.pairs] + seg.inss,
                )
        out.append(seg)
    return out


def _resplit(segs: list[_Same | _Change]) -> list[_Same | _Change]:
    """Look again inside each merged change for a longer unchanged run worth showing.

    A minimal diff may match a lone ``à`` of the deleted text and leave ``à sa`` of the kept
    text inside the change (``~~, conformément à la résolution, à sa vingtième~~ **à sa
    vingt-et-unième**``). Re-diffing the change with long runs first finds ``à sa`` again,
    and the same absorption rules decide whether it stays apart.
    """
    out: list[_Same | _Change] = []
    for seg in segs:
        if isinstance(seg, _Change) and seg.dels and seg.inss and len(seg.dels) * len(seg.inss) <= _FULL_DP_LIMIT:
            out.extend(_absorb(_segments(seg.dels, seg.inss, _kept_runs)))
        else:
            out.append(seg)
    return out


def _trim(segs: list[_Same | _Change]) -> list[_Same | _Change]:
    """Move tokens common to both sides at the edges of a change out into the kept text."""
    out: list[_Same | _Change] = []
    for seg in segs:
        if isinstance(seg, _Change):
            head: list[tuple[Token, Token]] = []
            while seg.dels and seg.inss and seg.dels[0].key == seg.inss[0].key:
                head.append((seg.dels.pop(0), seg.inss.pop(0)))
            tail: list[tuple[Token, Token]] = []
            while seg.dels and seg.inss and seg.dels[-1].key == seg.inss[-1].key:
                tail.insert(0, (seg.dels.pop(), seg.inss.pop()))
            if head:
                out.append(_Same(head))
            if seg.dels or seg.inss:
                out.append(seg)
            if tail:
                out.append(_Same(tail))
        else:
            out.append(seg)
    merged: list[_Same | _Change] = []
    for seg in out:
        if isinstance(seg, _Same) and merged and isinstance(merged[-1], _Same):
            merged[-1].pairs.extend(seg.pairs)
        elif isinstance(seg, _Same) and not seg.pairs:
            continue
        else:
            merged.append(seg)
    return merged


_CLAUSE_END = frozenset(",;:.!?)»]")
_CLAUSE_START = frozenset(",;:.!?(«[")


def _boundary(left: Token | None, right: Token | None) -> int:
    """How good a place to start or end a change the point between two tokens is."""
    if left is None or right is None:
        return 3
    if left.kind == "space" or right.kind == "space":
        return 2
    if left.kind in ("punct", "note") or right.kind in ("punct", "note"):
        return 2
    return 0  # between an elision and its word


def _clause_before(pairs: list[tuple[Token, Token]]) -> bool:
    """Whether the kept text before a change ends a clause (``…coopération, `` ``…(``)."""
    toks = [n for _, n in pairs[-2:]]
    if toks and toks[-1].kind == "space":
        toks = toks[:-1]
    return bool(toks) and toks[-1].text in _CLAUSE_START


def _clause_after(pairs: list[tuple[Token, Token]]) -> bool:
    """Whether the kept text after a change starts with a clause mark (`` ;`` ``, ``)."""
    toks = [n for _, n in pairs[:2]]
    if toks and toks[0].kind == "space":
        toks = toks[1:]
    return bool(toks) and toks[0].text in _CLAUSE_END


def _place_score(lp: list[tuple[Token, Token]], edit: list[Token], rp: list[tuple[Token, Token]]) -> int:
    left = 3 if _clause_before(lp) else _boundary(lp[-1][1] if lp else None, edit[0])
    right = 3 if _clause_after(rp) else _boundary(edit[-1], rp[0][1] if rp else None)
    return 2 * (left + right) - (edit[-1].kind == "space")  # on a tie, the change carries its leading space


def _alternate(segs: list[_Same | _Change]) -> list[_Same | _Change]:
    """The same segments with a (possibly empty) kept stretch before and after every change."""
    out: list[_Same | _Change] = []
    for seg in segs:
        if isinstance(seg, _Change) and (not out or isinstance(out[-1], _Change)):
            out.append(_Same([]))
        out.append(seg)
    if not out or isinstance(out[-1], _Change):
        out.append(_Same([]))
    return out


def _slide(segs: list[_Same | _Change]) -> None:
    """Slide each pure insertion or deletion to the neighbouring position that reads best.

    ``la Cour et la Cour`` can show added words in several equivalent places. The chosen one
    has its edges at clause marks (``coopération|, et … Cour| ;``), else at white space or
    punctuation, never between an elision and its word; the last one on a tie.
    ``segs`` alternates kept stretches and changes (see :func:`_alternate`).
    """
    for k in range(1, len(segs) - 1, 2):
        seg = segs[k]
        left, right = segs[k - 1], segs[k + 1]
        assert isinstance(seg, _Change) and isinstance(left, _Same) and isinstance(right, _Same)
        if seg.dels and seg.inss:
            continue
        deleting = bool(seg.dels)
        edit = list(seg.dels or seg.inss)
        lp, rp = list(left.pairs), list(right.pairs)
        # all the way left first
        while lp and lp[-1][1].key == edit[-1].key:
            o, n = lp.pop()
            last = edit.pop()
            rp.insert(0, (last, n) if deleting else (o, last))
            edit.insert(0, o if deleting else n)
        best: tuple[int, list[tuple[Token, Token]], list[Token], list[tuple[Token, Token]]] | None = None
        while True:
            score = _place_score(lp, edit, rp)
            if best is None or score >= best[0]:
                best = (score, list(lp), list(edit), list(rp))
            if not (rp and rp[0][1].key == edit[0].key):
                break
            o, n = rp.pop(0)
            first = edit.pop(0)
            lp.append((first, n) if deleting else (o, first))
            edit.append(o if deleting else n)
        _, left.pairs, edit, right.pairs = best
        if deleting:
            seg.dels = edit
        else:
            seg.inss = edit


def _word_segments(old: Inlines, new: Inlines, note_map: Mapping[str, str] | None) -> list[_Same | _Change]:
    a = tokenize(old, note_map)
    b = tokenize(new)
    segs = _alternate(_trim(_resplit(_absorb(_segments(a, b)))))
    _slide(segs)
    out: list[_Same | _Change] = []
    for seg in segs:
        if isinstance(seg, _Same) and not seg.pairs:
            continue
        if isinstance(seg, _Change) and out and isinstance(out[-1], _Change):  # slid against each other
            out[-1] = _Change(out[-1].dels + seg.dels, out[-1].inss + seg.inss)
        else:
            out.append(seg)
    return out


def _find_span(start: int, end: int, spans: Sequence[Span]) -> Span | None:
    """The author span of a change at ``[start, end)`` of the new text (``start == end``: a deletion)."""
    best: Span | None = None
    best_rank: tuple[int, int] | None = None
    for s in spans:
        if end > start:
            overlap = min(end, s.end) - max(start, s.start)
            if overlap > 0:
                rank = (2, overlap)
            elif s.start == s.end and start <= s.start <= end:
                rank = (1, 0)
            else:
                continue
        else:
            if not s.start <= start <= s.end:
                continue
            if s.start == s.end:
                rank = (4, 0)
            elif s.start == start:
                rank = (3, 0)
            elif s.end == start:
                rank = (2, 0)
            else:
                rank = (1, 0)
        if best_rank is None or rank > best_rank:
            best, best_rank = s, rank
    return best


def _nearest_span(start: int, end: int, spans: Sequence[Span]) -> Span | None:
    """The span closest to ``[start, end)`` (the first on a tie), or ``None`` without spans.

    A change always comes from some amendment when a paragraph has spans, but the word diff
    may place it a little away from where the amendment did: ``find = "… défis "`` with
    ``replace = ""`` deletes ``"défis "`` where the diff shows ``" défis"`` one character
    earlier. The nearest span is then the change's author.
    """
    best: Span | None = None
    best_gap: int | None = None
    for s in spans:
        gap = max(s.start - end, start - s.end, 0)
        if best_gap is None or gap < best_gap:
            best, best_gap = s, gap
    return best


def _ops(
    segs: list[_Same | _Change],
    spans: Sequence[Span],
    fallback: tuple[str | None, str | None],
) -> tuple[Op, ...]:
    ops: list[Op] = []
    at = 0  # offset in the new plain text

    def who(start: int, end: int) -> tuple[str | None, str | None]:
        span = _find_span(start, end, spans) or _nearest_span(start, end, spans)
        return (span.author, span.date) if span else fallback

    for seg in segs:
        if isinstance(seg, _Same):
            content = detokenize(n for _, n in seg.pairs)
            ops.append(Op("=", content))
            at += len(plain_text(content))
            continue
        if seg.dels:
            by = who(at, at)
            if seg.inss and _find_span(at, at, spans) is None:
                # a deletion replaced by new text: both are one change ("26-19/33" → "26" inside
                # one symbol token), by whoever wrote the new text
                by = who(at, at + len(plain_text(detokenize(seg.inss))))
            ops.append(Op("-", detokenize(seg.dels), *by))
        if seg.inss:
            content = detokenize(seg.inss)
            size = len(plain_text(content))
            ops.append(Op("+", content, *who(at, at + size)))
            at += size
    return tuple(ops)


def word_diff(
    old: Inlines,
    new: Inlines,
    *,
    note_map: Mapping[str, str] | None = None,
    spans: Sequence[Span] = (),
    author: str | None = None,
    date: str | None = None,
) -> tuple[Op, ...]:
    """The word-level ops turning ``old`` into ``new`` (footnote ids of ``old`` read via ``note_map``).

    ``spans`` (offsets in the plain text of ``new``) give the author of the changes they
    overlap or touch; other changes get ``author``/``date``. Kept text carries no author.
    """
    return _ops(_word_segments(old, new, note_map), spans, (author, date))


# --------------------------------------------------------------------------------------------
# alignment of paragraphs (and footnotes)


@dataclass
class _Unit:
    label: str
    node: Paragraph | Footnote
    kind: str
    number: str | None
    level: int
    style: str
    uid: str | None
    key: Hashable
    ancestors: tuple[str, ...] = ()  # uids of the paragraphs a sub-paragraph belongs to, nearest first
    _words: frozenset[str] | None = None
    _word_list: list[str] | None = None

    @property
    def content(self) -> Inlines:
        return self.node.content

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(w for w in word_set(plain_text(self.content)) if len(w) >= 4)
        return self._words

    @property
    def word_list(self) -> list[str]:
        if self._word_list is None:
            self._word_list = word_list(plain_text(self.content))
        return self._word_list


def _content_key(inlines: Inlines, note_map: Mapping[str, str] | None) -> tuple[Hashable, ...]:
    out: list[Hashable] = []
    for item in normalize(inlines):
        if isinstance(item, NoteRef):
            out.append(("^", note_map.get(item.id, item.id) if note_map else item.id))
        else:
            out.append((item.text, tuple(sorted(item.marks))))
    return tuple(out)


def _paragraph_units(res: Resolution, note_map: Mapping[str, str] | None) -> list[_Unit]:
    depth: dict[str, int] = {}
    lineage: dict[str, tuple[str, ...]] = {}  # label → uids of the paragraph and its ancestors
    units = []
    for item in iter_labelled(res):
        node = item.node
        style = ")"
        ancestors = lineage.get(item.parent, ()) if item.parent is not None else ()
        lineage[item.label] = ((node.uid,) if node.uid is not None else ()) + ancestors
        if isinstance(node, SubParagraph):
            level = depth.get(item.parent or "", 0) + 1
            style = node.style
        elif isinstance(node, Heading):
            level = node.level
        else:
            level = 0
        depth[item.label] = level
        units.append(
            _Unit(
                label=item.label,
                node=node,
                kind=item.kind,
                number=item.number,
                level=max(level, 1),
                style=style,
                uid=node.uid,
                key=(item.kind, _content_key(node.content, note_map)),
                ancestors=ancestors,
            )
        )
    return units


def _edge_share(a: list[str], b: list[str]) -> float:
    """The share of the shorter word list found at the start and end of the longer one."""
    shorter = min(len(a), len(b))
    if shorter < _EDGE_MIN:
        return 0.0
    head = 0
    while head < shorter and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shorter - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return (head + tail) / shorter


def _similarity(a: _Unit, b: _Unit) -> float:
    """How alike two paragraphs are, 0…1.

    The best of: the Dice coefficient of their content words (four letters or more; all
    words when one has fewer than :data:`_FEW_WORDS` content words); for
    paragraphs of at least :data:`_CONTAINED_MIN` content words, the share of the shorter
    one's words found in the longer one; the share of the shorter one that the longer one
    starts and ends with. So a paragraph cut down to its first line (B.1 h) of the 2021
    general resolution) or to a third of its length (OP34) is still the same paragraph.
    """
    if a.key == b.key:
        return 1.0
    if a.kind != b.kind:
        return 0.0
    wa, wb = a.words, b.words
    if min(len(wa), len(wb)) < _FEW_WORDS:  # short texts (headings, footnotes): every word counts
        wa, wb = frozenset(a.word_list), frozenset(b.word_list)
    if not wa or not wb:
        return 0.0
    common = len(wa & wb)
    best = 2 * common / (len(wa) + len(wb))
    shorter = min(len(wa), len(wb))
    if shorter >= _CONTAINED_MIN:
        best = max(best, common / shorter)
    if best < SIMILARITY:
        best = max(best, _edge_share(a.word_list, b.word_list))
    return best


def _pair_similar(
    olds: list[int], news: list[int], sim: Callable[[int, int], float]
) -> list[tuple[int, int]]:
    """The in-order pairing of one changed stretch that maximises the total similarity.

    Only pairs at least :data:`SIMILARITY` alike count. Long stretches compare only pairs near
    the diagonal, so the cost stays linear in the stretch length.
    """
    m, n = len(olds), len(news)
    if not m or not n:
        return []
    full = m * n <= _FULL_DP_LIMIT
    band = abs(m - n) + _BAND

    def bounds(a: int) -> tuple[int, int]:
        if full:
            return 0, n
        centre = a * n // m
        return max(0, centre - band), min(n, centre + band)

    neg = float("-inf")
    score: list[dict[int, float]] = []
    back: list[dict[int, int]] = []  # 0 diagonal (pair), 1 from above (skip old), 2 from left (skip new)
    for a in range(m + 1):
        lo, hi = bounds(a)
        row: dict[int, float] = {}
        brow: dict[int, int] = {}
        for b in range(lo, hi + 1):
            if a == 0 and b == 0:
                row[b] = 0.0
                brow[b] = -1
                continue
            best, how = neg, -1
            if a > 0:
                up = score[a - 1].get(b, neg)
                if up > best:
                    best, how = up, 1
            if b > 0:
                left = row.get(b - 1, neg)
                if left > best:
                    best, how = left, 2
            if a > 0 and b > 0:
                diag = score[a - 1].get(b - 1, neg)
                if diag > neg:
                    s = sim(olds[a - 1], news[b - 1])
                    if s >= SIMILARITY and diag + s > best:
                        best, how = diag + s, 0
            row[b] = best
            brow[b] = how
        score.append(row)
        back.append(brow)
    pairs = []
    a, b = m, n
    while a > 0 or b > 0:
        how = back[a][b]
        if how == 0:
            pairs.append((olds[a - 1], news[b - 1]))
            a, b = a - 1, b - 1
        elif how == 1:
            a -= 1
        else:
            b -= 1
    pairs.reverse()
    return pairs


@dataclass
class _Alignment:
    pairs: list[tuple[int, int]]  # in order (equal or changed)
    moved: list[tuple[int, int]]  # out of order


def _anchors(a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int]]:
    """Pairs of equal items that certainly correspond, in order (patience/histogram diff).

    An item that occurs as many times in both ranges pairs its occurrences in order; the
    longest run of those pairs that keeps both orders is kept.
    """
    count_a: dict[Hashable, int] = defaultdict(int)
    for i in range(alo, ahi):
        count_a[a[i]] += 1
    pos_b: dict[Hashable, list[int]] = defaultdict(list)
    for j in range(blo, bhi):
        pos_b[b[j]].append(j)
    seen: dict[Hashable, int] = defaultdict(int)
    candidates: list[tuple[int, int]] = []
    for i in range(alo, ahi):
        key = a[i]
        js = pos_b.get(key)
        if js and len(js) == count_a[key]:
            candidates.append((i, js[seen[key]]))
            seen[key] += 1
    candidates.sort(key=lambda p: p[1])
    keep = _longest_increasing([i for i, _ in candidates])
    return [p for k, p in enumerate(candidates) if k in keep]


def equal_pairs(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Positions ``(i, j)`` of equal items of ``a`` and ``b`` that correspond, in order.

    Common prefix and suffix first, then anchors (:func:`_anchors`) and the same again
    between them; a stretch without anchors is diffed with diff-match-patch when it is small
    (at most :data:`_FULL_DP_LIMIT` item pairs) and left unmatched otherwise. The cost grows
    with the size of the changes, not with the square of the document.
    """
    out: list[tuple[int, int]] = []

    def solve(alo: int, ahi: int, blo: int, bhi: int, depth: int) -> None:
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            out.append((alo, blo))
            alo += 1
            blo += 1
        suffix: list[tuple[int, int]] = []
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
            suffix.append((ahi, bhi))
        if alo < ahi and blo < bhi:
            anchors = _anchors(a, b, alo, ahi, blo, bhi) if depth < 64 else []
            if anchors:
                pa, pb = alo, blo
                for i, j in anchors:
                    solve(pa, i, pb, j, depth + 1)
                    out.append((i, j))
                    pa, pb = i + 1, j + 1
                solve(pa, ahi, pb, bhi, depth + 1)
            elif (ahi - alo) * (bhi - blo) <= _FULL_DP_LIMIT:
                i, j = alo, blo
                for op, n in diff_sequences(a[alo:ahi], b[blo:bhi]):
                    if op == 0:
                        out.extend((i + k, j + k) for k in range(n))
                        i += n
                        j += n
                    elif op < 0:
                        i += n
                    else:
                        j += n
        out.extend(reversed(suffix))

    solve(0, len(a), 0, len(b), 0)
    return out


def _align_content(old: list[_Unit], new: list[_Unit]) -> _Alignment:
    """Equal items in order, moved equal items, then the most similar pairs between them."""
    pairs = equal_pairs([u.key for u in old], [u.key for u in new])
    regions: list[tuple[list[int], list[int]]] = []
    pi = pj = 0
    for i, j in [*pairs, (len(old), len(new))]:
        if pi < i or pj < j:
            regions.append((list(range(pi, i)), list(range(pj, j))))
        pi, pj = i + 1, j + 1

    moved: list[tuple[int, int]] = []
    region_of: dict[int, int] = {}
    pool: dict[Hashable, deque[int]] = defaultdict(deque)
    for r, (ds, _) in enumerate(regions):
        for d in ds:
            pool[old[d].key].append(d)
            region_of[d] = r
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for r, (_, ins) in enumerate(regions):
        for jn in ins:
            queue = pool.get(new[jn].key)
            if not queue:
                continue
            for d in queue:
                if region_of[d] != r:
                    queue.remove(d)
                    moved.append((d, jn))
                    taken_old.add(d)
                    taken_new.add(jn)
                    break
    regions = [
        ([d for d in ds if d not in taken_old], [x for x in ins if x not in taken_new]) for ds, ins in regions
    ]

    for ds, ins in regions:
        pairs.extend(_pair_similar(ds, ins, lambda a, b: _similarity(old[a], new[b])))
    pairs.sort()
    return _Alignment(pairs, moved)


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions (in ``values``) of one longest strictly increasing subsequence."""
    tails: list[int] = []  # values
    tail_pos: list[int] = []
    prev = [-1] * len(values)
    for k, v in enumerate(values):
        at = bisect_left(tails, v)
        if at == len(tails):
            tails.append(v)
            tail_pos.append(k)
        else:
            tails[at] = v
            tail_pos[at] = k
        prev[k] = tail_pos[at - 1] if at else -1
    keep: set[int] = set()
    k = tail_pos[-1] if tail_pos else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    return keep


def _align_uid(old: list[_Unit], new: list[_Unit], moved_uids: Collection[str] = ()) -> _Alignment:
    """Pair blocks with the same uid; those out of order are moved.

    ``moved_uids`` are the blocks the amendments moved: they are the ones marked as moved
    (not a neighbour that happens to form an equally long in-order run), so the move is
    attributed to the delegation that proposed it.
    """
    where: dict[str, int] = {}
    for i, u in enumerate(old):
        if u.uid is not None and u.uid not in where:
            where[u.uid] = i
    matched: list[tuple[int, int]] = []
    seen: set[str] = set()
    for j, u in enumerate(new):
        if u.uid is not None and u.uid in where and u.uid not in seen:
            seen.add(u.uid)
            matched.append((where[u.uid], j))
    moved_uids = set(moved_uids)
    # a moved paragraph takes its sub-paragraphs with it
    movable = {
        k for k, (_, j) in enumerate(matched) if new[j].uid in moved_uids or moved_uids.intersection(new[j].ancestors)
    }
    steady = [k for k in range(len(matched)) if k not in movable]
    keep = {steady[k] for k in _longest_increasing([matched[k][0] for k in steady])}
    pairs = [p for k, p in enumerate(matched) if k in keep]
    moved = [p for k, p in enumerate(matched) if k not in keep]
    return _Alignment(pairs, moved)


# --------------------------------------------------------------------------------------------
# footnotes


def _note_units(notes: Sequence[Footnote], uids: Literal["none", "old", "new"] = "none") -> list[_Unit]:
    """Footnotes as units; ``uids``: none (align by content), ``old`` (a base text: its ids),
    ``new`` (an amended text: the base ids it keeps in ``uid``)."""
    return [
        _Unit(
            label=n.id,
            node=n,
            kind="footnote",
            number=n.id,
            level=1,
            style=")",
            uid=None if uids == "none" else (n.uid or n.id) if uids == "old" else n.uid,
            key=_content_key(n.content, None),
        )
        for n in notes
    ]


def _merge_order(
    n_old: int, n_new: int, alignment: _Alignment, old_only: set[int]
) -> list[tuple[str, int | None, int | None]]:
    """Events in redline order: the new text's order, old-only items where they stood.

    Events: ``("pair", i, j)``, ``("moved", i, j)`` (the destination), ``("old", i, None)``
    (deleted, or the origin of a move), ``("new", None, j)``. Old-only items come before new
    ones at the same place (deletions before insertions).
    """
    pair_of = {j: i for i, j in alignment.pairs}
    moved_to = {j: i for i, j in alignment.moved}
    # old index of the next in-order pair at or after each new position
    next_old = [n_old] * (n_new + 1)
    for j in range(n_new - 1, -1, -1):
        next_old[j] = pair_of[j] if j in pair_of else next_old[j + 1]
    events: list[tuple[str, int | None, int | None]] = []
    po = 0

    def flush(upto: int) -> None:
        nonlocal po
        while po < upto:
            if po in old_only:
                events.append(("old", po, None))
            po += 1

    for j in range(n_new):
        if j in pair_of:
            i = pair_of[j]
            flush(i)
            po = max(po, i + 1)
            events.append(("pair", i, j))
        else:
            flush(next_old[j])
            if j in moved_to:
                events.append(("moved", moved_to[j], j))
            else:
                events.append(("new", None, j))
    flush(n_old)
    return events


def _compare_notes(
    old: Resolution,
    new: Resolution,
    fallback: tuple[str | None, str | None],
    authors: Authors | None = None,
) -> tuple[tuple[NoteDiff, ...], dict[str, str]]:
    """Footnote diffs, and the map old id → new id of the paired footnotes.

    Footnotes of an amended text that keep their base id in ``uid`` are paired by it (an
    amended footnote stays the same footnote however much its text changed); otherwise by
    content. ``authors`` gives who deleted or replaced a base footnote (key ``FN4``).
    """
    by_uid = any(n.uid is not None for n in new.footnotes)
    ou = _note_units(old.footnotes, "old" if by_uid else "none")
    nu = _note_units(new.footnotes, "new" if by_uid else "none")
    alignment = _align_uid(ou, nu) if by_uid else _align_content(ou, nu)

    def note_author(note: Footnote) -> tuple[str | None, str | None]:
        key = f"FN{note.uid or note.id}"
        if authors is not None and key in authors:
            return authors[key]
        return fallback

    # a footnote's place follows its call: a match out of order is the same footnote, in its new place
    matched = alignment.pairs + alignment.moved
    note_map = {ou[i].label: nu[j].label for i, j in matched}
    for u in ou:
        note_map.setdefault(u.label, "\x00old:" + u.label)
    old_only = set(range(len(ou))) - {i for i, _ in matched}
    diffs: list[NoteDiff] = []
    for event, i, j in _merge_order(len(ou), len(nu), alignment, old_only):
        if event in ("pair", "moved"):
            assert i is not None and j is not None
            o, n = old.footnotes[i], new.footnotes[j]
            if ou[i].key == nu[j].key:
                ops = (Op("=", n.content),) if n.content else ()
                diffs.append(NoteDiff(o.id, n.id, "equal", ops))
            else:
                by = note_author(o)
                ops = word_diff(o.content, n.content, spans=n.authors, author=by[0], date=by[1])
                diffs.append(NoteDiff(o.id, n.id, "changed", ops))
        elif event == "old":
            assert i is not None
            o = old.footnotes[i]
            by = note_author(o)
            diffs.append(NoteDiff(o.id, None, "deleted", (Op("-", o.content, *by),), *by))
        else:
            assert j is not None
            n = new.footnotes[j]
            span = _find_span(0, len(plain_text(n.content)), n.authors)
            who = (span.author, span.date) if span else fallback
            diffs.append(NoteDiff(None, n.id, "inserted", (Op("+", n.content, *who),), *who))
    return tuple(diffs), note_map


# --------------------------------------------------------------------------------------------
# compare


def compare(
    old: Resolution,
    new: Resolution,
    *,
    by_uid: bool = False,
    authors: Authors | None = None,
    author: str | None = None,
    date: str | None = None,
    moved: Collection[str] = (),
) -> Redline:
    """The redline from ``old`` to ``new``: aligned paragraphs and footnotes with word ops.

    ``by_uid`` aligns blocks by their ``uid`` (use it when ``new`` was made from ``old`` by
    the amendment pipeline, which keeps uids); otherwise blocks are aligned by content.
    Authorship of a change, most specific first: the new paragraph's ``authors`` spans that
    overlap or touch it; ``authors[uid]`` (the old block's uid for a deleted paragraph);
    ``author``/``date``. ``None`` means unknown. ``moved`` (with ``by_uid``) names the uids
    the amendments moved, so those are the paragraphs shown as moved.
    """
    default = (author, date)

    def who(unit: _Unit) -> tuple[str | None, str | None]:
        """Who inserted, deleted or moved ``unit``: its own entry, else its nearest ancestor's
        (the sub-paragraphs of a deleted or moved paragraph go with it)."""
        if authors is not None:
            for uid in ((unit.uid,) if unit.uid is not None else ()) + unit.ancestors:
                if uid in authors:
                    a, d = authors[uid]
                    return a, d
        return default

    notes, note_map = _compare_notes(old, new, default, authors if by_uid else None)
    ou = _paragraph_units(old, note_map)
    nu = _paragraph_units(new, None)
    alignment = _align_uid(ou, nu, moved) if by_uid else _align_content(ou, nu)
    paired_old = {i for i, _ in alignment.pairs}
    moved_old = {i for i, _ in alignment.moved}
    old_only = set(range(len(ou))) - paired_old

    def para(status: str, o: _Unit | None, n: _Unit | None, ops: tuple[Op, ...], by=(None, None)) -> ParaDiff:
        u = n or o
        assert u is not None
        return ParaDiff(
            old=o.label if o else None,
            new=n.label if n else None,
            status=status,  # type: ignore[arg-type]
            kind=u.kind,
            ops=ops,
            old_number=o.number if o else None,
            new_number=n.number if n else None,
            style=u.style,
            level=u.level,
            author=by[0],
            date=by[1],
        )

    def whole(kind: str, unit: _Unit, fallback: tuple[str | None, str | None]) -> tuple[Op, ...]:
        if not unit.content:
            return ()
        if kind == "+":
            span = _find_span(0, len(plain_text(unit.content)), unit.node.authors)
            if span is not None:
                return (Op("+", unit.content, span.author, span.date),)
        return (Op(kind, unit.content, *fallback),)  # type: ignore[arg-type]

    paragraphs: list[ParaDiff] = []
    for event, i, j in _merge_order(len(ou), len(nu), alignment, old_only):
        o = ou[i] if i is not None else None
        n = nu[j] if j is not None else None
        if event == "pair":
            assert o is not None and n is not None
            if o.key == n.key:
                ops = (Op("=", n.content),) if n.content else ()
                paragraphs.append(para("equal", o, n, ops))
            else:
                fallback = who(n)
                ops = word_diff(
                    o.content, n.content, note_map=note_map, spans=n.node.authors, author=fallback[0], date=fallback[1]
                )
                paragraphs.append(para("changed", o, n, ops))
        elif event == "old":
            assert o is not None
            by = who(o)
            if i in moved_old:
                paragraphs.append(para("moved", o, None, whole("-", o, by), by))
            else:
                paragraphs.append(para("deleted", o, None, whole("-", o, by), by))
        elif event == "moved":
            assert o is not None and n is not None
            by = who(n)
            # the paragraph stands here because it was moved: its text here is the mover's, as its
            # old place's is, even where another amendment also changed some of its words
            ops = (Op("+", n.content, *by),) if n.content and by[0] is not None else whole("+", n, by)
            paragraphs.append(para("moved", o, n, ops, by))
        else:
            assert n is not None
            by = who(n)
            paragraphs.append(para("inserted", None, n, whole("+", n, by), by))

    meta_authors = tuple(
        (key, *authors[f"meta.{key}"]) for key in META_KEYS if authors is not None and f"meta.{key}" in authors
    )
    return Redline(
        old_meta=old.meta,
        meta=new.meta,
        paragraphs=tuple(paragraphs),
        footnotes=notes,
        formula=_compare_formula(old, new, note_map, default),
        meta_authors=meta_authors,
    )


def _compare_formula(
    old: Resolution, new: Resolution, note_map: Mapping[str, str], default: tuple[str | None, str | None]
) -> ParaDiff | None:
    a, b = old.formula, new.formula
    if a is None and b is None:
        return None
    if a is None:
        assert b is not None
        return ParaDiff(None, None, "inserted", "formula", (Op("+", b, *default),), author=default[0], date=default[1])
    if b is None:
        return ParaDiff(None, None, "deleted", "formula", (Op("-", a, *default),), author=default[0], date=default[1])
    if _content_key(a, note_map) == _content_key(b, None):
        return ParaDiff(None, None, "equal", "formula", (Op("=", b),) if b else ())
    ops = word_diff(a, b, note_map=note_map, author=default[0], date=default[1])
    return ParaDiff(None, None, "changed", "formula", ops)


# --------------------------------------------------------------------------------------------
# footnote numbers shown by the writers


@dataclass(frozen=True)
class NoteNumbers:
    """The numbers a redline shows for its footnotes: 1…n in order of first call.

    Like Word's automatic numbering of a document with tracked changes, a footnote called only
    from deleted text keeps a number of its own, so an old ``[^5]`` (deleted) and a new ``[^5]``
    (a different footnote) never collide.
    """

    numbers: tuple[int, ...]  # per redline.footnotes entry
    by_old: Mapping[str, int]
    by_new: Mapping[str, int]

    def of_call(self, ref: NoteRef, op_kind: str) -> int | None:
        """The number shown for a call inside an op (``-`` ops call old ids, others new ids)."""
        table = self.by_old if op_kind == "-" else self.by_new
        return table.get(ref.id)


def note_numbers(redline: Redline) -> NoteNumbers:
    """Number the footnotes of ``redline`` in order of first call (uncalled ones last)."""
    index_old = {d.old: k for k, d in enumerate(redline.footnotes) if d.old is not None}
    index_new = {d.new: k for k, d in enumerate(redline.footnotes) if d.new is not None}
    order: list[int] = []
    seen: set[int] = set()
    paras = ([redline.formula] if redline.formula else []) + list(redline.paragraphs)
    for p in paras:
        for op in p.ops:
            for item in op.content:
                if isinstance(item, NoteRef):
                    k = (index_old if op.kind == "-" else index_new).get(item.id)
                    if k is not None and k not in seen:
                        seen.add(k)
                        order.append(k)
    order.extend(k for k in range(len(redline.footnotes)) if k not in seen)
    numbers = [0] * len(redline.footnotes)
    for rank, k in enumerate(order, start=1):
        numbers[k] = rank
    by_old = {d.old: numbers[k] for k, d in enumerate(redline.footnotes) if d.old is not None}
    by_new = {d.new: numbers[k] for k, d in enumerate(redline.footnotes) if d.new is not None}
    return NoteNumbers(tuple(numbers), by_old, by_new)


def summary(redline: Redline) -> dict[str, int]:
    """How many paragraphs are in each status (``moved`` counts each moved paragraph once)."""
    counts = {"equal": 0, "changed": 0, "inserted": 0, "deleted": 0, "moved": 0}
    for p in redline.paragraphs:
        if p.status == "moved" and p.new is None:
            continue
        counts[p.status] += 1
    return counts


# --------------------------------------------------------------------------------------------
# paragraph alignment as data (for deriving amendments from an edited copy)


@dataclass(frozen=True)
class ParagraphAlignment:
    """Which paragraph of ``old`` each paragraph of ``new`` is, by content (as :func:`compare`).

    Labels are those of :func:`~resodraft.model.iter_labelled` in each text (sub-paragraphs
    included). ``pairs`` are in order (equal or changed paragraphs); ``moved`` are paragraphs
    found elsewhere: equal ones, and with ``moved_changed`` also similar ones (a paragraph
    moved *and* edited). A label in neither is deleted (old) or inserted (new). ``notes`` pairs
    footnotes by content (old id, new id), equal or changed; ``note_map`` is the same as a map.
    """

    pairs: tuple[tuple[str, str], ...]
    moved: tuple[tuple[str, str], ...]
    notes: tuple[tuple[str, str], ...]

    @property
    def note_map(self) -> dict[str, str]:
        """Old footnote id → new footnote id, for the footnotes found in both texts."""
        return dict(self.notes)


MOVED_SIMILARITY = 0.7
"""A paragraph found elsewhere *and* edited is taken for a moved one at this likeness or more
(higher than :data:`SIMILARITY`: short paragraphs sharing only "de" and "les" are not moved)."""


def align_paragraphs(old: Resolution, new: Resolution, *, moved_changed: bool = False) -> ParagraphAlignment:
    """Align ``old`` and ``new`` paragraph by paragraph, the way :func:`compare` does.

    With ``moved_changed``, paragraphs left over on both sides (deleted in one place, inserted
    in another) that are at least :data:`MOVED_SIMILARITY` alike are paired as moved too, the
    most alike first: a paragraph moved and edited is one paragraph, not a deletion and an
    insertion.
    """
    ou_notes, nu_notes = _note_units(old.footnotes), _note_units(new.footnotes)
    note_alignment = _align_content(ou_notes, nu_notes)
    notes = tuple(
        (ou_notes[i].label, nu_notes[j].label) for i, j in sorted(note_alignment.pairs + note_alignment.moved)
    )
    note_map = {a: b for a, b in notes}
    for u in ou_notes:
        note_map.setdefault(u.label, "\x00old:" + u.label)
    ou = _paragraph_units(old, note_map)
    nu = _paragraph_units(new, None)
    alignment = _align_content(ou, nu)
    moved = list(alignment.moved)
    if moved_changed:
        taken_old = {i for i, _ in alignment.pairs} | {i for i, _ in moved}
        taken_new = {j for _, j in alignment.pairs} | {j for _, j in moved}
        left_old = [i for i in range(len(ou)) if i not in taken_old]
        left_new = [j for j in range(len(nu)) if j not in taken_new]
        if len(left_old) * len(left_new) > _FULL_DP_LIMIT:  # texts that share little: no search
            left_old, left_new = [], []
        scored = sorted(
            ((s, i, j) for i in left_old for j in left_new if (s := _similarity(ou[i], nu[j])) >= MOVED_SIMILARITY),
            key=lambda x: (-x[0], x[1], x[2]),
        )
        for _, i, j in scored:
            if i in taken_old or j in taken_new:
                continue
            taken_old.add(i)
            taken_new.add(j)
            moved.append((i, j))
    return ParagraphAlignment(
        pairs=tuple((ou[i].label, nu[j].label) for i, j in sorted(alignment.pairs)),
        moved=tuple((ou[i].label, nu[j].label) for i, j in sorted(moved, key=lambda p: p[1])),
        notes=notes,
    )


def word_changes(
    old: Inlines, new: Inlines, *, note_map: Mapping[str, str] | None = None
) -> tuple[list[Token], list[Token], list[tuple[int, int, int, int]]]:
    """The word diff of two paragraph contents, as token ranges (the diff :func:`word_diff` shows).

    Returns the tokens of ``old`` (footnote calls read through ``note_map``), the tokens of
    ``new``, and each change as ``(old_start, old_end, new_start, new_end)`` indices into them,
    left to right; what lies between two changes is the same on both sides, token for token.
    """
    a = tokenize(old, note_map)
    b = tokenize(new)
    changes: list[tuple[int, int, int, int]] = []
    i = j = 0
    for seg in _word_segments(old, new, note_map):
        if isinstance(seg, _Same):
            i += len(seg.pairs)
            j += len(seg.pairs)
        else:
            changes.append((i, i + len(seg.dels), j, j + len(seg.inss)))
            i += len(seg.dels)
            j += len(seg.inss)
    assert i == len(a) and j == len(b), "internal: the word diff lost tokens"
    return a, b, changes
