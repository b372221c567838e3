"""Writing outputs so that nothing is ever lost: no input overwritten, no output half-written.

Every file resodraft writes goes through :func:`write_files` — **the one helper every command
calls** (``apply -o``, ``redline -o``/``--map``, ``render -o``, ``diff -o``, ``import -o``,
``check --update-baseline``, and new commands such as ``rollover -o``, ``amendments -o``,
``compile -o``)::

    write_files({"build/x.clean.md": text, "build/x.docx": data}, inputs=[base, *amendment_paths])

``inputs`` are the paths the command was given (files or folders, ``-`` is ignored). What it
guarantees, in order:

1. **Nothing is written unless everything can be.** The contents are computed before the
   call. Every target is then checked before any byte is written: a target that *is* an
   input — named on the command line, or a draft, amendment, Word or PDF file found inside a
   folder given as input — is refused, whatever the path says: through symbolic links and hard
   links (compared by ``st_dev``/``st_ino``, not by name). So are a target that is a folder, a
   loop of symbolic links, a name too long for the disk, two outputs that are the same file,
   a disk device or a socket, and a folder that cannot be written. :func:`check_outputs` runs
   these checks alone, so a command can refuse before doing its work. A character device or a
   named pipe (``-o /dev/null``, ``-o /dev/stdout``) is written straight into, never replaced.
2. **One writer per folder at a time.** An advisory lock (``fcntl.flock``) on a lock file
   ``.resodraft.lock`` in each target folder serialises concurrent runs writing into the same
   folder; a run that cannot have it within ``RESODRAFT_LOCK_TIMEOUT`` seconds (default 60)
   stops with one line and writes nothing. The lock file is removed while still held, so a
   finished run leaves none behind (a killed run may leave one: it is harmless and reused).
3. **Stale temporaries are cleaned.** Temporary files are named ``.resodraft-PID-XXXXXXXX.tmp``
   (a new output being written) and ``.resodraft-PID-XXXXXXXX.old`` (a second link to an
   output being replaced). Only a run holding the folder's lock creates them, so any such file
   found by the next run holding the lock belongs to a run that was killed: it is removed.
4. **Each file is replaced atomically, and all of them together or none.** Each output is
   written to a temporary file in its target folder, flushed and fsynced. Only when
   *all* of them are complete does each existing output get a second (hard) link, then every
   temporary is renamed over its final name with ``os.replace`` — never renaming or removing
   the old file first — and the folder is fsynced: that is the commit point. At every
   instant each final name holds the complete old file or the complete new one, never a
   partial file, never nothing. Until the commit point, any failure (a full disk, a rename
   refused) and SIGINT/SIGTERM put back every output already replaced (a rename of the second
   link over it) and remove the temporaries: nothing was written. After it, the second links
   are removed.
5. **SIGINT and SIGTERM** during the write are one line (``interrupted by SIGTERM — nothing was
   written``); the CLI exits 130 or 143.

What "all or nothing" can and cannot mean across several files: POSIX renames one name at a
time, so five outputs cannot change in one step. Errors and SIGINT/SIGTERM are rolled back as
above, so they leave every output as it was (on a disk without hard links, such as some
network or FAT drives, an output already replaced cannot be put back: the message names it). A
run that cannot run any code — ``kill -9``, a power cut — during the five renames leaves some
outputs new and some old, each complete. The second links make that window tiny: a rename over
a file that keeps another link frees no blocks, so on the test VM (ext4) the five renames take
about 0.05-0.09 ms instead of 1-20 ms (medians of 20-30 runs), 0.2 % of a 25-50 ms write
phase, and 50 SIGKILLs at random instants of real runs' write phases left no mix (before the
second links: 4 to 7 of 50). Freeing the old files' blocks happens after the commit point. A
per-run staging folder swapped in would not do better: the output folder is the user's (it may
hold other files, or be ``.``), so it cannot be exchanged as a whole
(``renameat2(RENAME_EXCHANGE)`` is Linux-only and would swap the user's other files too);
moving the files out of a staging folder is the same five renames; a symbolic link to a
generation folder changes what users see in their file manager and on shared drives.
``tests/test_hostile.py`` kills real runs at 50 random instants of their write phase and
counts how many leave a mix.

Fault injection: the tests set :data:`fault_hook` to a function called with ``(step, path)``
before each step of the write sequence (:data:`STEPS`), which may raise to simulate a failure
or a signal at exactly that step.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat as _stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from resodraft.errors import Interrupted, OutputError
from resodraft.paths import describe_os_error

STEPS = ("lock", "clean", "open", "write", "fsync", "close", "link", "replace", "fsync-dir", "drop-old", "unlock")
"""The steps of the write sequence, in the order they happen: ``lock`` per folder, ``clean``
per stale temporary, ``open``…``close`` per file, ``link`` per output that already exists,
``replace`` per file, ``fsync-dir`` per folder (the outputs are written: the commit point),
``drop-old`` per output that existed, ``unlock`` per folder."""

fault_hook: Callable[[str, str], None] | None = None
"""Tests only: called as ``fault_hook(step, path)`` before each step; may raise."""

LOCK_NAME = ".resodraft.lock"
TEMP_PATTERN = re.compile(r"^\.resodraft-(\d+)-[0-9a-f]{8}\.(tmp|old)$")
"""Names of this module's temporary files (``.tmp``: a new output being written; ``.old``: a
second link to an output being replaced). The number is the writing process's id."""

INPUT_SUFFIXES = (".md", ".markdown", ".txt", ".toml", ".docx", ".pdf")
"""Files inside a folder given as input that are protected: what resodraft reads."""


def _step(name: str, path: str | Path) -> None:
    if fault_hook is not None:
        fault_hook(name, str(path))


# --------------------------------------------------------------------------------------------
# checks before anything is written


def _identity(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def _streamed(st: os.stat_result) -> bool:
    """A terminal, ``/dev/null`` or a named pipe: written straight into, never replaced."""
    return _stat.S_ISCHR(st.st_mode) or _stat.S_ISFIFO(st.st_mode)


def _input_identities(inputs: Iterable[str]) -> dict[tuple[int, int], str]:
    """``(st_dev, st_ino) -> name`` of every input file (folders: the files resodraft reads)."""
    from resodraft.paths import walk_files

    out: dict[tuple[int, int], str] = {}
    for item in inputs:
        if not item or item == "-":
            continue
        try:
            st = os.stat(item)
        except OSError:
            continue  # the command has already said what is wrong with a missing input
        if _stat.S_ISDIR(st.st_mode):
            try:
                files = walk_files(item, keep=lambda p: p.suffix.lower() in INPUT_SUFFIXES)
            except Exception:  # noqa: BLE001 - an unreadable input folder was reported when read
                files = []
            for name in files:
                try:
                    out.setdefault(_identity(os.stat(name)), name)
                except OSError:
                    pass
        else:
            out.setdefault(_identity(st), item)
    return out


def _name_max(folder: Path) -> int:
    probe = folder
    while True:
        try:
            return int(os.pathconf(probe, "PC_NAME_MAX"))
        except (OSError, ValueError):
            if probe == probe.parent:
                return 255
            probe = probe.parent


def _existing_ancestor(folder: Path) -> tuple[Path, os.stat_result]:
    """The nearest part of ``folder`` that exists (itself or a parent), and its stat."""
    probe = folder
    while True:
        try:
            return probe, os.stat(probe)
        except FileNotFoundError:
            if probe == probe.parent:
                raise
            probe = probe.parent
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OutputError(
                    "the output folder is a loop of symbolic links",
                    file=str(probe),
                    hint="point the link at a real folder, or give another folder with -o",
                ) from None
            if exc.errno == errno.ENOTDIR:
                probe = probe.parent
                continue
            raise OutputError(f"cannot use the output folder ({describe_os_error(exc)})", file=str(probe)) from None


def prepare_dir(folder: str) -> Path:
    """Check that ``folder`` is (or can be made) a writable folder; does not create it."""
    p = Path(folder or ".")
    probe, st = _existing_ancestor(p)
    if not _stat.S_ISDIR(st.st_mode):
        if probe == p:
            raise OutputError(
                "the output folder is a file",
                file=folder,
                hint="give a folder name with -o (it is created if missing)",
            )
        raise OutputError(
            "the output folder cannot be made: a part of its path is a file",
            file=str(probe),
            hint="give another folder with -o",
        )
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError("the output folder is not writable", file=str(probe), hint="choose another folder with -o")
    return p


def check_outputs(targets: Iterable[str], inputs: Iterable[str] = ()) -> None:
    """Refuse, before anything is written, targets that cannot or must not be written.

    See the module docstring (1.) for what is refused; ``-`` (standard output) is always fine.
    Raises :class:`~resodraft.errors.OutputError` naming the target.
    """
    names = [t for t in targets if t != "-"]
    if not names:
        return
    protected = _input_identities(inputs)
    seen: dict[tuple[int, int] | str, str] = {}
    for name in names:
        path = Path(name)
        if not path.name:
            raise OutputError("the output has no file name", file=name, hint="give a file name with -o")
        limit = _name_max(path.parent if str(path.parent) else Path("."))
        size = len(os.fsencode(path.name))
        if size > limit:
            from resodraft.errors import shorten

            raise OutputError(
                f"the output file name is too long for the disk ({size} bytes; the limit is {limit})",
                file=shorten(name, 80),
                hint="choose a shorter name (-o, or --stem for redline)",
            )
        prepare_dir(str(path.parent) if str(path.parent) else ".")
        try:
            st = os.stat(path)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OutputError(
                    "the output is a loop of symbolic links",
                    file=name,
                    hint="remove the link, or choose another output name",
                ) from None
            raise OutputError(f"cannot write the output ({describe_os_error(exc)})", file=name) from None
        if st is not None:
            if _stat.S_ISDIR(st.st_mode):
                raise OutputError("the output is a folder", file=name, hint="give a file name")
            if not (_stat.S_ISREG(st.st_mode) or _streamed(st)):
                raise OutputError(
                    "the output is not a file (a disk device or a socket)",
                    file=name,
                    hint="give a file name; -o - writes to standard output",
                )
            ident = _identity(st)
            if ident in protected:
                other = protected[ident]
                same = os.path.abspath(other) == os.path.abspath(name)
                raise OutputError(
                    "refusing to write over an input file" + ("" if same else f" (it is {other}, read by this command)"),
                    file=name,
                    hint="choose another output name (-o); inputs are never modified",
                )
            key: tuple[int, int] | str = ident
        else:
            key = os.path.abspath(name)
        if key in seen:
            raise OutputError(
                f"two outputs would be written to the same file ({seen[key]} and {name})",
                file=name,
                hint="give them different names",
            )
        seen[key] = name


# --------------------------------------------------------------------------------------------
# the folder lock


def _lock_timeout() -> float:
    try:
        return float(os.environ.get("RESODRAFT_LOCK_TIMEOUT", "60"))
    except ValueError:
        return 60.0


class _FolderLock:
    """An exclusive ``flock`` on ``FOLDER/.resodraft.lock``; the file is unlinked while held."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.fd: int | None = None

    def acquire(self, timeout: float) -> None:
        try:
            import fcntl
        except ImportError:  # not a POSIX system: no advisory locks to take
            return

        deadline = time.monotonic() + timeout
        delay = 0.005
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            except OSError as exc:
                raise OutputError(
                    f"cannot lock the output folder ({describe_os_error(exc)})",
                    file=str(self.folder),
                    hint="choose a folder you can write to with -o",
                ) from None
            try:
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= deadline:
                            raise OutputError(
                                f"another resodraft run is writing into this folder (waited {timeout:g} s)",
                                file=str(self.folder),
                                hint="let it finish and run again, or write elsewhere with -o",
                            ) from None
                        time.sleep(delay)
                        delay = min(delay * 2, 0.1)
                    except OSError as exc:
                        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                            break  # the disk cannot lock (some network drives): go on unlocked
                        raise
                # the holder before us unlinks the file while holding it: ours must still be it
                try:
                    same = _identity(os.fstat(fd)) == _identity(os.stat(self.path))
                except FileNotFoundError:
                    same = False
            except BaseException:
                os.close(fd)
                raise
            if same:
                self.fd = fd
                return
            os.close(fd)

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None


def _clean_stale(folder: Path) -> list[str]:
    """Remove the temporaries of killed runs in ``folder`` (call with its lock held)."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if TEMP_PATTERN.match(name):
            _step("clean", folder / name)
            try:
                os.unlink(folder / name)
                removed.append(name)
            except OSError:
                pass
    return removed


# --------------------------------------------------------------------------------------------
# signals


class _Signals:
    """While active, SIGINT/SIGTERM raise :class:`Interrupted` once (later ones are noted only;
    none once ``quiet``: the outputs are written, only cleaning up remains)."""

    def __init__(self) -> None:
        self.previous: dict[int, object] = {}
        self.fired: int | None = None
        self.quiet = False

    def _handler(self, signum: int, frame: object) -> None:
        if self.fired is None and not self.quiet:
            self.fired = signum
            raise Interrupted("interrupted", signum=signum)

    def __enter__(self) -> _Signals:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                try:
                    self.previous[sig] = signal.signal(sig, self._handler)
                except (ValueError, OSError):
                    pass
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]


def _signal_name(signum: int) -> str:
    return {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM"}.get(signum, f"signal {signum}")


# --------------------------------------------------------------------------------------------
# writing


def _new_temp(folder: Path) -> Path:
    return folder / f".resodraft-{os.getpid()}-{os.urandom(4).hex()}.tmp"


def _write_temp(tmp: Path, data: bytes, final: Path) -> None:
    _step("open", final)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        _step("write", final)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fchmod(fd, 0o644)
        _step("fsync", final)
        os.fsync(fd)
        _step("close", final)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    _step("fsync-dir", folder)
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def write_files(files: Mapping[str, bytes | str], inputs: Iterable[str] = ()) -> None:
    """Write every ``path -> content`` as described in the module docstring.

    ``-`` as a path writes to standard output (after the files). Raises
    :class:`~resodraft.errors.OutputError` (nothing written, or, for a failure among the final
    renames, which outputs were already replaced) or :class:`~resodraft.errors.Interrupted`.
    """
    inputs = list(inputs)
    targets: list[tuple[Path, bytes]] = []
    to_stdout: list[bytes] = []
    streams: list[tuple[str, bytes]] = []
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        if name == "-":
            to_stdout.append(data)
        else:
            targets.append((Path(name), data))
    check_outputs([str(p) for p, _ in targets], inputs)
    for path, data in list(targets):
        try:
            st = os.stat(path)
        except OSError:
            continue
        if _streamed(st):  # /dev/null, /dev/stdout, a pipe: renaming over it would replace the device
            targets.remove((path, data))
            streams.append((str(path), data))
    if targets:
        _write_all(targets)
    for name, data in streams:
        try:
            with open(name, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write the output ({describe_os_error(exc)})", file=name) from None
    for data in to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _make_folders(folders: list[Path]) -> list[Path]:
    """Create the missing folders; return those created (deepest last)."""
    created: list[Path] = []
    for folder in folders:
        missing = []
        probe = folder
        while not probe.exists():
            missing.append(probe)
            if probe == probe.parent:
                break
            probe = probe.parent
        for path in reversed(missing):
            try:
                path.mkdir()
                created.append(path)
            except FileExistsError:
                pass
            except OSError as exc:
                raise OutputError(f"cannot create the output folder ({describe_os_error(exc)})", file=str(path)) from None
    return created


def _write_all(targets: list[tuple[Path, bytes]]) -> None:
    folders = sorted({p.parent if str(p.parent) else Path(".") for p, _ in targets}, key=str)
    created = _make_folders(folders)
    locks = [_FolderLock(f) for f in folders]
    temps: list[tuple[Path, Path]] = []  # (temporary, final), in the order written
    olds: dict[Path, Path | None] = {}  # existing final -> a second link to its old file (None: none)
    replaced: list[Path] = []
    current: Path | None = None
    signals = _Signals()
    committed = False
    try:
        with signals:
            try:
                for lock in locks:  # sorted: two runs never wait for each other crosswise
                    _step("lock", lock.folder)
                    lock.acquire(_lock_timeout())
                for folder in folders:
                    _clean_stale(folder)
                for path, data in targets:
                    current = path
                    tmp = _new_temp(path.parent if str(path.parent) else Path("."))
                    temps.append((tmp, path))  # noted before it exists: a signal may come any time
                    _write_temp(tmp, data, path)
                for _, path in temps:
                    current = path
                    _keep_old(path, olds)
                for tmp, path in temps:
                    current = path
                    _step("replace", path)
                    os.replace(tmp, path)
                    replaced.append(path)
                current = None
                for folder in folders:
                    _fsync_dir(folder)
                committed = True
                signals.quiet = True  # written: a late Ctrl-C undoes nothing and is not an error
            except OSError as exc:
                lost = _roll_back(temps, replaced, olds)
                raise OutputError(
                    f"cannot write the output ({describe_os_error(exc)})" + _outcome(lost, targets),
                    file=str(current or exc.filename or ""),
                ) from None
            except Interrupted as exc:
                lost = _roll_back(temps, replaced, olds)
                raise Interrupted(
                    f"interrupted by {_signal_name(exc.signum)}" + _outcome(lost, targets), signum=exc.signum
                ) from None
            except BaseException:
                _roll_back(temps, replaced, olds)
                raise
            for path, old in olds.items():  # the old files' blocks are freed only now
                if old is not None:
                    try:
                        _step("drop-old", path)
                        os.unlink(old)
                    except OSError:
                        pass  # the next run writing here removes it
    finally:
        for lock in reversed(locks):
            try:
                _step("unlock", lock.folder)
            finally:
                lock.release()
        if not committed:
            for folder in reversed(created):  # nothing written: the folders made for it go too
                try:
                    folder.rmdir()
                except OSError:
                    pass


def _keep_old(path: Path, olds: dict[Path, Path | None]) -> None:
    """A second link to ``path``'s current file: it can be put back, and renaming over the
    path then frees nothing (the rename takes microseconds instead of milliseconds)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return  # a new output: putting it back means removing it
    olds[path] = None
    _step("link", path)
    old = path.parent / _new_temp(Path(".")).name.replace(".tmp", ".old")
    try:
        os.link(path, old, follow_symlinks=False)  # a symbolic link is kept as the link it is
    except OSError as exc:
        if exc.errno in (errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            return  # a disk without hard links: this output cannot be put back
        raise
    olds[path] = old


def _roll_back(temps: list[tuple[Path, Path]], replaced: list[Path], olds: dict[Path, Path | None]) -> list[Path]:
    """Put every replaced output back as it was; remove this run's temporaries and links.

    A put-back is a rename too, so every final name still holds a complete file at every
    instant. Returns the outputs that could not be put back (no second link on this disk, or
    an error): they hold the new, complete file.
    """
    lost: list[Path] = []
    for path in reversed(replaced):
        try:
            if path not in olds:
                os.unlink(path)  # it did not exist before this run
            elif olds[path] is not None:
                os.replace(olds.pop(path), path)  # type: ignore[arg-type]
            else:
                lost.append(path)
        except OSError:
            lost.append(path)
    done = set(replaced)
    for tmp, path in temps:
        if path not in done:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    for old in olds.values():  # linked but not needed (or not put back: the new file stays)
        if old is not None:
            try:
                os.unlink(old)
            except OSError:
                pass
    return list(reversed(lost))


def _outcome(lost: list[Path], targets: list[tuple[Path, bytes]]) -> str:
    """How the run left the outputs: ``— nothing was written`` or which could not be put back."""
    if not lost:
        return " — nothing was written"
    shown = ", ".join(str(p) for p in lost[:3]) + (" …" if len(lost) > 3 else "")
    return f" — {len(lost)} of {len(targets)} outputs could not be put back as they were ({shown}): they hold the new text"
