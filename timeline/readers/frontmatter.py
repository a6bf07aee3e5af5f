"""YAML front matter and sidecar metadata, checked into plain values."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import yaml

from timeline.errors import ContentError
from timeline.tomlfile import read_toml

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
PUBLISHED_KEYS = ("published", "date", "pubDate")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it: the same documents, read many times faster."""


def split_front_matter(raw: str, path: Path) -> tuple[dict, int]:
    """Return the front matter as a dict and the offset where the body starts.

    A file without front matter yields ``({}, 0)``.
    """
    match = FRONT_MATTER.match(raw)
    if not match:
        if raw.lstrip("\ufeff").startswith("---"):
            raise ContentError(path, "front matter is opened with '---' but never closed", 1)
        return {}, 0
    try:
        data = yaml.load(match.group(1), Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        # The context mark is where the broken construct opens ('[' never closed);
        # the problem mark is often just the end of the front matter.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise ContentError(path, f"invalid YAML front matter: {problem}", line) from None
    if not isinstance(data, dict):
        raise ContentError(path, "front matter must be a mapping of keys to values", 2)
    return data, match.end()


def parse_published(value: object, path: Path, line: int | None = None, language: str = "en") -> date | None:
    """Turn a front matter date (a YAML date, or text such as '2023-07-07 00:07') into a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    parsed = _parse_written_date(text, language)
    if parsed is None:
        raise ContentError(path, f"publication date {text!r} is not a date (write it as YYYY-MM-DD)", line)
    return parsed.date()


def _parse_written_date(text: str, language: str) -> datetime | None:
    """A date written out ('March 15, 2011'), read in the article's language or English.

    Naming the languages matters: left to guess among all its locales, dateparser
    spends seconds on every string that is not a date.
    """
    import dateparser

    languages = list(dict.fromkeys([language.split("-")[0].lower(), "en"]))
    try:
        return dateparser.parse(text, languages=languages, settings={"STRICT_PARSING": True})
    except ValueError:  # a language dateparser does not know
        return dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})


def published_from(meta: dict, path: Path, language: str = "en") -> date | None:
    """The first publication key that holds a value; an empty one (``date: []``) is no date, not an error."""
    for key in PUBLISHED_KEYS:
        if meta.get(key) not in (None, "", [], {}):
            try:
                return parse_published(meta[key], path, language=language)
            except ContentError as error:
                # The file is read again for the line only when there is an error to report.
                raise ContentError(path, error.message, key_line(path, key)) from None
    return None


def has_published(meta: dict) -> bool:
    """Whether metadata names a publication date at all."""
    return any(key in meta for key in PUBLISHED_KEYS)


def key_line(path: Path, key: str) -> int | None:
    """The line of ``key:`` in a file's front matter, for error messages."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if line.startswith(f"{key}:"):
                return number
    except OSError:
        return None
    return None


def as_tags(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(tag.strip() for tag in value.split(",") if tag.strip())
    if isinstance(value, (list, tuple)):
        return tuple(str(tag).strip() for tag in value if str(tag).strip())
    return (str(value),)


def sidecar_path(path: Path) -> Path:
    """Metadata for a file that cannot carry it lives beside it as ``<stem>.meta.toml``."""
    return path.with_name(f"{path.stem}.meta.toml")


def read_sidecar(path: Path) -> dict:
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return {}
    return read_toml(sidecar)
