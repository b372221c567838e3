"""``resodraft diff OLD NEW``: the redline of two versions of a text, in any output format."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from resodraft.commands import FRENCH_SPACING_HELP, TYPED_NUMBERS_HELP, check_date, check_spacing, check_text
from resodraft.errors import UsageError

FORMATS = ("md", "json", "html", "term", "docx")


def run_diff(
    old_path: str,
    new_path: str,
    *,
    to: str = "md",
    output: str = "-",
    critic: bool = False,
    mark_renumbering: bool = False,
    author: str | None = None,
    date: str | None = None,
    language: str | None = None,
    template_dir: str | None = None,
    typed_numbers: bool = False,
    french_spacing: str = "narrow",
) -> None:
    """Read both versions, compare them and write the redline (what the command does)."""
    from resodraft import api
    from resodraft.output import write_files
    from resodraft.writers import get_writer

    if to not in FORMATS:
        raise UsageError(f"unknown output format {to!r}", hint=f"use --to {', '.join(FORMATS)}")
    if old_path == "-" and new_path == "-":
        raise UsageError("only one of OLD and NEW can be read from standard input (-)")
    if critic and to != "md":
        raise UsageError("--critic applies to Markdown output only", hint="add --to md, or drop --critic")
    if template_dir is not None and to not in ("html", "docx"):
        raise UsageError("--template-dir applies to --to html and --to docx only")
    if to == "docx" and output == "-":
        raise UsageError("a Word document cannot be printed on the terminal", hint="add -o FILE.docx")
    check_date(date)
    check_text(author, "--author")
    check_spacing(french_spacing)
    if (typed_numbers or french_spacing != "narrow") and to != "docx":
        raise UsageError("--typed-numbers and --french-spacing apply to --to docx only")

    redline = api.diff_files(old_path, new_path, language=language, author=author, date=date)
    inputs = [old_path, new_path]

    if to == "term" and output == "-":
        from rich.console import Console

        from resodraft.writers.terminal import print_redline

        print_redline(redline, Console(highlight=False), mark_renumbering=mark_renumbering)
        return

    options: dict[str, Any] = {"mark_renumbering": mark_renumbering}
    if to == "md":
        options["critic"] = critic
    elif to == "json":
        options = {}
    elif to == "term":
        options["color"] = False  # a file gets [-…-]{+…+}, never colour codes
    elif to == "html":
        options["template_dir"] = template_dir
    elif to == "docx":
        options["template_dir"] = template_dir
        options["date"] = date
        options["typed_numbers"] = typed_numbers
        options["spacing"] = french_spacing
        if author is not None:
            options["author"] = author
    content = get_writer(to)(redline, **options)
    write_files({output: content}, inputs=inputs)


def register(app: typer.Typer) -> None:
    """Add the ``diff`` command to ``app``."""

    @app.command("diff")
    def diff(
        old: Annotated[str, typer.Argument(help="The earlier version (.md or .docx), or - for standard input.")],
        new: Annotated[str, typer.Argument(help="The later version (.md or .docx), or - for standard input.")],
        to: Annotated[str, typer.Option("--to", "-t", help="Output format: md, json, html, term or docx.")] = "md",
        output: Annotated[str, typer.Option("-o", "--output", help="Write here instead of standard output.")] = "-",
        critic: Annotated[
            bool, typer.Option("--critic", help="Mark changes with CriticMarkup {--…--}{++…++} (Markdown only).")
        ] = False,
        mark_renumbering: Annotated[
            bool, typer.Option("--mark-renumbering", help="Also show changed paragraph numbers (~~24~~ **25**).")
        ] = False,
        author: Annotated[Optional[str], typer.Option("--author", help="Who made the changes (tracked-change author).")] = None,
        date: Annotated[Optional[str], typer.Option("--date", help="When the changes were made (YYYY-MM-DD).")] = None,
        lang: Annotated[Optional[str], typer.Option("--lang", help="Language of a draft without front matter: fr or en.")] = None,
        template_dir: Annotated[
            Optional[str], typer.Option("--template-dir", help="Your own templates for --to html or --to docx.")
        ] = None,
        typed_numbers: Annotated[bool, typer.Option("--typed-numbers", help=TYPED_NUMBERS_HELP + " (--to docx)")] = False,
        french_spacing: Annotated[
            str, typer.Option("--french-spacing", help=FRENCH_SPACING_HELP + " (--to docx)")
        ] = "narrow",
    ) -> None:
        """Show what changed between two versions of a text, word by word.

        Paragraphs are matched first (a renumbered paragraph is not a change, an inserted
        paragraph does not shift the others), then words: ~~deleted~~ **inserted**.

        \b
        Example:
          resodraft diff drafts/ICC-ASP-19-Res.2.fr.md new.md
          resodraft diff old.md new.md --to html -o changes.html
          resodraft diff old.md new.md --to docx -o changes.docx --author "Co-facilitateurs"
        """
        run_diff(
            old,
            new,
            to=to,
            output=output,
            critic=critic,
            mark_renumbering=mark_renumbering,
            author=author,
            date=date,
            language=lang,
            template_dir=template_dir,
            typed_numbers=typed_numbers,
            french_spacing=french_spacing,
        )
