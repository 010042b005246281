"""Bulk work: without the cyclic garbage collector, and on two cores where there are two.

Reading, deduplicating, merging and writing a library allocate millions of small
objects that live until the end (records, field values, match keys) and almost no
reference cycles. CPython's collector walks every live tracked object on each full
pass, and it runs a full pass each time the long-lived objects grow by a quarter, so
on a large library it keeps re-walking what it can never free: 12% of a 200,000-entry
merge's CPU time in one measured run. Pausing it for the bulk stages costs no memory
there (the same peak RSS with and without, at 100,000 and 200,000 entries) and the
collector runs again, as before, once the stage is over.
"""

from __future__ import annotations

import copyreg
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for the block; restore its state (on or off) after it,
    also when the block raises. Nests: an inner pause leaves an outer one in force."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


T = TypeVar("T")
U = TypeVar("U")

# Dataclasses sent between processes as their constructor's arguments (`send_as_fields`).
_AS_FIELDS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def send_as_fields(cls: type) -> None:
    """Pickle `cls` (a dataclass) as its constructor called with its fields, when a child
    of `in_two` sends it back. A slotted dataclass's own state functions run in Python:
    for a half of 500,000 match keys this is 0.9 s less to write and 0.3 s less to read.
    A class with a field the constructor does not take keeps the usual pickling."""
    import dataclasses
    import operator

    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        return
    values = operator.attrgetter(*(f.name for f in fields))
    if len(fields) == 1:
        _AS_FIELDS[cls] = lambda obj: (cls, (values(obj),))
    else:
        _AS_FIELDS[cls] = lambda obj: (cls, values(obj))


# Below this many items a second process costs more than it saves (a fork and a pickle
# round trip are a few milliseconds; `check` of one file must not pay them).
MIN_SPLIT = 10_000


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def in_two(
    work: Callable[[int, int], T],
    n: int,
    min_items: int | None = None,
    share: float = 0.5,
) -> tuple[T, T] | None:
    """`(work(0, mid), work(mid, n))`, the second part computed by a forked child process
    at the same time as the first; None when the work is not worth splitting (fewer than
    `min_items` items, by default `MIN_SPLIT`; one core; no `fork`) and the caller runs
    it serially. `mid` is `share` of `n` (see `parent_share`).

    The child inherits the parent's data read-only (copy-on-write), so only its result is
    pickled back. `work` must be a pure function of that data: the halves are joined
    exactly as one serial run would produce them. A child that fails (killed, out of
    memory, an exception) is not fatal: its half is then computed here.

    The child writes its result into an anonymous in-memory file as soon as it is done
    and exits; the parent reads it once its own half is done. (Through a pipe the child
    waited for the parent to finish before it could send more than 64 KB, and the two
    then passed the pickle in 64 KB turns: on a loaded machine each turn waits for a core,
    and a library read on two cores took longer than on one.)"""
    if (
        n < (MIN_SPLIT if min_items is None else min_items)
        or _cores() < 2
        or not hasattr(os, "fork")
    ):
        return None
    mid = min(n, max(0, round(n * share)))
    first, second = _forked(lambda: work(0, mid), lambda: (work(mid, n),))
    return first, (second[0] if second is not None else work(mid, n))


def beside(here: Callable[[], T], there: Callable[[bool], U], worth: bool) -> tuple[T, U]:
    """`(here(), there(apart))`, `there` computed by a forked child process at the same time
    as `here` where `worth` it and there are two cores, else one after the other. For two
    different pieces of pure work on the same data, where `in_two` cuts one piece in two;
    the same rules hold (`there`'s result is pickled back, a failed child is not fatal).
    `apart` tells `there` whether it runs in the child: what it changes there is not seen
    here, so it returns it."""
    if not worth or _cores() < 2 or not hasattr(os, "fork"):
        return here(), there(False)
    first, second = _forked(here, lambda: (there(True),))
    return first, (second[0] if second is not None else there(False))


def _forked(here: Callable[[], T], there: Callable[[], U]) -> tuple[T, U | None]:
    """`here()` in this process and `there()` in a forked child, at the same time; None for
    the child's part when the child failed."""
    import pickle  # here: `check` of one file imports this module and never forks
    import signal

    scratch = _scratch()
    pid = os.fork()
    if pid == 0:  # the child: compute, write, and leave without running any exit handler
        code = 1
        try:
            with os.fdopen(scratch, "wb", closefd=False) as out:
                pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.dispatch_table = {**copyreg.dispatch_table, **_AS_FIELDS}
                pickler.dump(there())
            code = 0
        finally:
            os._exit(code)
    try:
        try:
            first = here()
        except BaseException:
            os.kill(pid, signal.SIGKILL)  # its part is of no use now
            raise
        finally:
            _, status = os.waitpid(pid, 0)
        found = _read_back(scratch) if status == 0 else None
    finally:
        os.close(scratch)
    return first, (found[0] if found is not None else None)


def parent_share(work: float, dump: float) -> float:
    """The part of the items the parent should take so that both processes finish together,
    from the measured cost of the whole work and of pickling the whole result (the child's
    extra work): the child's part `1 - s` costs `(work + dump) * (1 - s)`, the parent's
    `work * s`. An even split left the parent idle while the child pickled its half, then
    made it unpickle the whole half alone (at 300,000 entries, reading: 1.4 s pickling and
    2.0 s unpickling a half of 10.3 s of parsing); a larger parent part also shrinks what
    it has to unpickle."""
    return (work + dump) / (2 * work + dump)


def _scratch() -> int:
    """A file descriptor of an anonymous file, in memory where the system has them."""
    try:
        return os.memfd_create("refmerge-half")
    except (AttributeError, OSError):  # not Linux: a temporary file, already unlinked
        import tempfile

        return os.dup(tempfile.TemporaryFile().fileno())


def _read_back(fd: int) -> tuple[Any] | None:
    """The object the child pickled into `fd` (in a 1-tuple), or None if it is not whole."""
    import mmap
    import pickle

    size = os.fstat(fd).st_size
    if not size:
        return None
    try:
        with mmap.mmap(fd, size, prot=mmap.PROT_READ) as view:
            return (pickle.loads(view),)
    except Exception:  # a torn file: the child did not finish
        return None
