"""``resodraft rollover``: each rule finds its case and leaves its near miss alone, in French and
English; the bundled drafts' committed roll-over files are what the command writes; Annex I
and a General Assembly text roll over as a drafter would (issue 11)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import run_cli
from resodraft import api
from resodraft.amend import parse_amendment_text
from resodraft.check import check_text
from resodraft.errors import UsageError
from resodraft.model import iter_labelled, plain_text
from resodraft.readers.markdown import read_markdown
from resodraft.rollover import rollover, to_toml
from resodraft.sessions import next_ordinal, ordinal_value, ordinal_words

ROOT = Path(__file__).resolve().parents[1]
RES2 = "drafts/ICC-ASP-19-Res.2.fr.md"
RES6 = "drafts/ICC-ASP-19-Res.6-coop.fr.md"
GA = "tests/fixtures/rollover/ga-icc.en.md"

ASP_FRONT = "symbol: ICC-ASP/19/Res.4\ntitle: Résolution sur les victimes\nlanguage: fr\nsession: 19\ndate: 2020-12-16"
GA_FRONT = (
    "symbol: A/RES/80/12\ntitle: Report of the Court\nlanguage: en\nsession: 80\ndate: 2025-11-12\n"
    "adopted: Resolution adopted by the General Assembly on 11 November 2025"
)


def draft(front: str, *blocks: str) -> str:
    general = "symbol: A/" in front or "language: en" in front
    formula = {(True, "fr"): "L'Assemblée générale,", (True, "en"): "The General Assembly,", (False, "fr"): "L'Assemblée des États Parties,"}[
        (general, "fr" if "language: fr" in front else "en")
    ]
    return f"---\n{front}\n---\n\n{formula}\n\n" + "\n\n".join(blocks) + "\n"


def proposals(front: str, *blocks: str, **kw) -> list[tuple[str, str, str | None, bool]]:
    """``(rule, find, replace, applied)`` of the roll-over of a small draft."""
    r = rollover(read_markdown(draft(front, *blocks), "d.md"), **kw)
    return [(p.rule, p.find, p.replace, p.applied) for p in r.proposals]


def applied(front: str, *blocks: str) -> list[tuple[str, str, str | None]]:
    return [(rule, find, new) for rule, find, new, done in proposals(front, *blocks) if done]


# --------------------------------------------------------------------------------------------
# ordinals


def test_ordinals_in_words_up_to_the_hundreds():
    assert [ordinal_words(n, "fr") for n in (20, 21, 71, 80, 81, 91, 101)] == [
        "vingtième", "vingt-et-unième", "soixante-et-onzième", "quatre-vingtième", "quatre-vingt-unième",
        "quatre-vingt-onzième", "cent-unième",
    ]
    assert [ordinal_words(n, "en") for n in (21, 80, 81, 82, 100, 101)] == [
        "twenty-first", "eightieth", "eighty-first", "eighty-second", "one hundredth", "one hundred and first",
    ]
    assert next_ordinal("vingt et unième", 21, 22, "fr") == "vingt-deuxième"
    assert next_ordinal("trentième", 30, 31, "fr") == "trente-et-unième"
    assert next_ordinal("Vingtième", 20, 21, "fr") == "Vingt-et-unième"
    assert next_ordinal("20e", 20, 21, "fr") == "21e" and next_ordinal("81st", 81, 82, "en") == "82nd"
    assert next_ordinal("12th", 12, 13, "en") == "13th" and next_ordinal("22nd", 22, 23, "en") == "23rd"


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["fr", "fr-spaced", "en"]))
def test_every_ordinal_written_reads_back(n, style):
    text = ordinal_words(n, style[:2], spaced=style.endswith("spaced"))
    assert ordinal_value(re.split(r"[\s-]+", text)) == n


# --------------------------------------------------------------------------------------------
# rule "session"


def test_session_rule_french_moves_the_assemblys_later_sessions_only():
    found = applied(
        ASP_FRONT,
        "*Rappelant* le rapport présenté à l'Assemblée à sa dix-huitième session,",
        "1. *Prie* le Bureau de faire rapport à l'Assemblée à sa vingtième session ;",
        "2. *Prie* le Conseil de direction de lui présenter, à sa 20^e session, un rapport ;",
        "3. *Prend note* de la vingtième session de l'Assemblée générale des Nations Unies ;",
        "4. *Décide* de poursuivre l'examen de la question à sa dix-neuvième session.",
    )
    assert found == [
        ("session", "vingtième session", "vingt-et-unième session"),
        ("session", "20e session", "21^e session"),
    ]


def test_session_rule_english_leaves_other_bodies_and_past_sessions():
    found = applied(
        GA_FRONT,
        "*Recalling* the report submitted to the General Assembly at its seventy-ninth session,",
        "1. *Requests* the Secretary-General to report to the General Assembly at its eighty-first session;",
        "2. *Notes* the decision of the Assembly of States Parties at its twenty-third session to hold its twenty-fourth session in The Hague, and looks forward to the twenty-fifth session;",
        "3. *Invites* the Human Rights Council to consider the question at its eighty-first session;",
        "4. *Decides* to include in the provisional agenda of its 81st session the item entitled \"Report of the Court\".",
    )
    assert found == [
        ("session", "eighty-first session", "eighty-second session"),
        ("session", "81st session", "82nd session"),
    ]


def test_session_rule_knows_whose_session_a_decided_infinitive_or_a_purpose_names():
    found = applied(
        GA_FRONT,
        "1. *Decides* to convene a joint panel of the First Committee and the Fourth Committee, and to include in the provisional agenda of its eighty-first session the sub-item;",
        "2. *Requests* a report, taking into account the work of the Conference on Disarmament, with a view to taking a decision at its eighty-third session;",
        "3. *Invites* the Conference on Disarmament to report on its work at its eighty-third session.",
    )
    assert found == [
        ("session", "eighty-first session", "eighty-second session"),
        ("session", "eighty-third session", "eighty-fourth session"),
    ]


def test_a_current_session_looked_forward_to_is_only_suggested():
    assert proposals(GA_FRONT, "1. *Decides* that the arrangements shall apply until the end of its eightieth session.") == [
        ("current-session", "eightieth session", "eighty-first session", False)
    ]
    # near miss: the same session in the past
    assert proposals(GA_FRONT, "1. *Recalls* the decision adopted at its eightieth session.") == []


# --------------------------------------------------------------------------------------------
# rule "recalled"


def test_recalled_asp_chain_gains_the_base_before_its_conjunction():
    assert applied(ASP_FRONT, "*Rappelant* ses résolutions ICC-ASP/16/Res.2, ICC-ASP/17/Res.3 et ICC-ASP/18/Res.3,", "1. *Décide* x.") == [
        ("recalled", "ICC-ASP/17/Res.3 et ICC-ASP/18/Res.3", "ICC-ASP/17/Res.3, ICC-ASP/18/Res.3 et ICC-ASP/19/Res.4"),
    ]


def test_recalled_chain_near_misses():
    # a chain that stops two sessions back (not this series' stride), a single citation in a
    # footnote, the base already cited: nothing
    assert applied(ASP_FRONT, "*Rappelant* ses résolutions ICC-ASP/15/Res.2, ICC-ASP/16/Res.2 et ICC-ASP/17/Res.3,", "1. *Décide* x.") == []
    assert applied(ASP_FRONT, "*Saluant* le rapport[^1],", "1. *Décide* x.", "[^1]: Résolution ICC-ASP/18/Res.7, adoptée le 6 décembre 2019.") == []
    assert applied(ASP_FRONT, "*Rappelant* ses résolutions ICC-ASP/17/Res.3, ICC-ASP/18/Res.3 et ICC-ASP/19/Res.4,", "1. *Décide* x.") == []


def test_recalled_general_assembly_resolution_is_replaced_by_the_base_and_its_date():
    assert applied(GA_FRONT, "*Recalling* its resolution 79/6 of 29 October 2024 and all its previous relevant resolutions,", "1. *Decides* x.") == [
        ("recalled", "79/6 of 29 October 2024", "80/12 of 11 November 2025"),
    ]
    fr = GA_FRONT.replace("language: en", "language: fr").replace(
        "Resolution adopted by the General Assembly on 11 November 2025", "Résolution adoptée par l'Assemblée générale le 11 novembre 2025")
    assert applied(fr, "*Rappelant* sa résolution 79/6 du 29 octobre 2024 et toutes ses résolutions antérieures,", "1. *Décide* x.") == [
        ("recalled", "79/6 du 29 octobre 2024", "80/12 du 11 novembre 2025"),
    ]


def test_recalled_general_assembly_biennial_chain():
    assert applied(GA_FRONT, "*Recalling* its resolutions 74/64 of 12 December 2019, 76/45 of 6 December 2021 and 78/31 of 4 December 2023,", "1. *Decides* x.") == [
        ("recalled", "76/45 of 6 December 2021 and 78/31 of 4 December 2023",
         "76/45 of 6 December 2021, 78/31 of 4 December 2023 and 80/12 of 11 November 2025"),
    ]


def test_recalled_general_assembly_near_misses():
    # what resolution 79/8 said, a recall of another series' resolution: never changed
    assert proposals(GA_FRONT, "*Noting*  x,", "*Recalling that*, in its resolution 79/8, it supported sport,", "1. *Decides* x.") == []
    assert proposals(GA_FRONT, "*Noting* x,", "*Recalling* its resolution 79/57 of 2 December 2024, in which it reaffirmed the role of women,", "1. *Decides* x.") == []
    # a later paragraph recalling a resolution of the previous session without "previous": suggested only
    found = proposals(GA_FRONT, "*Noting* x,", "*Recalling* its resolution 79/31 of 2 December 2024,", "1. *Decides* x.")
    assert found == [("recalled", "79/31 of 2 December 2024", "80/12 of 11 November 2025", False)]


# --------------------------------------------------------------------------------------------
# [meta], sponsor, session


def test_meta_makes_a_draft_of_the_next_session_and_the_sponsor_follows_the_language():
    r = rollover(read_markdown(draft(ASP_FRONT, "1. *Décide* x."), "d.md"))
    assert (r.meta, r.sponsor) == ({"status": "draft", "session": 20, "symbol": "", "date": ""}, "Secrétariat (mise à jour technique)")
    r = rollover(read_markdown(draft(GA_FRONT, "1. *Decides* x."), "d.md"), sponsor="Mexico")
    assert r.meta == {"status": "draft", "session": 81, "symbol": "", "adopted": "", "date": ""} and r.sponsor == "Mexico"
    r = rollover(read_markdown(draft("language: en", "1. *Decides* x."), "d.md"), session=80)
    assert (r.meta, r.sponsor, r.session_source) == ({"status": "draft", "session": 81}, "Secretariat (technical update)", "--session")


def test_the_session_comes_from_the_front_matter_the_symbol_or_the_option(tmp_path):
    r = rollover(read_markdown(draft("symbol: A/RES/80/6\nlanguage: en", "1. *Decides* x."), "d.md"))
    assert (r.session, r.session_source) == (80, "symbol A/RES/80/6")
    path = tmp_path / "d.md"
    path.write_text(draft("language: en", "1. *Decides* x."), encoding="utf-8")
    code, out, err = run_cli(["rollover", str(path)])
    assert (code, out) == (2, "")
    assert err == (
        "resodraft: error: cannot tell which session adopted the base text: its front matter has no 'session' and its "
        "symbol none — give --session N (the session that adopted it), or add 'session: N' to its front matter\n"
    )
    code, out, _ = run_cli(["rollover", str(path), "--session", "80"])
    assert code == 0 and "[meta]\nstatus = \"draft\"\nsession = 81\n" in out


# --------------------------------------------------------------------------------------------
# suggestions (commented out)


def test_suggestions_for_periods_years_counts_and_dates_with_near_misses():
    found = proposals(
        ASP_FRONT,
        "*Rappelant* le rapport sur la période 2019/20 et le document ICC-ASP/19/20,",
        "1. *Prend note* du 7^e séminaire et de la 9^e réunion plénière, en 2021 comme en 2007 ;",
        "2. *Salue* la réunion du 5 octobre 2020 et celle du 7 novembre 2018 ;",
        "3. *Rappelle* « les questions suivantes en 2020 ».",
    )
    assert found == [
        ("reporting-period", "2019/20", "2020/21", False),
        ("count", "7e séminaire", "8^e séminaire", False),
        ("year", "en 2021", "en 2022", False),
        ("date", "5 octobre 2020", None, False),
    ]


def test_suggestions_in_english_with_near_misses():
    found = proposals(
        GA_FRONT,
        "*Welcoming* the report for 2024/25 and the figures for 2023/25 in document A/80/25,",
        "1. *Welcomes* the third workshop held in 2025 and the one held in 2019, on 3 March 2025;",
        "2. *Recalls* the statement \"to be reviewed in 2026\".",
    )
    assert found == [
        ("reporting-period", "2024/25", "2025/26", False),
        ("count", "third workshop", "fourth workshop", False),
        ("year", "in 2025", "in 2026", False),
        ("date", "3 March 2025", None, False),
    ]


def test_uncommented_suggestions_are_valid_changes():
    base = api.load(RES2)
    text = to_toml(rollover(base), command="x")
    uncommented = re.sub(r"(?m)^# ((?:\[\[change\]\]|op|at|find|replace|occurrence|note) .*|\[\[change\]\])$", r"\1", text)
    changes = parse_amendment_text(uncommented, "r.toml")
    assert len(changes) > len(parse_amendment_text(text, "r.toml"))
    api.apply(base, changes)  # every suggestion applies to the base


# --------------------------------------------------------------------------------------------
# the bundled drafts: Annex I, Annex II


def _routine(path: str, **kw):
    text, result = api.rollover_file(path, **kw)
    return text, result


def test_annex_one_rolls_over_exactly_as_the_co_facilitators_did():
    text, r = _routine(RES2)
    assert [(p.rule, p.at, p.find, p.replace) for p in r.applied] == [
        ("recalled", "PP1", "ICC-ASP-18/Res.3", "ICC-ASP-18/Res.3, ICC-ASP/19/Res.2"),
        ("session", "OP24", "vingtième session", "vingt-et-unième session"),
        ("session", "OP33", "vingtième session", "vingt-et-unième session"),
        ("session", "OP38", "vingtième session", "vingt-et-unième session"),
    ]
    assert r.meta == {"status": "draft", "session": 20, "symbol": "", "adopted": "", "date": ""}
    # every applied change is one the co-facilitators made: the paragraphs it touches read, once
    # rolled over, as Annex I prints them (OP33 is also amended by hand; OP24, OP38 are not)
    result = api.apply(api.load(RES2), parse_amendment_text(text, "r.toml"))
    golden = read_markdown((ROOT / "tests/golden/annex1.accepted.md").read_text(encoding="utf-8"), "annex1")
    new = {x.label: plain_text(x.node.content) for x in iter_labelled(result.new)}
    accepted = {x.label: plain_text(x.node.content) for x in iter_labelled(golden)}
    assert new["PP1"] == accepted["PP1"] and new["OP24"] == accepted["OP25"] and new["OP38"] == accepted["OP40"]
    assert "à sa vingt-et-unième session" in new["OP33"] and "à sa vingt-et-unième session ;" in accepted["OP34"]


def test_the_2021_seed_differs_from_the_reproduction_by_the_corrected_symbol_only():
    """drafts/README.md, 'One correction': the seed's PP1 (marks accepted) is the golden's PP1
    with ICC-ASP/19/Res.2 written as the seed's typo ICC-ASP-19/Res.2."""
    seed = api.load(str(ROOT / "tests/fixtures/seed-annex1.md"))
    pp1 = next(x.node for x in iter_labelled(seed) if x.label == "PP1")
    accepted = "".join(t.text for t in pp1.content if "s" not in getattr(t, "marks", ()))
    golden = api.load(str(ROOT / "tests/golden/annex1.accepted.md"))
    golden_pp1 = plain_text(next(x.node for x in iter_labelled(golden) if x.label == "PP1").content)
    assert accepted.count("ICC-ASP-19/Res.2") == 1 and golden_pp1.count("ICC-ASP/19/Res.2") == 1
    assert accepted == golden_pp1.replace("ICC-ASP/19/Res.2", "ICC-ASP-19/Res.2")
    assert "ICC-ASP-19/Res.2" not in (ROOT / "tests/golden/annex1.accepted.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("base", "folder"),
    [(RES2, "drafts/2021/Res.2"), (RES6, "drafts/2021/Res.6-coop")],
)
def test_the_committed_roll_over_files_are_what_the_command_writes(base, folder, monkeypatch):
    monkeypatch.chdir(ROOT)
    output = f"{folder}/00-rollover.toml"
    text, _ = api.rollover_file(base, with_paths=[folder], output=output)
    assert (ROOT / output).read_text(encoding="utf-8") == text, (
        f"regenerate it: resodraft rollover {base} --with {folder} -o {output}"
    )
    assert text.splitlines()[1] == f"# Commande : resodraft rollover {base} --with {folder} -o {output}"


def test_annex_two_leaves_out_the_session_of_the_deleted_passage(monkeypatch):
    monkeypatch.chdir(ROOT)
    text, r = api.rollover_file(RES6, with_paths=["drafts/2021/Res.6-coop"], output="drafts/2021/Res.6-coop/00-rollover.toml")
    assert [(p.at, p.find) for p in r.applied] == [("B.OP1(b)", "vingtième session")]
    left = [p for p in r.proposals if p.at == "B.OP1(h)"]
    assert [(p.applied, p.reason) for p in left] == [
        (False, "laissé de côté : 03-mandats.toml:20 (substitute B.OP1(h)) modifie déjà ce texte")
    ]
    # without --with the roll-over would move it on, and conflict with the deletion
    _, alone = api.rollover_file(RES6)
    assert [p.at for p in alone.applied] == ["B.OP1(b)", "B.OP1(h)"]


def test_the_2021_drafts_word_files_carry_a_draft_masthead(tmp_path):
    import html
    import io
    import zipfile

    job = api.redline_job(RES2, ["drafts/2021/Res.2"], str(tmp_path), word=True)
    for name in ("clean", "redline", "tracked"):
        data = job.files[str(tmp_path / f"ICC-ASP-19-Res.2.fr.{name}.docx")]
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml").decode("utf-8")
        first = re.findall(r"<w:p>.*?</w:p>", xml)[:3]
        # a document symbol's hyphens are Word non-breaking hyphens (<w:noBreakHyphen/>)
        shown = [html.unescape("".join(m.group(1) if m.group(1) is not None else "-" for m in
                                       re.finditer(r"<w:(?:t|delText)[^>]*>([^<]*)<|<w:noBreakHyphen/>", p)))
                 for p in first]
        if name == "clean":
            assert shown == ["Assemblée des États Parties, vingtième session", "Projet de résolution sur la coopération", "L'Assemblée des États Parties,"]
        else:
            assert shown[0] == "Résolution ICC-ASP/19/Res.2" and shown[1] == "Assemblée des États Parties, vingtième session"
    tracked = job.files[str(tmp_path / "ICC-ASP-19-Res.2.fr.tracked.docx")]
    with zipfile.ZipFile(io.BytesIO(tracked)) as zf:
        head = re.findall(r"<w:p>.*?</w:p>", zf.read("word/document.xml").decode("utf-8"))[0]
    assert 'w:author="Secrétariat (mise à jour technique)"' in head


# --------------------------------------------------------------------------------------------
# a General Assembly resolution


def test_general_assembly_text_rolls_over_and_passes_check_with_the_next_session(tmp_path):
    text, r = api.rollover_file(GA)
    assert [(p.rule, p.at, p.find, p.replace) for p in r.applied] == [
        ("recalled", "PP1", "79/6 of 29 October 2024", "80/6 of 11 November 2025"),
        ("session", "OP2", "eighty-first session", "eighty-second session"),
        ("session", "OP3", "eighty-first session", "eighty-second session"),
        ("session", "OP8", "eighty-first session", "eighty-second session"),
    ]
    assert [(p.rule, p.find, p.replace) for p in r.suggested] == [
        ("reporting-period", "2024/25", "2025/26"), ("date", "17 December 2026", None), ("reporting-period", "2025/26", "2026/27"),
    ]
    result = api.apply(api.load(GA), parse_amendment_text(text, "r.toml"))
    new = api.to_markdown(result.new)
    # the Assembly of States Parties' sessions are untouched
    for phrase in ("at the fourteenth, sixteenth and eighteenth sessions", "at its eighteenth session", "at its twenty-third session",
                   "to hold its twenty-fourth session", "the twenty-fifth session"):
        assert phrase in new
    assert new.startswith("---\ntitle: Report of the International Criminal Court\nlanguage: en\nsession: 81\nstatus: draft\n---\n")
    assert [f for f in check_text(new, "new.md") if f.rule == "session-ordinal"] == []
    # near miss: the base itself, checked as if it were next year's draft, has the three stale sessions
    stale = (ROOT / GA).read_text(encoding="utf-8").replace("session: 80", "session: 81")
    lines = [n for n, line in enumerate(stale.split("\n"), start=1) if "eighty-first session" in line]
    assert len(lines) == 3
    assert [f.line for f in check_text(stale, "stale.md") if f.rule == "session-ordinal"] == lines


# --------------------------------------------------------------------------------------------
# the command


def test_rollover_writes_a_deterministic_file_that_names_its_base(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "sub" / "r.toml"
    code, stdout, err = run_cli(["rollover", RES2, "-o", str(out)])
    assert (code, stdout) == (0, "")
    assert err == f"wrote {out}: a draft of session 20 (19 read from front matter); 4 changes, 5 suggestions to review\n"
    first = out.read_text(encoding="utf-8")
    assert first.startswith("# resodraft rollover : mise à jour technique de ICC-ASP/19/Res.2 (19e session), projet pour la 20e session\n")
    base_line = next(line for line in first.splitlines() if line.startswith("base = "))
    assert (out.parent / base_line[8:-1]).resolve() == (ROOT / RES2).resolve()
    code, _, _ = run_cli(["rollover", RES2, "-o", str(out)])
    assert out.read_text(encoding="utf-8") == first
    code, stdout, _ = run_cli(["rollover", RES2])
    assert code == 0 and "\nbase = " not in stdout and stdout.startswith("# resodraft rollover")
    # the file is an ordinary amendment file: it applies, with the others
    code, new, err = run_cli(["apply", RES2, str(out)])
    assert code == 0 and "session: 20\nstatus: draft" in new


def test_rollover_refuses_to_write_over_its_base(tmp_path):
    base = tmp_path / "b.md"
    base.write_text(draft(ASP_FRONT, "1. *Décide* x."), encoding="utf-8")
    code, _, err = run_cli(["rollover", str(base), "-o", str(base)])
    assert code == 2 and "refusing to write over an input file" in err
    assert base.read_text(encoding="utf-8") == draft(ASP_FRONT, "1. *Décide* x.")


def test_rollover_with_files_for_another_base_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, _, err = run_cli(["rollover", RES6, "--with", "drafts/2021/Res.2/02-paragraphes.toml"])
    assert code == 2
    assert err.startswith("resodraft: error: drafts/2021/Res.2/02-paragraphes.toml:3: this file amends ../../ICC-ASP-19-Res.2.fr.md")


def test_no_session_error_is_a_usage_error():
    with pytest.raises(UsageError):
        rollover(read_markdown(textwrap.dedent("1. *Décide* x.\n"), "d.md"))


def test_a_rollover_file_moved_to_another_folder_names_both_files(tmp_path, monkeypatch):
    """Written next to its base, then moved into an amendment folder: its `base = "b.md"` now
    names a b.md in that folder. The message tells the two apart and gives the line to write."""
    monkeypatch.chdir(tmp_path)
    Path("b.md").write_text(draft(ASP_FRONT, "1. *Décide* de poursuivre à sa vingtième session."), encoding="utf-8")
    code, _, err = run_cli(["rollover", "b.md", "-o", "r.toml"])
    assert code == 0, err
    assert '\nbase = "b.md"\n' in Path("r.toml").read_text(encoding="utf-8")
    Path("2021").mkdir()
    Path("r.toml").rename("2021/00-rollover.toml")
    code, _, err = run_cli(["redline", "b.md", "2021", "-o", "out"])
    assert code == 2
    line = re.search(r'(?m)^base = "b.md"$', Path("2021/00-rollover.toml").read_text(encoding="utf-8"))
    number = Path("2021/00-rollover.toml").read_text(encoding="utf-8")[: line.start()].count("\n") + 1
    here = tmp_path.resolve()
    assert err == (
        f"resodraft: error: 2021/00-rollover.toml:{number}: this file amends {here / '2021' / 'b.md'} "
        f"(its 'base' line is read from the file's own folder), not {here / 'b.md'} — "
        'if b.md is the text it was written for, change its line to base = "../b.md"\n'
    )
    assert not Path("out").exists()
    # doing what it says works
    moved = Path("2021/00-rollover.toml")
    moved.write_text(moved.read_text(encoding="utf-8").replace('base = "b.md"', 'base = "../b.md"'), encoding="utf-8")
    code, _, err = run_cli(["redline", "b.md", "2021", "-o", "out"])
    assert code == 0, err


def test_next_years_draft_keeps_none_of_the_bases_document_keys(tmp_path, monkeypatch):
    """A base imported from a PDF carries its masthead (issued, meeting, committee …) and the
    extraction's record: the draft of the next session keeps its title, language and the
    drafter's own keys, and says in the file why each other key goes."""
    monkeypatch.chdir(tmp_path)
    front = (
        GA_FRONT + "\nrecord_id: 4093218\nsource_pdf: https://digitallibrary.un.org/record/4093218/files/A_RES_80_12-EN.pdf\n"
        "distribution: General\nissued: 2025-11-12\nagenda_item: 74\n"
        "committee: without reference to a Main Committee (A/80/L.9)\nmeeting: 35th plenary meeting 11 November 2025\n"
        "facilitator: Costa Rica"
    )
    Path("b.md").write_text(draft(front, "1. *Decides* to remain seized of the matter."), encoding="utf-8")
    Path("2026").mkdir()
    code, _, err = run_cli(["rollover", "b.md", "-o", "2026/00-rollover.toml"])
    assert code == 0, err
    toml = Path("2026/00-rollover.toml").read_text(encoding="utf-8")
    assert "# - [meta]: the text becomes a draft of session 81; the base resolution's symbol, adoption line, date, distribution, issue date, agenda item, committee line, meeting and document record (record_id, source_pdf) are removed.\n" in toml
    assert (
        '[meta]\nstatus = "draft"\nsession = 81\n'
        'symbol = ""  # removed: a draft has no resolution symbol (give its L. document symbol when issued)\n'
        'adopted = ""  # removed: the draft is not adopted yet\n'
        'date = ""  # removed: the base resolution\'s date is not the draft\'s\n'
        'distribution = ""  # removed: the distribution of the base resolution\'s document\n'
        'issued = ""  # removed: the date the base resolution was issued\n'
        'agenda_item = ""  # removed: the next session\'s agenda numbers its items anew\n'
        'committee = ""  # removed: the base resolution\'s committee line (its L. document or report)\n'
        'meeting = ""  # removed: the meeting that adopted the base resolution\n'
        'record_id = ""  # removed: it describes the base resolution\'s document, not the draft\n'
        'source_pdf = ""  # removed: it describes the base resolution\'s document, not the draft\n'
    ) in toml
    code, _, err = run_cli(["redline", "b.md", "2026", "-o", "out"])
    assert code == 0, err
    assert Path("out/b.clean.md").read_text(encoding="utf-8").startswith(
        "---\ntitle: Report of the Court\nlanguage: en\nsession: 81\nstatus: draft\nfacilitator: Costa Rica\n---\n"
    )
    code, out, _ = run_cli(["check", "2026"])
    assert code == 0, out
