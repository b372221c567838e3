"""The work resodraft avoids repeating, and the imports it puts off, so that a command's start-up
does not dominate (issue 15; bench/README.md measures it). Each test checks a saving that a
later change could silently undo, through what a user or a caller sees."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from resodraft import api
from resodraft.writers.docx import write_clean_docx

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "drafts" / "ICC-ASP-19-Res.2.fr.md"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _normal_font(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        styles = etree.fromstring(zf.read("word/styles.xml"))
    fonts = styles.find(f"{{{W}}}style[@{{{W}}}styleId='Normal']/{{{W}}}rPr/{{{W}}}rFonts")
    return fonts.get(f"{{{W}}}ascii")


def test_a_reference_docx_is_read_once_per_process_and_again_when_it_changes(tmp_path, monkeypatch):
    """A job writes three Word files from one reference: it is read and checked once; a
    reference edited (or replaced) between two runs in one process is read again."""
    import docx
    from docx.shared import Pt

    from resodraft.writers.docx import package

    res = api.load(str(DRAFT))
    path = tmp_path / "house.docx"

    def save(font: str) -> None:
        user = docx.Document()
        user.styles["Normal"].font.name = font
        user.styles["Normal"].font.size = Pt(11)
        user.save(path)

    save("Arial")
    assert _normal_font(write_clean_docx(res, reference_docx=path)) == "Arial"
    reads: list[str] = []
    monkeypatch.setattr(package, "_check_untrusted", lambda zf, name: reads.append(name))
    assert _normal_font(write_clean_docx(res, reference_docx=path)) == "Arial"
    assert reads == []  # the same file: not read again
    save("Verdana Pro Condensed")  # another size, another modification time
    assert _normal_font(write_clean_docx(res, reference_docx=path)) == "Verdana Pro Condensed"
    assert reads == [str(path)]


def test_the_command_line_is_built_without_compiling_annotations():
    """typer reads each command's parameters from its annotations; written as strings (``from
    __future__ import annotations``), every one is compiled and evaluated at each start (about
    6 ms for redline). The command modules keep real annotations."""
    import inspect

    import typer

    from resodraft import cli

    cli._register_optional_commands()
    typer.main.get_command(cli.app)
    checked = 0
    for command in cli.app.registered_commands:
        if command.callback.__module__ == "resodraft.commands.amendments":
            continue  # being rewritten on another branch; the integrator aligns it
        params = inspect.signature(command.callback).parameters.values()
        assert not [p.name for p in params if isinstance(p.annotation, str)], command.callback.__module__
        checked += 1
    assert checked >= 9


def test_a_lazy_pattern_is_compiled_on_first_use_and_behaves_as_re_compile():
    import re

    from resodraft.lazyre import lazy

    text = "la vingtième session, et la vingt et unième Session."
    eager = re.compile(r"(\w+)\s+(?P<s>sessions?)\b", re.IGNORECASE)
    pattern = lazy(r"(\w+)\s+(?P<s>sessions?)\b", re.IGNORECASE)
    assert pattern._compiled is None
    assert (pattern.pattern, pattern.flags) == (eager.pattern, re.IGNORECASE)  # read without compiling
    assert pattern._compiled is None
    assert pattern.search(text).span() == eager.search(text).span()
    assert pattern.compiled is pattern.compiled  # once
    assert pattern.search(text, 20).span() == eager.search(text, 20).span()
    assert pattern.match(text) is None and pattern.match(text, 3).group(0) == "vingtième session"
    assert pattern.fullmatch("XXe session").group("s") == "session"
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert pattern.findall(text) == eager.findall(text)
    assert pattern.sub(r"\g<s>", text) == eager.sub(r"\g<s>", text)
    assert pattern.subn("", text, 1) == eager.subn("", text, 1)
    assert pattern.split(text) == eager.split(text)
    assert (pattern.groups, dict(pattern.groupindex)) == (2, {"s": 2})


def test_importing_the_readers_and_sessions_compiles_none_of_their_lazy_patterns():
    """``resodraft.sessions`` (used by the Word masthead) and the masthead reader hold long
    patterns that reading a Markdown draft or writing Word files never uses: they cost nothing
    until a command (rollover, check, import) needs them."""
    import subprocess
    import sys

    code = (
        "import resodraft.sessions, resodraft.readers.masthead, resodraft.readers.classify\n"
        "from resodraft.lazyre import LazyPattern\n"
        "mods = [resodraft.sessions, resodraft.readers.masthead, resodraft.readers.classify]\n"
        "lazy = [v for m in mods for v in vars(m).values() if isinstance(v, LazyPattern)]\n"
        "print(len(lazy), sum(p._compiled is not None for p in lazy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) >= 30 and out[1] == "0"
