"""The former address of `sabor.monitoring.services.reports`, kept for callers not yet moved to it."""

from sabor.monitoring.services.reports import *  # noqa: F403
