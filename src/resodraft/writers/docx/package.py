"""The .docx package: reference document (styles, page setup), relationships, zip.

- :func:`load_reference` reads the styles, theme, font table and page setup (``w:sectPr``) of
  a reference .docx (``templates/reference.docx`` unless the user gives ``--reference-docx``),
  the way pandoc does. Styles resodraft needs and the user's reference lacks are copied from
  the bundled one, so every paragraph keeps a defined style.
  A reference's own page headers and footers are kept (:mod:`.headers`).
- :func:`assemble` adds the content types, relationships and document properties, and zips
  everything **reproducibly**: fixed timestamps and permissions, ``[Content_Types].xml`` first,
  then the parts in sorted order, ``core.xml`` dated with the run's date
  (:func:`~resodraft.writers.docx.story.run_date`). Same inputs and date → same bytes.
"""

from __future__ import annotations

import functools
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from resodraft.errors import InputError
from resodraft.model import Meta

from .headers import HeaderSet, join_part, reference_headers
from .parts import WORD_LANGUAGE, bundled_templates_dir

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# part name → (relationship type from document.xml, content type)
_WORD_PARTS: dict[str, tuple[str, str]] = {
    "word/styles.xml": (REL + "styles", WML_CT + "styles+xml"),
    "word/settings.xml": (REL + "settings", WML_CT + "settings+xml"),
    "word/footnotes.xml": (REL + "footnotes", WML_CT + "footnotes+xml"),
    "word/numbering.xml": (REL + "numbering", WML_CT + "numbering+xml"),
    "word/fontTable.xml": (REL + "fontTable", WML_CT + "fontTable+xml"),
    "word/theme/theme1.xml": (REL + "theme", "application/vnd.openxmlformats-officedocument.theme+xml"),
    "word/comments.xml": (REL + "comments", WML_CT + "comments+xml"),  # only the compilation has comments
}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Reference:
    """What a reference .docx contributes: ``styles.xml``, optional theme and font table, the
    serialised ``<w:sectPr>`` (page size, margins) of its body, and its own page headers and
    footers (``None``: it has none, resodraft's templates make them)."""

    styles: bytes
    section: str
    theme: bytes | None = None
    font_table: bytes | None = None
    headers: HeaderSet | None = None


def bundled_reference_path() -> Path:
    """``templates/reference.docx``: Times New Roman 12 and the resolution paragraph styles."""
    return bundled_templates_dir() / "reference.docx"


def load_reference(
    path: str | Path | None = None, language: str = "fr", template_dir: str | Path | None = None
) -> Reference:
    """Read a reference document.

    ``path`` ``None`` means ``reference.docx`` of the user's ``template_dir`` if it has one,
    else the bundled one.

    The document language (``fr`` → ``fr-FR``) is written into the default run properties
    of the styles, so Word checks spelling in the draft's language.
    Raises :class:`InputError` when ``path`` is missing or is not a Word document.
    """
    bundled = _read_reference(bundled_reference_path())
    if path is None:
        from resodraft.templating import find_file

        found = find_file("reference.docx", template_dir)
        path = None if found.resolve() == bundled_reference_path().resolve() else found
    if path is None:
        ref = bundled
    else:
        ref = _read_reference(Path(path))
        ref = Reference(
            styles=merge_styles(ref.styles, bundled.styles),
            section=ref.section,
            theme=ref.theme,
            font_table=ref.font_table,
            headers=ref.headers,
        )
    return Reference(
        styles=_with_language(ref.styles, WORD_LANGUAGE.get(language, language)),
        section=ref.section,
        theme=ref.theme,
        font_table=ref.font_table,
        headers=ref.headers,
    )


def _per_file(read: Callable[[Path], Reference]) -> Callable[[Path], Reference]:
    """Cache ``read(path)`` for the process, keyed on the path and the file's identity (device,
    inode, size, modification time): a job writing three Word files reads and checks the
    reference once; a file changed or replaced since is read again. Errors are not cached."""
    cache: dict[tuple[object, ...], Reference] = {}

    @functools.wraps(read)
    def cached(path: Path) -> Reference:
        try:
            st = os.stat(path)
        except OSError:
            return read(path)
        key = (os.path.abspath(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        if key not in cache:
            if len(cache) >= 8:
                cache.clear()
            cache[key] = read(path)
        return cache[key]

    return cached


@_per_file
def _read_reference(path: Path) -> Reference:
    name = str(path)
    if not path.is_file():
        raise InputError("reference document not found", file=name, hint="give a .docx file with --reference-docx")
    try:
        with zipfile.ZipFile(path) as zf:
            _check_untrusted(zf, name)
            main = _main_part(zf)
            rels = _part_rels(zf, main)
            styles = zf.read(rels[REL + "styles"]) if REL + "styles" in rels else None
            theme = zf.read(rels[REL + "theme"]) if REL + "theme" in rels else None
            fonts = zf.read(rels[REL + "fontTable"]) if REL + "fontTable" in rels else None
            document = etree.fromstring(zf.read(main))
            headers = reference_headers(zf, main, document)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError):
        raise InputError(
            "the reference document is not a readable Word (.docx) file",
            file=name,
            hint="save it from Word as .docx (Word Document), or leave out --reference-docx",
        ) from None
    if styles is None:
        raise InputError(
            "the reference document has no styles",
            file=name,
            hint="save it from Word as .docx (Word Document), or leave out --reference-docx",
        )
    return Reference(styles=styles, section=_section(document), theme=theme, font_table=fonts, headers=headers)


def _check_untrusted(zf: zipfile.ZipFile, name: str) -> None:
    """A user's reference is parsed with the hardened parser first (no DTD, no entities,
    size limits, see :mod:`resodraft.xmlsafe`): a malformed part or a DOCTYPE is refused."""
    from resodraft import xmlsafe

    xmlsafe.check_package(zf, file=name)
    for part in zf.namelist():
        if part.endswith((".xml", ".rels")):
            xmlsafe.parse(xmlsafe.read_part(zf, part, file=name), file=name, part=part)


def _main_part(zf: zipfile.ZipFile) -> str:
    root = etree.fromstring(zf.read("_rels/.rels"))
    for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _part_rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship type → target part name, for the relationships of ``part``."""
    p = PurePosixPath(part)
    rels_name = str(p.parent / "_rels" / (p.name + ".rels"))
    if rels_name not in zf.namelist():
        return {}
    out: dict[str, str] = {}
    for rel in etree.fromstring(zf.read(rels_name)).iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        resolved = join_part(p.parent, target)
        out.setdefault(rel.get("Type", ""), resolved)
    return out


def _section(document: etree._Element) -> str:
    """The body's final ``<w:sectPr>`` without its header/footer references (they are added
    back by :func:`.headers.section_with_headers`) and without revision-save ids; A4 with
    2.5 cm margins when the reference has none."""
    body = document.find(_w("body"))
    sect = body.find(_w("sectPr")) if body is not None else None
    if sect is None:
        sect = etree.fromstring(
            f'<w:sectPr xmlns:w="{W}"><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" '
            'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
        )
    sect = etree.fromstring(etree.tostring(sect))
    for child in list(sect):
        if child.tag in (_w("headerReference"), _w("footerReference"), _w("titlePg")):
            sect.remove(child)
    for attr in list(sect.attrib):
        if attr.startswith(f"{{{W}}}rsid"):
            del sect.attrib[attr]
    etree.cleanup_namespaces(sect, top_nsmap={"w": W})
    text = etree.tostring(sect, encoding="unicode")
    # the element is inserted inside <w:document>, which declares w: already
    return text.replace(f' xmlns:w="{W}"', "")


@functools.lru_cache(maxsize=8)
def merge_styles(styles: bytes, bundled: bytes) -> bytes:
    """``styles`` plus every style of ``bundled`` whose id it lacks (its own styles win)."""
    root = etree.fromstring(styles)
    have = {s.get(_w("styleId")) for s in root.iter(_w("style"))}
    for style in etree.fromstring(bundled).iter(_w("style")):
        if style.get(_w("styleId")) not in have:
            root.append(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@functools.lru_cache(maxsize=8)
def _with_language(styles: bytes, tag: str) -> bytes:
    root = etree.fromstring(styles)
    defaults = root.find(_w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(_w("docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(_w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(_w("rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, _w("rPr"))
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = etree.SubElement(rpr, _w("lang"))
    lang.set(_w("val"), tag)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------------------------
# package assembly


def assemble(
    parts: dict[str, bytes],
    reference: Reference,
    meta: Meta,
    *,
    language: str,
    date: str,
    headers: HeaderSet | None = None,
) -> bytes:
    """The .docx bytes: ``parts`` (document, footnotes, settings, numbering, headers and footers
    rendered from templates) plus the reference's styles, theme and font table, the copied
    header/footer parts of ``headers``, relationships, content types and document properties."""
    files: dict[str, bytes] = dict(parts)
    files["word/styles.xml"] = reference.styles
    if reference.theme is not None:
        files["word/theme/theme1.xml"] = reference.theme
    if reference.font_table is not None:
        files["word/fontTable.xml"] = reference.font_table
    rels = [(name, *_WORD_PARTS[name]) for name in _WORD_PARTS if name in files]
    overrides = {name: ct for name, (_, ct) in _WORD_PARTS.items()}
    defaults: dict[str, str] = {}
    if headers is not None:
        for part in headers.parts:
            if part.data is not None:
                files[part.name] = part.data
                if part.rels is not None:
                    folder, _, base = part.name.rpartition("/")
                    files[f"{folder}/_rels/{base}.rels"] = part.rels
            rels.append((part.name, REL + part.kind, WML_CT + part.kind + "+xml"))
            overrides[part.name] = WML_CT + part.kind + "+xml"
        files.update(headers.files)
        defaults.update(headers.defaults)
    ids = {part.name: part.rel_id for part in (headers.parts if headers is not None else ())}
    files["word/_rels/document.xml.rels"] = _document_rels(rels, ids)
    files["_rels/.rels"] = _package_rels()
    files["docProps/core.xml"] = _core(meta, language, date)
    files["docProps/app.xml"] = _app()
    files["[Content_Types].xml"] = _content_types(sorted(files), overrides, defaults)
    return zip_parts(files)


def zip_parts(files: dict[str, bytes]) -> bytes:
    """Zip ``files`` reproducibly: ``[Content_Types].xml`` first, then sorted; fixed dates."""
    buffer = io.BytesIO()
    order = sorted(files, key=lambda n: (n != "[Content_Types].xml", n))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _document_rels(rels: list[tuple[str, str, str]], ids: dict[str, str]) -> bytes:
    """``document.xml.rels``: ``(part name, relationship type, content type)`` in order; the
    parts named in ``ids`` (headers, footers) get those ids, the others ``rId1``, ``rId2``…"""
    root = etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
    k = 0
    for name, rel_type, _ in rels:
        if name in ids:
            rid = ids[name]
        else:
            k += 1
            rid = f"rId{k}"
        etree.SubElement(root, f"{{{PKG_REL}}}Relationship", Id=rid, Type=rel_type, Target=name[len("word/") :])
    return _xml(root)


def _package_rels() -> bytes:
    root = etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
    for rid, rel_type, target in (
        ("rId1", REL + "officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ("rId3", REL + "extended-properties", "docProps/app.xml"),
    ):
        etree.SubElement(root, f"{{{PKG_REL}}}Relationship", Id=rid, Type=rel_type, Target=target)
    return _xml(root)


def _content_types(names: list[str], word_parts: dict[str, str], defaults: dict[str, str]) -> bytes:
    root = etree.Element(f"{{{CT}}}Types", nsmap={None: CT})
    etree.SubElement(root, f"{{{CT}}}Default", Extension="rels", ContentType="application/vnd.openxmlformats-package.relationships+xml")
    etree.SubElement(root, f"{{{CT}}}Default", Extension="xml", ContentType="application/xml")
    for ext, ct in sorted(defaults.items()):
        etree.SubElement(root, f"{{{CT}}}Default", Extension=ext, ContentType=ct)
    overrides = {
        "word/document.xml": WML_CT + "document.main+xml",
        "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        **word_parts,
    }
    for name in names:
        if name in overrides:
            etree.SubElement(root, f"{{{CT}}}Override", PartName="/" + name, ContentType=overrides[name])
    return _xml(root)


def _core(meta: Meta, language: str, date: str) -> bytes:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    dcterms = "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc, "dcterms": dcterms, "xsi": xsi})
    if meta.title:
        etree.SubElement(root, f"{{{dc}}}title").text = meta.title
    if meta.symbol:
        etree.SubElement(root, f"{{{dc}}}subject").text = meta.symbol
    etree.SubElement(root, f"{{{dc}}}creator").text = "resodraft"
    etree.SubElement(root, f"{{{dc}}}language").text = WORD_LANGUAGE.get(language, language)
    for tag in ("created", "modified"):
        el = etree.SubElement(root, f"{{{dcterms}}}{tag}")
        el.set(f"{{{xsi}}}type", "dcterms:W3CDTF")
        el.text = date
    return _xml(root)


def _app() -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns})
    etree.SubElement(root, f"{{{ns}}}Application").text = "resodraft"
    return _xml(root)
