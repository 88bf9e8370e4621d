"""The ``handbook`` command-line tool and its commands, over the same core as the build."""

from handbook.cli.main import main

__all__ = ["main"]
