"""Word's automatic numbering: ``numbering.xml`` definitions and the counters that print labels.

Like pandoc's ``Docx/Lists.hs``, numbering is resolved apart from the paragraphs that use it.
A paragraph refers to a *numbering instance* (``w:numId``) and a level (``w:ilvl``); the
instance points at an *abstract* definition whose levels say how a number is printed
(``w:numFmt`` decimal, lowerLetter, lowerRoman…, ``w:lvlText`` such as ``%1.``, ``(%1)`` or
``%1.%2``, ``w:start``). An instance may override a level's start (``w:lvlOverride/
w:startOverride``) or the whole level.

:class:`Counters` prints the labels Word shows, in document order: instances of the same
abstract definition continue one another's numbers (Word's rule) unless the instance overrides
the start of a level, in which case that level restarts at the first paragraph of the
instance — this is how a document whose lettered parts restart at 1 is numbered. Lower levels
restart after a higher level moves on (unless ``w:lvlRestart`` says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(_w("val"), default)


def _int(text: str | None, default: int | None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Level:
    """One level of a numbering definition.

    ``fmt`` is ``w:numFmt`` (``decimal``, ``lowerLetter``, ``bullet``, ``none``…), ``text`` the
    ``w:lvlText`` pattern (``%1.``), ``start`` the first number, ``restart`` the ``w:lvlRestart``
    value (``None``: restart after any higher level; ``0``: never), ``legal`` ``w:isLgl`` (all
    levels printed as decimals), ``pstyle`` the paragraph style linked to this level.
    """

    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None


def parse_level(lvl) -> tuple[int, Level]:
    ilvl = _int(lvl.get(_w("ilvl")), 0) or 0
    fmt_el = lvl.find(_w("numFmt"))
    fmt = _val(fmt_el, "decimal") or "decimal"
    text_el = lvl.find(_w("lvlText"))
    text = _val(text_el, None)
    if text is None:
        text = "" if fmt in ("none", "bullet") else f"%{ilvl + 1}"
    legal_el = lvl.find(_w("isLgl"))
    return ilvl, Level(
        fmt=fmt,
        text=text,
        start=_int(_val(lvl.find(_w("start"))), 1) or 0,
        restart=_int(_val(lvl.find(_w("lvlRestart"))), None),
        legal=legal_el is not None and _val(legal_el, "1") not in ("0", "false", "off"),
        pstyle=_val(lvl.find(_w("pStyle"))),
    )


@dataclass
class Abstract:
    """A ``w:abstractNum``: levels by index; ``num_style_link`` names a numbering style to follow."""

    id: str
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass
class Instance:
    """A ``w:num``: its abstract definition and per-level overrides."""

    id: str
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


@dataclass
class Numbering:
    """All of ``numbering.xml``; ``style_nums`` maps numbering-style ids to their ``numId``."""

    abstracts: dict[str, Abstract] = field(default_factory=dict)
    instances: dict[str, Instance] = field(default_factory=dict)
    style_nums: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root, style_nums: dict[str, str] | None = None) -> "Numbering":
        out = cls(style_nums=dict(style_nums or {}))
        if root is None:
            return out
        for an in root.findall(_w("abstractNum")):
            ab = Abstract(an.get(_w("abstractNumId"), ""))
            ab.num_style_link = _val(an.find(_w("numStyleLink")))
            for lvl in an.findall(_w("lvl")):
                ilvl, level = parse_level(lvl)
                ab.levels[ilvl] = level
            out.abstracts[ab.id] = ab
        for num in root.findall(_w("num")):
            inst = Instance(num.get(_w("numId"), ""), _val(num.find(_w("abstractNumId")), "") or "")
            for ov in num.findall(_w("lvlOverride")):
                ilvl = _int(ov.get(_w("ilvl")), 0) or 0
                so = ov.find(_w("startOverride"))
                if so is not None:
                    inst.start_overrides[ilvl] = _int(_val(so), 1) or 0
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    inst.level_overrides[ilvl] = parse_level(lvl)[1]
            out.instances[inst.id] = inst
        return out

    def abstract_of(self, num_id: str) -> Abstract | None:
        """The abstract definition of an instance, following ``w:numStyleLink`` once or twice."""
        inst = self.instances.get(num_id)
        seen: set[str] = set()
        while inst is not None and inst.id not in seen:
            seen.add(inst.id)
            ab = self.abstracts.get(inst.abstract)
            if ab is None:
                return None
            if ab.num_style_link and ab.num_style_link in self.style_nums:
                inst = self.instances.get(self.style_nums[ab.num_style_link])
                continue
            return ab
        return None

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The level definition a paragraph with ``numId``/``ilvl`` uses (overrides applied)."""
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        if ilvl in inst.level_overrides:
            lvl = inst.level_overrides[ilvl]
        else:
            ab = self.abstract_of(num_id)
            if ab is None or ilvl not in ab.levels:
                return None
            lvl = ab.levels[ilvl]
        if ilvl in inst.start_overrides:
            lvl = Level(lvl.fmt, lvl.text, inst.start_overrides[ilvl], lvl.restart, lvl.legal, lvl.pstyle)
        return lvl

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level of ``num_id`` linked to paragraph style ``style_id`` (``w:lvl/w:pStyle``)."""
        ab = self.abstract_of(num_id)
        if ab is None:
            return None
        for ilvl, lvl in ab.levels.items():
            if lvl.pstyle == style_id:
                return ilvl
        return None


# --------------------------------------------------------------------------------------------
# printing numbers

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def letters(n: int) -> str:
    """Word's letter numbering: a…z, then aa…zz, aaa… (the letter repeated, UN style)."""
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """``n`` printed in Word number format ``fmt`` (unknown formats print as decimals)."""
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        return _ordinal_en(n)
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    return str(n)


class Counters:
    """The numbers Word prints, paragraph after paragraph (see the module docstring).

    ``label(num_id, ilvl)`` advances the counter of that level and returns the printed label
    (``"12."``, ``"b)"``, ``"(iv)"``, a bullet character), or ``None`` when the numbering
    instance or level does not exist.
    """

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.values: dict[str, dict[int, int]] = {}  # abstract id → level → current number
        self.started: set[str] = set()  # numbering instances already used

    def label(self, num_id: str, ilvl: int) -> str | None:
        lvl = self.numbering.level(num_id, ilvl)
        ab = self.numbering.abstract_of(num_id)
        if lvl is None or ab is None:
            return None
        inst = self.numbering.instances[num_id]
        values = self.values.setdefault(ab.id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level in inst.start_overrides:
                values.pop(level, None)
        if lvl.fmt == "bullet":
            return lvl.text
        values[ilvl] = values[ilvl] + 1 if ilvl in values else lvl.start
        for deeper in [k for k in values if k > ilvl]:
            deeper_lvl = self.numbering.level(num_id, deeper)
            restart = deeper_lvl.restart if deeper_lvl is not None else None
            if restart is None or (restart != 0 and restart - 1 >= ilvl):
                values.pop(deeper, None)
        return self._text(num_id, lvl, values)

    def _text(self, num_id: str, lvl: Level, values: dict[int, int]) -> str:
        out = []
        text = lvl.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                k = int(text[i + 1]) - 1
                ref = self.numbering.level(num_id, k)
                n = values.get(k, ref.start if ref is not None else 1)
                fmt = ref.fmt if ref is not None else "decimal"
                if lvl.legal and fmt not in ("none", "bullet"):
                    fmt = "decimal"
                out.append(format_number(n, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)
