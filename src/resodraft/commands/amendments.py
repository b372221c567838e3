"""``resodraft amendments BASE EDITED``: a delegation's edited copy → an amendment file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from resodraft.commands import check_date, check_text

if TYPE_CHECKING:
    from resodraft.api import AmendmentsJob


def amendments(
    base: Annotated[str, typer.Argument(help="Last year's text, the one the delegation edited (.md, .docx …).")],
    edited: Annotated[str, typer.Argument(help="The delegation's edited copy of it (.md, .docx …).")],
    sponsor: Annotated[
        Optional[str], typer.Option("--sponsor", help="Who proposes the changes (the author of the tracked changes).")
    ] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Date of the proposals (YYYY-MM-DD).")] = None,
    output: Annotated[
        str,
        typer.Option("-o", "--output", help="FILE.toml, or a folder (the file is named after the sponsor). Default: standard output."),
    ] = "-",
    status: Annotated[
        Optional[str],
        typer.Option("--status", help="agreed (the default) or proposed: a delegation's proposals, for 'resodraft compile'."),
    ] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", help="Short name shown in a compilation (EU); default: the sponsor.")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of drafts without front matter: fr or en.")] = None,
) -> None:
    """Write the amendments that turn BASE into a delegation's edited copy, as a drafter would.

    The changes address BASE's labels (PP3, OP24, OP34(b)) and are as small as a drafter's: a
    substitute of the changed words, a replace only when most of a paragraph changed, insert,
    delete and move for whole paragraphs. Renumbered paragraphs and repaired references in the
    copy are not changes: 'resodraft apply' redoes them. A comment above each change quotes the
    words it changes, for review. A copy that changes nothing writes nothing (exit 0).

    \b
    Example:
      resodraft amendments drafts/ICC-ASP-19-Res.2.fr.md france.md --sponsor France -o amendments/
      resodraft redline drafts/ICC-ASP-19-Res.2.fr.md amendments/ -o build/
      resodraft amendments base.md eu-copy.md --sponsor "Union européenne" --tag UE --status proposed -o amendments/
    """
    from resodraft import api
    from resodraft.output import write_files

    check_date(date)
    check_text(sponsor, "--sponsor")
    check_text(tag, "--tag")
    job = api.amendments_job(
        base, edited, sponsor=sponsor, date=date, output=output, language=lang, status=status, tag=tag
    )
    write_files(job.files, inputs=[base, edited])
    _report(job, edited)


def _report(job: "AmendmentsJob", edited: str) -> None:
    """Say on standard error what was derived, where it went and what it could not say."""
    from rich.console import Console
    from rich.markup import escape

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    derivation = job.derivation
    for line in derivation.unexpressed:
        err.print(f"[yellow]warning:[/yellow] {escape(line)}")
    for line in derivation.remarks:
        err.print(f"note: {escape(line)}")
    if not job.files:
        err.print(f"no change: {escape(edited)} says the same as the base text (numbering aside); no file written")
        return
    counts = derivation.counts()
    total = sum(counts.values())
    detail = ", ".join(f"{n} {op}" for op, n in counts.items())
    if derivation.meta_table:
        detail = "; ".join(p for p in (detail, "[meta] " + ", ".join(k for k, _ in derivation.meta_table)) if p)
    for path in job.files:
        where = "standard output" if path == "-" else escape(path)
        err.print(f"{total} change{'s' if total != 1 else ''} by {escape(job.sponsor)} ({escape(detail)}) → {where}")


def register(app: typer.Typer) -> None:
    """Add the ``amendments`` command to ``app``."""
    app.command("amendments")(amendments)
