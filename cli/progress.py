"""The progress display of long runs: one line per stage, each with its own live clock.

Each stage (reading, finding duplicates, merging, writing) is its own rich task. A task
reused across stages freezes: once the first stage completes, rich marks the task
finished, stops its clock and hides its spinner, so a 50k-entry merge showed `0:00:07`
for 37 of its 45 seconds. A stage whose item count is known shows `done/total` and an
ETA; one without (the duplicate engine reports no inner progress) shows a pulsing bar
and its clock. The display goes to stderr on a terminal only, once a run passes a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class Progress:
    """What the pipeline reports to (`dedupe.pipeline.Progress`), drawn with rich."""

    def __init__(
        self,
        enabled: bool,
        *,
        console: Any = None,
        get_time: Callable[[], float] | None = None,
        delay: float = 1.0,
    ) -> None:
        self._progress: Any = None
        self._timer: threading.Timer | None = None
        self._task: Any = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._progress = RichProgress(
            SpinnerColumn(finished_text="[green]✓"),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
            get_time=get_time,
            transient=True,
        )
        if delay > 0:
            self._timer = threading.Timer(delay, self._progress.start)
            self._timer.daemon = True
            self._timer.start()

    def stage(self, description: str, total: int | None) -> None:
        """A new stage: the previous one is marked done and stops its clock; this one starts
        its own. `total=None` for a stage with no inner count (a pulsing bar, no ETA)."""
        if self._progress is None:
            return
        if self._task is not None:
            task = self._progress.tasks[self._task]
            self._progress.update(
                self._task, total=task.completed or 1, completed=task.completed or 1
            )
            self._progress.stop_task(self._task)
        self._task = self._progress.add_task(description, total=total)

    def advance(self, n: int = 1) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, n)

    def render(self) -> Any:
        """The display as it would be drawn now (for tests)."""
        return self._progress.get_renderable() if self._progress is not None else None

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()  # a start() already under way finishes before stop()
        if self._progress is not None:
            self._progress.stop()


@contextmanager
def progress(enabled: bool) -> Iterator[Progress]:
    bar = Progress(enabled)
    try:
        yield bar
    finally:
        bar.close()
