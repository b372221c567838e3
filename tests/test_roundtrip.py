"""Read → write → read: canonical drafts come back byte for byte, generated resolutions unchanged.

- Every canonical file (the bundled drafts, the fixtures written in canonical form) is
  reproduced byte for byte by ``write_markdown(read_markdown(text))``.
- Files that are not canonical (the seed's annexes as written, a hard-wrapped draft without
  front matter) are canonicalised once; the canonical text then reads to the same resolution
  and is stable.
- Property: a generated resolution (meta, formula, preambular and operative paragraphs,
  sub-paragraphs on two levels, headings, lettered parts, footnotes; inline runs in italic,
  bold, struck, superscript, with footnote calls; text from an alphabet with French accents,
  apostrophes, « », narrow no-break spaces and Markdown's special characters) is written and
  read back unchanged, with the same labels; writing is idempotent.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resodraft.model import (
    Footnote,
    Heading,
    Meta,
    NoteRef,
    Operative,
    Part,
    Preambular,
    Resolution,
    SubParagraph,
    Text,
    labels,
)
from resodraft.readers.markdown import read_markdown
from resodraft.text import canonical_inlines
from resodraft.writers.markdown import markdown_safe, write_markdown

ROOT = Path(__file__).resolve().parents[1]
CANONICAL = [
    ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md",
    ROOT / "drafts" / "ICC-ASP-19-Res.6-coop.fr.md",
    ROOT / "tests" / "fixtures" / "ga-en.md",
    ROOT / "tests" / "fixtures" / "asp-fr.md",
    ROOT / "tests" / "fixtures" / "single-op.md",
]
NOT_CANONICAL = [
    ROOT / "tests" / "fixtures" / "seed-annex1.md",
    ROOT / "tests" / "fixtures" / "seed-annex2.md",
    ROOT / "tests" / "fixtures" / "ga-en-wrapped.md",
]


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.name)
def test_canonical_file_round_trips_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert write_markdown(read_markdown(text, str(path))) == text


@pytest.mark.parametrize("path", NOT_CANONICAL, ids=lambda p: p.name)
def test_canonicalised_file_reads_the_same_and_is_stable(path: Path) -> None:
    original = read_markdown(path.read_text(encoding="utf-8"), str(path))
    canonical = write_markdown(original)
    again = read_markdown(canonical, "canonical.md")
    assert again == original
    assert labels(again) == labels(original)
    assert write_markdown(again) == canonical


def test_canonical_seed_annex_writes_markdown_footnotes_and_headings() -> None:
    text = (ROOT / "tests" / "fixtures" / "seed-annex1.md").read_text(encoding="utf-8")
    canonical = write_markdown(read_markdown(text, "seed-annex1.md"))
    lines = canonical.split("\n")
    assert lines[:6] == [
        "---",
        "title: Résolution sur la coopération",
        "language: fr",
        "status: draft",
        "---",
        "",
    ]
    assert lines[6] == "L'Assemblée des États Parties,"
    assert "## Exécution des mandats d'arrêt" in lines
    assert "Saluant le rapport de la Cour sur la coopération[^5], soumis conformément au paragraphe 376 de la résolution ICC-ASP/19/Res.23," in lines
    assert lines[-14:] == [
        "[^5]: ICC-ASP/19/25.",
        "",
        "[^6]: Résolution ICC-ASP/18/Res.7, adoptée à la 9^e réunion plénière, le 6 décembre 2019.",
        "",
        "[^7]: Résolution ICC-ASP/6/Res.2, annexe II.",
        "",
        "[^8]: ICC-ASP/20/26-19/33.",
        "",
        "[^9]: ICC-ASP/19/ Res.7.",
        "",
        "[^10]: https://asp.icc-cpi.int/iccdocs/asp_docs/ASP20/RM-Comprehensive Action Plan-FRA.pdf.",
        "",
        "[^11]: ICC-ASP/20/2549/33.",
        "",
    ]


# --------------------------------------------------------------------------------------------
# the property


LETTERS = "abcdefghijklmnopqrstuvwxyzéèêëàâçôîïùûœÉÈÀÇÔABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALPHABET = LETTERS + "0123456789'’«»;:,.()[]*_^~\\!?/-#+&<>`{}|=\"%"
SPACES = [" ", " ", " ", "\u202f", "\u00a0"]
MARKS = [frozenset(), frozenset({"i"}), frozenset({"b"}), frozenset({"i", "b"}), frozenset({"s"}), frozenset({"s", "i"})]
LEADS = ["Rappelant", "Rappelant en outre", "Prenant note", "Se félicitant", "Recalling also",
         "Deeply concerned", "Expressing its appreciation", "Décide", "Prie", "Also requests",
         "Souligne l’importance", "Reaffirms"]
FORMULAS = ["L'Assemblée des États Parties,", "L’Assemblée générale,", "The General Assembly,",
            "The Assembly of States Parties,"]
SEPARATORS = [" ", ", ", " « ", "\u202f» ", "\u202f; ", " (", ") ", "’", " – ", "/"]

words = st.text(ALPHABET, min_size=1, max_size=8)
sup_texts = st.text("abcdefghijklmnopqrstuvwxyzéè0123456789", min_size=1, max_size=4)
note_ids = st.integers(1, 30).map(str)


@st.composite
def chunks(draw) -> str:
    parts = draw(st.lists(words, min_size=1, max_size=3))
    out = parts[0]
    for word in parts[1:]:
        out += draw(st.sampled_from(SPACES)) + word
    return out


@st.composite
def inline_content(draw, *, lead: bool, end: str, notes: list[str], glue: bool) -> tuple:
    """Runs of text with marks, separated by plain separators (or, with ``glue``, not always)."""
    items: list = []
    if lead:
        items += [Text(draw(st.sampled_from(LEADS)), frozenset({"i"})), Text(" ")]
    for k in range(draw(st.integers(1, 3))):
        marks = draw(st.sampled_from(MARKS))
        items.append(Text(draw(chunks()), marks))
        extra = draw(st.sampled_from(["", "", "note", "sup"]))
        if extra == "note":
            ident = draw(note_ids)
            notes.append(ident)
            items.append(NoteRef(ident))
        elif extra == "sup":
            items.append(Text(draw(sup_texts), marks | {"sup"}))
        if glue and draw(st.booleans()):
            continue  # the next run touches this one
        items.append(Text(draw(st.sampled_from(SEPARATORS))))
    items.append(Text(end))
    if draw(st.integers(0, 4)) == 0:
        ident = draw(note_ids)
        notes.append(ident)
        items.append(NoteRef(ident))  # a call after the final punctuation: ",[^2]"
    return _trimmed(items)


def _trimmed(items: list) -> tuple:
    """Canonical content that neither starts nor ends with white space (as the reader gives)."""
    content = list(canonical_inlines(items))
    while content and isinstance(content[0], Text) and not content[0].text.strip():
        content.pop(0)
    while content and isinstance(content[-1], Text) and not content[-1].text.strip():
        content.pop()
    if content and isinstance(content[0], Text):
        content[0] = Text(content[0].text.lstrip(), content[0].marks)
    if content and isinstance(content[-1], Text):
        content[-1] = Text(content[-1].text.rstrip(), content[-1].marks)
    return canonical_inlines(content)


def meta_values():
    return st.text(ALPHABET + " «»", min_size=0, max_size=20)


@st.composite
def metas(draw) -> Meta:
    return Meta(
        symbol=draw(st.none() | meta_values()),
        title=draw(st.none() | meta_values()),
        language=draw(st.sampled_from(["fr", "en"])),
        session=draw(st.none() | st.integers(1, 99).map(str)),
        date=draw(st.none() | st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)),
        adopted=draw(st.none() | meta_values()),
        extra=tuple(
            (k, draw(meta_values()))
            for k in draw(st.lists(st.sampled_from(["annex", "committee", "agenda_item", "cote"]), unique=True, max_size=2))
        ),
    )


@st.composite
def subparagraphs(draw, *, style: str, notes: list[str], glue: bool) -> tuple[SubParagraph, ...]:
    letters = "abcdefghij"[: draw(st.sampled_from([1, 2, 3, 10]))]
    subs = []
    for letter in letters:
        children = tuple(
            SubParagraph(roman, draw(inline_content(lead=False, end=";", notes=notes, glue=glue)), style=style)
            for roman in ["i", "ii", "iii", "iv"][: draw(st.sampled_from([0, 0, 0, 0, 0, 2, 4]))]
        )
        end = ":" if children else ";"
        subs.append(SubParagraph(letter, draw(inline_content(lead=False, end=end, notes=notes, glue=glue)), children, style))
    return tuple(subs)


@st.composite
def resolutions(draw, glue: bool = False) -> Resolution:
    notes: list[str] = []
    meta = draw(metas())
    style = "()" if meta.language == "en" else ")"
    formula = draw(st.none() | st.sampled_from(FORMULAS).map(lambda f: (Text(f),)))

    def content(lead: bool, end: str):
        return draw(inline_content(lead=lead, end=end, notes=notes, glue=glue))

    def heading():
        return Heading(content(False, draw(st.sampled_from(["", ".", ","]))), draw(st.sampled_from([2, 2, 3])))

    blocks: list = []
    for _ in range(draw(st.integers(0, 4))):
        blocks.append(heading() if draw(st.integers(0, 5)) == 0 else Preambular(content(True, ",")))
    mode = draw(st.sampled_from(["numbered", "numbered", "parts", "single"]))
    if mode == "single":
        subs = draw(subparagraphs(style=style, notes=notes, glue=glue)) if draw(st.booleans()) else ()
        blocks.append(Operative(None, content(True, ":" if subs else "."), subs))
    else:
        for letter in ("A", "B", "C")[: draw(st.integers(1, 3)) if mode == "parts" else 1]:
            if mode == "parts":
                blocks.append(Part(letter, content(False, "")))
            count = draw(st.integers(1, 5))
            for n in range(1, count + 1):
                if draw(st.integers(0, 5)) == 0:
                    blocks.append(heading())
                subs = draw(subparagraphs(style=style, notes=notes, glue=glue)) if draw(st.integers(0, 3)) == 0 else ()
                end = ":" if subs else ("." if n == count else ";")
                blocks.append(Operative(str(n), content(True, end), subs))
                if draw(st.integers(0, 8)) == 0:
                    blocks.append(Preambular(content(True, ",")))
    ids = list(dict.fromkeys(notes))
    footnotes = tuple(Footnote(i, draw(inline_content(lead=False, end=".", notes=[], glue=glue))) for i in ids)
    return Resolution(meta=meta, formula=formula, blocks=tuple(blocks), footnotes=footnotes)


def _safe(res: Resolution) -> Resolution:
    """``res`` with every inline content passed through :func:`markdown_safe`."""

    def sub(s: SubParagraph) -> SubParagraph:
        return replace(s, content=markdown_safe(s.content), subs=tuple(sub(c) for c in s.subs))

    blocks = []
    for block in res.blocks:
        block = replace(block, content=markdown_safe(block.content))
        if isinstance(block, Operative):
            block = replace(block, subs=tuple(sub(s) for s in block.subs))
        blocks.append(block)
    return replace(
        res,
        formula=markdown_safe(res.formula) if res.formula is not None else None,
        blocks=tuple(blocks),
        footnotes=tuple(replace(n, content=markdown_safe(n.content)) for n in res.footnotes),
    )


PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(resolutions())
def test_generated_resolution_survives_write_then_read(res: Resolution) -> None:
    text = write_markdown(res)
    back = read_markdown(text, "generated.md")
    assert back == res, text
    assert labels(back) == labels(res)
    assert write_markdown(back) == text


@PROPERTY
@given(resolutions(glue=True))
def test_formatting_glued_to_words_is_written_so_that_markdown_reads_it(res: Resolution) -> None:
    """Runs that touch (``l’*Examen*``, ``2022~~1~~``, ``*a*(b)``) come back as written,
    except where Markdown cannot express them: those characters lose their formatting
    (:func:`markdown_safe`), they never turn into stray ``*`` or ``~``."""
    text = write_markdown(res)
    back = read_markdown(text, "generated.md")
    assert back == _safe(res), text
    assert labels(back) == labels(res)
    assert write_markdown(back) == text


def test_markdown_safe_narrows_formatting_markdown_cannot_open() -> None:
    content = (Text("a"), Text("(b)", frozenset({"i"})), Text("c"))
    assert markdown_safe(content) == (Text("a("), Text("b", frozenset({"i"})), Text(")c"))
    text = write_markdown(Resolution(meta=Meta(language="en"), blocks=(Operative("1", content),)))
    assert text == "---\nlanguage: en\n---\n\n1. a(*b*)c\n"


def test_markdown_safe_keeps_content_read_from_markdown() -> None:
    for path in CANONICAL + NOT_CANONICAL:
        res = read_markdown(path.read_text(encoding="utf-8"), str(path))
        assert _safe(res) == res, path.name
