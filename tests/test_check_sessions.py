"""The ``session-ordinal`` rule knows whose session an ordinal is (issue 11): each case reports
its true positive and leaves its near miss alone, in French and in English."""

from __future__ import annotations

import pytest

from resodraft.check import check_text
from resodraft.sessions import mentions

ASP = "L'Assemblée des États Parties,"
GA_EN = "The General Assembly,"
GA_FR = "L'Assemblée générale,"


def flagged(front: str, formula: str, *blocks: str) -> list[tuple[int, str]]:
    """``(line, message)`` of the session-ordinal findings of a small draft."""
    text = f"---\n{front}\n---\n\n{formula}\n\n" + "\n\n".join(blocks) + "\n"
    return [(f.line, f.message) for f in check_text(text, "d.md") if f.rule == "session-ordinal"]


def lines(found: list[tuple[int, str]]) -> list[int]:
    return [line for line, _ in found]


FR20 = "language: fr\nsession: 20"
EN81 = "language: en\nsession: 81"


CASES = [
        # (front matter, formula, a draft paragraph with one stale session, its near miss)
        # the own assembly's session in a request: stale when it is not after the draft's
        (FR20, ASP, "1. *Prie* la Cour de faire rapport à l'Assemblée à sa vingtième session ;",
         "1. *Prie* la Cour de faire rapport à l'Assemblée à sa vingt-et-unième session ;"),
        (EN81, GA_EN, "1. *Requests* the Secretary-General to report to the General Assembly at its eighty-first session;",
         "1. *Requests* the Secretary-General to report to the General Assembly at its eighty-second session;"),
        # forward-looking passives and verbs the old rule missed
        (EN81, GA_EN, "1. *Requests* information in a report to be submitted to the General Assembly at its eighty-first session;",
         "1. *Recalls* the report submitted to the General Assembly at its eighty-first session;"),
        (EN81, GA_EN, "1. *Stresses* the need for the Secretary-General to continue to inform the General Assembly at its eighty-first session of the expenses;",
         "1. *Recalls* that the Secretary-General informed the General Assembly since its eighty-first session of the expenses;"),
        (EN81, GA_EN, "1. *Invites* the Court to submit a report, for consideration by the General Assembly at its eighty-first session.",
         "1. *Invites* the Court to submit a report, for consideration by the General Assembly at its eighty-second session."),
        (FR20, ASP, "1. *Prie* le Bureau de soumettre, à sa vingtième session, un rapport ;",
         "1. *Rappelle* le rapport soumis à l'Assemblée, à sa vingtième session ;"),
        # the agenda of the next session
        (EN81, GA_EN, "1. *Decides* to include in the provisional agenda of its eighty-first session the item entitled \"X\".",
         "1. *Decides* to include in the provisional agenda of its eighty-second session the item entitled \"X\"."),
        (FR20, ASP, "1. *Décide* d'inscrire la question à l'ordre du jour provisoire de sa vingtième session.",
         "1. *Décide* d'inscrire la question à l'ordre du jour provisoire de sa vingt-et-unième session."),
        # other bodies' sessions are theirs
        (EN81, GA_EN, "1. *Looks forward* to the report to the General Assembly at its eighty-first session;",
         "1. *Notes* the decision of the Assembly of States Parties at its twenty-third session to hold its twenty-fourth session in The Hague, and looks forward to the twenty-fifth session;"),
        (EN81, GA_EN, "1. *Welcomes* the work of the Committee on Contributions, and decides to include in the provisional agenda of its eighty-first session the item;",
         "1. *Invites* the Human Rights Council to consider the question at its sixtieth session;"),
        (FR20, ASP, "1. *Prie* le Secrétariat de présenter à l'Assemblée, à sa vingtième session, un rapport ;",
         "1. *Prie* le Secrétariat de présenter à l'Assemblée générale, à sa vingtième session, un rapport ;"),
        (FR20, ASP, "1. *Prie* le Conseil de direction de lui présenter, à sa 20^e session, un rapport ;",
         "1. *Prie* le Conseil de direction de tenir sa 20^e session à La Haye ;"),
        (FR20, ASP, "1. *Salue* les travaux de la Commission et *prie* la Cour de faire rapport à sa vingtième session ;",
         "1. *Prie* la Commission du droit international de faire rapport à sa vingtième session ;"),
        # the infinitives a paragraph decides are the assembly's, whatever bodies come before
        (EN81, GA_EN, "1. *Decides* to convene a joint panel of the First Committee and the Fourth Committee, and to include in the provisional agenda of its eighty-first session the sub-item;",
         "1. *Requests* the Committee on Contributions to continue its work and to report at its eighty-first session;"),
        # a purpose clause is the assembly's: "with a view to taking a decision at its …"
        (EN81, GA_EN, "1. *Requests* the Secretary-General to prepare a report, taking into account the work of the Conference on Disarmament, with a view to taking a decision at its eighty-first session;",
         "1. *Requests* the Secretary-General to prepare a report, taking into account the work of the Conference on Disarmament, with a view to taking a decision at its eighty-second session;"),
        # a decision for the current session is looked forward to; what an earlier resolution decided is past
        (EN81, GA_EN, "1. *Also decides* that, in addition to the records of the general debate of the General Assembly at its eighty-first session, the statement shall be circulated;",
         "1. *Recalls* its resolution 80/10, in which it decided to include in the provisional agenda of its eighty-first session the sub-item;"),
        (EN81, GA_EN, "1. *Decides* to include in the provisional agenda of its eighty-first session the sub-item;",
         "*Recalling* its resolution 80/10 of 21 November 2025, which decided to include in the provisional agenda of its eighty-first session the sub-item,"
         "\n\n1. *Decides* to remain seized of the matter."),
        (FR20, ASP, "1. *Décide que* le rapport sera examiné à sa vingtième session ;",
         "1. *Rappelle* sa résolution ICC-ASP/19/Res.3, dans laquelle elle a décidé d'examiner la question à sa vingtième session ;"),
        # a General Assembly text in French; the ASP inside it is another body
        ("language: fr\nsession: 81", GA_FR, "1. *Prie* le Secrétaire général de lui faire rapport à sa quatre-vingt-unième session ;",
         "1. *Prend note* de la décision de l'Assemblée des États Parties de tenir sa vingt-cinquième session à La Haye ;"),
]
"""The cases bench/sessions.py counts for the rule's precision and recall on the test cases."""


@pytest.mark.parametrize(("front", "formula", "hit", "miss"), CASES)
def test_session_rule_true_positive_and_near_miss(front, formula, hit, miss):
    assert lines(flagged(front, formula, hit)) == [8], hit
    assert flagged(front, formula, miss) == [], miss


def test_citations_of_official_records_are_never_requests():
    assert flagged(EN81, GA_EN, "1. *Acknowledges* the report of the Secretary-General;[^1]",
                   "[^1]: Official Records of the General Assembly, Eighty-first Session, Supplement No. 1 (A/81/1).") == []
    assert flagged("language: fr\nsession: 81", GA_FR, "1. *Prend acte* du rapport[^1] ;",
                   "[^1]: Documents officiels de l'Assemblée générale, quatre-vingt-unième session, Supplément no 1.") == []


def test_the_session_comes_from_the_symbol_when_the_front_matter_has_none():
    assert flagged("symbol: A/81/L.5\nlanguage: en", GA_EN, "1. *Decides* to consider the question at its eighty-first session.") == [
        (8, "'eighty-first session' (81) in a request for a future session, but this draft is for session 81 "
            "(symbol A/81/L.5): a later session is expected")
    ]
    # near miss: no session anywhere, nothing to compare with
    assert flagged("language: en", GA_EN, "1. *Decides* to consider the question at its eighty-first session.") == []


def test_every_stale_mention_of_the_general_assembly_text_is_found():
    """The issue's case: three stale 'eighty-first session' in a draft for session 81, and the
    Assembly of States Parties' 'twenty-fifth session' left alone."""
    found = flagged(
        EN81, GA_EN,
        "1. *Recalls* article 3, and requests the Secretary-General to include information in a report to be submitted to the General Assembly at its eighty-first session;",
        "2. *Emphasizes* the need for the Secretary-General to continue to inform the General Assembly at its eighty-first session of the expenses incurred;",
        "3. *Also takes note* of the decision of the Assembly of States Parties at its twenty-third session to hold its twenty-fourth session in The Hague, looks forward to the twenty-fifth session, scheduled for December 2026;",
        "4. *Invites* the Court to submit a report on its activities for 2025/26, for consideration by the General Assembly at its eighty-first session.",
    )
    assert lines(found) == [8, 10, 14]


def test_mentions_say_whose_session_and_when():
    text = "Notes the decision of the Assembly of States Parties at its twenty-third session, and requests the Secretary-General to report to it at its eighty-first session"
    assert [(m.value, m.owner, m.tense) for m in mentions(text, own="ga", language="en")] == [
        (23, "Assembly of States Parties", "unknown"), (81, "own", "forward"),
    ]
    text = "Rappelant la vingt-neuvième session de la Conférence des Parties et la 20e session de l'Assemblée"
    assert [(m.value, m.owner, m.figure) for m in mentions(text, own="asp", language="fr", preambular=True)] == [
        (29, "Conférence", False), (20, "own", True),
    ]


def test_the_benchmark_of_the_rule_on_the_test_cases_and_the_bundled_drafts():
    """bench/sessions.py's first two figures (the third needs the GA corpus, not in the repository)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "sessions.py"
    spec = importlib.util.spec_from_file_location("bench_sessions", path)
    bench = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(bench)  # type: ignore[union-attr]
    from resodraft.check.sessions import session_ordinal

    cases, bundled = bench.bench_cases(session_ordinal), bench.bench_bundled(session_ordinal)
    assert (cases.tp, cases.fp, cases.fn) == (len(CASES) + 3, 0, 0)
    assert (bundled.tp, bundled.fp, bundled.fn) == (4, 0, 0)
