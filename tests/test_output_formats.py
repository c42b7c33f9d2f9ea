"""`kg map -o` and `kg export -o` write the format the file's extension names: a slide is a PNG,
SVG or PDF, a page is HTML, a Gephi file is GEXF or GraphML, an RDF file parses as what it says.
Checked by the files' own signatures and by parsing them, never by the name alone.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.cli import main

NQ25_2013 = "https://w3id.org/vankien/doc/tw/nghi-quyet/2013/25"


def _png(path: Path) -> None:
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _pdf(path: Path) -> None:
    assert path.read_bytes()[:5] == b"%PDF-"


def _svg(path: Path) -> None:
    assert ET.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def _html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>")
    assert 'id="kg-data"' in text


def _gexf(path: Path) -> None:
    assert ET.parse(path).getroot().tag.endswith("gexf")
    assert NQ25_2013 in nx.read_gexf(path)


def _graphml(path: Path) -> None:
    assert ET.parse(path).getroot().tag.endswith("graphml")
    assert NQ25_2013 in nx.read_graphml(path)


def _rdf(fmt: ox.RdfFormat) -> Callable[[Path], None]:
    def check(path: Path) -> None:
        parsed = list(ox.parse(path.read_bytes(), format=fmt))
        assert any(NQ25_2013 in str(statement.subject) for statement in parsed)

    return check


MAPS = {
    "x.png": _png,
    "x.svg": _svg,
    "x.pdf": _pdf,
    "x.html": _html,
    "x.gexf": _gexf,
    "x.graphml": _graphml,
}
EXPORTS = {
    "g.ttl": _rdf(ox.RdfFormat.TURTLE),
    "g.nq": _rdf(ox.RdfFormat.N_QUADS),
    "g.trig": _rdf(ox.RdfFormat.TRIG),
    "g.nt": _rdf(ox.RdfFormat.N_TRIPLES),
    "g.gexf": _gexf,
    "g.graphml": _graphml,
}


def _run(*argv: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    assert exited.value.code == 0


@pytest.mark.parametrize("name", list(MAPS))
def test_a_map_is_written_in_the_format_its_name_says(
    corpus_store: Path, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    _run("map", "--trace", "25-NQ/TW@2013", "-o", str(target), "--store", str(corpus_store))
    MAPS[name](target)
    assert [p.name for p in tmp_path.iterdir()] == [name], "only the file asked for"


@pytest.mark.parametrize("name", list(EXPORTS))
def test_an_export_is_written_in_the_format_its_name_says(
    corpus_store: Path, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    _run("export", "-o", str(target), "--store", str(corpus_store))
    EXPORTS[name](target)


def test_format_names_the_export_of_a_file_without_an_extension(
    corpus_store: Path, tmp_path: Path
) -> None:
    target = tmp_path / "graph"
    _run("export", "-o", str(target), "--format", "nq", "--store", str(corpus_store))
    _rdf(ox.RdfFormat.N_QUADS)(target)
