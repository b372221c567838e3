"""Renumbering: operative paragraphs, sub-paragraphs, footnotes, and the uid → label map."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from resodraft.model import (
    Footnote,
    Heading,
    NoteRef,
    Operative,
    Part,
    Preambular,
    Resolution,
    SubParagraph,
    Text,
    labels,
    with_uids,
)
from resodraft.number import letter, renumber, renumber_footnotes, roman, sub_number
from resodraft.readers.markdown import read_markdown
from resodraft.writers.markdown import write_markdown

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "drafts"


def t(text: str) -> tuple[Text, ...]:
    return (Text(text),)


def op(number: str | None, text: str, *subs: SubParagraph, uid: str | None = None, note: str | None = None) -> Operative:
    content = t(text) + ((NoteRef(note),) if note else ())
    return Operative(number, content, subs=subs, uid=uid)


def sub(number: str, text: str, *subs: SubParagraph, style: str = ")", note: str | None = None) -> SubParagraph:
    content = t(text) + ((NoteRef(note),) if note else ())
    return SubParagraph(number, content, subs=subs, style=style)


def numbers(res: Resolution) -> list[str | None]:
    return [b.number for b in res.blocks if isinstance(b, Operative)]


# --------------------------------------------------------------------------------------------
# markers


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "bb"), (52, "zz"), (53, "aaa")]
)
def test_letters_double_after_z(n: int, expected: str) -> None:
    assert letter(n) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"), (40, "xl")])
def test_roman_numerals(n: int, expected: str) -> None:
    assert roman(n) == expected


def test_sub_number_alternates_letters_and_roman_by_level() -> None:
    assert [sub_number(3, level) for level in (1, 2, 3)] == ["c", "iii", "c"]


def test_markers_reject_zero() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        letter(0)


# --------------------------------------------------------------------------------------------
# the worked example of the module docstring


def worked_example_base() -> Resolution:
    return with_uids(
        Resolution(
            blocks=(
                Preambular(t("Rappelant …,")),
                op("1", "Souligne … ;", note="2"),
                op("2", "Prie … :", sub("a", "… ;"), sub("b", "… ;", note="1")),
                Heading(t("Coopération volontaire")),
                op("3", "Salue … ."),
            ),
            footnotes=(Footnote("1", t("Note un.")), Footnote("2", t("Note deux."))),
        )
    )


def test_worked_example_delete_and_insert() -> None:
    base = worked_example_base()
    blocks = [b for b in base.blocks if b.uid != "OP1"]
    blocks.insert(2, op(None, "Décide … ;", uid="+1"))
    new, mapping = renumber(replace(base, blocks=tuple(blocks)))

    assert mapping == {
        "PP1": "PP1",
        "OP2": "OP1",
        "OP2(a)": "OP1(a)",
        "OP2(b)": "OP1(b)",
        "+1": "OP2",
        "H1": "H1",
        "OP3": "OP3",
    }
    assert labels(new) == ["PP1", "OP1", "OP1(a)", "OP1(b)", "OP2", "H1", "OP3"]
    assert [b.uid for b in new.blocks] == ["PP1", "OP2", "+1", "H1", "OP3"]
    # footnote 2 is no longer called: kept, after the called one
    assert [n.id for n in new.footnotes] == ["1", "2"]


def test_worked_example_footnotes_follow_first_call() -> None:
    new, _ = renumber(worked_example_base())
    # OP1 calls [^2] first, OP2(b) then calls [^1]
    assert [(n.id, n.content) for n in new.footnotes] == [("1", t("Note deux.")), ("2", t("Note un."))]
    assert new.blocks[1].content[-1] == NoteRef("1")
    assert new.blocks[2].subs[1].content[-1] == NoteRef("2")


def test_content_uids_and_lines_are_untouched() -> None:
    base = read_markdown((DRAFTS / "ICC-ASP-19-Res.2.fr.md").read_text("utf-8"), "Res.2")
    blocks = [b for b in base.blocks if b.uid != "OP5"]
    new, mapping = renumber(replace(base, blocks=tuple(blocks)))
    old = {b.uid: b for b in base.blocks}
    for block in new.blocks:
        assert block.content == old[block.uid].content
        assert block.line == old[block.uid].line
    assert mapping["OP6"] == "OP5"
    assert mapping["OP38"] == "OP37"
    assert "OP5" not in mapping


# --------------------------------------------------------------------------------------------
# operative paragraphs


def test_numbering_ignores_stale_and_missing_numbers() -> None:
    res = Resolution(blocks=(op("7", "a"), op(None, "b"), op("7", "c"), op("99", "d")))
    new, mapping = renumber(with_uids(res))
    assert numbers(new) == ["1", "2", "3", "4"]
    assert list(mapping.values()) == ["OP1", "OP2", "OP3", "OP4"]


def test_numbering_restarts_after_each_part_and_keeps_part_letters() -> None:
    res = Resolution(
        blocks=(
            Part("A", t("Coopération")),
            op("1", "a"),
            op(None, "inséré", uid="+1"),
            op("2", "b"),
            Part("C", t("Mandats")),
            op("1", "c", sub("a", "x"), sub("f", "y")),
        )
    )
    new, mapping = renumber(with_uids(res))
    assert labels(new) == ["A", "A.OP1", "A.OP2", "A.OP3", "C", "C.OP1", "C.OP1(a)", "C.OP1(b)"]
    assert mapping["A.OP2"] == "A.OP3"
    assert mapping["C.OP1(f)"] == "C.OP1(b)"


def test_single_operative_paragraph_is_not_numbered() -> None:
    res = with_uids(Resolution(blocks=(Preambular(t("Rappelant …,")), op("1", "Décide …"))))
    new, mapping = renumber(res)
    assert numbers(new) == [None]
    assert mapping == {"PP1": "PP1", "OP1": "OP1"}
    assert write_markdown(new).splitlines()[-1] == "Décide …"


def test_a_second_paragraph_numbers_the_first_again() -> None:
    res = with_uids(Resolution(blocks=(op(None, "Décide …"),)))
    grown = replace(res, blocks=res.blocks + (op(None, "Prie …", uid="+1"),))
    new, mapping = renumber(grown)
    assert numbers(new) == ["1", "2"]
    assert mapping == {"OP1": "OP1", "+1": "OP2"}


def test_single_paragraph_of_a_part_keeps_its_number() -> None:
    res = Resolution(blocks=(Part("B", t("Mandats")), op("1", "En ce qui concerne …,", sub("a", "x"))))
    new, _ = renumber(with_uids(res))
    assert numbers(new) == ["1"]


# --------------------------------------------------------------------------------------------
# sub-paragraphs


def test_sub_paragraphs_relettered_with_their_own_style() -> None:
    res = Resolution(
        blocks=(
            op("1", "a"),
            op(
                "2",
                "b",
                sub("a", "x", style="()"),
                sub("c", "y", sub("i", "y1"), sub("iv", "y2"), style="()"),
                sub("zz", "z", style=")"),
            ),
        )
    )
    new, mapping = renumber(with_uids(res))
    subs = new.blocks[1].subs
    assert [(s.number, s.style) for s in subs] == [("a", "()"), ("b", "()"), ("c", ")")]
    assert [s.number for s in subs[1].subs] == ["i", "ii"]
    assert mapping["OP2(c)(iv)"] == "OP2(b)(ii)"
    assert mapping["OP2(zz)"] == "OP2(c)"


def test_twenty_eight_sub_paragraphs_end_with_aa_and_bb() -> None:
    res = Resolution(blocks=(op("1", "a"), op("2", "b", *[sub("a", str(i)) for i in range(28)])))
    new, _ = renumber(res)
    assert [s.number for s in new.blocks[1].subs][-3:] == ["z", "aa", "bb"]


def test_blocks_without_uid_are_keyed_by_their_old_label() -> None:
    res = Resolution(blocks=(op("4", "a"), op("9", "b", sub("c", "x"))))
    _, mapping = renumber(res)
    assert mapping == {"OP4": "OP1", "OP9": "OP2", "OP9(c)": "OP2(a)"}


# --------------------------------------------------------------------------------------------
# footnotes


def test_footnotes_in_order_of_first_call_uncalled_last() -> None:
    res = Resolution(
        formula=(Text("L'Assemblée des États Parties,"), NoteRef("9")),
        blocks=(
            op("1", "a", sub("a", "x", note="3"), note="7"),
            op("2", "b", note="3"),
        ),
        footnotes=(
            Footnote("3", t("trois")),
            Footnote("5", t("jamais appelée")),
            Footnote("7", t("sept")),
            Footnote("9", t("neuf")),
        ),
    )
    new, ids = renumber_footnotes(res)
    assert ids == {"9": "1", "7": "2", "3": "3", "5": "4"}
    assert [(n.id, n.content) for n in new.footnotes] == [
        ("1", t("neuf")),
        ("2", t("sept")),
        ("3", t("trois")),
        ("4", t("jamais appelée")),
    ]
    assert new.formula[-1] == NoteRef("1")
    assert new.blocks[0].content[-1] == NoteRef("2")
    assert new.blocks[0].subs[0].content[-1] == NoteRef("3")
    assert new.blocks[1].content[-1] == NoteRef("3")


def test_renumber_rewrites_footnotes_too() -> None:
    res = Resolution(
        blocks=(op("1", "a", note="2"), op("2", "b", note="1")),
        footnotes=(Footnote("1", t("un")), Footnote("2", t("deux"))),
    )
    new, _ = renumber(res)
    assert [(n.id, n.content) for n in new.footnotes] == [("1", t("deux")), ("2", t("un"))]


# --------------------------------------------------------------------------------------------
# idempotence on the bundled real drafts


@pytest.mark.parametrize("name", ["ICC-ASP-19-Res.2.fr.md", "ICC-ASP-19-Res.6-coop.fr.md"])
def test_bundled_drafts_are_already_numbered(name: str) -> None:
    text = (DRAFTS / name).read_text("utf-8")
    res = read_markdown(text, name)
    new, mapping = renumber(res)
    assert write_markdown(new) == write_markdown(res)
    assert all(uid == label for uid, label in mapping.items())
    again, again_map = renumber(new)
    assert again == new
    assert again_map == mapping
