"""Sentence segmentation that survives news text.

Abbreviations ("Mr", "U.S.", "Dec."), initials, quotes after the full stop, and
captions without any full stop (a line of their own) are all handled; every
sentence keeps its offsets in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.tagger.context import PAST_VERB

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "cmdr", "adm", "gov", "sen",
    "rep", "st", "mt", "ft", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "approx", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    "e.g", "i.e", "a.m", "p.m", "al", "fig", "est", "rev", "hon", "pres",
}
SENTENCE_FINAL_ABBREVIATIONS = {"u.s", "u.k", "u.n", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "a.m", "p.m"}
SENTENCE_OPENER = re.compile(
    r"\s+[\"'‘“]?(?:The|A|An|He|She|It|They|We|I|His|Her|Its|Their|This|That|These|Those|But|And|In|On|At|"
    r"After|Before|When|While|There)\b"
)
BLOCK_BREAK = re.compile(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)*")
FINITE_VERB = re.compile(rf"(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?:\b(?:is|are|has|have|says)\b|{PAST_VERB.pattern})")
"""A verb that makes a clause of its own: one in the past tense (:data:`~timeline.tagger.context.PAST_VERB`) or an
auxiliary, but not a participle after an article ('a suspected attack')."""
END = re.compile(r"[.!?…]+[\"'’”)\]]*(?=\s+[\"'‘“(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; a line break always ends a sentence (headlines, captions)."""
    sentences: list[Sentence] = []
    position = 0
    for brk in BLOCK_BREAK.finditer(text):
        sentences += _split_block(text, position, brk.start())
        position = brk.end()
    sentences += _split_block(text, position, len(text))
    return sentences


def _split_block(text: str, start: int, end: int) -> list[Sentence]:
    found = []
    position = start
    for match in END.finditer(text, start, end):
        if _is_abbreviation(text, position, match.start()):
            continue
        found.append(_sentence(text, position, match.end()))
        position = match.end()
    found.append(_sentence(text, position, end))
    return [sentence for sentence in found if sentence.text]


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """A full stop that ends an abbreviation or initial rather than the sentence.

    "U.S." or "Inc." can also end a sentence; they do when the next word is one
    that usually opens a sentence ("... backed by the U.S. The rebels ...").
    """
    if text[dot] != ".":
        return False
    word = _word_before(text, start, dot)
    if not word:
        return False
    token = word.group().lower().rstrip(".")
    if token in SENTENCE_FINAL_ABBREVIATIONS and SENTENCE_OPENER.match(text, dot + 1):
        return False
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _word_before(text: str, start: int, dot: int) -> re.Match | None:
    """The word (letters, digits and dots) that ends right before ``dot``, not reaching back before ``start``.

    Looked for in the last few dozen characters first: a pattern that must reach the dot is
    tried from every position it is given, and sentences run to hundreds of characters.
    """
    low = max(start, dot - WORD_REACH)
    found = WORD_AT_END.search(text, low, dot)
    if found is not None and found.start() == low and low > start:
        return WORD_AT_END.search(text, start, dot)
    return found


WORD_AT_END = re.compile(r"[\w.]+$")
WORD_REACH = 40


def _sentence(text: str, start: int, end: int) -> Sentence:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    return Sentence(start + lead, start + lead + len(piece), piece)
