"""TOML files of a project (config, sidecars, eras, corrections, theme settings), read with errors that name file and line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from timeline.errors import ContentError


def parse_toml(raw: str, path: Path) -> dict:
    """Parse TOML text from ``path``; a syntax error becomes a :class:`ContentError` with its line."""
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, f"invalid TOML: {error}", error_line(error)) from None


def read_toml(path: Path) -> dict:
    """Read and parse a TOML file; unreadable or invalid files raise :class:`ContentError`."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, "not valid UTF-8") from None
    except OSError as error:
        raise ContentError(path, f"cannot read: {error.strerror}") from None
    return parse_toml(raw, path)


def error_line(error: tomllib.TOMLDecodeError) -> int | None:
    """The line tomllib names in its message (its ``lineno`` attribute is newer than Python 3.11)."""
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else None
