"""``resodraft check PATH...``: the linter for drafts (see :mod:`resodraft.check`, docs/check.md)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

FORMAT_NAMES = ("text", "json", "github")
FAIL_ON = ("error", "warning")


def register(app: typer.Typer) -> None:
    """Add the ``check`` command to ``app``."""

    @app.command()
    def check(
        paths: Annotated[
            Optional[list[str]], typer.Argument(help="Drafts (.md), amendment files (.toml) or folders of them.")
        ] = None,
        format_: Annotated[
            str, typer.Option("--format", help="Output: text (for people), json, or github (Actions annotations).")
        ] = "text",
        fail_on: Annotated[
            str, typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe: error or warning.")
        ] = "error",
        config: Annotated[
            Optional[str], typer.Option("--config", help="Configuration file (default: nearest resodraft.toml or pyproject.toml).")
        ] = None,
        baseline: Annotated[
            Optional[str], typer.Option("--baseline", help="Baseline file of accepted findings (default: from the configuration).")
        ] = None,
        no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Report every finding, accepted or not.")] = False,
        update_baseline: Annotated[
            bool, typer.Option("--update-baseline", help="Accept the current findings: write them to the baseline.")
        ] = False,
        lang: Annotated[
            Optional[str], typer.Option("--lang", help="Language of drafts without front matter: fr or en.")
        ] = None,
        all_files: Annotated[
            bool,
            typer.Option(
                "--all-files",
                help="In folders, also check resodraft's outputs (*.clean.md, *.redline.md, …) and files .gitignore excludes.",
            ),
        ] = False,
        list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")] = False,
    ) -> None:
        """Check drafts for numbering, punctuation, footnote, reference and typography faults.

        Exit status: 0 no finding at or above --fail-on, 1 findings, 2 a file cannot be read.
        Findings accepted in the baseline are counted but not reported. Folders are walked for
        *.md and *.toml, skipping resodraft's outputs and .gitignore'd files (--all-files);
        a file named here is always read, or skipped with the reason (README files, exclude).

        \b
        Example:
          resodraft check drafts/
          resodraft check drafts/ --format github
          resodraft check drafts/ --update-baseline
        """
        from pathlib import Path

        from resodraft.check import ALL_RULES, RULE_IDS, check_paths
        from resodraft.check.config import load_config, write_baseline
        from resodraft.check.report import FORMATS, print_text
        from resodraft.errors import UsageError

        if list_rules:
            for rule in ALL_RULES:
                typer.echo(f"{rule.id:<24}{rule.severity:<9}{rule.hint}")
            return
        if not paths:
            raise UsageError("give at least one draft or folder to check", hint="e.g. resodraft check drafts/")
        if format_ not in FORMAT_NAMES:
            raise UsageError(f"unknown format {format_!r}", hint=f"use one of {', '.join(FORMAT_NAMES)}")
        if fail_on not in FAIL_ON:
            raise UsageError(f"unknown severity {fail_on!r} for --fail-on", hint="use error or warning")
        if lang is not None and lang not in ("fr", "en"):
            raise UsageError(f"unknown language {lang!r}", hint="use --lang fr or --lang en")

        settings = load_config(config, Path(paths[0]), RULE_IDS)
        baseline_path = Path(baseline) if baseline else settings.baseline
        if update_baseline:
            if baseline_path is None:
                raise UsageError(
                    "no baseline file to update",
                    hint='add baseline = "…" to the [check] configuration, or give --baseline FILE',
                )
            result = check_paths(paths, settings, language=lang, use_baseline=False, all_files=all_files)
            count = write_baseline(baseline_path, result.findings, result.files, settings)
            import os

            typer.echo(f"Wrote {count} accepted findings to {os.path.relpath(baseline_path)}.")
            return

        result = check_paths(
            paths, settings, language=lang, use_baseline=not no_baseline, baseline=baseline_path, all_files=all_files
        )
        if result.skipped:
            import sys

            for path, reason in result.skipped:
                sys.stderr.write(f"resodraft: skipped {path}: {reason}\n")
        if format_ == "text":
            print_text(result)
        else:
            typer.echo(FORMATS[format_](result), nl=False)
        if result.failing(fail_on):
            raise typer.Exit(1)
