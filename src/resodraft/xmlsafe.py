"""Reading XML and zip packages that come from users (a ``--reference-docx``), safely.

A Word file is a zip of XML parts. One made by hand or by a hostile tool can hold what Word
never writes: a ``<!DOCTYPE>`` declaring entities (the "billion laughs" expansion, external
entities that read local files or the network), parts that inflate to gigabytes (a zip bomb),
thousands of parts, or XML that is not well-formed. Here:

- :func:`parse` parses with a hardened lxml parser — no DTD loaded, no entity resolved, no
  network, libxml2's size limits on — and refuses any ``DOCTYPE`` outright;
- :func:`read_part` refuses a part whose uncompressed size passes :data:`MAX_PART` (and a
  package with more than :data:`MAX_PARTS` parts);

each as one :class:`~resodraft.errors.InputError` naming the file and the part.
"""

from __future__ import annotations

import zipfile
from typing import Any

from resodraft.errors import InputError

MAX_PART = 50 << 20
"""Largest uncompressed part read from a package (50 MB; styles.xml is usually < 100 KB)."""
MAX_PARTS = 5000
"""Most parts a package may have."""

_HINT = "save it again from Word as .docx (Word Document), or leave out --reference-docx"


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse(data: bytes, *, file: str, part: str) -> Any:
    """The root element of ``data``; a DOCTYPE or malformed XML is an :class:`InputError`."""
    from lxml import etree

    if b"<!DOCTYPE" in data[:65536].upper() or b"<!ENTITY" in data[:65536].upper():
        raise InputError(
            f"{part} declares a DOCTYPE (with entities), which Word files never do",
            file=file,
            hint=_HINT,
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        detail = str(exc.msg if hasattr(exc, "msg") else exc).split("\n")[0][:120]
        raise InputError(
            f"{part} is not well-formed XML" + (f" (line {line}: {detail})" if line else f" ({detail})"),
            file=file,
            hint=_HINT,
        ) from None
    tree = root.getroottree()
    if tree.docinfo.doctype:
        raise InputError(f"{part} declares a DOCTYPE, which Word files never do", file=file, hint=_HINT)
    return root


def check_package(zf: zipfile.ZipFile, *, file: str) -> None:
    """Refuse a package with too many parts or a part too big once inflated."""
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise InputError(f"the package has {len(infos)} parts, more than a Word file ever has", file=file, hint=_HINT)
    for info in infos:
        if info.file_size > MAX_PART:
            raise InputError(
                f"{info.filename} would inflate to {info.file_size >> 20} MB, more than a Word file ever holds",
                file=file,
                hint=_HINT,
            )


def read_part(zf: zipfile.ZipFile, name: str, *, file: str) -> bytes:
    """The bytes of part ``name`` (its declared size checked first; zipfile stops there)."""
    info = zf.getinfo(name)
    if info.file_size > MAX_PART:
        raise InputError(
            f"{name} would inflate to {info.file_size >> 20} MB, more than a Word file ever holds", file=file, hint=_HINT
        )
    return zf.read(info)
