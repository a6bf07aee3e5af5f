"""Themes: a folder of Jinja2 templates and static files, which may extend another theme.

A site's own ``templates/`` folder comes first, then the theme, then the theme
it extends, as a :class:`jinja2.ChoiceLoader`; so a site or a child theme
overrides single templates and inherits the rest. Every theme's templates are
also reachable by ``<theme>/<template>``, so a child's ``index.html`` can extend
``default/index.html`` and override only some of its blocks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from markupsafe import Markup, escape

from timeline.errors import ContentError
from timeline.tomlfile import read_toml


@dataclass(frozen=True)
class Theme:
    """A resolved theme: its folders, most specific first."""

    name: str
    folders: tuple[Path, ...]

    @property
    def template_dirs(self) -> list[Path]:
        return [folder / "templates" for folder in self.folders]

    @property
    def static_dirs(self) -> list[Path]:
        return [folder / "static" for folder in self.folders]


def builtin_themes() -> Path:
    return Path(str(resources.files("timeline.themes")))


def theme_folder(name: str, root: Path) -> Path:
    """The project's own ``themes/<name>`` first, so a project can replace a built-in theme."""
    bases = (root / "themes", builtin_themes())
    for base in bases:
        if (base / name / "templates").is_dir():
            return base / name
    known = sorted({folder.name for base in bases if base.is_dir() for folder in base.iterdir()
                    if (folder / "templates").is_dir()})
    raise ContentError(root / "timeline.toml",
                       f"theme '{name}' not found in themes/ or the built-in themes (there are: {', '.join(known)})")


def resolve_theme(name: str, root: Path) -> Theme:
    """Follow ``extends`` in each ``theme.toml`` until a theme that extends nothing."""
    folders: list[Path] = []
    while name:
        folder = theme_folder(name, root)
        if folder in folders:
            raise ContentError(folder / "theme.toml", f"theme '{name}' extends itself through its parents")
        folders.append(folder)
        name = _theme_settings(folder).get("extends", "")
    return Theme(folders[0].name, tuple(folders))


def _theme_settings(folder: Path) -> dict:
    path = folder / "theme.toml"
    return read_toml(path) if path.exists() else {}


def make_environment(theme: Theme, root: Path) -> jinja2.Environment:
    """One environment for the whole render, autoescaping on, site overrides first.

    The same folders holding the same files give the same environment, so a
    rebuild reuses the templates it already compiled; Jinja2 compiles a template
    again when its file changes. A file added or removed is a new environment,
    since it can hide or uncover a template of a folder further down.
    """
    dirs = tuple(d for d in (root / "templates", *theme.template_dirs) if d.is_dir())
    files = tuple(tuple(sorted(path.relative_to(d).as_posix() for path in d.rglob("*"))) for d in dirs)
    return _environment(dirs, files, theme.folders)


@functools.lru_cache(maxsize=8)
def _environment(dirs: tuple[Path, ...], files: tuple[tuple[str, ...], ...],
                 theme_folders: tuple[Path, ...]) -> jinja2.Environment:
    """The environment of ``make_environment``; ``files`` is only part of the cache key."""
    by_theme = jinja2.PrefixLoader({folder.name: jinja2.FileSystemLoader(str(folder / "templates"))
                                    for folder in theme_folders})
    loader = jinja2.ChoiceLoader([*(jinja2.FileSystemLoader(str(d)) for d in dirs), by_theme])
    return ThemeEnvironment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                            trim_blocks=True, lstrip_blocks=True)


def markup_or_escape(value: object) -> Markup:
    """``markupsafe.escape``, but a value that is :class:`Markup` already is passed on as it is.

    ``escape`` makes a new copy of every Markup it is given; a year's bands of cards are one Markup of
    megabytes, output on the index and on the year's page at each build, and copying them is wasted work.
    """
    return value if type(value) is Markup else escape(value)


class MarkupPassingCodeGenerator(CodeGenerator):
    """Compiles ``{{ ... }}`` under autoescape to :func:`markup_or_escape` instead of ``escape``; the output is
    the same text."""

    def _output_child_pre(self, node: jinja2.nodes.Expr, frame: Frame, finalize: object) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.markup_or_escape(")
        if finalize.src is not None:
            self.write(finalize.src)


class ThemeEnvironment(jinja2.Environment):
    """The environment themes render in: Jinja2's own, compiling output as :class:`MarkupPassingCodeGenerator` does."""

    code_generator_class = MarkupPassingCodeGenerator
    markup_or_escape = staticmethod(markup_or_escape)
