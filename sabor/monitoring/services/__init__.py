"""Monitoring's writes, one module per feature: `values` (indicators, targets and the workflow of
their values), `evaluations`, `reports`, `observations`, `imports`, `methodology` and
`plan_page` (the plan page's cache). The values workflow is the one most callers use, so its
functions are also reachable as ``services.save_measurement`` and so on."""

from sabor.monitoring.services.values import (
    check_number,
    check_period,
    create_indicator,
    delete_measurement,
    return_measurement,
    save_measurement,
    set_target,
    submit_measurement,
    update_indicator,
    verify_measurement,
)

__all__ = ["check_number", "check_period", "create_indicator", "delete_measurement", "return_measurement",
           "save_measurement", "set_target", "submit_measurement", "update_indicator", "verify_measurement"]
