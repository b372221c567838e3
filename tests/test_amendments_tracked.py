"""``resodraft amendments BASE TRACKED.docx``: one amendment file per author of Word's tracked changes.

- **Our own tracked file** (``resodraft redline``, several sponsors, ``resodraft (renumbering)``
  revisions) turns back into amendment files with the same effect as the files it came from:
  the same clean text, the same number of changes, no file for the renumbering.
- **Annex I** through the tracked route (``diff BASE ACCEPTED --to docx``): no more changes than
  the hand-written set plus the roll-over, no ``replace`` where less than half changed.
- **Typography on output** (no-break spaces before ``;``, non-breaking hyphens in symbols) is
  no amendment: a tracked file printed that way gives the same files.
- **Authors, dates, comments**: ``--sponsor "NAME=SPONSOR"`` maps Word user names (two names to
  one sponsor make one file), ``--author`` picks, the date is that of the latest revision, a
  comment becomes the ``note`` of its author's changes in its paragraph (another person's is
  listed for the reviewer, never put in the sponsor's mouth).
- **Dependent changes**: a change inside another sponsor's change goes with it; two sponsors'
  changes to the same words that amendment files cannot combine are refused, naming both.
- **Errors as everywhere** (one line, exit 2, nothing written): a file edited from another
  text (where it first differs), a tracked file given as BASE, ``-o FILE.toml`` or standard
  output for several sponsors, unknown names, a plain ``--sponsor`` for several authors.
"""

from __future__ import annotations

import io
import re
import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli
from docx_samples import footnotes, note, package, p, r, rev
from resodraft import api
from resodraft.amend import load_amendments
from resodraft.derive import REPLACE_SHARE, changed_share
from resodraft.model import iter_labelled
from resodraft.readers.docx import parse_docx
from resodraft.readers.markdown import parse_inline

REPO = Path(__file__).resolve().parent.parent
RES2 = REPO / "drafts/ICC-ASP-19-Res.2.fr.md"
RES6 = REPO / "drafts/ICC-ASP-19-Res.6-coop.fr.md"
ANNEX1 = REPO / "tests/golden/annex1.accepted.md"
COFAC = "Co-facilitateurs (France, Sénégal)"
SECRETARIAT = "Secrétariat (mise à jour technique)"
J, M = "John Smith", "Marie Dupont"


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1636000000")  # 2021-11-04: the header's "Derived on"


def files(folder: Path) -> list[str]:
    return sorted(str(x.relative_to(folder)) for x in folder.rglob("*") if x.is_file()) if folder.exists() else []


def redline(tmp_path: Path, base: Path, amendments: Path) -> Path:
    """Our own tracked file of ``base`` with ``amendments`` (``resodraft redline``)."""
    out = tmp_path / "build"
    code, _, err = run_cli(["redline", str(base), str(amendments), "-o", str(out), "--date", "2021-11-04"])
    assert code == 0, err
    return out / f"{base.stem}.tracked.docx"


def applied(base: Path, *amendments: Path) -> str:
    return api.to_markdown(api.apply_files(str(base), [str(a) for a in amendments]).new)


def count(paths) -> dict[str, int]:
    """Changes per sponsor, a file's [meta] table counting as one, as apply counts them."""
    out: dict[str, int] = {}
    for change in load_amendments([str(x) for x in paths]):
        out[change.sponsor] = out.get(change.sponsor, 0) + (0 if change.op == "meta" else 1)
    return out


def edit_part(data: bytes, name: str, fn) -> bytes:
    """``data`` (a .docx) with part ``name`` rewritten by ``fn(text) -> text``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.namelist():
            part = src.read(item)
            if item == name:
                part = fn(part.decode("utf-8")).encode("utf-8")
            dst.writestr(item, part)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# our own tracked file


@pytest.mark.parametrize("base, hand", [(RES2, REPO / "drafts/2021/Res.2"), (RES6, REPO / "drafts/2021/Res.6-coop")])
def test_our_tracked_file_gives_back_amendments_with_the_same_effect(base, hand, tmp_path):
    tracked = redline(tmp_path, base, hand)
    code, out, err = run_cli(["amendments", str(base), str(tracked), "-o", f"{tmp_path}/derived/"])
    assert (code, out) == (0, ""), err
    derived = sorted((tmp_path / "derived").glob("*.toml"))
    assert applied(base, *derived) == applied(base, hand)
    # the renumbering is a consequence, not an amendment: no file, and said (when the Word
    # writer marks renumbered numbers or references as revisions at all)
    assert "resodraft (renumbering)" not in " ".join(x.read_text(encoding="utf-8") for x in derived)
    renumbered = sum(1 for group in parse_docx(tracked.read_bytes()).changes() if group[0].author == "resodraft (renumbering)")
    note = (f"note: {renumbered} revision{'s' if renumbered != 1 else ''} by resodraft (renumbering) left out: renumbered "
            "paragraphs and references are no amendments (apply renumbers)\n")
    assert (note in err) == bool(renumbered)
    # as many changes as the files it came from, sponsor by sponsor; a revision the Word writer
    # could not attribute (authored by its default, "resodraft") is counted with the others
    theirs, ours = count(sorted(hand.glob("*.toml"))), count(derived)
    assert sum(ours.values()) == sum(theirs.values())
    assert set(ours) - {"resodraft"} == set(theirs)
    assert all(ours[s] <= theirs[s] for s in theirs) and sum(theirs[s] - ours[s] for s in theirs) == ours.get("resodraft", 0)
    # every file is dated and says where it comes from
    for path in derived:
        text = path.read_text(encoding="utf-8")
        assert tomllib.loads(text)["date"].isoformat() == "2021-11-04"
        assert "# Amendments derived by resodraft" in text and "from tracked changes (resodraft amendments)." in text
        assert f"# Tracked file: {tracked} (changes by " in text


def test_the_roll_over_sponsor_gets_its_meta_table_back(tmp_path):
    tracked = redline(tmp_path, RES2, REPO / "drafts/2021/Res.2")
    code, _, err = run_cli(["amendments", str(RES2), str(tracked), "--author", SECRETARIAT, "-o", str(tmp_path / "s.toml")])
    assert code == 0, err
    data = tomllib.loads((tmp_path / "s.toml").read_text(encoding="utf-8"))
    assert data["sponsor"] == SECRETARIAT
    assert data["meta"] == {"symbol": "", "session": 20, "date": "", "adopted": "", "status": "draft"}
    assert [(c["at"], c["find"]) for c in data["change"]] == [
        ("PP1", "ICC-ASP-18/Res.3"), ("OP24", "vingtième"), ("OP33", "vingtième"), ("OP38", "vingtième")]
    assert f"tracked changes by {COFAC} left out (not picked with --author)" in err


def test_output_typography_is_no_amendment(tmp_path):
    """Our tracked file prints French no-break spaces and non-breaking hyphens in symbols
    (``--french-spacing``, default ``narrow``); printed so, with U+00A0 or without, it gives the
    same files."""
    out = {}
    for spacing in ("narrow", "nbsp", "off"):
        build = tmp_path / spacing
        code, _, err = run_cli(["redline", str(RES2), str(REPO / "drafts/2021/Res.2"), "-o", str(build), "--date",
                                "2021-11-04", "--french-spacing", spacing])
        assert code == 0, err
        tracked = build / f"{RES2.stem}.tracked.docx"
        xml = zipfile.ZipFile(tracked).read("word/document.xml").decode("utf-8")
        assert ("\u202f;" in xml, "\u00a0;" in xml, "<w:noBreakHyphen/>" in xml) == (
            spacing == "narrow", spacing == "nbsp", True)
        code, _, err = run_cli(["amendments", str(RES2), str(tracked), "-o", f"{tmp_path}/{spacing}-derived/"])
        assert code == 0, err
        out[spacing] = {x.name: x.read_text(encoding="utf-8").replace(str(tracked), "X")
                        for x in (tmp_path / f"{spacing}-derived").glob("*.toml")}
    assert out["narrow"] == out["nbsp"] == out["off"] and len(out["narrow"]) >= 2


ASP_FR = REPO / "tests/fixtures/asp-fr.md"


def test_a_base_typed_with_no_break_spaces_gets_no_space_change(tmp_path):
    """A BASE typed with narrow no-break spaces before ``;`` (the reader gives ordinary ones
    back from our Word files): the derived file changes words, never a space."""
    assert ASP_FR.read_text(encoding="utf-8").count("\u202f;") >= 5
    hand = tmp_path / "france.toml"
    hand.write_text(
        'sponsor = "France"\ndate = 2021-11-04\n\n'
        '[[change]]\nop = "substitute"\nat = "OP1"\nfind = "effective"\nreplace = "pleine et effective"\n\n'
        '[[change]]\nop = "substitute"\nat = "OP2(a)"\nfind = "simplifier"\nreplace = "simplifier et traduire"\n\n'
        '[[change]]\nop = "insert"\nafter = "OP3"\ntext = "*Prie* le Fonds de faire rapport à l\u2019Assemblée ;"\n',
        encoding="utf-8",
    )
    tracked = redline(tmp_path, ASP_FR, hand)
    assert "\u202f;" in zipfile.ZipFile(tracked).read("word/document.xml").decode("utf-8")
    code, _, err = run_cli(["amendments", str(ASP_FR), str(tracked), "-o", f"{tmp_path}/derived/"])
    assert code == 0, err
    derived = tmp_path / "derived/france.toml"
    assert err == f"3 changes by France (2 substitute, 1 insert) → {derived}\n"
    assert applied(ASP_FR, derived) == applied(ASP_FR, hand)
    for change in load_amendments([str(derived)]):
        if change.op == "substitute":
            assert re.sub(r"\s", " ", change.find) != re.sub(r"\s", " ", change.replace)


# --------------------------------------------------------------------------------------------
# Annex I, through the tracked route


def test_annex_one_as_a_tracked_file_is_no_bigger_than_the_hand_written_set(tmp_path):
    tracked = tmp_path / "annex1.tracked.docx"
    code, _, err = run_cli(["diff", str(RES2), str(ANNEX1), "--to", "docx", "--author", COFAC, "--date", "2021-11-04",
                            "-o", str(tracked)])
    assert code == 0, err
    code, _, err = run_cli(["amendments", str(RES2), str(tracked), "-o", f"{tmp_path}/derived/"])
    assert code == 0, err
    assert files(tmp_path / "derived") == ["co-facilitateurs-france-senegal.toml"]
    derived = tmp_path / "derived/co-facilitateurs-france-senegal.toml"
    changes = load_amendments([str(derived)])
    by_hand = load_amendments([str(REPO / "drafts/2021/Res.2")])
    assert len(changes) <= len(by_hand)  # a [meta] key counts as one change, as amend counts it
    base = api.load(str(RES2))
    for change in changes:
        if change.op == "replace":
            old = next(x.node for x in iter_labelled(base) if x.label == change.at)
            assert changed_share(old.content, parse_inline(change.text)) > REPLACE_SHARE
    assert applied(RES2, derived) == ANNEX1.read_text(encoding="utf-8")
    assert err.endswith(f"13 changes by {COFAC} (11 substitute, 2 insert; [meta] symbol, session, date, adopted, status) → "
                        f"{tmp_path}/derived/co-facilitateurs-france-senegal.toml\n")


# --------------------------------------------------------------------------------------------
# small hand-made Word files: authors, dates, comments, dependent changes

BASE_MD = (
    "---\nlanguage: fr\n---\n\nL'Assemblée des États Parties,\n\n*Rappelant* sa résolution,\n\n"
    "1. *Prie* la Cour de coopérer ;\n\n2. *Décide* de rester saisie de la question.\n"
)
FORMULA = p(r("L'Assemblée des États Parties,"))
PP1 = p(r("Rappelant", i=True), r(" sa résolution,"))


def op1(*inside: str, mark: str = "") -> str:
    return p(r("1.\t"), r("Prie", i=True), r(" la Cour de coopérer"), *inside, r(" ;"), mark=mark)


def op2(*inside: str) -> str:
    return p(r("2.\t"), r("Décide", i=True), r(" de rester saisie de la question"), *inside, r("."))


def comment_range(n: int, para: str) -> str:
    """``para`` (a ``w:p``) commented as a whole: the range opens after its properties and
    closes before its end, where Word puts the reference mark."""
    head = para.index("</w:pPr>") + len("</w:pPr>") if "</w:pPr>" in para else len("<w:p>")
    return (para[:head] + f'<w:commentRangeStart w:id="{n}"/>' + para[head : -len("</w:p>")]
            + f'<w:commentRangeEnd w:id="{n}"/><w:r><w:commentReference w:id="{n}"/></w:r></w:p>')


def comments(*items: tuple[int, str, str]) -> str:
    return "".join(
        f'<w:comment w:id="{n}" w:author="{who}" w:date="2021-11-03T10:00:00Z" w:initials="X">'
        f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:comment>'
        for n, who, text in items
    )


@pytest.fixture
def work(tmp_path):
    (tmp_path / "base.md").write_text(BASE_MD, encoding="utf-8")
    return tmp_path


def write(work: Path, *paras: str, **parts: str) -> str:
    (work / "edited.docx").write_bytes(package("".join(paras), **parts))
    return "edited.docx"


TWO_AUTHORS = (
    FORMULA,
    PP1,
    op1(rev("ins", J, 1, r(" pleinement"), date="2021-11-02T09:00:00Z")),
    op2(rev("ins", M, 2, r(" et de ses suites"), date="2021-11-03T09:00:00Z")),
)


def test_one_file_per_author_named_after_them_dated_by_their_changes(work):
    write(work, *TWO_AUTHORS)
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "-o", "amend/"], cwd=work)
    assert (code, out) == (0, ""), err
    assert err == (
        "1 change by John Smith (1 substitute) → amend/john-smith.toml\n"
        "1 change by Marie Dupont (1 substitute) → amend/marie-dupont.toml\n"
    )
    smith = (work / "amend/john-smith.toml").read_text(encoding="utf-8")
    assert smith == (
        "# Amendments derived by resodraft 0.1.0 from tracked changes (resodraft amendments).\n"
        "# Base text:    base.md\n"
        "# Tracked file: edited.docx (changes by John Smith, dated 2021-11-02)\n"
        "# Derived on 2021-11-04: 1 change (1 substitute).\n"
        "# Every change addresses the labels of the base text; the comment above it quotes the words\n"
        "# it changes. Review them, then: resodraft redline BASE THIS-FILE -o build/\n"
        "\n"
        'base = "../base.md"\n'
        'sponsor = "John Smith"\n'
        "date = 2021-11-02\n"
        "\n"
        "# OP1: « coopérer ; » → « coopérer pleinement ; »\n"
        "[[change]]\n"
        'op = "substitute"\n'
        'at = "OP1"\n'
        'find = "coopérer"\n'
        'replace = "coopérer pleinement"\n'
    )
    assert applied(work / "base.md", work / "amend").endswith(
        "1. *Prie* la Cour de coopérer pleinement ;\n\n2. *Décide* de rester saisie de la question et de ses suites.\n")


def test_a_sponsor_s_date_is_that_of_its_latest_change(work):
    write(work, FORMULA, PP1,
          op1(rev("ins", J, 1, r(" pleinement"), date="2021-10-28T09:00:00Z")),
          op2(rev("ins", J, 2, r(" et de ses suites"), date="2021-11-03T18:30:00Z")))
    code, out, err = run_cli(["amendments", "base.md", "edited.docx"], cwd=work)
    assert code == 0, err
    assert "# Tracked file: edited.docx (changes by John Smith, dated 2021-10-28 to 2021-11-03)\n" in out
    assert "\ndate = 2021-11-03\n" in out
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "--date", "2021-12-01"], cwd=work)
    assert "\ndate = 2021-12-01\n" in out


def test_sponsor_maps_word_user_names_to_delegations(work):
    write(work, *TWO_AUTHORS)
    code, _, err = run_cli(
        ["amendments", "base.md", "edited.docx", "--sponsor", "john smith=France", "--sponsor", f"{M}=Sénégal", "-o", "amend/"],
        cwd=work,
    )
    assert code == 0, err
    assert err == (
        "1 change by France (Word: John Smith) (1 substitute) → amend/france.toml\n"
        "1 change by Sénégal (Word: Marie Dupont) (1 substitute) → amend/senegal.toml\n"
    )
    assert tomllib.loads((work / "amend/france.toml").read_text(encoding="utf-8"))["sponsor"] == "France"


def test_two_word_users_of_one_delegation_make_one_file(work):
    write(work, *TWO_AUTHORS)
    code, out, err = run_cli(
        ["amendments", "base.md", "edited.docx", "--sponsor", f"{J}=France", "--sponsor", f"{M}=France"], cwd=work
    )
    assert code == 0, err
    assert err == "2 changes by France (Word: John Smith, Marie Dupont) (2 substitute) → standard output\n"
    assert "# Tracked file: edited.docx (changes by John Smith, Marie Dupont, dated 2021-11-02 to 2021-11-03)\n" in out
    assert [c["at"] for c in tomllib.loads(out)["change"]] == ["OP1", "OP2"]


def test_a_plain_sponsor_names_the_only_author_and_author_picks_one(work):
    write(work, *TWO_AUTHORS)
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "--author", M, "--sponsor", "Sénégal",
                              "-o", "senegal.toml"], cwd=work)
    assert code == 0, err
    assert err == (
        "note: 1 tracked change by John Smith left out (not picked with --author)\n"
        "1 change by Sénégal (Word: Marie Dupont) (1 substitute) → senegal.toml\n"
    )
    assert [c["at"] for c in tomllib.loads((work / "senegal.toml").read_text(encoding="utf-8"))["change"]] == ["OP2"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "all.toml"],
         "edited.docx holds tracked changes by 2 sponsors (John Smith, Marie Dupont): one file per sponsor, and "
         "all.toml can hold only one — give a folder (-o amendments/) for one file each, or pick one with --author NAME"),
        ([],
         "edited.docx holds tracked changes by 2 sponsors (John Smith, Marie Dupont): one file per sponsor, and "
         "standard output can hold only one — give a folder (-o amendments/) for one file each, or pick one with --author NAME"),
        (["--sponsor", "France", "-o", "amend/"],
         'edited.docx holds tracked changes by 2 authors (John Smith, Marie Dupont): one --sponsor "France" cannot name '
         'them all — map each author to its sponsor (--sponsor "John Smith=France" …), or pick one with --author NAME'),
        (["--sponsor", "Jean Dupont=France", "-o", "amend/"],
         "--sponsor \"Jean Dupont=France\": edited.docx has no tracked change by 'Jean Dupont' — its changes are by "
         "'John Smith', 'Marie Dupont' (the names Word recorded)"),
        (["--author", "Jean Dupont", "-o", "amend/"],
         "--author 'Jean Dupont': edited.docx has no tracked change by 'Jean Dupont' — its changes are by "
         "'John Smith', 'Marie Dupont' (the names Word recorded)"),
        (["--tag", "UE", "-o", "amend/"],
         "--tag names one sponsor, and edited.docx holds tracked changes by 2 — pick one with --author NAME, "
         "or add tag = \"…\" to each file afterwards"),
    ],
)
def test_usage_errors_for_several_authors(work, args, message):
    write(work, *TWO_AUTHORS)
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", *args], cwd=work)
    assert (code, out, err) == (2, "", f"resodraft: error: {message}\n")
    assert files(work) == ["base.md", "edited.docx"]


def test_comments_become_notes_of_their_author_s_changes(work):
    write(
        work, FORMULA, comment_range(9, PP1),
        comment_range(7, op1(rev("ins", J, 1, r(" pleinement")))),
        comment_range(8, op2(rev("ins", M, 2, r(" et de ses suites")))),
        comments=comments((7, J, "Le texte de 2020 était trop faible."), (8, "Jean Dupont", "Voir la note du Bureau."),
                          (9, J, "À revoir l'an prochain.")),
    )
    code, _, err = run_cli(["amendments", "base.md", "edited.docx", "-o", "amend/"], cwd=work)
    assert code == 0, err
    smith = tomllib.loads((work / "amend/john-smith.toml").read_text(encoding="utf-8"))
    assert smith["change"][0]["note"] == "Le texte de 2020 était trop faible."
    dupont_text = (work / "amend/marie-dupont.toml").read_text(encoding="utf-8")
    assert "note" not in tomllib.loads(dupont_text)["change"][0]
    # another person's comment is not put in the sponsor's mouth: the reviewer is told
    remark = "OP2: comment by Jean Dupont, who made no change there: « Voir la note du Bureau. »"
    assert f"# To know when reviewing:\n# - {remark}\n" in dupont_text
    assert err == (
        f"note: Marie Dupont: {remark}\n"
        "note: PP1: comment by John Smith, who made no change there: « À revoir l'an prochain. » (attached to no change)\n"
        "1 change by John Smith (1 substitute; 1 comment as notes) → amend/john-smith.toml\n"
        "1 change by Marie Dupont (1 substitute) → amend/marie-dupont.toml\n"
    )


def test_a_change_inside_another_sponsor_s_change_goes_with_it(work):
    # Marie Dupont deletes words of John Smith's insertion (Word nests the deletion in it)
    write(work, FORMULA, PP1,
          op1(rev("ins", J, 1, r(" pleinement") + rev("del", M, 2, r(" et rapidement", tag="delText")))), op2(""))
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "-o", "amend/"], cwd=work)
    assert (code, out) == (0, ""), err
    remark = ("OP1: Marie Dupont's change inside a change by John Smith goes with it, in John Smith's file "
              "(an amendment file cannot amend another sponsor's proposal)")
    assert err == (
        f"note: John Smith: {remark}\n"
        "1 change by John Smith (1 substitute) → amend/john-smith.toml\n"
        "no change by Marie Dupont: their tracked changes leave the base text as it is; no file written\n"
    )
    assert files(work / "amend") == ["john-smith.toml"]
    assert f"# - {remark}\n" in (work / "amend/john-smith.toml").read_text(encoding="utf-8")


def test_words_typed_right_after_another_sponsor_s_words_go_with_them(work):
    write(work, FORMULA, PP1, op1(rev("ins", J, 1, r(" pleinement")), rev("ins", M, 2, r(" et rapidement"))), op2(""))
    code, out, err = run_cli(["amendments", "base.md", "edited.docx"], cwd=work)
    assert code == 0, err
    assert tomllib.loads(out)["change"] == [
        {"op": "substitute", "at": "OP1", "find": "coopérer", "replace": "coopérer pleinement et rapidement"}]
    assert ("note: John Smith: OP1: Marie Dupont's change next to words John Smith adds goes with it, in John Smith's "
            "file (an amendment file cannot amend another sponsor's proposal)\n") in err


def test_words_added_to_a_paragraph_another_sponsor_adds_go_with_it(work):
    # John Smith adds OP2 (Enter at the end of OP1: Word marks OP1's paragraph mark); Marie
    # Dupont adds a word to it
    new = p(rev("ins", J, 3, r("2.\tEncourage les États à coopérer")), rev("ins", M, 4, r(" pleinement")), rev("ins", J, 5, r(" ;")))
    write(work, FORMULA, PP1, op1(mark=rev("ins", J, 2)), new, op2(""))
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "-o", "amend/"], cwd=work)
    assert code == 0, err
    assert files(work / "amend") == ["john-smith.toml"]
    smith = tomllib.loads((work / "amend/john-smith.toml").read_text(encoding="utf-8"))
    assert smith["change"] == [{"op": "insert", "after": "OP1", "text": "Encourage les États à coopérer pleinement ;"}]
    assert ("note: John Smith: the new paragraph after OP1: Marie Dupont's change in a paragraph John Smith adds goes "
            "with it, in John Smith's file (an amendment file cannot amend another sponsor's proposal)\n") in err


def test_two_sponsors_changing_the_same_words_are_refused_naming_both(work):
    # John Smith deletes "de la question", Marie Dupont adds words right after it (not nested)
    write(work, FORMULA, PP1, op1(),
          p(r("2.\t"), r("Décide", i=True), r(" de rester saisie"), rev("del", J, 1, r(" de la question", tag="delText")),
            rev("ins", M, 2, r(" de ses suites")), r(".")))
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "-o", "amend/"], cwd=work)
    assert (code, out) == (2, "")
    assert err == (
        "resodraft: error: edited.docx: the changes of John Smith and Marie Dupont in OP2 overlap: amendment files "
        "cannot combine them — accept or reject one of them in Word first, or derive one sponsor at a time with --author NAME\n"
    )
    assert files(work) == ["base.md", "edited.docx"]
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "--author", J], cwd=work)
    assert code == 0, err
    assert tomllib.loads(out)["change"] == [{"op": "substitute", "at": "OP2", "find": " de la question", "replace": ""}]


def test_a_footnote_the_base_calls_twice_is_one_footnote_again(work):
    """Word has no footnote called twice: a writer prints two with the same text. A change near
    the second call is a change of words, not a new footnote."""
    (work / "base.md").write_text(BASE_MD.replace("sa résolution,", "sa résolution[^1],").replace(
        "de coopérer ;", "de coopérer[^1] ;") + "\n[^1]: ICC-ASP/19/Res.2.\n", encoding="utf-8")
    write(work, FORMULA, p(r("Rappelant", i=True), r(" sa résolution"), note(1), r(",")),
          p(r("1.\t"), r("Prie", i=True), r(" la Cour de coopérer"), note(2), rev("ins", J, 3, r(" pleinement")), r(" ;")),
          op2(""), footnotes=footnotes("ICC-ASP/19/Res.2.", "ICC-ASP/19/Res.2."))
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "-o", "smith.toml"], cwd=work)
    assert code == 0, err
    changes = tomllib.loads((work / "smith.toml").read_text(encoding="utf-8"))["change"]
    assert changes == [{"op": "substitute", "at": "OP1", "find": " ;", "replace": " pleinement ;"}]
    assert "1. *Prie* la Cour de coopérer[^1] pleinement ;\n" in applied(work / "base.md", work / "smith.toml")


# --------------------------------------------------------------------------------------------
# errors


def test_a_file_edited_from_another_text_is_refused_saying_where(work):
    (work / "other.md").write_text(BASE_MD.replace("de rester saisie", "de demeurer saisie"), encoding="utf-8")
    write(work, *TWO_AUTHORS)
    code, out, err = run_cli(["amendments", "other.md", "edited.docx", "-o", "amend/"], cwd=work)
    assert (code, out) == (2, "")
    assert err == (
        "resodraft: error: edited.docx: this file was edited from another text: with its changes rejected, OP2 reads "
        "« Décide de rester saisie de la … » where other.md has « Décide de demeurer saisie de la … » — give as BASE "
        "the text the changes were made on (the file sent out for comments); to compare the accepted text with this "
        "BASE instead, import it (resodraft import edited.docx --accept-changes -o copy.md) and derive from the copy\n"
    )
    assert files(work) == ["base.md", "edited.docx", "other.md"]


def test_a_file_edited_from_a_longer_text_is_refused_saying_what_it_lacks(work):
    (work / "longer.md").write_text(BASE_MD + "\n3. *Prie* le Bureau de faire rapport.\n", encoding="utf-8")
    write(work, *TWO_AUTHORS)
    code, out, err = run_cli(["amendments", "longer.md", "edited.docx", "-o", "amend/"], cwd=work)
    assert (code, out) == (2, "")
    assert err.startswith(
        "resodraft: error: edited.docx: this file was edited from another text: with its changes rejected, it ends "
        "before longer.md's OP3 « Prie le Bureau de … » — "
    )


def test_a_tracked_file_given_as_base_is_refused_by_the_reader(work):
    write(work, *TWO_AUTHORS)
    code, out, err = run_cli(["amendments", "edited.docx", "base.md", "--sponsor", "France"], cwd=work)
    assert (code, out) == (2, "")
    assert err == (
        "resodraft: error: edited.docx: this Word file holds 2 tracked changes (John Smith: 1, Marie Dupont: 1) — "
        "choose how to read it: resodraft import FILE --accept-changes (all accepted) or --reject-changes (all "
        "rejected), or accept or reject them in Word first\n"
    )


def test_a_word_file_without_tracked_changes_is_an_edited_copy(work):
    write(work, FORMULA, PP1, op1(r(" pleinement")), op2(""))
    code, out, err = run_cli(["amendments", "base.md", "edited.docx"], cwd=work)
    assert (code, out) == (2, "")
    assert err == ('resodraft: error: who proposes these changes? the edited copy does not say — add --sponsor "…" '
                   "(e.g. --sponsor \"France\"): it becomes the author of the tracked changes\n")
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "--sponsor", "France"], cwd=work)
    assert code == 0, err
    assert "# Edited copy: edited.docx\n" in out
    assert tomllib.loads(out)["change"] == [{"op": "substitute", "at": "OP1", "find": "coopérer", "replace": "coopérer pleinement"}]
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "--author", J], cwd=work)
    assert (code, out) == (2, "")
    assert err.startswith("resodraft: error: --author picks whose tracked changes to derive, and edited.docx has none — ")


def test_a_file_whose_only_revisions_are_renumbering_gives_no_file(tmp_path):
    tracked = redline(tmp_path, RES2, REPO / "drafts/2021/Res.2")
    only = tmp_path / "only.tracked.docx"
    data = tracked.read_bytes()
    for part in ("word/document.xml", "word/footnotes.xml"):
        data = edit_part(data, part, lambda xml: re.sub(r'w:author="[^"]*"', 'w:author="resodraft (renumbering)"', xml))
    only.write_bytes(data)
    code, out, err = run_cli(["amendments", str(RES2), str(only), "-o", f"{tmp_path}/derived/"])
    assert (code, out) == (0, "")
    assert err.endswith("no change: the tracked changes of " + str(only) + " leave the base text as it is (numbering aside); no file written\n")
    assert not (tmp_path / "derived").exists()


def test_a_folder_with_the_same_sponsor_file_names_keeps_both(work):
    write(work, *TWO_AUTHORS)
    code, _, err = run_cli(["amendments", "base.md", "edited.docx", "--sponsor", f"{J}=France", "--sponsor", f"{M}=france",
                            "-o", "amend/"], cwd=work)
    assert code == 0, err
    assert files(work / "amend") == ["france-2.toml", "france.toml"]


def test_typography_helper_keeps_base_characters_and_the_words_as_read():
    from resodraft.model import Text
    from resodraft.tracked import transfer_typography

    base = (Text("de la question\u202f; voir ICC\u2011ASP/19/Res.2"),)
    rejected = (Text("de la question ; voir ICC-ASP/19/Res.2"),)
    same = transfer_typography(base, rejected, rejected, lambda side, i: i)
    assert same == base
    edited = (Text("de la grave question ; voir ICC-ASP/19/Res.2 et ICC-ASP/20/Res.1 ;"),)
    got = transfer_typography(base, rejected, edited, lambda side, i: i)
    assert got == (Text("de la grave question\u202f; voir ICC\u2011ASP/19/Res.2 et ICC-ASP/20/Res.1 ;"),)


def test_two_sponsors_new_paragraphs_in_one_place_keep_word_s_order(work):
    # Marie Dupont adds a paragraph after OP1 (Enter at its end), then John Smith types one
    # before OP2 (Enter at its start): both are new paragraphs after OP1 in their own
    # readings; applied together, in whatever order, Marie Dupont's comes first, as in Word
    new_m = p(rev("ins", M, 3, r("2.\tEncourage les États à coopérer ;")))
    new_j = p(rev("ins", J, 4, r("3.\tInvite la Cour à faire rapport ;")), mark=rev("ins", J, 5))
    write(work, FORMULA, PP1, op1(mark=rev("ins", M, 2)), new_m, new_j, op2())
    code, out, err = run_cli(["amendments", "base.md", "edited.docx", "-o", "amend/"], cwd=work)
    assert code == 0, err
    assert files(work / "amend") == ["john-smith.toml", "marie-dupont.toml"]
    want = ("1. *Prie* la Cour de coopérer ;\n\n2. Encourage les États à coopérer ;\n\n"
            "3. Invite la Cour à faire rapport ;\n\n4. *Décide* de rester saisie de la question.\n")
    smith, dupont = work / "amend/john-smith.toml", work / "amend/marie-dupont.toml"
    assert applied(work / "base.md", work / "amend").endswith(want)
    assert applied(work / "base.md", smith, dupont).endswith(want)
    assert applied(work / "base.md", dupont, smith).endswith(want)
