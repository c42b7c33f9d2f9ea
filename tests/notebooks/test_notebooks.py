"""The tutorial notebooks run top to bottom on a clean checkout and say what the corpus says.

Each notebook ends by printing one JSON line of the answers its closing text quotes; the tests
below compare those answers with facts read by hand from the five sample plans and the gold notes
(`../shared/gold/README.md`), not with anything the library computed.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is in the dev extra")
nbclient = pytest.importorskip("nbclient", reason="nbclient is in the dev extra")
pytest.importorskip("ipykernel", reason="ipykernel is in the dev extra")

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 180  # seconds; a whole notebook takes well under a minute


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_notebooks", NOTEBOOKS / "build_notebooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def kernel_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A `python3` kernelspec whose interpreter is this one, so notebooks import this checkout."""
    root = tmp_path_factory.mktemp("jupyter")
    spec_dir = root / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (test)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(root))  # searched before the user's and system kernels
        # The kernel inherits the environment; a headless Agg backend set for other tests would
        # make the notebooks' charts silently not display.
        patch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        yield


@pytest.fixture(scope="module")
def answers(kernel_path: None) -> dict[str, Any]:
    """Execute every notebook once; map its name to the answers it printed (or the error)."""
    results: dict[str, Any] = {}
    for name in NAMES:
        notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
        client = nbclient.NotebookClient(
            notebook,
            kernel_name="python3",
            timeout=CELL_TIMEOUT,
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        try:
            client.execute()
        except nbclient.exceptions.CellExecutionError as error:
            results[name] = error
            continue
        results[name] = _printed_answers(notebook)
    return results


def _printed_answers(notebook: Any) -> dict[str, Any]:
    last = [c for c in notebook.cells if c.cell_type == "code" and "json.dumps(" in c.source][-1]
    text = "".join(o.get("text", "") for o in last.outputs if o.output_type == "stream")
    return json.loads(text.strip().splitlines()[-1])


def _answers_of(answers: dict[str, Any], name: str) -> dict[str, Any]:
    result = answers[name]
    if isinstance(result, Exception):
        pytest.fail(f"{name} failed:\n{result}")
    return result


def test_every_notebook_is_listed() -> None:
    assert NAMES == [
        "01_trace_25-NQ-TW.ipynb",
        "02_who_cites_a_decision.ipynb",
        "03_briefing_map.ipynb",
        "04_sparql_cookbook.ipynb",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_stored_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert code_cells
    for cell in code_cells:
        assert cell.outputs == [], f"{name}: a cell was stored with outputs"
        assert cell.execution_count is None, f"{name}: a cell was stored with a count"


@pytest.mark.parametrize("name", NAMES)
def test_stored_notebook_is_what_the_script_writes(name: str, tmp_path: Path) -> None:
    _load_builder().write_all(tmp_path)
    assert (tmp_path / name).read_text(encoding="utf-8") == (NOTEBOOKS / name).read_text(
        encoding="utf-8"
    ), f"{name} was edited by hand or not regenerated: run notebooks/build_notebooks.py"


@pytest.mark.parametrize("name", NAMES)
def test_explains_each_step_before_its_code(name: str) -> None:
    kinds = "".join(c.cell_type[0] for c in nbformat.read(NOTEBOOKS / name, as_version=4).cells)
    assert kinds.startswith("m"), f"{name} must open with its question"
    # A step is a text cell followed by at most two code cells.
    assert "ccc" not in kinds, f"{name} has three code cells in a row without a word between"


@pytest.mark.parametrize("name", NAMES)
def test_runs_top_to_bottom(answers: dict[str, Any], name: str) -> None:
    assert isinstance(_answers_of(answers, name), dict)


def test_trace_of_25_2013(answers: dict[str, Any]) -> None:
    found = _answers_of(answers, "01_trace_25-NQ-TW.ipynb")
    # 43-KL/TW continues it (82-KH/BDVTW, gold link); the BDVTW plans review it; the provincial
    # plans implement or inspect it (binhphuoc, haiduong, haiphong).
    assert set(found["chain_documents"]) >= {"43-KL/TW", "1600-KH/BDVTW", "82-KH/BDVTW"}
    assert len(found["chain_documents"]) == 6
    # 36-KH/BDVTU is dated 17/8/2021; 25-NQ/TW 03/6/2013: 2997 days. The other plans are undated.
    assert found["province_lag_days"] == {"Bình Phước": 2997, "Hải Dương": None, "Hải Phòng": None}
    # Gold trap 1: 1600 refs 8 and 30 are 2003, its 8 others 2013; binhphuoc ref 28 is 2003.
    mentions = found["mentions"]
    assert mentions["bdvtw-1600-kh-2018.txt@2003"] == 2
    assert mentions["bdvtw-1600-kh-2018.txt@2013"] == 8
    assert mentions["binhphuoc-36-kh-bdvtu-2021.txt@2003"] == 1
    assert "bdvtw-82-kh-2023.txt@2003" not in mentions
    assert found["citers_2003"]["18-CT/TW"] == "continues"
    assert set(found["citers_2003"]) == {"18-CT/TW", "1600-KH/BDVTW", "36-KH/BDVTU"}
    assert mentions["binhphuoc-36-kh-bdvtu-2021.txt@2013"] == 2


PLANS = {
    "bdvtw-1600-kh-2018.txt",
    "binhphuoc-36-kh-bdvtu-2021.txt",
    "haiduong-bdvtu-kh-hanh-dong-2021.txt",
    "haiphong-bdvtu-kh-2023.txt",
}


@pytest.mark.parametrize("decision", ["217-QĐ/TW", "218-QĐ/TW"])
def test_who_cites_217_and_218(answers: dict[str, Any], decision: str) -> None:
    found = _answers_of(answers, "02_who_cites_a_decision.ipynb")
    # Every plan but 82-KH/BDVTW cites both decisions (gold refs 39-42, 20-21, 20-24, 3-14).
    assert set(found["plan_files"][decision]) == PLANS
    citers = found["citers"][decision]
    # Gold links: 34-CT/TU implements 217 and 218 (haiduong).
    assert citers["34-CT/TU"] == ["implements"]
    assert citers["1600-KH/BDVTW"] in (["reviews"], ["reviews", "inspects"], ["inspects"])
    assert citers["36-KH/BDVTU"] == ["cites"]
    # Gold trap 5: three dates, and who states each.
    assert found["dates"][decision] == {
        "2013-12-12": ["bdvtw-1600-kh-2018.txt", "haiphong-bdvtu-kh-2023.txt", "registry"],
        "2013-12-13": ["binhphuoc-36-kh-bdvtu-2021.txt", "haiduong-bdvtu-kh-hanh-dong-2021.txt"],
        "2014-12-12": ["haiduong-bdvtu-kh-hanh-dong-2021.txt"],
    }
    assert found["shown_date"][decision] == "2013-12-12"


def test_briefing_map(answers: dict[str, Any]) -> None:
    found = _answers_of(answers, "03_briefing_map.ipynb")
    assert found["focus"] == "36-KH/BDVTU"
    # Gold binhphuoc: implements/based_on/continues reach 9 identities (two congress
    # resolutions, Đề án 1217 and the six numbered documents below).
    assert found["documents"] == 10
    assert {"01-CTr/BDVTW", "04-CTr/TU", "23-QĐ/TW", "25-NQ/TW", "31-KH/TU", "1238-QĐ/TU"} <= set(
        found["rests_on"]
    )
    assert len(found["rests_on"]) == 9
    assert found["relations"] == ["based_on", "continues", "implements"]
    # 23-QĐ/TW of 30/7/2021 -> 36-KH/BDVTU of 17/8/2021; 25-NQ/TW of 03/6/2013 -> 2997 days.
    assert found["lag_days"]["23-QĐ/TW"] == 18
    assert found["lag_days"]["25-NQ/TW"] == 2997
    assert found["files"][".png"] == "89504e470d0a1a0a"
    assert bytes.fromhex(found["files"][".svg"]).startswith(b"<?xml") or bytes.fromhex(
        found["files"][".svg"]
    ).startswith(b"<svg")
    assert bytes.fromhex(found["files"][".html"]).lower().startswith(b"<!doctyp")
    assert found["internet_links"] == 0


def test_sparql_cookbook(answers: dict[str, Any]) -> None:
    found = _answers_of(answers, "04_sparql_cookbook.ipynb")
    # The gold relation table (README "Counts"), summed over the five plans: 151 references;
    # the two "hướng dẫn triển khai thực hiện" the gold calls implements are guides.
    assert found["relations"] == {
        "ensures_implementation_of": 43,
        "guides": 2,
        "reviews": 36,
        "cites": 24,
        "inspects": 19,
        "disseminates": 10,
        "based_on": 8,
        "continues": 7,
        "amends": 2,
    }
    assert found["provinces"] == {"Bình Phước": 1, "Hải Dương": 1, "Hải Phòng": 1}
    # The 1 July 2025 provincial mergers; the BDVTW + BTGTW merger of 1 February 2025.
    assert found["since_2025"] == {
        "Bình Phước": "Đồng Nai",
        "Hải Dương": "Hải Phòng",
        "Hải Phòng": "Hải Phòng",
    }
    assert (
        found["successors"]["Ban Dân vận Tỉnh ủy Bình Phước"]
        == "Ban Tuyên giáo và Dân vận Tỉnh ủy Bình Phước"
    )
    assert found["successors"]["Ban Dân vận Trung ương"] == "Ban Tuyên giáo và Dân vận Trung ương"
    # Gold links: 43-KL/TW continues 25-NQ/TW (2013), stated in 82, which reviews 43-KL/TW;
    # 18-CT/TW continues 25-NQ/TW (2003), stated in 1600.
    assert ["82-KH/BDVTW (2023)", "43-KL/TW (2019)", "25-NQ/TW (2013)"] in found["chains_2"]
    assert any(c[1:] == ["18-CT/TW (2018)", "25-NQ/TW (2003)"] for c in found["chains_2"])
    # 25-NQ/TW (2013) is cited in all five plans (and by 43-KL/TW).
    assert found["most_cited_not_ingested"]["doc"] == "25-NQ/TW (2013)"
    assert int(found["most_cited_not_ingested"]["citers"]) >= 5
    assert found["conflicting_dates"] == ["217-QĐ/TW (2013)", "218-QĐ/TW (2013)"]
    # Gold trap 6: 26-KL/TW stays unresolved.
    assert "Kết luận số 26-KL/TW của Ban Bí thư" in found["unsure"]
