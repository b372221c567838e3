"""``resodraft redline``: the main job — last year's text + amendments → new draft, marked up."""

from __future__ import annotations

import re
from typing import Annotated, Optional

import typer

from resodraft.commands import FRENCH_SPACING_HELP, TYPED_NUMBERS_HELP, check_date, check_spacing, check_text, statuses
from resodraft.errors import UsageError


def redline(
    base: Annotated[str, typer.Argument(help="Last year's adopted text (.md, or a Word .docx).")],
    amendments: Annotated[list[str], typer.Argument(help="Amendment files (.toml) or folders of them.")],
    out_dir: Annotated[str, typer.Option("-o", "--output-dir", help="Folder for the outputs (created if missing).")],
    stem: Annotated[Optional[str], typer.Option("--stem", help="Name of the outputs (default: the base file's name).")] = None,
    show: Annotated[bool, typer.Option("--show", help="Also print the redline in the terminal.")] = False,
    map_file: Annotated[
        Optional[str], typer.Option("--map", help="Write the old → new labels of paragraphs and footnotes as JSON (docs/map.md).")
    ] = None,
    critic: Annotated[bool, typer.Option("--critic", help="Mark changes with CriticMarkup {--…--}{++…++} in STEM.redline.md.")] = False,
    mark_renumbering: Annotated[
        bool, typer.Option("--mark-renumbering", help="Also mark changed paragraph numbers as changes.")
    ] = False,
    insert_style: Annotated[
        str, typer.Option("--insert-style", help="How insertions look in STEM.redline.docx: bold, underline or bold-underline.")
    ] = "bold",
    author: Annotated[Optional[str], typer.Option("--author", help="Author of tracked changes where an amendment names none.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Date of tracked changes where an amendment gives none, and of the Word files (YYYY-MM-DD; default: SOURCE_DATE_EPOCH, else now).")] = None,
    template_dir: Annotated[Optional[str], typer.Option("--template-dir", help="Your own Jinja templates for the Word files.")] = None,
    reference_docx: Annotated[Optional[str], typer.Option("--reference-docx", help="A .docx whose styles the Word files use.")] = None,
    allow_dangling: Annotated[
        bool, typer.Option("--allow-dangling", help="Warn, instead of stopping, when a reference points at a deleted paragraph.")
    ] = False,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of a draft without front matter: fr or en.")] = None,
    include: Annotated[
        Optional[list[str]],
        typer.Option("--include", help="Also apply changes with this status (proposed: preview the proposals)."),
    ] = None,
    only: Annotated[
        Optional[str], typer.Option("--only", help="'agreed': apply the agreed changes only (the default).")
    ] = None,
    html: Annotated[
        bool, typer.Option("--html", help="Also write STEM.redline.html, the review page (opens in any browser).")
    ] = False,
    typed_numbers: Annotated[bool, typer.Option("--typed-numbers", help=TYPED_NUMBERS_HELP)] = False,
    french_spacing: Annotated[str, typer.Option("--french-spacing", help=FRENCH_SPACING_HELP)] = "narrow",
) -> None:
    """Apply amendments to last year's text and write the new draft, clean and marked up.

    Writes STEM.clean.md, STEM.redline.md, STEM.clean.docx, STEM.redline.docx and
    STEM.tracked.docx into the output folder (and STEM.redline.html with --html). Only
    agreed changes are applied: changes marked status = "proposed" or "withdrawn" are left
    out unless --include proposed previews them. Nothing is written if anything is wrong.

    \b
    Example:
      resodraft redline drafts/ICC-ASP-19-Res.2.fr.md drafts/2021/Res.2 -o build/
      resodraft redline BASE.md amendments/ -o preview/ --include proposed --html
    """
    from resodraft import api
    from resodraft.output import prepare_dir, write_files

    if insert_style not in ("bold", "underline", "bold-underline"):
        raise UsageError(f"--insert-style {insert_style!r} is unknown", hint="use bold, underline or bold-underline")
    check_date(date)
    check_text(author, "--author")
    check_text(stem, "--stem")
    if stem is not None and ("/" in stem or "\\" in stem or stem in ("", ".", "..")):
        raise UsageError(f"--stem {stem!r} is not a file name", hint="give a name without folders: the outputs go in -o")
    wanted = statuses(include, only)
    check_spacing(french_spacing)
    prepare_dir(out_dir)
    job = api.redline_job(
        base,
        amendments,
        out_dir,
        stem=stem,
        language=lang,
        allow_dangling=allow_dangling,
        author=author,
        date=date,
        critic=critic,
        mark_renumbering=mark_renumbering,
        insert_style=insert_style,
        template_dir=template_dir,
        reference_docx=reference_docx,
        include=wanted,
        html=html,
        typed_numbers=typed_numbers,
        french_spacing=french_spacing,
    )
    files = dict(job.files)
    renumbered = {old: new for old, new in job.result.label_map.items() if old != new and not old.startswith("+")}
    if map_file:
        import os

        from resodraft.errors import OutputError
        from resodraft.labelmap import to_json

        clash = next((k for k in files if os.path.abspath(k) == os.path.abspath(map_file)), None)
        if clash is not None:
            raise OutputError(
                f"two outputs would be written to the same file (--map and {clash})",
                file=map_file,
                hint="give --map another file name",
            )
        files[map_file] = to_json(job.result, job.redline)
    write_files(files, inputs=[base, *amendments, *([reference_docx] if reference_docx else [])])

    print_summary(job, renumbered, list(files))
    if show:
        from resodraft.writers import get_writer

        typer.echo(get_writer("term")(job.redline))


def print_summary(job: object, renumbered: dict[str, str], written: list[str]) -> None:
    """What a co-facilitator wants to see: who proposed what, what moved, what was written."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from resodraft.controls import for_terminal

    result = job.result  # type: ignore[attr-defined]
    console = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    for warning in result.warnings:
        err.print(Text.assemble(("warning:", "yellow"), " ", for_terminal(warning)))
    table = Table(title="Changes applied", title_justify="left")
    table.add_column("sponsor")
    table.add_column("changes", justify="right")
    for sponsor, count in result.per_sponsor().items():
        table.add_row(Text(for_terminal(sponsor)), str(count))
    console.print(table)
    console.print(
        f"paragraphs inserted: {len(result.inserted)}, deleted: {len(result.deleted)}, moved: {len(result.moved)}"
    )
    left_out = getattr(result, "left_out", {})
    if left_out:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(left_out.items()))
        hint = " (--include proposed previews them)" if "proposed" in left_out else ""
        console.print(f"left out, not agreed: {counts}{hint}")
    if renumbered:
        numbers = Table(title="Renumbered (old → new)", title_justify="left")
        numbers.add_column("old")
        numbers.add_column("new")
        for old, new in runs(renumbered):
            numbers.add_row(old, new)
        console.print(numbers)
    for path in written:
        console.print(Text(f"wrote {for_terminal(path)}"))


_LABEL = re.compile(r"^(.*?)(\d+)$")


def runs(renumbered: dict[str, str]) -> list[tuple[str, str]]:
    """Collapse consecutive shifts into ranges: OP22→OP23 … OP37→OP38 is one row ``OP22–OP37``.

    >>> runs({"OP22": "OP23", "OP23": "OP24", "OP38": "OP40"})
    [('OP22–OP23', 'OP23–OP24'), ('OP38', 'OP40')]
    """
    rows: list[tuple[str, str]] = []
    group: list[tuple[str, str]] = []

    def flush() -> None:
        if len(group) > 1:
            rows.append((f"{group[0][0]}–{group[-1][0]}", f"{group[0][1]}–{group[-1][1]}"))
        elif group:
            rows.append(group[0])
        group.clear()

    for old, new in renumbered.items():
        mo, mn = _LABEL.match(old), _LABEL.match(new)
        if group and mo and mn:
            po, pn = _LABEL.match(group[-1][0]), _LABEL.match(group[-1][1])
            if (
                po and pn and po.group(1) == mo.group(1) and pn.group(1) == mn.group(1)
                and int(mo.group(2)) == int(po.group(2)) + 1 and int(mn.group(2)) == int(pn.group(2)) + 1
            ):
                group.append((old, new))
                continue
        flush()
        group.append((old, new))
    flush()
    return rows


def register(app: typer.Typer) -> None:
    app.command("redline")(redline)
