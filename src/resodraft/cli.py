"""The ``resodraft`` command line: a thin typer layer over :mod:`resodraft.api`.

Each command parses its options, calls one library function and prints the result. Every
:class:`~resodraft.errors.ResodraftError` becomes one line on standard error and exit code 2
(:func:`main` is the one place that maps errors to exit codes); ``--traceback`` shows the stack.
Heavy libraries (python-docx, lxml, jinja2) are imported inside the commands that need them.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from resodraft import __version__
from resodraft.errors import ExitStatus, ResodraftError

app = typer.Typer(
    name="resodraft",
    help=(
        "Amend, renumber, redline and check recurring resolutions from text.\n\n"
        "Start with: resodraft redline LAST-YEAR.md AMENDMENTS/ -o build/"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"resodraft {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
    traceback: Annotated[
        bool, typer.Option("--traceback", help="Show the Python stack on errors (for debugging).")
    ] = False,
) -> None:
    """Amend, renumber, redline and check recurring resolutions from text."""


Lang = Annotated[Optional[str], typer.Option("--lang", help="Language of a draft without front matter: fr or en.")]


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="The draft (.md), or - for standard input.")],
    json_: Annotated[bool, typer.Option("--json", help="Print the outline as JSON.")] = False,
    lang: Lang = None,
) -> None:
    """Print the outline of a draft with the label of every paragraph.

    \b
    Example:
      resodraft show drafts/ICC-ASP-19-Res.2.fr.md
      resodraft show drafts/ICC-ASP-19-Res.2.fr.md --json
    """
    from resodraft import api

    data = api.outline(api.load(doc, language=lang))
    if json_:
        import json

        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from resodraft.terminal import print_outline

    print_outline(data)


@app.command()
def apply(
    base: Annotated[str, typer.Argument(help="Last year's text (.md).")],
    amendments: Annotated[
        Optional[list[str]], typer.Argument(help="Amendment files (.toml) or folders of them.")
    ] = None,
    output: Annotated[str, typer.Option("-o", "--output", help="Write here instead of standard output.")] = "-",
    lang: Lang = None,
    allow_dangling: Annotated[
        bool, typer.Option("--allow-dangling", help="Warn, instead of stopping, when a reference points at a deleted paragraph.")
    ] = False,
    include: Annotated[
        Optional[list[str]],
        typer.Option("--include", help="Also apply changes with this status (proposed: preview the proposals)."),
    ] = None,
) -> None:
    """Print the amended text as clean Markdown (the canonical form when no amendment is given).

    Only agreed changes are applied; --include proposed previews the proposals too.

    \b
    Example:
      resodraft apply drafts/ICC-ASP-19-Res.2.fr.md drafts/2021/Res.2 -o new.md
    """
    from resodraft import api
    from resodraft.commands import statuses

    result = api.apply_files(
        base, amendments or [], language=lang, allow_dangling=allow_dangling, include=statuses(include)
    )
    from resodraft.output import write_files

    inputs = [base, *(amendments or [])]
    write_files({output: api.to_markdown(result.new)}, inputs=inputs)
    _print_warnings(result.warnings)


def _print_warnings(warnings: list[str]) -> None:
    if warnings:
        from rich.console import Console

        err = Console(stderr=True, highlight=False)
        for w in warnings:
            err.print(f"[yellow]warning:[/yellow] {w}", markup=True)


def _register_optional_commands() -> None:
    """Commands whose modules land later register themselves here, if present."""
    import importlib

    for name in ("redline", "diff", "render", "check", "importer", "compile", "rollover"):
        try:
            module = importlib.import_module(f"resodraft.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("resodraft.commands"):
                continue
            raise
        module.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and map errors to exit codes (the only place that does)."""
    from typer.exceptions import Abort, Exit, TyperException

    args = list(sys.argv[1:] if argv is None else argv)
    show_traceback = "--traceback" in args
    _register_optional_commands()
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=args, prog_name="resodraft", standalone_mode=False)
    except ResodraftError as exc:
        if show_traceback:
            raise
        _fail(str(exc), exc.exit_code)
    except Exit as exc:
        sys.exit(exc.exit_code)
    except Abort:
        _fail("interrupted", 130)
    except TyperException as exc:  # usage errors from the option parser
        if show_traceback:
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":
            sys.stdout.write(exc.format_message() + "\n")
            sys.exit(0)
        ctx = getattr(exc, "ctx", None)
        hint = f" — see '{ctx.command_path} --help'" if ctx is not None else ""
        _fail(f"{exc.format_message()}{hint}", ExitStatus.BAD_INPUT)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(rv if isinstance(rv, int) else 0)


def _fail(message: str, code: int) -> None:
    sys.stdout.flush()
    sys.stderr.write(f"resodraft: error: {message}\n")
    sys.exit(int(code))

