"""Models of the incubation domain and the shared kernel, one module per area."""

from .hubs import Hub
from .letters import LetterKind

__all__ = ["Hub", "LetterKind"]
