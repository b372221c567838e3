"""The sandbox users' templates (``--template-dir``) run in: no Python internals, bounded work.

Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment` keeps a template away from Python's
internals; it does not bound what a template may *compute*. ``{{ 'a' * 10**9 }}`` would build
a gigabyte string, ``range(10**9)`` is refused only with a traceback, nested loops or a string
doubled forty times can run for hours. :class:`LimitedSandbox` adds limits, each refused
quickly as a :class:`~jinja2.sandbox.SecurityError` (a one-line ``TemplateError`` for the user):

- ``*``, ``**`` and ``%`` are checked before they run: a string or list longer than
  :data:`MAX_OUTPUT` characters, an integer of more than :data:`MAX_INT_BITS` bits, a
  ``%``-format with a huge or ``*`` width;
- every call from a template (methods such as ``'x'.center(n)``, functions) and every filter
  (``center``, ``indent``, ``wordwrap``…) refuses an integer argument above :data:`MAX_ARG`;
- ``range()`` yields at most :data:`MAX_ITERATIONS` items in all, per render;
- :func:`limits` bounds a render: its output (:data:`MAX_OUTPUT`), its duration
  (:data:`MAX_SECONDS`, on the main thread where a timer can interrupt it) and, on Linux, the
  memory it may take (:data:`MAX_MEMORY` more than the process had).
"""

from __future__ import annotations

import functools
import math
import operator
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_OUTPUT = 100_000_000
"""Characters a user's template may produce (and the longest string or list it may build)."""
MAX_ARG = 1_000_000
"""Largest integer argument a template may pass to a function, method or filter."""
MAX_INT_BITS = 4096
"""Largest integer (in bits) ``**`` may produce."""
MAX_ITERATIONS = 2_000_000
"""Items ``range()`` may yield in all, in one render."""
MAX_SECONDS = 60
"""Longest a render may run (main thread)."""
MAX_MEMORY = 512 << 20
"""Memory (address space) a render may add to the process, on Linux."""

_PERCENT_WIDTH = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d{7,}|\d*\.(\*|\d{7,}))")
_FORMAT_WIDTH = re.compile(r"\{[^{}]*:[^{}]*(\{|\d{7,})")


def _too_big(what: str) -> SecurityError:
    return SecurityError(f"{what} is too big for a template")


def _check_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARG:
            raise _too_big(f"the number {value if abs(value) < 10**30 else 'passed'}")


def _mul(left: Any, right: Any) -> Any:
    for seq, n in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple, bytes)) and isinstance(n, int) and len(seq) * max(n, 0) > MAX_OUTPUT:
            raise _too_big("a repeated text or list")
    return operator.mul(left, right)


def _pow(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
        if right * math.log2(abs(left)) > MAX_INT_BITS:
            raise _too_big("a power")
    return operator.pow(left, right)


def _mod(left: Any, right: Any) -> Any:
    if isinstance(left, str) and _PERCENT_WIDTH.search(left):
        raise _too_big("a %-format width")
    return operator.mod(left, right)


class _Budget:
    """Items ``range()`` may still yield in the current render."""

    def __init__(self) -> None:
        self.left = MAX_ITERATIONS

    def range(self, *args: int) -> Iterator[int]:
        _check_args(args, {})
        rng = range(*args)
        if len(rng) > self.left:
            raise _too_big(f"range() of {len(rng)} items")
        self.left -= len(rng)
        return iter(rng)


def _guard_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    skip = 2 if hasattr(func, "jinja_pass_arg") else 1  # (context,) value: not arguments

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_args(args[skip:], kwargs)
        return func(*args, **kwargs)

    return guarded


class LimitedSandbox(SandboxedEnvironment):
    """A :class:`SandboxedEnvironment` whose templates cannot exhaust time or memory."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.binop_table = {**self.binop_table, "*": _mul, "**": _pow, "%": _mod}
        self.filters = {name: _guard_filter(f) for name, f in self.filters.items()}
        self.budget = _Budget()
        self.globals["range"] = lambda *a: self.budget.range(*a)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``'{:>999999999}'.format(x)``: a huge or computed width is refused."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _FORMAT_WIDTH.search(value.__self__):
            raise _too_big("a format width")
        return wrapped

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Every call from a template: integer arguments are bounded first."""
        _check_args(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


class RenderLimit(Exception):
    """A render went over :data:`MAX_OUTPUT`, :data:`MAX_SECONDS` or :data:`MAX_MEMORY`."""


def _vm_size() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


@contextmanager
def limits(env: Any) -> Iterator[None]:
    """Bound one render by ``env`` (a :class:`LimitedSandbox`; other environments: no limits)."""
    if not isinstance(env, LimitedSandbox):
        yield
        return
    env.budget = _Budget()
    restore: list[Callable[[], None]] = []
    if sys.platform.startswith("linux"):
        try:
            import resource

            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            now = _vm_size()
            if now is not None:
                cap = now + MAX_MEMORY
                if (soft == resource.RLIM_INFINITY or cap < soft) and (hard == resource.RLIM_INFINITY or cap <= hard):
                    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
                    restore.append(lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard)))
        except (ImportError, ValueError, OSError):
            pass
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM"):

        def timeout(signum: int, frame: Any) -> None:
            raise RenderLimit(f"the template ran for more than {MAX_SECONDS} s")

        try:
            previous = signal.signal(signal.SIGALRM, timeout)
            signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)

            def stop() -> None:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)

            restore.append(stop)
        except (ValueError, OSError):
            pass
    try:
        yield
    except MemoryError:
        raise RenderLimit(f"the template needs more memory than a document can ({MAX_MEMORY >> 20} MB more)") from None
    finally:
        for undo in reversed(restore):
            undo()


def render_limited(template: Any, context: dict[str, Any]) -> str:
    """Render ``template``, streaming, and stop past :data:`MAX_OUTPUT` characters."""
    if not isinstance(template.environment, LimitedSandbox):
        return template.render(**context)
    size = 0
    parts: list[str] = []
    with limits(template.environment):
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise RenderLimit(f"the template's output passed {MAX_OUTPUT // 1_000_000} million characters")
            parts.append(chunk)
    return "".join(parts)
