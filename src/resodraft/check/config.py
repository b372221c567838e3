"""Configuration of ``resodraft check`` and the baseline of accepted findings.

Configuration is a ``[check]`` table in ``resodraft.toml``, or ``[tool.resodraft.check]`` in
``pyproject.toml``, found by walking up from the first checked path (``resodraft.toml`` wins in
the same folder), or named with ``--config``::

    [check]
    disable = ["lead-missing"]                 # rules not run
    severity = { fr-spacing = "error" }         # "error", "warning" or "off"
    baseline = "drafts/check-baseline.json"     # accepted findings (relative to this file)
    exclude = ["docs/*", "tests/*"]             # paths not checked (relative to this file)

``exclude`` patterns are shell-style (``*`` also crosses ``/``) and are matched against the
path relative to the configuration's folder and against the file name alone. An unknown key,
rule or severity is a usage error (exit 2), so a typo never silently disables nothing.

The **baseline** is a JSON file of findings accepted as they are (the known defects of
adopted texts, which are never corrected). An entry is ``{"file", "rule", "message",
"fingerprint"}``, ``file`` relative to the configuration's folder. A finding is accepted when an
entry of the same file and rule has the same fingerprint (a hash of the offending text) or,
failing that, the same message; each entry accepts one finding. Lines are not compared, so
edits elsewhere in the file keep the baseline valid.
"""

from __future__ import annotations

import fnmatch
import json
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from resodraft.check.core import SEVERITIES, Finding
from resodraft.errors import InputError, UsageError

CONFIG_KEYS = ("disable", "severity", "baseline", "exclude")
DEFAULT_EXCLUDE = ("README*.md", "readme*.md", "CHANGELOG*.md")


@dataclass(frozen=True)
class CheckConfig:
    """The check settings in force. ``root`` is the folder paths in the config are relative to."""

    root: Path
    file: Path | None = None
    disable: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    baseline: Path | None = None
    exclude: tuple[str, ...] = ()

    def excluded(self, path: Path) -> bool:
        """True for README files and for paths matching an ``exclude`` pattern."""
        name = path.name
        if any(fnmatch.fnmatch(name, p) for p in DEFAULT_EXCLUDE):
            return True
        try:
            rel = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = path.as_posix()
        return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in self.exclude)

    def relative(self, file: str) -> str:
        """``file`` relative to :attr:`root`, with ``/`` separators (for the baseline)."""
        return Path(os.path.relpath(Path(file).resolve(), self.root.resolve())).as_posix()


def _table(path: Path) -> dict | None:
    """The check table of a config file, or ``None`` when the file has none."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"the configuration is not valid TOML: {exc}", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the configuration ({exc.strerror})", file=str(path)) from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("resodraft", {}).get("check")
    return data.get("check", {} if path.name == "resodraft.toml" else None)


def find_config(start: Path) -> Path | None:
    """The nearest ``resodraft.toml`` or ``pyproject.toml`` with a check table, walking up."""
    try:
        here = start.resolve()
    except (RuntimeError, OSError):  # a loop of symbolic links: the walk reports it
        here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in ("resodraft.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and _table(candidate) is not None:
                return candidate
    return None


def load_config(config: str | None, start: Path, known_rules: Iterable[str]) -> CheckConfig:
    """The configuration named by ``--config``, or the one found from ``start``, or defaults."""
    known = set(known_rules)
    path = Path(config) if config else find_config(start)
    if path is None:
        return CheckConfig(root=Path.cwd())
    if not path.is_file():
        raise InputError("configuration file not found", file=str(path), hint="check the --config path")
    table = _table(path) or {}
    where = os.path.relpath(path) if path.is_absolute() else str(path)

    def bad(message: str, hint: str) -> UsageError:
        return UsageError(message, file=where, hint=hint)

    for key in table:
        if key not in CONFIG_KEYS:
            raise bad(f"unknown key {key!r} in the check configuration", f"use {', '.join(CONFIG_KEYS)}")
    disable = table.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(r, str) for r in disable):
        raise bad("'disable' must be a list of rule ids", 'write disable = ["lead-missing"]')
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise bad("'severity' must be a table", 'write severity = { fr-spacing = "error" }')
    for rule in [*disable, *severity]:
        if rule not in known:
            raise bad(f"unknown rule {rule!r}", "'resodraft check --list-rules' lists them")
    for rule, level in severity.items():
        if level not in (*SEVERITIES, "off"):
            raise bad(f"unknown severity {level!r} for {rule}", "use 'error', 'warning' or 'off'")
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(p, str) for p in exclude):
        raise bad("'exclude' must be a list of path patterns", 'write exclude = ["docs/*"]')
    baseline = table.get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        raise bad("'baseline' must be a path in quotes", 'write baseline = "drafts/check-baseline.json"')
    root = path.resolve().parent
    off = {rule for rule, level in severity.items() if level == "off"}
    return CheckConfig(
        root=root,
        file=path,
        disable=frozenset(disable) | off,
        severity={rule: level for rule, level in severity.items() if level != "off"},
        baseline=(root / baseline) if baseline else None,
        exclude=tuple(exclude),
    )


# --------------------------------------------------------------------------------------------
# baseline


def load_baseline(path: Path) -> list[dict[str, str]]:
    """The entries of a baseline file (an empty list when the file does not exist yet)."""
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["findings"]
        assert isinstance(entries, list)
        return [{k: str(e[k]) for k in ("file", "rule", "message", "fingerprint")} for e in entries]
    except (ValueError, KeyError, TypeError, AssertionError):
        raise InputError(
            "the baseline is not a resodraft baseline",
            file=str(path),
            hint="regenerate it with 'resodraft check … --update-baseline'",
        ) from None


def split_baselined(
    findings: list[Finding], entries: list[dict[str, str]], config: CheckConfig
) -> tuple[list[Finding], list[Finding]]:
    """``(new, accepted)``: findings not in the baseline, and those it accepts.

    Matching by fingerprint first, then by message; each entry accepts one finding.
    """
    pool = list(entries)
    accepted_ids: set[int] = set()
    rel = {id(f): config.relative(f.file) for f in findings}
    for key in ("fingerprint", "message"):
        for f in findings:
            if id(f) in accepted_ids:
                continue
            value = f.fingerprint if key == "fingerprint" else f.message
            for k, e in enumerate(pool):
                if e["file"] == rel[id(f)] and e["rule"] == f.rule and e[key] == value:
                    accepted_ids.add(id(f))
                    del pool[k]
                    break
    new = [f for f in findings if id(f) not in accepted_ids]
    accepted = [f for f in findings if id(f) in accepted_ids]
    return new, accepted


def baseline_entries(findings: list[Finding], config: CheckConfig) -> list[dict[str, str]]:
    """Baseline entries for ``findings``, sorted (stable diffs in version control)."""
    entries = [
        {"file": config.relative(f.file), "rule": f.rule, "message": f.message, "fingerprint": f.fingerprint}
        for f in findings
    ]
    return sorted(entries, key=lambda e: (e["file"], e["rule"], e["message"], e["fingerprint"]))


def write_baseline(path: Path, findings: list[Finding], checked: Iterable[str], config: CheckConfig) -> int:
    """Write the baseline: entries for ``findings``, plus old entries of files not ``checked``.

    Returns the number of entries written.
    """
    checked = list(checked)
    checked_rel = {config.relative(f) for f in checked}
    kept = [e for e in load_baseline(path) if e["file"] not in checked_rel]
    entries = sorted(
        kept + baseline_entries(findings, config),
        key=lambda e: (e["file"], e["rule"], e["message"], e["fingerprint"]),
    )
    text = json.dumps({"version": 1, "findings": entries}, ensure_ascii=False, indent=2) + "\n"
    from resodraft.output import write_files

    write_files({str(path): text}, inputs=checked)  # never over a draft or amendment file checked
    return len(entries)
