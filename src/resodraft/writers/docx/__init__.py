"""Word (.docx) writers: a clean text, a visual redline, a tracked-changes document.

>>> from resodraft.writers.docx import write_clean_docx, write_tracked_docx
>>> data = write_clean_docx(res)                          # doctest: +SKIP
>>> data = write_tracked_docx(redline, date="2021-11-04")  # doctest: +SKIP

The pipeline, one module per step (like python-docx, the XML stays in its own layer):

1. :mod:`.compose` — Resolution/Redline → :class:`~.story.Story` (paragraphs, runs, revisions),
   with :mod:`.numbering` (Word automatic numbers) and :mod:`resodraft.typography`;
2. :mod:`.parts` — Story → ``document.xml``, ``footnotes.xml``, ``settings.xml``,
   ``numbering.xml``, page headers and footers through the Jinja templates
   ``templates/docx/*.xml.j2`` (overridable with ``template_dir``);
3. :mod:`.package` — styles and page setup from the reference .docx
   (``templates/reference.docx``, built by :mod:`.reference`), its own headers and footers
   if it has some (:mod:`.headers`), relationships, reproducible zip.

All three writers return the bytes of the .docx and are reproducible: the same input and
``date`` (or ``SOURCE_DATE_EPOCH``) give the same bytes. Errors are :class:`~resodraft.errors.ResodraftError`\\ s:
``TemplateError`` for a broken template, ``InputError`` for an unreadable reference document,
``UsageError`` for a bad option value.
"""

from __future__ import annotations

from pathlib import Path

from resodraft.model import Redline, Resolution

from .compose import (
    DEFAULT_AUTHOR,
    INSERT_STYLES,
    RENUMBERING_AUTHOR,
    Composer,
    resolution_as_redline,
)
from .headers import HeaderSet, section_with_headers, template_headers
from .package import assemble, load_reference
from .parts import render_parts
from .story import run_date

PathLike = str | Path


def write_clean_docx(
    res: Resolution,
    *,
    template_dir: PathLike | None = None,
    reference_docx: PathLike | None = None,
    date: str | None = None,
    typed_numbers: bool = False,
    spacing: str = "narrow",
) -> bytes:
    """The resolution as a clean Word document (no marks), with real Word footnotes, automatic
    paragraph numbers, page header (document symbol) and footer (page number).

    ``template_dir`` ``None`` uses the bundled templates; ``reference_docx`` ``None`` the
    ``reference.docx`` of ``template_dir`` if there is one, else the bundled styles
    (``templates/reference.docx``). ``date`` (``YYYY-MM-DD``) dates the document properties;
    ``None`` means ``SOURCE_DATE_EPOCH``, else now (:func:`~.story.run_date`).
    ``typed_numbers`` writes paragraph numbers as text instead of Word's automatic numbering;
    ``spacing`` is the French spacing (:mod:`resodraft.typography`: ``narrow``, ``nbsp``,
    ``off``). The same holds for the other two writers.
    """
    composer = Composer("clean", date=date, typed_numbers=typed_numbers, spacing=spacing)
    return _docx(composer, resolution_as_redline(res), template_dir, reference_docx)


def write_redline_docx(
    redline: Redline,
    *,
    insert_style: str = "bold",
    template_dir: PathLike | None = None,
    reference_docx: PathLike | None = None,
    mark_renumbering: bool = False,
    date: str | None = None,
    spacing: str = "narrow",
) -> bytes:
    """The redline as a visual Word document: deleted text struck through, inserted text in
    ``insert_style`` (``bold``, ``underline`` or ``bold-underline``), no tracked changes.

    Paragraph numbers are typed, the new text's; ``mark_renumbering`` ``True`` shows a changed
    number as the old one struck and the new one inserted. Footnotes whose call was deleted or
    inserted are struck or marked the same way; a moved paragraph says where it went and where
    it came from ("(déplacé du paragraphe 3)").
    """
    composer = Composer(
        "visual", insert_style=insert_style, mark_renumbering=mark_renumbering, date=date, spacing=spacing
    )
    return _docx(composer, redline, template_dir, reference_docx)


def write_tracked_docx(
    redline: Redline,
    *,
    author: str = DEFAULT_AUTHOR,
    date: str | None = None,
    template_dir: PathLike | None = None,
    reference_docx: PathLike | None = None,
    mark_renumbering: bool = False,
    typed_numbers: bool = False,
    spacing: str = "narrow",
) -> bytes:
    """The redline as real Word tracked changes: *Accept All* gives the new text, *Reject All*
    the old one (paragraphs, numbers, masthead and footnotes).

    Each change is attributed to ``op.author``, else the paragraph's author, else ``author``,
    and dated ``op.date``, else the paragraph's date, else ``date`` (``YYYY-MM-DD``), else
    ``SOURCE_DATE_EPOCH``, else the time of the run. A paragraph the amendments moved is a
    Word move. With automatic numbering (the default) a paragraph that is only renumbered is
    no revision at all; with ``typed_numbers`` its number change is a revision by
    ``resodraft (renumbering)``, with ``mark_renumbering`` (which types the numbers) one by the
    paragraph's author.
    """
    composer = Composer(
        "tracked",
        author=author,
        date=date,
        mark_renumbering=mark_renumbering,
        typed_numbers=typed_numbers,
        spacing=spacing,
    )
    return _docx(composer, redline, template_dir, reference_docx)


def _docx(composer: Composer, redline: Redline, template_dir: PathLike | None, reference_docx: PathLike | None) -> bytes:
    language = redline.meta.language or redline.old_meta.language or "fr"
    reference = load_reference(reference_docx, language, template_dir)
    headers: HeaderSet = reference.headers or template_headers()
    composer.id_floor = headers.max_id
    story = composer.compose(redline)
    section = section_with_headers(reference.section, headers)
    parts = render_parts(story, section, template_dir, headers)
    return assemble(parts, reference, story.meta, language=story.language, date=story.date, headers=headers)


__all__ = [
    "DEFAULT_AUTHOR",
    "INSERT_STYLES",
    "RENUMBERING_AUTHOR",
    "run_date",
    "write_clean_docx",
    "write_redline_docx",
    "write_tracked_docx",
]
