"""Word tokens for redlines (DESIGN.md §6): what a change may start or end at."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from resodraft.model import NoteRef, Text, normalize
from resodraft.tokenize import detokenize, split_words, tokenize, word_list

I = frozenset({"i"})
SUP = frozenset({"sup"})


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize((Text(text),))]


class TestFrenchWords:
    def test_splits_elisions_into_their_own_token(self):
        assert split_words("l'Assemblée d'un qu'elle s'acquitter n'a c'est") == [
            "l'", "Assemblée", " ", "d'", "un", " ", "qu'", "elle", " ",
            "s'", "acquitter", " ", "n'", "a", " ", "c'", "est",
        ]  # fmt: skip

    def test_splits_long_elisions_and_typographic_apostrophes(self):
        assert split_words("jusqu’à lorsqu'il L’Assemblée") == [
            "jusqu’", "à", " ", "lorsqu'", "il", " ", "L’", "Assemblée"
        ]  # fmt: skip
        assert kinds("d’un")[0] == ("elision", "d’")

    def test_keeps_hyphenated_compounds_whole(self):
        assert split_words("vingt-et-unième Prie-t-elle co-facilitateurs accords-cadres COVID-19") == [
            "vingt-et-unième", " ", "Prie-t-elle", " ", "co-facilitateurs", " ", "accords-cadres", " ", "COVID-19"
        ]

    def test_keeps_a_word_with_an_inner_apostrophe_whole(self):
        assert split_words("aujourd'hui") == ["aujourd'hui"]

    def test_makes_the_narrow_no_break_space_before_a_semicolon_a_token(self):
        assert kinds("session\u202f;") == [("word", "session"), ("space", "\u202f"), ("punct", ";")]


class TestEnglishWords:
    def test_keeps_possessives_whole_and_a_trailing_apostrophe_apart(self):
        assert split_words("the Court's and the States' cooperation") == [
            "the", " ", "Court's", " ", "and", " ", "the", " ", "States", "'", " ", "cooperation"
        ]

    def test_keeps_ordinals_whole(self):
        assert kinds("its 21st session") == [
            ("word", "its"), ("space", " "), ("word", "21st"), ("space", " "), ("word", "session")
        ]


class TestSymbolsAndNumbers:
    def test_keeps_document_symbols_whole_without_the_punctuation_after_them(self):
        assert split_words("(RC/Dec.2), ICC-ASP/19/Res.2, A/RES/80/6 et ICC-ASP/20/Res.[...] ; ICC-ASP/19/25.") == [
            "(", "RC/Dec.2", ")", ",", " ", "ICC-ASP/19/Res.2", ",", " ", "A/RES/80/6", " ", "et", " ",
            "ICC-ASP/20/Res.[...]", " ", ";", " ", "ICC-ASP/19/25", ".",
        ]  # fmt: skip
        assert kinds("ICC-ASP-18/Res.3")[0] == ("symbol", "ICC-ASP-18/Res.3")

    def test_keeps_a_web_address_whole_without_its_final_full_stop(self):
        assert split_words("https://asp.icc-cpi.int/iccdocs/asp_docs/a.pdf.") == [
            "https://asp.icc-cpi.int/iccdocs/asp_docs/a.pdf",
            ".",
        ]

    def test_keeps_decimal_numbers_whole(self):
        assert kinds("1,5 million") == [("number", "1,5"), ("space", " "), ("word", "million")]

    def test_makes_a_superscript_ordinal_one_token_of_two_runs(self):
        tokens = tokenize((Text("son 7"), Text("e", SUP), Text(" séminaire")))
        assert [t.text for t in tokens] == ["son", " ", "7e", " ", "séminaire"]
        assert tokens[2].content == (Text("7"), Text("e", SUP))

    def test_treats_a_bracketed_ellipsis_as_one_token(self):
        assert split_words("mandats [...] :") == ["mandats", " ", "[...]", " ", ":"]


class TestFormattedContent:
    def test_keeps_formatting_in_the_key_so_a_formatting_change_shows(self):
        italic, plain = tokenize((Text("Prie", I),)), tokenize((Text("Prie"),))
        assert italic[0].text == plain[0].text == "Prie"
        assert italic[0].key != plain[0].key

    def test_never_splits_a_word_whose_formatting_changes_inside(self):
        tokens = tokenize((Text("Prie", I), Text("-t-elle le Bureau")))
        assert tokens[0].text == "Prie-t-elle"
        assert tokens[0].content == (Text("Prie", I), Text("-t-elle"))

    def test_makes_a_footnote_call_a_token_compared_through_the_note_map(self):
        old = tokenize((Text("coopération"), NoteRef("7"), Text(",")), {"7": "5"})
        new = tokenize((Text("coopération"), NoteRef("5"), Text(",")))
        assert [t.kind for t in old] == ["word", "note", "punct"]
        assert [t.key for t in old] == [t.key for t in new]
        assert old[1].content == (NoteRef("7"),)

    def test_lists_lower_case_words_without_spaces_or_punctuation(self):
        assert word_list("Prie le Bureau, l'Assemblée") == ["prie", "le", "bureau", "l'", "assemblée"]


ALPHABET = "abcéèàçAÉZ019 \u00a0\u202f'’-/.,;:()[]«»^"
runs = st.lists(
    st.builds(Text, st.text(ALPHABET, min_size=1, max_size=12), st.sampled_from([frozenset(), I, SUP])),
    max_size=6,
)


@given(runs)
def test_tokens_concatenate_to_the_content(items):
    assert detokenize(tokenize(items)) == normalize(items)


@given(st.text(ALPHABET, max_size=60))
def test_no_token_boundary_falls_between_two_letters_except_after_an_elision(text):
    tokens = tokenize((Text(text),))
    for left, right in zip(tokens, tokens[1:]):
        if left.text[-1:].isalnum() and right.text[:1].isalnum():
            raise AssertionError(f"{left.text!r}|{right.text!r} splits a word")
        if left.text[-1:] in "'’" and right.text[:1].isalnum():
            assert left.kind == "elision" or not left.text[:-1], (left, right)
