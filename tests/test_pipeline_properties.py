"""Properties of the whole main job: amend → renumber → fix references → redline.

For generated resolutions and generated amendment sets:
- accepting every change of the redline gives ``apply``'s output, rejecting every change gives
  the base (paragraph by paragraph, in order);
- applying no amendment gives an all-equal redline.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from resodraft import api
from resodraft.amend import parse_amendment_text
from resodraft.model import NoteRef, iter_labelled, normalize, side
from resodraft.readers.markdown import read_markdown
from resodraft.redline import compare

WORDS = ["coopération", "Cour", "États", "Parties", "l'Assemblée", "rapport", "session", "d'arrêt", "vingt-et-unième",
         "mandats", "ICC-ASP/19/Res.2", "accords", "peines", "témoins", "Bureau", "7^e", "2021", "la", "de", "et"]
LEADS_PP = ["Rappelant", "Notant", "Soulignant", "Saluant", "Reconnaissant"]
LEADS_OP = ["Souligne", "Prie", "Invite", "Salue", "Encourage", "Décide"]


@st.composite
def resolutions(draw):
    n_pp = draw(st.integers(1, 4))
    n_op = draw(st.integers(2, 7))
    lines = ["---", "language: fr", "---", "", "L'Assemblée des États Parties,", ""]
    for _ in range(n_pp):
        words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=9)))
        lines += [f"*{draw(st.sampled_from(LEADS_PP))}* {words},", ""]
    for k in range(1, n_op + 1):
        words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12)))
        end = "." if k == n_op else " ;"
        n_sub = draw(st.integers(0, 2)) if k < n_op else 0
        if n_sub:
            lines += [f"{k}. *{draw(st.sampled_from(LEADS_OP))}* {words} :", ""]
            for s in range(n_sub):
                sub_words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6)))
                lines += [f"{'abc'[s]}) {sub_words} ;", ""]
        else:
            lines += [f"{k}. *{draw(st.sampled_from(LEADS_OP))}* {words}{end}", ""]
    return "\n".join(lines)


def toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def amendment_sets(draw, base_text):
    base = read_markdown(base_text, "base.md")
    items = [x for x in iter_labelled(base)]
    top = [x for x in items if x.parent is None]
    used: set[str] = set()
    out = ['sponsor = "Délégation A"', "date = 2021-11-04", ""]
    for _ in range(draw(st.integers(0, 5))):
        op = draw(st.sampled_from(["substitute", "insert", "delete", "move", "replace"]))
        target = draw(st.sampled_from(items))
        family = {target.label} | {x.label for x in items if x.parent == target.label}
        if op != "insert" and family & used:
            continue
        if op == "substitute":
            words = [w for w in target.node.content[-1].text.split() if w.isalpha()] if target.node.content else []
            text = "".join(getattr(i, "text", "") for i in target.node.content)
            words = [w for w in words if text.count(w) == 1]
            if not words:
                continue
            find = draw(st.sampled_from(words))
            repl = draw(st.sampled_from(["", "nouvelle", "les autres États", "vingt-deuxième"]))
            out += ["[[change]]", 'op = "substitute"', f"at = {toml_str(target.label)}", f"find = {toml_str(find)}", f"replace = {toml_str(repl)}", ""]
        elif op == "replace":
            out += ["[[change]]", 'op = "replace"', f"at = {toml_str(target.label)}", 'text = "*Décide* de tout recommencer ;"', ""]
        elif op == "delete":
            if len([x for x in top if x.kind == "operative" and x.label not in used]) <= 2 and target.kind == "operative":
                continue
            out += ["[[change]]", 'op = "delete"', f"at = {toml_str(target.label)}", ""]
        elif op == "move":
            if target.parent is not None:
                continue
            dest = draw(st.sampled_from(top))
            if dest.label == target.label or dest.label in used or dest.kind != target.kind:
                continue
            out += ["[[change]]", 'op = "move"', f"at = {toml_str(target.label)}", f"after = {toml_str(dest.label)}", ""]
            used.add(dest.label)
        else:
            if target.label in used:
                continue
            text = "à faire rapport ;" if target.parent else ("*Notant aussi* le rapport," if target.kind == "preambular" else "*Prie aussi* la Cour de faire rapport ;")
            out += ["[[change]]", 'op = "insert"', f"after = {toml_str(target.label)}", f"text = {toml_str(text)}", ""]
        used |= family
    return "\n".join(out)


def paragraphs(res):
    return [(x.kind, normalize(x.node.content)) for x in iter_labelled(res)]


def accepted(red):
    """The new text: every paragraph with something kept or inserted (a moved paragraph is
    listed twice, struck where it was and inserted where it goes)."""
    return [(p.kind, side(p.ops, "new")) for p in red.paragraphs if any(op.kind in "=+" for op in p.ops)]


def rejected(red):
    """The old text. Calls in kept text name the *new* footnote: map them back to the old id."""
    old_id = {n.new: n.old for n in red.footnotes if n.new is not None and n.old is not None}

    def old_side(ops):
        out = []
        for op in ops:
            if op.kind == "=":
                out.extend(NoteRef(old_id.get(i.id, i.id)) if isinstance(i, NoteRef) else i for i in op.content)
            elif op.kind == "-":
                out.extend(op.content)
        return normalize(out)

    return [(p.kind, old_side(p.ops)) for p in red.paragraphs if any(op.kind in "=-" for op in p.ops)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.data())
def test_accept_all_gives_new_and_reject_all_gives_base(data):
    base_text = data.draw(resolutions())
    amendments = data.draw(amendment_sets(base_text))
    base = read_markdown(base_text, "base.md")
    assume("[[change]]" in amendments)
    changes = parse_amendment_text(amendments, "a.toml")
    result = api.apply(base, changes, allow_dangling=True)
    red = api.compare(result)
    assert accepted(red) == paragraphs(result.new)
    assert rejected(red) == paragraphs(base)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(resolutions())
def test_no_amendment_gives_an_all_equal_redline(base_text):
    base = read_markdown(base_text, "base.md")
    red = compare(base, base, by_uid=True)
    assert {p.status for p in red.paragraphs} == {"equal"}
    assert all(op.kind == "=" for p in red.paragraphs for op in p.ops)


def test_bundled_main_job_matches_the_annexes():
    for base, amend_dir, golden in [
        ("drafts/ICC-ASP-19-Res.2.fr.md", "drafts/2021/Res.2", "tests/golden/annex1.accepted.md"),
        ("drafts/ICC-ASP-19-Res.6-coop.fr.md", "drafts/2021/Res.6-coop", "tests/golden/annex2.accepted.md"),
    ]:
        result = api.apply_files(base, [amend_dir])
        with open(golden, encoding="utf-8") as fh:
            assert api.to_markdown(result.new) == fh.read()
        red = api.compare(result)
        assert accepted(red) == paragraphs(result.new)
        assert rejected(red) == paragraphs(result.base)



def test_the_paragraph_an_amendment_moves_is_the_one_shown_moved_with_its_sponsor():
    base = read_markdown(
        "---\nlanguage: fr\n---\n\nL'Assemblée des États Parties,\n\n*Rappelant* la coopération,\n\n"
        "*Rappelant* la coopération,\n\n1. *Souligne* la coopération ;\n\n2. *Décide* de rester saisie.\n",
        "b.md",
    )
    changes = parse_amendment_text('sponsor = "Sénégal"\n[[change]]\nop = "move"\nat = "PP1"\nafter = "PP2"\n', "a.toml")
    red = api.compare(api.apply(base, changes))
    moved = [(p.old, p.new, p.author) for p in red.paragraphs if p.status == "moved"]
    assert moved == [("PP1", None, "Sénégal"), ("PP1", "PP2", "Sénégal")]
