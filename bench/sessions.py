"""Precision and recall of check's ``session-ordinal`` rule: test cases, bundled drafts, GA corpus.

```sh
python bench/sessions.py                     # the three figures, with the rule as it is now
python bench/sessions.py --compare d8dc024   # the same for the rule of an earlier commit too
python bench/sessions.py --corpus DIR        # the GA corpus elsewhere (default /work/corpus/documents/ga-res-80)
python bench/sessions.py --list              # every labelled corpus mention: label, decision
```

A mention is **stale** when a draft for session N names its own assembly's session M ≤ N as
the time of something still to come — a report, an agenda, a decision that runs "until the end
of its eightieth session" — so that a forgotten roll-over leaves it behind. The rule is right
when it reports exactly the stale mentions.

- **Test cases**: ``CASES`` of ``tests/test_check_sessions.py`` (each a true positive and its
  near miss, French and English) and the test of the issue's General Assembly text.
- **Bundled drafts**: the two adopted texts (session 19: nothing stale), the 2021 drafts as
  the goldens print them (session 20, rolled over: nothing stale) and the 2021 drafts made with
  the co-facilitators' files alone, without ``00-rollover.toml`` (session 20: the three
  "vingtième session" of Res.2 and B.1 b) of Res.6 are stale — B.1 h) is deleted). Every
  "session" in those texts is labelled in ``STALE_BUNDLED`` below.
- **GA corpus**: the 55 resolutions of the General Assembly's eightieth session, read as if
  each were next year's draft (session 81) that nobody rolled over. Every occurrence of the
  word "session(s)" in their paragraphs (page headers "Eightieth session Agenda item …"
  excluded: a reader puts them in the masthead) was labelled **by hand**, reading its
  paragraph, in ``bench/sessions_labels.json``: 219 occurrences in all (all of them, not a
  sample), stale or not, with the ordinal as printed so a label cannot drift to another
  occurrence. Three are left out of the figures: two repeated page running heads and one
  title line (``"x"``). The texts are not in the repository; the labels are.

The corpus texts are extracted from PDFs and are not drafts the reader accepts as they are
(page breaks split paragraphs); the script cuts them into paragraphs at blank lines (a
paragraph starting "12." is operative, "[^3]:" a footnote, others preambular) and runs the
rule on them through the same :class:`~resodraft.check.core.Context` ``check`` uses.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import types
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from resodraft import api  # noqa: E402
from resodraft.check.core import Context  # noqa: E402
from resodraft.model import Footnote, Meta, Operative, Preambular, Resolution, Text  # noqa: E402

CORPUS = Path("/work/corpus/documents/ga-res-80")
LABELS = ROOT / "bench" / "sessions_labels.json"
_HEADER = re.compile(r"^(?:Eightieth|[A-Z][a-z-]+) session Agenda")
_SESSION = re.compile(r"\bsessions?\b", re.IGNORECASE)

Rule = Callable[[Context], Iterable[object]]


# --------------------------------------------------------------------------------------------
# scoring


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, stale: bool, flagged: bool) -> None:
        if stale and flagged:
            self.tp += 1
        elif flagged:
            self.fp += 1
        elif stale:
            self.fn += 1

    def __str__(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return f"precision {p:.2f} ({self.tp}/{self.tp + self.fp}), recall {r:.2f} ({self.tp}/{self.tp + self.fn})"


def _flagged_sessions(rule: Rule, ctx: Context, lines: dict[int, str]) -> set[tuple[int, int]]:
    """``(line, offset of the word "session")`` of each finding: the first "session" at or
    after the finding's column on its line."""
    out = set()
    for f in rule(ctx):
        text = lines.get(f.line, "")
        m = _SESSION.search(text, max(0, f.column - 1))
        if m:
            out.add((f.line, m.start()))
    return out


def _sessions_of(source: str) -> list[tuple[int, int, str]]:
    """``(line, offset, ordinal as printed)`` of every "session" of a source text."""
    out = []
    for n, line in enumerate(source.split("\n"), start=1):
        for m in _SESSION.finditer(line):
            words = re.findall(r"[\w-]+(?:- \w+)?", line[max(0, m.start() - 40) : m.start()])
            out.append((n, m.start(), words[-1] if words else ""))
    return out


# --------------------------------------------------------------------------------------------
# test cases


def bench_cases(rule: Rule) -> Score:
    from resodraft.readers.markdown import read_markdown
    from test_check_sessions import CASES, GA_EN  # type: ignore[import-not-found]

    score = Score()

    def run(front: str, formula: str, blocks: list[str], stale_blocks: set[int]) -> None:
        source = f"---\n{front}\n---\n\n{formula}\n\n" + "\n\n".join(blocks) + "\n"
        res = read_markdown(source, "case.md")
        ctx = Context("case.md", source, res)
        lines = dict(enumerate(source.split("\n"), start=1))
        flagged = _flagged_sessions(rule, ctx, lines)
        first = source.split("\n").index(formula) + 3
        for n, offset, _ in _sessions_of(source):
            block = (n - first) // 2
            if n < first:
                continue
            score.add(block in stale_blocks, (n, offset) in flagged)

    for front, formula, hit, miss in CASES:
        run(front, formula, [hit], {0})
        run(front, formula, [miss], set())
    issue = [
        "1. *Recalls* article 3, and requests the Secretary-General to include information in a report to be submitted to the General Assembly at its eighty-first session;",
        "2. *Emphasizes* the need for the Secretary-General to continue to inform the General Assembly at its eighty-first session of the expenses incurred;",
        "3. *Also takes note* of the decision of the Assembly of States Parties at its twenty-third session to hold its twenty-fourth session in The Hague, looks forward to the twenty-fifth session, scheduled for December 2026;",
        "4. *Invites* the Court to submit a report on its activities for 2025/26, for consideration by the General Assembly at its eighty-first session.",
    ]
    run("language: en\nsession: 81", GA_EN, issue, {0, 1, 3})
    return score


# --------------------------------------------------------------------------------------------
# bundled drafts

STALE_BUNDLED = {
    # (scenario, file stem): labels whose "session" mentions are stale; every other is not
    ("adopted", "Res.2"): set(),
    ("adopted", "Res.6-coop"): set(),
    ("rolled over", "Res.2"): set(),
    ("rolled over", "Res.6-coop"): set(),
    ("without roll-over", "Res.2"): {"OP25", "OP34", "OP40"},  # base OP24, OP33, OP38
    ("without roll-over", "Res.6-coop"): {"B.OP1(b)"},
}


def bench_bundled(rule: Rule) -> Score:
    from resodraft.amend import load_amendments
    from resodraft.model import iter_labelled
    from resodraft.readers.markdown import read_markdown

    score = Score()
    for stem, base, golden in (
        ("Res.2", "drafts/ICC-ASP-19-Res.2.fr.md", "tests/golden/annex1.accepted.md"),
        ("Res.6-coop", "drafts/ICC-ASP-19-Res.6-coop.fr.md", "tests/golden/annex2.accepted.md"),
    ):
        hand = [str(p) for p in sorted((ROOT / "drafts" / "2021" / stem).glob("0[1-9]-*.toml"))]
        result = api.apply(api.load(str(ROOT / base)), load_amendments(hand))
        without = api.to_markdown(result.new).replace("session: 19\n", "session: 20\n", 1)
        for scenario, source in (
            ("adopted", (ROOT / base).read_text(encoding="utf-8")),
            ("rolled over", (ROOT / golden).read_text(encoding="utf-8")),
            ("without roll-over", without),
        ):
            res = read_markdown(source, stem)
            ctx = Context(stem, source, res)
            lines = dict(enumerate(source.split("\n"), start=1))
            flagged = _flagged_sessions(rule, ctx, lines)
            label_of = {x.node.line: x.label for x in iter_labelled(res)}
            for n, offset, _ in _sessions_of(source):
                if n not in label_of:
                    continue
                score.add(label_of[n] in STALE_BUNDLED[(scenario, stem)], (n, offset) in flagged)
    return score


# --------------------------------------------------------------------------------------------
# the GA corpus


def corpus_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a corpus text (after its front matter), lines joined."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("\n---\n", 1)[1]
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def corpus_candidates(folder: Path) -> list[tuple[str, str, int, str]]:
    """``(id, paragraph, offset, ordinal)`` of every "session" outside page headers."""
    out = []
    files = sorted(folder.glob("A_RES_80_*.md"), key=lambda p: int(re.search(r"_(\d+)\.md$", p.name).group(1)))  # type: ignore[union-attr]
    for path in files:
        name = path.stem
        for i, para in enumerate(corpus_paragraphs(path)):
            if _HEADER.match(para):
                continue
            for m in _SESSION.finditer(para):
                words = re.findall(r"[\w-]+(?:- \w+)?", para[max(0, m.start() - 40) : m.start()])
                out.append((f"{name}#{i}@{m.start()}", para, m.start(), words[-1] if words else ""))
    return out


def _resolution(paragraphs: list[str]) -> tuple[Resolution, str]:
    """A resolution of one block per paragraph (line k+3 of its source), and that source."""
    blocks = []
    notes = []
    for k, para in enumerate(paragraphs):
        line = k + 3
        m = re.match(r"^(\d{1,3})\.\s+(.*)$", para)
        f = re.match(r"^\[\^([^\]]+)\]:\s*(.*)$", para)
        if f:
            notes.append(Footnote(f"n{k}", (Text(f.group(2)),), line=line))
        elif m:
            blocks.append(Operative(m.group(1), (Text(m.group(2)),), line=line))
        else:
            blocks.append(Preambular((Text(para),), line=line))
    source = "The General Assembly,\n\n" + "\n".join(paragraphs) + "\n"
    meta = Meta(language="en", session="81", symbol=None)
    return Resolution(meta=meta, formula=(Text("The General Assembly,"),), blocks=tuple(blocks), footnotes=tuple(notes)), source


def bench_corpus(rule: Rule, folder: Path, listing: bool = False) -> Score | None:
    if not LABELS.exists() or not folder.is_dir():
        return None
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"]
    score = Score()
    by_file: dict[str, list[str]] = {}
    for path in folder.glob("A_RES_80_*.md"):
        by_file[path.stem] = corpus_paragraphs(path)
    flagged_ids: set[str] = set()
    for name, paragraphs in by_file.items():
        res, source = _resolution(paragraphs)
        ctx = Context(name, source, res)
        lines = dict(enumerate(source.split("\n"), start=1))
        for n, offset in _flagged_sessions(rule, ctx, lines):
            flagged_ids.add(f"{name}#{n - 3}@{offset}")
    seen = 0
    for ident, para, offset, ordinal in corpus_candidates(folder):
        label = labels.get(ident)
        if label is None:
            raise SystemExit(f"bench: {ident} ('{ordinal} session') has no label in {LABELS.name}")
        if label["ordinal"] != ordinal:
            raise SystemExit(f"bench: {ident} is '{ordinal} session' in the corpus but '{label['ordinal']}' in the labels")
        seen += 1
        if label["stale"] == "x":
            continue
        flagged = ident in flagged_ids
        score.add(bool(label["stale"]), flagged)
        if listing:
            mark = "TP" if label["stale"] and flagged else "FP" if flagged else "FN" if label["stale"] else "  "
            print(f"{mark} {ident:<22} {label['stale']!s:<5} {para[max(0, offset - 90):offset + 7]}")
    if seen != len(labels):
        raise SystemExit(f"bench: {len(labels) - seen} labels match no occurrence in the corpus")
    return score


# --------------------------------------------------------------------------------------------


def rule_of(commit: str | None) -> Rule:
    """The session rule now, or as it was at ``commit`` (loaded from git, run on today's model)."""
    if commit is None:
        from resodraft.check.sessions import session_ordinal

        return session_ordinal
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{commit}:src/resodraft/check/sessions.py"], capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType(f"sessions_{commit}")
    exec(compile(source, f"{commit}:sessions.py", "exec"), module.__dict__)
    return module.session_ordinal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--compare", metavar="COMMIT", help="also measure the rule of this commit")
    parser.add_argument("--list", action="store_true", help="print every labelled corpus mention")
    args = parser.parse_args()
    for name, commit in [("now", None)] + ([(args.compare, args.compare)] if args.compare else []):
        rule = rule_of(commit)
        print(f"session-ordinal rule ({name})")
        print(f"  test cases      {bench_cases(rule)}")
        print(f"  bundled drafts  {bench_bundled(rule)}")
        corpus = bench_corpus(rule, args.corpus, listing=args.list and commit is None)
        print(f"  GA corpus       {corpus if corpus else 'not found (--corpus DIR)'}")


if __name__ == "__main__":
    main()
