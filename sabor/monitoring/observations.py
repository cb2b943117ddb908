"""The former address of `sabor.monitoring.services.observations`, kept for callers not yet moved to it."""

from sabor.monitoring.services.observations import *  # noqa: F403
