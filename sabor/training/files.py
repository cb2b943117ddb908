"""Who may fetch training's stored files: the same rules as the pages they belong to."""

from __future__ import annotations

from sabor.core import files
from sabor.core.decorators import may_use_office
from sabor.training import selectors
from sabor.training.models import Material


def _material(request, material: Material) -> bool:
    """A programme's materials are public with the programme; a draft's only in the back office."""
    return (selectors.public_programmes(request.municipality).filter(pk=material.programme_id).exists()
            or may_use_office(request, "training.manage"))


def register() -> None:
    files.register(prefix="training", model=Material, field="file", municipality="programme__municipality",
                   may_see=_material)
