#!/usr/bin/python3
"""LibreOffice oracle: read a .docx back with LibreOffice, accepting or rejecting all changes.

Runs with the system Python that has python3-uno (``/usr/bin/python3``), not the venv.
It starts its **own** ``soffice`` (private profile in a temporary folder, unique pipe name),
and stops only that process when done.

One-shot::

    /usr/bin/python3 tests/oracles/lo_oracle.py accept|reject|none|list FILE.docx

prints one JSON object: ``{"ok": true, "body": "<text export>", "footnotes": ["…"],
"redlines": [{"type": "Insert", "author": "…"}], "left": 0}``.

Server (what the test suite uses, so that LibreOffice starts once per test session)::

    /usr/bin/python3 tests/oracles/lo_oracle.py serve

reads one JSON request per line on stdin (``{"op": "accept", "path": "…"}``) and answers one
JSON line per request on stdout; end of input stops LibreOffice.

- ``accept`` / ``reject``: dispatch ``.uno:AcceptAllTrackedChanges`` /
  ``.uno:RejectAllTrackedChanges`` on the document loaded hidden;
- ``none``: leave the changes as they are (a clean document has none);
- then the body is stored with the filter "Text (encoded)" (UTF-8) and read back, and the
  footnotes are read through the API (the text export leaves them out). ``redlines`` lists the
  changes LibreOffice saw *before* the dispatch; ``left`` counts those still there after it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

import uno  # noqa: F401  (python3-uno: only /usr/bin/python3 has it)
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

DISPATCH = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Office:
    """A private soffice process and a UNO connection to it."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="resodraft-lo-")
        self.pipe = f"resodraft_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        soffice = shutil.which("soffice") or "soffice"
        self.proc = subprocess.Popen(
            [
                soffice,
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                f"-env:UserInstallation=file://{self.profile}",
                f"--accept=pipe,name={self.pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: we stop exactly what we started
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 60
        while True:
            try:
                self.ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.stop()
                    raise RuntimeError("LibreOffice did not start")
                time.sleep(0.1)
        smgr = self.ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", self.ctx)

    def run(self, op: str, path: str) -> dict:
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = self.desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            return {"ok": False, "error": f"LibreOffice could not open {path}"}
        try:
            redlines = self._redlines(doc)
            if op in DISPATCH:
                frame = doc.getCurrentController().getFrame()
                self.dispatcher.executeDispatch(frame, DISPATCH[op], "", 0, ())
            left = len(self._redlines(doc))
            out_dir = tempfile.mkdtemp(prefix="resodraft-lo-out-")
            out = os.path.join(out_dir, "body.txt")
            doc.storeToURL(
                uno.systemPathToFileUrl(out),
                (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")),
            )
            with open(out, encoding="utf-8-sig") as fh:
                body = fh.read()
            shutil.rmtree(out_dir, ignore_errors=True)
            notes = doc.getFootnotes()
            footnotes = [notes.getByIndex(i).getString() for i in range(notes.getCount())]
            return {"ok": True, "body": body, "footnotes": footnotes, "redlines": redlines, "left": left}
        finally:
            doc.close(True)

    @staticmethod
    def _redlines(doc) -> list:
        out = []
        enum = doc.getRedlines().createEnumeration()
        while enum.hasMoreElements():
            r = enum.nextElement()
            out.append({"type": r.RedlineType, "author": r.RedlineAuthor})
        return out

    def stop(self) -> None:
        try:
            if getattr(self, "desktop", None) is not None:
                self.desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge dies with the process
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        # soffice.bin may outlive the launcher: stop whatever is left of the group we started
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def serve() -> None:
    office = Office()
    try:
        print(json.dumps({"ok": True, "ready": True}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            req = json.loads(line)
            try:
                answer = office.run(req["op"], req["path"])
            except Exception as exc:  # noqa: BLE001 - report, keep serving
                answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(answer), flush=True)
    finally:
        office.stop()


def main(argv: list[str]) -> int:
    if argv[:1] == ["serve"]:
        serve()
        return 0
    if len(argv) != 2 or argv[0] not in ("accept", "reject", "none", "list"):
        print(__doc__, file=sys.stderr)
        return 2
    office = Office()
    try:
        print(json.dumps(office.run(argv[0], argv[1]), ensure_ascii=False))
    finally:
        office.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
