"""``timeline new``: a project that builds at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timeline.errors import ContentError

CONFIG = """[site]
title = "My timeline"
description = "A chronology built from news articles."
theme = "default"
# range_begin = 2010-01-01
# range_end = 2024-12-31
"""

ARTICLE = """---
title: "Example: the project was created"
published: {today}
source: timeline staff
tags: [example]
---
This project was created today. Put news articles in content/articles/ as Markdown
files with a title and a publication date, then run timeline build.
"""


def scaffold(directory: Path) -> None:
    """Create ``timeline.toml``, one example article and an empty ``themes/`` override folder."""
    if (directory / "timeline.toml").exists():
        raise ContentError(directory / "timeline.toml", "a project already exists here")
    (directory / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (directory / "content" / "events").mkdir(exist_ok=True)
    (directory / "themes").mkdir(exist_ok=True)
    (directory / "timeline.toml").write_text(CONFIG, encoding="utf-8")
    (directory / "content" / "articles" / "example.md").write_text(
        ARTICLE.format(today=date.today().isoformat()), encoding="utf-8")
