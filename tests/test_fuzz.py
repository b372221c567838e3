"""Fuzzing the readers and the amendment loader: bad input is a ResodraftError, never a crash.

Random bytes, random text and mutated real drafts (lines deleted or duplicated, markup
characters sprinkled in, the file cut short) go through :func:`readers.decode_text`,
:func:`readers.markdown.read_markdown` and :func:`amend.parse_amendment_text`; mutated
amendment files are also applied to the base (:func:`amend.amend`). Whatever happens, the only
exception allowed out is a :class:`~resodraft.errors.ResodraftError` (which the CLI turns into
one line and exit code 2). Derandomized, so CI sees the same examples every run.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resodraft.amend import amend, parse_amendment_text
from resodraft.errors import ResodraftError
from resodraft.readers import decode_text
from resodraft.readers.markdown import read_markdown

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = sorted((ROOT / "drafts").glob("*.fr.md")) + sorted((ROOT / "tests" / "fixtures").glob("*.md"))
DRAFT_TEXTS = [p.read_text(encoding="utf-8") for p in DRAFTS]
AMENDMENT_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "drafts" / "2021" / "Res.2").glob("*.toml"))]
BASE_TEXT = (ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md").read_text(encoding="utf-8")

MARKUP = ["*", "**", "_", "^", "^e", "~", "~~", "[", "]", "[^", "[^1]", "#", "## ", "1. ", "a) ", "(a) ", "⁵",
          "---", "\n", "\n\n", ":", "`", "\\", ">", "- ", "A. ", "\u202f", "’", "|", "<!--", "&nbsp;"]
TOML_BITS = ['"', "'", "=", "[", "]", "[[change]]", "\n", "#", "{", "}", ",", '"""', "OP", "PP1", "H1",
             'op = "delete"', 'at = "OP99"', "occurrence = 0", "date = 2021-13-40", "\\u", "\\"]

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),  # FUZZ_EXAMPLES=5000 for a long hunt
    derandomize=not os.environ.get("FUZZ_RANDOM"),  # FUZZ_RANDOM=1: new examples each run
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


def only_resodraft_errors(fn, *args, **kwargs):
    """Call ``fn``; a ResodraftError is a fine answer to bad input, anything else fails the test."""
    try:
        return fn(*args, **kwargs)
    except ResodraftError as exc:
        text = str(exc)
        assert "\n" not in text.strip(), f"error message is not one line: {text!r}"
        return None


@st.composite
def mutated(draw, sources: list[str], bits: list[str]) -> str:
    """A real file, damaged the way drafts get damaged."""
    text = draw(st.sampled_from(sources))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "swap", "replace"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "replace":
            lines[i] = draw(st.text(max_size=40))
        else:
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.sampled_from(bits)) + line[k:]
    out = "\n".join(lines)
    if draw(st.booleans()):
        out = out[: draw(st.integers(0, len(out)))]
    return out


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_are_decoded_or_refused(data: bytes) -> None:
    text = only_resodraft_errors(decode_text, data, "fuzz.md")
    if text is not None:
        assert isinstance(text, str)
        only_resodraft_errors(read_markdown, text, "fuzz.md")


@FUZZ
@given(st.text(max_size=800))
def test_random_text_is_read_or_refused(text: str) -> None:
    only_resodraft_errors(read_markdown, text, "fuzz.md")


@FUZZ
@given(st.lists(st.sampled_from(MARKUP + ["Prie", "le Bureau", ";", ",", "L'Assemblée des États Parties,", " "]), max_size=60))
def test_markup_soup_is_read_or_refused(pieces: list[str]) -> None:
    only_resodraft_errors(read_markdown, "".join(pieces), "fuzz.md")


@FUZZ
@given(mutated(DRAFT_TEXTS, MARKUP))
def test_mutated_drafts_are_read_or_refused(text: str) -> None:
    only_resodraft_errors(read_markdown, text, "fuzz.md")


@FUZZ
@given(mutated(DRAFT_TEXTS, MARKUP))
def test_mutated_drafts_through_bytes(text: str) -> None:
    data = text.encode("utf-8")
    decoded = only_resodraft_errors(decode_text, data, "fuzz.md")
    if decoded is not None:
        only_resodraft_errors(read_markdown, decoded, "fuzz.md")


@FUZZ
@given(st.text(max_size=600))
def test_random_text_as_amendment_file(text: str) -> None:
    only_resodraft_errors(parse_amendment_text, text, "fuzz.toml")


@FUZZ
@given(mutated(AMENDMENT_TEXTS, TOML_BITS))
def test_mutated_amendments_parse_or_refuse(text: str) -> None:
    only_resodraft_errors(parse_amendment_text, text, "fuzz.toml")


@functools.lru_cache(maxsize=1)
def base():
    """The base text (read once; not a fixture, so hypothesis never prints its repr)."""
    return read_markdown(BASE_TEXT, "base.md")


LABELS = ["PP1", "PP12", "OP1", "OP2", "OP3", "OP21", "OP33", "OP37", "OP38", "OP39", "H1", "H10", "OP3(a)", "A.OP1", "", "op2"]
FINDS = ["Prie", "vingtième", "le Bureau", "de", "2021", "7e", "[^4]", "*Souligne*", " ", "ICC-ASP/19/Res.2"]
TEXTS = ["*Prie* le Bureau ;", "", "paragraphe 12 ci-dessus", "texte[^n1]", "**gras** 8^e", "a) sous-alinéa ;", "# A. Partie"]


@st.composite
def change_tables(draw) -> str:
    """A well-formed amendment file whose changes are drawn at random (often conflicting)."""
    out = ['sponsor = "Fuzz"', "date = 2021-11-04", ""]
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["substitute", "insert", "replace", "delete", "move"]))
        out.append("[[change]]")
        out.append(f'op = "{op}"')
        q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
        if op in ("substitute", "replace", "delete", "move"):
            out.append(f"at = {q(draw(st.sampled_from(LABELS)))}")
        if op in ("insert", "move"):
            out.append(f"{draw(st.sampled_from(['after', 'before']))} = {q(draw(st.sampled_from(LABELS)))}")
        if op == "substitute":
            out.append(f"find = {q(draw(st.sampled_from(FINDS)))}")
            out.append(f"replace = {q(draw(st.sampled_from(TEXTS)))}")
            if draw(st.booleans()):
                out.append(f"occurrence = {draw(st.integers(1, 4))}")
        if op in ("replace", "insert"):
            key = "heading" if op == "insert" and draw(st.booleans()) else "text"
            out.append(f"{key} = {q(draw(st.sampled_from(TEXTS)))}")
            if draw(st.booleans()):
                out.append('footnotes = { n1 = "ICC-ASP/20/25." }')
        out.append("")
    return "\n".join(out)


@FUZZ
@given(change_tables())
# crashes found by this test, kept as fixed examples (after = "" is falsy: plan() looked up 'before')
@example('sponsor = "F"\n[[change]]\nop = "insert"\nafter = ""\ntext = "*Prie* le Bureau ;"\n')
@example('sponsor = "F"\n[[change]]\nop = "move"\nat = "OP2"\nafter = ""\n')
def test_random_changes_apply_or_refuse(text: str) -> None:
    changes = only_resodraft_errors(parse_amendment_text, text, "fuzz.toml")
    if changes:
        only_resodraft_errors(amend, base(), changes)


@FUZZ
@given(mutated(AMENDMENT_TEXTS, TOML_BITS))
def test_mutated_amendments_apply_or_refuse(text: str) -> None:
    changes = only_resodraft_errors(parse_amendment_text, text, "fuzz.toml")
    if changes:
        only_resodraft_errors(amend, base(), changes)


# ---- the whole pipeline on damaged drafts: amend → renumber → references → redline → writers ----

SMALL_DRAFTS = [t for t in DRAFT_TEXTS if len(t) < 40_000]
REAL_CHANGES = AMENDMENT_TEXTS


def _pipeline(text: str, amendment: str | None) -> None:
    from resodraft import api
    from resodraft.redline import compare
    from resodraft.writers import get_writer

    new = read_markdown(text, "fuzz.md")
    base = read_markdown(BASE_TEXT, "base.md")
    if amendment is not None:
        result = api.apply(new, parse_amendment_text(amendment, "fuzz.toml"), file="fuzz.md")
        red = compare(result.base, result.new, by_uid=True, authors=result.authors)
    else:
        red = compare(base, new)
    for fmt in ("md", "json", "html"):
        get_writer(fmt)(red)


@settings(FUZZ, max_examples=max(20, FUZZ.max_examples // 3))
@given(mutated([BASE_TEXT], MARKUP), st.one_of(st.none(), st.sampled_from(REAL_CHANGES)))
def test_damaged_drafts_through_the_whole_pipeline(text: str, amendment: str | None) -> None:
    """A damaged base with the real 2021 amendments, or a damaged new text diffed with the base."""
    only_resodraft_errors(_pipeline, text, amendment)


def _apply_and_redline(text: str) -> None:
    from resodraft import api
    from resodraft.redline import compare
    from resodraft.writers import get_writer

    changes = parse_amendment_text(text, "fuzz.toml")
    result = api.apply(base(), changes, file="base.md")
    red = compare(result.base, result.new, by_uid=True, authors=result.authors)
    get_writer("md")(red)
    get_writer("json")(red)


@settings(FUZZ, max_examples=max(20, FUZZ.max_examples // 3))
@given(change_tables())
def test_random_changes_through_the_pipeline(text: str) -> None:
    """Random (often conflicting) changes: renumbering, references and the redline never crash."""
    only_resodraft_errors(_apply_and_redline, text)
