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
    """UTF-8 text of a draft (a BOM is dropped); binary or non-UTF-8 data is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise InputError(
            "this is a binary file, not a text draft",
            file=path,
            line=1,
            hint="give a Markdown (.md) draft" + ("; .docx drafts are read by the docx reader" if data[:2] == b"PK" else ""),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            "the file is not UTF-8 text",
            file=path,
            line=line,
            hint="save the draft as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)",
        ) from None
    if not text.strip():
        raise InputError("the file is empty", file=path, line=1, hint="give a draft with text in it")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str) -> str:
    """The text of a draft file, checked by :func:`decode_text`."""
    return decode_text(read_bytes(path), path)


def _read_markdown(path: str, language: str | None = None) -> Resolution:
    from resodraft.readers.markdown import read_markdown

    return read_markdown(read_text(path), file=path, language=language)


READERS: dict[str, Callable[..., Resolution]] = {
    "markdown": _read_markdown,
}

EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown"}


def read(path: str, fmt: str | None = None, language: str | None = None) -> Resolution:
    """Read ``path`` with the reader for ``fmt`` (guessed from the extension by default)."""
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
