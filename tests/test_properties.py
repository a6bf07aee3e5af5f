"""Properties that must hold for any text: segmenter offsets, and titles made of whole words of the sentence."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.sentences import split_sentences
from timeline.titles import make_title

WORDS = st.sampled_from(["Mr.", "U.S.", "said", "on", "Friday", "rebels", "took", "Hama", ",", ".", "\n", "“", "”",
                         "according", "to", "the", "group", "yesterday", "–", "(", ")", "Dec.", "8", "1,000", "!",
                         "which", "who", "when", "until", "backed", "by", "and", "With", "withdrew", "around"])
TEXT = st.lists(WORDS, max_size=40).map(" ".join)


@given(TEXT)
def test_every_sentence_is_the_text_at_its_offsets(text: str):
    for sentence in split_sentences(text):
        assert sentence.text and text[sentence.start:sentence.end] == sentence.text


@settings(max_examples=300)
@given(st.lists(WORDS, min_size=1, max_size=40), st.data())
def test_titles_are_made_of_whole_words_of_the_sentence_without_edge_punctuation(tokens: list[str], data):
    sentence = " ".join(tokens)
    first = data.draw(st.integers(0, len(tokens) - 1))
    last = data.draw(st.integers(first, len(tokens) - 1))
    start = len(" ".join(tokens[:first])) + (1 if first else 0)
    end = len(" ".join(tokens[:last + 1]))
    title = make_title(sentence, (start, end)).rstrip("…")
    assert title == title.strip(" ,;:–—-")
    assert set(re.findall(r"\w+", title.lower())) <= set(re.findall(r"\w+", sentence.lower()))
