"""``resodraft render``: one draft (or two versions of it) → a Word document.

``clean`` writes the text as it stands; ``redline`` (struck deletions, bold insertions) and
``tracked`` (real Word tracked changes) compare ``--base`` (the old text) with DOC (the new
one). Heavy imports (python-docx, lxml, jinja2) happen inside the command only.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer


class Mode(str, Enum):
    clean = "clean"
    redline = "redline"
    tracked = "tracked"


class InsertStyle(str, Enum):
    bold = "bold"
    underline = "underline"
    bold_underline = "bold-underline"


def render_docx(
    doc: str,
    *,
    mode: str = "clean",
    base: str | None = None,
    language: str | None = None,
    template_dir: str | None = None,
    reference_docx: str | None = None,
    insert_style: str = "bold",
    author: str | None = None,
    date: str | None = None,
    mark_renumbering: bool = False,
    typed_numbers: bool = False,
    french_spacing: str = "narrow",
) -> bytes:
    """The .docx bytes for ``doc`` in ``mode`` (``clean``, ``redline``, ``tracked``).

    ``redline`` and ``tracked`` need ``base``, the old text ``doc`` is compared with; ``clean``
    refuses it. ``author``/``date`` (``YYYY-MM-DD``) are the tracked changes' metadata
    (``None``: ``resodraft``, and ``SOURCE_DATE_EPOCH`` or the time of the run); ``date`` also
    dates the document's properties, so the same inputs and date give the same bytes.
    ``typed_numbers`` types the paragraph numbers (clean and tracked modes); ``french_spacing``
    is ``narrow``, ``nbsp`` or ``off``.
    Raises :class:`~resodraft.errors.UsageError` for options that do not fit the mode.
    """
    from resodraft import api
    from resodraft.commands import check_date, check_spacing
    from resodraft.errors import UsageError

    if mode not in ("clean", "redline", "tracked"):
        raise UsageError(f"unknown mode {mode!r}", hint="use --mode clean, redline or tracked")
    check_date(date)
    check_spacing(french_spacing)
    if mode == "clean":
        if base is not None:
            raise UsageError(
                "--base is only used with --mode redline or --mode tracked",
                hint="drop --base for a clean document, or add --mode tracked",
            )
        from resodraft.writers.docx import write_clean_docx

        res = api.load(doc, language=language)
        return write_clean_docx(
            res, template_dir=template_dir, reference_docx=reference_docx, date=date, typed_numbers=typed_numbers,
            spacing=french_spacing,
        )
    if base is None:
        raise UsageError(
            f"--mode {mode} shows the changes from an older text, and none was given",
            hint=f"add --base LAST-YEAR.md (resodraft render NEW.md --mode {mode} --base OLD.md -o OUT.docx)",
        )
    from resodraft.redline import compare

    old = api.load(base, language=language)
    new = api.load(doc, language=language)
    redline = compare(old, new)
    if mode == "redline":
        from resodraft.writers.docx import write_redline_docx

        return write_redline_docx(
            redline,
            insert_style=insert_style,
            template_dir=template_dir,
            reference_docx=reference_docx,
            mark_renumbering=mark_renumbering,
            date=date,
            spacing=french_spacing,
        )
    from resodraft.writers.docx import DEFAULT_AUTHOR, write_tracked_docx

    return write_tracked_docx(
        redline,
        author=author or DEFAULT_AUTHOR,
        date=date,
        template_dir=template_dir,
        reference_docx=reference_docx,
        mark_renumbering=mark_renumbering,
        typed_numbers=typed_numbers,
        spacing=french_spacing,
    )


def register(app: typer.Typer) -> None:
    """Add the ``render`` command to ``app``."""

    @app.command()
    def render(
        doc: Annotated[str, typer.Argument(help="The draft (.md or .docx); with --base, the new version.")],
        output: Annotated[str, typer.Option("-o", "--output", help="The Word file to write (.docx).")],
        mode: Annotated[
            Mode, typer.Option("--mode", help="clean text, visual redline, or Word tracked changes.")
        ] = Mode.clean,
        base: Annotated[
            Optional[str], typer.Option("--base", help="The old version to compare with (redline and tracked modes).")
        ] = None,
        template_dir: Annotated[
            Optional[str], typer.Option("--template-dir", help="Folder with your own docx/*.xml.j2 templates.")
        ] = None,
        reference_docx: Annotated[
            Optional[str], typer.Option("--reference-docx", help="A .docx whose styles and page setup to use.")
        ] = None,
        insert_style: Annotated[
            InsertStyle, typer.Option("--insert-style", help="How the redline shows inserted text.")
        ] = InsertStyle.bold,
        author: Annotated[
            Optional[str], typer.Option("--author", help="Author of the tracked changes (default: resodraft).")
        ] = None,
        date: Annotated[
            Optional[str], typer.Option("--date", help="Date of the tracked changes and the document, YYYY-MM-DD.")
        ] = None,
        mark_renumbering: Annotated[
            bool, typer.Option("--mark-renumbering", help="Show changed paragraph numbers as changes.")
        ] = False,
        lang: Annotated[
            Optional[str], typer.Option("--lang", help="Language of a draft without front matter: fr or en.")
        ] = None,
        typed_numbers: Annotated[
            bool,
            typer.Option(
                "--typed-numbers",
                help="Type paragraph numbers as text instead of Word's automatic numbering (clean and tracked).",
            ),
        ] = False,
        french_spacing: Annotated[
            str,
            typer.Option(
                "--french-spacing",
                help="French no-break spaces: narrow (U+202F before ; ! ? », U+00A0 before :), nbsp or off.",
            ),
        ] = "narrow",
    ) -> None:
        """Write a draft as a Word document: clean, visual redline or tracked changes.

        \b
        Example:
          resodraft render drafts/ICC-ASP-19-Res.2.fr.md -o res2.docx
          resodraft render new.md --base drafts/ICC-ASP-19-Res.2.fr.md --mode tracked \\
              --author "Co-facilitateurs" --date 2021-11-04 -o res2.tracked.docx
        """
        from resodraft.commands import check_date, check_text
        from resodraft.output import write_files

        check_date(date)
        check_text(author, "--author")
        data = render_docx(
            doc,
            mode=mode.value,
            base=base,
            language=lang,
            template_dir=template_dir,
            reference_docx=reference_docx,
            insert_style=insert_style.value,
            author=author,
            date=date,
            mark_renumbering=mark_renumbering,
            typed_numbers=typed_numbers,
            french_spacing=french_spacing,
        )
        inputs = [doc] + ([base] if base else []) + ([reference_docx] if reference_docx else [])
        write_files({output: data}, inputs=inputs)
