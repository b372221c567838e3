"""French typography on output (resodraft.typography): what changes, what never does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resodraft.model import NoteRef, Op, Text
from resodraft.typography import NBHYPHEN, NBSP, NNBSP, foreign_language, protect_symbols, typeset_ops

ITALIC = frozenset({"i"})


def typeset(*ops: tuple[str, object], language: str = "fr", spacing: str = "narrow") -> list[tuple[str, str]]:
    built = tuple(
        Op(kind, tuple(Text(x) if isinstance(x, str) else x for x in (content if isinstance(content, list) else [content])))
        for kind, content in ops
    )
    return [
        (op.kind, "".join(i.text if isinstance(i, Text) else "^" for i in op.content))
        for op in typeset_ops(built, language, spacing)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prie le Bureau ; note : « sic » ! vraiment ?", f"Prie le Bureau{NNBSP}; note{NBSP}: «{NNBSP}sic{NNBSP}»{NNBSP}! vraiment{NNBSP}?"),
        ("à sa vingtième session;", "à sa vingtième session;"),  # no space at all: none added (check reports it)
        ("«sic»", "«sic»"),
        ("à 10:30, https://www.icc-cpi.int/?a=1 ou www.un.org:8080", "à 10:30, https://www.icc-cpi.int/?a=1 ou www.un.org:8080"),
        (f"déjà{NBSP}; gardé", f"déjà{NBSP}; gardé"),  # the text's own no-break space is kept as it is
        ("mandats [...] : a)", f"mandats [...]{NBSP}: a)"),
    ],
)
def test_french_spacing(text, expected):
    assert typeset(("=", text)) == [("=", expected)]


def test_a_footnote_call_before_the_mark_keeps_the_space_after_it():
    assert typeset(("=", ["l'Accord", NoteRef("8"), " ;"])) == [("=", f"l'Accord^{NNBSP};")]
    assert typeset(("=", ["l'Accord", NoteRef("8"), ";"])) == [("=", "l'Accord^;")]


def test_english_text_is_left_alone_but_its_symbols_are_protected():
    assert typeset(("=", "Requests the Court ; see ICC-ASP/11/Res.5 :"), language="en") == [
        ("=", f"Requests the Court ; see ICC{NBHYPHEN}ASP/11/Res.5 :")
    ]


def test_spacing_off_and_nbsp():
    assert typeset(("=", "note : sic ;"), spacing="off") == [("=", "note : sic ;")]
    assert typeset(("=", "note : sic ;"), spacing="nbsp") == [("=", f"note{NBSP}: sic{NBSP};")]


def test_kept_text_changes_only_where_both_versions_call_for_it():
    # old "mot ;" new "mot ,": the kept space precedes ";" in one version only, so it stays
    assert typeset(("=", "mot "), ("-", ";"), ("+", ",")) == [("=", "mot "), ("-", ";"), ("+", ",")]
    # both versions put a kept space before a kept ";": it becomes the no-break one
    assert typeset(("=", "mot"), ("-", "x"), ("+", "y"), ("=", " ;")) == [("=", "mot"), ("-", "x"), ("+", "y"), ("=", f"{NNBSP};")]
    # a ";" glued to the word in both versions stays glued: the writers add no character
    assert typeset(("=", "mot"), ("-", "x"), ("+", "y"), ("=", ";")) == [("=", "mot"), ("-", "x"), ("+", "y"), ("=", ";")]
    # a deleted ";" after a kept space: the deletion carries its own no-break space
    assert typeset(("=", "mot"), ("-", " ;"), ("+", " ,")) == [("=", "mot"), ("-", f"{NNBSP};"), ("+", " ,")]


def test_a_run_in_the_other_language_is_tagged_and_left_as_it_is():
    ops = (Op("=", (Text("le document ",), Text("Matrix over possible areas of the Court: a study", ITALIC), Text(" :"))),)
    out = typeset_ops(ops, "fr")[0].content
    assert out[1] == Text("Matrix over possible areas of the Court: a study", ITALIC | {"lang:en"})
    assert out[2] == Text(f"{NBSP}:")


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Matrix over possible areas of strengthening the Court and the Rome Statute System", "fr", "en"),
        ("Prenant note de la Résolution sur l'Examen de la Cour", "fr", None),
        ("the Court", "fr", None),  # too short to tell
        ("Règlement de procédure et de preuve", "en", "fr"),
        ("Rules of Procedure and Evidence of the Court", "en", None),
        ("le Statut of the Court", "fr", None),  # a French word: not a foreign run
    ],
)
def test_foreign_language(text, language, expected):
    assert foreign_language(text, language) == expected


def test_protect_symbols():
    assert protect_symbols("ICC-ASP-18/Res.3, A/RES/80/6 et co-facilitateurs") == (
        f"ICC{NBHYPHEN}ASP{NBHYPHEN}18/Res.3, A/RES/80/6 et co-facilitateurs"
    )


TOKENS = st.sampled_from(["mot", "Cour", "ICC-ASP/19/Res.2", " ", " ", ";", ":", "?", "!", "«", "»", "10:30", "é", NBSP, NNBSP, ","])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("=-+"), st.lists(TOKENS, min_size=1, max_size=6).map("".join)), max_size=6))
def test_typesetting_only_changes_spaces_and_hyphens_and_is_idempotent(pieces):
    ops = tuple(Op(kind, (Text(text),)) for kind, text in pieces)
    out = typeset_ops(ops, "fr")
    assert [op.kind for op in out] == [op.kind for op in ops]

    def letters(op: Op) -> str:
        text = "".join(i.text for i in op.content if isinstance(i, Text))
        return text.replace(NBHYPHEN, "-").replace(" ", "").replace(NBSP, "").replace(NNBSP, "")

    assert [letters(op) for op in out] == [letters(op) for op in ops]
    assert typeset_ops(out, "fr") == out
