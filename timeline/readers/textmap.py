"""Build an article's text piece by piece while remembering where each piece came from."""

from __future__ import annotations

from timeline.model import OffsetMap


class TextBuilder:
    """Concatenates pieces of a file (or inserted separators) into text plus an :class:`OffsetMap`."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._text_starts: list[int] = []
        self._file_starts: list[int] = []

    def copy(self, piece: str, file_offset: int) -> None:
        """Append ``piece``, which stands at ``file_offset`` in the file."""
        if not piece:
            return
        expected = None
        if self._text_starts:
            expected = self._file_starts[-1] + self._length - self._text_starts[-1]
        if expected != file_offset:
            self._text_starts.append(self._length)
            self._file_starts.append(file_offset)
        self._parts.append(piece)
        self._length += len(piece)

    def insert(self, piece: str, file_offset: int) -> None:
        """Append text that is not in the file (a joining space); it maps to ``file_offset``."""
        for character in piece:
            self._text_starts.append(self._length)
            self._file_starts.append(file_offset)
            self._parts.append(character)
            self._length += 1

    @property
    def length(self) -> int:
        return self._length

    def build(self) -> tuple[str, OffsetMap]:
        if not self._text_starts:
            return "", OffsetMap.identity()
        return "".join(self._parts), OffsetMap(tuple(self._text_starts), tuple(self._file_starts))
