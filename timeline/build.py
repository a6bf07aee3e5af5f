"""``timeline build``: the pipeline from source folders to a written site.

Each article is processed by :func:`process_article`, a pure function of the
file, so that results can be cached or computed in other processes; a bad
article becomes a diagnostic and never loses the others' events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from timeline.cache import ArticleCache
from timeline.chronology import build_chronology, load_eras
from timeline.config import SiteConfig, load_config
from timeline.curated import load_curated
from timeline.errors import ContentError
from timeline.events import extract_events, merge_events
from timeline.model import Article, Chronology, Diagnostic, Event
from timeline.readers import is_article, read_article
from timeline.readers.frontmatter import split_front_matter
from timeline.readers.markdown_text import render_markdown
from timeline.site import render_site
from timeline.tagger import tag_article_text


@dataclass
class ArticleResult:
    """What one article contributes: itself, its events and its problems."""

    path: Path
    article: Article | None
    events: list[Event] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class BuildResult:
    chronology: Chronology
    output: Path
    pages: int

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.chronology.warnings if d.severity == "error"]


def discover_articles(config: SiteConfig) -> list[Path]:
    """Article files under the configured folders, in a stable order."""
    found = []
    for folder in config.article_dirs:
        base = config.root / folder
        if base.is_dir():
            found += sorted(p for p in base.rglob("*") if p.is_file() and is_article(p))
    return found


def process_article(path: Path, root: Path, language: str = "en") -> ArticleResult:
    """Read, tag and extract one article; never raises for bad content."""
    try:
        article, diagnostics = read_article(path, language)
    except ContentError as error:
        return ArticleResult(path, None, diagnostics=[Diagnostic(error.path, error.line, error.message, "error")])
    events = extract_events(article, tag_article_text(article), root)
    return ArticleResult(path, article, events, diagnostics)


def read_about(path: Path) -> str:
    if not path.exists():
        return ""
    raw = path.read_text(encoding="utf-8")
    _, body_start = split_front_matter(raw, path)
    return render_markdown(raw[body_start:])


def process_articles(config: SiteConfig, cache: ArticleCache | None = None) -> list[ArticleResult]:
    """Every article's result, taken from ``cache`` where the article has not changed."""
    paths = discover_articles(config)
    if cache is None:
        return [process_article(path, config.root, config.language) for path in paths]
    return [cache.result(path, config.root, config.language, process_article) for path in paths]


def collect(config: SiteConfig, cache: ArticleCache | None = None) -> Chronology:
    """Everything but the writing: articles, curated events, eras, ordered into a chronology."""
    results = process_articles(config, cache)
    diagnostics = [d for result in results for d in result.diagnostics]
    curated, problems = load_curated(config.root / config.events_dir, config.root)
    extracted = merge_events([event for result in results for event in result.events])
    chronology = build_chronology(config, curated + extracted, load_eras(config.root / config.eras_file),
                                  diagnostics + problems)
    chronology.articles = [result.article for result in results if result.article is not None]
    return chronology


def build(project: Path, output: Path | None = None, use_cache: bool = True) -> BuildResult:
    """Build the site of the project at ``project`` into ``output`` (default: its configured output).

    Unchanged articles come from the project's cache unless ``use_cache`` is false.
    """
    config = load_config(project)
    chronology = collect(config, ArticleCache(config.root) if use_cache else None)
    target = output or config.output_dir
    pages = render_site(chronology, config, target, read_about(config.root / config.about_file))
    return BuildResult(chronology, target, pages)
