"""The Word reader: a ``.docx`` → :class:`~resodraft.model.Resolution`, in pandoc's shape.

Three modules, three stages (STYLE.md, "Readers for documents we did not write"):

- :mod:`.package` — the zip, its relationships and content types; XML parsed with a hardened
  parser; clear one-line refusals for what is not a readable Word document (a damaged zip, an
  Excel/PowerPoint/OpenDocument file, a zip archive, a ``.doc``, a password-protected file, a
  missing ``word/document.xml``);
- :mod:`.parse` (with :mod:`.styles` and :mod:`.numbering`) — :class:`WordDocument`, a tree
  that mirrors Word: paragraphs with styles and numbering references, runs with their marks,
  footnotes, comments, and **revisions kept as data**;
- :mod:`.to_model` — revisions decided, automatic numbers printed, paragraphs turned into the
  units that :func:`resodraft.readers.classify.classify` (shared by every reader) reads.

Library API, for callers that need more than "accept all" (``resodraft amendments``, which
writes one amendment file per revision author)::

    from resodraft.readers.docx import parse_docx, to_resolution

    doc = parse_docx(data, "edited.docx")          # WordDocument
    doc.revisions    # [Revision(kind, author, date, id, paragraph, note, mark, text)], document order
    doc.comments     # [Comment(id, author, date, text, paragraphs, anchor)]
    base = to_resolution(doc, accept=lambda r: False)               # every change rejected
    france = to_resolution(doc, accept=lambda r: r.author == "France")  # only France's accepted

``accept(revision) -> bool`` is asked for each revision (accepted: inserted text stays, deleted
text goes; a removed paragraph mark merges two paragraphs, as in Word). A document holding
revisions needs an ``accept``; :func:`read_docx` (the registry's reader) refuses one unless
``--accept-changes`` or ``--reject-changes`` said which.

What is read (pandoc-style checklist):

- [x] paragraphs, styles along ``basedOn`` chains (outline levels, heading styles, numbering)
- [x] automatic numbering from ``numbering.xml`` (decimal, letters, roman, ``%1.``/``(%1)``/
      ``%1)`` texts, ``start``, ``startOverride`` restarts, ``numStyleLink``); typed numbers
- [x] italic, bold, strike-through, superscript (direct, character and paragraph styles)
- [x] footnotes and endnotes with their calls (one sequence, in order of first call)
- [x] tracked changes: insertions, deletions, moves, paragraph marks, formatting changes
- [x] comments (author, date, text, anchor paragraphs) — never in the text
- [x] content controls, smart tags, custom XML, hyperlinks (their text), field results that
      are document text (``HYPERLINK``, ``REF``…)
- [x] tables, read cell by cell (reported)
- [ ] headers and footers (deliberately not read), text boxes, drawings, hidden text,
      page-number and date fields, embedded documents (reported when met)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resodraft.readers.docx.parse import Comment, Note, Paragraph, Piece, Revision, WordDocument, parse_docx
from resodraft.readers.docx.to_model import revisions_error, to_resolution

if TYPE_CHECKING:  # pragma: no cover
    from resodraft.model import Resolution
    from resodraft.readers import ReadOptions


def read_docx(data: bytes, file: str, options: "ReadOptions") -> "Resolution":
    """The registry's Word reader: ``READERS["docx"]`` (see :mod:`resodraft.readers`).

    Tracked changes are refused unless ``options.revisions`` is ``accept`` or ``reject``.
    Control characters (which only ``U+0080``–``U+009F`` can be in a Word file) are removed
    and reported.
    """
    from resodraft.controls import strip_from_resolution

    doc = parse_docx(data, file)
    if doc.revisions and options.revisions not in ("accept", "reject"):
        raise revisions_error(doc, file)
    take = options.revisions != "reject"
    res = to_resolution(
        doc,
        file=file,
        language=options.language,
        accept=lambda _revision: take,
        report=options.report,
    )
    # XML 1.0 forbids C0 controls but not C1 ones (U+0080–U+009F): never part of a resolution
    res, removed = strip_from_resolution(res)
    if removed and options.report is not None:
        options.report.add("control-characters", f"removed {removed} control character(s) from the text")
    return res


__all__ = [
    "Comment",
    "Note",
    "Paragraph",
    "Piece",
    "Revision",
    "WordDocument",
    "parse_docx",
    "read_docx",
    "to_resolution",
]
