"""OpenAPI component names are class names: two schemas called alike share one component, and the
document then describes one endpoint with the other's shape. `duplicate_schema_names` finds them
(tested for the whole API, so each new app's schemas are checked too)."""

from __future__ import annotations

import typing
from collections import defaultdict

from pydantic import BaseModel


def _models_in(annotation: object, found: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        if annotation.__module__.startswith("tcdesk."):  # not ninja's wrappers of parameters and responses
            found.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _models_in(argument, found)


def duplicate_schema_names() -> dict[str, list[str]]:
    """{component name: [module.Class, …]} for every name that more than one schema of the API uses."""
    from tcdesk.api import api

    found: set[type[BaseModel]] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    _models_in(model, found)
                for model in operation.models:
                    _models_in(model, found)
    by_name: dict[str, list[str]] = defaultdict(list)
    for model in found:
        by_name[model.__name__].append(f"{model.__module__}.{model.__qualname__}")
    return {name: sorted(paths) for name, paths in by_name.items() if len(paths) > 1}
