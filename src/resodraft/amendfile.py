"""Writing amendment files (DESIGN.md §4): a tiny TOML emitter for the files resodraft writes.

``tomllib`` only reads TOML. The amendment files resodraft writes use a small part of it —
comments, bare keys, strings, whole numbers, dates, ``[[change]]`` tables and inline tables of
strings — so a few tested functions write it here rather than a dependency:

- :func:`toml_string` writes a basic string, escaping ``"``, ``\\`` and every control
  character; a long one becomes a multi-line basic string wrapped at spaces with line-ending
  backslashes, which TOML reads back as one line (``tomllib.loads`` gives the text exactly);
- :func:`comment` makes one safe comment line of any text (no line breaks, no control
  characters, which TOML forbids in comments);
- :func:`amendment_file` lays out a whole file: header comments, the file-level keys, then one
  ``[[change]]`` per change with its review comment above it.

Guarantee (tested): ``tomllib.loads(amendment_file(...))`` gives back exactly the keys and
values given, and the file reads with :func:`resodraft.amend.parse_amendment_text`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

WIDTH = 92
"""Long strings are wrapped so their lines stay about this wide."""

LONG = 80
"""Strings longer than this are written as wrapped multi-line strings."""

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
# a wrapped line must not look like a key or a table header to a reader scanning lines
# (resodraft.amend locates keys this way for its messages)
_LOOKS_LIKE_KEY = re.compile(r"^\s*(?:[A-Za-z_][\w-]*\s*=|\[)")


def _escape_char(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    code = ord(ch)
    if code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or ch in "\u2028\u2029":
        return f"\\u{code:04X}"
    return ch


def _escape(text: str) -> str:
    return "".join(_escape_char(ch) for ch in text)


def toml_key(key: str) -> str:
    """A key as written: bare when it can be, quoted otherwise."""
    return key if _BARE_KEY.match(key) else toml_string(key, multiline=False)


def toml_string(value: str, *, indent: int = 0, multiline: bool | None = None) -> str:
    """``value`` as a TOML basic string; wrapped over several lines when longer than :data:`LONG`.

    A wrapped string starts right after the opening ``\"\"\"`` (so spaces at its start stay
    on the key's line) and ends each line but the last with a space and a backslash: TOML
    drops that line break and the next line's indentation, so the value is exactly ``value``.
    Lines break only after a space followed by a non-space character, so no white space of
    the value is lost. ``indent`` is how much of the first line the key takes.
    """
    if multiline is None:
        multiline = len(value) > LONG
    if not multiline:
        return '"' + _escape(value) + '"'
    chunks = _wrap(value, WIDTH, first=max(WIDTH - indent, 20))
    if len(chunks) == 1:
        return '"' + _escape(value) + '"'
    lines = [_escape(chunk) + "\\" for chunk in chunks[:-1]] + [_escape(chunks[-1]) + '"""']
    return '"""' + "\n".join(lines)


def _wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """Cut ``text`` after spaces into pieces of about ``width`` characters (``first`` for the
    first piece); their concatenation is ``text``, each piece but the last ends with a space
    and the next starts with a non-space."""
    pieces: list[str] = []
    start = 0
    limit = first or width
    while len(text) - start > limit:
        cut = next((k for k in range(start + limit, start, -1) if _breakable(text, k)), None)
        if cut is None:
            cut = next((k for k in range(start + limit + 1, len(text)) if _breakable(text, k)), None)
        if cut is None:
            break
        pieces.append(text[start:cut])
        start = cut
        limit = width
    pieces.append(text[start:])
    return pieces


def _breakable(text: str, k: int) -> bool:
    """May a line end just before ``text[k]``? After a plain space, before a non-space that does
    not start something a line scanner would take for a key or a table."""
    if not (0 < k < len(text)) or text[k - 1] != " " or text[k] in " \t":
        return False
    return not _LOOKS_LIKE_KEY.match(_escape(text[k : k + 60]))


def toml_value(value: Any, *, indent: int = 0) -> str:
    """A value: string, whole number, date, or a table of strings (written inline)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return toml_string(value, indent=indent)
    if isinstance(value, Mapping):
        inner = ", ".join(f"{toml_key(str(k))} = {toml_string(str(v), multiline=False)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def comment(text: str) -> str:
    """``# text`` on one line: line breaks become spaces, control characters are dropped."""
    clean = re.sub(r"[\r\n\u2028\u2029]+", " ", text)
    clean = "".join(ch if ch == "\t" or (ord(ch) >= 0x20 and ord(ch) != 0x7F and not 0x80 <= ord(ch) < 0xA0) else "" for ch in clean)
    return ("# " + clean).rstrip()


def key_line(key: str, value: Any) -> str:
    """``key = value``."""
    prefix = f"{toml_key(key)} = "
    return prefix + toml_value(value, indent=len(prefix) + 3)


def amendment_file(
    *,
    header: Sequence[str],
    top: Sequence[tuple[str, Any]],
    changes: Iterable[tuple[Sequence[str], Sequence[tuple[str, Any]]]],
    meta: Sequence[tuple[str, Any, str]] = (),
) -> str:
    """A whole amendment file: ``header`` comment lines, the file-level keys ``top`` (in order),
    the ``[meta]`` table if ``meta`` has keys (key, value, comment line above it), then each
    change as its comment lines and its keys under a ``[[change]]`` header."""
    lines = [comment(h) if h else "#" for h in header]
    if lines:
        lines.append("")
    lines.extend(key_line(k, v) for k, v in top)
    if meta:
        lines += ["", "[meta]"]
        for k, v, note in meta:
            if note:
                lines.append(comment(note))
            lines.append(key_line(k, v))
    for notes, keys in changes:
        lines.append("")
        lines.extend(comment(n) for n in notes)
        lines.append("[[change]]")
        lines.extend(key_line(k, v) for k, v in keys)
    return "\n".join(lines) + "\n"


def derived_amendment_file(
    derivation: Any,
    *,
    sponsor: str,
    date: str | None = None,
    base_ref: str | None = None,
    base_name: str,
    edited_name: str,
    derived_on: str,
    version: str,
    status: str | None = None,
    tag: str | None = None,
    tracked: tuple[Sequence[str], str | None, str | None] | None = None,
) -> str:
    """The amendment file of a :class:`resodraft.derive.Derivation`, ready to review.

    ``base_ref`` is the ``base = …`` line (the base's path relative to where the file is
    written; ``None`` leaves it out); ``derived_on`` the day it was derived (YYYY-MM-DD);
    ``status`` and ``tag`` the file's place in a negotiation (left out when ``None``);
    ``tracked`` — ``(Word authors, first day, last day)`` — says the file comes from a Word
    file's tracked changes rather than from an edited copy.
    """
    counts = derivation.counts()
    total = sum(counts.values())
    detail = ", ".join(f"{n} {op}" for op, n in counts.items())
    if derivation.meta_table:
        keys = ", ".join(k for k, _ in derivation.meta_table)
        detail = f"{detail}; [meta] {keys}" if detail else f"[meta] {keys}"
    if tracked is None:
        origin = [
            f"Amendments derived by resodraft {version} from an edited copy (resodraft amendments).",
            f"Base text:   {base_name}",
            f"Edited copy: {edited_name}",
        ]
    else:
        authors, first, last = tracked
        when = "" if not last else f", dated {last}" if first in (None, last) else f", dated {first} to {last}"
        origin = [
            f"Amendments derived by resodraft {version} from tracked changes (resodraft amendments).",
            f"Base text:    {base_name}",
            f"Tracked file: {edited_name} (changes by {', '.join(authors)}{when})",
        ]
    header = [
        *origin,
        f"Derived on {derived_on}: {total} change{'s' if total != 1 else ''} ({detail}).",
        "Every change addresses the labels of the base text; the comment above it quotes the words",
        "it changes. Review them, then: resodraft redline BASE THIS-FILE -o build/",
    ]
    if derivation.unexpressed:
        header += ["", "Not expressed (applying this file differs from the edited copy here):"]
        header += [f"- {line}" for line in derivation.unexpressed]
    if getattr(derivation, "remarks", None):
        header += ["", "To know when reviewing:"]
        header += [f"- {line}" for line in derivation.remarks]
    top: list[tuple[str, Any]] = []
    if base_ref is not None:
        top.append(("base", base_ref))
    top.append(("sponsor", sponsor))
    if date is not None:
        top.append(("date", _dt.date.fromisoformat(date)))
    if status is not None:
        top.append(("status", status))
    if tag is not None:
        top.append(("tag", tag))
    changes = [([p.review] if p.review else [], p.keys()) for p in derivation.proposals]
    old = {m.key: m.old for m in derivation.meta}
    meta = [(*_meta_value(k, v), _meta_review(k, old.get(k), v, derivation)) for k, v in derivation.meta_table]
    return amendment_file(header=header, top=top, changes=changes, meta=meta)


def _meta_value(key: str, value: str) -> tuple[str, Any]:
    """A ``[meta]`` key as TOML wants it: ``session = 20``, ``date = 2021-12-06``, else text."""
    if key == "session" and value.isdigit():
        return key, int(value)
    if key == "date" and value:
        try:
            return key, _dt.date.fromisoformat(value)
        except ValueError:
            return key, value
    return key, value


def _meta_review(key: str, old: str | None, new: str, derivation: Any) -> str:
    """``session: « 19 » → « 20 »`` (``… → removed``), in the quotes of the text's language."""
    quote = (lambda t: f"« {t} »") if derivation.language == "fr" else (lambda t: f"“{t}”")
    was = quote(old) if old else "nothing"
    return f"{key}: {was} → {quote(new) if new else 'removed'}"
