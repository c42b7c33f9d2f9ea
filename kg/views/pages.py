"""HTML page plumbing shared by the map and the coverage view: templates, assets, safe JSON."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup


@cache
def page_templates() -> Environment:
    """Our Jinja templates, autoescaped everywhere: document strings are never markup."""
    return Environment(
        loader=PackageLoader("kg.views", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def asset(name: str) -> Markup:
    """One of our own static files (script or stylesheet), to inline in a page."""
    return Markup(files("kg.views").joinpath("static", name).read_text(encoding="utf-8"))


def script_json(value: object) -> Markup:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element early."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
