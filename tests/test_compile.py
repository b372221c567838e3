"""The negotiation: change status, `redline --include`, `resodraft compile` (Markdown, Word, HTML).

The example negotiation (docs/examples/negotiation, on the bundled Res.2) has what a real
compilation holds: agreed changes (one inserts OP22, so OP22–OP38 move on), three sponsors
proposing different wordings of OP6 (one replaces the whole paragraph), two proposed new
paragraphs after OP8, an uncontested proposal and a withdrawn one.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pypandoc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from resodraft import api
from resodraft.amend import parse_amendment_text
from resodraft.compile import compile_changes, compile_files, latin
from resodraft.writers.compilation_md import write_compilation_md
from resodraft.writers.docx import write_clean_docx
from resodraft.writers.docx.compilation import write_compilation_docx
from resodraft.writers.html import write_compilation_html

ROOT = Path(__file__).resolve().parents[1]
BASE = str(ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md")
EXAMPLE = str(ROOT / "docs" / "examples" / "negotiation")
GOLDEN = ROOT / "tests" / "golden" / "negotiation.compilation.md"
SPONSORS = {"Union européenne", "Groupe des États d'Afrique", "Suisse"}


@pytest.fixture(scope="module")
def compilation():
    return compile_files(BASE, [EXAMPLE])


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------------------------
# status in amendment files


def test_status_defaults_to_agreed_and_a_change_overrides_its_file(tmp_path):
    changes = parse_amendment_text(
        'sponsor = "EU"\nstatus = "proposed"\n\n[[change]]\nop = "delete"\nat = "OP1"\n\n'
        '[[change]]\nop = "delete"\nat = "OP2"\nstatus = "withdrawn"\ntag = "UE"\n',
        "eu.toml",
    )
    assert [(c.status, c.label) for c in changes] == [("proposed", "EU"), ("withdrawn", "UE")]
    plain = parse_amendment_text('sponsor = "France"\n[[change]]\nop = "delete"\nat = "OP1"\n', "fr.toml")
    assert plain[0].status == "agreed"


@pytest.mark.parametrize(
    "text, message",
    [
        ('sponsor = "EU"\nstatus = "propsed"\n[[change]]\nop = "delete"\nat = "OP1"\n',
         "eu.toml:2: unknown status 'propsed' — did you mean 'proposed'?"),
        ('sponsor = "EU"\n[[change]]\nop = "delete"\nat = "OP1"\nstatus = "open"\n',
         "eu.toml:5: unknown status 'open' — use status = \"agreed\", \"proposed\" or \"withdrawn\""),
        ('sponsor = "EU"\ntag = "[EU]"\n[[change]]\nop = "delete"\nat = "OP1"\n',
         "eu.toml:2: tag '[EU]' cannot be shown in a compilation — write a short name without brackets, e.g. tag = \"EU\""),
    ],
)
def test_a_bad_status_or_tag_names_the_file_and_line(tmp_path, text, message):
    path = write(tmp_path, "eu.toml", text)
    code, out, err = run_cli(["redline", BASE, path, "-o", str(tmp_path / "out")])
    assert (code, out) == (2, "")
    assert err == f"resodraft: error: {str(tmp_path)}/{message}\n"
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------------------------
# redline and apply: agreed changes only, unless asked


def test_redline_applies_agreed_changes_only_and_says_what_it_left_out(tmp_path):
    code, out, err = run_cli(["redline", BASE, EXAMPLE, "-o", str(tmp_path), "--date", "2021-11-04"])
    assert (code, err) == (0, "")
    assert "left out, not agreed: 6 proposed, 1 withdrawn (--include proposed previews them)" in out
    clean = (tmp_path / "ICC-ASP-19-Res.2.fr.clean.md").read_text(encoding="utf-8")
    assert clean == api.to_markdown(api.apply_files(BASE, [f"{EXAMPLE}/00-agreed.toml"]).new)


def test_only_agreed_is_the_default_spelled_out(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli(["redline", BASE, EXAMPLE, "-o", str(a)])[0] == 0
    assert run_cli(["redline", BASE, EXAMPLE, "-o", str(b), "--only", "agreed"])[0] == 0
    for name in ("clean.md", "redline.md"):
        assert (a / f"ICC-ASP-19-Res.2.fr.{name}").read_bytes() == (b / f"ICC-ASP-19-Res.2.fr.{name}").read_bytes()


def test_include_proposed_previews_proposals_and_their_overlaps_are_refused(tmp_path):
    preview = write(tmp_path, "eu.toml", Path(EXAMPLE, "eu.toml").read_text(encoding="utf-8").replace(
        'base = "../../../drafts/ICC-ASP-19-Res.2.fr.md"\n', ""))
    code, out, err = run_cli(["apply", BASE, preview, "--include", "proposed"])
    assert (code, err) == (0, "")
    assert "d'un suspect en janvier 2021" in out and "strictement nécessaire" in out
    assert "conclure les débats" not in out  # withdrawn
    code, out, err = run_cli(["redline", BASE, EXAMPLE, "-o", str(tmp_path / "x"), "--include", "proposed"])
    assert code == 2
    assert re.fullmatch(r"resodraft: error: .*groupe-africain\.toml:\d+: OP6 is also amended inside: .* — combine them into one change, or drop one\n", err)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--include", "propose"], "--include 'propose' is unknown — use --include proposed (or withdrawn)"),
        (["--only", "proposed"], "--only 'proposed' is not supported — the draft always holds the agreed changes; add others with --include proposed"),
        (["--only", "agreed", "--include", "proposed"], "--only agreed and --include cannot be used together — drop one of them"),
    ],
)
def test_bad_status_options(tmp_path, args, message):
    code, out, err = run_cli(["redline", BASE, EXAMPLE, "-o", str(tmp_path / "o"), *args])
    assert (code, out, err) == (2, "", f"resodraft: error: {message}\n")


# --------------------------------------------------------------------------------------------
# the compilation model and its Markdown


def test_the_compilation_markdown_is_the_reviewed_golden(compilation):
    assert write_compilation_md(compilation, show_withdrawn=True) == GOLDEN.read_text(encoding="utf-8")


def test_three_wordings_of_op6_are_numbered_alternatives_in_file_order(compilation):
    op6 = next(p for p in compilation.paragraphs if p.label == "OP6")
    [contest] = op6.contests
    assert [a.proposal.tag for a in contest.alternatives] == ["EU", "AG", "CH"]
    line = next(x for x in write_compilation_md(compilation).splitlines() if x.startswith("6. "))
    assert line.startswith("6. *Invite* [Alt 1 [EU] *instamment* les États Parties")
    assert " / Alt 2 [AG] ~~*instamment*~~ les États Parties à ~~éviter tout rapport~~ **limiter leurs rapports**" in line
    assert " / Alt 3 [CH] *instamment* les États Parties" in line
    assert "~~à moins que ce rapport ne soit essentiel pour l'État Partie~~ **sauf nécessité impérieuse**], *salue*" in line


def test_proposed_paragraphs_are_bis_ter_and_agreed_numbers_do_not_move(compilation):
    numbers = [p.number for p in compilation.paragraphs if p.kind == "operative"]
    assert numbers[7:11] == ["8", "8 bis", "8 ter", "9"]
    assert numbers[-1] == "39"  # 38 in the base, one agreed insertion
    assert compilation.label_map["+groupe-africain.toml#2"] == "OP8 bis"
    assert compilation.label_map["OP38"] == "OP39"
    assert [latin(n) for n in (1, 2, 3, 4)] == ["bis", "ter", "quater", "quinquies"]


def test_withdrawn_proposals_are_left_out_unless_asked(compilation):
    text = write_compilation_md(compilation)
    assert "conclure les débats" not in text and "Withdrawn" not in text
    assert "- [EU] « poursuivre les débats » → « conclure les débats d'ici à la vingt-deuxième session » in OP10 (withdrawn) — Retiré à la deuxième lecture" in write_compilation_md(compilation, show_withdrawn=True)


def test_sponsor_counts(compilation):
    rows = {s.tag: (s.agreed, s.proposed, s.withdrawn) for s in compilation.sponsors}
    assert rows == {"Co-fac.": (3, 0, 0), "EU": (0, 2, 1), "AG": (0, 2, 0), "CH": (0, 2, 0)}


def test_a_proposal_on_words_an_agreed_change_rewrote_strikes_the_agreed_words():
    base = api.load(BASE)
    changes = parse_amendment_text(
        'sponsor = "Co-fac."\n[[change]]\nop = "substitute"\nat = "OP24"\nfind = "vingtième"\nreplace = "vingt-et-unième"\n', "a.toml"
    ) + parse_amendment_text(
        'sponsor = "Mexique"\ntag = "MX"\nstatus = "proposed"\n[[change]]\nop = "substitute"\nat = "OP24"\n'
        'find = "à sa vingtième session"\nreplace = "à ses vingt-et-unième et vingt-deuxième sessions"\n', "mx.toml"
    )
    text = write_compilation_md(compile_changes(base, changes))
    line = next(x for x in text.splitlines() if x.startswith("24. "))
    assert line.endswith("à ~~sa~~ **ses** vingt-et-unième ~~session~~ **et vingt-deuxième sessions** [MX] ;")


def test_tag_format_is_configurable(tmp_path):
    code, out, err = run_cli(["compile", BASE, EXAMPLE, "-o", str(tmp_path), "--tag-format", "({tag})"])
    assert (code, err) == (0, "")
    text = (tmp_path / "ICC-ASP-19-Res.2.fr.compilation.md").read_text(encoding="utf-8")
    assert "**d'un suspect en janvier 2021** (EU) et" in text and "[Alt 1 (EU)" in text
    code, out, err = run_cli(["compile", BASE, EXAMPLE, "-o", str(tmp_path / "x"), "--tag-format", "[EU]"])
    assert (code, err) == (2, "resodraft: error: --tag-format '[EU]' does not contain {tag} — e.g. --tag-format '[{tag}]' or '({tag})'\n")


def test_a_proposal_that_does_not_fit_the_base_is_an_error_naming_it(tmp_path):
    bad = write(tmp_path, "bad.toml", 'sponsor = "EU"\nstatus = "proposed"\n[[change]]\nop = "substitute"\nat = "OP6"\nfind = "nulle part"\nreplace = "x"\n')
    code, out, err = run_cli(["compile", BASE, bad, "-o", str(tmp_path / "out")])
    assert (code, out) == (2, "")
    assert err == f"resodraft: error: {bad}:6: 'nulle part' is not in OP6 — copy the words exactly as they stand in the base text, without * or ^ markup\n"
    assert not (tmp_path / "out").exists()


def test_compile_writes_the_three_files_and_a_summary(tmp_path):
    code, out, err = run_cli(["compile", BASE, EXAMPLE, "-o", str(tmp_path), "--date", "2021-10-20"])
    assert (code, err) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ICC-ASP-19-Res.2.fr.compilation.docx", "ICC-ASP-19-Res.2.fr.compilation.html", "ICC-ASP-19-Res.2.fr.compilation.md"]
    assert "proposals shown: 6, competing stretches: 1, proposed new paragraphs: 2" in out
    assert any(line.strip("│ ").startswith("Union européenne") and re.search(r"EU\s+│\s+0\s+│\s+2\s+│\s+1", line) for line in out.splitlines())


# --------------------------------------------------------------------------------------------
# Word


def pandoc(path: Path, mode: str, to: str = "plain") -> str:
    return pypandoc.convert_file(str(path), to, format="docx", extra_args=["--wrap=none", f"--track-changes={mode}"])


@pytest.fixture(scope="module")
def word(compilation, tmp_path_factory):
    folder = tmp_path_factory.mktemp("word")
    path = folder / "compilation.docx"
    path.write_bytes(write_compilation_docx(compilation, date="2021-10-20"))
    agreed = folder / "agreed.docx"
    agreed.write_bytes(write_clean_docx(api.apply_files(BASE, [EXAMPLE]).new, typed_numbers=True))  # as the compilation
    return path, agreed


def test_word_revisions_carry_each_sponsor(word):
    marked = pandoc(word[0], "all", "markdown")
    authors = set(re.findall(r'\.(?:insertion|deletion) author="([^"]+)"', marked))
    assert authors == SPONSORS | {"resodraft (compilation)"}
    assert '[essentiel pour l\\\'État Partie]{.deletion author="Union européenne" date="2021-10-12T00:00:00Z"}' in marked


def test_reject_all_gives_the_agreed_text(word):
    assert pandoc(word[0], "reject") == pandoc(word[1], "reject")


def test_each_note_is_a_comment_by_its_sponsor_anchored_on_the_proposal(word):
    with zipfile.ZipFile(word[0]) as zf:
        comments = zf.read("word/comments.xml").decode("utf-8")
        document = zf.read("word/document.xml").decode("utf-8")
        types = zf.read("[Content_Types].xml").decode("utf-8")
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [c.get(w + "author") for c in etree.fromstring(comments.encode())] == ["Union européenne", "Union européenne", "Groupe des États d'Afrique", "Groupe des États d'Afrique"]
    assert "Aligner sur les directives du Bureau du Procureur (PP6)" in comments
    assert 'w:initials="AG"' in comments
    ids = re.findall(r'<w:comment w:id="(\d+)"', comments)
    for cid in ids:
        assert document.count(f'<w:commentRangeStart w:id="{cid}"/>') == 1
        assert document.count(f'<w:commentReference w:id="{cid}"/>') == 1
    assert "/word/comments.xml" in types and "comments.xml" in rels
    assert '.comment-start id="' in pandoc(word[0], "all", "markdown")


def test_openxml_audit_accepts_the_compilation_when_installed(word):
    from conftest import assert_valid_docx  # the suite's openxml-audit check (0 errors)

    assert_valid_docx(word[0])


# --------------------------------------------------------------------------------------------
# HTML (without a browser; tests/test_review_page_browser.py drives Chromium)


def test_the_page_is_self_contained_and_escapes_the_document(tmp_path):
    base = write(tmp_path, "base.md", "L'Assemblée,\n\n1. *Décide* de <b>rester</b> saisie ;\n\n2. *Prie* le Bureau ;\n")
    evil = write(tmp_path, "x.toml", 'sponsor = "<script>alert(1)</script>"\ntag = "X<i>"\nstatus = "proposed"\n'
                 '[[change]]\nop = "substitute"\nat = "OP2"\nfind = "Bureau"\nreplace = "Bureau </p><script>alert(2)</script>"\n'
                 'note = "\\" onmouseover=\\"alert(3)"\n')
    html = write_compilation_html(compile_files(base, [evil]))
    assert "<script>alert" not in html and 'onmouseover="' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "de &lt;b&gt;rester&lt;/b&gt; saisie" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "default-src 'none'" in html and html.count("<script>") == 1


def test_a_plain_diff_page_has_no_sponsor_filter_or_legend(tmp_path):
    target = tmp_path / "diff.html"
    code, out, err = run_cli(["diff", BASE, str(ROOT / "tests/golden/annex1.accepted.md"), "--to", "html", "-o", str(target)])
    assert (code, out, err) == (0, "", "")
    html = target.read_text(encoding="utf-8")
    assert 'id="sponsor-filter"' not in html and "who proposed" not in html and "Changes by sponsor" not in html
    assert 'id="status-filter"' in html and '<kbd>n</kbd>' in html and "Old → new numbers" in html


def test_redline_html_is_the_review_page_with_sponsors(tmp_path):
    code, out, err = run_cli(["redline", BASE, str(ROOT / "drafts/2021/Res.2"), "-o", str(tmp_path), "--html"])
    assert (code, err) == (0, "")
    html = (tmp_path / "ICC-ASP-19-Res.2.fr.redline.html").read_text(encoding="utf-8")
    assert 'name="sponsor" value="s-co-facilitateurs-france-s-n-gal"' in html
    assert "<tr><td>OP22–OP37</td><td>OP23–OP38</td></tr>" in html


# --------------------------------------------------------------------------------------------
# property: agreeing a proposal is the same as having written it agreed


REAL = [c for f in sorted(Path(ROOT, "drafts/2021/Res.2").glob("*.toml")) for c in [f.read_text(encoding="utf-8")]]


def _blocks(text: str) -> tuple[str, list[str]]:
    # real [[change]] headers only: a roll-over file also names them in comments
    head, *changes = re.split(r"(?m)^\[\[change\]\]", text)
    head = head.split("\n[meta]")[0]  # a file's [meta] table is not one of its [[change]]s
    head = "\n".join(line for line in head.splitlines() if not line.startswith(("base =", "status =")))
    return head, ["[[change]]" + c for c in changes]


HEADS_AND_CHANGES = [_blocks(t) for t in REAL]
POOL = [(k, j) for k, (_, cs) in enumerate(HEADS_AND_CHANGES) for j in range(len(cs))]


def _files(statuses: dict[tuple[int, int], str | None]) -> list:
    changes = []
    for k, (head, blocks) in enumerate(HEADS_AND_CHANGES):
        kept = []
        for j, block in enumerate(blocks):
            if (k, j) not in statuses:
                continue
            status = statuses[(k, j)]
            kept.append(block.replace("[[change]]", "[[change]]" + (f'\nstatus = "{status}"' if status else ""), 1))
        if kept:
            changes += parse_amendment_text(head + "\n" + "\n".join(kept), f"f{k}.toml")
    return changes


@settings(max_examples=10, deadline=None)
@given(st.dictionaries(st.sampled_from(POOL), st.sampled_from(["proposed", "withdrawn", None]), min_size=1), st.data())
def test_marking_a_proposal_agreed_gives_the_draft_written_agreed_from_the_start(statuses, data):
    base = api.load(BASE)
    proposed = [key for key, s in statuses.items() if s == "proposed"]
    flip = data.draw(st.sampled_from(proposed)) if proposed else None
    marked = dict(statuses)
    if flip is not None:
        marked[flip] = "agreed"  # the facilitator edits status = "proposed" into "agreed"
    written = {key: None for key, s in marked.items() if s in (None, "agreed")}  # agreed files, no status line
    from resodraft.amend import select
    from resodraft.redline import compare
    from resodraft.writers.redline_md import write_redline_md

    def draft(changes):
        result = api.apply(base, select(changes))
        return api.to_markdown(result.new), write_redline_md(compare(result.base, result.new, by_uid=True, authors=result.authors))

    assert draft(_files(marked)) == draft(_files(written))
    # and the compilation's agreed text is that draft too
    compiled = compile_changes(base, _files(marked))
    agreed = draft(_files(written))[0]
    assert write_compilation_md(compiled).count("[") >= 0 and compiled.meta == api.apply(base, select(_files(written))).new.meta
    assert all(p.status == "agreed" or p.proposal for p in compiled.paragraphs)
    assert _agreed_text(compiled) == agreed


def _agreed_text(compilation) -> str:
    """The compilation with every proposal rejected, as a draft: must be the agreed draft."""
    from resodraft.readers.markdown import read_markdown
    from resodraft.writers.compilation_md import CallNumbers
    from resodraft.writers.docx.compilation import as_redline
    from resodraft.writers.redline_md import write_redline_md  # noqa: F401

    red = as_redline(compilation)
    from resodraft.model import side

    lines = []
    numbers = CallNumbers(compilation)
    from resodraft.writers.markdown import inlines_to_md

    if compilation.formula:
        lines.append(inlines_to_md(compilation.formula))
    for pd in red.paragraphs:
        if pd.old is None:
            continue
        prefix = {"operative": f"{pd.old_number}. " if pd.old_number else "", "subparagraph": f"{pd.old_number}) "}.get(pd.kind, "")
        if pd.kind == "heading":
            prefix = "## "
        text = inlines_to_md(tuple(_renumber(side(pd.ops, "old"), numbers)), at_line_start=not prefix)
        lines.append(prefix + text)
    notes = sorted((n for n in compilation.footnotes if n.proposal is None), key=lambda n: numbers.by_id[n.id])
    for k, n in enumerate(notes, start=1):
        lines.append(f"[^{k}]: {inlines_to_md(n.content, at_line_start=False)}")
    text = "\n\n".join(lines) + "\n"
    head = "\n".join(["---", *(f"{k}: {v}" for k, v in compilation.meta.as_dict().items()), "---", "", ""])
    return api.to_markdown(read_markdown(head + text, "agreed.md"))


def _renumber(content, numbers):
    from resodraft.model import NoteRef

    return [NoteRef(str(numbers.by_id[x.id])) if isinstance(x, NoteRef) else x for x in content]


def test_the_compilation_without_its_proposals_is_the_agreed_draft(compilation):
    agreed = api.to_markdown(api.apply_files(BASE, [EXAMPLE]).new)
    assert _agreed_text(compilation) == agreed
    assert io.StringIO  # keep the import used
