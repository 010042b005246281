"""Objects a command keeps to the end of the process, and an exit past their teardown.

A large merge ends holding millions of small objects (records, field values, match keys,
blocks). When the command returned, CPython freed them one by one: at 1,000,000 entries
the output file was renamed into place and the process took 5.6 s more to end (strace of
`refmerge merge`, 173 s in all, idle machine). The work is done by then, every output is
committed and closed, so the console entry point (`app.main`) ends the process without
that teardown: it flushes stdout and stderr and calls `os._exit` with the command's exit
code. Only the entry point does this, and only when a command kept its objects here: a
command run inside another program (the tests' `CliRunner`, a script importing `app`)
returns normally and frees its objects as usual.

The cyclic collector is paused while a large merge works (refs/bulk.py). When it is
enabled again, its next pass walks every object allocated during the pause: at 100,000
entries three passes took 2.2 s after the merge's work and collected nothing (a count by
`gc.callbacks`). Kept objects are never garbage, so `keep_to_exit` moves them out of the
collector's sight (`gc.freeze`) and nothing walks them again.
"""

from __future__ import annotations

import gc
import os
import sys

_KEPT: list[object] = []
_AT_ENTRY_POINT = False


def at_entry_point() -> None:
    """Called by the console entry point before the command line runs: from here on a
    command's objects may be kept to the end. Elsewhere (`CliRunner`, a script running
    `app` many times) nothing is kept, so nothing piles up between runs."""
    global _AT_ENTRY_POINT
    _AT_ENTRY_POINT = True


def keep_to_exit(*objects: object) -> None:
    """Keep `objects` alive until the process ends, so returning from the command does
    not free them; `exit_past_teardown` then ends the process without freeing them.
    Only under the console entry point (`at_entry_point`).

    Every object tracked by the collector then moves to its permanent generation: what
    the command built lives to the end, and walking it once more would cost seconds on
    a large library and free nothing."""
    if _AT_ENTRY_POINT:
        _KEPT.extend(objects)
        gc.freeze()


def exit_past_teardown(code: object) -> None:
    """End the process now with `code` when a command kept its objects; else return.

    Called by the console entry point with the code of the `SystemExit` the command line
    ended with. A non-integer code (a message) takes the normal exit, which prints it."""
    if not _KEPT or not (code is None or isinstance(code, int)):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: let the normal exit report it
        return
    os._exit(code or 0)
