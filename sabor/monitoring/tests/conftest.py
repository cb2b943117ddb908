import pytest

from sabor.monitoring.testing import make_indicator, make_plan
from sabor.planning import services as planning


@pytest.fixture
def indicator(municipality):
    """An indicator of a goal of a public plan of the municipality."""
    plan = make_plan(municipality)
    return make_indicator(municipality, planning.add_node(actor=None, plan=plan, parent=None, title="Цел"))
