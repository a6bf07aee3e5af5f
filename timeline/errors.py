"""The one exception users see: bad content, named by file and line; and the stop a service manager asks for."""

from __future__ import annotations


class ContentError(Exception):
    """Input the tool cannot use; carries the file and, where known, the line."""

    def __init__(self, path: object, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class Terminated(KeyboardInterrupt):
    """SIGTERM while serving or watching (a service manager's stop, ``kill``): the command stops as on Ctrl-C, in
    order, and exits with 143, as a shell reports a process it terminated."""
