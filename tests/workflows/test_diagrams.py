from pathlib import Path

import pytest
from viewflow.workflow import chart

from workflows.flows import FLOWS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "processen"


@pytest.mark.parametrize("flow", FLOWS)
def test_the_diagram_in_docs_is_the_flow_as_it_is(flow):
    current = chart.grid_to_svg(chart.calc_layout_data(flow))
    committed = (DOCS / f"{flow.__name__}.svg").read_text()
    assert committed.strip() == current.strip(), "run `make diagrams` and commit docs/processen"
