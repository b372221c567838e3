"""Word styles (``styles.xml``), resolved once along their ``w:basedOn`` chains.

Like pandoc's ``archiveToStyles``, the style sheet is read into plain data that the parser
consults: for a paragraph style, its outline level, the numbering it carries, whether it is a
heading; for run formatting, the marks resodraft keeps (``i`` italic, ``b`` bold, ``s`` struck,
``sup`` superscript) and hidden text, computed the way Word does — document defaults, then the
paragraph style, then the character style (bold, italic, strike and hidden are *toggles*
between the two style levels), then direct formatting, which always wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TOGGLES = {"i": "i", "b": "b", "strike": "s", "dstrike": "s", "vanish": "hidden"}
"""Toggle run properties and the mark they give (``hidden``: text Word does not show)."""
_FALSE = ("0", "false", "off", "none")
_OWN_HEADINGS = {"reso title": 1, "reso part": 1, "reso heading": 2, "reso heading 3": 3}
_HEADING_NAME = re.compile(r"^(?:reso\s*)?heading\s*(\d)?$", re.IGNORECASE)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(el) -> bool:
    return el.get(_w("val"), "1").lower() not in _FALSE


def rpr_props(rpr) -> dict[str, object]:
    """The properties of a ``w:rPr`` that matter to resodraft, as explicitly set there.

    Keys: ``i``, ``b``, ``s``, ``hidden`` (booleans) and ``valign`` (``superscript``,
    ``subscript``, ``baseline``). A key is absent when ``rpr`` does not set it.
    """
    out: dict[str, object] = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        mark = TOGGLES.get(tag)
        if mark is not None:
            value = _on(child)
            # strike and dstrike both give 's': either one switched on is enough
            out[mark] = bool(out.get(mark)) or value if mark == "s" else value
        elif tag == "vertAlign":
            out["valign"] = child.get(_w("val"), "baseline")
    return out


@dataclass(frozen=True)
class NumRef:
    """A reference to automatic numbering: instance ``w:numId`` and level ``w:ilvl`` (``None``: unsaid)."""

    num_id: str
    ilvl: int | None = None


@dataclass
class Style:
    """One ``w:style``: its id, name, type, parent, and what resodraft reads from it."""

    id: str
    name: str
    type: str
    based_on: str | None = None
    run: dict[str, object] = field(default_factory=dict)
    outline: int | None = None
    num: NumRef | None = None


class Styles:
    """The style sheet: styles by id, the default paragraph style, the document defaults."""

    def __init__(self, root=None) -> None:
        self.by_id: dict[str, Style] = {}
        self.default: dict[str, str] = {}
        self.defaults_run: dict[str, object] = {}
        self._cache: dict[tuple, frozenset[str]] = {}
        if root is None:
            return
        rpr = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self.defaults_run = rpr_props(rpr)
        for st in root.findall(_w("style")):
            sid = st.get(_w("styleId"), "")
            stype = st.get(_w("type"), "paragraph")
            name_el = st.find(_w("name"))
            name = name_el.get(_w("val"), sid) if name_el is not None else sid
            based = st.find(_w("basedOn"))
            style = Style(sid, name, stype, based.get(_w("val")) if based is not None else None)
            style.run = rpr_props(st.find(_w("rPr")))
            ppr = st.find(_w("pPr"))
            if ppr is not None:
                ol = ppr.find(_w("outlineLvl"))
                if ol is not None:
                    try:
                        style.outline = int(ol.get(_w("val"), "9"))
                    except ValueError:
                        style.outline = None
                numpr = ppr.find(_w("numPr"))
                if numpr is not None:
                    num_el, ilvl_el = numpr.find(_w("numId")), numpr.find(_w("ilvl"))
                    if num_el is not None:
                        ilvl = ilvl_el.get(_w("val")) if ilvl_el is not None else None
                        style.num = NumRef(num_el.get(_w("val"), "0"), int(ilvl) if ilvl and ilvl.isdigit() else None)
            if st.get(_w("default")) in ("1", "true", "on"):
                self.default.setdefault(stype, sid)
            self.by_id[sid] = style

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and its ``basedOn`` ancestors, nearest first (cycles cut)."""
        out: list[Style] = []
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            style = self.by_id[sid]
            out.append(style)
            sid = style.based_on
        return out

    def paragraph_style(self, style_id: str | None) -> str | None:
        """``style_id`` if it exists, else the default paragraph style."""
        if style_id and style_id in self.by_id:
            return style_id
        return self.default.get("paragraph")

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        return style.name if style else (style_id or "")

    def outline(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            if style.outline is not None:
                return style.outline
        return None

    def numbering(self, style_id: str | None) -> NumRef | None:
        for style in self.chain(style_id):
            if style.num is not None:
                return style.num
        return None

    def own_heading_level(self, style_id: str | None) -> int | None:
        """The Markdown level of resodraft's own heading styles (``Reso Title``, ``Reso Part``: 1,
        ``Reso Heading``: 2, ``Reso Heading 3``: 3), ``None`` for any other style."""
        for style in self.chain(style_id):
            level = _OWN_HEADINGS.get(style.name.strip().lower())
            if level is not None:
                return level
        return None

    def heading_level(self, style_id: str | None) -> int | None:
        """1–9 for a heading style: by outline level, or by name — ``heading N``, ``Title`` (1),
        and resodraft's own ``Reso Heading``/``Reso Heading 3`` (2, 3), ``Reso Part`` and ``Reso
        Title`` (1: a title in the masthead, however long). resodraft's own styles go by their
        name, not by the outline level they carry for Word's navigation pane (title 1, parts 2,
        headings 3)."""
        own = self.own_heading_level(style_id)
        if own is not None:
            return own
        outline = self.outline(style_id)
        if outline is not None and 0 <= outline <= 8:
            return outline + 1
        for style in self.chain(style_id):
            name = style.name.strip().lower()
            m = _HEADING_NAME.match(name)
            if m:
                return int(m.group(1) or 2)
            if name in ("title", "reso title", "reso part"):
                return 1
        return None

    def _chain_run(self, style_id: str | None, key: str) -> object | None:
        for style in self.chain(style_id):
            if key in style.run:
                return style.run[key]
        return None

    def marks(self, pstyle: str | None, rstyle: str | None, direct: dict[str, object]) -> frozenset[str]:
        """The marks of a run: ``i``, ``b``, ``s``, ``sup`` and ``hidden`` (see the module doc)."""
        key = (pstyle, rstyle, tuple(sorted(direct.items())))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        out: set[str] = set()
        for mark in ("i", "b", "s", "hidden"):
            if mark in direct:
                on = bool(direct[mark])
            else:
                p, c = self._chain_run(pstyle, mark), self._chain_run(rstyle, mark)
                on = bool(self.defaults_run.get(mark)) if p is None and c is None else bool(p) ^ bool(c)
            if on:
                out.add(mark)
        valign = direct.get("valign")
        if valign is None:
            valign = self._chain_run(rstyle, "valign")
        if valign is None:
            valign = self._chain_run(pstyle, "valign")
        if valign is None:
            valign = self.defaults_run.get("valign")
        if valign == "superscript":
            out.add("sup")
        result = frozenset(out)
        self._cache[key] = result
        return result
