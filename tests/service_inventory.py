"""What every app's service-authorization test enumerates: the public functions of a services
package, and those that take the acting person as a keyword-only ``by``."""

import importlib
import inspect
import pkgutil
from types import ModuleType


def public_functions(package: ModuleType):
    """(``module.name``, function) of every public function defined in ``package``'s modules."""
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ == module.__name__:
                yield f"{info.name}.{name}", value


def services_with_by(package: ModuleType) -> set[str]:
    """The public functions of ``package`` whose ``by`` is keyword-only: its services."""
    found = set()
    for name, function in public_functions(package):
        by = inspect.signature(function).parameters.get("by")
        if by is not None and by.kind is inspect.Parameter.KEYWORD_ONLY:
            found.add(name)
    return found
