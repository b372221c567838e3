"""The library API behind the command line. Every CLI command calls one function here.

>>> from resodraft import api
>>> res = api.load("drafts/ICC-ASP-19-Res.2.fr.md")
>>> result = api.apply_files("drafts/ICC-ASP-19-Res.2.fr.md", ["drafts/2021/Res.2"])
>>> print(api.to_markdown(result.new))  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from resodraft.model import Resolution


def load(path: str, language: str | None = None) -> Resolution:
    """Read a draft (format guessed from the extension)."""
    from resodraft.readers import read

    return read(path, language=language)


def outline(res: Resolution) -> dict[str, Any]:
    """The outline of ``res`` as data (``show --json`` contract)."""
    from resodraft.outline import outline as _outline

    return _outline(res)


def to_markdown(res: Resolution) -> str:
    """The canonical Markdown of ``res``."""
    from resodraft.writers.markdown import write_markdown

    return write_markdown(res)


@dataclass
class ApplyResult:
    """What applying amendments produced: the base, the new text and what happened on the way."""

    base: Resolution
    new: Resolution
    changes: list[Any] = field(default_factory=list)  # the applied amend.Change objects
    label_map: dict[str, str] = field(default_factory=dict)  # old label -> new label
    warnings: list[str] = field(default_factory=list)
    xref_report: list[Any] = field(default_factory=list)


def apply_files(
    base_path: str,
    amendment_paths: list[str],
    *,
    language: str | None = None,
    allow_dangling: bool = False,
) -> ApplyResult:
    """Read ``base_path``, apply the amendment files (or folders of them), renumber."""
    base = load(base_path, language=language)
    if not amendment_paths:
        return ApplyResult(base=base, new=base)
    from resodraft.amend import apply_amendments, load_amendments

    changes = load_amendments(amendment_paths)
    new = apply_amendments(base, changes)
    return ApplyResult(base=base, new=new, changes=changes)
