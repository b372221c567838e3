"""Page headers and footers: resodraft's own (from the templates) or the reference document's.

A resolution page carries the document symbol in its header and the page number in its footer,
and the first page has a header of its own (the organ and the symbol, as on the first page of a
UN or ASP document): ``docx/header.xml.j2`` and ``docx/footer.xml.j2`` are rendered twice,
with ``first`` false (every page) and true (the first page, ``<w:titlePg/>``).

A ``--reference-docx`` that has headers or footers of its own keeps them: its header and footer
parts are copied into the new document with the pictures and other files they use, and the
section properties refer to them (same kinds: default, first, even; the first-page and
even/odd settings come along). The templates' headers are then not used.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."

HEADER_TEMPLATE = "docx/header.xml.j2"
FOOTER_TEMPLATE = "docx/footer.xml.j2"

_MEDIA_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "emf": "image/x-emf",
    "wmf": "image/x-wmf",
    "svg": "image/svg+xml",
}


@dataclass(frozen=True)
class HeaderPart:
    """One header or footer of the document: ``kind`` ``header``/``footer``, ``type``
    ``default``/``first``/``even``, its part name (``word/header1.xml``), its relationship id
    in ``document.xml.rels`` and, for a reference's part, its bytes and its own relationships."""

    kind: str
    type: str
    name: str
    rel_id: str
    data: bytes | None = None  # None: rendered from the templates
    rels: bytes | None = None


@dataclass(frozen=True)
class HeaderSet:
    """The headers and footers of a document and what they need: extra files (pictures, their
    relationships) with their content types, and the section and settings switches."""

    parts: tuple[HeaderPart, ...]
    files: dict[str, bytes] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)  # file extension → content type
    title_page: bool = False
    even_and_odd: bool = False
    max_id: int = 0  # the largest w:id inside the copied parts (revision ids start above it)

    @property
    def from_templates(self) -> bool:
        return all(p.data is None for p in self.parts)


def _parse(data: bytes):  # type: ignore[no-untyped-def]
    """A part of the user's reference document, parsed without DTDs, entities or network."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    if root.getroottree().docinfo.doctype:
        raise etree.XMLSyntaxError("a DOCTYPE in a Word part", None, 0, 0)  # type: ignore[call-arg]
    return root


def template_headers() -> HeaderSet:
    """resodraft's own headers and footers: every page and the first page."""
    parts = (
        HeaderPart("header", "default", "word/header1.xml", "rIdHeader1"),
        HeaderPart("header", "first", "word/header2.xml", "rIdHeader2"),
        HeaderPart("footer", "default", "word/footer1.xml", "rIdFooter1"),
        HeaderPart("footer", "first", "word/footer2.xml", "rIdFooter2"),
    )
    return HeaderSet(parts, title_page=True)


def reference_headers(zf: zipfile.ZipFile, main: str, document) -> HeaderSet | None:  # type: ignore[no-untyped-def]
    """The headers and footers the reference's last section uses, copied with what they need;
    ``None`` when it has none. ``document`` is the parsed ``document.xml`` of ``zf``."""
    from lxml import etree

    body = document.find(f"{{{W}}}body")
    sect = body.find(f"{{{W}}}sectPr") if body is not None else None
    if sect is None:
        return None
    refs = [
        el for el in sect if el.tag in (f"{{{W}}}headerReference", f"{{{W}}}footerReference")
    ]
    if not refs:
        return None
    targets = _rels(zf, main)
    names = set(zf.namelist())
    parts: list[HeaderPart] = []
    files: dict[str, bytes] = {}
    counters = {"header": 0, "footer": 0}
    max_id = 0
    for el in refs:
        kind = "header" if el.tag.endswith("headerReference") else "footer"
        target = targets.get(el.get(f"{{{R}}}id", ""))
        if target is None or target not in names:
            continue
        counters[kind] += 1
        name = f"word/{kind}{counters[kind]}.xml"
        data = zf.read(target)
        root = _parse(data)
        for node in root.iter():
            value = node.get(f"{{{W}}}id")
            if value is not None and value.lstrip("-").isdigit():
                max_id = max(max_id, int(value))
        rels_data = None
        rels_name = _rels_name(target)
        if rels_name in names:
            rels_root = _parse(zf.read(rels_name))
            for rel in rels_root:
                if rel.get("TargetMode") == "External":
                    continue
                source = join_part(PurePosixPath(target).parent, rel.get("Target", ""))
                if source in names and not source.endswith(".rels"):
                    files[source] = zf.read(source)
                    # the copy sits in word/ like the original's folder: keep relative targets valid
                    rel.set("Target", _relative(source))
            rels_data = etree.tostring(rels_root, xml_declaration=True, encoding="UTF-8", standalone=True)
        parts.append(
            HeaderPart(kind, el.get(f"{{{W}}}type", "default"), name, f"rId{kind.capitalize()}{counters[kind]}",
                       data, rels_data)
        )
    if not parts:
        return None
    defaults = _defaults(zf, files)
    title_page = sect.find(f"{{{W}}}titlePg") is not None and _on(sect.find(f"{{{W}}}titlePg"))
    even = _even_and_odd(zf, main)
    return HeaderSet(tuple(parts), files, defaults, title_page, even, max_id)


def section_with_headers(section: str, headers: HeaderSet) -> str:
    """The serialised ``<w:sectPr>`` with the header/footer references first and
    ``<w:titlePg/>`` in its schema place."""
    from lxml import etree

    sect = etree.fromstring(f'<w:root xmlns:w="{W}" xmlns:r="{R}">{section}</w:root>')[0]
    for child in list(sect):
        if child.tag in (f"{{{W}}}headerReference", f"{{{W}}}footerReference", f"{{{W}}}titlePg"):
            sect.remove(child)
    for k, part in enumerate(headers.parts):
        ref = etree.Element(f"{{{W}}}{part.kind}Reference")
        ref.set(f"{{{W}}}type", part.type)
        ref.set(f"{{{R}}}id", part.rel_id)
        sect.insert(k, ref)
    if headers.title_page:
        # CT_SectPr: … cols, formProt, vAlign, noEndnote, titlePg, textDirection, bidi, rtlGutter, docGrid …
        later = {f"{{{W}}}{t}" for t in ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")}
        title = etree.Element(f"{{{W}}}titlePg")
        at = next((i for i, c in enumerate(sect) if c.tag in later), len(sect))
        sect.insert(at, title)
    text = etree.tostring(sect, encoding="unicode")
    # the element is inserted inside <w:document>, which declares w: and r: already
    return text.replace(f' xmlns:w="{W}"', "").replace(f' xmlns:r="{R}"', "")


def _on(el) -> bool:  # type: ignore[no-untyped-def]
    value = el.get(f"{{{W}}}val")
    return value is None or value not in ("0", "false", "off")


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id → target part name, for the internal relationships of ``part``."""
    name = _rels_name(part)
    if name not in zf.namelist():
        return {}
    out: dict[str, str] = {}
    for rel in _parse(zf.read(name)):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        out[rel.get("Id", "")] = join_part(PurePosixPath(part).parent, target)
    return out


def _rels_name(part: str) -> str:
    p = PurePosixPath(part)
    return str(p.parent / "_rels" / (p.name + ".rels"))


def join_part(base: PurePosixPath, target: str) -> str:
    """The package part a relationship's ``target`` names, relative to the folder ``base``
    (``../media/logo.png`` from ``word`` is ``media/logo.png``; ``/word/x.xml`` is absolute)."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = list(base.parts)
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _relative(source: str) -> str:
    """A target for a file of the package, written from a part in ``word/``."""
    return source[len("word/"):] if source.startswith("word/") else "/" + source


def _defaults(zf: zipfile.ZipFile, files: dict[str, bytes]) -> dict[str, str]:
    known: dict[str, str] = {}
    if "[Content_Types].xml" in zf.namelist():
        for item in _parse(zf.read("[Content_Types].xml")):
            if item.tag == f"{{{CT}}}Default":
                known[item.get("Extension", "").lower()] = item.get("ContentType", "")
    out: dict[str, str] = {}
    for name in files:
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ext and ext not in ("xml", "rels"):
            out[ext] = known.get(ext) or _MEDIA_TYPES.get(ext, "application/octet-stream")
    return out


def _even_and_odd(zf: zipfile.ZipFile, main: str) -> bool:
    for target in _rels(zf, main).values():
        if target.endswith("settings.xml") and target in zf.namelist():
            settings = _parse(zf.read(target))
            el = settings.find(f"{{{W}}}evenAndOddHeaders")
            return el is not None and _on(el)
    return False


__all__ = [
    "FOOTER_TEMPLATE",
    "HEADER_TEMPLATE",
    "HeaderPart",
    "HeaderSet",
    "reference_headers",
    "section_with_headers",
    "template_headers",
]
