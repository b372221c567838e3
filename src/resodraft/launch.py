"""The ``resodraft`` program's entry point: answers ``--version`` before importing anything.

Every other invocation goes to :func:`resodraft.cli.main`, which imports typer and only the
command that was asked for. Keeping this module tiny is what makes ``resodraft --version``
cost no more than starting Python (see bench/README.md, start-up). Ctrl-C or SIGTERM while
the program is still starting is one line too (exit 130 or 143), never a traceback.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run ``resodraft`` with ``argv`` (default: the process arguments)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from resodraft import __version__

        sys.stdout.write(f"resodraft {__version__}\n")
        sys.exit(0)
    import signal

    def on_sigterm(signum: int, frame: object) -> None:
        raise SystemExit(_early_exit("SIGTERM", 143))

    try:
        signal.signal(signal.SIGTERM, on_sigterm)  # cli.main installs its own once running
    except ValueError:  # not the main thread
        pass
    try:
        from resodraft.cli import main as cli_main
    except KeyboardInterrupt:
        raise SystemExit(_early_exit("Ctrl-C (SIGINT)", 130)) from None
    cli_main(args)


def _early_exit(what: str, code: int) -> int:
    sys.stderr.write(f"resodraft: error: interrupted by {what} — nothing was written\n")
    return code
