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


def test_every_node_title_is_written_as_dutch_writes_it():
    """No Title Case from viewflow's automatic titles: "Is geregistreerd", not "Is
    Geregistreerd"."""
    from workflows.flows import FLOWS

    titles = [str(n.task_title) for f in FLOWS for n in f.instance.nodes()]
    shouted = [t for t in titles if any(w[:1].isupper() for w in t.split()[1:])]
    assert titles and shouted == []
