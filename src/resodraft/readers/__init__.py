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
    """The bytes of ``path`` (``-`` is standard input), or an :class:`InputError`.

    A missing file, a folder, a loop of symbolic links, a name too long for the disk and an
    unreadable file are each one line naming the path.
    """
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT + 1)
        if len(data) > MAX_INPUT:
            raise InputError(_too_big(len(data)), file="<stdin>", hint="give the text of one resolution")
        return data
    from resodraft.paths import describe_os_error, stat_or_none

    st = stat_or_none(path, what="file")
    if st is None:
        raise InputError("file not found", file=path, hint="check the path")
    import stat as _stat

    if _stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a file", file=path, hint="give the draft's file name")
    if st.st_size > MAX_INPUT:
        raise InputError(_too_big(st.st_size), file=path, hint="give the text of one resolution")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_INPUT + 1)  # a pipe or device says nothing of its size
    except OSError as exc:
        raise InputError(f"cannot read the file ({describe_os_error(exc)})", file=path) from None
    if len(data) > MAX_INPUT:
        raise InputError(_too_big(len(data)), file=path, hint="give the text of one resolution")
    return data


MAX_INPUT = 256 << 20
"""Largest input read (256 MB: a scanned PDF may be large; a resolution's text is far smaller)."""


def _too_big(size: int) -> str:
    return f"the file is too big to be a resolution (more than {MAX_INPUT >> 20} MB)"


_UTF16_HINT = (
    "save it as UTF-8 (in Word: Save As › Plain Text › Unicode (UTF-8); "
    "in Notepad: Save As › Encoding › UTF-8)"
)


def _utf16_or_32(data: bytes) -> str | None:
    """``UTF-16``/``UTF-32`` when ``data`` is text in one of them (by BOM or by its NUL pattern)."""
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "UTF-32"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    sample = data[:4096]
    half = len(sample) // 2
    if half >= 4:
        even, odd = sample[0::2], sample[1::2]
        # text in the Latin range, in UTF-16 without a BOM: a NUL in every other byte, only there
        for zeros, chars in ((odd, even), (even, odd)):
            if zeros.count(0) >= 0.9 * len(zeros) and len(chars) - chars.count(0) >= 0.9 * len(chars):
                return "UTF-16"
    return None


def decode_text(data: bytes, path: str, *, allow: str = "") -> str:
    """UTF-8 text of a draft (a BOM is dropped, line ends made ``\\n``).

    Refused with an :class:`InputError`: a UTF-16 or UTF-32 file (named as such: "save it as
    UTF-8"), binary data (a NUL byte), text that is not UTF-8 (the line and column of the first
    bad byte are given), a control character (line and column; ``allow`` lists control
    characters a reader accepts, such as ``"\\f"``), a file with no text in it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    encoding = _utf16_or_32(data)
    if encoding is not None:
        raise InputError(
            f"this is a {encoding} file, not UTF-8",
            file=path,
            line=1,
            hint=_UTF16_HINT,
        )
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    from resodraft.controls import refuse_controls

    refuse_controls(text.translate({ord(c): " " for c in allow}) if allow else text, path, what="the file")
    return text


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

    from resodraft.controls import strip_from_resolution

    # a form feed is a page break in text pasted from a PDF (pdftotext writes them)
    text = decode_text(data, file, allow="\f")
    return strip_from_resolution(read_pasted_text(text, file=file, language=options.language, report=options.report))[0]


def _read_pdf(data: bytes, file: str, options: ReadOptions) -> Resolution:
    from resodraft.controls import strip_from_resolution
    from resodraft.readers.pdf import read_pdf

    res, removed = strip_from_resolution(read_pdf(data, file=file, language=options.language, report=options.report))
    if removed and options.report is not None:
        options.report.add("control-characters", f"removed {removed} control character(s) the PDF's fonts map its glyphs to")
    return res


def _read_docx(data: bytes, file: str, options: ReadOptions) -> Resolution:
    from resodraft.readers.docx import read_docx

    return read_docx(data, file, options)


Reader = Callable[[bytes, str, ReadOptions], Resolution]

READERS: dict[str, Reader] = {
    "markdown": _read_markdown,
    "text": _read_text,
    "pdf": _read_pdf,
    "docx": _read_docx,
}
"""Format name → reader ``(data, file, options) -> Resolution`` (the file name is for messages)."""

EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}
"""What a text file's extension says about its format (content decides for binary files)."""
WORD_EXTENSIONS = (".docx", ".docm", ".dotx", ".dotm", ".doc", ".rtf")
"""Names of Word files: read by the Word reader whatever they hold, so it can say what they are."""


def sniff(data: bytes, path: str) -> str:
    """The format of ``data``, by content first and by the file's extension for text.

    A zip package (``PK``), an OLE compound file (``D0 CF 11 E0``: a ``.doc`` or an encrypted
    Word file) or RTF is ``docx``: the Word reader says what is wrong with one that is not a
    Word document; ``%PDF`` is ``pdf``; a file named like a Word file (``.docx``, ``.doc``…)
    is ``docx`` too; anything else is text, ``markdown`` or ``text`` by extension.
    """
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or data[:5] == b"{\\rtf":
        return "docx"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    suffix = Path(path).suffix.lower()
    if suffix in WORD_EXTENSIONS:
        return "docx"  # not a Word package: the Word reader says what it is
    return EXTENSIONS.get(suffix, "markdown")


def read(
    path: str,
    fmt: str | None = None,
    language: str | None = None,
    *,
    revisions: str = "refuse",
    report: ImportReport | None = None,
    fallback: bool = False,
    data: bytes | None = None,
) -> Resolution:
    """Read ``path`` (``-``: standard input) with the reader for ``fmt`` (sniffed by default).

    ``data``: the file's bytes when the caller has read them already (standard input can be
    read only once).

    ``fallback`` (what ``resodraft import`` asks for): a Markdown file that does not read as a
    draft, or reads as one but looks like text pasted from a PDF (:func:`looks_pasted`), is
    read again with the pasted-text reader, and the report says why.
    """
    if language is not None:
        language = language_tag(language)
    if language is not None and language not in LANGUAGES:
        raise UsageError(f"unknown language {language!r}", hint="use --lang fr or --lang en")
    if data is None:
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
    if b"\x0c" in data:  # page breaks: text pasted from a PDF, which a draft never holds
        res, why = None, "it holds page breaks (form feeds), as text copied from a PDF does"
    else:
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
    from resodraft.controls import strip_from_resolution

    text = decode_text(data, name, allow="\f")
    return strip_from_resolution(read_pasted_text(text, file=name, language=language, report=report, markdown=True))[0]


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
