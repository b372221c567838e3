"""Writers: :class:`~resodraft.model.Resolution` or :class:`~resodraft.model.Redline` → text/bytes.

Registries of plain data, like pandoc's: a format name → ``"module:function"``. Modules are
imported only when used, so ``resodraft --help`` stays fast (no python-docx, lxml, jinja2).

- ``WRITERS`` take a :class:`Resolution` (a clean text).
- ``REDLINE_WRITERS`` take a :class:`Redline` and keyword options.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from resodraft.errors import UsageError

WRITERS: dict[str, str] = {
    "md": "resodraft.writers.markdown:write_markdown",
    "docx": "resodraft.writers.docx:write_clean_docx",
}

REDLINE_WRITERS: dict[str, str] = {
    "md": "resodraft.writers.redline_md:write_redline_md",
    "json": "resodraft.writers.json:write_redline_json",
    "html": "resodraft.writers.html:write_redline_html",
    "term": "resodraft.writers.terminal:write_redline_term",
    "docx": "resodraft.writers.docx:write_tracked_docx",
}


def get_writer(fmt: str, registry: dict[str, str] | None = None) -> Callable[..., Any]:
    """The writer function for ``fmt``; an unknown name is a :class:`UsageError`."""
    registry = REDLINE_WRITERS if registry is None else registry
    try:
        target = registry[fmt]
    except KeyError:
        raise UsageError(f"unknown output format {fmt!r}", hint=f"use one of: {', '.join(registry)}") from None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
