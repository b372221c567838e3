"""``resodraft check``: a linter for drafts, for continuous integration and pre-commit.

The rules are a table (:data:`RULES`) of small functions with one signature,
``(ctx: Context) -> Iterable[Finding]`` (see :mod:`resodraft.check.core`), one module per
family: :mod:`~resodraft.check.xrefs`, :mod:`~resodraft.check.structure`,
:mod:`~resodraft.check.footnotes`, :mod:`~resodraft.check.typography`,
:mod:`~resodraft.check.symbols`, :mod:`~resodraft.check.sessions`; amendment files are checked
by :mod:`~resodraft.check.amendments`. docs/check.md describes every rule.

>>> from resodraft.check import check_text
>>> [f.rule for f in check_text("1. *Décide* de rester saisie de la question ;\\n", "x.md")]
['punctuation-operative']

Library entry points: :func:`check_text` (one draft's text), :func:`check_paths` (files and
folders, with configuration and baseline: what the command runs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from resodraft.check import footnotes, sessions, structure, symbols, typography, xrefs
from resodraft.check.amendments import RULE as AMENDMENT_RULE
from resodraft.check.config import CheckConfig
from resodraft.check.core import Context, Finding, Rule

RULES: tuple[Rule, ...] = (
    Rule("xref-dangling", "error", "an internal reference names a paragraph the text does not have", xrefs.xref_dangling),
    Rule("xref-direction", "warning", "'ci-dessus'/'above' names a later paragraph, or 'ci-dessous'/'below' an earlier one", xrefs.xref_direction),
    Rule("numbering-gap", "error", "operative paragraphs are numbered 1, 2, 3… in order (per lettered part)", structure.numbering_gap),
    Rule("numbering-duplicate", "error", "two operative paragraphs carry the same number", structure.numbering_duplicate),
    Rule("subparagraph-sequence", "error", "sub-paragraphs run a), b), c)… and i), ii), iii)… from the first", structure.subparagraph_sequence),
    Rule("footnote-missing-text", "error", "a footnote is called but has no text", footnotes.footnote_missing_text),
    Rule("footnote-unused", "error", "a footnote text is never called", footnotes.footnote_unused),
    Rule("footnote-order", "warning", "footnotes are numbered 1…n in order of first call", footnotes.footnote_order),
    Rule("punctuation-preambular", "error", "a preambular paragraph ends with ','", structure.punctuation_preambular),
    Rule("punctuation-operative", "error", "operative paragraphs end with ';' (the last '.', before sub-paragraphs ':')", structure.punctuation_operative),
    Rule("lead-missing", "warning", "a paragraph opens without an italic lead (drafts that keep italics)", structure.lead_missing),
    Rule("lead-not-italic", "warning", "a lead word is in roman where the other leads are italic", structure.lead_not_italic),
    Rule("fr-spacing", "warning", "French: a (narrow no-break) space before ; : ! ? and inside « »", typography.fr_spacing),
    Rule("symbol-malformed", "error", "a document symbol is not written as issued (ICC-ASP/19/Res.2)", symbols.symbol_malformed),
    Rule("session-ordinal", "warning", "a request for a future session names a session not after the draft's own", sessions.session_ordinal),
    Rule("redline-leftover", "error", "struck text or change marks left in a clean draft", typography.redline_leftover),
)
"""The draft rules, in the order they run (findings are sorted by position afterwards)."""

AMENDMENT = Rule(AMENDMENT_RULE, "error", "an amendment file cannot be applied to its base text", lambda ctx: ())
"""The amendment-file rule (run on ``*.toml`` files, not on drafts)."""

ALL_RULES: tuple[Rule, ...] = (*RULES, AMENDMENT)
RULE_IDS: tuple[str, ...] = tuple(r.id for r in ALL_RULES)


def _severity(rule: Rule, config: CheckConfig | None) -> str:
    return (config.severity.get(rule.id) if config else None) or rule.severity


def run_rules(ctx: Context, config: CheckConfig | None = None) -> list[Finding]:
    """Run every enabled rule on ``ctx``; findings sorted by line, column and rule."""
    out: list[Finding] = []
    for rule in RULES:
        if config is not None and rule.id in config.disable:
            continue
        severity = _severity(rule, config)
        out.extend(replace(f, rule=rule.id, severity=severity) for f in rule.func(ctx))
    return sorted(out, key=lambda f: (f.line, f.column, f.rule, f.message))


def check_text(text: str, file: str, *, language: str | None = None, config: CheckConfig | None = None) -> list[Finding]:
    """The findings of a draft given as text (raises :class:`~resodraft.errors.ParseError`)."""
    from resodraft.readers.markdown import read_markdown

    source = text.replace("\r\n", "\n").replace("\r", "\n")
    res = read_markdown(source, file=file, language=language)
    return run_rules(Context(file, source, res), config)


def check_file(path: str, *, language: str | None = None, config: CheckConfig | None = None) -> list[Finding]:
    """The findings of a draft file (unreadable or unparsable: a ResodraftError, exit 2)."""
    from resodraft.readers import read_text

    return check_text(read_text(path), path, language=language, config=config)


# --------------------------------------------------------------------------------------------
# files and folders


def collect(paths: Iterable[str], config: CheckConfig, *, all_files: bool = False) -> tuple[list[str], list[str]]:
    """``(drafts, amendment files)`` named by ``paths`` (see :mod:`resodraft.check.files`)."""
    from resodraft.check.files import collect as _collect

    found = _collect(paths, config, all_files=all_files)
    return found.drafts, found.tomls


@dataclass
class CheckResult:
    """What :func:`check_paths` found: findings to report, and those the baseline accepts.

    ``skipped`` lists the paths named on the command line that were not checked, with the
    reason (a README file, an ``exclude`` pattern, a ``.toml`` that is not an amendment file).
    """

    findings: list[Finding] = field(default_factory=list)
    accepted: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def failing(self, fail_on: str) -> list[Finding]:
        """Reported findings at or above ``fail_on`` (``error`` or ``warning``)."""
        levels = ("error",) if fail_on == "error" else ("error", "warning")
        return [f for f in self.findings if f.severity in levels]


def check_paths(
    paths: Iterable[str],
    config: CheckConfig,
    *,
    language: str | None = None,
    use_baseline: bool = True,
    baseline: Path | None = None,
    all_files: bool = False,
) -> CheckResult:
    """Check drafts and amendment files; findings the baseline accepts are set apart."""
    from resodraft.check.amendments import check_amendment_files
    from resodraft.check.config import load_baseline, split_baselined
    from resodraft.check.files import collect as _collect

    found = _collect(paths, config, all_files=all_files)
    drafts, tomls = found.drafts, found.tomls
    findings: list[Finding] = []
    for path in drafts:
        findings.extend(check_file(path, language=language, config=config))
    amendment_files: list[str] = []
    skipped = list(found.skipped)
    if AMENDMENT.id not in config.disable:
        more, amendment_files = check_amendment_files(tomls, _severity(AMENDMENT, config), language)
        findings.extend(more)
        skipped += [
            (t, "not an amendment file (it has neither 'sponsor' nor [[change]])")
            for t in tomls
            if t in found.named and t not in amendment_files
        ]
    else:
        skipped += [(t, "the amendment-invalid rule is disabled") for t in tomls if t in found.named]
    result = CheckResult(files=drafts + amendment_files, skipped=skipped)
    baseline = baseline or config.baseline
    if use_baseline and baseline is not None:
        result.findings, result.accepted = split_baselined(findings, load_baseline(baseline), config)
    else:
        result.findings = findings
    return result


__all__ = [
    "ALL_RULES",
    "RULES",
    "RULE_IDS",
    "CheckConfig",
    "CheckResult",
    "Context",
    "Finding",
    "Rule",
    "check_file",
    "check_paths",
    "check_text",
    "collect",
    "run_rules",
]
