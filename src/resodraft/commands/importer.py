"""``resodraft import``: last year's text as people hold it (.docx, .pdf, pasted text) → a draft."""

from typing import Annotated, Optional

import typer

from resodraft.errors import UsageError


def import_(
    source: Annotated[str, typer.Argument(help="The text as you have it: .docx, .pdf, .txt or .md (- for standard input).")],
    output: Annotated[str, typer.Option("-o", "--output", help="Write the draft here (default: standard output).")] = "-",
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of the text: fr or en (default: guessed).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print what was inferred as JSON on standard error.")] = False,
    accept_changes: Annotated[
        bool, typer.Option("--accept-changes", help="A Word file with tracked changes: read it as if all were accepted.")
    ] = False,
    reject_changes: Annotated[
        bool, typer.Option("--reject-changes", help="A Word file with tracked changes: read it as if all were rejected.")
    ] = False,
) -> None:
    """Turn a Word file, a PDF or text pasted from a PDF into a draft (canonical Markdown).

    What the reader inferred (running headers dropped, paragraphs split by a page break joined,
    footnote calls recognised, lead words italicised, masthead read into the front matter) is
    listed on standard error with where it happened, so you can review it.

    \b
    Example:
      resodraft import A_RES_80_6.pdf -o drafts/A-RES-80-6.en.md
      resodraft import ICC-ASP-19-Res.2.docx --lang fr -o drafts/ICC-ASP-19-Res.2.fr.md
    """
    from resodraft import api
    from resodraft.output import write_files

    if accept_changes and reject_changes:
        raise UsageError("--accept-changes and --reject-changes exclude each other", hint="give one of them")
    revisions = "accept" if accept_changes else "reject" if reject_changes else "refuse"
    res, report = api.import_file(source, language=lang, revisions=revisions)
    write_files({output: api.to_markdown(res)}, inputs=[source])
    if json_:
        import json

        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), err=True)
    else:
        from resodraft.terminal import print_report

        print_report(report)


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
