"""Readers: file → :class:`~resodraft.model.Resolution`. A registry of plain data, like pandoc's.

``READERS`` maps a format name to a function ``(path, language) -> Resolution``;
:func:`read` picks one by the file's extension. All input passes through :func:`read_text`,
which turns missing, empty, binary and non-UTF-8 files into one-line :class:`InputError`\\ s.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from resodraft.errors import InputError, UsageError
from resodraft.model import Resolution
from resodraft.text import LANGUAGES


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-`` is standard input), or an :class:`InputError`."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=path, hint="check the path")
    if p.is_dir():
        raise InputError("is a folder, not a file", file=path, hint="give the draft's file name")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", file=path) from None


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 text of a draft (a BOM is dropped, line ends made ``\\n``).

    Refused with an :class:`InputError`: binary data (a NUL byte), text that is not UTF-8
    (the line and column of the first bad byte are given), a file with no text in it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        looks_zip = data[:2] == b"PK"
        raise InputError(
            "this is a binary file, not a text draft",
            file=path,
            line=1,
            hint=(
                "it looks like a Word (.docx) or zip file: give the draft as Markdown (.md)"
                if looks_zip
                else "give the draft as a Markdown (.md) text file"
            ),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data[: exc.start].count(b"\n") + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise InputError(
            "the file is not UTF-8 text",
            file=path,
            line=line,
            column=column,
            hint="save the draft as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)",
        ) from None
    if not text.strip():
        raise InputError("the file is empty", file=path, line=1, hint="give a draft with text in it")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def display_name(path: str) -> str:
    """How error messages name an input: the path, or ``<stdin>`` for ``-``."""
    return "<stdin>" if path == "-" else path


def read_text(path: str) -> str:
    """The text of a draft file (``-``: standard input), checked by :func:`decode_text`."""
    return decode_text(read_bytes(path), display_name(path))


def _read_markdown(path: str, language: str | None = None) -> Resolution:
    from resodraft.readers.markdown import read_markdown

    return read_markdown(read_text(path), file=display_name(path), language=language)


READERS: dict[str, Callable[..., Resolution]] = {
    "markdown": _read_markdown,
}

EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown"}


def read(path: str, fmt: str | None = None, language: str | None = None) -> Resolution:
    """Read ``path`` with the reader for ``fmt`` (guessed from the extension by default)."""
    if language is not None and language not in LANGUAGES:
        raise UsageError(f"unknown language {language!r}", hint="use --lang fr or --lang en")
    if fmt is None:
        suffix = Path(path).suffix.lower()
        if suffix == ".docx":
            raise UsageError(
                "reading .docx drafts is not supported yet",
                file=path,
                hint="export the draft as Markdown, or use 'resodraft render' to produce Word files",
            )
        fmt = EXTENSIONS.get(suffix, "markdown")
    try:
        reader = READERS[fmt]
    except KeyError:
        raise UsageError(f"unknown input format {fmt!r}", hint=f"use one of {', '.join(READERS)}") from None
    return reader(path, language)
