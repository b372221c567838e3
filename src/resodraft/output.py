"""Writing outputs safely: atomically, never over an input, all or nothing for a folder.

Every file resodraft writes goes through :func:`write_files`: the contents are computed first,
then each file is written to a temporary file in the target folder and renamed over the target.
If anything fails before the renames start, nothing has been written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from resodraft.errors import OutputError


def _check_target(path: Path, inputs: Iterable[str]) -> None:
    resolved = path.resolve()
    for item in inputs:
        if item != "-" and Path(item).resolve() == resolved:
            raise OutputError(
                "refusing to write over an input file",
                file=str(path),
                hint="choose another output name (-o); inputs are never modified",
            )
    if path.is_dir():
        raise OutputError("the output is a folder", file=str(path), hint="give a file name")


def prepare_dir(folder: str) -> Path:
    """Check that ``folder`` is (or can be) a writable folder; does not create it."""
    p = Path(folder)
    if p.exists() and not p.is_dir():
        raise OutputError(
            "the output folder is a file",
            file=folder,
            hint="give a folder name with -o (it is created if missing)",
        )
    probe = p
    while not probe.exists():
        probe = probe.parent
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError("the output folder is not writable", file=str(probe), hint="choose another folder with -o")
    return p


def write_files(files: Mapping[str, bytes | str], inputs: Iterable[str] = ()) -> None:
    """Write every ``path -> content`` atomically; validate all targets before writing any.

    ``-`` as a path writes to standard output.
    """
    inputs = list(inputs)
    targets: list[tuple[Path | None, bytes]] = []
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        if name == "-":
            targets.append((None, data))
            continue
        path = Path(name)
        _check_target(path, inputs)
        prepare_dir(str(path.parent) if str(path.parent) else ".")
        targets.append((path, data))
    temps: list[tuple[str, Path]] = []
    current: Path | None = None
    try:
        for path, data in targets:
            if path is None:
                continue
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
    except OSError as exc:
        _remove(tmp for tmp, _ in temps)
        raise OutputError(f"cannot write the output ({exc.strerror})", file=str(current or exc.filename or "")) from None
    _commit(temps)
    for path, data in targets:
        if path is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()


def _remove(paths: Iterable[str]) -> None:
    for tmp in paths:
        Path(tmp).unlink(missing_ok=True)


def _commit(temps: list[tuple[str, Path]]) -> None:
    """Rename every temporary file over its target; on failure put the old files back.

    Existing targets are first renamed to backups in the same folder, so a failure half-way
    restores them and removes what was already put in place: all or nothing.
    """
    backups: list[tuple[Path, str | None]] = []
    try:
        for tmp, path in temps:
            backup = None
            if path.exists():
                fd, backup = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak", dir=path.parent)
                os.close(fd)
                os.replace(path, backup)
            backups.append((path, backup))
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
    except OSError as exc:
        done = len(backups)
        for path, backup in backups:
            if backup is not None:
                os.replace(backup, path)
            elif path.exists() and done:
                path.unlink(missing_ok=True)
        _remove(tmp for tmp, _ in temps)
        failed = temps[len(backups) - 1][1] if backups else (temps[0][1] if temps else "")
        raise OutputError(f"cannot write the output ({exc.strerror})", file=str(failed)) from None
    _remove(b for _, b in backups if b is not None)
