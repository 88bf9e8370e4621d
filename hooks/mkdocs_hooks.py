"""The file mkdocs.yml names under ``hooks:``. MkDocs calls the ``on_*`` functions it finds
here; they live in ``handbook.mkdocs.events``, the adapter between MkDocs and the engine."""

from handbook.mkdocs.events import *  # noqa: F403  # MkDocs looks the events up by name on this module
