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
  included). The author is set through the configuration before each edit, so
  ``doc.getRedlines()`` lists each change with its author. LibreOffice's own search finds
  nothing in a document loaded hidden, so paragraphs are walked by their text.
"""

from __future__ import annotations

import json
import os
import sys

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
        cursor = text.createTextCursorByRange(para.getEnd())
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, edit["text"], False)
    elif action == "delete":
        para = _find(doc, edit["find"])
        cursor = text.createTextCursorByRange(para.getStart())
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)  # the paragraph mark too
        cursor.setString("")
    else:
        raise ValueError(f"unknown edit {action!r}")


def _store(doc, out: str, filter_name: str = "MS Word 2007 XML") -> None:
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", filter_name),))


def run(office: Office, req: dict) -> dict:
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
