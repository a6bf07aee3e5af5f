"""A generator of realistic news projects for benchmarks, from a seed: nothing is downloaded.

Articles mix absolute dates, year-less dates, weekdays and relative expressions
("yesterday", "last week", "earlier this month", "two days later") in sentences
of varied length, the way wire copy does.

    python benchmarks/corpus.py DIR --articles 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

PLACES = ["Aleppo", "Damascus", "Homs", "Hama", "Idlib", "Daraa", "Raqqa", "Deir ez-Zor", "Latakia", "Tartus",
          "Manbij", "Kobani", "Douma", "Palmyra", "Qamishli"]
ACTORS = ["government forces", "rebel fighters", "Kurdish-led forces", "Turkish-backed groups", "the army",
          "opposition activists", "a monitoring group", "the United Nations", "aid agencies", "local officials"]
ACTIONS = ["launched an offensive near", "withdrew from", "shelled", "negotiated a truce in", "entered",
           "reported heavy fighting in", "delivered aid to", "imposed a curfew in", "evacuated civilians from",
           "held talks about"]
FILLER = ["Residents described scenes of panic as families packed what they could carry.",
          "The claims could not be independently verified.",
          "Officials declined to comment on the reports.",
          "Humanitarian groups warned that supplies of food and medicine were running low.",
          "The fighting has displaced thousands of people over the course of the conflict.",
          "Analysts said the move was likely to shift the balance of power in the region."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _date_phrase(rng: random.Random, published: date) -> str:
    past = published - timedelta(days=rng.randint(1, 25))
    choices = [
        "yesterday", "on " + past.strftime("%A"), "last week", "earlier this month", "last year", "two days later",
        f"on {past.day} {MONTHS[past.month - 1]}", f"on {MONTHS[past.month - 1]} {past.day}",
        f"on {past.day} {MONTHS[past.month - 1]} {past.year}", f"in {MONTHS[past.month - 1]} {past.year}",
        f"in {past.year - rng.randint(1, 10)}", "three years ago", "the following day", "on Christmas Day",
    ]
    return rng.choice(choices)


def _sentence(rng: random.Random, published: date) -> str:
    subject = rng.choice(ACTORS)
    sentence = f"{subject[0].upper()}{subject[1:]} {rng.choice(ACTIONS)} {rng.choice(PLACES)} {_date_phrase(rng, published)}"
    if rng.random() < 0.4:
        sentence += f", according to {rng.choice(ACTORS)}"
    return sentence + "."


def article_text(rng: random.Random, number: int) -> str:
    """One Markdown article with front matter; length varies from a brief to a long report."""
    published = date(2011, 3, 1) + timedelta(days=rng.randint(0, 5000))
    paragraphs = []
    for _ in range(rng.randint(3, 14)):
        sentences = [_sentence(rng, published) if rng.random() < 0.6 else rng.choice(FILLER)
                     for _ in range(rng.randint(1, 4))]
        paragraphs.append(" ".join(sentences))
    title = f"Report {number}: {rng.choice(ACTORS)} in {rng.choice(PLACES)}"
    front = f"---\ntitle: \"{title}\"\npublished: {published.isoformat()}\nsource: Wire\ntags: [syria]\n---\n"
    return front + "\n\n".join(paragraphs) + "\n"


def make_project(folder: Path, articles: int, seed: int = 7) -> Path:
    """Write a project of ``articles`` generated articles into ``folder`` and return it."""
    rng = random.Random(seed)
    target = folder / "content" / "articles"
    target.mkdir(parents=True, exist_ok=True)
    for number in range(articles):
        (target / f"{number:05d}.md").write_text(article_text(rng, number), encoding="utf-8")
    (folder / "timeline.toml").write_text(
        '[site]\ntitle = "Generated"\nrange_begin = 2010-12-01\nrange_end = 2024-12-31\n', encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    make_project(args.folder, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {args.folder}")


if __name__ == "__main__":
    main()
