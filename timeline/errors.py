"""The one exception users see: bad content, named by file and line."""

from __future__ import annotations


class ContentError(Exception):
    """Input the tool cannot use; carries the file and, where known, the line."""

    def __init__(self, path: object, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
