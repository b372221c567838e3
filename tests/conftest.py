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


# --------------------------------------------------------------------------------------------
# every .docx resodraft writes during the tests is valid OOXML (openxml-audit, 0 errors)


class DocxAudit:
    """openxml-audit (the Open XML SDK's schema and semantic checks, in pure Python) for the
    .docx files resodraft writes; each distinct file is validated once."""

    def __init__(self) -> None:
        from openxml_audit import FileFormat, OpenXmlValidator
        from openxml_audit.semantic.constraints import cross_part

        self.validator = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=20)
        self.seen: dict[bytes, list[str]] = {}
        self.count = 0
        # openxml-audit 0.8.0 caches the values of cross-part references (footnote ids, …) under
        # id(package) for the validator's lifetime; once a validated package is freed, the next
        # one may get its id and be checked against the previous document's footnotes (false
        # errors, missed ones). Each validation gets a cache key of its own.
        original = cross_part._cache_key

        def cache_key(context, part_path, part_uris):  # type: ignore[no-untyped-def]
            return (self.count, *original(context, part_path, part_uris))

        cross_part._cache_key = cache_key

    def errors(self, data: bytes) -> list[str]:
        """The validator's findings for the package ``data`` (``[]`` when it is valid)."""
        import hashlib
        import tempfile

        from openxml_audit.errors import ValidationSeverity

        key = hashlib.sha256(data).digest()
        if key not in self.seen:
            self.count += 1
            with tempfile.TemporaryDirectory(prefix="resodraft-audit-") as tmp:
                path = Path(tmp) / "document.docx"
                path.write_bytes(data)
                result = self.validator.validate(path)
            self.seen[key] = [str(e) for e in result.errors if e.severity == ValidationSeverity.ERROR]
        return self.seen[key]


_AUDIT: DocxAudit | None = None


def docx_audit() -> DocxAudit:
    global _AUDIT
    if _AUDIT is None:
        _AUDIT = DocxAudit()
    return _AUDIT


def assert_valid_docx(data: bytes | str | os.PathLike[str]) -> None:
    """Fail the test unless ``data`` (bytes or a path) is a .docx with 0 openxml-audit errors."""
    if not isinstance(data, bytes):
        data = Path(data).read_bytes()
    errors = docx_audit().errors(data)
    if errors:
        pytest.fail("openxml-audit: the .docx is not valid OOXML:\n  " + "\n  ".join(errors[:10]))


def _written_by_resodraft(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return b"<Application>resodraft</Application>" in zf.read("docProps/app.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


@pytest.fixture(scope="session", autouse=True)
def _audit_every_docx_written_in_process():
    """Every Word file the writers return in this process is validated before the test sees it."""
    import resodraft.writers.docx as writers

    original = writers._docx

    def audited(*args, **kwargs):  # type: ignore[no-untyped-def]
        data = original(*args, **kwargs)
        assert_valid_docx(data)
        return data

    writers._docx = audited
    yield
    writers._docx = original


@pytest.fixture(autouse=True)
def _audit_every_docx_written_to_tmp_path(request):
    """And every resodraft .docx a test leaves in its ``tmp_path`` (written by a ``resodraft``
    subprocess, say) is validated when the test ends."""
    # asked for now, so that tmp_path is torn down after this fixture has looked into it
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if folder is None:
        return
    for path in sorted(Path(folder).rglob("*.docx")):
        if path.is_file() and not path.is_symlink() and _written_by_resodraft(path):
            assert_valid_docx(path)


@pytest.fixture(scope="session")
def lo_author():
    """One LibreOffice (UNO) session that edits Word files as named authors, shared by every
    test module that needs one (tests/oracles/lo_author.py); skipped, with the reason, when
    soffice or python3-uno is missing."""
    from test_reader_docx_libreoffice import Author, _missing

    reason = _missing()
    if reason:
        pytest.skip(reason)
    author = Author()
    yield author
    author.close()
