"""Project configuration: `refmerge.toml` or `[tool.refmerge]` in `pyproject.toml`.

Found like ruff finds its own: walk up from the checked file, the nearest folder
with a `refmerge.toml` (or a `pyproject.toml` that has a `[tool.refmerge]`
table) wins. Discovery is kept apart from the commands (black's `files.py`
idea); every command gets one frozen `Settings` and reads its own keys.

    # pyproject.toml                      # refmerge.toml (same keys, top level)
    [tool.refmerge]                       select = ["RM"]
    select = ["RM2", "RM3"]               ignore = ["RM310"]
    ignore = ["RM301"]
    extend-select = ["RM401"]
    strictness = "strict"
    key-template = "{author}{year}{title}"
    decisions = "refmerge.decisions"      # relative to the config file
    biblatex = true
    strict = true                         # warnings fail `check` too
"""

from __future__ import annotations

import difflib
import os
import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from refmerge.dedupe.policy import Decisions, Policy, Strictness, parse_decisions
from refmerge.refs.keys import DEFAULT_TEMPLATE


def parse_strictness(value: object, where: str = "") -> Strictness:
    """A config value as a Strictness, or a ConfigError naming the choices."""
    try:
        return Strictness(value)
    except ValueError:
        choices = ", ".join(s.value for s in Strictness)
        raise ConfigError(f"{where}strictness must be one of {choices}, not {value!r}") from None


CONFIG_FILES = ("refmerge.toml", ".refmerge.toml")
KEYS = (
    "select",
    "extend-select",
    "ignore",
    "strictness",
    "key-template",
    "decisions",
    "biblatex",
    "strict",
)
_TEMPLATE_FIELDS = {"author", "year", "title"}


class ConfigError(Exception):
    """A config file that cannot be used; the CLI reports it and exits 2."""


@dataclass(frozen=True)
class Settings:
    """Everything a config file can say; defaults when there is none."""

    select: tuple[str, ...] | None = None  # None: the default selection
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strictness: Strictness = Strictness.BALANCED
    key_template: str = DEFAULT_TEMPLATE
    decisions: Path | None = None  # absolute path of the decisions file
    biblatex: bool | None = None  # None: `check` tells from the file (cli/dialect.py)
    strict: bool = False
    path: Path | None = None  # the config file these came from

    def load_decisions(self) -> Decisions:
        """The remembered decisions (empty without a decisions file)."""
        if self.decisions is None:
            return Decisions()
        try:
            text = self.decisions.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(
                f"{self.path}: cannot read decisions file {self.decisions}: {exc}"
            ) from exc
        try:
            return parse_decisions(text)
        except ValueError as exc:
            raise ConfigError(f"{self.decisions}: {exc}") from exc

    def policy(self) -> Policy:
        """The matching policy these settings ask for; without a configured decisions file,
        ./refmerge.decisions counts as it does for `dupes` and `merge`, so a pair settled
        with `refmerge review` is not reported by `check` again."""
        if self.decisions is None:
            return Policy.preset(self.strictness, decisions=load_decisions_file(None))
        return Policy.preset(self.strictness, decisions=self.load_decisions())


def _table(path: Path) -> Mapping[str, Any] | None:
    """The refmerge table of a config file, or None when a pyproject.toml has none."""
    # imported here: most runs find no config file, and start-up is a hook's whole cost
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("refmerge")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.refmerge] must be a table")
        return cast("Mapping[str, Any] | None", table)
    return cast("Mapping[str, Any]", data)


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start` (a file or a folder)."""
    try:
        folder = start.resolve()
    except (OSError, RuntimeError):
        # a symbolic link loop (RuntimeError before Python 3.13): look from where the link
        # itself lies; reading the input reports the loop with its name
        folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _table(pyproject) is not None:
            return pyproject
    return None


def _codes(path: Path, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{path}: \'{key}\' must be a list of codes such as ["RM2", "RM301"]')
    return tuple(v.strip().upper() for v in value if v.strip())


def check_template(template: str) -> str:
    """A key template may only use {author}, {year} and {title}."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ConfigError(f"bad key template {template!r}: {exc}") from exc
    unknown = names - _TEMPLATE_FIELDS
    if unknown or not names:
        raise ConfigError(
            f"bad key template {template!r}: use {{author}}, {{year}} and {{title}}"
            + (f" (not {', '.join(sorted(unknown))})" if unknown else "")
        )
    return template


def parse_settings(table: Mapping[str, Any], path: Path) -> Settings:
    """Validate one config table; relative paths are taken from the config file's folder."""
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        key = unknown[0]
        close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(KEYS)})"
        raise ConfigError(f"{path}: unknown key '{key}'{hint}")
    values: dict[str, Any] = {"path": path}
    if "select" in table:
        values["select"] = _codes(path, "select", table["select"])
    if "extend-select" in table:
        values["extend_select"] = _codes(path, "extend-select", table["extend-select"])
    if "ignore" in table:
        values["ignore"] = _codes(path, "ignore", table["ignore"])
    if "strictness" in table:
        values["strictness"] = parse_strictness(table["strictness"], f"{path}: ")
    if "key-template" in table:
        if not isinstance(table["key-template"], str):
            raise ConfigError(f"{path}: 'key-template' must be a string")
        try:
            values["key_template"] = check_template(table["key-template"])
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
    if "decisions" in table:
        if not isinstance(table["decisions"], str):
            raise ConfigError(f"{path}: 'decisions' must be a path (string)")
        values["decisions"] = (path.parent / table["decisions"]).resolve()
    for flag in ("biblatex", "strict"):
        if flag in table:
            if not isinstance(table[flag], bool):
                raise ConfigError(f"{path}: '{flag}' must be true or false")
            values[flag] = table[flag]
    return Settings(**values)


def load_config(path: Path) -> Settings:
    """Settings from one config file (an explicit `--config` or a discovered one)."""
    table = _table(path)
    return parse_settings(table or {}, path)


def settings_for(target: str | Path) -> Settings:
    """The settings that apply to a file ('-' means stdin: look from the working folder)."""
    start = Path.cwd() if str(target) == "-" else Path(target)
    found = find_config(start)
    return load_config(found) if found else Settings()


DECISIONS_FILE = "refmerge.decisions"


def load_decisions_file(path: str | None) -> Decisions:
    """The decisions file named, else ./refmerge.decisions when present, else none."""
    if path is None:
        if not Path(DECISIONS_FILE).is_file():
            return Decisions()
        path = DECISIONS_FILE
    try:
        return parse_decisions(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read decisions file {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def matching_settings(
    first_input: str, strictness: Strictness | None, decisions_file: str | None
) -> tuple[Settings, Strictness, Decisions]:
    """Settings, strictness and decisions for the commands that match (dupes, merge).

    Command-line options win, then the project config found from the first input,
    then ./refmerge.decisions. Raises ConfigError with a message for the user.
    """
    settings = settings_for(first_input)
    if decisions_file is None and settings.decisions is not None:
        decisions = settings.load_decisions()
    else:
        decisions = load_decisions_file(decisions_file)
    return settings, strictness or settings.strictness, decisions
