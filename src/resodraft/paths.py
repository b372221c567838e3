"""Paths users give: looking at them and walking folders without a traceback or a silent skip.

- :func:`stat_or_none` stats a path (following symbolic links): ``None`` when it does not
  exist; a loop of symbolic links, a name too long for the disk or a path through a file is a
  one-line :class:`~resodraft.errors.ResodraftError` naming the path.
- :func:`walk_files` lists the files of a folder, sub-folders included, in name order. It
  follows symbolic links to folders (a linked folder is read like any other) and refuses,
  naming the folder, what a plain ``rglob`` would skip without a word: a sub-folder it cannot
  read, a link that loops (``a → b → a``, or a folder linked inside itself).
- :func:`describe_os_error` says what an ``OSError`` means in words a user knows.
"""

from __future__ import annotations

import errno
import os
import stat as _stat
from collections.abc import Callable
from pathlib import Path

from resodraft.errors import InputError, ResodraftError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
    errno.EROFS: "the disk is read-only",
    errno.ENAMETOOLONG: "the name is too long for the disk",
    errno.ELOOP: "a loop of symbolic links",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "no such file or folder",
    errno.EIO: "input/output error (a disk or network problem)",
}


def describe_os_error(exc: OSError) -> str:
    """``permission denied``, ``the disk is full``… (the system's words for other errors)."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def stat_or_none(
    path: str | os.PathLike[str], *, what: str = "path", error: type[ResodraftError] = InputError
) -> os.stat_result | None:
    """``os.stat`` of ``path`` (links followed), ``None`` when nothing is there.

    A loop of symbolic links, a name too long and any other failure but "not found" raise
    ``error`` (an :class:`InputError` unless told) naming the path; ``what`` is the word for
    it in the message ("file", "folder", "output").
    """
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None  # a path through a file: nothing is there
    except OSError as exc:
        name = os.fspath(path)
        if exc.errno == errno.ELOOP:
            raise error(
                f"the {what} is a loop of symbolic links",
                file=name,
                hint="point the link at a real file or folder",
            ) from None
        if exc.errno == errno.ENAMETOOLONG:
            raise error(
                f"the {what} name is too long for the disk",
                file=_short_path(name),
                hint="use a shorter name",
            ) from None
        raise error(f"cannot look at the {what} ({describe_os_error(exc)})", file=_short_path(name)) from None


def _short_path(name: str, limit: int = 120) -> str:
    from resodraft.errors import shorten

    return shorten(name, limit)


def walk_files(
    folder: str,
    *,
    keep: Callable[[Path], bool] = lambda p: True,
    skip_dir: Callable[[str], bool] = lambda name: False,
) -> list[str]:
    """Every file under ``folder`` that ``keep`` accepts, in name order (as ``str(path)``).

    ``skip_dir(name)`` leaves out sub-folders by name (``.git``…). Unreadable sub-folders and
    loops of symbolic links raise :class:`InputError` naming them; links to files and folders
    are followed, a folder reached twice through links is read once.
    """
    found: list[str] = []
    root = Path(folder)
    top = stat_or_none(root, what="folder")
    if top is None:
        raise InputError("folder not found", file=folder, hint="check the path")
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path, chain: tuple[tuple[int, int], ...]) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            raise InputError(
                f"cannot read the folder ({describe_os_error(exc)})",
                file=str(directory),
                hint="give yourself read access to it, or move it out of the way",
            ) from None
        for entry in entries:
            path = directory / entry.name
            st = stat_or_none(path, what="file or folder")
            if st is None:
                continue  # a dangling link: there is nothing to read
            if _stat.S_ISDIR(st.st_mode):
                if skip_dir(entry.name):
                    continue
                ident = (st.st_dev, st.st_ino)
                if ident in chain:
                    raise InputError(
                        "a symbolic link loops back to a folder that contains it",
                        file=str(path),
                        hint="remove the link, or point it at a folder outside this one",
                    )
                if ident in seen:
                    continue
                seen.add(ident)
                visit(path, (*chain, ident))
            elif _stat.S_ISREG(st.st_mode) and keep(path):
                found.append(str(path))

    ident = (top.st_dev, top.st_ino)
    seen.add(ident)
    if not _stat.S_ISDIR(top.st_mode):
        raise InputError("is a file, not a folder", file=folder)
    visit(root, (ident,))
    return sorted(found)
