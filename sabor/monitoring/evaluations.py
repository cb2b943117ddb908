"""The former address of `sabor.monitoring.services.evaluations`, kept for callers not yet moved to it."""

from sabor.monitoring.services.evaluations import *  # noqa: F403
