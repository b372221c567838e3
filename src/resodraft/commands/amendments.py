"""``resodraft amendments BASE EDITED``: a delegation's edited copy → an amendment file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from resodraft.commands import check_date, check_text

if TYPE_CHECKING:
    from resodraft.api import AmendmentsJob


def amendments(
    base: Annotated[str, typer.Argument(help="Last year's text, the one the delegation edited (.md, .docx …).")],
    edited: Annotated[str, typer.Argument(help="The delegation's edited copy of it (.md, .docx, or a .docx with tracked changes).")],
    sponsor: Annotated[
        Optional[list[str]],
        typer.Option(
            "--sponsor",
            help="Who proposes the changes. For a Word file with tracked changes (one file per author): "
            "NAME=SPONSOR maps a Word user name to a delegation, repeatable.",
        ),
    ] = None,
    author: Annotated[
        Optional[list[str]],
        typer.Option("--author", help="Only this author's tracked changes (the Word user name), repeatable."),
    ] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Date of the proposals (YYYY-MM-DD).")] = None,
    output: Annotated[
        str,
        typer.Option(
            "-o", "--output",
            help="FILE.toml, or a folder (each file named after its sponsor; needed for tracked changes by several authors). "
            "Default: standard output.",
        ),
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

    A Word file with tracked changes gives one file per author (the author is the sponsor,
    the date that of the author's latest change, Word comments become notes): with several
    authors, give a folder. Its text with every change rejected must be BASE.

    \b
    Example:
      resodraft amendments drafts/ICC-ASP-19-Res.2.fr.md france.md --sponsor France -o amendments/
      resodraft redline drafts/ICC-ASP-19-Res.2.fr.md amendments/ -o build/
      resodraft amendments base.md eu-copy.md --sponsor "Union européenne" --tag UE --status proposed -o amendments/
      resodraft amendments base.md comments.docx --sponsor "Jean Dupont=France" -o amendments/
    """
    from resodraft import api
    from resodraft.output import write_files

    check_date(date)
    for value in sponsor or []:
        check_text(value, "--sponsor")
    for value in author or []:
        check_text(value, "--author")
    check_text(tag, "--tag")
    job = api.amendments_job(
        base, edited, sponsor=sponsor, date=date, output=output, language=lang, status=status, tag=tag, authors=author
    )
    write_files(job.files, inputs=[base, edited])
    _report(job, edited)


def _report(job: "AmendmentsJob", edited: str) -> None:
    """Say on standard error what was derived, where it went and what it could not say."""
    from rich.console import Console
    from rich.markup import escape

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    several = len(job.outputs) > 1
    for out in job.outputs:
        derivation = out.derivation
        who = f"{escape(out.sponsor)}: " if several else ""
        for line in derivation.unexpressed:
            err.print(f"[yellow]warning:[/yellow] {who}{escape(line)}")
        for line in derivation.remarks:
            err.print(f"note: {who}{escape(line)}")
    for line in job.remarks:
        err.print(f"note: {escape(line)}")
    if not job.files:
        if job.tracked:
            err.print(f"no change: the tracked changes of {escape(edited)} leave the base text as it is (numbering aside); no file written")
        else:
            err.print(f"no change: {escape(edited)} says the same as the base text (numbering aside); no file written")
        return
    for out in job.outputs:
        derivation = out.derivation
        if out.path is None:
            err.print(f"no change by {escape(out.sponsor)}: their tracked changes leave the base text as it is; no file written")
            continue
        counts = derivation.counts()
        total = sum(counts.values())
        detail = ", ".join(f"{n} {op}" for op, n in counts.items())
        if derivation.meta_table:
            detail = "; ".join(p for p in (detail, "[meta] " + ", ".join(k for k, _ in derivation.meta_table)) if p)
        if out.notes:
            detail += f"; {out.notes} comment{'s' if out.notes != 1 else ''} as notes"
        by = escape(out.sponsor)
        if out.authors and tuple(out.authors) != (out.sponsor,):
            by += f" (Word: {escape(', '.join(out.authors))})"
        where = "standard output" if out.path == "-" else escape(out.path)
        err.print(f"{total} change{'s' if total != 1 else ''} by {by} ({escape(detail)}) → {where}")


def register(app: typer.Typer) -> None:
    """Add the ``amendments`` command to ``app``."""
    app.command("amendments")(amendments)
