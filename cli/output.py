"""Writing results safely and printing diagnostics; the only place the CLI touches files."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from refmerge.refs.formats.sources import source_encoding
from refmerge.refs.model import Diagnostic, Severity


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write through a temporary file in the same folder and rename it over the target.

    A crash or a full disk leaves either the old file or the new one, never half of one.
    Raises UnicodeEncodeError, before anything is written, when `encoding` cannot hold
    the text.
    """
    import tempfile  # here: `check` writes nothing, and start-up is a hook's whole cost

    data = text.encode(encoding)
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: str | None, text: str) -> None:
    """`None` or '-' means stdout."""
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(path, text)


def print_diagnostics(
    diagnostics: Iterable[Diagnostic], min_severity: Severity = Severity.INFO
) -> None:
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    for d in diagnostics:
        if order[d.severity] <= order[min_severity]:
            print(str(d), file=sys.stderr)


def write_in_place(
    path: str, text: str, encoding: str | None = None, outputs: Outputs | None = None
) -> bool:
    """Rewrite a file in the encoding it was read in; False (error printed, file untouched)
    when that encoding cannot hold the text.

    With `outputs`, the new text is only prepared there (committed with the run's other
    files); alone, it is written at once. A symbolic link is written through: its target
    gets the new text and the link stays. A hard-linked file is replaced by a new file,
    so its other names keep the old text (as with any atomic rewrite).
    """
    target = source_encoding(path, encoding)
    plan = outputs if outputs is not None else Outputs()
    try:
        plan.put(path, text, target)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        print(
            f"{path}: error: {bad!r} cannot be written in {target}, the file's encoding; nothing "
            "written (use --ascii to write it as LaTeX, or convert the file to UTF-8 with -o)",
            file=sys.stderr,
        )
        return False
    if outputs is None:
        plan.commit()
    return True


class OutputError(Exception):
    """A target that cannot be written; `str()` is the message for the user."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: error: {message}")
        self.path = path


def _real(path: str) -> Path:
    """Where writing `path` lands: symlinks followed (an in-place rewrite writes through a
    link to its target, as editors do), relative parts resolved; a loop is an OSError."""
    return Path(os.path.realpath(path, strict=False))


@dataclass(slots=True)
class _Staged:
    shown: str
    target: Path
    tmp: Path


@dataclass
class Outputs:
    """Everything one command run writes, checked before the work and committed together.

    `claim` each target first (a missing folder, a directory, a target that is an input
    or another output stops the run before anything is read); `put` the texts once they
    are all ready (each is written to a temporary file beside its target, so a read-only
    folder or a full disk fails here, still with nothing replaced); `commit` renames them
    all into place. A half-written result (a library whose absorbed keys are gone while
    the .tex file still cites them) cannot happen: either every file is replaced or none.
    """

    inputs: Sequence[str] = ()
    _claimed: dict[Path, str] = field(default_factory=dict)
    _staged: list[_Staged] = field(default_factory=list)
    _stdout: list[str] = field(default_factory=list)
    _input_paths: dict[Path, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for path in self.inputs:
            if path != "-":
                try:
                    self._input_paths[_real(path)] = path
                except (OSError, RuntimeError):
                    continue  # an unreadable input is reported when it is read

    def claim(
        self, path: str | None, option: str, *, may_be_input: bool = False, if_changed: bool = False
    ) -> None:
        """Check that `path` can be written by this run; raise OutputError if not.

        `may_be_input`: the target may be one of the inputs (an in-place rewrite, or
        `merge a.bib new.ris -o a.bib`, whose output holds every input record).
        `if_changed`: the file is rewritten only if its text changes (`format --in-place`,
        `check --fix`), so a read-only folder is an error only then (found by `put`).
        """
        if path is None or path == "-":
            return
        try:
            real = _real(path)
        except (OSError, RuntimeError):
            raise OutputError(path, f"cannot write {option} here: a symbolic link loop") from None
        other = self._claimed.get(real)
        if other is not None:
            raise OutputError(
                path, f"{option} names the same file as {other}; nothing written (use two paths)"
            )
        if not may_be_input and real in self._input_paths:
            raise OutputError(
                path,
                f"{option} names an input file ({self._input_paths[real]}); writing it would "
                "replace that input; nothing written (choose another path)",
            )
        folder = real.parent
        if real.is_dir():
            raise OutputError(path, f"{option} names a folder, not a file; nothing written")
        if not folder.is_dir():
            raise OutputError(
                path, f"cannot write {option}: the folder {folder} does not exist; nothing written"
            )
        if not if_changed and not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(
                path, f"cannot write {option}: the folder {folder} is not writable; nothing written"
            )
        self._claimed[real] = f"{option} {path}"

    def put(self, path: str | None, text: str, encoding: str = "utf-8") -> None:
        """Prepare one output (stdout for None or '-'); raises OutputError, or
        UnicodeEncodeError when `encoding` cannot hold the text, before anything is replaced."""
        if path is None or path == "-":
            self._stdout.append(text)
            return
        import tempfile  # see write_atomic

        data = text.encode(encoding)
        target = _real(path)
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:
            self.discard()
            raise OutputError(path, f"cannot write: {exc.strerror}; nothing written") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
            os.chmod(tmp, mode)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            self.discard()
            raise OutputError(path, f"cannot write: {exc.strerror}; nothing written") from None
        self._staged.append(_Staged(path, target, Path(tmp)))

    def discard(self) -> None:
        """Remove every prepared file: the targets stay as they were."""
        for staged in self._staged:
            staged.tmp.unlink(missing_ok=True)
        self._staged.clear()

    def commit(self) -> None:
        """Rename every prepared file over its target, then print what goes to stdout."""
        try:
            for staged in self._staged:
                os.replace(staged.tmp, staged.target)
        except OSError as exc:
            self.discard()
            raise OutputError(staged.shown, f"cannot replace: {exc.strerror}") from None
        self._staged.clear()
        for text in self._stdout:
            sys.stdout.write(text)
        sys.stdout.flush()
        self._stdout.clear()
