"""Rule ``amendment-invalid``: amendment files (``*.toml``) that cannot be applied.

Every amendment file is loaded (:func:`resodraft.amend.parse_amendment_text`): bad TOML,
unknown keys or ops, missing keys are findings at the file's line. Files that name their base
text (``base = "../ICC-ASP-19-Res.2.fr.md"``, relative to the amendment file) are grouped by
base and applied together, in name order, as ``resodraft apply BASE FILES…`` would: an
unknown label, a phrase not found, two conflicting changes, a reference to a deleted paragraph
are findings where the error points (the amendment file's line; for a reference, the base
paragraph that makes it). A missing base file is a finding at the ``base`` line.

A ``.toml`` file that is not an amendment file (``pyproject.toml``, ``resodraft.toml``, any
file with neither ``sponsor`` nor ``[[change]]``) is not checked.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from resodraft.check.core import Finding
from resodraft.errors import AmendmentError, DanglingReferenceError, ResodraftError

RULE = "amendment-invalid"


def is_amendment_file(path: Path, text: str) -> bool:
    """True for a file that is (or tries to be) an amendment file."""
    if path.name in ("pyproject.toml", "resodraft.toml"):
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return bool(re.search(r"^\s*(\[\[\s*change\s*\]\]|sponsor\s*=)", text, re.MULTILINE))
    return "change" in data or "sponsor" in data


def _finding(exc: ResodraftError, file: str, severity: str) -> Finding:
    message = exc.message + (f" — {exc.hint}" if exc.hint else "")
    return Finding(exc.file or file, exc.line or 1, exc.column or 1, RULE, severity, message, exc.message)


def _base_line(text: str) -> int:
    for n, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^\s*base\s*=", line):
            return n
    return 1


def check_amendment_files(
    files: list[str], severity: str, language: str | None = None
) -> tuple[list[Finding], list[str]]:
    """Findings for the amendment files among ``files``, and which files were amendment files.

    An unreadable amendment file raises :class:`~resodraft.errors.InputError`; a base text
    that cannot be read as a draft raises its :class:`~resodraft.errors.ParseError`.
    """
    from resodraft import api
    from resodraft.amend import parse_amendment_text
    from resodraft.readers import read_text

    findings: list[Finding] = []
    checked: list[str] = []
    groups: dict[Path, list] = {}
    for file in files:
        text = read_text(file)
        if not is_amendment_file(Path(file), text):
            continue
        checked.append(file)
        try:
            changes = parse_amendment_text(text, file)
        except AmendmentError as exc:
            findings.append(_finding(exc, file, severity))
            continue
        base = changes[0].base if changes else None
        if base is None:
            continue
        base_path = (Path(file).parent / base).resolve()
        if not base_path.is_file():
            findings.append(
                Finding(file, _base_line(text), 1, RULE, severity, f"base text {base!r} not found", f"base {base}")
            )
            continue
        groups.setdefault(base_path, []).extend(changes)
    for base_path, changes in groups.items():
        shown = _shown(base_path, changes[0].file, changes[0].base)
        res = api.load(shown, language=language)
        try:
            api.apply(res, changes, file=shown)
        except (AmendmentError, DanglingReferenceError) as exc:
            findings.append(_finding(exc, changes[0].file, severity))
    return findings, checked


def _shown(base_path: Path, amendment_file: str, base: str) -> str:
    """The base path as the user would write it: relative to the working folder if possible."""
    try:
        return str(base_path.relative_to(Path.cwd()))
    except ValueError:
        return str(Path(amendment_file).parent / base)


__all__ = ["RULE", "check_amendment_files", "is_amendment_file"]
