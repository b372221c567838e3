"""Which files ``resodraft check PATH…`` reads: named files, folder walks, what is skipped and why.

A check that CI can trust never passes a file it did not read:

- **A file named on the command line** is read: a draft (``.md``, ``.markdown``, ``.txt``, a
  Word file, a PDF, or a file without extension: :data:`NAMED_DRAFTS`) through the reader
  registry, an amendment file (``.toml``). A file of another kind (``notes.json``,
  ``scan.png``) is an :class:`~resodraft.errors.InputError` — exit 2, with the reason.
  A named file that is never a draft (``README.md``, ``CHANGELOG.md``, a configuration
  ``.toml``, a path the configuration's ``exclude`` matches) is skipped **and said so** (the
  pre-commit hook passes every changed ``.md``/``.toml``, README files included).
- **A folder** is walked in name order for ``*.md`` drafts and ``*.toml`` amendment files,
  skipping hidden and tool folders (``.git``, ``.venv``, ``node_modules`` …), README files,
  ``exclude`` patterns, resodraft's **own outputs** (:data:`OUTPUT_PATTERNS`: ``*.clean.md``,
  ``*.redline.md``, ``*.compilation.md`` and their Word and HTML siblings) and, in a git
  working tree, the files **.gitignore** excludes (``git check-ignore``; tracked files are
  never ignored). ``all_files=True`` (``--all-files``) walks outputs and ignored files too.
  A folder in which nothing is left to check is an :class:`~resodraft.errors.InputError`.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from resodraft.check.config import DEFAULT_EXCLUDE, CheckConfig
from resodraft.errors import InputError

NAMED_DRAFTS = (".md", ".markdown", ".txt", ".docx", ".docm", ".dotx", ".dotm", ".doc", ".rtf", ".pdf")
"""Files checked as drafts when named on the command line (folders are walked for ``*.md``)."""

OUTPUT_PATTERNS = (
    "*.clean.md", "*.redline.md", "*.compilation.md",
    "*.clean.docx", "*.redline.docx", "*.tracked.docx", "*.compilation.docx",
    "*.redline.html", "*.compilation.html",
)  # fmt: skip
"""What ``redline``/``compile``/``diff`` write: never drafts to check when walking a folder."""

CONFIG_FILES = ("pyproject.toml", "resodraft.toml")
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


@dataclass
class Collected:
    """What a check reads: ``drafts``, ``tomls`` (amendment candidates), and the named paths it
    ``skipped`` with the reason, plus how many walked files were left out (outputs, ignored)."""

    drafts: list[str] = field(default_factory=list)
    tomls: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    outputs: int = 0
    ignored: int = 0
    named: set[str] = field(default_factory=set)


def is_output(path: Path) -> bool:
    """True for a file resodraft writes (``STEM.clean.md``, ``STEM.tracked.docx`` …)."""
    return any(fnmatch.fnmatch(path.name, p) for p in OUTPUT_PATTERNS)


def _excluded_reason(path: Path, config: CheckConfig) -> str | None:
    if any(fnmatch.fnmatch(path.name, p) for p in DEFAULT_EXCLUDE):
        return f"{path.name.split('.')[0]} files are not drafts"
    if config.excluded(path):
        where = config.file.name if config.file else "the configuration"
        return f"excluded by {where} ('exclude')"
    return None


def git_ignored(files: list[Path]) -> set[Path]:
    """The ``files`` that git ignores (.gitignore, .git/info/exclude, the global excludes).

    Asks ``git check-ignore`` (git's own reading of its rules) from the first file's folder;
    outside a git working tree, or without git, nothing is ignored.
    """
    git = shutil.which("git")
    if not git or not files:
        return set()
    names = [str(f.resolve()) for f in files]
    try:
        proc = subprocess.run(
            [git, "-C", str(files[0].resolve().parent), "check-ignore", "-z", "--stdin"],
            input="\0".join(names).encode("utf-8"),
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a git working tree
        return set()
    ignored = {Path(x) for x in proc.stdout.decode("utf-8", "replace").split("\0") if x}
    return {f for f in files if f.resolve() in ignored}


def collect(paths: Iterable[str], config: CheckConfig, *, all_files: bool = False) -> Collected:
    """The drafts and amendment files named by ``paths`` (module docstring)."""
    out = Collected()
    for item in paths:
        p = Path(item)
        if p.is_dir():
            _walk(p, item, config, all_files, out)
        elif p.is_file():
            _named(p, item, config, out)
        else:
            raise InputError("file not found", file=item, hint="check the path of the draft or folder")
    out.drafts = list(dict.fromkeys(out.drafts))
    out.tomls = list(dict.fromkeys(out.tomls))
    return out


def _named(p: Path, item: str, config: CheckConfig, out: Collected) -> None:
    suffix = p.suffix.lower()
    reason = _excluded_reason(p, config)
    if reason is None and suffix == ".toml" and p.name in CONFIG_FILES:
        reason = "a configuration file, not an amendment file"
    if reason is not None:
        out.skipped.append((item, reason))
        return
    out.named.add(item)
    if suffix == ".toml":
        out.tomls.append(item)
    elif suffix in NAMED_DRAFTS or suffix == "":
        out.drafts.append(item)
    else:
        raise InputError(
            f"cannot be read as a draft: '{suffix}' files are neither drafts nor amendment files",
            file=item,
            hint="name drafts (.md, .docx, .pdf, .txt) and amendment files (.toml)",
        )


def _walk(p: Path, item: str, config: CheckConfig, all_files: bool, out: Collected) -> None:
    found: list[Path] = []
    outputs = 0
    for f in sorted(p.rglob("*")):
        rel_parts = f.relative_to(p).parts
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel_parts[:-1]):
            continue
        if not f.is_file() or f.suffix.lower() not in (".md", ".toml"):
            continue
        if _excluded_reason(f, config) is not None or (f.suffix.lower() == ".toml" and f.name in CONFIG_FILES):
            continue
        if not all_files and is_output(f):
            outputs += 1
            continue
        found.append(f)
    ignored = git_ignored(found) if not all_files else set()
    found = [f for f in found if f not in ignored]
    out.outputs += outputs
    out.ignored += len(ignored)
    if not found:
        left = []
        if outputs:
            left.append(f"{outputs} output{'s' if outputs > 1 else ''} of resodraft")
        if ignored:
            left.append(f"{len(ignored)} file{'s' if len(ignored) > 1 else ''} .gitignore excludes")
        raise InputError(
            "no drafts (.md) or amendment files (.toml) to check in this folder"
            + (f" ({' and '.join(left)} skipped)" if left else ""),
            file=item,
            hint="add --all-files to check outputs and ignored files" if left else "check the folder's path",
        )
    for f in found:
        (out.tomls if f.suffix.lower() == ".toml" else out.drafts).append(str(f))


__all__ = ["CONFIG_FILES", "Collected", "NAMED_DRAFTS", "OUTPUT_PATTERNS", "collect", "git_ignored", "is_output"]
