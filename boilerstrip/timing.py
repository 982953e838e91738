"""Per-step timing, for the benchmarks: what each step of a run costs, measured inside the real run.

Off unless a benchmark turns it on with :func:`record`; then each :func:`lap` adds the time since
the previous one to its step. Off, a lap is one global check, so the pipeline keeps its laps.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter

_steps: dict[str, float] | None = None
_last = 0.0


def lap(step: str) -> None:
    """Charge the time since the last lap (or since :func:`record` began) to ``step``."""
    global _last
    if _steps is None:
        return
    now = perf_counter()
    _steps[step] = _steps.get(step, 0.0) + now - _last
    _last = now


@contextmanager
def record() -> Iterator[dict[str, float]]:
    """Time the steps of the runs inside the block: seconds by step name, filled as they go."""
    global _steps, _last
    outer, _steps = _steps, {}
    steps = _steps
    _last = perf_counter()
    try:
        yield steps
    finally:
        _steps = outer
