"""Jinja templates: where they are found, how they are loaded, how their errors read.

Layout lives in templates (DESIGN.md §1), looked up in order in:

1. the user's ``--template-dir``, if given (a copy of a bundled template, edited, overrides it);
2. the bundled templates: ``resodraft/templates`` in an installed package, or the
   repository's ``templates/`` folder in a source checkout.

A user's template runs in Jinja's sandbox (it cannot reach Python internals), with limits on
what it may compute (:mod:`resodraft.sandbox`: output size, ``range()``, repeated strings,
time and memory). Templates are compiled once: the compiled code is cached in the user's cache
folder (:func:`cache_dir`), keyed by the template's name and checked against its source, so an
edited template (bundled or in ``--template-dir``) is recompiled. Every
environment uses ``StrictUndefined`` (a misspelt variable is an error, not an empty string)
and escapes HTML/XML special characters in ``.html``, ``.htm``, ``.xml`` templates
(and ``*.html.j2`` / ``*.xml.j2``). A broken template becomes a
:class:`~resodraft.errors.TemplateError` naming the template file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import functools
import os

import jinja2
from jinja2.sandbox import SecurityError

from resodraft.errors import TemplateError

_ESCAPED = (".html", ".htm", ".xml", ".html.j2", ".htm.j2", ".xml.j2")


def bundled_dir() -> Path:
    """The folder of the templates shipped with resodraft."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    if installed.is_dir():
        return installed
    return here.parent.parent / "templates"  # source checkout: src/resodraft/ → templates/


def search_path(template_dir: str | Path | None = None) -> list[Path]:
    """The folders searched for a template, the user's first; a missing user folder is an error."""
    dirs: list[Path] = []
    if template_dir is not None:
        user = Path(template_dir)
        if not user.is_dir():
            raise TemplateError(
                "the template folder does not exist",
                file=str(template_dir),
                hint="give the folder holding your copies of the templates with --template-dir",
            )
        dirs.append(user)
    dirs.append(bundled_dir())
    return dirs


def find_file(name: str, template_dir: str | Path | None = None) -> Path:
    """A non-Jinja file of the templates (a reference ``.docx``), the user's copy first."""
    for folder in search_path(template_dir):
        path = folder / name
        if path.is_file():
            return path
    raise TemplateError(
        f"template file {name!r} not found",
        hint="looked in " + ", ".join(str(d) for d in search_path(template_dir)),
    )


def _autoescape(name: str | None) -> bool:
    return bool(name) and name.lower().endswith(_ESCAPED)  # type: ignore[union-attr]


def environment(template_dir: str | Path | None = None) -> jinja2.Environment:
    """A Jinja environment over the user's folder (if any) then the bundled templates.

    One environment per folder for the whole process, so each template is compiled once even
    when a job renders three Word files (Jinja reloads a template whose file changed).
    """
    return _environment(str(template_dir) if template_dir is not None else None)


def cache_dir() -> Path | None:
    """Where compiled templates are kept: ``$RESODRAFT_CACHE_DIR``, else ``$XDG_CACHE_HOME/resodraft``
    or ``~/.cache/resodraft`` (``templates-<jinja version>`` inside). ``None`` if it cannot be made
    (then templates are compiled at each run; nothing fails). ``RESODRAFT_CACHE_DIR=""`` turns
    the cache off."""
    root = os.environ.get("RESODRAFT_CACHE_DIR")
    if root == "":
        return None
    if root is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "resodraft")
    folder = Path(root) / f"templates-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, but a cache that cannot be read or written is skipped, never an error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged cache file: compile the template instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.lru_cache(maxsize=8)
def _environment(template_dir: str | None) -> jinja2.Environment:
    from resodraft.sandbox import LimitedSandbox

    loader = jinja2.FileSystemLoader([str(d) for d in search_path(template_dir)])
    cls = LimitedSandbox if template_dir is not None else jinja2.Environment
    folder = cache_dir()
    return cls(
        loader=loader,
        bytecode_cache=_BytecodeCache(str(folder)) if folder is not None else None,
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _template_line(exc: BaseException, env: jinja2.Environment) -> tuple[str | None, int | None]:
    """File and line of the innermost template frame of ``exc``'s traceback.

    Jinja rewrites tracebacks so that a template's frames carry the template's file name.
    """
    roots: list[str] = []
    loader = env.loader
    if isinstance(loader, jinja2.FileSystemLoader):
        roots = [str(Path(p).resolve()) for p in loader.searchpath]
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        try:
            resolved = str(Path(filename).resolve())
        except OSError:
            resolved = filename
        if any(resolved.startswith(root) for root in roots):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render(
    name: str,
    context: Mapping[str, Any],
    *,
    template_dir: str | Path | None = None,
    env: jinja2.Environment | None = None,
) -> str:
    """Render template ``name`` with ``context``; any template fault is a :class:`TemplateError`."""
    env = env or environment(template_dir)
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise TemplateError(
            f"template {name!r} not found",
            hint="looked in " + ", ".join(str(d) for d in search_path(template_dir)),
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}",
            file=exc.filename or name,
            line=exc.lineno,
            hint="fix the template, or remove it from --template-dir to use the bundled one",
        ) from None
    from resodraft.sandbox import RenderLimit, render_limited

    try:
        return render_limited(template, dict(context))
    except (RenderLimit, OverflowError, RecursionError, MemoryError) as exc:
        file, line = _template_line(exc, env)
        what = {RecursionError: "the template calls itself without end", MemoryError: "the template needs too much memory"}
        raise TemplateError(
            what.get(type(exc), str(exc)),
            file=file or template.filename or name,
            line=line,
            hint="fix the template, or remove it from --template-dir to use the bundled one",
        ) from None
    except jinja2.TemplateSyntaxError as exc:  # in a template included while rendering
        raise TemplateError(
            f"template syntax error: {exc.message}", file=exc.filename or exc.name, line=exc.lineno
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template {exc.name!r} not found (included by {name})",
            hint="looked in " + ", ".join(str(d) for d in search_path(template_dir)),
        ) from None
    except jinja2.UndefinedError as exc:
        file, line = _template_line(exc, env)
        raise TemplateError(
            f"the template uses an unknown value: {exc.message}",
            file=file or template.filename or name,
            line=line,
            hint="check the variable names against the bundled template",
        ) from None
    except SecurityError as exc:
        file, line = _template_line(exc, env)
        raise TemplateError(
            f"the template does something not allowed: {exc}",
            file=file or template.filename or name,
            line=line,
        ) from None
    except jinja2.TemplateError as exc:
        file, line = _template_line(exc, env)
        raise TemplateError(
            f"template error: {exc}", file=file or template.filename or name, line=line
        ) from None
    except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError) as exc:
        file, line = _template_line(exc, env)
        if file is None:
            raise
        raise TemplateError(f"template error: {exc}", file=file, line=line) from None
