"""What training plugs in when the site starts, all from plugin.register(): the counts the
monitoring module can link indicators to, its stored files, its personal-data step."""

import inspect

from sabor.core import files, registry
from sabor.monitoring import live
from sabor.training import apps, plugin, selectors
from sabor.training.services import personal_data


def test_the_plugin_registers_live_sources_files_and_personal_data():
    assert {"training.enrolled", "training.trained"} <= set(live.SOURCES)
    assert any(kind.prefix == "training/" for kind in files.KINDS)
    (step,) = [step for step in registry.personal_data() if step.key == "training"]
    assert (step.export, step.erase) == (personal_data.export, personal_data.forget)


def test_importing_the_selectors_registers_nothing_by_itself():
    module = inspect.getsource(selectors)
    assert module.count("live.register(") == inspect.getsource(selectors.register_live_sources).count(
        "live.register(") == 2


def test_the_app_only_calls_the_plugin():
    body = inspect.getsource(apps.TrainingConfig.ready)
    assert "plugin.register()" in body and "registry" not in body and "files" not in body
    assert "register_live_sources" in inspect.getsource(plugin.register)
