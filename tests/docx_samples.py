"""Word documents made by other programs, for the Word reader's tests.

- :func:`pandoc_markdown` / :func:`pandoc_docx`: a draft as pandoc's Markdown (masthead lines
  as paragraphs, ``^e^`` superscripts, ``a)``/``(a)`` sub-paragraphs as fancy lists), converted
  by pandoc (pypandoc-binary): automatic numbering from ordered lists, real footnotes,
  headings in Heading styles;
- :func:`typed_docx`: a draft built with python-docx the way a secretariat types it: ``12.`` +
  tab, italic lead words as runs, headings in Heading styles, footnotes added at the XML level
  (python-docx has no footnote API);
- :func:`package`: a minimal .docx from XML snippets, for one Word feature at a time;
- :func:`similarity`, :func:`counts`, :func:`leads`: what the tests compare with the source.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import replace

from resodraft.model import (
    Footnote,
    Heading,
    NoteRef,
    Operative,
    Part,
    Preambular,
    Resolution,
    SubParagraph,
    Text,
    iter_labelled,
    lead,
    paragraph_count,
    plain,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --------------------------------------------------------------------------------------------
# what the tests compare


def counts(res: Resolution) -> dict[str, int]:
    """Paragraphs of each kind, and footnotes."""
    out = dict(paragraph_count(res))
    out["footnotes"] = len(res.footnotes)
    return out


def leads(res: Resolution) -> list[str]:
    """The italic lead words of every preambular and operative paragraph and sub-paragraph."""
    return [lead(item.node.content) for item in iter_labelled(res) if item.kind in ("preambular", "operative", "subparagraph")]


def words(res: Resolution) -> list[str]:
    """The words of the text, labels first, footnotes last (what a reader compares)."""
    out: list[str] = []
    for item in iter_labelled(res):
        out.append(item.label)
        out.extend(plain(item.node.content).split())
    for note in res.footnotes:
        out.append(f"[^{note.id}]:")
        out.extend(plain(note.content).split())
    return out


def similarity(a: Resolution, b: Resolution) -> float:
    """difflib's ratio of the two word lists (1.0: the same words in the same order)."""
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def renumber_notes(res: Resolution) -> Resolution:
    """Footnotes numbered 1…n in order of first call, as Word numbers them itself."""
    order: dict[str, str] = {}

    def visit(content):
        for item in content:
            if isinstance(item, NoteRef) and item.id not in order:
                order[item.id] = str(len(order) + 1)

    for item in iter_labelled(res):
        visit(item.node.content)
    if all(k == v for k, v in order.items()):
        return res

    def fix(content):
        return tuple(NoteRef(order.get(i.id, i.id)) if isinstance(i, NoteRef) else i for i in content)

    def fix_subs(subs):
        return tuple(replace(s, content=fix(s.content), subs=fix_subs(s.subs)) for s in subs)

    blocks = []
    for block in res.blocks:
        block = replace(block, content=fix(block.content))
        if isinstance(block, Operative):
            block = replace(block, subs=fix_subs(block.subs))
        blocks.append(block)
    notes = sorted(
        (Footnote(order[n.id], n.content) for n in res.footnotes if n.id in order), key=lambda n: int(n.id)
    )
    return replace(res, blocks=tuple(blocks), footnotes=tuple(notes))


def one_note_per_call(res: Resolution) -> Resolution:
    """Every footnote call its own footnote, numbered 1…n in order of call (Word's model).

    A call inside a footnote's own text is dropped: a Word footnote cannot call another."""
    from resodraft.text import canonical_inlines

    texts = {n.id: canonical_inlines(i for i in n.content if not isinstance(i, NoteRef)) for n in res.footnotes}
    notes: list[Footnote] = []

    def fix(content):
        out = []
        for item in content:
            if isinstance(item, NoteRef):
                ident = str(len(notes) + 1)
                notes.append(Footnote(ident, texts.get(item.id, ())))
                out.append(NoteRef(ident))
            else:
                out.append(item)
        return tuple(out)

    def fix_subs(subs):
        return tuple(replace(s, content=fix(s.content), subs=fix_subs(s.subs)) for s in subs)

    blocks = []
    for block in res.blocks:
        block = replace(block, content=fix(block.content))
        if isinstance(block, Operative):
            block = replace(block, subs=fix_subs(block.subs))
        blocks.append(block)
    formula = fix(res.formula) if res.formula is not None else None
    return replace(res, formula=formula, blocks=tuple(blocks), footnotes=tuple(n for n in notes if n.content))


# --------------------------------------------------------------------------------------------
# pandoc


_SUP = re.compile(r"(?<![\\\[])\^(?:\{((?:\\.|[^{}\\])+)\}|([^\W_]{1,8}))\^?")


def _pandoc_inline(md: str) -> str:
    """Our canonical inline Markdown in pandoc's dialect: ``7^e`` → ``7^e^``."""

    def sup(m: re.Match[str]) -> str:
        text = m.group(1) if m.group(1) is not None else m.group(2)
        return "^" + text.replace(" ", "\\ ") + "^"

    return _SUP.sub(sup, md)


def masthead_lines(res: Resolution) -> list[str]:
    """The masthead as printed: symbol, adoption line, title (those the draft has); a General
    Assembly title carries the resolution's number, as the UN prints it (``80/99. Cooperation …``)."""
    meta = res.meta
    lines = []
    if meta.symbol:
        lines.append(meta.symbol)
    if meta.adopted:
        lines.append(meta.adopted)
    if meta.title:
        ga = re.match(r"^A/RES/(\d+)/(\d+)$", meta.symbol or "")
        lines.append(f"{ga.group(1)}/{ga.group(2)}. {meta.title}" if ga else meta.title)
    return lines


def pandoc_markdown(res: Resolution) -> str:
    """The draft as pandoc Markdown: masthead paragraphs, formula, blocks, footnotes.

    Operative paragraphs are ordered-list items (pandoc numbers them with Word's automatic
    numbering, each list starting at its first number); sub-paragraphs ``a)``/``(a)`` are
    lists of their own, second-level ones indented under them (a nested list in Word).
    """
    from resodraft.writers.markdown import escape, inlines_to_md

    def md(content, start: bool = False) -> str:
        return _pandoc_inline(inlines_to_md(content, at_line_start=start))

    out = [escape(line, at_line_start=True) for line in masthead_lines(res)]
    if res.formula is not None:
        out.append(md(res.formula, True))

    def subs(items, indent: str) -> None:
        for sub in items:
            marker = f"({sub.number})" if sub.style == "()" else f"{sub.number})"
            out.append(f"{indent}{marker} {md(sub.content)}")
            subs(sub.subs, indent + "    ")

    for block in res.blocks:
        if isinstance(block, Preambular):
            out.append(md(block.content, True))
        elif isinstance(block, Heading):
            out.append("#" * block.level + " " + md(block.content))
        elif isinstance(block, Part):
            out.append(f"# {block.letter}. {md(block.content)}")
        elif isinstance(block, Operative):
            out.append(f"{block.number}. {md(block.content)}" if block.number else md(block.content, True))
            subs(block.subs, "")
    for note in res.footnotes:
        out.append(f"[^{note.id}]: {md(note.content)}")
    return "\n\n".join(out) + "\n"


def pandoc_docx(res: Resolution, path) -> None:
    """Write ``res`` as a .docx made by pandoc (automatic numbering, real footnotes)."""
    import pypandoc

    pypandoc.convert_text(pandoc_markdown(res), "docx", format="markdown-smart", outputfile=str(path))


# --------------------------------------------------------------------------------------------
# python-docx, typed numbers


_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def typed_docx(res: Resolution) -> bytes:
    """``res`` typed into Word by hand, built with python-docx.

    Masthead lines and the formula are plain paragraphs; operative paragraphs start with
    their number, a full stop and a tab (``12.`` + tab); sub-paragraphs with ``a)`` or ``(a)``
    and a tab; lead words are italic runs; headings use the Heading 2 style and lettered parts
    Heading 1 (``A.`` + tab + title); footnote calls are ``w:footnoteReference`` runs whose
    texts go in a ``footnotes.xml`` part added at the XML level.
    """
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part as OpcPart
    from docx.oxml import parse_xml

    document = docx.Document()
    note_ids: dict[str, int] = {}

    def add_runs(paragraph, content) -> None:
        for item in content:
            if isinstance(item, NoteRef):
                note_ids.setdefault(item.id, len(note_ids) + 1)
                run = paragraph.add_run()
                rpr = run._r.get_or_add_rPr()
                rpr.append(parse_xml(f'<w:vertAlign xmlns:w="{W_NS}" w:val="superscript"/>'))
                run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" w:id="{note_ids[item.id]}"/>'))
                continue
            run = paragraph.add_run(item.text)
            run.italic = "i" in item.marks or None
            run.bold = "b" in item.marks or None
            if "s" in item.marks:
                run.font.strike = True
            if "sup" in item.marks:
                run.font.superscript = True

    def para(prefix: str, content, style: str | None = None) -> None:
        paragraph = document.add_paragraph(style=style)
        if prefix:
            paragraph.add_run(prefix + "\t")
        add_runs(paragraph, content)

    for line in masthead_lines(res):
        para("", (Text(line),))
    if res.formula is not None:
        para("", res.formula)

    def subs(items: tuple[SubParagraph, ...]) -> None:
        for sub in items:
            para(f"({sub.number})" if sub.style == "()" else f"{sub.number})", sub.content)
            subs(sub.subs)

    for block in res.blocks:
        if isinstance(block, Preambular):
            para("", block.content)
        elif isinstance(block, Heading):
            para("", block.content, style=f"Heading {block.level}")
        elif isinstance(block, Part):
            para(f"{block.letter}.", block.content, style="Heading 1")
        elif isinstance(block, Operative):
            para(f"{block.number}." if block.number else "", block.content)
            subs(block.subs)

    notes = {n.id: n for n in res.footnotes}
    xml = [f'<w:footnotes xmlns:w="{W_NS}">',
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
    from xml.sax.saxutils import escape as xml_escape

    for ident, number in note_ids.items():
        note = notes.get(ident)
        runs = "".join(
            "<w:r><w:rPr>"
            + ("<w:b/>" if "b" in i.marks else "")
            + ("<w:i/>" if "i" in i.marks else "")
            + ('<w:vertAlign w:val="superscript"/>' if "sup" in i.marks else "")
            + f'</w:rPr><w:t xml:space="preserve">{xml_escape(i.text)}</w:t></w:r>'
            for i in (note.content if note else ())
            if isinstance(i, Text)
        )
        xml.append(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>'
        )
    xml.append("</w:footnotes>")
    part = OpcPart(PackURI("/word/footnotes.xml"), _FOOTNOTES_CT, "".join(xml).encode("utf-8"), document.part.package)
    document.part.relate_to(part, _FOOTNOTES_RT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# hand-made packages


_CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
{overrides}
</Types>"""
_PARTS = {
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "endnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
}
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package(body: str, **parts: str) -> bytes:
    """A minimal .docx whose body is ``body`` (``w:p`` elements…) and whose other parts are
    given by name: ``styles``, ``numbering``, ``footnotes``, ``endnotes``, ``comments``,
    ``header``, ``footer`` (each the part's inner XML, wrapped in its root element here)."""
    roots = {"styles": "styles", "numbering": "numbering", "footnotes": "footnotes", "endnotes": "endnotes",
             "comments": "comments", "header": "hdr", "footer": "ftr"}
    ns = f'xmlns:w="{W_NS}" xmlns:r="{_REL}"'
    files = {
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {ns}><w:body>{body}</w:body></w:document>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>',
    }
    rels = []
    overrides = []
    for k, (name, inner) in enumerate(parts.items(), start=2):
        target = f"{name}1.xml" if name in ("header", "footer") else f"{name}.xml"
        files[f"word/{target}"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{roots[name]} {ns}>{inner}</w:{roots[name]}>'
        rels.append(f'<Relationship Id="rId{k}" Type="{_REL}/{name}" Target="{target}"/>')
        overrides.append(f'<Override PartName="/word/{target}" ContentType="{_PARTS[name]}"/>')
    files["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>"
    )
    files["[Content_Types].xml"] = _CT.format(overrides="\n".join(overrides))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# files that are not Word documents


def ole_file(*streams: str) -> bytes:
    """A minimal OLE compound file ([MS-CFB], version 3) whose directory lists ``streams``.

    ``ole_file("EncryptionInfo", "EncryptedPackage")`` has the shape of a password-protected
    Word file; ``ole_file("WordDocument")`` the shape of a ``.doc``. The streams are empty.
    """
    import struct

    size = 512
    header = bytearray(size)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # one FAT sector
    struct.pack_into("<I", header, 0x30, 1)  # the directory starts in sector 1
    struct.pack_into("<I", header, 0x38, 4096)
    struct.pack_into("<II", header, 0x3C, 0xFFFFFFFE, 0)
    struct.pack_into("<II", header, 0x44, 0xFFFFFFFE, 0)
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [0xFFFFFFFF] * (size // 4 - 2)
    fat_sector = struct.pack(f"<{size // 4}I", *fat)
    entries = []
    names = ["Root Entry", *streams]
    for k, name in enumerate(names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<H", entry, 0x40, len(encoded))
        entry[0x42] = 5 if k == 0 else 2
        entry[0x43] = 1
        right = k + 1 if 0 < k < len(names) - 1 else 0xFFFFFFFF
        child = 1 if k == 0 and len(names) > 1 else 0xFFFFFFFF
        struct.pack_into("<III", entry, 0x44, 0xFFFFFFFF, right, child)
        struct.pack_into("<I", entry, 0x74, 0xFFFFFFFE)
        entries.append(bytes(entry))
    directory = b"".join(entries).ljust(size, b"\x00")
    return bytes(header) + fat_sector + directory


def zip_of(files: dict[str, str | bytes]) -> bytes:
    """A zip archive holding ``files`` (name → text or bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out.getvalue()


def xlsx_like() -> bytes:
    """The package shape of an Excel workbook (content types and the main relationship)."""
    return zip_of({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": "<workbook/>",
    })


def odt_like() -> bytes:
    """The package shape of an OpenDocument text (``mimetype`` first, stored)."""
    return zip_of({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"})


def without_main_part() -> bytes:
    """A Word package whose ``word/document.xml`` is missing (its other parts are there)."""
    data = package("<w:p/>", styles="")
    src = zipfile.ZipFile(io.BytesIO(data))
    return zip_of({n: src.read(n) for n in src.namelist() if n != "word/document.xml"})


# --------------------------------------------------------------------------------------------
# WordprocessingML snippets for the feature tests


def r(text: str = "", *, i: bool = False, b: bool = False, sup: bool = False, style: str | None = None, extra: str = "", tag: str = "t") -> str:
    """One ``w:r`` holding ``text`` (``tag="delText"`` inside a deletion)."""
    from xml.sax.saxutils import escape as xml_escape

    props = (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:b/>" if b else "") + ("<w:i/>" if i else "")
    props += '<w:vertAlign w:val="superscript"/>' if sup else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    content = f'<w:{tag} xml:space="preserve">{xml_escape(text)}</w:{tag}>' if text else ""
    return f"<w:r>{rpr}{extra}{content}</w:r>"


def p(*content: str, style: str | None = None, num: tuple[int, int] | None = None, ppr: str = "", mark: str = "") -> str:
    """One ``w:p``: its style, numbering ``(numId, ilvl)``, extra ``w:pPr`` XML, a paragraph-mark revision."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    if mark:
        props += f"<w:rPr>{mark}</w:rPr>"
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{''.join(content)}</w:p>"


def rev(kind: str, author: str, n: int, body: str = "", date: str = "2021-11-04T00:00:00Z") -> str:
    """A revision element (``ins``, ``del``, ``moveFrom``, ``moveTo``), wrapping ``body`` or empty."""
    attrs = f'w:id="{n}" w:author="{author}" w:date="{date}"'
    return f"<w:{kind} {attrs}>{body}</w:{kind}>" if body else f"<w:{kind} {attrs}/>"


def note(n: int) -> str:
    """A footnote call run."""
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'


def footnotes(*texts: str) -> str:
    """``footnotes.xml`` content: the two separators, then one footnote per text (ids 1, 2…)."""
    out = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
    for k, text in enumerate(texts, start=1):
        out.append(f'<w:footnote w:id="{k}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>{r(" " + text)}</w:p></w:footnote>')
    return "".join(out)


def numbering(*abstracts: tuple[int, list[tuple[str, str]]], nums: list[tuple[int, int, dict[int, int]]]) -> str:
    """``numbering.xml``: abstract definitions ``(id, [(numFmt, lvlText) per level])`` and
    instances ``(numId, abstractId, {ilvl: startOverride})``."""
    out = []
    for aid, levels in abstracts:
        lvls = "".join(
            f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
            for k, (fmt, text) in enumerate(levels)
        )
        out.append(f'<w:abstractNum w:abstractNumId="{aid}">{lvls}</w:abstractNum>')
    for nid, aid, overrides in nums:
        ovs = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for k, v in overrides.items())
        out.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{ovs}</w:num>')
    return "".join(out)


HEADING_STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Section"><w:name w:val="Section title"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Lead"><w:name w:val="Lead words"/><w:rPr><w:i/></w:rPr></w:style>'
)
"""Styles for the feature tests: Heading 1/2 (bold, with outline levels), a custom heading
style known only by its outline level, and an italic character style."""


def one_operative_list(data: bytes) -> bytes:
    """A pandoc .docx whose operative paragraphs form one Word list, as drafters number them.

    pandoc starts a new list (with a start override) after every run of sub-paragraphs or
    heading, so inserting a paragraph would not renumber the later ones; here every
    paragraph of a decimal list is moved to the first decimal list instance.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    files = {name: src.read(name) for name in src.namelist()}
    numbering_xml = files["word/numbering.xml"].decode("utf-8")
    decimal = {
        m.group(1)
        for m in re.finditer(r'<w:abstractNum w:abstractNumId="(\d+)">.*?</w:abstractNum>', numbering_xml, re.S)
        if re.search(r'<w:lvl w:ilvl="0">(?:(?!</w:lvl>).)*<w:numFmt w:val="decimal"', m.group(0), re.S)
    }
    nums = [m.group(1) for m in re.finditer(r'<w:num w:numId="(\d+)"><w:abstractNumId w:val="(\d+)"', numbering_xml) if m.group(2) in decimal]
    if nums:
        first = nums[0]
        document = files["word/document.xml"].decode("utf-8")
        for num in nums[1:]:
            document = document.replace(f'<w:numId w:val="{num}" />', f'<w:numId w:val="{first}" />')
        files["word/document.xml"] = document.encode("utf-8")
    return zip_of(files)
