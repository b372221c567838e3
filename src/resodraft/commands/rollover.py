"""``resodraft rollover``: last year's adopted text → the routine amendments of this year's draft."""

from __future__ import annotations

from typing import Annotated, Optional

import typer


def rollover(
    base: Annotated[str, typer.Argument(help="Last year's adopted text (.md, or .docx/.pdf through the readers).")],
    session: Annotated[
        Optional[int],
        typer.Option("--session", help="The session that adopted BASE (default: its front matter or symbol). The draft is for the next one."),
    ] = None,
    sponsor: Annotated[
        Optional[str],
        typer.Option("--sponsor", help="Author of the changes (default: 'Secrétariat (mise à jour technique)' / 'Secretariat (technical update)')."),
    ] = None,
    with_: Annotated[
        Optional[list[str]],
        typer.Option("--with", help="Amendment files or folders applied with this one: routine changes inside text they change are left out, as comments."),
    ] = None,
    output: Annotated[str, typer.Option("-o", "--output", help="Write the amendment file here (default: standard output).")] = "-",
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of a draft without front matter: fr or en.")] = None,
) -> None:
    """Write the routine amendments that turn last year's adopted text into this year's draft.

    Sessions of the resolution's own assembly after its session move on by one; the base
    resolution joins the recalled resolutions; [meta] makes the text a draft of the next
    session. Reporting periods, years, seminar counts and dates are suggested in comments.
    The result is an ordinary amendment file: review it, then use it with the others.

    \b
    Example:
      resodraft rollover drafts/ICC-ASP-19-Res.2.fr.md -o drafts/2021/Res.2/00-rollover.toml
      resodraft redline drafts/ICC-ASP-19-Res.2.fr.md drafts/2021/Res.2 -o build/
    """
    from resodraft import api
    from resodraft.output import write_files

    text, result = api.rollover_file(
        base, session=session, sponsor=sponsor, with_paths=with_ or [], output=output, language=lang
    )
    write_files({output: text}, inputs=[base, *(with_ or [])] if output != "-" else [base])
    if output != "-":
        import sys

        applied = len(result.applied)
        suggested = len([p for p in result.suggested if p.replace is not None])
        sys.stderr.write(
            f"wrote {output}: a draft of session {result.session + 1} "
            f"({result.session} read from {result.session_source}); "
            f"{applied} change{'s' if applied != 1 else ''}, "
            f"{suggested} suggestion{'s' if suggested != 1 else ''} to review\n"
        )

def register(app: typer.Typer) -> None:
    app.command("rollover")(rollover)
