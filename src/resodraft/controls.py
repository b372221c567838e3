"""Control characters: refused in what users give, stripped from what reaches a terminal.

A control character (``U+0000``–``U+001F`` but tab and line ends, ``DEL``, ``U+0080``–``U+009F``)
never belongs in a resolution. It is invisible in an editor, Word files cannot hold most of
them (XML 1.0 forbids them) and, sent to a terminal, ``ESC`` starts a command: ``ESC]0;…BEL``
retitles the window, ``ESC[2J`` clears the screen. So:

- :func:`refuse_controls` refuses them **at read time** with the file, line and column
  (drafts and their front matter, amendment files, TOML strings written with ``\\u0001``
  escapes, options such as ``--author``);
- :func:`for_terminal` removes escape sequences and replaces the other control characters in
  anything printed on a terminal (``show``, ``diff --to term``, ``redline --show``, import
  reports, warnings, error lines): text read by a future reader that lets one through is still
  shown as text, never obeyed.
"""

from __future__ import annotations

import re
from typing import Any

from resodraft.errors import InputError

CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters a draft may not hold (tab, line feed and carriage return are fine)."""

_NAMES = {
    0x00: "null",
    0x07: "bell",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed, a page break",
    0x1B: "escape",
    0x7F: "delete",
}

# ESC [ … final byte (CSI), ESC ] … BEL or ESC \ (OSC), ESC P/X/^/_ … ESC \ (DCS, SOS, PM, APC),
# two-byte ESC sequences, and their 8-bit C1 forms (CSI = U+009B, OSC = U+009D, …).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def describe(char: str) -> str:
    """``U+001B (escape)`` — what a control character is, for a message."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def find_control(text: str) -> tuple[int, int, str] | None:
    """``(line, column, character)`` of the first control character of ``text`` (from 1), or None."""
    m = CONTROL.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    return line, column, m.group()


def refuse_controls(text: str, file: str, *, line_offset: int = 0, what: str = "the text") -> None:
    """Raise :class:`~resodraft.errors.InputError` at the first control character of ``text``.

    ``line_offset`` is added to the line (for a value that starts on a later line of its file).
    """
    found = find_control(text)
    if found is None:
        return
    line, column, char = found
    raise InputError(
        f"{what} holds a control character, {describe(char)}",
        file=file,
        line=line + line_offset,
        column=column,
        hint="delete it: it is invisible in an editor and Word files cannot hold it",
    )


def check_option(value: str | None, option: str) -> str | None:
    """An option's text (``--author``) without control characters, or a one-line UsageError."""
    if value is None:
        return None
    m = CONTROL.search(value)
    if m is not None:
        from resodraft.errors import UsageError

        raise UsageError(
            f"{option} holds a control character, {describe(m.group())}",
            hint=f"give {option} as plain text",
        )
    return value


def for_terminal(text: str, replacement: str = "\ufffd") -> str:
    """``text`` safe to print on a terminal: escape sequences removed, other controls replaced.

    Tabs and line feeds are kept; every other control character becomes ``replacement``.

    >>> for_terminal("a\\x1b]0;pwned\\x07b\\x1b[2Jc\\x01")
    'abc\\ufffd'
    """
    if not _TERMINAL_CONTROL.search(text):
        return text
    return _TERMINAL_CONTROL.sub(replacement, _ESCAPES.sub("", text))


def one_line(text: str, limit: int = 1000) -> str:
    """An error message as one short terminal-safe line: controls escaped, cut to ``limit``.

    Line ends become ``\\n`` (the message stays one line), other control characters are shown
    as escapes (``\\x1b``) so the user sees what is in the file; a message longer than
    ``limit`` characters is cut in the middle with ``…``.
    """
    from resodraft.errors import shorten

    if _TERMINAL_CONTROL.search(text) or "\n" in text or "\r" in text:
        text = re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: repr(m.group())[1:-1], text)
    return shorten(text, limit)


def strip_from_resolution(res: Any) -> tuple[Any, int]:
    """``res`` without control characters in its text (metadata, paragraphs, footnotes), and
    how many were removed.

    For readers of documents resodraft did not write (PDF): a control character there is an
    artefact of text extraction (a glyph mapped to U+0003), not something the author wrote,
    and Word files cannot hold it. Text readers refuse them instead (:func:`refuse_controls`).
    """
    from resodraft.model import map_text

    count = 0

    def clean(text: str) -> str:
        nonlocal count
        found = CONTROL.findall(text)
        if not found:
            return text
        count += len(found)
        return CONTROL.sub("", text)

    out = map_text(res, clean)
    return (out, count) if count else (res, 0)
