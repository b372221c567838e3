"""Tracked changes made by another program become amendment files (marked ``libreoffice``).

Issue 13, "done when": LibreOffice (UNO, record changes on) edits our clean .docx as two or
three authors — replaced words, inserted words, deleted words, a deleted paragraph, a new
paragraph — and saves it as Word. ``resodraft amendments BASE TRACKED.docx -o DIR/`` writes
one file per author; those files applied together to BASE, rendered by our clean writer and
read back by LibreOffice, give the text LibreOffice's own *Accept All* gives: 0 mismatches
over the generated cases (seeded: each case is reproducible from its seed). Each author's file
holds exactly one change per edit the author made.

One ``soffice`` serves the test session (the ``lo_author`` fixture of conftest.py) (``tests/oracles/lo_author.py serve``): per case one request
records the edits, saves and accepts (``then: accept``), a second reads our clean file back.
About 1.2 s per case on two shared cores, 40 s for the 32 cases with LibreOffice's start.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from conftest import run_cli
from resodraft.model import Heading, Operative, Part, Preambular, Text, iter_labelled, plain, plain_text
from resodraft.readers import read

ROOT = Path(__file__).resolve().parents[1]
BASES = {
    "res2": ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md",
    "res6": ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md",
    "ga": ROOT / "tests" / "fixtures" / "ga-en.md",
}
AUTHORS = ("Marie Dupont", "John Smith", "Aiko Tanaka")
CASES = 32

pytestmark = pytest.mark.libreoffice

WORDS = {
    "fr": "durable effective renforcée pleine universelle constante accrue régionale nationale concrète".split(),
    "en": "durable effective strengthened full universal constant enhanced regional national concrete".split(),
}
NEW = {
    ("fr", "preambular"): "Notant avec satisfaction les travaux {w} des États Parties,",
    ("fr", "operative"): "Invite les États à une coopération {w} avec la Cour ;",
    ("en", "preambular"): "Noting with appreciation the {w} work of States parties,",
    ("en", "operative"): "Invites States to {w} cooperation with the Court;",
}
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+")


@pytest.fixture(scope="module")
def clean_bases(tmp_path_factory):
    """Each base rendered as our clean Word file (what a facilitator sends out)."""
    folder = tmp_path_factory.mktemp("bases")
    out = {}
    for name, path in BASES.items():
        docx = folder / f"{name}.docx"
        code, _, err = run_cli(["render", str(path), "--mode", "clean", "-o", str(docx)])
        assert code == 0, err
        out[name] = docx
    return out


# --------------------------------------------------------------------------------------------
# the edits


def _needles(content, lo: int, hi: int) -> list[str]:
    """Phrases of ``lo``–``hi`` whole words separated by single spaces, each within one run of
    the same formatting (a delegate selects words, not half an italic lead and half the rest)."""
    out = []
    for run in content:
        if not isinstance(run, Text):
            continue
        text = run.text
        words = list(_WORD.finditer(text))
        for k in range(len(words)):
            if k == 0 and words[k].start() == 0 and run is not content[0] and not text[:1].isspace():
                continue  # glued to the run before: not a whole word
            for n in range(lo, hi + 1):
                if k + n > len(words):
                    break
                end = words[k + n - 1].end()
                if end == len(text) and run is not content[-1]:
                    break  # glued to the run after
                phrase = text[words[k].start() : end]
                if re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", phrase):
                    out.append(phrase)
    return out


def generate(seed: int, base) -> tuple[list[dict], dict[str, int]]:
    """LibreOffice edits for one case: 2 or 3 authors, each 1–3 edits on paragraphs no other
    edit touches (nor their neighbours, for paragraphs added or deleted). Returns the edits and
    how many each author made."""
    rnd = random.Random(seed)
    lang = base.language
    items = [x for x in iter_labelled(base) if plain_text(x.node.content).strip()]
    document = "\n".join(plain(x.node.content) for x in items) + "\n" + "\n".join(base.meta.as_dict().values())
    unique = lambda phrase: document.count(phrase) == 1  # noqa: E731
    authors = list(AUTHORS[: rnd.choice((2, 3))])
    used: set[int] = set()
    edits: list[dict] = []
    made = {a: 0 for a in authors}
    for author in authors:
        for _ in range(rnd.randint(1, 3)):
            for _attempt in range(50):
                k = rnd.randrange(len(items))
                if k in used:
                    continue
                edit = _edit(rnd, author, items, k, lang, unique)
                if edit is None:
                    continue
                used.update({k - 1, k, k + 1} if edit["action"] in ("append", "delete") else {k})
                edits.append(edit)
                made[author] += 1
                break
    texts = [plain(x.node.content) for x in items]
    for _ in range(100):
        rnd.shuffle(edits)  # authors take turns, as when a file goes round
        if _found_once(edits, texts):
            break
    else:  # pragma: no cover - the generator's own check
        raise AssertionError(f"seed {seed}: no order of the edits finds each phrase once")
    return edits, made


def _found_once(edits: list[dict], texts: list[str]) -> bool:
    """Does each edit's phrase occur exactly once in the text as the edits before it left it?
    (LibreOffice edits the first paragraph holding the phrase.)"""
    texts = list(texts)
    for edit in edits:
        needle = edit.get("find") or edit.get("after") or edit.get("after_text")
        holders = [k for k, t in enumerate(texts) if needle in t]
        if len(holders) != 1 or texts[holders[0]].count(needle) != 1:
            return False
        k = holders[0]
        action = edit["action"]
        if action == "replace":
            texts[k] = texts[k].replace(needle, edit["with"])
        elif action == "insert":
            texts[k] = texts[k].replace(needle, needle + edit["text"])
        elif action == "delete":
            del texts[k]
        elif action == "append":
            texts.insert(k + 1, edit["text"])
    return True


def _edit(rnd, author, items, k, lang, unique) -> dict | None:
    item = items[k]
    node = item.node
    text = plain(node.content)
    kind = rnd.choice(("replace", "replace", "insert", "delete-words", "delete", "append"))
    word = rnd.choice(WORDS[lang])
    if kind == "delete":
        last = k == len(items) - 1
        has_subs = isinstance(node, Operative) and node.subs
        if last or has_subs or isinstance(node, Part) or not isinstance(items[k + 1].node, type(node)):
            return None
        needles = [n for n in _needles(node.content, 3, 5) if unique(n)]
        return {"author": author, "action": "delete", "find": rnd.choice(needles)} if needles else None
    if kind == "append":
        if not isinstance(node, (Preambular, Operative)) or (isinstance(node, Operative) and node.subs):
            return None
        if k + 1 < len(items) and isinstance(items[k + 1].node, (Heading, Part)) and isinstance(node, Preambular):
            return None
        needles = [n for n in _needles(node.content, 3, 5) if unique(n)]
        if not needles:
            return None
        new = NEW[(lang, "operative" if isinstance(node, Operative) else "preambular")].format(w=word)
        return {"author": author, "action": "append", "after": rnd.choice(needles), "text": new, "number": True}
    if isinstance(node, (Part,)):
        return None
    if kind == "replace":
        needles = [n for n in _needles(node.content, 2, 4) if unique(n)]
        if not needles:
            return None
        phrase = rnd.choice(needles)
        words = phrase.split(" ")
        words[rnd.randrange(len(words))] = word
        return {"author": author, "action": "replace", "find": phrase, "with": " ".join(words)}
    if kind == "insert":
        needles = [n for n in _needles(node.content, 2, 4) if unique(n)]
        return {"author": author, "action": "insert", "after_text": rnd.choice(needles), "text": f" {word}"} if needles else None
    # delete-words: " w1 w2" (with the space before) found once, and not the lead words
    needles = [" " + n for n in _needles(node.content, 1, 3) if unique(" " + n) and not text.startswith(n)]
    return {"author": author, "action": "replace", "find": rnd.choice(needles), "with": ""} if needles else None


# --------------------------------------------------------------------------------------------
# comparing LibreOffice's texts


def normalized(answer: dict) -> tuple[list[str], list[str]]:
    """Body lines and footnotes as LibreOffice exports them, numbers and spacing aside: the
    paragraph numbers of the accepted file are the ones the delegate typed, ours are
    renumbered; the spaces our writer prints around French punctuation may be no-break ones."""

    def norm(line: str) -> str:
        line = line.replace("\u2011", "-")
        line = re.sub(r"[\u00a0\u202f\u2007]", " ", line)
        line = re.sub(r"^\s*\(?(?:\d+|[a-z]{1,4})[.)]\)?\t", "", line)
        return " ".join(line.split())

    body = [norm(x) for x in answer["body"].splitlines() if x.strip()]
    return body, [norm(x) for x in answer["footnotes"]]


def _mismatch(want: list[str], got: list[str]) -> str | None:
    import difflib

    if want == got:
        return None
    return "\n".join(difflib.unified_diff(want, got, "LibreOffice Accept All", "amendments applied", lineterm="", n=0))


@pytest.mark.parametrize("batch", range(4))
def test_libreoffice_tracked_changes_become_amendment_files_that_give_accept_all(batch, lo_author, clean_bases, tmp_path):
    """A quarter of the generated cases per test (so a failure names its batch and seed)."""
    mismatches = []
    for seed in range(batch, CASES, 4):
        name = sorted(BASES)[seed % len(BASES)]
        base_path = BASES[name]
        base = read(str(base_path))
        edits, made = generate(seed, base)
        folder = tmp_path / f"case{seed}"
        folder.mkdir()
        tracked = folder / f"{name}.tracked.docx"
        answer = lo_author(op="track", path=clean_bases[name], out=tracked, edits=edits, then="accept")
        assert {r["author"] for r in answer["redlines"]} == {a for a, n in made.items() if n}, seed
        accepted = answer["then"]
        assert accepted["ok"] and accepted["left"] == 0, (seed, accepted)

        code, out, err = run_cli(["amendments", str(base_path), str(tracked), "-o", f"{folder}/amendments/"])
        assert (code, out) == (0, ""), (seed, err)
        assert "warning" not in err, (seed, err)
        files = sorted((folder / "amendments").glob("*.toml"))
        assert len(files) == sum(1 for n in made.values() if n), (seed, err)
        for author, n in made.items():
            line = next((x for x in err.splitlines() if f" by {author} (" in x), "")
            assert line.startswith(f"{n} change{'s' if n != 1 else ''} by {author} ("), (seed, edits, err)

        new_md = folder / "new.md"
        code, _, err = run_cli(["apply", str(base_path), str(folder / "amendments"), "-o", str(new_md)])
        assert code == 0, (seed, err)
        clean = folder / "new.docx"
        code, _, err = run_cli(["render", str(new_md), "--mode", "clean", "-o", str(clean)])
        assert code == 0, (seed, err)
        ours = lo_author(op="none", path=clean)
        want, got = normalized(accepted), normalized(ours)
        for what, a, b in (("body", want[0], got[0]), ("footnotes", want[1], got[1])):
            diff = _mismatch(a, b)
            if diff:
                mismatches.append(f"seed {seed} ({name}, {what}):\n{diff}\nedits: {edits}")
    assert not mismatches, "\n\n".join(mismatches)


def test_the_generated_cases_cover_every_kind_of_edit():
    kinds: dict[str, int] = {}
    authors = []
    for seed in range(CASES):
        base = read(str(BASES[sorted(BASES)[seed % len(BASES)]]))
        edits, made = generate(seed, base)
        authors.append(sum(1 for n in made.values() if n))
        for edit in edits:
            kind = edit["action"] if edit["action"] != "replace" or edit["with"] else "delete-words"
            kinds[kind] = kinds.get(kind, 0) + 1
    assert set(kinds) == {"replace", "insert", "delete-words", "delete", "append"}
    assert min(kinds.values()) >= 8, kinds
    assert set(authors) == {2, 3}


def test_libreoffice_changes_inside_another_author_s_change_go_with_it(lo_author, clean_bases, tmp_path):
    """Marie Dupont edits words John Smith added (in a paragraph he added, and inside words he
    inserted): her edits go with his changes, his file gives LibreOffice's Accept All text, and
    she gets no file; the reviewer is told."""
    edits = [
        {"author": "John Smith", "action": "append", "after": "Calls upon States parties", "text": "Invites States to cooperate fully with the Court;", "number": True},
        {"author": "John Smith", "action": "insert", "after_text": "role of civil society", "text": " and of academic institutions"},
        {"author": "Marie Dupont", "action": "replace", "find": "cooperate fully", "with": "cooperate"},
        {"author": "Marie Dupont", "action": "replace", "find": "academic institutions", "with": "academia"},
    ]
    tracked = tmp_path / "ga.tracked.docx"
    accepted = lo_author(op="track", path=clean_bases["ga"], out=tracked, edits=edits, then="accept")["then"]
    code, out, err = run_cli(["amendments", str(BASES["ga"]), str(tracked), "-o", f"{tmp_path}/amendments/"])
    assert (code, out) == (0, ""), err
    assert sorted(x.name for x in (tmp_path / "amendments").iterdir()) == ["john-smith.toml"]
    assert "no change by Marie Dupont: their tracked changes leave the base text as it is; no file written" in err
    assert "PP13: Marie Dupont's change inside a change by John Smith goes with it, in John Smith's file" in err
    assert "the new paragraph after OP4: Marie Dupont's change in a paragraph John Smith adds goes with it" in err
    new_md = tmp_path / "new.md"
    assert run_cli(["apply", str(BASES["ga"]), str(tmp_path / "amendments"), "-o", str(new_md)])[0] == 0
    text = new_md.read_text(encoding="utf-8")
    assert "\n5. Invites States to cooperate with the Court;\n" in text and "role of civil society and of academia," in text
    clean = tmp_path / "new.docx"
    assert run_cli(["render", str(new_md), "--mode", "clean", "-o", str(clean)])[0] == 0
    assert normalized(lo_author(op="none", path=clean)) == normalized(accepted)
