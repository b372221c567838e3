"""The Word package: the zip, its content types and relationships, and its XML parts.

A ``.docx`` is a zip of XML *parts* (OPC, ECMA-376 part 2). :func:`open_package` checks that
the bytes are one, says clearly what they are when they are not — a damaged zip, an Excel or
PowerPoint file, an OpenDocument text, an EPUB, a zip archive holding a .docx, an old binary
``.doc``, a password-protected (encrypted) Word file, an RTF file — and returns a
:class:`Package` that finds parts by relationship type (styles, numbering, footnotes, …) and
parses them with a hardened XML parser (:func:`parse_xml`: no DTD, no entities, no network,
size limits). Every refusal is an :class:`~resodraft.errors.InputError`: one line, naming the
file and what to do.

python-docx's package layer is not used here: it accepts any zip, reads every part into
memory without limits, and its parser is not the one we want for files from strangers; the
parts a resolution needs are five XML files, read directly.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from resodraft.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from lxml import etree

MAX_PART_BYTES = 64 * 1024 * 1024
"""The largest XML part read (uncompressed): 64 MB, ~30 times a 300-page resolution's document.xml."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""The most uncompressed XML read from one package."""
MAX_ENTRIES = 10_000
"""The most entries a package may list (a Word file has a few dozen)."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = f"{_REL}/officeDocument"
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
"""Content types of a Word main document part: .docx, .dotx, .docm, .dotm."""

_OTHER_OFFICE = (
    ("spreadsheetml", "an Excel workbook (.xlsx)"),
    ("ms-excel", "an Excel workbook (.xlsm)"),
    ("presentationml", "a PowerPoint presentation (.pptx)"),
    ("ms-powerpoint", "a PowerPoint presentation (.pptm)"),
    ("drawingml.chart", "a chart"),
    ("visio", "a Visio drawing (.vsdx)"),
)
_ODF = {
    "application/vnd.oasis.opendocument.text": "an OpenDocument text (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
    "application/epub+zip": "an e-book (EPUB)",
}
_SAVE_AS_DOCX = "open it in Word or LibreOffice and save it as a Word document (.docx)"


def _refuse(file: str, message: str, hint: str) -> InputError:
    return InputError(message, file=file, hint=hint)


# --------------------------------------------------------------------------------------------
# hardened XML


def parse_xml(data: bytes, part: str, file: str) -> "etree._Element":
    """Parse one XML part without DTDs, entities or network access.

    A part that declares a DTD or an entity is refused (Word never writes one, and entity
    expansion is how "billion laughs" files exhaust memory); so is XML that does not parse.
    """
    from lxml import etree

    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise _refuse(
            file,
            f"this Word file is damaged or unsafe: its part {part} declares a DTD, which Word never writes",
            _SAVE_AS_DOCX.replace("open it", "open the original"),
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _refuse(
            file,
            f"this Word file is damaged: its part {part} is not valid XML ({exc.msg})",
            "open it in Word (which offers to repair it) and save it again",
        ) from None
    if root is None:
        raise _refuse(file, f"this Word file is damaged: its part {part} is empty", "open it in Word and save it again")
    return root


# --------------------------------------------------------------------------------------------
# OLE compound files (.doc, encrypted .docx) and RTF


def ole_stream_names(data: bytes) -> set[str]:
    """The names in an OLE compound file's directory (``WordDocument``, ``EncryptedPackage``…).

    Reads the header, the FAT (with its DIFAT chain) and the directory chain of [MS-CFB]; a
    damaged file gives the names that could be read, and names found as UTF-16 strings when
    the structure cannot be followed at all.
    """
    names: set[str] = set()
    try:
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        size = 1 << shift
        if size not in (512, 4096):
            raise ValueError("sector size")
        n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
        first_difat, n_difat = struct.unpack_from("<II", data, 0x44)
        difat = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < 0xFFFFFFFA]
        sect, hops = first_difat, 0
        while sect < 0xFFFFFFFA and hops <= n_difat and len(difat) < n_fat:
            base = (sect + 1) * size
            entries = struct.unpack_from(f"<{size // 4}I", data, base)
            difat.extend(s for s in entries[:-1] if s < 0xFFFFFFFA)
            sect, hops = entries[-1], hops + 1
        fat: list[int] = []
        for s in difat[:n_fat]:
            fat.extend(struct.unpack_from(f"<{size // 4}I", data, (s + 1) * size))
        sect, seen = first_dir, set()
        while sect < 0xFFFFFFFA and sect not in seen and len(seen) < 100_000:
            seen.add(sect)
            base = (sect + 1) * size
            for k in range(size // 128):
                entry = data[base + 128 * k : base + 128 * (k + 1)]
                if len(entry) < 128:
                    break
                length = struct.unpack_from("<H", entry, 0x40)[0]
                if 2 <= length <= 64 and entry[0x42] in (1, 2, 5):
                    names.add(entry[: length - 2].decode("utf-16-le", "replace"))
            sect = fat[sect] if sect < len(fat) else 0xFFFFFFFE
    except (struct.error, ValueError, IndexError):
        pass
    if not names:
        for name in ("EncryptedPackage", "WordDocument", "Workbook", "PowerPoint Document"):
            if name.encode("utf-16-le") in data:
                names.add(name)
    return names


def refuse_ole(data: bytes, file: str) -> InputError:
    """The error for an OLE compound file given where a .docx belongs."""
    names = ole_stream_names(data)
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        return _refuse(
            file,
            "this Word file is password-protected, so it cannot be read",
            "save an unprotected copy (in Word: File › Info › Protect Document › Encrypt with Password, "
            "clear the password) and give that copy",
        )
    if "WordDocument" in names:
        return _refuse(
            file,
            "this is an old Word document (.doc), which resodraft does not read",
            "open it in Word or LibreOffice and save it as a Word document (.docx)",
        )
    if "Workbook" in names or "Book" in names:
        return _refuse(file, "this is an Excel workbook (.xls), not a Word document", "give the resolution as a .docx")
    if "PowerPoint Document" in names:
        return _refuse(file, "this is a PowerPoint presentation (.ppt), not a Word document", "give the resolution as a .docx")
    return _refuse(file, "this is an Office file that is not a Word document (.docx)", _SAVE_AS_DOCX)


# --------------------------------------------------------------------------------------------
# the package


@dataclass
class Package:
    """An opened Word package: its parts by name and the main document's relationships.

    ``main`` is the main document part's name (``word/document.xml`` in files Word writes,
    wherever ``_rels/.rels`` points in others). :meth:`related` finds a part the main document
    links to by relationship type (``styles``, ``numbering``, ``footnotes``, …).
    """

    file: str
    zf: zipfile.ZipFile
    main: str
    relationships: dict[str, list[str]] = field(default_factory=dict)  # type suffix → part names
    targets: dict[str, str] = field(default_factory=dict)  # relationship id → target (hyperlinks, …)
    _read: int = 0

    def has(self, name: str) -> bool:
        return name in self.zf.NameToInfo

    def read(self, name: str) -> bytes:
        """The bytes of one part, refused beyond :data:`MAX_PART_BYTES` (whatever the zip claims)."""
        try:
            with self.zf.open(name) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            raise _refuse(
                self.file,
                f"this Word file is damaged: its part {name} cannot be unpacked ({exc})",
                "open it in Word (which offers to repair it) and save it again",
            ) from None
        if len(data) > MAX_PART_BYTES:
            raise _refuse(
                self.file,
                f"this Word file's part {name} is larger than {MAX_PART_BYTES // (1024 * 1024)} MB uncompressed",
                "a resolution is far smaller: give the resolution's own document",
            )
        self._read += len(data)
        if self._read > MAX_TOTAL_BYTES:
            raise _refuse(
                self.file,
                f"this Word file unpacks to more than {MAX_TOTAL_BYTES // (1024 * 1024)} MB of XML",
                "a resolution is far smaller: give the resolution's own document",
            )
        return data

    def xml(self, name: str) -> "etree._Element":
        """One part, parsed with :func:`parse_xml`."""
        return parse_xml(self.read(name), name, self.file)

    def application(self) -> str | None:
        """The program that wrote the package (``docProps/app.xml`` ``Application``), if it says."""
        part = "docProps/app.xml"
        if not self.has(part):
            return None
        try:
            root = self.xml(part)
        except InputError:
            return None
        for el in root:
            if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] == "Application":
                return (el.text or "").strip() or None
        return None

    def related(self, kind: str) -> str | None:
        """The first part the main document links to with relationship type ``…/kind``."""
        names = self.relationships.get(kind)
        return names[0] if names else None


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _relationships(zf_names: set[str], read, source: str, file: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    by_type: dict[str, list[str]] = {}
    targets: dict[str, str] = {}
    rels = _rels_name(source)
    if rels not in zf_names:
        return by_type, targets
    root = parse_xml(read(rels), rels, file)
    for rel in root.iter(f"{{{_PKG_REL}}}Relationship"):
        rtype = rel.get("Type", "")
        target = rel.get("Target", "")
        rid = rel.get("Id", "")
        targets[rid] = target
        if rel.get("TargetMode") == "External":
            continue
        kind = rtype.rsplit("/", 1)[-1]
        by_type.setdefault(kind, []).append(_resolve(source, target))
    return by_type, targets


def _what_zip(zf: zipfile.ZipFile, names: set[str], file: str) -> InputError:
    """The error for a zip that is not a Word document, naming what it is when we can tell."""
    if "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:200].decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, OSError, NotImplementedError):
            mime = ""
        what = _ODF.get(mime)
        if what:
            return _refuse(file, f"this is {what}, not a Word document", _SAVE_AS_DOCX)
    if "[Content_Types].xml" in names:
        try:
            types = zf.read("[Content_Types].xml")[:1_000_000].decode("utf-8", "replace")
        except (zipfile.BadZipFile, OSError, NotImplementedError):
            types = ""
        for needle, what in _OTHER_OFFICE:
            if needle in types and "wordprocessingml.document.main" not in types:
                return _refuse(file, f"this is {what}, not a Word document", "give the resolution as a Word document (.docx)")
        if "wordprocessingml" in types and "purl.oclc.org" in types:
            return _refuse(
                file,
                "this Word file is saved as 'Strict Open XML', which resodraft does not read",
                "in Word: File › Save As › Word Document (.docx)",
            )
    inner = sorted(n for n in names if n.lower().endswith((".docx", ".pdf", ".md")))
    if inner:
        shown = ", ".join(inner[:3]) + (" …" if len(inner) > 3 else "")
        return _refuse(file, f"this is a zip archive holding {shown}, not a Word document", "unzip it and give the document itself")
    return _refuse(file, "this is a zip archive, not a Word document (it has no word/document.xml)", "give the resolution as a .docx")


def _not_a_package(data: bytes, file: str) -> InputError:
    """The error for bytes given as a Word file that are no zip at all, saying what they look like."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"progid=\"word.document\"" in head or b"<w:worddocument" in head:
        return _refuse(file, "this is a Word 2003 XML document, not a .docx", _SAVE_AS_DOCX)
    if b"<pkg:package" in head:
        return _refuse(file, "this is a Word XML (flat) document, not a .docx", _SAVE_AS_DOCX)
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:1024]:
        return _refuse(file, "this is a web page (HTML) named like a Word file, not a .docx", _SAVE_AS_DOCX)
    if head.startswith(b"%pdf-"):
        return _refuse(file, "this is a PDF named like a Word file", "rename it .pdf")
    if b"\x00" not in data[:4096]:
        try:
            data[:4096].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return _refuse(
                file,
                "this file holds plain text, not a Word document (.docx)",
                "if it is a Markdown draft or pasted text, name it .md or .txt",
            )
    return _refuse(file, "this is not a Word document (.docx)", "give the resolution as a .docx, .pdf, .txt or .md file")


def open_package(data: bytes, file: str) -> Package:
    """Open ``data`` as a Word package, or raise a one-line :class:`InputError` saying what it is."""
    if data[:8] == OLE_MAGIC:
        raise refuse_ole(data, file)
    if data[:5] == RTF_MAGIC:
        raise _refuse(file, "this is an RTF file, not a Word document (.docx)", _SAVE_AS_DOCX)
    if not data:
        raise _refuse(file, "the file is empty", "give the resolution as a Word document (.docx)")
    if data[:2] != b"PK":
        raise _not_a_package(data, file)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        if data[:2] == b"PK":
            named_word = file.lower().endswith((".docx", ".docm", ".dotx", ".dotm"))
            raise _refuse(
                file,
                "this Word file is damaged: it is not a complete zip package"
                if named_word
                else "this file is a damaged zip package (a Word file cut short?)",
                "open it in Word (which offers to repair it) and save it again, or download it again",
            ) from None
        raise _refuse(file, "this is not a Word document (.docx)", "give the resolution as a .docx, .pdf, .txt or .md file") from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _refuse(file, f"this zip package lists {len(infos)} parts, far more than a Word document", "give the resolution's own .docx")
    names = {i.filename for i in infos}
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse(
                file,
                "this zip package is encrypted, so it cannot be read",
                "give the Word document itself, without a password",
            )
    reads = {"n": 0}

    def read(name: str) -> bytes:
        with zf.open(name) as fh:
            blob = fh.read(MAX_PART_BYTES + 1)
        reads["n"] += len(blob)
        if len(blob) > MAX_PART_BYTES or reads["n"] > MAX_TOTAL_BYTES:
            raise _refuse(file, f"this package's part {name} is too large to be a Word document's", "give the resolution's own .docx")
        return blob

    try:
        main = None
        if "_rels/.rels" in names:
            root = parse_xml(read("_rels/.rels"), "_rels/.rels", file)
            for rel in root.iter(f"{{{_PKG_REL}}}Relationship"):
                if rel.get("Type") == OFFICE_DOCUMENT:
                    main = _resolve("", rel.get("Target", ""))
                    break
                if rel.get("Type") == STRICT_OFFICE_DOCUMENT:
                    raise _refuse(
                        file,
                        "this Word file is saved as 'Strict Open XML', which resodraft does not read",
                        "in Word: File › Save As › Word Document (.docx)",
                    )
        content_types = ""
        if "[Content_Types].xml" in names:
            ct = parse_xml(read("[Content_Types].xml"), "[Content_Types].xml", file)
            if main is not None:
                for override in ct.iter(f"{{{_CT}}}Override"):
                    if override.get("PartName", "").lstrip("/") == main:
                        content_types = override.get("ContentType", "")
        is_word = content_types in WORD_MAIN_TYPES or (main is None and "word/document.xml" in names)
        if not is_word:
            if main is None and "word/document.xml" not in names and ("word/styles.xml" in names or "word/_rels/document.xml.rels" in names):
                raise _refuse(
                    file,
                    "this Word file is damaged: its main part word/document.xml is missing",
                    "open the original in Word and save it again",
                )
            if main is not None and main.startswith("word/") and not content_types:
                is_word = True  # a writer that forgot the content-type override: read it anyway
            else:
                raise _what_zip(zf, names, file)
        main = main or "word/document.xml"
        if main not in names:
            raise _refuse(
                file,
                f"this Word file is damaged: its main part {main} is missing",
                "open the original in Word and save it again",
            )
        by_type, targets = _relationships(names, read, main, file)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise _refuse(
            file,
            f"this Word file is damaged: a part cannot be unpacked ({exc})",
            "open it in Word (which offers to repair it) and save it again",
        ) from None
    pkg = Package(file=file, zf=zf, main=main, relationships=by_type, targets=targets)
    pkg._read = reads["n"]
    return pkg
