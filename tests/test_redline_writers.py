"""Redline writers: Markdown (seed convention, CriticMarkup), JSON, HTML, terminal; golden redlines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from resodraft.errors import TemplateError
from resodraft.readers import read
from resodraft.readers.markdown import read_markdown
from resodraft.redline import compare
from resodraft.writers import get_writer
from resodraft.writers.html import write_redline_html
from resodraft.writers.json import write_redline_json
from resodraft.writers.redline_md import write_redline_md
from resodraft.writers.terminal import write_redline_term

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

OLD = """---
symbol: ICC-ASP/19/Res.2
language: fr
---

L'Assemblée des États Parties,

*Rappelant* sa résolution ICC-ASP/19/Res.2,

1. *Souligne* l'importance de la coopération[^1] ;

## Mandats

2. *Prie* le Bureau, par l'entremise de ses Groupes de travail, d'accélérer son examen ;

3. *Prie* la Cour de faire rapport, conformément à la résolution[^2], à sa vingtième session ;

4. *Décide* de rester saisie de la question ;

a) en premier lieu ;

[^1]: ICC-ASP/19/25.

[^2]: ICC-ASP/19/Res.7.
"""

NEW = """---
symbol: ICC-ASP/19/Res.2
language: fr
---

L'Assemblée des États Parties,

*Rappelant* sa résolution ICC-ASP/19/Res.2,

1. *Souligne* l'importance de la coopération[^1] ;

## Mandats

2. *Se félicite* de la conclusion d'un accord ;

3. *Encourage* le Bureau, par l'entremise de ses Groupes de travail, à poursuivre son examen ;

4. *Prie* la Cour de faire rapport à sa vingt-et-unième session ;

[^1]: ICC-ASP/19/25.
"""


@pytest.fixture
def redline():
    return compare(read_markdown(OLD, "old.md"), read_markdown(NEW, "new.md"), author="Co-facilitateurs", date="2021-11-04")


class TestMarkdown:
    def test_writes_the_seed_convention(self, redline):
        assert write_redline_md(redline) == (
            "---\nsymbol: ICC-ASP/19/Res.2\nlanguage: fr\n---\n\n"
            "L'Assemblée des États Parties,\n\n"
            "*Rappelant* sa résolution ICC-ASP/19/Res.2,\n\n"
            "1. *Souligne* l'importance de la coopération[^1] ;\n\n"
            "## Mandats\n\n"
            "2. ***Se félicite* de la conclusion d'un accord ;**\n\n"
            "3. ~~*Prie*~~ ***Encourage*** le Bureau, par l'entremise de ses Groupes de travail, "
            "~~d'accélérer~~ **à poursuivre** son examen ;\n\n"
            "4. *Prie* la Cour de faire rapport~~, conformément à la résolution[^2],~~ à sa "
            "~~vingtième~~ **vingt-et-unième** session ;\n\n"
            "~~4. *Décide* de rester saisie de la question ;~~\n\n"
            "~~a) en premier lieu ;~~\n\n"
            "[^1]: ICC-ASP/19/25.\n\n"
            "[^2]: ~~ICC-ASP/19/Res.7.~~\n"
        )

    def test_critic_markup(self, redline):
        lines = write_redline_md(redline, critic=True).split("\n\n")
        assert "3. {--*Prie*--}{++*Encourage*++} le Bureau, par l'entremise de ses Groupes de travail, {--d'accélérer--}{++à poursuivre++} son examen ;" in lines
        assert "2. {++*Se félicite* de la conclusion d'un accord ;++}" in lines
        assert "{--4. *Décide* de rester saisie de la question ;--}" in lines

    def test_mark_renumbering_shows_changed_numbers_only(self, redline):
        lines = write_redline_md(redline, mark_renumbering=True).split("\n\n")
        assert lines[3] == "1. *Souligne* l'importance de la coopération[^1] ;"
        assert lines[5] == "2. ***Se félicite* de la conclusion d'un accord ;**"
        assert lines[6].startswith("~~2~~ **3**. ~~*Prie*~~ ***Encourage***")
        assert lines[7].startswith("~~3~~ **4**. *Prie* la Cour")
        assert lines[8] == "~~4. *Décide* de rester saisie de la question ;~~"

    def test_white_space_at_the_edge_of_a_change_is_written_outside_the_marks(self):
        r = compare(read_markdown("1. *Salue* la discussion avec la Cour organisée par les co-facilitateurs tenue le 5 octobre ;\n", "a.md"),
                    read_markdown("1. *Salue* la discussion avec la Cour tenue le 5 octobre ;\n", "b.md"))  # fmt: skip
        assert write_redline_md(r) == "---\nlanguage: fr\n---\n\n1. *Salue* la discussion avec la Cour ~~organisée par les co-facilitateurs~~ tenue le 5 octobre ;\n"

    def test_markdown_renderers_read_the_marks(self, redline):
        html = MarkdownIt("commonmark").enable("strikethrough").render(write_redline_md(redline))
        assert "<s><em>Prie</em></s> <em><strong>Encourage</strong></em> le Bureau" in html
        assert "<s>d'accélérer</s> <strong>à poursuivre</strong> son examen" in html
        assert "à sa <s>vingtième</s> <strong>vingt-et-unième</strong> session" in html
        assert "<p><s>4. <em>Décide</em> de rester saisie de la question ;</s></p>" in html
        assert "<strong><em>Se félicite</em> de la conclusion d'un accord ;</strong>" in html

    def test_footnotes_are_numbered_in_order_of_first_call_in_the_redline(self):
        old = "1. *Note* le rapport[^1] et la résolution[^2] ;\n\n[^1]: ICC-ASP/19/Res.7.\n\n[^2]: ICC-ASP/20/2549/33.\n"
        new = "1. *Note* la résolution[^1] ;\n\n[^1]: ICC-ASP/20/2549/33.\n"
        r = compare(read_markdown(old, "a.md"), read_markdown(new, "b.md"))
        assert write_redline_md(r) == (
            "---\nlanguage: fr\n---\n\n1. *Note* ~~le rapport[^1] et~~ la résolution[^2] ;\n\n[^1]: ~~ICC-ASP/19/Res.7.~~\n\n[^2]: ICC-ASP/20/2549/33.\n"
        )

    def test_the_registry_finds_every_redline_writer(self):
        assert get_writer("md") is write_redline_md
        assert get_writer("json") is write_redline_json
        assert get_writer("html") is write_redline_html
        assert get_writer("term") is write_redline_term


class TestJson:
    def test_paragraph_shape_and_plain_text_ops(self, redline):
        data = json.loads(write_redline_json(redline))
        assert set(data) == {"meta", "old_meta", "summary", "formula", "paragraphs", "footnotes"}
        assert data["summary"] == {"equal": 3, "changed": 2, "inserted": 1, "deleted": 2, "moved": 0}
        assert data["formula"] == {"status": "equal", "ops": [["=", "L'Assemblée des États Parties,"]]}
        p = data["paragraphs"][5]
        assert (p["old"], p["new"], p["status"], p["old_number"], p["new_number"]) == ("OP3", "OP4", "changed", "3", "4")
        assert p["ops"] == [
            ["=", "Prie la Cour de faire rapport"],
            ["-", ", conformément à la résolution[^2],"],
            ["=", " à sa "],
            ["-", "vingtième"],
            ["+", "vingt-et-unième"],
            ["=", " session ;"],
        ]
        assert [(n["old"], n["new"], n["status"]) for n in data["footnotes"]] == [("1", "1", "equal"), ("2", None, "deleted")]

    def test_keeps_utf8_characters(self, redline):
        text = write_redline_json(redline)
        assert "États" in text and "\\u00c9" not in text
        assert text.endswith("}\n")


class TestHtml:
    def test_deletions_and_insertions_with_authors(self, redline):
        html = write_redline_html(redline)
        assert html.startswith("<!DOCTYPE html>\n<html lang=\"fr\">")
        title = 'title="Co-facilitateurs, 2021-11-04"'
        change = f'<span class="change stop" data-change data-sponsor="s-co-facilitateurs" {title}>'
        assert f"{change}<del {title}><em>Prie</em></del> <ins {title}><em>Encourage</em></ins></span> le Bureau" in html
        assert (f'<div class="row inserted" id="OP2" data-filter-status="inserted">'
                '<div class="labels" aria-label="old and new label"><span class="old">—</span><span class="new">OP2</span></div>'
                f'<p class="operative inserted" {title}><span class="num">2.</span> {change}<ins {title}><em>Se félicite</em>') in html
        assert "del { color: #b00020; text-decoration: line-through;" in html
        assert "ins { color: #006b1f; font-weight: bold;" in html

    def test_escapes_text(self):
        r = compare(read_markdown("1. *Note* A ;\n", "a.md"), read_markdown("1. *Note* A <b>&</b> ;\n", "b.md"))
        html = write_redline_html(r)
        assert "<ins>&lt;b&gt;&amp;&lt;/b&gt;</ins>" in html.replace("<ins> ", "<ins>")

    def test_deleted_paragraph_number_is_struck(self, redline):
        html = write_redline_html(redline)
        assert '<p class="operative deleted" title="Co-facilitateurs, 2021-11-04"><span class="num"><del>4</del>.</span> <span class="change stop" data-change' in html

    def test_a_template_dir_overrides_the_bundled_template(self, redline, tmp_path):
        (tmp_path / "redline.html.j2").write_text("{{ title }}: {{ summary.changed }} changed\n", encoding="utf-8")
        assert write_redline_html(redline, template_dir=tmp_path) == "ICC-ASP/19/Res.2: 2 changed\n"

    def test_a_broken_user_template_names_its_file_and_line(self, redline, tmp_path):
        (tmp_path / "redline.html.j2").write_text("<p>\n{{ title }\n", encoding="utf-8")
        with pytest.raises(TemplateError) as err:
            write_redline_html(redline, template_dir=tmp_path)
        assert str(err.value).startswith(f"{tmp_path / 'redline.html.j2'}:2: template syntax error")

    def test_an_unknown_variable_in_a_user_template_names_its_file_and_line(self, redline, tmp_path):
        (tmp_path / "redline.html.j2").write_text("ok\n{{ titel }}\n", encoding="utf-8")
        with pytest.raises(TemplateError) as err:
            write_redline_html(redline, template_dir=tmp_path)
        assert str(err.value) == (
            f"{tmp_path / 'redline.html.j2'}:2: the template uses an unknown value: 'titel' is undefined"
            " — check the variable names against the bundled template"
        )

    def test_a_user_template_runs_in_the_sandbox(self, redline, tmp_path):
        (tmp_path / "redline.html.j2").write_text("{{ title.__class__.__mro__ }}\n", encoding="utf-8")
        with pytest.raises(TemplateError) as err:
            write_redline_html(redline, template_dir=tmp_path)
        assert "redline.html.j2:1:" in str(err.value)

    def test_a_missing_template_dir_is_an_error(self, redline, tmp_path):
        with pytest.raises(TemplateError) as err:
            write_redline_html(redline, template_dir=tmp_path / "nope")
        assert str(err.value) == f"{tmp_path / 'nope'}: the template folder does not exist — give the folder holding your copies of the templates with --template-dir"


class TestTerminal:
    def test_plain_text_brackets_the_changes(self, redline):
        lines = write_redline_term(redline, color=False).split("\n\n")
        assert lines[4] == "2. {+Se félicite de la conclusion d'un accord ;+}"
        assert lines[5] == "3. [-Prie-]{+Encourage+} le Bureau, par l'entremise de ses Groupes de travail, [-d'accélérer-]{+à poursuivre+} son examen ;"
        assert lines[-4:-2] == ["[-4. Décide de rester saisie de la question ;-]", "    [-a) en premier lieu ;-]"]
        assert lines[-1] == "[^2]: [-ICC-ASP/19/Res.7.-]\n"

    def test_colour_is_chosen_from_the_environment_by_default(self, redline, monkeypatch):
        monkeypatch.setenv("FORCE_COLOR", "1")
        assert "\x1b[" in write_redline_term(redline)
        monkeypatch.setenv("NO_COLOR", "1")
        assert "\x1b[" not in write_redline_term(redline)

    def test_colour_strikes_deletions_in_red_and_bolds_insertions_in_green(self, redline):
        text = write_redline_term(redline, color=True)
        assert "\x1b[3;9;31mPrie\x1b[0m \x1b[1;3;32mEncourage\x1b[0m le Bureau" in text


@pytest.mark.parametrize(
    ("old", "new", "golden"),
    [
        ("drafts/ICC-ASP-19-Res.2.fr.md", "tests/golden/annex1.accepted.md", "annex1.redline.md"),
        ("drafts/ICC-ASP-19-Res.6-coop.fr.md", "tests/golden/annex2.accepted.md", "annex2.redline.md"),
    ],
)
def test_golden_redlines_of_the_bundled_drafts(old, new, golden):
    r = compare(read(str(ROOT / old)), read(str(ROOT / new)))
    assert write_redline_md(r) == (GOLDEN / golden).read_text(encoding="utf-8")


def test_golden_annex1_marks_the_co_facilitators_changes():
    """The places the seed's Annex I marks, as read in drafts/README.md, word for word."""
    front, body = (GOLDEN / "annex1.redline.md").read_text(encoding="utf-8").split("\n---\n", 1)
    # the roll-over's [meta]: a draft of the twentieth session, no symbol, adoption line or date yet
    assert front.split("\n")[1:] == [
        "symbol: ~~ICC-ASP/19/Res.2~~", "title: Résolution sur la coopération", "language: fr", "session: ~~19~~ **20**",
        "date: ~~2020-12-16~~", "status: **draft**",
        "adopted: ~~Adoptée à la 4^e séance plénière, le 16 décembre 2020, par consensus~~",
    ]
    lines = body.split("\n\n")
    changed = [line for line in lines if "~~" in line or "**" in line]
    assert len(changed) == 11
    # the seed prints the added symbol 'ICC-ASP-19/Res.2' (a typo); roll-over writes it as issued
    assert "ICC-ASP-18/Res.3**, ICC-ASP/19/Res.2** et les soixante-six" in changed[0]
    assert "la remise à la Cour ~~de deux suspects en juin 2020 et en novembre 2020~~ **d'un suspect en janvier 2021** et *appelle*" in changed[1]
    assert changed[2] == "22. ***Se félicite* de la conclusion d'un accord entre la Cour et la France sur l'exécution des peines ;**"
    assert "à sa ~~vingtième~~ **vingt-et-unième** session ;" in changed[3]
    assert changed[4].startswith("33. ~~*Prie*~~ ***Encourage*** le Bureau, par l'entremise de ses Groupes de travail, ~~d'accélérer~~ **à poursuivre** son examen")
    assert changed[5].startswith("34. *Prie* le Bureau, par l'entremise de la facilitation sur la coopération, ~~et gardant à l'esprit")
    assert changed[5].endswith("afin de surmonter ces défis~~ et d'en faire rapport à l'Assemblée à sa ~~vingtième~~ **vingt-et-unième** session~~, conformément au cadre général mis en place par l'Assemblée pour le Mécanisme~~ ;")
    assert "son ~~7^e~~ **8^e** séminaire" in changed[6] and "l'année ~~2021~~ **2022**, centré" in changed[6]
    assert changed[7] == "39. **[Réservé au texte résultant des débats sur la coopération à l'Assemblée des États Parties] ;**"
    assert "à sa ~~vingtième~~ **vingt-et-unième** session, un rapport actualisé" in changed[8]
    assert changed[9:] == ["[^5]: ~~ICC-ASP/19/ Res.7.~~", "[^6]: ~~https://asp.icc-cpi.int/iccdocs/asp_docs/ASP20/RM-Comprehensive Action Plan-FRA.pdf.~~"]


def test_golden_annex2_marks_the_co_facilitators_changes():
    front, body = (GOLDEN / "annex2.redline.md").read_text(encoding="utf-8").split("\n---\n", 1)
    assert "session: ~~19~~ **20**" in front.split("\n") and "status: **draft**" in front.split("\n")
    lines = body.split("\n\n")
    changed = [line for line in lines if "~~" in line or ("**" in line and "**coopération**" not in line)]
    assert changed[0] == (
        "7. ~~*Salue*~~ ***Souligne aussi* la nécessité de poursuivre les débats entre les co-facilitateurs sur la coopération, "
        "les points focaux sur la non-coopération et la Cour, à la suite de** la discussion avec le groupe d'experts sur le "
        "renforcement de la coopération avec la Cour ~~organisée par les co-facilitateurs sur la coopération et les points "
        "focaux sur la non-coopération~~ tenue le 5 octobre 2020 ;"
    )
    assert changed[1] == "8. **[Réservé au texte résultant des débats sur la coopération à l'Assemblée des États Parties];**"
    assert changed[2].startswith("11. ~~*Salue* la création~~ ***Rappelle* l'existence** de la plateforme")
    assert changed[3].startswith("12. ~~*Prend note* des~~ ***Rappelle* les** recommandations")
    assert "à sa ~~vingtième~~ **vingt-et-unième** session;" in changed[4]
    assert changed[5].startswith("f) ~~*prie*~~ ***encourage*** le Bureau, par l'entremise de ses Groupes de travail, ~~d'accélérer~~ **à poursuivre** son examen")
    assert changed[6].startswith("h) *prie* le Bureau, par l'entremise de la facilitation sur la coopération, ~~et gardant à l'esprit")
    assert changed[6].endswith("conformément au cadre général fixé par l'Assemblée pour le Mécanisme ;~~")
    assert len(changed) == 9


class TestMovedParagraphs:
    """A moved paragraph is struck where it was and bold where it goes, each followed by where
    it went or came from, in the drafter's words (old numbers where it was, new where it goes)."""

    BASE = (
        "---\nlanguage: {lang}\n---\n\n{formula}\n\n*{pp}* one,\n\n*{pp}* two,\n\n"
        "1. *{op}* alpha ;\n\n2. *{op}* beta :\n\n{a} gamma ;\n\n3. *{op}* delta ;\n\n4. *{op}* epsilon.\n"
    )

    def redline(self, lang: str, moves: str):
        from resodraft import api
        from resodraft.amend import parse_amendment_text

        words = {"fr": ("L'Assemblée des États Parties,", "Rappelant", "Prie", "a)"),
                 "en": ("The General Assembly,", "Recalling", "Requests", "(a)")}[lang]
        base = read_markdown(self.BASE.format(lang=lang, formula=words[0], pp=words[1], op=words[2], a=words[3]), "b.md")
        changes = parse_amendment_text('sponsor = "Sénégal"\n' + moves, "m.toml")
        return api.compare(api.apply(base, changes))

    def test_french_notes(self):
        red = self.redline("fr", '[[change]]\nop = "move"\nat = "OP2"\nafter = "OP4"\n'
                                 '[[change]]\nop = "move"\nat = "PP1"\nafter = "PP2"\n')
        lines = write_redline_md(red).rstrip("\n").split("\n\n")
        assert "~~*Rappelant* one,~~ *(déplacé à l'alinéa 2 du préambule)*" in lines
        assert "***Rappelant* one,** *(déplacé de l'alinéa 1 du préambule)*" in lines
        assert "~~2. *Prie* beta :~~ *(déplacé au paragraphe 4)*" in lines
        assert "4. ***Prie* beta :** *(déplacé du paragraphe 2)*" in lines
        assert "~~a) gamma ;~~" in lines and "a) **gamma ;**" in lines  # its sub-paragraph goes with it, no note

    def test_english_notes_and_a_sub_paragraph_moved_alone(self):
        red = self.redline("en", '[[change]]\nop = "move"\nat = "OP3"\nbefore = "OP1"\n')
        lines = write_redline_md(red).split("\n\n")
        assert "1. ***Requests* delta ;** *(moved from paragraph 3)*" in lines
        assert "~~3. *Requests* delta ;~~ *(moved to paragraph 1)*" in lines

    def test_critic_markup_writes_the_note_as_a_comment(self):
        red = self.redline("fr", '[[change]]\nop = "move"\nat = "OP3"\nbefore = "OP1"\n')
        lines = write_redline_md(red, critic=True).split("\n\n")
        assert "1. {++*Prie* delta ;++} {>>déplacé du paragraphe 3<<}" in lines

    def test_the_notes_are_plain_markdown(self):
        red = self.redline("fr", '[[change]]\nop = "move"\nat = "OP3"\nbefore = "OP1"\n')
        html = MarkdownIt("commonmark").enable("strikethrough").render(write_redline_md(red))
        assert "<strong><em>Prie</em> delta ;</strong> <em>(déplacé du paragraphe 3)</em>" in html
        assert "<s>3. <em>Prie</em> delta ;</s> <em>(déplacé au paragraphe 1)</em>" in html
