"""Generator of ``templates/reference.docx``, the styles every resodraft .docx uses.

Run ``python -m resodraft.writers.docx.reference [OUT.docx]`` to rebuild the committed file;
``tests/test_docx_xml.py`` checks that the committed file is what this module builds.

The styles follow the printed resolutions (Official Records of the Assembly of States Parties,
UN Editorial Manual): Times New Roman 12 pt, single spacing, A4; preambular paragraphs with a
first-line indent; operative paragraphs numbered "1." with a hanging indent (number, tab,
text); sub-paragraphs "a)" indented one step further; section headings bold; footnotes 10 pt;
page header and footer 10 pt. The title, the lettered parts and the section headings carry
outline levels 1–4, so Word's navigation pane lists them.
Italic lead verbs are not a style: they come from the text (``*Souligne*``) as italic runs.

Built with python-docx (its default template pruned to the styles we need), then zipped
reproducibly, so the same code gives the same bytes.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

STEP = 567  # twips: 1 cm, the indent step of resolutions


def _twips(value: int) -> int:
    return value * 635  # twips → EMU


def build_reference_docx() -> bytes:
    """The bytes of ``templates/reference.docx`` (deterministic)."""
    import docx
    import docx.oxml.ns
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Emu, Pt

    document = docx.Document()
    styles = document.styles
    keep = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}
    for style in list(styles):
        if style.name not in keep:
            style.delete()

    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.widow_control = True

    def paragraph_style(name, *, base="Normal", bold=None, italic=None, size=None, align=None,
                        left=None, first=None, before=None, after=6, keep_next=None, tab=None,
                        outline=None):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        style.next_paragraph_style = style
        if bold is not None:
            style.font.bold = bold
        if italic is not None:
            style.font.italic = italic
        if size is not None:
            style.font.size = Pt(size)
        f = style.paragraph_format
        if align is not None:
            f.alignment = align
        if left is not None:
            f.left_indent = Emu(_twips(left))
        if first is not None:
            f.first_line_indent = Emu(_twips(first))
        if before is not None:
            f.space_before = Pt(before)
        if after is not None:
            f.space_after = Pt(after)
        if keep_next is not None:
            f.keep_with_next = keep_next
        if tab is not None:
            f.tab_stops.add_tab_stop(Emu(_twips(tab)))
        if outline is not None:  # Word's navigation pane lists the paragraphs with an outline level
            style.element.get_or_add_pPr().get_or_add_outlineLvl().val = outline
        return style

    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph_style("Reso Symbol", bold=True, align=center, after=6, keep_next=True)
    paragraph_style("Reso Adopted", italic=True, align=center, after=12, keep_next=True)
    paragraph_style("Reso Title", bold=True, align=center, before=6, after=18, keep_next=True, outline=0)
    paragraph_style("Reso Formula", align=justify, first=STEP, after=12, keep_next=True)
    paragraph_style("Reso Preambular", align=justify, first=STEP, after=12)
    paragraph_style("Reso Operative", align=justify, left=STEP, first=-STEP, after=12, tab=STEP)
    paragraph_style("Reso Operative Unnumbered", align=justify, first=STEP, after=12)
    paragraph_style("Reso Subparagraph", align=justify, left=2 * STEP, first=-STEP, after=12, tab=2 * STEP)
    paragraph_style("Reso Subparagraph 2", align=justify, left=3 * STEP, first=-STEP, after=12, tab=3 * STEP)
    paragraph_style("Reso Heading", bold=True, before=6, after=12, keep_next=True, outline=2)
    paragraph_style("Reso Heading 3", bold=True, italic=True, before=6, after=12, keep_next=True, outline=3)
    paragraph_style("Reso Part", bold=True, left=STEP, first=-STEP, before=6, after=12, keep_next=True, tab=STEP,
                    outline=1)
    note = paragraph_style("Footnote Text", size=10, align=justify, after=0)
    note.name = "footnote text"
    # page header and footer (templates/docx/header.xml.j2, footer.xml.j2): centre and right
    # tab stops of the A4 text width (21 cm less two 2.5 cm margins)
    header = paragraph_style("Header", size=10, after=0)
    footer = paragraph_style("Footer", size=10, after=0)
    for style in (header, footer):
        style.paragraph_format.tab_stops.add_tab_stop(Cm(8), WD_TAB_ALIGNMENT.CENTER)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    header.name, header.element.styleId = "header", "Header"  # Word's own ids for its built-in styles
    footer.name, footer.element.styleId = "footer", "Footer"
    ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    ref.name = "footnote reference"
    ref.base_style = styles["Default Paragraph Font"]
    ref.font.superscript = True

    for builtin in (note, ref, header, footer):  # Word's own styles, not custom ones
        builtin.element.attrib.pop(docx.oxml.ns.qn("w:customStyle"), None)

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))

    raw = io.BytesIO()
    document.save(raw)
    return _reproducible(raw.getvalue())


def _reproducible(data: bytes) -> bytes:
    """Keep only the parts a reference document needs, zipped with fixed dates."""
    from .package import zip_parts

    wanted = (
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/fontTable.xml",
        "word/theme/theme1.xml",
        "word/settings.xml",
    )
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {name: zf.read(name) for name in wanted}
    files["word/_rels/document.xml.rels"] = _prune_rels(files["word/_rels/document.xml.rels"], set(wanted))
    files["_rels/.rels"] = _prune_rels(files["_rels/.rels"], set(wanted), base="")
    files["[Content_Types].xml"] = _prune_types(files["[Content_Types].xml"], set(wanted))
    return zip_parts(files)


def _prune_rels(data: bytes, keep: set[str], base: str = "word/") -> bytes:
    from lxml import etree

    root = etree.fromstring(data)
    for rel in list(root):
        target = rel.get("Target", "").lstrip("/")
        name = target if target.startswith("word/") or not base else base + target
        if name not in keep:
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _prune_types(data: bytes, keep: set[str]) -> bytes:
    from lxml import etree

    root = etree.fromstring(data)
    for item in list(root):
        part = item.get("PartName")
        if part is not None and part.lstrip("/") not in keep:
            root.remove(item)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def main(argv: list[str] | None = None) -> None:
    """Write the reference document (default: the bundled ``templates/reference.docx``)."""
    from .package import bundled_reference_path

    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else bundled_reference_path()
    out.write_bytes(build_reference_docx())
    print(out)


if __name__ == "__main__":
    main()
