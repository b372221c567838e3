"""Writing findings: ``text`` (rich, for people), ``json`` (DESIGN.md §5), ``github`` (Actions).

Formats are a registry of plain functions ``(result) -> str``, like the writers.

- ``text``: one line per finding, ``FILE:LINE:COL rule message``, then a summary line
  ("2 errors and 1 warning in 3 files; 12 accepted by the baseline").
- ``json``: ``{"findings": [{"file", "line", "column", "rule", "severity", "message"}]}``.
- ``github``: workflow commands, ``::error file=F,line=L,col=C::rule: message`` (or
  ``::warning``), which GitHub Actions shows as annotations on the pull request.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from resodraft.check import CheckResult


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary(result: CheckResult) -> str:
    """One line: counts of reported findings by severity, files checked, accepted findings."""
    errors = sum(1 for f in result.findings if f.severity == "error")
    warnings = len(result.findings) - errors
    if not result.files and not result.findings:
        return f"Nothing checked: {_plural(len(result.skipped), 'named file')} skipped (see above)."
    files = _plural(len(result.files), "file")
    if errors or warnings:
        counts = " and ".join(p for p in (_plural(errors, "error") if errors else "", _plural(warnings, "warning") if warnings else "") if p)
        text = f"{counts} in {files}"
    else:
        text = f"No findings in {files}"
    if result.accepted:
        text += f"; {len(result.accepted)} accepted by the baseline"
    return text + "."


def to_text(result: CheckResult) -> str:
    """Plain text: ``FILE:LINE:COL rule message`` lines and the summary."""
    lines = [f"{f.file}:{f.line}:{f.column} {f.rule} {f.message}" for f in result.findings]
    return "\n".join([*lines, summary(result)]) + "\n"


def to_json(result: CheckResult) -> str:
    """The JSON contract of DESIGN.md §5."""
    return json.dumps({"findings": [f.as_dict() for f in result.findings]}, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands, one per finding (escaped as the runner expects)."""
    lines = [
        f"::{f.severity} file={_escape_property(f.file)},line={f.line},col={f.column}::"
        f"{_escape_data(f.rule + ': ' + f.message)}"
        for f in result.findings
    ]
    return "".join(line + "\n" for line in lines)


FORMATS: dict[str, Callable[[CheckResult], str]] = {
    "text": to_text,
    "json": to_json,
    "github": to_github,
}


def print_text(result: CheckResult) -> None:
    """:func:`to_text` on the terminal, with the rule coloured by severity (rich)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for f in result.findings:
        line = Text(f"{f.file}:{f.line}:{f.column} ", style="bold")
        line.append(f.rule, style="red" if f.severity == "error" else "yellow")
        line.append(f" {f.message}")
        console.print(line)
    console.print(Text(summary(result), style="bold" if result.findings else "green"))
