"""The former address of `sabor.planning.services.projects`, kept for callers not yet moved to it."""

from sabor.planning.services.projects import *  # noqa: F403
