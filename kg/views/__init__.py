"""Maps of the document graph: interactive offline HTML, slides, coverage tiles, Gephi exports.

Every renderer takes the `networkx.MultiDiGraph` the queries produce (node key = document IRI,
edges from the acting document to the one it acts on) and shares one set of encodings
(`kg.views.style`) and one layout (`kg.views.layout`), so all outputs tell the same story.
"""

from kg.views.coverage import render_coverage
from kg.views.exchange import write_exchange
from kg.views.html import inline_html, render_html
from kg.views.output import OutputError
from kg.views.static import render_static

__all__ = [
    "OutputError",
    "inline_html",
    "render_coverage",
    "render_html",
    "render_static",
    "write_exchange",
]
