"""Built-in timeline themes, shipped inside the wheel as ``timeline.themes``.

Each folder holds a ``theme.toml``, ``templates/`` (Jinja2) and ``static/``.
"""
