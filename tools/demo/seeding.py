"""A registry of demo-data steps. Each module of ``tools.demo`` contributes the steps of one
area (incubation, pages, subsidies, tenders), so that ``seed_demo`` needs to know none of them and
the apps carry no demo code. Steps run in order; each must be idempotent: a second run changes
nothing."""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - documented in the README for the demo only


@dataclass(order=True)
class DemoStep:
    order: int
    name: str = field(compare=False)
    run: Callable[["SeedLog"], None] = field(compare=False)


@dataclass
class SeedLog:
    """What a seeding run created, for the command's summary."""

    created: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


_steps: list[DemoStep] = []


def demo_step(order: int):
    """Register a function as a demo-data step; lower orders run first."""

    def register(func: Callable[[SeedLog], None]):
        if not any(step.run is func for step in _steps):
            _steps.append(
                DemoStep(order=order, name=f"{func.__module__}.{func.__name__}", run=func)
            )
        return func

    return register


def demo_steps() -> list[DemoStep]:
    """Every registered step of every installed app, in running order."""
    import tools.demo

    for module in pkgutil.iter_modules(tools.demo.__path__):
        importlib.import_module(f"tools.demo.{module.name}")
    return sorted(_steps)
