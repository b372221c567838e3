"""The TOML emitter of amendment files: what it writes, TOML reads back exactly."""

from __future__ import annotations

import datetime as dt
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from resodraft.amend import parse_amendment_text
from resodraft.amendfile import amendment_file, comment, key_line, toml_string


def loads_value(text: str):
    return tomllib.loads(f"v = {text}\n")["v"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text())
def test_any_string_reads_back_exactly(value):
    assert loads_value(toml_string(value)) == value


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["word", " ", "  ", "\t", '"', '"""', "\\", "\n", "[x]", "key =", "é", "\u202f;", "\x7f"]), max_size=80))
def test_long_strings_with_awkward_pieces_read_back_exactly(pieces):
    value = "".join(pieces)
    assert loads_value(toml_string(value, multiline=True)) == value


def test_a_long_string_is_wrapped_at_spaces_and_keeps_its_leading_space():
    value = " et gardant à l'esprit " + "le mécanisme créé pour assurer le suivi " * 4 + "fin"
    written = toml_string(value)
    lines = written.splitlines()
    assert lines[0].startswith('""" et gardant')
    assert all(line.endswith(" \\") for line in lines[:-1]) and lines[-1].endswith('"""')
    assert max(len(line) for line in lines) <= 100
    assert loads_value(written) == value


def test_a_wrapped_line_never_looks_like_a_key_or_a_table():
    value = " ".join(["mot"] * 25 + ["[Réservé]", "texte", "=", "x"] + ["suite"] * 25)
    for line in toml_string(value).splitlines()[1:]:
        assert not line.startswith("[")
        assert not line.split(" ")[0:2] == ["texte", "="]
    assert loads_value(toml_string(value)) == value


def test_quotes_backslashes_and_control_characters_are_escaped():
    assert toml_string('dit "oui" \\ non') == '"dit \\"oui\\" \\\\ non"'
    assert toml_string("a\tb\nc\x01d\x7f") == '"a\\tb\\nc\\u0001d\\u007F"'


def test_a_comment_is_one_line_without_control_characters():
    assert comment("OP2: « a\nb »\x01\x85 fin") == "# OP2: « a b » fin"
    doc = comment("x\r\ny\u2028z") + "\nv = 1\n"
    assert tomllib.loads(doc) == {"v": 1}


def test_values_of_each_kind():
    assert key_line("date", dt.date(2021, 11, 4)) == "date = 2021-11-04"
    assert key_line("occurrence", 2) == "occurrence = 2"
    assert key_line("footnotes", {"n1": "ICC-ASP/20/25.", "a b": "x"}) == 'footnotes = { n1 = "ICC-ASP/20/25.", "a b" = "x" }'


def test_a_whole_file_reads_as_an_amendment_file_with_the_right_lines():
    text = amendment_file(
        header=["Derived for a test."],
        top=[("sponsor", "France"), ("date", dt.date(2021, 11, 4))],
        changes=[
            (["PP1: « a » → « b »"], [("op", "substitute"), ("at", "PP1"), ("find", "a " * 60), ("replace", "b")]),
            ([], [("op", "insert"), ("after", "OP9"), ("text", "[Réservé] " * 12 + ";"), ("footnotes", {"n1": "x"})]),
        ],
    )
    changes = parse_amendment_text(text, "f.toml")
    assert [c.op for c in changes] == ["substitute", "insert"]
    assert changes[0].find == "a " * 60 and changes[1].footnotes == (("n1", "x"),)
    lines = text.splitlines()
    # messages point at the right lines, multi-line strings notwithstanding
    assert lines[changes[1].line_of("after") - 1] == 'after = "OP9"'
    assert lines[changes[1].line - 1] == "[[change]]"
    assert changes[0].date == "2021-11-04"
