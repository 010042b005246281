"""Silence a library's own log records while we call it, without touching logging setup.

bibtexparser and pylatexenc log the problems we report ourselves as diagnostics. A
level or `propagate` change on their loggers at import would change logging for the
whole process (an application embedding refmerge would lose those records everywhere);
a filter added for the length of one call drops only the records of that call.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Below(logging.Filter):
    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level


@contextmanager
def quiet(*names: str, below: int = logging.CRITICAL + 1) -> Iterator[None]:
    """Drop records under `below` (all, by default) from these loggers during the block.

    Name the loggers that emit: a filter on a parent does not see its children's records.
    """
    loggers = [logging.getLogger(name) for name in names]
    drop = _Below(below)
    for logger in loggers:
        logger.addFilter(drop)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(drop)
