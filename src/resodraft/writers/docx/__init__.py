"""Word (.docx) writers: a clean text, a visual redline, a tracked-changes document.

>>> from resodraft.writers.docx import write_clean_docx, write_tracked_docx
>>> data = write_clean_docx(res)                          # doctest: +SKIP
>>> data = write_tracked_docx(redline, date="2021-11-04")  # doctest: +SKIP

The pipeline, one module per step (like python-docx, the XML stays in its own layer):

1. :mod:`.compose` — Resolution/Redline → :class:`~.story.Story` (paragraphs, runs, revisions);
2. :mod:`.parts` — Story → ``document.xml``, ``footnotes.xml``, ``settings.xml`` through the
   Jinja templates ``templates/docx/*.xml.j2`` (overridable with ``template_dir``);
3. :mod:`.package` — styles and page setup from the reference .docx
   (``templates/reference.docx``, built by :mod:`.reference`), relationships, reproducible zip.

All three writers return the bytes of the .docx and are reproducible: the same input (and
``date``) gives the same bytes. Errors are :class:`~resodraft.errors.ResodraftError`\\ s:
``TemplateError`` for a broken template, ``InputError`` for an unreadable reference document,
``UsageError`` for a bad option value.
"""

from __future__ import annotations

from pathlib import Path

from resodraft.model import Redline, Resolution

from .compose import DEFAULT_AUTHOR, INSERT_STYLES, RENUMBERING_AUTHOR, compose_clean, compose_tracked, compose_visual
from .package import assemble, load_reference
from .parts import render_parts
from .story import DEFAULT_DATE, Story

PathLike = str | Path


def write_clean_docx(
    res: Resolution, *, template_dir: PathLike | None = None, reference_docx: PathLike | None = None
) -> bytes:
    """The resolution as a clean Word document (no marks), with real Word footnotes.

    ``template_dir`` ``None`` uses the bundled templates; ``reference_docx`` ``None`` the
    ``reference.docx`` of ``template_dir`` if there is one, else the bundled styles
    (``templates/reference.docx``). The same holds for the other two writers.
    """
    return _docx(compose_clean(res), template_dir, reference_docx)


def write_redline_docx(
    redline: Redline,
    *,
    insert_style: str = "bold",
    template_dir: PathLike | None = None,
    reference_docx: PathLike | None = None,
    mark_renumbering: bool = False,
) -> bytes:
    """The redline as a visual Word document: deleted text struck through, inserted text in
    ``insert_style`` (``bold``, ``underline`` or ``bold-underline``), no tracked changes.

    Paragraph numbers are the new text's; ``mark_renumbering`` ``True`` shows a changed number
    as the old one struck and the new one inserted. Footnotes whose call was deleted or
    inserted are struck or marked the same way.
    """
    story = compose_visual(redline, insert_style=insert_style, mark_renumbering=mark_renumbering)
    return _docx(story, template_dir, reference_docx)


def write_tracked_docx(
    redline: Redline,
    *,
    author: str = DEFAULT_AUTHOR,
    date: str | None = None,
    template_dir: PathLike | None = None,
    reference_docx: PathLike | None = None,
    mark_renumbering: bool = False,
) -> bytes:
    """The redline as real Word tracked changes: *Accept All* gives the new text, *Reject All*
    the old one (paragraphs, numbers, masthead and footnotes).

    Each change is attributed to ``op.author``, else the paragraph's author, else ``author``,
    and dated ``op.date``, else the paragraph's date, else ``date`` (``YYYY-MM-DD``), else
    2000-01-01 — a fixed date, so that the output is reproducible. A paragraph number that only
    changed because of renumbering is a revision by ``resodraft (renumbering)``
    (``mark_renumbering`` ``False``, so it can be hidden in Word) or by the paragraph's author.
    """
    story = compose_tracked(redline, author=author, date=date, mark_renumbering=mark_renumbering)
    return _docx(story, template_dir, reference_docx)


def _docx(story: Story, template_dir: PathLike | None, reference_docx: PathLike | None) -> bytes:
    reference = load_reference(reference_docx, story.language, template_dir)
    parts = render_parts(story, reference.section, template_dir)
    return assemble(parts, reference, story.meta, language=story.language, date=story.date)


__all__ = [
    "DEFAULT_AUTHOR",
    "DEFAULT_DATE",
    "INSERT_STYLES",
    "RENUMBERING_AUTHOR",
    "write_clean_docx",
    "write_redline_docx",
    "write_tracked_docx",
]
