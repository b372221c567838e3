"""Amendment files (TOML, DESIGN.md §4) and how they are applied to a base text.

Pipeline, each step a small function whose guarantees are stated here:

1. :func:`load_amendments` reads files and folders of ``*.toml`` (folders in name order) into
   :class:`Change` objects, each knowing its file and line. Malformed TOML, unknown keys or
   ops, wrong types and missing keys are :class:`~resodraft.errors.AmendmentError`\\ s naming
   ``FILE:LINE``.
2. :func:`plan` checks every change against the **base** text: labels exist, ``find`` occurs
   (once, or ``occurrence`` picks one), and no two changes overlap or contradict (a
   :class:`~resodraft.errors.ConflictError` names both). All labels address the base, so files
   written independently by different delegations compose.
3. :func:`amend` applies the plan in a defined order: in-paragraph changes (``substitute``,
   ``replace``) first, then structure (``delete``, ``move``, ``insert``), inserts at one place
   in file order. Blocks keep their ``uid`` (base label); inserted blocks get a ``uid`` naming
   the change (``+02-paragraphes.toml#1``). Numbers are left as they were: renumbering is the
   next transform (:mod:`resodraft.number`).

Text inserted by ``substitute``/``replace``/``insert`` is Markdown inline (``*Verbe*``, ``7^e``,
``[^a]`` with a ``notes = { a = "…" }`` table; ``footnotes`` is accepted for it). A plain
``replace`` inherits the formatting of the text it replaces (``find = "Prie"``, ``replace =
"Encourage"`` keeps the italics).

The document itself is amendable too (DESIGN.md §8):

- a ``[meta]`` table sets ``symbol``, ``title``, ``session``, ``date``, ``status``,
  ``adopted`` (``""`` removes a key), and removes the base's other front-matter keys
  (``meeting = ""``: what an imported masthead gave). Each key becomes a :class:`Change` with ``op = "meta"``
  and ``at = "meta.KEY"``; two files that set one key to different values conflict;
- footnotes are addressed as ``FN4`` (the footnote written ``[^4]`` in the base, as ``resodraft
  show`` lists them; ``at = "[^4]"`` is read the same) by ``substitute``, ``replace`` and
  ``delete``. Deleting a footnote removes **every** call to it (a footnote called twice loses
  both calls).

Labels are matched exactly, then without regard to case (``op17`` is ``OP17``: no two labels
differ only by case).
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from resodraft.errors import AmendmentError, ConflictError, quote
from resodraft.model import (
    Footnote,
    Heading,
    Inline,
    Inlines,
    NoteRef,
    Operative,
    Part,
    Preambular,
    Resolution,
    Span,
    SubParagraph,
    Text,
    iter_labelled,
    normalize,
    plain_text,
)
from resodraft.text import canonical_inlines

OPS = ("substitute", "insert", "replace", "delete", "move")
STATUSES = ("agreed", "proposed", "withdrawn")
"""Where a change stands in the negotiation (``status = "…"``; ``agreed`` when not said)."""
FILE_KEYS = {"sponsor", "date", "note", "base", "change", "status", "tag", "meta"}
META_FIELDS = ("symbol", "title", "session", "date", "status", "adopted")
"""The keys a ``[meta]`` table may set (the front matter's ``language`` is not amendable)."""
_EXTRA_KEY = re.compile(r"^[A-Za-z][\w-]*$")
"""Another front-matter key a ``[meta]`` table may remove (``meeting = ""``)."""
COMMON_KEYS = {"op", "sponsor", "date", "note", "status", "tag"}
OP_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # op: (required, optional)
    "substitute": ({"at", "find", "replace"}, {"occurrence", "notes", "footnotes"}),
    "insert": (set(), {"after", "before", "text", "heading", "kind", "notes", "footnotes"}),
    "replace": ({"at", "text"}, {"notes", "footnotes"}),
    "delete": ({"at"}, set()),
    "move": ({"at"}, {"after", "before"}),
}
STRING_KEYS = {"op", "sponsor", "note", "status", "tag", "at", "find", "replace", "after", "before", "text", "heading", "kind", "base"}
KINDS = ("operative", "preambular", "heading")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:\d+\.|\(?[a-z]{1,4}\)|#)\s)")
"""A blank line, or a line opening like a new paragraph (``2.``, ``b)``, ``(b)``, ``#``)."""
_ONE_PARAGRAPH = {
    "insert": "an insert adds one paragraph: write one [[change]] per paragraph (inserts at one place keep their order)",
    "replace": "replace the text of one paragraph; add the next paragraph with an op = 'insert' after it",
    "substitute": "a substitute changes words inside one paragraph",
}


@dataclass(frozen=True)
class Change:
    """One ``[[change]]`` of an amendment file, with where it was written."""

    op: str
    file: str
    line: int
    index: int  # position within its file, from 1
    sponsor: str
    date: str | None = None
    note: str | None = None
    at: str | None = None
    after: str | None = None
    before: str | None = None
    find: str | None = None
    replace: str | None = None
    occurrence: int | None = None
    text: str | None = None
    heading: str | None = None
    kind: str | None = None
    footnotes: tuple[tuple[str, str], ...] = ()
    key_lines: tuple[tuple[str, int], ...] = ()
    base: str | None = None  # the base file named by the amendment file, if any
    base_line: int = 1
    status: str = "agreed"  # agreed | proposed | withdrawn (the file's, unless the change says)
    tag: str | None = None  # the short name shown in a compilation ("EU"); None: the sponsor

    @property
    def label(self) -> str:
        """The sponsor's tag in a compilation: ``tag``, else the sponsor."""
        return self.tag or self.sponsor

    @property
    def where(self) -> str:
        """``FILE:LINE`` of the change."""
        return f"{self.file}:{self.line}"

    @property
    def ref(self) -> str:
        """A short stable name: ``02-paragraphes.toml#1`` (``00-rollover.toml[meta].session``)."""
        if self.op == "meta":
            return f"{Path(self.file).name}[meta].{(self.at or '').removeprefix('meta.')}"
        return f"{Path(self.file).name}#{self.index}"

    def line_of(self, key: str) -> int:
        """The line of ``key`` inside this change (the change's line if not found)."""
        return dict(self.key_lines).get(key, self.line)

    def error(self, message: str, key: str | None = None, hint: str | None = None) -> AmendmentError:
        return AmendmentError(message, file=self.file, line=self.line_of(key) if key else self.line, hint=hint)


# --------------------------------------------------------------------------------------------
# loading


_CHANGE_HEADER = re.compile(r"^\s*\[\[\s*change\s*\]\]\s*(#.*)?$")
_TABLE_HEADER = re.compile(r"^\s*\[")
_KEY_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*=")


_META_HEADER = re.compile(r"^\s*\[\s*meta\s*\]\s*(#.*)?$")


def _locate(text: str, meta: dict[str, int] | None = None) -> tuple[dict[str, int], list[tuple[int, dict[str, int]]]]:
    """Lines of the file-level keys and, per ``[[change]]``, its line and its keys' lines.

    tomllib gives no positions, so this light scan of the source supplies them for messages.
    ``meta``, when given, receives the lines of the ``[meta]`` table's keys (and ``""``: the
    line of its header).
    """
    top: dict[str, int] = {}
    changes: list[tuple[int, dict[str, int]]] = []
    current: dict[str, int] | None = None
    for n, line in enumerate(text.splitlines(), start=1):
        if _CHANGE_HEADER.match(line):
            current = {}
            changes.append((n, current))
            continue
        if _META_HEADER.match(line):
            current = meta if meta is not None else {}
            current.setdefault("", n)
            continue
        if _TABLE_HEADER.match(line):
            current = {} if current is not None else None
            continue
        m = _KEY_LINE.match(line)
        if m:
            target = current if current is not None else top
            target.setdefault(m.group(1), n)
    return top, changes


def _date(value: Any, file: str, line: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:  # 10:30:00+02:00 is 08:30:00 UTC, which Word's "Z" form says
            value = value.astimezone(_dt.timezone.utc)
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")  # a time without offset is read as UTC
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise AmendmentError(
                f"date {value!r} does not exist",
                file=file,
                line=line,
                hint="write it as 2021-11-04 (year-month-day: month 1–12, a day the month has)",
            ) from None
        return value
    raise AmendmentError(
        f"date {quote(str(value))} is not a date",
        file=file,
        line=line,
        hint="write it as 2021-11-04 (year-month-day, no quotes)",
    )


def _refuse_controls_in(
    data: dict[str, Any],
    file: str,
    top_lines: dict[str, int],
    change_lines: list[tuple[int, dict[str, int]]],
    meta_lines: dict[str, int] | None = None,
) -> None:
    """A control character in a TOML string (written as an escape, ``"\\u0001"``) is refused.

    The file's own text was checked when read; escapes only appear once TOML is parsed.
    """
    from resodraft.controls import CONTROL, describe

    def walk(value: Any, key: str, line: int) -> None:
        if isinstance(value, str):
            m = CONTROL.search(value)
            if m is not None:
                raise AmendmentError(
                    f"{key!r} holds a control character, {describe(m.group())}",
                    file=file,
                    line=line,
                    hint="delete it (an escape such as \\u0001 in quotes): Word files cannot hold it",
                )
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k) if key == "change" else key, line)
        elif isinstance(value, list):
            for v in value:
                walk(v, key, line)

    for key, value in data.items():
        if key == "meta" and isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k), (meta_lines or {}).get(str(k), top_lines.get(key, 1)))
        elif key == "change" and isinstance(value, list):
            for index, change in enumerate(value):
                line, keys = change_lines[index] if index < len(change_lines) else (top_lines.get(key, 1), {})
                if isinstance(change, dict):
                    for k, v in change.items():
                        walk(v, str(k), keys.get(str(k), line))
        else:
            walk(value, key, top_lines.get(key, 1))


def _status(value: str, file: str, line: int) -> str:
    if value not in STATUSES:
        raise AmendmentError(
            f"unknown status {value!r}",
            file=file,
            line=line,
            hint=_suggest(value, STATUSES) or 'use status = "agreed", "proposed" or "withdrawn"',
        )
    return value


def _tag(value: str | None, file: str, line: int) -> str | None:
    if value is None:
        return None
    if not value.strip() or any(c in value for c in "[]\n"):
        raise AmendmentError(
            f"tag {value!r} cannot be shown in a compilation",
            file=file,
            line=line,
            hint='write a short name without brackets, e.g. tag = "EU"',
        )
    return value.strip()


def _suggest(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def parse_amendment_text(text: str, file: str) -> list[Change]:
    """Parse one amendment file's text into changes (see :func:`load_amendments`)."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise AmendmentError(
            "the file nests arrays or tables too deeply to be an amendment file",
            file=file,
            hint="an amendment file holds a few keys and [[change]] tables (see docs/amendments.md)",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise AmendmentError(
            f"not valid TOML: {msg}",
            file=file,
            line=int(m.group(1)) if m else None,
            hint="check quotes, '=' signs and [[change]] headers (see docs/amendments.md)",
        ) from None
    meta_lines: dict[str, int] = {}
    top_lines, change_lines = _locate(text, meta_lines)
    _refuse_controls_in(data, file, top_lines, change_lines, meta_lines)

    for key in data:
        if key not in FILE_KEYS:
            if key in META_FIELDS:
                hint = f'the document\'s {key} is set in a [meta] table: [meta] then {key} = "…"'
            else:
                hint = _suggest(key, FILE_KEYS) or "file-level keys are sponsor, date, note, base, status, tag and the [meta] table"
            raise AmendmentError(f"unknown key {key!r}", file=file, line=top_lines.get(key, 1), hint=hint)
    for key in ("sponsor", "note", "base", "status", "tag"):
        if key in data and not isinstance(data[key], str):
            raise AmendmentError(
                f"{key!r} must be text in quotes", file=file, line=top_lines.get(key, 1), hint=f'write {key} = "…"'
            )
    sponsor = data.get("sponsor")
    if not sponsor or not str(sponsor).strip():
        raise AmendmentError(
            "the file has no sponsor",
            file=file,
            line=1,
            hint='add sponsor = "…" at the top: it becomes the author of the tracked changes',
        )
    file_date = _date(data.get("date"), file, top_lines.get("date", 1))
    file_status = _status(data.get("status", "agreed"), file, top_lines.get("status", 1))
    file_tag = _tag(data.get("tag"), file, top_lines.get("tag", 1))
    raw_changes = data.get("change", [])
    if not isinstance(raw_changes, list) or not all(isinstance(c, dict) for c in raw_changes):
        raise AmendmentError(
            "'change' must be a list of [[change]] tables",
            file=file,
            line=top_lines.get("change", 1),
            hint="write each change under its own [[change]] header",
        )
    meta_changes = _parse_meta(data.get("meta"), file, meta_lines, top_lines, sponsor, file_date)
    if not raw_changes and not meta_changes:
        raise AmendmentError(
            "the file has no [[change]]", file=file, line=1, hint="add at least one [[change]] table (or a [meta] table)"
        )

    changes = []
    for index, raw in enumerate(raw_changes, start=1):
        line, keys = change_lines[index - 1] if index - 1 < len(change_lines) else (top_lines.get("change", 1), {})
        change = _parse_change(raw, file, line, index, keys, sponsor, file_date, data.get("base"))
        status = _status(raw["status"], file, keys.get("status", line)) if "status" in raw else file_status
        tag = _tag(raw["tag"], file, keys.get("tag", line)) if "tag" in raw else file_tag
        changes.append(replace(change, base_line=top_lines.get("base", 1), status=status, tag=tag))
    base_line = top_lines.get("base", 1)
    changes.extend(
        replace(c, base=data.get("base"), base_line=base_line, status=file_status, tag=file_tag) for c in meta_changes
    )
    return changes


def _parse_meta(
    raw: Any, file: str, lines: dict[str, int], top: dict[str, int], sponsor: str, date: str | None
) -> list[Change]:
    """The ``[meta]`` table as ``op = "meta"`` changes, one per key (``""`` removes the key)."""
    if raw is None:
        return []
    header = lines.get("", top.get("meta", 1))
    if not isinstance(raw, dict):
        raise AmendmentError(
            "'meta' must be a table", file=file, line=header, hint='write [meta] on its own line, then session = 20, status = "draft" …'
        )
    out: list[Change] = []
    for index, (key, value) in enumerate(raw.items(), start=1):
        line = lines.get(key, header)

        def fail(message: str, hint: str) -> AmendmentError:
            return AmendmentError(message, file=file, line=line, hint=hint)

        if key not in META_FIELDS and key != "language" and value == "" and _EXTRA_KEY.match(key):
            # another front-matter key of the base (an imported masthead's "meeting", a record's
            # "source_pdf"): "" removes it; it cannot be set (plan() checks the base has it)
            out.append(
                Change(
                    op="meta", file=file, line=line, index=index, sponsor=sponsor, date=date,
                    at=f"meta.{key}", replace="", key_lines=(("at", line), ("replace", line)),
                )
            )
            continue
        if key not in META_FIELDS:
            hint = _suggest(key, META_FIELDS) or (
                f"[meta] sets {', '.join(META_FIELDS)}; the base's other front-matter keys can only be removed ({key} = \"\")"
            )
            if key == "language":
                hint = "the language of a text is not amended: write the new text in its own file"
            raise fail(f"unknown key {key!r} in [meta]", hint)
        if key == "session":
            digits = isinstance(value, (int, str)) and not isinstance(value, bool) and str(value).strip().isdigit()
            if not digits and value != "":
                raise fail(f"session {value!r} is not a session number", "write it as a number: session = 20")
            if isinstance(value, int) and value < 1:
                raise fail(f"session {value!r} is not a session number", "sessions are numbered from 1: session = 20")
            text = str(value).strip()
        elif key == "date":
            text = "" if value == "" else (_date(value, file, line) or "")
        elif not isinstance(value, str):
            raise fail(f"{key!r} must be text in quotes, not {type(value).__name__}", f'write {key} = "…" ("" removes it)')
        else:
            text = value.strip()
            if key == "status" and text not in ("", "draft", "adopted"):
                raise fail(
                    f"unknown status {value!r}",
                    'use status = "draft" (a text under negotiation) or status = "adopted"',
                )
        out.append(
            Change(
                op="meta",
                file=file,
                line=line,
                index=index,
                sponsor=sponsor,
                date=date,
                at=f"meta.{key}",
                replace=text,
                key_lines=(("at", line), ("replace", line)),
            )
        )
    return out


def _parse_change(
    raw: dict[str, Any],
    file: str,
    line: int,
    index: int,
    keys: dict[str, int],
    sponsor: str,
    file_date: str | None,
    base: str | None,
) -> Change:
    def fail(message: str, key: str | None = None, hint: str | None = None) -> AmendmentError:
        return AmendmentError(message, file=file, line=keys.get(key, line) if key else line, hint=hint)

    op = raw.get("op")
    if op is None:
        raise fail("this change has no op", hint=f"add op = one of {', '.join(OPS)}")
    if op not in OPS:
        raise fail(f"unknown op {op!r}", "op", hint=_suggest(str(op), OPS) or f"use one of {', '.join(OPS)}")
    required, optional = OP_KEYS[op]
    for key in raw:
        if key not in required | optional | COMMON_KEYS:
            allowed = ", ".join(sorted(required | optional | COMMON_KEYS))
            raise fail(f"unknown key {key!r} for op = {op!r}", key, hint=_suggest(key, required | optional) or f"allowed: {allowed}")
    for key in sorted(required):
        if key not in raw:
            raise fail(f"op = {op!r} needs {key!r}", hint=f"add {key} = …")
    for key, value in raw.items():
        if key in STRING_KEYS and not isinstance(value, str):
            raise fail(f"{key!r} must be text in quotes, not {type(value).__name__}", key, hint=f'write {key} = "…"')
    if "occurrence" in raw and (not isinstance(raw["occurrence"], int) or isinstance(raw["occurrence"], bool) or raw["occurrence"] < 1):
        raise fail("'occurrence' must be a whole number from 1", "occurrence", hint="occurrence = 2 picks the second")
    if "notes" in raw and "footnotes" in raw:
        raise fail("give new footnotes once, in 'notes'", "footnotes", hint="'footnotes' is the old name of 'notes': merge the two tables")
    notes_key = "footnotes" if "footnotes" in raw else "notes"
    notes: dict[str, Any] = raw.get(notes_key, {})
    if not isinstance(notes, dict) or not all(isinstance(v, str) for v in notes.values()):
        raise fail(f"'{notes_key}' must be a table of texts", notes_key, hint=f'write {notes_key} = {{ a = "ICC-ASP/20/25." }}')
    if op in ("insert", "move"):
        anchors = [k for k in ("after", "before") if k in raw]
        if len(anchors) != 1:
            raise fail(f"op = {op!r} needs exactly one of 'after' or 'before'", hint='e.g. after = "OP21"')
    if op == "insert":
        has = [k for k in ("text", "heading") if k in raw]
        if len(has) != 1:
            raise fail("op = 'insert' needs exactly one of 'text' (a paragraph) or 'heading'", hint='e.g. text = "*Décide* … ;"')
        if "kind" in raw and raw["kind"] not in KINDS:
            raise fail(f"unknown kind {raw['kind']!r}", "kind", hint=f"use one of {', '.join(KINDS)}")
    for key in ("text", "find", "heading", "at", "after", "before"):
        if key in raw and not raw[key].strip():
            raise fail(f"{key!r} is empty", key, hint=f"write the {key}, or use op = 'delete'")
    for key in ("text", "heading", "replace", "find"):
        if key in raw and (m := _PARAGRAPH_BREAK.search(raw[key].strip())):
            before = raw[key].strip()[: m.start()].rsplit("\n", 1)[-1]
            raise fail(
                f"{key!r} holds more than one paragraph (a new one starts after {quote(before, 40)})",
                key,
                hint=_ONE_PARAGRAPH.get(op, "write one paragraph"),
            )
    return Change(
        op=op,
        file=file,
        line=line,
        index=index,
        sponsor=raw.get("sponsor", sponsor),
        date=_date(raw["date"], file, keys.get("date", line)) if "date" in raw else file_date,
        note=raw.get("note"),
        at=raw.get("at"),
        after=raw.get("after"),
        before=raw.get("before"),
        find=raw.get("find"),
        replace=raw.get("replace"),
        occurrence=raw.get("occurrence"),
        text=raw.get("text"),
        heading=raw.get("heading"),
        kind=raw.get("kind"),
        footnotes=tuple((str(k), v) for k, v in notes.items()),
        key_lines=tuple(keys.items()),
        base=base,
    )


def amendment_files(paths: Iterable[str]) -> list[str]:
    """The ``*.toml`` files named by ``paths`` (folders expanded, in name order)."""
    import stat

    from resodraft.paths import stat_or_none, walk_files

    out: list[str] = []
    for item in paths:
        st = stat_or_none(item, what="amendment file or folder")
        if st is None:
            raise AmendmentError("file not found", file=item, hint="check the path of the amendment file or folder")
        if stat.S_ISDIR(st.st_mode):
            found = walk_files(item, keep=lambda f: f.suffix == ".toml")
            if not found:
                raise AmendmentError("the folder has no amendment files (*.toml)", file=item, hint="put the .toml files there")
            out.extend(found)
        else:
            out.append(item)
    return out


def select(changes: Iterable[Change], include: Iterable[str] = ("agreed",)) -> list[Change]:
    """The changes whose ``status`` is in ``include`` (by default the agreed ones), in order.

    What ``redline`` and ``apply`` apply: proposals still under negotiation (``proposed``)
    only when asked to preview them, withdrawn ones never by default.
    """
    wanted = set(include)
    return [c for c in changes if c.status in wanted]


def load_amendments(paths: Iterable[str]) -> list[Change]:
    """Read amendment files and folders (in name order) into changes, in application order.

    Every change is returned, whatever its ``status``; :func:`select` keeps the ones to apply.
    """
    from resodraft.readers import read_text

    changes: list[Change] = []
    for file in amendment_files(paths):
        changes.extend(parse_amendment_text(read_text(file), file))
    return changes


# --------------------------------------------------------------------------------------------
# markdown inline for inserted text


def parse_inline(text: str) -> Inlines:
    """Markdown inline text of an amendment (``*Se félicite* de …``) as model inlines."""
    from resodraft.readers.markdown import parse_inline as _parse_inline

    return _parse_inline(text)


# --------------------------------------------------------------------------------------------
# planning: resolve labels and phrases against the base, detect conflicts


_APOS = str.maketrans({"’": "'", "‘": "'"})
"""Apostrophes a find may type straight (``'``) where the base has them curly (``’``)."""


def _find_all(haystack: str, needle: str) -> list[int]:
    out, start = [], 0
    while (k := haystack.find(needle, start)) >= 0:
        out.append(k)
        start = k + 1
    return out


@dataclass
class _Target:
    """A resolved label: where it sits in the base."""

    label: str
    node: Any
    parent: str | None


@dataclass
class Plan:
    """Changes resolved against the base: substitutions per label, structure edits."""

    base: Resolution
    targets: dict[str, _Target]
    edits: dict[str, list[tuple[int, int, Change]]] = field(default_factory=dict)  # label -> ranges
    replaced: dict[str, Change] = field(default_factory=dict)
    deleted: dict[str, Change] = field(default_factory=dict)
    moved: dict[str, Change] = field(default_factory=dict)
    inserts: list[Change] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes_deleted: dict[str, Change] = field(default_factory=dict)  # FN label -> change
    meta: dict[str, Change] = field(default_factory=dict)  # meta key -> change


def note_label(note_id: str) -> str:
    """The label of a footnote: ``[^4]`` is ``FN4`` (``[^a]`` is ``FNa``)."""
    return f"FN{note_id}"


def suggest_label(label: str, labels: Iterable[str]) -> str:
    """``did you mean 'OP17'?`` for ``op71``/``op17``, comparing without regard to case."""
    import difflib

    by_lower: dict[str, str] = {}
    for known in labels:
        by_lower.setdefault(known.lower(), known)
    close = difflib.get_close_matches(label.lower(), list(by_lower), n=1)
    return f"did you mean {by_lower[close[0]]!r}?" if close else ""


def _label_hint(base: Resolution, label: str) -> str:
    labels = [x.label for x in iter_labelled(base)] + [note_label(n.id) for n in base.footnotes]
    if label.strip().lower().removeprefix("meta.") in META_FIELDS or label.strip().lower() == "meta":
        key = label.strip().lower().removeprefix("meta.")
        key = key if key in META_FIELDS else "session"
        return f'the {key} is not a paragraph: set it in a [meta] table ([meta] then {key} = "…")'
    hint = suggest_label(label, labels)
    if label.strip().upper().startswith(("FN", "[^")):
        notes = [note_label(n.id) for n in base.footnotes]
        span = f"the base has footnotes {notes[0]}…{notes[-1]}" if notes else "the base has no footnotes"
    else:
        ops = [x for x in labels if "OP" in x and "(" not in x]
        span = f"the base has {ops[0]}…{ops[-1]}" if ops else ""
    return "; ".join(p for p in (hint, span, "run 'resodraft show BASE' to list the labels") if p)


_CALL_LABEL = re.compile(r"^\s*\[\^([^\]\s]+)\]\s*$")


def canonical_label(label: str, known: dict[str, str]) -> str:
    """``label`` as the base spells it: exact, ``[^4]`` → ``FN4``, then without regard to case.

    ``known`` maps every label and its lower-case form to the label. A label that matches
    nothing is returned unchanged (the caller reports it).
    """
    if label in known:
        return known[label]
    m = _CALL_LABEL.match(label)
    if m and note_label(m.group(1)) in known:
        return note_label(m.group(1))
    return known.get(label.strip().lower(), label)


def _with_canonical_labels(change: Change, known: dict[str, str]) -> Change:
    updates = {
        key: canonical_label(value, known)
        for key in ("at", "after", "before")
        if (value := getattr(change, key)) is not None and change.op != "meta"
    }
    changed = {k: v for k, v in updates.items() if v != getattr(change, k)}
    return replace(change, **changed) if changed else change


def _descendants(label: str, targets: dict[str, _Target]) -> set[str]:
    out = {label}
    for other, t in targets.items():
        if t.parent and (t.parent in out or any(t.parent == o for o in out)):
            out.add(other)
    # repeat for depth 2
    for other, t in targets.items():
        if t.parent in out:
            out.add(other)
    return out


def plan(base: Resolution, changes: list[Change]) -> Plan:
    """Resolve every change against ``base``; raise on the first bad or conflicting change."""
    targets = {x.label: _Target(x.label, x.node, x.parent) for x in iter_labelled(base)}
    for note in base.footnotes:
        targets.setdefault(note_label(note.id), _Target(note_label(note.id), note, None))
    known = {label: label for label in targets}
    for label in targets:
        known.setdefault(label.lower(), label)
    changes = [_with_canonical_labels(c, known) for c in changes]
    p = Plan(base=base, targets=targets, changes=list(changes))

    def need(change: Change, key: str) -> _Target:
        label = getattr(change, key)
        if label not in targets:
            raise change.error(f"unknown label {label!r}", key, hint=_label_hint(base, label))
        return targets[label]

    def is_note(target: _Target) -> bool:
        return isinstance(target.node, Footnote)

    touched: dict[str, Change] = {}  # label -> first change touching its text (footnotes)

    def conflict(a: Change, b: Change, what: str) -> ConflictError:
        return ConflictError(
            f"{what}: this change and the one at {b.where} ({b.op} {b.at or b.after or b.before})",
            file=a.file,
            line=a.line,
            hint="combine them into one change, or drop one",
        )

    for change in changes:
        if change.op == "meta":
            key = (change.at or "").removeprefix("meta.")
            if key not in META_FIELDS and key not in dict(base.meta.extra):
                hint = _suggest(key, META_FIELDS + tuple(k for k, _ in base.meta.extra))
                raise AmendmentError(
                    f"the base text has no front-matter key {key!r} to remove",
                    file=change.file,
                    line=change.line,
                    hint=hint or f"[meta] sets {', '.join(META_FIELDS)}, and removes ('') the base's other keys",
                )
            other = p.meta.get(key)
            if other is not None and other.replace != change.replace:
                raise ConflictError(
                    f"[meta] {key} is set twice, to {change.replace!r} here and to {other.replace!r} at {other.where}",
                    file=change.file,
                    line=change.line,
                    hint="keep one value, in one file",
                )
            p.meta.setdefault(key, change)
            continue
        if change.op in ("substitute", "replace", "delete", "move"):
            target = need(change, "at")
            if change.op == "move" and is_note(target):
                raise change.error(
                    f"{target.label} is a footnote: footnotes follow their calls and cannot be moved",
                    "at",
                    hint="move the paragraph that calls it, or delete the footnote and call a new one",
                )
        if change.op in ("insert", "move"):
            anchor_key = "after" if change.after is not None else "before"
            anchor = need(change, anchor_key)
            if is_note(anchor):
                raise change.error(
                    f"{anchor.label} is a footnote, not a place in the text",
                    anchor_key,
                    hint='to add a footnote, call it in a paragraph\'s text ("…[^a]") and give notes = { a = "…" }',
                )
            if change.op == "move":
                if getattr(change, anchor_key) in _descendants(change.at or "", targets):
                    raise change.error(
                        f"cannot move {change.at} {anchor_key} itself or its own sub-paragraph", anchor_key
                    )
                if (anchor.parent is None) != (target.parent is None):
                    raise change.error(
                        f"cannot move {change.at} {anchor_key} {anchor.label}: one is a sub-paragraph, the other is not",
                        anchor_key,
                        hint="move paragraphs next to paragraphs and sub-paragraphs next to sub-paragraphs",
                    )
            if change.op == "insert" and change.heading and anchor.parent is not None:
                raise change.error("a heading cannot be inserted among sub-paragraphs", anchor_key)
        if change.op == "substitute":
            content = target.node.content
            text = plain_text(content)
            find = change.find or ""
            hits = _find_all(text, find)
            folded = False
            if not hits:
                hits = _find_all(text.translate(_APOS), find.translate(_APOS))
                folded = bool(hits)
            if not hits:
                raise _not_found(change, text)
            if change.occurrence is not None:
                if change.occurrence > len(hits):
                    raise change.error(
                        f"{quote(find)} occurs {len(hits)} time(s) in {change.at}, not {change.occurrence}",
                        "occurrence",
                        hint=f"use occurrence = 1…{len(hits)}",
                    )
                start = hits[change.occurrence - 1]
            elif len(hits) > 1:
                shown = "; ".join(
                    f"{n}: …{text[max(0, h - 25):h + min(len(find), 40) + 25]}…" for n, h in enumerate(hits[:5], 1)
                )
                raise change.error(
                    f"{quote(find)} occurs {len(hits)} times in {change.at} ({shown}{'; …' if len(hits) > 5 else ''})",
                    "find",
                    hint="add occurrence = N, or a longer find",
                )
            else:
                start = hits[0]
            end = start + len(find)
            if folded:  # the base's characters outside the words that change are kept
                start, end, change = _trim_to_changed_words(text, start, end, change)
            for s, e, other in p.edits.get(target.label, []):
                if start < e and s < end or (start == end == s):
                    raise conflict(change, other, f"two changes overlap in {target.label}")
            if target.label in p.replaced:
                raise conflict(change, p.replaced[target.label], f"{target.label} is also replaced as a whole")
            p.edits.setdefault(target.label, []).append((start, end, change))
        elif change.op == "replace":
            if target.label in p.replaced:
                raise conflict(change, p.replaced[target.label], f"{target.label} is replaced twice")
            if target.label in p.edits:
                raise conflict(change, p.edits[target.label][0][2], f"{target.label} is also amended inside")
            if isinstance(target.node, (Part,)):
                raise change.error("a part heading cannot be replaced", "at", hint="use substitute on its words")
            p.replaced[target.label] = change
            touched.setdefault(target.label, change)
        elif change.op == "delete" and is_note(target):
            if target.label in p.notes_deleted:
                raise conflict(change, p.notes_deleted[target.label], f"{target.label} is deleted twice")
            if target.label in touched:
                raise conflict(change, touched[target.label], f"{target.label} is deleted and also amended")
            p.notes_deleted[target.label] = change
            touched.setdefault(target.label, change)
        elif change.op == "delete":
            if target.label in p.deleted:
                raise conflict(change, p.deleted[target.label], f"{target.label} is deleted twice")
            if isinstance(target.node, Part):
                raise change.error("deleting a whole part is not supported", "at", hint="delete its paragraphs one by one")
            p.deleted[target.label] = change
        elif change.op == "move":
            if target.label in p.moved:
                raise conflict(change, p.moved[target.label], f"{target.label} is moved twice")
            p.moved[target.label] = change
        else:
            p.inserts.append(change)
    _refuse_changes_to_deleted(p, targets, conflict)
    for label, change in p.notes_deleted.items():
        other = (p.edits.get(label) or [(0, 0, None)])[0][2] or p.replaced.get(label)
        if other is not None:
            raise conflict(other, change, f"{label} is amended but also deleted")
    return p


def _refuse_changes_to_deleted(
    p: Plan, targets: dict[str, _Target], conflict: Any
) -> None:
    """Any change to a deleted paragraph or to one of its sub-paragraphs is a contradiction.

    In the same file or another, whichever comes first: a ``substitute``, ``replace``,
    ``move`` or second ``delete`` whose ``at`` is the deleted paragraph or inside it, and an
    ``insert``/``move`` placed next to a sub-paragraph of a deleted paragraph (it would have
    nowhere to go). Placing one next to the deleted paragraph itself is not a contradiction:
    it lands where that paragraph stood. The first contradiction in application order is
    raised at the later change, naming the earlier one.
    """
    if not p.deleted:
        return
    order = {id(c): i for i, c in enumerate(p.changes)}
    inside: dict[str, list[tuple[str, Change]]] = {}  # label -> (deleted label, delete change)
    for root, deletion in p.deleted.items():
        for member in _descendants(root, targets):
            inside.setdefault(member, []).append((root, deletion))
    found: list[tuple[int, int, Change, Change, str]] = []
    for change in p.changes:
        roles: list[tuple[str, str | None]] = []
        if change.op in ("substitute", "replace", "delete", "move"):
            roles.append(("at", change.at))
        if change.op in ("insert", "move"):
            roles.append(("anchor", change.after or change.before))
        for role, label in roles:
            for root, deletion in inside.get(label or "", []):
                if deletion is change or (role == "anchor" and label == root):
                    continue
                later, earlier = (change, deletion) if order[id(change)] > order[id(deletion)] else (deletion, change)
                if role == "anchor":
                    placed = "inserted" if change.op == "insert" else "moved"
                    side = "after" if change.after else "before"
                    what = f"{label} is deleted with {root}, so nothing can be {placed} {side} it"
                elif change.op == "delete":
                    what = f"{label} is deleted twice (also with {root})"
                else:
                    verb = "moved" if change.op == "move" else "amended"
                    what = f"{label} is deleted and also {verb}" if later is deletion else f"{label} is {verb} and also deleted"
                    if label != root:
                        what += f" (with {root})"
                found.append((order[id(later)], order[id(earlier)], later, earlier, what))
    if found:
        _, _, later, earlier, what = min(found, key=lambda f: (f[0], f[1]))
        raise conflict(later, earlier, what)


_SPACES = {"\u00a0": "a no-break space (U+00A0)", "\u202f": "a narrow no-break space (U+202F)",
           "\u2007": "a figure space (U+2007)", " ": "a space"}
_FOLD_SPACES = str.maketrans({c: " " for c in _SPACES})


def _toml_string(text: str) -> str:
    """``text`` as a TOML string to paste into ``find = …`` (special spaces as ``\\uXXXX``)."""
    out = []
    for ch in text:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch in _SPACES and ch != " " or unicodedata.combining(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _not_found(change: Change, text: str) -> AmendmentError:
    """The find is not in the paragraph: say what is there instead when only spaces or the
    Unicode form differ (no-break spaces, NFD vs NFC), else say to copy the words exactly."""
    find = change.find or ""
    base = text.translate(_APOS).translate(_FOLD_SPACES)
    for form in ("NFC", "NFD"):
        wanted = unicodedata.normalize(form, find).translate(_APOS).translate(_FOLD_SPACES)
        hits = _find_all(base, wanted)
        if not hits:
            continue
        k = min((change.occurrence or 1), len(hits)) - 1
        there = text[hits[k] : hits[k] + len(wanted)]
        notes = []
        if unicodedata.normalize(form, find) != find:
            notes.append(
                f"the find is written in Unicode {'decomposed (NFD)' if form == 'NFC' else 'composed (NFC)'} form and the base "
                f"in {form}: the letters look the same but are other characters"
            )
        mine = unicodedata.normalize(form, find).translate(_APOS)
        pairs = sorted({(a, b) for a, b in zip(mine, there.translate(_APOS)) if a != b and a in _SPACES and b in _SPACES})
        notes += [f"the base has {_SPACES[b]} where the find has {_SPACES[a]}" for a, b in pairs]
        if unicodedata.normalize(form, find) != find:
            hint = "copy the words from the base text (resodraft show BASE), or save the amendment file in NFC"
        else:
            hint = f"write find = {_toml_string(there)}" if len(there) <= 80 else "copy the words from the base text"
        return change.error(
            f"{quote(find)} is not in {change.at} as written — did you mean {quote(there)}? ({'; '.join(notes)})",
            "find",
            hint=hint,
        )
    return change.error(
        f"{quote(find)} is not in {change.at}",
        "find",
        hint="copy the words exactly as they stand in the base text, without * or ^ markup",
    )


_WORD_EDGE = re.compile(r"\s")


def _trim_to_changed_words(text: str, start: int, end: int, change: Change) -> tuple[int, int, Change]:
    """Narrow a substitution found by folding apostrophes to the words that really change.

    ``find = "l'Assemblée à sa vingtième"`` with ``replace = "l'Assemblée à sa vingt-et-unième"``
    against a base written ``l’Assemblée`` replaces ``vingtième`` only, so the base keeps its
    typographic apostrophe. Cuts happen at white space, never inside a word, and never inside
    Markdown markup of the replacement.
    """
    found = text[start:end].translate(_APOS)
    repl = change.replace or ""
    if any(ch in repl for ch in "*^[]\\_`"):
        return start, end, change
    folded_repl = repl.translate(_APOS)
    n = 0
    while n < min(len(found), len(folded_repl)) and found[n] == folded_repl[n]:
        n += 1
    # back off to a word edge: both sides must end there or be followed by white space
    while n > 0 and not (
        (n == len(found) or _WORD_EDGE.match(found[n])) and (n == len(folded_repl) or _WORD_EDGE.match(folded_repl[n]))
    ):
        n -= 1
    m = 0
    while m < min(len(found), len(folded_repl)) - n and found[-1 - m] == folded_repl[-1 - m]:
        m += 1
    while m > 0 and not (
        (m == len(found) - n or _WORD_EDGE.match(found[-1 - m])) and (m == len(folded_repl) - n or _WORD_EDGE.match(folded_repl[-1 - m]))
    ):
        m -= 1
    if n == 0 and m == 0:
        return start, end, change
    return start + n, end - m, replace(change, replace=repl[n : len(repl) - m])


# --------------------------------------------------------------------------------------------
# applying


@dataclass
class Amended:
    """The result of :func:`amend`: the new text and who did what.

    ``authors`` maps block uids of inserted, deleted, moved and replaced blocks to
    ``(sponsor, date)``, ``FN4`` (a base footnote's label) to who deleted or replaced it, and
    ``meta.session`` (``meta.KEY``) to who set a key of the ``[meta]`` table; in-paragraph
    authorship is in each block's (and footnote's) ``authors`` spans.
    """

    resolution: Resolution
    authors: dict[str, tuple[str, str | None]]
    changes: list[Change]
    inserted: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    notes_deleted: list[str] = field(default_factory=list)  # base footnote ids

    def per_sponsor(self) -> dict[str, int]:
        """How many changes each sponsor proposed."""
        counts: dict[str, int] = {}
        for change in self.changes:
            counts[change.sponsor] = counts.get(change.sponsor, 0) + 1
        return counts


def _split_at(content: Inlines, start: int, end: int) -> tuple[list[Inline], list[Inline], list[Inline]]:
    """Content before ``start``, between, and after ``end`` (offsets in plain text).

    A footnote call sitting at offset ``p`` goes to the middle when ``start < p <= end``
    (it follows a deleted word), otherwise to the side it stands on.
    """
    before: list[Inline] = []
    middle: list[Inline] = []
    after: list[Inline] = []
    pos = 0
    for item in content:
        if isinstance(item, NoteRef):
            (middle if start < pos <= end and start != end else before if pos <= start else after).append(item)
            continue
        t = item.text
        a, b = pos, pos + len(t)
        if b <= start:
            before.append(item)
        elif a >= end:
            after.append(item)
        else:
            if a < start:
                before.append(Text(t[: start - a], item.marks))
            middle.append(Text(t[max(0, start - a) : min(len(t), end - a)], item.marks))
            if b > end:
                after.append(Text(t[end - a :], item.marks))
        pos = b
    return before, middle, after


def _replacement(change: Change, found: list[Inline], text: str) -> list[Inline]:
    if not text.strip():
        return [Text(text)] if text else []
    repl = list(parse_inline(text))
    # keep the spaces the drafter typed at the edges
    lead_ws = text[: len(text) - len(text.lstrip())]
    trail_ws = text[len(text.rstrip()) :]
    plain_only = all(isinstance(x, Text) and not x.marks for x in repl)
    if plain_only:
        marks = next((x.marks for x in found if isinstance(x, Text) and x.text.strip()), frozenset())
        repl = [Text(x.text, marks) if isinstance(x, Text) else x for x in repl]
    return [Text(lead_ws)] + repl + [Text(trail_ws)]


def _substitute(content: Inlines, edits: list[tuple[int, int, Change]]) -> tuple[Inlines, tuple[Span, ...]]:
    """Apply non-overlapping substitutions (base offsets) and say where the new text came from."""
    spans: list[Span] = []
    for start, end, change in sorted(edits, key=lambda e: e[0], reverse=True):
        before, middle, after = _split_at(content, start, end)
        repl = _replacement(change, middle, change.replace or "")
        keep_calls = [x for x in middle if isinstance(x, NoteRef)] if repl else []
        content = tuple(before + repl + keep_calls + after)
    # offsets of each replacement in the new text, left to right
    delta = 0
    for start, end, change in sorted(edits, key=lambda e: e[0]):
        length = len(plain_text(_replacement(change, [], change.replace or "")))
        spans.append(Span(start + delta, start + delta + length, change.sponsor, change.date))
        delta += length - (end - start)
    return canonical_inlines(normalize(content)), tuple(spans)


def _notes_of(change: Change, used: set[str]) -> list[Footnote]:
    notes = []
    key = "footnotes" if change.line_of("footnotes") != change.line else "notes"
    for label, text in change.footnotes:
        if label in used:
            raise change.error(
                f"footnote label {label!r} is already used in the base text",
                key,
                hint="give the new footnote a label of its own, e.g. 'new1'",
            )
        content = parse_inline(text)
        span = Span(0, len(plain_text(content)), change.sponsor, change.date)
        notes.append(Footnote(label, content, authors=(span,)))
    return notes


def _drop_calls(content: Inlines, ids: dict[str, Change], spans: tuple[Span, ...]) -> tuple[Inlines, tuple[Span, ...]]:
    """``content`` without its calls to the footnotes ``ids`` deletes; a zero-width author span
    marks where each call was (calls take no room in the plain text, so offsets do not move)."""
    if not any(isinstance(x, NoteRef) and x.id in ids for x in content):
        return content, spans
    out: list[Inline] = []
    added: list[Span] = []
    pos = 0
    for item in content:
        if isinstance(item, NoteRef) and item.id in ids:
            change = ids[item.id]
            added.append(Span(pos, pos, change.sponsor, change.date))
            continue
        if isinstance(item, Text):
            pos += len(item.text)
        out.append(item)
    return canonical_inlines(normalize(out)), tuple(spans) + tuple(added)


def _without_calls(res: Resolution, ids: dict[str, Change]) -> Resolution:
    """``res`` with every call to the footnotes ``ids`` removed, wherever it stands."""
    if not ids:
        return res

    def node(n: Any) -> Any:
        content, spans = _drop_calls(n.content, ids, n.authors)
        if isinstance(n, (Operative, SubParagraph)):
            return replace(n, content=content, authors=spans, subs=tuple(node(s) for s in n.subs))
        return replace(n, content=content, authors=spans) if content is not n.content else n

    formula = _drop_calls(res.formula, ids, ())[0] if res.formula is not None else None
    return replace(
        res,
        formula=formula,
        blocks=tuple(node(b) for b in res.blocks),
        footnotes=tuple(node(n) for n in res.footnotes),
    )


def _apply_meta(base: Resolution, changes: dict[str, Change]) -> Resolution:
    """The ``[meta]`` changes applied to the front matter (``""`` removes a key)."""
    if not changes:
        return base
    values = {key: (change.replace or None) for key, change in changes.items() if key in META_FIELDS}
    extra = tuple((k, v) for k, v in base.meta.extra if k not in changes)  # the others are removed
    return replace(base, meta=replace(base.meta, **values, extra=extra))


def amend(base: Resolution, changes: list[Change]) -> Amended:
    """Apply ``changes`` (all addressing ``base``'s labels) and return the new text."""
    p = plan(base, changes)
    authors: dict[str, tuple[str, str | None]] = {}
    new_notes: list[Footnote] = []
    used_notes = {n.id for n in base.footnotes}

    def edited(label: str, node: Any) -> Any:
        if label in p.replaced:
            change = p.replaced[label]
            content = parse_inline(change.text or "")
            new_notes.extend(_notes_of(change, used_notes))
            authors[getattr(node, "uid", None) or label] = (change.sponsor, change.date)
            return replace(node, content=content, authors=(Span(0, len(plain_text(content)), change.sponsor, change.date),))
        if label in p.edits:
            content, spans = _substitute(node.content, p.edits[label])
            for _, _, change in p.edits[label]:
                new_notes.extend(_notes_of(change, used_notes))
            return replace(node, content=content, authors=spans)
        return node

    def new_block(change: Change, anchor: _Target) -> Any:
        uid = f"+{change.ref}"
        authors[uid] = (change.sponsor, change.date)
        new_notes.extend(_notes_of(change, used_notes))
        if change.heading:
            content = parse_inline(change.heading)
            return Heading(content, uid=uid, authors=(Span(0, len(plain_text(content)), change.sponsor, change.date),))
        content = parse_inline(change.text or "")
        spans = (Span(0, len(plain_text(content)), change.sponsor, change.date),)
        node = anchor.node
        if anchor.parent is not None:
            return SubParagraph("?", content, style=node.style, uid=uid, authors=spans)
        kind = change.kind or (
            "preambular" if isinstance(node, Preambular) else "operative"
        )
        if kind == "preambular":
            return Preambular(content, uid=uid, authors=spans)
        return Operative(None, content, uid=uid, authors=spans)

    # inserts and moves, grouped by anchor
    after: dict[str, list[tuple[str, Any]]] = {}
    before: dict[str, list[tuple[str, Any]]] = {}
    moved_nodes: dict[str, Any] = {}
    for change in p.changes:
        if change.op not in ("insert", "move"):
            continue
        key = change.after or change.before or ""
        bucket = after if change.after else before
        bucket.setdefault(key, []).append((change.op, change))

    inserted: list[str] = []

    def place(label: str, node: Any, target_list: list[Any]) -> None:
        """Append the inserts/moves before ``label``, the node itself, then those after."""
        for op, change in before.get(label, []):
            target_list.append(("pending", change))
        if node is not None:
            target_list.append(node)
        for op, change in after.get(label, []):
            target_list.append(("pending", change))

    # first pass: edit text and collect structure with pending placeholders
    labelled = {id(x.node): x.label for x in iter_labelled(base)}

    def build_subs(parent_label: str, subs: tuple[SubParagraph, ...]) -> list[Any]:
        out: list[Any] = []
        for sub in subs:
            label = labelled[id(sub)]
            node = None
            if label not in p.deleted:
                node = edited(label, sub)
                node = replace(node, subs=tuple(build_subs(label, sub.subs)))
                if label in p.moved:
                    moved_nodes[label] = node
                    node = None
            place(label, node, out)
        return out

    top: list[Any] = []
    for block in base.blocks:
        label = labelled[id(block)]
        node = None
        if label not in p.deleted:
            node = edited(label, block)
            if isinstance(block, Operative):
                node = replace(node, subs=tuple(build_subs(label, block.subs)))
            if label in p.moved:
                moved_nodes[label] = node
                node = None
        place(label, node, top)

    def resolve(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, tuple) and item and item[0] == "pending":
                change = item[1]
                if change.op == "insert":
                    anchor = p.targets[change.after or change.before or ""]
                    node = new_block(change, anchor)
                    inserted.append(node.uid)
                    out.append(node)
                else:
                    node = moved_nodes[change.at or ""]
                    authors[node.uid or change.at or ""] = (change.sponsor, change.date)
                    if isinstance(node, (Operative, SubParagraph)):  # inserts among its own sub-paragraphs
                        node = replace(node, subs=tuple(resolve(list(node.subs))))
                    out.append(node)
            else:
                if isinstance(item, Operative):
                    item = replace(item, subs=tuple(resolve(list(item.subs))))
                elif isinstance(item, SubParagraph):
                    item = replace(item, subs=tuple(resolve(list(item.subs))))
                out.append(item)
        return out

    # sub-level pending items live inside subs tuples; resolve recursively
    blocks = resolve(top)
    # sub-paragraph moves/inserts whose anchor is a sub are placed inside their parent's list
    for label, change in p.deleted.items():
        node = p.targets[label].node
        authors[node.uid or label] = (change.sponsor, change.date)
    notes = tuple(
        replace(edited(note_label(note.id), note), uid=note.uid or note.id)
        for note in base.footnotes
        if note_label(note.id) not in p.notes_deleted
    )
    deleted_ids = {}
    for label, change in p.notes_deleted.items():
        note = p.targets[label].node
        deleted_ids[note.id] = change
        authors[label] = (change.sponsor, change.date)
    res = replace(base, blocks=tuple(blocks), footnotes=notes + tuple(new_notes))
    res = _without_calls(res, deleted_ids)
    res = _drop_orphaned_notes(base, res)
    res = _apply_meta(res, p.meta)
    for key, change in p.meta.items():
        authors[f"meta.{key}"] = (change.sponsor, change.date)
    _check_blocks(res)
    return Amended(
        resolution=res,
        authors=authors,
        changes=list(changes),
        inserted=inserted,
        deleted=[p.targets[l].node.uid or l for l in p.deleted],
        moved=[p.targets[l].node.uid or l for l in p.moved],
        notes_deleted=list(deleted_ids),
    )


def _called(res: Resolution) -> set[str]:
    """Ids of the footnotes called anywhere in the text (paragraphs and footnotes)."""
    ids: set[str] = set()

    def scan(content: Inlines) -> None:
        ids.update(i.id for i in content if isinstance(i, NoteRef))

    def scan_subs(subs: tuple[SubParagraph, ...]) -> None:
        for sub in subs:
            scan(sub.content)
            scan_subs(sub.subs)

    if res.formula:
        scan(res.formula)
    for block in res.blocks:
        scan(block.content)
        if isinstance(block, Operative):
            scan_subs(block.subs)
    for note in res.footnotes:
        scan(note.content)
    return ids


def _drop_orphaned_notes(base: Resolution, res: Resolution) -> Resolution:
    """Footnotes whose every call the amendments deleted go with them.

    A footnote that was not called in the base either is kept: that is a defect of the adopted
    text, for ``check`` to report, not something an amendment did.
    """
    before, after = _called(base), _called(res)
    kept = tuple(n for n in res.footnotes if n.id in after or n.id not in before)
    return replace(res, footnotes=kept) if len(kept) != len(res.footnotes) else res


def _check_blocks(res: Resolution) -> None:
    for block in res.blocks:
        assert not isinstance(block, tuple), "internal: unresolved placeholder"
        if isinstance(block, Operative):
            for sub in block.subs:
                assert not isinstance(sub, tuple), "internal: unresolved placeholder"


def apply_amendments(base: Resolution, changes: list[Change]) -> Resolution:
    """The amended text alone (see :func:`amend` for authorship and counts)."""
    return amend(base, changes).resolution

