"""Shared test helpers: the repository root and the command line run in-process.

``run_cli(["show", "DOC", "--json"])`` calls :func:`resodraft.cli.main` exactly as the
``resodraft`` script does and returns ``(exit code, stdout, stderr)``; nothing is printed.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DRAFTS = ROOT / "drafts"


@pytest.fixture
def repo() -> Path:
    """The repository root (``drafts/``, ``tests/fixtures/`` are under it)."""
    return ROOT


def run_cli(args: Iterable[str], stdin: str | bytes | None = None, cwd: str | os.PathLike[str] | None = None) -> tuple[int, str, str]:
    """Run ``resodraft ARGS`` in-process; return ``(exit code, stdout, stderr)``.

    ``stdin`` feeds standard input (for ``-``); ``cwd`` runs the command from that folder.
    Standard output and error are captured as UTF-8 text, including what is written to
    ``sys.stdout.buffer``.
    """
    from resodraft.cli import main

    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    inp = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    saved = sys.stdin, sys.stdout, sys.stderr
    old_cwd = os.getcwd()
    sys.stdin, sys.stdout, sys.stderr = inp, out, err
    try:
        if cwd is not None:
            os.chdir(cwd)
        main([str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        out.flush()
        err.flush()
        sys.stdin, sys.stdout, sys.stderr = saved
        os.chdir(old_cwd)
    return code, out_bytes.getvalue().decode("utf-8"), err_bytes.getvalue().decode("utf-8")


@pytest.fixture
def cli():
    """:func:`run_cli` as a fixture: ``code, out, err = cli(["show", path])``."""
    return run_cli
