"""PDF samples for the PDF reader's tests, made the way drafters' PDFs are made.

- :func:`draft_docx`: one of our drafts as a Word file written by **pandoc** (automatic
  numbering for operative paragraphs, real footnotes, italic leads), with what a printed UN
  document adds, put in with python-docx: a running header (the symbol and the title) and a
  footer with the job number and "page/pages" fields ("2/6"), the masthead lines at the top.
- :func:`libreoffice_pdfs`: those Word files **printed by LibreOffice** (``soffice --headless
  --convert-to pdf``), all in one run of one private soffice process.
- :func:`image_pdf` and :func:`text_pdf`: small PDFs written byte by byte, for what needs no
  word processor: a scanned page (an image and no text layer), a PDF of a letter that is no
  resolution, a PDF whose bytes are cut off.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


SESSIONS = {"80": "Eightieth session", "19": "Dix-neuvième session", "20": "Vingtième session"}
"""The session line a printed masthead carries, for the drafts the tests print."""


def _strip_front_matter(md: str) -> tuple[dict[str, str], str]:
    meta: dict[str, str] = {}
    if md.startswith("---\n"):
        head, _, body = md[4:].partition("\n---\n")
        for line in head.splitlines():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip().strip('"')
        return meta, body
    return meta, md


def pandoc_markdown(md: str) -> tuple[dict[str, str], str]:
    """Our draft as pandoc Markdown: front matter out (it becomes the masthead lines),
    sub-paragraph markers escaped so pandoc keeps them as text, headings as they are."""
    meta, body = _strip_front_matter(md)
    lines = []
    for line in body.split("\n"):
        # "(a) text" / "a) text": keep the letter printed, not a pandoc list
        line = re.sub(r"^(\(?[a-z]{1,3})\) ", r"\1\\) ", line)
        # our superscripts (7^e, 21^st) in pandoc's syntax (7^e^)
        line = re.sub(r"(?<!\[)\^(\w+)", r"^\1^", line)
        lines.append(line)
    masthead = []
    if meta.get("symbol"):
        masthead.append(meta["symbol"])
    if meta.get("session") in SESSIONS:
        masthead.append(SESSIONS[meta["session"]])
    if meta.get("adopted"):
        masthead.append(re.sub(r"\^(\w+)", r"^\1^", meta["adopted"]))
    if meta.get("title"):
        masthead.append(meta["title"])
    head = "\n\n".join(masthead)
    return meta, (head + "\n\n" if head else "") + "\n".join(lines)


def _field(run_parent, instr: str) -> None:  # type: ignore[no-untyped-def]
    """A simple field (PAGE, NUMPAGES) at the end of a paragraph."""
    from docx.oxml import parse_xml

    run_parent._p.append(
        parse_xml(
            f'<w:fldSimple xmlns:w="{W}" w:instr="{instr}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def draft_docx(md: str, *, job: str = "25-18744", running: str | None = None) -> bytes:
    """A Word file of the draft ``md`` (pandoc), with a running header and a page footer."""
    import docx
    import pypandoc

    meta, text = pandoc_markdown(md)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "draft.docx"
        pypandoc.convert_text(text, "docx", format="markdown-smart", outputfile=str(out))
        document = docx.Document(str(out))
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = running or " ".join(x for x in (meta.get("symbol"), meta.get("title")) if x)
    footer = section.footer.paragraphs[0]
    footer.text = f"{job}\t"
    _field(footer, "PAGE")
    footer.add_run("/")
    _field(footer, "NUMPAGES")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def libreoffice_missing() -> str | None:
    """Why LibreOffice cannot print PDFs here, or ``None``."""
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed"
    return None


def libreoffice_pdfs(docx_files: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """Print each Word file to PDF with one soffice run (a private profile); name → PDF path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in docx_files.items():
        p = folder / f"{name}.docx"
        p.write_bytes(data)
        paths.append(str(p))
    with tempfile.TemporaryDirectory(prefix="resodraft-lo-") as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *paths,
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return {name: folder / f"{name}.pdf" for name in docx_files}


# --------------------------------------------------------------------------------------------
# PDFs written byte by byte


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (object 1 is the catalog), with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data)
    return f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + packed + b"\nendstream"


def image_pdf(pages: int = 1) -> bytes:
    """A "scanned" PDF: each page one grey image, no text at all."""
    w, h = 200, 280
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(h) for x in range(w))
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for _ in range(pages):
        img = len(objects) + 1
        content = len(objects) + 2
        page = len(objects) + 3
        objects.append(_stream(pixels, f"/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 "))
        objects.append(_stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"))
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 {img} 0 R >> >> /Contents {content} 0 R >>".encode()
        )
        kids.append(f"{page} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>".encode()
    return _pdf(objects)


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(pages: list[list[tuple[str, float, float, float, str]]]) -> bytes:
    """A PDF of text lines placed by hand: each page a list of ``(text, x, y_from_top, size,
    font)`` with font ``R`` (Times-Roman), ``I`` (Times-Italic) or ``B`` (Times-Bold); a
    ``^`` before a piece of text raises it as a superscript (smaller, rise 4 pt): ``"Court,^2"``.
    WinAnsi encoding: keep to Latin-1 characters."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    fonts = {"R": "Times-Roman", "I": "Times-Italic", "B": "Times-Bold"}
    font_ids = {}
    for key, name in fonts.items():
        objects.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>".encode())
        font_ids[key] = len(objects)
    res = "<< /Font << " + " ".join(f"/F{k} {v} 0 R" for k, v in font_ids.items()) + " >> >>"
    kids = []
    for page in pages:
        ops = []
        for text, x, top, size, font in page:
            y = 842 - top
            parts = re.split(r"(\^\S+?)(?=\s|$|[,;.])", text)
            ops.append(f"BT /F{font} {size} Tf {x} {y} Td")
            for part in parts:
                if not part:
                    continue
                if part.startswith("^"):
                    ops.append(f"/F{font} {size * 0.6:.1f} Tf 4 Ts ({_esc(part[1:])}) Tj /F{font} {size} Tf 0 Ts")
                else:
                    ops.append(f"({_esc(part)}) Tj")
            ops.append("ET")
        content = "\n".join(ops).encode("latin-1")
        objects.append(_stream(content))
        cid = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {res} /Contents {cid} 0 R >>".encode())
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    return _pdf(objects)


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """A one-page PDF protected by a password (standard security handler, revision 2, RC4 40-bit):
    it cannot be opened without ``user_password``."""
    import hashlib

    doc_id = bytes(range(16))
    owner = (b"owner" + _PAD)[:32]
    user = (user_password.encode() + _PAD)[:32]
    o_key = hashlib.md5(owner).digest()[:5]
    o_entry = _rc4(o_key, user)
    perms = -4
    h = hashlib.md5(user + o_entry + perms.to_bytes(4, "little", signed=True) + doc_id).digest()
    key = h[:5]
    u_entry = _rc4(key, _PAD)

    def obj_key(num: int) -> bytes:
        return hashlib.md5(key + num.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]

    content = b"BT /F1 12 Tf 72 720 Td (Confidential) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + _rc4(obj_key(4), content) + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <" + u_entry.hex().encode() + b"> /P -4 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    ident = doc_id.hex().encode()
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<".encode()
        + ident + b"> <" + ident + b">] >>\n" + f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()
