#!/usr/bin/python3
"""LibreOffice as an *author* of Word files, for the Word reader's tests.

Runs with the system Python that has python3-uno (``/usr/bin/python3``), like
``lo_oracle.py``, whose :class:`Office` (a private ``soffice``, stopped when done) it reuses.
Server mode only, so that one ``soffice`` serves a whole test module::

    /usr/bin/python3 tests/oracles/lo_author.py serve

reads one JSON request per line and answers one JSON line per request:

- ``{"op": "save", "path": IN, "out": OUT}``: open IN and save it as LibreOffice writes Word
  files ("MS Word 2007 XML"): its own numbering definitions, styles, footnotes; with
  ``"filter": "MS Word 97"``, as an old binary ``.doc``. (LibreOffice 7.4 cannot save a
  password-protected .docx: ``tests/fixtures/docx/password-protected.docx`` was made with
  msoffcrypto-tool instead, see ``tests/fixtures/docx/README.md``.)
- ``{"op": "track", "path": IN, "out": OUT, "edits": [...]}``: record tracked changes, each
  edit by its own author, and save as Word. Edits: ``{"author", "action": "replace", "find",
  "with"}`` (a phrase in the first paragraph holding it), ``{"author", "action": "append",
  "after", "text"}`` (Enter at the end of the paragraph holding ``after``, then the text), and
  ``{"author", "action": "delete", "find"}`` (the whole paragraph holding ``find``, its mark
  included), ``{"author", "action": "insert", "after_text", "text"}`` (words typed right after
  the phrase ``after_text``: a pure insertion). (Comments cannot be authored here: Debian's
  LibreOffice without a GUI aborts when it saves a document holding one.) ``append`` with
  ``"number": true`` types the number of the new paragraph itself ("N.", the anchor's number
  plus one, then a tab) when the anchor paragraph's number is typed rather than automatic, as a
  delegate does. The author is set through the configuration before each edit, so
  ``doc.getRedlines()`` lists each change with its author. LibreOffice's own search finds
  nothing in a document loaded hidden, so paragraphs are walked by their text.
- ``{"op": "accept", "path": IN}``: Accept All (``.uno:AcceptAllTrackedChanges``) on IN and
  its text as :mod:`lo_oracle` gives it (``body``, ``footnotes``); ``"op": "none"`` the same
  without accepting. A file holding Word comments is read from a copy without them (Debian's
  LibreOffice without a GUI aborts on comments in a frame, OOXML.md §2).

One ``track`` request may carry ``"then": "accept"``: the saved file is then loaded again and
accepted in the same request (fewer round trips for batches of generated cases).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import uno  # noqa: E402  (python3-uno: only /usr/bin/python3 has it)
from lo_oracle import Office, prop  # noqa: E402

from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK  # type: ignore[import-not-found]  # noqa: E402


def _set_author(office: Office, name: str) -> None:
    provider = office.ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", office.ctx
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    given, _, family = name.partition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.commitChanges()


def _paragraphs(doc):
    enum = doc.getText().createEnumeration()
    while enum.hasMoreElements():
        para = enum.nextElement()
        if para.supportsService("com.sun.star.text.Paragraph"):
            yield para


def _find(doc, needle: str):
    for para in _paragraphs(doc):
        if needle in para.getString():
            return para
    raise KeyError(f"no paragraph holds {needle!r}")


def _edit(office: Office, doc, edit: dict) -> None:
    _set_author(office, edit["author"])
    text = doc.getText()
    action = edit["action"]
    if action == "replace":
        para = _find(doc, edit["find"])
        start = para.getString().index(edit["find"])
        cursor = text.createTextCursorByRange(para.getStart())
        cursor.goRight(start, False)
        cursor.goRight(len(edit["find"]), True)
        cursor.setString(edit["with"])
    elif action == "append":
        para = _find(doc, edit["after"])
        typed = re.match(r"^(\d+)\.\t", para.getString())
        new = edit["text"]
        if edit.get("number") and typed and not _auto_numbered(para):
            new = f"{int(typed.group(1)) + 1}.\t{new}"
        cursor = text.createTextCursorByRange(para.getEnd())
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, new, False)
    elif action == "insert":
        para = _find(doc, edit["after_text"])
        end = para.getString().index(edit["after_text"]) + len(edit["after_text"])
        cursor = text.createTextCursorByRange(para.getStart())
        cursor.goRight(end, False)
        text.insertString(cursor, edit["text"], False)

    elif action == "delete":
        para = _find(doc, edit["find"])
        cursor = text.createTextCursorByRange(para.getStart())
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)  # the paragraph mark too
        cursor.setString("")
    else:
        raise ValueError(f"unknown edit {action!r}")


def _auto_numbered(para) -> bool:
    try:
        return bool(para.getPropertyValue("ListLabelString"))
    except Exception:  # noqa: BLE001 - older LibreOffice: no such property
        return False


def _without_comments(path: str) -> str:
    """A copy of ``path`` without Word comments (see the module docstring), or ``path``."""
    with zipfile.ZipFile(path) as src:
        if "word/comments.xml" not in src.namelist():
            return path
        folder = tempfile.mkdtemp(prefix="resodraft-lo-nocomments-")
        out = os.path.join(folder, os.path.basename(path))
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in src.namelist():
                if name == "word/comments.xml":
                    continue
                part = src.read(name)
                if name == "word/document.xml":
                    part = re.sub(rb"<w:commentRange(Start|End) [^<>]*/>", b"", part)
                    part = re.sub(rb"<w:r>(?:(?!</w:r>).)*?<w:commentReference [^<>]*/></w:r>", b"", part, flags=re.S)
                elif name in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                    part = re.sub(rb"<[^<>]*comments[^<>]*/>", b"", part)
                dst.writestr(name, part)
    return out


def _read_back(office: Office, op: str, path: str) -> dict:
    copy = _without_comments(path)
    try:
        return office.run(op, copy)
    finally:
        if copy != path:
            shutil.rmtree(os.path.dirname(copy), ignore_errors=True)


def _store(doc, out: str, filter_name: str = "MS Word 2007 XML") -> None:
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", filter_name),))


def run(office: Office, req: dict) -> dict:
    if req["op"] in ("accept", "none"):
        return _read_back(office, req["op"], req["path"])
    answer = _author(office, req)
    if answer.get("ok") and req.get("then") in ("accept", "none"):
        answer["then"] = _read_back(office, req["then"], req["out"])
    return answer


def _author(office: Office, req: dict) -> dict:
    url = uno.systemPathToFileUrl(os.path.abspath(req["path"]))
    doc = office.desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        return {"ok": False, "error": f"LibreOffice could not open {req['path']}"}
    try:
        if req["op"] == "track":
            doc.RecordChanges = True
            for edit in req["edits"]:
                _edit(office, doc, edit)
        elif req["op"] != "save":
            return {"ok": False, "error": f"unknown op {req['op']!r}"}
        redlines = []
        enum = doc.getRedlines().createEnumeration()
        while enum.hasMoreElements():
            r = enum.nextElement()
            redlines.append({"type": r.RedlineType, "author": r.RedlineAuthor})
        _store(doc, req["out"], req.get("filter", "MS Word 2007 XML"))
        return {"ok": True, "redlines": redlines}
    finally:
        doc.close(True)


def serve() -> None:
    office = Office()
    try:
        print(json.dumps({"ok": True, "ready": True}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            req = json.loads(line)
            try:
                answer = run(office, req)
            except Exception as exc:  # noqa: BLE001 - report, keep serving
                answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(answer), flush=True)
    finally:
        office.stop()


if __name__ == "__main__":
    if sys.argv[1:] != ["serve"]:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    serve()
