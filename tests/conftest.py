"""Shared test helpers.

Data under ../shared lives outside the repository: on a user's fresh clone it is
absent and the tests that need it skip with a reason; in CI (CI=true) it must be
there, so a missing folder fails the run instead of silently skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def shared_path(*parts: str) -> Path:
    """Path under ../shared, skipping the test (failing it in CI) when absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared")
        pytest.skip(f"{path} is absent (the shared data sits beside the repository, not in it)")
    return path


def tool_or_skip(name: str) -> str:
    """Absolute path of an external tool, skipping when absent (failing in CI)."""
    import shutil

    found = shutil.which(name)
    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed: .ci/run must install it")
        pytest.skip(f"{name} is not installed (CI installs it)")
    return found
