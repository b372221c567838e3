"""Readers: file → :class:`~resodraft.model.Resolution`. A registry of plain data, like pandoc's.

``READERS`` maps a format name to a function ``(data, file, options) -> Resolution``;
:func:`read` picks one by the file's content (:func:`sniff`: a Word package, a PDF, or text,
then by extension). Missing and unreadable files are one-line :class:`InputError`\\ s
(:func:`read_bytes`); text readers decode with :func:`decode_text`, which refuses binary and
non-UTF-8 data the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from resodraft.errors import InputError, UsageError
from resodraft.model import Resolution
from resodraft.readers.report import ImportReport
from resodraft.text import LANGUAGES, language_tag


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


@dataclass
class ReadOptions:
    """What every reader is given besides the bytes.

    ``language``: ``fr``/``en`` when the caller knows it (``--lang``), else ``None`` (guessed).
    ``revisions``: what to do with a Word file's tracked changes: ``refuse`` (an
    :class:`InputError` telling to choose), ``accept`` or ``reject``.
    ``report``: where readers record what they inferred (see :mod:`resodraft.readers.report`).
    """

    language: str | None = None
    revisions: str = "refuse"
    report: ImportReport | None = None


def _read_markdown(data: bytes, file: str, options: ReadOptions) -> Resolution:
    from resodraft.readers.markdown import read_markdown

    return read_markdown(decode_text(data, file), file=file, language=options.language, report=options.report)


def _read_text(data: bytes, file: str, options: ReadOptions) -> Resolution:
    from resodraft.readers.text import read_pasted_text

    return read_pasted_text(decode_text(data, file), file=file, language=options.language, report=options.report)


def _read_pdf(data: bytes, file: str, options: ReadOptions) -> Resolution:
    from resodraft.readers.pdf import read_pdf

    return read_pdf(data, file=file, language=options.language, report=options.report)


Reader = Callable[[bytes, str, ReadOptions], Resolution]

READERS: dict[str, Reader] = {
    "markdown": _read_markdown,
    "text": _read_text,
    "pdf": _read_pdf,
}
"""Format name → reader ``(data, file, options) -> Resolution`` (the file name is for messages)."""

EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}
"""What a text file's extension says about its format (content decides for binary files)."""


def sniff(data: bytes, path: str) -> str:
    """The format of ``data``, by content first and by the file's extension for text.

    A zip package (``PK``) or an encrypted Office file (OLE ``D0 CF 11 E0``) is ``docx``: the
    Word reader says what is wrong with one that is not a Word document; ``%PDF`` is ``pdf``;
    anything else is text, ``markdown`` or ``text`` by extension.
    """
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "docx"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    return EXTENSIONS.get(Path(path).suffix.lower(), "markdown")


def read(
    path: str,
    fmt: str | None = None,
    language: str | None = None,
    *,
    revisions: str = "refuse",
    report: ImportReport | None = None,
    fallback: bool = False,
) -> Resolution:
    """Read ``path`` (``-``: standard input) with the reader for ``fmt`` (sniffed by default).

    ``fallback`` (what ``resodraft import`` asks for): a Markdown file that does not read as a
    draft, or reads as one but looks like text pasted from a PDF (:func:`looks_pasted`), is
    read again with the pasted-text reader, and the report says why.
    """
    if language is not None:
        language = language_tag(language)
    if language is not None and language not in LANGUAGES:
        raise UsageError(f"unknown language {language!r}", hint="use --lang fr or --lang en")
    data = read_bytes(path)
    name = display_name(path)
    if fmt is None:
        fmt = sniff(data, path)
    try:
        reader = READERS[fmt]
    except KeyError:
        raise UsageError(
            f"cannot read {fmt} files", file=name, hint=f"resodraft reads {', '.join(READERS)}"
        ) from None
    if report is not None:
        report.format = fmt
    options = ReadOptions(language=language, revisions=revisions, report=report)
    if fmt != "markdown" or not fallback:
        return reader(data, name, options)
    from resodraft.errors import ParseError
    from resodraft.readers.text import read_pasted_text

    scratch = ImportReport(name)
    try:
        res = reader(data, name, ReadOptions(language=language, revisions=revisions, report=scratch))
        why = looks_pasted(res)
    except ParseError as exc:
        where = f"line {exc.line}: " if exc.line else ""
        why = f"it does not read as a draft ({where}{exc.message})"
    if why is None:
        if report is not None:
            report.items.extend(scratch.items)
        return res
    if report is not None:
        report.format = "text"
        report.add("read-as-text", f"read as text pasted from a PDF: {why}")
    return read_pasted_text(decode_text(data, name), file=name, language=language, report=report, markdown=True)


def looks_pasted(res: Resolution) -> str | None:
    """Why a Markdown file that reads as a draft looks like text pasted from a PDF, or ``None``.

    Pasted text has lost the italics of its lead words and prints footnote calls as plain
    digits: no preambular or operative paragraph opens in italics though most open with a lead
    word of the lexicon, or a footnote text is never called.
    """
    from resodraft.model import NoteRef, Operative, Preambular, lead, plain_text
    from resodraft.readers.leads import starts_with_lead

    paras = [b for b in res.blocks if isinstance(b, (Preambular, Operative))]
    italic = sum(1 for b in paras if lead(b.content))
    leads = sum(1 for b in paras if starts_with_lead(plain_text(b.content)))
    if paras and italic == 0 and leads * 2 >= len(paras):
        return "no lead word is in italics"
    called = {i.id for b in res.blocks for i in _all_inlines(b) if isinstance(i, NoteRef)}
    uncalled = [f.id for f in res.footnotes if f.id not in called]
    if uncalled:
        return f"footnote {uncalled[0]} is never called"
    return None


def _all_inlines(block: object):  # type: ignore[no-untyped-def]
    yield from getattr(block, "content", ())
    for sub in getattr(block, "subs", ()):
        yield from _all_inlines(sub)
