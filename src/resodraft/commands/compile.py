"""``resodraft compile``: the compilation text of a negotiation (agreed + proposed changes)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from resodraft.commands import check_date
from resodraft.errors import UsageError


def compile_command(
    base: Annotated[str, typer.Argument(help="The text under negotiation's base (last year's text, .md).")],
    amendments: Annotated[list[str], typer.Argument(help="Amendment files (.toml) or folders of them, one per delegation.")],
    out_dir: Annotated[str, typer.Option("-o", "--output-dir", help="Folder for the outputs (created if missing).")],
    stem: Annotated[Optional[str], typer.Option("--stem", help="Name of the outputs (default: the base file's name).")] = None,
    show_withdrawn: Annotated[
        bool, typer.Option("--show-withdrawn", help="List the withdrawn proposals at the end, marked withdrawn.")
    ] = False,
    tag_format: Annotated[
        str, typer.Option("--tag-format", help="How a sponsor's tag is printed; {tag} is the tag (default '[{tag}]').")
    ] = "[{tag}]",
    date: Annotated[Optional[str], typer.Option("--date", help="Date of the Word revisions where a file gives none (YYYY-MM-DD).")] = None,
    template_dir: Annotated[Optional[str], typer.Option("--template-dir", help="Your own templates (HTML page, Word parts).")] = None,
    reference_docx: Annotated[Optional[str], typer.Option("--reference-docx", help="A .docx whose styles the Word file uses.")] = None,
    allow_dangling: Annotated[
        bool, typer.Option("--allow-dangling", help="Warn, instead of stopping, when a reference points at a deleted paragraph.")
    ] = False,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of a draft without front matter: fr or en.")] = None,
) -> None:
    """Write the compilation text of a negotiation: every proposal in place, tagged with its sponsor.

    Changes marked status = "agreed" (the default) are applied and renumbered; changes marked
    status = "proposed" are shown where they apply, struck and bold, followed by the
    sponsor's tag ([EU]); proposals on the same words are numbered alternatives
    ([Alt 1 [EU] … / Alt 2 [AG] …]); a proposed new paragraph is numbered 8 bis, 8 ter, so
    the agreed numbers do not move. Withdrawn proposals are left out (--show-withdrawn lists
    them). Writes STEM.compilation.md, STEM.compilation.docx (each proposal a Word revision
    by its sponsor, its note a comment) and STEM.compilation.html (the review page).

    \b
    Example:
      resodraft compile drafts/ICC-ASP-19-Res.2.fr.md docs/examples/negotiation -o build/
    """
    from pathlib import Path

    from resodraft.compile import compile_files, stem_of
    from resodraft.output import prepare_dir, write_files
    from resodraft.writers.compilation_md import write_compilation_md
    from resodraft.writers.docx.compilation import write_compilation_docx
    from resodraft.writers.html import write_compilation_html

    if "{tag}" not in tag_format:
        raise UsageError(f"--tag-format {tag_format!r} does not contain {{tag}}", hint="e.g. --tag-format '[{tag}]' or '({tag})'")
    check_date(date)
    prepare_dir(out_dir)
    compilation = compile_files(base, amendments, language=lang, allow_dangling=allow_dangling, tag_format=tag_format)
    name = stem or stem_of(base)
    out = Path(out_dir)
    files: dict[str, bytes | str] = {
        str(out / f"{name}.compilation.md"): write_compilation_md(compilation, show_withdrawn=show_withdrawn),
        str(out / f"{name}.compilation.docx"): write_compilation_docx(
            compilation, show_withdrawn=show_withdrawn, date=date, template_dir=template_dir, reference_docx=reference_docx
        ),
        str(out / f"{name}.compilation.html"): write_compilation_html(
            compilation, show_withdrawn=show_withdrawn, template_dir=template_dir
        ),
    }
    write_files(files, inputs=[base, *amendments])
    _summary(compilation, list(files))


def _summary(compilation, written: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    for warning in compilation.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}")
    table = Table(title="Changes by sponsor", title_justify="left")
    for column in ("sponsor", "tag", "agreed", "proposed", "withdrawn"):
        table.add_column(column, justify="right" if column in ("agreed", "proposed", "withdrawn") else "left")
    for row in compilation.sponsors:
        table.add_row(row.sponsor, row.tag, str(row.agreed), str(row.proposed), str(row.withdrawn))
    console.print(table)
    contested = sum(1 for p in compilation.paragraphs for c in p.contests if c.competing)
    new = sum(1 for p in compilation.paragraphs if p.status == "proposed")
    console.print(f"proposals shown: {len(compilation.proposals)}, competing stretches: {contested}, proposed new paragraphs: {new}")
    for path in written:
        console.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("compile")(compile_command)
