"""The ``incubator`` app's models module, as Django loads it: the shared kernel's models and the
incubation domain's, each defined in its own subpackage (``incubator.kernel.models``,
``incubator.incubation.models``). Kernel code imports ``incubator.kernel.models``."""

from incubator.incubation.models import *  # noqa: F403
from incubator.incubation.models import __all__ as _incubation
from incubator.kernel.models import *  # noqa: F403
from incubator.kernel.models import __all__ as _kernel

__all__ = sorted([*_incubation, *_kernel])  # noqa: PLE0604
