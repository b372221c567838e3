"""Properties of ``resodraft amendments``: the derived file gives the edited copy back.

Bases are generated resolutions (preambular and operative paragraphs, sub-paragraphs, headings,
footnotes, words that repeat so a ``find`` needs context). Edits are made on the model the way a
delegation edits a copy, independently of the amendment code: word substitutions, insertions and
deletions inside paragraphs (sub-paragraphs and headings too), new paragraphs, sub-paragraphs
and headings, deleted and moved paragraphs, new footnotes, footnote texts, the session. The edited copy is renumbered and
written as Markdown, like a copy a delegation sends. Then, for the file written by
``resodraft amendments`` and read back by the amendment loader:

- ``apply(BASE, amendments(BASE, EDITED)) == EDITED`` (canonical Markdown), with nothing left
  unexpressed (footnote texts and the front matter are edited too: ``FN4`` labels and the
  ``[meta]`` table of DESIGN.md §8);
- two edits of different paragraphs, derived separately, compose (both files loaded) to the
  copy with both edits; two edits of the same words are refused naming both files;
- the same holds for copies made with the amendment pipeline itself on texts with internal
  cross-references ("paragraphe 3 ci-dessus"), whose renumbering is not a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from test_pipeline_properties import amendment_sets

from resodraft import api
from resodraft.amend import load_amendments, parse_amendment_text
from resodraft.derive import REPLACE_SHARE, changed_share
from resodraft.errors import ConflictError, DanglingReferenceError
from resodraft.model import (
    Footnote,
    Heading,
    NoteRef,
    Operative,
    Preambular,
    Resolution,
    SubParagraph,
    Text,
    iter_labelled,
    normalize,
)
from resodraft.number import renumber
from resodraft.readers.markdown import read_markdown
from resodraft.text import canonical_inlines
from resodraft.tokenize import detokenize, tokenize

WORDS = ["la", "de", "Cour", "coopération", "et", "États", "Parties", "rapport", "session", "l'Assemblée",
         "d'arrêt", "mandats", "ICC-ASP/19/Res.2", "vingtième", "accords", "2021", "Bureau", "peines"]
NEW_WORDS = ["nouvelle", "vingt-et-unième", "les autres États", "la France", "2022", "Cour", "de la Cour", "*en outre*"]
LEADS_PP = ["Rappelant", "Notant", "Soulignant", "Saluant"]
LEADS_OP = ["Souligne", "Prie", "Invite", "Salue", "Décide"]


def words(draw, lo: int, hi: int) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi)))


@st.composite
def bases(draw):
    """A canonical draft: PPs, OPs (some with sub-paragraphs), headings, footnote calls."""
    notes: list[str] = []

    def call() -> str:
        if draw(st.integers(0, 4)) == 0:
            notes.append(f"Document ICC-ASP/{len(notes) + 18}/{draw(st.integers(1, 40))}.")
            return f"[^{len(notes)}]"
        return ""

    lines = ["---", "language: fr", "---", "", "L'Assemblée des États Parties,", ""]
    for _ in range(draw(st.integers(1, 4))):
        lines += [f"*{draw(st.sampled_from(LEADS_PP))}* {words(draw, 2, 8)}{call()},", ""]
    n_op = draw(st.integers(2, 7))
    for k in range(1, n_op + 1):
        if k > 1 and draw(st.integers(0, 4)) == 0:
            lines += [f"## {words(draw, 1, 3).capitalize()}", ""]
        end = "." if k == n_op else " ;"
        n_sub = draw(st.integers(0, 3)) if k < n_op else 0
        if n_sub:
            lines += [f"{k}. *{draw(st.sampled_from(LEADS_OP))}* {words(draw, 2, 8)}{call()} :", ""]
            for s in range(n_sub):
                lines += [f"{'abc'[s]}) {words(draw, 2, 6)}{call()} ;", ""]
        else:
            lines += [f"{k}. *{draw(st.sampled_from(LEADS_OP))}* {words(draw, 3, 12)}{call()}{end}", ""]
    lines += [f"[^{n}]: {text}" for n, text in enumerate(notes, start=1)]
    return read_markdown("\n".join(lines) + "\n", "base.md")


# --------------------------------------------------------------------------------------------
# edits on the model, the way a delegation edits its copy


@dataclass(frozen=True)
class Words:
    """Replace tokens [start, end) of a paragraph's text (not its first word or last mark)."""

    uid: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Insert:
    uid: str  # the new paragraph goes after this one (its sibling)
    node: object


@dataclass(frozen=True)
class Delete:
    uid: str


@dataclass(frozen=True)
class Move:
    uid: str
    after: str


@dataclass(frozen=True)
class NoteText:
    """A footnote's text rewritten."""

    id: str
    text: str


@dataclass(frozen=True)
class MetaValue:
    """A front-matter key set."""

    key: str
    value: str


def _inline(md: str):
    from resodraft.readers.markdown import parse_inline

    return parse_inline(md)


@st.composite
def edits(draw, base: Resolution, avoid: frozenset[str] = frozenset(), n_max: int = 4):
    """Up to ``n_max`` edits on paragraphs whose uids are not in ``avoid`` (nor each other's)."""
    items = [x for x in iter_labelled(base)]
    used = set(avoid)
    out: list[object] = []
    new_notes = 0
    for _ in range(draw(st.integers(1, n_max))):
        if base.footnotes and f"note:{base.footnotes[0].id}" not in used and draw(st.integers(0, 5)) == 0:
            note = draw(st.sampled_from(base.footnotes))
            if f"note:{note.id}" not in used:
                out.append(NoteText(note.id, draw(st.sampled_from(["Document ICC-ASP/20/3.", "Voir ICC-ASP/19/Res.2, par. 4."]))))
                used.add(f"note:{note.id}")
            continue
        if "meta" not in used and draw(st.integers(0, 5)) == 0:
            out.append(MetaValue("session", str(draw(st.integers(20, 30)))))
            used.add("meta")
            continue
        free = [x for x in items if x.node.uid not in used and (x.parent is None or x.parent not in used)]
        if not free:
            break
        item = draw(st.sampled_from(free))
        uid = item.node.uid
        what = draw(st.sampled_from(["words", "words", "insert", "delete", "move"]))
        toks = tokenize(item.node.content)
        if what == "words" and len(toks) > 3:
            first = 2 if item.kind in ("preambular", "operative") else 1
            last = len(toks) - (2 if item.kind != "heading" else 0)
            if last <= first:
                continue
            start = draw(st.integers(first, last - 1))
            end = draw(st.integers(start, min(last, start + 6)))
            text = draw(st.sampled_from(["", *NEW_WORDS]))
            if text:
                text = " " + text + " "
            out.append(Words(uid, start, end, text))
            used.add(uid)
        elif what == "insert":
            if item.kind == "part":
                continue
            if item.kind == "subparagraph":
                node = SubParagraph("z", _inline(f"{words(draw, 2, 5)} ;"), style=item.node.style)
            elif item.kind == "preambular":
                node = Preambular(_inline(f"*Notant aussi* {words(draw, 2, 6)},"))
            elif draw(st.booleans()) and item.kind == "operative":
                node = Heading(_inline(words(draw, 1, 3).capitalize()))
            else:
                note = ""
                if draw(st.integers(0, 2)) == 0:
                    new_notes += 1
                    note = f"[^new{new_notes}]"
                node = Operative("0", _inline(f"*Prie aussi* {words(draw, 2, 8)}{note} ;"))
                if note:
                    node = replace(node, uid=f"note:new{new_notes}")
            out.append(Insert(uid, node))
            used.add(uid)
        elif what == "delete":
            ops = [x for x in items if x.kind == "operative" and x.node.uid not in used]
            if item.kind == "operative" and len(ops) <= 2:
                continue
            if item.kind == "part":
                continue
            out.append(Delete(uid))
            used.add(uid)
            used.update(x.node.uid for x in items if x.parent == item.label)
        else:
            if item.kind == "subparagraph":
                continue
            dest = [x for x in items if x.parent is None and x.kind == item.kind and x.node.uid not in used | {uid}]
            if not dest:
                continue
            target = draw(st.sampled_from(dest))
            out.append(Move(uid, target.node.uid))
            used.update({uid, target.node.uid})
    return out


def apply_edits(base: Resolution, ops: list[object]) -> Resolution:
    """The base with the edits made, renumbered, as the Markdown a delegation would send."""
    tree = [[b, list(b.subs) if isinstance(b, Operative) else []] for b in base.blocks]
    notes = list(base.footnotes)

    def find(uid):
        for n, (b, subs) in enumerate(tree):
            if b.uid == uid:
                return tree, n
            for k, s in enumerate(subs):
                if s.uid == uid:
                    return subs, k
        raise KeyError(uid)

    for op in ops:
        if isinstance(op, Words):
            seq, n = find(op.uid)
            entry = seq[n]
            node = entry[0] if seq is tree else entry
            toks = tokenize(node.content)
            words_ = _inline(op.text.strip()) if op.text.strip() else ()
            middle = ((Text(" "),) + words_ + (Text(" "),)) if words_ else ()
            content = detokenize(toks[: op.start]) + middle + detokenize(toks[op.end :])
            content = canonical_inlines(
                normalize(Text(re.sub(" {2,}", " ", i.text), i.marks) if isinstance(i, Text) else i for i in content)
            )
            node = replace(node, content=content)
            if seq is tree:
                seq[n] = [node, entry[1]]
            else:
                seq[n] = node
        elif isinstance(op, Insert):
            seq, n = find(op.uid)
            node = op.node
            if node.uid and node.uid.startswith("note:"):
                label = node.uid.split(":")[1]
                notes.append(Footnote(label, _inline(f"ICC-ASP/21/{len(label) + 5}.")))
            seq.insert(n + 1, [node, []] if seq is tree else node)
        elif isinstance(op, Delete):
            seq, n = find(op.uid)
            del seq[n]
        elif isinstance(op, Move):
            seq, n = find(op.uid)
            entry = seq.pop(n)
            seq2, m = find(op.after)
            seq2.insert(m + 1, entry)
        elif isinstance(op, NoteText):
            notes = [Footnote(n.id, _inline(op.text)) if n.id == op.id else n for n in notes]
        elif isinstance(op, MetaValue):
            base = replace(base, meta=replace(base.meta, **{op.key: op.value}))
    blocks = tuple(replace(b, subs=tuple(subs)) if isinstance(b, Operative) else b for b, subs in tree)
    res = replace(base, blocks=blocks, footnotes=tuple(notes))
    called = {i.id for x in iter_labelled(res) for i in x.node.content if isinstance(i, NoteRef)}
    res = replace(res, footnotes=tuple(n for n in res.footnotes if n.id in called))
    res, _ = renumber(res)
    return read_markdown(api.to_markdown(res), "edited.md")


def derived_file(base: Resolution, edited: Resolution, sponsor: str = "France") -> tuple[object, str]:
    return api.derive_amendments(base, edited, sponsor=sponsor, derived_on="2021-11-04")


def applied(base: Resolution, toml: str, name: str = "france.toml") -> str:
    return api.to_markdown(api.apply(base, parse_amendment_text(toml, name)).new)


SETTINGS = settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_applying_the_derived_file_gives_the_edited_copy(data):
    base = data.draw(bases())
    ops = data.draw(edits(base))
    edited = apply_edits(base, ops)
    derivation, toml = derived_file(base, edited)
    assert derivation.unexpressed == []
    if api.to_markdown(edited) == api.to_markdown(base):
        assert derivation.proposals == []
        return
    assert applied(base, toml) == api.to_markdown(edited)
    nodes = {x.label: x.node for x in iter_labelled(base)} | {f"FN{n.id}": n for n in base.footnotes}
    for p in derivation.proposals:  # a whole-paragraph replace only where most of it changed
        if p.op == "replace":
            assert changed_share(nodes[p.at].content, _inline(p.text)) > REPLACE_SHARE, p


@SETTINGS
@given(data=st.data())
def test_edits_of_different_paragraphs_derived_separately_compose(tmp_path_factory, data):
    base = data.draw(bases())
    ops_a = data.draw(edits(base, n_max=3))
    touched = _touched(base, ops_a)
    ops_b = data.draw(edits(base, avoid=frozenset(touched), n_max=3))
    assume(ops_a and ops_b)
    assume(not (_touched(base, ops_b) & touched))
    derived_a = derived_file(base, apply_edits(base, ops_a), "France")
    derived_b = derived_file(base, apply_edits(base, ops_b), "Sénégal")
    both = apply_edits(base, ops_a + ops_b)
    folder = tmp_path_factory.mktemp("amend")
    files = []
    for name, (derivation, toml) in (("france.toml", derived_a), ("senegal.toml", derived_b)):
        if derivation.proposals or derivation.meta_table:  # a copy that changes nothing writes nothing
            (folder / name).write_text(toml, encoding="utf-8")
            files.append(str(folder / name))
    assume(files)
    result = api.apply(base, load_amendments(files))
    assert api.to_markdown(result.new) == api.to_markdown(both)


def _touched(base: Resolution, ops: list[object]) -> set[str]:
    """The paragraphs an edit depends on: the ones it changes, and the neighbours it inserts
    or moves next to (with their sub-paragraphs and parent)."""
    items = {x.node.uid: x for x in iter_labelled(base)}
    by_label = {x.label: x for x in iter_labelled(base)}
    out: set[str] = set()
    for op in ops:
        if isinstance(op, NoteText):
            out.add(f"note:{op.id}")
            continue
        if isinstance(op, MetaValue):
            out.add("meta")
            continue
        for uid in (getattr(op, "uid", None), getattr(op, "after", None)):
            if uid is None:
                continue
            out.add(uid)
            item = items[uid]
            out.update(x.node.uid for x in items.values() if x.parent == item.label)
            if item.parent:
                out.add(by_label[item.parent].node.uid)
            siblings = [x for x in items.values() if x.parent == item.parent]
            k = [x.node.uid for x in siblings].index(uid)
            out.update(x.node.uid for x in siblings[max(0, k - 1) : k + 2])
    return out


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_two_copies_changing_the_same_words_are_refused_naming_both_files(tmp_path_factory, data):
    base = data.draw(bases())
    paras = [x for x in iter_labelled(base) if x.kind in ("preambular", "operative") and len(tokenize(x.node.content)) > 6]
    assume(paras)
    item = data.draw(st.sampled_from(paras))
    last = len(tokenize(item.node.content)) - 2
    start = data.draw(st.integers(2, last - 1))
    end = data.draw(st.integers(start + 1, min(last, start + 4)))
    folder = tmp_path_factory.mktemp("overlap")
    for name, text in (("france.toml", "la Présidence"), ("senegal.toml", "les autres États")):
        copy = apply_edits(base, [Words(item.node.uid, start, end, f" {text} ")])
        derivation, toml = derived_file(base, copy)
        assume(derivation.proposals)
        (folder / name).write_text(toml, encoding="utf-8")
    with pytest.raises(ConflictError) as exc:
        api.apply(base, load_amendments([str(folder)]))
    assert "france.toml" in str(exc.value) and "senegal.toml" in str(exc.value)


def test_edits_of_the_same_words_are_refused_naming_both_files(tmp_path):
    base = read_markdown(
        "---\nlanguage: fr\n---\n\nL'Assemblée des États Parties,\n\n*Rappelant* sa résolution,\n\n"
        "1. *Prie* le Bureau de faire rapport à l'Assemblée à sa vingtième session ;\n\n2. *Décide* de rester saisie.\n",
        "base.md",
    )
    france = read_markdown(api.to_markdown(base).replace("vingtième session", "vingt-et-unième session"), "f.md")
    senegal = read_markdown(api.to_markdown(base).replace("sa vingtième session", "sa prochaine session"), "s.md")
    for name, edited in (("france.toml", france), ("senegal.toml", senegal)):
        (tmp_path / name).write_text(derived_file(base, edited)[1], encoding="utf-8")
    with pytest.raises(ConflictError) as exc:
        api.apply(base, load_amendments([str(tmp_path)]))
    message = str(exc.value)
    assert "france.toml" in message and "senegal.toml" in message
    assert "two changes overlap in OP1" in message


# --------------------------------------------------------------------------------------------
# copies made with the pipeline, on texts that refer to their own paragraphs


REFS = ["au paragraphe {n} ci-dessus", "aux paragraphes {n} à {m} ci-dessus", "à l'alinéa a) du paragraphe {n}",
        "au paragraphe {n} du dispositif de la résolution ICC-ASP/17/Res.3"]


@st.composite
def bases_with_references(draw):
    n_op = draw(st.integers(3, 8))
    lines = ["---", "language: fr", "---", "", "L'Assemblée des États Parties,", "",
             f"*Rappelant* {words(draw, 2, 6)},", ""]
    for k in range(1, n_op + 1):
        ref = ""
        if k > 1 and draw(st.booleans()):
            n = draw(st.integers(1, k - 1))
            ref = " " + draw(st.sampled_from(REFS)).format(n=n, m=min(n + 1, k - 1))
        end = "." if k == n_op else " ;"
        if k == 1:
            lines += [f"{k}. *Prie* le Bureau :", "", f"a) {words(draw, 2, 5)} ;", "", f"b) {words(draw, 2, 5)} ;", ""]
        else:
            lines += [f"{k}. *{draw(st.sampled_from(LEADS_OP))}* {words(draw, 2, 8)}{ref}{end}", ""]
    return "\n".join(lines) + "\n"


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_renumbered_paragraphs_and_repaired_references_are_not_changes(data):
    base_text = data.draw(bases_with_references())
    base = read_markdown(base_text, "base.md")
    amendments = data.draw(amendment_sets(base_text))
    assume("[[change]]" in amendments)
    try:
        made = api.apply(base, parse_amendment_text(amendments, "made.toml"))
    except DanglingReferenceError:
        assume(False)
        return
    assume(not made.warnings)  # a reference left as written is the drafter's to rewrite
    edited = read_markdown(api.to_markdown(made.new), "edited.md")
    derivation, toml = derived_file(base, edited)
    assert derivation.unexpressed == []
    if not derivation.proposals:
        assert api.to_markdown(edited) == api.to_markdown(base)
        return
    assert applied(base, toml) == api.to_markdown(edited)
    # no more changes than were made (a made replace may come back as substitutes)
    made_count = amendments.count("[[change]]")
    assert len(derivation.proposals) <= made_count + 2 * amendments.count('op = "replace"')
